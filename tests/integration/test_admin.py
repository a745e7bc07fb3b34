"""Integration tests of the newsroom (/quan-tri): accounts, login, sessions,
CSRF, throttling, roles and every forbidden action, the editorial flow
(draft, review, publish, schedule, return, unpublish), revisions, edit
conflicts, uploads, the admin's rooms, the CSV export."""
import html
import json
import os
import re
import sqlite3
import struct
import subprocess
import time
import urllib.parse
import zlib

from loatest import LOA, Server, check, editor_fields, loa, multipart, run_tests

S = Server()
PW = {"quantri": "mat-khau-quan-tri-2026", "bientap": "mat-khau-bien-tap-2026", "phongvien": "mat-khau-phong-vien-26",
      "phongvien2": "mat-khau-phong-vien-27", "bi.khoa": "mat-khau-se-bi-khoa", "doi.vai": "mat-khau-doi-vai-tro",
      "tu.doi": "mat-khau-tu-doi-2026"}
ROLES = {"quantri": "admin", "bientap": "approver", "phongvien": "writer", "phongvien2": "writer", "bi.khoa": "writer",
         "doi.vai": "writer", "tu.doi": "writer"}
for login, role in ROLES.items():
    r = loa("user", "add", "--db", S.db, "--login", login, "--role", role, "--name", login.title(), input=PW[login] + "\n")
    assert r.returncode == 0, r.stderr
S.start()


