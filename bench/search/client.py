#!/usr/bin/env python3
"""client.py — the HTTP side of the search benchmark (python3 stdlib only).

  client.py resolve DB QUERIES OUT
      Turns the query set gen_corpus.py wrote (words, category path, from,
      to, kind) into OUT, one line per query:
      `words TAB category-id TAB from TAB to TAB url`, with category ids and
      slugs read from the database and from/to as loa computes them: the
      Vietnam-time start of the first day and of the day after the last
      (so both days are included), in Unix seconds. rawfts reads OUT too.

  client.py http HOST:PORT RESOLVED [--passes N]
      Sends every URL of RESOLVED, in order, one at a time on one keep-alive
      connection: one untimed warm-up pass, then N timed passes (default 3).
      Prints the latency percentiles of the timed passes and of the first
      (warm-up) pass, in milliseconds, request sent to last body byte read.
      Any answer but 200 is an error. Ends with the slowest queries.
"""

import http.client
import sqlite3
import sys
import time
import urllib.parse

VN_OFFSET = 7 * 3600


def percentile(sorted_ms, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_ms:
        return float("nan")
    k = max(0, min(len(sorted_ms) - 1, int(-(-p * len(sorted_ms) // 100)) - 1))
    return sorted_ms[k]


def summary(label, ms):
    ms = sorted(ms)
    return "%s n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f mean=%.2f" % (
        label, len(ms), percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms[-1], sum(ms) / len(ms))


def day_start(ddmmyyyy, plus_days=0):
    d, m, y = (int(x) for x in ddmmyyyy.split("/"))
    # days from civil (proleptic Gregorian), as loa's vntime does
    y2 = y - (m <= 2)
    era = (y2 if y2 >= 0 else y2 - 399) // 400
    yoe = y2 - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days = era * 146097 + doe - 719468 + plus_days
    return days * 86400 - VN_OFFSET


def resolve(db, queries, out):
    con = sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(db), uri=True)
    rows = con.execute("SELECT id, parent_id, name, slug FROM categories WHERE site_id = 1").fetchall()
    con.close()
    by_id = {r[0]: r for r in rows}

    def path(r):
        return (path(by_id[r[1]]) + "/" if r[1] else "") + r[2]

    cats = {path(r): r for r in rows}
    n = 0
    with open(queries, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            words, cat, frm, to, _kind = line.rstrip("\n").split("\t")
            r = cats.get(cat)
            if r is None:
                sys.exit("client: category %r is not in the database" % cat)
            url = "/tim-kiem?" + urllib.parse.urlencode([
                ("q", words), ("chuyen-muc", r[3]), ("tu-ngay", frm), ("den-ngay", to), ("sap-xep", "lien-quan")])
            o.write("%s\t%d\t%d\t%d\t%s\n" % (words, r[0], day_start(frm), day_start(to, 1), url))
            n += 1
    print("resolved %d queries" % n)


def run_http(hostport, resolved, passes):
    host, port = hostport.rsplit(":", 1)
    urls = [line.rstrip("\n").split("\t")[4] for line in open(resolved, encoding="utf-8")]
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"User-Agent": "loa-search-bench", "Accept-Encoding": "identity"}
    first, timed = [], []
    per_query = [[] for _ in urls]
    body_bytes = 0
    for p in range(passes + 1):
        for i, url in enumerate(urls):
            t0 = time.perf_counter()
            conn.request("GET", url, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            dt = (time.perf_counter() - t0) * 1000.0
            if resp.status != 200:
                sys.exit("client: %s answered %d" % (url, resp.status))
            body_bytes += len(body)
            (first if p == 0 else timed).append(dt)
            if p > 0:
                per_query[i].append(dt)
    conn.close()
    print(summary("http", timed))
    print(summary("http-first-pass", first))
    print("http mean page bytes %d" % (body_bytes // max(1, len(first) + len(timed))))
    medians = sorted(((sorted(v)[len(v) // 2], urls[i]) for i, v in enumerate(per_query)), reverse=True)
    print("slowest queries (median of the timed passes):")
    for ms, url in medians[:8]:
        print("  %8.2f ms  %s" % (ms, urllib.parse.unquote_plus(url)))


def main():
    a = sys.argv[1:]
    if len(a) == 4 and a[0] == "resolve":
        resolve(a[1], a[2], a[3])
    elif len(a) in (3, 5) and a[0] == "http":
        passes = int(a[4]) if len(a) == 5 and a[3] == "--passes" else 3
        run_http(a[1], a[2], passes)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
