"""Integration tests of "Giới thiệu" and the English pages: the demo's
pages render in both languages with lang and hreflang both ways and the
VI | EN switch; pages without an English version offer no English link
that leads nowhere; the directory finds names typed without diacritics;
the newsroom creates and edits pages, units and officials with CSRF and
roles, keeps revisions and restores them, refuses bad input with a
Vietnamese message, a 4xx and the form kept; the sitemap lists the pages."""
import html
import re
import urllib.parse

from loatest import Server, Session, add_user, check, run_tests

S = Server()
add_user(S, "quantri", "admin", "mat-khau-quan-tri-2026")
add_user(S, "bientap", "approver", "mat-khau-bien-tap-2026")
add_user(S, "phongvien", "writer", "mat-khau-phong-vien-26")
S.start()


def logged(login):
    s = Session(S)
    r = s.login(login, {"quantri": "mat-khau-quan-tri-2026", "bientap": "mat-khau-bien-tap-2026",
                        "phongvien": "mat-khau-phong-vien-26"}[login])
    assert r.status == 303, (login, r.status)
    return s


def alternates(text):
    return dict(re.findall(r'<link rel="alternate" hreflang="(vi|en)" href="https?://[^/"]+([^"]*)"', text))


def switch(text):
    m = re.search(r'<p class="lang-switch">(.*?)</p>', text)
    return dict((lang, url) for url, lang in re.findall(r'href="([^"]+)" lang="(vi|en)"', m.group(1))) if m else {}


def test_public_pages_vi():
    for path, needle in [("/gioi-thieu", "Giới thiệu chung về xã Hòa Lạc Sơn"),
                         ("/gioi-thieu/gioi-thieu-chung", "96,4 km²"),
                         ("/gioi-thieu/chuc-nang-nhiem-vu", "Ủy ban nhân dân xã"),
                         ("/gioi-thieu/lich-su", "chi bộ Đảng đầu tiên"),
                         ("/gioi-thieu/ban-do-hanh-chinh", "Khe Vàng"),
                         ("/co-cau-to-chuc", "Phòng Văn hóa - Xã hội"),
                         ("/lanh-dao", "Hoàng Văn Thạch"),
                         ("/danh-ba", "Trung tâm Phục vụ hành chính công")]:
        r = S.get(path)
        check(r.status == 200 and needle in r.text, "%s renders with %s" % (path, needle), r.status)
        check('<html lang="vi">' in r.text, "%s is lang=vi" % path)
    t = S.get("/co-cau-to-chuc").text
    # the tree: UBND before its offices, which are sub-units
    check(t.index("Ủy ban nhân dân xã") < t.index("Văn phòng HĐND và UBND xã") < t.index("Phòng Kinh tế"),
          "units in tree order")
    check(re.search(r'class="org-unit org-sub depth-1"[^>]*>\s*<h3[^>]*>Phòng Kinh tế', t) is not None,
          "a sub-unit is marked and headed one level down")
    check('href="tel:02003861205"' in t and 'mailto:ubnd@hoalacson.example' in t, "contacts as links")
    lead = S.get("/lanh-dao").text
    check(lead.count('class="leader"') == 7, "seven leaders", lead.count('class="leader"'))
    check('src="/media/demo/portrait-1.svg"' in lead, "leaders with photos")
    check("Lê Thị Hoa" not in lead and "Bế Văn Cường" not in lead, "only leaders on the leaders page")
    foot = S.get("/").text
    check('href="/gioi-thieu"' in foot and 'href="/gioi-thieu/lich-su"' in foot and 'href="/danh-ba"' in foot,
          "the footer links the section and its pages")
    check(S.get("/gioi-thieu/khong-co").status == 404, "an unknown page is 404")


