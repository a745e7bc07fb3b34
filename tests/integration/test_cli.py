"""Integration tests of the command line: init, demo, import, site, serve
errors, --help everywhere."""
import json
import os
import re
import shutil
import socket
import tempfile

from loatest import Server, check, loa, run_tests

TMP = tempfile.mkdtemp(prefix="loa-cli-")


def path(name):
    return os.path.join(TMP, name)


def test_help():
    r = loa("--help")
    check(r.returncode == 0 and "init" in r.stdout and "serve" in r.stdout, "loa --help lists commands")
    for cmd in ["init", "demo", "serve", "import", "site"]:
        r = loa(cmd, "--help")
        check(r.returncode == 0 and "Cách dùng" in r.stdout, "loa %s --help" % cmd, r.stdout + r.stderr)
    r = loa("bay")
    check(r.returncode == 2 and "không có lệnh" in r.stderr, "unknown command exits 2", r.stderr)
    r = loa("init", "--khong")
    check(r.returncode == 2 and "--khong" in r.stderr and r.stderr.count("\n") == 1,
          "unknown option: one line, exit 2", r.stderr)
    r = loa("init", "--db")
    check(r.returncode == 2, "option without value exits 2", r.stderr)


def test_init_and_site():
    db = path("init.db")
    r = loa("init", "--db", db, "--site-name", "Cổng thông tin điện tử xã Thử Nghiệm")
    check(r.returncode == 0, "init creates a site", r.stderr)
    r = loa("init", "--db", db, "--site-name", "Xã Bên Cạnh", "--host", "xa-ben-canh.example")
    check(r.returncode == 0, "init adds a second site by host", r.stderr)
    r = loa("site", "--db", db)
    check(r.returncode == 0 and "xa-ben-canh.example" in r.stdout and "Thử Nghiệm" in r.stdout,
          "site lists sites", r.stdout)
    r = loa("site", "--db", db, "--visits-base", "3815734")
    check(r.returncode == 0, "site sets visits base", r.stderr)
    r = loa("site", "--db", db)
    check("visits-base=3815734" in r.stdout, "visits base stored", r.stdout)
    r = loa("site", "--db", db, "--visits-base", "-5")
    check(r.returncode == 2, "negative visits base refused", r.stderr)
    r = loa("site", "--db", db, "--visits-base", "12abc")
    check(r.returncode == 2, "malformed number refused", r.stderr)


def test_demo_refuses_overwrite():
    db = path("demo.db")
    r = loa("demo", "--db", db)
    check(r.returncode == 0, "demo creates a database", r.stderr)
    r = loa("demo", "--db", db)
    check(r.returncode == 1 and "--force" in r.stderr, "demo refuses to overwrite", r.stderr)
    r = loa("demo", "--db", db, "--force")
    check(r.returncode == 0, "demo --force overwrites", r.stderr)
    check(os.path.exists(os.path.join(TMP, "media", "demo")), "demo copies its images beside the database")


def test_bad_databases():
    r = loa("serve", "--db", path("khong-co.db"))
    check(r.returncode == 1 and "khong-co.db" in r.stderr, "serve on a missing database fails clearly", r.stderr)
    bad = path("hong.db")
    with open(bad, "wb") as f:
        f.write(b"day khong phai la co so du lieu" * 100)
    r = loa("serve", "--db", bad)
    check(r.returncode == 1 and r.stderr.strip().count("\n") == 0, "corrupt database: one-line error", r.stderr)
    r = loa("import", "--db", bad, os.devnull)
    check(r.returncode == 1, "import into a corrupt database fails", r.stderr)


def test_port_in_use():
    s = Server(tmp=tempfile.mkdtemp(prefix="loa-port-"))
    busy = socket.socket()
    busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    r = loa("serve", "--db", s.db, "--listen", "127.0.0.1:%d" % port, timeout=20)
    busy.close()
    check(r.returncode == 1 and str(port) in r.stderr, "port in use: clear error and exit 1", r.stderr)
    r = loa("serve", "--db", s.db, "--listen", "khong-phai-dia-chi", timeout=20)
    check(r.returncode != 0, "bad listen address fails", r.stderr)
    s.cleanup()


def article(**kw):
    a = {"title": "Bài thử nghiệm", "lead": "Tóm tắt.", "body_html": "<p>Nội dung.</p>",
         "category": "Tin tức/Thử nghiệm", "author": "Phóng viên", "source": "Đài xã",
         "published_at": "2025-03-01T08:00:00+07:00"}
    a.update(kw)
    return json.dumps(a, ensure_ascii=False)


def test_import():
    db = path("imp.db")
    loa("init", "--db", db, "--site-name", "Xã Nhập Liệu")
    lines = [
        article(title="Bài một", external_id="x-1"),
        "{không phải json",
        article(title=""),
        article(published_at="08/01/2020"),
        article(title="Bài hai", body_html="<p onclick=\"alert(1)\">Chữ<script>alert(1)</script></p>",
                external_id="x-2"),
        "",
        article(title="Bài ba", category="Văn hóa - Xã hội", featured=True),
        article(title="Bài bốn", image="javascript:alert(1)"),
        json.dumps({"title": 5, "category": "A", "published_at": "2025-03-01T08:00:00+07:00"}),
    ]
    f = path("a.jsonl")
    with open(f, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    r = loa("import", "--db", db, f)
    check(r.returncode == 3, "import with bad lines exits 3", (r.returncode, r.stderr))
    check("3 bài mới" in r.stdout and "5 dòng lỗi" in r.stdout, "import reports counts", r.stdout)
    for n in (2, 3, 4, 8, 9):
        check(re.search(r"^dòng %d: " % n, r.stderr, re.M) is not None, "import reports line %d" % n, r.stderr)
    # re-import updates instead of duplicating
    with open(f, "w", encoding="utf-8") as fh:
        fh.write(article(title="Bài một (sửa)", external_id="x-1") + "\n")
    r = loa("import", "--db", db, f)
    check(r.returncode == 0 and "0 bài mới, 1 bài cập nhật" in r.stdout, "re-import updates", r.stdout + r.stderr)
    s = Server(db=db, demo=False, tmp=TMP)
    s.start()
    try:
        home = s.get("/").text
        check("Bài một (sửa)" in home and "Bài hai" in home, "imported articles are on the home page")
        m = re.search(r'href="(/[a-z0-9-]+/bai-hai-\d+)"', home)
        check(m is not None, "imported article has a readable URL")
        if m:
            t = s.get(m.group(1)).text
            check("<script>alert" not in t and "onclick" not in t, "imported body was sanitized")
        check(s.get("/tin-tuc").status == 200 and s.get("/thu-nghiem").status == 200,
              "category path created with slugs")
    finally:
        s.stop()
    r = loa("import", "--db", db, f, "--site", "khong-co.example")
    check(r.returncode == 1 and "khong-co.example" in r.stderr, "import to unknown site fails", r.stderr)
    r = loa("import", "--db", db, path("khong-co.jsonl"))
    check(r.returncode == 1, "import of a missing file fails", r.stderr)


try:
    run_tests(test_help, test_init_and_site, test_demo_refuses_overwrite, test_bad_databases, test_port_in_use,
              test_import)
finally:
    shutil.rmtree(TMP, ignore_errors=True)
