#!/usr/bin/env bash
# Debian's Chromium for the page's browser tests (tests/Platform.Api.Tests/PageTests.cs drive /usr/bin/chromium with
# Playwright). Installed with apt when missing; test tools never download a browser of their own.
set -euo pipefail
[[ -x /usr/bin/chromium ]] && exit 0
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends chromium >&2; then
  $sudo apt-get update >&2
  $sudo apt-get install -y --no-install-recommends chromium >&2
fi
[[ -x /usr/bin/chromium ]] || { echo "scripts/browser.sh: /usr/bin/chromium is still missing" >&2; exit 1; }
