#!/usr/bin/env bash
# The classroom's capacity on this machine (bench/classroom_capacity.py says what is measured):
#   bench/classroom_capacity.sh [N ...]      default: 1 2 4 8 learners at once
# Starts the book's JupyterHub (environment/classroom.sh) on the loopback in quick mode with its
# default caps, runs the rounds, writes bench/results/DATE-classroom-capacity-HOST.md, and removes
# the hub's processes and its Unix users (gbcap-*) on any exit. Needs root, as classroom.sh does.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ "$(id -u)" -eq 0 ] || exec sudo --preserve-env "$0" "$@"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export GANBOOK_HUB_DIR="${GANBOOK_HUB_BENCH_DIR:-/var/cache/ganbook/hub-bench}"
export GANBOOK_HUB_IP=127.0.0.1 GANBOOK_HUB_PORT GANBOOK_HUB_HUB_PORT GANBOOK_HUB_PROXY_API_PORT
GANBOOK_HUB_PORT="$(free_port)"; GANBOOK_HUB_HUB_PORT="$(free_port)"; GANBOOK_HUB_PROXY_API_PORT="$(free_port)"
export GANBOOK_HUB_USER_PREFIX=gbcap- GANBOOK_HUB_QUICK=1
GANBOOK_HUB_TEST_TOKEN="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export GANBOOK_HUB_TEST_TOKEN
GANBOOK_HUB_HOME="$(mktemp -d "${TMPDIR:-/tmp}/ganbook-hub-bench.XXXXXX")"
export GANBOOK_HUB_HOME
chmod 755 "$GANBOOK_HUB_HOME"

finish() {
  environment/classroom.sh remove-learners >/dev/null || true
  rm -rf "$GANBOOK_HUB_HOME"
}
trap finish EXIT

environment/classroom.sh remove-learners >/dev/null 2>&1 || true
rm -rf "$GANBOOK_HUB_DIR/state" "$GANBOOK_HUB_DIR/book"
environment/classroom.sh start
out="bench/results/$(date +%Y-%m-%d)-classroom-capacity-$(hostname -s | tr -c 'a-z0-9\n' -).md"
"$GANBOOK_HUB_DIR/venv/bin/python" bench/classroom_capacity.py "http://127.0.0.1:$GANBOOK_HUB_PORT/hub/" "$out" "$@"
