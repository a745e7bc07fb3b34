"""Integration tests of "Văn bản", the register of documents, on a real
server over the demo site: a document written in the newsroom with files
uploaded (CSRF, a wrong type refused in Vietnamese with the form kept), the
download with its exact Content-Disposition and bytes, facets that combine,
pages, the number search typed four ways finding the document first,
relations on both documents' pages, RSS and sitemap, `loa import
--documents` with a bad line and re-imported without duplicates, and
validity changing when the test clock passes the expiry date."""
import json
import os
import re
import time
import urllib.parse

from loatest import NewsroomSession, Server, check, loa, run_tests

S = Server()
loa("user", "add", "--db", S.db, "--login", "bientap", "--role", "approver", input="mat-khau-bientap-2026\n")
CLOCK = os.path.join(S.tmp, "clock")
with open(CLOCK, "w") as f:
    f.write("0\n")
S.start(extra=("--test-clock", CLOCK))
BT = NewsroomSession(S, "bientap", "mat-khau-bientap-2026")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def multipart(fields, files):
    boundary = "----loa-docs-boundary"
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode()
    for k, (fname, data) in files.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % (boundary, k, fname)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary


def post_multipart(path, fields, files):
    body, ctype = multipart(fields, files)
    h = {"Content-Type": ctype, "Cookie": "; ".join("%s=%s" % kv for kv in BT.cookies.items())}
    return S.request(path, method="POST", headers=h, body=body)


def term_id(html, select, name):
    block = re.search(r'<select id="%s".*?</select>' % select, html, re.S).group(0)
    return re.search(r'<option value="(\d+)"[^>]*>%s</option>' % re.escape(name), block).group(1)


def find(q, extra=""):
    """The register's page for a search (and more parameters)."""
    return S.get("/van-ban?tim=" + urllib.parse.quote(q) + extra).text


def doc_links(html):
    return re.findall(r'class="vb-number" href="([^"]+)">([^<]+)</a>', html)


def test_newsroom_upload_and_download():
    page = BT.req("/quan-tri/van-ban/moi").text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    fields = {"csrf": token, "so": "99/QĐ-UBND", "loai": term_id(page, "v-loai", "Quyết định"),
              "co-quan": term_id(page, "v-co-quan", "UBND xã Hòa Lạc Sơn"), "linh-vuc": "",
              "nguoi-ky": "Nguyễn Đức Khải", "ngay-ban-hanh": "02/06/2025", "ngay-hieu-luc": "",
              "ngay-het-hieu-luc": "", "trich-yeu": "Về việc phân công trực phòng chống lụt bão", "toan-van": "",
              "thay-the": "", "sua-doi": "", "ten-tep-1": "Quyết định 99 (bản ký)", "cong-bo": "1"}
    r = post_multipart("/quan-tri/van-ban/moi", fields, {"tep-1": ("trang.html", b"<html><script>alert(1)</script>")})
    check(r.status == 415, "a wrong file type is refused", r.status)
    check("không thuộc loại được nhận" in r.text and "PDF, Word (DOC, DOCX)" in r.text and "trang.html" in r.text,
          "the message names the file and the accepted types")
    check('value="99/QĐ-UBND"' in r.text and "phòng chống lụt bão" in r.text, "the form is kept")
    r = post_multipart("/quan-tri/van-ban/moi", dict(fields, csrf="sai"), {"tep-1": ("qd.pdf", PDF)})
    check(r.status == 403, "without the CSRF token: refused", r.status)
    r = post_multipart("/quan-tri/van-ban/moi", fields, {"tep-1": ("Quyết định 99.pdf", PDF)})
    check(r.status == 303, "saved with its file", r.status)
    lst = find("99/QĐ-UBND")
    links = doc_links(lst)
    check(links and links[0][1].endswith("99/QĐ-UBND"), "the new document is listed", links[:2])
    detail = S.get(links[0][0]).text
    m = re.search(r'<a href="(/tep/\d+/[^"]+)" download>', detail)
    check(m and "Quyết định 99 (bản ký)" in detail and "PDF" in detail, "the attachment with its name and type")
    r = S.get(m.group(1))
    check(r.status == 200 and r.body == PDF, "the download gives the bytes", r.status)
    check(r.header("content-type") == "application/pdf", "type by content", r.header("content-type"))
    check(r.header("content-disposition") ==
          "attachment; filename=\"quyet-dinh-99-ban-ky.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2099.pdf",
          "Content-Disposition with the original name", r.header("content-disposition"))
    check("max-age=31536000" in (r.header("cache-control") or "") and r.header("etag"), "long cache, ETag")
    r2 = S.request(m.group(1), headers={"If-None-Match": r.header("etag")})
    check(r2.status == 304, "ETag answered with 304", r2.status)
    wrong = re.sub(r"/[^/]+$", "/ten-khac.pdf", m.group(1))
    r = S.get(wrong)
    check(r.status == 301 and r.header("location").endswith(m.group(1)), "a wrong name redirects", r.status)
    r = S.get("/tep/999999/x.pdf")
    check(r.status == 404 and "Không tìm thấy" in r.text, "an unknown file is 404 in Vietnamese", r.status)


