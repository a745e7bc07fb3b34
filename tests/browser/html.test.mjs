// Test: the Nu HTML Checker (npm vnu-jar, run with Debian's Java, offline)
// reports no error on the HTML the server sends for every public page type
// and every newsroom room of the demo site (pagetypes.mjs). The pages are
// fetched into files and checked in one run of the checker; a failure lists
// each error with its line and message.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { check, failed, launch, loginNewsroom, startDemo } from './harness.mjs';
import { addAdmin, admin, formPages, newsroomRooms, publicPages, testClock } from './pagetypes.mjs';

const vnuJar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
let site, browser;

try {
  const clock = testClock();
  site = await startDemo('loa-html-', addAdmin, ['--test-clock', clock.file]);
  const base = site.base;
  browser = await launch();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const pages = []; // { name, url, file }
  const save = async (name, url, resp = null) => {
    if (!resp) resp = await ctx.request.get(base + url, { maxRedirects: 0 });
    const file = path.join(site.tmp, `page-${pages.length}.html`);
    writeFileSync(file, await resp.body());
    pages.push({ name, url, file });
  };
  for (const [name, url] of await publicPages(page, base)) await save(name, url);
  await formPages(page, base, clock, (name, resp) => save(name, new URL(page.url()).pathname, resp), 1);
  await save('newsroom login', '/quan-tri/dang-nhap');
  await loginNewsroom(page, base, admin.login, admin.password);
  for (const [name, url] of await newsroomRooms(page, base)) await save('newsroom ' + name, url);

  const run = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...pages.map((p) => p.file)],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  let messages = null;
  try { messages = JSON.parse(run.stderr).messages; } catch { /* reported below */ }
  check(Array.isArray(messages), 'the Nu HTML Checker ran', (run.error && String(run.error)) || run.stderr.slice(0, 500));
  const totals = {};
  for (const p of pages) {
    const errors = (messages || []).filter((m) => m.type === 'error' && decodeURIComponent(m.url || '').endsWith(p.file));
    totals[p.name] = errors.length;
    check(errors.length === 0, `vnu: ${p.name} (${p.url}) has no HTML errors`,
      errors.map((m) => `line ${m.lastLine}: ${m.message} [${(m.extract || '').trim().slice(0, 80)}]`));
  }
  const stray = (messages || []).filter((m) => m.type !== 'info' && !pages.some((p) => decodeURIComponent(m.url || '').endsWith(p.file)));
  check(stray.length === 0, 'no checker message outside the pages (a page it could not read)', stray.slice(0, 5));
  console.log('# HTML errors per page type: ' + JSON.stringify(totals));
} catch (e) {
  check(false, 'html test ran to the end', String(e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
