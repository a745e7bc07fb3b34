"""The main menu built in the newsroom (/quan-tri/trinh-don): the demo's
default menu in the header and the phone menu, one level of sub-menus,
order changed with the up/down buttons, CSRF and roles, bad input refused
with a Vietnamese message and the form kept, the category navigation as the
fallback of a site without a menu, and /hoi-dap, /van-ban and /du-thao linked from
every page."""
import html
import re
import sqlite3

from loatest import Server, Session, add_user, check, run_tests

S = Server()
add_user(S, "quantri", "admin", "mat-khau-quan-tri-2026")
add_user(S, "phongvien", "writer", "mat-khau-phong-vien-26")
S.start()


def admin():
    s = Session(S)
    assert s.login("quantri", "mat-khau-quan-tri-2026").status == 303
    return s


def desktop_menu(page):
    m = re.search(r'<ul class="menu">(.*?)</ul>\s*<details', page, re.S)
    return m.group(1) if m else ""


def mobile_menu(page):
    m = re.search(r'<details class="menu-mobile">(.*?)</details>', page, re.S)
    return m.group(1) if m else ""


def top_labels(page):
    return [html.unescape(x) for x in re.findall(r'<li class="menu-item[^"]*"><a href="[^"]*"[^>]*>([^<]+)</a>',
                                                desktop_menu(page))]


def menu_ids():
    con = sqlite3.connect(S.db)
    try:
        return con.execute("SELECT id, COALESCE(parent_id, 0), label, kind FROM menu_items "
                           "ORDER BY parent_id IS NOT NULL, parent_id, position, id").fetchall()
    finally:
        con.close()


def test_default_menu():
    page = S.get("/").text
    labels = top_labels(page)
    check(labels[:5] == ["Trang chủ", "Giới thiệu", "Tin tức", "Thông báo", "Văn bản"], "the demo's menu in order",
          labels)
    for want in ("Lấy ý kiến", "Lịch công tác", "Hỏi đáp", "Tiếp cận thông tin"):
        check(want in labels, "the menu has %s" % want)
    d = desktop_menu(page)
    check(re.search(r'Giới thiệu</a><ul class="submenu">.*?href="/co-cau-to-chuc">Cơ cấu tổ chức', d, re.S),
          "Giới thiệu has its sub-menu")
    check('href="https://dichvucong.gov.vn" rel="noopener"' in d, "an external sub-entry, rel=noopener")
    m = mobile_menu(page)
    check('<ul class="mobile-sub">' in m and 'href="/kinh-te"' in m and 'href="/lanh-dao"' in m,
          "the phone menu has the same entries and sub-menus")
    cat = S.get("/kinh-te").text
    check(re.search(r'<li class="menu-item is-active has-sub"><a href="/tin-tuc" aria-current="true">Tin tức', cat),
          "a sub-entry's page marks its parent active")


def test_quick_links_everywhere():
    paths = ["/", "/lich-cong-tac", "/tin-tuc", "/hoi-dap", "/khong-co-trang-nay", "/tim-kiem?q=xa"]
    for p in paths:
        body = S.get(p).text
        footer = body[body.find('<footer'):]
        check('href="/hoi-dap"' in footer and 'href="/van-ban"' in footer and 'href="/du-thao"' in footer,
              "%s links /hoi-dap, /van-ban and /du-thao" % p)


def test_roles_and_csrf():
    w = Session(S)
    w.login("phongvien", "mat-khau-phong-vien-26")
    check(w.req("/quan-tri/trinh-don").status == 403, "a writer cannot open the menu editor")
    a = admin()
    r = a.req("/quan-tri/trinh-don", "POST", {"loai": "hoi-dap", "cha": "0"})
    check(r.status == 403, "adding without a CSRF token is refused", r.status)
    r = a.req("/quan-tri/trinh-don", "POST", {"loai": "hoi-dap", "cha": "0", "csrf": "sai"})
    check(r.status == 403, "adding with a wrong CSRF token is refused", r.status)
    first = menu_ids()[0][0]
    r = a.req("/quan-tri/trinh-don/%d/xoa" % first, "POST", {})
    check(r.status == 403 and menu_ids()[0][0] == first, "deleting without a token is refused, nothing deleted")


def error_of(r):
    m = re.search(r'notice-error" role="alert">([^<]*)<', r.text)
    return html.unescape(m.group(1)) if m else ""


