// harness.mjs — what every browser test shares: TAP-style checks that
// tests/run counts, a loa server over a temporary demo database on a free
// port, and Debian's Chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
export const loa = path.resolve(root, process.env.LOA_BIN || 'build/loa');
export const shots = path.join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

let failures = 0;
export function check(cond, name, detail) {
  if (cond) console.log(`ok - ${name}`);
  else {
    failures++;
    console.log(`not ok - ${name}`);
    if (detail !== undefined) console.log(`#   ${JSON.stringify(detail)}`);
  }
}

export const failed = () => failures;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

async function waitPort(port) {
  for (let i = 0; i < 150; i++) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/* Runs a loa command; input goes to its stdin (passwords). */
export function loaRun(args, input) {
  return spawnSync(loa, args, { encoding: 'utf8', input });
}

/* A demo site served on a free port: { base, db, tmp, stop() }. `before`
 * runs after the demo database exists and before the server starts;
 * `serveArgs` are added to `loa serve` (e.g. --test-clock FILE). */
export async function startDemo(prefix, before, serveArgs = []) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = path.join(tmp, 'site.db');
  const demo = loaRun(['demo', '--db', db]);
  if (demo.status !== 0) throw new Error(`loa demo: ${demo.stderr}`);
  if (before) before(db, tmp);
  const port = await freePort();
  const server = spawn(loa, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...serveArgs],
    { stdio: 'ignore' });
  await waitPort(port);
  return {
    base: `http://127.0.0.1:${port}`, db, tmp,
    stop() { server.kill('SIGTERM'); rmSync(tmp, { recursive: true, force: true }); },
  };
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// Logs `page` in to the newsroom of `base` (the login form, then the
// dashboard); the page is left on the dashboard.
export async function loginNewsroom(page, base, login, password) {
  await page.goto(base + '/quan-tri');
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL(/\/quan-tri\/?$/), page.locator('form button[type="submit"]').click()]);
}

// Checks that the page needs no horizontal scrolling (a phone's width).
export async function noOverflow(page, what) {
  const o = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(o <= 0, `no horizontal scrolling: ${what}`, o);
}
