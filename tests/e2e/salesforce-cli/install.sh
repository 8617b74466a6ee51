#!/usr/bin/env bash
# Installs the Salesforce CLI that tst_e2e_salesforce_cli runs, exactly as package-lock.json pins
# it (npm ci, no install scripts). Safe to run again: does nothing when node_modules already
# matches the lock. Needs Node.js and npm (installed from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "salesforce-cli: installing nodejs and npm" >&2
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm
fi

# npm ci writes node_modules/.package-lock.json last: newer than the lock means the install is whole.
if [ -x node_modules/.bin/sf ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
echo "salesforce-cli: npm ci (the Salesforce CLI for the end-to-end tests)" >&2
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
