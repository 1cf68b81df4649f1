#!/usr/bin/env bash
# Installs the headless browser the JavaScript client's tests drive (Debian's chromium and
# chromium-driver, which put /usr/bin/chromium and /usr/bin/chromedriver). Idempotent: does
# nothing when both are there. Needs root (or sudo) and Debian's package archive.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "install-browser: chromium and chromedriver already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  apt() { apt-get "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  apt() { sudo apt-get "$@"; }
else
  echo "install-browser: need root or sudo to install chromium and chromium-driver" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt update -qq
apt install -y -qq --no-install-recommends chromium chromium-driver
chromium --version
chromedriver --version
