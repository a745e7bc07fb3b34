"""Integration tests of loa as a service: `loa serve --config` (flags win
over the file; an unknown key, a duplicate, a bad value, a missing file
refused with file:line and exit 2), the access log (every request one
combined-format line, parsed and compared with the requests sent, cached
pages, static files, 301s and 404s included, local time with its offset),
SIGHUP (logs reopened after a move, templates reloaded, a broken template
refused with the old pages still served and the error logged), /healthz,
a graceful stop that writes out the visit counters, a database of a newer
loa refused, the systemd unit checked by systemd-analyze, make install."""
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time

from loatest import LOA, ROOT, Server, check, demo_article_paths, free_port, loa, run_tests

# A fixed zone for the server (no daylight saving, no tzdata needed), so
# the offset in the access log is known.
os.environ["TZ"] = "ICT-7"
WORK = tempfile.mkdtemp(prefix="loa-service-")
os.makedirs(os.path.join(WORK, "demo"))
DEMO = Server(tmp=os.path.join(WORK, "demo"))  # makes the demo database once
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

LINE = re.compile(r'^(\S+) - - \[(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}) ([+-]\d{4})\] '
                  r'"(\S+) (\S+) (HTTP/[0-9.]+)" (\d{3}) (\d+) "((?:[^"\\]|\\x[0-9a-f]{2})*)" '
                  r'"((?:[^"\\]|\\x[0-9a-f]{2})*)"$')


def wait_for(cond, timeout=10.0):
    """Polls cond() until it is true or the time is up; returns its last value."""
    deadline = time.time() + timeout
    while True:
        v = cond()
        if v or time.time() > deadline:
            return v
        time.sleep(0.02)


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def blocked(pid, sig):
    """True when the process holds sig back (its SigBlk mask)."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("SigBlk:"):
                    return bool(int(line.split()[1], 16) & (1 << (sig - 1)))
    except OSError:
        pass
    return False


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def fresh(name):
    """A folder with its own copy of the demo database (and media)."""
    d = os.path.join(WORK, name)
    os.makedirs(d)
    shutil.copy(DEMO.db, os.path.join(d, "site.db"))
    if os.path.isdir(os.path.join(DEMO.tmp, "media")):
        shutil.copytree(os.path.join(DEMO.tmp, "media"), os.path.join(d, "media"))
    return d


def serve_copy(name, *extra):
    """A server over a fresh copy of the demo, started with extra flags
    whose "{d}" is that copy's folder."""
    d = fresh(name)
    s = Server(db=os.path.join(d, "site.db"), demo=False, tmp=d)
    s.start([a.replace("{d}", d) for a in extra])
    return d, s


class ConfServer(Server):
    """A server started with `loa serve ARGS...` (no implied --db/--listen)."""

    def start_args(self, args, port):
        self.port = port
        self.log = open(os.path.join(self.tmp, "server.log"), "ab")
        self.proc = subprocess.Popen([LOA, "serve", *args], stdout=self.log, stderr=self.log)
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited with %s: %s" % (self.proc.returncode, self.read_log()))
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start: " + self.read_log())


def test_config_file():
    d = fresh("conf")
    port, port2 = free_port(), free_port()
    conf = os.path.join(d, "loa.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write("# cổng thử\nlisten = 127.0.0.1:%d\ndb = site.db   # cạnh tệp này\n"
                "access_log = logs/access.log\nerror_log = error.log\nlog_level = info\n" % port)
    os.makedirs(os.path.join(d, "logs"))
    s = ConfServer(db=os.path.join(d, "site.db"), demo=False, tmp=d)
    try:
        s.start_args(["--config", conf], port)
        r = s.get("/")
        check(r.status == 200 and "<html" in r.text, "serves the database the file names, on its port")
        check(s.stop() == 0, "stops with 0")
        check(wait_for(lambda: "GET / HTTP/1.1" in read(os.path.join(d, "logs", "access.log"))),
              "the access log named by the file, relative to the file's folder")
        err = read(os.path.join(d, "error.log"))
        check("thông tin: bắt đầu phục vụ tại 127.0.0.1:%d" % port in err and "đã dừng" in err,
              "the error log named by the file has the start and the stop", err)
        # a flag wins over the file
        s.start_args(["--config", conf, "--listen", "127.0.0.1:%d" % port2, "--access-log", "off"], port2)
        check(s.get("/healthz").status == 200, "--listen given as a flag wins over the file")
        before = read(os.path.join(d, "logs", "access.log"))
        s.stop()
        check(read(os.path.join(d, "logs", "access.log")) == before, "--access-log off wins over the file")
    finally:
        s.stop()


