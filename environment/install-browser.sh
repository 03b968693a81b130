#!/usr/bin/env bash
# Installs what the book's export and the browser test need, all from Debian's packages and npm
# (no browser download): Chromium (/usr/bin/chromium, driven headless by playwright-core) and
# poppler-utils (pdftoppm, to look at a PDF page as an image); then `npm ci` in each npm folder
# given as an argument (its package-lock.json pins every version). Idempotent and quick when done.
#   environment/install-browser.sh [environment/book environment/browser-test ...]
set -euo pipefail

packages=(chromium poppler-utils)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "No apt-get here: install Chromium (or Chrome) and poppler-utils yourself, and set CHROMIUM to the browser." >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "browser: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "browser: node and npm are needed (apt-get install nodejs npm)" >&2; exit 1; }

for dir in "$@"; do
  # npm ci again only when package-lock.json changed since the last install.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "browser: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
