"""Integration tests of `loa import --from wordpress`: the WXR 1.2 fixture
(block and classic posts, [caption], a sticky post with a featured image,
a category tree, tags, pages, approved and pending comments, attachments,
drafts, menu items) with its uploads folder is imported into an empty
site; the counts, the articles with their captions and images, sticky as
featured and comments as Hỏi đáp are checked on the served pages; every
old address is requested one by one and must answer 301 to the right new
one; importing again changes nothing; hostile, broken or missing input and
an unwritable media folder exit non-zero with a Vietnamese message and
leave the database as it was."""
import json
import os
import sqlite3

from loatest import NewsroomSession, Server, add_user, check, loa, run_tests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures", "wordpress")
EXPORT = os.path.join(FIX, "export.xml")
UPLOADS = os.path.join(FIX, "uploads")
OLD = "http://xahoalacson.example"

S = Server(demo=False)
REPORT = os.path.join(S.tmp, "bao-cao.json")
FIRST = None


def q(sql, *args):
    con = sqlite3.connect(S.db)
    rows = con.execute(sql, args).fetchall()
    con.close()
    return rows


def dump():
    """Every row of the tables an import writes, to compare before and after."""
    con = sqlite3.connect(S.db)
    out = {t: sorted(con.execute('SELECT * FROM "%s"' % t).fetchall(), key=repr)
           for t in ("categories", "media", "feedback", "redirects", "org_pages")}
    # every column but the view counter, which the running server flushes
    out["articles"] = sorted(con.execute(
        "SELECT id, site_id, category_id, title, slug, lead, body_html, image, caption, author, source, external_id, "
        "status, published_at, updated_at, created_at, featured, featured_order, hot_pin, image_srcset "
        "FROM articles").fetchall())
    con.close()
    return out


def wp_import(*extra, export=EXPORT):
    return loa("import", "--db", S.db, "--from", "wordpress", export, *extra)


def setup():
    global FIRST
    r = loa("init", "--db", S.db, "--site-name", "Xã Hòa Lạc Sơn")
    assert r.returncode == 0, r.stderr
    FIRST = wp_import("--uploads", UPLOADS, "--comments", "--report", REPORT)
    S.start()


def article_url(wp_id):
    """The article's loa address, from the database (site/page.c's form)."""
    rows = q("SELECT c.slug, a.slug, a.id FROM articles a JOIN categories c ON c.id = a.category_id "
             "WHERE a.external_id = ?", "wordpress:xahoalacson.example/%d" % wp_id)
    return "/%s/%s-%d" % rows[0] if rows else None


def category_url(name):
    rows = q("SELECT slug FROM categories WHERE name = ?", name)
    return "/" + rows[0][0] if rows else None


def media_path(stem):
    rows = q("SELECT path FROM media WHERE path LIKE ?", "/media/wordpress/%" + stem + "-%")
    return rows[0][0] if rows else None


def test_counts():
    check(FIRST.returncode == 0, "the import succeeds", FIRST.stderr)
    out = FIRST.stdout
    for line in ["bài viết mới: 3", "trang giới thiệu mới: 2", "chuyên mục: 4", "thẻ (chuyển tới trang tìm kiếm): 2",
                 "ảnh mới vào thư viện: 3", "ý kiến hỏi đáp từ bình luận: 3", "bài nổi bật (bài ghim của WordPress): 1"]:
        check(line in out, "summary: " + line, out)
    for why in ["bản nháp, chưa xuất bản", "bài riêng tư", "nằm trong thùng rác", "mục trình đơn", "chưa được duyệt",
                "thư rác", "không có tệp ảnh trong thư mục tải lên", "không phải ảnh"]:
        check(why in out, "a skipped item says why: " + why, out)
    rep = json.load(open(REPORT, encoding="utf-8"))
    check(rep["counts"]["posts_created"] == 3 and rep["counts"]["refused"] == 0, "the JSON report's counts", rep["counts"])
    check(any(s["id"] == 103 and s["reason"] == "bản nháp, chưa xuất bản" for s in rep["skipped"]),
          "the report lists the draft with its reason")
    check(len(rep["redirects"]) == q("SELECT count(*) FROM redirects")[0][0] and
          {"old": "/?p=101", "new": article_url(101)} in rep["redirects"], "the report holds the redirect table")
    check(q("SELECT count(*) FROM articles")[0][0] == 3, "three articles, no draft, private or trashed post")
    check(q("SELECT name FROM categories WHERE slug = 'thoi-su'")[0][0] == "Thời sự" and
          q("SELECT p.name FROM categories c JOIN categories p ON p.id = c.parent_id WHERE c.slug = 'thoi-su'")[0][0]
          == "Tin tức", "the category tree kept")
    check(q("SELECT name FROM categories WHERE slug = 'van-hoa-xa-hoi'") == [("Văn hóa & Xã hội",)],
          "an escaped category name read as text")


