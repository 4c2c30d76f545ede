#!/usr/bin/env node
// Opens a self-contained HTML report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core from web/node_modules) and checks it the way a reader would see it.
//
//   node tests/browser/check_html_report.mjs --html FILE --out DIR [--expect TEXT]...
//
// Checks: the page loads with no console errors, page errors or failed requests; it requests
// nothing but file:, data: (and page-made blob:/about:) URLs, i.e. the report is self-contained;
// every --expect TEXT appears in document.body.innerText (whitespace runs compared as one space);
// every <svg> has role="img" and an aria-label or a <title> child; a full-page screenshot
// (DIR/<name>.png, 1280x900 viewport), a print-media screenshot (DIR/<name>-print.png) and an A4
// PDF (DIR/<name>.pdf, non-empty, starting with %PDF) are written.
//
// Exit codes: 0 all checks passed; 1 a check failed (each failure printed on its own line,
// prefixed "FAIL: "); 2 bad usage; 77 skipped ("SKIP: <reason>") because Chromium or
// playwright-core is not installed (ctest's SKIP_RETURN_CODE); 1 instead when CI is set.

import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { skipOrFail } from './skip_or_fail.mjs';

const CHROMIUM = process.env.ANCHORNET_CHROMIUM || '/usr/bin/chromium';
const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIR = path.resolve(SCRIPT_DIR, '..', '..', 'web');
const TIMEOUT_MS = 60_000;
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);

function usage(message) {
  if (message) console.error(`check_html_report: ${message}`);
  console.error('usage: node check_html_report.mjs --html FILE --out DIR [--expect TEXT]...');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { html: null, out: null, expect: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--html') opts.html = value();
    else if (arg === '--out') opts.out = value();
    else if (arg === '--expect') opts.expect.push(value());
    else if (arg === '-h' || arg === '--help') usage();
    else usage(`unknown argument: ${arg}`);
  }
  if (!opts.html) usage('--html is required');
  if (!opts.out) usage('--out is required');
  return opts;
}

function loadPlaywright() {
  if (!existsSync(CHROMIUM)) skipOrFail(`${CHROMIUM} is not installed (apt-get install chromium)`);
  const require = createRequire(path.join(WEB_DIR, 'package.json'));
  try {
    return require('playwright-core');
  } catch (err) {
    skipOrFail(`playwright-core is not installed in ${WEB_DIR}/node_modules (run: npm ci in web/): ` +
         `${err.code || err.message}`);
  }
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const scheme = (url) => {
  const m = /^([a-z][a-z0-9+.-]*:)/i.exec(url);
  return m ? m[1].toLowerCase() : '';
};
const short = (url) => (url.length > 120 ? `${url.slice(0, 117)}...` : url);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const htmlPath = path.resolve(opts.html);
  const outDir = path.resolve(opts.out);
  if (!existsSync(htmlPath)) {
    console.log(`FAIL: no such file: ${htmlPath}`);
    process.exit(1);
  }
  const { chromium } = loadPlaywright();
  mkdirSync(outDir, { recursive: true });
  const name = path.basename(htmlPath).replace(/\.[^.]*$/, '');
  const pngPath = path.join(outDir, `${name}.png`);
  const printPngPath = path.join(outDir, `${name}-print.png`);
  const pdfPath = path.join(outDir, `${name}.pdf`);

  const failures = [];
  const fail = (msg) => failures.push(msg);

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true, timeout: TIMEOUT_MS,
    });
  } catch (err) {
    console.log(`FAIL: could not launch ${CHROMIUM}: ${err.message.split('\n')[0]}`);
    process.exit(1);
  }

  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);

    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location();
      // Chromium also logs the refused load of a non-local URL; that is recorded once, below.
      if (loc && loc.url && !LOCAL_SCHEMES.has(scheme(loc.url)) &&
          msg.text().startsWith('Failed to load resource')) return;
      const where = loc && loc.url ? ` (${short(loc.url)}:${loc.lineNumber})` : '';
      fail(`console error: ${msg.text()}${where}`);
    });
    page.on('pageerror', (err) => fail(`page error: ${err.message}`));
    page.on('websocket', (ws) => fail(`network request (report must be self-contained): websocket ${short(ws.url())}`));
    // Nothing may leave the machine: record and refuse every request that is not local.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (LOCAL_SCHEMES.has(scheme(url))) return route.continue();
      fail(`network request (report must be self-contained): ${route.request().method()} ${short(url)}`);
      return route.abort('blockedbyclient');
    });
    page.on('requestfailed', (req) => {
      const url = req.url();
      if (!LOCAL_SCHEMES.has(scheme(url))) return; // already recorded as a network request
      fail(`failed request: ${short(url)}: ${req.failure()?.errorText ?? 'unknown error'}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) fail(`failed request: ${short(res.url())}: HTTP ${res.status()}`);
    });

    const response = await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    if (response && !response.ok() && response.status() !== 0) {
      fail(`loading ${htmlPath}: status ${response.status()}`);
    }
    // Let fonts settle and queued frames/timers run so late errors are seen.
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await new Promise((r) => setTimeout(r, 50));
    });

    const text = squash(await page.evaluate(() => (document.body ? document.body.innerText : '')));
    for (const want of opts.expect) {
      if (!text.includes(squash(want))) fail(`expected text not found: ${JSON.stringify(want)}`);
    }

    const svgProblems = await page.evaluate(() => {
      const problems = [];
      document.querySelectorAll('svg').forEach((svg, i) => {
        const id = svg.id ? `#${svg.id}` : `#${i + 1}`;
        const what = [];
        if (svg.getAttribute('role') !== 'img') what.push('role="img"');
        const label = (svg.getAttribute('aria-label') || '').trim();
        const title = svg.querySelector(':scope > title');
        if (!label && !(title && title.textContent.trim())) what.push('an aria-label or <title>');
        if (what.length) {
          const open = svg.outerHTML.slice(0, svg.outerHTML.indexOf('>') + 1).slice(0, 120);
          problems.push(`svg ${id} lacks ${what.join(' and ')}: ${open}`);
        }
      });
      return problems;
    });
    svgProblems.forEach(fail);

    await page.screenshot({ path: pngPath, fullPage: true });

    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const pdfSize = existsSync(pdfPath) ? statSync(pdfPath).size : 0;
    if (pdfSize === 0) fail(`PDF is empty: ${pdfPath}`);
    else if (readFileSync(pdfPath).subarray(0, 4).toString('latin1') !== '%PDF') {
      fail(`PDF does not start with %PDF: ${pdfPath}`);
    }

    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: printPngPath, fullPage: true });

    console.log(`screenshot: ${pngPath}`);
    console.log(`print screenshot: ${printPngPath}`);
    console.log(`pdf: ${pdfPath} (${pdfSize} bytes)`);
    await context.close();
  } catch (err) {
    fail(`browser check aborted: ${err.message.split('\n')[0]}`);
  } finally {
    await browser.close().catch(() => {});
  }

  const unique = [...new Set(failures)];
  if (unique.length) {
    for (const f of unique) console.log(`FAIL: ${f}`);
    console.log(`check_html_report: ${htmlPath}: ${unique.length} failure(s)`);
    process.exit(1);
  }
  console.log(`OK: ${htmlPath}: ${opts.expect.length} expected text(s) found, page clean, ` +
              'no network requests, svgs labelled, PDF written');
  process.exit(0);
}

main().catch((err) => {
  console.log(`FAIL: ${err.stack || err}`);
  process.exit(1);
});
