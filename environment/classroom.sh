#!/usr/bin/env bash
# A class on this machine: JupyterHub for the book, every learner with their own Unix user, server,
# kernels and copy of the chapters. Needs root (it makes Unix users); re-runs itself with sudo.
#
#   environment/classroom.sh start     set up (idempotent), start the hub, make the teacher's account
#   environment/classroom.sh install   set up only (what a learner's image needs: classroom/z2jh/Dockerfile)
#   environment/classroom.sh book      publish this checkout's notebooks as the book's next version
#   environment/classroom.sh restart   restart the hub alone (learners' servers and kernels go on)
#   environment/classroom.sh stop      stop the hub, its proxy and every learner's server
#   environment/classroom.sh status    the hub's state and the learners' servers
#   environment/classroom.sh remove-learners   the end of a course: stop everything, then remove every
#                                      learner's Unix user, home and account (the teacher's too; the
#                                      installation and the book stay)
#
# What it installs, all under $GANBOOK_HUB_DIR (default /opt/ganbook-hub):
#   venv/     JupyterHub, NativeAuthenticator, jupyterhub-idle-culler, nbgitpuller, JupyterLab and
#             the widgets' front end, pinned in environment/classroom/requirements.txt (PyPI);
#             the ganbook-java kernelspec in venv/share/jupyter/kernels, JupyterLab's news off
#   proxy/    configurable-http-proxy, pinned in environment/classroom/package-lock.json (npm)
#   kernel/   the kernel's jars and dependencies, readable by every learner
#   data/     MNIST, fetched and checked once for everyone (environment/fetch-mnist.sh)
#   book/     a git repository holding the book's versions; learners' copies are pulled from it
#   state/    the hub's database, cookie secret and proxy token, the teacher's first password, the log
#
# Settings (environment variables; the defaults suit a class on one server):
#   GANBOOK_HUB_DIR=/opt/ganbook-hub   GANBOOK_HUB_IP=0.0.0.0   GANBOOK_HUB_PORT=8000
#   GANBOOK_HUB_ADMIN=teacher          the teacher's account (the hub's admin)
#   GANBOOK_HUB_ADMIN_PASSWORD         its first password (default: random, kept in state/admin-password)
#   GANBOOK_HUB_USER_PREFIX=jupyter-   learner 'ada' is Unix user 'jupyter-ada', home $GANBOOK_HUB_HOME/jupyter-ada
#   GANBOOK_HUB_HOME=/home
#   GANBOOK_HUB_KERNEL_HEAP=2g         each kernel's Java heap (-Xmx)
#   GANBOOK_HUB_KERNEL_MEMORY=4g       each kernel's resident memory, heap and ND4J's arrays, past which
#                                      it collects its garbage arrays (JavaCPP's maxphysicalbytes)
#   GANBOOK_HUB_LEARNER_MEMORY=8g      all a learner runs (server, kernels): a memory cgroup's hard cap;
#                                      past it the kernel is killed (and restarted), no one else's
#   GANBOOK_HUB_KERNEL_THREADS=1       threads of each kernel's BLAS and loops (learners share cores)
#   GANBOOK_HUB_CULL_TIMEOUT=3600      seconds of inactivity before a learner's server is stopped
#   GANBOOK_HUB_QUICK=1                learners' kernels in quick mode (GANBOOK_QUICK=1: tests, demos)
#   GANBOOK_HUB_SSL_CERT, GANBOOK_HUB_SSL_KEY   serve HTTPS (do, on any network but a test's loopback)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:-start}"

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "classroom: needs root (it makes a Unix user per learner); run it as root" >&2; exit 1; }
  exec sudo --preserve-env "$0" "$@"
fi

hub="${GANBOOK_HUB_DIR:-/opt/ganbook-hub}"
export GANBOOK_HUB_DIR="$hub"
export GANBOOK_HUB_ADMIN="${GANBOOK_HUB_ADMIN:-teacher}"
export GANBOOK_HUB_USER_PREFIX="${GANBOOK_HUB_USER_PREFIX:-jupyter-}"
export GANBOOK_HUB_PORT="${GANBOOK_HUB_PORT:-8000}"
export GANBOOK_HUB_IP="${GANBOOK_HUB_IP:-0.0.0.0}"
state="$hub/state"
python="$hub/venv/bin/python"
case "$GANBOOK_HUB_USER_PREFIX" in
  [a-z]*) ;;
  *) echo "classroom: GANBOOK_HUB_USER_PREFIX must start with a lower-case letter, got '$GANBOOK_HUB_USER_PREFIX'" >&2; exit 2 ;;