class Browser:
    """A cookie jar over the test server."""

    def __init__(self):
        self.cookies = {}

    def req(self, path, method="GET", form=None, headers=None, body=None, ctype=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            ctype = "application/x-www-form-urlencoded"
        if ctype:
            h["Content-Type"] = ctype
        r = S.request(path, method=method, headers=h, body=body)
        for c in (r.headers.get("set-cookie") or "").split("\n"):
            m = re.match(r"\s*([^=;\s]+)=([^;]*)", c)
            if m:
                if m.group(2) == "":
                    self.cookies.pop(m.group(1), None)
                else:
                    self.cookies[m.group(1)] = m.group(2)
        return r

    def csrf(self, path):
        r = self.req(path)
        m = re.search(r'name="csrf" value="([^"]+)"', r.text)
        return m.group(1) if m else ""

    def login(self, login, pw=None):
        token = self.csrf("/quan-tri/dang-nhap")
        return self.req("/quan-tri/dang-nhap", "POST",
                        {"login": login, "password": pw if pw is not None else PW[login], "csrf": token, "next": ""})


def logged(login):
    b = Browser()
    r = b.login(login)
    assert r.status == 303, (login, r.status, r.text[:300])
    return b


def new_article(b, title, action="luu-nhap", **extra):
    form = editor_fields(b, "/quan-tri/bai-viet/moi")
    form.update({"tieu-de": title, "sapo": "Tóm tắt " + title, "body_html": "<p>Nội dung của " + title + "</p>",
                 "action": action})
    form.update(extra)
    r = b.req("/quan-tri/bai-viet/moi", "POST", form)
    m = re.search(r"/quan-tri/bai-viet/(\d+)", r.header("location") or "")
    return r, int(m.group(1)) if m else None


def test_cli_users():
    r = loa("user", "--help")
    check(r.returncode == 0 and "approver" in r.stdout, "loa user --help")
    r = loa("user", "add", "--db", S.db, "--login", "quantri", "--role", "admin", input="mot-mat-khau-dai-nua\n")
    check(r.returncode == 1 and "đã có" in r.stderr, "duplicate login refused", r.stderr)
    r = loa("user", "add", "--db", S.db, "--login", "ngan", "--role", "writer", input="ngan\n")
    check(r.returncode == 2 and "10" in r.stderr, "short password refused", r.stderr)
    r = loa("user", "add", "--db", S.db, "--login", "x", "--role", "boss", input="mot-mat-khau-dai\n")
    check(r.returncode == 2, "unknown role refused", r.stderr)
    r = loa("user", "list", "--db", S.db)
    check(r.returncode == 0 and all(l in r.stdout for l in ROLES), "user list", r.stdout)
    check("mat-khau" not in " ".join(subprocess.list2cmdline([LOA, "user"])), "password never in argv")
    r = loa("user", "role", "--db", S.db, "--login", "doi.vai", "--role", "approver")
    check(r.returncode == 0 and "approver" in r.stdout, "loa user role", r.stdout + r.stderr)
    r = loa("user", "role", "--db", S.db, "--login", "doi.vai", "--role", "boss")
    check(r.returncode == 2, "loa user role refuses an unknown role", r.stderr)


def test_roles_and_own_password():
    b = logged("doi.vai")
    check(b.req("/quan-tri/gop-y").status == 200, "a role changed from the terminal applies at once (approver room)")
    q = logged("quantri")
    page = q.req("/quan-tri/nguoi-dung").text
    m = re.search(r'action="(/quan-tri/nguoi-dung/\d+)"[^>]*>(?:(?!</tr>).)*?role-\d+">Vai trò mới của doi\.vai', page, re.S)
    check(m is not None, "the users room offers a role change per account")
    if m:
        tok = q.csrf("/quan-tri/nguoi-dung")
        r = q.req(m.group(1), "POST", {"csrf": tok, "action": "doi-vai-tro", "vai-tro": "writer"})
        check(r.status == 303, "the admin changes a role", r.status)
        check(b.req("/quan-tri/gop-y").status == 403, "the new role applies to the open session at once")
        r = q.req(m.group(1), "POST", {"csrf": tok, "action": "doi-vai-tro", "vai-tro": "chu-tich"})
        check(r.status == 422, "an unknown role is refused", r.status)
    check('Vai trò mới của quantri' not in page, "nobody is offered to change their own role")
    # one's own password
    t = logged("tu.doi")
    r = t.req("/quan-tri/mat-khau")
    check(r.status == 200 and "Mật khẩu hiện tại" in r.text, "the own-password page")
    tok = t.csrf("/quan-tri/mat-khau")
    r = t.req("/quan-tri/mat-khau", "POST", {"csrf": tok, "mat-khau-cu": "sai-roi-nhe-ban", "mat-khau-moi": "mot-mat-khau-moi-dai",
                                             "nhap-lai": "mot-mat-khau-moi-dai"})
    check(r.status == 422 and "không đúng" in r.text, "a wrong current password is refused", r.status)
    r = t.req("/quan-tri/mat-khau", "POST", {"csrf": tok, "mat-khau-cu": PW["tu.doi"], "mat-khau-moi": "mot-mat-khau-moi-dai",
                                             "nhap-lai": "mot-mat-khau-khac-dai"})
    check(r.status == 422 and "không khớp" in r.text, "two different new passwords are refused", r.status)
    r = t.req("/quan-tri/mat-khau", "POST", {"csrf": tok, "mat-khau-cu": PW["tu.doi"], "mat-khau-moi": "ngan",
                                             "nhap-lai": "ngan"})
    check(r.status == 422 and "10" in r.text, "a short new password is refused", r.status)
    r = t.req("/quan-tri/mat-khau", "POST", {"csrf": tok, "mat-khau-cu": PW["tu.doi"], "mat-khau-moi": "mot-mat-khau-moi-dai",
                                             "nhap-lai": "mot-mat-khau-moi-dai"})
    check(r.status == 303 and "da-doi-mat-khau" in (r.header("location") or ""), "the password is changed", r.status)
    check(t.req("/quan-tri").status == 302, "the old session has ended")
    check(Browser().login("tu.doi", PW["tu.doi"]).status == 401, "the old password no longer works")
    check(Browser().login("tu.doi", "mot-mat-khau-moi-dai").status == 303, "the new one does")


def test_login_flow():
    b = Browser()
    r = b.req("/quan-tri")
    check(r.status == 302 and "/quan-tri/dang-nhap" in r.header("location"), "anonymous is sent to the login page")
    r = b.req("/quan-tri/dang-nhap")
    check(r.status == 200 and "Đăng nhập" in r.text, "login page")
    check('rel="icon"' in r.text and 'class="brand-emblem"' in r.text and 'class="brand-name"' in r.text,
          "the login page shows the favicon, the emblem and the portal's name in its band")
    r = Browser().req("/quan-tri/dang-nhap", "POST", {"login": "quantri", "password": PW["quantri"], "csrf": "x"})
    check(r.status == 403, "login without its CSRF token refused", r.status)
    r = b.login("quantri", "sai-mat-khau-roi")
    check(r.status == 401 and "không đúng" in r.text, "wrong password: 401 with a message", r.status)
    r = b.login("khongco", "sai-mat-khau-roi")
    check(r.status == 401 and "không đúng" in r.text, "unknown login: the same message", r.status)
    r = b.login("quantri")
    check(r.status == 303, "right password logs in", r.status)
    cookie = [c for c in r.header("set-cookie").split("\n") if c.startswith("loa_s=")]
    check(cookie and "HttpOnly" in cookie[0] and "SameSite=Lax" in cookie[0] and "Path=/quan-tri" in cookie[0],
          "session cookie is HttpOnly, SameSite=Lax, scoped to /quan-tri", cookie)
    r = b.req("/quan-tri")
    check(r.status == 200 and "<svg" in r.text, "dashboard with charts", r.status)
    check(r.header("cache-control") == "no-store", "admin pages are not cached")
    token = b.csrf("/quan-tri")
    r = b.req("/quan-tri/dang-xuat", "POST", {"csrf": token})
    check(r.status == 303, "logout", r.status)
    r = b.req("/quan-tri")
    check(r.status == 302, "after logout the session is gone", r.status)


def test_throttling():
    b = Browser()
    for _ in range(5):
        b.login("bi.khoa", "sai-mat-khau-nhieu-lan")
    r = b.login("bi.khoa")
    check(r.status == 429 and "thử lại sau" in r.text, "sixth attempt is throttled even with the right password",
          (r.status, re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]*)', r.text)))
    check(r.header("retry-after") is not None, "throttled answer says when to retry")


def test_csrf_and_roles():
    w = logged("phongvien")
    r = w.req("/quan-tri/bai-viet/moi", "POST", {"tieu-de": "x", "action": "luu-nhap", "csrf": "sai"})
    check(r.status == 403, "POST with a wrong CSRF token is 403", r.status)
    for path in ["/quan-tri/chuyen-muc", "/quan-tri/lien-ket", "/quan-tri/thiet-lap", "/quan-tri/nguoi-dung",
                 "/quan-tri/lich-cong-tac", "/quan-tri/nhat-ky"]:
        check(w.req(path).status == 403, "writer gets 403 at " + path)
    token = w.csrf("/quan-tri")
    for path, form in [("/quan-tri/thiet-lap", {"ten": "Bị chiếm"}), ("/quan-tri/chuyen-muc", {"ten": "Lạ"}),
                       ("/quan-tri/nguoi-dung", {"ten-dang-nhap": "hacker", "vai-tro": "admin"})]:
        form["csrf"] = token
        check(w.req(path, "POST", form).status == 403, "writer POST refused at " + path)
    r, _ = new_article(w, "Bài phóng viên tự xuất bản", action="xuat-ban")
    check(r.status == 403, "writer cannot publish", r.status)
    r, aid = new_article(w, "Bài phóng viên hẹn giờ", action="hen-gio", **{"ngay-dang": "01/01/2099"})
    check(r.status == 403, "writer cannot schedule", r.status)


def test_editorial_flow():
    w = logged("phongvien")
    r, aid = new_article(w, "Hội nghị tổng kết công tác dân vận")
    check(r.status == 303 and aid, "writer saves a draft", (r.status, r.text[:200]))
    r = w.req("/quan-tri/bai-viet/%d" % aid)
    check("Nháp" in r.text, "draft status shown")
    form = editor_fields(w, "/quan-tri/bai-viet/%d" % aid)
    form["action"] = "gui-duyet"
    r = w.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    check(r.status == 303, "writer submits for review", r.status)
    check('value="gui-duyet"' not in w.req("/quan-tri/bai-viet/%d" % aid).text,
          "an article already waiting is not offered Gửi duyệt again")
    a = logged("bientap")
    check("Hội nghị tổng kết công tác dân vận" in a.req("/quan-tri").text, "dashboard lists the pending article")
    form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    form.update({"action": "tra-lai", "ghi-chu": "Bổ sung số liệu"})
    r = a.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    check(r.status == 303, "approver returns it with a note", r.status)
    check("Bổ sung số liệu" in w.req("/quan-tri/bai-viet/%d" % aid).text, "writer sees the note")
    # preview is the public page, not cached and not indexed
    form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    r = a.req("/quan-tri/bai-viet/%d/xem-truoc" % aid, "POST", form)
    check(r.status == 200 and "Hội nghị tổng kết công tác dân vận" in r.text and "Gửi ý kiến phản hồi" in r.text,
          "preview renders the public article page")
    check(r.header("x-robots-tag") == "noindex", "preview is noindex")
    check("Bản xem trước" in r.text and 'name="noi-dung"' not in r.text and 'action="/gop-y"' not in r.text,
          "preview is marked Bản xem trước and carries no working feedback form")
    form["action"] = "xuat-ban"
    r = a.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    check(r.status == 303, "approver publishes", r.status)
    home = S.get("/").text
    check("Hội nghị tổng kết công tác dân vận" in home, "published article is on the home page at once")
    # the writer may not edit it any more
    r = w.req("/quan-tri/bai-viet/%d" % aid)
    check(r.status == 403, "writer cannot edit a published article", r.status)
    # someone else's draft
    w2 = logged("phongvien2")
    r, other = new_article(w2, "Bản nháp của người khác")
    check(w.req("/quan-tri/bai-viet/%d" % other).status == 403, "writer cannot open another writer's draft")
    # unpublish
    form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    form["action"] = "go-bai"
    a.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    check("Hội nghị tổng kết công tác dân vận" not in S.get("/").text, "unpublished article leaves the site at once")


def test_revisions_and_conflict():
    a = logged("bientap")
    r, aid = new_article(a, "Phiên bản một")
    form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    form.update({"tieu-de": "Phiên bản hai", "action": "luu-nhap"})
    a.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    r = a.req("/quan-tri/bai-viet/%d/phien-ban" % aid)
    check(r.status == 200 and "Phiên bản một" in r.text and "Phiên bản hai" in r.text, "revisions listed")
    restores = re.findall(r'action="(/quan-tri/bai-viet/%d/phien-ban/\d+/khoi-phuc)"' % aid, r.text)
    check(len(restores) >= 2, "each revision can be restored", restores)
    if restores:
        r = a.req(restores[-1], "POST", {"csrf": a.csrf("/quan-tri")})
        check(r.status == 303, "restore", r.status)
        check('value="Phiên bản một"' in a.req("/quan-tri/bai-viet/%d" % aid).text, "old content restored")
    # two editors on one article
    b = logged("quantri")
    f1 = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    f2 = editor_fields(b, "/quan-tri/bai-viet/%d" % aid)
    f1.update({"tieu-de": "Sửa bởi biên tập", "action": "luu-nhap"})
    f2.update({"tieu-de": "Sửa bởi quản trị", "action": "luu-nhap"})
    r1 = a.req("/quan-tri/bai-viet/%d" % aid, "POST", f1)
    r2 = b.req("/quan-tri/bai-viet/%d" % aid, "POST", f2)
    check(r1.status == 303 and r2.status == 409, "second save of the same version is a conflict", (r1.status, r2.status))
    check("Sửa bởi quản trị" in r2.text and "đã được" in r2.text, "conflict message keeps the second editor's text")
    check('value="Sửa bởi biên tập"' in a.req("/quan-tri/bai-viet/%d" % aid).text, "first save was not overwritten")


def test_autosave_and_schedule():
    a = logged("bientap")
    r, aid = new_article(a, "Bài tự lưu")
    form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    form["tieu-de"] = "Bài tự lưu (đang sửa)"
    r = a.req("/quan-tri/bai-viet/%d/tu-dong-luu" % aid, "POST", form, headers={"Accept": "application/json"})
    check(r.status == 200 and json.loads(r.text).get("ok"), "autosave answers JSON", r.text[:200])
    check("đang sửa" in a.req("/quan-tri/bai-viet/%d" % aid).text, "the editor offers the autosaved text")
    # schedule a minute ahead, then let the clock pass (move the time in the database)
    t = time.localtime(time.time() + 7 * 3600 - time.localtime().tm_gmtoff + 120)
    form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    form.update({"tieu-de": "Bài hẹn giờ đăng", "action": "hen-gio",
                 "ngay-dang": time.strftime("%d/%m/%Y", t), "gio-dang": time.strftime("%H:%M", t)})
    r = a.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    check(r.status == 303, "approver schedules", (r.status, re.findall(r'role="alert"[^>]*>([^<]*)', r.text)))
    check("Bài hẹn giờ đăng" not in S.get("/rss.xml").text, "scheduled article not public yet")
    db = sqlite3.connect(S.db)
    db.execute("UPDATE articles SET published_at = published_at - 600 WHERE id = ?", (aid,))
    db.commit()
    db.close()
    ok = False
    for _ in range(30):
        time.sleep(0.2)
        if "Bài hẹn giờ đăng" in S.get("/rss.xml").text:
            ok = True
            break
    check(ok, "the server's timer publishes the scheduled article")


def png(width, height):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height)) if width * height < 10**6 else b""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_uploads():
    w = logged("phongvien")
    token = w.csrf("/quan-tri/anh")
    body, ctype = multipart({"csrf": token, "alt": "Cánh đồng", "chu-thich": "Lúa chín"},
                            {"tep": ("anh-that-ra-la-png.jpg", "image/jpeg", png(64, 48))})
    r = w.req("/quan-tri/anh", "POST", body=body, ctype=ctype, headers={"Accept": "application/json"})
    data = json.loads(r.text) if r.text.startswith("{") else {}
    check(r.status == 200 and data.get("ok"), "a PNG named .jpg is accepted by its content", r.text[:200])
    if data.get("ok"):
        item = data["item"]
        check(item["url"].endswith(".png") and item["width"] == 64, "stored as PNG with its size", item)
        check(S.get(item["url"]).status == 200, "uploaded image is served")
    body, ctype = multipart({"csrf": token}, {"tep": ("to.png", "image/png", png(20000, 20000))})
    r = w.req("/quan-tri/anh", "POST", body=body, ctype=ctype, headers={"Accept": "application/json"})
    check(r.status == 422 and "quá lớn" in r.text, "20,000 × 20,000 image refused", (r.status, r.text[:200]))
    body, ctype = multipart({"csrf": token}, {"tep": ("anh.jpg", "image/jpeg", b"day khong phai anh" * 50)})
    r = w.req("/quan-tri/anh", "POST", body=body, ctype=ctype)
    check(r.status == 422 and "không phải ảnh" in r.text, "a non-image is refused with a message", r.status)
    body, ctype = multipart({"csrf": "sai"}, {"tep": ("a.png", "image/png", png(8, 8))})
    r = w.req("/quan-tri/anh", "POST", body=body, ctype=ctype)
    check(r.status == 403, "upload without CSRF refused", r.status)
    r = w.req("/quan-tri/anh.json")
    check(r.status == 200 and "items" in json.loads(r.text), "media library as JSON for the editor")
    # a body image of the library gets its WebP sizes, width and height, and
    # the picker's thumbnails are the small WebP size, not the original
    body, ctype = multipart({"csrf": token, "alt": "Đường mới"}, {"tep": ("duong.png", "image/png", png(1200, 800))})
    r = w.req("/quan-tri/anh", "POST", body=body, ctype=ctype, headers={"Accept": "application/json"})
    item = json.loads(r.text).get("item", {}) if r.text.startswith("{") else {}
    check(item.get("srcset"), "a 1200 px upload has WebP sizes", item)
    lib = json.loads(w.req("/quan-tri/anh.json").text)["items"]
    mine = [i for i in lib if i["url"] == item.get("url")]
    check(mine and mine[0]["thumb"].endswith("-480.webp"), "the picker's thumbnail is the 480 px WebP", mine[:1])
    room = w.req("/quan-tri/anh").text
    thumb = re.search(r'<a class="media-thumb" href="%s"[^>]*><img src="([^"]+)"' % re.escape(item.get("url", "-")), room)
    check(thumb and thumb.group(1).endswith("-480.webp"), "the media room's thumbnail is the 480 px WebP too",
          thumb.group(1) if thumb else room[:200])
    r, aid = new_article(w, "Ảnh trong bài", body_html='<p>Đường mới.</p><figure><img src="%s" alt="Đường mới"></figure>'
                         % item.get("url", "/media/x.png"))
    page = html.unescape(w.req("/quan-tri/bai-viet/%d" % aid).text) if aid else ""
    img = re.search(r'<img src="%s"[^>]*>' % re.escape(item.get("url", "-")), page)
    check(img and 'srcset="' in img.group(0) and "-480.webp 480w" in img.group(0) and 'width="1200"' in img.group(0)
          and 'height="800"' in img.group(0), "a library image in a body gets srcset, width and height",
          img.group(0) if img else page[:300])
    # a body stored before images got their sizes is shown with them
    if aid:
        db = sqlite3.connect(S.db)
        trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_search_upd'").fetchone()[0]
        db.execute("DROP TRIGGER articles_search_upd")  # needs loa's tokenizer, which this connection lacks
        db.execute("UPDATE articles SET body_html = ? WHERE id = ?",
                   ('<p>Đường mới.</p><figure><img src="%s" alt="Đường mới" loading="lazy"></figure>' % item["url"], aid))
        db.execute(trigger)
        db.commit()
        db.close()
        shown = w.req("/quan-tri/bai-viet/%d/xem-truoc" % aid).text
        img = re.search(r'<img src="%s"[^>]*>' % re.escape(item["url"]), shown)
        check(img and "-480.webp 480w" in img.group(0) and 'width="1200"' in img.group(0) and 'sizes="' in img.group(0),
              "a library image stored without its sizes is shown with srcset, width and height",
              img.group(0) if img else shown[:300])


