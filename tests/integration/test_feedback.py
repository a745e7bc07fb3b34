"""Integration tests of "Gửi ý kiến phản hồi" and "Hỏi đáp - Góp ý": a valid
submission is stored and shown after approval; every field is validated with
the reader's text kept; hostile payloads are stored safely and shown escaped;
honeypot, timing, links, duplicates and rate limits; the tracking page;
moderation with CSRF and roles; attachments; retention; and a submission
acknowledged just before SIGKILL is there after the restart."""
import html
import re
import signal
import socket
import sqlite3
import time
import urllib.parse

from loatest import Server, TestClock, check, demo_article_paths, loa, run_tests

S = Server()
CLOCK = TestClock(S)  # the form's "filled in too fast" check reads the server's clock
loa("user", "add", "--db", S.db, "--login", "bientap", "--role", "approver", input="mat-khau-bien-tap-2026\n")
loa("user", "add", "--db", S.db, "--login", "phongvien", "--role", "writer", input="mat-khau-phong-vien-26\n")
loa("user", "add", "--db", S.db, "--login", "quantri", "--role", "admin", input="mat-khau-quan-tri-2026\n")
S.start()
ARTICLE = demo_article_paths(S)[0]
_next_source = [10]


def new_source():
    """A fresh loopback address: one 'citizen' per call, for rate limits."""
    _next_source[0] += 1
    return "127.0.0.%d" % _next_source[0]


def form_of(path, source):
    r = S.get(path, source=source)
    token = re.search(r'name="t" value="([^"]+)"', r.text)
    aid = re.search(r'name="bai" value="(\d+)"', r.text)
    return (token.group(1) if token else ""), (aid.group(1) if aid else "0")


def submit(fields, source, path=ARTICLE, wait=4, token=None):
    tok, aid = form_of(path, source)
    if wait:
        CLOCK.advance(wait)
    data = {"ho-ten": "Nguyễn Văn An", "dia-chi": "Thôn Khe Tâm", "email": "an@example.com", "dien-thoai": "",
            "tieu-de": "Đề nghị sửa đường", "noi-dung": "Đoạn đường liên thôn bị sạt lở, đề nghị xã sửa sớm.",
            "bai": aid, "t": token if token is not None else tok, "website": ""}
    data.update(fields)
    body = urllib.parse.urlencode(data).encode()
    return S.request("/gop-y", method="POST", body=body, source=source,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})


def code_of(r):
    m = re.search(r"GY-[23456789A-Z]{6}", r.text)
    return m.group(0) if m else None


class Admin:
    def __init__(self, login, pw):
        self.cookies = {}
        r = self.req("/quan-tri/dang-nhap")
        tok = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
        r = self.req("/quan-tri/dang-nhap", "POST", {"login": login, "password": pw, "csrf": tok})
        assert r.status == 303, r.status

    def req(self, path, method="GET", form=None):
        h = {}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        r = S.request(path, method=method, headers=h, body=body)
        for c in (r.headers.get("set-cookie") or "").split("\n"):
            m = re.match(r"\s*([^=;\s]+)=([^;]*)", c)
            if m:
                self.cookies[m.group(1)] = m.group(2)
        return r

    def csrf(self):
        return re.search(r'name="csrf" value="([^"]+)"', self.req("/quan-tri").text).group(1)

    def item_url(self, code):
        for tab in ("tat-ca", "spam"):
            t = self.req("/quan-tri/gop-y?trang-thai=" + tab).text
            m = re.search(r'href="(/quan-tri/gop-y/\d+)"[^>]*>(?:(?!</tr>).)*?' + code, t, re.S) or \
                re.search(code + r'(?:(?!</tr>).)*?href="(/quan-tri/gop-y/\d+)"', t, re.S)
            if m:
                return m.group(1)
        return None

    def state_of(self, code):
        url = self.item_url(code)
        return url, (self.req(url).text if url else "")


BT = Admin("bientap", "mat-khau-bien-tap-2026")


