"""Crash safety: the server is killed with SIGKILL 50 times at random moments
(a seeded random, the seed printed; LOA_CRASH_SEED repeats a run) while four
threads write in parallel — citizens' feedback, articles published in the
newsroom, image uploads, and page views that the counters flush. Every write
the server acknowledged (a 200 or 303 with its tracking code or new id) is
recorded; after each kill the database must hold all of them (feedback by
code, articles by id and title and published, media in the table and its
file on disk), the visit and view counters must never go backwards,
`PRAGMA integrity_check` must say ok, and after the restart `loa check --db`
passes and the last acknowledged feedback is found on the tracking page."""
import html
import json
import os
import random
import re
import signal
import sqlite3
import sys
import threading
import time
import urllib.parse

from loatest import (NewsroomSession, Server, TestClock, add_user, check, demo_article_paths, loa, multipart,
                     run_tests)

KILLS = 50
SEED = int(os.environ.get("LOA_CRASH_SEED") or random.SystemRandom().randrange(1 << 31))
print("# seed %d (LOA_CRASH_SEED=%d repeats this run)" % (SEED, SEED))
sys.stdout.flush()
RNG = random.Random(SEED)

S = Server()
CLOCK = TestClock(S)  # the feedback form's minimum fill-in time: moved, not waited for
CLOCK_LOCK = threading.Lock()
add_user(S, "bientap", "admin", "mat-khau-bien-tap-2026")
MEDIA = os.path.join(os.path.dirname(S.db), "media")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/%d.0"