esac
case "$GANBOOK_HUB_ADMIN" in
  [a-z]*) ;;
  *) echo "classroom: GANBOOK_HUB_ADMIN must be a lower-case name, got '$GANBOOK_HUB_ADMIN'" >&2; exit 2 ;;
esac

url() {
  local scheme=http host="$GANBOOK_HUB_IP"
  [ -n "${GANBOOK_HUB_SSL_CERT:-}" ] && scheme=https
  [ "$host" = 0.0.0.0 ] && host="$(hostname -f 2>/dev/null || hostname)"
  echo "$scheme://$host:$GANBOOK_HUB_PORT/hub/"
}

hub_pid() { cat "$state/jupyterhub.pid" 2>/dev/null || true; }
hub_running() { local p; p="$(hub_pid)"; [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# Publishes the checkout's notebooks (and results/) as the book's next version: a commit in $hub/book (when they
# changed). Learners get it at their server's next start; their own edits are kept (see
# environment/classroom/ganbook-singleuser).
publish_book() {
  local book="$hub/book"
  if [ ! -d "$book/.git" ]; then
    git init -q -b main "$book"
  fi
  rm -rf "$book"/*.ipynb "$book/results"
  cp "$root"/notebooks/[0-9][0-9]-*.ipynb "$book/"
  # The long runs' committed curves and notes, which chapters 02 and 04 read (results/ beside them).
  (cd "$root" && git ls-files -z results 2>/dev/null | xargs -0 -r cp --parents -t "$book") \
    || cp -r "$root/results" "$book/"
  git -C "$book" add -A
  if ! git -C "$book" diff --cached --quiet 2>/dev/null || ! git -C "$book" rev-parse -q --verify HEAD >/dev/null; then
    local version
    version="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    git -C "$book" -c user.name=ganbook -c user.email=ganbook@localhost commit -q -m "The book at $version"
    echo "classroom: published the book at $version ($(ls "$book"/*.ipynb | wc -l) chapters)"
  fi
  chmod -R a+rX "$book"
}

setup() {
  "$root/environment/setup-python.sh" >/dev/null   # the project's .venv: the kernel's logo is drawn with it
  mkdir -p "$hub"/{bin,kernel,data,state}
  chmod 755 "$hub"
  # Every learner runs programs from $hub: each folder above it must let others through.
  local dir="$hub"
  while [ "$dir" != / ]; do
    dir="$(dirname "$dir")"
    if [ "$(( 0$(stat -c %a "$dir") & 1 ))" -eq 0 ]; then
      echo "classroom: learners could not reach $hub: $dir is mode $(stat -c %a "$dir"), closed to other users; set GANBOOK_HUB_DIR to a folder outside it (the default is /opt/ganbook-hub)" >&2
      exit 1
    fi
  done
  chmod 700 "$state"

  # Python: the hub and every learner's JupyterLab, from Debian's python3, pinned.
  local requirements="$root/environment/classroom/requirements.txt" stamp="$hub/venv/.ganbook-requirements.sha256"
  [ -x "$python" ] || /usr/bin/python3 -m venv "$hub/venv"
  if [ "$(cat "$stamp" 2>/dev/null || true)" != "$(sha256sum "$requirements" | cut -d' ' -f1)" ]; then
    echo "classroom: installing environment/classroom/requirements.txt into $hub/venv"
    "$python" -m pip install -q --no-input --disable-pip-version-check -r "$requirements"
    sha256sum "$requirements" | cut -d' ' -f1 > "$stamp"
  fi

  # The proxy in front of the hub and the learners' servers, from npm, pinned by its lock file.
  mkdir -p "$hub/proxy"
  if ! cmp -s "$root/environment/classroom/package-lock.json" "$hub/proxy/package-lock.json"; then
    echo "classroom: installing configurable-http-proxy into $hub/proxy"
    cp "$root/environment/classroom/package.json" "$root/environment/classroom/package-lock.json" "$hub/proxy/"
    (cd "$hub/proxy" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi

  # MNIST once, read by everyone (copied from this user's cache when it is there; checked either way).
  local cache="${GANBOOK_DATA:-$HOME/.cache/ganbook}/mnist"
  if [ ! -d "$hub/data/mnist" ] && [ -d "$cache" ]; then cp -r "$cache" "$hub/data/mnist"; fi
  GANBOOK_DATA="$hub/data" "$root/environment/fetch-mnist.sh" >/dev/null
  chmod -R a+rX "$hub/data"

  # The kernel: jars every learner can read, memory capped per kernel, threads shared out.
  local threads="${GANBOOK_HUB_KERNEL_THREADS:-1}" heap="${GANBOOK_HUB_KERNEL_HEAP:-2g}"
  local kernel="${GANBOOK_HUB_KERNEL_MEMORY:-4g}" learner="${GANBOOK_HUB_LEARNER_MEMORY:-8g}"
  local g
  for g in "$heap" "$kernel" "$learner"; do
    case "$g" in
      [1-9]g|[1-9][0-9]g|[1-9][0-9][0-9]g) ;;
      *) echo "classroom: GANBOOK_HUB_KERNEL_HEAP, _KERNEL_MEMORY and _LEARNER_MEMORY are whole gigabytes like 4g, got '$g'" >&2; exit 2 ;;
    esac
  done
  if [ "${kernel%g}" -le "${heap%g}" ] || [ "${learner%g}" -le "${kernel%g}" ]; then
    echo "classroom: need GANBOOK_HUB_KERNEL_HEAP ($heap) < GANBOOK_HUB_KERNEL_MEMORY ($kernel) < GANBOOK_HUB_LEARNER_MEMORY ($learner)" >&2; exit 2
  fi
  (
    # shellcheck source=cpu-env.sh
    . "$root/environment/cpu-env.sh"
    export JUPYTER_DATA_DIR="$hub/venv/share/jupyter" GANBOOK_DATA="$hub/data" GANBOOK_KERNEL_JARS="$hub/kernel"
    export OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
    # Each kernel collects its garbage arrays at its own figure (maxphysicalbytes, see
    # install-kernel.sh), well before the learner's cgroup, which holds all their kernels, kills one.
    export GANBOOK_KERNEL_MEMORY="-Xmx$heap -Dorg.bytedeco.javacpp.maxbytes=$kernel -Dorg.bytedeco.javacpp.maxphysicalbytes=$kernel"
    export GANBOOK_KERNEL_JAVA_FLAGS="-Dganbook.loops.threads=$threads"
    "$root/environment/install-kernel.sh" | sed 's/^/classroom: /'
  )
  chmod -R a+rX "$hub/venv/share/jupyter/kernels"

  # Every learner's JupyterLab: no "Jupyter news?" pop-up (it would fetch news from the web).
  mkdir -p "$hub/venv/etc/jupyter/labconfig"
  echo '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}' \
    > "$hub/venv/etc/jupyter/labconfig/page_config.json"

  install -m 755 "$root/environment/classroom/ganbook-singleuser" "$hub/bin/ganbook-singleuser"
  install -m 644 "$root/environment/classroom/jupyterhub_config.py" "$hub/jupyterhub_config.py"
  [ -s "$state/proxy_auth_token" ] || (umask 077 && "$python" -c 'import secrets; print(secrets.token_hex(32))' > "$state/proxy_auth_token")
  publish_book
}

start_hub() {
  if hub_running; then echo "classroom: the hub is already running (pid $(hub_pid)) at $(url)"; return; fi
  # In the background and on its own: nothing of this shell's (its output, its terminal) is kept.
  (cd "$state" || exit 1
   PATH="$hub/venv/bin:$PATH" setsid nohup "$hub/venv/bin/jupyterhub" -f "$hub/jupyterhub_config.py" </dev/null \
     >> "$state/jupyterhub.log" 2>&1 &)
  for _ in $(seq 1 120); do
    if "$python" - "$(url_local)" <<'PY' 2>/dev/null; then break; fi
import ssl, sys, urllib.request
# the hub on this machine's loopback: its certificate names the server, not 127.0.0.1
urllib.request.urlopen(sys.argv[1] + "api/", timeout=2, context=ssl._create_unverified_context())
PY
    sleep 0.5
  done
  hub_running || { echo "classroom: the hub did not start; its log, $state/jupyterhub.log, ends with:" >&2; tail -n 20 "$state/jupyterhub.log" >&2; exit 1; }
  echo "classroom: JupyterHub running (pid $(hub_pid)) at $(url); log in $state/jupyterhub.log"
}

url_local() {
  local scheme=http host="$GANBOOK_HUB_IP"
  [ -n "${GANBOOK_HUB_SSL_CERT:-}" ] && scheme=https
  [ "$host" = 0.0.0.0 ] && host=127.0.0.1
  echo "$scheme://$host:$GANBOOK_HUB_PORT/hub/"
}

# The teacher's account, made once by signing up like a learner (an admin's sign-up is approved
# at once). Its first password is $GANBOOK_HUB_ADMIN_PASSWORD, or a random one kept in
# state/admin-password for the teacher to read and then change (/hub/change-password).
ensure_teacher() {
  local password_file="$state/admin-password"
  if [ ! -s "$password_file" ]; then
    (umask 077 && printf '%s\n' "${GANBOOK_HUB_ADMIN_PASSWORD:-$("$python" -c 'import secrets; print(secrets.token_urlsafe(12))')}" > "$password_file")
  fi
  "$python" "$root/environment/classroom/hubclient.py" signup "$(url_local)" "$GANBOOK_HUB_ADMIN" "$password_file"
}

# The hub process alone: SIGTERM, then SIGKILL if it is still there a minute later (a hub busy with
# its learners' servers can take more than ten seconds to shut down; a restart that started the new
# hub before the old one was gone would find it "already running" and leave none).
stop_hub() {
  local p
  hub_running || return 0
  p="$(hub_pid)"; kill -TERM "$p"
  for _ in $(seq 1 300); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.2; done
  echo "classroom: the hub (pid $p) did not stop within 60 s of SIGTERM; killing it" >&2
  kill -KILL "$p" 2>/dev/null || true
  for _ in $(seq 1 25); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.2; done
}

stop_all() {
  local p
  stop_hub
  p="$(cat "$state/proxy.pid" 2>/dev/null || true)"
  [ -n "$p" ] && kill -TERM "$p" 2>/dev/null || true
  # Every learner's server and kernels: the processes of the hub's Unix users.
  while IFS=: read -r name _; do
    case "$name" in "$GANBOOK_HUB_USER_PREFIX"*) pkill -TERM -u "$name" 2>/dev/null || true ;; esac
  done < /etc/passwd
  sleep 1
  while IFS=: read -r name _; do
    case "$name" in "$GANBOOK_HUB_USER_PREFIX"*) pkill -KILL -u "$name" 2>/dev/null || true ;; esac
  done < /etc/passwd
  # Their memory cgroups, empty now (environment/classroom/jupyterhub_config.py makes them).
  local group
  for group in /sys/fs/cgroup/ganbook-hub/"$GANBOOK_HUB_USER_PREFIX"* /sys/fs/cgroup/memory/ganbook-hub/"$GANBOOK_HUB_USER_PREFIX"*; do
    [ -d "$group" ] || continue
    for _ in $(seq 1 25); do rmdir "$group" 2>/dev/null && break; sleep 0.2; done
  done
  rm -f "$state/jupyterhub.pid" "$state/proxy.pid"
  echo "classroom: stopped the hub, its proxy and the learners' servers (their files are kept)"
}

# Every account of the class, gone: the Unix users with the prefix and their homes, and the hub's
# database of accounts and tokens. The installation (venv, proxy, kernel, data) and the book stay.
remove_learners() {
  local name
  stop_all >/dev/null
  for name in $(awk -F: -v p="$GANBOOK_HUB_USER_PREFIX" 'index($1, p) == 1 {print $1}' /etc/passwd); do
    # userdel refuses a user with a process left, and a killed process takes a moment to go
    for _ in $(seq 1 50); do pkill -KILL -u "$name" 2>/dev/null || break; sleep 0.1; done
    userdel -r "$name" 2>/dev/null || userdel "$name" || true
  done
  rm -f "$state"/jupyterhub.sqlite "$state"/jupyterhub_cookie_secret "$state"/admin-password
  local left
  left="$(awk -F: -v p="$GANBOOK_HUB_USER_PREFIX" 'index($1, p) == 1 {printf " %s", $1}' /etc/passwd)"
  if [ -n "$left" ]; then
    echo "classroom: could not remove the Unix users$left (see userdel's message above)" >&2
    return 1
  fi
  echo "classroom: removed every learner's account, Unix user and home ($GANBOOK_HUB_USER_PREFIX*)"
}

case "$command" in
  start)
    setup
    start_hub
    ensure_teacher
    ;;
  install) setup ;;
  book) publish_book ;;
  restart)
    stop_hub
    start_hub
    ;;
  stop) stop_all ;;
  remove-learners) remove_learners ;;
  status)
    if hub_running; then echo "classroom: the hub is running (pid $(hub_pid)) at $(url)"; else echo "classroom: the hub is not running"; fi
    ps -o user:24,pid,rss,etime,args -u "$(awk -F: -v p="$GANBOOK_HUB_USER_PREFIX" 'index($1, p) == 1 {printf "%s%s", s, $1; s=","}' /etc/passwd)" 2>/dev/null | cut -c1-150 || true
    ;;
  *) echo "usage: environment/classroom.sh [start|install|book|restart|stop|status|remove-learners]" >&2; exit 2 ;;
esac
