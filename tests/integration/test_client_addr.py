"""Every limit, throttle and counter takes the client's address from one
place, http_req_remote_addr (src/http/request.c), so that the day loa sits
behind a proxy and learns the real address from it, every one of them
changes at once: the feedback and consultation rate limits (site/civic.c),
the login throttle and the audit log (admin/), the visit counter's visitor
key (site/page.c). Reads the sources: the peer address or a forwarded-for
header read anywhere outside src/http/ fails here."""
import glob
import os
import re

from loatest import ROOT, check, run_tests

USERS = {"src/site/civic.c": "the citizens' forms' rate limits", "src/admin/login.c": "the login throttle",
         "src/site/page.c": "the visitor counter", "src/admin/core.c": "the audit log"}


def sources():
    for path in sorted(glob.glob(os.path.join(ROOT, "src", "**", "*.[ch]"), recursive=True)):
        yield os.path.relpath(path, ROOT), open(path, encoding="utf-8").read()


def test_one_place():
    readers = []
    for rel, text in sources():
        if rel.startswith("src/http/"):
            continue
        if re.search(r"get_peername|getpeername|sockaddr_in|inet_ntop|x-forwarded-for|x-real-ip|\"forwarded\"",
                     text, re.I):
            readers.append(rel)
    check(not readers, "only the HTTP layer reads the client's address", readers)
    text = dict(sources())
    for rel, what in USERS.items():
        check("http_req_remote_addr(" in text.get(rel, ""), "%s: the address comes from http_req_remote_addr" % what, rel)


run_tests(test_one_place)
