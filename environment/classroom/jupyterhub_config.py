# The book's JupyterHub, as environment/classroom.sh starts it (read that script first: it sets the
# GANBOOK_HUB_* variables read here and installs what this file names under $GANBOOK_HUB_DIR).
#
# Who: learners sign up at /hub/signup and wait for the teacher to approve them at /hub/authorize
# (NativeAuthenticator); the teacher ($GANBOOK_HUB_ADMIN) is the hub's admin.
# Where: each learner is a Unix user of their own ($GANBOOK_HUB_USER_PREFIX + name, made at the
# first start, home directory readable by that user alone), whose server runs as that user. Their
# copy of the book is ~/ganbook, brought up to date by nbgitpuller at every start.
# How much: every learner's processes share a memory cgroup with a hard cap, each kernel's heap is
# capped by the JVM, idle servers are stopped by jupyterhub-idle-culler, and a hub restart leaves
# learners' servers running.
import os
import pwd
import subprocess
import sys

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid

hub_dir = os.environ["GANBOOK_HUB_DIR"]
state = os.path.join(hub_dir, "state")
user_prefix = os.environ.get("GANBOOK_HUB_USER_PREFIX", "jupyter-")
home_base = os.environ.get("GANBOOK_HUB_HOME", "/home")
admin = os.environ.get("GANBOOK_HUB_ADMIN", "teacher")

c = get_config()  # noqa: F821 (defined by JupyterHub when it reads this file)

