"""Integration tests of `loa import --from nukeviet`: a mysqldump of a
NukeViet 4.5 portal (tests/fixtures/nukeviet, made by make-fixtures.py)
goes in with its category tree, published articles, images and view
counts, and its laws module into the register of documents; every old
address of an article, a category, a feed, the module, a tag and a
document answers 301 to its new place, checked one by one; a second run
changes nothing; a phpMyAdmin export with another prefix and module name
is found by itself; and dumps that must be refused (latin1, encoded twice,
cut short, two table sets, not NukeViet) exit non-zero with a Vietnamese
message and leave the database as it was."""
import os
import re
import sqlite3
import subprocess

from loatest import Server, check, loa, run_tests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures", "nukeviet")
DUMP = os.path.join(FIX, "dump.sql")
UPLOADS = os.path.join(FIX, "uploads")

S = Server(demo=False)
REPORT = os.path.join(S.tmp, "bao-cao.txt")
OUT = {}

ART1 = "/hoat-dong-cua-xa/hoi-nghi-trien-khai-nhiem-vu-nam-2024-1"
ART2 = "/thong-bao/thong-bao-lich-tiep-cong-dan-thang-5-2024-2"
ART3 = "/van-hoa-xa-hoi/dem-van-nghe-mung-xuan-giap-thin-2024-3"


def db_rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def state(db):
    """Every count an import could change."""
    return [db_rows(db, "SELECT COUNT(*) FROM %s" % t)[0][0]
            for t in ("articles", "categories", "redirects", "media", "article_views_daily", "documents",
                      "document_files", "doc_terms", "doc_relations")] + \
        [db_rows(db, "SELECT COALESCE(SUM(views), 0) FROM articles")[0][0]]


def fresh_db(name):
    db = os.path.join(S.tmp, name)
    r = loa("init", "--db", db, "--site-name", "Cổng thông tin điện tử xã Hòa Lạc")
    assert r.returncode == 0, r.stderr
    return db


def setup():
    r = loa("init", "--db", S.db, "--site-name", "Cổng thông tin điện tử xã Hòa Lạc")
    check(r.returncode == 0, "loa init", r.stderr)
    r = loa("import", "--from", "nukeviet", "--db", S.db, DUMP, "--uploads", UPLOADS, "--report", REPORT)
    OUT["first"] = r
    check(r.returncode == 0, "the NukeViet dump is imported", r.stdout + r.stderr)
    S.start()


def test_report():
    out = OUT["first"].stdout
    for want in ("bảng nv4_vi_news_*", "mô-đun \"news\"", "chuyên mục: 4 mới, 0 đã có",
                 "bài viết: 3 mới, 0 cập nhật, 2 bỏ qua", "ảnh: 3 mới, 1 đã có, 2 không chép được",
                 "lượt xem mang sang: 1.610",
                 "bài 4 \"Bản nháp: kế hoạch thu hoạch lúa vụ Hè Thu\": chưa xuất bản trên NukeViet (trạng thái: Lưu nháp)",
                 "bài 5 \"Thông báo đã ngưng hiệu lực\": chưa xuất bản trên NukeViet (trạng thái: Ngưng hiệu lực)",
                 "ảnh đại diện của bài 2: không có tệp ảnh trong thư mục tải lên (uploads/news/2024_05/lich-tiep-dan.jpg)",
                 "ảnh trong bài 3: không có tệp ảnh trong thư mục tải lên (uploads/news/2023_12/khong-con-anh.jpg)",
                 "văn bản: 3 mới, 0 cập nhật, 1 bỏ qua; 1 tệp đính kèm mới",
                 "văn bản 3 \"Quyết định chưa có số\": văn bản không có số hiệu",
                 "tệp của văn bản 4: không có tệp trong thư mục tải lên (uploads/laws/2024_02/khong-co.pdf)"):
        check(want in out, "the summary says: " + want, out)
    with open(REPORT, encoding="utf-8") as f:
        text = f.read()
    check("Bảng chuyển hướng" in text and out.split("Báo cáo đầy đủ")[0] in text,
          "the report file holds the summary and the redirect table", text[:400])


