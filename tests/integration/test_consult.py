"""Integration tests of "Lấy ý kiến dự thảo": a draft written in the
newsroom opens and closes by the server's clock (moved by the test clock,
`loa serve --test-clock FILE`, never by sleeping); comments while open are
thanked with a tracking code only once committed; after closing the form
is gone, a comment is refused 409 and the comments stay; the feedback
defences (signed time stamp, honeypot, fill-in time, rate limit,
duplicates) hold; moderation publishes and declines with CSRF and roles;
bad input keeps the form; invalid UTF-8 and hostile HTML are refused or
shown escaped; lists, RSS and sitemap carry the drafts."""
import html
import os
import re
import sqlite3
import time
import urllib.parse

from loatest import NewsroomSession, Server, TestClock, check, loa, run_tests

S = Server()
for login, role in (("bientap", "approver"), ("phongvien", "writer"), ("quantri", "admin")):
    loa("user", "add", "--db", S.db, "--login", login, "--role", role, input="mat-khau-%s-2026\n" % login)
CLOCK = TestClock(S)
advance = CLOCK.advance  # moves the server's clock forward
server_now = CLOCK.now


def vn_date(ts):
    return time.strftime("%d/%m/%Y", time.gmtime(ts + 7 * 3600))


def vn_midnight(ts):
    return (int(ts + 7 * 3600) // 86400) * 86400 - 7 * 3600


advance(0)
S.start()
BT = NewsroomSession(S, "bientap", "mat-khau-bientap-2026")
_next_source = [40]


def new_source():
    _next_source[0] += 1
    return "127.0.0.%d" % _next_source[0]


def create_draft(title, open_ts, close_ts, close_time="17:00", summary="<p>Nội dung dự thảo.</p>"):
    form = {"csrf": BT.csrf("/quan-tri/du-thao/moi"), "ten": title, "co-quan": "UBND xã Hòa Lạc Sơn",
            "tom-tat": summary, "ngay-mo": vn_date(open_ts), "gio-mo": "", "ngay-dong": vn_date(close_ts),
            "gio-dong": close_time, "bao-cao": ""}
    r = BT.req("/quan-tri/du-thao/moi", "POST", form)
    m = re.search(r"/quan-tri/du-thao/(\d+)", r.header("location") or "")
    return r, (m.group(1) if m else None)


def public_path(draft_id):
    r = S.get("/du-thao/x-%s" % draft_id)
    return urllib.parse.urlparse(r.header("location") or "").path


def token_of(path, source=None):
    m = re.search(r'name="t" value="([^"]+)"', S.get(path, source=source).text)
    return m.group(1) if m else ""


def comment(path, fields=None, source=None, wait=5, token=None, raw=None):
    source = source or new_source()
    tok = token_of(path, source) if token is None else token
    if wait:
        advance(wait)
    data = {"ho-ten": "Hoàng Văn Lực", "to-chuc": "", "email": "luc@example.vn", "dien-thoai": "0912 345 678",
            "dieu-khoan": "Điều 5", "noi-dung": "Đề nghị ưu tiên làm trước đoạn đường lên trường tiểu học.",
            "t": tok, "website": ""}
    data.update(fields or {})
    body = raw if raw is not None else urllib.parse.urlencode(data).encode()
    return S.request(path, method="POST", body=body, source=source,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})


def code_of(r):
    m = re.search(r"DT-[23456789A-Z]{6}", r.text)
    return m.group(0) if m else None


def queue(tab="tat-ca", draft=None):
    q = "/quan-tri/du-thao/y-kien?trang-thai=" + tab + ("&du-thao=%s" % draft if draft else "")
    return BT.req(q).text


def comment_id(code):
    m = re.search(r'id="gy-%s".*?action="/quan-tri/du-thao/y-kien/(\d+)"' % code, queue(), re.S)
    return m.group(1) if m else None


