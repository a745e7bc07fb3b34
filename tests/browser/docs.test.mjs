// Browser test of "Văn bản" at 360 px (a cheap phone) and 1280 px: the
// register with its search box and facets, two facets combined and the
// clear link, a search by number typed without diacritics finding the
// document first, and a document's page with its fields, validity,
// relations and attachments; the site search's "Văn bản" block and its
// link to the register. Screenshots in screenshots/.
import path from 'node:path';
import { check, failed, launch, shots, startDemo } from './harness.mjs';

async function noOverflow(page, what) {
  const o = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(o <= 0, `no horizontal scrolling: ${what}`, o);
}

let site, browser;
try {
  site = await startDemo('loa-docs-');
  const base = site.base;
  browser = await launch();
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/van-ban');
    check(await page.locator('.vb-item').count() === 15, `${width}px: 15 documents on the first page`);
    await noOverflow(page, `list at ${width}px`);
    await page.screenshot({ path: path.join(shots, `docs-list-${width}.png`), fullPage: true });
    await page.screenshot({ path: path.join(shots, `docs-list-top-${width}.png`) });
    // two facets combined: type, then issuer
    const facet = page.locator('details.vb-facet').first();
    if (!(await facet.getAttribute('open'))) await facet.locator('summary').click();
    await facet.locator('a', { hasText: 'Nghị quyết' }).first().click();
    const issuer = page.locator('details.vb-facet').nth(1);
    if (!(await issuer.getAttribute('open'))) await issuer.locator('summary').click();
    await issuer.locator('a', { hasText: 'HĐND xã' }).first().click();
    const heads = await page.locator('.vb-number').allInnerTexts();
    check(heads.length > 0 && heads.every((h) => h.startsWith('Nghị quyết') && h.includes('HĐND')),
      `${width}px: type and issuer combine`, heads);
    check(await page.locator('.vb-clear a').count() === 1, `${width}px: a clear link`);
    await noOverflow(page, `filtered at ${width}px`);
    await page.screenshot({ path: path.join(shots, `docs-filtered-${width}.png`), fullPage: true });
    await page.locator('.vb-clear a').click();
    check(!page.url().includes('?'), `${width}px: the clear link drops every filter`, page.url());
    // a number typed without diacritics
    await page.fill('#vb-tim', '42/2022/nd-cp');
    await Promise.all([page.waitForURL(/tim=42/), page.keyboard.press('Enter')]);
    const first = await page.locator('.vb-number').first().innerText();
    check(first === 'Nghị định 42/2022/NĐ-CP', `${width}px: the number search finds it first`, first);
    // a replaced document's page
    await page.fill('#vb-tim', '34/2019/ND-CP');
    await Promise.all([page.waitForURL(/tim=34/), page.keyboard.press('Enter')]);
    await page.locator('.vb-number').first().click();
    const main = await page.locator('main').innerText();
    check(/Bị thay thế/.test(main) && /Bị thay thế bởi/.test(main) && /33\/2023\/NĐ-CP/.test(main),
      `${width}px: validity and the replacing document`, main.slice(0, 300));
    check(await page.locator('.vb-files a[download]').count() >= 1, `${width}px: the attachment`);
    await noOverflow(page, `detail at ${width}px`);
    await page.screenshot({ path: path.join(shots, `docs-detail-${width}.png`), fullPage: true });
    // the site search: the register's best three above the articles
    await page.goto(base + '/tim-kiem?q=' + encodeURIComponent('42/2022/nd-cp'));
    const found = await page.locator('.search-docs .vb-number').allInnerTexts();
    check(found[0] === 'Nghị định 42/2022/NĐ-CP' && found.length <= 3,
      `${width}px: /tim-kiem puts the document first in its Văn bản block`, found);
    await noOverflow(page, `site search by number at ${width}px`);
    await page.goto(base + '/tim-kiem?q=' + encodeURIComponent('ngân sách'));
    const words = await page.locator('.search-docs .vb-item').count();
    check(words === 3, `${width}px: three documents for words of their summaries`, words);
    await noOverflow(page, `site search by words at ${width}px`);
    await page.screenshot({ path: path.join(shots, `docs-in-search-${width}.png`), fullPage: true });
    await page.screenshot({ path: path.join(shots, `docs-in-search-top-${width}.png`) });
    await Promise.all([page.waitForURL(/\/van-ban\?tim=/), page.locator('.search-docs-all a').click()]);
    const all = await page.locator('.vb-number').count();
    check(all >= 3, `${width}px: “Xem tất cả văn bản phù hợp” opens the register's search`, all);
    await ctx.close();
  }
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
