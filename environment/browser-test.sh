#!/usr/bin/env bash
# The browser test (run by environment/test.sh; needs the ganbook-java kernelspec installed, as
# environment/setup.sh does). In Debian's headless Chromium, driven by playwright-core:
#   1. Jupyter's classic notebook server on 127.0.0.1 (random free port, random token) with a copy
#      of chapter 00: run its first code cell, add and run a cell that trains a 1-D GAN briefly and
#      draws its losses; check the chart is in the page, no cell shows an error, the kernel is idle.
#   2. The export of chapter 00 (quick mode) and of a fixture with slide cells: the HTML page's
#      figures decoded, MathJax typeset its equations, nothing loaded from the network; the slides
#      run on the local reveal.js. A fixture with an error cell is refused, the last book kept.
#   3. The chapter's PDF: its first page rendered to an image by pdftoppm is not blank and its text
#      holds the chapter's title.
# Artifacts (screenshots, the PDF page) go to build/test-artifacts/browser/. The server and its
# kernels are stopped on any exit. Prints one PASS or FAIL line; exits non-zero on failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=cpu-env.sh
. environment/cpu-env.sh

echo "== Browser: a chapter in Jupyter's notebook and the exported book, in headless Chromium"
started=$SECONDS
chapter="${GANBOOK_BROWSER_CHAPTER:-notebooks/00-welcome.ipynb}"
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
  rm -rf "$work"
  if [ "$rc" -eq 0 ]; then
    echo "PASS browser test ($((SECONDS - started)) s; artifacts in ${artifacts#"$root"/})"
  else
    echo "FAIL browser test at step '$step' (exit $rc after $((SECONDS - started)) s; artifacts in ${artifacts#"$root"/})"
    [ -f "$work/server.log" ] && tail -n 20 "$work/server.log" 2>/dev/null || true
  fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

step="install"
environment/install-browser.sh environment/browser-test environment/book >/dev/null
rm -rf "$artifacts"
mkdir -p "$artifacts" "$work/nb" "$work/runtime" "$work/config"

# ----------------------------------------------------------------------------- 1. the notebook
step="notebook server"
cp "$chapter" "$work/nb/"     # a copy: the server autosaves what the test does
name="$(basename "$chapter")"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(24))')
args=(--no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 --notebook-dir="$work/nb"
      --NotebookApp.token="$token" --NotebookApp.password='' --NotebookApp.open_browser=False)
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
# Its own runtime and config directories; the kernelspecs are the user's (JUPYTER_DATA_DIR if set).
JUPYTER_RUNTIME_DIR="$work/runtime" JUPYTER_CONFIG_DIR="$work/config" \
  /usr/bin/python3 -m notebook "${args[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  curl -fsS "http://127.0.0.1:$port/api/status?token=$token" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the notebook server exited:"; cat "$work/server.log"; exit 1; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/api/kernelspecs?token=$token" | grep -q '"ganbook-java"' \
  || { echo "the server has no ganbook-java kernelspec: run environment/install-kernel.sh"; exit 1; }
echo "== notebook server on 127.0.0.1:$port ($((SECONDS - started)) s)"

step="notebook in the browser"
node environment/browser-test/browser_test.mjs notebook \
  "http://127.0.0.1:$port/notebooks/$name?token=$token" "$artifacts"
stop_server

# ----------------------------------------------------------------------------- 2. the export
step="export"
echo "== export of $name (quick mode) and of a fixture with slide cells ($((SECONDS - started)) s)"
/usr/bin/python3 environment/book/export_book.py --quick --timeout 600 "$chapter" --out "$work/book" \
  | sed 's/^/   /'
/usr/bin/python3 environment/book/export_book.py --no-execute \
  environment/browser-test/fixtures/slides-fixture.ipynb --out "$work/slides" | sed 's/^/   /'
stem="${name%.ipynb}"
for f in "$work/book/index.html" "$work/book/$stem.html" "$work/book/$stem.pdf" \
         "$work/slides/slides-fixture.slides.html" "$work/slides/slides-fixture.pdf"; do
  [ -s "$f" ] || { echo "the export did not write ${f#"$work"/}"; exit 1; }
done
[ ! -e "$work/book/$stem.slides.html" ] || { echo "slides for a chapter with no slide cells"; exit 1; }
echo "ok   the export wrote index.html, $stem.html, $stem.pdf and the fixture's slides"
mkdir -p "$work/refused" && echo "the last good book" > "$work/refused/index.html"
if /usr/bin/python3 environment/book/export_book.py --no-execute \
     environment/browser-test/fixtures/error-fixture.ipynb --out "$work/refused" >"$work/refused.log" 2>&1; then
  echo "the export published a chapter with an error cell"; exit 1
fi
grep -q "^FAIL" "$work/refused.log" && grep -qx "the last good book" "$work/refused/index.html" \
  || { echo "a refused export must say FAIL and leave the last book alone:"; cat "$work/refused.log"; exit 1; }
echo "ok   the export refused a chapter with an error cell and left the last book in place"

step="exported pages in the browser"
node environment/browser-test/browser_test.mjs export \
  "$work/book/$stem.html" "$work/slides/slides-fixture.slides.html" "$artifacts"

# ----------------------------------------------------------------------------- 3. the PDF
step="PDF page"
pdftoppm -r 60 -f 1 -l 1 -png "$work/book/$stem.pdf" "$artifacts/pdf-page"
pdftoppm -r 30 -f 1 -l 1 -gray "$work/book/$stem.pdf" "$work/pdf-page"
/usr/bin/python3 - "$work"/pdf-page*.pgm <<'PY'
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
title=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["chapters"][0]["title"])' "$work/book/book.json")
pdftotext -f 1 -l 1 "$work/book/$stem.pdf" - | tr -s ' \n' ' ' | grep -qF "$title" \
  || { echo "the PDF's first page does not hold the chapter's title '$title'"; exit 1; }
echo "ok   the PDF's first page holds the chapter's title ($title)"
step="done"