def moderate(code, action, reason=""):
    cid = comment_id(code)
    return BT.req("/quan-tri/du-thao/y-kien/%s" % cid, "POST",
                  {"csrf": BT.csrf("/quan-tri/du-thao/y-kien"), "action": action, "ly-do": reason,
                   "quay-lai": "/quan-tri/du-thao/y-kien"})


# A draft that opens tomorrow (Vietnam time) and closes in six days at 17:00.
OPEN_TS = vn_midnight(server_now()) + 86400
CLOSE_TS = vn_midnight(server_now()) + 6 * 86400 + 17 * 3600
R, DRAFT = create_draft("Dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027", OPEN_TS, CLOSE_TS)
PATH = public_path(DRAFT) if DRAFT else "/du-thao/none"
STATE = {}


def test_create_and_upcoming():
    check(R.status == 303 and DRAFT, "an approver creates a draft", R.status)
    check(PATH.startswith("/du-thao/du-thao-ke-hoach-phat-trien-kinh-te-xa-hoi-nam-2027-"),
          "a wrong slug answers 301 to the canonical path", PATH)
    p = S.get(PATH)
    check(p.status == 200 and "Sắp lấy ý kiến" in p.text and 'name="noi-dung"' not in p.text,
          "before opening: upcoming, no form")
    r = comment(PATH, token=token_of("/hoi-dap"))
    check(r.status == 409 and "chưa đến thời gian lấy ý kiến" in r.text, "a comment before opening is refused", r.status)
    lst = S.get("/du-thao?trang-thai=sap-lay-y-kien").text
    check("Sắp lấy ý kiến" in lst and PATH in lst and "Mở sau" in lst, "the upcoming tab lists it")


def test_opens_by_clock():
    advance(OPEN_TS + 3600 - server_now())
    p = S.get(PATH)
    check(p.status == 200 and "Đang lấy ý kiến" in p.text and 'name="noi-dung"' in p.text,
          "after the opening time (by the clock): open with the form")
    check("Còn 6 ngày" in p.text, "days left on the page", re.findall(r"Còn [^<]*", p.text))
    lst = S.get("/du-thao").text
    check(PATH in lst and "Còn 6 ngày" in lst and "0 góp ý" in lst, "the open tab lists it with days left and count")


def test_comment_accepted():
    src = new_source()
    r = comment(PATH, {"to-chuc": "Hợp tác xã Chè Hòa Lạc"}, source=src)
    code = code_of(r)
    check(r.status == 200 and "Cảm ơn" in r.text and code, "a comment while open is thanked with a tracking code",
          r.status)
    db = sqlite3.connect("file:%s?mode=ro" % S.db, uri=True)
    row = db.execute("SELECT state, organisation, section FROM draft_comments WHERE code = ?", (code,)).fetchone()
    db.close()
    check(row == (0, "Hợp tác xã Chè Hòa Lạc", "Điều 5"), "committed before the thank-you page", row)
    STATE["code"] = code
    q = queue("moi", DRAFT)
    check(code in q and "luc@example.vn" in q and "0912 345 678" in q, "the moderator sees it with contacts")
    p = S.get(PATH).text
    check(code not in p, "not public before moderation")


