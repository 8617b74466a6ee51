# One INTERFACE target carries the language level, warnings and Qt defines for every target of ours.
add_library(ecalab_build_config INTERFACE)
target_compile_features(ecalab_build_config INTERFACE cxx_std_20)
if(MSVC)
    # The Windows build (.github/workflows/build.yml): sources are UTF-8 ("•••", "✔"), the standard
    # conformance mode Qt 6 asks for, and __cplusplus reported truthfully.
    target_compile_options(ecalab_build_config INTERFACE /W4 /utf-8 /permissive- /Zc:__cplusplus
                           $<$<BOOL:${ECALAB_WARNINGS_AS_ERRORS}>:/WX>)
else()
    target_compile_options(ecalab_build_config INTERFACE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                           -Woverloaded-virtual -Wold-style-cast)
    if(ECALAB_WARNINGS_AS_ERRORS)
        target_compile_options(ecalab_build_config INTERFACE -Werror)
    endif()
endif()
target_compile_definitions(ecalab_build_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    ECALAB_VERSION="${PROJECT_VERSION}")
if(ECALAB_WITH_ASAN)
    # UBSan stops at the first report, so a test that hits undefined behaviour fails.
    target_compile_options(ecalab_build_config INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
                           -fno-omit-frame-pointer)
    target_link_options(ecalab_build_config INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined)
endif()
if(ECALAB_WITH_FUZZERS)
    # Every library is instrumented for coverage (fuzzer-no-link); only the fuzz targets link the
    # libFuzzer engine (tests/fuzz/CMakeLists.txt). UBSan aborts, so undefined behaviour is a crash.
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "ECALAB_WITH_FUZZERS needs clang (libFuzzer): configure with the fuzz preset")
    endif()
    target_compile_options(ecalab_build_config INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                           -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(ecalab_build_config INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined)
endif()
