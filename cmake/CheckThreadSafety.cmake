# Checks that clang's thread-safety analysis is live (CTest test `thread_safety_analysis`, in
# -DTOOM_THREAD_SAFETY=ON builds): tests/thread_safety/Violation.cpp must compile without its
# deliberate violation and fail with it, naming the unguarded write.
#   cmake -DCXX=<clang++> -DSOURCE_DIR=<repo> -P cmake/CheckThreadSafety.cmake

cmake_minimum_required(VERSION 3.20)
set(flags -std=c++20 -fsyntax-only -Wthread-safety -Werror=thread-safety
          -I${SOURCE_DIR}/src ${SOURCE_DIR}/tests/thread_safety/Violation.cpp)

execute_process(COMMAND ${CXX} ${flags} -DTOOM_VIOLATE=0 RESULT_VARIABLE clean_rc
                ERROR_VARIABLE clean_err)
if(NOT clean_rc EQUAL 0)
    message(FATAL_ERROR "the correct version does not compile:\n${clean_err}")
endif()

execute_process(COMMAND ${CXX} ${flags} -DTOOM_VIOLATE=1 RESULT_VARIABLE bad_rc
                ERROR_VARIABLE bad_err)
if(bad_rc EQUAL 0)
    message(FATAL_ERROR "an unguarded write compiled: the thread-safety analysis is not running")
endif()
if(NOT bad_err MATCHES "requires holding mutex")
    message(FATAL_ERROR "the violation failed for another reason:\n${bad_err}")
endif()
message(STATUS "the deliberate violation is refused:\n${bad_err}")
