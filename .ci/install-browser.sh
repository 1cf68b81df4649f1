#!/usr/bin/env bash
# Installs the headless browser the JavaScript client's tests drive: Debian's chromium and
# chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver). Idempotent: does nothing when both
# are there. Needs root or passwordless sudo, and no stdin.
set -euo pipefail

if command -v chromium > /dev/null 2>&1 && command -v chromedriver > /dev/null 2>&1; then
  echo "install-browser: chromium and chromedriver are installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo > /dev/null || { echo "install-browser: need root or sudo" >&2; exit 1; }
  sudo=(sudo -n)
fi
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq < /dev/null
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends chromium chromium-driver < /dev/null
echo "install-browser: $(chromium --version) / $(chromedriver --version)"