def test_admin_rooms():
    q = logged("quantri")
    token = q.csrf("/quan-tri/chuyen-muc")
    r = q.req("/quan-tri/chuyen-muc", "POST", {"ten": "Chuyển đổi số", "cha": "0", "csrf": token})
    check(r.status == 303, "admin adds a category", r.status)
    check(S.get("/chuyen-doi-so").status == 200, "new category page exists")
    page = q.req("/quan-tri/chuyen-muc").text
    counts = re.findall(r'<span class="row-count">([^<]*)</span>', page)
    check(counts and all(re.fullmatch(r"\d+ bài viết", c) for c in counts) and any(c != "0 bài viết" for c in counts),
          "the categories room shows how many articles each category holds", counts)
    # a parent also says what its public page lists: its own and its sub-categories' articles
    tin = re.search(r'<h3 class="edit-name">Tin tức</h3>\s*<span class="row-counts"><span class="row-count">(\d+) bài viết'
                    r'</span> <span class="row-count-all">\((\d+) kể cả chuyên mục con\)</span>', page)
    subs = [int(c) for c in re.findall(r'<h3 class="edit-name">— [^<]*</h3>\s*<span class="row-counts">'
                                       r'<span class="row-count">(\d+) bài viết', page)]
    check(tin and int(tin.group(2)) == int(tin.group(1)) + sum(subs) and sum(subs) > 0,
          "a parent category counts its sub-categories' articles too", (tin and tin.groups(), subs))
    m = re.search(r'action="(/quan-tri/chuyen-muc/(\d+))"[^>]*>(?:(?!</form>).)*?value="Chuyển đổi số"', page, re.S)
    if m:
        r = q.req(m.group(1), "POST", {"ten": "Chuyển đổi số", "duong-dan": "chuyen-doi-so-moi", "cha": "0",
                                        "thu-tu": "5", "csrf": token})
        check(r.status == 303, "rename the category's slug", r.status)
        r = S.get("/chuyen-doi-so")
        check(r.status == 301 and r.header("location") == "/chuyen-doi-so-moi", "old category URL answers 301",
              (r.status, r.header("location")))
        r = S.get("/chuyen-doi-so?trang=2")
        check(r.status == 301 and r.header("location") == "/chuyen-doi-so-moi?trang=2",
              "a renamed category's ?trang=2 keeps its page", (r.status, r.header("location")))
    else:
        check(False, "category edit form found")
    r = q.req("/quan-tri/lien-ket", "POST", {"tieu-de": "Cổng thông tin tỉnh", "dia-chi": "https://tinh.example",
                                             "csrf": token})
    check(r.status == 303 and "Cổng thông tin tỉnh" in S.get("/").text, "linked website shows on the site")
    r = q.req("/quan-tri/lien-ket", "POST", {"tieu-de": "Xấu", "dia-chi": "javascript:alert(1)", "csrf": token})
    check(r.status == 422, "javascript: link refused", r.status)
    check(r.reason == "Unprocessable Content", "a 422 says Unprocessable Content, not Bad Request", r.reason)
    r = q.req("/quan-tri/thiet-lap", "POST", {"ten": "Cổng TTĐT xã Thử Nghiệm", "khau-hieu": "Khẩu hiệu mới",
                                              "chan-trang": "Chân trang", "lien-he": "Điện thoại", "tong-truy-cap": "3815734",
                                              "csrf": token})
    check(r.status == 303 and "Cổng TTĐT xã Thử Nghiệm" in S.get("/").text, "site settings change the site at once")
    r = q.req("/quan-tri/thiet-lap", "POST", {"ten": "X", "tong-truy-cap": "-4", "csrf": token})
    check(r.status == 422, "negative visits base refused", r.status)
    monday = re.search(r'name="tuan" value="([0-9-]+)"', q.req("/quan-tri/lich-cong-tac").text)
    today_opt = re.search(r'<option value="([0-9-]+)" selected', q.req("/quan-tri/lich-cong-tac").text)
    r = q.req("/quan-tri/lich-cong-tac", "POST", {"ngay": today_opt.group(1) if today_opt else "", "buoi": "sang",
                                                  "gio": "07:30", "noi-dung": "Họp giao ban kiểm thử", "chu-tri": "Chủ tịch",
                                                  "csrf": token})
    check(r.status == 303, "admin adds a calendar item", r.status)
    check("Họp giao ban kiểm thử" in S.get("/lich-cong-tac").text, "calendar item on the public week")
    r = q.req("/quan-tri/lich-cong-tac", "POST", {"ngay": "2026-02-30", "buoi": "sang", "noi-dung": "x", "csrf": token})
    check(r.status == 422, "impossible date refused", r.status)
    empty = q.req("/quan-tri/lich-cong-tac?tuan=2031-01-06").text
    check("Tuần này chưa có lịch công tác" in empty and "Chưa có lịch." not in empty and 'class="panel cal-day"' not in empty,
          "an empty week in the newsroom says so once, not on seven empty days")
    full = q.req("/quan-tri/lich-cong-tac").text
    check("Tuần này chưa có lịch công tác" not in full and full.count('class="panel cal-day"') == 7,
          "a week with items still shows its seven days")
    r = q.req("/quan-tri/nguoi-dung", "POST", {"ten-dang-nhap": "moi.vao", "ho-ten": "Người Mới", "vai-tro": "writer",
                                               "mat-khau": "mat-khau-nguoi-moi-1", "csrf": token})
    check(r.status == 303, "admin adds a user", r.status)
    check(Browser().login("moi.vao", "mat-khau-nguoi-moi-1").status == 303, "the new user can log in")
    r = q.req("/quan-tri/thong-ke.csv")
    check(r.status == 200 and r.body.startswith(b"\xef\xbb\xbf") and "Số bài đã đăng" in r.text,
          "CSV export opens in Excel with Vietnamese intact")
    r = q.req("/quan-tri/nhat-ky")
    check(r.status == 200 and "Đăng nhập" in r.text, "audit log lists logins")
    dash = q.req("/quan-tri").text
    logins = re.findall(r'<strong>quantri</strong> Đăng nhập(?: <span class="act-object">([^<]*)</span>)?</span>', dash)
    check(logins and not any(logins), "recent activity says who logged in once (not 'quantri Đăng nhập quantri')", logins)
    check('<td data-label="Người dùng">quantri</td>' in r.text
          and not re.search(r'<td data-label="Đối tượng">quantri<', r.text), "nor does the audit log repeat the name")