def test_articles():
    url = article_url(101)
    r = S.get(url)
    check(r.status == 200 and "Lễ hội đua thuyền truyền thống năm 2023" in r.text, "the block post is served", r.status)
    check("<figcaption>Các đội thuyền xuất phát tại bến sông Đáy</figcaption>" in r.text, "a block image's caption")
    check("alert(1)" not in r.text and "wp:paragraph" not in r.text, "scripts and block comments gone")
    img = media_path("le-hoi-dua-thuyen")
    check(img and img in r.text and "-480.webp 480w" in r.text, "the body image from the library, with its sizes", img)
    check(S.get(img).status == 200, "the image file is served")
    cover = media_path("truong-hoc-moi")
    check(q("SELECT image, caption, featured, author FROM articles WHERE id = ?", int(url.rsplit("-", 1)[1])) ==
          [(cover, "Trường tiểu học Hòa Lạc Sơn sau khi xây mới", 1, "Ban biên tập")],
          "featured image with its caption, sticky as featured, the author's display name")
    home = S.get("/").text
    check(url in home.split("lead", 1)[-1][:4000] or url in home, "the featured article is on the home page")
    check(q("SELECT published_at FROM articles WHERE id = ?", int(url.rsplit("-", 1)[1])) == [(1684548000,)],
          "the publish time from the UTC date")

    r = S.get(article_url(102))
    check(r.status == 200 and "<figcaption>Cây cầu dài 120 mét, rộng 5 mét</figcaption>" in r.text,
          "a [caption] shortcode as loa's caption")
    check("[gallery" not in r.text and "[Thông báo số 12]" in r.text, "a shortcode removed, text in brackets kept")
    check("<p>Công trình có tổng vốn" in r.text and "<br>" in r.text, "classic text in paragraphs with breaks")
    check('href="/tag/nong-thon-moi/"' in r.text and S.get("/tag/nong-thon-moi/").status == 301,
          "a link to the old site made a path here, which the redirect table answers")
    check(article_url(102).split("/")[2].startswith("cau-moi-bac-qua-song-day-"),
          "a percent-encoded Vietnamese post name made a loa slug", article_url(102))

    r = S.get("/gioi-thieu/gioi-thieu-chung")
    check(r.status == 200 and "24,6 km²" in r.text, "a page as a Giới thiệu page")


def test_comments():
    r = S.get(article_url(101))
    check("Năm sau lễ hội có tổ chức vào cùng thời gian không ạ?" in r.text, "an approved comment is a published question")
    check("Lễ hội được tổ chức vào dịp rằm tháng Tư âm lịch hằng năm." in r.text, "the staff's reply is its answer")
    check("Bình luận này chưa được duyệt" not in r.text and "Buy now" not in r.text and "xem thêm về lễ hội" not in r.text,
          "pending, spam and pingbacks are not published")
    check("an.nguyen@example.com" not in r.text, "no e-mail address shown")
    r = S.get(article_url(102))
    check("Cầu có cho xe tải qua không?" in r.text and "Tôi cũng muốn biết tải trọng của cầu." in r.text,
          "a reader's reply is a question of its own")


