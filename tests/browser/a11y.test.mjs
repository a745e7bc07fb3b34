// Browser test: axe-core (WCAG 2.0 and 2.1, levels A and AA) on every public
// page type and every newsroom room of the demo site, at 360 and 1280 px,
// with every disclosure (<details>) open and no violation allowed. A
// failure lists each violation's rule, the elements it found and the
// rule's help text.
import { createRequire } from 'node:module';
import { check, failed, launch, loginNewsroom, startDemo } from './harness.mjs';
import { addAdmin, admin, formPages, newsroomRooms, publicPages, testClock } from './pagetypes.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let site, browser;
const totals = {};

// Runs axe on `url`, or on the page as it is when `url` is null.
async function audit(page, base, name, url, width, resp = null) {
  if (url !== null) resp = await page.goto(base + url);
  else url = new URL(page.url()).pathname;
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (values) => {
    // what a disclosure hides (the phone menu, the rows' edit forms) is checked open
    for (const d of document.querySelectorAll('details')) d.open = true;
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values } });
    return r.violations.map((v) => ({
      id: v.id, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')), count: v.nodes.length,
    }));
  }, tags);
  totals[name] = (totals[name] || 0) + violations.reduce((s, v) => s + v.count, 0);
  check(violations.length === 0, `axe: ${name} (${url}, ${resp.status()}) at ${width} px has no violations`,
    violations.map((v) => `${v.id} ×${v.count}: ${v.help} — ${v.targets.join(' | ')}`));
}

try {
  const clock = testClock();
  site = await startDemo('loa-a11y-', addAdmin, ['--test-clock', clock.file]);
  const base = site.base;
  browser = await launch();
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await ctx.newPage();
    for (const [name, url] of await publicPages(page, base)) await audit(page, base, name, url, width);
    await formPages(page, base, clock, (name, resp) => audit(page, base, name, null, width, resp), width);
    await audit(page, base, 'newsroom login', '/quan-tri/dang-nhap', width);
    await loginNewsroom(page, base, admin.login, admin.password);
    for (const [name, url] of await newsroomRooms(page, base)) await audit(page, base, 'newsroom ' + name, url, width);
    await ctx.close();
  }
  console.log('# violations (elements, both widths) per page type: ' + JSON.stringify(totals));
} catch (e) {
  check(false, 'a11y test ran to the end', String(e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
