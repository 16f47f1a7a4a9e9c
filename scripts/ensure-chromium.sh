#!/usr/bin/env bash
# Installs Debian's Chromium when no browser is found (npm test and npm run bench drive it
# headless). Nothing is downloaded from anywhere but Debian's archive; CHROMIUM_PATH may name
# another Chromium or Chrome binary instead.
set -u
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "== no browser found: installing Debian's chromium"
  SUDO=""
  [ "$(id -u)" != 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  if command -v apt-get >/dev/null; then
    $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
  else
    echo "apt-get is not available: set CHROMIUM_PATH to a Chromium or Chrome binary" >&2
  fi
fi
