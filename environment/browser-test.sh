#!/usr/bin/env bash
# The browser test (run by environment/test.sh; needs .venv/ and the ganbook-java kernelspec, as
# environment/setup.sh makes them). In Debian's headless Chromium, driven by playwright-core:
#   1. JupyterLab (from .venv/) on 127.0.0.1 (random free port, random token) with a copy of
#      chapter 00, in quick mode: the launcher's "Java (ganbook)" card and logo; the chapter opened
#      with its kernel and highlighted as Java; Run All Cells with no error, images decoded, table
#      rendered; Tab completion (Math.ab -> abs) and Shift+Tab inspection; a training cell's chart;
#      a live chart (display, then updateDisplay) replaced in place;
#      the stop button interrupting a long training cell within seconds, earlier variables kept;
#      Restart Kernel, then a cell run in the fresh kernel.
#   2. The whole book exported by Jupyter Book from the committed outputs (all seven chapters), every
#      page opened from disk: nothing loaded from the network, figures decoded, equations typeset by
#      the local MathJax, Java highlighted, the slides on the local reveal.js. Then a fixture with
#      slide cells exported with --execute --quick; a chapter with an error cell, and one whose cells ran out of
#      order, refused with the last book left in place.
#   3. A chapter's PDF: its first page rendered to an image by pdftoppm is not blank and its text
#      holds the chapter's title.
# Artifacts (screenshots, the PDF page) go to build/test-artifacts/browser/. The server and its
# kernels are stopped on any exit. Prints one PASS or FAIL line; exits non-zero on failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=cpu-env.sh
. environment/cpu-env.sh
python="$root/.venv/bin/python"

echo "== Browser: a chapter in JupyterLab and the book exported by Jupyter Book, in headless Chromium"
started=$SECONDS
chapter="${GANBOOK_BROWSER_CHAPTER:-notebooks/00-welcome.ipynb}"
name="$(basename "$chapter")"
stem="${name%.ipynb}"
artifacts="$root/build/test-artifacts/browser"
work="$(mktemp -d "${TMPDIR:-/tmp}/ganbook-browser.XXXXXX")"
server_pid=""
step="setup"

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true   # the server shuts its kernels down on SIGTERM
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  # Kernels this server started, should any outlive it: their command line names a connection file
  # in this test's own runtime directory, and nothing else does.
  local pids
  pids=$(pgrep -f -- "$work/runtime/kernel-" 2>/dev/null || true)
  for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
}

