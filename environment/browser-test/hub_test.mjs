// The classroom's browser half, run by environment/classroom/hub_test.py in Debian's headless
// Chromium (playwright-core, as browser_test.mjs):
//
//   node hub_test.mjs HUB_URL CHAPTER IMAGES ARTIFACTS NAME:PASSWORD NAME:PASSWORD
//
// Both learners at once, each in a browser context of their own (their own cookies): the hub's login
// page, their server started by the login, JupyterLab opening CHAPTER (ganbook/NN-name.ipynb in their
// copy of the book) with the ganbook-java kernel and no "Jupyter news" pop-up; Edit > Clear Outputs
// of All Cells, then Run > Run All Cells: every code cell run in order, no error shown, IMAGES images
// decoded. Then each learner opens the other's JupyterLab and gets the hub's 403 page.
// Screenshots: ARTIFACTS/hub-NAME-*.png. Each check prints "ok ..." or throws; non-zero exit on failure.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function check(condition, message, detail) {
  if (!condition) throw new Error(message + (detail === undefined ? "" : ": " + JSON.stringify(detail)));
  console.log("ok   " + message);
}

async function menu(page, name, item) {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp("^" + name + "$") }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: new RegExp("^" + item + "$") }).first().click();
}

// The code cells' prompts of the notebook in view: "[3]:", "[*]:" or "[ ]:".
async function prompts(page) {
  return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt").allTextContents();
}

async function learner(browser, hubUrl, chapter, images, artifacts, name, password) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const shot = (what) => page.screenshot({ path: join(artifacts, `hub-${name}-${what}.png`) });
  try {
    let started = Date.now();
    await page.goto(hubUrl + "login", { waitUntil: "load", timeout: 60000 });
    await page.fill("#username_input", name);
    await page.fill("#password_input", password);
    await page.click("#login_submit");
    const lab = new RegExp(`/user/${name}/lab/tree/${chapter.replace(/[.]/g, "[.]")}`);
    await page.waitForURL(lab, { timeout: 180000 });
    await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").first().waitFor({ timeout: 120000 });
    const kernelName = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName").first();
    await page.waitForFunction(() => {
      const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
      const name = panel && panel.querySelector(".jp-KernelName");
      return name && name.textContent.trim() !== "No Kernel" && panel.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']");
    }, null, { timeout: 120000, polling: 250 });
    const kernel = await kernelName.textContent();
    check(kernel.trim() === "Java (ganbook)",
      `${name}: logged in, server started, ${chapter} open in JupyterLab with the ganbook-java kernel (${((Date.now() - started) / 1000).toFixed(1)} s)`, kernel);
    await shot("open");

    started = Date.now();
    await menu(page, "Edit", "Clear Outputs of All Cells");
    await page.waitForFunction(() => [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt")]
      .every((p) => !/\d/.test(p.textContent)), null, { timeout: 30000 });
    await menu(page, "Run", "Run All Cells");
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt")];
      return all.length > 0 && all.every((p) => /\[\d+\]/.test(p.textContent));
    }, null, { timeout: 600000, polling: 500 });
    const counts = (await prompts(page)).map((p) => Number(p.replace(/\D/g, "")));
    check(counts.every((c, i) => c === i + 1), `${name}: Run All Cells ran the ${counts.length} code cells in order (${((Date.now() - started) / 1000).toFixed(1)} s)`, counts);
    const errors = await page.evaluate(() => [...document.querySelectorAll(
      ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")]
      .map((o) => o.textContent).filter((t) => /\b[\w.$]*(Exception|Error)\b/.test(t)));
    check(errors.length === 0, `${name}: no cell shows an error`, errors);
    const decoded = await page.evaluate(async () => {
      const imgs = [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img")];
      await Promise.all(imgs.map((i) => i.decode().catch(() => {})));
      return imgs.map((i) => [i.naturalWidth, i.naturalHeight]);
    });
    check(decoded.length === images && decoded.every(([w, h]) => w > 50 && h > 50), `${name}: its ${images} images drawn and decoded`, decoded);
    const news = await page.locator(".jp-Notification-Toast, .Toastify__toast").filter({ hasText: /news/i }).count();
    const config = await page.evaluate(() => document.getElementById("jupyter-config-data").textContent);
    check(news === 0 && config.includes("@jupyterlab/apputils-extension:announcements"),
      `${name}: JupyterLab's news pop-up is off (the announcements plugin disabled)`, { news });
    await shot("run-all");
    return { context, page };
  } catch (e) {
    await shot("failed").catch(() => {});
    throw new Error(`${name}: ${e.message}`);
  }
}

async function main([hubUrl, chapter, images, artifacts, ...accounts]) {
  if (!hubUrl || accounts.length !== 2) {
    console.error("usage: node hub_test.mjs HUB_URL CHAPTER IMAGES ARTIFACTS NAME:PASSWORD NAME:PASSWORD");
    process.exit(2);
  }
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  try {
    const users = accounts.map((a) => a.split(/:(.*)/s).slice(0, 2));
    const sessions = await Promise.all(users.map(([n, p]) => learner(browser, hubUrl, chapter, Number(images), artifacts, n, p)));
    const base = hubUrl.replace(/hub\/$/, "");
    for (let i = 0; i < 2; i++) {
      const [name] = users[i];
      const [other] = users[1 - i];
      const response = await sessions[i].page.goto(`${base}user/${other}/lab`, { waitUntil: "load", timeout: 60000 });
      const text = await sessions[i].page.locator("body").innerText();
      check(response.status() === 403 && /403/.test(text),
        `${name} opening ${other}'s JupyterLab gets the hub's 403 page`, { status: response.status(), text: text.slice(0, 200) });
    }
  } finally {
    await browser.close();
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error("FAIL " + (e && e.message ? e.message : e));
  process.exit(1);
});
