// The browser test's two halves, run by environment/browser-test.sh in Debian's headless Chromium.
//
//   node browser_test.mjs lab URL ARTIFACTS
//     URL opens a chapter in JupyterLab (/lab/tree/NAME.ipynb?token=...; the server runs with
//     LabApp.expose_app_in_browser, so the test reads the notebook's models from window.jupyterapp).
//     The launcher shows "Java (ganbook)" with its logo; the chapter opens with the ganbook-java
//     kernel, its cells highlighted as Java; Run > Run All Cells runs every code cell in order with no
//     error, its images decode and its table renders; in a new cell, Math.ab then Tab offers abs and
//     Shift+Tab shows Math.abs's documentation; a cell trains a 1-D GAN and draws its chart; a live
//     chart (display, then updateDisplay while training) is replaced in place, one image; a long
//     training cell is stopped by the toolbar's stop button within seconds, and a variable defined
//     before it is still readable; Kernel > Restart Kernel gives a fresh kernel that runs a cell.
//     Then chapter 02's live panel (Jupyter widgets): paused, its training loop waits; step trains 50
//     iterations and redraws; dragging D's learning-rate slider changes the value Java reads; play
//     runs the loop to its end, the picture changing, and then it stops changing.
//     Screenshots: ARTIFACTS/lab-*.png.
//
//   node browser_test.mjs book BOOK_DIR ARTIFACTS
//     Opens every page of a book written by environment/book/export_book.py from file://: the home
//     page (its links to every chapter's page, PDF, slides and notebook), each chapter and each
//     chapter's slides. Each loads nothing from the network and raises no JavaScript error; every
//     figure decoded (naturalWidth > 0); MathJax typeset its equations (no error, no raw delimiter
//     left); its Java is highlighted; no error output; the slides run on the local reveal.js.
//     Screenshots: ARTIFACTS/book-*.png, slides-*.png.
//
// Each check prints "ok ..." or throws; the exit status is non-zero on any failure.
import { chromium } from "playwright-core";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
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

// A live chart: shown once with display(), then replaced in place by updateDisplay() as training goes.
const LIVE_CELL = `var liveView = new TrainingView("browser test: a live chart");
String liveId = display(liveView.render(ganBrowser.history()));
ganBrowser.observe(25, p -> updateDisplay(liveId, liveView.render(p)));
ganBrowser.train(150);
"updated"`;

// A training run far longer than the test waits: the stop button must end it.
const LONG_TRAINING_CELL = TRAINING_CELL.replace("ganBrowser.train(200)", "ganBrowser.train(10_000_000)")
  .replace(/Browser/g, "Long").replace("browser test: 200 iterations", "never drawn");

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

// ------------------------------------------------------------------------------------- JupyterLab

// The state of the notebook open in JupyterLab, read from its models (window.jupyterapp: the server
// runs with LabApp.expose_app_in_browser). What the learner does goes through the page: clicks,
// menus, keys.
function labState() {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = [];
  const models = panel.content.model.cells;
  for (let i = 0; i < models.length; i++) {
    const m = models.get(i);
    if (m.type !== "code") { cells.push({ type: m.type }); continue; }
    const outputs = [];
    for (let j = 0; j < m.outputs.length; j++) outputs.push(m.outputs.get(j).toJSON());
    cells.push({ type: "code", source: m.sharedModel.getSource(), count: m.executionCount, outputs, mime: m.mimeType });
  }
  return { kernelName: kernel ? kernel.name : null, status: panel.sessionContext.kernelDisplayStatus, cells };
}

async function labIdle(page, timeoutMs) {
  await page.waitForFunction(() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    return panel && panel.sessionContext && panel.sessionContext.kernelDisplayStatus === "idle";
  }, null, { timeout: timeoutMs, polling: 250 });
}

// Opens a notebook in JupyterLab and waits for its kernel to be idle.
async function labOpen(page, url) {
  await page.goto(url, { waitUntil: "load", timeout: 60000 });
  await page.waitForFunction(() => {
    const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    return w && w.content && w.content.model && w.sessionContext && w.sessionContext.session;
  }, null, { timeout: 90000, polling: 250 });
  await labIdle(page, 120000);
}

