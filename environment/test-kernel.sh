#!/usr/bin/env bash
# Tests the ganbook-java kernel through Jupyter, with the project's .venv/ (see setup-python.sh):
#   1. the standard conformance suite jupyter_kernel_test,
#   2. the kernel's own behaviours: interrupt, signatures, renderers, errors, magics, IJAVA_* variables,
#      Jupyter widgets (their messages, and a browser's change reaching a running cell),
#   3. the notebook harness on fixture notebooks.
# It (re)installs the kernelspec from this checkout first, so the kernel under test is this build.
# Set GANBOOK_SKIP_INSTALL=1 to test the kernelspec already installed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=cpu-env.sh
. "$root/environment/cpu-env.sh"

if [ "${GANBOOK_SKIP_INSTALL:-}" != "1" ]; then
  "$root/environment/install-kernel.sh"
fi

# jupyter_client warns about its own teardown at interpreter exit; keep the report readable.
export PYTHONWARNINGS="ignore"
cd "$root/kernel/src/test/python"
"$root/.venv/bin/python" -m unittest -v test_conformance test_kernel test_widgets test_run_notebooks 2>&1 \
  | grep -v -e "^Exception ignored in" -e "__del__" -e "isEnabledFor" -e "NoneType' object is not callable" \
            -e "_future.py" -e "logging/__init__.py" -e "^Traceback (most recent call last):$" \
            -e "zmq/sugar/socket.py" -e "jupyter_client/client.py"
exit "${PIPESTATUS[0]}"
