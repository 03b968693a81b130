// The browser test's two halves, run by environment/browser-test.sh in Debian's headless Chromium.
//
//   node browser_test.mjs notebook URL ARTIFACTS
//     URL opens a chapter in Jupyter's classic notebook (with ?token=...). As a learner would, it
//     runs the chapter's first code cell (Shift+Enter), then adds a cell that trains a small 1-D GAN
//     with Algorithm 1 and draws its losses, runs it, and checks that the chart is in the page as a
//     decoded PNG, that the cell got its execution count, that no cell shows an error and that the
//     kernel is idle. Screenshot: ARTIFACTS/notebook.png.
//
//   node browser_test.mjs export PAGE.html [SLIDES.html] ARTIFACTS
//     Opens an exported chapter from file:// and checks that it loads nothing from the network,
//     every figure decoded (naturalWidth > 0), MathJax typeset its equations (CommonHTML output
//     present, no raw $$ left in the text) and the code is highlighted. With SLIDES, checks that
//     reveal.js started on the local copy and shows slides. Screenshots: ARTIFACTS/export*.png.
//
// Each check prints "ok ..." or throws; the exit status is non-zero on any failure.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// The cell a learner adds: Algorithm 1 on 1-D data (G: noise -> N(2, 0.5^2)), briefly, then its chart.
const TRAINING_CELL = `import org.ganbook.gan.*;
import org.ganbook.nn.*;
import org.ganbook.optim.*;
import org.ganbook.loss.*;
import org.ganbook.data.*;
import org.ganbook.viz.*;
import org.nd4j.linalg.factory.Nd4j;

Nd4j.getRandom().setSeed(1);
var gBrowser = new Sequential("G", new Dense(1, 16, Init.glorot()), new Tanh(), new Dense(16, 1, Init.glorot()));
var dBrowser = new Sequential("D", new Dense(1, 32, Init.glorot()), new LeakyRelu(0.2), new Dense(32, 1, Init.glorot()));
Sampler pDataBrowser = m -> Toy.gaussian(2, 0.5).sample(m, Nd4j.getRandom());
Sampler pZBrowser = m -> Toy.uniform(-1, 1).sample(m, 1, Nd4j.getRandom());
var ganBrowser = new Algorithm1(gBrowser, dBrowser, pDataBrowser, pZBrowser,
    new Adam(2e-3, 0.5), new Adam(2e-3, 0.5), new GanConfig(1, 64, GeneratorLoss.NON_SATURATING, 1));
LineCharts.history("browser test: 200 iterations of Algorithm 1", ganBrowser.train(200).table(), 10, "loss_D", "loss_G")`;

function ok(message) { console.log("ok   " + message); }
function check(condition, message, detail) {
  if (!condition) throw new Error(message + (detail === undefined ? "" : ": " + JSON.stringify(detail)));
  ok(message);
}

async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "ganbook-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 1000 },
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// ------------------------------------------------------------------------------------- notebook

async function runCellByKeyboard(page, index, timeoutMs) {
  // Click into the cell's editor (edit mode), then Shift+Enter, as a learner runs a cell.
  const input = page.locator("#notebook-container .cell").nth(index).locator(".input_area");
  await input.scrollIntoViewIfNeeded();
  await input.click();
  await page.keyboard.press("Shift+Enter");
  await page.waitForFunction((i) => {
    const cell = Jupyter.notebook.get_cell(i);
    const prompt = cell.element.find(".input_prompt").text();
    return /\[\d+\]/.test(prompt) && Jupyter.notebook.kernel.is_connected()
      && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
  }, index, { timeout: timeoutMs, polling: 250 });
}