def test_categories():
    rows = db_rows(S.db, "SELECT c.name, c.slug, p.slug, c.position FROM categories c "
                         "LEFT JOIN categories p ON p.id = c.parent_id ORDER BY c.id")
    check(rows == [("Tin tức", "tin-tuc", None, 1), ("Hoạt động của xã", "hoat-dong-cua-xa", "tin-tuc", 1),
                   ("Thông báo", "thong-bao", None, 2), ("Văn hóa - Xã hội", "van-hoa-xa-hoi", "tin-tuc", 2)],
          "the category tree, NukeViet's aliases as slugs and its order", rows)


def test_articles():
    rows = db_rows(S.db, "SELECT a.title, c.slug, a.lead, a.author, a.source, a.published_at, a.updated_at, "
                         "a.views, a.status, a.external_id, a.image, a.caption FROM articles a "
                         "JOIN categories c ON c.id = a.category_id ORDER BY a.published_at")
    check(len(rows) == 3, "three published articles, the draft and the stopped one left out", rows)
    by = {r[0]: r for r in rows}
    a1 = by.get("Hội nghị triển khai nhiệm vụ năm 2024")
    check(a1 and a1[1] == "hoat-dong-cua-xa" and a1[3] == "Nguyễn Văn An" and a1[4] == "Báo Quảng Ngãi",
          "article 1: category, author, source by sourceid", a1)
    check(a1 and a1[5] == 1704769200 and a1[6] == 1704790800, "publtime and edittime kept (Unix time)", a1)
    check(a1 and a1[7] == 1523 and a1[8] == 3 and a1[9] == "nukeviet:nv4_vi:1", "hitstotal as views, published",
          a1)
    check(a1 and a1[2].startswith("UBND xã tổ chức hội nghị"), "hometext as the lead", a1)
    check(a1 and re.match(r"^/media/nukeviet/news/2024_01/hoi-nghi-trien-khai-[0-9a-f]{8}\.jpg$", a1[10]) and
          a1[11] == "Quang cảnh hội nghị", "the cover from uploads/news, homeimgalt as its caption", a1)
    a2 = by.get("Thông báo \"Lịch tiếp công dân\" tháng 5/2024")
    check(a2 is not None, "NukeViet's &quot; in a title decoded", list(by))
    check(a2 and a2[10] == "" and a2[7] == 87, "a missing cover: the article still comes in, with its views", a2)
    a3 = by.get("Đêm văn nghệ mừng Xuân Giáp Thìn 2024")
    check(a3 and a3[2] == "Đêm văn nghệ mừng Đảng, mừng Xuân & mừng quê hương đổi mới." and
          a3[4] == "Đài Truyền thanh xã", "an HTML lead as plain text", a3)
    daily = db_rows(S.db, "SELECT SUM(views) FROM article_views_daily")[0][0]
    check(daily == 1610, "the views are counted on their days too", daily)

    body1 = db_rows(S.db, "SELECT body_html FROM articles WHERE external_id = 'nukeviet:nv4_vi:1'")[0][0]
    check("Đồng chí Chủ tịch nói: &quot;Năm 2024 là năm &#39;tăng tốc&#39;&quot; \\ các thôn" in body1,
          "mysqldump's escapes undone in the body", body1)
    check(re.search(r'<img src="/media/nukeviet/news/2024_01/hoi-truong-[0-9a-f]{8}\.png"[^>]*srcset=', body1),
          "a body image from /uploads/ moved into the library with its sizes", body1)
    body2 = db_rows(S.db, "SELECT body_html FROM articles WHERE external_id = 'nukeviet:nv4_vi:2'")[0][0]
    check(re.search(r'<img src="/media/nukeviet/news/2024_01/hoi-truong-[0-9a-f]{8}\.png"', body2),
          "the src attribute (in capitals, single-quoted) rewritten, not data-src; the same image reused", body2)
    body3 = db_rows(S.db, "SELECT body_html FROM articles WHERE external_id = 'nukeviet:nv4_vi:3'")[0][0]
    check("<script" not in body3 and "onclick" not in body3 and "Nhiều tiết mục đặc sắc." in body3,
          "the body sanitized", body3)
    check(re.search(r'src="/media/nukeviet/news/2023_12/le-hoi-dua-thuyen-[0-9a-f]{8}\.jpg"', body3),
          "an image by the old site's full address found in uploads too", body3)


