# Third-party packages, all from Debian; nothing is vendored.
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.1 CONFIG REQUIRED)
# The server's readiness and stop notices to systemd (Type=notify).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)

# Compact Language Detector 2: the language of an article that declares none (Debian ships no
# CMake or pkg-config file for it).
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(Cld2::cld2 UNKNOWN IMPORTED)
set_target_properties(Cld2::cld2 PROPERTIES IMPORTED_LOCATION "${CLD2_LIBRARY}"
                                            INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")

# Xapian's CMake config only sets variables; wrap them in an imported target.
find_package(Xapian 1.4 CONFIG REQUIRED)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian UNKNOWN IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES IMPORTED_LOCATION "${XAPIAN_SHARED_LIBRARY}"
                                                  INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}")
endif()

# jemalloc for the indexer only (not the library): Xapian's indexing allocates heavily and runs
# 4% faster with it on Reuters (5 interleaved runs). Searching is the opposite: with jemalloc,
# Xapian's copies of index blocks into its fresh 8 KiB buffers took several times longer (perf),
# and the bare Xapian floor program ran 28% slower per query (bench/README.md).
option(GAZETTE_JEMALLOC "Link the indexer with jemalloc" ON)
add_library(gazette_allocator INTERFACE)
if(GAZETTE_JEMALLOC)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(JEMALLOC IMPORTED_TARGET jemalloc)
  if(JEMALLOC_FOUND)
    target_link_libraries(gazette_allocator INTERFACE PkgConfig::JEMALLOC)
  else()
    message(WARNING "jemalloc not found: the programs use the C library's allocator")
  endif()
endif()
