# Installation: the shared library, public headers, a CMake package (Gazette::gazette) and a
# pkg-config file, so other programs can embed the index.
include(CMakePackageConfigHelpers)

set(GAZETTE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Gazette)

# Components, one Debian package each: runtime (libgazette0: the shared library), dev
# (libgazette-dev: headers, CMake package, pkg-config file, the .so link) and programs
# (gazette: the three programs, their man pages, the systemd unit and a default configuration).
install(TARGETS gazette EXPORT GazetteTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/common/include/gazette
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/common/include/gazette/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gazette COMPONENT dev)

install(EXPORT GazetteTargets NAMESPACE Gazette:: DESTINATION ${GAZETTE_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/GazetteConfig.cmake.in
  ${PROJECT_BINARY_DIR}/GazetteConfig.cmake INSTALL_DESTINATION ${GAZETTE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/GazetteConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/GazetteConfig.cmake ${PROJECT_BINARY_DIR}/GazetteConfigVersion.cmake
  DESTINATION ${GAZETTE_CMAKE_DIR} COMPONENT dev)

file(RELATIVE_PATH GAZETTE_PC_UP /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/gazette.pc.in ${PROJECT_BINARY_DIR}/gazette.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/gazette.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

include(${PROJECT_SOURCE_DIR}/cmake/debian.cmake)
