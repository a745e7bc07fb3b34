// Browser test: a citizen sends feedback from an article page with the
// keyboard only (Tab between fields, Enter on the button) and reads the
// confirmation with its tracking code. Screenshots at 360 px.
import path from 'node:path';
import { check, failed, launch, shots, startDemo } from './harness.mjs';
import { testClock } from './pagetypes.mjs';

let site, browser;
try {
  const clock = testClock();
  site = await startDemo('loa-feedback-', null, ['--test-clock', clock.file]);
  const base = site.base;
  browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(base + '/');
  const href = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href'))
    .find((h) => /^\/[a-z0-9-]+\/[a-z0-9-]+-\d+$/.test(h)));
  await page.goto(base + href);
  const form = page.locator('#gui-y-kien form');
  check(await form.count() === 1, 'the article page has the feedback form');
  // the honeypot is out of the tab order and hidden from assistive technology
  const trap = await page.locator('input[name="website"]').evaluate((el) => ({
    tab: el.tabIndex, hidden: !!el.closest('[aria-hidden="true"]'),
  }));
  check(trap.tab < 0 && trap.hidden, 'the honeypot is never reached with the keyboard', trap);
  // keyboard only from the first field on
  await form.locator('input[name="ho-ten"]').focus();
  await page.keyboard.type('Lê Thị Mai');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Thôn Nam Hả');
  await page.keyboard.press('Tab');
  await page.keyboard.type('mai.le@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('0988 123 456');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Góp ý về lịch thu gom rác');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Đề nghị xã bố trí thu gom rác vào buổi sáng để tránh mùi vào buổi trưa.');
  const order = await page.evaluate(() => document.activeElement && document.activeElement.name);
  check(order === 'noi-dung', 'Tab moves field by field to the content', order);
  clock.advance(4); // a person takes a moment (the server's clock moves); it refuses instant submissions as spam
  // Tab on until the submit button has the focus, then Enter
  let onButton = false;
  for (let i = 0; i < 6 && !onButton; i++) {
    await page.keyboard.press('Tab');
    onButton = await page.evaluate(() => document.activeElement && document.activeElement.tagName === 'BUTTON');
  }
  check(onButton, 'the send button is reached with Tab');
  await Promise.all([page.waitForURL(/\/gop-y$/), page.keyboard.press('Enter')]);
  const text = await page.locator('main').innerText();
  const code = (text.match(/GY-[23456789A-Z]{6}/) || [])[0];
  check(/Cảm ơn/.test(text) && code, 'the confirmation thanks the reader and gives a tracking code', text.slice(0, 200));
  await page.screenshot({ path: path.join(shots, 'feedback-thanks-360.png'), fullPage: true });
  if (code) {
    await page.goto(base + '/gop-y/tra-cuu?ma=' + code);
    check(/Đã tiếp nhận/.test(await page.locator('main').innerText()), 'the tracking page shows it as received');
    await page.screenshot({ path: path.join(shots, 'feedback-track-360.png'), fullPage: true });
  }
  // errors are announced next to the fields, and the text is kept
  await page.goto(base + href);
  await form.locator('input[name="ho-ten"]').focus();
  await page.keyboard.type('Người Thiếu Liên Hệ');
  await form.locator('textarea[name="noi-dung"]').fill('Nội dung đủ dài nhưng thiếu cách liên hệ.');
  await form.locator('input[name="tieu-de"]').fill('Thiếu liên hệ');
  clock.advance(4);
  await Promise.all([page.waitForURL(/\/gop-y$/), form.locator('button[type="submit"]').press('Enter')]);
  const alert = await page.locator('[role="alert"]').allInnerTexts();
  check(alert.some((t) => /điện thoại/.test(t)), 'a missing contact is explained next to the field', alert);
  check(await page.locator('input[name="ho-ten"]').inputValue() === 'Người Thiếu Liên Hệ', 'the typed name is kept');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, 'no horizontal scrolling at 360 px', overflow);
  await page.screenshot({ path: path.join(shots, 'feedback-errors-360.png'), fullPage: true });
} catch (e) {
  check(false, 'feedback browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
