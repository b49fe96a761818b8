#!/usr/bin/env bash
# Installs the Debian 12 packages Journy Console needs, only those that are missing.
# Usage: packaging/install-deps.sh build|test
set -euo pipefail

build_packages=(
    cmake ninja-build g++ ccache
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev qt6-tools-dev qt6-svg-dev
    libsecret-1-0 gnome-keyring dbus
)
# Tests also need a display server, a keyring daemon, the JSON-Schema test suite and the
# tools some tests run generated code or compare results with: openssl (HMAC), curl (copy as
# curl), php, ruby, python3 and node (HMAC server code and SDK snippets).
test_packages=(
    "${build_packages[@]}"
    xvfb xauth imagemagick json-schema-test-suite libbenchmark-dev openssl curl
    php-cli ruby python3 nodejs
)

case "${1:-build}" in
    build) wanted=("${build_packages[@]}") ;;
    test) wanted=("${test_packages[@]}") ;;
    *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
# npm ships inside some nodejs builds and as its own package in Debian's: ask for the command.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null; then
    missing+=(npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Never dbus-x11: with it, a keychain job without a session bus hangs on a prompt.
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