def test_every_old_url():
    a101, a102, a108 = article_url(101), article_url(102), article_url(108)
    tin, thoisu, vanhoa, thongbao = (category_url(n) for n in ("Tin tức", "Thời sự", "Văn hóa & Xã hội", "Thông báo"))
    le, cau, truong = media_path("le-hoi-dua-thuyen"), media_path("cau-moi"), media_path("truong-hoc-moi")
    search_le = "/tim-kiem?q=L%E1%BB%85%20h%E1%BB%99i"
    search_ntm = "/tim-kiem?q=N%C3%B4ng%20th%C3%B4n%20m%E1%BB%9Bi"
    expected = [
        ("/2023/05/20/le-hoi-dua-thuyen-truyen-thong-nam-2023/", a101),
        ("/?p=101", a101), ("/index.php?p=101", a101), ("/?p=101&replytocom=1", a101),
        ("/2023/05/22/c%e1%ba%a7u-m%e1%bb%9bi-b%e1%ba%afc-qua-s%c3%b4ng-%c4%91%c3%a1y/", a102),
        ("/2023/05/22/c%E1%BA%A7u-m%E1%BB%9Bi-b%E1%BA%AFc-qua-s%C3%B4ng-%C4%91%C3%A1y", a102),
        ("/?p=102", a102),
        ("/2023/06/01/thong-bao-lich-tiep-cong-dan-thang-6-2023/", a108), ("/?p=108", a108),
        ("/gioi-thieu-chung/", "/gioi-thieu/gioi-thieu-chung"), ("/?page_id=106", "/gioi-thieu/gioi-thieu-chung"),
        ("/gioi-thieu-chung/lich-su-hinh-thanh/", "/gioi-thieu/lich-su-hinh-thanh"),
        ("/?page_id=110", "/gioi-thieu/lich-su-hinh-thanh"),
        ("/category/tin-tuc/", tin), ("/?cat=3", tin), ("/category/tin-tuc/feed/", tin + "/rss.xml"),
        ("/category/tin-tuc/thoi-su/", thoisu), ("/category/thoi-su/", thoisu), ("/?cat=4", thoisu),
        ("/category/tin-tuc/thoi-su/feed/", thoisu + "/rss.xml"),
        ("/category/tin-tuc/van-hoa/", vanhoa), ("/?cat=5", vanhoa),
        ("/category/thong-bao/", thongbao), ("/?cat=6", thongbao),
        ("/tag/le-hoi/", search_le), ("/?tag=le-hoi", search_le), ("/tag/nong-thon-moi/", search_ntm),
        ("/tag/nong-thon-moi/feed/", search_ntm),
        ("/feed/", "/rss.xml"), ("/feed/rss2/", "/rss.xml"), ("/?feed=rss2", "/rss.xml"), ("/comments/feed/", "/rss.xml"),
        ("/feed/atom/", "/rss.xml"),
        ("/wp-content/uploads/2023/05/le-hoi-dua-thuyen-300x188.jpg", le),
        ("/wp-content/uploads/2023/05/le-hoi-dua-thuyen.jpg", le),
        ("/wp-content/uploads/2023/05/cau-moi.png", cau), ("/wp-content/uploads/2024/01/truong-hoc-moi.jpg", truong),
        ("/?attachment_id=201", truong),
        ("/2023/05/20/le-hoi-dua-thuyen-truyen-thong-nam-2023/truong-hoc-moi/", truong),
        ("/2023/05/", "/tim-kiem?tu-ngay=01/05/2023&den-ngay=31/05/2023&sap-xep=moi-nhat"),
        ("/?m=202305", "/tim-kiem?tu-ngay=01/05/2023&den-ngay=31/05/2023&sap-xep=moi-nhat"),
        ("/2023/06/", "/tim-kiem?tu-ngay=01/06/2023&den-ngay=30/06/2023&sap-xep=moi-nhat"),
        ("/2023/", "/tim-kiem?tu-ngay=01/01/2023&den-ngay=31/12/2023&sap-xep=moi-nhat"),
        ("/?m=2023", "/tim-kiem?tu-ngay=01/01/2023&den-ngay=31/12/2023&sap-xep=moi-nhat"),
    ]
    for old, new in expected:
        r = S.get(old)
        check(r.status == 301 and r.header("location") == new, "%s answers 301 to %s" % (old, new),
              "%s %s" % (r.status, r.header("location")))
        if r.status == 301:
            t = S.get(r.header("location"))
            check(t.status == 200, "  and %s is there" % new, t.status)
    r = S.get("/tim-kiem?tu-ngay=01/05/2023&den-ngay=31/05/2023&sap-xep=moi-nhat")
    check("Lễ hội đua thuyền" in r.text and "Cầu mới bắc qua sông Đáy" in r.text and "tiếp công dân tháng 6" not in r.text,
          "a month's archive finds that month's articles")
    for old in ["/?p=103", "/2023/06/03/tai-lieu-noi-bo/", "/2022/01/", "/category/uncategorized/",
                "/wp-content/uploads/2023/05/khong-co.jpg"]:
        r = S.get(old)
        check(r.status in (200, 404) and r.status != 301, "%s (not imported) is not redirected" % old, r.status)
    check(q("SELECT count(*) FROM redirects WHERE source = 'wordpress'")[0][0] == len(
        json.load(open(REPORT, encoding="utf-8"))["redirects"]), "every stored redirect is in the report")


