// Browser test of "Lấy ý kiến dự thảo" at 360 px (a cheap phone) and 1280 px:
// the list with its tabs and days left, a draft's page, a comment typed and
// sent with the keyboard (thanked with a tracking code, tracked on its
// page), errors next to the
// fields with the text kept, the closed draft with its report, the open one
// after the server's clock passes its closing time (the test clock, never a
// sleep), and the newsroom's moderation queue. Screenshots in screenshots/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, failed, launch, loaRun, loginNewsroom, noOverflow, shots, startDemo } from './harness.mjs';

const clockDir = mkdtempSync(path.join(os.tmpdir(), 'loa-consult-clock-'));
const clockFile = path.join(clockDir, 'clock');
let offset = 0;
function advance(seconds) {
  offset += seconds;
  writeFileSync(clockFile, `${offset}\n`);
}
advance(0);


let site, browser;
try {
  site = await startDemo('loa-consult-', (db) => {
    const r = loaRun(['user', 'add', '--db', db, '--login', 'bt.tuan', '--role', 'approver', '--name', 'Bùi Tuấn'],
      'mat-khau-bien-tap-1\n');
    check(r.status === 0, 'loa user add', r.stderr);
  }, ['--test-clock', clockFile]);
  const base = site.base;
  browser = await launch();
  let openHref = '', closedHref = '';
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/du-thao');
    const tabs = await page.locator('.cs-tabs a').allInnerTexts();
    check(tabs.some((t) => /Đang lấy ý kiến/.test(t)) && tabs.some((t) => /Đã kết thúc/.test(t)),
      `${width}px: the list has its tabs`, tabs);
    const facts = await page.locator('.cs-item-facts').first().innerText();
    check(/Còn 1[45] ngày/.test(facts) && /3 góp ý/.test(facts), `${width}px: days left and comment count`, facts);
    await noOverflow(page, `list at ${width}px`);
    await page.screenshot({ path: path.join(shots, `consult-list-${width}.png`), fullPage: true });
    await page.screenshot({ path: path.join(shots, `consult-list-top-${width}.png`) });
    openHref = await page.locator('.cs-item-title a').first().getAttribute('href');
    await page.goto(base + openHref);
    check(await page.locator('form.cs-form').count() === 1, `${width}px: the open draft has the comment form`);
    await noOverflow(page, `open draft at ${width}px`);
    await page.screenshot({ path: path.join(shots, `consult-open-${width}.png`), fullPage: true });
    await page.locator('.cs-draft').screenshot({ path: path.join(shots, `consult-open-draft-${width}.png`) });
    await page.locator('#gop-y').screenshot({ path: path.join(shots, `consult-open-comments-${width}.png`) });
    await page.goto(base + '/du-thao?trang-thai=da-ket-thuc');
    closedHref = await page.locator('.cs-item-title a').first().getAttribute('href');
    await page.goto(base + closedHref);
    const closed = await page.locator('main').textContent();
    check(/Báo cáo tổng hợp, tiếp thu, giải trình/.test(closed) && await page.locator('form.cs-form').count() === 0,
      `${width}px: the closed draft shows its report and no form`);
    await noOverflow(page, `closed draft at ${width}px`);
    await page.screenshot({ path: path.join(shots, `consult-closed-${width}.png`), fullPage: true });
    await page.locator('.cs-draft').screenshot({ path: path.join(shots, `consult-closed-draft-${width}.png`) });
    await ctx.close();
  }

  // a comment with the keyboard only, at 360 px
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(base + openHref);
  const trap = await page.locator('input[name="website"]').evaluate((el) => ({
    tab: el.tabIndex, hidden: !!el.closest('[aria-hidden="true"]'),
  }));
  check(trap.tab < 0 && trap.hidden, 'the honeypot is never reached with the keyboard', trap);
  await page.locator('#dt-ho-ten').focus();
  await page.keyboard.type('Nguyễn Thị Hoa');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Chi hội Nông dân thôn Khe Tâm');
  await page.keyboard.press('Tab');
  await page.keyboard.type('hoa.nguyen@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Điều 6');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Đề nghị bổ sung kinh phí nạo vét kênh mương nội đồng thôn Khe Tâm trước vụ xuân.');
  const at = await page.evaluate(() => document.activeElement && document.activeElement.name);
  check(at === 'noi-dung', 'Tab moves field by field to the content', at);
  advance(6); // a person takes a moment: the server's clock moves instead of the test sleeping
  let onButton = false;
  for (let i = 0; i < 6 && !onButton; i++) {
    await page.keyboard.press('Tab');
    onButton = await page.evaluate(() => document.activeElement && document.activeElement.tagName === 'BUTTON');
  }
  check(onButton, 'the send button is reached with Tab');
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.waitForSelector('.fb-thanks');
  const thanks = await page.locator('main').innerText();
  check(/Cảm ơn/.test(thanks) && /DT-[23456789A-Z]{6}/.test(thanks), 'thanked with a tracking code', thanks.slice(0, 200));
  await page.screenshot({ path: path.join(shots, 'consult-thanks-360.png') });
  // its tracking page, from the thank-you page's link
  const code = (thanks.match(/DT-[23456789A-Z]{6}/) || [''])[0];
  await Promise.all([page.waitForURL(/\/du-thao\/tra-cuu\?ma=DT-/), page.locator('.fb-next a.btn-primary').click()]);
  const tracked = await page.locator('main').innerText();
  check(tracked.includes(code) && /Chờ duyệt/.test(tracked) && !/Nguyễn Thị Hoa|Chi hội Nông dân|hoa.nguyen@/.test(tracked),
    'the tracking page: waiting, without the sender', tracked.slice(0, 300));
  await noOverflow(page, 'tracking at 360px');
  await page.screenshot({ path: path.join(shots, 'consult-track-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await noOverflow(page, 'tracking at 1280px');
  await page.screenshot({ path: path.join(shots, 'consult-track-1280.png') });
  await page.setViewportSize({ width: 360, height: 900 });

  // errors next to the fields, text kept
  await page.goto(base + openHref);
  await page.locator('#dt-noi-dung').fill('Ngắn');
  await page.locator('#dt-email').fill('khong-dung');
  advance(6);
  await Promise.all([page.waitForLoadState('load'), page.locator('.cs-form button[type="submit"]').click()]);
  await page.waitForSelector('.fb-error');
  const alerts = await page.locator('.fb-error').allInnerTexts();
  check(alerts.some((t) => /họ và tên/.test(t)) && alerts.some((t) => /10 ký tự/.test(t)),
    'errors are shown next to the fields', alerts);
  check(await page.locator('#dt-email').inputValue() === 'khong-dung', 'the typed text is kept');
  await noOverflow(page, 'errors at 360px');
  await page.screenshot({ path: path.join(shots, 'consult-errors-360.png'), fullPage: true });
  await page.locator('#gop-y').screenshot({ path: path.join(shots, 'consult-errors-form-360.png') });

  // the clock passes the closing time: form gone, comments stay
  advance(16 * 86400);
  await page.goto(base + openHref);
  const after = await page.locator('main').innerText();
  check(/Đã kết thúc/.test(after) && await page.locator('form.cs-form').count() === 0 &&
    /Hợp tác xã Chè Hòa Lạc/.test(after), 'after closing by the clock: no form, comments readable');
  await page.screenshot({ path: path.join(shots, 'consult-after-close-360.png'), fullPage: true });
  await ctx.close();

  // the newsroom's queue and form at 1280 px and 360 px
  for (const width of [1280, 360]) {
    const actx = await browser.newContext({ viewport: { width, height: 900 } });
    const a = await actx.newPage();
    await loginNewsroom(a, base, 'bt.tuan', 'mat-khau-bien-tap-1');
    await a.goto(base + '/quan-tri/du-thao');
    check(await a.locator('.cs-table .row-title').count() === 2, `${width}px: newsroom lists the drafts`);
    await a.screenshot({ path: path.join(shots, `consult-admin-list-${width}.png`), fullPage: true });
    await a.goto(base + '/quan-tri/du-thao/y-kien?trang-thai=moi');
    const items = await a.locator('.cs-queue-item').count();
    // the demo's waiting comment and the one sent above; one is published at 1280 px
    check(items >= (width === 1280 ? 2 : 1), `${width}px: the queue holds the waiting comments`, items);
    await noOverflow(a, `queue at ${width}px`);
    await a.screenshot({ path: path.join(shots, `consult-admin-queue-${width}.png`), fullPage: true });
    if (width === 1280) {
      await Promise.all([a.waitForURL(/y-kien/), a.locator('.cs-queue-item').first().locator('button[value="dang"]').click()]);
      check(/Đã lưu/.test(await a.locator('main').innerText()), 'publishing from the queue');
      await a.goto(base + '/quan-tri/du-thao/moi');
      await a.screenshot({ path: path.join(shots, 'consult-admin-new-1280.png'), fullPage: true });
    }
    await actx.close();
  }
} catch (e) {
  check(false, 'consult browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
  rmSync(clockDir, { recursive: true, force: true });
}
process.exit(failed() ? 1 : 0);