def test_bad_config():
    d = os.path.join(WORK, "bad")
    os.makedirs(d)
    conf = os.path.join(d, "loa.conf")
    cases = [
        ("db = x.db\nlisen = :80\n", ":2: không có khóa \"lisen\""),
        ("listen = :80\n# x\nlisten = :81\n", ":3: khóa \"listen\" đã được đặt ở dòng 1"),
        ("listen = cổng tám mươi\n", ":1: giá trị \"cổng tám mươi\" của \"listen\" không dùng được"),
        ("log_level = debug\n", ":1: giá trị \"debug\" của \"log_level\" không dùng được: cần error, warning hoặc info"),
        ("db\n", ":1: thiếu dấu \"=\""),
        ("db =\n", ":1: khóa \"db\" chưa có giá trị"),
    ]
    for text, want in cases:
        with open(conf, "w", encoding="utf-8") as f:
            f.write(text)
        r = loa("serve", "--config", conf)
        check(r.returncode == 2 and (conf + want) in r.stderr, "refused with file:line (%s)" % want.strip(),
              r.stderr)
    r = loa("serve", "--config", os.path.join(d, "missing.conf"))
    check(r.returncode == 2 and "không có tệp này" in r.stderr, "a missing file is refused", r.stderr)
    r = loa("serve", "--db", DEMO.db, "--listen", "8080")
    check(r.returncode == 2 and "--listen \"8080\" không dùng được" in r.stderr, "a bad flag value is refused",
          r.stderr)
    r = loa("serve", "--db", DEMO.db, "--access-log", os.path.join(d, "no", "such", "access.log"),
            "--listen", "127.0.0.1:%d" % free_port())
    check(r.returncode == 1 and "không mở được nhật ký truy cập" in r.stderr, "an access log that cannot be opened",
          r.stderr)


def entries(path):
    out = []
    for line in read(path).splitlines():
        m = LINE.match(line)
        out.append(m.groups() if m else ("unparsed", line))
    return out


