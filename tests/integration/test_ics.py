"""The work calendar as an iCalendar feed (/lich-cong-tac.ics): parsed back
with a small RFC 5545 reader written here on the standard library (no
packages): CRLF lines folded at 75 octets, TEXT escapes, stable UIDs, the
Vietnam time zone, SEQUENCE growing when an item changes, STATUS:CANCELLED
for cancelled items, the session's start time for items without one, and
the subscribe links on the calendar page."""
import datetime
import re
import sqlite3

from loatest import Server, Session, add_user, check, run_tests

S = Server()
add_user(S, "quantri", "admin", "mat-khau-quan-tri-2026")
S.start()
TZ = "Asia/Ho_Chi_Minh"


# ---- a small RFC 5545 reader ----

def physical_lines(raw):
    """The octet lines, checking the line rules; returns (lines, problems)."""
    problems = []
    if not raw.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for i, line in enumerate(lines):
        if b"\n" in line or b"\r" in line:
            problems.append("bare CR or LF in line %d" % i)
        if len(line) > 75:
            problems.append("line %d is %d octets" % (i, len(line)))
        try:
            line.decode("utf-8")  # a fold inside a UTF-8 sequence leaves both halves invalid
        except UnicodeDecodeError:
            problems.append("line %d splits a UTF-8 sequence: %r" % (i, line[:20]))
    return lines, problems


def unfold(lines):
    out = []
    for line in lines:
        if line[:1] in (b" ", b"\t") and out:
            out[-1] += line[1:]
        else:
            out.append(line)
    return [l.decode("utf-8") for l in out]


def unescape(v):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)


