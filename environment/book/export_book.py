#!/usr/bin/python3
"""Executes every chapter and writes the static book into build/book/ (run by environment/export-book.sh).

    /usr/bin/python3 environment/book/export_book.py            # full run of every notebooks/NN-*.ipynb
    /usr/bin/python3 environment/book/export_book.py --quick    # GANBOOK_QUICK=1, as CI runs them
    /usr/bin/python3 environment/book/export_book.py --quick notebooks/00-welcome.ipynb --out /tmp/b

What it writes (everything opens offline, from file:// or any static web server):
    index.html                 the chapters in order, each with its HTML, PDF, slides and notebook
    NN-name.html               the executed chapter; figures are PNG data URIs inside the page
    NN-name.pdf                the same page printed by headless Chromium once MathJax has typeset it
    NN-name.slides.html        reveal.js slides, for a chapter whose cells carry slideshow metadata
    notebooks/NN-name.ipynb    the executed notebook, outputs as shown on the page
    _static/                   local MathJax 2, reveal.js 4, RequireJS and jQuery (from npm, see package.json)

The book is built in a staging folder and moved into place only when every chapter executed without
an error and converted: a failing run prints what failed, exits 1 and leaves the last good book alone.
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

import nbformat
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "environment"))
import run_notebooks  # noqa: E402  (the test harness: kernel name, notebook glob, what counts as a failure)

NODE_MODULES = HERE / "node_modules"
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"  # what nbconvert 6's templates ask for
SLIDE_TYPES = {"slide", "subslide", "fragment", "notes", "skip"}


def log(message):
    print(message, flush=True)


# ----------------------------------------------------------------------------- static assets

def copy_static(static):
    """Copies the parts of the npm packages that the pages load into <book>/_static."""
    if not (NODE_MODULES / "mathjax" / "MathJax.js").is_file():
        raise SystemExit("FAIL: %s has no mathjax; run `npm ci` in %s (export-book.sh does)" % (NODE_MODULES, HERE))
    mj_src, mj = NODE_MODULES / "mathjax", static / "mathjax"
    # MathJax 2 in CommonHTML output with TeX fonts (woff): about 7 MB of the package's 73 MB. The
    # MathJax menu's other renderers (SVG, HTML-CSS) and font families are left out.
    for rel in ["MathJax.js", "LICENSE", "config/TeX-AMS_CHTML-full.js", "config/Safe.js",
                "extensions", "jax/input/TeX", "jax/element", "jax/output/CommonHTML",
                "jax/output/PreviewHTML", "jax/output/NativeMML", "fonts/HTML-CSS/TeX/woff"]:
        copy(mj_src / rel, mj / rel)
    rv_src, rv = NODE_MODULES / "reveal.js", static / "reveal.js"
    # The "white" theme only: it uses fonts shipped in the package, where others import Google Fonts.
    for rel in ["LICENSE", "dist/reveal.js", "dist/reveal.css", "dist/reset.css", "dist/theme/white.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes"]:
        copy(rv_src / rel, rv / rel)
    copy(NODE_MODULES / "requirejs" / "require.js", static / "require.js")
    copy(NODE_MODULES / "jquery" / "dist" / "jquery.min.js", static / "jquery.min.js")
    copy(HERE / "book.css", static / "book.css")


def copy(src, dst):
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    else:
        shutil.copy2(src, dst)


def asset_urls(prefix):
    """The exporters' URL settings, relative to a page in the book's root."""
    return {
        "mathjax_url": "%s/mathjax/MathJax.js?config=%s" % (prefix, MATHJAX_CONFIG),
        "require_js_url": "%s/require.js" % prefix,
        "jquery_url": "%s/jquery.min.js" % prefix,
    }


# ----------------------------------------------------------------------------- execution

def error_outputs(nb):
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


# ----------------------------------------------------------------------------- conversion

def title_and_summary(nb, fallback):
    """The chapter's first level-1 heading and the first paragraph under it (for the index)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("# "):
                rest = "\n".join(lines[i + 1:]).strip().split("\n\n")[0]
                return line[2:].strip(), " ".join(rest.split())
    return fallback, ""


def has_slides(nb):
    return any((c.get("metadata", {}).get("slideshow") or {}).get("slide_type") in SLIDE_TYPES for c in nb.cells)


