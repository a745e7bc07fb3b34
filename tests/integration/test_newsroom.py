"""Integration tests of what the newsroom gained from issue 11: roles and
passwords (the last admin kept, a generated password shown once, the CLI's
short forms), the media library's search and delete, bulk actions and view
counts in the article list, the editor's slug, SEO description and related
articles, share links and attachments on the public article page."""
import json
import re
import sqlite3
import struct
import urllib.parse
import zlib

from loatest import Server, Session, check, loa, multipart, run_tests

S = Server()
PW = {"chu.tri": "mat-khau-chu-tri-2026", "bien.tap": "mat-khau-bien-tap-2026", "phong.vien": "mat-khau-phong-vien-26",
      "nguoi.moi": "mat-khau-nguoi-moi-2026"}
ROLES = {"chu.tri": "admin", "bien.tap": "approver", "phong.vien": "writer", "nguoi.moi": "writer"}
for _login, _role in ROLES.items():
    _r = loa("user", "add", "--db", S.db, "--login", _login, "--role", _role, "--name", _login.title(),
             input=PW[_login] + "\n")
    assert _r.returncode == 0, _r.stderr
S.start()


def logged(login, pw=None):
    s = Session(S)
    r = s.login(login, pw or PW[login])
    assert r.status == 303, (login, r.status)
    return s


def user_url(page, login):
    m = re.search(r'action="(/quan-tri/nguoi-dung/\d+)"[^>]*>(?:(?!</tr>).)*?Mật khẩu mới cho ' + re.escape(login),
                  page, re.S)
    return m.group(1) if m else None


def test_last_admin():
    r = loa("user", "role", "chu.tri", "writer", "--db", S.db)
    check(r.returncode != 0 and "cuối cùng" in r.stderr, "the CLI will not demote the last admin", r.stdout + r.stderr)
    r = loa("user", "disable", "--db", S.db, "--login", "chu.tri")
    check(r.returncode != 0 and "cuối cùng" in r.stderr, "the CLI will not lock the last admin", r.stderr)
    q = logged("chu.tri")
    page = q.req("/quan-tri/nguoi-dung").text
    url = user_url(page, "chu.tri")
    check(url is not None, "the users room lists the admin")
    r = q.post(url, {"action": "khoa"}, token_from="/quan-tri/nguoi-dung")
    # in the room the last admin can only be oneself, refused first
    check(r.status == 422 and "tự khóa" in r.text, "the room will not lock the last admin", r.status)
    # a second admin, made by the short form of the CLI; then the first may go
    r = loa("user", "role", "bien.tap", "admin", "--db", S.db)
    check(r.returncode == 0 and "admin" in r.stdout, "loa user role NAME ROLE", r.stdout + r.stderr)
    r = loa("user", "role", "bien.tap", "approver", "--db", S.db, "--role", "admin")
    check(r.returncode == 2, "a role given twice is refused", r.stderr)
    r = loa("user", "role", "chu.tri", "approver", "--db", S.db)
    check(r.returncode == 0, "with another admin, an admin can be demoted", r.stderr)
    r = loa("user", "role", "chu.tri", "admin", "--db", S.db)
    r = loa("user", "role", "bien.tap", "approver", "--db", S.db)
    check(r.returncode == 0, "and promoted back", r.stderr)


