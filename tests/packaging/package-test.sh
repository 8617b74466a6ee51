#!/usr/bin/env bash
# Usage: package-test.sh deb|rpm CPACK_CONFIG VERSION APP_ID SOURCE_DIR
# Builds the package from the build tree (cpack), unpacks it into a throw-away root, checks every
# file against the FHS layout and the package's metadata, validates the desktop file, the AppStream
# metainfo (and, for the DEB, lintian), then runs the installed ecalab from a directory outside the
# checkout with HOME and the XDG directories in temporary directories: --version, the man page
# against --help, the bash completion, `ecalab emulator --json` and `ecalab run client-credentials`
# on the emulator's demo profile. Leaves nothing behind. Registered by tests/packaging/CMakeLists.txt.
set -euo pipefail

format=${1:?deb or rpm}
cpack_config=${2:?CPackConfig.cmake}
version=${3:?version}
app_id=${4:?app id}
source_dir=${5:?source dir}

started=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/ecalab-packaging-$format.XXXXXX")
emulator_pid=
gui_pid=
cleanup() {
  if [ -n "$gui_pid" ]; then
    kill -TERM "$gui_pid" 2>/dev/null || true
    wait "$gui_pid" 2>/dev/null || true
  fi
  if [ -n "$emulator_pid" ]; then
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL ($format): $*" >&2
  exit 1
}
step() { echo "-- $*"; }

# Runs a command quietly; on failure shows its output and fails with the message.
quiet() {
  local message=$1
  shift
  if ! "$@" >"$work/quiet.log" 2>&1; then
    cat "$work/quiet.log" >&2
    fail "$message"
  fi
}

json_get() { # json_get FILE PERL-EXPRESSION-ON-$j
  perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0] or die; my $j = decode_json(<$f>); my $v = eval $ARGV[1]; die $@ if $@; print ref $v ? JSON::PP->new->canonical->encode($v) : (defined $v ? $v : "")' "$1" "$2"
}

# What the package must hold, nothing more (cmake/InstallLinux.cmake).
expected_files() {
  printf '%s\n' \
    usr/bin/ecalab \
    usr/libexec/ecalab/ecalab-window \
    usr/libexec/ecalab/libecalab_keychain.so \
    "usr/share/applications/$app_id.desktop" \
    "usr/share/metainfo/$app_id.metainfo.xml" \
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    usr/share/man/man1/ecalab.1.gz \
    usr/share/bash-completion/completions/ecalab \
    usr/share/zsh/vendor-completions/_ecalab \
    usr/share/doc/ecalab/copyright \
    usr/share/doc/ecalab/changelog.gz \
    usr/share/doc/ecalab/LICENSE
  for size in 16 32 48 64 128 256; do
    echo "usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  done
}

# --- build the package -------------------------------------------------------------------------
step "cpack -G ${format^^}"
mkdir -p "$work/out"
# cpack runs the build tool (its preinstall step, a no-op after the build) in the build tree: one
# cpack at a time per tree (a lock on its CPackConfig.cmake), so the DEB and RPM tests never run two
# of them there at once. The package and cpack's staging directory go to the throw-away directory.
quiet "cpack -G ${format^^} failed" \
  flock "$cpack_config" \
  cpack -G "${format^^}" --config "$cpack_config" -B "$work/out"
root=$work/root
mkdir -p "$root"

if [ "$format" = deb ]; then
  arch=$(dpkg --print-architecture)
  package=$work/out/ecalab_${version}_${arch}.deb
  [ -f "$package" ] || fail "no ecalab_${version}_${arch}.deb; cpack made: $(ls "$work/out")"
  step "dpkg-deb -I / -f"
  dpkg-deb -I "$package" >/dev/null || fail "dpkg-deb -I cannot read $package"
  for field in Package Version Architecture Maintainer Section Homepage Description; do
    [ -n "$(dpkg-deb -f "$package" "$field")" ] || fail "the control file has no $field"
  done
  [ "$(dpkg-deb -f "$package" Package)" = ecalab ] || fail "Package is not ecalab"
  [ "$(dpkg-deb -f "$package" Version)" = "$version" ] || fail "Version is not $version"
  depends=$(dpkg-deb -f "$package" Depends)
  echo "Depends: $depends"
  # From dpkg-shlibdeps (Qt, QtKeychain, OpenSSL, libqrencode, the C++ runtime) and libqt6svg6 (plugins).
  for lib in libc6 libstdc++6 libqt6core6 libqt6network6 libqt6gui6 libqt6widgets6 libqt6svg6 \
    libqt6httpserver6 libqt6keychain1 libssl3 libqrencode4; do
    sed 's/, /\n/g' <<<"$depends" | awk '{ print $1 }' | grep -xF "$lib" >/dev/null || fail "Depends lacks $lib: $depends"
  done
  contents=$(dpkg-deb -c "$package")
  grep -q ' \./usr/bin/ecalab$' <<<"$contents" || fail "dpkg-deb -c lists no ./usr/bin/ecalab"
  dpkg -x "$package" "$root"