def test_happy_path():
    src = new_source()
    r = submit({"email": "an.nguyen@example.com", "dien-thoai": "0912 345 678"}, src)
    code = code_of(r)
    check(r.status == 200 and "Cảm ơn" in r.text and code, "submission thanked with a tracking code", r.status)
    t = S.get("/gop-y/tra-cuu?ma=" + code)
    check(t.status == 200 and "Đã tiếp nhận" in t.text and "Đề nghị sửa đường" in t.text, "tracking: received")
    url, page = BT.state_of(code)
    check(url is not None and "an.nguyen@example.com" in page and "0912 345 678" in page,
          "the moderator reads it with contact details")
    tok = BT.csrf()
    r = BT.req(url, "POST", {"csrf": tok, "action": "dang", "tra-loi": "UBND xã đã giao Ban quản lý dự án sửa trong tháng này.",
                             "ly-do": ""})
    check(r.status == 303, "moderator answers and publishes", r.status)
    art = S.get(ARTICLE).text
    check("UBND xã đã giao Ban quản lý dự án" in art and "Đề nghị sửa đường" in art, "Q&A shown under the article")
    check("an.nguyen@example.com" not in art and "0912 345 678" not in art, "email and phone never public")
    check("Nguyễn Văn An" in re.findall(r'class="qa-asker">([^<]*)<', art),
          "the asker's name is shown under the question")
    hd = S.get("/hoi-dap").text
    check(re.search(r'class="qa-asker">[^<]*\S', hd), "the asker's name is shown on /hoi-dap")
    check("UBND xã đã giao Ban quản lý dự án" in hd, "Q&A on the Hỏi đáp page")
    check("an.nguyen@example.com" not in hd, "no contact details on Hỏi đáp")
    t = S.get("/gop-y/tra-cuu?ma=" + code.lower())
    check("Đã đăng công khai" in t.text and "UBND xã đã giao" in t.text, "tracking shows the answer (code case-insensitive)")


def test_validation_keeps_text():
    src = new_source()
    cases = [({"ho-ten": ""}, "họ và tên"), ({"email": "", "dien-thoai": ""}, "thư điện tử hoặc số điện thoại"),
             ({"email": "khong-phai-email"}, "Thư điện tử không đúng"), ({"email": "", "dien-thoai": "12ab"}, "Số điện thoại"),
             ({"tieu-de": ""}, "tiêu đề"), ({"noi-dung": "ngắn"}, "ít nhất 10"),
             ({"noi-dung": "x" * 5001}, "quá giới hạn"), ({"tieu-de": "t" * 201}, "Tiêu đề dài")]
    tok, _ = form_of(ARTICLE, src)
    CLOCK.advance(4)
    for fields, msg in cases:
        r = submit(dict(fields, **{"dia-chi": "Giữ nguyên địa chỉ này"}), src, wait=0, token=tok)
        check(r.status == 422 and msg.lower() in html.unescape(r.text).lower(), "field check: " + msg, (r.status,))
        check("Giữ nguyên địa chỉ này" in r.text, "the reader's text is kept (%s)" % msg)


