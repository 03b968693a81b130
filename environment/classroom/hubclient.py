"""Talks to the book's JupyterHub as a learner, a teacher or a script would, over HTTP only.

Used by environment/classroom.sh (the teacher's sign-up), the hub test (environment/hub-test.sh)
and the capacity measurement (bench/classroom_capacity.py). Runs in the hub's Python
($GANBOOK_HUB_DIR/venv), which has requests and tornado.

    python hubclient.py signup HUB_URL NAME PASSWORD_FILE    # an account, if it does not exist yet
"""
import asyncio
import json
import re
import sys
import time
import uuid
from urllib.parse import urljoin

import requests
import urllib3
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


class Learner:
    """A browser-less session with the hub's pages: sign up, log in, approve (as the teacher)."""

    def __init__(self, hub_url):
        self.hub_url = hub_url if hub_url.endswith("/") else hub_url + "/"
        self.http = requests.Session()

    def _form(self, path, fields, follow=True):
        page = self.http.get(urljoin(self.hub_url, path), timeout=30)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
        data = dict(fields, _xsrf=xsrf.group(1) if xsrf else self.http.cookies.get("_xsrf", ""))
        return self.http.post(urljoin(self.hub_url, path), data=data, timeout=60, allow_redirects=follow)

    def signup(self, name, password):
        """NativeAuthenticator's sign-up form; returns the message the page shows."""
        page = self._form("signup", {"username": name, "signup_password": password,
                                     "signup_password_confirmation": password})
        message = re.search(r'<div class="alert[^"]*"[^>]*>\s*(.*?)\s*</div>', page.text, re.S)
        return re.sub(r"<[^>]+>|\s+", " ", message.group(1)).strip() if message else page.text[:200]

    def login(self, name, password):
        """The login form; True when the hub logged NAME in (the page it answers is kept in .page).

        The redirect that follows a login is not followed: it would start the user's server."""
        self.page = self._form("login", {"username": name, "password": password}, follow=False)
        return self.page.status_code == 302 and "login" not in self.page.headers.get("Location", "login")

    def authorize(self, name):
        """As the teacher: approve a learner's sign-up, as the teacher's /hub/authorize page does.

        Its link authorize/NAME toggles the approval, so it is followed only while the page still
        offers "Authorize" for NAME. Returns True when NAME is approved."""
        link = re.escape(f"authorize/{name}") + r'"[^>]*>\s*(Authorize|Unauthorize)\s*<'
        found = re.search(link, self.http.get(urljoin(self.hub_url, "authorize"), timeout=30).text)
        if found and found.group(1) == "Authorize":
            self.http.get(urljoin(self.hub_url, "authorize/" + name), timeout=30)
            found = re.search(link, self.http.get(urljoin(self.hub_url, "authorize"), timeout=30).text)
        return bool(found) and found.group(1) == "Unauthorize"

    def text(self):
        """The words of the last page the hub answered, without its markup."""
        body = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", " ", self.page.text)
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()


class Hub:
    """The hub's REST API with a token (a service's, or a user's for that user's own servers)."""

    def __init__(self, hub_url, token):
        self.hub_url = hub_url if hub_url.endswith("/") else hub_url + "/"
        self.base = self.hub_url[: -len("hub/")]
        self.token = token
        self.http = requests.Session()
        self.http.headers["Authorization"] = "token " + token

    def api(self, method, path, **kwargs):
        r = self.http.request(method, urljoin(self.hub_url, "api/" + path), timeout=60, **kwargs)
        if r.status_code >= 400:
            raise RuntimeError(f"hub API {method} {path}: HTTP {r.status_code} {r.text[:200]}")
        return r.json() if r.content else None

    def user(self, name):
        return self.api("GET", "users/" + name)

    def create_users(self, names):
        existing = {u["name"] for u in self.api("GET", "users")}
        new = [n for n in names if n not in existing]
        if new:
            self.api("POST", "users", json={"usernames": new})

    def token_for(self, name, scopes=None):
        """A token that acts as user NAME: by default on their own servers and nothing else."""
        scopes = scopes or [f"access:servers!user={name}", f"read:users!user={name}"]
        body = {"note": "ganbook", "expires_in": 3600, "scopes": scopes}
        return self.api("POST", f"users/{name}/tokens", json=body)["token"]

    def start(self, name, timeout=180):
        """Starts NAME's server and waits until it answers; returns its URL."""
        self.http.post(urljoin(self.hub_url, f"api/users/{name}/server"), timeout=60)
        deadline = time.time() + timeout
        while time.time() < deadline:
            server = self.user(name).get("servers", {}).get("")
            if server and server.get("ready"):
                return urljoin(self.base, server["url"].lstrip("/"))
            time.sleep(0.5)
        raise RuntimeError(f"{name}'s server did not start in {timeout} s")

    def stop(self, name, timeout=60):
        self.http.delete(urljoin(self.hub_url, f"api/users/{name}/server"), timeout=60)
        deadline = time.time() + timeout
        while time.time() < deadline and self.user(name).get("servers"):
            time.sleep(0.5)