async function notebookTest(url, artifacts) {
  const { context, close } = await launch();
  let page;
  try {
    page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    let started = Date.now();
    await page.goto(url, { waitUntil: "load", timeout: 60000 });
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded,
      null, { timeout: 60000 });
    const kernelName = await page.evaluate(() => Jupyter.notebook.metadata.kernelspec.name);
    check(kernelName === "ganbook-java", "the chapter opened with the ganbook-java kernel", kernelName);
    await page.waitForFunction(() => {
      const k = Jupyter.notebook.kernel;
      return k && k.is_connected() && k.info_reply && k.info_reply.status === "ok"
        && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
    }, null, { timeout: 120000, polling: 250 });
    ok(`kernel started and idle (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const keywords = await page.evaluate(() => document.querySelectorAll(".code_cell .cm-keyword, .code_cell .cm-type").length);
    check(keywords > 0, `the chapter's code is highlighted as Java (${keywords} keyword spans)`, keywords);
    // The chapter's own first code cell.
    const first = await page.evaluate(() => Jupyter.notebook.get_cells().findIndex((c) => c.cell_type === "code"));
    started = Date.now();
    await runCellByKeyboard(page, first, 120000);
    const firstRun = await page.evaluate((i) => {
      const cell = Jupyter.notebook.get_cell(i);
      return { count: cell.input_prompt_number, errors: cell.output_area.outputs.filter((o) => o.output_type === "error").length };
    }, first);
    check(Number.isInteger(firstRun.count) && firstRun.errors === 0,
      `the chapter's first code cell ran, In [${firstRun.count}] (${((Date.now() - started) / 1000).toFixed(1)} s)`, firstRun);

    // A new cell at the bottom: train briefly and draw the chart.
    const index = await page.evaluate((code) => {
      const cell = Jupyter.notebook.insert_cell_at_bottom("code");
      cell.set_text(code);
      return Jupyter.notebook.ncells() - 1;
    }, TRAINING_CELL);
    started = Date.now();
    await runCellByKeyboard(page, index, 180000);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const cell = page.locator("#notebook-container .cell").nth(index);
    const img = cell.locator('.output_area img[src^="data:image/png"]');
    check(await img.count() === 1, `the training cell drew one chart as a PNG in the page (${seconds} s)`, await img.count());
    const size = await img.evaluate((el) => el.decode().then(() => [el.naturalWidth, el.naturalHeight]));
    check(size[0] > 100 && size[1] > 100, "the chart decoded", size);

    const state = await page.evaluate(() => {
      const outputs = Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code")
        .flatMap((c) => c.output_area.outputs);
      return {
        errors: outputs.filter((o) => o.output_type === "error").map((o) => o.ename + ": " + o.evalue),
        stderr: outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => o.text),
        errorElements: document.querySelectorAll(".output_error").length,
        idle: document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null,
        busy: Jupyter.notebook.get_cells().some((c) => c.element.find(".input_prompt").text().includes("*")),
      };
    });
    check(state.errors.length === 0 && state.errorElements === 0, "no cell shows an error", state.errors);
    check(!state.stderr.some((t) => /(Exception|Error)\b/.test(t)), "no exception on stderr", state.stderr);
    check(state.idle && !state.busy, "the kernel is idle and no cell is running", state);
    check(pageErrors.length === 0, "the notebook page raised no JavaScript error", pageErrors);

    await img.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "notebook.png") });
    ok("screenshot " + join(artifacts, "notebook.png"));

    // Shut the kernel down from the page (the server's cleanup would too).
    await page.evaluate(() => new Promise((done) => Jupyter.notebook.kernel.kill(done, done)));
  } catch (e) {
    if (page) await page.screenshot({ path: join(artifacts, "notebook-failure.png") }).catch(() => {});
    throw e;
  } finally {
    await close();
  }
}

// ------------------------------------------------------------------------------------- export

async function openOffline(context, file) {
  const page = await context.newPage();
  const remote = [];
  page.on("request", (r) => { if (!/^(file|data|about|blob):/.test(r.url())) remote.push(r.url()); });
  const failed = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load", timeout: 60000 });
  return { page, remote, failed, pageErrors };
}

async function mathJaxDone(page) {
  await page.waitForFunction(() => {
    if (!window.MathJax || !MathJax.Hub) return false;
    if (window.__done) return true;
    if (!window.__queued) { window.__queued = true; MathJax.Hub.Queue(() => { window.__done = true; }); }
    return false;
  }, null, { timeout: 60000, polling: 200 });
}

