#!/usr/bin/env bash
# Builds and starts journy-console (on the built-in sandbox when no key is set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh build
bash packaging/configure.sh journy-console journyctl
exec "${JOURNY_BUILD_DIR:-build}/app/journy-console" "$@"