def doc_ids():
    return {n: i for i, n in db_rows(S.db, "SELECT id, number FROM documents")}


def term_id(kind, name):
    return db_rows(S.db, "SELECT id FROM doc_terms WHERE kind = ? AND name = ?", kind, name)[0][0]


def test_documents():
    rows = db_rows(S.db, "SELECT d.number, t.name, i.name, COALESCE(f.name, ''), d.signer, d.summary, "
                         "d.issued_day, d.effective_day, d.expires_day, d.published, "
                         "(SELECT COUNT(*) FROM document_files x WHERE x.document_id = d.id) "
                         "FROM documents d JOIN doc_terms t ON t.id = d.type_id JOIN doc_terms i ON i.id = d.issuer_id "
                         "LEFT JOIN doc_terms f ON f.id = d.field_id ORDER BY d.id")
    check(len(rows) == 3, "three documents: the one without a number left out", rows)
    d1 = rows[0] if rows else None
    check(d1 and d1[:6] == ("12/NQ-HĐND", "Nghị quyết", "HĐND xã Hòa Lạc", "Tài chính - Ngân sách", "Lý Thị Ngân",
                            "Về dự toán thu, chi ngân sách xã năm 2024"),
          "number, type, issuer, field (_laws_row_area), signer, introtext as the summary", d1)
    # 20/12/2023, 01/01/2024, 31/12/2024 as Vietnam day numbers (days since 1970-01-01)
    check(d1 and d1[6:9] == (19711, 19723, 20088) and d1[9] == 1 and d1[10] == 1,
          "issue, effective and expiry days in Vietnam time; its file attached", d1)
    check(len(rows) == 3 and rows[2][0] == "118/QĐ-UBND" and rows[2][9] == 0 and rows[2][10] == 0,
          "a hidden document comes in unpublished, its missing file reported", rows[2:])
    rel = db_rows(S.db, "SELECT a.number, b.number, r.kind FROM doc_relations r JOIN documents a ON a.id = r.from_id "
                        "JOIN documents b ON b.id = r.to_id")
    check(rel == [("12/NQ-HĐND", "05/NQ-HĐND", 1)], "what a document replaces (replacement)", rel)
    ids = doc_ids()
    r = S.get("/van-ban/05-nq-hdnd-%d" % ids.get("05/NQ-HĐND", 0))
    check(r.status == 200 and "Bị thay thế" in r.text and "12/NQ-HĐND" in r.text,
          "the replaced document says so on its page", r.status)
    r = S.get("/van-ban/12-nq-hdnd-%d" % ids.get("12/NQ-HĐND", 0))
    m = re.search(r'href="(/tep/[0-9]+/[^"]+)"', r.text)
    f = S.get(m.group(1)) if m else None
    check(f is not None and f.status == 200 and f.raw[:5] == b"%PDF-", "its PDF is downloadable", m and m.group(0))


def test_pages_and_images():
    r = S.get(ART1)
    check(r.status == 200 and "Hội nghị triển khai nhiệm vụ năm 2024" in r.text and "Nguyễn Văn An" in r.text,
          "the imported article is served", r.status)
    m = re.search(r'src="(/media/nukeviet/news/2024_01/hoi-truong-[0-9a-f]{8}\.png)"', r.text)
    img = S.get(m.group(1)) if m else None
    check(img is not None and img.status == 200 and img.raw[:4] == b"\x89PNG", "the body image is served",
          m and m.group(1))
    cover = db_rows(S.db, "SELECT image FROM articles WHERE external_id = 'nukeviet:nv4_vi:1'")[0][0]
    r = S.get(cover)
    check(r.status == 200 and r.raw[:3] == b"\xff\xd8\xff", "the cover is served", cover)
    r = S.get("/hoat-dong-cua-xa")
    check(r.status == 200 and "Hội nghị triển khai" in r.text, "the nested category lists it", r.status)


def article_urls(cats, alias, aid):
    out = []
    for cat in cats:
        op = "%s/%s-%d" % (cat, alias, aid)
        out += ["/vi/news/%s.html" % op, "/news/%s.html" % op, "/vi/%s.html" % op, "/%s.html" % op,
                "/index.php?language=vi&nv=news&op=%s.html" % op, "/index.php?language=vi&nv=news&op=%s" % op,
                "/index.php?nv=news&op=%s.html" % op, "/index.php?nv=news&language=vi&op=%s" % op,
                "/index.php?nv=news&op=%s.html&utm_source=zalo" % op]
    return out