c.JupyterHub.ip = os.environ.get("GANBOOK_HUB_IP", "0.0.0.0")
c.JupyterHub.port = int(os.environ.get("GANBOOK_HUB_PORT", "8000"))
# The hub and the proxy's API listen on the loopback only, on ports a second hub (a test beside a
# class) can move.
c.JupyterHub.hub_port = int(os.environ.get("GANBOOK_HUB_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:" + os.environ.get("GANBOOK_HUB_PROXY_API_PORT", "8001")
if os.environ.get("GANBOOK_HUB_SSL_CERT"):
    c.JupyterHub.ssl_cert = os.environ["GANBOOK_HUB_SSL_CERT"]
    c.JupyterHub.ssl_key = os.environ["GANBOOK_HUB_SSL_KEY"]

# Everything the hub must keep across restarts lives in $GANBOOK_HUB_DIR/state: the users, their
# passwords and servers (the database), the cookie secret (learners stay logged in), the proxy's
# token (the hub finds the running proxy again).
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [os.path.join(hub_dir, "proxy", "node_modules", ".bin", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.ConfigurableHTTPProxy.auth_token = open(os.path.join(state, "proxy_auth_token")).read().strip()
# A restart of the hub (a new setting, an update) must not stop 30 learners' kernels mid-training:
# the proxy and the learners' servers outlive it and the hub takes them up again.
# environment/classroom.sh stop ends them all.
c.JupyterHub.cleanup_servers = False
c.JupyterHub.cleanup_proxy = False

# NativeAuthenticator: accounts live in the hub's own database, learners choose their password at
# sign-up and the teacher approves each account. Chosen over the alternatives because it needs
# nothing but this server: PAM would need the teacher to make every Unix account and password by
# hand, OAuth (GitHub, a university's SSO) and LTI (a course platform) need a service this server
# may not reach; those are one setting away (authenticator_class) where a school has them.
c.JupyterHub.authenticator_class = "native"
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 8
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 60
c.Authenticator.admin_users = {admin}
# Who may log in is the teacher's approval (NativeAuthenticator refuses an account not yet
# approved), not a list in this file: JupyterHub 5 asks for that to be said.
c.Authenticator.allow_all = True
# Names become Unix user names: lower-case letters, digits, '-' and '_', starting with a letter.
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{0,30}$"


def memory_bytes(text):
    """'8g' -> bytes."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    return int(text[:-1]) * units[text[-1].lower()] if text[-1].lower() in units else int(text)


learner_memory = memory_bytes(os.environ.get("GANBOOK_HUB_LEARNER_MEMORY", "8g"))


def memory_cgroup(unix_name, log):
    """A memory cgroup holding all LEARNER's processes, capped at GANBOOK_HUB_LEARNER_MEMORY.

    The JVM caps its heap, but ND4J's arrays live outside it and a cell can ask for any size; past
    the cap the kernel cannot take the machine's memory from the other learners: the kernel
    (the largest process in the group) is killed and JupyterLab restarts it. cgroup v2 where the
    hub may write it, else v1's memory controller; where neither can be written (no root, a
    read-only /sys), the hub logs so and learners share the machine's memory."""
    v2 = "/sys/fs/cgroup"
    try:
        if os.path.exists(os.path.join(v2, "cgroup.controllers")):
            if "memory" not in open(os.path.join(v2, "cgroup.controllers")).read().split():
                raise OSError("the memory controller is not enabled")
            group = os.path.join(v2, "ganbook-hub")
            os.makedirs(group, exist_ok=True)
            for parent in (v2, group):
                with open(os.path.join(parent, "cgroup.subtree_control"), "w") as f:
                    f.write("+memory")
            path = os.path.join(group, unix_name)
            os.makedirs(path, exist_ok=True)
            with open(os.path.join(path, "memory.max"), "w") as f:
                f.write(str(learner_memory))
            with open(os.path.join(path, "memory.swap.max"), "w") as f:
                f.write("0")
            return path
        path = os.path.join(v2, "memory", "ganbook-hub", unix_name)
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, "memory.limit_in_bytes"), "w") as f:
            f.write(str(learner_memory))
        if os.path.exists(os.path.join(path, "memory.memsw.limit_in_bytes")):   # no swapping past it
            with open(os.path.join(path, "memory.memsw.limit_in_bytes"), "w") as f:
                f.write(str(learner_memory))
        return path
    except OSError as e:
        log.warning("No memory cgroup for %s (%s): its memory is bounded only by each kernel's -Xmx "
                    "and JavaCPP's maxphysicalbytes", unix_name, e)
        return None


def ensure_unix_user(name):
    """Makes the learner's Unix user, with a home only they can read, the first time they start."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--base-dir", home_base, "--shell", "/bin/bash",
                        "--user-group", name], check=True)
    home = pwd.getpwnam(name).pw_dir
    os.chmod(home, 0o700)


class GanbookSpawner(LocalProcessSpawner):
    """A learner's server, run as their own Unix user: $GANBOOK_HUB_USER_PREFIX + their hub name.

    The prefix keeps a learner who signs up as 'root' or 'www-data' from being taken for that
    system account (JupyterHub's own spawner would run the server as the user of the same name).
    """

    @property
    def unix_name(self):
        return user_prefix + self.user.name

    cgroup = None

    def make_preexec_fn(self, name):
        become_learner = set_user_setuid(self.unix_name)
        cgroup = self.cgroup

        def preexec():
            # Still root, in the new process: join the learner's cgroup, then become the learner.
            if cgroup:
                with open(os.path.join(cgroup, "cgroup.procs"), "w") as f:
                    f.write(str(os.getpid()))
            become_learner()

        return preexec

    def user_env(self, env):
        account = pwd.getpwnam(self.unix_name)
        env["USER"] = self.unix_name
        env["HOME"] = account.pw_dir
        env["SHELL"] = account.pw_shell
        return env

    async def start(self):
        ensure_unix_user(self.unix_name)
        self.cgroup = memory_cgroup(self.unix_name, self.log)
        return await super().start()


c.JupyterHub.spawner_class = GanbookSpawner
# bin/ganbook-singleuser brings ~/ganbook up to date (nbgitpuller), then starts JupyterLab.
c.Spawner.cmd = [os.path.join(hub_dir, "bin", "ganbook-singleuser")]
c.Spawner.default_url = "/lab/tree/ganbook/00-welcome.ipynb"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "GANBOOK_BOOK": os.path.join(hub_dir, "book"),
    "PATH": os.path.join(hub_dir, "venv", "bin") + ":/usr/local/bin:/usr/bin:/bin",
}
if os.environ.get("GANBOOK_HUB_QUICK") == "1":
    c.Spawner.environment["GANBOOK_QUICK"] = "1"   # the chapters in quick mode (tests, demonstrations)

# Idle servers give their memory back: stopped after GANBOOK_HUB_CULL_TIMEOUT seconds without
# activity (a running cell is activity), checked every GANBOOK_HUB_CULL_EVERY seconds.
cull_timeout = int(os.environ.get("GANBOOK_HUB_CULL_TIMEOUT", "3600"))
cull_every = int(os.environ.get("GANBOOK_HUB_CULL_EVERY", str(max(10, min(300, cull_timeout // 2)))))
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={cull_timeout}", f"--cull-every={cull_every}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

# Tests (environment/hub-test.sh) get a token of their own to drive the hub's REST API.
if os.environ.get("GANBOOK_HUB_TEST_TOKEN"):
    c.JupyterHub.services.append({"name": "ganbook-test", "api_token": os.environ["GANBOOK_HUB_TEST_TOKEN"]})
    c.JupyterHub.load_roles.append({"name": "ganbook-test", "scopes": ["admin:users", "admin:servers",
                                                                      "access:servers", "list:users",
                                                                      "read:users", "tokens", "list:services"],
                                    "services": ["ganbook-test"]})
