#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs the whole test suite.
# With CI=true, compiler warnings are errors.
set -euo pipefail
cd "$(dirname "$0")"

./packaging/install-deps.sh
./tests/e2e/salesforce-cli/install.sh # the real Salesforce CLI for the end-to-end tests (npm)
preset=dev
if [ "${CI:-}" = "true" ]; then
  preset=ci
fi
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -- -j"$(nproc)"
ctest --preset "$preset" -j"$(nproc)" "$@"
