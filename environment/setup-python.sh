#!/usr/bin/env bash
# Creates the project's Python environment .venv/ (ignored by git) and installs into it the pinned
# releases of environment/requirements.txt: JupyterLab 4, Notebook 7, nbclient, nbconvert 7,
# jupyter_kernel_test and Jupyter Book 1, from PyPI. Every script of the project runs Jupyter from
# here (.venv/bin/python, .venv/bin/jupyter); nothing is installed into the system's Python.
# Idempotent: pip runs again only when requirements.txt changed since the last install.
# A Debian/Ubuntu machine without the venv module gets python3-venv from apt first.
# GANBOOK_PYTHON chooses the interpreter the environment is made from (default: /usr/bin/python3,
# else python3 on the PATH).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
requirements="$root/environment/requirements.txt"
stamp="$venv/.ganbook-requirements.sha256"

python="${GANBOOK_PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python="$(command -v python3 || true)"; fi
fi
[ -n "$python" ] || { echo "python: no python3 found (apt-get install python3 python3-venv)" >&2; exit 1; }

# Debian splits venv's pip bootstrap (ensurepip) into python3-venv.
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null; then
    echo "python: $python has no venv/ensurepip module; install it (e.g. python3-venv) and run again" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "python: installing python3-venv"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends python3-venv
fi

# (Re)made when missing, not a virtual environment, or without pip (a venv made before python3-venv was there).
if ! "$venv/bin/python" -c 'import sys, pip; sys.exit(sys.prefix == sys.base_prefix)' >/dev/null 2>&1; then
  echo "python: creating $venv from $python ($("$python" --version 2>&1))"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  rm -f "$stamp"
fi

want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  echo "python: installing environment/requirements.txt into .venv (pinned JupyterLab, Notebook, nbclient, nbconvert, jupyter_kernel_test, Jupyter Book)"
  "$venv/bin/python" -m pip install -q --no-input --disable-pip-version-check -r "$requirements"
  echo "$want" > "$stamp"
fi
echo "python: .venv ready ($("$venv/bin/python" -c 'import jupyterlab, notebook, nbclient, nbconvert, jupyter_book; print("JupyterLab %s, Notebook %s, nbclient %s, nbconvert %s, Jupyter Book %s" % (jupyterlab.__version__, notebook.__version__, nbclient.__version__, nbconvert.__version__, jupyter_book.__version__))'))"
