"""How many learners one server holds: N learners run chapters at once through the hub's REST API.

Run by bench/classroom_capacity.sh, which starts the hub (environment/classroom.sh, quick mode,
the default caps) and stops it after:

    python classroom_capacity.py HUB_URL OUT.md [N ...]        (default N: 1 2 4 8)

For each N, N learners (Unix users capNN-*) have their servers started together, then each, at the
same time as the others, runs chapter 01 and then chapter 02 in quick mode in a new kernel, as
Run All Cells does. Measured: the time to start the servers; each chapter's time per learner
(median and slowest); each learner's resident memory (all their processes, read from /proc every
half second): its peak during the runs, and "reading" (their server with one idle kernel that
has run chapter 00, the memory a learner holds while reading and running small cells).
Writes a Markdown table to OUT.md with the machine and the command.
"""
import json
import os
import platform
import pwd
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "environment", "classroom"))
from hubclient import Hub, Server  # noqa: E402

PREFIX = os.environ["GANBOOK_HUB_USER_PREFIX"]
CHAPTERS = ["ganbook/01-value-function.ipynb", "ganbook/02-algorithm-1.ipynb"]


def rss_of(unix_name):
    """Resident bytes of every process of UNIX_NAME."""
    try:
        uid = pwd.getpwnam(unix_name).pw_uid
    except KeyError:
        return 0
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{pid}").st_uid != uid:
                continue
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total


class Sampler(threading.Thread):
    """Peak resident memory of each learner, sampled every half second."""

    def __init__(self, names):
        super().__init__(daemon=True)
        self.names, self.peak, self.running = names, {n: 0 for n in names}, True

    def run(self):
        while self.running:
            for n in self.names:
                self.peak[n] = max(self.peak[n], rss_of(PREFIX + n))
            time.sleep(0.5)


def round_for(hub, n):
    names = [f"l{n:02d}{i:02d}" for i in range(n)]
    hub.create_users(names)
    t0 = time.time()
    urls = {}
    threads = [threading.Thread(target=lambda m=m: urls.__setitem__(m, hub.start(m, timeout=600))) for m in names]
    [t.start() for t in threads]
    [t.join() for t in threads]
    start_seconds = time.time() - t0
    servers = {m: Server(urls[m], hub.token_for(m)) for m in names}

    # Reading: each learner's server with one kernel that ran chapter 00, idle.
    kernels = {}
    for m in names:
        kernels[m] = servers[m].start_kernel()
        servers[m].execute_notebook("ganbook/00-welcome.ipynb", kernels[m], timeout=600)
    time.sleep(2)
    reading = {m: rss_of(PREFIX + m) for m in names}
    for m in names:
        servers[m].shutdown_kernel(kernels[m])

    sampler = Sampler(names)
    sampler.start()
    results = {m: {} for m in names}

    def learner(m):
        for chapter in CHAPTERS:
            r = servers[m].run(chapter, timeout=3600)
            if r["errors"]:
                raise RuntimeError(f"{m}: {chapter}: {r['errors'][:2]}")
            results[m][chapter] = r["seconds"]

    t0 = time.time()
    threads = [threading.Thread(target=learner, args=(m,)) for m in names]
    [t.start() for t in threads]
    [t.join() for t in threads]
    wall = time.time() - t0
    sampler.running = False
    sampler.join()
    for m in names:
        hub.stop(m)
        if len(results[m]) != len(CHAPTERS):
            raise RuntimeError(f"{m} did not finish its chapters: {results[m]}")
    per = {c: [results[m][c] for m in names] for c in CHAPTERS}
    return {
        "n": n, "start_seconds": start_seconds, "wall_seconds": wall,
        "chapters": {c: {"median": statistics.median(v), "max": max(v)} for c, v in per.items()},
        "reading_gb": statistics.median(reading.values()) / 1e9,
        "peak_gb": statistics.median(sampler.peak.values()) / 1e9,
        "peak_max_gb": max(sampler.peak.values()) / 1e9,
    }


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))) / 1e6
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB, {platform.system()} {platform.release()}"


def main(hub_url, out, ns):
    hub = Hub(hub_url, os.environ["GANBOOK_HUB_TEST_TOKEN"])
    rounds = []
    for n in ns:
        r = round_for(hub, n)
        rounds.append(r)
        print(json.dumps(r), flush=True)
    c1, c2 = CHAPTERS
    # the caps the command was given (those left out are classroom.sh's defaults)
    settings = "".join(f"{k}={os.environ[k]} " for k in
                       ("GANBOOK_HUB_KERNEL_HEAP", "GANBOOK_HUB_KERNEL_MEMORY", "GANBOOK_HUB_LEARNER_MEMORY", "GANBOOK_HUB_KERNEL_THREADS")
                       if k in os.environ)
    lines = [
        f"# Classroom capacity, {time.strftime('%Y-%m-%d')}",
        "",
        f"Machine: {machine()}.",
        f"Command: `{settings}bench/classroom_capacity.sh {' '.join(map(str, ns))}` (the hub of environment/classroom.sh, "
        f"quick mode, caps: heap {os.environ.get('GANBOOK_HUB_KERNEL_HEAP', '2g')}, kernel "
        f"{os.environ.get('GANBOOK_HUB_KERNEL_MEMORY', '4g')}, learner {os.environ.get('GANBOOK_HUB_LEARNER_MEMORY', '8g')}, "
        f"{os.environ.get('GANBOOK_HUB_KERNEL_THREADS', '1')} thread per kernel).",
        "",
        "N learners at once: servers started together, then each runs chapter 01 and then chapter 02 "
        "(quick mode) in a new kernel. Times in seconds (median over learners / slowest); memory is "
        "each learner's resident total (server and kernels), the median over learners.",
        "",
        "| N | servers started | ch01 quick | ch02 quick | all done | reading, per learner | peak, per learner (largest) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rounds:
        a, b = r["chapters"][c1], r["chapters"][c2]
        lines.append(f"| {r['n']} | {r['start_seconds']:.0f} | {a['median']:.0f} / {a['max']:.0f} | "
                     f"{b['median']:.0f} / {b['max']:.0f} | {r['wall_seconds']:.0f} | {r['reading_gb']:.2f} GB | "
                     f"{r['peak_gb']:.2f} GB ({r['peak_max_gb']:.2f}) |")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], [int(n) for n in sys.argv[3:]] or [1, 2, 4, 8])
