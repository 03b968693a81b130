#!/usr/bin/env bash
# Takes a fresh Debian/Ubuntu machine with a JDK 17+ and Maven to a working Jupyter with the
# "Java (ganbook)" kernel and the real MNIST. Idempotent: a second run only checks and rebuilds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

"$here/install-jupyter.sh"
"$here/install-kernel.sh"
"$here/fetch-mnist.sh"
