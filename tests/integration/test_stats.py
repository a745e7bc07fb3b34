"""Integration tests of the visit statistics: visits by cookie, bots not
counted, visits base, counters surviving a clean restart and kill -9."""
import http.client
import re
import signal
import sqlite3
import threading
import time

from loatest import BROWSER_UA, Server, check, loa, run_tests


def counters(text):
    out = {}
    for label, key in (("Đang truy cập", "online"), ("Hôm nay", "today"), ("Đã truy cập", "total")):
        m = re.search(label + r":?\s*(?:<[^>]+>\s*)*([0-9.]+)", text)
        out[key] = int(m.group(1).replace(".", "")) if m else None
    return out


def cookie_of(r):
    c = r.header("set-cookie") or ""
    m = re.match(r"loa_v=([0-9a-f]{32})", c)
    return m.group(1) if m else None


def stored_visits(db):
    c = sqlite3.connect(db)
    try:
        row = c.execute("SELECT COALESCE(SUM(visits), 0) FROM visits_total").fetchone()
        return row[0]
    finally:
        c.close()


def test_visits():
    s = Server()
    loa("site", "--db", s.db, "--visits-base", "3815734")
    s.start()
    try:
        r = s.get("/", ua="curl/8.0")
        base = counters(r.text)
        check(base["total"] is not None and base["total"] >= 3815734, "total includes the visits base", base)
        check(cookie_of(r) is None, "bots get no visitor cookie")
        r1 = s.get("/")
        key = cookie_of(r1)
        check(key is not None, "a browser gets a visitor cookie", r1.header("set-cookie"))
        c1 = counters(r1.text)
        check(c1["today"] == base["today"] + 1 and c1["total"] == base["total"] + 1, "first page view is a visit",
              (base, c1))
        r2 = s.get("/lich-cong-tac", headers={"Cookie": "loa_v=" + key})
        c2 = counters(r2.text)
        check(c2["today"] == c1["today"], "same browser within 30 minutes is the same visit", (c1, c2))
        check(c2["online"] >= 1, "online counts the visitor", c2)
        r3 = s.get("/", ua="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                         "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
        c3 = counters(r3.text)
        check(c3["today"] == c2["today"] + 1, "another browser is another visit", (c2, c3))
        for ua in ["Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1", "",
                   "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"]:
            s.get("/", ua=ua)
        c4 = counters(s.get("/", ua="curl/8.0").text)
        check(c4["today"] == c3["today"], "bots and crawlers are not counted", (c3, c4))
        # a clean restart keeps the counts
        check(s.stop() == 0, "SIGTERM stops the server cleanly")
        s.start()
        c5 = counters(s.get("/", ua="curl/8.0").text)
        check(c5["today"] == c4["today"] and c5["total"] == c4["total"], "counts survive a restart", (c4, c5))
        # kill -9 once the once-a-second flush has written the visit loses nothing
        before = stored_visits(s.db)
        s.get("/", ua="Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
        deadline = time.time() + 10
        while stored_visits(s.db) == before and time.time() < deadline:
            time.sleep(0.05)
        check(stored_visits(s.db) == before + 1, "the visit is written within the flush interval")
        s.stop(signal.SIGKILL)
        s.start()
        c6 = counters(s.get("/", ua="curl/8.0").text)
        check(c6["today"] == c5["today"] + 1, "kill -9 after a second loses no visit", (c5, c6))
    finally:
        s.cleanup()


def test_article_views_feed_hot_list():
    s = Server()
    s.start()
    try:
        rss = s.get("/rss.xml", ua="curl/8.0").text  # newest first: surely within the last 7 days
        links = re.findall(r"<link>https?://[^/<]+(/[^<]+)</link>", rss)
        target = links[1]
        for i in range(25):
            s.get(target, ua="Mozilla/5.0 (X11; Linux x86_64) Firefox/%d.0" % (100 + i))
        s.stop()  # a clean stop writes the counters
        s.start()
        t = s.get("/khong-co-trang-nay", ua="curl/8.0").text  # an uncached page renders the sidebar afresh
        hot = t.split("Tin Nóng", 1)[1].split("Tin tiêu điểm", 1)[0] if "Tin Nóng" in t else ""
        check(target in hot, "a much-read recent article appears in Tin Nóng", target)
    finally:
        s.cleanup()


def stored_views(db):
    c = sqlite3.connect(db)
    try:
        return c.execute("SELECT COALESCE(SUM(views), 0) FROM article_views_daily").fetchone()[0]
    finally:
        c.close()


def test_counters_exact_across_loops():
    """Many keep-alive connections at once, spread by the kernel over two
    event loops: every visit and every article view is counted once."""
    s = Server()
    s.threads = ("--threads", "2")
    s.start()
    try:
        rss = s.get("/rss.xml", ua="curl/8.0").text
        target = re.findall(r"<link>https?://[^/<]+(/[^<]+)</link>", rss)[0]
        s.get(target, ua="curl/8.0")  # renders and caches it; a bot is not counted
        base = counters(s.get("/", ua="curl/8.0").text)
        s.stop()
        visits0, views0 = stored_visits(s.db), stored_views(s.db)
        s.start()
        visitors, repeats, nconn = 40, 5, 24
        jobs = [i % visitors for i in range(visitors * repeats)]
        lock = threading.Lock()
        statuses = []

        def client(k):
            conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
            try:
                for v in jobs[k::nconn]:
                    conn.request("GET", target, headers={"User-Agent": BROWSER_UA + " loa-test/%d" % v})
                    r = conn.getresponse()
                    r.read()
                    with lock:
                        statuses.append(r.status)
            finally:
                conn.close()

        threads = [threading.Thread(target=client, args=(k,)) for k in range(nconn)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(statuses == [200] * len(jobs), "every request of the parallel load is answered 200",
              sorted(set(statuses)))
        live = counters(s.get("/", ua="curl/8.0").text)
        check(live["today"] == base["today"] + visitors and live["total"] == base["total"] + visitors,
              "each visitor is one visit, whichever loop served it", (base, live))
        check(live["online"] == visitors, "the online window counts each visitor once", live)
        check(s.stop() == 0, "SIGTERM stops the two loops cleanly")
        check(stored_visits(s.db) == visits0 + visitors, "the stored visits equal the visitors sent",
              (visits0, stored_visits(s.db)))
        check(stored_views(s.db) == views0 + len(jobs), "the stored views equal the article requests sent",
              (views0, stored_views(s.db)))
    finally:
        s.cleanup()


run_tests(test_visits, test_article_views_feed_hot_list, test_counters_exact_across_loops)
