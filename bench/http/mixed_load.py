"""Slow work at a steady rate beside a benchmark: searches, newsroom logins
(argon2id) and feedback submissions against a loa server, each kind on its
own thread at its own rate, for a given time. Prints one line per kind:
how many were sent, their answers and their mean latency.

    python3 bench/http/mixed_load.py PORT SECONDS LOGIN PASSWORD ARTICLE_PATH
        [--search-rate 10] [--login-rate 4] [--feedback-rate 2]

Benchmark only: it sleeps to keep its rates."""
import argparse
import http.client
import random
import re
import threading
import time
import urllib.parse

WORDS = ["ubnd", "xã", "phường", "kế hoạch", "thông báo", "lịch", "an toàn", "giao thông", "y tế", "giáo dục",
         "đất đai", "môi trường", "thuế", "dự án", "hội nghị", "bão", "lũ", "phòng chống", "nông thôn", "văn hóa"]
UA = "Mozilla/5.0 (X11; Linux x86_64) bench-mixed"


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    h = {"User-Agent": UA}
    h.update(headers or {})
    if body is not None:
        h["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        return r.status, r.getheader("set-cookie") or "", data.decode("utf-8", "replace")
    finally:
        conn.close()


def search(port, args):
    status, _, _ = request(port, "GET", "/tim-kiem?q=" + urllib.parse.quote(random.choice(WORDS)))
    return status


def login(port, args):
    status, cookie, text = request(port, "GET", "/quan-tri/dang-nhap")
    m = re.search(r'name="csrf" value="([^"]+)"', text)
    jar = "; ".join(c.split(";")[0].strip() for c in cookie.split("\n") if c.strip())
    form = urllib.parse.urlencode({"login": args.login, "password": args.password, "csrf": m.group(1) if m else ""})
    status, _, _ = request(port, "POST", "/quan-tri/dang-nhap", body=form, headers={"Cookie": jar} if jar else {})
    return status


def feedback(port, args):
    _, _, text = request(port, "GET", "/hoi-dap")
    m = re.search(r'name="t" value="([^"]+)"', text)
    n = random.randrange(10 ** 9)  # a new text each time: duplicates are refused before the write
    form = urllib.parse.urlencode({"t": m.group(1) if m else "", "ho-ten": "Nguyễn Văn Thử",
                                   "email": "thu%d@example.vn" % n, "tieu-de": "Góp ý số %d về đường giao thông" % n,
                                   "noi-dung": "Đề nghị sửa đoạn đường trước trường tiểu học (lần %d), mùa mưa "
                                               "rất lầy lội." % n,
                                   "website": ""})
    status, _, _ = request(port, "POST", "/gop-y", body=form)
    return status


def run(kind, fn, rate, port, args, until, out):
    stats = {"n": 0, "codes": {}, "total": 0.0}
    out[kind] = stats
    if rate <= 0:
        return
    period = 1.0 / rate
    next_at = time.time()
    while True:
        now = time.time()
        if now >= until:
            break
        if now < next_at:
            time.sleep(next_at - now)
        next_at += period
        t0 = time.time()
        try:
            code = fn(port, args)
        except Exception:  # noqa: BLE001 — counted as an error
            code = 0
        stats["total"] += time.time() - t0
        stats["n"] += 1
        stats["codes"][code] = stats["codes"].get(code, 0) + 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("seconds", type=float)
    p.add_argument("login")
    p.add_argument("password")
    p.add_argument("article")
    p.add_argument("--search-rate", type=float, default=10)
    p.add_argument("--login-rate", type=float, default=4)
    p.add_argument("--feedback-rate", type=float, default=2)
    args = p.parse_args()
    until = time.time() + args.seconds
    out = {}
    threads = [threading.Thread(target=run, args=(k, f, r, args.port, args, until, out))
               for k, f, r in (("search", search, args.search_rate), ("login", login, args.login_rate),
                               ("feedback", feedback, args.feedback_rate))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in ("search", "login", "feedback"):
        s = out.get(k, {"n": 0, "codes": {}, "total": 0})
        mean = s["total"] / s["n"] * 1000 if s["n"] else 0
        codes = " ".join("%s:%d" % kv for kv in sorted(s["codes"].items()))
        print("%-8s n=%-4d mean=%.1fms codes %s" % (k, s["n"], mean, codes))


main()
