// Starts the real programs for the browser tests: builds an index of sample-data/ with
// gazette-index, serves it with gazette-server, and drives headless Chromium.
//
// Environment:
//   GAZETTE_BIN_DIR         build directory holding indexer/ and server/ (default: <repo>/build)
//   GAZETTE_WEB_ROOT        if set, the server serves the page from this directory (--web-root);
//                           otherwise it serves the copy built into the binary
//   GAZETTE_CHROMIUM        browser binary (default: /usr/bin/chromium)
//   GAZETTE_SCREENSHOT_DIR  where screenshots go (default: <tmp>/web-screenshots)

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binDir = process.env.GAZETTE_BIN_DIR || path.join(repoRoot, 'build');
export const screenshotDir = process.env.GAZETTE_SCREENSHOT_DIR || path.join(os.tmpdir(), 'web-screenshots');

// --- Index and server ------------------------------------------------------------------------

export async function buildIndex() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gazette-web-'));
  const db = path.join(dir, 'db');
  await promisify(execFile)(path.join(binDir, 'indexer', 'gazette-index'), ['--db', db, '-q', path.join(repoRoot, 'sample-data')]);
  return { dir, db, remove: () => rm(dir, { recursive: true, force: true }) };
}

// Resolves once the server has printed its address; `stop()` ends it (SIGTERM, then SIGKILL).
export function startServer(db) {
  const args = ['--db', db, '--port', '0', '--access-log', '', '--threads', '2'];
  if (process.env.GAZETTE_WEB_ROOT) args.push('--web-root', process.env.GAZETTE_WEB_ROOT);
  const child = spawn(path.join(binDir, 'server', 'gazette-server'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });

  return new Promise((resolve, reject) => {
    let stdout = '';
    let started = false;
    const timer = setTimeout(() => fail(new Error('gazette-server did not start within 15 s')), 15000);
    const fail = (err) => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${stdout}${stderr}`));
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`gazette-server exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      if (started) return;
      stdout += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (!m) return;
      started = true;
      clearTimeout(timer);
      resolve({
        url: m[1].replace(/\/$/, ''),
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

// --- Browser ---------------------------------------------------------------------------------

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.GAZETTE_CHROMIUM || '/usr/bin/chromium' });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

// Runs `body(page)` in a fresh browser context and fails if the page logged an error or broke
// its Content-Security-Policy (Chromium reports both on the console), unless `allow` matches.
export async function withPage(browser, { viewport = DESKTOP, allow = [], isMobile = false } = {}, body) {
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  // Every wait is for something the page shows within moments; fail fast and name it.
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    const text = msg.text();
    const csp = /Content Security Policy/i.test(text);
    if ((msg.type() === 'error' || csp) && (csp || !allow.some((re) => re.test(text)))) problems.push(`console ${msg.type()}: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  try {
    await body(page);
    if (problems.length) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
  } finally {
    await context.close();
  }
}

// --- What the page shows ---------------------------------------------------------------------

// Waits until no search is running, then for `condition` (a function run in the page) if given.
export async function settled(page, condition, arg) {
  await page.locator('#main:not([aria-busy])').waitFor();
  if (condition) await page.waitForFunction(condition, arg, { timeout: 10000 });
  await page.locator('#main:not([aria-busy])').waitFor();
}

// Opens `pathAndQuery` and waits for the first results.
export async function open(page, base, pathAndQuery = '/') {
  await page.goto(base + pathAndQuery);
  await settled(page, () => document.querySelector('#summary')?.textContent && !document.querySelector('#summary').textContent.startsWith('Searching'));
}

const MONTHS = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

// "5 Mar 2021" as shown on the page -> "2021-03-05".
export function shownDate(text) {
  const m = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(text.trim());
  if (!m || !MONTHS[m[2]]) throw new Error(`not a date as the page shows them: ${JSON.stringify(text)}`);
  return `${m[3]}-${String(MONTHS[m[2]]).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

// The hits as a reader sees them.
export async function hits(page) {
  const rows = await page.locator('#hits > li').evaluateAll((items) => items.map((li) => ({
    title: li.querySelector('.hit-title')?.innerText.trim() ?? '',
    href: li.querySelector('.hit-title a')?.getAttribute('href') ?? '',
    source: li.querySelector('.hit-source')?.innerText.trim() ?? '',
    date: li.querySelector('.hit-date')?.innerText.trim() ?? '',
    snippet: li.querySelector('.hit-snippet')?.innerText.trim() ?? '',
  })));
  return rows.map((r) => ({ ...r, day: r.date ? shownDate(r.date) : '' }));
}

// The number in the summary line ("61 results, newest first").
export async function total(page) {
  const text = await page.locator('#summary').innerText();
  const m = /([\d,]+) results?/.exec(text);
  if (!m) throw new Error(`no result count in the summary: ${JSON.stringify(text)}`);
  return Number(m[1].replace(/,/g, ''));
}

export function searchParams(page) {
  return new URL(page.url()).searchParams;
}

export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}