def test_generated_password():
    q = logged("chu.tri")
    victim = logged("nguoi.moi")
    check(victim.req("/quan-tri").status == 200, "the user is logged in")
    url = user_url(q.req("/quan-tri/nguoi-dung").text, "nguoi.moi")
    r = q.post(url, {"action": "tao-mat-khau"}, token_from="/quan-tri/nguoi-dung")
    m = re.search(r'id="gen-pw" type="text" value="([a-z2-9-]+)"', r.text)
    check(r.status == 200 and m is not None, "a generated password is shown once", r.status)
    check("no-store" in (r.header("cache-control") or ""), "the answer that shows it is never cached")
    check(victim.req("/quan-tri").status in (302, 303), "the user's sessions end")
    check(Session(S).login("nguoi.moi", PW["nguoi.moi"]).status == 401, "the old password no longer works")
    if m:
        check(Session(S).login("nguoi.moi", m.group(1)).status == 303, "the generated one does")
    again = q.req("/quan-tri/nguoi-dung").text
    check('id="gen-pw"' not in again, "it is not shown again")
    with sqlite3.connect(S.db) as db:
        row = db.execute("SELECT pw_hash FROM users WHERE login='nguoi.moi'").fetchone()
    check(row and row[0].startswith("$argon2id$") and (not m or m.group(1) not in row[0]), "only its argon2id hash is kept")
    r = loa("user", "passwd", "nguoi.moi", "--db", S.db, input="mot-mat-khau-dai-moi-2026\n")
    check(r.returncode == 0, "loa user passwd NAME", r.stderr)
    check(Session(S).login("nguoi.moi", "mot-mat-khau-dai-moi-2026").status == 303, "the password set by the CLI works")
    PW["nguoi.moi"] = "mot-mat-khau-dai-moi-2026"
    r = loa("user", "passwd", "nguoi.moi", "--generate", "--db", S.db)
    m = re.search(r": ([a-z2-9]{4}(?:-[a-z2-9]{4}){3})$", r.stdout, re.M)
    check(r.returncode == 0 and m is not None, "loa user passwd --generate prints a password once", r.stdout + r.stderr)
    if m:
        check(Session(S).login("nguoi.moi", m.group(1)).status == 303, "and it works")
        PW["nguoi.moi"] = m.group(1)
    check(loa("user", "role", "nguoi.moi", "writer", "--generate", "--db", S.db).returncode == 2,
          "--generate belongs to passwd only")


