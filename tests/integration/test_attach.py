"""Integration tests of attachments: a draft's papers and its summary report,
a calendar entry's invitation. Uploads in the newsroom (multipart, CSRF,
roles), types told by content with a Vietnamese refusal, the public pages
listing the files (the report's only after closing), downloads with the
original name in Content-Disposition, the files folder not served as media,
removal, deleting the owner removes its files, and `loa check` sees them."""
import os
import re
import sqlite3
import urllib.parse

from loatest import ROOT, Server, Session, add_user, check, loa, multipart, run_tests

S = Server()
add_user(S, "bientap", "approver", "mat-khau-bien-tap-2026")
add_user(S, "phongvien", "writer", "mat-khau-phong-vien-26")
add_user(S, "quantri", "admin", "mat-khau-quan-tri-2026")
S.start()
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus", "files")
PDF = open(os.path.join(CORPUS, "pdf"), "rb").read()
DOCX = open(os.path.join(CORPUS, "docx"), "rb").read()


def logged(login, pw):
    s = Session(S)
    r = s.login(login, pw)
    assert r.status == 303, (login, r.status)
    return s


def upload(s, url, page, filename, data, fields=None, csrf=True):
    form = dict(fields or {})
    if csrf:
        form["csrf"] = s.csrf(page)
    body, ctype = multipart(form, {"tep": (filename, "application/octet-stream", data)})
    h = {"Content-Type": ctype, "Cookie": "; ".join("%s=%s" % kv for kv in s.cookies.items())}
    return S.request(url, method="POST", headers=h, body=body)


def public_url(s, did):
    m = re.search(r'href="(/du-thao/[^"]+)"[^>]*target="_blank"', s.req("/quan-tri/du-thao/%d" % did).text)
    return m.group(1)


def phase_of(s, did):
    m = re.search(r'class="badge badge-([a-z-]+)"', s.req("/quan-tri/du-thao/%d" % did).text)
    return m.group(1) if m else ""