def test_access_log():
    d, s = serve_copy("access", "--access-log", "{d}/access.log")
    log = os.path.join(d, "access.log")
    try:
        art = demo_article_paths(s)[0]  # one request, first in the log
        cat, rest = art.rsplit("/", 1)
        wrong = cat + "/sai-" + rest.rsplit("-", 1)[1]  # old slug: 301 to the right one
        sent = [  # method, path, extra headers, expected status
            ("GET", "/", {}, 200),
            ("GET", "/", {}, 200),  # from the page cache
            ("GET", art, {"Referer": "http://127.0.0.1/"}, 200),
            ("GET", wrong, {}, 301),
            ("GET", "/static/style.css", {}, 200),
            ("GET", "/khong-co-trang-nay?x=1&y=\"2\"", {}, 404),
            ("HEAD", "/lich-cong-tac", {}, 200),
            ("POST", "/robots.txt", {}, 405),
            ("GET", "/en", {}, 301),
            ("GET", "/healthz", {}, 200),
            ("GET", "/tim-kiem?q=%C4%91%E1%BA%A3ng", {"User-Agent": 'Trình duyệt "thử"'.encode()}, 200),
        ]
        got_status = []
        for method, path, headers, _ in sent:
            h = dict(headers)
            ua = h.pop("User-Agent", UA)
            got_status.append(s.request(path, method=method, headers=h, ua=ua, body=b"" if method == "POST" else None).status)
        check(got_status == [x[3] for x in sent], "the requests answer as expected", got_status)
        # h2o answers a body over every route's bound itself; the client
        # is gone by the time the request is logged
        c = socket.create_connection(("127.0.0.1", s.port))
        c.sendall(b"POST /gop-y HTTP/1.1\r\nHost: x\r\nContent-Length: 900000000\r\n\r\n")
        check(c.recv(100).startswith(b"HTTP/1.1 413"), "a body too large for any route: 413 from h2o")
        c.close()
        check(wait_for(lambda: '"POST /gop-y HTTP/1.1" 413' in read(log)), "that too has its line")
        check(s.stop() == 0, "SIGTERM: exit 0")
        lines = entries(log)
        check(len(lines) == len(sent) + 2, "one line per request (%d sent)" % (len(sent) + 2), read(log))
        check(all(e[0] != "unparsed" for e in lines), "every line has the combined format", read(log))
        if len(lines) != len(sent) + 2 or any(e[0] == "unparsed" for e in lines):
            return
        # the 413's line: the last sent, but a slower request (the search,
        # on a worker) may complete after it
        big = [e for e in lines if e[3] == "POST" and e[4] == "/gop-y"]
        check(len(big) == 1 and big[0][0] == "127.0.0.1" and big[0][6] == "413", "with the client's address", big)
        lines = [e for e in lines[1:] if e not in big]  # the home page request of demo_article_paths, the 413
        # Several event loops write their lines as their requests complete:
        # one loop may log a request before another logs the one that came
        # just before it, so each request is matched to its line by method
        # and path rather than by position; the checks below read them in
        # the order sent.
        def line_of(method, path):
            for i, e in enumerate(lines):
                if e[3] == method and e[4] == path.replace('"', "\\x22"):
                    return lines.pop(i)
            return ("?", "?", "?", "?", "?", "?", "0", "0", "?", "?")

        in_order = []
        for method, path, headers, status in sent:
            e = line_of(method, path)
            in_order.append(e)
            host, when, offset, m, p, proto, st, size, ref, agent = e
            ok = (host == "127.0.0.1" and m == method and p == path.replace('"', "\\x22") and proto == "HTTP/1.1"
                  and int(st) == status)
            check(ok, "line for %s %s %d" % (method, path, status), e)
        lines = in_order
        check(all(e[2] == "+0700" for e in lines), "times in the server's local time with its offset")
        t = time.strptime(lines[0][1], "%d/%b/%Y:%H:%M:%S")
        check(abs(time.mktime(t) - time.time()) < 600, "the time is now", lines[0][1])
        check(lines[2][8] == "http://127.0.0.1/" and lines[0][8] == "-", "referer, or - when none")
        check(lines[0][9] == UA, "user agent")
        check(lines[-1][9] == "Tr\\xc3\\xacnh duy\\xe1\\xbb\\x87t \\x22th\\xe1\\xbb\\xad\\x22",
              "quotes and bytes above ASCII escaped as \\xHH", lines[-1][9])
        check(int(lines[0][7]) > 1000 and int(lines[6][7]) == 0 and int(lines[4][7]) > 1000,
              "bytes of the body sent (none for HEAD)", [l[7] for l in lines])
        check(lines[0][7] == lines[1][7], "a cached page logs the same size")
    finally:
        s.stop()


def test_access_log_disk_full():
    """A log that cannot be written (the full device) is said once in the
    error log; the site goes on serving."""
    d, s = serve_copy("full", "--access-log", "/dev/full", "--error-log", "{d}/error.log")
    elog = os.path.join(d, "error.log")
    try:
        check(s.get("/healthz").status == 200, "serves")
        check(wait_for(lambda: "không ghi được nhật ký truy cập /dev/full: đĩa đầy" in read(elog)),
              "the failed write is in the error log, in Vietnamese", read(elog))
        for _ in range(3):
            check(s.get("/").status == 200, "the site goes on serving")
        check(s.stop() == 0, "and stops with 0")
        check(read(elog).count("không ghi được nhật ký truy cập") == 1, "said once, not per flush", read(elog))
    finally:
        s.stop()


