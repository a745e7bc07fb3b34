"""Integration tests of search: /tim-kiem and /tim-kiem/goi-y through the real
server, on a small corpus written to exercise every filter and ranking rule."""
import json
import os
import re
import tempfile
import urllib.parse

from loatest import Server, check, loa, run_tests

TMP = tempfile.mkdtemp(prefix="loa-search-")
DB = os.path.join(TMP, "site.db")


def art(eid, title, body="", lead="", category="Tin tức/Xây dựng Đảng", date="2025-06-01T08:00:00+07:00"):
    return json.dumps({"title": title, "lead": lead, "body_html": body, "category": category,
                       "author": "PV", "source": "Đài xã", "published_at": date, "external_id": eid},
                      ensure_ascii=False)


CORPUS = [
    # rule 1: the user's own diacritics count
    art("d1", "Đang triển khai dự án nước sạch", date="2025-06-10T08:00:00+07:00"),
    art("d2", "Đảng bộ xã tổng kết năm", date="2025-06-01T08:00:00+07:00"),
    # old and new tone placement, NFD text in the body
    art("t1", "Hội thi cắm hoa", body="<p>Tiết mục hoà tấu dân tộc được khen.</p>"),
    art("t2", "Công trình thủy lợi", body="<p>Kênh thu\u0309y lợi mới.</p>", category="Kinh tế"),
    # rule 2: title above body
    art("k1", "Khuyến nông mùa vụ mới", body="<p>Nội dung chung.</p>", category="Kinh tế",
        date="2024-01-01T08:00:00+07:00"),
    art("k2", "Tin ngắn trong tuần", body="<p>Lớp tập huấn khuyến nông cho bà con.</p>", category="Kinh tế",
        date="2025-01-01T08:00:00+07:00"),
    # rule 3: adjacent syllables beat scattered ones; rule 4 phrase and exclusion
    art("b1", "Hội nghị ở thôn Khe Tâm", body="<p>Đồng chí bí thư chi bộ phát biểu.</p>",
        date="2023-05-01T08:00:00+07:00"),
    art("b2", "Gặp mặt cuối năm", body="<p>Chị Bí đọc thư của các chi hội gửi về, nhiều bộ hồ sơ.</p>",
        date="2025-05-01T08:00:00+07:00"),
    # rule 5: newer wins ties
    art("n1", "Tuyên truyền phòng cháy rừng", date="2022-03-01T08:00:00+07:00", category="Quốc phòng - An ninh"),
    art("n2", "Tuyên truyền phòng cháy rừng", date="2024-03-01T08:00:00+07:00", category="Quốc phòng - An ninh"),
    # a snippet keeps a heading apart from the paragraph after it
    art("h1", "Tổng kết mùa mưa bão", lead="Ban chỉ huy họp tổng kết",
        body="<h2>Thiệt hại do lũ quét</h2><p>Ba cây cầu tạm bị cuốn trôi.</p><ul><li>Thôn Khe Tâm</li>"
             "<li>Thôn Nà Lầu</li></ul>", category="Quốc phòng - An ninh"),
    # future article is hidden
    art("f1", "Kế hoạch tương lai xa", date="2099-01-01T08:00:00+07:00"),
]
# pagination: 25 articles with a common word
for i in range(25):
    CORPUS.append(art("p%02d" % i, "Bản tin nông thôn mới số %d" % (i + 1), category="Nông thôn mới",
                      date="2024-%02d-%02dT08:00:00+07:00" % (i % 12 + 1, i % 27 + 1)))

loa("init", "--db", DB, "--site-name", "Xã Tìm Kiếm")
loa("init", "--db", DB, "--site-name", "Xã Khác", "--host", "xa-khac.example")
with open(os.path.join(TMP, "a.jsonl"), "w", encoding="utf-8") as f:
    f.write("\n".join(CORPUS) + "\n")
r = loa("import", "--db", DB, os.path.join(TMP, "a.jsonl"))
assert r.returncode == 0, r.stderr
with open(os.path.join(TMP, "b.jsonl"), "w", encoding="utf-8") as f:
    f.write(art("o1", "Đảng bộ xã khác đại hội") + "\n")
r = loa("import", "--db", DB, os.path.join(TMP, "b.jsonl"), "--site", "xa-khac.example")
assert r.returncode == 0, r.stderr

S = Server(db=DB, demo=False, tmp=TMP)
S.start()


def search(**params):
    return S.get("/tim-kiem?" + urllib.parse.urlencode(params))


