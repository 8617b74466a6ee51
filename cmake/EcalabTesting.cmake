# ecalab_add_test(NAME <name> SOURCES <files...> LIBS <targets...> [LABELS <labels...>] [GUI])
# Builds one Qt Test executable and registers it with ctest. GUI tests run on the offscreen
# platform; every test gets its own temporary ECALAB_CONFIG_DIR so no test touches the user's files.
function(ecalab_add_test)
    cmake_parse_arguments(arg "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${arg_NAME} ${arg_SOURCES})
    target_link_libraries(${arg_NAME} PRIVATE ecalab_build_config Qt6::Test ${arg_LIBS})
    add_test(NAME ${arg_NAME} COMMAND ${arg_NAME})
    set(env "ECALAB_CONFIG_DIR=${CMAKE_CURRENT_BINARY_DIR}/config-${arg_NAME}"
            "ECALAB_SECRET_STORE=memory"
            "ECALAB_BINARY=$<TARGET_FILE:ecalab>"
            "ECALAB_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
    set(labels ${arg_LABELS})
    if(arg_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
        list(APPEND labels gui)
    endif()
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 120)
    endif()
    set_tests_properties(${arg_NAME} PROPERTIES ENVIRONMENT "${env}" LABELS "${labels}" TIMEOUT ${arg_TIMEOUT})
endfunction()
