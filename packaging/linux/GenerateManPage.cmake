# cmake -DECALAB=<built ecalab> -DTEMPLATE=ecalab.1.in -DOUTPUT=ecalab.1 -DPROJECT_VERSION=…
#       -DECALAB_RELEASE_DATE=… -DECALAB_HOMEPAGE=… -P GenerateManPage.cmake
# Writes the man page from the built binary's help, so the page and --help cannot drift apart.
foreach(var ECALAB TEMPLATE OUTPUT PROJECT_VERSION ECALAB_RELEASE_DATE ECALAB_HOMEPAGE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "GenerateManPage.cmake: -D${var}=… is missing")
    endif()
endforeach()

# The help must not depend on the machine that builds: no keychain, no display, no leak report
# from an AddressSanitizer build.
set(ENV{ECALAB_SECRET_STORE} memory)
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{ASAN_OPTIONS} detect_leaks=0)
set(ENV{LC_ALL} C.UTF-8)

function(help_of out)
    execute_process(COMMAND ${ECALAB} ${ARGN} OUTPUT_VARIABLE text RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR text STREQUAL "")
        message(FATAL_ERROR "GenerateManPage.cmake: `ecalab ${ARGN}` failed (${rc}): ${err}")
    endif()
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Plain text as a no-fill roff block: backslashes escaped, '-' as the minus sign options are typed
# with, and a line that would start with a control character guarded.
function(as_roff out text)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REPLACE "-" "\\-" text "${text}")
    string(REGEX REPLACE "\n+$" "" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out} ".nf\n${text}\n.fi" PARENT_SCOPE)
endfunction()

help_of(global --help)
# The first line is "ECA Lab — <summary>."; the rest is the usage.
string(FIND "${global}" "\n" eol)
string(SUBSTRING "${global}" 0 ${eol} first)
math(EXPR eol "${eol} + 1")
string(SUBSTRING "${global}" ${eol} -1 global)
string(FIND "${first}" " — " dash)
if(dash LESS 0)
    message(FATAL_ERROR "GenerateManPage.cmake: the first line of --help has no ' — ': ${first}")
endif()
math(EXPR dash "${dash} + 5") # " — " is 5 bytes in UTF-8
string(SUBSTRING "${first}" ${dash} -1 summary)
string(REGEX REPLACE "\\.$" "" summary "${summary}")
string(REPLACE "-" "\\-" MAN_SUMMARY "${summary}")
string(REGEX REPLACE "^\n+" "" global "${global}")
as_roff(MAN_GLOBAL "${global}")

foreach(command run token profiles keys emulator)
    help_of(text help ${command})
    string(TOUPPER "${command}" upper)
    as_roff(MAN_${upper} "${text}")
endforeach()

configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
