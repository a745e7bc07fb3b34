// Browser test: the demo site in headless Chromium at phone and desktop
// widths. Every sidebar widget must be visible, nothing may scroll
// horizontally, and screenshots are saved to tests/browser/screenshots/.
import path from 'node:path';
import { check, failed, launch, shots, startDemo } from './harness.mjs';

let site, browser;
try {
  site = await startDemo('loa-browser-');
  const base = site.base;
  browser = await launch();
  const widgets = ['Tìm kiếm theo chuyên mục - nội dung - ngày tháng', 'Tin Nóng', 'Tin tiêu điểm', 'Lịch công tác',
    'Website liên kết', 'Thống kê truy cập'];
  let articleUrl = null;
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
    const page = await ctx.newPage();
    for (const name of ['home', 'article', 'calendar']) {
      let url = base + '/';
      if (name === 'calendar') url = base + '/lich-cong-tac';
      if (name === 'article') {
        if (!articleUrl) {
          await page.goto(base + '/');
          articleUrl = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href'))
            .find((h) => /^\/[a-z0-9-]+\/[a-z0-9-]+-\d+$/.test(h)));
        }
        url = base + articleUrl;
      }
      const resp = await page.goto(url);
      check(resp.status() === 200, `${name} at ${width}px answers 200`, resp.status());
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(overflow <= 0, `${name} at ${width}px has no horizontal scrolling`, overflow);
      const small = await page.$$eval('.card-meta a, .breadcrumbs a, .footer-links a, .section-more a, .widget-more a, .widget-links a, .article-tools .tool',
        (as) => as.filter((a) => a.offsetParent !== null).map((a) => {
          const r = a.getBoundingClientRect();
          return { t: a.textContent.trim().slice(0, 30), h: Math.round(r.height * 10) / 10 };
        }).filter((r) => r.h < 24));
      check(small.length === 0, `${name} at ${width}px: stand-alone small links are at least 24 px high`, small.slice(0, 5));
      if (name !== 'calendar') {
        for (const w of widgets) {
          const loc = page.locator('aside').getByText(w, { exact: true }).first();
          const visible = await loc.isVisible().catch(() => false);
          check(visible, `${name} at ${width}px shows "${w}"`);
        }
      }
      if (name === 'article') {
        const parts = await page.evaluate(() => ({
          h1: !!document.querySelector('main h1'),
          date: /\d\d\/\d\d\/\d{4} \d\d:\d\d/.test(document.querySelector('main').innerText),
          feedback: document.querySelector('main').innerText.includes('Gửi ý kiến phản hồi'),
        }));
        check(parts.h1 && parts.date && parts.feedback, `article at ${width}px has title, date and feedback link`, parts);
      }
      await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
    }
    await ctx.close();
  }
  // the sidebar search form, typed into and submitted like a person would
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/');
    const form = page.locator('aside form[action="/tim-kiem"]');
    await form.locator('input[name="q"]').fill('nông thôn mới');
    await form.locator('input[name="tu-ngay"]').fill('01/01/2000');
    await Promise.all([page.waitForURL(/\/tim-kiem\?/), form.getByRole('button', { name: 'Tìm kiếm' }).click()]);
    const url = new URL(page.url());
    check(url.searchParams.get('q') === 'nông thôn mới' && url.searchParams.get('tu-ngay') === '01/01/2000',
      `search form at ${width}px submits its fields`, page.url());
    const text = await page.locator('main').innerText();
    check(/Tìm thấy \d+ bài viết/.test(text), `search results at ${width}px show a count`, text.slice(0, 200));
    const marks = await page.locator('main mark').count();
    check(marks > 0, `search results at ${width}px highlight matches`, marks);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `search at ${width}px has no horizontal scrolling`, overflow);
    await page.screenshot({ path: path.join(shots, `search-${width}.png`), fullPage: true });
    await ctx.close();
  }
} catch (e) {
  check(false, 'browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
