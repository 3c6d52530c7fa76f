#!/usr/bin/env bash
# Installs the Debian packages Toom builds with, if any is missing. Quick when all are there.
#   scripts/install-deps.sh                  what the normal and --sanitize builds need
#   scripts/install-deps.sh --tsan           also gcc's ThreadSanitizer runtime
#   scripts/install-deps.sh --thread-safety  also clang (the static thread-safety analysis)
#   scripts/install-deps.sh --lint           also clang and clang-tidy (scripts/lint.sh)
# scripts/test.sh passes its mode on. With TOOM_DEPS_DRY_RUN=1 it only prints what is missing.
set -euo pipefail

# clang-format: the `format` test (it is skipped where clang-format is missing, so CI must have it).
packages=(cmake g++ make libpoco-dev libssl-dev libgtest-dev libgmock-dev dpkg-dev clang-format)
case "${1:-}" in
--tsan) packages+=(libtsan2) ;;             # g++ -fsanitize=thread links it
--thread-safety) packages+=(clang) ;;       # clang++ (Debian's default clang, 14 in bookworm)
--lint) packages+=(clang clang-tidy) ;;      # clang-tidy and run-clang-tidy, 14 in bookworm
"" | --sanitize) ;;                         # libasan/libubsan come with g++
*) echo "unknown mode: $1" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "${TOOM_DEPS_DRY_RUN:-0}" = 1 ]; then
    echo "Would install: ${missing[*]}"
    exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
