#!/usr/bin/env bash
# Builds everything with warnings as errors and runs the whole test suite headless: a real
# session bus, a fresh unlocked gnome-keyring and an Xvfb display, in a throw-away HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh test
bash packaging/configure.sh
build_dir="$(cd "${JOURNY_BUILD_DIR:-build}" && pwd)"

# The official Node SDK, which the copy-as-code tests run their generated code against
# (from the npm registry, once).
export JOURNY_NODE_MODULES="$build_dir/peers/node_modules"
if [ ! -d "$JOURNY_NODE_MODULES/@journyio/sdk" ]; then
    npm install --prefix "$build_dir/peers" --no-audit --no-fund --loglevel=error @journyio/sdk@3.1.0 \
        || echo "warning: could not install @journyio/sdk; the SDK test will be reported as not run" >&2
fi

export HOME="$(mktemp -d)" XDG_RUNTIME_DIR="$(mktemp -d)"
chmod 700 "$XDG_RUNTIME_DIR"
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME DBUS_SESSION_BUS_ADDRESS DISPLAY
trap 'rm -rf "$HOME" "$XDG_RUNTIME_DIR"' EXIT
# dbus-run-session goes outside xvfb-run, or a keyring prompt can hang on the display.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" sh -ec '
    echo -n throw-away-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    ctest --test-dir "$1" --output-on-failure -j2
' sh "$build_dir"
