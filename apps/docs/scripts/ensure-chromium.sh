#!/bin/sh
# The reference test opens the page in the system Chromium (Debian package).
# Installs it when missing and this machine can (root with apt-get); otherwise
# says how, so `pnpm test` on a fresh machine needs no other set-up step.
set -eu

browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium (Debian package) for the API reference test..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi

echo "No Chromium at $browser: run 'apt-get install -y --no-install-recommends chromium'" >&2
echo "as root, or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
exit 1
