#!/usr/bin/env node
// Drives the dashboard served by `anchornet serve` in headless Chromium the way a member's data
// officer would (tests/browser/dashboard_test.sh starts the server on the synthetic demo):
//
//   node tests/browser/dashboard.mjs --url http://127.0.0.1:PORT/ --out DIR
//        [--real-file FILE] [--geojson FILE] [--scratch DIR]
//
// 1. Overview: every headline tile shows the figure the API gives for it.
// 2. Filter by member: the figures shown are that member's; a figure drills to payments whose
//    total is that figure.
// 3. Drill from a headline to the payments behind it (total = the headline's value, to the penny)
//    and on to the source file's row.
// 4. Settle the largest unclassified supplier: the MSME headline changes.
// 5. Upload a real council spend file (--real-file; skipped with a reason when absent) and a file
//    with bad rows: the summaries and the rejects with their line numbers show.
// 6. Supplier search and a supplier's page; a member's page; the place page, then with the real
//    borough boundaries (--geojson).
// Throughout: no console errors, page errors or failed requests; axe-core finds no serious or
// critical accessibility violations; at 375 px nothing overflows sideways; keyboard focus shows.
// Each step saves a screenshot in DIR. Exit 0 pass, 1 fail ("FAIL: ..." lines), 77 skipped.

import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipOrFail, skipStepOrFail } from './skip_or_fail.mjs';

const CHROMIUM = process.env.ANCHORNET_CHROMIUM || '/usr/bin/chromium';
const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIR = path.resolve(SCRIPT_DIR, '..', '..', 'web');
const TIMEOUT_MS = 30_000;

function parseArgs(argv) {
  const opts = { url: null, out: null, realFile: null, scratch: null, geojson: null };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i];
    if (argv[i] === '--url') opts.url = value();
    else if (argv[i] === '--out') opts.out = value();
    else if (argv[i] === '--real-file') opts.realFile = value();
    else if (argv[i] === '--scratch') opts.scratch = value();
    else if (argv[i] === '--geojson') opts.geojson = value();
    else { console.error(`dashboard.mjs: unknown argument ${argv[i]}`); process.exit(2); }
  }
  if (!opts.url || !opts.out) { console.error('usage: dashboard.mjs --url URL --out DIR'); process.exit(2); }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const failures = [];
const fail = (m) => { failures.push(m); console.log(`FAIL: ${m}`); };
const check = (ok, m) => { if (!ok) fail(m); return ok; };
const note = (m) => console.log(`  ${m}`);

if (!existsSync(CHROMIUM)) skipOrFail(`${CHROMIUM} is not installed`);
const require = createRequire(path.join(WEB_DIR, 'package.json'));
let chromium;
try { ({ chromium } = require('playwright-core')); } catch {
  skipOrFail('playwright-core is not installed (make web-deps)');
}
const AXE = require.resolve('axe-core/axe.min.js');
mkdirSync(opts.out, { recursive: true });

