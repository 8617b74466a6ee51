# Windows and macOS: the app as those desktops install it (issue 14) — a Windows executable with
# its icon and version resource, packed by NSIS; a macOS app bundle with its Info.plist and .icns,
# packed as a drag-and-drop disk image. Qt's own deployment step (windeployqt / macdeployqt, run by
# qt_generate_deploy_app_script) copies Qt and its plugins next to the app at install time, as
# KeePassXC and qBittorrent do with the same tools; its OUTPUT_SCRIPT and NO_TRANSLATIONS need
# Qt >= 6.5, which the hosted CI installs (Debian 12's 6.4 never reaches this file). None of this
# can run on the Debian machine the project is built on: packaging/README.md says what was
# verified where. Included by cmake/Packaging.cmake before include(CPack).
if(NOT (WIN32 OR APPLE) OR NOT TARGET ecalab_window)
    return()
endif()

set(ecalab_display_name "ECA Lab")
set(ecalab_icon_svg ${PROJECT_SOURCE_DIR}/resources/icons/ecalab.svg)
set(ecalab_icon_dir ${PROJECT_BINARY_DIR}/platform-icons)
# The host tool that renders the SVG (packaging/tools/RenderIcon.cpp; on Linux it makes the hicolor PNGs).
add_executable(ecalab_render_icon ${PROJECT_SOURCE_DIR}/packaging/tools/RenderIcon.cpp)
target_link_libraries(ecalab_render_icon PRIVATE ecalab_build_config Qt6::Gui Qt6::Svg)

# QtKeychain picks the platform's store by itself: Windows Credential Manager (WinCred), the macOS
# Keychain (Security framework); nothing to configure here, named for packaging/README.md.

if(WIN32)
    # The window program, ecalab.exe, is a GUI-subsystem program (no console window behind the
    # app). The command line is the console program ecalab.com (app/CMakeLists.txt): cmd and
    # PowerShell run ecalab.com first when a person types `ecalab run …` (the convention of
    # devenv.com and Godot's console build); Explorer and the Start menu open ecalab.exe.
    set(ECALAB_ICO_FILE ${ecalab_icon_dir}/ecalab.ico)
    add_custom_command(OUTPUT ${ECALAB_ICO_FILE}
        COMMAND ecalab_render_icon --ico ${ecalab_icon_svg} ${ECALAB_ICO_FILE} 16 24 32 48 64 128 256
        DEPENDS ${ecalab_icon_svg} ecalab_render_icon
        COMMENT "ecalab.ico from ${ecalab_icon_svg}")
    configure_file(${PROJECT_SOURCE_DIR}/packaging/windows/ecalab.rc.in ${PROJECT_BINARY_DIR}/ecalab.rc @ONLY)
    set_source_files_properties(${PROJECT_BINARY_DIR}/ecalab.rc PROPERTIES OBJECT_DEPENDS ${ECALAB_ICO_FILE})
    set_target_properties(ecalab_window PROPERTIES WIN32_EXECUTABLE TRUE)
    target_sources(ecalab_window PRIVATE ${PROJECT_BINARY_DIR}/ecalab.rc)
    target_sources(ecalab PRIVATE ${PROJECT_BINARY_DIR}/ecalab.rc)

    set(CPACK_GENERATOR NSIS ZIP)
    set(CPACK_PACKAGE_INSTALL_DIRECTORY "${ecalab_display_name}")
    set(CPACK_PACKAGE_EXECUTABLES ecalab "${ecalab_display_name}") # the Start menu shortcut
    set(CPACK_NSIS_DISPLAY_NAME "${ecalab_display_name}")
    set(CPACK_NSIS_PACKAGE_NAME "${ecalab_display_name}")
    set(CPACK_NSIS_MUI_ICON ${ECALAB_ICO_FILE})
    set(CPACK_NSIS_MUI_UNIICON ${ECALAB_ICO_FILE})
    set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\\\ecalab.exe)
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MODIFY_PATH ON) # offers to put bin\ on PATH, for `ecalab run …` in a terminal
    set(CPACK_NSIS_URL_INFO_ABOUT "${ECALAB_HOMEPAGE}")
endif()

if(APPLE)
    # The .icns from an iconset of the SVG rendered at every size macOS asks for (iconutil ships
    # with Xcode's command-line tools).
    set(ecalab_iconset ${ecalab_icon_dir}/ecalab.iconset)
    set(ecalab_icns ${ecalab_icon_dir}/ecalab.icns)
    add_custom_command(OUTPUT ${ecalab_icns}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${ecalab_iconset}
        COMMAND ecalab_render_icon --iconset ${ecalab_icon_svg} ${ecalab_iconset}
        COMMAND iconutil -c icns -o ${ecalab_icns} ${ecalab_iconset}
        DEPENDS ${ecalab_icon_svg} ecalab_render_icon
        COMMENT "ecalab.icns from ${ecalab_icon_svg}")
    set_source_files_properties(${ecalab_icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    target_sources(ecalab_window PRIVATE ${ecalab_icns})
    set_target_properties(ecalab_window PROPERTIES # MACOSX_BUNDLE and OUTPUT_NAME: app/CMakeLists.txt
        MACOSX_BUNDLE_INFO_PLIST ${PROJECT_SOURCE_DIR}/packaging/macos/Info.plist.in
        MACOSX_BUNDLE_BUNDLE_NAME "${ecalab_display_name}"
        MACOSX_BUNDLE_GUI_IDENTIFIER "${ECALAB_APP_ID}"
        MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
        MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
        MACOSX_BUNDLE_ICON_FILE ecalab.icns
        MACOSX_BUNDLE_COPYRIGHT "ECA Lab contributors")

    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME "${ecalab_display_name}")
    set(CPACK_DMG_FORMAT UDZO)
    set(CPACK_PACKAGE_ICON ${ecalab_icns})
endif()

# windeployqt / macdeployqt at install time: Qt's libraries, the platform and image-format
# plugins and the TLS backend beside the app, so the installer runs on a machine without Qt.
qt_generate_deploy_app_script(TARGET ecalab_window OUTPUT_SCRIPT ecalab_deploy_script NO_TRANSLATIONS
                              NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${ecalab_deploy_script})