def navigation(prev_page, next_page, links):
    parts = ['<nav class="ganbook-nav">', '<a href="index.html">Contents</a>']
    if prev_page:
        parts.append('<a href="%s">&larr; %s</a>' % (prev_page[0], html.escape(prev_page[1])))
    if next_page:
        parts.append('<a href="%s">%s &rarr;</a>' % (next_page[0], html.escape(next_page[1])))
    parts.append('<span class="ganbook-nav-files">%s</span>' % " · ".join(
        '<a href="%s">%s</a>' % (href, label) for label, href in links))
    parts.append("</nav>")
    return "".join(parts)


def to_html(nb, name, nav):
    exporter = HTMLExporter(template_name="lab", **asset_urls("_static"))
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    body = body.replace("</head>", '<link rel="stylesheet" href="_static/book.css">\n</head>', 1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + nav, body, count=1)
    return body


def to_slides(nb, name):
    exporter = SlidesExporter(reveal_url_prefix="_static/reveal.js", reveal_theme="white", **asset_urls("_static"))
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return body


def check_offline(page, text):
    """No page of the book may load anything from the network (links a reader may follow are fine)."""
    remote = re.findall(r'\ssrc\s*=\s*["\'](?:https?:)?//[^"\']+', text)
    remote += re.findall(r'<link\b[^>]*\shref\s*=\s*["\'](?:https?:)?//[^"\']+', text)
    remote += re.findall(r'@import\s+url\(\s*["\']?(?:https?:)?//[^)"\']+', text)
    if remote:
        raise RuntimeError("%s loads from the network: %s" % (page, remote[:3]))
    if "file:///" in text:
        raise RuntimeError("%s refers to a local absolute file:/// URL" % page)


def index_page(chapters, mode, stamp):
    rows = []
    for ch in chapters:
        links = [("HTML", ch["html"]), ("PDF", ch["pdf"])]
        if ch.get("slides"):
            links.append(("slides", ch["slides"]))
        links.append(("notebook", ch["ipynb"]))
        rows.append('<li><a class="ganbook-chapter" href="%s">%s</a>\n%s\n<p class="ganbook-files">%s</p></li>' % (
            ch["html"], html.escape(ch["title"]), markdown2html_mistune(ch["summary"]),
            " · ".join('<a href="%s">%s</a>' % (h, l) for l, h in links)))
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ganbook: Generative Adversarial Nets, in Java notebooks</title>
<link rel="stylesheet" href="_static/book.css">
<script type="text/x-mathjax-config">
MathJax.Hub.Config({{tex2jax: {{inlineMath: [["$", "$"]], processEscapes: true}},
                    CommonHTML: {{linebreaks: {{automatic: true}}}}}});
</script>
<script src="{mathjax}"></script>
</head>
<body class="ganbook-index">
<h1>ganbook</h1>
<p>Java notebooks that teach Generative Adversarial Nets (Goodfellow et al., 2014) by running them.
{provenance}</p>
<ol class="ganbook-chapters">
{rows}
</ol>
</body>
</html>
""".format(provenance=provenance(mode, stamp), rows="\n".join(rows), mathjax=asset_urls("_static")["mathjax_url"])


def provenance(mode, stamp):
    if mode.startswith("saved"):
        return "The pages below show the outputs saved in the notebooks, exported on %s without running them." % html.escape(stamp)
    return ("Every page below was executed in the ganbook Java kernel (%s) on %s; its figures and numbers "
            "are that run's outputs." % (html.escape(mode), html.escape(stamp)))


# ----------------------------------------------------------------------------- PDF

def print_pdfs(stage, pages):
    """Prints each HTML page to PDF in Debian's Chromium, after MathJax has typeset it."""
    cmd = ["node", str(HERE / "print_pdf.mjs")]
    for page in pages:
        cmd += [str(stage / page), str(stage / (Path(page).stem + ".pdf"))]
    subprocess.run(cmd, check=True)