def png(width, height):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"".join(b"\x00" + b"\x30\x90\x40" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def upload(s, name, caption, width=700, height=400):
    body, ctype = multipart({"csrf": s.csrf("/quan-tri/anh"), "alt": "", "chu-thich": caption},
                            {"tep": (name, "image/png", png(width, height))})
    r = s.req("/quan-tri/anh", "POST", body=body, ctype=ctype, headers={"Accept": "application/json"})
    assert r.status == 200, (r.status, r.text[:300])
    return json.loads(r.text)["item"]


def test_media_search_and_delete():
    w = logged("phong.vien")
    a = upload(w, "toan-canh-xa.png", "Hội nghị tổng kết năm 2026")
    b = upload(w, "ruong-lua.png", "Cánh đồng mẫu lớn")
    page = w.req("/quan-tri/anh?q=" + urllib.parse.quote("hoi nghi")).text
    check(a["url"] in page and b["url"] not in page, "a search without diacritics finds the caption")
    page = w.req("/quan-tri/anh?q=" + urllib.parse.quote("RUỘNG lúa")).text
    check(b["url"] in page and a["url"] not in page, "the file name is searched too, in any case and accent")
    check("Có <strong>1</strong> ảnh" in page, "the number of matches is shown")
    page = w.req("/quan-tri/anh?q=" + urllib.parse.quote("không có đâu")).text
    check("Không có ảnh nào khớp" in page, "no match says so")
    js = json.loads(w.req("/quan-tri/anh.json?q=dong").text)
    check([i["url"] for i in js["items"]] == [b["url"]], "the editor's picker searches too", js)
    check(w.req("/quan-tri/anh?q=" + "x" * 300).status == 200, "an overlong search is ignored, not an error")
    check("/xoa" not in w.req("/quan-tri/anh").text, "a writer is not offered to delete")
    r = w.post("/quan-tri/anh/%d/xoa" % a["id"], {}, token_from="/quan-tri/anh")
    check(r.status == 403, "a writer cannot delete an image", r.status)

    e = logged("bien.tap")
    with sqlite3.connect(S.db) as db:
        # (an article's body cannot be written from here: its search index
        # needs loa's tokenizer; a page's body is checked the same way)
        pg = db.execute("SELECT id, title FROM org_pages ORDER BY id LIMIT 1").fetchone()
        cover = db.execute("SELECT id, title FROM articles ORDER BY id DESC LIMIT 1").fetchone()
        db.execute("UPDATE org_pages SET body_html = body_html || ? WHERE id = ?",
                   ('<p><img src="%s" alt=""></p>' % a["url"], pg[0]))
        db.execute("UPDATE articles SET image = ? WHERE id = ?", (a["url"], cover[0]))
        db.execute("UPDATE sites SET logo = ?", (a["url"],))
    r = e.post("/quan-tri/anh/%d/xoa" % a["id"], {}, token_from="/quan-tri/anh")
    check(r.status == 409 and "đang được dùng" in r.text, "deleting an image in use is refused", r.status)
    check("Trong trang giới thiệu" in r.text and ("/quan-tri/trang/%d" % pg[0]) in r.text,
          "the refusal names the page whose body shows it, with a link")
    check("Ảnh đại diện của bài viết" in r.text and "Logo của trang" in r.text, "and the cover and the logo")
    check(S.get(a["url"]).status == 200, "the refused image still answers")
    with sqlite3.connect(S.db) as db:
        db.execute("UPDATE org_pages SET body_html = replace(body_html, ?, '') WHERE id = ?",
                   ('<p><img src="%s" alt=""></p>' % a["url"], pg[0]))
        db.execute("UPDATE articles SET image = '' WHERE id = ?", (cover[0],))
        db.execute("UPDATE sites SET logo = ''")
    sizes = [u.split(" ")[0] for u in a["srcset"].split(", ") if u]
    check(len(sizes) >= 1 and all(S.get(u).status == 200 for u in sizes), "its WebP sizes are served", a["srcset"])
    r = e.post("/quan-tri/anh/%d/xoa" % a["id"], {}, token_from="/quan-tri/anh")
    check(r.status == 303 and "da-xoa-anh" in (r.header("location") or ""), "an unused image is deleted", r.status)
    check(S.get(a["url"]).status == 404 and all(S.get(u).status == 404 for u in sizes),
          "its file and every WebP size are gone from disk")
    check(a["url"] not in e.req("/quan-tri/anh").text, "and from the library")
    r = e.post("/quan-tri/anh/%d/xoa" % a["id"], {}, token_from="/quan-tri/anh")
    check(r.status == 404, "deleting it again: 404", r.status)
    check("Xóa ảnh" in logged("chu.tri").req("/quan-tri/nhat-ky").text, "the audit log names the deletion in Vietnamese")


def editor_fields(s, path):
    import html
    text = s.req(path).text
    # (the related picks are repeated fields: each test sends its own)
    form = {n: v for n, v in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', text)
            if not n.startswith("lien-quan")}
    form.update({n: v for n, v in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', text, re.S)})
    sel = re.search(r'<select[^>]*name="chuyen-muc"[^>]*>(.*?)</select>', text, re.S)
    if sel:
        chosen = re.search(r'<option value="(\d+)" selected', sel.group(1))
        form["chuyen-muc"] = chosen.group(1) if chosen else re.findall(r'<option value="(\d+)"', sel.group(1))[0]
    return {k: html.unescape(v) for k, v in form.items()}


def new_article(s, title, **extra):
    form = editor_fields(s, "/quan-tri/bai-viet/moi")
    form.update({"tieu-de": title, "sapo": "Tóm tắt " + title, "body_html": "<p>Nội dung của " + title + "</p>",
                 "action": "luu-nhap"})
    form.update(extra)
    r = s.req("/quan-tri/bai-viet/moi", "POST", form)
    m = re.search(r"/quan-tri/bai-viet/(\d+)", r.header("location") or "")
    assert m, (r.status, r.text[:500])
    return int(m.group(1))


def bulk(s, op, ids, **extra):
    form = [("csrf", s.csrf("/quan-tri/bai-viet")), ("thao-tac", op)] + [("chon", str(i)) for i in ids]
    form += list(extra.items())
    return s.req("/quan-tri/bai-viet/hang-loat", "POST", form)


def db_rows(sql, *args):
    with sqlite3.connect(S.db) as db:
        return db.execute(sql, args).fetchall()


def test_article_list_bulk():
    e = logged("bien.tap")
    (pub1, slug1, cat1), (pub2, _, _), (pub3, _, _) = db_rows(
        "SELECT a.id, a.slug, c.slug FROM articles a JOIN categories c ON c.id = a.category_id "
        "WHERE a.status = 3 ORDER BY a.id LIMIT 3")
    with sqlite3.connect(S.db) as db:
        db.execute("UPDATE articles SET views = 12345 WHERE id = ?", (pub1,))
    page = e.req("/quan-tri/bai-viet").text
    check("Lượt xem" in page and "12.345" in page, "the list shows view counts, grouped the Vietnamese way")
    check('name="chon" value="%d"' % pub1 in page and 'action="/quan-tri/bai-viet/hang-loat"' in page,
          "each row has a check box for the bulk form")
    r = bulk(e, "ve-nhap", [pub1, pub2])
    check(r.status == 200 and "Đã chuyển về nháp 2 bài." in r.text, "an editor moves two articles back to draft", r.status)
    check(S.get("/%s/%s-%d" % (cat1, slug1, pub1)).status == 404, "a draft leaves the public site")
    r = bulk(e, "xuat-ban", [pub1, pub2, pub3])
    check("Đã xuất bản 2 bài; 1 bài không thực hiện được" in r.text and "bài đã đăng sẵn" in r.text,
          "publishing three: two done, one refused with its reason", re.findall(r'id="bulk-result".{0,400}', r.text, re.S))
    check(S.get("/%s/%s-%d" % (cat1, slug1, pub1)).status == 200, "published again")
    check(bulk(e, "xuat-ban", []).status == 422, "nothing checked: 422")
    check(bulk(e, "no-op", [pub1]).status == 422, "an unknown action: 422")
    check(bulk(e, "chuyen-muc", [pub1], **{"chuyen-muc-moi": "999999"}).status == 422, "a category of nowhere: 422")
    r = e.req("/quan-tri/bai-viet/hang-loat", "POST", [("thao-tac", "xoa"), ("chon", str(pub1))])
    check(r.status == 403, "without CSRF: 403", r.status)

    w = logged("phong.vien")
    mine = new_article(w, "Bản nháp của phóng viên")
    mine2 = new_article(w, "Bản nháp thứ hai")
    r = bulk(w, "xuat-ban", [mine])
    check(r.status == 422 and "Phóng viên" in r.text, "a writer cannot publish in bulk", r.status)
    check(db_rows("SELECT status FROM articles WHERE id = ?", mine)[0][0] == 0, "the draft stays a draft")
    other_cat = [c for (c,) in db_rows("SELECT id FROM categories ORDER BY id")
                 if c != db_rows("SELECT category_id FROM articles WHERE id = ?", mine)[0][0]][0]
    r = bulk(w, "chuyen-muc", [mine, pub3], **{"chuyen-muc-moi": str(other_cat)})
    check("Đã chuyển chuyên mục 1 bài; 1 bài không thực hiện được" in r.text and "bài nháp của mình" in r.text,
          "a writer moves their own draft, not someone's published article")
    check(db_rows("SELECT category_id FROM articles WHERE id = ?", mine)[0][0] == other_cat, "the draft moved")
    r = bulk(w, "xoa", [mine, mine2, pub3])
    check("Đã xóa 2 bài; 1 bài không thực hiện được" in r.text, "a writer deletes their drafts only")
    check(not db_rows("SELECT 1 FROM articles WHERE id IN (?, ?)", mine, mine2) and
          db_rows("SELECT 1 FROM articles WHERE id = ?", pub3), "the drafts are gone, the other article is not")
    new_article(w, "Bản nháp còn lại")
    check("Xuất bản" not in re.search(r'<select id="bulk-op".*?</select>', w.req("/quan-tri/bai-viet").text, re.S).group(0),
          "a writer is not offered to publish")


def related_titles(text):
    sec = re.search(r'<section class="related".*?</section>', text, re.S)
    import html
    return [html.unescape(t) for t in re.findall(r'<li><a href="[^"]+">([^<]+)</a>', sec.group(0))] if sec else []


def test_slug_seo_related():
    e = logged("bien.tap")
    rows = db_rows("SELECT a.id, a.slug, c.slug, a.title, a.lead FROM articles a JOIN categories c ON c.id = a.category_id "
                   "WHERE a.status = 3 ORDER BY a.published_at DESC, a.id DESC LIMIT 4")
    (aid, slug, cat, title, lead), (b_id, _, _, b_title, _), (c_id, _, _, c_title, _) = rows[0], rows[-2], rows[-1]
    path = "/quan-tri/bai-viet/%d" % aid
    form = editor_fields(e, path)
    check(form.get("duong-dan") == slug, "the editor shows the article's slug", form.get("duong-dan"))
    form.update({"action": "cap-nhat", "duong-dan": "Địa chỉ   MỚI của bài!"})
    r = e.req(path, "POST", form)
    check(r.status == 303, "an editor changes the slug", r.status)
    new_slug = db_rows("SELECT slug FROM articles WHERE id = ?", aid)[0][0]
    check(new_slug == "dia-chi-moi-cua-bai", "the typed slug is made a slug by loa's rules", new_slug)
    new_url, old_url = "/%s/%s-%d" % (cat, new_slug, aid), "/%s/%s-%d" % (cat, slug, aid)
    check(S.get(new_url).status == 200, "the new address answers")
    r = S.get(old_url)
    check(r.status == 301 and r.header("location") == new_url, "the old address answers 301 to the new one",
          (r.status, r.header("location")))

    form = editor_fields(e, path)
    form.update({"action": "cap-nhat", "duong-dan": "!!! ???"})
    r = e.req(path, "POST", form)
    check(r.status == 422 and "Đường dẫn cần có chữ hoặc số" in r.text, "a slug of no letters is refused", r.status)
    form = editor_fields(e, path)
    form.update({"action": "cap-nhat", "mo-ta-seo": "x" * 301})
    r = e.req(path, "POST", form)
    check(r.status == 422 and "300 ký tự" in r.text, "an SEO description over 300 characters is refused", r.status)

    seo = "Mô tả riêng của bài cho Google & Zalo"
    form = editor_fields(e, path)
    form.update({"action": "cap-nhat", "mo-ta-seo": seo})
    form = list(form.items()) + [("lien-quan", str(c_id)), ("lien-quan", str(b_id)), ("lien-quan", str(aid))]
    r = e.req(path, "POST", form)
    check(r.status == 303, "an editor saves an SEO description and two related articles", r.status)
    page = S.get(new_url).text
    esc = seo.replace("&", "&amp;")
    check('<meta name="description" content="%s">' % esc in page and
          '<meta property="og:description" content="%s">' % esc in page, "meta and og:description carry it")
    rel = related_titles(page)
    check(rel[:2] == [c_title, b_title], "the picks come first on the public page, in their order", rel[:3])
    check(title not in rel and len(rel) == len(set(rel)) and len(rel) > 2,
          "then the automatic ones, never the article itself nor a pick twice", rel)
    text = e.req(path).text
    check(text.index('value="%d"' % c_id) < text.index('value="%d"' % b_id) and
          'name="lien-quan" value="%d"' % aid not in text, "the editor shows the picks in order, not itself")
    # a pick ticked "Bỏ" (the form without script) is dropped; the SEO text is cleared
    form = editor_fields(e, path)
    form.update({"action": "cap-nhat", "mo-ta-seo": ""})
    form = list(form.items()) + [("lien-quan", str(c_id)), ("lien-quan", str(b_id)), ("lien-quan-bo", str(c_id))]
    r = e.req(path, "POST", form)
    page = S.get(new_url).text
    check(related_titles(page)[:1] == [b_title], "a pick ticked Bỏ is dropped")
    import html
    check(('<meta name="description" content="%s">' % html.escape(lead, quote=True)) in page or lead[:40] in
          re.search(r'<meta name="description" content="([^"]*)"', page).group(1), "without one, the lead is the description")
    form = editor_fields(e, path)
    form.update({"action": "cap-nhat"})
    form = list(form.items()) + [("lien-quan", str(i)) for (i,) in db_rows("SELECT id FROM articles WHERE id <> ? LIMIT 11", aid)]
    check(e.req(path, "POST", form).status == 422, "more than ten picks are refused")
    # autosave keeps the address and the description
    form = editor_fields(e, path)
    form.update({"duong-dan": "ban-tu-luu", "mo-ta-seo": "Mô tả tự lưu"})
    r = e.req(path + "/tu-dong-luu", "POST", form)
    check(r.status == 200 and json.loads(r.text).get("ok"), "autosave answers", r.status)
    m = re.search(r'data-autosave="([^"]*)"', e.req(path).text)
    import html as _html
    saved = json.loads(_html.unescape(m.group(1))) if m else {}
    check(saved.get("duong-dan") == "ban-tu-luu" and saved.get("mo-ta-seo") == "Mô tả tự lưu",
          "the autosave holds the slug and the description", saved)
    js = json.loads(e.req("/quan-tri/bai-viet/tim.json?q=" + urllib.parse.quote(b_title[:12])).text)
    check(any(it["id"] == b_id for it in js["items"]), "the picker finds published articles by title", js)
    # a bulk action keeps what the editor set
    form = editor_fields(e, path)
    form.update({"action": "cap-nhat", "mo-ta-seo": seo})
    e.req(path, "POST", list(form.items()) + [("lien-quan", str(c_id))])
    bulk(e, "ve-nhap", [aid])
    bulk(e, "xuat-ban", [aid])
    page = S.get(new_url).text
    check(esc in page and related_titles(page)[:1] == [c_title] and
          db_rows("SELECT slug FROM articles WHERE id = ?", aid)[0][0] == new_slug, "bulk actions keep slug, description and picks")


def test_share_links():
    (aid, slug, cat), = db_rows("SELECT a.id, a.slug, c.slug FROM articles a JOIN categories c ON c.id = a.category_id "
                               "WHERE a.status = 3 ORDER BY a.id LIMIT 1")
    page = S.get("/%s/%s-%d" % (cat, slug, aid)).text
    canon = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
    enc = urllib.parse.quote(canon, safe="")
    check('href="https://www.facebook.com/sharer/sharer.php?u=%s"' % enc in page, "a plain Facebook share link", canon)
    check('href="https://sp.zalo.me/share_inline?url=%s"' % enc in page, "a plain Zalo share link")
    check("chia sẻ qua Zalo" in page and "chia sẻ lên Facebook" in page, "each names what it does")
    check('data-copy-url="%s"' % canon in page, "a copy-link button with the article's address")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    check(all(s.startswith("/") and not s.startswith("//") for s in scripts), "no third-party script on the page", scripts)
    check("utm_" not in page and "fbclid" not in page, "no tracking parameters")


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def attach(s, path, name, data, title=""):
    body, ctype = multipart({"csrf": s.csrf(path), "ten-tep": title}, {"tep": (name, "application/octet-stream", data)})
    return s.req(path + "/tep", "POST", body=body, ctype=ctype)


def test_article_attachments():
    w = logged("phong.vien")
    aid = new_article(w, "Thông báo kèm văn bản")
    path = "/quan-tri/bai-viet/%d" % aid
    check('action="%s/tep"' % path in w.req(path).text, "the editor has a files panel")
    r = attach(w, path, "Kế hoạch tiêm chủng 2027.pdf", PDF, "Kế hoạch tiêm chủng năm 2027")
    check(r.status == 303 and r.header("location").endswith("#tep"), "a writer attaches a PDF to their draft", r.status)
    text = w.req(path).text
    m = re.search(r'href="(/tep/(\d+)/[^"]+)"', text)
    check(m is not None and "Kế hoạch tiêm chủng năm 2027" in text, "the editor lists it")
    check(m is not None and S.get(m.group(1)).status == 404, "a draft's file is not downloadable yet")
    r = attach(w, path, "gia-mao.pdf", b"<html><script>alert(1)</script></html>")
    check(r.status == 422 and "không thuộc loại được nhận" in r.text and 'id="tieu-de"' in r.text,
          "a file that is not a document is refused on the editor's page", r.status)
    (pub,), = db_rows("SELECT id FROM articles WHERE status = 3 AND created_by IS NULL ORDER BY id LIMIT 1")
    check(attach(w, "/quan-tri/bai-viet/%d" % pub, "x.pdf", PDF).status == 403, "a writer cannot attach to someone's article")
    e = logged("bien.tap")
    form = editor_fields(e, path)
    form.update({"action": "xuat-ban"})
    r = e.req(path, "POST", form)
    (slug, cat), = db_rows("SELECT a.slug, c.slug FROM articles a JOIN categories c ON c.id = a.category_id WHERE a.id = ?", aid)
    page = S.get("/%s/%s-%d" % (cat, slug, aid)).text
    check("Tài liệu đính kèm" in page and m and m.group(1) in page and "Kế hoạch tiêm chủng năm 2027" in page,
          "the public page lists the file")
    if m:
        d = S.get(m.group(1))
        check(d.status == 200 and d.raw.startswith(b"%PDF") and "attachment" in (d.header("content-disposition") or ""),
              "and it downloads once the article is published")
        bulk(e, "ve-nhap", [aid])
        check(S.get(m.group(1)).status == 404, "an unpublished article's file is not found")
        bulk(e, "xuat-ban", [aid])
        r = e.post("%s/tep/%s/xoa" % (path, m.group(2)), {}, token_from=path)
        check(r.status == 303 and S.get(m.group(1)).status == 404, "an editor removes it: gone from disk too")
        check("Tài liệu đính kèm" not in S.get("/%s/%s-%d" % (cat, slug, aid)).text, "and from the public page")
    r = attach(e, path, "bien-ban.pdf", PDF, "Biên bản")
    f2 = re.search(r'href="(/tep/\d+/[^"]+)"', e.req(path).text).group(1)
    bulk(e, "xoa", [aid])
    check(not db_rows("SELECT 1 FROM articles WHERE id = ?", aid) and S.get(f2).status == 404,
          "deleting the article deletes its files")
    check("Đính kèm tệp vào bài viết" in logged("chu.tri").req("/quan-tri/nhat-ky").text, "the audit log names it")


if __name__ == "__main__":
    try:
        run_tests(test_last_admin, test_generated_password, test_media_search_and_delete,
                  test_article_list_bulk, test_slug_seo_related,
                  test_share_links, test_article_attachments)
    finally:
        S.cleanup()