class Server:
    """A learner's Jupyter server: contents, and a kernel that runs a notebook's cells in order."""

    def __init__(self, url, token):
        self.url = url if url.endswith("/") else url + "/"
        self.token = token
        self.http = requests.Session()
        self.http.headers["Authorization"] = "token " + token

    def get(self, path):
        return self.http.get(urljoin(self.url, path), timeout=60, allow_redirects=False)

    def notebook(self, path):
        r = self.get("api/contents/" + path)
        r.raise_for_status()
        return r.json()["content"]

    def run(self, path, timeout=1800, kernel="ganbook-java"):
        """Runs every code cell of notebook PATH in a new kernel, as Run All Cells would.

        Returns {"seconds", "errors": [...], "images": n, "cells": n}; the kernel is shut down after."""
        nb = self.notebook(path)
        session = self.http.post(urljoin(self.url, "api/sessions"), timeout=120, json={
            "path": path, "type": "notebook", "name": path, "kernel": {"name": kernel}}).json()
        try:
            return asyncio.run(self._execute(session["kernel"]["id"], nb, timeout))
        finally:
            self.http.delete(urljoin(self.url, "api/sessions/" + session["id"]), timeout=60)

    def execute_notebook(self, path, kernel_id, timeout=1800):
        """Runs notebook PATH's code cells in the running kernel KERNEL_ID, which is left running."""
        return asyncio.run(self._execute(kernel_id, self.notebook(path), timeout))

    def start_kernel(self, kernel="ganbook-java"):
        """A new kernel on this server; returns its id."""
        r = self.http.post(urljoin(self.url, "api/kernels"), json={"name": kernel}, timeout=120)
        r.raise_for_status()
        return r.json()["id"]

    def shutdown_kernel(self, kernel_id):
        self.http.delete(urljoin(self.url, "api/kernels/" + kernel_id), timeout=60)

    def execute(self, code, kernel_id=None, timeout=300):
        """Runs one cell, in kernel KERNEL_ID or else in a new kernel shut down after; returns the
        same summary as run, with the text the cell printed or returned."""
        nb = {"cells": [{"cell_type": "code", "source": code}]}
        if kernel_id:
            return asyncio.run(self._execute(kernel_id, nb, timeout))
        kid = self.start_kernel()
        try:
            return asyncio.run(self._execute(kid, nb, timeout))
        finally:
            self.shutdown_kernel(kid)

    async def _execute(self, kernel_id, nb, timeout):
        ws_url = re.sub(r"^http", "ws", self.url) + f"api/kernels/{kernel_id}/channels"
        ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": "token " + self.token},
                                                 connect_timeout=300, request_timeout=300),
                                     max_message_size=256 * 1024 * 1024)
        summary = {"errors": [], "images": 0, "cells": 0, "text": ""}
        started = time.time()
        try:
            for cell in nb["cells"]:
                if cell["cell_type"] != "code":
                    continue
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                summary["cells"] += 1
                msg_id = uuid.uuid4().hex
                await ws.write_message(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "ganbook",
                               "session": uuid.uuid4().hex, "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell",
                    "content": {"code": source, "silent": False, "store_history": True,
                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
                while True:
                    remaining = timeout - (time.time() - started)
                    if remaining <= 0:
                        raise TimeoutError(f"the notebook ran past {timeout} s")
                    raw = await asyncio.wait_for(ws.read_message(), remaining)
                    if raw is None:
                        raise RuntimeError("the kernel's websocket closed (the kernel died?)")
                    if isinstance(raw, bytes):
                        # A message with binary buffers (a widget's): a count, offsets, the JSON first.
                        count = int.from_bytes(raw[:4], "big")
                        offsets = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(count)]
                        raw = raw[offsets[0]: offsets[1] if count > 1 else None]
                    msg = json.loads(raw)
                    if msg["msg_type"] == "status" and msg["content"]["execution_state"] in ("restarting", "dead"):
                        summary["errors"].append(f"the kernel died ({msg['content']['execution_state']})")
                        break
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind, content = msg["msg_type"], msg["content"]
                    if kind == "error":
                        summary["errors"].append(f"{content['ename']}: {content['evalue']}")
                    elif kind == "stream":
                        summary["text"] += content["text"]
                    elif kind in ("display_data", "execute_result"):
                        summary["images"] += "image/png" in content["data"]
                        summary["text"] += content["data"].get("text/plain", "")
                    elif kind == "status" and content["execution_state"] == "idle":
                        break
                if summary["errors"]:
                    break
        finally:
            ws.close()
        summary["seconds"] = time.time() - started
        return summary


def main(argv):
    if len(argv) == 5 and argv[1] == "signup":
        _, _, hub_url, name, password_file = argv
        password = open(password_file).read().strip()
        learner = Learner(hub_url)
        if hub_url.startswith("https://127.0.0.1"):
            # classroom.sh on the hub's own loopback: the certificate names the server, not 127.0.0.1
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            learner.http.verify = False
            learner.http.trust_env = False  # else REQUESTS_CA_BUNDLE, where set, turns verification back on
        if not learner.login(name, password):
            message = learner.signup(name, password)
            if "success" not in message.lower() and "already exists" not in message.lower():
                sys.exit(f"classroom: could not make the account {name!r}: {message}")
            print(f"classroom: account {name!r} made; its first password is in {password_file}")
        else:
            print(f"classroom: account {name!r} exists (password in {password_file} unless changed since)")
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