def cat_urls(alias):
    return ["/vi/news/%s/" % alias, "/vi/news/%s" % alias, "/news/%s/" % alias, "/vi/%s/" % alias,
            "/index.php?language=vi&nv=news&op=%s" % alias, "/index.php?nv=news&op=%s" % alias]


def rss_urls(alias):
    return ["/vi/news/rss/%s/" % alias, "/news/rss/%s/" % alias, "/index.php?language=vi&nv=news&op=rss/%s" % alias]


def expected():
    want = []
    for cats, alias, aid, new in ((("hoat-dong-cua-xa", "tin-tuc"), "hoi-nghi-trien-khai-nhiem-vu-nam-2024", 1,
                                   ART1),
                                  (("thong-bao",), "thong-bao-lich-tiep-cong-dan-thang-5-2024", 2, ART2),
                                  (("van-hoa-xa-hoi", "tin-tuc"), "dem-van-nghe-mung-xuan-giap-thin-2024", 3, ART3)):
        want += [(u, new) for u in article_urls(cats, alias, aid)]
    for alias in ("tin-tuc", "hoat-dong-cua-xa", "thong-bao", "van-hoa-xa-hoi"):
        want += [(u, "/" + alias) for u in cat_urls(alias)]
        want += [(u, "/%s/rss.xml" % alias) for u in rss_urls(alias)]
    want += [(u, "/") for u in ("/vi/news/", "/news/", "/vi/", "/index.php?language=vi&nv=news", "/?nv=news")]
    want += [(u, "/rss.xml") for u in ("/vi/news/rss/", "/news/rss/", "/index.php?language=vi&nv=news&op=rss")]
    tag = "/tim-kiem?q=n%C3%B4ng%20th%C3%B4n%20m%E1%BB%9Bi"
    want += [(u, tag) for u in ("/vi/news/tag/nong-thon-moi", "/news/tag/nong-thon-moi",
                                "/index.php?language=vi&nv=news&op=tag/nong-thon-moi")]
    want += [("/vi/news/topic/ky-hop-hdnd-xa", "/tim-kiem?q=K%E1%BB%B3%20h%E1%BB%8Dp%20H%C4%90ND%20x%C3%A3")]
    ids = doc_ids()
    for alias, number, slug in (("nghi-quyet-12-nq-hdnd", "12/NQ-HĐND", "12-nq-hdnd"),
                                ("nghi-quyet-05-nq-hdnd", "05/NQ-HĐND", "05-nq-hdnd")):
        new = "/van-ban/%s-%d" % (slug, ids[number])
        want += [(u, new) for u in ("/vi/vanban/detail/%s/" % alias, "/vanban/detail/%s/" % alias,
                                    "/index.php?language=vi&nv=vanban&op=detail/%s" % alias,
                                    "/index.php?nv=vanban&op=detail/%s&download=1&id=0" % alias)]
    for op, kind, name, param in (("nghi-quyet", 0, "Nghị quyết", "loai"), ("subject/hdnd-xa", 1, "HĐND xã Hòa Lạc",
                                                                             "co-quan"),
                                  ("area/tai-chinh-ngan-sach", 2, "Tài chính - Ngân sách", "linh-vuc")):
        new = "/van-ban?%s=%d" % (param, term_id(kind, name))
        want += [(u, new) for u in ("/vi/vanban/%s/" % op, "/index.php?language=vi&nv=vanban&op=%s" % op)]
    want += [("/vi/vanban/", "/van-ban"), ("/index.php?nv=vanban", "/van-ban"), ("/vi/vanban/rss/", "/van-ban/rss.xml")]
    return want


def test_old_urls_one_by_one():
    for old, new in expected():
        r = S.get(old)
        check(r.status == 301 and r.header("location") == new, "%s answers 301 to %s" % (old, new),
              "%s %s" % (r.status, r.header("location")))
    for new in sorted({n for _, n in expected()}):
        r = S.get(new)
        check(r.status == 200, "the new place %s answers 200" % new, r.status)