def test_again_changes_nothing():
    before = dump()
    r = wp_import("--uploads", UPLOADS, "--comments")
    check(r.returncode == 0 and "bài viết cập nhật: 3" in r.stdout and "bài viết mới: 0" in r.stdout,
          "importing again updates the same articles", r.stdout + r.stderr)
    after = dump()
    for t in ("categories", "media", "feedback", "org_pages"):
        check(len(after[t]) == len(before[t]), "no duplicate %s (%d)" % (t, len(after[t])))
    check([row[:4] for row in after["redirects"]] == [row[:4] for row in before["redirects"]],
          "the same redirects, none duplicated")
    check([row[0] for row in after["articles"]] == [row[0] for row in before["articles"]], "the same article ids")


def test_bad_input():
    before = dump()
    cases = [
        ("xxe.xml", "DOCTYPE"),
        ("billion-laughs.xml", "billion laughs"),
        ("truncated.xml", "cắt cụt"),
        ("not-wxr.xml", "không phải tệp xuất của WordPress"),
        ("khong-co.xml", "không mở được"),
    ]
    for name, why in cases:
        r = wp_import("--uploads", UPLOADS, export=os.path.join(FIX, name))
        check(r.returncode == 1 and why in r.stderr and "Không có gì được nhập" in r.stderr,
              "%s: exit 1 with a Vietnamese reason" % name, "%s %s" % (r.returncode, r.stderr))
    check(dump() == before, "the database is unchanged by every refused file")

    notdir = os.path.join(S.tmp, "khong-phai-thu-muc")
    open(notdir, "w").close()
    fresh = os.path.join(S.tmp, "moi.db")
    loa("init", "--db", fresh, "--site-name", "Xã Mới")
    r = loa("import", "--db", fresh, "--from", "wordpress", EXPORT, "--uploads", UPLOADS, "--media", notdir)
    con = sqlite3.connect(fresh)
    n = [con.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in ("articles", "redirects", "categories")]
    con.close()
    check(r.returncode == 1 and "không ghi được ảnh" in r.stderr and n == [0, 0, 0],
          "an unwritable media folder: exit 1, everything rolled back", "%s %s %s" % (r.returncode, r.stderr, n))

    r = wp_import("--uploads", os.path.join(FIX, "khong-co-thu-muc"))
    check(r.returncode == 1 and "không có thư mục tải lên" in r.stderr, "a missing uploads folder", r.stderr)
    r = loa("import", "--db", S.db, "--from", "joomla", EXPORT)
    check(r.returncode == 2 and "không biết nhập từ" in r.stderr, "an unknown --from: exit 2", r.stderr)
    r = wp_import("--report", os.path.join(S.tmp, "khong-co", "bao-cao.txt"))
    check(r.returncode == 1 and "không ghi được tệp báo cáo" in r.stderr, "an unwritable report path stops first")
    check(dump() == before, "still unchanged")


