#!/usr/bin/env bash
# README's first command: sets the machine up (environment/setup.sh), then opens the book in
# JupyterLab (from the project's .venv/) on notebooks/. Extra arguments go to JupyterLab
# (e.g. --no-browser --port 8890).
#
# Notebook 7's single-document interface is installed too, in the same environment and server:
#   environment/notebooks.sh                       then View > Open in Jupyter Notebook (or /tree)
#   GANBOOK_UI=notebook environment/notebooks.sh   to start Notebook 7 instead of JupyterLab
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

"$root/environment/setup.sh"

args=(--notebook-dir="$root/notebooks")
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
case "${GANBOOK_UI:-lab}" in
  lab) exec "$root/.venv/bin/jupyter-lab" "${args[@]}" "$@" ;;
  notebook) exec "$root/.venv/bin/jupyter-notebook" "${args[@]}" "$@" ;;
  *) echo "GANBOOK_UI is lab or notebook, not '$GANBOOK_UI'" >&2; exit 2 ;;
esac