else
  arch=$(uname -m)
  package=$work/out/ecalab-${version}-1.${arch}.rpm
  [ -f "$package" ] || fail "no ecalab-${version}-1.${arch}.rpm; cpack made: $(ls "$work/out")"
  step "rpm -qip / -qlp / -qRp"
  [ "$(rpm -qp --qf '%{NAME} %{VERSION} %{ARCH} %{LICENSE}' "$package" 2>/dev/null)" = "ecalab $version $arch MIT" ] ||
    fail "name, version, arch or license wrong: $(rpm -qp --qf '%{NAME} %{VERSION} %{ARCH} %{LICENSE}' "$package")"
  requires=$(rpm -qRp "$package" 2>/dev/null)
  echo "Requires:"
  sed 's/^/  /' <<<"$requires"
  for lib in libc.so.6 libstdc++.so.6 libQt6Core.so.6 libQt6Network.so.6 libQt6Gui.so.6 libQt6Widgets.so.6 \
    libQt6Svg.so.6 libQt6HttpServer.so.6 libqt6keychain.so.1 libcrypto.so.3 libqrencode.so.4; do
    grep -q "^$lib" <<<"$requires" || fail "Requires lacks $lib"
  done
  # Files (not directories) must be exactly the layout; the only directories it owns are its own.
  listing=$(rpm -qlp "$package" 2>/dev/null)
  grep -qx /usr/bin/ecalab <<<"$listing" || fail "rpm -qlp lists no /usr/bin/ecalab"
  rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$package" 2>/dev/null >"$work/rpm-files"
  owned_dirs=$(awk '$1 ~ /^d/ { print $2 }' "$work/rpm-files")
  foreign_dirs=$(grep -vxE '/usr/libexec/ecalab|/usr/share/doc/ecalab' <<<"$owned_dirs" || true)
  [ -z "$foreign_dirs" ] ||
    fail "the package owns system directories: $(tr '\n' ' ' <<<"$foreign_dirs")"
  awk '$1 !~ /^d/ { sub(/^\//, "", $2); print $2 }' "$work/rpm-files" | sort >"$work/listed"
  expected_files | sort >"$work/expected"
  diff -u "$work/expected" "$work/listed" >&2 || fail "rpm -qlp: the files differ from the layout (above)"
  (cd "$root" && rpm2archive - <"$package" | tar -xzf -) || fail "cannot unpack $package"
fi

# --- the files, where the FHS says ---------------------------------------------------------------
step "layout"
(cd "$root" && find . -type f -o -type l) | sed 's|^\./||' | sort >"$work/installed"
expected_files | sort >"$work/expected"
diff -u "$work/expected" "$work/installed" >&2 || fail "the installed files differ from the FHS layout (above)"
bin=$root/usr/bin/ecalab
window_bin=$root/usr/libexec/ecalab/ecalab-window
for program in "$bin" "$window_bin"; do
  [ -x "$program" ] || fail "${program#"$root"/} is not executable"
  file -b "$program" | grep -q 'ELF.*, stripped' || fail "${program#"$root"/} is not a stripped ELF: $(file -b "$program")"
done
# The command line needs neither Gui nor Widgets (issue 15); the window program does.
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
gui_libs='lib(Qt6(Gui|Widgets|Svg|OpenGL|XcbQpa)|GL|EGL|X11|xcb|fontconfig|freetype|harfbuzz)[.-]'
linked=$(needed "$bin" | grep -E "^$gui_libs" || true)
[ -z "$linked" ] || fail "usr/bin/ecalab links the window's libraries: $linked"
needed "$window_bin" | grep -q '^libQt6Widgets\.so' || fail "the window program does not link Qt Widgets"
# Nor QtKeychain and its D-Bus stack: both programs load the keychain module on first need.
keychain_module=$root/usr/libexec/ecalab/libecalab_keychain.so
for program in "$bin" "$window_bin"; do
  linked=$(needed "$program" | grep -E '^lib(qt6keychain|Qt6DBus|dbus-1)\.' || true)
  [ -z "$linked" ] || fail "${program#"$root"/} links the keychain's libraries: $linked"
