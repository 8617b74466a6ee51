#!/usr/bin/env bash
# Installs what is missing, builds, and opens ECA Lab on the built-in emulator's demo org.
set -euo pipefail
cd "$(dirname "$0")"

./packaging/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target ecalab

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run.sh: no display found; starting ECA Lab under Xvfb (xvfb-run)." >&2
  exec xvfb-run -a ./build/dev/app/ecalab "$@"
fi
exec ./build/dev/app/ecalab "$@"