def test_newsroom_relations():
    page = BT.req("/quan-tri/van-ban/moi").text
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    fields = {"csrf": token, "so": "98/QĐ-UBND", "loai": term_id(page, "v-loai", "Quyết định"),
              "co-quan": term_id(page, "v-co-quan", "UBND xã Hòa Lạc Sơn"), "linh-vuc": "", "nguoi-ky": "",
              "ngay-ban-hanh": "03/06/2025", "ngay-hieu-luc": "", "ngay-het-hieu-luc": "",
              "trich-yeu": "Về việc thay thế và sửa đổi hai văn bản", "toan-van": "", "ten-tep-1": "",
              "thay-the": "156/UBND-VP", "sua-doi": "162/UBND-ĐC\n162 ubnd dc", "cong-bo": "1"}
    r = post_multipart("/quan-tri/van-ban/moi", fields, {})
    check(r.status == 303, "replaces one and amends another (named twice, typed two ways): saved", r.status)
    links = doc_links(find("98/QĐ-UBND"))
    page = S.get(links[0][0]).text if links else ""
    check("Thay thế văn bản" in page and "156/UBND-VP" in page and "Sửa đổi, bổ sung văn bản" in page and
          "162/UBND-ĐC" in page, "both relations on its page", re.findall(r'vb-rel-label">([^<]+)', page))


def test_facets_and_pages():
    html = S.get("/van-ban").text
    check(len(doc_links(html)) == 15 and 'rel="next"' in html, "15 per page, with a next page")
    check(S.get("/van-ban?trang=2").status == 200 and S.get("/van-ban?trang=99").status == 404, "pages; past the end 404")
    m = re.search(r'href="(/van-ban\?loai=\d+)"[^>]*>Nghị quyết <span class="vb-count">\((\d+)\)', html)
    check(m, "the type facet with its count")
    both = S.get(m.group(1)).text
    m2 = re.search(r'href="(/van-ban\?loai=\d+&amp;co-quan=\d+)"[^>]*>HĐND xã Hòa Lạc Sơn <span class="vb-count">\((\d+)\)', both)
    check(m2, "the issuer facet combines with the type")
    combined = S.get(m2.group(1).replace("&amp;", "&")).text
    numbers = [n for _, n in doc_links(combined)]
    check(numbers and all(n.startswith("Nghị quyết") and "HĐND" in n for n in numbers) and
          len(numbers) == int(m2.group(2)), "both filters hold, count matches", numbers)
    check("Bỏ lọc" in combined and 'href="/van-ban"' in combined, "a clear link")
    v = S.get("/van-ban?hieu-luc=bi-thay-the").text
    check(all(n for n in doc_links(v)) and len(doc_links(v)) >= 3 and "Bị thay thế" in v, "validity facet")
    check(S.get("/van-ban?loai=abc").status == 404 and S.get("/van-ban?hieu-luc=x").status == 404, "bad facets 404")


def test_number_search():
    for q in ("42/2022/NĐ-CP", "42/2022/nđ-cp", "42/2022/ND-CP", "42 2022 nd cp"):
        links = doc_links(S.get("/van-ban?tim=" + urllib.parse.quote(q)).text)
        check(links and links[0][1] == "Nghị định 42/2022/NĐ-CP", "“%s” finds it first" % q, links[:2])
    links = doc_links(S.get("/van-ban?tim=" + urllib.parse.quote("ngân sách")).text)
    check(len(links) >= 3, "words of the summary found", len(links))
    links = doc_links(S.get("/van-ban?tim=" + urllib.parse.quote("12/NQ")).text)
    check(links and links[0][1] == "Nghị quyết 12/NQ-HĐND", "a prefix of the number first", links[:2])