done
needed "$keychain_module" | grep -q '^libqt6keychain\.so' || fail "the keychain module does not link QtKeychain"
nm -D --defined-only "$keychain_module" | grep -q ' T ecalab_keychain_module$' ||
  fail "the keychain module does not export ecalab_keychain_module"
for size in 16 32 48 64 128 256; do
  png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
  file -b "$png" | grep -q "^PNG image data, $size x $size," || fail "$png is not a ${size}x$size PNG: $(file -b "$png")"
done
if grep -qF "$source_dir/resources" "$bin"; then
  fail "the installed binary names the checkout's resources ($source_dir/resources)"
fi

step "desktop-file-validate, appstreamcli validate --no-net"
desktop=$root/usr/share/applications/$app_id.desktop
metainfo=$root/usr/share/metainfo/$app_id.metainfo.xml
quiet "desktop-file-validate refuses $app_id.desktop" desktop-file-validate "$desktop"
quiet "appstreamcli validate refuses $app_id.metainfo.xml" appstreamcli validate --no-net "$metainfo"
grep -qx "Icon=$app_id" "$desktop" || fail "the desktop file's Icon is not $app_id"
grep -qx "Exec=ecalab" "$desktop" || fail "the desktop file does not run ecalab"
# X11 shells match the window (WM_CLASS "ecalab", "ECA Lab") to the launcher by StartupWMClass;
# Wayland ones by the app id the window announces (desktopFileName, the file's name).
grep -qx "StartupWMClass=ecalab" "$desktop" || fail "the desktop file has no StartupWMClass=ecalab"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" || fail "the metainfo launches no $app_id.desktop"
grep -q "<release version=\"$version\" date=" "$metainfo" || fail "the metainfo has no release $version"

if [ "$format" = deb ]; then
  step "lintian"
  # Exit status 1 means an error tag; warnings are listed, not fatal.
  lintian_status=0
  lintian --tag-display-limit 0 --display-info "$package" >"$work/lintian" 2>"$work/lintian.err" || lintian_status=$?
  grep -v 'running with root privileges' "$work/lintian.err" >&2 || true
  sed 's/^/  /' "$work/lintian"
  if grep -q '^E: ' "$work/lintian" || [ "$lintian_status" -ne 0 ]; then
    fail "lintian reports errors (exit $lintian_status)"
  fi
fi

# --- the installed program, run outside the checkout ---------------------------------------------
step "run the installed ecalab"
mkdir -p "$work/home" "$work/config" "$work/data" "$work/cache" "$work/state" "$work/tmp" "$work/cwd"
mkdir -m 700 "$work/runtime"
run_env=(env -i "PATH=$root/usr/bin:/usr/bin:/bin" "HOME=$work/home" "XDG_CONFIG_HOME=$work/config"
  "XDG_DATA_HOME=$work/data" "XDG_CACHE_HOME=$work/cache" "XDG_STATE_HOME=$work/state"
  "XDG_RUNTIME_DIR=$work/runtime" "TMPDIR=$work/tmp" "LANG=C.UTF-8" "ECALAB_SECRET_STORE=memory"
  "QT_QPA_PLATFORM=offscreen")
cd "$work/cwd"
out=$("${run_env[@]}" ecalab --version) || fail "ecalab --version failed"
[ "$out" = "ecalab $version" ] || fail "ecalab --version says '$out', not 'ecalab $version'"
[ "$("${run_env[@]}" sh -c 'command -v ecalab')" = "$bin" ] || fail "ecalab on PATH is not the installed one"

# The man page is the help: every line of `ecalab --help` (after its title) and the flows of
# `ecalab run --help` are in it.
man_text=$(zcat "$root/usr/share/man/man1/ecalab.1.gz" | sed 's/\\-/-/g; s/\\e/\\/g; s/^\\&//')
"${run_env[@]}" ecalab --help | tail -n +2 | grep -v '^$' | while IFS= read -r line; do
  grep -qxF -- "$line" <<<"$man_text" || fail "the man page lacks this line of ecalab --help: $line"
done
flows=$("${run_env[@]}" ecalab run --help | awk '/^Flows:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }')
[ -n "$flows" ] || fail "ecalab run --help lists no flows"
for flow in $flows; do
  grep -qF -- "$flow" <<<"$man_text" || fail "the man page does not name the flow $flow"