async function exportTest(html, slides, artifacts) {
  const { context, close } = await launch();
  try {
    const { page, remote, failed, pageErrors } = await openOffline(context, html);
    await mathJaxDone(page);
    const r = await page.evaluate(async () => {
      const imgs = [...document.images];
      await Promise.all(imgs.map((i) => i.decode().catch(() => {})));
      const text = document.body.innerText;
      return {
        images: imgs.length,
        pngs: imgs.filter((i) => i.src.startsWith("data:image/png")).length,
        broken: imgs.filter((i) => !(i.naturalWidth > 0)).map((i) => i.src.slice(0, 60)),
        math: document.querySelectorAll(".MathJax_CHTML").length,
        mathErrors: document.querySelectorAll(".MathJax_Error, merror").length,
        rawDisplayMath: (text.match(/\$\$/g) || []).length,
        highlighted: document.querySelectorAll(".highlight pre span.k, .highlight pre span.kt, .highlight pre span.kn").length,
        errorOutputs: document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"] .ansi-red-fg, .jp-OutputArea-output.jp-mod-error').length,
        title: document.title,
      };
    });
    check(remote.length === 0, "the exported page loads nothing from the network", remote);
    check(failed.length === 0, "every file the page loads is in the book", failed);
    check(r.images > 0 && r.pngs === r.images && r.broken.length === 0,
      `its ${r.images} figures are embedded PNGs and all decoded (naturalWidth > 0)`, r);
    check(r.math > 0 && r.mathErrors === 0 && r.rawDisplayMath === 0,
      `MathJax typeset its ${r.math} equations, no raw $$ left`, r);
    check(r.highlighted > 0, `its code is highlighted (${r.highlighted} keyword spans)`, r);
    check(r.errorOutputs === 0, "no error output on the page", r);
    check(pageErrors.length === 0, "the page raised no JavaScript error", pageErrors);
    await page.screenshot({ path: join(artifacts, "export.png") });
    ok("screenshot " + join(artifacts, "export.png"));

    if (slides) {
      const s = await openOffline(context, slides);
      // The template loads reveal.js through RequireJS (so there is no global Reveal): reveal.js marks
      // its root element "ready" once it has laid out the slides.
      await s.page.waitForSelector(".reveal.ready", { timeout: 60000 });
      await mathJaxDone(s.page);
      const sr = await s.page.evaluate(() => ({
        slides: document.querySelectorAll(".reveal .slides section").length,
        math: document.querySelectorAll(".MathJax_CHTML").length,
        pngs: [...document.images].filter((i) => i.src.startsWith("data:image/png") && i.naturalWidth > 0).length,
      }));
      check(s.remote.length === 0 && s.failed.length === 0, "the slides load nothing from the network", [s.remote, s.failed]);
      check(sr.slides >= 2, `reveal.js started from the local copy with ${sr.slides} slides`, sr);
      check(sr.math > 0 && sr.pngs > 0, "the slides show equations and figures", sr);
      check(s.pageErrors.length === 0, "the slides raised no JavaScript error", s.pageErrors);
      await s.page.screenshot({ path: join(artifacts, "slides.png") });
      await s.page.keyboard.press("ArrowRight");   // the second slide: an equation
      await s.page.waitForTimeout(1000);           // the slide transition
      await s.page.screenshot({ path: join(artifacts, "slides-2.png") });
      ok("screenshots " + join(artifacts, "slides.png") + ", slides-2.png");
    }
  } finally {
    await close();
  }
}

async function main([mode, ...args]) {
  if (mode === "notebook" && args.length === 2) {
    mkdirSync(args[1], { recursive: true });
    await notebookTest(args[0], args[1]);
  } else if (mode === "export" && (args.length === 2 || args.length === 3)) {
    const artifacts = args[args.length - 1];
    mkdirSync(artifacts, { recursive: true });
    await exportTest(args[0], args.length === 3 ? args[1] : null, artifacts);
  } else {
    console.error("usage: node browser_test.mjs notebook URL ARTIFACTS | export PAGE.html [SLIDES.html] ARTIFACTS");
    process.exit(2);
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error("FAIL " + (e && e.message ? e.message : e));
  process.exit(1);
});
