#!/usr/bin/env python3
"""Builds the book with Jupyter Book into build/book/ (run by environment/export-book.sh).

    .venv/bin/python environment/book/export_book.py                      # from the committed outputs
    .venv/bin/python environment/book/export_book.py --execute --quick    # re-run every chapter first, quick mode
    .venv/bin/python environment/book/export_book.py --execute            # re-run in full mode (hours)
    .venv/bin/python environment/book/export_book.py notebooks/00-welcome.ipynb --out /tmp/b

By default nothing is executed: the book shows the outputs saved in the notebooks (the committed
full run), after checking that every code cell ran, in order (execution counts 1, 2, 3, ...), with
no error output and no exception on stderr. --execute runs the chapters in the ganbook-java kernel
first (quick mode with --quick) and publishes those outputs instead.

What it writes (everything opens offline, from file:// or any static web server):
    index.html, intro.html     the book's home page: the chapters in order, with their PDF, slides, notebook
    NN-name.html               each chapter, as Jupyter Book 1 (Sphinx, sphinx-book-theme) renders it
    NN-name.pdf                the chapter's page printed by headless Chromium once MathJax has typeset it
    NN-name.slides.html        reveal.js slides (nbconvert), for a chapter whose cells carry slideshow metadata
    notebooks/NN-name.ipynb    the notebook the page was made from
    book.json                  what was built, from what, when
    _static/mathjax/           MathJax 3 (npm), which Sphinx's pages load instead of a CDN's
    _static/slides/            MathJax 2, reveal.js 4, RequireJS and jQuery for the slides (npm)

The book is built in a staging folder and moved into place only when every chapter passed and
converted: a failing run prints what failed, exits 1 and leaves the last good book alone.
"""
import argparse
import datetime
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
if sys.prefix == sys.base_prefix and VENV_PYTHON.exists() and __name__ == "__main__":
    # Started with another Python: run again in the project's environment (environment/setup-python.sh).
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON)] + sys.argv)

import nbformat  # noqa: E402
from nbconvert import SlidesExporter  # noqa: E402

sys.path.insert(0, str(ROOT / "environment"))
import run_notebooks  # noqa: E402  (the test harness: kernel name, notebook glob, what counts as a failure)

NODE_MODULES = HERE / "node_modules"
MATHJAX2_CONFIG = "TeX-AMS_CHTML-full,Safe"  # what nbconvert's reveal.js template asks for
SLIDE_TYPES = {"slide", "subslide", "fragment", "notes", "skip"}
BOOK_TITLE = "ganbook: Generative Adversarial Nets, in Java notebooks"


def log(message):
    print(message, flush=True)


# ----------------------------------------------------------------------------- the chapters' outputs

def committed_problems(nb):
    """Why a notebook's saved outputs may not be published: a code cell that did not run, ran out of
    order, or shows an error (an error output or an exception written to stderr)."""
    found = []
    expected = 1
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        count = cell.get("execution_count")
        if count is None:
            found.append("cell %d did not run (no execution count)" % index)
        elif count != expected:
            found.append("cell %d ran out of order: In [%s], expected In [%d]" % (index, count, expected))
        expected = (count if isinstance(count, int) else expected) + 1
    errors, _ = run_notebooks.problems(nb)
    found += [p for p in errors if p != "no image/png output"]
    return found


def has_slides(nb):
    return any((c.get("metadata", {}).get("slideshow") or {}).get("slide_type") in SLIDE_TYPES for c in nb.cells)


