"""Integration tests of `loa backup`, `loa restore` and `loa check`: a backup
taken while the server serves and articles are being written is restored
into another place and compared table by table, row by row; the restored
install serves its pages and images; a changed file, an interrupted backup,
a non-empty target, a missing image and a full disk are each refused with a
Vietnamese message and a non-zero exit, leaving nothing behind; rotation
keeps the newest backups and never touches other folders."""
import json
import os
import resource
import shutil
import signal
import sqlite3
import tempfile
import threading
import time

from loatest import Server, check, demo_article_paths, loa, run_tests

S = Server()
S.start()
WORK = tempfile.mkdtemp(prefix="loa-backup-")
BATCH = 5


def rows(db):
    """Every table's rows, sorted: {table: [row, ...]}."""
    con = sqlite3.connect(db)
    out = {}
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")]
    for n in names:
        out[n] = sorted(con.execute('SELECT * FROM "%s"' % n).fetchall(), key=repr)
    con.close()
    return out


def titles(db):
    con = sqlite3.connect(db)
    t = {r[0] for r in con.execute("SELECT title FROM articles")}
    con.close()
    return t


def write_batch(i):
    path = os.path.join(WORK, "batch-%d.jsonl" % i)
    with open(path, "w", encoding="utf-8") as f:
        for k in range(BATCH):
            f.write(json.dumps({
                "title": "Bản tin sao lưu số %d-%d" % (i, k), "lead": "Tin ghi trong lúc sao lưu.",
                "body_html": "<p>Nội dung %d-%d.</p>" % (i, k), "category": "Tin tức/Thời sự",
                "author": "Phòng Văn hóa", "published_at": "2026-11-02T08:00:00+07:00",
                "external_id": "bk-%d-%d" % (i, k)}, ensure_ascii=False) + "\n")
    r = loa("import", "--db", S.db, path)
    return r.returncode == 0


def test_backup_under_writes_and_restore():
    before = titles(S.db)
    stop = threading.Event()
    written = []

    def writer():
        i = 0
        while not stop.is_set() and i < 200:
            if write_batch(i):
                written.append(i)
            i += 1

    t = threading.Thread(target=writer)
    t.start()
    while len(written) < 2 and t.is_alive():  # the writer is under way before the backup starts
        time.sleep(0.01)
    started_with = set(written)
    bk = os.path.join(WORK, "bk")
    r = loa("backup", "--db", S.db, "--to", bk)
    # the server answers meanwhile and after
    check(S.get("/").status == 200, "the site serves while a backup runs")
    stop.set()
    t.join()
    check(r.returncode == 0, "backup under concurrent writes exits 0", r.stderr)
    check("xong:" in r.stdout, "backup says it is done", r.stdout)
    check(os.path.exists(os.path.join(bk, "manifest.json")), "manifest written")
    man = json.load(open(os.path.join(bk, "manifest.json")))
    check(man["format"] == "loa-backup" and man["schema"] > 0, "manifest names its format and schema")
    paths = {f["path"] for f in man["files"]}
    check("loa.db" in paths and any(p.startswith("media/") for p in paths), "manifest lists the database and media")
    check(loa("check", "--backup", bk).returncode == 0, "the backup verifies against its manifest")

    got = titles(os.path.join(bk, "loa.db"))
    check(before <= got, "everything written before the backup is in it")
    for i in started_with:
        check({"Bản tin sao lưu số %d-%d" % (i, k) for k in range(BATCH)} <= got,
              "batch %d, written before the backup began, is in it" % i)
    check(got <= titles(S.db), "the backup holds nothing the live site does not")

    place = os.path.join(WORK, "restored", "data")
    db2 = os.path.join(place, "site.db")
    r = loa("restore", "--from", bk, "--db", db2)
    check(r.returncode == 0, "restore into an empty place exits 0", r.stderr)
    a, b = rows(os.path.join(bk, "loa.db")), rows(db2)
    check(sorted(a) == sorted(b), "restored database has the same tables")
    for name in sorted(a):
        check(a[name] == b[name], "table %s identical row by row after restore" % name)
    r = loa("check", "--db", db2)
    check(r.returncode == 0 and "không có vấn đề gì" in r.stdout, "loa check passes on the restored install",
          r.stdout + r.stderr)
    for rel in paths:
        if rel.startswith("media/"):
            check(os.path.isfile(os.path.join(place, rel)), "restored %s" % rel)
            break

    # the restored install serves its pages and images
    S2 = Server(db=db2, tmp=place)
    S2.start()
    try:
        art = demo_article_paths(S2)[0]
        check(S2.get(art).status == 200, "restored site serves an article")
        img = next(p for p in sorted(paths) if p.startswith("media/"))
        check(S2.get("/" + img).status == 200, "restored site serves an image")
    finally:
        S2.stop()

    r = loa("restore", "--from", bk, "--db", db2)
    check(r.returncode == 1 and "đã tồn tại" in r.stderr, "restore over an existing database refused", r.stderr)


