#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine with a JDK 17+ and Maven to a working JupyterLab with the
# "Java (ganbook)" kernel and the real MNIST. Idempotent: a second run only checks and rebuilds.
#   1. setup-python.sh: the project's .venv/ with the pinned Jupyter of environment/requirements.txt
#   2. install-kernel.sh: the library and kernel built, the ganbook-java kernelspec installed
#   3. fetch-mnist.sh: the MNIST files, checked
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

"$here/setup-python.sh"
"$here/install-kernel.sh"
"$here/fetch-mnist.sh"
