#!/usr/bin/env bash
# The classroom test (run by environment/test.sh): a JupyterHub started by environment/classroom.sh
# on the loopback (random free ports, learners' kernels in quick mode), then the checks of
# environment/classroom/hub_test.py: accounts and their pages, two learners running chapter 00 in
# Chromium, isolation of their files and servers, a kernel out of memory beside a running one, a
# new version of the book over a learner's edits, a restart of the hub. The hub, its proxy, the
# learners' servers and the test's Unix users (gbtest-*) are removed on any exit.
#
# Needs root, as classroom.sh does (it makes Unix users); re-runs itself with sudo. The hub's
# installation is kept between runs in $GANBOOK_HUB_TEST_DIR (default /var/cache/ganbook/hub-test:
# learners must reach it, and root's home is closed to them);
# its accounts, book and the learners' homes are made fresh each time.
# Screenshots go to build/test-artifacts/hub/. Prints one PASS or FAIL line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then exec sudo --preserve-env "$0" "$@"; fi
  echo "FAIL hub test: needs root or password-less sudo (it makes a Unix user per learner, as a class's server does)" >&2
  exit 1
fi

echo "== Classroom: JupyterHub, two learners, isolation, memory caps, a new book, a restart"
started=$SECONDS
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export GANBOOK_HUB_DIR="${GANBOOK_HUB_TEST_DIR:-/var/cache/ganbook/hub-test}"
export GANBOOK_HUB_IP=127.0.0.1 GANBOOK_HUB_PORT GANBOOK_HUB_HUB_PORT GANBOOK_HUB_PROXY_API_PORT
GANBOOK_HUB_PORT="$(free_port)"; GANBOOK_HUB_HUB_PORT="$(free_port)"; GANBOOK_HUB_PROXY_API_PORT="$(free_port)"
export GANBOOK_HUB_USER_PREFIX=gbtest- GANBOOK_HUB_ADMIN=teacher GANBOOK_HUB_QUICK=1
export GANBOOK_HUB_KERNEL_HEAP=2g GANBOOK_HUB_KERNEL_MEMORY=3g GANBOOK_HUB_LEARNER_MEMORY=6g   # caps reached sooner
GANBOOK_HUB_TEST_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export GANBOOK_HUB_TEST_TOKEN
GANBOOK_HUB_HOME="$(mktemp -d "${TMPDIR:-/tmp}/ganbook-hub-home.XXXXXX")"
export GANBOOK_HUB_HOME
chmod 755 "$GANBOOK_HUB_HOME"
artifacts="$root/build/test-artifacts/hub"
rm -rf "$artifacts"; mkdir -p "$artifacts"

finish() {
  local rc=$?
  environment/classroom.sh stop >/dev/null 2>&1 || true
  cp "$GANBOOK_HUB_DIR/state/jupyterhub.log" "$artifacts/" 2>/dev/null || true
  environment/classroom.sh remove-learners >/dev/null || true
  rm -rf "$GANBOOK_HUB_HOME"
  if [ "$rc" -eq 0 ]; then
    echo "PASS hub test ($((SECONDS - started)) s; artifacts in ${artifacts#"$root"/})"
  else
    echo "FAIL hub test (exit $rc after $((SECONDS - started)) s; the hub's log is in ${artifacts#"$root"/}/jupyterhub.log)"
  fi
}
trap finish EXIT

# A fresh class: no accounts, no book, no learners from an earlier run.
environment/classroom.sh remove-learners >/dev/null 2>&1 || true
rm -rf "$GANBOOK_HUB_DIR/state" "$GANBOOK_HUB_DIR/book"
environment/install-browser.sh environment/browser-test >/dev/null

environment/classroom.sh start
"$GANBOOK_HUB_DIR/venv/bin/python" environment/classroom/hub_test.py \
  "http://127.0.0.1:$GANBOOK_HUB_PORT/hub/" "$artifacts"