def docs_block(q):
    """The "Văn bản" block of the site search for q, or ""."""
    r = S.get("/tim-kiem?q=" + urllib.parse.quote(q))
    m = re.search(r'<section class="search-docs".*?</section>', r.text, re.S)
    return r.status, (m.group(0) if m else "")


def test_site_search():
    for q in ("42/2022/nd-cp", "42/2022/NĐ-CP", "42 2022 nd cp", "42/2022/nđ-cp"):
        status, block = docs_block(q)
        links = doc_links(block)
        check(status == 200 and links and links[0][1] == "Nghị định 42/2022/NĐ-CP",
              "/tim-kiem: “%s” puts the document first in its Văn bản block" % q, links[:2])
    status, block = docs_block("42/2022/nd-cp")
    check("Ban hành 24/06/2022" in block and "cung cấp thông tin và dịch vụ công trực tuyến" in block,
          "with its type, number, issue date and summary")
    check('href="/van-ban?tim=42%2F2022%2Fnd-cp"' in block and "Xem tất cả văn bản phù hợp" in block,
          "a link to every matching document of the register")
    status, block = docs_block("ngân sách")
    links = doc_links(block)
    every = doc_links(find("ngân sách"))
    total = re.search(r'<p class="vb-total">(\d+) văn bản', find("ngân sách"))
    check(len(links) == 3 and links == every[:3], "words: the register's best three, in its order", (links, every[:3]))
    check(total and ("Xem tất cả văn bản phù hợp (%s)" % total.group(1)) in block,
          "the link counts what the register finds", total and total.group(1))
    all_url = re.search(r'class="search-docs-all"><a href="([^"]+)"', block)
    check(all_url and doc_links(S.get(all_url.group(1).replace("&amp;", "&")).text)[:3] == links,
          "the link opens the register's search")
    check(docs_block("qqzzxx không có")[1] == "" and docs_block("///")[1] == "",
          "no block when no document matches or the query has no word")
    r = S.get("/tim-kiem?q=" + urllib.parse.quote("<script>alert(1)</script> ngân sách"))
    check(r.status == 200 and "<script>alert(1)" not in r.text, "a hostile query is escaped", r.status)


def test_relations_both_ways():
    old = doc_links(find("34/2019/NĐ-CP"))[0][0]
    new = doc_links(find("33/2023/NĐ-CP"))[0][0]
    o, n = S.get(old).text, S.get(new).text
    check("Bị thay thế bởi" in o and new in o and "vb-bi-thay-the" in o, "the replaced one links its replacement")
    check("Thay thế văn bản" in n and old in n, "the replacing one links what it replaces")
    amended = S.get(doc_links(find("112/QĐ-UBND"))[0][0]).text
    check("Được sửa đổi, bổ sung bởi" in amended, "amended")


def test_rss_and_sitemap():
    r = S.get("/van-ban/rss.xml")
    check(r.status == 200 and "<item>" in r.text and "42/2022/NĐ-CP" in r.text, "RSS of the register")
    sm = S.get("/sitemap.xml").text
    check("/van-ban</loc>" in sm and re.search(r"/van-ban/42-2022-nd-cp-\d+</loc>", sm), "sitemap entries")


def test_import():
    folder = os.path.join(S.tmp, "nhap")
    os.makedirs(os.path.join(folder, "tep"), exist_ok=True)
    with open(os.path.join(folder, "tep", "a.pdf"), "wb") as f:
        f.write(PDF)
    lines = [
        {"number": "07/KH-UBND", "type": "Kế hoạch", "issuer": "UBND xã Hòa Lạc Sơn", "field": "Môi trường",
         "issued": "2025-03-01", "summary": "Thu gom rác thải nhựa", "files": [{"path": "tep/a.pdf", "name": "Kế hoạch 07"}],
         "relations": [{"kind": "amends", "number": "24/KH-UBND"}]},
        "{ không phải JSON",
        {"number": "08/KH-UBND", "type": "Kế hoạch", "issuer": "UBND xã Hòa Lạc Sơn", "issued": "31/02/2025",
         "summary": "Ngày sai"},
    ]
    path = os.path.join(folder, "vb.jsonl")
    with open(path, "w") as f:
        for l in lines:
            f.write((l if isinstance(l, str) else json.dumps(l, ensure_ascii=False)) + "\n")
    r = loa("import", "--db", S.db, "--documents", path)
    check(r.returncode == 3, "bad lines: exit 3", r.returncode)
    check("dòng 2: JSON không hợp lệ" in r.stderr and "dòng 3:" in r.stderr and "31/02/2025" in r.stderr,
          "bad lines reported with their numbers", r.stderr)
    check("dòng 2: JSON không hợp lệ (cột 4): sai cú pháp" in r.stderr, "the JSON error told in Vietnamese", r.stderr)
    check("1 văn bản mới" in r.stdout and "2 lỗi" in r.stdout, "the count at the end", r.stdout)
    r = loa("import", "--db", S.db, "--documents", path)
    check("0 văn bản mới, 1 văn bản cập nhật" in r.stdout, "re-import: no duplicate", r.stdout)
    with open(CLOCK, "w") as f:  # the cache only lasts a minute: move a day and ask fresh URLs
        f.write("60\n")
    links = doc_links(find("07/KH-UBND", "&nam=2025"))
    check(len(links) == 1, "imported once", links)
    page = S.get(links[0][0]).text
    check(page.count('download>') == 1 and "Sửa đổi, bổ sung văn bản" in page, "one file, its relation")


