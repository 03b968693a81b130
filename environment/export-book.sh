#!/usr/bin/env bash
# Publishes the book with Jupyter Book 1 into build/book/: a home page and one page per chapter
# (sphinx-book-theme), a PDF of each chapter printed by headless Chromium, reveal.js slides for the
# chapters that mark slide cells, the notebooks; MathJax and reveal.js from local copies, so the
# book opens offline. See environment/book/export_book.py for what it writes.
#   environment/export-book.sh                      # from the outputs saved in the notebooks (seconds)
#   environment/export-book.sh --execute --quick    # run every chapter first, quick mode (minutes)
#   environment/export-book.sh --execute            # run every chapter first, full mode (hours)
# By default nothing runs: it checks that every code cell of every chapter ran, in order, with no
# error output, and publishes those outputs. It fails (exit 1) and leaves the last book in place if a
# chapter does not pass. Other arguments go to export_book.py (--out DIR, --timeout S, chapter paths).
# It runs environment/setup.sh first (set GANBOOK_SKIP_SETUP=1 to use the environment as it is).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ "${GANBOOK_SKIP_SETUP:-}" != "1" ]; then
  environment/setup.sh
fi
environment/install-browser.sh environment/book
exec .venv/bin/python environment/book/export_book.py "$@"