def file_rows(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT id, stored_name, title FROM files ORDER BY id").fetchall()
    con.close()
    return rows


def test_draft_files():
    e = logged("bientap", "mat-khau-bien-tap-2026")
    html = e.req("/quan-tri/du-thao").text
    ids = sorted({int(x) for x in re.findall(r'href="/quan-tri/du-thao/(\d+)"', html)})
    phases = {i: phase_of(e, i) for i in ids}
    open_id = next(i for i in ids if phases[i] == "dang-lay-y-kien")
    closed_id = next(i for i in ids if phases[i] == "da-ket-thuc")
    page = "/quan-tri/du-thao/%d" % open_id
    check('enctype="multipart/form-data"' in e.req(page).text and 'name="tep"' in e.req(page).text,
          "the draft's edit page has the upload form")

    r = upload(e, page + "/tep", page, "Dự thảo Kế hoạch 2027.pdf", PDF, {"ten-tep": "Bản góp ý thử của tòa soạn"})
    check(r.status == 303 and r.header("location").endswith("?tb=da-tai-tep#tep"), "upload answers 303 back to the files", r.status)
    check("Bản góp ý thử của tòa soạn" in e.req(page).text, "the newsroom lists the file")
    fid, stored, title = file_rows(S.db)[-1]
    pub = public_url(e, open_id)
    text = S.get(pub).text
    m = re.search(r'href="(/tep/%d/[^"]+)"' % fid, text)
    check("Hồ sơ dự thảo" in text and m is not None, "the public draft page lists the file", text[:0])
    d = S.get(m.group(1)) if m else None
    check(d is not None and d.status == 200 and d.body == PDF, "the download is the uploaded bytes")
    cd = d.header("content-disposition") if d else ""
    check(cd.startswith("attachment;") and
          "filename*=UTF-8''" + urllib.parse.quote("Dự thảo Kế hoạch 2027.pdf", safe="") in cd,
          "Content-Disposition offers the original name", cd)
    check(d.header("content-type") == "application/pdf", "served as PDF", d.header("content-type"))
    check(S.get("/media/files/" + stored).status == 404, "the files folder is not served as media")

    # refusals
    r = upload(e, page + "/tep", page, "gia-mao.pdf", b"<html><script>alert(1)</script></html>")
    check(r.status == 422 and "không thuộc loại được nhận" in r.text and 'name="tep"' in r.text,
          "a file that is not a document is refused in Vietnamese, the page shown again", r.status)
    r = upload(e, page + "/tep", page, "x.pdf", PDF, csrf=False)
    check(r.status == 403, "upload without CSRF refused", r.status)
    w = logged("phongvien", "mat-khau-phong-vien-26")
    r = upload(w, page + "/tep", "/quan-tri/bai-viet", "x.pdf", PDF)
    check(r.status == 403, "a writer may not attach to a draft", r.status)
    check(upload(e, "/quan-tri/du-thao/999999/tep", page, "x.pdf", PDF).status == 404, "unknown draft 404")

    # the report's files: on a closed draft they show, on an open one not yet
    r = upload(e, page + "/tep", page, "bao-cao-som.docx", DOCX, {"loai": "bao-cao", "ten-tep": "Báo cáo sớm"})
    check(r.status == 303, "a report file on an open draft is stored")
    check("Báo cáo sớm" not in S.get(pub).text, "but not shown before the consultation closes")
    cpage = "/quan-tri/du-thao/%d" % closed_id
    r = upload(e, cpage + "/tep", cpage, "bao-cao.docx", DOCX,
               {"loai": "bao-cao", "ten-tep": "Báo cáo tổng hợp ý kiến"})
    check(r.status == 303, "a report file on a closed draft")
    text = S.get(public_url(e, closed_id)).text
    check("Tệp báo cáo" in text and "Báo cáo tổng hợp ý kiến" in text, "the closed draft shows its report file")

    # removal
    token = e.csrf(page)
    r = e.req("%s/tep/%d/xoa" % (page, fid), "POST", {"csrf": token})
    check(r.status == 303, "remove answers 303")
    check("Bản góp ý thử của tòa soạn" not in S.get(pub).text, "the removed file is gone from the page")
    check(S.get(m.group(1)).status == 404, "and its download is 404")
    media = os.path.join(os.path.dirname(S.db), "media", "files")
    check(not os.path.exists(os.path.join(media, stored)), "and its bytes from the disk")
    r = e.req("%s/tep/%d/xoa" % (page, fid), "POST", {"csrf": token})
    check(r.status == 404, "removing it again is 404")

    # deleting the draft takes its files
    a = logged("quantri", "mat-khau-quan-tri-2026")
    left = [x for x in file_rows(S.db) if x[2] == "Báo cáo sớm"]
    r = a.req(page + "/xoa", "POST", {"csrf": a.csrf(page)})
    check(r.status == 303, "draft deleted")
    check(not any(x[0] == left[0][0] for x in file_rows(S.db)) and
          not os.path.exists(os.path.join(media, left[0][1])), "its files went with it")


def test_calendar_files():
    a = logged("quantri", "mat-khau-quan-tri-2026")
    html = a.req("/quan-tri/lich-cong-tac").text
    item = int(re.findall(r'href="/quan-tri/lich-cong-tac/(\d+)"', html)[0])
    page = "/quan-tri/lich-cong-tac/%d" % item
    r = upload(a, page + "/tep", page, "Giấy mời họp.docx", DOCX, {"ten-tep": "Giấy mời họp giao ban"})
    check(r.status == 303, "an invitation attached to a calendar entry", r.status)
    fid = file_rows(S.db)[-1][0]
    text = S.get("/lich-cong-tac").text
    check(re.search(r'href="/tep/%d/giay-moi-hop-giao-ban\.docx"' % fid, text) is not None and "Tài liệu:" in text,
          "the week's calendar lists the invitation")
    r = S.get("/tep/%d/ten-khac.docx" % fid)
    check(r.status == 301 and r.header("location") == "/tep/%d/giay-moi-hop-giao-ban.docx" % fid,
          "a download under another name redirects to the right one")
    r = upload(a, page + "/tep", page, "", b"")
    check(r.status == 422 and "Hãy chọn một tệp" in r.text, "an empty upload asks for a file", r.status)
    c = loa("check", "--db", S.db)
    check(c.returncode == 0, "loa check finds every attached file", c.stdout + c.stderr)
    stored = file_rows(S.db)[-1][1]
    r = a.req(page + "/xoa", "POST", {"csrf": a.csrf(page)})
    check(r.status == 303, "calendar entry deleted")
    check(not os.path.exists(os.path.join(os.path.dirname(S.db), "media", "files", stored)),
          "its invitation went with it")


try:
    run_tests(test_draft_files, test_calendar_files)
finally:
    S.cleanup()
