"""Integration tests of the public pages: every page and header of the
reader side, on the demo site, through the real server."""
import html
import re
import sqlite3
import urllib.parse
import time
from xml.etree import ElementTree

from loatest import BROWSER_UA, Server, check, demo_article_paths, run_tests

S = Server()
S.start()

SIDEBAR = ["Tìm kiếm theo chuyên mục - nội dung - ngày tháng", "Tin Nóng", "Tin tiêu điểm",
           "Lịch công tác", "Website liên kết", "Thống kê truy cập", "Đang truy cập", "Hôm nay",
           "Đã truy cập"]


def test_home():
    r = S.get("/")
    check(r.status == 200, "home answers 200", r.status)
    check(r.header("content-type") == "text/html; charset=utf-8", "home is utf-8 html", r.header("content-type"))
    for label in SIDEBAR:
        check(label in r.text, "home sidebar has " + label)
    check('<html lang="vi"' in r.text, "page declares Vietnamese")
    check('rel="canonical"' in r.text and 'property="og:title"' in r.text, "canonical and Open Graph tags")
    check(len(demo_article_paths(S)) >= 10, "home links to many articles")
    check("\x1e" not in r.text and "LOA:" not in r.text, "no slot markers leak into the page")
    # the top stories are not repeated (with their images) in the category blocks below
    top = r.text.split('<section class="home-section">')[0]
    below = r.text.split('<section class="home-section">', 1)[-1].split('<section class="home-latest">')[0]
    top_links = set(re.findall(r'<h3 class="[a-z-]*title"><a href="([^"]+)"', top))
    below_links = set(re.findall(r'href="(/[a-z0-9-]+/[a-z0-9-]+-\d+)"', below))
    check(top_links and not (top_links & below_links), "the home page's blocks do not repeat the top stories",
          sorted(top_links & below_links))
    # nor, where another story can lead, one more copy of a picture shown above
    seen = set(re.findall(r'<img src="([^"]+)"', top))
    repeated = []
    for sec in r.text.split('<section class="home-section">')[1:]:
        card = re.search(r'<article class="card[^"]*">(.*?)</article>', sec, re.S)
        first = card and re.search(r'<img src="([^"]+)"', card.group(1))
        if first:
            if first.group(1) in seen:
                repeated.append(first.group(1))
            seen.add(first.group(1))
    check(not repeated, "a category block's pictured story does not repeat a picture shown above it", repeated)


def test_article():
    paths = demo_article_paths(S)
    path = paths[0]
    r = S.get(path)
    check(r.status == 200, "article answers 200", (path, r.status))
    check(re.search(r"\b\d\d/\d\d/\d{4} \d\d:\d\d\b", r.text) is not None, "article shows dd/mm/yyyy HH:MM")
    check("<h1" in r.text, "article has a title heading")
    check("Gửi ý kiến phản hồi" in r.text, "article has the feedback link")
    check("In bài viết" in r.text or "ban-in=1" in r.text, "article has a print link")
    check("Tin liên quan" in r.text, "article lists related articles")
    m = re.search(r'href="https://www\.facebook\.com/sharer/sharer\.php\?u=([^"]+)"', r.text)
    check(m and urllib.parse.unquote(html.unescape(m.group(1))).endswith(path), "a Facebook share link to the article",
          m.group(1) if m else "")
    check('data-share-url="' in r.text and "data-copy-url" in r.text, "share-sheet (Zalo) and copy-link buttons")
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', r.text)
    check(all(s.startswith("/") for s in scripts), "no third-party script on the article page", scripts)
    for label in SIDEBAR:
        check(label in r.text, "article sidebar has " + label)
    check('property="og:type" content="article"' in r.text, "article Open Graph type")
    canon = re.search(r'<link rel="canonical" href="([^"]+)"', r.text)
    check(canon is not None and canon.group(1).endswith(path), "canonical URL is the article's", canon and canon.group(1))
    # byline author/source
    check(re.search(r"[^<>/]+/[^<>]+", r.text) is not None, "byline present")
    pr = S.get(path + "?ban-in=1")
    check(pr.status == 200 and "<h1" in pr.text and "Tin Nóng" not in pr.text, "print view without sidebar")


