"""Integration tests of the worker pool: answers reach the right request
under parallel load, a client that leaves while its request is being worked
on does not hurt the server, a full pool answers 503 with Retry-After,
counters stay exact under parallel load, and a stop drains the pool and
flushes the counters. Workers are held with the server's test hooks
(--test-hooks), never with sleeps; waiting for the pool to reach a state
polls its figures with a deadline."""
import re
import socket
import sqlite3
import threading
import time

from loatest import BROWSER_UA, Server, Session, add_user, check, demo_article_paths, run_tests


def raw_send(server, path, headers=()):
    """Opens a connection and sends one GET; returns the socket unread."""
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    lines = ["GET %s HTTP/1.1" % path, "Host: 127.0.0.1:%d" % server.port, "User-Agent: " + BROWSER_UA,
             "Connection: close", *headers, "", ""]
    s.sendall("\r\n".join(lines).encode())
    return s


def raw_read(s):
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    hdrs = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        hdrs[k.strip().lower()] = v.strip()
    return status, hdrs, body


def pool_figures(server):
    r = server.get("/", headers={"x-loa-test-pool": "1"}, ua="curl/8.0")
    return dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", r.text))


def wait_pool(server, cond, what, deadline=10.0):
    end = time.time() + deadline
    figs = {}
    while time.time() < end:
        figs = pool_figures(server)
        if cond(figs):
            return True
        time.sleep(0.01)  # polling towards a state, not a fixed wait
    check(False, "pool reaches: " + what, figs)
    return False


def hold_search(server, word, what="the only worker held"):
    """A search that waits on its worker until released; returns its socket
    once the worker holds it."""
    sock = raw_send(server, "/tim-kiem?q=" + word, ["x-loa-test-hold: 1"])
    wait_pool(server, lambda f: f["held"] == 1, what)
    return sock


def queue_search(server, word, admitted, what):
    """A search that waits in the queue; returns its socket once admitted."""
    sock = raw_send(server, "/tim-kiem?q=" + word)
    wait_pool(server, lambda f: f["admitted"] == admitted, what)
    return sock


def release(server):
    server.get("/", headers={"x-loa-test-release": "1"}, ua="curl/8.0")


