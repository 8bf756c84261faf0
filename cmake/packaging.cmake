# Installation: the shared library, public headers, a CMake package (Gazette::gazette) and a
# pkg-config file, so other programs can embed the index.
include(CMakePackageConfigHelpers)

set(GAZETTE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Gazette)

install(TARGETS gazette EXPORT GazetteTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/common/include/gazette
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/common/include/gazette/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/gazette)

install(EXPORT GazetteTargets NAMESPACE Gazette:: DESTINATION ${GAZETTE_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/GazetteConfig.cmake.in
  ${PROJECT_BINARY_DIR}/GazetteConfig.cmake INSTALL_DESTINATION ${GAZETTE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/GazetteConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/GazetteConfig.cmake ${PROJECT_BINARY_DIR}/GazetteConfigVersion.cmake
  DESTINATION ${GAZETTE_CMAKE_DIR})

file(RELATIVE_PATH GAZETTE_PC_UP /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/gazette.pc.in ${PROJECT_BINARY_DIR}/gazette.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/gazette.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