def title_and_summary(nb, fallback):
    """The chapter's first level-1 heading and the first paragraph under it (for the home page)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("# "):
                rest = "\n".join(lines[i + 1:]).strip().split("\n\n")[0]
                return line[2:].strip(), " ".join(rest.split())
    return fallback, ""


# ----------------------------------------------------------------------------- Jupyter Book sources

def copy(src, dst):
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    else:
        shutil.copy2(src, dst)


def copy_mathjax3(static):
    """MathJax 3's TeX-to-CommonHTML component with its fonts and lazily loaded parts (about 5 MB)."""
    src = NODE_MODULES / "mathjax3" / "es5"
    if not (src / "tex-chtml.js").is_file():
        raise SystemExit("FAIL: %s has no MathJax 3; run `npm ci` in %s (export-book.sh does)" % (NODE_MODULES, HERE))
    for rel in ["tex-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "a11y", "ui", "adaptors"]:
        copy(src / rel, static / "mathjax" / rel)
    copy(NODE_MODULES / "mathjax3" / "LICENSE", static / "mathjax" / "LICENSE")


def copy_slide_assets(static):
    """What nbconvert's reveal.js template loads, from npm: MathJax 2 (CommonHTML output, TeX woff
    fonts: about 7 MB of its 73 MB), reveal.js 4's white theme (its fonts ship in the package, where
    other themes import Google Fonts), RequireJS and jQuery."""
    mj_src, mj = NODE_MODULES / "mathjax", static / "mathjax2"
    if not (mj_src / "MathJax.js").is_file():
        raise SystemExit("FAIL: %s has no mathjax; run `npm ci` in %s (export-book.sh does)" % (NODE_MODULES, HERE))
    for rel in ["MathJax.js", "LICENSE", "config/TeX-AMS_CHTML-full.js", "config/Safe.js",
                "extensions", "jax/input/TeX", "jax/element", "jax/output/CommonHTML",
                "jax/output/PreviewHTML", "jax/output/NativeMML", "fonts/HTML-CSS/TeX/woff"]:
        copy(mj_src / rel, mj / rel)
    rv_src, rv = NODE_MODULES / "reveal.js", static / "reveal.js"
    for rel in ["LICENSE", "dist/reveal.js", "dist/reveal.css", "dist/reset.css", "dist/theme/white.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes"]:
        copy(rv_src / rel, rv / rel)
    copy(NODE_MODULES / "requirejs" / "require.js", static / "require.js")
    copy(NODE_MODULES / "jquery" / "dist" / "jquery.min.js", static / "jquery.min.js")


def yaml_string(text):
    return json.dumps(text)  # a JSON string is a valid YAML flow scalar


def write_sources(src, chapters, provenance):
    """The Jupyter Book project: _config.yml, _toc.yml, the home page and the chapters' notebooks."""
    (src / "_config.yml").write_text("""# Written by environment/book/export_book.py for each build; not kept.
title: {title}
author: ganbook
copyright: ""
only_build_toc_files: true
execute:
  execute_notebooks: "off"      # the outputs are the notebooks' own (checked or just executed)
html:
  use_repository_button: false
  use_issues_button: false
  use_edit_page_button: false
  use_multitoc_numbering: false
  home_page_in_navbar: true
  extra_footer: {footer}
launch_buttons:
  notebook_interface: jupyterlab
  binderhub_url: ""
  jupyterhub_url: ""
  colab_url: ""
  thebe: false
sphinx:
  config:
    language: en
    mathjax_path: mathjax/tex-chtml.js   # _static/mathjax, from npm: no CDN
    html_static_path: ["_ganbook_static"]   # not _static: Jupyter Book would add each .js there to every page
    html_css_files: ["ganbook.css"]
    html_show_sphinx: true
    html_last_updated_fmt: ""
    nb_output_stderr: show
    myst_dmath_double_inline: true   # $$...$$ inside a paragraph, as Jupyter renders it (chapter 02's Algorithm 1)
    suppress_warnings: ["myst.header", "misc.highlighting_failure"]
""".format(title=yaml_string(BOOK_TITLE), footer=yaml_string(provenance)), encoding="utf-8")
    (src / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n" + "".join(
        "  - file: %s\n" % ch["name"] for ch in chapters), encoding="utf-8")

    items = []
    for ch in chapters:
        files = [("PDF", ch["pdf"])] + ([("slides", ch["slides"])] if ch["slides"] else []) + [("notebook", ch["ipynb"])]
        # The chapter's link is a MyST document link (checked by Sphinx); the files next to the pages
        # are plain HTML links, since Sphinx does not know them (the PDFs are printed after the build).
        items.append("1. **[%s](%s.ipynb)**\n\n   %s\n\n   <span class=\"ganbook-files\">%s</span>\n" % (
            ch["title"].replace("[", "\\[").replace("]", "\\]"), ch["name"], ch["summary"],
            " · ".join('<a href="%s">%s</a>' % (h, l) for l, h in files)))
    (src / "intro.md").write_text("""# ganbook

Java notebooks that teach Generative Adversarial Nets (Goodfellow et al., 2014) by running them.
{provenance}

{items}""".format(provenance=provenance, items="\n".join(items)), encoding="utf-8")
    for ch in chapters:
        nbformat.write(ch["nb"], str(src / (ch["name"] + ".ipynb")))
    # Not _static/: Jupyter Book would add every .js file under it (all of MathJax's parts) to every
    # page. Sphinx copies this folder into the book's _static/ and loads MathJax from mathjax_path.
    copy(HERE / "book.css", src / "_ganbook_static" / "ganbook.css")
    copy_mathjax3(src / "_ganbook_static")


