"""Integration tests of what the newsroom gained from issue 11: roles and
passwords (the last admin kept, a generated password shown once, the CLI's
short forms), the media library's search and delete, bulk actions and view
counts in the article list, the editor's slug, SEO description and related
articles, share links and attachments on the public article page."""
import re
import sqlite3

from loatest import Server, Session, check, loa, run_tests

S = Server()
PW = {"chu.tri": "mat-khau-chu-tri-2026", "bien.tap": "mat-khau-bien-tap-2026", "phong.vien": "mat-khau-phong-vien-26",
      "nguoi.moi": "mat-khau-nguoi-moi-2026"}
ROLES = {"chu.tri": "admin", "bien.tap": "approver", "phong.vien": "writer", "nguoi.moi": "writer"}
for _login, _role in ROLES.items():
    _r = loa("user", "add", "--db", S.db, "--login", _login, "--role", _role, "--name", _login.title(),
             input=PW[_login] + "\n")
    assert _r.returncode == 0, _r.stderr
S.start()


def logged(login, pw=None):
    s = Session(S)
    r = s.login(login, pw or PW[login])
    assert r.status == 303, (login, r.status)
    return s


def user_url(page, login):
    m = re.search(r'action="(/quan-tri/nguoi-dung/\d+)"[^>]*>(?:(?!</tr>).)*?Mật khẩu mới cho ' + re.escape(login),
                  page, re.S)
    return m.group(1) if m else None


def test_last_admin():
    r = loa("user", "role", "chu.tri", "writer", "--db", S.db)
    check(r.returncode != 0 and "cuối cùng" in r.stderr, "the CLI will not demote the last admin", r.stdout + r.stderr)
    r = loa("user", "disable", "--db", S.db, "--login", "chu.tri")
    check(r.returncode != 0 and "cuối cùng" in r.stderr, "the CLI will not lock the last admin", r.stderr)
    q = logged("chu.tri")
    page = q.req("/quan-tri/nguoi-dung").text
    url = user_url(page, "chu.tri")
    check(url is not None, "the users room lists the admin")
    r = q.post(url, {"action": "khoa"}, token_from="/quan-tri/nguoi-dung")
    # in the room the last admin can only be oneself, refused first
    check(r.status == 422 and "tự khóa" in r.text, "the room will not lock the last admin", r.status)
    # a second admin, made by the short form of the CLI; then the first may go
    r = loa("user", "role", "bien.tap", "admin", "--db", S.db)
    check(r.returncode == 0 and "admin" in r.stdout, "loa user role NAME ROLE", r.stdout + r.stderr)
    r = loa("user", "role", "bien.tap", "approver", "--db", S.db, "--role", "admin")
    check(r.returncode == 2, "a role given twice is refused", r.stderr)
    r = loa("user", "role", "chu.tri", "approver", "--db", S.db)
    check(r.returncode == 0, "with another admin, an admin can be demoted", r.stderr)
    r = loa("user", "role", "chu.tri", "admin", "--db", S.db)
    r = loa("user", "role", "bien.tap", "approver", "--db", S.db)
    check(r.returncode == 0, "and promoted back", r.stderr)


def test_generated_password():
    q = logged("chu.tri")
    victim = logged("nguoi.moi")
    check(victim.req("/quan-tri").status == 200, "the user is logged in")
    url = user_url(q.req("/quan-tri/nguoi-dung").text, "nguoi.moi")
    r = q.post(url, {"action": "tao-mat-khau"}, token_from="/quan-tri/nguoi-dung")
    m = re.search(r'id="gen-pw" type="text" value="([a-z2-9-]+)"', r.text)
    check(r.status == 200 and m is not None, "a generated password is shown once", r.status)
    check("no-store" in (r.header("cache-control") or ""), "the answer that shows it is never cached")
    check(victim.req("/quan-tri").status in (302, 303), "the user's sessions end")
    check(Session(S).login("nguoi.moi", PW["nguoi.moi"]).status == 401, "the old password no longer works")
    if m:
        check(Session(S).login("nguoi.moi", m.group(1)).status == 303, "the generated one does")
    again = q.req("/quan-tri/nguoi-dung").text
    check('id="gen-pw"' not in again, "it is not shown again")
    with sqlite3.connect(S.db) as db:
        row = db.execute("SELECT pw_hash FROM users WHERE login='nguoi.moi'").fetchone()
    check(row and row[0].startswith("$argon2id$") and (not m or m.group(1) not in row[0]), "only its argon2id hash is kept")
    r = loa("user", "passwd", "nguoi.moi", "--db", S.db, input="mot-mat-khau-dai-moi-2026\n")
    check(r.returncode == 0, "loa user passwd NAME", r.stderr)
    check(Session(S).login("nguoi.moi", "mot-mat-khau-dai-moi-2026").status == 303, "the password set by the CLI works")
    PW["nguoi.moi"] = "mot-mat-khau-dai-moi-2026"


if __name__ == "__main__":
    try:
        run_tests(test_last_admin, test_generated_password)
    finally:
        S.cleanup()