// Clicks a menu of JupyterLab's menu bar, then one of its items, as a learner does.
async function labMenu(page, menu, item) {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp("^" + menu + "$") }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: new RegExp("^" + item + "$") }).first().click();
}

function errorsIn(cells) {
  const found = [];
  cells.forEach((c, i) => (c.outputs || []).forEach((o) => {
    if (o.output_type === "error") found.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
    const text = Array.isArray(o.text) ? o.text.join("") : (o.text || "");
    if (o.output_type === "stream" && o.name === "stderr" && /\b[\w.$]*(Exception|Error)\b[:\s]|^\s+at [\w.$]+\(/m.test(text)) {
      found.push(`cell ${i}: exception on stderr: ${text.split("\n")[0]}`);
    }
  }));
  return found;
}

// Adds a code cell below the last one (command mode: Escape, then B), types SOURCE into it and
// leaves the cursor at its end. Returns the new cell's index.
async function labNewCell(page, source) {
  const cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell");
  const last = (await cells.count()) - 1;
  // Shift+Enter on the last cell leaves an empty cell below it: that one is used.
  const lastIsEmpty = await page.evaluate((i) => {
    const m = window.jupyterapp.shell.currentWidget.content.model.cells.get(i);
    return m.type === "code" && m.sharedModel.getSource() === "" && m.executionCount === null;
  }, last);
  await cells.nth(last).locator(".jp-InputPrompt").click();   // select it (command mode)
  await page.keyboard.press("Escape");
  if (!lastIsEmpty) await page.keyboard.press("b");
  await page.keyboard.press("Enter");                          // edit mode in the cell
  const index = lastIsEmpty ? last : last + 1;
  // A cell of several lines is typed line by line with no auto-indent surprises: set as text instead.
  if (source.includes("\n")) {
    await page.evaluate((text) => {
      window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.setSource(text);
    }, source);
    await page.keyboard.press("Control+End");
  } else {
    await page.keyboard.type(source);
  }
  return index;
}

async function labRunActive(page) {
  await page.keyboard.press("Shift+Enter");
}

async function waitCellDone(page, index, timeoutMs) {
  await page.waitForFunction((i) => {
    const panel = window.jupyterapp.shell.currentWidget;
    const m = panel.content.model.cells.get(i);
    return m.executionCount !== null && panel.sessionContext.kernelDisplayStatus === "idle";
  }, index, { timeout: timeoutMs, polling: 250 });
}

async function cellText(page, index) {
  return page.evaluate((i) => {
    const m = window.jupyterapp.shell.currentWidget.content.model.cells.get(i);
    const parts = [];
    for (let j = 0; j < m.outputs.length; j++) {
      const o = m.outputs.get(j).toJSON();
      if (o.data && o.data["text/plain"]) parts.push([].concat(o.data["text/plain"]).join(""));
      if (o.text) parts.push([].concat(o.text).join(""));
      if (o.output_type === "error") parts.push(o.ename + ": " + o.evalue);
    }
    return parts.join("\n");
  }, index);
}

async function labTest(url, artifacts) {
  const { context, close } = await launch();
  let page;
  try {
    page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    let started = Date.now();

    // The launcher: "Java (ganbook)" with the kernelspec's own logo.
    await page.goto(url.replace(/\/lab\/tree\/[^?]*/, "/lab"), { waitUntil: "load", timeout: 60000 });
    await page.waitForFunction(() => window.jupyterapp && window.jupyterapp.shell, null, { timeout: 90000 });
    const card = page.locator('.jp-LauncherCard[title="Java (ganbook)"]').first();
    await card.waitFor({ timeout: 60000 });
    const logo = await card.locator("img").evaluate((img) => img.decode().then(() => ({ src: img.getAttribute("src"), w: img.naturalWidth })));
    check(/kernelspecs\/ganbook-java\/logo-/.test(logo.src) && logo.w > 0,
      "the launcher shows Java (ganbook) with its own logo", logo);
    await page.screenshot({ path: join(artifacts, "lab-launcher.png") });

    // The chapter, opened with its kernel.
    await labOpen(page, url);
    let state = await page.evaluate(labState);
    check(state.kernelName === "ganbook-java", `the chapter opened with the ganbook-java kernel, idle (${((Date.now() - started) / 1000).toFixed(1)} s)`, state.kernelName);
    const mimes = [...new Set(state.cells.filter((c) => c.type === "code").map((c) => c.mime))];
    const tokens = await page.locator(".jp-CodeCell .cm-content .cm-line span").count();
    check(mimes.length === 1 && mimes[0] === "text/x-java" && tokens > 0,
      `its code cells are Java to CodeMirror (${mimes}) and highlighted (${tokens} token spans)`, { mimes, tokens });

    // Run > Run All Cells.
    started = Date.now();
    await labMenu(page, "Run", "Run All Cells");
    const codeCells = state.cells.filter((c) => c.type === "code").length;
    await page.waitForFunction((n) => {
      const panel = window.jupyterapp.shell.currentWidget;
      const cells = panel.content.model.cells;
      let done = 0;
      for (let i = 0; i < cells.length; i++) {
        const m = cells.get(i);
        if (m.type === "code" && m.executionCount !== null && !panel.content.widgets[i].node.querySelector(".jp-InputPrompt").textContent.includes("*")) done++;
      }
      return done === n && panel.sessionContext.kernelDisplayStatus === "idle";
    }, codeCells, { timeout: 600000, polling: 500 });
    state = await page.evaluate(labState);
    const code = state.cells.filter((c) => c.type === "code");
    const counts = code.map((c) => c.count);
    check(counts.every((c, i) => c === i + 1), `Run All Cells ran the ${code.length} code cells in order, In [1] to In [${code.length}] (${((Date.now() - started) / 1000).toFixed(1)} s)`, counts);
    const errors = errorsIn(state.cells);
    check(errors.length === 0 && await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'] .ansi-red-fg, .jp-OutputArea-output.jp-mod-error").count() === 0,
      "no cell shows an error", errors);
    const expectedImages = code.flatMap((c) => c.outputs).filter((o) => o.data && o.data["image/png"]).length;
    const images = await page.evaluate(async () => {
      const imgs = [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img")];
      await Promise.all(imgs.map((i) => i.decode().catch(() => {})));
      return imgs.map((i) => [i.naturalWidth, i.naturalHeight]);
    });
    check(expectedImages > 0 && images.length === expectedImages && images.every(([w, h]) => w > 50 && h > 50),
      `its ${expectedImages} images are in the page and decoded`, { expectedImages, images });
    const tables = await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output table").count();
    check(tables > 0, `its Tablesaw table renders as HTML (${tables} table)`, tables);
    await page.screenshot({ path: join(artifacts, "lab-run-all.png") });

    // Tab completion: Math.ab, then Tab offers abs.
    const completionCell = await labNewCell(page, "Math.ab");
    await page.keyboard.press("Tab");
    const completer = page.locator(".jp-Completer");
    await completer.waitFor({ state: "visible", timeout: 30000 });
    const items = await completer.locator(".jp-Completer-item").allInnerTexts();
    check(items.some((t) => /^\s*abs\b/.test(t.trim().split(/\s+/).pop()) || /\babs\b/.test(t)),
      `Tab after Math.ab offers abs (${items.length} completions: ${items.slice(0, 4).map((t) => t.trim()).join(", ")})`, items);
    await page.screenshot({ path: join(artifacts, "lab-completion.png") });
    await page.keyboard.press("Escape");

    // Shift+Tab inspection: the documentation of what is under the cursor.
    await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.setSource("Math.abs(-3)"));
    await page.locator(".jp-Notebook .jp-Cell").nth(completionCell).locator(".cm-content").click();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Shift+Tab");
    const tooltip = page.locator(".jp-Tooltip");
    await tooltip.waitFor({ state: "visible", timeout: 30000 });
    const tip = (await tooltip.innerText()).trim();
    check(/abs/.test(tip), `Shift+Tab shows the inspection of Math.abs (${JSON.stringify(tip.split("\n")[0].slice(0, 60))})`, tip);
    await page.keyboard.press("Escape");
    await labRunActive(page);
    await waitCellDone(page, completionCell, 60000);
    check((await cellText(page, completionCell)).trim() === "3", "the completed cell runs: Math.abs(-3) is 3", await cellText(page, completionCell));

    // A cell a learner adds: train a 1-D GAN for 200 iterations and draw its losses.
    started = Date.now();
    const chartCell = await labNewCell(page, TRAINING_CELL);
    await labRunActive(page);
    await waitCellDone(page, chartCell, 180000);
    const chart = page.locator(".jp-Notebook .jp-Cell").nth(chartCell).locator('.jp-OutputArea-output img[src^="data:image/png"]');
    check(await chart.count() === 1, `the training cell drew its chart (${((Date.now() - started) / 1000).toFixed(1)} s)`, await chart.count());
    const size = await chart.evaluate((el) => el.decode().then(() => [el.naturalWidth, el.naturalHeight]));
    check(size[0] > 100 && size[1] > 100 && errorsIn((await page.evaluate(labState)).cells).length === 0,
      "the chart decoded and no cell shows an error", size);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "lab-training-chart.png") });

    // display() then updateDisplay(): one image in the cell's output, replaced as training goes.
    const liveCell = await labNewCell(page, LIVE_CELL);
    await page.evaluate((i) => {
      const node = window.jupyterapp.shell.currentWidget.content.widgets[i].node;
      window.__live = { srcs: new Set(), maxImages: 0 };
      const seen = () => {
        const imgs = node.querySelectorAll(".jp-OutputArea-output img");
        window.__live.maxImages = Math.max(window.__live.maxImages, imgs.length);
        imgs.forEach((img) => window.__live.srcs.add(img.src.length + ":" + img.src.slice(-40)));
      };
      new MutationObserver(seen).observe(node, { subtree: true, childList: true, attributes: true, attributeFilter: ["src"] });
    }, liveCell);
    started = Date.now();
    await labRunActive(page);
    await waitCellDone(page, liveCell, 180000);
    const live = await page.evaluate((i) => ({
      versions: window.__live.srcs.size, maxImages: window.__live.maxImages,
      images: window.jupyterapp.shell.currentWidget.content.widgets[i].node.querySelectorAll(".jp-OutputArea-output img").length,
    }), liveCell);
    check(live.versions >= 3 && live.maxImages === 1 && live.images === 1,
      `the live chart updated in place: ${live.versions} versions of one image (${((Date.now() - started) / 1000).toFixed(1)} s)`, live);
    await page.screenshot({ path: join(artifacts, "lab-live-chart.png") });

    // The stop button interrupts a long training cell; what was defined before survives.
    const beforeCell = await labNewCell(page, "int before = 42;");
    await labRunActive(page);
    await waitCellDone(page, beforeCell, 60000);
    const trainCell = await labNewCell(page, LONG_TRAINING_CELL);
    await labRunActive(page);
    await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus === "busy",
      null, { timeout: 30000, polling: 100 });
    await page.waitForTimeout(4000);                             // well into training
    await page.screenshot({ path: join(artifacts, "lab-training.png") });
    started = Date.now();
    await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-item[data-command="notebook:interrupt-kernel"] button, ' +
      '.jp-NotebookPanel:not(.lm-mod-hidden) jp-button[data-command="notebook:interrupt-kernel"], ' +
      '.jp-NotebookPanel:not(.lm-mod-hidden) button[data-command="notebook:interrupt-kernel"]').first().click();
    await labIdle(page, 30000);
    const stopped = (Date.now() - started) / 1000;
    check(stopped < 10, `the stop button interrupted the training cell: kernel idle ${stopped.toFixed(1)} s after the click`, stopped);
    const trained = await page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.model.cells.get(i).executionCount, trainCell);
    check(trained !== null, "the interrupted cell finished (it has its execution count)", trained);
    const readCell = await labNewCell(page, "before");
    await labRunActive(page);
    await waitCellDone(page, readCell, 60000);
    check((await cellText(page, readCell)).trim() === "42", "a variable defined before the interrupted cell is still readable: before == 42", await cellText(page, readCell));
    await page.screenshot({ path: join(artifacts, "lab-interrupt.png") });

    // Kernel > Restart Kernel..., confirm; then a cell runs in the fresh kernel, without the old variables.
    started = Date.now();
    await labMenu(page, "Kernel", "Restart Kernel…");
    await page.locator(".jp-Dialog .jp-mod-accept").click();
    await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus !== "idle",
      null, { timeout: 30000, polling: 50 }).catch(() => {});
    await labIdle(page, 120000);
    const restartCell = await labNewCell(page, "before + 1");
    await labRunActive(page);
    await waitCellDone(page, restartCell, 120000);
    const afterRestart = await page.evaluate((i) => {
      const m = window.jupyterapp.shell.currentWidget.content.model.cells.get(i);
      return { count: m.executionCount, outputs: m.outputs.toJSON() };
    }, restartCell);
    check(afterRestart.count === 1 && afterRestart.outputs.some((o) => o.output_type === "error"),
      `Restart gave a fresh kernel (${((Date.now() - started) / 1000).toFixed(1)} s): its first cell is In [1] and 'before' is gone`, afterRestart);
    const lastCell = await labNewCell(page, "Math.abs(-7) + 35");
    await labRunActive(page);
    await waitCellDone(page, lastCell, 60000);
    check((await cellText(page, lastCell)).trim() === "42", "and runs a cell: Math.abs(-7) + 35 is 42", await cellText(page, lastCell));
    await page.screenshot({ path: join(artifacts, "lab-restart.png") });
    await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown());

    await panelTest(page, url.replace(/\/lab\/tree\/[^?]*/, "/lab/tree/" + PANEL_CHAPTER), artifacts);
    check(pageErrors.length === 0, "JupyterLab raised no JavaScript error", pageErrors);
  } catch (e) {
    if (page) await page.screenshot({ path: join(artifacts, "lab-failure.png") }).catch(() => {});
    throw e;
  } finally {
    await close();
  }
}