def titles(r):
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<h3 class="card-title"><a href="[^"]+">(.*?)</a>', r.text)]


def test_diacritics():
    r = search(q="Đảng")
    t = titles(r)
    check(r.status == 200 and len(t) >= 2, "search answers", (r.status, t))
    check(t and t[0].startswith("Đảng bộ xã tổng kết"), "Đảng ranks Đảng above đang", t)
    t = titles(search(q="dang"))
    check("Đang triển khai dự án nước sạch" in t and "Đảng bộ xã tổng kết năm" in t,
          "no diacritics finds both", t)
    check("Hội thi cắm hoa" in titles(search(q="hòa tấu")), "hòa finds hoà")
    check("Hội thi cắm hoa" in titles(search(q="hoa\u0300 tấu")), "NFD query finds NFC text")
    check("Công trình thủy lợi" in titles(search(q="thuỷ lợi")), "thuỷ finds thủy")
    check("Công trình thủy lợi" in titles(search(q="THUY LOI")), "upper case without marks")


def test_title_above_body():
    t = titles(search(q="khuyến nông"))
    check(t[:2] == ["Khuyến nông mùa vụ mới", "Tin ngắn trong tuần"], "title match ranks above body match", t)


def test_adjacency_phrase_exclusion():
    t = titles(search(q="bí thư chi bộ"))
    check(t[:2] == ["Hội nghị ở thôn Khe Tâm", "Gặp mặt cuối năm"], "adjacent run ranks above scattered", t)
    t = titles(search(q='"bí thư chi bộ"'))
    check(t == ["Hội nghị ở thôn Khe Tâm"], "quoted query is a strict phrase", t)
    t = titles(search(q="bí thư chi bộ -khe"))
    check(t == ["Gặp mặt cuối năm"], "-word excludes", t)


def test_newer_wins_ties():
    r = search(q="phòng cháy rừng")
    dates = re.findall(r'<time datetime="(\d{4})', r.text)
    check(dates[:2] == ["2024", "2022"], "newer article wins a tie", dates)


def test_filters():
    t = titles(search(q="Đảng"))
    check("Đảng bộ xã khác đại hội" not in t, "other sites' articles never returned", t)
    t = titles(S.get("/tim-kiem?q=%C4%90%E1%BA%A3ng", host="xa-khac.example"))
    check(t == ["Đảng bộ xã khác đại hội"], "the other site searches its own", t)
    check(titles(search(q="tương lai")) == [], "future articles hidden")
    t = titles(search(q="", **{"chuyen-muc": "kinh-te"}))
    check(set(t) == {"Công trình thủy lợi", "Khuyến nông mùa vụ mới", "Tin ngắn trong tuần"},
          "no keywords lists a category", t)
    t = titles(search(q="Đảng", **{"chuyen-muc": "tin-tuc"}))
    check("Đảng bộ xã tổng kết năm" in t, "category includes its subcategories", t)
    t = titles(search(q="khuyến nông", **{"tu-ngay": "01/06/2024", "den-ngay": "31/12/2025"}))
    check(t == ["Tin ngắn trong tuần"], "date range filter", t)
    t = titles(search(q="khuyến nông", **{"tu-ngay": "1/1/2024", "den-ngay": "1/1/2024"}))
    check(t == ["Khuyến nông mùa vụ mới"], "one-day range includes the day (d/m/yyyy accepted)", t)
    for typed in ("1.1.2024", "1-1-2024", "01012024", "1/1/24"):
        t = titles(search(q="khuyến nông", **{"tu-ngay": typed, "den-ngay": typed}))
        check(t == ["Khuyến nông mùa vụ mới"], "a date typed as %s is understood" % typed, t)
    r = search(q="nông thôn", **{"sap-xep": "moi-nhat"})
    dates = re.findall(r'<time datetime="([^"]+)"', r.text)
    check(dates == sorted(dates, reverse=True) and len(dates) == 10, "sort by newest", dates)


def test_pagination():
    r = search(q="bản tin nông thôn")
    check("<strong>25</strong>" in r.text, "total count shown", re.findall(r"Tìm thấy.*?</p>", r.text))
    check(len(titles(r)) == 10, "10 results per page")
    r3 = search(q="bản tin nông thôn", trang=3)
    check(r3.status == 200 and len(titles(r3)) == 5, "last page has the rest", len(titles(r3)))
    check("trang=2" in r3.text, "pager links keep the query")


