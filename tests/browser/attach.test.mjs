// Browser test of attachments at 360 px (a cheap phone) and 1280 px: the open
// draft's papers ("Hồ sơ dự thảo"), the closed draft's report file, the
// calendar entry's invitation, a download with its original name, and the
// newsroom's files panel with its upload form. Screenshots in screenshots/.
import path from 'node:path';
import { check, failed, launch, loaRun, loginNewsroom, noOverflow, shots, startDemo } from './harness.mjs';


let site, browser;
try {
  site = await startDemo('loa-attach-', (db) => {
    const r = loaRun(['user', 'add', '--db', db, '--login', 'bt.lan', '--role', 'approver', '--name', 'Bùi Lan'],
      'mat-khau-bien-tap-2\n');
    check(r.status === 0, 'loa user add', r.stderr);
  });
  const base = site.base;
  browser = await launch();
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(base + '/du-thao');
    await page.goto(base + await page.locator('.cs-item-title a').first().getAttribute('href'));
    const papers = await page.locator('.cs-summary .file-list li').allInnerTexts();
    check(papers.length === 2 && /Toàn văn dự thảo/.test(papers[0]) && /Word/.test(papers[0]),
      `${width}px: the open draft lists its two papers with type and size`, papers);
    await noOverflow(page, `draft with files at ${width}px`);
    await page.locator('.cs-summary').screenshot({ path: path.join(shots, `attach-draft-${width}.png`) });
    if (width === 1280) {
      const [dl] = await Promise.all([page.waitForEvent('download'),
        page.locator('.cs-summary .file-list a').first().click()]);
      check(dl.suggestedFilename() === 'du-thao-ke-hoach-ktxh-2027.docx',
        'the download keeps the original file name', dl.suggestedFilename());
    }
    await page.goto(base + '/du-thao?trang-thai=da-ket-thuc');
    await page.goto(base + await page.locator('.cs-item-title a').first().getAttribute('href'));
    const report = await page.locator('.cs-report .file-list').innerText();
    check(/Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý/.test(report),
      `${width}px: the closed draft shows its report file`, report);
    await page.locator('.cs-report').screenshot({ path: path.join(shots, `attach-report-${width}.png`) });
    await page.goto(base + '/lich-cong-tac');
    const inv = page.locator('.cal-files').first();
    check(/Giấy mời họp giao ban/.test(await inv.innerText()), `${width}px: the calendar shows the invitation`);
    await noOverflow(page, `calendar with files at ${width}px`);
    await inv.locator('xpath=ancestor::tr').screenshot({ path: path.join(shots, `attach-calendar-${width}.png`) });
    await ctx.close();
  }
  for (const width of [1280, 360]) {
    const actx = await browser.newContext({ viewport: { width, height: 900 } });
    const a = await actx.newPage();
    await loginNewsroom(a, base, 'bt.lan', 'mat-khau-bien-tap-2');
    await a.goto(base + '/quan-tri/du-thao');
    await a.goto(base + await a.locator('.cs-table a[href^="/quan-tri/du-thao/"]').first().getAttribute('href'));
    const panel = a.locator('#tep');
    check(await panel.locator('.attach-list li').count() === 2, `${width}px: the newsroom lists the draft's files`);
    check(await panel.locator('input[type="file"][name="tep"]').count() === 1, `${width}px: with an upload form`);
    await noOverflow(a, `newsroom files panel at ${width}px`);
    await panel.screenshot({ path: path.join(shots, `attach-admin-${width}.png`) });
    await actx.close();
  }
} catch (e) {
  check(false, 'attachments browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
