#!/usr/bin/env bash
# bench/run.sh -- Toom's own benchmark, one command: builds a release server (RelWithDebInfo)
# and the load generator (bench/loadgen, a copy of the team's yardstick), starts the server with
# bench/loadgen.properties in a fresh directory, runs the rows of the core issue's targets
# against it and prints them. Loopback only; every run is bounded in count and time.
#
#   usage: bench/run.sh [all|quick]        (all: about 6 minutes on 2 cores; quick: 1)
#   env:   BUILD=<dir> (default build-release), OUT=<file> (JSON lines, default in $WORK)
#
# Rows:
#   connections 10,000        register all (hash cost 1, as the bench config sets), RSS/conn
#   direct 1,000 @ 10k, 50k   pairs, private messages, every one stored: delivered, p50/p99
#   direct 5,000 ramp         highest clean rate and plateau (x1.5 per step)
#   fanout 1,000 10x10        one group, 10 senders at 10 msg/s: p99
#   fanout 1,000 ramp         deliveries/s, clean and plateau (x2 per step)
#   logins at default cost    400 users log in with the default PBKDF2 cost while 200 others
#                             exchange 2,000 msg/s: their p99 with and without the storm
#   transfer                  bench_transfer: the P2P engine against a TCP copy, 64 MiB
# For the side-by-side with ngIRCd and InspIRCd use ../shared/loadgen/run-anchors.sh.
set -euo pipefail
MODE=${1:-all}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-release}
WORK=$(mktemp -d)
OUT=${OUT:-$WORK/results.jsonl}
PORT=16670

echo "# building a release tree in $BUILD" >&2
# RelWithDebInfo (-O2 -g), as the figures in the docs were measured: perf can read it, and
# GCC 12 at -O3 warns falsely (-Wrestrict, GCC bug 105329) about std::string in a few files.
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" --target toom-server bench_loadgen bench_transfer -j "$(nproc)" >/dev/null

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
SPID=""
NSTART=0
start_server() {
    NSTART=$((NSTART + 1))
    local dir="$WORK/run$NSTART"
    mkdir -p "$dir/data"
    (cd "$dir" && exec "$BUILD/src/toom-server" --config-file="$ROOT/bench/loadgen.properties" "$@") \
        >>"$WORK/server.log" 2>&1 &
    SPID=$!
    for _ in $(seq 1 100); do
        if ss -ltnH "sport = :$PORT" 2>/dev/null | grep -q .; then
            echo "# server pid $SPID; $(uptime)" >&2
            return 0
        fi
        kill -0 "$SPID" 2>/dev/null || { echo "server exited, see $WORK/server.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "server not listening after 10 s" >&2
    exit 1
}
stop_server() {
    [ -n "$SPID" ] || return 0
    kill -TERM "$SPID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SPID" 2>/dev/null || true
    wait "$SPID" 2>/dev/null || true
    SPID=""
}
trap stop_server EXIT

lg() {
    local label=$1
    shift
    echo "# $label: $*" >&2
    timeout 420 "$BUILD/bench/bench_loadgen" --port "$PORT" --proto toom --label "$label" \
        --server-pid "$SPID" --concurrency 64 --setup-timeout 120 --max-runtime 400 "$@" |
        tee -a "$OUT" >/dev/null
}

if [ "$MODE" = quick ]; then
    start_server
    lg connections-1000 --scenario connections --clients 1000 --hold 2
    lg direct-1000-10k --scenario direct --clients 1000 --rate 10000 --duration 3
    lg fanout-100-10x10 --scenario fanout --clients 100 --senders 10 --rate 10 --duration 3
    stop_server
else
    start_server
    lg connections-10000 --scenario connections --clients 10000 --hold 5
    stop_server
    start_server
    lg fanout-1000-10x10 --scenario fanout --clients 1000 --senders 10 --rate 10 --duration 5
    lg direct-1000-10k --scenario direct --clients 1000 --rate 10000 --duration 5
    lg direct-1000-50k --scenario direct --clients 1000 --rate 50000 --duration 5
    lg fanout-1000-ramp --scenario maxrate --mode fanout --clients 1000 --senders 10 \
        --start-rate 10 --factor 2 --max-steps 12 --duration 4
    lg direct-5000-ramp --scenario maxrate --mode direct --clients 5000 --start-rate 10000 \
        --factor 1.5 --max-steps 12 --duration 4
    stop_server
    # Logins at the default hash cost (auth.pbkdf2_iterations = 0: the built-in default).
    start_server -D auth.pbkdf2_iterations=0
    lg direct-200-2k-quiet --scenario direct --clients 200 --rate 2000 --duration 8
    lg direct-200-2k-storm --scenario direct --clients 200 --rate 2000 --duration 8 &
    chatting=$!
    # Its 200 users are registered by about 7 s (their own logins cost the same); the 400
    # logins then take about 12 s, over the whole 8 s measurement.
    sleep 6
    lg logins-400-default-cost --scenario connections --clients 400 --hold 1
    wait "$chatting"
    stop_server
    "$BUILD/bench/bench_transfer" 64 3 | sed 's/^/# transfer: /' >&2
fi

python3 - "$OUT" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    try:
        d = json.loads(line)
    except ValueError:
        continue
    r = d.get("result") or {}
    label = d.get("server", "?")
    load = d.get("loadavg_at_start", "").split(" ")[0]
    if d.get("scenario") == "connections":
        before = r.get("server_rss_kb_before", d.get("server_rss_kb_before"))
        after = r.get("server_rss_kb_registered", d.get("server_rss_kb_registered"))
        n = d.get("registered") or 0
        per = f"{(after - before) / n:.1f}" if n and before is not None and after else "?"
        print(f"{label:28} registered {n} in {d.get('register_seconds', 0):.2f} s,"
              f" RSS/conn {per} KB  [load {load}]")
    elif d.get("scenario") == "maxrate":
        r = {**d, **r}
        print(f"{label:28} clean {r.get('max_clean_delivered_per_s', 0):,.0f}/s,"
              f" plateau {r.get('plateau_delivered_per_s', 0):,.0f}/s  [load {load}]")
    else:
        print(f"{label:28} delivered {r.get('delivered_per_s', 0):,.0f}/s"
              f" (ratio {r.get('delivery_ratio', 0):.3f}), p50 {r.get('lat_p50_ms', 0):.2f} ms,"
              f" p99 {r.get('lat_p99_ms', 0):.2f} ms  [load {load}]")
PY
echo "# JSON lines: $OUT; server log: $WORK/server.log" >&2
