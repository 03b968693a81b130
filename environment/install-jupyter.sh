#!/usr/bin/env bash
# Installs Jupyter (notebook, nbconvert, nbclient) and the kernel conformance suite from Debian's
# packages, for Debian's own /usr/bin/python3. Idempotent: does nothing when they are installed.
#
# Not on Debian/Ubuntu? Install the same with pip into any Python 3 and use that python below:
#   python3 -m pip install notebook nbconvert nbclient jupyter_kernel_test
set -euo pipefail

packages=(jupyter-notebook jupyter-nbconvert python3-nbclient python3-jupyter-kernel-test)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "Jupyter: already installed (${packages[*]})"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "No apt-get here. Install Jupyter with pip instead (see the top of $0)." >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "Jupyter: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
