#!/usr/bin/env python3
"""gen_corpus.py — a large, realistic Vietnamese news corpus for the search
benchmark, as `loa import` JSON Lines on standard output.

The text comes from a syllable bigram model trained on real Vietnamese
prose: the demo articles written for loa (demo/articles.jsonl, news of a
commune portal). That prose has only about 1,400 distinct syllables, so the
model backs off, one step in five, to a Zipf-distributed unigram over the
whole Vietnamese syllable inventory of Debian's hunspell-vi dictionary
(about 6,600 syllables): the demo's own syllables first, by frequency, then
the dictionary's in a seeded order. Common words are common, the long tail
is long, and word pairs mostly read like the source.

Python builds the model (small) and writes the query set; the per-article
sampling runs in gen_corpus.c, because 1,000,000 articles are about 650
million syllables and 3.5 GB of JSON, minutes in C and an hour in Python.
The sampler is compiled with cc into a temporary directory unless --sampler
names a built one. Output is a function of --seed, --count and the two input
files only.

  gen_corpus.py [--count N] [--seed S] [--queries FILE] [--sampler BIN]
                [--demo FILE] [--dict FILE]

--queries FILE also writes the benchmark's query set there: ~200 tab-separated
lines `words<TAB>category path<TAB>from dd/mm/yyyy<TAB>to dd/mm/yyyy<TAB>kind`.
"""

import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

BACKOFF = 0.2  # probability of drawing from the unigram instead of the bigram

# A 2-level category tree of a district portal: (path, weight). Parents that
# also hold articles of their own appear as paths too.
CATEGORIES = [
    ("Tin tức", 4),
    ("Tin tức/Chính trị", 10),
    ("Tin tức/Kinh tế", 14),
    ("Tin tức/Văn hóa - Xã hội", 12),
    ("Tin tức/Quốc phòng - An ninh", 6),
    ("Tin tức/Xây dựng Đảng", 7),
    ("Tin tức/Nông thôn mới", 8),
    ("Chính quyền/Hoạt động HĐND", 5),
    ("Chính quyền/Hoạt động UBND", 7),
    ("Chính quyền/Cải cách hành chính", 4),
    ("Chính quyền/Tiếp công dân", 2),
    ("Văn bản/Văn bản chỉ đạo điều hành", 5),
    ("Văn bản/Văn bản quy phạm pháp luật", 2),
    ("Văn bản/Dự thảo lấy ý kiến", 1),
    ("Thông báo", 3),
    ("Thông báo/Thông báo của UBND", 6),
    ("Thông báo/Tuyển dụng", 1),
    ("Thông báo/Đấu giá - Đấu thầu", 1),
    ("Giáo dục - Y tế/Giáo dục", 5),
    ("Giáo dục - Y tế/Y tế", 5),
    ("Giáo dục - Y tế/Dân số - Gia đình", 2),
    ("Phổ biến pháp luật/Hỏi đáp pháp luật", 2),
    ("Phổ biến pháp luật/Tuyên truyền", 3),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Hà", "Triệu", "Nông"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Đức", "Hữu", "Ngọc", "Thu",
          "Xuân", "Hồng", "Công"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu",
         "Hoa", "Hùng", "Huyền", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam",
         "Nga", "Nhung", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo",
         "Thắng", "Trang", "Tuấn", "Vân", "Việt", "Yến"]
SOURCES = [
    ("Văn phòng HĐND-UBND", 20), ("Ban Tuyên giáo", 6), ("Hội Nông dân", 3),
    ("Đoàn Thanh niên", 3), ("Hội Liên hiệp Phụ nữ", 3), ("Trung tâm Y tế", 3),
    ("Phòng Giáo dục và Đào tạo", 3), ("Công an", 3), ("Báo Nhân Dân", 2),
    ("TTXVN", 2), ("Đài Truyền thanh", 5), ("Cổng Thông tin điện tử tỉnh", 4),
]

WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+|[,;:]|[.!?]")
BLOCK = re.compile(r"</?(?:p|h[1-6]|li|td|th|tr|figcaption|blockquote|br)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")


def die(msg):
    print("gen_corpus: " + msg, file=sys.stderr)
    sys.exit(1)


def demo_sentences(path):
    """Yields lists of raw tokens, one list per block of text."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            art = json.loads(line)
            blocks = [art.get("title", ""), art.get("lead", "")]
            blocks += BLOCK.split(art.get("body_html", ""))
            for b in blocks:
                text = html.unescape(TAG.sub(" ", b))
                text = unicodedata.normalize("NFC", text)
                toks = WORD.findall(text)
                if toks:
                    yield toks


def token_class(t):
    if t[0].isdigit():
        return "<num>"
    if t in ",;:":
        return ","
    if t in ".!?":
        return "."
    return t


def build_model(demo_path, dict_path, seed):
    blocks = [[token_class(t) for t in b] for b in demo_sentences(demo_path)]
    # Sentence-initial capitals are lowered when the word also occurs in
    # lower case inside a sentence; proper nouns and acronyms keep theirs.
    inner_lower = set()
    for b in blocks:
        for i, t in enumerate(b):
            if i > 0 and b[i - 1] != "." and t == t.lower():
                inner_lower.add(t)
    for b in blocks:
        for i, t in enumerate(b):
            if (i == 0 or b[i - 1] == ".") and t.lower() in inner_lower:
                b[i] = t.lower()

    counts, bigrams = {}, {}
    for b in blocks:
        prev = "."
        for t in b + ["."]:
            if prev == "." and t in ".,":  # nothing starts a sentence with punctuation
                continue
            if t == "," and prev == ",":
                continue
            counts[t] = counts.get(t, 0) + 1
            bigrams.setdefault(prev, {})
            bigrams[prev][t] = bigrams[prev].get(t, 0) + 1
            prev = t

    specials = [".", ",", "<num>"]
    words = sorted((t for t in counts if t not in specials), key=lambda t: (-counts[t], t))
    seen = set(words) | {w.lower() for w in words}
    tail = []
    with open(dict_path, encoding="utf-8") as f:
        for line in f:
            w = unicodedata.normalize("NFC", line.split("/")[0].strip())
            if w and w.isalpha() and w == w.lower() and w not in seen:
                seen.add(w)
                tail.append(w)
    if not tail:
        die(dict_path + " has no syllables")
    tail.sort()
    random.Random(seed).shuffle(tail)
    vocab = specials + words + tail
    index = {t: i for i, t in enumerate(vocab)}
    return vocab, index, counts, bigrams, len(words)


def capital(t):
    return t[0].upper() + t[1:] if t not in (".", ",", "<num>") else t


def write_model(path, vocab, index, bigrams):
    with open(path, "w", encoding="utf-8") as f:
        f.write("T %d\n" % len(vocab))
        for i, t in enumerate(vocab):
            # Zipf weight by rank among words; punctuation and numbers come
            # only through the bigram.
            zipf = 0.0 if i < 3 else 1.0 / (i - 2)
            succ = bigrams.get(t, {})
            succ_s = ",".join("%d:%d" % (index[s], c) for s, c in sorted(succ.items(), key=lambda x: index[x[0]]))
            f.write("%s\t%s\t%.9g\t%s\n" % (t, capital(t), zipf, succ_s))
        f.write("C %d\n" % len(CATEGORIES))
        for p, w in CATEGORIES:
            f.write("%d\t%s\n" % (w, p))
        authors = sorted({"%s %s %s" % (a, b, c) for a in FAMILY for b in MIDDLE for c in GIVEN})
        rng = random.Random(7)
        authors = rng.sample(authors, 240)
        f.write("A %d\n" % len(authors))
        for i, a in enumerate(authors):
            f.write("%d\t%s\n" % (1 + 240 // (i + 1), a))
        f.write("R %d\n" % len(SOURCES))
        for s, w in SOURCES:
            f.write("%d\t%s\n" % (w, s))


def write_queries(path, seed, vocab, counts, bigrams, nwords):
    """~200 two-syllable queries: 100 frequent word pairs of the source
    prose, 60 that occur there once or twice, 40 pairs of rare syllables
    from the dictionary tail. Each with a category (half of them a parent,
    which includes its subtree) and a one-year window."""
    rng = random.Random(seed * 7919 + 1)
    pairs = []
    for a, succ in bigrams.items():
        if a in (".", ",", "<num>"):
            continue
        for b, c in succ.items():
            if b in (".", ",", "<num>"):
                continue
            pairs.append((c, a, b))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    common = pairs[:150]
    rare_pairs = [p for p in pairs if p[0] <= 2]
    picked = []
    seen = set()

    def take(pool, n, kind):
        pool = list(pool)
        rng.shuffle(pool)
        k = 0
        for _, a, b in pool:
            q = (a + " " + b).lower()
            if q in seen:
                continue
            seen.add(q)
            picked.append((q, kind))
            k += 1
            if k == n:
                return

    take(common, 100, "common")
    take(rare_pairs, 60, "occasional")
    tail = vocab[3 + nwords + 1500:]  # Zipf rank beyond ~3,000: rare
    take(((0, rng.choice(tail), rng.choice(tail)) for _ in range(200)), 40, "rare")

    parents = sorted({p.split("/")[0] for p, _ in CATEGORIES})
    leaves = [p for p, _ in CATEGORIES if "/" in p]
    with open(path, "w", encoding="utf-8") as f:
        for q, kind in picked:
            cat = rng.choice(parents) if rng.random() < 0.5 else rng.choice(leaves)
            year = rng.randint(2017, 2025)
            month = rng.randint(1, 12)
            f.write("%s\t%s\t01/%02d/%d\t01/%02d/%d\t%s\n" % (q, cat, month, year, month, year + 1, kind))


def main():
    ap = argparse.ArgumentParser(description="Vietnamese news corpus for loa's search benchmark (JSON Lines on stdout).")
    ap.add_argument("--count", type=int, default=1000000, help="articles (default 1000000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--queries", help="also write the query set to this file")
    ap.add_argument("--sampler", help="a built gen_corpus.c (else compiled with cc)")
    ap.add_argument("--demo", default=os.path.join(ROOT, "demo", "articles.jsonl"), help="training prose")
    ap.add_argument("--dict", default="/usr/share/hunspell/vi_VN.dic",
                    help="syllable inventory (Debian package hunspell-vi)")
    args = ap.parse_args()
    if args.count < 0:
        die("--count must be >= 0")
    for p in (args.demo, args.dict):
        if not os.path.exists(p):
            die("missing %s (scripts/deps.sh installs hunspell-vi)" % p)

    vocab, index, counts, bigrams, nwords = build_model(args.demo, args.dict, args.seed)
    tmp = tempfile.mkdtemp(prefix="loa-corpus-")
    try:
        model = os.path.join(tmp, "model.tsv")
        write_model(model, vocab, index, bigrams)
        if args.queries:
            write_queries(args.queries, args.seed, vocab, counts, bigrams, nwords)
        sampler = args.sampler
        if not sampler:
            sampler = os.path.join(tmp, "gen_corpus")
            cc = os.environ.get("CC", "cc")
            subprocess.run([cc, "-std=c11", "-O2", "-Wall", "-Wextra", "-o", sampler,
                            os.path.join(HERE, "gen_corpus.c")], check=True)
        sys.stdout.flush()
        rc = subprocess.run([sampler, model, str(args.count), str(args.seed), "%g" % BACKOFF]).returncode
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(rc)


if __name__ == "__main__":
    main()
