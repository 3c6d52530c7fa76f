#!/usr/bin/env bash
# Builds Toom and runs every test through CTest.
#   scripts/test.sh             normal build in build/
#   scripts/test.sh --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer build in build-sanitize/
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
    build_dir=build-sanitize
    # -g1 (line tables only): sanitizer reports still name the file and line of every frame,
    # and this build compiles about a tenth faster than with full debug information.
    cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DTOOM_SANITIZE=ON -DCMAKE_CXX_FLAGS_DEBUG=-g1)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

scripts/install-deps.sh
cmake -S . -B "$build_dir" "${cmake_args[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" --timeout 300
