#!/usr/bin/env bash
# Configures (once) and builds the tree in ${JOURNY_BUILD_DIR:-build}; later runs are incremental.
# Usage: packaging/configure.sh [ninja targets...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${JOURNY_BUILD_DIR:-build}"
if [ ! -f "$build_dir/build.ninja" ]; then
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DJOURNY_WARNINGS_AS_ERRORS=ON "${launcher[@]}" >/dev/null
fi
cmake --build "$build_dir" ${1:+--target "$@"}
