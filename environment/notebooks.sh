#!/usr/bin/env bash
# README's first command: sets the machine up (environment/setup.sh), then opens the book in
# Jupyter: JupyterLab where it is installed (pip install jupyterlab), otherwise the classic
# notebook server from Debian's packages. Extra arguments go to Jupyter (e.g. --no-browser --port 8890).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

"$root/environment/setup.sh"

args=(--notebook-dir="$root/notebooks")
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
if command -v jupyter-lab >/dev/null 2>&1; then
  exec jupyter-lab "${args[@]}" "$@"
fi
exec /usr/bin/python3 -m notebook "${args[@]}" "$@"