def test_text_report_and_no_uploads():
    fresh = os.path.join(S.tmp, "khong-anh.db")
    loa("init", "--db", fresh, "--site-name", "Xã Không Ảnh")
    txt = os.path.join(S.tmp, "bao-cao.txt")
    r = loa("import", "--db", fresh, "--from", "wordpress", EXPORT, "--report", txt)
    text = open(txt, encoding="utf-8").read()
    check(r.returncode == 0 and "chưa chỉ thư mục tải lên (--uploads)" in text, "without --uploads: articles in, images reported",
          r.stderr)
    check("Bảng chuyển hướng" in text and "/?p=101 -> /" in text, "the text report holds the redirect table")
    con = sqlite3.connect(fresh)
    n = con.execute("SELECT count(*) FROM feedback").fetchone()[0]
    con.close()
    check(n == 0, "comments only with --comments")


def test_newsroom_list():
    add_user(S, "quantri", "admin", "mat-khau-dai-qua-1")
    add_user(S, "phongvien", "writer", "mat-khau-dai-qua-2")
    ad = NewsroomSession(S, "quantri", "mat-khau-dai-qua-1")
    r = ad.req("/quan-tri/chuyen-huong")
    check(r.status == 200 and "/?p=101" in r.text and article_url(101) in r.text and "WordPress" in r.text,
          "admins see the redirect table in the newsroom", r.status)
    total = q("SELECT count(*) FROM redirects")[0][0]
    check("Có %d đường dẫn cũ" % total in r.text, "with its count")
    r = ad.req("/quan-tri/chuyen-huong?nguon=nukeviet")
    check(r.status == 200 and "Chưa có đường dẫn cũ nào" in r.text, "filtered by source")
    r = ad.req("/quan-tri/chuyen-huong?trang=2")
    check(r.status == 200 and "/?p=101" not in r.text, "a second page")
    w = NewsroomSession(S, "phongvien", "mat-khau-dai-qua-2")
    check(w.req("/quan-tri/chuyen-huong").status == 403, "writers do not")


def test_second_site_in_a_folder():
    """An export of a WordPress installed in a folder (https, plain ?p=
    permalinks, a partial export whose category is not in the channel)
    into a second site: its addresses answer on that site only."""
    r = loa("init", "--db", S.db, "--site-name", "Phường Phước An", "--host", "phuocan.example")
    check(r.returncode == 0, "a second site", r.stderr)
    r = loa("import", "--db", S.db, "--from", "wordpress", os.path.join(FIX, "subdir.xml"), "--site", "phuocan.example",
            "--uploads", UPLOADS)
    check(r.returncode == 0 and "bài viết mới: 1" in r.stdout, "imported into the second site", r.stdout + r.stderr)
    site = q("SELECT id FROM sites WHERE host = 'phuocan.example'")[0][0]
    rows = q("SELECT a.id, a.slug, a.title, c.slug, c.name, a.body_html FROM articles a JOIN categories c "
             "ON c.id = a.category_id WHERE a.site_id = ?", site)
    check(len(rows) == 1 and rows[0][2] == "“Ngày hội đại đoàn kết” tại khu phố 3", "entities in a title read as text",
          rows)
    aid, slug, _, cslug, cname, body = rows[0]
    check(cname == "Mặt trận - Đoàn thể", "a category only the item names is made, its '/' kept out of the path", cname)
    check("/media/wordpress/2023/05/cau-moi-" in body and 'href="/tin-tuc-cu/?p=4"' in body,
          "an https upload moved, a link to the old folder made a path", body)
    url = "/%s/%s-%d" % (cslug, slug, aid)
    for old, new in [("/tin-tuc-cu/?p=5", url), ("/tin-tuc-cu/index.php?p=5", url),
                     ("/tin-tuc-cu/feed/", "/rss.xml"), ("/tin-tuc-cu/category/mat-tran-doan-the/", "/" + cslug),
                     ("/tin-tuc-cu/2022/11/", "/tim-kiem?tu-ngay=01/11/2022&den-ngay=30/11/2022&sap-xep=moi-nhat")]:
        r = S.get(old, host="phuocan.example")
        check(r.status == 301 and r.header("location") == new, "%s on the second site answers 301 to %s" % (old, new),
              "%s %s" % (r.status, r.header("location")))
    r = S.get("/tin-tuc-cu/feed/")
    check(r.status == 404, "the second site's old addresses are not the first site's", r.status)
    r = S.get("/feed/", host="phuocan.example")
    check(r.status == 404, "nor the first site's the second's", r.status)