def jupyter_book(src, out_dir):
    """Runs Jupyter Book 1's HTML build; the pages land in out_dir/_build/html."""
    exe = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(exe), "build", str(src), "--path-output", str(out_dir), "--builder", "html", "--warningiserror",
           "--keep-going", "--quiet"]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise RuntimeError("jupyter-book build failed (exit %d):\n%s" % (result.returncode, result.stdout[-4000:]))
    return out_dir / "_build" / "html"


# ----------------------------------------------------------------------------- slides and checks

def to_slides(nb, name):
    prefix = "_static/slides"
    exporter = SlidesExporter(reveal_url_prefix=prefix + "/reveal.js", reveal_theme="white",
                              mathjax_url="%s/mathjax2/MathJax.js?config=%s" % (prefix, MATHJAX2_CONFIG),
                              require_js_url=prefix + "/require.js", jquery_url=prefix + "/jquery.min.js")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    # nbconvert 7.17's template imports Mermaid from a CDN on every deck; the book draws no Mermaid
    # diagram, so the import goes (offline, it would fail).
    if re.search(r"text/vnd\.mermaid", json.dumps(nb)):
        raise RuntimeError("%s has a Mermaid diagram, which the offline slides cannot draw" % name)
    body = re.sub(r'<script type="module">\s*import mermaid from [^<]*</script>', "", body)
    return body


def drop_repeated_inline_scripts(text):
    """Jupyter Book 1.0.4 registers sphinx-thebe's and sphinx-togglebutton's settings twice, so every
    page declares `const THEBE_JS_URL` twice (a JavaScript error in the browser). Keeps the first of
    identical inline <script> lines."""
    seen, lines = set(), []
    for line in text.split("\n"):
        key = line.strip()
        if key.startswith("<script>") and key.endswith("</script>"):
            if key in seen:
                continue
            seen.add(key)
        lines.append(line)
    return "\n".join(lines)


def check_offline(page, text):
    """No page of the book may load anything from the network (links a reader may follow are fine)."""
    remote = re.findall(r'\ssrc\s*=\s*["\'](?:https?:)?//[^"\']+', text)
    remote += re.findall(r'<link\b(?=[^>]*\brel\s*=\s*["\']?(?:stylesheet|preload|modulepreload|icon|manifest))'
                         r'[^>]*\shref\s*=\s*["\'](?:https?:)?//[^"\']+', text)
    remote += re.findall(r'@import\s+url\(\s*["\']?(?:https?:)?//[^)"\']+', text)
    remote += re.findall(r'\bimport\b[^;\n]*\bfrom\s*["\'](?:https?:)?//[^"\']+', text)
    if remote:
        raise RuntimeError("%s loads from the network: %s" % (page, remote[:3]))
    if "file:///" in text:
        raise RuntimeError("%s refers to a local absolute file:/// URL" % page)


def print_pdfs(stage, pages):
    """Prints each chapter's page to PDF in Debian's Chromium, after MathJax has typeset it."""
    cmd = ["node", str(HERE / "print_pdf.mjs")]
    for page in pages:
        cmd += [str(stage / page), str(stage / (Path(page).stem + ".pdf"))]
    subprocess.run(cmd, check=True)


