"""The public-services block and the access-to-information page
(/tiep-can-thong-tin), and the footer's legal facts: the demo fills them
all, the footer shows them, and the dashboard and the settings page warn,
naming exactly the missing ones, while any is missing. Bad input gets a
Vietnamese message, a 4xx and the form kept; CSRF guards every form."""
import html
import re
import sqlite3

from loatest import Server, Session, add_user, check, run_tests

S = Server()
add_user(S, "quantri", "admin", "mat-khau-quan-tri-2026")
add_user(S, "phongvien", "writer", "mat-khau-phong-vien-26")
S.start()

FACTS = {"co-quan-chu-quan": "cơ quan chủ quản", "nguoi-chiu-trach-nhiem": "người chịu trách nhiệm",
         "giay-phep": "giấy phép", "dia-chi": "địa chỉ", "dien-thoai": "điện thoại", "email": "email"}


def session(login, pw):
    s = Session(S)
    assert s.login(login, pw).status == 303
    return s


def settings_form(s):
    page = s.req("/quan-tri/thiet-lap").text
    form = {k: html.unescape(v) for k, v in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
    for k, v in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        form[k] = html.unescape(v)
    form.pop("csrf", None)
    return form


def warning(page):
    m = re.search(r'class="notice notice-warn legal-warning"[^>]*>(.*?)</div>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))) if m else None


def test_services_block():
    page = S.get("/").text
    m = re.search(r'<section class="widget widget-services".*?</section>', page, re.S)
    check(m and "Dịch vụ công trực tuyến" in m.group(0), "the sidebar has the public-services block")
    block = m.group(0) if m else ""
    check('href="https://dichvucong.gov.vn"' in block, "it links the national public-service portal")
    check("Cổng Dịch vụ công tỉnh Đông Hải" in block, "and the provincial one")
    links = re.search(r'<section class="widget widget-links".*?</section>', page, re.S).group(0)
    check("Cổng Dịch vụ công tỉnh Đông Hải" not in links, "services are not repeated among linked websites")
    a = session("quantri", "mat-khau-quan-tri-2026")
    r = a.post("/quan-tri/lien-ket", {"tieu-de": "Dịch vụ bưu chính công ích", "dia-chi": "https://buudien.example",
                                      "loai": "dich-vu-cong"})
    check(r.status == 303, "an admin adds a public-service link", r.status)
    check("Dịch vụ bưu chính công ích" in re.search(r'widget-services.*?</section>', S.get("/").text, re.S).group(0),
          "it shows in the block")
    r = a.post("/quan-tri/lien-ket", {"tieu-de": "Sai loại", "dia-chi": "https://x.example", "loai": "khac"})
    check(r.status == 422 and "Loại liên kết không hợp lệ" in html.unescape(r.text), "an unknown kind: 422", r.status)
    r = a.post("/quan-tri/lien-ket", {"tieu-de": "Lạ", "dia-chi": "javascript:alert(1)", "loai": "dich-vu-cong"})
    check(r.status == 422 and "http://" in html.unescape(r.text), "a javascript: URL refused", r.status)
    r = a.req("/quan-tri/lien-ket", "POST", {"tieu-de": "Không token", "dia-chi": "https://x.example",
                                           "loai": "dich-vu-cong"})
    check(r.status == 403, "no CSRF token: 403", r.status)
    con = sqlite3.connect(S.db)
    sid = con.execute("SELECT id FROM links WHERE title = 'Dịch vụ bưu chính công ích'").fetchone()[0]
    con.close()
    r = a.post("/quan-tri/lien-ket/%d" % sid, {"tieu-de": "Dịch vụ bưu chính công ích", "dia-chi": "https://buudien.example",
                                               "loai": "website", "thu-tu": "5"}, token_from="/quan-tri/lien-ket")
    page = S.get("/").text
    check(r.status == 303 and "Dịch vụ bưu chính công ích" in re.search(r'widget-links.*?</section>', page, re.S).group(0)
          and "Dịch vụ bưu chính công ích" not in re.search(r'widget-services.*?</section>', page, re.S).group(0),
          "changing its kind moves it to the linked websites")


def test_access_page():
    r = S.get("/tiep-can-thong-tin")
    check(r.status == 200, "/tiep-can-thong-tin answers 200", r.status)
    t = r.text
    check("<h1 class=\"page-title\">Tiếp cận thông tin</h1>" in t and "Luật Tiếp cận thông tin" in t,
          "it is the access-to-information page")
    main = t[t.find("<main"):t.find("</main>")]
    for href in ("/van-ban", "/du-thao", "/lich-cong-tac", "/hoi-dap", "/co-cau-to-chuc", "https://dichvucong.gov.vn",
                 "/thong-bao"):
        check('href="%s' % href in main, "it links %s" % href)
    check("ubnd@hoalacson.example" in main and "(0200) 3 861 205" in main,
          "it names the contact point for requests (the legal facts)")
    check('href="/tiep-can-thong-tin"' in S.get("/").text, "the header or footer links it")
    check("/tiep-can-thong-tin</loc>" in S.get("/sitemap.xml").text, "it is in the sitemap")


def test_footer_facts_and_warning():
    page = S.get("/").text
    footer = page[page.find("<footer"):]
    for text in ("Cơ quan chủ quản: Ủy ban nhân dân xã Hòa Lạc Sơn", "Chịu trách nhiệm chính: Ông Nguyễn Đức Khải",
                 "Giấy phép: số 28/GP-STTTT", "Địa chỉ: Trụ sở UBND xã", "Điện thoại: (0200) 3 861 205",
                 "ubnd@hoalacson.example"):
        check(text in footer, "the demo's footer shows %s" % text)
    a = session("quantri", "mat-khau-quan-tri-2026")
    check(warning(a.req("/quan-tri").text) is None, "all facts filled: no warning on the dashboard")
    check(warning(a.req("/quan-tri/thiet-lap").text) is None, "nor on the settings page")
    form = settings_form(a)
    check(all(form.get(k) for k in FACTS), "the settings form shows the six facts", {k: form.get(k) for k in FACTS})
    form.update({"giay-phep": "", "email": "", "nguoi-chiu-trach-nhiem": "  "})
    r = a.post("/quan-tri/thiet-lap", form)
    check(r.status == 303, "saving with three facts emptied", r.status)
    for where in ("/quan-tri", "/quan-tri/thiet-lap"):
        w = warning(a.req(where).text)
        check(w is not None and "người chịu trách nhiệm, giấy phép, email" in w
              and not any(n in w.split(":", 1)[1] for n in ("cơ quan chủ quản", "địa chỉ", "điện thoại")),
              "%s warns naming exactly the missing facts" % where, w)
    w = warning(session("phongvien", "mat-khau-phong-vien-26").req("/quan-tri").text)
    check(w is not None and "quản trị viên" in w, "a writer sees the warning too, told to ask an admin", w)
    footer = S.get("/").text
    footer = footer[footer.find("<footer"):]
    check("Giấy phép:" not in footer and "Cơ quan chủ quản:" in footer, "the footer leaves out only the empty facts")

    bad = dict(form, **{"email": "khong-phai-email", "dien-thoai": "gọi ngay", "giay-phep": "Giấy phép mới"})
    r = a.post("/quan-tri/thiet-lap", bad)
    t = html.unescape(r.text)
    check(r.status == 422 and "Email không hợp lệ" in t and "Điện thoại chỉ gồm chữ số" in t,
          "a bad email and phone: 422 with Vietnamese messages", r.status)
    check('value="Giấy phép mới"' in r.text and 'value="khong-phai-email"' in r.text, "the typed values are kept")
    check("Giấy phép: Giấy phép mới" not in S.get("/").text, "nothing was saved")
    r = a.post("/quan-tri/thiet-lap", dict(form, **{"dia-chi": "x" * 301}))
    check(r.status == 422 and "dài quá 300" in html.unescape(r.text), "an over-long address: 422", r.status)
    r = a.req("/quan-tri/thiet-lap", "POST", dict(form, **{"giay-phep": "Không token"}))
    check(r.status == 403, "no CSRF token: 403", r.status)

    form.update({"giay-phep": "số 28/GP-STTTT", "email": "ubnd@hoalacson.example",
                 "nguoi-chiu-trach-nhiem": "Ông Nguyễn Đức Khải"})
    r = a.post("/quan-tri/thiet-lap", form)
    check(r.status == 303 and warning(a.req("/quan-tri").text) is None, "filled again: the warning is gone")


try:
    run_tests(test_services_block, test_access_page, test_footer_facts_and_warning)
finally:
    S.cleanup()