finish() {
  local rc=$?
  stop_server
  if [ "$rc" -eq 0 ]; then
    rm -rf "$work"
    echo "PASS browser test ($((SECONDS - started)) s; artifacts in ${artifacts#"$root"/})"
  else
    echo "FAIL browser test at step '$step' (exit $rc after $((SECONDS - started)) s; artifacts in ${artifacts#"$root"/})"
    [ -f "$work/server.log" ] && tail -n 20 "$work/server.log" 2>/dev/null || true
    rm -rf "$work"
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

step="install"
[ -x "$python" ] || { echo "no .venv: run environment/setup.sh"; exit 1; }
environment/install-browser.sh environment/browser-test environment/book >/dev/null
rm -rf "$artifacts"
mkdir -p "$artifacts" "$work/nb" "$work/runtime" "$work/config/labconfig"

# ----------------------------------------------------------------------------- 1. JupyterLab
step="JupyterLab server"
cp "$chapter" notebooks/02-algorithm-1.ipynb "$work/nb/"   # copies: JupyterLab autosaves what the test does (02: its live panel)
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$("$python" -c 'import secrets; print(secrets.token_hex(24))')
# No "Jupyter news?" prompt over the notebook (it would fetch news from the web if accepted).
echo '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}' \
  > "$work/config/labconfig/page_config.json"
args=(--no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 --ServerApp.root_dir="$work/nb"
      --IdentityProvider.token="$token" --ServerApp.password='' --LabApp.expose_app_in_browser=True
      --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate)
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
# Its own runtime and config directories; the kernelspecs are the user's (JUPYTER_DATA_DIR if set).
# GANBOOK_QUICK=1 reaches the kernel through the server's environment.
GANBOOK_QUICK=1 JUPYTER_RUNTIME_DIR="$work/runtime" JUPYTER_CONFIG_DIR="$work/config" \
  "$root/.venv/bin/jupyter-lab" "${args[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$port/api/status?token=$token" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "JupyterLab exited:"; cat "$work/server.log"; exit 1; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/api/kernelspecs?token=$token" | grep -q '"ganbook-java"' \
  || { echo "the server has no ganbook-java kernelspec: run environment/install-kernel.sh"; exit 1; }
echo "== JupyterLab $("$python" -c 'import jupyterlab; print(jupyterlab.__version__)') on 127.0.0.1:$port ($((SECONDS - started)) s)"

step="JupyterLab in the browser"
node environment/browser-test/browser_test.mjs lab \
  "http://127.0.0.1:$port/lab/tree/$name?token=$token" "$artifacts"
stop_server

# ----------------------------------------------------------------------------- 2. the book
step="export"
echo "== the book: all chapters from their committed outputs, by Jupyter Book ($((SECONDS - started)) s)"
"$python" environment/book/export_book.py --out "$work/book" | sed 's/^/   /'
echo "== every page of the book in the browser ($((SECONDS - started)) s)"
step="the book in the browser"
node environment/browser-test/browser_test.mjs book "$work/book" "$artifacts"

step="export --execute"
# A one-cell fixture with slide cells (chapter 00 already ran above, in JupyterLab): executed in the
# kernel in quick mode, published with its slides.
fixture=environment/browser-test/fixtures/slides-fixture.ipynb
echo "== $(basename "$fixture") exported with --execute --quick ($((SECONDS - started)) s)"
"$python" environment/book/export_book.py --execute --quick --timeout 600 "$fixture" --out "$work/executed" \
  | sed 's/^/   /'
for f in index.html slides-fixture.html slides-fixture.pdf slides-fixture.slides.html notebooks/slides-fixture.ipynb; do
  [ -s "$work/executed/$f" ] || { echo "the export with --execute did not write $f"; exit 1; }
done
grep -q '"mode": "executed, quick mode"' "$work/executed/book.json" \
  || { echo "the book made with --execute --quick does not say so in book.json"; exit 1; }
echo "ok   --execute --quick ran the fixture and wrote its page, PDF, slides and notebook"

step="refusals"
mkdir -p "$work/refused" && echo "the last good book" > "$work/refused/index.html"
"$python" - "$chapter" "$work/out-of-order.ipynb" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
code = [c for c in nb.cells if c.cell_type == "code"]
code[0].execution_count, code[1].execution_count = code[1].execution_count, code[0].execution_count
nbformat.write(nb, sys.argv[2])
PY
for fixture in environment/browser-test/fixtures/error-fixture.ipynb "$work/out-of-order.ipynb"; do
  if "$python" environment/book/export_book.py "$fixture" --out "$work/refused" >"$work/refused.log" 2>&1; then
    echo "the export published $(basename "$fixture"), which it must refuse"; cat "$work/refused.log"; exit 1
  fi
  grep -q "^FAIL" "$work/refused.log" && grep -qx "the last good book" "$work/refused/index.html" \
    || { echo "a refused export must say FAIL and leave the last book alone:"; cat "$work/refused.log"; exit 1; }
  echo "ok   the export refused $(basename "$fixture") ($(grep -m1 '^    ' "$work/refused.log" | sed 's/^ *//')) and left the last book in place"
done

# ----------------------------------------------------------------------------- 3. the PDF
step="PDF page"
pdftoppm -r 60 -f 1 -l 1 -png "$work/book/$stem.pdf" "$artifacts/pdf-page"
pdftoppm -r 30 -f 1 -l 1 -gray "$work/book/$stem.pdf" "$work/pdf-page"
"$python" - "$work"/pdf-page*.pgm <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
# Binary PGM: "P5", width, height, maxval, then one byte per pixel.
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace(): pos += 1
    if data[pos:pos + 1] == b"#":
        pos = data.index(b"\n", pos); continue
    end = pos
    while not data[end:end + 1].isspace(): end += 1
    fields.append(data[pos:end]); pos = end
w, h = int(fields[1]), int(fields[2])
pixels = data[pos + 1:pos + 1 + w * h]
ink = sum(1 for p in pixels if p < 160) / float(w * h)
if not 0.01 < ink < 0.6:
    sys.exit("FAIL the PDF's first page looks blank (or solid): %.2f%% dark pixels" % (100 * ink))
print("ok   the PDF's first page is not blank (%dx%d at 30 dpi, %.1f%% dark pixels)" % (w, h, 100 * ink))
PY
title=$("$python" -c 'import json,sys; print(next(c["title"] for c in json.load(open(sys.argv[1]))["chapters"] if c["name"] == sys.argv[2]))' "$work/book/book.json" "$stem")
pdftotext -f 1 -l 1 "$work/book/$stem.pdf" - | tr -s ' \n' ' ' | grep -qF "$title" \
  || { echo "the PDF's first page does not hold the chapter's title '$title'"; exit 1; }
echo "ok   the PDF's first page holds the chapter's title ($title)"
step="done"
