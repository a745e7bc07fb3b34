"""Integration tests of the mail notifications against a real SMTP server
(tests/tools/smtp_sink.py, on a free port): the settings form (CSRF,
messages, the password never shown back), a test mail, each kind of
notification with its recipient, decoded subject and link, a server that
answers 451 and then recovers (the retry comes when the test clock is
moved), a dead port (the request is answered, the mail stays queued),
the outbox kept across a restart, "Gửi lại ngay", and failure for good."""
import os
import re
import sys
import time
import urllib.parse

from loatest import NewsroomSession, Server, check, editor_fields, free_port, loa, run_tests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from smtp_sink import Sink  # noqa: E402

S = Server()
for login, role in (("quantri", "admin"), ("bientap", "approver"), ("phongvien", "writer")):
    loa("user", "add", "--db", S.db, "--login", login, "--role", role, "--name", login.title(),
        input="mat-khau-%s-2026\n" % login)
CLOCK = os.path.join(S.tmp, "clock")
_offset = [0]
SINK = Sink(auth=("loa-gui-thu", "mật-khẩu-smtp"))
SITE = "Cổng thông tin điện tử xã Hòa Lạc Sơn"  # the demo site's name
FROM_NAME = "Cổng thông tin điện tử xã"


def advance(seconds):
    """Moves the server's clock forward (the test clock file)."""
    _offset[0] += int(seconds)
    with open(CLOCK + ".new", "w") as f:  # renamed into place: the server never reads half a file
        f.write("%d\n" % _offset[0])
    os.replace(CLOCK + ".new", CLOCK)


def start():
    S.start(extra=("--test-clock", CLOCK))


start()


def session(login):
    return NewsroomSession(S, login, "mat-khau-%s-2026" % login)


AD = session("quantri")


def settings(port=None, **over):
    form = {"may-chu": "127.0.0.1", "cong": str(port or SINK.port), "bao-mat": "khong",
            "ten-dang-nhap": "loa-gui-thu", "mat-khau": "", "dia-chi-gui": "thongbao@xa.example.vn",
            "ten-nguoi-gui": FROM_NAME, "nhan-gop-y": "gopy@xa.example.vn"}
    form.update(over)
    form["csrf"] = AD.csrf("/quan-tri/thu")
    return AD.req("/quan-tri/thu", "POST", form)


def outbox(tab=""):
    return AD.req("/quan-tri/thu/hop-thu" + ("?trang-thai=" + tab if tab else "")).text


def row_of(addr, tab=""):
    """The outbox's table row of the mail to addr ("" when none)."""
    m = re.search(r"<tr class=\"outbox-[a-z]+\">(?:(?!</tr>).)*?%s.*?</tr>" % re.escape(addr), outbox(tab), re.S)
    return m.group(0) if m else ""