def test_snippet_highlight():
    r = search(q="khuyến nông")
    check("<mark>" in r.text, "matched words highlighted")
    r = search(q="<script>alert(1)</script>")
    check(r.status == 200 and "<script>alert(1)</script>" not in r.text, "query echoed escaped")
    r = search(q="lũ quét")
    snippet = re.search(r'<p class="search-snippet">(.*?)</p>', r.text, re.S)
    text = re.sub(r"<[^>]+>", "", snippet.group(1)) if snippet else ""
    check("tổng kết · Thiệt hại do lũ quét · Ba cây cầu" in text and "Khe Tâm · Thôn Nà Lầu" in text,
          "a snippet keeps the lead, a heading, its paragraph and list items apart", text or r.text[:300])


def test_suggestions():
    r = S.get("/tim-kiem/goi-y?" + urllib.parse.urlencode({"q": "khuyen no"}))
    check(r.status == 200 and r.header("content-type").startswith("application/json"), "suggestions are JSON")
    data = json.loads(r.text)
    check("Khuyến nông mùa vụ mới" in [s["title"] for s in data["suggestions"]], "prefix on the last syllable",
          data)
    check(all(s["url"].startswith("/") for s in data["suggestions"]), "suggestions carry URLs")
    data = json.loads(S.get("/tim-kiem/goi-y?q=b%E1%BA%A3n%20tin").text)
    check(len(data["suggestions"]) == 8, "at most 8 suggestions", len(data["suggestions"]))
    check(json.loads(S.get("/tim-kiem/goi-y?q=").text)["suggestions"] == [], "empty query, no suggestions")


def test_bad_input():
    for q in ['"', '" * ^ : ( ) NEAR AND OR -', "NEAR(a b)", "a OR", "((", "-", "*", "^x", 'bí "thư', "AND",
              "\u00a0\u00ad", "😀"]:
        r = search(q=q)
        check(r.status == 200, "harmless query %r" % q, r.status)
    r = search(q="a" * 10000)
    check(r.status in (400, 414) and "quá dài" in r.text, "10,000-character query gets a 4xx with a Vietnamese message",
          (r.status, r.text[:200]))
    r = search(q="a" * 600)
    check(r.status == 400 and "quá dài" in r.text, "query over 500 characters gets 400 with a message", r.status)
    r = S.get("/tim-kiem?q=%ff%fe")
    check(r.status == 400 and "UTF-8" in r.text, "invalid UTF-8 gets 400", r.status)
    for params, word in [({"tu-ngay": "31/02/2024"}, "Từ ngày"), ({"den-ngay": "hôm qua"}, "Đến ngày"),
                         ({"tu-ngay": "01/01/2025", "den-ngay": "01/01/2024"}, "phải trước"),
                         ({"chuyen-muc": "khong-co"}, "Chuyên mục"), ({"trang": "0"}, "trang")]:
        r = search(q="x", **params)
        check(r.status == 400 and word in r.text, "bad %s gets 400 with a message" % params, r.status)
    r = S.get("/tim-kiem/goi-y?q=" + "a" * 10000)
    check(r.status in (400, 414), "too long suggestion query is refused", r.status)
    r = S.get("/tim-kiem/goi-y?q=" + "a" * 600)
    check(r.status == 400, "suggestion query over 500 characters is 400", r.status)


def test_edits_reflected_at_once():
    path = os.path.join(TMP, "c.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(art("k1", "Chăn nuôi an toàn sinh học", body="<p>Nội dung chung.</p>", category="Kinh tế",
                    date="2024-01-01T08:00:00+07:00") + "\n")
    r = loa("import", "--db", DB, path)
    check(r.returncode == 0, "re-import", r.stderr)
    check("Chăn nuôi an toàn sinh học" in titles(search(q="an toàn sinh học")), "edited title found at once")
    check("Khuyến nông mùa vụ mới" not in titles(search(q="khuyến nông")), "old title gone at once")
    with open(path, "w", encoding="utf-8") as f:
        f.write(art("t2", "Công trình thủy lợi", date="2099-01-01T08:00:00+07:00", category="Kinh tế") + "\n")
    loa("import", "--db", DB, path)
    check(titles(search(q="thủy lợi")) == [], "an article moved to the future disappears at once")


try:
    run_tests(test_diacritics, test_title_above_body, test_adjacency_phrase_exclusion, test_newer_wins_ties,
              test_filters, test_pagination, test_snippet_highlight, test_suggestions, test_bad_input,
              test_edits_reflected_at_once)
finally:
    S.cleanup()
