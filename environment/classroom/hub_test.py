"""The classroom test's checks, run by environment/hub-test.sh against the hub it started.

    python hub_test.py HUB_URL ARTIFACTS

Reads GANBOOK_HUB_DIR, GANBOOK_HUB_USER_PREFIX, GANBOOK_HUB_ADMIN, GANBOOK_HUB_TEST_TOKEN and
GANBOOK_HUB_HOME as hub-test.sh sets them (and as environment/classroom.sh reads them). In order:
  1. Accounts: two learners sign up; before the teacher approves them the login page says so; the
     teacher approves them on NativeAuthenticator's page. A wrong password and a user who does not
     exist get "Invalid username or password."; a stopped server gets the hub's "Server not running"
     page with its Launch button.
  2. The browser (environment/browser-test/hub_test.mjs): both learners log in in Chromium at once,
     run chapter 00 in JupyterLab, and get 403 at each other's server.
  3. Isolation: a learner's kernel can neither read nor write the other's files; the learner's token
     gets 403 at the other's server and hub API; the teacher's token reaches both servers.
  4. Memory: a learner's kernel asking for more than its Java heap gets OutOfMemoryError and goes
     on; one filling an ND4J array past the learner's memory cgroup is killed and restarted, their
     server still up; the other learner's kernel, running all the while, finishes its cell.
  5. A new version of the book: the learner's edit of a chapter is kept, a chapter they did not touch
     takes the new version, a chapter they deleted comes back.
  6. The hub restarted: the learner's files, their server and a variable in their running kernel are
     all still there, and their token still works.
  7. Idle culling: the hub restarted with a 15-second timeout, both learners' idle servers stopped.
  8. HTTPS: the hub stopped and started again with a certificate (classroom.sh's GANBOOK_HUB_SSL_*):
     the login page over HTTPS, verified against the certificate, and nothing over plain HTTP.
Before them, Zero to JupyterHub's values and image recipe (z2jh/) are checked to start the same
command, book and first chapter as this hub (the chart itself is not run here).
Each check prints "ok ..."; the first failure raises, and the exit status is non-zero.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

import requests

from hubclient import Hub, Learner, Server

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
HUB_DIR = Path(os.environ["GANBOOK_HUB_DIR"])
PREFIX = os.environ["GANBOOK_HUB_USER_PREFIX"]
ADMIN = os.environ.get("GANBOOK_HUB_ADMIN", "teacher")
HOME = Path(os.environ["GANBOOK_HUB_HOME"])
LEARNERS = {"ada": "analytical-engine-1843", "bob": "difference-engine-1822"}


def check(condition, message, detail=None):
    if not condition:
        raise AssertionError(message + ("" if detail is None else f": {detail!r}"[:600]))
    print("ok   " + message, flush=True)


def as_unix_user(name, *command):
    """Runs COMMAND as the learner's Unix user; returns its exit status."""
    return subprocess.run(["runuser", "-u", PREFIX + name, "--", *command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def accounts(hub_url):
    teacher = Learner(hub_url)
    check(teacher.login(ADMIN, (HUB_DIR / "state" / "admin-password").read_text().strip()),
          f"the teacher ({ADMIN}) logs in with the first password classroom.sh made")
    for name, password in LEARNERS.items():
        learner = Learner(hub_url)
        message = learner.signup(name, password)
        check("sent to the admin" in message, f"{name} signs up and waits for approval", message)
        check(not learner.login(name, password) and "has not been authorized" in learner.text(),
              f"{name}'s login before approval says the teacher has not approved it yet")
        check(teacher.authorize(name), f"the teacher approves {name} on /hub/authorize")
        check(learner.login(name, password), f"{name} logs in once approved")
    stranger = Learner(hub_url)
    check(not stranger.login("ada", "not-her-password") and "Invalid username or password" in stranger.text(),
          "a wrong password gets 'Invalid username or password.'")
    check(not stranger.login("nobody", "any-password-at-all") and "Invalid username or password" in stranger.text(),
          "a user who does not exist gets the same message (the page does not tell who has an account)")


def stopped_server_page(hub_url, base):
    learner = Learner(hub_url)
    learner.login("bob", LEARNERS["bob"])
    learner.page = learner.http.get(urljoin(base, "user/bob/lab"), timeout=60)
    check(learner.page.status_code == 424 and "Server not running" in learner.text() and "Launch Server" in learner.text(),
          "bob, his server stopped, gets the hub's 'Server not running' page with its Launch Server button",
          (learner.page.status_code, learner.text()[-300:]))


def browser(hub_url, artifacts):
    chapter = "00-welcome.ipynb"
    images = sum('"image/png"' in line for line in (ROOT / "notebooks" / chapter).read_text().splitlines())
    accounts_args = [f"{n}:{p}" for n, p in LEARNERS.items()]
    subprocess.run(["node", str(ROOT / "environment" / "browser-test" / "hub_test.mjs"), hub_url,
                    "ganbook/" + chapter, str(images), str(artifacts), *accounts_args], check=True)


def isolation(hub, servers, tokens, base):
    ada, bob = servers["ada"], servers["bob"]
    bob_file = HOME / (PREFIX + "bob") / "ganbook" / "00-welcome.ipynb"
    check(bob_file.is_file(), "bob's copy of the book is in his home", bob_file)
    check(oct(bob_file.parent.parent.stat().st_mode & 0o777) == "0o700", "bob's home is his alone (mode 700)")
    read = ada.execute(f'java.nio.file.Files.readString(java.nio.file.Path.of("{bob_file}")).length()')
    check(read["errors"] and "AccessDenied" in read["errors"][0],
          "ada's kernel cannot read bob's chapter (AccessDeniedException)", read["errors"])
    write = ada.execute(f'java.nio.file.Files.writeString(java.nio.file.Path.of("{bob_file.parent}", "from-ada.txt"), "hi")')
    check(write["errors"] and "AccessDenied" in write["errors"][0],
          "ada's kernel cannot write into bob's folder", write["errors"])
    check(as_unix_user("ada", "cat", str(bob_file)) != 0 and as_unix_user("ada", "ls", str(bob_file.parent)) != 0,
          "ada's Unix user can neither read nor list bob's files")
    as_ada = Server(urljoin(base, "user/bob/"), tokens["ada"])
    check(as_ada.get("api/contents/ganbook").status_code == 403, "ada's token gets 403 at bob's server")
    status = Hub(hub.hub_url, tokens["ada"]).http.get(urljoin(hub.hub_url, "api/users/bob"), timeout=30).status_code
    check(status in (403, 404), f"ada's token is refused bob's record in the hub's API ({status}: the hub "
                                "answers 404 where 403 would tell that bob exists)", status)
    teacher = hub.token_for(ADMIN, scopes=["access:servers", "read:users"])
    for name in LEARNERS:
        listing = Server(urljoin(base, f"user/{name}/"), teacher).get("api/contents/ganbook")
        check(listing.status_code == 200 and any(f["name"] == "00-welcome.ipynb" for f in listing.json()["content"]),
              f"the teacher's token reaches {name}'s server and files")


def learner_cgroup(name):
    """The memory cgroup the hub made for learner NAME and its cap in bytes, or (None, None)."""
    for path, limit in ((f"/sys/fs/cgroup/ganbook-hub/{PREFIX}{name}", "memory.max"),
                        (f"/sys/fs/cgroup/memory/ganbook-hub/{PREFIX}{name}", "memory.limit_in_bytes")):
        if os.path.exists(os.path.join(path, limit)):
            return path, int(open(os.path.join(path, limit)).read())
    return None, None


def memory(servers):
    """ada's kernel asks for too much while bob's kernel trains; bob's cell must finish."""
    cap = os.environ["GANBOOK_HUB_LEARNER_MEMORY"]
    bob_result = {}
    done = Path(tempfile.mkdtemp(prefix="ganbook-hub-test-")) / "ada-done"
    done.parent.chmod(0o755)
    # bob's kernel multiplies matrices until the test says ada's checks are over (at most 5 minutes).
    bob_cell = f"""
import org.nd4j.linalg.factory.Nd4j;
double sum = 0;
long until = System.currentTimeMillis() + 300_000;
while (!java.nio.file.Files.exists(java.nio.file.Path.of("{done}")) && System.currentTimeMillis() < until)
    sum += Nd4j.rand(200, 200).mmul(Nd4j.rand(200, 200)).sumNumber().doubleValue();
sum > 0 ? "bob's cell done" : "no"
"""
    worker = threading.Thread(target=lambda: bob_result.update(servers["bob"].execute(bob_cell, timeout=600)))
    worker.start()
    ada = servers["ada"]
    kernel = ada.start_kernel()
    try:
        heap = ada.execute("long[] tooBig = new long[1_000_000_000]; tooBig.length", kernel_id=kernel)
        check(heap["errors"] and "OutOfMemoryError" in heap["errors"][0],
              "ada's kernel asking for an 8 GB Java array gets OutOfMemoryError (the JVM's -Xmx)", heap["errors"])
        alive = ada.execute('"still here: " + (6 * 7)', kernel_id=kernel)
        check(not alive["errors"] and "still here: 42" in alive["text"], "ada's kernel goes on after it", alive)
        path, limit = learner_cgroup("ada")
        if path is None:
            print("skip a kernel past the learner's memory cap: this machine lets the hub write no memory cgroup "
                  "(the hub's log says why)", flush=True)
        else:
            check(limit == int(cap.rstrip("g")) << 30, f"ada's processes are in a memory cgroup capped at {cap} ({path})", limit)
            huge = ada.execute("org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 60_000, 60_000).length()",
                               kernel_id=kernel)
            check(huge["errors"] and "the kernel died" in huge["errors"][0],
                  f"ada's kernel filling a 14 GB ND4J array is killed at her {cap} cap", huge["errors"])
            restarted = ada.execute('"restarted: " + (6 * 7)', kernel_id=kernel)
            check(not restarted["errors"] and "restarted: 42" in restarted["text"],
                  "ada's kernel is restarted by her server and runs a cell", restarted)
            check(servers["ada"].get("api/status").status_code == 200, "ada's server itself kept running")
    finally:
        ada.shutdown_kernel(kernel)
        check(worker.is_alive(), "bob's cell was still running when ada's checks were over")
        done.touch()
    worker.join()
    shutil.rmtree(done.parent)
    check(not bob_result.get("errors") and "bob's cell done" in bob_result.get("text", ""),
          f"bob's kernel then finished its cell ({bob_result.get('seconds', 0):.1f} s)", bob_result)
    quick = servers["bob"].execute('System.getenv("GANBOOK_QUICK")')
    check('"1"' in quick["text"] or quick["text"].strip() == "1", "learners' kernels run in quick mode (GANBOOK_HUB_QUICK=1)", quick)


def book_update(hub, servers, tokens, base):
    ada = servers["ada"]
    book = HUB_DIR / "book"
    ada_copy = HOME / (PREFIX + "ada") / "ganbook"
    edited = ada.notebook("ganbook/00-welcome.ipynb")
    edited["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "ada's own note"})
    r = ada.http.put(urljoin(ada.url, "api/contents/ganbook/00-welcome.ipynb"), timeout=60,
                     json={"type": "notebook", "format": "json", "content": edited})
    check(r.status_code == 200, "ada edits chapter 00 (saved through JupyterLab's contents API)", r.status_code)
    r = ada.http.delete(urljoin(ada.url, "api/contents/ganbook/03-theory.ipynb"), timeout=60)
    check(r.status_code == 204, "ada deletes chapter 03 from her copy", r.status_code)

    # The teacher's next version of the book changes chapters 00 and 01 (classroom.sh book commits
    # the checkout's chapters the same way).
    for chapter in ("00-welcome.ipynb", "01-value-function.ipynb"):
        path = book / chapter
        path.write_text(path.read_text().replace('"cells": [', '"cells": [\n  {"cell_type": "markdown", "metadata": {}, '
                                                               '"source": ["The book\'s version 2."]},', 1))
    subprocess.run(["git", "-C", str(book), "-c", "user.name=test", "-c", "user.email=test@localhost",
                    "commit", "-qam", "The book's version 2"], check=True)

    hub.stop("ada")
    servers["ada"] = ada = Server(hub.start("ada"), tokens["ada"])
    ch00 = "".join("".join(c["source"]) for c in ada.notebook("ganbook/00-welcome.ipynb")["cells"])
    ch01 = "".join("".join(c["source"]) for c in ada.notebook("ganbook/01-value-function.ipynb")["cells"])
    check("ada's own note" in ch00, "after the new version, ada's edit of chapter 00 is kept")
    check("The book's version 2." in ch01, "chapter 01, which she did not touch, is the new version")
    check((ada_copy / "03-theory.ipynb").is_file(), "chapter 03, which she deleted, is back")


def hub_restart(hub, servers, tokens, base):
    ada = servers["ada"]
    kernel = ada.start_kernel()
    ada.execute('String kept = "kept across the restart";', kernel_id=kernel)
    subprocess.run([str(ROOT / "environment" / "classroom.sh"), "restart"], check=True)
    check(Hub(hub.hub_url, tokens["ada"]).http.get(urljoin(hub.hub_url, "api/user"), timeout=30).status_code == 200,
          "after a restart of the hub, ada's token still works")
    server = hub.user("ada")["servers"].get("")
    check(server and server.get("ready"), "ada's server is still running")
    ch00 = "".join("".join(c["source"]) for c in ada.notebook("ganbook/00-welcome.ipynb")["cells"])
    check("ada's own note" in ch00, "ada's edited chapter is there")
    value = ada.execute("kept", kernel_id=kernel)
    check("kept across the restart" in value["text"], "the variable in ada's running kernel is still there", value)
    ada.shutdown_kernel(kernel)


def z2jh_values():
    """Zero to JupyterHub's values (z2jh/values.yaml) say what this tested hub does."""
    import yaml  # in the hub's Python (JupyterHub's dependencies)
    values = yaml.safe_load((HERE / "z2jh" / "values.yaml").read_text())
    single = values["singleuser"]
    config = (HERE / "jupyterhub_config.py").read_text()
    check(f'c.Spawner.default_url = "{single["defaultUrl"]}"' in config
          and single["cmd"] == "/opt/ganbook-hub/bin/ganbook-singleuser"
          and single["extraEnv"]["GANBOOK_BOOK"] == "/opt/ganbook-hub/book",
          "z2jh/values.yaml starts the same command, book and first chapter as this hub", single)
    auth = values["hub"]["config"]
    check(auth["JupyterHub"]["authenticator_class"] == "native" and not auth["NativeAuthenticator"]["open_signup"]
          and values["cull"]["enabled"], "z2jh/values.yaml: NativeAuthenticator with approval, idle culling", auth)
    dockerfile = (HERE / "z2jh" / "Dockerfile").read_text()
    check("environment/classroom.sh install" in dockerfile and 'CMD ["' + single["cmd"] + '"]' in dockerfile,
          "z2jh/Dockerfile builds the image with classroom.sh install and starts the same command")


def main(hub_url, artifacts):
    base = hub_url[: -len("hub/")]
    hub = Hub(hub_url, os.environ["GANBOOK_HUB_TEST_TOKEN"])
    z2jh_values()
    accounts(hub_url)
    stopped_server_page(hub_url, base)
    browser(hub_url, artifacts)
    tokens = {name: hub.token_for(name) for name in LEARNERS}
    servers = {name: Server(hub.start(name), tokens[name]) for name in LEARNERS}
    isolation(hub, servers, tokens, base)
    memory(servers)
    book_update(hub, servers, tokens, base)
    hub_restart(hub, servers, tokens, base)
    idle_culling(hub)
    https(hub_url)


def idle_culling(hub):
    """The hub restarted with a culler that stops servers idle for 15 s: both learners' go."""
    os.environ.update(GANBOOK_HUB_CULL_TIMEOUT="15", GANBOOK_HUB_CULL_EVERY="5")
    subprocess.run([str(ROOT / "environment" / "classroom.sh"), "restart"], check=True, stdout=subprocess.DEVNULL)
    services = hub.api("GET", "services")
    check("idle-culler" in services, "the idle culler is one of the hub's services", sorted(services))
    started = time.time()
    while time.time() - started < 120 and any(hub.user(n).get("servers") for n in LEARNERS):
        time.sleep(2)
    check(not any(hub.user(n).get("servers") for n in LEARNERS),
          f"the idle culler stopped both learners' idle servers ({time.time() - started:.0f} s after a 15 s timeout)")


def https(hub_url):
    """The hub started again with a certificate for 127.0.0.1: HTTPS only, and classroom.sh's own
    checks of the started hub (it waits for the API and makes the teacher's account) still pass."""
    folder = Path(tempfile.mkdtemp(prefix="ganbook-hub-tls."))
    try:
        cert, key = folder / "hub.crt", folder / "hub.key"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=ganbook hub test", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
        os.environ.update(GANBOOK_HUB_SSL_CERT=str(cert), GANBOOK_HUB_SSL_KEY=str(key))
        classroom = str(ROOT / "environment" / "classroom.sh")
        subprocess.run([classroom, "stop"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([classroom, "start"], check=True, stdout=subprocess.DEVNULL, timeout=300)
        secure = hub_url.replace("http://", "https://", 1)
        page = requests.get(urljoin(secure, "login"), verify=str(cert), timeout=30)
        check(page.status_code == 200 and 'name="username"' in page.text,
              "with a certificate, the login page over HTTPS, the certificate verified", page.status_code)
        try:
            plain = requests.get(urljoin(hub_url, "login"), timeout=10)
            served = plain.status_code == 200 and 'name="username"' in plain.text
        except requests.exceptions.RequestException:
            served = False
        check(not served, "and no page over plain HTTP on the same port")
    finally:
        for name in ("GANBOOK_HUB_SSL_CERT", "GANBOOK_HUB_SSL_KEY"):
            os.environ.pop(name, None)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], Path(sys.argv[2]))