def settings_form(b):
    """The settings form as the browser would send it."""
    form = editor_fields(b, "/quan-tri/thiet-lap")
    return {k: v for k, v in form.items() if k in ("ten", "khau-hieu", "chan-trang", "lien-he", "tong-truy-cap",
                                                  "luu-tru", "logo", "csrf")}


def site_header(text):
    m = re.search(r'<header class="site-header".*?</header>', text, re.S)
    return m.group(0) if m else ""


def test_logo_and_cover_srcset():
    q = logged("quantri")
    token = q.csrf("/quan-tri/anh")
    body, ctype = multipart({"csrf": token, "alt": "Ảnh bìa"}, {"tep": ("anh-bia.png", "image/png", png(1000, 600))})
    r = q.req("/quan-tri/anh", "POST", body=body, ctype=ctype, headers={"Accept": "application/json"})
    item = json.loads(r.text).get("item", {}) if r.text.startswith("{") else {}
    check(r.status == 200 and item.get("srcset", "").count("w") >= 2, "a large picture gets WebP sizes", r.text[:300])
    url, srcset = item.get("url", "/media/none.png"), item.get("srcset", "")

    # the logo
    page = q.req("/quan-tri/thiet-lap").text
    check('name="logo"' in page and 'data-pick-media="logo"' in page and "Chọn từ thư viện ảnh" in page,
          "settings have a logo field with the library button")
    check('<svg class="emblem"' in site_header(S.get("/").text), "no logo: the emblem is shown")
    form = settings_form(q)
    form["logo"] = url
    r = q.req("/quan-tri/thiet-lap", "POST", form)
    check(r.status == 303, "admin sets the logo", (r.status, r.text[:300]))
    home = S.get("/").text
    header = site_header(home)
    name = re.search(r'<h1 class="site-name">([^<]*)</h1>', header)
    check(re.search(r'<img class="site-logo" src="%s" alt="%s" height="56">' % (re.escape(url),
                                                                                 re.escape(name.group(1) if name else "")),
                    header) is not None and "emblem" not in header,
          "the home page's header shows the logo", header[:400])
    check(header.find("site-logo") < header.find("site-name"), "the logo comes before the site's name")
    check('value="%s"' % url in q.req("/quan-tri/thiet-lap").text, "the settings form shows the logo")
    check('class="brand-logo" src="%s"' % url in q.req("/quan-tri").text, "the newsroom's header shows the logo")
    for bad in ("/media/../demo.db", "javascript:alert(1)", '/media/a.png" onerror="alert(1)', "/media/a b.png",
                "https://example.com/logo.png", "/static/favicon.svg"):
        form = settings_form(q)
        form["logo"] = bad
        r = q.req("/quan-tri/thiet-lap", "POST", form)
        check(r.status == 422 and "Logo phải là đường dẫn" in r.text, "bad logo refused: %s" % bad, r.status)
        check('onerror="alert' not in r.text, "the refused value is escaped in the form")
    check('src="%s"' % url in site_header(S.get("/").text), "a refused logo leaves the old one")
    form = settings_form(q)
    form["logo"] = ""
    r = q.req("/quan-tri/thiet-lap", "POST", form)
    header = site_header(S.get("/").text)
    check(r.status == 303 and "site-logo" not in header and "emblem" in header, "clearing the logo brings back the emblem")
    form["logo"] = url
    q.req("/quan-tri/thiet-lap", "POST", form)

    # the cover's sizes
    a = logged("bientap")
    editor = a.req("/quan-tri/bai-viet/moi").text
    check('type="hidden" value=""' in editor and 'name="anh-dai-dien-srcset"' in editor, "editor has the hidden srcset field")
    r, aid = new_article(a, "Ảnh bìa nhiều cỡ", action="xuat-ban",
                         **{"anh-dai-dien": url, "anh-dai-dien-srcset": srcset, "chu-thich-anh": "Cánh đồng lúa"})
    check(r.status == 303 and aid, "approver publishes with a cover from the library", (r.status, r.text[:300]))
    fields = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    check(fields.get("anh-dai-dien-srcset") == srcset, "the editor gets the srcset back", fields.get("anh-dai-dien-srcset"))
    link = re.search(r'href="(/[^"]+-%d)"' % aid, a.req("/quan-tri/bai-viet/%d" % aid).text)
    art = S.get(link.group(1)).text if link else ""
    fig = re.search(r'<figure class="article-cover">\s*(<img[^>]*>)', art)
    img = fig.group(1) if fig else ""
    check(('src="%s"' % url) in img and ('srcset="%s"' % srcset) in img and 'sizes="' in img,
          "the article's cover has the srcset", img)
    check("loading=" not in img, "the article's cover is not lazy")
    home = S.get("/").text
    thumbs = [t for t in re.findall(r"<img[^>]*>", home) if 'src="%s"' % url in t and "site-logo" not in t]
    check(thumbs and all('srcset="%s"' % srcset in t and 'sizes="' in t for t in thumbs),
          "the home page's pictures of the article have the srcset", thumbs)
    cat = re.search(r'href="(/[^"/]+)/[^"]+-%d"' % aid, art)
    listing = S.get(cat.group(1)).text if cat else ""
    card = re.search(r'<a class="card-thumb"[^>]*href="[^"]*-%d"[^>]*>(<img[^>]*>)' % aid, listing) or \
        re.search(r'<a class="card-thumb" href="[^"]*-%d"[^>]*>(<img[^>]*>)' % aid, listing)
    check(card and 'srcset="%s"' % srcset in card.group(1) and 'loading="lazy"' in card.group(1),
          "the category's card thumbnail has the srcset and loads lazily", card.group(1) if card else listing[:200])

    # values that are not the library's sizes of this picture are dropped
    for bad in ("javascript:x 1w", '/media/x-480.webp 480w" onerror="alert(1)', "/media/../x-480.webp 480w",
                url.rsplit(".", 1)[0] + "-480.webp 2x", "/media/khac/anh-khac-480.webp 480w",
                url.rsplit(".", 1)[0] + "-480.webp 480w, javascript:x 960w"):
        form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
        form.update({"anh-dai-dien-srcset": bad, "action": "cap-nhat"})
        r = a.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
        check(r.status == 303, "save with a bad srcset", r.status)
        check(editor_fields(a, "/quan-tri/bai-viet/%d" % aid).get("anh-dai-dien-srcset") == "",
              "bad srcset dropped: %s" % bad)
        page = S.get(link.group(1)).text if link else ""
        check("srcset" not in (re.search(r'<figure class="article-cover">\s*(<img[^>]*>)', page) or [""])[0] and
              "javascript:x" not in page and 'onerror="alert' not in page, "no srcset on the public cover: %s" % bad)
    # a cover typed by hand keeps no sizes of the previous picture
    form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    form.update({"anh-dai-dien-srcset": srcset, "action": "cap-nhat"})
    a.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    form = editor_fields(a, "/quan-tri/bai-viet/%d" % aid)
    check(form.get("anh-dai-dien-srcset") == srcset, "sizes restored")
    form.update({"anh-dai-dien": "/media/2020/01/anh-khac.jpg", "action": "cap-nhat"})
    a.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    check(editor_fields(a, "/quan-tri/bai-viet/%d" % aid).get("anh-dai-dien-srcset") == "",
          "another cover drops the old picture's sizes")


