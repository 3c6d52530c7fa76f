#!/usr/bin/env bash
# Runs clang-tidy with the checks of .clang-tidy over every source of src/ (and the headers of
# src/ they include). Any finding is an error: the script prints it and exits non-zero.
#   scripts/lint.sh              all of src/
#   scripts/lint.sh REGEX...     only the sources whose path matches (e.g. src/p2p/)
# It configures build-lint/ with clang (configure only, nothing is compiled) for its
# compile_commands.json: clang-tidy is clang, and a g++ build's database holds gcc-only flags.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --lint
CC=clang CXX=clang++ cmake -S . -B build-lint -DCMAKE_BUILD_TYPE=Debug \
    -DTOOM_BUILD_TESTS=OFF -DTOOM_BUILD_BENCH=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null

jobs="$(nproc)"
if [ $# -eq 0 ]; then
    set -- "$PWD/src/"
fi
if command -v run-clang-tidy >/dev/null; then
    # It prints each file's command line, then that file's findings; clang's count of the
    # warnings it hid in system headers ("N warnings generated.") is left out.
    run-clang-tidy -p build-lint -j "$jobs" -quiet "$@" 2>&1 |
        { grep -Ev '(^|m)[0-9]+ warnings? generated\.$' || true; }
else
    # The same without the driver script: each source of the database, $jobs at a time.
    python3 -c 'import json, sys
for entry in json.load(open("build-lint/compile_commands.json")):
    print(entry["file"])' | grep -E "$(IFS='|'; echo "$*")" |
        xargs -r -P "$jobs" -n 1 clang-tidy -p build-lint --quiet
fi
echo "lint: clang-tidy found nothing"
