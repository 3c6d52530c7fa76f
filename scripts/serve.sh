#!/usr/bin/env bash
# Builds toom-server and runs it on its defaults: port 4000, profile toom-default, the seeds'
# sample users (config/credentials.txt, copied to data/ on first run), SQLite store in data/.
# Extra arguments go to toom-server, e.g. scripts/serve.sh --profile tessenger
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target toom-server toom-client -j"$(nproc)"

mkdir -p data
# The copy holds passwords: private to its owner (the server warns otherwise).
[ -f data/credentials.txt ] || install -m 600 config/credentials.txt data/credentials.txt
exec build/src/toom-server --config-file=config/toom-server.properties "$@"