// "£22,680,744.95 in 2,288 payment lines" -> 2268074495 (pence), or null.
function pence(text) {
  const m = /(-?)£([\d,]+)\.(\d{2})/.exec(text ?? '');
  if (!m) return null;
  return (m[1] ? -1 : 1) * (Number(m[2].replace(/,/g, '')) * 100 + Number(m[3]));
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
context.setDefaultTimeout(TIMEOUT_MS);
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') fail(`console error on ${page.url()}: ${m.text()}`); });
page.on('pageerror', (e) => fail(`page error on ${page.url()}: ${e.message}`));
// ERR_ABORTED: a request cancelled because the test navigated on; not a failure of the page.
page.on('requestfailed', (r) => { if (!r.url().includes('format=csv') && r.failure()?.errorText !== 'net::ERR_ABORTED') fail(`request failed: ${r.url()} ${r.failure()?.errorText}`); });
page.on('response', (r) => { if (r.status() >= 400) fail(`HTTP ${r.status()} for ${r.url()}`); });

const base = opts.url.replace(/\/$/, '');
const api = (p) => page.evaluate(async (u) => { const r = await fetch(u); return r.json(); }, `${base}/api/v1/${p}`);

// Opens a route and waits for the page to finish rendering (main loses aria-busy).
async function open(route, name) {
  const target = `${base}/#/${route}`;
  if (page.url() === target) await page.reload();
  else await page.goto(target);
  await settle();
  if (name) await page.screenshot({ path: path.join(opts.out, `${name}.png`), fullPage: true });
}
async function settle() {
  await page.waitForFunction(() => {
    const m = document.getElementById('main');
    return m && !m.hasAttribute('aria-busy') && !/^\s*Loading/.test(m.innerText);
  });
}
async function axe(name) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  for (const v of result) {
    if (v.impact === 'serious' || v.impact === 'critical') fail(`axe (${name}): ${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
    else note(`axe (${name}): ${v.impact} ${v.id}: ${v.help}`);
  }
}
async function noSidewaysScroll(name) {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 375, height: 800 });
  phone.on('pageerror', (e) => fail(`page error at 375px on ${name}: ${e.message}`));
  await phone.goto(page.url());
  await phone.waitForFunction(() => { const m = document.getElementById('main'); return m && !m.hasAttribute('aria-busy') && !/^\s*Loading/.test(m.innerText); });
  const w = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  check(w.scroll <= w.client + 1, `${name} at 375px scrolls sideways: ${w.scroll}px of content in ${w.client}px`);
  await phone.screenshot({ path: path.join(opts.out, `${name}-375.png`), fullPage: true });
  await phone.close();
}

try {
  // ---- 1. Overview: the tiles are the API's headlines.
  await open('overview', 'overview');
  const overview = await api('overview');
  const tiles = await page.$$eval('li.tile[data-headline]', (ls) => ls.map((l) => ({ id: l.dataset.headline, text: l.innerText })));
  check(tiles.length === overview.headlines.length, `${tiles.length} tiles for ${overview.headlines.length} headlines`);
  for (const hl of overview.headlines) {
    const t = tiles.find((x) => x.id === hl.id);
    if (check(t, `no tile for headline ${hl.id}`)) {
      check(t.text.includes(hl.figure), `tile ${hl.id} does not show ${hl.figure}`);
      check(t.text.includes(hl.basis.slice(0, 40)), `tile ${hl.id} does not show its basis (coverage)`);
    }
  }
  check((await page.innerText('body')).includes('Synthetic'), 'the synthetic demo is not labelled as such');
  await axe('overview');
  await noSidewaysScroll('overview');
  // Keyboard: the first Tab reaches a visibly focused element.
  await page.keyboard.press('Tab');
  const focus = await page.evaluate(() => {
    const a = document.activeElement;
    const s = a ? getComputedStyle(a) : null;
    return { tag: a?.tagName, outline: s ? `${s.outlineStyle} ${s.outlineWidth}` : '', shadow: s?.boxShadow ?? 'none' };
  });
  check(focus.tag && focus.tag !== 'BODY', 'Tab focuses nothing');
  check(!focus.outline.startsWith('none') || focus.shadow !== 'none', `the focused ${focus.tag} shows no focus (${focus.outline})`);

  // ---- 2. Filter by member: figures become that member's; one drills to its payments.
  await open('overview');
  await page.selectOption('#filter-member', 'council-ashby');
  await page.waitForFunction(() => location.hash.includes('member=council-ashby'));
  await settle();
  await page.waitForSelector('a[href*="#/payments"][href*="member=council-ashby"]');
  await page.screenshot({ path: path.join(opts.out, 'filter-member.png'), fullPage: true });
  check((await page.innerText('#main')).includes('Ashby'), 'filtered by member, the page does not name the member');
  // The figures' labels are the catalogue's (one source: metrics/catalogue.h, /measures/catalogue).
  const catalogue = await api('measures/catalogue');
  const s3 = catalogue.measures.find((m) => m.id === 'S3');
  check((await page.innerText('#figures')).includes(`S3 ${s3.long_label}`),
    `the figures table does not name S3 as the catalogue does ("${s3.long_label}")`);
  const memberLink = await page.$eval('a[href*="#/payments"][href*="member=council-ashby"][href*="measure=S2"]', (a) => a.getAttribute('href'))
    .catch(() => page.$eval('a[href*="#/payments"][href*="member=council-ashby"]', (a) => a.getAttribute('href')));
  const linkParams = new URLSearchParams(memberLink.split('?')[1] ?? '');
  await page.click(`a[href="${memberLink}"]`);
  await page.waitForSelector('#payments-total');
  await settle();
  const drillPage = await api(`payments?${linkParams.toString()}&limit=1`);
  check(pence(await page.innerText('#payments-total')) === drillPage.total.pence,
    `member drill-down ${memberLink}: the page's total differs from the API's ${drillPage.total.pence}`);
  const mq = new URLSearchParams();
  for (const k of ['fy', 'quarter', 'member', 'size', 'geography', 'category']) if (linkParams.get(k)) mq.set(k, linkParams.get(k));
  const measures = await api(`measures?${mq.toString()}`);
  const measure = linkParams.get('measure');
  if (!linkParams.get('breakdown') && measure !== 'excluded' && measure !== 'S8') {
    let sum = 0;
    for (const s of measures.scopes) {
      if (s.member === 'council-ashby' && s.quarter === Number(linkParams.get('quarter') ?? 0)) sum += s.measures[measure]?.pence ?? 0;
    }
    check(sum === drillPage.total.pence, `member ${measure}: measures give ${sum}, the payments behind it ${drillPage.total.pence}`);
  }

  // ---- 3. Headline -> payments -> source row.
  await open('overview');
  const msme = overview.headlines.find((x) => x.id === 'msme-spend');
  check(msme && msme.payments, 'no MSME headline with payments behind it');
  await page.click('li.tile[data-headline="msme-spend"] a[href*="#/payments"]');
  await page.waitForSelector('#payments-total');
  await settle();
  await page.screenshot({ path: path.join(opts.out, 'payments.png'), fullPage: true });
  const total = pence(await page.innerText('#payments-total'));
  check(total === msme.value, `the MSME headline drills to payments totalling ${total}, not its value ${msme.value}`);
  await axe('payments');
  await noSidewaysScroll('payments');
  const source = await page.$('a[href^="#/row/"]');
  if (check(source, 'the payments page links no source row')) {
    const payee = await page.$eval('a[href^="#/row/"]', (a) => a.closest('tr')?.children[2]?.textContent?.trim() ?? '');
    await source.click();
    await page.waitForFunction(() => location.hash.startsWith('#/row/'));
    await settle();
    await page.screenshot({ path: path.join(opts.out, 'source-row.png'), fullPage: true });
    const rowText = await page.innerText('#main');
    check(rowText.includes('this one'), 'the source row page does not mark the row');
    check(!payee || rowText.includes(payee), `the source row page does not show the payee ${payee}`);
  }

  // ---- 4. Settle the largest unclassified supplier: the MSME headline moves.
  const queue = await api('suppliers/unmatched?limit=50');
  const target = queue.suppliers.find((s) => s.size === 'unknown');
  await open('unmatched', 'unmatched');
  await axe('unmatched');
  await page.fill('#settle-by', 'Browser test');
  const form = page.locator('form', { has: page.locator('select[name="size"]') }).first();
  await form.locator('select[name="size"]').selectOption('small');
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction(() => /Saved/.test(document.getElementById('settle-status')?.textContent ?? ''));
  await page.screenshot({ path: path.join(opts.out, 'settled.png'), fullPage: true });
  const said = await page.innerText('#settle-status');
  const settled = await api(`suppliers/${encodeURIComponent(target.key)}`);
  check(settled.size === 'small', `the first supplier in the queue (${target.key}) was not the one settled`);
  const after = await api('overview');
  const msmeAfter = after.headlines.find((x) => x.id === 'msme-spend');
  check(msmeAfter.value === msme.value + target.s2.pence,
    `settling ${target.key} (S2 ${target.s2.pence}) moved MSME spend from ${msme.value} to ${msmeAfter.value}`);
  await open('overview', 'overview-after-settle');
  const tileAfter = await page.innerText('li.tile[data-headline="msme-spend"]');
  check(tileAfter.includes(msmeAfter.figure), `after settling, the MSME tile does not show ${msmeAfter.figure}`);
  check(msmeAfter.figure !== msme.figure, `the MSME figure did not change on screen (${msme.figure})`);
  check(said.includes(msme.figure) && said.includes(msmeAfter.figure),
    `the settle message does not show the headline moving from ${msme.figure} to ${msmeAfter.figure}: ${said}`);

  // ---- 5. Uploads: a real council file, then a file with bad rows.
  await open('data', 'data');
  await axe('data');
  await noSidewaysScroll('data');
  const fileInput = 'input[type="file"]';
  const memberSelect = page.locator('select').filter({ has: page.locator('option[value="council-hollin"]') }).first();
  if (opts.realFile && existsSync(opts.realFile)) {
    await memberSelect.selectOption('council-hollin');
    await page.setInputFiles(fileInput, opts.realFile);
    await page.waitForFunction(() => /Imported|already imported/.test(document.getElementById('upload-result')?.textContent ?? ''));
    const summary = await page.innerText('#upload-result');
    await page.screenshot({ path: path.join(opts.out, 'upload-real.png'), fullPage: true });
    check(summary.includes(path.basename(opts.realFile)), 'the upload summary does not name the file');
    check(/180/.test(summary), `the upload summary does not show the 180 lines of ${path.basename(opts.realFile)}: ${summary.slice(0, 300)}`);
    const imports = await api('imports?member=council-hollin');
    check(imports.imports.some((f) => f.name === path.basename(opts.realFile) && f.lines_imported === 180),
      'the uploaded file is not among the imports with 180 lines');
  } else {
    skipStepOrFail(`the real spend file ${opts.realFile} is not present; uploading only the bad-rows file`, fail);
  }
  const bad = path.join(opts.scratch ?? opts.out, 'bad-rows.csv');
  writeFileSync(bad, 'Payment Date,Supplier Name,Amount,Expense Type\n01/04/2024,ACME LTD,100.00,Stationery\n31/02/2024,BETA LTD,50.00,Cleaning\n02/04/2024,GAMMA LTD,abc,Cleaning\n');
  await open('data');
  await memberSelect.selectOption('council-ashby');
  await page.setInputFiles(fileInput, bad);
  await page.waitForFunction(() => /Imported/.test(document.getElementById('upload-result')?.textContent ?? ''));
  const badSummary = await page.innerText('#upload-result');
  check(/rejected/i.test(badSummary) && /2/.test(badSummary), `the summary of a file with 2 bad rows does not say so: ${badSummary.slice(0, 300)}`);
  await open('data', 'data-rejects');
  const rejectRows = await page.$$eval('table tr', (trs) => trs.map((t) => t.innerText));
  check(rejectRows.some((r) => r.includes('bad-rows.csv') && /\b3\b/.test(r) && r.includes('31/02/2024')),
    'the rejects table does not show bad-rows.csv line 3 (the bad date)');
  check(rejectRows.some((r) => r.includes('bad-rows.csv') && /\b4\b/.test(r) && r.includes('abc')),
    'the rejects table does not show bad-rows.csv line 4 (the bad amount)');

  // ---- 6. Suppliers and place.
  const someSupplier = (await api('suppliers?limit=1')).suppliers[0];
  const word = someSupplier.name.split(/\s+/)[0];
  await open(`suppliers?q=${encodeURIComponent(word)}`, 'suppliers');
  await axe('suppliers');
  const link = await page.$(`a[href="#/supplier/${encodeURIComponent(someSupplier.key)}"]`);
  if (check(link, `searching "${word}" does not list ${someSupplier.name} with a link to its page`)) {
    await link.click();
    await page.waitForFunction(() => location.hash.startsWith('#/supplier/'));
    await settle();
    await page.screenshot({ path: path.join(opts.out, 'supplier.png'), fullPage: true });
    const text = await page.innerText('#main');
    check(text.includes(someSupplier.name), 'the supplier page does not name the supplier');
    check(/source|evidence/i.test(text), 'the supplier page shows no source for its facts');
    await axe('supplier');
  }
  await open('member/council-ashby', 'member');
  const memberText = await page.innerText('#main');
  check(memberText.includes('(this member)'), 'the member page does not mark the member among its peers');
  check(/pledges/i.test(memberText), 'the member page does not show its pledges');
  await axe('member');
  await noSidewaysScroll('member');
  await open('place', 'place');
  check(await page.$('svg[role="img"][aria-label]'), 'the place page has no labelled map');
  check((await page.innerText('#main')).match(/decile/i), 'the place page does not show deprivation');
  await axe('place');
  await noSidewaysScroll('place');
  // Real boundaries: the ONS London boroughs GeoJSON from ../shared/data/geo, when present.
  if (opts.geojson && existsSync(opts.geojson)) {
    await page.setInputFiles('#place-geojson', opts.geojson);
    await page.waitForFunction(() => /Showing \d+ boundaries/.test(document.querySelector('#main [role="status"]')?.textContent ?? ''));
    const shaded = await page.$$eval('svg.tilemap path', (ps) => ps.filter((p) => p.getAttribute('fill') !== '#ffffff').length);
    check(shaded >= 30, `the real boundaries drew only ${shaded} shaded boroughs`);
    await page.screenshot({ path: path.join(opts.out, 'place-boundaries.png'), fullPage: true });
  } else {
    skipStepOrFail(`no GeoJSON at ${opts.geojson}; the tile map only`, fail);
  }
} catch (e) {
  fail(`the walk-through stopped: ${e.message.split('\n')[0]}`);
  await page.screenshot({ path: path.join(opts.out, 'failure.png'), fullPage: true }).catch(() => {});
}

await browser.close();
if (failures.length) { console.log(`${failures.length} problem(s); screenshots in ${opts.out}`); process.exit(1); }
console.log(`PASS: dashboard walk-through; screenshots in ${opts.out}`);