def poll(cond, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(0.05)
    return cond()


def mails_to(addr, start_at=0):
    return [m for m in SINK.messages[start_at:] if addr in m.envelope[1]]


def wait_mail(addr, subject_part, start_at=0, timeout=20):
    return poll(lambda: next((m for m in mails_to(addr, start_at) if subject_part in str(m["subject"])), None),
                timeout)


def test_settings_form():
    r = AD.req("/quan-tri/thu")
    check(r.status == 200 and "Máy chủ thư" in r.text and "Gửi thư thử" in r.text, "the mail settings page",
          r.status)
    r = AD.req("/quan-tri/thu", "POST", {"may-chu": "127.0.0.1", "cong": "25", "bao-mat": "khong"})
    check(r.status == 403, "settings without a CSRF token refused", r.status)
    r = settings(cong="99999")
    check(r.status == 422 and "Cổng phải là số từ 1 đến 65535." in r.text, "a bad port is refused in Vietnamese",
          r.status)
    check('value="127.0.0.1"' in r.text, "the form keeps what was typed")
    r = settings(**{"dia-chi-gui": "không phải địa chỉ"})
    check(r.status == 422 and "Địa chỉ thư không hợp lệ" in r.text, "a bad sender address is refused", r.status)
    r = settings(**{"may-chu": "smtp host/x"})
    check(r.status == 422 and "Tên máy chủ không được chứa" in r.text, "a bad host is refused", r.status)
    r = settings(**{"bao-mat": "ssl3"})
    check(r.status == 422 and "Hãy chọn cách bảo mật" in r.text, "an unknown security is refused", r.status)
    r = settings(**{"mat-khau": "mật-khẩu-smtp"})
    check(r.status == 303, "settings saved", (r.status, r.text[:300]))
    page = AD.req("/quan-tri/thu").text
    check("mật-khẩu-smtp" not in page and "Đã lưu một mật khẩu" in page, "the password is never shown back")
    r = settings()  # blank password: keeps the stored one (the sink demands it below)
    check(r.status == 303, "saved again with the password left blank", r.status)
    w = session("phongvien")
    r = w.req("/quan-tri/thu")
    check(r.status == 403, "a writer cannot open the mail settings", r.status)
    r = w.req("/quan-tri/thu/hop-thu")
    check(r.status == 403, "a writer cannot open the outbox", r.status)


def test_test_mail():
    n = len(SINK.messages)
    r = AD.req("/quan-tri/thu/thu-thu", "POST", {"csrf": AD.csrf("/quan-tri/thu"), "gui-toi": "sai@"})
    check(r.status == 422 and "Hãy nhập một địa chỉ thư hợp lệ" in r.text, "a test mail needs a valid address")
    r = AD.req("/quan-tri/thu/thu-thu", "POST", {"csrf": AD.csrf("/quan-tri/thu"), "gui-toi": "quantri@xa.example.vn"})
    check(r.status == 303 and "/quan-tri/thu/hop-thu" in (r.header("location") or ""), "Gửi thư thử queues it",
          r.status)
    m = wait_mail("quantri@xa.example.vn", "Thư thử", n)
    check(m is not None, "the test mail arrives at the SMTP server", SINK.messages[n:])
    if not m:
        return
    check(str(m["subject"]) == "[%s] Thư thử" % SITE, "subject decoded", str(m["subject"]))
    raw = m.raw.decode("utf-8")
    check("Subject: =?UTF-8?B?" in raw, "the Vietnamese subject is RFC 2047 encoded", raw[:400])
    check(re.search(r"^Message-ID: <loa\.\d+\.\d+@xa\.example\.vn>", raw, re.M) is not None, "Message-ID", raw[:500])
    check(re.search(r"^Date: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0700", raw, re.M) is not None, "Date", raw[:500])
    check(m["from"].addresses[0].display_name == FROM_NAME and m["from"].addresses[0].addr_spec == "thongbao@xa.example.vn",
          "From with the encoded name", str(m["from"]))
    check(m.envelope[0] == "thongbao@xa.example.vn", "MAIL FROM is the sender address", m.envelope)
    check(SINK.auth_seen and SINK.auth_seen[-1] == ("loa-gui-thu", "mật-khẩu-smtp"),
          "AUTH with the stored password", SINK.auth_seen)
    body = m.get_content()
    check("máy chủ thư đã được thiết lập đúng" in body and "/quan-tri/thu" in body, "the body, UTF-8", body)
    page = poll(lambda: (lambda t: t if "quantri@xa.example.vn" in t else None)(outbox("da-gui")))
    check(page and "Đã gửi" in page, "the outbox lists it as sent")


def user_ids():
    page = AD.req("/quan-tri/thu").text
    return {login: int(i) for i, login in re.findall(r'<label for="m-email-(\d+)">[^<(]*\(([a-z]+),', page)}


def set_emails():
    ids = user_ids()
    form = {"csrf": AD.csrf("/quan-tri/thu")}
    form["email-%d" % ids["phongvien"]] = "sai dia chi"
    r = AD.req("/quan-tri/thu/nguoi-nhan", "POST", form)
    check(r.status == 422 and "Địa chỉ thư của Phongvien không hợp lệ." in r.text, "a bad user address is refused",
          r.status)
    form = {"csrf": AD.csrf("/quan-tri/thu")}
    for login, i in ids.items():
        form["email-%d" % i] = "%s@xa.example.vn" % login
    r = AD.req("/quan-tri/thu/nguoi-nhan", "POST", form)
    check(r.status == 303, "the users' addresses saved", r.status)
    check('value="phongvien@xa.example.vn"' in AD.req("/quan-tri/thu").text, "an address shown in the newsroom")


def test_article_notifications():
    set_emails()
    n = len(SINK.messages)
    w = session("phongvien")
    form = editor_fields(w, "/quan-tri/bai-viet/moi")
    form.update({"tieu-de": "Xã ra quân làm đường giao thông nông thôn", "sapo": "Tóm tắt",
                 "body_html": "<p>Nội dung.</p>", "action": "gui-duyet"})
    r = w.req("/quan-tri/bai-viet/moi", "POST", form)
    m = re.search(r"/quan-tri/bai-viet/(\d+)", r.header("location") or "")
    check(r.status == 303 and m, "the writer submits an article", r.status)
    aid = int(m.group(1))
    for editor in ("bientap", "quantri"):
        mm = wait_mail(editor + "@xa.example.vn", "Bài chờ duyệt", n)
        check(mm is not None and str(mm["subject"]) == "[%s] Bài chờ duyệt: Xã ra quân làm đường giao thông nông thôn"
              % SITE, "submitted -> %s gets the decoded subject" % editor, mm and str(mm["subject"]))
        if mm:
            check("http://127.0.0.1:%d/quan-tri/bai-viet/%d" % (S.port, aid) in mm.get_content(),
                  "submitted mail links the newsroom's article", mm.get_content())
            check(str(mm["to"]) == "<%s@xa.example.vn>" % editor or editor in str(mm["to"]), "To header", mm["to"])
    check(not mails_to("phongvien@xa.example.vn", n), "the writer is not told of their own submission")
    b = session("bientap")
    form = editor_fields(b, "/quan-tri/bai-viet/%d" % aid)
    form.update({"action": "tra-lai", "ghi-chu": "Bổ sung số liệu mét đường đã làm"})
    r = b.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    check(r.status == 303, "the approver returns it", r.status)
    mm = wait_mail("phongvien@xa.example.vn", "Bài được trả lại", n)
    check(mm is not None and "Bổ sung số liệu mét đường đã làm" in mm.get_content(),
          "returned -> the author gets the note", mm and mm.get_content())
    form = editor_fields(b, "/quan-tri/bai-viet/%d" % aid)
    form["action"] = "xuat-ban"
    r = b.req("/quan-tri/bai-viet/%d" % aid, "POST", form)
    check(r.status == 303, "the approver publishes it", r.status)
    mm = wait_mail("phongvien@xa.example.vn", "Bài đã được đăng", n)
    check(mm is not None and str(mm["subject"]) == "[%s] Bài đã được đăng: Xã ra quân làm đường giao thông nông thôn"
          % SITE, "published -> the author", mm and str(mm["subject"]))
    if mm:
        link = re.search(r"http://127\.0\.0\.1:%d(/[a-z0-9-]+/[a-z0-9-]+-%d)" % (S.port, aid), mm.get_content())
        check(link is not None and S.get(link.group(1)).status == 200, "the public link opens the article",
              mm.get_content())


def submit_feedback(email, notify, content="Con tôi học lớp 10, có được hỗ trợ học phí không?"):
    src = "127.0.0.%d" % (50 + len(SINK.messages) % 150)
    page = S.get("/hoi-dap", source=src).text
    tok = re.search(r'name="t" value="([^"]+)"', page).group(1)
    advance(10)  # past the minimum fill-in time
    data = {"ho-ten": "Trần Thị Bình", "dia-chi": "Thôn Đông", "email": email, "dien-thoai": "",
            "tieu-de": "Hỏi về hỗ trợ học phí", "noi-dung": content,
            "bai": "0", "t": tok, "website": ""}
    if notify:
        data["nhan-thu"] = "1"
    r = S.request("/gop-y", method="POST", body=urllib.parse.urlencode(data).encode(), source=src,
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    code = re.search(r"GY-[23456789A-Z]{6}", r.text)
    return r, code.group(0) if code else None


def feedback_id(code):
    page = AD.req("/quan-tri/gop-y").text
    m = re.search(r'href="/quan-tri/gop-y/(\d+)"[^>]*>[^<]*</a>[^G]*' + code, page) or \
        re.search(r'/quan-tri/gop-y/(\d+)[^<]*<[^>]*>[^<]*' + code, page)
    if m:
        return int(m.group(1))
    for i in re.findall(r"/quan-tri/gop-y/(\d+)", page):
        if code in AD.req("/quan-tri/gop-y/" + i).text:
            return int(i)
    return None


def test_feedback_notifications():
    n = len(SINK.messages)
    r, code = submit_feedback("binh@example.vn", True)
    check(r.status == 200 and code, "a citizen sends a question and agrees to be told", (r.status, r.text[:300]))
    mm = wait_mail("gopy@xa.example.vn", "Ý kiến mới", n)
    check(mm is not None and str(mm["subject"]) == "[%s] Ý kiến mới %s: Hỏi về hỗ trợ học phí" % (SITE, code),
          "feedback received -> the moderators' address", mm and str(mm["subject"]))
    fid = feedback_id(code)
    check(fid is not None, "the item is in the queue")
    if mm and fid:
        check("http://127.0.0.1:%d/quan-tri/gop-y/%d" % (S.port, fid) in mm.get_content(),
              "the mail links the item in the newsroom", mm.get_content())
    b = session("bientap")
    url = "/quan-tri/gop-y/%d" % fid
    r = b.req(url, "POST", {"csrf": b.csrf(url), "action": "luu", "tra-loi": "Có, theo Nghị định 81/2021/NĐ-CP.",
                            "ly-do": ""})
    check(r.status == 303, "the approver answers", r.status)
    mm = wait_mail("binh@example.vn", "Trả lời ý kiến", n)
    check(mm is not None and str(mm["subject"]) == "[%s] Trả lời ý kiến %s: Hỏi về hỗ trợ học phí" % (SITE, code),
          "answered -> the citizen who agreed", mm and str(mm["subject"]))
    if mm:
        body = mm.get_content()
        check("Nghị định 81/2021/NĐ-CP" in body and "/gop-y/tra-cuu?ma=%s" % code in body,
              "the answer and the tracking link in the mail", body)
    # without consent: the moderators are told, the citizen is not
    r, code2 = submit_feedback("khong-dong-y@example.vn", False, "Xin hỏi lịch tiêm chủng tháng này ở trạm y tế xã.")
    fid2 = feedback_id(code2)
    url = "/quan-tri/gop-y/%d" % fid2
    r = b.req(url, "POST", {"csrf": b.csrf(url), "action": "luu", "tra-loi": "Đã trả lời.", "ly-do": ""})
    check(r.status == 303 and "khong-dong-y@example.vn" not in outbox(),
          "no mail is queued to a citizen who did not agree")


def test_retry_after_451():
    n = len(SINK.messages)
    SINK.fail_next = 1
    r = AD.req("/quan-tri/thu/thu-thu", "POST", {"csrf": AD.csrf("/quan-tri/thu"), "gui-toi": "thu-lai@xa.example.vn"})
    check(r.status == 303, "a test mail queued", r.status)
    row = poll(lambda: (lambda t: t if "451" in t else None)(row_of("thu-lai@xa.example.vn", "cho-gui")))
    check(row and "đã thử 1 lần" in row, "after a 451 the mail waits, with the server's reply", outbox()[-2000:])
    check(not mails_to("thu-lai@xa.example.vn", n), "nothing delivered yet")
    advance(61)  # the first retry is a minute later
    mm = wait_mail("thu-lai@xa.example.vn", "Thư thử", n)
    check(mm is not None, "delivered once the clock has moved past the retry", outbox()[-1500:])


def test_dead_port_restart_and_retry_now():
    global AD
    dead = free_port()
    check(settings(port=dead).status == 303, "settings point at a dead port")
    r = AD.req("/quan-tri/thu/thu-thu", "POST", {"csrf": AD.csrf("/quan-tri/thu"), "gui-toi": "cho@xa.example.vn"})
    check(r.status == 303, "the request that queues mail to a dead server is answered at once", r.status)
    row = poll(lambda: (lambda t: t if "không kết nối được" in t else None)(row_of("cho@xa.example.vn", "cho-gui")))
    check(row, "the mail stays queued with the connection error", outbox()[-1500:])
    S.stop()
    start()
    AD = session("quantri")
    page = outbox("cho-gui")
    check("cho@xa.example.vn" in page, "a restart keeps the queued mail", page[-1500:])
    check(settings().status == 303, "settings point at the sink again")
    rid = re.search(r'action="/quan-tri/thu/hop-thu/(\d+)/gui-lai"', row_of("cho@xa.example.vn", "cho-gui"))
    n = len(SINK.messages)
    r = AD.req("/quan-tri/thu/hop-thu/%s/gui-lai" % rid.group(1), "POST", {"csrf": AD.csrf("/quan-tri/thu/hop-thu")})
    check(r.status == 303, "Gửi lại ngay", r.status)
    check(wait_mail("cho@xa.example.vn", "Thư thử", n) is not None, "sent at once after Gửi lại ngay")
    r = AD.req("/quan-tri/thu/hop-thu/999999/gui-lai", "POST", {"csrf": AD.csrf("/quan-tri/thu/hop-thu")})
    check(r.status == 404, "retrying an unknown mail is 404", r.status)
    r = AD.req("/quan-tri/thu/hop-thu/%s/gui-lai" % rid.group(1), "POST", {})
    check(r.status == 403, "Gửi lại ngay needs the CSRF token", r.status)


def test_starttls_checks_the_certificate():
    import ssl
    import subprocess
    key, crt = os.path.join(S.tmp, "sink.key"), os.path.join(S.tmp, "sink.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt,
                    "-subj", "/CN=127.0.0.1", "-days", "2"], capture_output=True, check=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(crt, key)
    tls_sink = Sink(tls=ctx)
    try:
        check(settings(port=tls_sink.port, **{"bao-mat": "starttls"}).status == 303, "settings with STARTTLS")
        r = AD.req("/quan-tri/thu/thu-thu", "POST", {"csrf": AD.csrf("/quan-tri/thu"), "gui-toi": "tls@xa.example.vn"})
        check(r.status == 303, "queued", r.status)
        row = poll(lambda: (lambda t: t if "TLS" in t else None)(row_of("tls@xa.example.vn", "cho-gui")))
        check(row and "bắt tay TLS thất bại" in row and "self-signed" in row,
              "a certificate nobody vouches for is refused after STARTTLS, the mail kept", outbox()[-1500:])
        check(not tls_sink.messages, "nothing was sent over the unverified connection")
    finally:
        tls_sink.close()
        settings()


def test_fails_for_good():
    SINK.fail_next = 100
    r = AD.req("/quan-tri/thu/thu-thu", "POST", {"csrf": AD.csrf("/quan-tri/thu"), "gui-toi": "het@xa.example.vn"})
    check(r.status == 303, "queued", r.status)
    for attempt in range(1, 8):
        ok = poll(lambda: row_of("het@xa.example.vn", "that-bai") or
                  ("đã thử %d lần" % attempt) in row_of("het@xa.example.vn", "cho-gui"))
        if not ok:
            check(False, "attempt %d of a mail that keeps failing is recorded" % attempt,
                  S.read_log()[-1500:] + outbox()[-3000:])
            break
        advance(86400)
    page = row_of("het@xa.example.vn", "that-bai")
    check("Thất bại" in page and "451" in page and "đã thử 7 lần" in page,
          "after the last retry the mail is marked Thất bại with the last error", page[-1500:])
    SINK.fail_next = 0


try:
    run_tests(test_settings_form, test_test_mail, test_article_notifications, test_feedback_notifications,
              test_retry_after_451, test_dead_port_restart_and_retry_now, test_starttls_checks_the_certificate,
              test_fails_for_good)
finally:
    S.cleanup()
    SINK.close()
