// pagetypes.mjs — one address of every public page type and every newsroom
// room of the demo site, for the outside checks (a11y.test.mjs: axe-core;
// html.test.mjs: the Nu HTML Checker). Addresses that hold an id are found
// on the site itself (the first link of their list), so the lists follow the
// demo's content.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loaRun } from './harness.mjs';

export const admin = { login: 'qt.kiemtra', password: 'mat-khau-kiem-tra-11' };

// The demo database gets an admin for the newsroom rooms.
export function addAdmin(db) {
  const r = loaRun(['user', 'add', '--db', db, '--login', admin.login, '--role', 'admin', '--name', 'Quản trị kiểm tra'],
    admin.password + '\n');
  if (r.status !== 0) throw new Error(`loa user add: ${r.stderr}`);
}

// The first href on the page at `url` that matches `re` (a path), or throws.
async function firstLink(page, base, url, re) {
  await page.goto(base + url);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  const h = hrefs.find((x) => re.test(x));
  if (!h) throw new Error(`no link like ${re} on ${url}`);
  return h;
}

// [name, path] of every public page type.
export async function publicPages(page, base) {
  const article = await firstLink(page, base, '/', /^\/[a-z0-9-]+\/[a-z0-9-]+-\d+$/);
  const category = article.split('/').slice(0, 2).join('/');
  const draft = await firstLink(page, base, '/du-thao', /^\/du-thao\/[a-z0-9-]+-\d+$/);
  const doc = await firstLink(page, base, '/van-ban', /^\/van-ban\/[a-z0-9-]+-\d+$/);
  const about = await firstLink(page, base, '/gioi-thieu', /^\/gioi-thieu\/[a-z0-9-]+$/);
  const en = await firstLink(page, base, '/en/', /^\/en\/(?!organisation|leaders|directory)[a-z0-9-]+$/);
  return [
    ['home', '/'],
    ['category', category],
    ['article', article],
    ['article print view', article + '?ban-in=1'],
    ['search with results', '/tim-kiem?q=' + encodeURIComponent('nông thôn')],
    ['search without results', '/tim-kiem?q=zzzzqqq'],
    ['calendar', '/lich-cong-tac'],
    ['questions and answers', '/hoi-dap'],
    ['feedback tracking', '/gop-y/tra-cuu'],
    ['feedback tracking, unknown code', '/gop-y/tra-cuu?ma=GY-ZZZZZZ'],
    ['documents', '/van-ban'],
    ['document', doc],
    ['consultations', '/du-thao'],
    ['consultation', draft],
    ['consultation tracking', '/du-thao/tra-cuu?ma=DT-DEMMAQ'],
    ['consultation tracking, unknown code', '/du-thao/tra-cuu?ma=DT-ZZZZZZ'],
    ['organisation', '/co-cau-to-chuc'],
    ['leaders', '/lanh-dao'],
    ['directory', '/danh-ba'],
    ['about', '/gioi-thieu'],
    ['about page', about],
    ['English home', '/en/'],
    ['English page', en],
    ['English organisation', '/en/organisation'],
    ['English leaders', '/en/leaders'],
    ['English directory', '/en/directory'],
    ['access to information', '/tiep-can-thong-tin'],
    ['not found', '/khong-co-trang-nay'],
  ];
}

