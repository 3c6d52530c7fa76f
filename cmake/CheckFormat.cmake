# The format check: every .h and .cpp under src/, tests/ and bench/ is formatted as the
# checked-in .clang-format says. Run by CTest as the `format` test (registered when clang-format
# is found; scripts/install-deps.sh installs it):
#   cmake -DCLANG_FORMAT=<clang-format> -DSOURCE_DIR=<repo> -P cmake/CheckFormat.cmake
# Lists each file that is not and fails; `clang-format -i <file>` fixes one. The files are
# globbed when the test runs, so a new file is checked without re-running cmake.
#
# Formatting differs a little between clang-format versions: the tree is formatted with Debian
# 12's (14), which CI and scripts/install-deps.sh use.

if(NOT CLANG_FORMAT OR NOT SOURCE_DIR)
    message(FATAL_ERROR "CheckFormat: pass -DCLANG_FORMAT=<program> -DSOURCE_DIR=<repo>")
endif()

cmake_minimum_required(VERSION 3.20)
file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/src/*.h" "${SOURCE_DIR}/src/*.cpp"
     "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/tests/*.cpp"
     "${SOURCE_DIR}/bench/*.h" "${SOURCE_DIR}/bench/*.cpp")
list(SORT files)
list(LENGTH files count)
if(count EQUAL 0)
    message(FATAL_ERROR "CheckFormat: no sources under ${SOURCE_DIR}")
endif()

# One clang-format for all files; its findings (file:line: error: code should be
# clang-formatted) go to the test's output.
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${files}
                WORKING_DIRECTORY "${SOURCE_DIR}"
                RESULT_VARIABLE result
                ERROR_VARIABLE findings)
if(NOT result EQUAL 0)
    # Each unformatted file once, then the details.
    string(REGEX MATCHALL "[^\n:]+\\.(h|cpp):[0-9]+:[0-9]+: error" hits "${findings}")
    set(bad "")
    foreach(hit ${hits})
        string(REGEX REPLACE ":[0-9]+:[0-9]+: error$" "" file "${hit}")
        list(APPEND bad "${file}")
    endforeach()
    list(REMOVE_DUPLICATES bad)
    list(LENGTH bad bad_count)
    string(REPLACE ";" "\n  " bad "${bad}")
    message("${findings}")
    message(FATAL_ERROR "format: ${bad_count} of ${count} files are not clang-formatted "
                        "(fix with clang-format -i):\n  ${bad}")
endif()
message(STATUS "format: ${count} files clang-formatted")
