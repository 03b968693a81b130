#!/usr/bin/env bash
# README's test command: sets the machine up (environment/setup.sh), then runs every test:
# the library's and kernel's JUnit tests, the kernel against jupyter_kernel_test, every
# notebook executed headless in quick mode, the browser test, and the classroom's JupyterHub.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

environment/setup.sh
# shellcheck source=cpu-env.sh
. environment/cpu-env.sh

echo "== JUnit: library and kernel"
mvn -B test

echo "== Kernel: conformance, interrupt, signatures"
GANBOOK_SKIP_INSTALL=1 environment/test-kernel.sh

echo "== Notebooks: executed headless in quick mode"
.venv/bin/python environment/run_notebooks.py

echo "== Browser: a chapter in JupyterLab, the exported book"
environment/browser-test.sh

echo "== Classroom: the book's JupyterHub with two learners"
environment/hub-test.sh