def test_bad_input():
    a = admin()
    cases = [
        ({"loai": "lien-ket", "nhan": "Cổng lạ", "duong-dan": "javascript:alert(1)"}, "http"),
        ({"loai": "lien-ket", "nhan": "Cổng lạ", "duong-dan": "ftp://x.example"}, "http"),
        ({"loai": "trang", "nhan": "Trang lạ", "duong-dan": "gioi-thieu"}, "/"),
        ({"loai": "trang", "nhan": "Trang lạ", "duong-dan": "//evil.example"}, "/"),
        ({"loai": "trang", "nhan": "x" * 81, "duong-dan": "/x"}, "80"),
        ({"loai": "lien-ket", "nhan": "", "duong-dan": "https://dichvucong.gov.vn"}, "tên hiển thị"),
        ({"loai": "bi-an", "nhan": "x"}, "loại"),
        ({"loai": "chuyen-muc", "chuyen-muc": "999999"}, "chuyên mục"),
        ({"loai": "hoi-dap", "cha": "abc"}, "cha"),
    ]
    before = len(menu_ids())
    for form, word in cases:
        form = dict(form)
        form.setdefault("cha", "0")
        r = a.post("/quan-tri/trinh-don", form)
        msg = error_of(r)
        check(r.status == 422 and word.lower() in msg.lower(), "refused with a Vietnamese message: %s" % form,
              (r.status, msg))
    sub = [i for i in menu_ids() if i[1]][0]
    r = a.post("/quan-tri/trinh-don", {"loai": "hoi-dap", "cha": str(sub[0])})
    check(r.status == 422 and "cấp đầu" in error_of(r), "a sub-entry cannot be a parent (one level)", error_of(r))
    r = a.post("/quan-tri/trinh-don", {"loai": "trang", "nhan": "Trang giữ lại", "duong-dan": "khong-gach"})
    check('value="Trang giữ lại"' in r.text and 'value="khong-gach"' in r.text, "the typed values are kept")
    token = a.csrf("/quan-tri/trinh-don")
    body = b"loai=trang&duong-dan=%2Fa&cha=0&nhan=%C3%28&csrf=" + token.encode()
    h = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join("%s=%s" % kv for kv in a.cookies.items())}
    r = S.request("/quan-tri/trinh-don", method="POST", headers=h, body=body)
    check(r.status == 422, "invalid UTF-8 in the label: 422, not 500", r.status)
    check(len(menu_ids()) == before, "nothing was saved by any bad form")
    top = [i for i in menu_ids() if not i[1]][0]
    r = a.post("/quan-tri/trinh-don/%d/di-chuyen" % top[0], {"huong": "ngang"})
    check(r.status == 400, "an unknown direction: 400", r.status)
    r = a.post("/quan-tri/trinh-don/999999", {"loai": "hoi-dap", "cha": "0"}, token_from="/quan-tri/trinh-don")
    check(r.status == 404, "editing an unknown entry: 404", r.status)


def test_edit_order_and_fallback():
    a = admin()
    r = a.post("/quan-tri/trinh-don", {"loai": "lien-ket", "nhan": "Cổng Dịch vụ công tỉnh",
                                       "duong-dan": "https://dichvucong.donghai.example", "cha": "0"})
    check(r.status == 303, "an external link added", r.status)
    labels = top_labels(S.get("/").text)
    check(labels[-1] == "Cổng Dịch vụ công tỉnh", "it comes last in the header", labels)
    new_id = [i for i in menu_ids() if i[2] == "Cổng Dịch vụ công tỉnh"][0][0]
    r = a.post("/quan-tri/trinh-don/%d/di-chuyen" % new_id, {"huong": "len"})
    check(r.status == 303, "moved up", r.status)
    labels = top_labels(S.get("/").text)
    check(labels[-2] == "Cổng Dịch vụ công tỉnh", "one place earlier in the header", labels)
    r = a.post("/quan-tri/trinh-don/%d" % new_id, {"loai": "lien-ket", "nhan": "Dịch vụ công tỉnh Đông Hải",
                                                   "duong-dan": "https://dichvucong.donghai.example",
                                                   "cha": str(menu_ids()[0][0])},
               token_from="/quan-tri/trinh-don")
    check(r.status == 303, "moved under the first entry and renamed", r.status)
    d = desktop_menu(S.get("/").text)
    check("Dịch vụ công tỉnh Đông Hải" in d and "Dịch vụ công tỉnh Đông Hải" not in top_labels(S.get("/").text),
          "now a sub-entry")
    page = a.req("/quan-tri/trinh-don").text
    check("Trình đơn chính" in page and "↑" in page and "↓" in page, "the editor lists entries with up/down buttons")
    for item_id, parent, _, _ in [i for i in menu_ids() if not i[1]]:
        a.post("/quan-tri/trinh-don/%d/xoa" % item_id, {}, token_from="/quan-tri/trinh-don")
    check(menu_ids() == [], "every entry deleted (sub-entries with their parents)")
    labels = top_labels(S.get("/").text)
    check("Thông báo" in labels and "Nông thôn mới" in labels and "Giới thiệu" not in labels,
          "without a menu the header shows the categories again", labels)


try:
    run_tests(test_default_menu, test_quick_links_everywhere, test_roles_and_csrf, test_bad_input,
              test_edit_order_and_fallback)
finally:
    S.cleanup()
