# Install rules for Linux (FHS under CMAKE_INSTALL_PREFIX, /usr in the DEB and RPM packages):
#   bin/ecalab, libexec/ecalab/ecalab-window            the CLI and the window (app/CMakeLists.txt)
#   share/applications/<id>.desktop                     launcher (window builds only)
#   share/metainfo/<id>.metainfo.xml                    AppStream (window builds only)
#   share/icons/hicolor/{scalable,NxN}/apps/<id>.{svg,png}  PNGs rendered at build time
#   share/man/man1/ecalab.1.gz                          generated from the built binary's --help
#   share/bash-completion/completions/ecalab, share/zsh/vendor-completions/_ecalab
#   share/doc/ecalab/{copyright,changelog.gz,LICENSE}
# <id> is ECALAB_APP_ID (top CMakeLists.txt). Resources (icons, pages, the demo org) are Qt
# resources compiled into the binary, so nothing else needs installing for it to run.
if(NOT (UNIX AND NOT APPLE))
    return()
endif()
include(GNUInstallDirs)

set(ecalab_linux_src ${PROJECT_SOURCE_DIR}/packaging/linux)
set(ecalab_linux_out ${PROJECT_BINARY_DIR}/packaging/linux)
find_program(ECALAB_GZIP gzip REQUIRED)

# The build-time tools run under the build's own flags; an AddressSanitizer build must not fail
# the build over what Qt keeps allocated at exit.
set(ecalab_tool_env ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 QT_QPA_PLATFORM=offscreen)

# Man page: the template plus the built binary's help (GenerateManPage.cmake), gzip -9n as
# Debian policy asks (no name or time stamp in the header, so it is reproducible).
add_custom_command(
    OUTPUT ${ecalab_linux_out}/ecalab.1.gz
    COMMAND ${ecalab_tool_env} ${CMAKE_COMMAND} -DECALAB=$<TARGET_FILE:ecalab>
            -DTEMPLATE=${ecalab_linux_src}/ecalab.1.in -DOUTPUT=${ecalab_linux_out}/ecalab.1
            -DPROJECT_VERSION=${PROJECT_VERSION} -DECALAB_RELEASE_DATE=${ECALAB_RELEASE_DATE}
            -DECALAB_HOMEPAGE=${ECALAB_HOMEPAGE} -P ${ecalab_linux_src}/GenerateManPage.cmake
    COMMAND ${ECALAB_GZIP} -9nf ${ecalab_linux_out}/ecalab.1
    DEPENDS ecalab ${ecalab_linux_src}/ecalab.1.in ${ecalab_linux_src}/GenerateManPage.cmake
    COMMENT "Generating the ecalab(1) man page from ecalab --help"
    VERBATIM)

# Debian's copyright file (machine-readable format 1.0) carries the LICENSE text; the changelog
# is what a native package must have (Debian policy 12.7).
file(READ ${PROJECT_SOURCE_DIR}/LICENSE ecalab_license)
string(REGEX REPLACE "\n+$" "" ecalab_license "${ecalab_license}")
string(REGEX REPLACE "^MIT License\n\n" "" ecalab_license_body "${ecalab_license}")
string(REGEX REPLACE "\n\n" "\n.\n" ecalab_license_body "${ecalab_license_body}")
string(REPLACE "\n" "\n " ecalab_license_body "${ecalab_license_body}")
file(WRITE ${ecalab_linux_out}/copyright.tmp
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ecalab
Upstream-Contact: ${ECALAB_MAINTAINER}
Source: ${ECALAB_HOMEPAGE}

Files: *
Copyright: 2026 ECA Lab contributors
License: MIT

License: MIT
 ${ecalab_license_body}
")
configure_file(${ecalab_linux_out}/copyright.tmp ${ecalab_linux_out}/copyright COPYONLY)
set(ECALAB_RELEASE_DATE_RFC2822 "${ECALAB_RELEASE_DATE_RFC2822}")
configure_file(${ecalab_linux_src}/changelog.in ${ecalab_linux_out}/changelog @ONLY)
add_custom_command(
    OUTPUT ${ecalab_linux_out}/changelog.gz
    COMMAND ${ECALAB_GZIP} -9nkf ${ecalab_linux_out}/changelog
    DEPENDS ${ecalab_linux_out}/changelog
    VERBATIM)
add_custom_target(ecalab_linux_docs ALL DEPENDS ${ecalab_linux_out}/ecalab.1.gz ${ecalab_linux_out}/changelog.gz)

install(FILES ${ecalab_linux_out}/ecalab.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${ecalab_linux_src}/completion/ecalab.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME ecalab)
install(FILES ${ecalab_linux_src}/completion/_ecalab DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${ecalab_linux_out}/copyright ${ecalab_linux_out}/changelog.gz ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

if(NOT ECALAB_WITH_GUI)
    # Without the window there is nothing to launch: no desktop file, icon or AppStream entry.
    return()
endif()

# The icon: the SVG as it is, and the hicolor PNG sizes rendered from it by a host tool
# (QSvgRenderer into a QImage) that is built and run here and never installed.
set(ecalab_icon_svg ${PROJECT_SOURCE_DIR}/resources/icons/ecalab.svg)
set(ecalab_icon_sizes 16 32 48 64 128 256)
add_executable(ecalab_render_icon ${PROJECT_SOURCE_DIR}/packaging/tools/RenderIcon.cpp)
target_link_libraries(ecalab_render_icon PRIVATE ecalab_build_config Qt6::Gui Qt6::Svg)
set(ecalab_icon_pngs)
foreach(size IN LISTS ecalab_icon_sizes)
    list(APPEND ecalab_icon_pngs ${ecalab_linux_out}/icons/${size}x${size}/apps/${ECALAB_APP_ID}.png)
endforeach()
add_custom_command(
    OUTPUT ${ecalab_icon_pngs}
    COMMAND ${ecalab_tool_env} $<TARGET_FILE:ecalab_render_icon> ${ecalab_icon_svg} ${ecalab_linux_out}/icons
            ${ECALAB_APP_ID} ${ecalab_icon_sizes}
    DEPENDS ecalab_render_icon ${ecalab_icon_svg}
    COMMENT "Rendering the app icon to PNG (${ecalab_icon_sizes})"
    VERBATIM)
add_custom_target(ecalab_icons ALL DEPENDS ${ecalab_icon_pngs})
foreach(size IN LISTS ecalab_icon_sizes)
    install(FILES ${ecalab_linux_out}/icons/${size}x${size}/apps/${ECALAB_APP_ID}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES ${ecalab_icon_svg} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${ECALAB_APP_ID}.svg)

install(FILES ${ecalab_linux_src}/${ECALAB_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
set(ECALAB_SCREENSHOT_BASE "${ECALAB_RAW_URL}/docs/screenshots")
configure_file(${ecalab_linux_src}/${ECALAB_APP_ID}.metainfo.xml.in ${ecalab_linux_out}/${ECALAB_APP_ID}.metainfo.xml
               @ONLY)
install(FILES ${ecalab_linux_out}/${ECALAB_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
