"""Folding oracle: every Vietnamese vowel letter with every tone and vowel
mark, upper and lower case, in NFC, NFD, mixed and out-of-order forms, plus
đ/Đ and old/new tone placement, checked against expectations computed here
from how each letter was built (Python's unicodedata does the normalizing).
Drives tests/tools/fold_tool, which prints what search.h makes of text."""
import os
import subprocess
import unicodedata

from loatest import LOA, check, run_tests

TOOL = os.path.join(os.path.dirname(LOA), "tests", "tools", "fold_tool")

BREVE, CIRCUMFLEX, HORN = "\u0306", "\u0302", "\u031b"
# tone number (search.h): 0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VOWELS = [("a", ""), ("a", BREVE), ("a", CIRCUMFLEX), ("e", ""), ("e", CIRCUMFLEX), ("i", ""),
          ("o", ""), ("o", CIRCUMFLEX), ("o", HORN), ("u", ""), ("u", HORN), ("y", "")]


def letters():
    """(form name, text, folded, tone, marked) for every letter and form."""
    out = []
    for base, mark in VOWELS:
        for tone, tmark in enumerate(TONES):
            for b in (base, base.upper()):
                raw = b + mark + tmark
                marked = bool(mark or tmark)
                forms = {
                    "NFC": unicodedata.normalize("NFC", raw),
                    "NFD": unicodedata.normalize("NFD", raw),
                    # vowel mark composed, tone left combining
                    "mixed": unicodedata.normalize("NFC", b + mark) + tmark,
                    # tone written before the vowel mark
                    "unordered": b + tmark + mark,
                }
                for name, text in forms.items():
                    out.append((name, text, base, tone, marked))
    for d in ("đ", "Đ"):
        for tone, tmark in enumerate(TONES):
            text = d + "a" + tmark
            for name in ("NFC", "NFD"):
                out.append((name, unicodedata.normalize(name, text), "da", tone, True))
    return out


def run_tool(lines):
    res = subprocess.run([TOOL], input="\n".join(lines) + "\n", capture_output=True, text=True,
                         encoding="utf-8", timeout=60)
    groups, cur = [], []
    for line in res.stdout.split("\n")[:-1]:
        if line == ".":
            groups.append(cur)
            cur = []
        else:
            cur.append(tuple(line.split("\t")))
    return res.returncode, groups


def test_every_letter():
    cases = letters()
    check(len(cases) >= 4 * 144, "oracle covers %d letter forms" % len(cases))
    # each letter between consonants, as one syllable: "t" + letter + "n"
    rc, groups = run_tool(["t" + text + "n" for _, text, _, _, _ in cases])
    check(rc == 0 and len(groups) == len(cases), "fold_tool answered every line")
    bad = []
    for (name, text, base, tone, marked), got in zip(cases, groups):
        want = [("t%sn" % base, "t%sn_%d" % (base, tone), "1" if marked else "0")]
        if got != want:
            bad.append("%s %r (%s): got %r want %r" % (name, text, " ".join("U+%04X" % ord(c) for c in text),
                                                       got, want))
    check(not bad, "every letter, case and normalization form folds as the oracle says", "\n".join(bad))


def test_placement():
    pairs = [("hoà", "hòa"), ("thuỷ", "thủy"), ("qúy", "quý"), ("khoẻ", "khỏe"), ("HOÀ", "hòa"),
             ("uỷ", "ủy"), ("Thuý", "thúy"), ("toà", "tòa")]
    lines = []
    for a, b in pairs:
        for form in ("NFC", "NFD"):
            lines.append(unicodedata.normalize(form, a))
            lines.append(unicodedata.normalize(form, b))
    rc, groups = run_tool(lines)
    ok = rc == 0 and len(groups) == len(lines)
    detail = []
    for i in range(0, len(groups) - 1, 2):
        if groups[i] != groups[i + 1] or len(groups[i]) != 1:
            ok = False
            detail.append("%r vs %r: %r %r" % (lines[i], lines[i + 1], groups[i], groups[i + 1]))
    check(ok, "old and new tone placement give the same folded form and tone key", "\n".join(detail))


def test_separators():
    rc, groups = run_tool(["a\u00a0b\u00adc-d.e\u2013f", "Mười2 ba"])
    check(rc == 0 and [g[0] for g in groups[0]] == list("abcdef"), "NBSP, soft hyphen and punctuation split",
          groups)
    check(len(groups) > 1 and [g[0] for g in groups[1]] == ["muoi2", "ba"], "digits stay in their syllable",
          groups)


if __name__ == "__main__":
    run_tests(test_every_letter, test_placement, test_separators)
