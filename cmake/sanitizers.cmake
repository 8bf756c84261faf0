# Instrumented builds, each in a build directory of its own (see scripts/test.sh):
#  GAZETTE_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer on everything, for the tests.
#  GAZETTE_FUZZ: the same plus libFuzzer's coverage instrumentation (clang only).
if(GAZETTE_SANITIZE OR GAZETTE_FUZZ)
  set(sanitizers "-fsanitize=address,undefined")
  if(GAZETTE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
      message(FATAL_ERROR "GAZETTE_FUZZ needs clang: CXX=clang++ cmake ...")
    endif()
    set(sanitizers "${sanitizers} -fsanitize=fuzzer-no-link")
  endif()
  set(CMAKE_CXX_FLAGS "${CMAKE_CXX_FLAGS} ${sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=undefined")
  set(CMAKE_EXE_LINKER_FLAGS "${CMAKE_EXE_LINKER_FLAGS} ${sanitizers}")
  set(CMAKE_SHARED_LINKER_FLAGS "${CMAKE_SHARED_LINKER_FLAGS} ${sanitizers}")
  # jemalloc and ASan's allocator do not mix.
  set(GAZETTE_JEMALLOC OFF CACHE BOOL "" FORCE)
endif()