def test_report_table():
    with open(REPORT, encoding="utf-8") as f:
        table = f.read().split("Bảng chuyển hướng (địa chỉ cũ, tab, địa chỉ mới):\n", 1)[1]
    pairs = [line.split("\t") for line in table.splitlines() if line]
    check(len(pairs) >= 70, "the report lists the redirect table", len(pairs))
    bad = []
    for old, new in pairs:
        r = S.get(old)
        if r.status != 301 or r.header("location") != new:
            bad.append((old, new, r.status, r.header("location")))
    check(not bad, "every address of the report's table answers 301 to its new place (%d)" % len(pairs), bad)
    count = db_rows(S.db, "SELECT COUNT(*) FROM redirects WHERE source = 'nukeviet'")[0][0]
    check(count == len(pairs), "the table holds exactly the report's rows", (count, len(pairs)))


def test_not_redirected():
    for old in ("/vi/news/hoat-dong-cua-xa/ban-nhap-ke-hoach-thu-hoach-lua-vu-he-thu-4.html",
                "/vi/news/thong-bao/thong-bao-da-ngung-hieu-luc-5.html", "/vi/news/tin-tuc/khong-co-12345.html",
                "/vi/vanban/detail/quyet-dinh-118-qd-ubnd/", "/vi/vanban/detail/quyet-dinh-chua-co-so/"):
        r = S.get(old)
        check(r.status == 404, "an article that was not imported: 404 (%s)" % old, r.status)


def test_rerun_is_idempotent():
    before = state(S.db)
    r = loa("import", "--from", "nukeviet", "--db", S.db, DUMP, "--uploads", UPLOADS)
    check(r.returncode == 0 and "bài viết: 0 mới, 3 cập nhật, 2 bỏ qua" in r.stdout and
          "chuyên mục: 0 mới, 4 đã có" in r.stdout and "ảnh: 0 mới, 4 đã có" in r.stdout and
          "lượt xem mang sang: 0" in r.stdout and "văn bản: 0 mới, 3 cập nhật, 1 bỏ qua; 0 tệp" in r.stdout,
          "a second run updates what it made", r.stdout + r.stderr)
    check(state(S.db) == before, "a second run adds nothing", (before, state(S.db)))
    files = sum(len(f) for _, _, f in os.walk(os.path.join(S.tmp, "media")))
    r2 = loa("import", "--from", "nukeviet", "--db", S.db, DUMP, "--uploads", UPLOADS)
    files2 = sum(len(f) for _, _, f in os.walk(os.path.join(S.tmp, "media")))
    check(r2.returncode == 0 and files == files2, "no image file is written twice", (files, files2))


def test_phpmyadmin_nv5():
    db = fresh_db("nv5.db")
    r = loa("import", "--from", "nukeviet", "--db", db, os.path.join(FIX, "dump-nv5.sql"))
    check(r.returncode == 0 and "bảng nv5_vi_news_*" in r.stdout and "mô-đun \"tin-tuc\"" in r.stdout and
          "bài viết: 2 mới" in r.stdout, "a phpMyAdmin export with prefix nv5 found without --prefix",
          r.stdout + r.stderr)
    rows = db_rows(db, "SELECT title, body_html, views FROM articles ORDER BY id")
    check(len(rows) == 2 and "Hàng trăm người dân" in rows[0][1] and rows[1][1] == "" and rows[1][2] == 9,
          "the article without a _detail row comes in with an empty body", rows)
    aid = db_rows(db, "SELECT id FROM articles WHERE external_id = 'nukeviet:nv5_vi:21'")[0][0]
    srv = Server(db=db, demo=False, tmp=S.tmp)
    srv.start()
    try:
        for old in ("/vi/tin-tuc/tin-tuc-su-kien/ra-quan-lam-duong-giao-thong-nong-thon-21.html",
                    "/index.php?language=vi&nv=tin-tuc&op=tin-tuc-su-kien/ra-quan-lam-duong-giao-thong-nong-thon-21"):
            r = srv.get(old)
            check(r.status == 301 and r.header("location") ==
                  "/tin-tuc-su-kien/ra-quan-lam-duong-giao-thong-nong-thon-%d" % aid,
                  "the module's own name from _modules in the old address: " + old,
                  "%s %s" % (r.status, r.header("location")))
    finally:
        srv.stop()


