// Browser test of what the newsroom gained from issue 11, at 360 and 1280 px:
// the users room handing over a generated password, the media library's
// search and refused delete, the article list's bulk actions, the editor's
// slug, SEO description and related articles, the public page's share links
// and attachments. Screenshots go to tests/browser/screenshots/rooms-*.png.
import path from 'node:path';
import zlib from 'node:zlib';
import { check, failed, launch, loaRun, loginNewsroom, noOverflow, shots, startDemo } from './harness.mjs';

const users = { 'qt.minh': ['admin', 'mat-khau-quan-tri-9'], 'pv.thu': ['writer', 'mat-khau-phong-vien-9'] };
let site, browser;

// A plain PNG of w × h (one colour), made here.
function png(w, h) {
  const table = new Int32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  const crc = (buf) => { let c = -1; for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ -1) >>> 0; };
  const chunk = (type, data) => {
    const t = Buffer.from(type), len = Buffer.alloc(4), sum = Buffer.alloc(4);
    len.writeUInt32BE(data.length); sum.writeUInt32BE(crc(Buffer.concat([t, data])));
    return Buffer.concat([len, t, data, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) row.set([40, 120, 200], 1 + x * 3);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array(h).fill(row)))), chunk('IEND', Buffer.alloc(0))]);
}

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

    // media: upload, search without diacritics, a delete refused while it is the logo
    await page.goto(base + '/quan-tri/anh');
    await page.locator('#tep').setInputFiles({ name: `quang-canh-${width}.png`, mimeType: 'image/png', buffer: png(640, 360) });
    await page.locator('#up-caption').fill(`Quang cảnh hội nghị ${width}`);
    await Promise.all([page.waitForURL(/tb=da-tai-anh/), page.getByRole('button', { name: 'Tải lên' }).click()]);
    await page.getByLabel('Tìm theo tên tệp, chú thích, mô tả').fill(`hoi nghi ${width}`);
    await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: 'Tìm', exact: true }).click()]);
    check(await page.locator('.media-card').count() === 1, `the search finds the image (${width} px)`);
    const url = await page.locator('.media-card input[readonly]').first().inputValue();
    await page.goto(base + '/quan-tri/thiet-lap');
    await page.locator('input[name="logo"]').fill(url);
    await Promise.all([page.waitForURL(/tb=da-luu/), page.getByRole('button', { name: 'Lưu thiết lập' }).click()]);
    await page.goto(base + '/quan-tri/anh?q=' + encodeURIComponent(`hoi nghi ${width}`));
    await Promise.all([page.waitForLoadState('load'), page.locator('.media-card').getByRole('button', { name: /^Xóa ảnh/ }).click()]);
    const refusal = page.locator('#refused');
    check(await refusal.isVisible() && /Logo của trang/.test(await refusal.innerText()),
      `a delete of the logo is refused, naming it (${width} px)`);
    await noOverflow(page, `media library with a refusal (${width} px)`);
    await page.screenshot({ path: path.join(shots, `rooms-media-${width}.png`), fullPage: true });
    await page.goto(base + '/quan-tri/thiet-lap');
    await page.locator('input[name="logo"]').fill('');
    await Promise.all([page.waitForURL(/tb=da-luu/), page.getByRole('button', { name: 'Lưu thiết lập' }).click()]);
    await page.goto(base + '/quan-tri/anh?q=' + encodeURIComponent(`hoi nghi ${width}`));
    await Promise.all([page.waitForURL(/tb=da-xoa-anh/), page.locator('.media-card').getByRole('button', { name: /^Xóa ảnh/ }).click()]);
    check(await page.locator('.media-card img[src*="quang-canh-' + width + '"]').count() === 0, `the unused image is deleted (${width} px)`);

    // the article list: view counts, two rows checked, moved back to draft, then published again
    await page.goto(base + '/quan-tri/bai-viet');
    check(await page.locator('th', { hasText: 'Lượt xem' }).count() === 1, `the list has a views column (${width} px)`);
    const boxes = page.locator('input[name="chon"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByLabel('Với các bài đã chọn', { exact: true }).selectOption('ve-nhap');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Áp dụng' }).click()]);
    const result = page.locator('#bulk-result');
    check(await result.isVisible() && /Đã chuyển về nháp 2 bài/.test(await result.innerText()), `bulk: two back to draft (${width} px)`);
    await noOverflow(page, `article list after a bulk action (${width} px)`);
    await page.screenshot({ path: path.join(shots, `rooms-articles-${width}.png`), fullPage: false });
    await page.locator('.articles-table tbody tr').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `rooms-articles-rows-${width}.png`), fullPage: false });
    await page.goto(base + '/quan-tri/bai-viet?trang-thai=nhap');
    await page.locator('#chon-tat-ca').check();
    check(await boxes.evaluateAll((l) => l.length > 0 && l.every((b) => b.checked)), `"select all" checks every row (${width} px)`);
    await page.getByLabel('Với các bài đã chọn', { exact: true }).selectOption('xuat-ban');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Áp dụng' }).click()]);
    check(/Đã xuất bản 2 bài/.test(await page.locator('#bulk-result').innerText()), `bulk: published again (${width} px)`);

    // the editor: a new slug, an SEO description, two related articles picked by search and reordered
    await page.goto(base + '/quan-tri/bai-viet?trang-thai=da-dang');
    const editUrls = await page.locator('a.row-title').evaluateAll((l) => l.slice(0, 3).map((a) => a.getAttribute('href')));
    const titles = await page.locator('a.row-title').evaluateAll((l) => l.slice(0, 3).map((a) => a.textContent));
    await page.goto(base + editUrls[0]);
    await page.getByLabel('Đường dẫn của bài').fill(`bai-thu-nghiem-${width}`);
    await page.getByLabel('Mô tả ngắn (cho Google, Facebook, Zalo)').fill('Mô tả để chia sẻ');
    const finder = page.getByLabel('Tìm bài đã đăng để thêm');
    while (await page.locator('[data-related-list] li').count()) // picks of an earlier width go first
      await page.locator('[data-related-list] li').first().locator('[data-related-remove]').click();
    for (const t of [titles[1], titles[2]]) {
      await finder.fill(t.slice(0, 20));
      const add = page.locator('[data-related-results] li', { hasText: t }).getByRole('button', { name: /^Thêm/ });
      await add.click();
    }
    const picks = page.locator('[data-related-list] .related-title');
    check((await picks.allInnerTexts()).join('|') === `${titles[1]}|${titles[2]}`, `two picks added by search (${width} px)`);
    await page.locator('[data-related-list] li').nth(1).getByRole('button', { name: /^Lên/ }).click();
    check((await picks.allInnerTexts()).join('|') === `${titles[2]}|${titles[1]}`, `a pick moves up (${width} px)`);
    await noOverflow(page, `editor with slug, description and picks (${width} px)`);
    await page.locator('#h-seo').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `rooms-editor-${width}.png`) });
    await page.locator('[data-related]').screenshot({ path: path.join(shots, `rooms-related-${width}.png`) });
    await Promise.all([page.waitForURL(/tb=da-luu/), page.locator('button[name="action"][value="luu-nhap"]').click()]);
    const pub = await page.locator('a', { hasText: 'Xem trên trang' }).first().getAttribute('href');
    check(pub.includes(`/bai-thu-nghiem-${width}-`), `the new slug is the address (${width} px)`, pub);
    await page.goto(base + pub);
    const rel = await page.locator('section.related li a').allInnerTexts();
    check(rel[0] === titles[2] && rel[1] === titles[1], `the public page lists the picks first, in order (${width} px)`, rel);
    check(await page.locator('meta[property="og:description"]').getAttribute('content') === 'Mô tả để chia sẻ',
      `og:description is the SEO description (${width} px)`);

    // share links: plain links, named, tap targets of 24 px or more; copying the link
    for (const [role, name] of [['link', /^Facebook/], ['link', /^Zalo/], ['button', /^Sao chép liên kết/]]) {
      const t = page.locator('.tool-share').getByRole(role, { name });
      const box = await t.boundingBox();
      check(box && box.height >= 24 && box.width >= 24, `share target ${name.source} is at least 24 × 24 px (${width} px)`, box);
    }
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
    await page.locator('[data-copy-status]').filter({ hasText: 'Đã sao chép' }).waitFor({ state: 'attached' });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    check(copied === await page.locator('link[rel="canonical"]').getAttribute('href'), `the copied link is the article's address (${width} px)`, copied);
    await page.locator('.article-tools').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, `rooms-share-${width}.png`) });

    // attachments: a PDF added in the editor's files panel, listed and downloadable on the public page
    await page.goto(base + editUrls[0]);
    await page.locator('#t-tep').setInputFiles({ name: 'ke-hoach.pdf', mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await page.locator('#t-ten').fill(`Kế hoạch năm 2027 (${width})`);
    await Promise.all([page.waitForURL(/tb=da-tai-tep/), page.getByRole('button', { name: 'Tải tệp lên' }).click()]);
    check(await page.locator('#tep a', { hasText: `Kế hoạch năm 2027 (${width})` }).count() === 1, `the editor lists the file (${width} px)`);
    await noOverflow(page, `editor with a file (${width} px)`);
    await page.locator('#tep').screenshot({ path: path.join(shots, `rooms-files-${width}.png`) });
    await page.goto(base + pub);
    const file = page.locator('.article-files a', { hasText: `Kế hoạch năm 2027 (${width})` });
    check(await file.count() === 1, `the public page lists the file (${width} px)`);
    const fbox = await file.boundingBox();
    check(fbox && fbox.height >= 24, `the file link is at least 24 px high (${width} px)`, fbox);
    await noOverflow(page, `article with a file (${width} px)`);
    await page.locator('.article-files').screenshot({ path: path.join(shots, `rooms-public-files-${width}.png`) });
    await ctx.close();
  }
} catch (e) {
  check(false, 'rooms browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