def test_body_images_sized():
    """Every picture in an article's text says its size, so the page does
    not jump as pictures arrive on a slow connection."""
    unsized, seen = [], 0
    for path in demo_article_paths(S):
        body = S.get(path).text.split('<div class="article-body">', 1)[-1].split("</div>", 1)[0]
        for img in re.findall(r"<img\b[^>]*>", body):
            seen += 1
            if not (re.search(r'\swidth="\d+"', img) and re.search(r'\sheight="\d+"', img)):
                unsized.append((path, img[:80]))
    check(seen > 0 and not unsized, "the demo's body pictures carry their width and height", unsized[:3] or seen)


def test_figure_caption():
    found = False
    for path in demo_article_paths(S):
        t = S.get(path).text
        if "<figcaption>" in t and "<figure>" in t:
            found = True
            break
    check(found, "some article shows a captioned image in its body")


def test_redirects():
    path = demo_article_paths(S)[0]
    cat, rest = path[1:].split("/", 1)
    aid = rest.rsplit("-", 1)[1]
    for wrong in ["/%s/sai-tieu-de-%s" % (cat, aid), "/khac/%s" % rest, "/%s/%s" % (cat, aid)]:
        r = S.get(wrong)
        check(r.status == 301 and r.header("location") == path, "301 from " + wrong, (r.status, r.header("location")))
    r = S.get("/%s/khong-co-999999" % cat)
    check(r.status == 404, "unknown article id is 404", r.status)


def test_404():
    r = S.get("/khong-ton-tai")
    check(r.status == 404, "unknown path is 404", r.status)
    check("Không tìm thấy" in r.text and "Tin Nóng" in r.text, "404 page is Vietnamese with the sidebar")


def test_category_and_pagination():
    home = S.get("/").text
    cats = re.findall(r'href="/([a-z0-9-]+)"', home)
    cats = [c for c in cats if c not in ("lich-cong-tac", "tim-kiem")]
    check(len(cats) >= 6, "home links to at least 6 categories", cats)
    best = None
    for c in set(cats):
        r = S.get("/" + c)
        check(r.status == 200, "category /%s answers 200" % c, r.status)
        n = len(set(re.findall(r'href="(/[a-z0-9-]+/[a-z0-9-]+-\d+)"', r.text)))
        if best is None or n > best[1]:
            best = (c, n)
    r = S.get("/%s?trang=999" % best[0])
    check(r.status == 404, "page beyond the last is 404", r.status)
    r = S.get("/%s?trang=abc" % best[0])
    check(r.status == 404, "malformed page number is 404", r.status)


def test_parent_category_includes_children():
    # "Tin tức" has subcategories in the demo: its page lists their articles
    r = S.get("/tin-tuc")
    check(r.status == 200, "parent category page answers", r.status)
    arts = re.findall(r'href="/([a-z0-9-]+)/[a-z0-9-]+-\d+"', r.text)
    check(any(a != "tin-tuc" for a in arts), "parent category lists subcategory articles", set(arts))


def test_calendar():
    r = S.get("/lich-cong-tac")
    check(r.status == 200 and "Lịch công tác tuần từ" in r.text, "calendar week view", r.status)
    check("Sáng" in r.text and "Chiều" in r.text, "calendar shows sessions")
    nxt = re.search(r'href="(/lich-cong-tac\?tuan=[0-9-]+)"[^>]*>[^<]*Tuần sau', r.text)
    prev = re.search(r'href="(/lich-cong-tac\?tuan=[0-9-]+)"[^>]*>[^<]*Tuần trước', r.text)
    check(nxt is not None and prev is not None, "calendar links previous and next weeks")
    if nxt:
        rn = S.get(nxt.group(1).replace("&amp;", "&"))
        check(rn.status == 200 and "Lịch công tác trống" in rn.text, "next week is empty in the demo")
        main = rn.text.split("<aside")[0]
        check(main.count("Lịch công tác trống") == 1 and 'class="cal-day' not in main and ">—<" not in main,
              "an empty week says so once, without seven empty day cards", main.count('class="cal-day'))
    if prev:
        rp = S.get(prev.group(1))
        check(rp.status == 200 and "Lịch công tác trống" not in rp.text.split("<aside")[0],
              "previous week has items")
    bad = S.get("/lich-cong-tac?tuan=2026-02-30")
    check(bad.status == 400, "impossible date is 400", bad.status)