def test_refusals():
    bk = os.path.join(WORK, "bk2")
    check(loa("backup", "--db", S.db, "--to", bk).returncode == 0, "second backup")
    # a changed file
    img = next(f["path"] for f in json.load(open(os.path.join(bk, "manifest.json")))["files"]
               if f["path"].startswith("media/"))
    with open(os.path.join(bk, img), "ab") as f:
        f.write(b"x")
    r = loa("check", "--backup", bk)
    check(r.returncode == 1 and "bị thay đổi" in r.stdout, "a changed file is found", r.stdout)
    target = os.path.join(WORK, "t1", "site.db")
    r = loa("restore", "--from", bk, "--db", target)
    check(r.returncode == 1 and "không dùng được" in r.stderr, "restore of a changed backup refused", r.stderr)
    check(not os.path.exists(target) and not os.path.exists(os.path.join(WORK, "t1", "media")),
          "nothing left behind by a refused restore")
    t1 = os.path.join(WORK, "t1")
    leftovers = [n for n in os.listdir(t1) if "restore-tmp" in n] if os.path.isdir(t1) else []
    check(leftovers == [], "no staging files left", str(leftovers))

    # an interrupted backup (no manifest)
    os.unlink(os.path.join(bk, "manifest.json"))
    r = loa("restore", "--from", bk, "--db", target)
    check(r.returncode == 1 and "không phải một bản sao lưu trọn vẹn" in r.stderr,
          "a folder without manifest is not a backup", r.stderr)

    # a target folder that is not empty
    t2 = os.path.join(WORK, "t2")
    os.makedirs(os.path.join(t2, "media"))
    open(os.path.join(t2, "media", "old.webp"), "wb").write(b"old")
    good = os.path.join(WORK, "bk3")
    check(loa("backup", "--db", S.db, "--to", good).returncode == 0, "third backup")
    r = loa("restore", "--from", good, "--db", os.path.join(t2, "site.db"))
    check(r.returncode == 1 and "đã có nội dung" in r.stderr, "restore into a non-empty media folder refused",
          r.stderr)
    check(open(os.path.join(t2, "media", "old.webp"), "rb").read() == b"old", "the old file untouched")

    # backing up into a folder with something in it
    r = loa("backup", "--db", S.db, "--to", t2)
    check(r.returncode == 1 and "đã có nội dung" in r.stderr, "backup into a non-empty folder refused", r.stderr)

    # a full disk: the file size limit stands in for it
    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    full = os.path.join(WORK, "full")
    import subprocess
    from loatest import LOA
    p = subprocess.run([LOA, "backup", "--db", S.db, "--to", full], capture_output=True, text=True,
                       preexec_fn=small_disk, timeout=60)
    check(p.returncode == 1 and "ổ đĩa đã đầy" in p.stderr, "a full disk is named", p.stderr)
    check(not os.path.exists(full), "a failed backup leaves nothing behind")


def test_check_finds_missing_files():
    place = os.path.join(WORK, "t3")
    db = os.path.join(place, "site.db")
    check(loa("restore", "--from", os.path.join(WORK, "bk3"), "--db", db).returncode == 0, "restore for check")
    con = sqlite3.connect(db)
    path = con.execute("SELECT path FROM media UNION ALL SELECT image FROM articles "
                       "WHERE image LIKE '/media/%' LIMIT 1").fetchone()[0]
    con.close()
    os.unlink(os.path.join(place, path.lstrip("/")))
    r = loa("check", "--db", db)
    check(r.returncode == 1 and ("thiếu tệp " + path.lstrip("/")) in r.stdout, "loa check names a missing image",
          r.stdout + r.stderr)
    r = loa("backup", "--db", db, "--to", os.path.join(WORK, "bk-missing"))
    check(r.returncode == 1 and "không trọn vẹn" in r.stderr, "a backup missing a referenced file is refused",
          r.stderr)
    check(not os.path.exists(os.path.join(WORK, "bk-missing")), "and removed")


def test_rotation():
    parent = os.path.join(WORK, "daily")
    for name, complete in [("loa-20200101-000000", True), ("loa-20200102-000000", True),
                           ("loa-20200103-000000", False), ("keep-me", True)]:
        os.makedirs(os.path.join(parent, name))
        if complete:
            open(os.path.join(parent, name, "manifest.json"), "w").write("{}")
    r = loa("backup", "--db", S.db, "--into", parent, "--keep", "2")
    check(r.returncode == 0, "dated backup with rotation", r.stderr)
    left = sorted(os.listdir(parent))
    check("loa-20200101-000000" not in left, "the oldest complete backup removed", str(left))
    check("loa-20200102-000000" in left, "the second newest kept", str(left))
    check("loa-20200103-000000" in left and "keep-me" in left, "other folders never touched", str(left))
    new = [n for n in left if n.startswith("loa-2026") or n.startswith("loa-20")]
    check(len([n for n in new if n > "loa-2021"]) == 1, "one new dated backup", str(left))
    r = loa("backup", "--db", S.db, "--to", os.path.join(WORK, "x"), "--keep", "2")
    check(r.returncode == 2, "--keep without --into is a usage error")


def test_systemd_units():
    """The daily backup's unit and timer pass systemd-analyze verify (with the
    path of the binary under test in place of the installed one)."""
    import subprocess
    from loatest import LOA, ROOT
    d = os.path.join(WORK, "units")
    os.makedirs(d)
    for name in ("loa-backup.service", "loa-backup.timer"):
        text = open(os.path.join(ROOT, "dist", "systemd", name), encoding="utf-8").read()
        open(os.path.join(d, name), "w", encoding="utf-8").write(text.replace("/usr/local/bin/loa", LOA))
    p = subprocess.run(["systemd-analyze", "verify", "loa-backup.service", "loa-backup.timer"], cwd=d,
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 0 and p.stderr.strip() == "", "systemd-analyze verify: backup unit and timer",
          p.stdout + p.stderr)


try:
    run_tests(test_backup_under_writes_and_restore, test_refusals, test_check_finds_missing_files, test_rotation,
              test_systemd_units)
finally:
    S.cleanup()
    shutil.rmtree(WORK, ignore_errors=True)
