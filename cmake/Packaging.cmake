# Every CPack setting (issue 14). Linux: TGZ, DEB (dependencies from dpkg-shlibdeps) and, when
# rpmbuild is installed, RPM (requirements from rpm's own generator). The Windows and macOS
# installers add theirs in PlatformBundle.cmake, included first so it can choose generators.
include(cmake/PlatformBundle.cmake OPTIONAL)

set(CPACK_PACKAGE_NAME ecalab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "ECA Lab contributors")
set(CPACK_PACKAGE_CONTACT "${ECALAB_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${ECALAB_HOMEPAGE}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "OAuth flow tester for Salesforce External Client Apps")
set(CPACK_PACKAGE_DESCRIPTION
    "ECA Lab runs every OAuth flow of a Salesforce External Client App (client
credentials, web server with PKCE, device, JWT bearer, refresh and the headless
family) and shows each stage, every HTTP exchange with secrets masked, the
token with its signature checked, and, when Salesforce refuses, what it means
and the fix in Setup-menu terms. A built-in org emulator answers like
Salesforce on loopback, so every flow can be tried with no org. The same
engine runs on the command line (ecalab run) for scripts and CI.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
# Packages ship stripped binaries (lintian: unstripped-binary-or-object).
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/;/node_modules/")

if(UNIX AND NOT APPLE AND NOT CPACK_GENERATOR)
    set(CPACK_GENERATOR TGZ DEB)
    find_program(ECALAB_RPMBUILD rpmbuild)
    if(ECALAB_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
    endif()
endif()
if(UNIX AND NOT APPLE)
    # ecalab-<version>-Linux-<arch>.tar.gz, as the DEB and RPM names carry the architecture (those
    # two name their files themselves, below).
    set(CPACK_PACKAGE_FILE_NAME "ecalab-${PROJECT_VERSION}-Linux-${CMAKE_SYSTEM_PROCESSOR}")
endif()

# DEB: ecalab_<version>_<arch>.deb, Depends from the binary's shared libraries.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${ECALAB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${ECALAB_HOMEPAGE}")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The window draws its icons (SVG Qt resources) through the SVG image and icon-engine plugins of
# libqt6svg6; the binary does not link the library, so dpkg-shlibdeps cannot know.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6 (>= 6.4.0)")
# Not found by dpkg-shlibdeps: xdg-open is the browser fallback; Wayland sessions need Qt's
# Wayland platform plugin; the keychain is a Secret Service daemon.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils, qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | kwalletmanager")

# RPM: ecalab-<version>-<release>.<arch>.rpm, Requires from rpm's dependency generator.
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_PACKAGE_AUTOPROV ON)
set(CPACK_RPM_PACKAGE_LICENSE MIT)
set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
set(CPACK_RPM_PACKAGE_URL "${ECALAB_HOMEPAGE}")
set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
# As for the DEB: the SVG plugins, found by the library that ships them.
if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(CPACK_RPM_PACKAGE_REQUIRES "libQt6Svg.so.6()(64bit)")
else()
    set(CPACK_RPM_PACKAGE_REQUIRES "libQt6Svg.so.6")
endif()
# Directories the distribution's filesystem packages own; the package must not claim them.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/libexec
    /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
    /usr/share/man /usr/share/man/man1 /usr/share/bash-completion /usr/share/bash-completion/completions
    /usr/share/zsh /usr/share/zsh/vendor-completions /usr/share/doc)
# No /usr/lib/.build-id links: the package holds only its own files (the debug info is not shipped).
set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none")
set(CPACK_RPM_PACKAGE_RELOCATABLE OFF)
foreach(size 16x16 32x32 48x48 64x64 128x128 256x256 scalable)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/share/icons/hicolor/${size}
         /usr/share/icons/hicolor/${size}/apps)
endforeach()

include(CPack)