def test_feeds():
    r = S.get("/rss.xml")
    check(r.status == 200 and "application/rss+xml" in (r.header("content-type") or ""), "site RSS", r.status)
    root = ElementTree.fromstring(r.body)
    items = root.findall("./channel/item")
    check(len(items) >= 10, "RSS has items", len(items))
    check(all(i.find("title") is not None and i.find("pubDate") is not None for i in items), "RSS items complete")
    path = demo_article_paths(S)[0]
    cat = path.split("/")[1]
    rc = S.get("/%s/rss.xml" % cat)
    check(rc.status == 200, "category RSS", rc.status)
    ElementTree.fromstring(rc.body)
    sm = S.get("/sitemap.xml")
    check(sm.status == 200, "sitemap", sm.status)
    locs = ElementTree.fromstring(sm.body).findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    check(len(locs) >= 40, "sitemap lists the articles", len(locs))
    rb = S.get("/robots.txt")
    check(rb.status == 200 and "Sitemap:" in rb.text and rb.header("content-type").startswith("text/plain"),
          "robots.txt")


def test_conditional_and_gzip():
    path = demo_article_paths(S)[1]
    r1 = S.get(path, ua="curl/8.0")  # a bot: counters do not move between the two requests
    etag = r1.header("etag")
    check(etag is not None, "pages carry an ETag")
    r2 = S.get(path, headers={"If-None-Match": etag}, ua="curl/8.0")
    check(r2.status == 304, "304 when the ETag matches", r2.status)
    g = S.get(path, headers={"Accept-Encoding": "gzip"})
    check(g.header("content-encoding") == "gzip", "gzip when accepted")
    check(g.body.startswith(b"<!") or g.body.startswith(b"<!DOCTYPE") or b"<html" in g.body[:200],
          "gzip body decompresses to the page")
    check(g.header("content-length") == str(len(g.raw)), "gzip response has an exact Content-Length")
    p = S.get(path)
    check(p.header("content-encoding") is None and p.header("content-length") == str(len(p.raw)),
          "plain response without Accept-Encoding")
    h = S.request(path, method="HEAD")
    check(h.status == 200 and h.raw == b"", "HEAD has no body", (h.status, len(h.raw)))


def test_static():
    html = S.get("/").text
    css = re.search(r'href="(/static/[0-9a-f]{16}/style\.css)"', html)
    check(css is not None, "stylesheet has a versioned URL")
    if css:
        r = S.get(css.group(1))
        check(r.status == 200 and "text/css" in r.header("content-type"), "stylesheet served", r.status)
        check("immutable" in (r.header("cache-control") or "") and "31536000" in r.header("cache-control"),
              "versioned static files cached for a year", r.header("cache-control"))
    img = re.search(r'src="(/media/demo/[a-z0-9-]+\.svg)"', html)
    check(img is not None, "home shows demo images")
    if img:
        r = S.get(img.group(1))
        check(r.status == 200 and "image/svg+xml" in r.header("content-type"), "media served", r.status)
    r = S.get("/static/../../etc/passwd")
    check(r.status in (400, 404), "no path traversal", r.status)
    # the emblem as the site's icon: named by every page, and at /favicon.ico for what names none
    icon = re.search(r'<link rel="icon" type="image/svg\+xml" href="(/static/[0-9a-f]{16}/favicon\.svg)">', html)
    check(icon is not None, "pages name their icon")
    r = S.get("/favicon.ico")
    check(r.status == 200 and r.header("content-type") == "image/svg+xml" and r.text.startswith("<svg")
          and "max-age" in (r.header("cache-control") or ""), "/favicon.ico is the emblem",
          (r.status, r.header("content-type")))
    if icon:
        check(S.get(icon.group(1)).raw == r.raw, "the same emblem as the pages name")
    drawn = re.search(r'<svg class="emblem"[^>]*>(.*?)</svg>', html, re.S)
    check(drawn and drawn.group(1) in r.text, "the icon is the emblem of the header", drawn and drawn.group(1)[:80])


