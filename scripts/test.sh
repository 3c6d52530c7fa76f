#!/usr/bin/env bash
# Builds Toom and runs every test through CTest.
#   scripts/test.sh                 normal build in build/
#   scripts/test.sh --sanitize      AddressSanitizer + UndefinedBehaviorSanitizer build in build-sanitize/
#   scripts/test.sh --tsan          ThreadSanitizer build in build-tsan/, the whole suite under it
#   scripts/test.sh --thread-safety clang build in build-clang/ with -Wthread-safety as errors:
#                                   compiles src/ (where the annotations are) and test_common, then
#                                   runs the lock-type tests and thread_safety_analysis (a
#                                   deliberate violation must fail to compile)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
build_targets=()
ctest_args=()
case "$mode" in
"") ;;
--sanitize)
    build_dir=build-sanitize
    # -g1 (line tables only): sanitizer reports still name the file and line of every frame,
    # and this build compiles about a tenth faster than with full debug information.
    cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DTOOM_SANITIZE=ON -DCMAKE_CXX_FLAGS_DEBUG=-g1)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ;;
--tsan)
    build_dir=build-tsan
    # -O1: ThreadSanitizer runs code 5-15 times slower; without optimisation it would be slower
    # still. -g1 keeps file and line in every frame of a report.
    cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DTOOM_TSAN=ON "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O1")
    # halt_on_error: the first race fails its test. second_deadlock_stack: a lock-order report
    # shows where both locks were taken. The suppressions file holds only documented false
    # positives in uninstrumented third-party code (see the file).
    export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan.supp"
    ;;
--thread-safety)
    build_dir=build-clang
    export CC=clang CXX=clang++
    # Debug without debug information: the analysis runs in the front end, so optimising or
    # describing the code would only cost time.
    cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g0 -DTOOM_THREAD_SAFETY=ON)
    # Everything in src/ (the libraries and both programs) plus the suite of the lock types;
    # the other suites hold no annotated state.
    build_targets=(toom-server toom-client test_common)
    ctest_args=(-R '^(MutexTest\.|WakeUpTest\.|thread_safety_analysis$)')
    ;;
*)
    echo "usage: $0 [--sanitize | --tsan | --thread-safety]" >&2
    exit 2
    ;;
esac

# CI builds treat warnings as errors (the gcc builds; the clang build checks the analysis).
if [ "${CI:-}" = "true" ] && [ "$mode" != "--thread-safety" ]; then
    cmake_args+=(-DTOOM_WERROR=ON)
fi

scripts/install-deps.sh "$mode"
cmake -S . -B "$build_dir" "${cmake_args[@]}" >/dev/null
if [ ${#build_targets[@]} -eq 0 ]; then
    cmake --build "$build_dir" -j"$(nproc)"
else
    cmake --build "$build_dir" -j"$(nproc)" --target "${build_targets[@]}"
fi
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" --timeout 300 "${ctest_args[@]}"
