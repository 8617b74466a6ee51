#!/usr/bin/env bash
# The Windows and macOS icon steps of cmake/PlatformBundle.cmake, run here with the same host tool:
# `--ico` must make one Windows icon holding every size as a PNG, `--iconset` the ten PNGs macOS's
# iconutil turns into an .icns. (iconutil and the .rc compiler themselves exist only there.)
# Usage: icons-test.sh RENDER_ICON_TOOL ICON.svg
set -euo pipefail
tool=$1
svg=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "icons-test: $*" >&2; exit 1; }

QT_QPA_PLATFORM=offscreen "$tool" --ico "$svg" "$work/ecalab.ico" 16 24 32 48 64 128 256
description=$(file -b "$work/ecalab.ico")
[[ $description == "MS Windows icon resource - 7 icons"* ]] || fail "not a 7-image icon: $description"
[[ $description == *"16x16"* && $description == *"PNG image data"* ]] || fail "entries are not PNGs: $description"
# The directory's last entry (256 px, written as 0) must point at a PNG that ends the file exactly.
python3 - "$work/ecalab.ico" <<'PY' || fail "the icon directory does not match its images"
import struct, sys
data = open(sys.argv[1], 'rb').read()
_, kind, count = struct.unpack_from('<HHH', data, 0)
assert kind == 1 and count == 7
sizes = []
for i in range(count):
    w, h, _, _, planes, bits, length, offset = struct.unpack_from('<BBBBHHII', data, 6 + 16 * i)
    assert data[offset:offset + 8] == b'\x89PNG\r\n\x1a\n', i
    png_w, png_h = struct.unpack_from('>II', data, offset + 16)
    assert png_w == (w or 256) and png_h == (h or 256), (i, w, png_w)
    sizes.append(png_w)
    end = offset + length
assert end == len(data) and sizes == [16, 24, 32, 48, 64, 128, 256], sizes
PY
! QT_QPA_PLATFORM=offscreen "$tool" --ico "$svg" "$work/big.ico" 512 2>/dev/null || fail "an .ico accepted 512 px"

QT_QPA_PLATFORM=offscreen "$tool" --iconset "$svg" "$work/ecalab.iconset"
for size in 16 32 128 256 512; do
    for variant in "" "@2x"; do
        png="$work/ecalab.iconset/icon_${size}x${size}${variant}.png"
        expected=$size
        [ -n "$variant" ] && expected=$((size * 2))
        [[ $(file -b "$png") == "PNG image data, $expected x $expected,"* ]] || fail "$png: $(file -b "$png")"
    done
done
[ "$(ls "$work/ecalab.iconset" | wc -l)" -eq 10 ] || fail "the iconset holds other files: $(ls "$work/ecalab.iconset")"
echo "icons-test: .ico (7 PNG images, 16-256 px) and .iconset (10 PNGs, 16-1024 px) as Windows and macOS expect"