def test_bad_requests():
    r = S.get("/" + "a" * 10000)
    check(r.status == 414 or r.status == 400, "very long URL refused", r.status)
    r = S.get("/%ff%fe")
    check(r.status in (400, 404), "invalid UTF-8 path refused", r.status)
    r = S.request("/", method="POST", body=b"x=1")
    check(r.status == 405, "POST to a page is 405", r.status)
    r = S.get("/", headers={"Cookie": "loa_v=" + "z" * 5000})
    check(r.status == 200, "odd cookie is harmless", r.status)


def test_unknown_host_gets_default_site():
    r1 = S.get("/", host="khong-biet.example")
    r2 = S.get("/")
    t1 = re.search(r"<title>([^<]*)</title>", r1.text)
    t2 = re.search(r"<title>([^<]*)</title>", r2.text)
    check(r1.status == 200 and t1 and t2 and t1.group(1) == t2.group(1), "unknown host gets the default site")


def test_stored_bare_body():
    """A body stored before the sanitizer wrapped its first paragraph (text
    typed into an empty editor) is still shown as paragraphs. Written into
    a database of its own before its server starts, so that no cached page
    of the shared server stands in the way."""
    old = Server()
    try:
        bare = "Đoạn đầu gõ vào trình soạn thảo trống <strong>đậm</strong><p>Đoạn thứ hai</p>"
        db = sqlite3.connect(old.db)
        art_id, slug, cat = db.execute(
            "SELECT a.id, a.slug, c.slug FROM articles a JOIN categories c ON c.id = a.category_id "
            "WHERE a.published_at <= CAST(strftime('%s', 'now') AS INTEGER) ORDER BY a.published_at DESC LIMIT 1").fetchone()
        # the search index's trigger needs loa's tokenizer, which this connection lacks
        trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_search_upd'").fetchone()[0]
        db.execute("DROP TRIGGER articles_search_upd")
        db.execute("UPDATE articles SET body_html = ? WHERE id = ?", (bare, art_id))
        db.execute(trigger)
        db.execute("UPDATE org_pages SET body_html = ? WHERE slug = 'lich-su'", (bare,))
        db.commit()
        db.close()
        old.start()
        want = "<p>Đoạn đầu gõ vào trình soạn thảo trống <strong>đậm</strong></p><p>Đoạn thứ hai</p>"
        r = old.get("/%s/%s-%d" % (cat, slug, art_id))
        check(want in r.text, "an article stored with a bare first paragraph shows it as a paragraph",
              re.findall(r'<div class="article-body">\s*.{0,120}', r.text) or r.status)
        r = old.get("/gioi-thieu/lich-su")
        check(want in r.text, "a page stored with a bare first paragraph shows it as a paragraph",
              re.findall(r'<div class="article-body">\s*.{0,120}', r.text))
    finally:
        old.cleanup()


try:
    run_tests(test_home, test_article, test_body_images_sized, test_figure_caption, test_redirects, test_404,
              test_category_and_pagination, test_parent_category_includes_children, test_calendar, test_feeds,
              test_conditional_and_gzip, test_static, test_bad_requests, test_unknown_host_gets_default_site,
              test_stored_bare_body)
finally:
    S.cleanup()
