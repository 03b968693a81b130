// Prints HTML pages of the book to PDF in Debian's headless Chromium, driven by playwright-core.
//   node environment/book/print_pdf.mjs page1.html page1.pdf [page2.html page2.pdf ...]
// Each page is opened from file://, and printed once its images have decoded and MathJax has
// finished typesetting (its queue has run dry), so the PDF shows equations, not TeX source.
// CHROMIUM overrides the browser (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// A fresh profile each time: Chromium keeps nothing between runs.
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "ganbook-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

// Waits until MathJax has typeset the page (MathJax 3 on the book's pages, MathJax 2 on nbconvert's;
// or there is no MathJax) and every image has decoded.
export async function waitForPage(page, timeoutMs = 60000) {
  await page.waitForFunction(() => document.readyState === "complete", null, { timeout: timeoutMs });
  await page.waitForFunction(() => {
    const mj = window.MathJax;
    if (!mj || !(mj.Hub || mj.startup)) return !document.querySelector('script[src*="MathJax.js"], script[src*="tex-chtml"]');
    if (window.__ganbookMathJaxDone) return true;
    if (!window.__ganbookMathJaxQueued) {
      if (mj.startup) {
        if (!mj.startup.promise) return false;
        window.__ganbookMathJaxQueued = true;
        mj.startup.promise.then(() => { window.__ganbookMathJaxDone = true; });
      } else {
        window.__ganbookMathJaxQueued = true;
        mj.Hub.Queue(() => { window.__ganbookMathJaxDone = true; });
      }
    }
    return false;
  }, null, { timeout: timeoutMs, polling: 200 });
  await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => {}))));
}

async function main(argv) {
  if (argv.length === 0 || argv.length % 2 !== 0) {
    console.error("usage: node print_pdf.mjs page.html page.pdf [page.html page.pdf ...]");
    process.exit(2);
  }
  const { context, close } = await launch();
  try {
    const page = await context.newPage();
    for (let i = 0; i < argv.length; i += 2) {
      const html = resolve(argv[i]);
      const pdf = resolve(argv[i + 1]);
      const started = Date.now();
      await page.goto(pathToFileURL(html).href, { waitUntil: "load", timeout: 120000 });
      await waitForPage(page);
      await page.emulateMedia({ media: "print" });
      await page.pdf({
        path: pdf, format: "A4", printBackground: true,
        margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#666">' +
          '<span class="title"></span> · <span class="pageNumber"></span>/<span class="totalPages"></span></div>',
      });
      console.log(`pdf  ${basename(pdf)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e) => { console.error(e); process.exit(1); });
}