def test_english_pages():
    for path, needle in [("/en/", "About Hòa Lạc Sơn commune"), ("/en/gioi-thieu-chung", "96.4 km²"),
                         ("/en/chuc-nang-nhiem-vu", "People&#39;s Committee"),
                         ("/en/organisation", "Culture and Social Affairs Division"),
                         ("/en/leaders", "Chairman of the People&#39;s Committee"),
                         ("/en/directory", "Public Administrative Service Centre")]:
        r = S.get(path)
        check(r.status == 200 and needle in r.text, "%s renders with %s" % (path, needle), r.status)
        check('<html lang="en">' in r.text, "%s is lang=en" % path)
        check("Tin Nóng" not in r.text and "Bỏ qua đến nội dung chính" not in r.text and "Trang chủ" not in r.text,
              "%s has English chrome, no Vietnamese sidebar" % path)
    check(S.get("/en").status == 301 and S.get("/en").header("location") == "/en/", "/en redirects to /en/")
    # hreflang both ways, and the switch to the counterpart
    for vi, en in [("/gioi-thieu", "/en/"), ("/gioi-thieu/gioi-thieu-chung", "/en/gioi-thieu-chung"),
                   ("/co-cau-to-chuc", "/en/organisation"), ("/lanh-dao", "/en/leaders"), ("/danh-ba", "/en/directory")]:
        for path in (vi, en):
            t = S.get(path).text
            check(alternates(t) == {"vi": vi, "en": en}, "%s names both versions with hreflang" % path, alternates(t))
            check(switch(t) == {"vi": vi, "en": en}, "%s switch leads to the counterpart" % path, switch(t))
    # a page without English: no hreflang, the switch leads to the English home, /en/slug is 404
    t = S.get("/gioi-thieu/lich-su").text
    check(alternates(t) == {} and switch(t).get("en") == "/en/", "no English version: no hreflang, EN goes to /en/")
    r = S.get("/en/lich-su")
    check(r.status == 404 and '<html lang="en">' in r.text and "no English version" in r.text,
          "/en/ of a page without English is an English 404")
    check("/en/lich-su" not in S.get("/en/").text, "the English index lists only English pages")
    # fallback: an official without an English title shows the Vietnamese one, marked lang=vi
    d = S.get("/en/directory").text
    check(re.search(r'<span class="dir-title" lang="vi">Trưởng Ban Xây dựng Đảng</span>', d) is not None,
          "missing English title falls back to Vietnamese, marked lang=vi")
    check(switch(S.get("/").text).get("en") == "/en/", "the home page's switch leads to /en/")


def test_directory_search():
    for q, who in [("nguyen duc khai", "Nguyễn Đức Khải"), ("NGUYEN DUC KHAI", "Nguyễn Đức Khải"),
                   ("Nguyễn Đức Khải", "Nguyễn Đức Khải"), ("thu ha", "Phạm Thị Thu Hà"),
                   ("pho chu tich ubnd", "Triệu Văn Lâm"), ("phong kinh te", "Nông Thị Mai")]:
        r = S.get("/danh-ba?tim=" + urllib.parse.quote_plus(q))
        names = re.findall(r'<span class="dir-name">([^<]+)</span>', r.text)
        check(r.status == 200 and who in names, "directory search %r finds %s" % (q, who), names)
    names = re.findall(r'<span class="dir-name">([^<]+)</span>', S.get("/danh-ba?tim=nguyen+duc+khai").text)
    check(names == ["Nguyễn Đức Khải"], "only the match", names)
    r = S.get("/danh-ba?tim=zzzz+khong+co")
    check(r.status == 200 and "Không tìm thấy cán bộ nào" in r.text, "no match says so")
    r = S.get("/danh-ba?tim=" + "a" * 300)
    check(r.status == 400 and "quá dài" in r.text, "an over-long search is refused in Vietnamese", r.status)
    r = S.get("/en/directory?tim=tran+thi+bich+ngoc")
    check("Trần Thị Bích Ngọc" in r.text and "1 official found" in r.text, "the English directory searches too")


def field(text, name):
    m = re.search(r'name="%s"[^>]*value="([^"]*)"' % re.escape(name), text)
    return html.unescape(m.group(1)) if m else None


