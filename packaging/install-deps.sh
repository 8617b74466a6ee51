#!/usr/bin/env bash
# Installs the Debian 12 packages ECA Lab needs to build, run and test. Safe to run again:
# it does nothing when everything is already installed.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git
  # Qt 6.4: base (Core, Network, Gui, Widgets, Test), NetworkAuth, HttpServer (needs WebSockets on Debian 12), Svg
  qt6-base-dev qt6-networkauth-dev qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev libgl-dev
  # secrets, crypto, QR codes
  qtkeychain-qt6-dev libssl-dev libqrencode-dev
  # GUI tests and screenshots without a display; a font so text renders
  xvfb xauth fonts-dejavu-core
  # end-to-end tests: a real browser, driven over WebDriver
  chromium chromium-driver
  # the fuzz preset (tests/fuzz): clang 14 with its sanitizer runtimes and libFuzzer
  clang libclang-rt-14-dev libfuzzer-14-dev
  # faster rebuilds (optional for the build, used when present)
  ccache
  # packaging and its tests (tests/packaging): DEB and RPM builds (dpkg-shlibdeps, rpmbuild,
  # rpm2archive), their checks (lintian, desktop-file-validate, appstreamcli, man, file, zsh) and JSON in
  # the test script (perl's JSON::PP)
  dpkg-dev rpm rpm2cpio lintian desktop-file-utils appstream man-db file perl zsh
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "install-deps: these packages are missing and I am not root (and there is no sudo): ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
