# Debian packages by CPack (`cmake --build build --target package`): gazette, libgazette0 and
# libgazette-dev, with their dependencies found by dpkg-shlibdeps, man pages made from the
# programs' --help by help2man, the systemd unit and a default configuration.
set(GAZETTE_PACKAGING ${PROJECT_SOURCE_DIR}/packaging)

# Man pages. The programs' --help is the reference; help2man keeps the pages in step with it.
find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(man_pages)
  foreach(entry "gazette-index|index news articles into a Gazette index"
                "gazette-search|search a Gazette index from the command line"
                "gazette-server|serve a Gazette index over HTTP")
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 program)
    list(GET entry 1 summary)
    set(page ${PROJECT_BINARY_DIR}/man/${program}.1)
    add_custom_command(
      OUTPUT ${page}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
      COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1 --version-string=${PROJECT_VERSION}
              --name=${summary} --output=${page} $<TARGET_FILE:${program}>
      COMMAND gzip -9nf ${page}
      DEPENDS ${program}
      COMMENT "Man page of ${program}"
      VERBATIM)
    list(APPEND man_pages ${page}.gz)
  endforeach()
  add_custom_target(man_pages ALL DEPENDS ${man_pages})
  install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT programs)
else()
  message(WARNING "help2man not found: no man pages (apt-get install help2man)")
endif()

# What only the package installs (not `cmake --install`): the service and its configuration.
# The units of a sharded deployment run Xapian's own tools (xapian-tools, recommended).
install(FILES ${GAZETTE_PACKAGING}/systemd/gazette-server.service ${GAZETTE_PACKAGING}/systemd/gazette-shard@.service
              ${GAZETTE_PACKAGING}/systemd/gazette-replicate-server.service
              ${GAZETTE_PACKAGING}/systemd/gazette-replica@.service
  DESTINATION lib/systemd/system COMPONENT programs EXCLUDE_FROM_ALL)
install(FILES ${GAZETTE_PACKAGING}/examples/shard.conf ${GAZETTE_PACKAGING}/examples/replicate-server.conf
              ${GAZETTE_PACKAGING}/examples/replica.conf
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/gazette/examples COMPONENT programs EXCLUDE_FROM_ALL)
install(FILES ${PROJECT_SOURCE_DIR}/docs/SCALING.md
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/gazette COMPONENT programs EXCLUDE_FROM_ALL)
install(FILES ${GAZETTE_PACKAGING}/server.conf
  DESTINATION /etc/gazette COMPONENT programs EXCLUDE_FROM_ALL)

# Debian wants a copyright file and a changelog in each package's documentation directory
# (changelog.gz: the packages are native, built from Gazette's own tree).
string(TIMESTAMP GAZETTE_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
foreach(package gazette libgazette0 libgazette-dev python3-gazette)
  if(package STREQUAL "gazette")
    set(component programs)
  elseif(package STREQUAL "python3-gazette")
    set(component python)
  elseif(package STREQUAL "libgazette0")
    set(component runtime)
  else()
    set(component dev)
  endif()
  set(changelog ${PROJECT_BINARY_DIR}/debian/${package}/changelog)
  file(WRITE ${changelog}
    "${package} (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
    "  * Built from the Gazette source tree.\n\n"
    " -- The Gazette developers <gazette-developers@example.org>  ${GAZETTE_CHANGELOG_DATE}\n")
  add_custom_command(OUTPUT ${changelog}.gz COMMAND gzip -9nkf ${changelog} DEPENDS ${changelog} VERBATIM)
  add_custom_target(changelog_${package} ALL DEPENDS ${changelog}.gz)
  install(FILES ${GAZETTE_PACKAGING}/debian/copyright ${changelog}.gz
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package} COMPONENT ${component} EXCLUDE_FROM_ALL)
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL programs runtime dev)
if(TARGET gazette_python)
  list(APPEND CPACK_COMPONENTS_ALL python)
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_NAME gazette)
# Each package's description below starts with its own synopsis.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_PACKAGE_VENDOR "The Gazette developers")
set(CPACK_PACKAGE_CONTACT "The Gazette developers <gazette-developers@example.org>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "")

set(CPACK_DEBIAN_PROGRAMS_PACKAGE_NAME gazette)
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_RECOMMENDS "xapian-tools")
set(CPACK_DEBIAN_PROGRAMS_PACKAGE_CONTROL_EXTRA
  "${GAZETTE_PACKAGING}/debian/postinst;${GAZETTE_PACKAGING}/debian/postrm;${GAZETTE_PACKAGING}/debian/conffiles")
set(CPACK_DEBIAN_PROGRAMS_DESCRIPTION "full-text search engine for news articles
Gazette indexes news articles (JSON Lines, JSON, CSV, RSS/Atom, text;
gzip) into a Xapian index and answers ranked searches with filters,
facets, snippets, freshness and story de-duplication. This package holds
gazette-index, gazette-search and gazette-server, with systemd units
for the server and for the parts and replicas of a sharded deployment.")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libgazette0)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "Gazette news search library
libgazette embeds a Gazette index in other programs: indexing,
searching, facets, related articles and completions through a small
C++17 API.")
# A shlibs file for packages linking it, and ldconfig run by trigger.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA "${GAZETTE_PACKAGING}/debian/triggers")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libgazette-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libgazette0 (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_DEV_DESCRIPTION "Gazette news search library (development files)
Headers, a CMake package (find_package(Gazette)) and a pkg-config file
(gazette) for programs that embed libgazette.")

# The module is built for one Python version (its file name says which); libgazette0 is not
# installed while packaging, so its dependency is written out rather than found.
set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME python3-gazette)
set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
set(CPACK_DEBIAN_PYTHON_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
  "libgazette0 (= ${PROJECT_VERSION}), python3 (>= ${GAZETTE_PYTHON_VERSION}), python3 (<< ${GAZETTE_PYTHON_VERSION}.99), libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1 (>= 3.0)")
set(CPACK_DEBIAN_PYTHON_DESCRIPTION "Gazette news search library (Python module)
The gazette module embeds a Gazette index in Python programs: IndexWriter
and Searcher with results as dicts, errors as gazette.Error subclasses,
and the GIL released while the library works.")

include(CPack)