def test_moderation():
    code = STATE.get("code")
    cid = comment_id(code)
    r = BT.req("/quan-tri/du-thao/y-kien/%s" % cid, "POST", {"action": "dang"})
    check(r.status == 403, "publishing without the CSRF token is refused", r.status)
    wr = NewsroomSession(S, "phongvien", "mat-khau-phongvien-2026")
    check(wr.req("/quan-tri/du-thao").status == 403, "a writer cannot open consultations")
    r = wr.req("/quan-tri/du-thao/y-kien/%s" % cid, "POST", {"csrf": wr.csrf(), "action": "dang"})
    check(r.status == 403, "a writer cannot moderate", r.status)
    r = moderate(code, "dang")
    check(r.status == 303, "an approver publishes with CSRF", r.status)
    p = S.get(PATH).text
    check(code in p and "Hợp tác xã Chè Hòa Lạc" in p and "Đề nghị ưu tiên làm trước" in p and "Điều 5" in p,
          "published comment shown with organisation and section")
    check("luc@example.vn" not in p and "0912 345 678" not in p, "email and phone never public")
    check("1 góp ý" in S.get("/du-thao").text, "the list counts published comments")
    r2 = comment(PATH, {"noi-dung": "Đề nghị bỏ hẳn Điều 7 vì không phù hợp với thực tế thôn bản."})
    code2 = code_of(r2)
    r = moderate(code2, "tu-choi", "")
    check(r.status == 422 and "lý do" in r.text, "declining needs a reason", r.status)
    r = moderate(code2, "tu-choi", "Nội dung trùng với góp ý đã tiếp thu.")
    check(r.status == 303 and code2 not in S.get(PATH).text, "declined comment not shown", r.status)
    STATE["declined"] = code2
    check("Nội dung trùng với góp ý đã tiếp thu." in queue("tu-choi"), "decline reason kept for moderators")
    audit = NewsroomSession(S, "quantri", "mat-khau-quantri-2026").req("/quan-tri/nhat-ky").text
    check("Đăng góp ý dự thảo" in audit and "Không đăng góp ý dự thảo" in audit, "moderation in the audit log")


def track(code):
    return S.get("/du-thao/tra-cuu?ma=" + urllib.parse.quote(code))


PERSONAL = ("Hoàng Văn Lực", "luc@example.vn", "0912 345 678", "Hợp tác xã Chè Hòa Lạc")


def test_tracking():
    r = comment(PATH, {"noi-dung": "Đề nghị bổ sung chỉ tiêu về nước sạch nông thôn vào Điều 9."})
    code = code_of(r)
    check(r.status == 200 and ('href="/du-thao/tra-cuu?ma=%s"' % code) in r.text,
          "the thank-you page shows the code and links its tracking page")
    t = track(code)
    check(t.status == 200 and "Chờ duyệt" in t.text and code in t.text, "a new comment: waiting", t.status)
    check(('href="%s"' % PATH) in t.text and "Dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027" in t.text,
          "the draft it belongs to, linked")
    check("Gửi ngày " + vn_date(server_now()) in t.text, "the day it was sent")
    check(t.header("x-robots-tag") == "noindex", "not indexed")
    check(not any(x in t.text for x in PERSONAL), "no personal data on the page",
          [x for x in PERSONAL if x in t.text])
    pub = track(STATE.get("code", "?").lower())
    check(pub.status == 200 and "Đã đăng" in pub.text and
          ('href="%s#gy-%s"' % (PATH, STATE.get("code"))) in pub.text,
          "a published comment (code in lower case): linked on the draft's page", pub.status)
    check(not any(x in pub.text for x in PERSONAL), "no personal data once published either")
    dec = track(STATE.get("declined", "?"))
    check(dec.status == 200 and "Không đăng" in dec.text and "Nội dung trùng với góp ý đã tiếp thu." in dec.text,
          "a declined comment, with the reason", dec.status)
    spam = comment(PATH, {"website": "http://spam.example", "noi-dung": "Quảng cáo vay tiền nhanh, gọi ngay hôm nay."})
    t = track(code_of(spam))
    check(t.status == 200 and "Chờ duyệt" in t.text and "spam" not in t.text.lower() and "ô ẩn" not in t.text,
          "a spam verdict is never told: it reads as waiting")
    for bad, what in (("DT-ZZZZZZ", "an unknown code"), ("DT-<b>x", "a malformed code"), ("DT-" + "A" * 500, "a long code"),
                      ("GY-" + code[3:], "a code of the feedback form")):
        t = track(bad)
        check(t.status == 404 and "Không tìm thấy góp ý có mã" in t.text and 'name="ma"' in t.text,
              "%s: 404 with a message and the form" % what, t.status)
    t = track("DT-<b>x")
    check("<b>x" not in t.text and "DT-&lt;b&gt;x" in t.text, "the code typed is kept, escaped")
    e = S.get("/du-thao/tra-cuu")
    check(e.status == 200 and 'name="ma"' in e.text and "Không tìm thấy" not in e.text and "fb-status" not in e.text,
          "no code: the empty form", e.status)
    check(S.get("/du-thao/tra-cuu?ma=%20%20").status == 200, "a blank code: the empty form")
    raw = S.get("/du-thao/tra-cuu?ma=DT-%FF%FE")
    check(raw.status in (400, 404) and raw.status != 500, "invalid UTF-8 in the code: refused", raw.status)