WXR_HEAD = ('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Xã Thử</title>\n'
            '<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>http://xathu.example</wp:base_site_url>\n')


def wxr_item(post_id, title, body):
    return ('<item><title><![CDATA[%s]]></title><link>http://xathu.example/?p=%d</link>'
            '<dc:creator><![CDATA[admin]]></dc:creator><content:encoded><![CDATA[%s]]></content:encoded>'
            '<wp:post_id>%d</wp:post_id><wp:post_date_gmt><![CDATA[2024-03-01 02:00:00]]></wp:post_date_gmt>'
            '<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>'
            '<category domain="category" nicename="tin-tuc"><![CDATA[Tin tức]]></category></item>\n'
            % (title, post_id, body, post_id))


def test_refused_post_and_huge_node():
    fresh = os.path.join(S.tmp, "tu-choi.db")
    loa("init", "--db", fresh, "--site-name", "Xã Thử")
    path = os.path.join(S.tmp, "mot-bai-hong.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(WXR_HEAD + wxr_item(1, "Bài tốt", "<p>Nội dung</p>") + wxr_item(2, "   ", "<p>Không có tiêu đề</p>") +
                "</channel></rss>\n")
    r = loa("import", "--db", fresh, "--from", "wordpress", path)
    con = sqlite3.connect(fresh)
    titles = [t for (t,) in con.execute("SELECT title FROM articles")]
    con.close()
    check(r.returncode == 3 and "bài viết #2" in r.stdout and "không có tiêu đề" in r.stdout and titles == ["Bài tốt"],
          "a post loa refuses: listed, the others imported, exit 3", "%s %s %s" % (r.returncode, r.stdout, titles))

    big = os.path.join(S.tmp, "nut-lon.xml")
    with open(big, "w", encoding="utf-8") as f:
        f.write(WXR_HEAD + wxr_item(3, "Bài lớn", "a" * (12 << 20)) + "</channel></rss>\n")
    before = os.path.getsize(fresh)
    r = loa("import", "--db", fresh, "--from", "wordpress", big)
    con = sqlite3.connect(fresh)
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    check(r.returncode == 1 and "lớn quá giới hạn" in r.stderr and n == 1,
          "a 12 MB text node: refused with a Vietnamese message, nothing written", "%s %s" % (r.returncode, r.stderr))
    os.unlink(big)
    check(os.path.getsize(fresh) == before, "the database file is as it was")


def teardown():
    S.cleanup()


run_tests(setup, test_counts, test_articles, test_comments, test_every_old_url, test_again_changes_nothing,
          test_bad_input, test_text_report_and_no_uploads, test_newsroom_list,
          test_second_site_in_a_folder, test_refused_post_and_huge_node, teardown)