// Chapter 02's live panel: widgets drawn by JupyterLab, acting on a training loop while it runs.
const PANEL_CHAPTER = "02-algorithm-1.ipynb";

function cellIndex(needle) {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  for (let i = 0; i < cells.length; i++) if (cells.get(i).sharedModel.getSource().includes(needle)) return i;
  return -1;
}

async function runCellAt(page, index, timeoutMs) {
  await page.evaluate((i) => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = i; }, index);
  await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index).locator(".jp-InputPrompt").click();
  await labRunActive(page);
  if (timeoutMs) await waitCellDone(page, index, timeoutMs);
}

async function panelTest(page, url, artifacts) {
  let started = Date.now();
  await labOpen(page, url);
  const controls = await page.evaluate(cellIndex, 'Widgets.toggleButtons("training"');
  const loop = await page.evaluate(cellIndex, "while (live.iteration() < LIVE_ITERATIONS)");
  check(controls > 0 && loop > controls, `chapter 02 has its panel: controls in cell ${controls}, the training loop in cell ${loop}`, { controls, loop });
  // Every cell before the loop: the 1-D game's definitions, the controls, the trainer they drive.
  await page.evaluate((i) => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = i; }, loop);
  await labMenu(page, "Run", "Run All Above Selected Cell");
  await waitCellDone(page, loop - 1, 600000);
  const panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(controls);
  const pause = panel.locator(".widget-toggle-button", { hasText: /^pause$/ });
  await pause.waitFor({ timeout: 60000 });
  check(await panel.locator(".widget-hslider").count() === 4 && await panel.locator(".widget-image").count() === 1,
    `the panel's widgets are drawn: 4 sliders, the picture, play / pause and step (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const picture = panel.locator(".widget-image");
  await page.evaluate((i) => {
    const node = window.jupyterapp.shell.currentWidget.content.widgets[i].node;
    window.__panel = { srcs: [] };
    const seen = () => {
      const img = node.querySelector(".widget-image");
      if (img && img.src && window.__panel.srcs[window.__panel.srcs.length - 1] !== img.src) window.__panel.srcs.push(img.src);
    };
    new MutationObserver(seen).observe(node, { subtree: true, attributes: true, attributeFilter: ["src"], childList: true });
  }, controls);
  const versions = () => page.evaluate(() => window.__panel.srcs.length);

  // Pause before the loop starts: it must wait, the picture unchanged, the kernel busy.
  await pause.click();
  await runCellAt(page, loop, 0);
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus === "busy",
    null, { timeout: 30000, polling: 100 });
  await page.waitForTimeout(1000);
  const idle = await versions();     // the empty picture's first source, if the view set one
  await page.waitForTimeout(3000);
  check(await versions() === idle, "paused: the loop waits and the picture does not change", { idle, now: await versions() });

  // Step: 50 iterations, one new picture.
  await panel.locator(".widget-button", { hasText: "step 50" }).click();
  await page.waitForFunction((n) => window.__panel.srcs.length > n, idle, { timeout: 60000, polling: 100 });
  const status = panel.locator(".widget-label").last();
  await page.waitForFunction((i) => window.jupyterapp.shell.currentWidget.content.widgets[i].node.innerText.includes("50 of"),
    controls, { timeout: 30000, polling: 100 });
  check(true, `step trained 50 iterations while paused and redrew the picture (${await status.innerText()})`);

  // Drag D's learning-rate slider to the right.
  const slider = panel.locator(".widget-hslider", { hasText: "D's lr" });
  const readout = slider.locator(".widget-readout");
  const before = (await readout.innerText()).trim();
  const handle = slider.locator(".noUi-handle");
  const box = await handle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const after = (await readout.innerText()).trim();
  check(after !== before && Number(after) > Number(before), `dragging D's learning rate moves it from ${before} to ${after}`, { before, after });
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus === "busy",
    null, { timeout: 5000, polling: 100 });
  ok("and the kernel shows busy again: the cell is still running");

  // Play: the loop runs to its end, the picture changing as it goes, then it stops changing.
  const stepped = await versions();
  started = Date.now();
  await panel.locator(".widget-toggle-button", { hasText: /^play$/ }).click();
  await waitCellDone(page, loop, 300000);
  const played = await versions();
  check(played >= stepped + 2, `play: the picture changed ${played - stepped} times while training ran to the end (${((Date.now() - started) / 1000).toFixed(1)} s)`, { stepped, played });
  await page.waitForTimeout(2000);
  check(await versions() === played, "after the run the picture stops changing", await versions());
  await picture.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, "lab-panel.png") });

  // The learner's value reached Java: the trainer's D optimizer read the dragged slider.
  const readCell = await labNewCell(page, "lrD.value()");
  await labRunActive(page);
  await waitCellDone(page, readCell, 60000);
  const javaValue = Number((await cellText(page, readCell)).trim());
  check(Math.abs(javaValue - Number(after)) <= 0.5 * Number(after), `Java reads the dragged value: lrD.value() = ${javaValue}`, { javaValue, after });
  await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown());
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

