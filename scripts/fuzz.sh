#!/usr/bin/env bash
# Builds the fuzz targets of tests/fuzz/ (clang's libFuzzer, with ASan + UBSan) in build-fuzz/
# and runs each one for a bounded time, starting from its seed corpus in tests/fuzz/corpus/.
#   scripts/fuzz.sh [seconds per target]     (default 30; CI runs it with 20)
# A failing input is saved as build-fuzz/artifacts/<target>-crash-*; rerun one with
#   build-fuzz/tests/fuzz/<target> <file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"

scripts/install-deps.sh
# The fuzzer runtime comes with clang's compiler-rt (libclang-rt-14-dev on Debian 12).
if ! command -v clang++ >/dev/null || ! clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a |
    grep -q /; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
fi

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTOOM_BUILD_TESTS=OFF -DTOOM_BUILD_BENCH=OFF -DTOOM_SANITIZE=ON -DTOOM_BUILD_FUZZERS=ON \
    >/dev/null
targets=(fuzz_server_line fuzz_line_framer fuzz_datagram fuzz_seed_time fuzz_utf8 fuzz_irc_message)
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"

mkdir -p build-fuzz/artifacts build-fuzz/corpus
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in "${targets[@]}"; do
    # New inputs go to a scratch corpus; the seeds in the repository stay as committed.
    mkdir -p "build-fuzz/corpus/$target" "tests/fuzz/corpus/$target"
    echo "== $target (${seconds}s)"
    "build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 \
        -max_len=4096 -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$target-" \
        "build-fuzz/corpus/$target" "tests/fuzz/corpus/$target" 2>&1 | tail -n 12
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "$target failed"; exit 1; }
done
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a failure"