def test_newsroom_pages():
    w = logged("phongvien")
    check(w.req("/quan-tri/trang").status == 403, "a writer cannot edit pages")
    e = logged("bientap")
    check(e.req("/quan-tri/trang").status == 200, "an approver lists pages")
    check(e.req("/quan-tri/co-cau").status == 403, "an approver cannot edit the organisation")
    r = e.req("/quan-tri/trang/moi", "POST", {"csrf": "sai", "tieu-de": "X"})
    check(r.status == 403, "no valid CSRF token: 403")
    form = {"tieu-de": "Quy chế làm việc", "noi-dung": "<p>Điều 1.</p><script>alert(1)</script>",
            "tieu-de-en": "Working rules", "noi-dung-en": "", "duong-dan": "", "thu-tu": "9", "hien-thi": "1"}
    r = e.post("/quan-tri/trang/moi", form)
    check(r.status == 422 and "Bản tiếng Anh cần cả nội dung" in r.text, "English title without content: 422", r.status)
    check(field(r.text, "tieu-de") == "Quy chế làm việc" and field(r.text, "tieu-de-en") == "Working rules",
          "the form is kept")
    form["noi-dung-en"] = "<p>Article 1.</p>"
    form["duong-dan"] = "Có Dấu!"
    r = e.post("/quan-tri/trang/moi", form, token_from="/quan-tri/trang/moi")
    check(r.status == 422 and "Đường dẫn chỉ gồm chữ thường" in r.text, "a bad slug: 422 in Vietnamese")
    form["duong-dan"] = "organisation"
    r = e.post("/quan-tri/trang/moi", form, token_from="/quan-tri/trang/moi")
    check(r.status == 422 and "đã dành cho trang khác" in r.text, "a reserved slug: 422")
    form["duong-dan"] = "lich-su"
    r = e.post("/quan-tri/trang/moi", form, token_from="/quan-tri/trang/moi")
    check(r.status == 422 and "đã có trang khác dùng" in r.text, "a slug in use: 422")
    form["duong-dan"] = ""
    r = e.post("/quan-tri/trang/moi", form, token_from="/quan-tri/trang/moi")
    check(r.status == 303, "page created", r.status)
    edit = r.header("location").split("?")[0]
    p = S.get("/gioi-thieu/quy-che-lam-viec")
    check(p.status == 200 and "Điều 1." in p.text and "alert(1)" not in p.text, "public, sanitized")
    check(S.get("/en/quy-che-lam-viec").status == 200, "its English version")
    # edit, then a stale version is a conflict
    t = e.req(edit).text
    version = field(t, "version")
    form.update({"version": version, "noi-dung": "<p>Điều 1, sửa lần hai.</p>"})
    r = e.post(edit, form)
    check(r.status == 303, "page edited", r.status)
    r = e.post(edit, form)
    check(r.status == 409 and "người khác lưu" in r.text, "an edit of an old version: 409", r.status)
    check("sửa lần hai" in S.get("/gioi-thieu/quy-che-lam-viec").text, "the edit shows")
    # revisions: restore the first
    revs = e.req(edit + "/phien-ban").text
    urls = re.findall(r'action="(/quan-tri/trang/\d+/phien-ban/\d+/khoi-phuc)"', revs)
    check(len(urls) == 1, "two revisions, the older one restorable", len(urls))
    r = e.post(urls[0], {}, token_from=edit + "/phien-ban")
    check(r.status == 303, "restored")
    pub = S.get("/gioi-thieu/quy-che-lam-viec").text
    check("Điều 1." in pub and "sửa lần hai" not in pub, "the restored text shows")
    check(len(re.findall(r"khoi-phuc", e.req(edit + "/phien-ban").text)) == 2, "the restore is a revision too")
    # hidden pages leave the site
    t = e.req(edit).text
    form.update({"version": field(t, "version")})
    form.pop("hien-thi")
    check(e.post(edit, form).status == 303, "hidden")
    check(S.get("/gioi-thieu/quy-che-lam-viec").status == 404, "a hidden page is 404")
    r = e.post(edit + "/xoa", {}, token_from=edit)
    check(r.status == 303 and e.req(edit).status == 404, "deleted")
    log = logged("quantri").req("/quan-tri/nhat-ky").text
    check("Thêm trang giới thiệu" in log and "Khôi phục phiên bản trang" in log, "audit log names the actions")


