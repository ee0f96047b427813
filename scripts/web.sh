#!/usr/bin/env bash
# The page's one front-end dependency, the SignalR JavaScript client, from npm (pinned in src/Platform.Api/package.json
# and package-lock.json), copied where the API serves it: src/Platform.Api/wwwroot/lib/signalr.min.js. No build step.
set -euo pipefail
if ! command -v npm >/dev/null; then
  # A fresh machine: Debian's Node.js and npm.
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y --no-install-recommends nodejs npm >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y --no-install-recommends nodejs npm >&2; }
fi
cd "$(dirname "$0")/../src/Platform.Api"
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund >&2
else
  npm install --no-audit --no-fund >&2
fi
mkdir -p wwwroot/lib
cp node_modules/@microsoft/signalr/dist/browser/signalr.min.js wwwroot/lib/signalr.min.js