def test_parallel_answers():
    s = Server()
    s.start(["--workers", "3", "--queue", "200"])
    try:
        articles = demo_article_paths(s)
        results = {}
        lock = threading.Lock()

        def fetch(i):
            if i % 3 == 0:
                path = "/tim-kiem?q=tukhoa%d" % i
                want = "tukhoa%d" % i
            else:
                path = articles[i % len(articles)]
                want = None
            try:
                r = s.get(path)
                with lock:
                    results[i] = (path, want, r.status, r.text)
            except Exception as e:  # noqa: BLE001 — reported below
                with lock:
                    results[i] = (path, want, 0, str(e))

        threads = [threading.Thread(target=fetch, args=(i,)) for i in range(90)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        bad = []
        titles = {}
        for i, (path, want, status, text) in sorted(results.items()):
            if status != 200:
                bad.append((path, status))
                continue
            if want:
                others = [w for w in re.findall(r"tukhoa\d+", text) if w != want]
                if want not in text or others:
                    bad.append((path, "wrong body", others[:3]))
            else:
                m = re.search(r"<title>([^<]*)</title>", text)
                t = m.group(1) if m else ""
                if titles.setdefault(path, t) != t or not t:
                    bad.append((path, "title differs", t))
        check(len(results) == 90 and not bad, "90 parallel requests (searches and articles) each get their own page",
              bad[:10])
        # a page looked up on the loop and one rendered on a worker agree
        p = articles[0]
        a, b = s.get(p), s.get(p)
        check(a.status == b.status == 200 and re.search(r"<h1[^>]*>", a.text) is not None,
              "the cached and the rendered article answer alike")
    finally:
        s.cleanup()


def test_client_leaves():
    s = Server()
    s.start(["--workers", "1", "--queue", "4", "--test-hooks"])
    try:
        gone = hold_search(s, "roidi")
        gone.close()  # the client leaves while its request is on a worker
        queued = queue_search(s, "bohang", 2, "a second request queued behind it")
        queued.close()  # leaves before any worker took it
        release(s)
        wait_pool(s, lambda f: f["inflight"] == 0 and f["admitted"] == 0, "both came back and were dropped")
        r = s.get("/tim-kiem?q=vanchay")
        check(r.status == 200 and "vanchay" in r.text, "the server answers normally after clients left mid-work")
        check(s.proc.poll() is None, "the server is still running")
    finally:
        check(s.stop() == 0, "and stops cleanly")
        s.cleanup()


def test_post_client_leaves():
    """A POST whose client leaves while a worker holds it is still worked on
    (its data arrived whole): a login then makes its session; the answer is
    dropped."""
    s = Server()
    add_user(s, "bientap", "approver", "mat-khau-bien-tap-2026")
    s.start(["--workers", "1", "--queue", "2", "--test-hooks"])
    try:
        form_page = Session(s)
        token = form_page.csrf("/quan-tri/dang-nhap")
        cookie = "; ".join("%s=%s" % kv for kv in form_page.cookies.items())
        body = ("login=bientap&password=mat-khau-bien-tap-2026&csrf=%s&next=" % token).encode()
        before = session_count(s.db)
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        head = ["POST /quan-tri/dang-nhap HTTP/1.1", "Host: 127.0.0.1:%d" % s.port, "User-Agent: " + BROWSER_UA,
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: %d" % len(body),
                "x-loa-test-hold: 1"] + (["Cookie: " + cookie] if cookie else []) + ["", ""]
        sock.sendall("\r\n".join(head).encode() + body)
        wait_pool(s, lambda f: f["held"] == 1, "the login held on the worker")
        sock.close()
        release(s)
        wait_pool(s, lambda f: f["inflight"] == 0 and f["admitted"] == 0, "the login came back")
        check(session_count(s.db) == before + 1, "the login of a client that left was still carried out",
              (before, session_count(s.db)))
        check(s.get("/").status == 200, "and the server answers normally")
    finally:
        check(s.stop() == 0, "and stops cleanly after it")
        s.cleanup()


def session_count(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        con.close()


def test_queue_bound():
    s = Server()
    s.start(["--workers", "1", "--queue", "1", "--test-hooks"])
    try:
        a = hold_search(s, "thunhat")
        b = queue_search(s, "thuhai", 2, "the queue's one place taken")
        r = s.get("/tim-kiem?q=thuba")
        check(r.status == 503, "a third slow request is refused with 503", r.status)
        check((r.header("retry-after") or "").isdigit(), "with Retry-After", r.headers)
        check("Máy chủ đang bận" in r.text and 'lang="vi"' in r.text, "and a Vietnamese page", r.text[:300])
        static = s.get("/static/style.css", ua="curl/8.0")
        check(static.status == 200, "static files are still served while the pool is full")
        figs = pool_figures(s)
        check(figs["refused"] >= 1, "the pool counted the refusal", figs)
        release(s)
        sa, _, ba = raw_read(a)
        sb, _, bb = raw_read(b)
        check(sa == 200 and b"thunhat" in ba, "the held request is answered once released", sa)
        check(sb == 200 and b"thuhai" in bb, "the queued request is answered after it", sb)
    finally:
        s.cleanup()


def test_cached_while_full():
    """A cached page is answered on the loop even when every worker is busy."""
    s = Server()
    s.start(["--workers", "1", "--queue", "0", "--test-hooks"])
    try:
        s.get("/")  # rendered on the worker, now in the cache
        a = hold_search(s, "giulai")
        r = s.get("/")
        check(r.status == 200 and "<html" in r.text, "the cached home page is served while the pool is full",
              r.status)
        check(s.get("/tim-kiem?q=khac").status == 503, "while a search is refused")
        release(s)
        check(raw_read(a)[0] == 200, "the held search completes")
    finally:
        s.cleanup()


def site_counts(db):
    con = sqlite3.connect(db)
    try:
        views = dict(con.execute("SELECT id, views FROM articles"))
    finally:
        con.close()
    return views


def test_counters_exact():
    s = Server()
    s.start(["--workers", "2"])
    try:
        paths = demo_article_paths(s)
        path = paths[0]
        art_id = int(re.search(r"-(\d+)$", path).group(1))
        s.get(path, ua="curl/8.0")  # cache it (bots are not counted)
        check(s.stop() == 0, "stopped to read the counts")
        before = site_counts(s.db)[art_id]
        s.start(["--workers", "2"])
        n = 120
        errors = []

        def visit(i):
            ua = BROWSER_UA + " loa-test/%d" % i  # one visitor each
            try:
                r = s.get(path, ua=ua)
                if r.status != 200:
                    errors.append(r.status)
            except Exception as e:  # noqa: BLE001
                errors.append(str(e))

        threads = [threading.Thread(target=visit, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(not errors, "120 parallel views answered", errors[:5])
        check(s.stop() == 0, "SIGTERM stops the server cleanly")
        after = site_counts(s.db)[art_id]
        check(after - before == n, "the article's view count rose by exactly the views sent", (before, after))
    finally:
        s.cleanup()


def test_stop_drains():
    s = Server()
    s.start(["--workers", "1", "--queue", "8", "--test-hooks"])
    try:
        path = demo_article_paths(s)[1]
        art_id = int(re.search(r"-(\d+)$", path).group(1))
        s.stop()
        before = site_counts(s.db)[art_id]
        s.start(["--workers", "1", "--queue", "8", "--test-hooks"])
        held = hold_search(s, "donglai")
        # queued behind the held one: the article page itself, rendered on
        # the worker and counted there
        waiting = [raw_send(s, path, ["User-Agent: " + BROWSER_UA + " drain/%d" % i]) for i in range(3)]
        wait_pool(s, lambda f: f["admitted"] == 4, "three article views queued")
        s.proc.send_signal(15)
        answers = [raw_read(w) for w in [held] + waiting]
        check(all(a[0] == 200 for a in answers), "a stop answers every request the pool had taken",
              [a[0] for a in answers])
        s.proc.wait(timeout=15)
        check(s.proc.returncode == 0, "and exits 0", s.proc.returncode)
        s.proc = None
        after = site_counts(s.db)[art_id]
        check(after - before == 3, "the views worked on during the stop are flushed", (before, after))
    finally:
        s.cleanup()


run_tests(test_parallel_answers, test_client_leaves, test_post_client_leaves, test_queue_bound,
          test_cached_while_full, test_counters_exact, test_stop_drains)