// Resolves once MathJax has typeset the page: MathJax 3 on the book's pages, MathJax 2 on the slides.
async function mathJaxDone(page) {
  await page.waitForFunction(() => {
    const mj = window.MathJax;
    if (!mj || !(mj.Hub || (mj.startup && mj.startup.promise))) return false;
    if (window.__done) return true;
    if (!window.__queued) {
      window.__queued = true;
      if (mj.Hub) mj.Hub.Queue(() => { window.__done = true; });
      else mj.startup.promise.then(() => { window.__done = true; });
    }
    return false;
  }, null, { timeout: 60000, polling: 200 });
}

// What a page of the book shows, once MathJax has run and its images have decoded.
function pageFacts() {
  return Promise.all([...document.images].map((i) => i.decode().catch(() => {}))).then(() => {
    const imgs = [...document.images];
    const text = document.body.innerText;
    return {
      title: document.title,
      images: imgs.length,
      broken: imgs.filter((i) => !(i.naturalWidth > 0)).map((i) => i.src.slice(-60)),
      math: document.querySelectorAll("mjx-container").length,
      mathErrors: document.querySelectorAll("mjx-merror, .MathJax_Error").length,
      rawMath: (text.match(/\$\$|\\\(|\\\[/g) || []).length,
      highlighted: document.querySelectorAll(".highlight pre span.k, .highlight pre span.kt, .highlight pre span.kn, .highlight pre span.kd").length,
      errorOutputs: document.querySelectorAll(".cell_output .output.traceback, .cell_output .output.error").length,
      links: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")),
    };
  });
}

// Opens every page of an exported book (BOOK/book.json lists them) from file://: the home page,
// each chapter, each chapter's slides. Screenshots of the home page, each chapter and the slides.
async function bookTest(book, artifacts) {
  const manifest = JSON.parse(readFileSync(join(book, "book.json"), "utf-8"));
  const { context, close } = await launch();
  try {
    const home = await openOffline(context, join(book, "index.html"));
    await home.page.waitForURL(/intro\.html$/, { timeout: 30000 });   // Jupyter Book's index redirects
    await home.page.waitForLoadState("load");
    await mathJaxDone(home.page);
    const h = await home.page.evaluate(pageFacts);
    check(home.remote.length === 0 && home.failed.length === 0 && home.pageErrors.length === 0,
      "the home page loads nothing from the network and raises no error", [home.remote, home.failed, home.pageErrors]);
    for (const ch of manifest.chapters) {
      const files = [ch.html, ch.pdf, ch.ipynb].concat(ch.slides ? [ch.slides] : []);
      check(files.every((f) => h.links.includes(f) && existsSync(join(book, f))),
        `the home page links ${ch.name}'s page, PDF${ch.slides ? ", slides" : ""} and notebook, all in the book`, files);
    }
    await home.page.screenshot({ path: join(artifacts, "book-home.png") });

    for (const ch of manifest.chapters) {
      const p = await openOffline(context, join(book, ch.html));
      await mathJaxDone(p.page);
      const r = await p.page.evaluate(pageFacts);
      const problems = [];
      if (p.remote.length) problems.push("network: " + p.remote.slice(0, 3).join(" "));
      if (p.failed.length) problems.push("missing: " + p.failed.slice(0, 3).join(" "));
      if (p.pageErrors.length) problems.push("JavaScript: " + p.pageErrors.slice(0, 3).join(" "));
      if (!(r.images > 0) || r.broken.length) problems.push(`figures: ${r.images}, not decoded: ${r.broken}`);
      if (!(r.math > 0) || r.mathErrors || r.rawMath) problems.push(`math: ${r.math} typeset, ${r.mathErrors} errors, ${r.rawMath} raw delimiters`);
      if (!(r.highlighted > 0)) problems.push("code not highlighted");
      if (r.errorOutputs) problems.push(`${r.errorOutputs} error outputs`);
      check(problems.length === 0, `${ch.html}: offline, ${r.images} figures decoded, ${r.math} equations typeset by MathJax, ` +
        `${r.highlighted} Java keywords highlighted, no error output`, problems);
      await p.page.screenshot({ path: join(artifacts, `book-${ch.name}.png`) });
      await p.page.close();
      if (ch.slides) {
        const s = await openOffline(context, join(book, ch.slides));
        // The template loads reveal.js through RequireJS (so there is no global Reveal): reveal.js marks
        // its root element "ready" once it has laid out the slides.
        await s.page.waitForSelector(".reveal.ready", { timeout: 60000 });
        await mathJaxDone(s.page);
        const sr = await s.page.evaluate(() => ({
          slides: document.querySelectorAll(".reveal .slides section").length,
          math: document.querySelectorAll(".MathJax_CHTML").length,
          pngs: [...document.images].filter((i) => i.src.startsWith("data:image/png") && i.naturalWidth > 0).length,
        }));
        check(s.remote.length === 0 && s.failed.length === 0 && s.pageErrors.length === 0,
          `${ch.slides}: loads nothing from the network, no error`, [s.remote, s.failed, s.pageErrors]);
        check(sr.slides >= 2 && sr.math > 0 && sr.pngs > 0,
          `${ch.slides}: reveal.js started from the local copy, ${sr.slides} slides with equations and ${sr.pngs} figures`, sr);
        await s.page.screenshot({ path: join(artifacts, `slides-${ch.name}.png`) });
        await s.page.keyboard.press("ArrowRight");
        await s.page.waitForTimeout(1000);           // the slide transition
        await s.page.screenshot({ path: join(artifacts, `slides-${ch.name}-2.png`) });
        await s.page.close();
      }
    }
  } finally {
    await close();
  }
}

async function main([mode, ...args]) {
  if (mode === "lab" && args.length === 2) {
    mkdirSync(args[1], { recursive: true });
    await labTest(args[0], args[1]);
  } else if (mode === "book" && args.length === 2) {
    mkdirSync(args[1], { recursive: true });
    await bookTest(args[0], args[1]);
  } else {
    console.error("usage: node browser_test.mjs lab URL ARTIFACTS | book BOOK_DIR ARTIFACTS");
    process.exit(2);
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error("FAIL " + (e && e.message ? e.message : e));
  process.exit(1);
});