// [name, path] of every newsroom room; `page` is logged in.
export async function newsroomRooms(page, base) {
  const q = '/quan-tri';
  const article = await firstLink(page, base, q + '/bai-viet', /^\/quan-tri\/bai-viet\/\d+$/);
  const event = await firstLink(page, base, q + '/lich-cong-tac', /^\/quan-tri\/lich-cong-tac\/\d+$/);
  const feedback = await firstLink(page, base, q + '/gop-y?trang-thai=tat-ca', /^\/quan-tri\/gop-y\/\d+$/).catch(() => null);
  const orgPage = await firstLink(page, base, q + '/trang', /^\/quan-tri\/trang\/\d+$/);
  const unit = await firstLink(page, base, q + '/co-cau', /^\/quan-tri\/co-cau\/\d+$/);
  const official = await firstLink(page, base, q + '/can-bo', /^\/quan-tri\/can-bo\/\d+$/);
  const draft = await firstLink(page, base, q + '/du-thao', /^\/quan-tri\/du-thao\/\d+$/);
  const doc = await firstLink(page, base, q + '/van-ban', /^\/quan-tri\/van-ban\/\d+$/);
  const rooms = [
    ['dashboard', q],
    ['articles', q + '/bai-viet'],
    ['editor, new article', q + '/bai-viet/moi'],
    ['editor', article],
    ['revisions', article + '/phien-ban'],
    ['preview', article + '/xem-truoc'],
    ['media', q + '/anh'],
    ['calendar', q + '/lich-cong-tac'],
    ['calendar entry', event],
    ['categories', q + '/chuyen-muc'],
    ['links', q + '/lien-ket'],
    ['menu', q + '/trinh-don'],
    ['settings', q + '/thiet-lap'],
    ['users', q + '/nguoi-dung'],
    ['audit log', q + '/nhat-ky'],
    ['redirects', q + '/chuyen-huong'],
    ['own password', q + '/mat-khau'],
    ['feedback', q + '/gop-y'],
    ['pages', q + '/trang'],
    ['page editor', orgPage],
    ['organisation', q + '/co-cau'],
    ['organisation unit', unit],
    ['officials', q + '/can-bo'],
    ['official', official],
    ['consultations', q + '/du-thao'],
    ['consultation', draft],
    ['consultation comments', q + '/du-thao/y-kien'],
    ['documents', q + '/van-ban'],
    ['document', doc],
    ['document terms', q + '/van-ban/danh-muc'],
    ['not found', q + '/khong-co-phong-nay'],
  ];
  if (feedback) rooms.push(['feedback item', feedback]);
  return rooms;
}

// The server's test clock (loa serve --test-clock FILE): the forms refuse
// an instant submission, so the clock moves on instead of the test waiting.
export function testClock() {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'loa-clock-')), 'clock');
  let offset = 0;
  writeFileSync(file, '0\n');
  return { file, advance(s) { offset += s; writeFileSync(file, `${offset}\n`); } };
}

// The pages a citizen reaches by sending a form: the feedback form shown
// again with its errors, the thank-you page, the tracking page of the code
// it gives, and the same for a comment on an open draft. `visit(name,
// response)` is called with `page` showing each; `n` makes the texts
// differ between calls (the server refuses a repeated text).
export async function formPages(page, base, clock, visit, n) {
  await page.goto(base + '/hoi-dap');
  const form = page.locator('#gui-cau-hoi form');
  let [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
    form.locator('button[type="submit"]').click()]);
  await page.waitForLoadState('load');
  await visit('feedback form with errors', resp);
  await page.locator('#gy-ho-ten').fill('Lê Thị Mai');
  await page.locator('#gy-email').fill('mai.le@example.com');
  await page.locator('#gy-tieu-de').fill(`Góp ý về lịch thu gom rác ${n}`);
  await page.locator('textarea[name="noi-dung"]').fill(`Đề nghị xã bố trí thu gom rác vào buổi sáng, lần thứ ${n}.`);
  clock.advance(60);
  [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('form.fb-form button[type="submit"]').click()]);
  await page.waitForLoadState('load');
  await visit('feedback thanks', resp);
  const code = ((await page.locator('main').innerText()).match(/GY-[23456789A-Z]{6}/) || [])[0];
  if (!code) throw new Error('no feedback tracking code');
  resp = await page.goto(base + '/gop-y/tra-cuu?ma=' + code);
  await visit('feedback tracking with a code', resp);

  await page.goto(base + '/du-thao');
  const draft = await page.locator('.cs-item-title a').first().getAttribute('href');
  await page.goto(base + draft);
  await page.locator('#dt-ho-ten').fill('Nguyễn Thị Hoa');
  await page.locator('#dt-email').fill('hoa.nguyen@example.com');
  await page.locator('form.cs-form textarea[name="noi-dung"]').fill(`Đề nghị bổ sung kinh phí nạo vét kênh mương, ý kiến ${n}.`);
  clock.advance(60);
  [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('form.cs-form button[type="submit"]').click()]);
  await page.waitForLoadState('load');
  if (await page.locator('.fb-thanks').count() !== 1) throw new Error('the comment was not thanked');
  await visit('consultation thanks', resp);
}
