#!/usr/bin/env bash
# Builds toom-server and runs it on its defaults: port 4000, profile toom-default, the seeds'
# sample users (config/credentials.txt, copied to data/ on first run), SQLite store in data/.
# Extra arguments go to toom-server, e.g. scripts/serve.sh --profile tessenger
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    cat <<'USAGE'
Usage: scripts/serve.sh [--tls] [--tls-dir DIR] [--tls-port PORT] [toom-server arguments...]

Builds toom-server and toom-client and runs the server on config/toom-server.properties.

  --tls            also open the TLS port (4443 unless --tls-port), with a self-signed
                   certificate for local use (CN localhost, SAN localhost and 127.0.0.1) in
                   DIR/cert.pem and its key in DIR/key.pem (mode 0600); the pair is made with
                   the openssl CLI and reused while present and valid for at least a day.
                   Prints the toom-client command that trusts that certificate.
  --tls-dir DIR    where the certificate and key live (default data/tls); implies --tls
  --tls-port PORT  the TLS port (default 4443); implies --tls
  -h, --help       this text

Any other argument goes to toom-server, e.g. scripts/serve.sh --tls --profile tessenger
USAGE
}

tls=0
tls_dir=data/tls
tls_port=4443
server_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --tls) tls=1 ;;
        --tls-dir) [ $# -ge 2 ] || { usage >&2; exit 2; }; tls=1; tls_dir=$2; shift ;;
        --tls-dir=*) tls=1; tls_dir=${1#*=} ;;
        --tls-port) [ $# -ge 2 ] || { usage >&2; exit 2; }; tls=1; tls_port=$2; shift ;;
        --tls-port=*) tls=1; tls_port=${1#*=} ;;
        -h|--help) usage; exit 0 ;;
        *) server_args+=("$1") ;;
    esac
    shift
done

# A certificate is reused only if its key is there too and it is valid for at least another
# day, so a long-running local setup never starts on a certificate about to expire.
ensure_local_certificate() {
    local dir=$1 cert=$1/cert.pem key=$1/key.pem
    if [ -f "$cert" ] && [ -f "$key" ] && openssl x509 -in "$cert" -noout -checkend 86400 >/dev/null 2>&1; then
        chmod 600 "$key"
        return
    fi
    mkdir -p "$dir"
    # umask first: the key must never exist, even briefly, readable by others.
    (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 365 \
        -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
        -keyout "$key" -out "$cert" >/dev/null 2>&1)
    chmod 600 "$key"
    chmod 644 "$cert"
    echo "serve.sh: made a self-signed certificate for localhost in $dir" >&2
}

if [ "$tls" = 1 ]; then
    command -v openssl >/dev/null || { echo "serve.sh: --tls needs the openssl command" >&2; exit 1; }
    ensure_local_certificate "$tls_dir"
fi

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target toom-server toom-client -j"$(nproc)"

mkdir -p data
# The copy holds passwords: private to its owner (the server warns otherwise).
[ -f data/credentials.txt ] || install -m 600 config/credentials.txt data/credentials.txt

if [ "$tls" = 1 ]; then
    cert=$(cd "$tls_dir" && pwd)/cert.pem
    key=$(cd "$tls_dir" && pwd)/key.pem
    server_args=(-D "tls.port=$tls_port" -D "tls.certificate_file=$cert" -D "tls.private_key_file=$key"
        ${server_args[@]+"${server_args[@]}"})
    echo "serve.sh: TLS on port $tls_port; connect with:" >&2
    echo "  build/src/toom-client --tls --tls-ca $cert 127.0.0.1 $tls_port" >&2
fi
exec build/src/toom-server --config-file=config/toom-server.properties ${server_args[@]+"${server_args[@]}"}
