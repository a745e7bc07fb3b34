// Browser test: the main menu built in the newsroom, on the demo site. At
// 360 px (no JavaScript) the phone menu opens from its button and a
// sub-entry is reached and followed; at 1280 px the bar fits one line and a
// sub-menu opens on hover and on keyboard focus. The menu editor is used
// at both widths. Screenshots go to tests/browser/screenshots/menu-*.png.
import path from 'node:path';
import { check, failed, launch, loaRun, loginNewsroom, shots, startDemo } from './harness.mjs';

const admin = ['qt.menu', 'mat-khau-quan-tri-menu-1'];
let site, browser;

async function noSideScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `${what}: no horizontal scrolling`, overflow);
}

try {
  site = await startDemo('loa-menu-', (db) => {
    const r = loaRun(['user', 'add', '--db', db, '--login', admin[0], '--role', 'admin', '--name', 'Quản trị'], admin[1] + '\n');
    check(r.status === 0, 'loa user add (admin)', r.stderr);
  });
  const base = site.base;
  browser = await launch();

  // ---- a phone, 360 px, no JavaScript ----
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const p = await phone.newPage();
  await p.goto(base + '/');
  check(!(await p.locator('ul.menu').isVisible()), '360 px: the bar is hidden, the phone menu is used');
  const summary = p.locator('details.menu-mobile > summary');
  check(await summary.isVisible(), '360 px: the menu button is visible');
  const sumBox = await summary.boundingBox();
  check(sumBox && sumBox.height >= 40, '360 px: the menu button is at least 40 px high', sumBox);
  const sub = p.locator('.mobile-list .mobile-sub a', { hasText: 'Kinh tế' });
  check(!(await sub.isVisible()), '360 px: sub-entries hidden while the menu is closed');
  await summary.click();
  check(await p.locator('.mobile-list').isVisible(), '360 px: the menu opens');
  for (const name of ['Giới thiệu', 'Tin tức', 'Văn bản', 'Lấy ý kiến', 'Lịch công tác', 'Hỏi đáp', 'Tiếp cận thông tin']) {
    check(await p.locator('.mobile-list > li > a', { hasText: name }).first().isVisible(), `360 px: "${name}" in the phone menu`);
  }
  check(await sub.isVisible(), '360 px: a sub-entry is visible in the open menu');
  const small = await p.$$eval('.mobile-list a', (as) => as.map((a) => ({ t: a.textContent.trim(), h: a.getBoundingClientRect().height }))
    .filter((r) => r.h < 24));
  check(small.length === 0, '360 px: every menu link is at least 24 px high', small.slice(0, 5));
  await noSideScroll(p, '360 px home with the menu open');
  await p.screenshot({ path: path.join(shots, 'menu-open-360.png') });
  await Promise.all([p.waitForURL(/\/kinh-te$/), sub.click()]);
  check(/\/kinh-te$/.test(p.url()), '360 px: following the sub-entry opens its category');
  await p.locator('details.menu-mobile > summary').click();
  const activeSub = p.locator('.mobile-sub a.is-active', { hasText: 'Kinh tế' });
  check(await activeSub.isVisible(), '360 px: on its page the sub-entry is marked');
  const footer = await p.$$eval('.footer-links a', (as) => as.map((a) => a.getAttribute('href')));
  check(footer.includes('/hoi-dap') && footer.includes('/van-ban') && footer.includes('/du-thao'), '360 px: the footer links Hỏi đáp, Văn bản and Lấy ý kiến dự thảo', footer);
  await phone.close();

  // ---- a desktop, 1280 px ----
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const d = await desk.newPage();
  await d.goto(base + '/');
  check(await d.locator('ul.menu').isVisible() && !(await d.locator('details.menu-mobile').isVisible()),
    '1280 px: the bar is shown, the phone menu hidden');
  const rows = await d.$$eval('ul.menu > li', (lis) => new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top))).size);
  check(rows === 1, '1280 px: the whole menu fits on one line', rows);
  const news = d.locator('ul.menu > li.has-sub', { hasText: 'Tin tức' }).first();
  const newsSub = news.locator('.submenu a', { hasText: 'Kinh tế' });
  check(!(await newsSub.isVisible()), '1280 px: sub-menus closed at first');
  await news.locator('> a').hover();
  check(await newsSub.isVisible(), '1280 px: hovering "Tin tức" opens its sub-menu');
  await noSideScroll(d, '1280 px home');
  await d.screenshot({ path: path.join(shots, 'menu-hover-1280.png') });
  await d.mouse.move(1200, 880);
  await d.locator('ul.menu > li.has-sub', { hasText: 'Giới thiệu' }).locator('> a').focus();
  const introSub = d.locator('ul.menu > li.has-sub', { hasText: 'Giới thiệu' }).locator('.submenu a', { hasText: 'Cơ cấu tổ chức' });
  check(await introSub.isVisible(), '1280 px: keyboard focus on "Giới thiệu" opens its sub-menu');
  await d.keyboard.press('Tab');
  const focused = await d.evaluate(() => document.activeElement && document.activeElement.textContent.trim());
  check(focused === 'Cơ cấu tổ chức', '1280 px: Tab goes into the sub-menu', focused);
  await Promise.all([d.waitForURL(/\/kinh-te$/), (async () => { await news.locator('> a').hover(); await newsSub.click(); })()]);
  check(/\/kinh-te$/.test(d.url()), '1280 px: a sub-entry is followed');

  // ---- the menu editor ----
  await loginNewsroom(d, base, admin[0], admin[1]);
  await d.goto(base + '/quan-tri/trinh-don');
  check((await d.locator('h1').innerText()).includes('Trình đơn chính'), 'the editor opens');
  await d.locator('#menu-new-kind').selectOption('lien-ket');
  await d.locator('#menu-new-url').fill('https://dichvucong.donghai.example');
  await d.locator('#menu-new-label').fill('Dịch vụ công tỉnh');
  await Promise.all([d.waitForURL(/trinh-don\?tb=da-them/), d.getByRole('button', { name: 'Thêm vào trình đơn' }).click()]);
  const lastRow = d.locator('ol.menu-tree > li.menu-row').last();
  check((await lastRow.innerText()).includes('Dịch vụ công tỉnh'), 'the new entry is last');
  await Promise.all([d.waitForURL(/trinh-don\?tb=da-luu/), lastRow.locator('button[title="Đưa lên"]').first().click()]);
  const names = await d.$$eval('ol.menu-tree > li.menu-row > .menu-row-head .menu-row-name', (es) => es.map((e) => e.textContent));
  check(names[names.length - 2] === 'Dịch vụ công tỉnh', 'moved up one place', names);
  await d.goto(base + '/');
  const bar = await d.$$eval('ul.menu > li > a', (as) => as.map((a) => a.textContent.trim()));
  check(bar[bar.length - 2] === 'Dịch vụ công tỉnh', 'the header follows the editor\'s order', bar);
  await d.goto(base + '/quan-tri/trinh-don');
  await d.locator('#menu-new-kind').selectOption('trang');
  await d.locator('#menu-new-url').fill('gioi-thieu');
  await d.locator('#menu-new-label').fill('Trang thiếu gạch chéo');
  await d.getByRole('button', { name: 'Thêm vào trình đơn' }).click();
  const err = await d.locator('.notice-error').innerText();
  check(err.includes('bắt đầu bằng một dấu “/”'), 'a path without "/" is refused in Vietnamese', err);
  check(await d.locator('#menu-new-label').inputValue() === 'Trang thiếu gạch chéo', 'the typed label is kept');
  await d.screenshot({ path: path.join(shots, 'menu-editor-1280.png'), fullPage: true });
  // the footer's legal facts: emptied, the dashboard names what is missing
  await d.goto(base + '/quan-tri/thiet-lap');
  await d.locator('#s-giay-phep').fill('');
  await Promise.all([d.waitForURL(/thiet-lap\?tb=da-luu/), d.getByRole('button', { name: 'Lưu thiết lập' }).click()]);
  await d.goto(base + '/quan-tri');
  const warn = d.locator('.legal-warning');
  check(await warn.isVisible() && (await warn.innerText()).includes('giấy phép'), 'the dashboard warns that giấy phép is missing');
  await d.screenshot({ path: path.join(shots, 'legal-warning-1280.png') });
  await desk.close();

  // the public-services block and the access-to-information page
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const pg = await ctx.newPage();
    const resp = await pg.goto(base + '/tiep-can-thong-tin');
    check(resp.status() === 200, `${width} px: /tiep-can-thong-tin answers 200`);
    check(await pg.locator('main h1', { hasText: 'Tiếp cận thông tin' }).isVisible(), `${width} px: its title`);
    check(await pg.locator('aside .widget-services a', { hasText: 'Cổng Dịch vụ công quốc gia' }).isVisible(),
      `${width} px: the public-services block is shown`);
    await noSideScroll(pg, `${width} px access page`);
    await pg.screenshot({ path: path.join(shots, `access-info-${width}.png`), fullPage: true });
    await ctx.close();
  }

  const phoneAdmin = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const pa = await phoneAdmin.newPage();
  await loginNewsroom(pa, base, admin[0], admin[1]);
  // the dashboard's charts: their type, once scaled to a phone, stays legible
  const chartType = await pa.$$eval('.chart svg', (svgs) => svgs.flatMap((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Array.from(svg.querySelectorAll('text')).map((t) => Number(t.getAttribute('font-size')) * scale);
  }));
  check(chartType.length > 0 && Math.min(...chartType) >= 11.5, '360 px: chart labels are at least 12 px',
    chartType.length ? Math.min(...chartType) : 'no chart');
  await pa.locator('.charts').screenshot({ path: path.join(shots, 'dashboard-charts-360.png') });
  // a phone's table rows label each cell; a monospace cell's label (Địa chỉ IP) is in the text face
  await pa.goto(base + '/quan-tri/nhat-ky');
  const labelFace = await pa.$eval('td.cell-mono[data-label]', (td) => getComputedStyle(td, '::before').fontFamily);
  const cellFace = await pa.$eval('td.cell-mono[data-label]', (td) => getComputedStyle(td).fontFamily);
  check(labelFace !== cellFace && !/mono/i.test(labelFace), '360 px: the audit log labels its address cell in the text face',
    labelFace);
  await pa.goto(base + '/quan-tri/trinh-don');
  await noSideScroll(pa, '360 px menu editor');
  await pa.screenshot({ path: path.join(shots, 'menu-editor-360.png'), fullPage: true });
  await phoneAdmin.close();
} catch (e) {
  check(false, 'menu browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