def test_sighup():
    d = fresh("hup")
    theme = os.path.join(d, "theme")
    shutil.copytree(os.path.join(ROOT, "themes", "default"), theme)
    alog, elog = os.path.join(d, "access.log"), os.path.join(d, "error.log")
    s = Server(db=os.path.join(d, "site.db"), demo=False, tmp=d)
    s.start(["--theme", theme, "--access-log", alog, "--error-log", elog])
    try:
        check(s.get("/gioi-thieu").status == 200, "serves")
        check(wait_for(lambda: "GET /gioi-thieu " in read(alog)), "the line is in the access log")
        os.rename(alog, alog + ".1")
        os.rename(elog, elog + ".1")
        s.proc.send_signal(signal.SIGHUP)
        check(wait_for(lambda: os.path.exists(alog) and "đã mở lại các tệp nhật ký" in read(elog)),
              "after SIGHUP both logs are opened again at their paths", read(elog + ".1"))
        check("giao diện không thay đổi" in read(elog), "an unchanged theme is not compiled again", read(elog))
        s.get("/healthz")
        check(wait_for(lambda: "GET /healthz " in read(alog)), "new lines go to the new access log")
        check("GET /healthz " not in read(alog + ".1"), "and not to the moved one")

        layout = os.path.join(theme, "templates", "layout.html")
        text = read(layout)
        check("</body>" in text, "the layout has a body to mark")
        with open(layout, "w", encoding="utf-8") as f:
            f.write(text.replace("</body>", "<!-- mẫu đã sửa -->\n</body>", 1))
        css = re.compile(r'href="(/static/[0-9a-f]{16}/style\.css)"')
        old_css = css.search(s.get("/gioi-thieu").text).group(1)
        with open(os.path.join(theme, "static", "style.css"), "a", encoding="utf-8") as f:
            f.write("\n/* sửa */\n")
        check("mẫu đã sửa" not in s.get("/gioi-thieu").text, "an edited template is not used before SIGHUP")
        s.proc.send_signal(signal.SIGHUP)
        check(wait_for(lambda: "mẫu đã sửa" in s.get("/gioi-thieu").text),
              "after SIGHUP the page shows the edited template (the page cache was cleared)")
        new_css = css.search(s.get("/gioi-thieu").text).group(1)
        r = s.get(new_css)
        check(new_css != old_css and r.status == 200 and "/* sửa */" in r.text,
              "a changed stylesheet gets a new versioned URL that serves it", (old_css, new_css, r.status))

        # reloads while pages are rendered on the workers: every answer
        # whole, from one theme or the other
        stop = threading.Event()
        answers = []

        def reader():
            while not stop.is_set():
                for path in ("/gioi-thieu", "/lich-cong-tac", "/quan-tri/dang-nhap", "/khong-co"):
                    r = s.get(path)
                    answers.append((path, r.status, "</html>" in r.text))

        readers = [threading.Thread(target=reader) for _ in range(2)]
        for t in readers:
            t.start()
        for i in range(6):
            with open(layout, "w", encoding="utf-8") as f:
                f.write(text.replace("</body>", "<!-- mẫu đã sửa -->\n<!-- lần %d -->\n</body>" % i, 1))
            s.proc.send_signal(signal.SIGHUP)
            wait_for(lambda: "<!-- lần %d -->" % i in s.get("/gioi-thieu").text)
        stop.set()
        for t in readers:
            t.join()
        check(answers and all(st in (200, 404) and whole for _, st, whole in answers),
              "pages rendered during six reloads all answered whole (%d)" % len(answers),
              [a for a in answers if not (a[1] in (200, 404) and a[2])][:5])
        check("<!-- lần 5 -->" in s.get("/gioi-thieu").text, "the last reload's theme serves")

        with open(layout, "w", encoding="utf-8") as f:
            f.write(text.replace("</body>", "{{#khong_dong}}\n</body>", 1))
        s.proc.send_signal(signal.SIGHUP)
        check(wait_for(lambda: "không nạp lại được giao diện, vẫn dùng mẫu cũ" in read(elog)),
              "a broken template is refused and the error logged", read(elog))
        r = s.get("/gioi-thieu")
        check(r.status == 200 and "mẫu đã sửa" in r.text, "the old templates still serve the pages")
        check(s.get("/lich-cong-tac").status == 200, "and pages not cached before")
        check(s.proc.poll() is None, "the server runs on")
        check(s.stop() == 0, "and stops cleanly after its reloads")
    finally:
        s.stop()