# ----------------------------------------------------------------------------- main

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="chapters to export (default: every NN-*.ipynb in notebooks/)")
    parser.add_argument("--quick", action="store_true", help="quick mode (GANBOOK_QUICK=1): short runs, as in CI")
    parser.add_argument("--out", default=str(ROOT / "build" / "book"), help="where the book goes (default build/book)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds one cell may run (default 3600)")
    parser.add_argument("--no-execute", action="store_true",
                        help="export the notebooks' saved outputs without running them (for checking the exporter)")
    args = parser.parse_args(argv)

    if args.quick:
        os.environ["GANBOOK_QUICK"] = "1"
    else:
        os.environ.pop("GANBOOK_QUICK", None)
    mode = "saved outputs, not executed" if args.no_execute else ("quick mode" if args.quick else "full mode")

    notebooks = run_notebooks.find_notebooks(ROOT / "notebooks", args.notebooks)
    if not notebooks:
        log("FAIL: no notebooks to export")
        return 1

    out = Path(args.out).resolve()
    stage = out.parent / (out.name + ".partial")
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "notebooks").mkdir(parents=True)
    copy_static(stage / "_static")

    executed, failed = [], []
    for path in notebooks:
        if args.no_execute:
            nb, found, seconds = nbformat.read(str(path), as_version=4), [], 0.0
            found = ["cell %d: error output" % i for i in error_outputs(nb)]
        else:
            log("execute %s (%s) ..." % (path.name, mode))
            nb, found, _, seconds = run_notebooks.execute(path, args.timeout)
        if found:
            failed.append(path.name)
            log("FAIL %s (%.1f s)" % (path.name, seconds))
            for problem in found:
                log("    " + problem)
        else:
            log("ok   %s (%.1f s)" % (path.name, seconds))
        executed.append((path, nb))

    if failed:
        shutil.rmtree(stage, ignore_errors=True)
        log("FAIL: export stopped, %d of %d chapters failed to execute: %s. Nothing was published; %s is unchanged."
            % (len(failed), len(notebooks), ", ".join(failed), out))
        return 1

    chapters = []
    for path, nb in executed:
        title, summary = title_and_summary(nb, path.stem)
        nb.metadata["title"] = title
        chapters.append({"name": path.stem, "title": title, "summary": summary, "nb": nb,
                         "html": path.stem + ".html", "pdf": path.stem + ".pdf",
                         "ipynb": "notebooks/" + path.name,
                         "slides": path.stem + ".slides.html" if has_slides(nb) else None})

    for i, ch in enumerate(chapters):
        nb = ch["nb"]
        assert not error_outputs(nb), "an error cell reached the exporter"  # never publish one
        prev_page = (chapters[i - 1]["html"], chapters[i - 1]["title"]) if i > 0 else None
        next_page = (chapters[i + 1]["html"], chapters[i + 1]["title"]) if i + 1 < len(chapters) else None
        links = [("PDF", ch["pdf"])] + ([("slides", ch["slides"])] if ch["slides"] else []) + [("notebook", ch["ipynb"])]
        page = to_html(nb, ch["name"], navigation(prev_page, next_page, links))
        check_offline(ch["html"], page)
        (stage / ch["html"]).write_text(page, encoding="utf-8")
        nbformat.write(nb, str(stage / ch["ipynb"]))
        log("html %s" % ch["html"])
        if ch["slides"]:
            slides = to_slides(nb, ch["name"])
            check_offline(ch["slides"], slides)
            (stage / ch["slides"]).write_text(slides, encoding="utf-8")
            log("html %s" % ch["slides"])

    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    (stage / "index.html").write_text(index_page(chapters, mode, stamp), encoding="utf-8")
    log("html index.html")

    try:
        print_pdfs(stage, [ch["html"] for ch in chapters])
    except (subprocess.CalledProcessError, OSError) as e:
        shutil.rmtree(stage, ignore_errors=True)
        log("FAIL: printing the PDFs failed (%s). Nothing was published; %s is unchanged." % (e, out))
        return 1

    (stage / "book.json").write_text(json.dumps({
        "mode": mode, "built": stamp,
        "chapters": [{k: ch[k] for k in ("name", "title", "html", "pdf", "slides", "ipynb")} for ch in chapters],
    }, indent=2) + "\n", encoding="utf-8")

    old = out.parent / (out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    stage.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    slides = sum(1 for ch in chapters if ch["slides"])
    log("PASS: book exported to %s: index.html, %d chapters (HTML and PDF), %d with slides (%s)"
        % (out, len(chapters), slides, mode))
    return 0


if __name__ == "__main__":
    sys.exit(main())