def test_newsroom_org():
    a = logged("quantri")
    check(a.req("/quan-tri/co-cau").status == 200 and a.req("/quan-tri/can-bo").status == 200, "admin rooms")
    bad = {"ten": "Ban Chỉ huy Quân sự xã", "ten-en": "Military Command", "dia-chi": "", "dien-thoai": "gọi 113",
           "email": "quansu@", "chuc-nang": "Tham mưu quốc phòng.", "chuc-nang-en": "", "cap-tren": "0", "thu-tu": "x"}
    r = a.post("/quan-tri/co-cau/moi", bad)
    check(r.status == 422 and "Số điện thoại chỉ gồm" in r.text and "email không hợp lệ" in r.text
          and "Thứ tự phải là số nguyên" in r.text, "bad phone, email, order: 422 with messages", r.status)
    check(field(r.text, "ten") == "Ban Chỉ huy Quân sự xã" and "Tham mưu quốc phòng." in r.text, "form kept")
    units = a.req("/quan-tri/co-cau").text
    ubnd = re.search(r'href="/quan-tri/co-cau/(\d+)"><strong>Ủy ban nhân dân xã<', units).group(1)
    good = dict(bad, **{"dien-thoai": "0200 3861 270", "email": "quansu@hoalacson.example", "thu-tu": "5",
                        "cap-tren": ubnd})
    r = a.post("/quan-tri/co-cau/moi", good)
    check(r.status == 303, "unit added", r.status)
    units = a.req("/quan-tri/co-cau").text
    uid = re.search(r'href="/quan-tri/co-cau/(\d+)"><strong>Ban Chỉ huy Quân sự xã<', units).group(1)
    # cycle refused: UBND under its own sub-unit
    r = a.post("/quan-tri/co-cau/" + ubnd, {"ten": "Ủy ban nhân dân xã", "cap-tren": uid})
    check(r.status == 422 and "Đơn vị cấp trên không hợp lệ" in r.text, "a unit under its own sub-unit: 422")
    tree = S.get("/co-cau-to-chuc").text
    check("Ban Chỉ huy Quân sự xã" in tree and "quansu@hoalacson.example" in tree, "the new unit shows")
    check("Military Command" in S.get("/en/organisation").text, "and in English")
    # an official in it, with bad then good input
    r = a.post("/quan-tri/can-bo/moi", {"ho-ten": "", "chuc-vu": "Chỉ huy trưởng", "don-vi": uid,
                                        "anh": "/media/../etc/passwd", "email": "x y@z"})
    check(r.status == 422 and "Hãy nhập họ và tên" in r.text and "thư viện ảnh" in r.text, "bad official: 422")
    check(field(r.text, "chuc-vu") == "Chỉ huy trưởng", "official form kept")
    r = a.post("/quan-tri/can-bo/moi", {"ho-ten": "Nông Văn Dũng", "chuc-vu": "Chỉ huy trưởng Ban CHQS xã",
                                        "chuc-vu-en": "Commander", "don-vi": uid, "dien-thoai": "0200 3861 271",
                                        "email": "dung.nv@hoalacson.example", "lanh-dao": "1", "thu-tu": "1"})
    check(r.status == 303, "official added", r.status)
    names = re.findall(r'<span class="dir-name">([^<]+)</span>', S.get("/danh-ba?tim=nong+van+dung").text)
    check(names == ["Nông Văn Dũng"], "found in the directory without diacritics", names)
    check("Nông Văn Dũng" in S.get("/lanh-dao").text, "a leader shows on the leaders page")
    r = a.post("/quan-tri/co-cau/%s/xoa" % uid, {}, token_from="/quan-tri/co-cau/" + uid)
    check(r.status == 409 and "còn đơn vị trực thuộc hoặc cán bộ" in r.text, "a unit with officials is kept: 409")
    offs = a.req("/quan-tri/can-bo").text
    oid = re.search(r'href="/quan-tri/can-bo/(\d+)"><strong>Nông Văn Dũng<', offs).group(1)
    check(a.post("/quan-tri/can-bo/%s/xoa" % oid, {}, token_from="/quan-tri/can-bo/" + oid).status == 303, "official deleted")
    check(a.post("/quan-tri/co-cau/%s/xoa" % uid, {}, token_from="/quan-tri/co-cau/" + uid).status == 303, "empty unit deleted")
    check("Ban Chỉ huy Quân sự xã" not in S.get("/co-cau-to-chuc").text, "gone from the tree")
    log = a.req("/quan-tri/nhat-ky").text
    check("Thêm đơn vị" in log and "Xóa cán bộ" in log, "audit log names the actions")


def test_sitemap():
    t = S.get("/sitemap.xml").text
    for path in ["/gioi-thieu", "/gioi-thieu/lich-su", "/co-cau-to-chuc", "/lanh-dao", "/danh-ba", "/en/",
                 "/en/gioi-thieu-chung", "/en/organisation", "/en/leaders", "/en/directory"]:
        check("%s</loc>" % path in t, "sitemap lists " + path)
    check("/en/lich-su</loc>" not in t, "no English entry for a page without English")


run_tests(test_public_pages_vi, test_english_pages, test_directory_search, test_newsroom_pages, test_newsroom_org,
          test_sitemap)
