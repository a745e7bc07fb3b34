"""Integration tests of the redirect table on the public site: an old
address stored for the site answers 301 with the new path (query forms on
the home page as well as paths nothing else answers), an unknown one the
Vietnamese 404, an existing page is never redirected, and other methods
than GET and HEAD are not. The rows are written as an importer writes them
(keys by core/oldpath.h)."""
import sqlite3

from loatest import Server, check, demo_article_paths, run_tests

S = Server()
ARTICLE = None


def setup():
    global ARTICLE
    S.start()
    ARTICLE = demo_article_paths(S)[0]
    con = sqlite3.connect(S.db)
    site = con.execute("SELECT id FROM sites WHERE is_default = 1").fetchone()[0]
    rows = [
        ("/?p=12", ARTICLE),
        ("/?nv=news&op=thoi-su/tin-a-12", ARTICLE),
        ("/category/tin-tuc/thoi-su", "/tin-tuc"),
        ("/2019/05/07/chào-mừng", ARTICLE),
        ("/tag/nông-thôn-mới", "/tim-kiem?q=n%C3%B4ng%20th%C3%B4n%20m%E1%BB%9Bi"),
        ("/feed", "/rss.xml"),
        (ARTICLE, "/rss.xml"),  # an existing page wins over any row
        # an old address that looks like a loa article's ("slug-ID") with another slug
        (ARTICLE.rsplit("/", 1)[0] + "/bai-cu-cua-cong-cu-" + ARTICLE.rsplit("-", 1)[1], "/tin-tuc"),
    ]
    con.executemany("INSERT INTO redirects (site_id, old_path, target, source) VALUES (?, ?, ?, 'wordpress')",
                    [(site, k, t) for k, t in rows])
    con.commit()
    con.close()


def test_paths():
    for old, new in [("/?p=12", ARTICLE), ("/index.php?p=12", ARTICLE), ("/?p=12&utm_source=zalo", ARTICLE),
                     ("/index.php?language=vi&nv=news&op=thoi-su/tin-a-12", ARTICLE),
                     ("/category/tin-tuc/thoi-su/", "/tin-tuc"), ("/Category/Tin-Tuc/Thoi-Su", "/tin-tuc"),
                     ("/2019/05/07/ch%C3%A0o-m%E1%BB%ABng/", ARTICLE),
                     ("/tag/n%C3%B4ng-th%C3%B4n-m%E1%BB%9Bi/", "/tim-kiem?q=n%C3%B4ng%20th%C3%B4n%20m%E1%BB%9Bi"),
                     ("/feed/", "/rss.xml")]:
        r = S.get(old)
        check(r.status == 301 and r.header("location") == new, "%s answers 301 to %s" % (old, new),
              "%s %s" % (r.status, r.header("location")))
    old_like = ARTICLE.rsplit("/", 1)[0] + "/bai-cu-cua-cong-cu-" + ARTICLE.rsplit("-", 1)[1]
    r = S.get(old_like)
    check(r.status == 301 and r.header("location") == "/tin-tuc",
          "an old address shaped like an article's goes where the table says", "%s %s" % (r.status, r.header("location")))
    wrong = ARTICLE.rsplit("/", 1)[0] + "/ten-khac-" + ARTICLE.rsplit("-", 1)[1]
    r = S.get(wrong)
    check(r.status == 301 and r.header("location") == ARTICLE, "a wrong slug not in the table: the article's own 301")
    r = S.request("/feed/", method="HEAD")
    check(r.status == 301 and r.header("location") == "/rss.xml", "HEAD too")


def test_not_redirected():
    r = S.get("/?p=999")
    check(r.status == 200 and "<html" in r.text, "an unknown ?p= is the home page", r.status)
    r = S.get("/?trang=2")
    check(r.status == 200, "the home page with another query", r.status)
    r = S.get("/2019/05/07/khong-co")
    check(r.status == 404 and "Không tìm thấy trang" in r.text, "an unknown old path: the Vietnamese 404", r.status)
    r = S.get(ARTICLE)
    check(r.status == 200, "an existing article is never redirected", r.status)
    r = S.request("/feed/", method="POST", body=b"", headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status != 301, "a POST is not redirected", r.status)
    r = S.get("/%C3%28")
    check(r.status in (400, 404), "invalid UTF-8 in an address: 4xx", r.status)


def teardown():
    S.cleanup()


run_tests(setup, test_paths, test_not_redirected, teardown)