def test_hostile_payloads():
    src = new_source()
    payload = '<script>alert("xss")</script><img src=x onerror=alert(1)> "quoted" & \x01\x02 control'
    r = submit({"tieu-de": "Thử <b>đậm</b>", "noi-dung": payload + " nội dung dài đủ"}, src)
    code = code_of(r)
    check(r.status == 200 and code, "hostile payload accepted as text", r.status)
    url, page = BT.state_of(code)
    check("<script>alert" not in page and "&lt;script&gt;" in page, "moderator sees it escaped")
    BT.req(url, "POST", {"csrf": BT.csrf(), "action": "dang", "tra-loi": "Đã ghi nhận <i>ý kiến</i>.", "ly-do": ""})
    art = S.get(ARTICLE).text
    check("<script>alert(\"xss\")" not in art and "onerror=alert(1)>" not in art and "&lt;script&gt;" in art,
          "public page shows it escaped")
    check("\x01" not in art and "\x02" not in art, "control characters removed")
    r = S.request("/gop-y", method="POST", body=b"ho-ten=%ff%fe&tieu-de=a&noi-dung=bbbbbbbbbbbbbbb&t=x",
                  headers={"Content-Type": "application/x-www-form-urlencoded"}, source=new_source())
    check(400 <= r.status < 500, "invalid UTF-8 gets a 4xx", r.status)
    # a body over the server's limit: refused from its Content-Length alone
    sock = socket.create_connection(("127.0.0.1", S.port))
    sock.sendall(b"POST /gop-y HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                 b"Content-Length: %d\r\n\r\nho-ten=x" % (64 << 20))
    reply = sock.recv(4096).decode("utf-8", "replace")
    sock.close()
    check(reply.startswith("HTTP/1.1 413"), "oversized body refused with 413", reply[:40])


def test_spam_signals():
    src = new_source()
    r = submit({"website": "http://spam.example", "tieu-de": "Honeypot"}, src)
    c1 = code_of(r)
    check(r.status == 200 and c1, "honeypot: the bot is thanked like anyone")
    r = submit({"tieu-de": "Nhanh quá", "noi-dung": "Gửi ngay sau khi mở trang, không đọc."}, new_source(), wait=0)
    c2 = code_of(r)
    check(r.status == 200 and c2, "too-fast submission is thanked too")
    r = submit({"tieu-de": "Nhiều link", "noi-dung": "http://a.example http://b.example www.c.example https://d.example"},
               new_source())
    c3 = code_of(r)
    for code, why in [(c1, "honeypot"), (c2, "timing"), (c3, "links")]:
        url, page = BT.state_of(code)
        check(url and "Thư rác" in page, "%s puts it in the spam folder (not deleted)" % why)
    url, _ = BT.state_of(c3)
    r = BT.req(url, "POST", {"csrf": BT.csrf(), "action": "khoi-phuc", "tra-loi": "", "ly-do": ""})
    check(r.status == 303 and "Mới" in BT.req(url).text, "an approver restores from spam")
    t = S.get("/gop-y/tra-cuu?ma=" + c1).text
    main = t.split("<main", 1)[1].split("</main>", 1)[0] if "<main" in t else t
    check("Đã tiếp nhận" in main and "Thư rác" not in main and "spam" not in main.lower(),
          "a spam sender is never told")


def test_duplicates_and_rate_limits():
    src = new_source()
    tok, _ = form_of(ARTICLE, src)
    CLOCK.advance(4)
    r1 = submit({"tieu-de": "Trùng lặp", "noi-dung": "Nội dung này sẽ được gửi hai lần liền."}, src, wait=0, token=tok)
    r2 = submit({"tieu-de": "Trùng lặp", "noi-dung": "Nội dung này sẽ được gửi hai lần liền."}, src, wait=0, token=tok)
    check(r1.status == 200 and r2.status == 409 and "đã được gửi" in r2.text, "duplicate refused", (r1.status, r2.status))
    for i in range(4):
        submit({"tieu-de": "Lần %d" % i, "noi-dung": "Nội dung khác nhau số %d để không trùng." % i}, src, wait=0, token=tok)
    r = submit({"tieu-de": "Lần quá", "noi-dung": "Lần thứ sáu trong một giờ từ cùng địa chỉ."}, src, wait=0, token=tok)
    check(r.status == 429 and "Lần thứ sáu" in r.text, "per-address rate limit: 429, text kept", r.status)
    r = submit({"tieu-de": "Địa chỉ khác", "noi-dung": "Một người khác vẫn gửi được bình thường."}, new_source())
    check(r.status == 200, "another address is not limited", r.status)


def test_token_required():
    r = submit({}, new_source(), token="")
    check(r.status == 400 and "hết hạn" in r.text and "Đoạn đường liên thôn" in r.text,
          "no form token: 400, text kept for a resend")
    r = submit({}, new_source(), token="1700000000.abc")
    check(r.status == 400, "forged token refused", r.status)


def test_tracking_unknown():
    r = S.get("/gop-y/tra-cuu?ma=GY-ZZZZZZ")
    check(r.status == 404 and "Không tìm thấy" in html.unescape(r.text) or "không tìm thấy" in r.text.lower(),
          "unknown tracking code: a message", r.status)
    r = S.get("/gop-y/tra-cuu")
    check(r.status == 200 and 'name="ma"' in r.text, "tracking page form")


def test_moderation_guarded():
    src = new_source()
    code = code_of(submit({"tieu-de": "Kiểm tra quyền"}, src))
    url, _ = BT.state_of(code)
    r = BT.req(url, "POST", {"csrf": "sai", "action": "dang", "tra-loi": "x"})
    check(r.status == 403, "moderation POST without CSRF is 403", r.status)
    w = Admin("phongvien", "mat-khau-phong-vien-26")
    check(w.req("/quan-tri/gop-y").status == 403 and w.req(url).status == 403, "writers cannot moderate")
    r = BT.req(url, "POST", {"csrf": BT.csrf(), "action": "tu-choi", "tra-loi": "", "ly-do": ""})
    check(r.status == 422, "declining needs a reason", r.status)
    r = BT.req(url, "POST", {"csrf": BT.csrf(), "action": "tu-choi", "tra-loi": "", "ly-do": "Nội dung không thuộc thẩm quyền của xã."})
    check(r.status == 303, "decline with a reason", r.status)
    t = S.get("/gop-y/tra-cuu?ma=" + code).text
    check("Không đăng" in t and "không thuộc thẩm quyền" in t, "the sender reads the reason")
    r = BT.req("/quan-tri/gop-y.csv")
    check(r.status == 200 and r.body.startswith(b"\xef\xbb\xbf") and "Kiểm tra quyền" in r.text, "CSV export")


def test_attachments():
    src = new_source()
    tok, aid = form_of(ARTICLE, src)
    CLOCK.advance(4)

    def post_file(name, data, ctype):
        boundary = "----loa-fb"
        fields = {"ho-ten": "Trần Thị Bình", "email": "binh@example.com", "tieu-de": "Kèm tệp " + name,
                  "noi-dung": "Gửi kèm hồ sơ để xã xem xét.", "bai": aid, "t": tok, "website": ""}
        body = b""
        for k, v in fields.items():
            body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode()
        body += ("--%s\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                 % (boundary, name, ctype)).encode() + data + ("\r\n--%s--\r\n" % boundary).encode()
        return S.request("/gop-y", method="POST", body=body, source=src,
                         headers={"Content-Type": "multipart/form-data; boundary=" + boundary})

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    r = post_file("ho-so.pdf", pdf, "application/pdf")
    code = code_of(r)
    check(r.status == 200 and code, "a PDF attachment is accepted", r.status)
    r2 = post_file("gia.pdf", b"day la van ban thuong" * 10, "application/pdf")
    check(r2.status == 422 and "PDF hoặc ảnh" in r2.text, "a fake PDF is refused by its content", r2.status)
    r3 = post_file("to.pdf", b"%PDF-" + b"0" * (6 << 20), "application/pdf")
    check(r3.status == 422 and "5 MB" in r3.text, "attachments over 5 MB refused", r3.status)
    url, page = BT.state_of(code)
    m = re.search(r'href="(/quan-tri/gop-y/\d+/tep)"', page)
    check(m is not None, "moderator sees the attachment")
    if m:
        f = BT.req(m.group(1))
        check(f.status == 200 and f.body == pdf and "attachment" in (f.header("content-disposition") or ""),
              "moderator downloads it as a file")
        check(S.get(m.group(1)).status in (302, 403), "the public cannot")


def test_retention():
    src = new_source()
    code = code_of(submit({"tieu-de": "Sẽ xóa liên hệ", "email": "xoa@example.com"}, src))
    url, _ = BT.state_of(code)
    BT.req(url, "POST", {"csrf": BT.csrf(), "action": "tu-choi", "tra-loi": "", "ly-do": "Đã xử lý qua điện thoại."})
    S.stop()
    db = sqlite3.connect(S.db)
    db.execute("UPDATE feedback SET updated_at = updated_at - 40 * 86400 WHERE code = ?", (code,))
    db.commit()
    db.close()
    S.start()
    admin = Admin("quantri", "mat-khau-quan-tri-2026")
    r = admin.req("/quan-tri/thiet-lap")
    tok = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    form = {k: html.unescape(v) for k, v in re.findall(r'<input[^>]*name="([a-z-]+)"[^>]*value="([^"]*)"', r.text)}
    form["chan-trang"] = form.get("chan-trang", "")
    for k, v in re.findall(r'<textarea[^>]*name="([a-z-]+)"[^>]*>(.*?)</textarea>', r.text, re.S):
        form[k] = html.unescape(v)
    form.update({"luu-tru": "30", "csrf": tok})
    r = admin.req("/quan-tri/thiet-lap", "POST", form)
    check(r.status == 303, "an admin sets the retention period", r.status)
    S.stop()
    S.start()
    admin = Admin("bientap", "mat-khau-bien-tap-2026")
    deadline = time.time() + 10  # the newsroom's timer sweeps soon after a start
    page = admin.req(url).text
    while "đã được xóa" not in page and time.time() < deadline:
        time.sleep(0.05)
        page = admin.req(url).text
    check("xoa@example.com" not in page and "đã được xóa" in page, "contact details erased after the retention period")


def test_durable_before_ack():
    src = new_source()
    r = submit({"tieu-de": "Gửi ngay trước sự cố", "noi-dung": "Máy chủ sẽ bị tắt đột ngột ngay sau khi trả lời."}, src)
    code = code_of(r)
    check(r.status == 200 and code, "acknowledged")
    S.stop(signal.SIGKILL)
    S.start()
    t = S.get("/gop-y/tra-cuu?ma=" + code)
    check(t.status == 200 and "Gửi ngay trước sự cố" in t.text, "after SIGKILL and restart the submission is there")


try:
    run_tests(test_happy_path, test_validation_keeps_text, test_hostile_payloads, test_spam_signals,
              test_duplicates_and_rate_limits, test_token_required, test_tracking_unknown, test_moderation_guarded,
              test_attachments, test_durable_before_ack, test_retention)
finally:
    S.cleanup()