def test_healthz():
    d, s = serve_copy("health")
    try:
        r = s.get("/healthz")
        check(r.status == 200 and r.text == "ok\n", "200 ok while the database answers", (r.status, r.text))
        check(r.header("content-type") == "text/plain; charset=utf-8", "plain text")
        check(r.header("cache-control") == "no-store", "never stored by a cache")
        check(r.header("set-cookie") is None, "no visitor cookie: not counted as a visit")
        r = s.get("/healthz", method="HEAD")
        check(r.status == 200 and r.raw == b"", "HEAD too")
        check(s.get("/healthz", method="POST", body=b"").status == 405, "only GET and HEAD")
        # a database that no longer answers a read (its meta row is gone)
        con = sqlite3.connect(s.db)
        value = con.execute("SELECT value FROM meta WHERE key = 'content_version'").fetchone()[0]
        con.execute("DELETE FROM meta WHERE key = 'content_version'")
        con.commit()
        r = s.get("/healthz")
        check(r.status == 503 and "cơ sở dữ liệu không trả lời" in r.text, "503 with a Vietnamese reason",
              (r.status, r.text))
        check(r.header("cache-control") == "no-store", "503 not stored either")
        con.execute("INSERT INTO meta (key, value) VALUES ('content_version', ?)", (value,))
        con.commit()
        con.close()
        check(s.get("/healthz").status == 200, "200 again once it answers")
        # many monitors asking, each like another browser: no visit counted
        before = total_visits(s.db)
        for i in range(5):
            s.get("/healthz", ua="Mozilla/5.0 (X11; Linux x86_64) Firefox/%d.0" % (60 + i))
        check(s.stop() == 0, "stops with 0 (the counters written out)")
        check(total_visits(s.db) == before, "/healthz is never a visit", (before, total_visits(s.db)))
    finally:
        s.stop()


def test_error_log_on_stderr():
    """On a terminal or a plain file the lines carry local time and level;
    when stderr is the journal (JOURNAL_STREAM names it) a priority instead."""
    d, s = serve_copy("stderr")
    s.stop()
    text = s.read_log()
    check(re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0700 thông tin: bắt đầu phục vụ tại 127\.0\.0\.1:%d" % s.port,
                    text, re.M), "stderr: time with offset, level, message", text)
    log = os.path.join(d, "server.log")
    open(log, "w").close()
    st = os.stat(log)
    os.environ["JOURNAL_STREAM"] = "%d:%d" % (st.st_dev, st.st_ino)
    try:
        s.start()
    finally:
        del os.environ["JOURNAL_STREAM"]
    s.stop()
    text = s.read_log()
    check(re.search(r"^<6>thông tin: bắt đầu phục vụ", text, re.M) and re.search(r"^<6>thông tin: đã dừng", text, re.M),
          "the journal: syslog priority, no time stamp", text)


