"""Every code the newsroom writes into its audit log has a Vietnamese name
(src/admin/audit.c), so the dashboard's "Hoạt động gần đây" and the audit
log never show a raw English code. Reads the sources: an action written
anywhere in src/ without a label fails here, before anyone sees it."""
import glob
import os
import re

from loatest import ROOT, check, run_tests


def written_codes():
    codes = {}
    for path in glob.glob(os.path.join(ROOT, "src", "**", "*.c"), recursive=True):
        text = open(path, encoding="utf-8").read()
        rel = os.path.relpath(path, ROOT)
        for m in re.finditer(r'admin_audit\(\s*\w+\s*,\s*(?:[\w.>-]+\s*\?\s*)?"([a-z0-9-]+)"(?:\s*:\s*"([a-z0-9-]+)")?',
                             text):
            for c in m.groups():
                if c:
                    codes.setdefault(c, rel)
        for m in re.finditer(r'\.action\s*=\s*"([a-z0-9-]+)"', text):
            codes.setdefault(m.group(1), rel)
        # codes passed through a variable: string arrays/ternaries named *audit*
        for m in re.finditer(r'audit\w*\s*(?:\[\]\s*)?=\s*(\{[^;]*\}|[^;]*);', text):
            for c in re.findall(r'"([a-z]+(?:-[a-z0-9]+)+)"', m.group(1)):
                codes.setdefault(c, rel)
        for m in re.finditer(r'\baudit\s*=\s*"([a-z0-9-]+)"', text):
            codes.setdefault(m.group(1), rel)
        for m in re.finditer(r'audit_login\([^;]*?"([a-z0-9-]+)"', text):
            codes.setdefault(m.group(1), rel)
    return codes


def labelled_codes():
    text = open(os.path.join(ROOT, "src", "admin", "audit.c"), encoding="utf-8").read()
    return dict(re.findall(r'\{"([a-z0-9-]+)",\s*"([^"]+)"\}', text))


def test_every_code_has_a_label():
    codes, labels = written_codes(), labelled_codes()
    check(len(codes) >= 30, "the audit codes written by the sources were found", len(codes))
    for code, where in sorted(codes.items()):
        check(code in labels, "audit code %s (%s) has a Vietnamese name" % (code, where))
    for code, label in labels.items():
        check(not re.fullmatch(r"[a-z0-9 -]+", label), "the name of %s is Vietnamese text, not a code" % code, label)


run_tests(test_every_code_has_a_label)
