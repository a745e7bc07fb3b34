// Browser test of the newsroom's whole flow in headless Chromium: a writer
// logs in, writes an article with an uploaded image and caption and submits
// it; an approver previews and publishes it; the article appears on the home
// page with its image and caption. Screenshots of the editor at 1280 px go
// to tests/browser/screenshots/.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { check, failed, launch, loaRun, loginNewsroom, shots, startDemo } from './harness.mjs';

// A small PNG (a green field under a blue sky), made here.
function png(w, h) {
  const table = new Int32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  const crc = (buf) => {
    let c = -1;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  };
  const chunk = (type, data) => {
    const t = Buffer.from(type);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(Buffer.concat([t, data])));
    return Buffer.concat([len, t, data, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) {
      const sky = y < h * 0.55;
      row.set(sky ? [110, 170, 230] : [60, 150 + (x % 20), 60], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const users = { 'pv.hang': ['writer', 'mat-khau-phong-vien-1'], 'bt.tuan': ['approver', 'mat-khau-bien-tap-1'],
  'qt.lan': ['admin', 'mat-khau-quan-tri-1'] };
const title = 'Thôn Khe Tâm ra quân làm đường giao thông nông thôn';
const caption = 'Bà con thôn Khe Tâm đổ bê tông đoạn đường mới.';
let site, browser, base, imageFile;

async function login(ctx, who) {
  const page = await ctx.newPage();
  await loginNewsroom(page, base, who, users[who][1]);
  return page;
}

try {
  site = await startDemo('loa-newsroom-', (db, tmp) => {
    for (const [login, [role, pw]] of Object.entries(users)) {
      const r = loaRun(['user', 'add', '--db', db, '--login', login, '--role', role, '--name', login], pw + '\n');
      check(r.status === 0, `loa user add ${login}`, r.stderr);
    }
    imageFile = path.join(tmp, 'canh-dong.png');
    writeFileSync(imageFile, png(640, 360));
  });
  base = site.base;
  browser = await launch();

  // the writer
  const wctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const w = await login(wctx, 'pv.hang');
  check((await w.locator('main').innerText()).length > 0, 'writer reaches the dashboard');
  await w.goto(base + '/quan-tri/bai-viet/moi');
  await w.locator('input[name="tieu-de"]').fill(title);
  await w.locator('textarea[name="sapo"]').fill('Người dân góp công, góp sức làm 1,2 km đường bê tông.');
  await w.locator('select[name="chuyen-muc"]').selectOption({ index: 1 });
  const body = w.locator('[contenteditable="true"]').first();
  await body.click();
  await w.keyboard.type('Sáng nay, hơn 100 người dân thôn Khe Tâm đã ra quân làm đường.');
  await w.keyboard.press('Enter');
  check(/^<p>Sáng nay, hơn 100 người dân/.test(await body.innerHTML()),
    'the first paragraph typed into an empty editor is a <p> of its own', (await body.innerHTML()).slice(0, 120));
  await w.getByRole('button', { name: 'Chèn ảnh' }).first().click();
  const dlg = w.locator('dialog[open]');
  await dlg.getByRole('tab', { name: 'Tải ảnh mới lên' }).click();
  await dlg.locator('input[type="file"]').setInputFiles(imageFile);
  await dlg.getByLabel('Mô tả ảnh (cho người khiếm thị)').last().fill('Người dân làm đường');
  await dlg.getByLabel('Chú thích', { exact: true }).fill(caption);
  await dlg.getByRole('button', { name: 'Tải lên' }).click();
  await dlg.getByText('Đã tải ảnh lên').waitFor({ timeout: 15000 });
  await dlg.locator('.dlg-foot button.btn-primary, button.btn-primary:has-text("Chèn ảnh")').last().click();
  await w.waitForTimeout(300);
  const html = await body.innerHTML();
  check(/<figure>.*<img[^>]+src="\/media\/.*<figcaption>/.test(html) && html.includes(caption),
    'the uploaded image and its caption are in the body', html.slice(0, 300));
  await w.screenshot({ path: path.join(shots, 'editor-1280.png'), fullPage: true });
  await Promise.all([w.waitForURL(/\/quan-tri\/bai-viet\/\d+\?tb=da-gui-duyet/),
    w.getByRole('button', { name: 'Gửi duyệt' }).click()]);
  const articleUrl = new URL(w.url()).pathname;
  check(/Chờ duyệt/.test(await w.locator('main').innerText()), 'the article is waiting for review');
  await w.screenshot({ path: path.join(shots, 'editor-submitted-1280.png'), fullPage: true });

  // the approver
  const actx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const a = await login(actx, 'bt.tuan');
  check((await a.locator('main').innerText()).includes(title), 'the approver sees it on the dashboard');
  await a.goto(base + articleUrl);
  const previewResp = await a.request.get(base + articleUrl + '/xem-truoc');
  const preview = await previewResp.text();
  check(previewResp.status() === 200 && preview.includes(title) && preview.includes(caption),
    'preview shows the article as the public page will');
  await Promise.all([a.waitForURL(/tb=da-xuat-ban/), a.getByRole('button', { name: 'Xuất bản ngay' }).click()]);

  // a reader
  const rctx = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
  const r = await rctx.newPage();
  await r.goto(base + '/');
  check((await r.locator('main').innerText()).includes(title), 'the article is on the home page');
  await r.getByRole('link', { name: title }).first().click();
  const fig = r.locator('main figure').first();
  check(await fig.locator('img').isVisible(), 'the article page shows the uploaded image');
  check((await fig.locator('figcaption').innerText()).includes(caption), 'with its caption');
  check(await r.locator('main .article-body > p').first().innerText().then((t) => t.startsWith('Sáng nay, hơn 100')),
    'the first paragraph is a paragraph on the public page too');
  await r.screenshot({ path: path.join(shots, 'published-article-360.png'), fullPage: true });

  // the approver picks the cover from the library: the article gets its sizes
  await a.goto(base + articleUrl);
  await a.getByRole('button', { name: 'Chọn từ thư viện ảnh' }).click();
  const cdlg = a.locator('dialog[open]');
  await cdlg.locator('.pick-item button').first().click();
  await cdlg.getByRole('button', { name: 'Dùng ảnh này' }).click();
  const coverUrl = await a.locator('input[name="anh-dai-dien"]').inputValue();
  const coverSet = await a.locator('input[name="anh-dai-dien-srcset"]').inputValue();
  check(/^\/media\//.test(coverUrl) && / \d+w/.test(coverSet), 'choosing a cover fills its address and sizes',
    coverUrl + ' | ' + coverSet);
  const previewSrc = await a.locator('[data-cover-preview] img').getAttribute('src');
  check(/-\d+\.webp$/.test(previewSrc), 'the cover preview shows the small WebP size, not the original', previewSrc);
  await Promise.all([a.waitForURL(/tb=da-luu/), a.getByRole('button', { name: 'Cập nhật' }).click()]);
  check(await a.locator('input[name="anh-dai-dien-srcset"]').inputValue() === coverSet, 'the sizes are saved');
  check(/-\d+\.webp$/.test(await a.locator('[data-cover-preview] img').getAttribute('src')),
    'after saving, the cover preview is still the small size');
  await a.locator('input[name="anh-dai-dien"]').fill('/media/go-tay.jpg');
  check(await a.locator('input[name="anh-dai-dien-srcset"]').inputValue() === '', 'typing an address clears the sizes');
  await r.reload();
  check(await r.locator('figure.article-cover img').getAttribute('srcset') === coverSet,
    'the public cover has the srcset');

  // the admin picks the site's logo from the library
  const qctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const q = await login(qctx, 'qt.lan');
  await q.goto(base + '/quan-tri/thiet-lap');
  await q.getByRole('button', { name: 'Chọn từ thư viện ảnh' }).click();
  const ldlg = q.locator('dialog[open]');
  await ldlg.locator('.pick-item button').first().click();
  await ldlg.getByRole('button', { name: 'Dùng ảnh này' }).click();
  const logo = await q.locator('input[name="logo"]').inputValue();
  check(/^\/media\//.test(logo) && await q.locator('#logo-preview img').isVisible(), 'choosing a logo fills the field', logo);
  await Promise.all([q.waitForURL(/tb=da-luu/), q.getByRole('button', { name: 'Lưu thiết lập' }).click()]);
  await r.goto(base + '/');
  const logoImg = r.locator('header.site-header img.site-logo');
  check(await logoImg.isVisible() && await logoImg.getAttribute('src') === logo, 'the public header shows the logo');
  const box = await logoImg.boundingBox();
  check(box && box.height > 30 && box.height <= 56, 'the logo is about 56 px high', JSON.stringify(box));
  await r.screenshot({ path: path.join(shots, 'logo-home-360.png') });
} catch (e) {
  check(false, 'newsroom browser test ran', String(e && e.stack || e));
} finally {
  if (browser) await browser.close();
  if (site) site.stop();
}
process.exit(failed() ? 1 : 0);
