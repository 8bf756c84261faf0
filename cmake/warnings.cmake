# Warnings for the project's own targets: zero tolerated, enforced in CI with GAZETTE_WERROR.
add_library(gazette_warnings INTERFACE)
target_compile_options(gazette_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                  -Wnon-virtual-dtor -Wconversion -Wno-sign-conversion)
if(GAZETTE_WERROR)
  target_compile_options(gazette_warnings INTERFACE -Werror)
endif()