def parse_line(line):
    """(NAME, {PARAM: value}, value) of a content line (quoted params kept simple)."""
    m = re.match(r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$', line)
    if not m:
        raise ValueError("not a content line: %r" % line)
    params = dict(p.split("=", 1) for p in m.group(2).split(";")[1:])
    return m.group(1).upper(), params, m.group(3)


def parse(raw):
    """The calendar as nested dicts: {"props": [...], "subs": [...]} per component."""
    lines, problems = physical_lines(raw)
    root = {"name": None, "props": [], "subs": []}
    stack = [root]
    for line in unfold(lines):
        name, params, value = parse_line(line)
        if name == "BEGIN":
            comp = {"name": value, "props": [], "subs": []}
            stack[-1]["subs"].append(comp)
            stack.append(comp)
        elif name == "END":
            if stack[-1]["name"] != value:
                problems.append("END:%s closes %s" % (value, stack[-1]["name"]))
            stack.pop()
        else:
            stack[-1]["props"].append((name, params, value))
    if len(stack) != 1:
        problems.append("components left open")
    return root, problems


def prop(comp, name):
    for n, params, value in comp["props"]:
        if n == name:
            return params, value
    return None, None


def fetch():
    r = S.get("/lich-cong-tac.ics")
    root, problems = parse(r.raw)
    cal = root["subs"][0] if root["subs"] else {"props": [], "subs": []}
    events = {prop(e, "UID")[1]: e for e in cal["subs"] if e["name"] == "VEVENT"}
    return r, cal, events, problems


def db_items():
    con = sqlite3.connect(S.db)
    try:
        return con.execute("SELECT id, day, session, start_time, content, state, sequence FROM calendar_items").fetchall()
    finally:
        con.close()


def day_date(day):
    return datetime.date(1970, 1, 1) + datetime.timedelta(days=day)


def uid_of(item_id):
    return "cal-%d@127.0.0.1" % item_id


def admin():
    s = Session(S)
    r = s.login("quantri", "mat-khau-quan-tri-2026")
    assert r.status == 303, r.status
    return s


# ---- tests ----

def test_format_and_time_zone():
    r, cal, events, problems = fetch()
    check(r.status == 200 and r.header("content-type").startswith("text/calendar"), "served as text/calendar",
          r.header("content-type"))
    check(not problems, "CRLF lines of at most 75 octets, no UTF-8 sequence split, components balanced",
          "\n".join(problems))
    check(prop(cal, "VERSION")[1] == "2.0" and prop(cal, "PRODID")[1], "VERSION and PRODID")
    tz = [c for c in cal["subs"] if c["name"] == "VTIMEZONE"]
    std = tz[0]["subs"][0] if tz and tz[0]["subs"] else {"props": []}
    check(tz and prop(tz[0], "TZID")[1] == TZ and prop(std, "TZOFFSETTO")[1] == "+0700"
          and prop(std, "TZOFFSETFROM")[1] == "+0700", "VTIMEZONE Asia/Ho_Chi_Minh at UTC+7")
    check(len(events) >= 10, "the demo's items are events", len(events))
    # every event: the required properties, local times in the Vietnam zone
    bad = []
    for uid, e in events.items():
        for name in ("DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "LAST-MODIFIED", "STATUS"):
            if prop(e, name)[1] is None:
                bad.append("%s lacks %s" % (uid, name))
        params, start = prop(e, "DTSTART")
        if not params or params.get("TZID") != TZ or not re.fullmatch(r"\d{8}T\d{6}", start or ""):
            bad.append("%s DTSTART %r %r" % (uid, params, start))
        if not re.fullmatch(r"\d{8}T\d{6}Z", prop(e, "DTSTAMP")[1] or ""):
            bad.append("%s DTSTAMP not UTC" % uid)
        if prop(e, "DTEND")[1] <= start:
            bad.append("%s ends before it starts" % uid)
    check(not bad, "every event has UID, DTSTAMP (UTC), DTSTART/DTEND in Asia/Ho_Chi_Minh, SEQUENCE, STATUS",
          "\n".join(bad[:10]))
    # the database's day and start time are the event's local date and time
    wrong = []
    for item_id, day, session, start_time, content, state, seq in db_items():
        e = events.get(uid_of(item_id))
        if e is None:
            continue
        want = day_date(day).strftime("%Y%m%d") + "T" + (start_time.replace(":", "") + "00" if start_time
                                                          else ["073000", "133000", "190000"][session])
        if prop(e, "DTSTART")[1] != want:
            wrong.append("%d: %s != %s" % (item_id, prop(e, "DTSTART")[1], want))
        if unescape(prop(e, "SUMMARY")[1]).replace("[Hoãn/Hủy] ", "") != content:
            wrong.append("%d: summary %r" % (item_id, prop(e, "SUMMARY")[1]))
    check(not wrong, "each item starts at its day and time, Vietnam time, with its content as SUMMARY",
          "\n".join(wrong[:10]))


def test_range_and_cancelled():
    _, _, events, _ = fetch()
    items = db_items()
    today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
    in_range = [i for i in items if -30 <= (day_date(i[1]) - today).days <= 90]
    check(set(events) == {uid_of(i[0]) for i in in_range}, "exactly the items from 30 days back to 90 days ahead")
    cancelled = [i for i in in_range if i[5] == 2]
    check(cancelled, "the demo has a cancelled item")
    for i in cancelled:
        check(prop(events[uid_of(i[0])], "STATUS")[1] == "CANCELLED", "cancelled item %d is STATUS:CANCELLED" % i[0])
    others = [i for i in in_range if i[5] != 2]
    check(all(prop(events[uid_of(i[0])], "STATUS")[1] == "CONFIRMED" for i in others), "the others are CONFIRMED")


def test_uids_stable_and_changes():
    _, _, first, _ = fetch()
    _, _, second, _ = fetch()
    check(sorted(first) == sorted(second) and all(re.fullmatch(r"cal-\d+@127\.0\.0\.1", u) for u in first),
          "UIDs cal-<id>@host, the same on two fetches")
    s = admin()
    item_id, day = db_items()[0][0], db_items()[0][1]
    path = "/quan-tri/lich-cong-tac/%d" % item_id
    before = first[uid_of(item_id)]
    page = s.req(path).text
    form = {k: v for k, v in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
    import html
    form = {k: html.unescape(v) for k, v in form.items() if k != "csrf"}
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        form[name] = html.unescape(value)
    form.update({"ngay": day_date(day).isoformat(), "buoi": "sang", "trang-thai": "0"})
    r = s.post(path, form)
    check(r.status == 303, "saving the item unchanged", r.status)
    _, _, ev, _ = fetch()
    seq1 = int(prop(ev[uid_of(item_id)], "SEQUENCE")[1])
    form["dia-diem"] = "Hội trường lớn; tầng 3, nhà B"
    r = s.post(path, form)
    _, _, ev, _ = fetch()
    e = ev[uid_of(item_id)]
    check(r.status == 303 and int(prop(e, "SEQUENCE")[1]) == seq1 + 1, "a changed item's SEQUENCE grows by one",
          (r.status, seq1, prop(e, "SEQUENCE")))
    check(unescape(prop(e, "LOCATION")[1]) == "Hội trường lớn; tầng 3, nhà B", "the new LOCATION, escapes undone",
          prop(e, "LOCATION"))
    check(prop(e, "LAST-MODIFIED")[1] >= prop(before, "LAST-MODIFIED")[1], "LAST-MODIFIED moves on")
    r = s.post(path, form)
    _, _, ev, _ = fetch()
    check(int(prop(ev[uid_of(item_id)], "SEQUENCE")[1]) == seq1 + 1, "saving without a change keeps SEQUENCE")
    form["trang-thai"] = "2"
    s.post(path, form)
    _, _, ev, _ = fetch()
    e = ev[uid_of(item_id)]
    check(prop(e, "STATUS")[1] == "CANCELLED" and int(prop(e, "SEQUENCE")[1]) == seq1 + 2,
          "cancelling: STATUS:CANCELLED and SEQUENCE grows again", prop(e, "STATUS"))
    _, _, after, _ = fetch()
    check(sorted(after) == sorted(first), "the UIDs stay after edits")


def test_new_item_without_time_and_escaping():
    s = admin()
    today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
    content = "Tiếp dân định kỳ; giải quyết đơn, thư \\ kiến nghị của công dân " * 3
    content = content.strip()
    r = s.post("/quan-tri/lich-cong-tac", {"ngay": today.isoformat(), "buoi": "chieu", "gio": "",
                                          "noi-dung": content, "chu-tri": "Đ/c Chủ tịch UBND xã",
                                          "thanh-phan": "Cán bộ tư pháp;\nđịa chính", "dia-diem": "",
                                          "don-vi": "", "ghi-chu": ""})
    check(r.status == 303, "a new afternoon item without a start time", r.status)
    _, _, ev, problems = fetch()
    check(not problems, "still well formed with long Vietnamese text", "\n".join(problems))
    match = [e for e in ev.values() if unescape(prop(e, "SUMMARY")[1]) == content]
    check(len(match) == 1, "its SUMMARY reads back exactly (\\ ; , escaped and folded)")
    if match:
        e = match[0]
        check(prop(e, "DTSTART")[1] == today.strftime("%Y%m%d") + "T133000", "no start time: the afternoon's 13:30",
              prop(e, "DTSTART"))
        check(prop(e, "DTEND")[1] == today.strftime("%Y%m%d") + "T170000", "it ends when the afternoon does")
        desc = unescape(prop(e, "DESCRIPTION")[1])
        check("Chủ trì: Đ/c Chủ tịch UBND xã" in desc and "Thành phần: Cán bộ tư pháp;\nđịa chính" in desc,
              "DESCRIPTION names the chair and participants", desc)
        check(prop(e, "SEQUENCE")[1] == "0", "a new item has SEQUENCE 0")


def test_calendar_page_links():
    html = S.get("/lich-cong-tac").text
    check("Theo dõi trên điện thoại" in html, "the calendar page offers to follow it on a phone")
    check('href="webcal://127.0.0.1:%d/lich-cong-tac.ics"' % S.port in html, "a webcal:// link")
    check('href="http://127.0.0.1:%d/lich-cong-tac.ics"' % S.port in html, "and the plain http(s) link")


try:
    run_tests(test_format_and_time_zone, test_range_and_cancelled, test_uids_stable_and_changes,
              test_new_item_without_time_and_escaping, test_calendar_page_links)
finally:
    S.cleanup()
