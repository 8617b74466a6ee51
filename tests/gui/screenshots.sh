#!/usr/bin/env bash
# Regenerates the window's screenshots in docs/screenshots/ at 100 % and 200 % from the GUI tests'
# own runs (offscreen, on the in-process emulator): every flow's settings, the waiting screens and
# a result, the token pane and the token inspector. Usage: tests/gui/screenshots.sh [BUILD_DIR]   (default build/dev, built first)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/dev}
out=$root/docs/screenshots
mkdir -p "$out"
for scale in 1 2; do
    for test in tst_gui_layout tst_gui_interactive tst_gui_run tst_gui_browser tst_gui_keys tst_gui_tokens tst_gui_headless; do
        QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=$scale ECALAB_SECRET_STORE=memory \
            ECALAB_SCREENSHOT_DIR=$out "$build/tests/gui/$test" >/dev/null
    done
done
ls "$out"
