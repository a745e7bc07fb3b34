// Browser test of "Giới thiệu" and the English pages at 360 px and
// 1280 px: the organisation tree, the leaders with photos and the
// directory fit a cheap phone without sideways scrolling; the directory's
// search finds a name typed without diacritics; the header's VI | EN
// switch leads to the English counterpart and back; an approver edits a
// page with the two rich-text editors side by side. Screenshots of each.
import path from 'node:path';
import { check, failed, launch, loaRun, loginNewsroom, shots, startDemo } from './harness.mjs';

let site, browser;
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

try {
  site = await startDemo('loa-org-', (db) => {
    const r = loaRun(['user', 'add', '--db', db, '--login', 'bt.lan', '--role', 'approver', '--name', 'Bùi Thị Lan'],
      'mat-khau-bien-tap-1\n');
    check(r.status === 0, 'loa user add bt.lan', r.stderr);
  });
  const base = site.base;
  browser = await launch();
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    for (const [p, name] of [['/gioi-thieu', 'about'], ['/gioi-thieu/gioi-thieu-chung', 'page'],
      ['/co-cau-to-chuc', 'tree'], ['/lanh-dao', 'leaders'], ['/danh-ba', 'directory'],
      ['/en/', 'en-home'], ['/en/organisation', 'en-org'], ['/en/leaders', 'en-leaders']]) {
      const r = await page.goto(base + p);
      check(r.status() === 200, `${p} at ${width} px`);
      check(await overflow(page) <= 0, `${p}: no horizontal scrolling at ${width} px`, await overflow(page));
      await page.screenshot({ path: path.join(shots, `org-${name}-${width}.png`), fullPage: true });
    }
    // photos load
    await page.goto(base + '/lanh-dao');
    const photos = await page.$$eval('img.leader-photo', (imgs) => imgs.map((i) => i.complete && i.naturalWidth > 0));
    check(photos.length >= 7 && photos.every(Boolean), `leaders' photos load at ${width} px`, photos);
    // the search, typed without diacritics
    await page.goto(base + '/danh-ba');
    await page.locator('#org-q').fill('pham thi thu ha');
    await Promise.all([page.waitForURL(/tim=pham/), page.locator('#org-q').press('Enter')]);
    const names = await page.locator('.dir-name').allInnerTexts();
    check(names.length === 1 && names[0] === 'Phạm Thị Thu Hà', `directory search without diacritics at ${width} px`, names);
    check(await page.locator('#org-q').inputValue() === 'pham thi thu ha', 'the query stays in the box');
    await page.screenshot({ path: path.join(shots, `org-search-${width}.png`), fullPage: true });
    // the language switch, both ways
    await page.goto(base + '/co-cau-to-chuc');
    await Promise.all([page.waitForURL(/\/en\/organisation$/), page.locator('.lang-switch a[lang="en"]').click()]);
    check(await page.getAttribute('html', 'lang') === 'en', `EN leads to the English organisation at ${width} px`);
    const box = await page.locator('.lang-switch a[lang="vi"]').boundingBox();
    check(box && box.height >= 24 && box.width >= 24, 'the switch links are 24 px targets', box);
    await Promise.all([page.waitForURL(/\/co-cau-to-chuc$/), page.locator('.lang-switch a[lang="vi"]').click()]);
    check(await page.getAttribute('html', 'lang') === 'vi', 'VI leads back');
    await ctx.close();
  }
  // the newsroom: a page with both languages
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await ctx.newPage();
  await loginNewsroom(page, base, 'bt.lan', 'mat-khau-bien-tap-1');
  await page.goto(base + '/quan-tri/trang');
  await page.screenshot({ path: path.join(shots, 'org-admin-pages-1280.png'), fullPage: true });
  await page.locator('a', { hasText: 'Giới thiệu chung về xã Hòa Lạc Sơn' }).click();
  const editors = await page.locator('.rte-area').count();
  check(editors === 2, 'two rich-text editors, Vietnamese and English', editors);
  check(await page.locator('.rte-area').nth(1).getAttribute('lang') === 'en', 'the English editor is lang=en');
  await page.screenshot({ path: path.join(shots, 'org-admin-page-1280.png'), fullPage: false });
  await page.locator('.rte-area').nth(1).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Visitors are welcome.');
  await Promise.all([page.waitForURL(/tb=da-luu/), page.locator('button', { hasText: 'Lưu trang' }).click()]);
  const en = await (await ctx.request.get(base + '/en/gioi-thieu-chung')).text();
  check(en.includes('Visitors are welcome.'), 'the English text typed in the editor is on /en/');
  const refused = await page.goto(base + '/quan-tri/can-bo/moi');
  check(refused.status() === 403, 'officials are for admins: an approver is refused', refused.status());
  await ctx.close();
  const mctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const m = await mctx.newPage();
  await loginNewsroom(m, base, 'bt.lan', 'mat-khau-bien-tap-1');
  await m.goto(base + '/quan-tri/trang/1');
  check(await overflow(m) <= 0, 'the page editor fits 360 px', await overflow(m));
  await m.screenshot({ path: path.join(shots, 'org-admin-page-360.png'), fullPage: true });
} catch (e) {
  check(false, 'org browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
