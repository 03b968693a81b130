"""Starting the installed ganbook-java kernel and running cells in it, for the kernel's tests."""
import os
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL_NAME = "ganbook-java"


def start(env=None):
    """Starts the kernel; extra environment variables come on top of this process's."""
    kwargs = {}
    if env:
        kwargs["env"] = {**os.environ, **env}
    return start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60, **kwargs)


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def collect(kc, msg_id, timeout=60):
    """The iopub messages of one request, up to its idle status."""
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return outputs
        if msg["msg_type"] in ("stream", "execute_result", "display_data", "error", "update_display_data"):
            outputs.append(msg)


def reply_to(kc, msg_id, timeout=60):
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def execute(kc, code, timeout=60):
    """Runs a cell; returns (execute_reply content, iopub output messages)."""
    msg_id = kc.execute(code)
    reply = reply_to(kc, msg_id, timeout)
    outputs = collect(kc, msg_id, timeout)
    return reply["content"], outputs


def result(outputs):
    """The data of the execute_result among outputs, or None."""
    for m in outputs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]
    return None


def error(outputs):
    for m in outputs:
        if m["msg_type"] == "error":
            return m["content"]
    return None


def drain(channel_get, seconds):
    """Messages arriving within `seconds` (none expected)."""
    got = []
    try:
        while True:
            got.append(channel_get(timeout=seconds))
    except Empty:
        return got


def interrupt_when_running(km, kc, code, marker="running", timeout=60):
    """Runs a cell that prints `marker` (and flushes) before it loops; interrupts the kernel once
    the marker has come, so a slow compile never races the interrupt. Returns (execute_reply
    content, iopub outputs)."""
    msg_id = kc.execute(code)
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(1.0, deadline - time.monotonic()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                and marker in msg["content"]["text"]):
            break
    time.sleep(0.3)
    km.interrupt_kernel()
    reply = reply_to(kc, msg_id, timeout)
    outputs = collect(kc, msg_id, timeout)
    return reply["content"], outputs
