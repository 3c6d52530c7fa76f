#!/usr/bin/env bash
# Installs a build into a temporary prefix and runs the installed programs, then builds the
# Debian package and checks what it holds. CI runs it after the test suite.
#   scripts/install-check.sh [build-dir]    (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
version="$(sed -n 's/^project(Toom VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null
for program in toom-server toom-client; do
    out="$("$prefix/bin/$program" --version)"
    [ "$out" = "$program $version (protocol TOOM/1)" ] || {
        echo "install-check: $program --version printed '$out', expected version $version"
        exit 1
    }
done
for file in share/doc/toom/examples/toom-server.properties share/doc/toom/examples/client.conf.sample \
    share/doc/toom/PROTOCOL.md; do
    [ -f "$prefix/$file" ] || { echo "install-check: $file was not installed"; exit 1; }
done
echo "install-check: installed programs report $version"

if command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null; then
    (cd "$build" && cpack -G DEB >/dev/null)
    deb="$(ls -t "$build"/toom_"$version"*.deb | head -n 1)"
    contents="$(dpkg-deb -c "$deb")"
    for file in ./usr/bin/toom-server ./usr/bin/toom-client; do
        grep -q " $file\$" <<<"$contents" || { echo "install-check: $file not in $deb"; exit 1; }
    done
    echo "install-check: $deb holds both programs; depends: $(dpkg-deb -f "$deb" Depends)"
else
    echo "install-check: dpkg-deb or dpkg-shlibdeps missing, no .deb built"
    exit 1
fi