def test_defences():
    r = comment(PATH, {"website": "http://spam.example", "noi-dung": "Mua hàng giá rẻ tại đây, liên hệ ngay hôm nay."})
    code = code_of(r)
    check(r.status == 200 and code, "honeypot: thanked like anyone", r.status)
    check(code in queue("spam"), "honeypot: goes to the spam folder")
    r = comment(PATH, {"noi-dung": "Gửi thật nhanh ngay sau khi mở trang dự thảo."}, wait=0)
    check(r.status == 200 and code_of(r) in queue("spam"), "faster than the minimum fill-in time: spam")
    r = comment(PATH, token="1.forged")
    check(r.status == 400 and "Biểu mẫu đã hết hạn" in r.text and "Đề nghị ưu tiên làm trước" in r.text,
          "a forged time stamp is refused, text kept", r.status)
    r = comment(PATH, {"noi-dung": "Đề nghị ưu tiên làm trước đoạn đường lên trường tiểu học."})
    check(r.status == 409 and "24 giờ" in r.text, "the same text again: duplicate", r.status)
    src = new_source()
    statuses = [comment(PATH, {"noi-dung": "Góp ý số %d về Điều %d của dự thảo kế hoạch." % (i, i)}, source=src).status
                for i in range(6)]
    check(statuses[:5] == [200] * 5 and statuses[5] == 429, "rate limit per address (5 an hour)", statuses)


def test_bad_input():
    r = comment(PATH, {"ho-ten": "", "noi-dung": "Ngắn", "email": "khong-dung", "dieu-khoan": "Điều " + "5" * 120})
    check(r.status == 422 and "Hãy nhập họ và tên." in r.text and "ít nhất 10 ký tự" in r.text and
          "Thư điện tử không đúng dạng" in r.text and "dài quá 100 ký tự" in r.text,
          "bad input: 422 with a message per field", r.status)
    check('value="khong-dung"' in r.text and "Ngắn</textarea>" in r.text, "bad input keeps the form")
    r = comment(PATH, {"noi-dung": "x" * 5001})
    check(r.status == 422 and "quá giới hạn 5000" in r.text, "too long refused", r.status)
    tok = token_of(PATH)
    advance(5)
    raw = ("ho-ten=L%E1%BB%B1c&noi-dung=Sai%FF%FEm%C3%A3+k%C3%BD+t%E1%BB%B1+r%E1%BA%A5t+d%C3%A0i&t=" +
           urllib.parse.quote(tok)).encode()
    r = comment(PATH, raw=raw, wait=0)
    check(r.status == 422 and "ký tự không hợp lệ" in r.text, "invalid UTF-8 refused with a message", r.status)
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> Đề nghị "sửa" Điều 3 & Điều 4.'
    r = comment(PATH, {"ho-ten": "<b>Kẻ xấu</b>", "noi-dung": hostile})
    code = code_of(r)
    check(r.status == 200 and code, "hostile HTML is taken as text", r.status)
    moderate(code, "dang")
    p = S.get(PATH).text
    check("<script>alert(1)</script>" not in p and "<img src=x" not in p and
          html.escape(hostile, quote=True) in p and "&lt;b&gt;Kẻ xấu&lt;/b&gt;" in p,
          "hostile HTML shown escaped")