def write_jsonl(name, lines):
    folder = os.path.join(S.tmp, "nhap")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        for l in lines:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    return path


def test_import_unlinked():
    base = {"type": "Kế hoạch", "issuer": "UBND xã Hòa Lạc Sơn", "issued": "2025-04-01"}
    path = write_jsonl("lien-ket.jsonl", [
        dict(base, number="09/KH-UBND", summary="Kế hoạch thay thế một văn bản không có",
             relations=[{"kind": "replaces", "number": "99/KH-KHONG-CO"}]),
        dict(base, number="10/KH-UBND", summary="Kế hoạch sửa đổi chính nó",
             relations=[{"kind": "amends", "number": "10/kh-ubnd"}]),
    ])
    r = loa("import", "--db", S.db, "--documents", path)
    check(r.returncode == 3, "a relation left unlinked: exit 3", r.returncode)
    check("2 văn bản mới, 0 văn bản cập nhật, 0 lỗi; 2 liên kết chưa tìm thấy văn bản" in r.stdout,
          "counted once as created and apart as unlinked, never as failed", r.stdout)
    check("dòng 1: không tìm thấy văn bản số “99/KH-KHONG-CO” để liên kết" in r.stderr and
          "dòng 2: văn bản không thể thay thế hay sửa đổi chính nó" in r.stderr,
          "each unlinked relation reported with its line", r.stderr)
    r = loa("import", "--db", S.db, "--documents", write_jsonl("tot.jsonl", [
        dict(base, number="11/KH-UBND", summary="Kế hoạch sửa đổi Kế hoạch 09",
             relations=[{"kind": "amends", "number": "09/KH-UBND"}, {"kind": "amends", "number": "09 kh ubnd"}])]))
    check(r.returncode == 0 and "1 văn bản mới, 0 văn bản cập nhật, 0 lỗi\n" in r.stdout and
          "liên kết" not in r.stdout, "every relation found (one named twice, typed two ways): exit 0, no unlinked count",
          (r.returncode, r.stdout, r.stderr))
    with open(CLOCK, "w") as f:  # fresh pages past the page cache's minute
        f.write("120\n")
    links = doc_links(find("09/KH-UBND"))
    check(links and links[0][1] == "Kế hoạch 09/KH-UBND", "the document with an unlinked relation was imported", links[:1])
    page = S.get(links[0][0]).text if links else ""
    check("Được sửa đổi, bổ sung bởi" in page and "11/KH-UBND" in page and "99/KH-KHONG-CO" not in page,
          "only the relations found are linked")


def test_validity_by_clock():
    # 30/KH-UBND expires 31/12/2025: move the clock past it
    url = doc_links(find("30/KH-UBND"))[0][0]
    now = time.time()
    expiry = time.mktime((2025, 12, 31, 0, 0, 0, 0, 0, 0)) - time.timezone - 7 * 3600
    before = S.get(url).text
    if now < expiry:
        check("Còn hiệu lực" in before, "in force before its expiry")
    with open(CLOCK, "w") as f:
        f.write("%d\n" % int(max(0, expiry - now) + 2 * 86400))
    # the page cache keeps a page a minute: a new URL (a search) asks afresh
    after = find("30/KH-UBND", "&hieu-luc=het-hieu-luc")
    check(doc_links(after) and "Hết hiệu lực" in after, "expired once the clock passes its expiry")


run_tests(test_newsroom_upload_and_download, test_newsroom_relations, test_facets_and_pages, test_number_search, test_site_search,
          test_relations_both_ways,
          test_rss_and_sitemap, test_import, test_import_unlinked, test_validity_by_clock)
