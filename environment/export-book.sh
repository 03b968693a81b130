#!/usr/bin/env bash
# Exports the book: executes every chapter in the ganbook-java kernel and writes build/book/:
# index.html, one HTML page and one PDF per chapter (figures embedded, MathJax and reveal.js from
# local copies, opens offline), reveal.js slides for the chapters that mark slide cells, and the
# executed notebooks. Fails (exit 1) and publishes nothing if any cell of any chapter errs.
#   environment/export-book.sh            # full run (the chapters' real training; can take long)
#   environment/export-book.sh --quick    # GANBOOK_QUICK=1: shortened runs, as in CI
# Other arguments go to environment/book/export_book.py (--out DIR, --timeout S, chapter paths).
# It runs environment/setup.sh first (set GANBOOK_SKIP_SETUP=1 to use the kernel installed as is).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ "${GANBOOK_SKIP_SETUP:-}" != "1" ]; then
  environment/setup.sh
fi
environment/install-browser.sh environment/book
exec /usr/bin/python3 environment/book/export_book.py "$@"