def test_admin_validation():
    r, _ = create_draft("Dự thảo ngược ngày", server_now() + 5 * 86400, server_now() + 86400)
    check(r.status == 422 and "Thời gian kết thúc lấy ý kiến phải sau thời gian bắt đầu." in r.text and
          'value="Dự thảo ngược ngày"' in r.text, "closing before opening refused, form kept", r.status)
    form = {"csrf": BT.csrf("/quan-tri/du-thao/moi"), "ten": "Dự thảo", "co-quan": "UBND xã",
            "ngay-mo": "31/02/2026", "ngay-dong": "05/03/2026", "tom-tat": "", "bao-cao": ""}
    r = BT.req("/quan-tri/du-thao/moi", "POST", form)
    check(r.status == 422 and "không hợp lệ" in r.text, "impossible date refused", r.status)
    r = BT.req("/quan-tri/du-thao/moi", "POST", dict(form, csrf="sai"))
    check(r.status == 403, "saving without a valid CSRF token refused", r.status)
    edit = BT.req("/quan-tri/du-thao/%s" % DRAFT).text
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', edit))
    fields.update({k: html.unescape(v) for k, v in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', edit, re.S)})
    fields["bao-cao"] = "Đã tiếp thu 5 ý kiến."
    fields["ten"] = html.unescape(fields["ten"])
    fields["co-quan"] = html.unescape(fields["co-quan"])
    r = BT.req("/quan-tri/du-thao/%s" % DRAFT, "POST", fields)
    check(r.status == 422 and "sau khi kết thúc lấy ý kiến" in r.text, "no summary report while open", r.status)
    STATE["fields"] = fields


def test_closes_by_clock():
    advance(CLOSE_TS + 60 - server_now())
    p = S.get(PATH)
    check(p.status == 200 and "Đã kết thúc" in p.text and 'name="noi-dung"' not in p.text and
          'name="t"' not in p.text, "after closing (by the clock): the form is gone")
    check(STATE.get("code", "?") in p.text, "comments stay readable after closing")
    r = comment(PATH, token=token_of("/hoi-dap"))
    check(r.status == 409 and "Dự thảo đã hết thời gian lấy ý kiến" in r.text, "a comment after closing: 409", r.status)
    lst = S.get("/du-thao?trang-thai=da-ket-thuc").text
    check(PATH in lst and "Đã kết thúc" in lst, "listed under Đã kết thúc")
    check(PATH not in S.get("/du-thao?trang-thai=dang-lay-y-kien").text, "no longer under Đang lấy ý kiến")
    fields = STATE["fields"]
    fields["csrf"] = BT.csrf("/quan-tri/du-thao/%s" % DRAFT)
    fields["bao-cao"] = "<h2>Báo cáo tổng hợp</h2><p>Đã tiếp thu 5 ý kiến <script>x()</script>về Điều 5.</p>"
    r = BT.req("/quan-tri/du-thao/%s" % DRAFT, "POST", fields)
    check(r.status == 303, "the drafting body attaches its summary report after closing", r.status)
    p = S.get(PATH).text
    check("Báo cáo tổng hợp, tiếp thu, giải trình" in p and "Đã tiếp thu 5 ý kiến" in p and "<script>x()" not in p,
          "the report is shown, sanitized")


def comment_row(code):
    db = sqlite3.connect("file:%s?mode=ro" % S.db, uri=True)
    try:
        return db.execute("SELECT name, organisation, email, phone, client_hash, content FROM draft_comments "
                          "WHERE code = ?", (code,)).fetchone()
    finally:
        db.close()


def test_retention():
    admin = NewsroomSession(S, "quantri", "mat-khau-quantri-2026")
    page = admin.req("/quan-tri/thiet-lap").text
    form = {k: html.unescape(v) for k, v in re.findall(r'<input[^>]*name="([a-z-]+)"[^>]*value="([^"]*)"', page)}
    for k, v in re.findall(r'<textarea[^>]*name="([a-z-]+)"[^>]*>(.*?)</textarea>', page, re.S):
        form[k] = html.unescape(v)
    form.update({"luu-tru": "30", "csrf": admin.csrf("/quan-tri/thiet-lap")})
    r = admin.req("/quan-tri/thiet-lap", "POST", form)
    check(r.status == 303, "an admin sets the retention period to 30 days", r.status)
    published, declined = STATE.get("code"), STATE.get("declined")
    before = comment_row(published)
    check(before and before[2] == "luc@example.vn" and before[3] == "0912 345 678",
          "within the period the contacts are kept", before)
    # the sweep runs on the server's timer by its clock: move it past the period
    # and wait (bounded) for the next tick instead of sleeping a fixed time
    advance(31 * 86400)
    deadline = time.time() + 15
    row = comment_row(published)
    while row and row[2] and time.time() < deadline:
        time.sleep(0.2)
        row = comment_row(published)
    check(row and row[2] == "" and row[3] == "" and row[4] == "", "published: email, phone and client hash erased", row)
    check(row and row[0] == "Hoàng Văn Lực" and row[1] == "Hợp tác xã Chè Hòa Lạc" and
          row[5].startswith("Đề nghị ưu tiên làm trước"),
          "published: the name and organisation of its public record and the text kept", row)
    d = comment_row(declined)
    check(d and d[0] == "" and d[2] == "" and d[3] == "" and d[5].startswith("Đề nghị bỏ hẳn Điều 7"),
          "declined: name and contacts erased, the text kept", d)
    p = S.get(PATH).text
    check(published in p and "Hợp tác xã Chè Hòa Lạc" in p and "Đề nghị ưu tiên làm trước" in p,
          "the draft's page still shows the published comment")
    t = track(published)
    check(t.status == 200 and "Đã đăng" in t.text, "its tracking page still answers", t.status)
    check("luc@example.vn" not in admin.req("/quan-tri/du-thao/y-kien?trang-thai=da-dang").text,
          "the moderators' list no longer has the erased email")


def test_feeds_and_demo():
    rss = S.get("/du-thao/rss.xml")
    check(rss.status == 200 and PATH in rss.text and "<rss" in rss.text, "RSS lists the draft")
    sm = S.get("/sitemap.xml").text
    check(PATH in sm and "/du-thao</loc>" in sm, "sitemap lists the drafts")
    lst = S.get("/du-thao?trang-thai=da-ket-thuc").text
    check("Dự thảo Quy chế quản lý, sử dụng nhà văn hóa thôn" in lst, "the demo's closed consultation")
    demo = re.search(r'href="(/du-thao/du-thao-quy-che[^"]+)"', lst)
    p = S.get(demo.group(1)).text if demo else ""
    check("Báo cáo tổng hợp, tiếp thu, giải trình" in p and "Hội Liên hiệp Phụ nữ xã" in p,
          "the demo's closed draft has its report and comments")
    check(S.get("/du-thao/khong-co-99999").status == 404 and S.get("/du-thao?trang-thai=la").status == 404,
          "unknown draft or tab: 404")


def test_demo_fresh():
    """A fresh demo: one open consultation closing in two weeks, with comments."""
    fresh = Server()
    fresh.start()
    try:
        t = fresh.get("/du-thao").text
        check("Dự thảo Kế hoạch phát triển kinh tế - xã hội xã Hòa Lạc Sơn năm 2027" in t and
              re.search(r"Còn 1[45] ngày", t) and "3 góp ý" in t, "demo: an open consultation closing in ~2 weeks")
    finally:
        fresh.cleanup()


try:
    run_tests(test_create_and_upcoming, test_opens_by_clock, test_comment_accepted, test_moderation, test_tracking,
              test_defences,
              test_bad_input, test_admin_validation, test_closes_by_clock, test_retention, test_feeds_and_demo, test_demo_fresh)
finally:
    S.cleanup()