# ----------------------------------------------------------------------------- main

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="chapters to export (default: every NN-*.ipynb in notebooks/)")
    parser.add_argument("--execute", action="store_true",
                        help="run every chapter in the kernel first and publish those outputs (default: the saved ones)")
    parser.add_argument("--quick", action="store_true", help="with --execute: quick mode (GANBOOK_QUICK=1), as in CI")
    parser.add_argument("--out", default=str(ROOT / "build" / "book"), help="where the book goes (default build/book)")
    parser.add_argument("--timeout", type=int, default=3600, help="with --execute: seconds one cell may run (default 3600)")
    args = parser.parse_args(argv)
    if args.quick and not args.execute:
        parser.error("--quick needs --execute (without it nothing runs: the saved outputs are published)")

    if args.quick:
        os.environ["GANBOOK_QUICK"] = "1"
    else:
        os.environ.pop("GANBOOK_QUICK", None)
    mode = ("executed, quick mode" if args.quick else "executed, full mode") if args.execute else "saved outputs"

    notebooks = run_notebooks.find_notebooks(ROOT / "notebooks", args.notebooks)
    if not notebooks:
        log("FAIL: no notebooks to export")
        return 1

    chapters, failed = [], []
    for path in notebooks:
        if args.execute:
            log("execute %s (%s) ..." % (path.name, mode))
            nb, found, _, seconds = run_notebooks.execute(path, args.timeout)
        else:
            nb, seconds = nbformat.read(str(path), as_version=4), 0.0
            found = committed_problems(nb)
        if found:
            failed.append(path.name)
            log("FAIL %s%s" % (path.name, " (%.1f s)" % seconds if args.execute else ": its saved outputs"))
            for problem in found:
                log("    " + problem)
            if not args.execute:
                log("    (run it again, e.g. environment/run_notebooks.py --full --write %s, or export with --execute)" % path)
        else:
            log("ok   %s (%s)" % (path.name, "%.1f s" % seconds if args.execute else "every code cell ran in order, no error"))
        title, summary = title_and_summary(nb, path.stem)
        chapters.append({"name": path.stem, "path": path, "title": title, "summary": summary, "nb": nb,
                         "html": path.stem + ".html", "pdf": path.stem + ".pdf", "ipynb": "notebooks/" + path.name,
                         "slides": path.stem + ".slides.html" if has_slides(nb) else None})

    out = Path(args.out).resolve()
    if failed:
        log("FAIL: export stopped, %d of %d chapters cannot be published: %s. Nothing was published; %s is unchanged."
            % (len(failed), len(notebooks), ", ".join(failed), out))
        return 1

    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    if args.execute:
        provenance = ("Every chapter was executed in the ganbook Java kernel (%s) on %s for this build; its "
                      "figures and numbers are that run's outputs." % ("quick mode" if args.quick else "full mode", stamp))
    else:
        provenance = ("The chapters show the outputs saved in their notebooks (the project's committed run), "
                      "published on %s without running them." % stamp)

    work = out.parent / (out.name + ".work")
    stage = out.parent / (out.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)
    try:
        src = work / "src"
        src.mkdir(parents=True)
        write_sources(src, chapters, provenance)
        log("jupyter-book build (Jupyter Book 1, sphinx-book-theme) ...")
        built = jupyter_book(src, work)
        shutil.move(str(built), str(stage))
        for ch in chapters:
            if not (stage / ch["html"]).is_file():
                raise RuntimeError("Jupyter Book wrote no %s" % ch["html"])
            log("html %s" % ch["html"])
            # The notebook as committed, or as just executed.
            copy(src / (ch["name"] + ".ipynb") if args.execute else ch["path"], stage / ch["ipynb"])
        if any(ch["slides"] for ch in chapters):
            copy_slide_assets(stage / "_static" / "slides")
        for ch in chapters:
            if ch["slides"]:
                (stage / ch["slides"]).write_text(to_slides(ch["nb"], ch["name"]), encoding="utf-8")
                log("html %s" % ch["slides"])
        for page in sorted(stage.rglob("*.html")):
            text = drop_repeated_inline_scripts(page.read_text(encoding="utf-8", errors="replace"))
            check_offline(page.relative_to(stage), text)
            page.write_text(text, encoding="utf-8")
        print_pdfs(stage, [ch["html"] for ch in chapters])
    except (RuntimeError, subprocess.CalledProcessError, OSError) as e:
        shutil.rmtree(stage, ignore_errors=True)
        log("FAIL: %s\nNothing was published; %s is unchanged." % (e, out))
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)

    (stage / "book.json").write_text(json.dumps({
        "mode": mode, "built": stamp, "generator": "Jupyter Book 1 (Sphinx, sphinx-book-theme)",
        "chapters": [{k: ch[k] for k in ("name", "title", "html", "pdf", "slides", "ipynb")} for ch in chapters],
    }, indent=2) + "\n", encoding="utf-8")

    old = out.parent / (out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    stage.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    slides = sum(1 for ch in chapters if ch["slides"])
    log("PASS: book exported to %s: index.html, %d chapter(s) (HTML and PDF), %d with slides (%s)"
        % (out, len(chapters), slides, mode))
    return 0


if __name__ == "__main__":
    sys.exit(main())