def test_notify():
    """Under systemd (Type=notify) loa says READY=1 once its port is open
    and STOPPING=1 when it begins to stop."""
    path = os.path.join(WORK, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(10)
    d = fresh("notify")
    s = Server(db=os.path.join(d, "site.db"), demo=False, tmp=d)
    os.environ["NOTIFY_SOCKET"] = path
    try:
        s.start()
    finally:
        del os.environ["NOTIFY_SOCKET"]
    try:
        check(sock.recv(256) == b"READY=1", "READY=1 once serving")
        check(s.get("/healthz").status == 200, "and it serves")
        check(s.stop() == 0, "stops with 0")
        check(sock.recv(256) == b"STOPPING=1", "STOPPING=1 on SIGTERM")
    finally:
        s.stop()
        sock.close()


def total_visits(db):
    con = sqlite3.connect(db)
    n = con.execute("SELECT coalesce(sum(visits), 0) FROM visits_total").fetchone()[0]
    con.close()
    return n


def test_graceful_stop():
    d, s = serve_copy("stop", "--access-log", "{d}/access.log")
    alog = os.path.join(d, "access.log")
    try:
        before = total_visits(s.db)
        n = 7
        for i in range(n):  # each another browser: a new visit
            r = s.get("/", ua="Mozilla/5.0 (X11; Linux x86_64) Firefox/%d.0" % (90 + i))
            check(r.status == 200, "visit %d" % i)
        rc = s.stop(signal.SIGTERM)  # at once: the counters are still in memory
        check(rc == 0, "SIGTERM: exit 0")
        check(total_visits(s.db) == before + n, "the visits made just before SIGTERM are in the database",
              (before, total_visits(s.db)))
        check(read(alog).count('"GET / HTTP/1.1" 200') == n, "and every line in the access log")
        con = sqlite3.connect(s.db)
        check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "the database is closed whole")
        con.close()
        check(not os.path.exists(s.db + "-wal") or os.path.getsize(s.db + "-wal") == 0,
              "closed: its write-ahead log checkpointed")
        s.start()
        s.proc.send_signal(signal.SIGINT)
        check(s.proc.wait(timeout=15) == 0, "SIGINT: exit 0 too")
        s.proc = None
        # a reload and a stop during start-up wait for the loop: the start-up
        # is not cut short and the stop is as clean (the signals are held
        # back from when loa blocks them until the loop takes them)
        port = free_port()
        p = subprocess.Popen([LOA, "serve", "--db", s.db, "--listen", "127.0.0.1:%d" % port],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for(lambda: blocked(p.pid, signal.SIGTERM) or port_open(port) or p.poll() is not None)
        p.send_signal(signal.SIGHUP)
        p.send_signal(signal.SIGTERM)
        _, err = p.communicate(timeout=30)
        check(p.returncode == 0 and "đã dừng" in err.decode(), "signals during start-up: a clean stop, exit 0",
              (p.returncode, err.decode()[-500:]))
        # a response in flight at SIGTERM is sent whole: 32 MB that cannot
        # all sit in the kernel's buffers before the client reads them
        size = 32 << 20
        with open(os.path.join(d, "media", "lon.jpg"), "wb") as f:
            f.write(os.urandom(size))
        s.start()
        c = socket.socket()
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        c.connect(("127.0.0.1", s.port))
        c.sendall(b"GET /media/lon.jpg HTTP/1.1\r\nHost: x\r\n\r\n")
        got = c.recv(4096)
        s.proc.send_signal(signal.SIGTERM)
        head, _, body = got.partition(b"\r\n\r\n")
        n = len(body)
        while True:
            chunk = c.recv(1 << 16)
            if not chunk:
                break
            n += len(chunk)
        c.close()
        check(head.startswith(b"HTTP/1.1 200") and n == size, "the response in flight finished after SIGTERM",
              (head[:40], n))
        check(s.proc.wait(timeout=15) == 0, "then the server stops with 0")
    finally:
        s.stop()


def test_newer_db_refused():
    d = fresh("newer")
    db = os.path.join(d, "site.db")
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    r = loa("serve", "--db", db, "--listen", "127.0.0.1:%d" % free_port(), timeout=30)
    check(r.returncode == 1, "a database of a newer loa: exit 1", r.returncode)
    check("cấu trúc dữ liệu (phiên bản 999) mới hơn phiên bản loa này hỗ trợ" in r.stderr
          and "hãy cập nhật loa" in r.stderr, "a clear Vietnamese message naming both versions", r.stderr)
    con = sqlite3.connect(db)
    check(con.execute("PRAGMA user_version").fetchone()[0] == 999, "the database is left as it was")
    con.close()
    check(not [n for n in os.listdir(d) if n.endswith(".bak")], "no upgrade copy made")


def test_unit_verify():
    """loa.service passes systemd-analyze verify (with the binary under test
    in place of the installed one) and keeps its hardening."""
    d = os.path.join(WORK, "units")
    os.makedirs(d)
    text = open(os.path.join(ROOT, "dist", "systemd", "loa.service"), encoding="utf-8").read()
    with open(os.path.join(d, "loa.service"), "w", encoding="utf-8") as f:
        f.write(text.replace("/usr/local/bin/loa", LOA))
    p = subprocess.run(["systemd-analyze", "verify", "loa.service"], cwd=d, capture_output=True, text=True, timeout=60)
    check(p.returncode == 0 and p.stderr.strip() == "", "systemd-analyze verify: loa.service", p.stdout + p.stderr)
    settings = dict(re.findall(r"^(\w+)=(.*)$", text, re.M))
    want = {"User": "loa", "ProtectSystem": "strict", "ReadWritePaths": "/var/lib/loa /var/log/loa",
            "ProtectHome": "yes", "PrivateTmp": "yes", "NoNewPrivileges": "yes", "PrivateDevices": "yes",
            "ProtectKernelTunables": "yes", "ProtectKernelModules": "yes",
            "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "SystemCallFilter": "@system-service",
            "ExecReload": "/bin/kill -HUP $MAINPID", "Restart": "on-failure", "Type": "notify",
            "RestartPreventExitStatus": "2",
            "ExecStart": "/usr/local/bin/loa serve --config /etc/loa/loa.conf"}
    for k, v in want.items():
        check(settings.get(k) == v, "loa.service: %s=%s" % (k, v), settings.get(k))
    check("AmbientCapabilities" not in settings, "no capability while it listens above 1024")
    d80 = os.path.join(d, "port80")
    os.makedirs(d80)
    with open(os.path.join(d80, "loa.service"), "w", encoding="utf-8") as f:
        f.write(text.replace("/usr/local/bin/loa", LOA).replace("#AmbientCapabilities=", "AmbientCapabilities=")
                .replace("#CapabilityBoundingSet=", "CapabilityBoundingSet="))
    p = subprocess.run(["systemd-analyze", "verify", "loa.service"], cwd=d80, capture_output=True, text=True,
                       timeout=60)
    check(p.returncode == 0 and p.stderr.strip() == "", "the unit for :80 (both capability lines uncommented) verifies",
          p.stdout + p.stderr)
    p = subprocess.run(["systemd-analyze", "security", "--offline=true", "--no-pager", "loa.service"], cwd=d,
                       capture_output=True, text=True, timeout=60)
    m = re.search(r"Overall exposure level for loa\.service: ([0-9.]+)", p.stdout)
    check(m and float(m.group(1)) <= 2.0, "systemd-analyze security: exposure 2.0 or less", p.stdout[-300:] + p.stderr)
    check("TimeoutStopSec" in settings, "a stop timeout")
    # the example configuration is accepted as it is, and with every key set
    ex = os.path.join(ROOT, "dist", "loa.conf.example")
    r = loa("serve", "--config", ex, "--help")
    check(r.returncode == 0, "--help with the example")
    keys = re.findall(r"^#(\w+) = ", open(ex, encoding="utf-8").read(), re.M)
    check(set(keys) >= {"listen", "db", "media", "theme", "access_log", "error_log", "log_level", "workers", "queue"},
          "the example names every key", keys)
    conf = os.path.join(d, "all.conf")
    with open(conf, "w", encoding="utf-8") as f:  # every key set, the folders moved here
        for line in open(ex, encoding="utf-8"):
            line = line.replace("/var/log/loa", d).replace("/var/lib/loa", d)
            f.write(line[1:] if re.match(r"^#\w+ = ", line) else line)
    r = loa("serve", "--config", conf)  # every key well-formed: fails later, on the missing database
    check(r.returncode == 1 and ("không có cơ sở dữ liệu %s/loa.db" % d) in r.stderr,
          "every key of the example parses; a failure to start is told on stderr, not only in the log", r.stderr)


def test_make_install():
    dest = os.path.join(WORK, "root")
    p = subprocess.run(["make", "-s", "install", "DESTDIR=" + dest, "PREFIX=/usr/local"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    check(p.returncode == 0, "make install DESTDIR=... PREFIX=/usr/local", p.stdout + p.stderr)
    for rel in ["usr/local/bin/loa", "usr/local/share/loa/themes/default/templates/layout.html",
                "usr/local/share/loa/themes/default/static/style.css",
                "usr/local/lib/systemd/system/loa.service", "usr/local/lib/systemd/system/loa-backup.service",
                "usr/local/lib/systemd/system/loa-backup.timer", "etc/loa/loa.conf.example",
                "etc/logrotate.d/loa", "usr/local/share/doc/loa/README.md"]:
        check(os.path.exists(os.path.join(dest, rel)), "installed " + rel)
    binary = os.path.join(dest, "usr/local/bin/loa")
    check(os.access(binary, os.X_OK), "the binary is executable")
    check(subprocess.run([binary, "serve", "--help"], capture_output=True).returncode == 0, "and runs")
    # the installed binary finds the installed theme (PREFIX/share/loa) by itself
    d = fresh("installed")
    port = free_port()
    s = ConfServer(db=os.path.join(d, "site.db"), demo=False, tmp=d)
    s.proc = None
    try:
        log = open(os.path.join(d, "server.log"), "ab")
        s.proc = subprocess.Popen([binary, "serve", "--db", s.db, "--listen", "127.0.0.1:%d" % port],
                                  stdout=log, stderr=log)
        s.port = port
        up = wait_for(lambda: s.proc.poll() is None and port_open(port))
        check(up and s.get("/").status == 200, "the installed binary serves with the installed theme", s.read_log())
    finally:
        s.stop()


try:
    run_tests(test_config_file, test_bad_config, test_access_log, test_access_log_disk_full, test_sighup, test_healthz, test_error_log_on_stderr,
              test_notify, test_graceful_stop,
              test_newer_db_refused, test_unit_verify, test_make_install)
finally:
    shutil.rmtree(WORK, ignore_errors=True)
