#!/usr/bin/env python3
"""Runs the book's notebooks headless in the ganbook-java kernel and checks what they show.

    .venv/bin/python environment/run_notebooks.py            # every notebooks/NN-*.ipynb, quick mode
    .venv/bin/python environment/run_notebooks.py --write    # and save the outputs into the notebooks
    .venv/bin/python environment/run_notebooks.py --full --write   # the full run whose outputs are committed

A notebook fails when a cell raises an error, when a cell writes an exception to stderr, or when
it shows no image (every chapter closes its experiments with a chart). With no notebook to run the
harness fails too: an empty book is not a passing one. Quick mode sets GANBOOK_QUICK=1 in the
kernel's environment; the library shortens training and data there.
"""
import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
if sys.prefix == sys.base_prefix and VENV_PYTHON.exists() and __name__ == "__main__":
    # Started with another Python: run again in the project's environment (environment/setup-python.sh).
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON)] + sys.argv)

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

KERNEL_NAME = "ganbook-java"
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"

# An exception's name or a stack frame in a stderr stream (a caught exception printed by the cell).
STDERR_EXCEPTION = re.compile(r"\b[\w.$]*(Exception|Error)\b[:\s]|^\s+at [\w.$]+\(", re.MULTILINE)


def find_notebooks(directory, names):
    if names:
        return [Path(n) for n in names]
    return sorted(Path(directory).glob(NOTEBOOK_GLOB))


def problems(nb):
    """What is wrong with an executed notebook: errors, exceptions on stderr, no image."""
    found = []
    images = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                found.append("cell %d: %s: %s" % (index, out.get("ename"), out.get("evalue")))
            elif kind == "stream" and out.get("name") == "stderr" and STDERR_EXCEPTION.search(out.get("text", "")):
                first = out.get("text", "").strip().splitlines()[0]
                found.append("cell %d: exception on stderr: %s" % (index, first))
            elif kind in ("display_data", "execute_result") and "image/png" in out.get("data", {}):
                images += 1
    if images == 0:
        found.append("no image/png output")
    return found, images


def execute(path, timeout):
    """Runs one notebook in the ganbook-java kernel: (executed notebook, problems, images, seconds)."""
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=timeout,
        allow_errors=False,
        # A widget's live state means nothing in a saved notebook, and in the exported book it would
        # pull ipywidgets' JavaScript from a CDN: the outputs keep the widget's view reference and text.
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except CellTimeoutError as e:
        failure = "a cell ran longer than %d s: %s" % (timeout, str(e).strip().splitlines()[0])
    except CellExecutionError:
        failure = None  # the error output is in the notebook; problems() reports it
    except Exception as e:  # the kernel died or would not start
        failure = "%s: %s" % (type(e).__name__, e)
    seconds = time.monotonic() - started
    found, images = problems(nb)
    if failure:
        found.insert(0, failure)
    return nb, found, images, seconds


def run(path, timeout, write):
    nb, found, images, seconds = execute(path, timeout)
    if write and not found:
        nbformat.write(nb, str(path))
    return found, images, seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every NN-*.ipynb in --dir)")
    parser.add_argument("--dir", default=str(ROOT / "notebooks"), help="where the notebooks are (default: notebooks/)")
    parser.add_argument("--write", action="store_true", help="save the executed outputs into each passing notebook")
    parser.add_argument("--full", action="store_true", help="full run: do not set GANBOOK_QUICK=1")
    parser.add_argument("--timeout", type=int, default=900, help="seconds one cell may run (default 900)")
    args = parser.parse_args(argv)

    if args.full:
        os.environ.pop("GANBOOK_QUICK", None)
    else:
        os.environ["GANBOOK_QUICK"] = "1"

    notebooks = find_notebooks(args.dir, args.notebooks)
    if not notebooks:
        print("FAIL: no notebooks matching %s in %s" % (NOTEBOOK_GLOB, args.dir))
        return 1

    failed = 0
    for path in notebooks:
        found, images, seconds = run(path, args.timeout, args.write)
        if found:
            failed += 1
            print("FAIL %s (%.1f s)" % (path.name, seconds))
            for problem in found:
                print("    " + problem)
        else:
            print("PASS %s (%.1f s, %d images%s)" % (path.name, seconds, images, ", written" if args.write else ""))
        sys.stdout.flush()

    mode = "full" if args.full else "quick"
    print("%d of %d notebooks passed (%s mode)" % (len(notebooks) - failed, len(notebooks), mode))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