def refused(args, db, wants, name):
    before = state(db)
    r = loa("import", "--from", "nukeviet", "--db", db, *args)
    ok = r.returncode != 0 and all(w in r.stderr for w in wants) and "Không có gì được ghi" in r.stderr
    check(ok, name + ": refused with a Vietnamese message", "%s %s %s" % (r.returncode, r.stdout, r.stderr))
    check(state(db) == before, name + ": the database is unchanged", (before, state(db)))
    return r


def test_bad_dumps():
    db = fresh_db("bad.db")
    loa("import", "--from", "nukeviet", "--db", db, os.path.join(FIX, "dump-nv5.sql"))
    with open(DUMP, encoding="utf-8") as f:
        full = f.read()
    cut_string = os.path.join(S.tmp, "cut-string.sql")
    with open(cut_string, "w", encoding="utf-8") as f:
        f.write(full[:full.index("Đồng chí Chủ tịch") + 10])
    cut_statement = os.path.join(S.tmp, "cut-statement.sql")
    with open(cut_statement, "w", encoding="utf-8") as f:
        f.write(full[:full.index("\n--\n-- Table structure for table `nv4_vi_news_sources`")])
    both = os.path.join(S.tmp, "both.sql")
    with open(both, "w", encoding="utf-8") as f, open(os.path.join(FIX, "dump-nv5.sql"), encoding="utf-8") as g:
        f.write(full + g.read())
    other = os.path.join(S.tmp, "other.sql")
    with open(other, "w", encoding="utf-8") as f:
        f.write("-- MySQL dump 10.13\nCREATE TABLE `wp_posts` (`ID` bigint);\n"
                "INSERT INTO `wp_posts` VALUES (1);\n-- Dump completed on 2024-05-20\n")
    refused([os.path.join(FIX, "dump-latin1.sql")], db, ["latin1", "--default-character-set=utf8mb4"],
            "a latin1 export")
    refused([os.path.join(FIX, "dump-mojibake.sql")], db, ["hai lần", "--default-character-set=utf8mb4"],
            "a text encoded twice")
    refused([cut_string], db, ["bị cắt cụt", "chuỗi ký tự"], "a dump cut inside a string")
    refused([cut_statement], db, ["bị cắt cụt", "Dump completed"], "a dump cut between statements")
    refused([both], db, ["nhiều bộ bảng", "nv4_vi", "nv5_vi", "--prefix"], "two table sets without --prefix")
    refused([other], db, ["không có bảng tin tức của NukeViet"], "a dump of another system")
    refused([DUMP, "--prefix", "nv9"], db, ["nv9_vi_news_rows", "nv4_vi_news_*"], "a wrong --prefix")
    refused([DUMP, "--uploads", UPLOADS, "--media", os.path.join(FIX, "dump.sql")], db, ["không lưu được ảnh"],
            "images that cannot be stored, after categories were written")
    r = loa("import", "--from", "nukeviet", "--db", db, DUMP, "--lang", "vie")
    check(r.returncode == 2 and "--lang" in r.stderr, "a bad --lang is a usage error", r.stderr)
    r = loa("import", "--from", "nukeviet", "--db", db, os.path.join(S.tmp, "khong-co.sql"))
    check(r.returncode == 1 and "không đọc được tệp dump" in r.stderr, "a missing dump file", r.stderr)
    r = loa("import", "--from", "joomla", "--db", db, DUMP)
    check(r.returncode == 2 and "--from" in r.stderr, "an unknown source", r.stderr)
    r = loa("import", "--from", "nukeviet", "--db", db, both, "--prefix", "nv4", "--uploads", UPLOADS)
    check(r.returncode == 0 and "bảng nv4_vi_news_*" in r.stdout, "--prefix chooses among table sets",
          r.stdout + r.stderr)


def test_help():
    r = loa("import", "--from", "nukeviet", "--help")
    check(r.returncode == 0 and "mysqldump --default-character-set=utf8mb4" in r.stdout, "--help", r.stdout)


def teardown():
    S.cleanup()


run_tests(setup, test_report, test_categories, test_articles, test_documents, test_pages_and_images, test_old_urls_one_by_one,
          test_report_table, test_not_redirected, test_rerun_is_idempotent, test_phpmyadmin_nv5, test_bad_dumps,
          test_help, teardown)