def test_revocation_and_expiry():
    w = logged("phongvien2")
    check(w.req("/quan-tri").status == 200, "session works")
    r = loa("user", "passwd", "--db", S.db, "--login", "phongvien2", input="mat-khau-moi-cua-pv2\n")
    check(r.returncode == 0, "passwd", r.stderr)
    check(w.req("/quan-tri").status == 302, "password change revokes sessions")
    w = Browser()
    check(w.login("phongvien2", "mat-khau-moi-cua-pv2").status == 303, "the new password works")
    d = logged("phongvien")
    loa("user", "disable", "--db", S.db, "--login", "phongvien")
    check(d.req("/quan-tri").status == 302, "disabling revokes sessions")
    check(Browser().login("phongvien").status == 401, "a disabled user cannot log in")
    loa("user", "disable", "--db", S.db, "--login", "phongvien", "--enable")
    e = logged("phongvien")
    db = sqlite3.connect(S.db)
    db.execute("UPDATE sessions SET expires_at = 1")
    db.commit()
    db.close()
    check(e.req("/quan-tri").status == 302, "an expired session is refused")


try:
    run_tests(test_cli_users, test_roles_and_own_password, test_login_flow, test_throttling, test_csrf_and_roles, test_editorial_flow,
              test_revisions_and_conflict, test_autosave_and_schedule, test_uploads, test_admin_rooms,
              test_logo_and_cover_srcset, test_revocation_and_expiry)
finally:
    S.cleanup()