def png(width, height, seed):
    import struct
    import zlib

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    px = bytes([seed % 256, (seed * 7) % 256, (seed * 13) % 256])
    raw = b"".join(b"\x00" + px * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class Acked:
    """The writes the server acknowledged, appended by the writer threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.feedback = []  # (code, title)
        self.articles = []  # (id, title)
        self.media = []     # (id, url)
        self.errors = []    # answers that were neither an acknowledgement nor a refusal

    def add(self, kind, item):
        with self.lock:
            getattr(self, kind).append(item)


ACK = Acked()
RUNNING = threading.Event()   # the server is up: writers write
STOP = threading.Event()      # the test is over: writers leave
_seq = [0]
_seq_lock = threading.Lock()


def seq():
    with _seq_lock:
        _seq[0] += 1
        return _seq[0]


def write_feedback(articles):
    n = seq()
    source = "127.1.%d.%d" % (n // 250 % 250, n % 250 + 1)  # one citizen per submission: no rate limit
    r = S.get(articles[n % len(articles)], source=source)
    tok = re.search(r'name="t" value="([^"]+)"', r.text)
    aid = re.search(r'name="bai" value="(\d+)"', r.text)
    if not tok:
        return
    with CLOCK_LOCK:
        CLOCK.advance(4)
    title = "Phản ánh số %d" % n
    data = {"ho-ten": "Nguyễn Văn An", "dia-chi": "Thôn Khe Tâm", "email": "an%d@example.com" % n, "dien-thoai": "",
            "tieu-de": title, "noi-dung": "Nội dung phản ánh số %d về đường liên thôn." % n,
            "bai": aid.group(1) if aid else "0", "t": tok.group(1), "website": ""}
    r = S.request("/gop-y", method="POST", body=urllib.parse.urlencode(data).encode(), source=source,
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    m = re.search(r"GY-[23456789A-Z]{6}", r.text)
    if r.status == 200 and m:
        ACK.add("feedback", (m.group(0), title))
    elif r.status not in (429, 503):
        ACK.add("errors", ("feedback", r.status, r.text[:200]))


def editor_form(s):
    page = s.req("/quan-tri/bai-viet/moi").text
    form = {name: html.unescape(value)
            for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
    sel = re.search(r'<select[^>]*name="chuyen-muc"[^>]*>(.*?)</select>', page, re.S)
    opts = re.findall(r'<option value="(\d+)"', sel.group(1)) if sel else []
    form["chuyen-muc"] = opts[0] if opts else ""
    return form


def write_article(session):
    n = seq()
    form = editor_form(session[0])
    title = "Bài viết trước sự cố số %d" % n
    form.update({"tieu-de": title, "sapo": "Tóm tắt %d" % n, "body_html": "<p>Nội dung bài %d.</p>" % n,
                 "action": "xuat-ban"})
    r = session[0].req("/quan-tri/bai-viet/moi", "POST", form)
    m = re.search(r"/quan-tri/bai-viet/(\d+)", r.header("location") or "")
    if r.status == 303 and m:
        ACK.add("articles", (int(m.group(1)), title))
    else:
        ACK.add("errors", ("article", r.status, r.text[:200]))


def write_upload(session):
    n = seq()
    s = session[0]
    body, ctype = multipart({"csrf": s.csrf("/quan-tri/anh"), "alt": "", "chu-thich": "Ảnh số %d" % n},
                            {"tep": ("anh-%d.png" % n, "image/png", png(48, 32, n))})
    h = {"Content-Type": ctype, "Accept": "application/json",
         "Cookie": "; ".join("%s=%s" % kv for kv in s.cookies.items())}
    r = S.request("/quan-tri/anh", method="POST", headers=h, body=body)
    if r.status == 200:
        item = json.loads(r.text)["item"]
        ACK.add("media", (item.get("id"), item["url"]))
    else:
        ACK.add("errors", ("upload", r.status, r.text[:200]))


def write_views(articles):
    n = seq()
    S.get(articles[n % len(articles)], ua=BROWSER % (n % 5000))


def writer(op, needs_login, articles):
    session = [None]
    while not STOP.is_set():
        if not RUNNING.wait(0.05):
            session[0] = None
            continue
        try:
            if needs_login and session[0] is None:
                session[0] = NewsroomSession(S, "bientap", "mat-khau-bien-tap-2026")
            op(session if needs_login else articles)
        except Exception:  # the server was killed under the request: nothing was acknowledged
            session[0] = None


def counters(db):
    c = sqlite3.connect(db)
    try:
        visits = c.execute("SELECT COALESCE(SUM(visits), 0) FROM visits_total").fetchone()[0]
        views = c.execute("SELECT COALESCE(SUM(views), 0) FROM articles").fetchone()[0]
        daily = c.execute("SELECT COALESCE(SUM(views), 0) FROM article_views_daily").fetchone()[0]
        return visits, views, daily
    finally:
        c.close()


def verify(round_no, last_counters):
    """Checks the database of the killed server; returns the counters and a
    list of what is missing."""
    missing = []
    c = sqlite3.connect(S.db)
    try:
        ok = c.execute("PRAGMA integrity_check").fetchall()
        if ok != [("ok",)]:
            missing.append("integrity_check: %r" % ok[:5])
        with ACK.lock:
            feedback, articles, media = list(ACK.feedback), list(ACK.articles), list(ACK.media)
        for code, title in feedback:
            row = c.execute("SELECT title FROM feedback WHERE code = ?", (code,)).fetchone()
            if not row or row[0] != title:
                missing.append("feedback %s (%s): %r" % (code, title, row))
        for aid, title in articles:
            row = c.execute("SELECT title, status, published_at FROM articles WHERE id = ?", (aid,)).fetchone()
            if not row or row[0] != title or not row[2]:
                missing.append("article %d (%s): %r" % (aid, title, row))
        for mid, url in media:
            row = c.execute("SELECT id FROM media WHERE path = ? OR path = ?", (url, url[len("/media/"):])).fetchone()
            if not row or (mid is not None and row[0] != mid):
                missing.append("media row %s %s: %r" % (mid, url, row))
            f = os.path.join(MEDIA, url[len("/media/"):])
            if not os.path.isfile(f) or os.path.getsize(f) == 0:
                missing.append("media file %s" % url)
    finally:
        c.close()
    now = counters(S.db)
    if any(a < b for a, b in zip(now, last_counters)):
        missing.append("counters went backwards: %r -> %r" % (last_counters, now))
    return now, missing


def test_sigkill_under_mixed_writes():
    S.start()
    articles = demo_article_paths(S)
    threads = [threading.Thread(target=writer, args=(op, login, articles), daemon=True)
               for op, login in ((write_feedback, False), (write_article, True), (write_upload, True),
                                 (write_views, False))]
    for t in threads:
        t.start()
    first = last = counters(S.db)
    problems = []
    started = time.time()
    try:
        for k in range(KILLS):
            RUNNING.set()
            time.sleep(RNG.uniform(0.1, 1.3))  # the random moment of the kill (not a wait for anything)
            S.stop(signal.SIGKILL)
            RUNNING.clear()
            last, missing = verify(k, last)
            problems += ["after kill %d: %s" % (k + 1, m) for m in missing]
            if problems:
                break
            S.start()
            with ACK.lock:
                code = ACK.feedback[-1][0] if ACK.feedback else None
            if code:
                t = S.get("/gop-y/tra-cuu?ma=" + code)
                if t.status != 200 or code not in t.text:
                    problems.append("after kill %d: tracking page of %s: %d" % (k + 1, code, t.status))
                    break
    finally:
        STOP.set()
        RUNNING.clear()
        for t in threads:
            t.join(15)
    print("# %d kills in %.0f s; acknowledged: %d feedback, %d articles, %d uploads; counters %r"
          % (KILLS, time.time() - started, len(ACK.feedback), len(ACK.articles), len(ACK.media), last))
    check(not problems, "every acknowledged write survives %d SIGKILLs (seed %d)" % (KILLS, SEED), problems[:10])
    check(not ACK.errors, "every write was acknowledged or refused as designed", ACK.errors[:5])
    check(ACK.feedback and ACK.articles and ACK.media, "each kind of write was acknowledged between the kills",
          (len(ACK.feedback), len(ACK.articles), len(ACK.media)))
    check(last[0] > first[0] and last[1] > first[1], "counter flushes happened between the kills", (first, last))
    S.stop()
    r = loa("check", "--db", S.db)
    check(r.returncode == 0, "loa check --db passes after the kills", r.stdout[-500:] + r.stderr[-500:])


try:
    run_tests(test_sigkill_under_mixed_writes)
finally:
    S.cleanup()