done
warnings=$(MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/ecalab.1.gz" 2>&1 >/dev/null) || fail "man cannot render the page"
[ -z "$warnings" ] || fail "man --warnings: $warnings"

# The bash completion completes commands and the flows the installed binary lists.
completion=$("${run_env[@]}" bash -c 'source "$1"; COMP_WORDS=(ecalab run client-c); COMP_CWORD=2; _ecalab; echo "${COMPREPLY[*]}"
  COMP_WORDS=(ecalab emu); COMP_CWORD=1; _ecalab; echo "${COMPREPLY[*]}"' _ "$root/usr/share/bash-completion/completions/ecalab")
[ "$completion" = $'client-credentials\nemulator' ] || fail "bash completion: '$completion'"
# The zsh completion parses and compinit binds it to ecalab.
zsh -n "$root/usr/share/zsh/vendor-completions/_ecalab" || fail "the zsh completion does not parse"
bound=$("${run_env[@]}" zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D; print -r -- ${_comps[ecalab]}' \
  _ "$root/usr/share/zsh/vendor-completions")
[ "$bound" = _ecalab ] || fail "zsh: compinit binds '$bound' to ecalab, not _ecalab"

# The emulator, then client credentials on its demo profile.
step "ecalab emulator --json; ecalab run client-credentials"
"${run_env[@]}" ecalab emulator --json >"$work/emulator.json" 2>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 1 100); do
  json_get "$work/emulator.json" '$j->{profile}{loginUrl}' >/dev/null 2>&1 && break # the whole line is there
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.err" >&2; fail "ecalab emulator exited before printing"; }
  sleep 0.1
done
json_get "$work/emulator.json" '$j->{profile}{loginUrl}' >/dev/null 2>&1 ||
  { cat "$work/emulator.err" >&2; fail "ecalab emulator --json printed no JSON line in 10 s"; }
# What the running command-line process has mapped: no Gui, Widgets or X/GL library either.
mapped=$(grep -E "/$gui_libs" "/proc/$emulator_pid/maps" | awk '{ print $6 }' | sort -u || true)
[ -z "$mapped" ] || fail "ecalab emulator has the window's libraries mapped: $mapped"
for key in login myDomain site admin; do
  [[ $(json_get "$work/emulator.json" "\$j->{$key}") == http://127.0.0.1:* ]] || fail "the emulator's $key is not on loopback"
done
json_get "$work/emulator.json" '$j->{profile}' >"$work/cwd/demo.json"
[ -s "$work/cwd/demo.json" ] || fail "the emulator printed no profile"

status=0
"${run_env[@]}" ecalab run client-credentials --profile demo.json --json --timeout 30 >"$work/run.json" 2>"$work/run.err" || status=$?
if [ "$status" -ne 0 ]; then
  cat "$work/run.err" >&2
  fail "ecalab run client-credentials exited $status"
fi
[ "$(json_get "$work/run.json" '$j->{ok} ? "true" : "false"')" = true ] || fail "--json says ok: false: $(cat "$work/run.json")"
access_token=$(json_get "$work/run.json" '$j->{token}{access_token}')
[ -n "$access_token" ] || fail "--json has no token.access_token"
[ "$(json_get "$work/run.json" '$j->{checks}{signature}')" = valid ] || fail "the token's signature is not valid"
echo "access token: ${access_token:0:15}… (${#access_token} characters)"

kill -TERM "$emulator_pid"
status=0
wait "$emulator_pid" || status=$?
emulator_pid=
[ "$status" -eq 0 ] || { cat "$work/emulator.err" >&2; fail "ecalab emulator exited $status on SIGTERM, not 0"; }

# The window starts from the installed tree (its icons, pages and demo org are compiled in) and is
# still up after three seconds, on the offscreen platform.
step "the window"
"${run_env[@]}" ecalab >"$work/gui.out" 2>"$work/gui.err" &
gui_pid=$!
sleep 3
if ! kill -0 "$gui_pid" 2>/dev/null; then
  cat "$work/gui.err" >&2
  wait "$gui_pid" || fail "the window exited at start ($?)"
  fail "the window exited at start"
fi
# `ecalab` handed over to the window program in the same process (execv).
[ "$(readlink "/proc/$gui_pid/exe")" = "$window_bin" ] ||
  fail "ecalab with no command runs $(readlink "/proc/$gui_pid/exe"), not the window program"
grep -q '/libQt6Widgets\.so' "/proc/$gui_pid/maps" || fail "the window has no Qt Widgets mapped"
kill -TERM "$gui_pid"
wait "$gui_pid" 2>/dev/null || true
gui_pid=

echo "ok ($format): $(basename "$package") $(stat -c %s "$package") bytes, $((SECONDS - started)) s"
