/* search.c — syllables, tone keys, the query language and snippets; see
 * search.h.
 *
 * Folding is text_fold() (core/text.c), the one folding function of loa,
 * applied one code point at a time through text_char_info(). Indexing runs
 * every article body through here, so the code points of Vietnamese text
 * (Latin-1, Latin Extended-A/B, combining diacritics, Latin Extended
 * Additional) are looked up in a table filled once from text_char_info();
 * anything else asks it directly. */
#include "search/search.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "render/escape.h"

/* ---- code points ---- */

/* A code point reduced to what the tokenizer needs. `simple` means the
 * folded form is fold_len (0 or 1) ASCII bytes in `fold`. */
struct cp_info {
	uint8_t kind, tone, marked, simple, fold_len;
	char fold;
};

static const struct {
	int32_t lo, hi;
} cached_ranges[] = {{0x0000, 0x0250}, {0x0300, 0x0370}, {0x1E00, 0x1F00}};
#define CACHE_SIZE (0x250 + 0x70 + 0x100)

static struct cp_info cache[CACHE_SIZE];
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static int tone_of_mark(int32_t m)
{
	switch (m) {
	case 0x0300:
	case 0x0340:
		return TONE_GRAVE;
	case 0x0301:
	case 0x0341:
		return TONE_ACUTE;
	case 0x0309:
		return TONE_HOOK;
	case 0x0303:
		return TONE_TILDE;
	case 0x0323:
		return TONE_DOT;
	default:
		return TONE_NONE;
	}
}

static bool is_d_stroke(int32_t cp)
{
	return cp == 0x0110 || cp == 0x0111 || cp == 0x00D0 || cp == 0x00F0;
}

/* Fills *out (and, for folds longer than one byte, *tc) from text_char_info. */
static void cp_describe(int32_t cp, struct cp_info *out, struct text_char *tc)
{
	text_char_info(cp, tc);
	memset(out, 0, sizeof *out);
	out->kind = (uint8_t)tc->kind;
	for (int i = 0; i < tc->nmarks; i++)
		if (!out->tone)
			out->tone = (uint8_t)tone_of_mark(tc->marks[i]);
	out->marked = tc->nmarks > 0 || is_d_stroke(cp);
	if (tc->fold_len == 0 || (tc->fold_len == 1 && (unsigned char)tc->fold[0] < 0x80)) {
		out->simple = 1;
		out->fold_len = tc->fold_len;
		out->fold = tc->fold_len ? tc->fold[0] : 0;
	}
}

static void cache_fill(void)
{
	int k = 0;
	for (size_t r = 0; r < sizeof cached_ranges / sizeof cached_ranges[0]; r++)
		for (int32_t cp = cached_ranges[r].lo; cp < cached_ranges[r].hi; cp++) {
			struct text_char tc;
			cp_describe(cp, &cache[k++], &tc);
		}
}

static int cache_index(int32_t cp)
{
	if (cp < 0x250)
		return cp;
	if (cp >= 0x300 && cp < 0x370)
		return 0x250 + (cp - 0x300);
	if (cp >= 0x1E00 && cp < 0x1F00)
		return 0x250 + 0x70 + (cp - 0x1E00);
	return -1;
}

/* Decodes one well-formed UTF-8 code point at s[0..n): its length, or 0
 * (with *cp = -1) for an invalid byte. */
static size_t utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	*cp = -1;
	if (n == 0)
		return 0;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	size_t len;
	int32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* ---- syllables ---- */

struct builder {
	struct search_syllable syl;
	char raw[SEARCH_MAX_FOLD];
	size_t raw_len;
	bool open, ascii;
	search_syllable_fn fn;
	void *ctx;
};

static void builder_add_fold(struct builder *b, const char *f, size_t n)
{
	if (b->raw_len + n > SEARCH_MAX_FOLD)
		return; /* cut long syllables at a code point boundary */
	for (size_t i = 0; i < n; i++) {
		char c = f[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			b->ascii = false;
	}
	memcpy(b->raw + b->raw_len, f, n);
	b->raw_len += n;
}

/* Ends the open syllable: spells it and hands it to the callback. */
static int builder_flush(struct builder *b)
{
	if (!b->open)
		return 0;
	b->open = false;
	if (b->raw_len == 0)
		return 0;
	struct search_syllable *s = &b->syl;
	size_t k = 0;
	if (b->ascii) {
		memcpy(s->folded, b->raw, b->raw_len);
		k = b->raw_len;
	} else {
		static const char hex[] = "0123456789abcdef";
		s->folded[k++] = 'x';
		s->folded[k++] = '_';
		for (size_t i = 0; i < b->raw_len; i++) {
			unsigned char c = (unsigned char)b->raw[i];
			s->folded[k++] = hex[c >> 4];
			s->folded[k++] = hex[c & 15];
		}
	}
	s->folded[k] = '\0';
	s->folded_len = k;
	memcpy(s->key, s->folded, k);
	s->key[k] = '_';
	s->key[k + 1] = (char)('0' + s->tone);
	s->key[k + 2] = '\0';
	s->key_len = k + 2;
	return b->fn(b->ctx, s);
}

/* Feeds one code point that stood at [start, end) of the text. */
static int builder_feed(struct builder *b, int32_t cp, size_t start, size_t end)
{
	struct cp_info ci;
	struct text_char tc;
	int idx = cp >= 0 ? cache_index(cp) : -1;
	if (idx >= 0)
		ci = cache[idx];
	else if (cp >= 0)
		cp_describe(cp, &ci, &tc);
	else
		memset(&ci, 0, sizeof ci);
	if (ci.kind == TEXT_SEPARATOR || (ci.kind == TEXT_MARK && !b->open))
		return builder_flush(b);
	if (!b->open) {
		b->open = true;
		b->ascii = true;
		b->raw_len = 0;
		b->syl.start = start;
		b->syl.tone = TONE_NONE;
		b->syl.marked = false;
	}
	b->syl.end = end;
	if (!b->syl.tone)
		b->syl.tone = ci.tone;
	b->syl.marked = b->syl.marked || ci.marked;
	if (ci.simple) {
		if (ci.fold_len)
			builder_add_fold(b, &ci.fold, 1);
	} else {
		if (idx >= 0)
			text_char_info(cp, &tc);
		builder_add_fold(b, tc.fold, tc.fold_len);
	}
	return 0;
}

static const struct {
	const char *name;
	int32_t cp;
} entities[] = {
	{"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
	{"nbsp", 0xA0},    {"shy", 0xAD},     {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
	{"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"laquo", 0xAB},
	{"raquo", 0xBB},   {"copy", 0xA9},    {"reg", 0xAE},     {"deg", 0xB0},     {"middot", 0xB7},
	{"bull", 0x2022},  {"times", 0xD7},
};

/* Decodes a character reference at s[0..n) (s[0] == '&'): its length with
 * *cp set, or 0 when it is not one (the '&' is then plain text). */
static size_t entity_decode(const char *s, size_t n, int32_t *cp)
{
	size_t semi = 1;
	while (semi < n && semi < 12 && s[semi] != ';')
		semi++;
	if (semi >= n || s[semi] != ';' || semi < 2)
		return 0;
	if (s[1] == '#') {
		bool hexa = semi > 2 && (s[2] == 'x' || s[2] == 'X');
		int32_t v = 0;
		size_t i = hexa ? 3 : 2;
		if (i >= semi)
			return 0;
		for (; i < semi; i++) {
			char c = s[i];
			int d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hexa && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hexa && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				return 0;
			v = v * (hexa ? 16 : 10) + d;
			if (v > 0x10FFFF)
				return 0;
		}
		*cp = v;
		return semi + 1;
	}
	for (size_t e = 0; e < sizeof entities / sizeof entities[0]; e++)
		if (strlen(entities[e].name) == semi - 1 && memcmp(entities[e].name, s + 1, semi - 1) == 0) {
			*cp = entities[e].cp;
			return semi + 1;
		}
	return 0;
}

static bool ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of the tag or comment starting at s[0] == '<', or 0 when this '<'
 * is text. */
static size_t tag_length(const char *s, size_t n)
{
	if (n < 2 || !(ascii_alpha(s[1]) || s[1] == '/' || s[1] == '!' || s[1] == '?'))
		return 0;
	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		for (size_t i = 4; i + 2 < n; i++)
			if (memcmp(s + i, "-->", 3) == 0)
				return i + 3;
		return n;
	}
	char quote = 0;
	for (size_t i = 1; i < n; i++) {
		if (quote) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			quote = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return n;
}

int search_tokenize(const char *s, size_t n, bool html, search_syllable_fn fn, void *ctx)
{
	pthread_once(&cache_once, cache_fill);
	struct builder b = {.fn = fn, .ctx = ctx};
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int rc = 0;
	while (i < n && rc == 0) {
		unsigned char c = u[i];
		int32_t cp;
		size_t len;
		if (c < 0x80) {
			if (html && c == '<' && (len = tag_length(s + i, n - i)) > 0) {
				rc = builder_flush(&b);
				i += len;
				continue;
			}
			if (html && c == '&' && (len = entity_decode(s + i, n - i, &cp)) > 0) {
				rc = builder_feed(&b, cp, i, i + len);
				i += len;
				continue;
			}
			/* ASCII letters and digits: the common case, inline */
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
				rc = builder_feed(&b, c, i, i + 1);
				i++;
				continue;
			}
			rc = builder_flush(&b);
			i++;
			continue;
		}
		len = utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			rc = builder_flush(&b);
			i++;
			continue;
		}
		rc = builder_feed(&b, cp, i, i + len);
		i += len;
	}
	if (rc == 0)
		rc = builder_flush(&b);
	return rc;
}

/* ---- queries ---- */

static bool is_space(int32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000;
}

static bool is_quote(int32_t cp)
{
	return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E;
}

struct run_ctx {
	struct search_query *q;
	bool neg;
	int count; /* syllables taken into this run */
};

static int run_add(void *ctx, const struct search_syllable *syl)
{
	struct run_ctx *r = ctx;
	struct search_query *q = r->q;
	if (q->nterms + q->nneg >= SEARCH_MAX_TERMS)
		return 1;
	struct search_term *t = r->neg ? &q->neg[q->nneg++] : &q->terms[q->nterms++];
	memcpy(t->folded, syl->folded, syl->folded_len + 1);
	memcpy(t->key, syl->key, syl->key_len + 1);
	t->marked = syl->marked;
	r->count++;
	return 0;
}

/* Adds the syllables of s[0..n): a quoted phrase or one word, positive or
 * excluded. */
static void query_add(struct search_query *q, const char *s, size_t n, bool phrase, bool neg)
{
	struct run_ctx r = {.q = q, .neg = neg};
	int first = neg ? q->nneg : q->nterms;
	search_tokenize(s, n, false, run_add, &r);
	if (r.count == 0)
		return;
	if (neg)
		q->excluded[q->nexcluded++] = (struct search_span){first, r.count};
	else if (phrase && r.count >= 2)
		q->phrases[q->nphrases++] = (struct search_span){first, r.count};
}

void search_query_parse(struct search_query *out, const char *q, size_t n)
{
	memset(out, 0, sizeof *out);
	const unsigned char *u = (const unsigned char *)q;
	size_t i = 0;
	bool neg = false;
	while (i < n) {
		int32_t cp;
		size_t len = utf8_decode(u + i, n - i, &cp);
		if (len == 0)
			len = 1;
		if (is_quote(cp)) {
			size_t start = i + len, j = start, qlen = 0;
			while (j < n) {
				int32_t c2;
				size_t l2 = utf8_decode(u + j, n - j, &c2);
				if (l2 == 0)
					l2 = 1;
				if (is_quote(c2)) {
					qlen = l2;
					break;
				}
				j += l2;
			}
			query_add(out, q + start, j - start, true, neg);
			neg = false;
			i = j + qlen;
			continue;
		}
		if (is_space(cp)) {
			neg = false;
			i += len;
			continue;
		}
		if (cp == '-' && !neg) {
			neg = true;
			i += len;
			continue;
		}
		/* a word: up to the next space or quote */
		size_t j = i;
		while (j < n) {
			int32_t c2;
			size_t l2 = utf8_decode(u + j, n - j, &c2);
			if (l2 == 0)
				l2 = 1;
			if (is_space(c2) || is_quote(c2))
				break;
			j += l2;
		}
		query_add(out, q + i, j - i, false, neg);
		neg = false;
		i = j;
	}
}

bool search_query_has_keywords(const struct search_query *q)
{
	return q->nterms > 0;
}

static void add_quoted(struct buf *out, const char *token)
{
	buf_addch(out, '"');
	buf_adds(out, token);
	buf_addch(out, '"');
}

/* `"f1 f2 ..."` for terms[first .. first+count). */
static void add_run(struct buf *out, const struct search_term *terms, struct search_span sp)
{
	buf_addch(out, '"');
	for (int k = 0; k < sp.count; k++) {
		if (k)
			buf_addch(out, ' ');
		buf_adds(out, terms[sp.first + k].folded);
	}
	buf_addch(out, '"');
}

void search_query_match(struct buf *out, const struct search_query *q, struct search_plan *plan)
{
	int phrase = 0;
	plan->nterms = q->nterms;
	if (q->nexcluded)
		buf_addch(out, '(');
	for (int t = 0; t < q->nterms; t++) {
		const struct search_term *term = &q->terms[t];
		if (t)
			buf_adds(out, " AND ");
		if (term->marked) {
			buf_addch(out, '(');
			add_quoted(out, term->folded);
			buf_adds(out, " OR ");
			add_quoted(out, term->key);
			buf_addch(out, ')');
			plan->folded[t] = phrase++;
			plan->key[t] = phrase++;
		} else {
			add_quoted(out, term->folded);
			plan->folded[t] = phrase++;
			plan->key[t] = -1;
		}
	}
	for (int p = 0; p < q->nphrases; p++) {
		buf_adds(out, " AND ");
		add_run(out, q->terms, q->phrases[p]);
	}
	if (q->nexcluded) {
		buf_adds(out, ") NOT (");
		for (int e = 0; e < q->nexcluded; e++) {
			if (e)
				buf_adds(out, " OR ");
			add_run(out, q->neg, q->excluded[e]);
		}
		buf_addch(out, ')');
	}
}

void search_query_prefix(struct buf *out, const struct search_query *q)
{
	buf_adds(out, "{title} : (");
	for (int t = 0; t < q->nterms; t++) {
		if (t)
			buf_adds(out, " AND ");
		add_quoted(out, q->terms[t].folded);
	}
	if (q->nterms)
		buf_adds(out, " *");
	buf_addch(out, ')');
}

/* ---- snippets ---- */

static void add_cp(struct buf *out, int32_t cp)
{
	char enc[4];
	size_t k;
	if (cp < 0x80) {
		enc[0] = (char)cp, k = 1;
	} else if (cp < 0x800) {
		enc[0] = (char)(0xC0 | (cp >> 6)), enc[1] = (char)(0x80 | (cp & 0x3F)), k = 2;
	} else if (cp < 0x10000) {
		enc[0] = (char)(0xE0 | (cp >> 12)), enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		enc[2] = (char)(0x80 | (cp & 0x3F)), k = 3;
	} else {
		enc[0] = (char)(0xF0 | (cp >> 18)), enc[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		enc[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), enc[3] = (char)(0x80 | (cp & 0x3F)), k = 4;
	}
	buf_add(out, enc, k);
}

/* What a tag does to the text around it: inline elements join their text
 * to the words beside them, blocks end a paragraph, the rest (images,
 * unknown tags) leave a space. */
enum tag_role { TAG_INLINE, TAG_SPACE, TAG_BLOCK };

static enum tag_role tag_role(const char *tag, size_t len)
{
	static const char *const inl[] = {"a", "abbr", "b", "cite", "code", "em", "font", "i", "mark", "q", "s",
					  "small", "span", "strong", "sub", "sup", "u"};
	static const char *const blocks[] = {"address", "article", "blockquote", "br", "caption", "dd", "div", "dl",
					     "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
					     "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"};
	size_t i = 1, k = 0;
	if (i < len && tag[i] == '/')
		i++;
	char name[12];
	while (i < len && k < sizeof name - 1 && (ascii_alpha(tag[i]) || (tag[i] >= '0' && tag[i] <= '9')))
		name[k++] = (char)(tag[i++] | 0x20);
	name[k] = '\0';
	for (size_t j = 0; j < sizeof inl / sizeof inl[0]; j++)
		if (strcmp(name, inl[j]) == 0)
			return TAG_INLINE;
	for (size_t j = 0; j < sizeof blocks / sizeof blocks[0]; j++)
		if (strcmp(name, blocks[j]) == 0)
			return TAG_BLOCK;
	return TAG_SPACE;
}

/* Ends a paragraph of out: " · " after text that does not end a sentence
 * (a heading, a list item), a space after one that does. */
static void add_break(struct buf *out)
{
	while (out->len && out->data[out->len - 1] == ' ')
		out->len--;
	if (!out->len)
		return;
	const char *e = out->data + out->len;
	bool sentence = strchr(".!?:;", e[-1]) || (out->len >= 3 && memcmp(e - 3, "…", 3) == 0) ||
			(out->len >= 2 && memcmp(e - 2, "·", 2) == 0);
	buf_adds(out, sentence ? " " : " · ");
}

void search_html_text(struct buf *out, const char *html, size_t n)
{
	size_t start = out->len;
	bool space = true; /* no leading space */
	bool brk = out->len > 0; /* text already there (a lead) ends before the body */
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)html[i];
		int32_t cp = -1;
		size_t len = 0;
		if (c == '<' && (len = tag_length(html + i, n - i)) > 0) {
			enum tag_role r = tag_role(html + i, len);
			i += len;
			if (r == TAG_BLOCK)
				brk = true;
			else if (r == TAG_SPACE && !space)
				buf_addch(out, ' '), space = true;
			continue;
		} else if (c == '&' && (len = entity_decode(html + i, n - i, &cp)) > 0) {
			if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
				cp = 0xFFFD;
		} else {
			len = utf8_decode((const unsigned char *)html + i, n - i, &cp);
			if (len == 0) {
				i++;
				continue;
			}
		}
		i += len;
		if (is_space(cp) || cp < 0x20) {
			if (!space)
				buf_addch(out, ' ');
			space = true;
			continue;
		}
		if (brk) {
			add_break(out);
			brk = false;
		}
		add_cp(out, cp);
		space = false;
	}
	if (out->len > start && out->data[out->len - 1] == ' ')
		buf_setlen(out, out->len - 1);
}

struct snip_syl {
	size_t start, end;
	int term; /* index of the first positive term with this folded form, or -1 */
};

struct snip_ctx {
	const struct search_query *q;
	struct snip_syl *v;
	size_t n, cap;
};

static int snip_add(void *ctx, const struct search_syllable *syl)
{
	struct snip_ctx *c = ctx;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = realloc(c->v, c->cap * sizeof *c->v);
		if (!c->v)
			abort();
	}
	int term = -1;
	for (int t = 0; t < c->q->nterms && term < 0; t++)
		if (strcmp(c->q->terms[t].folded, syl->folded) == 0)
			term = t;
	c->v[c->n++] = (struct snip_syl){syl->start, syl->end, term};
	return 0;
}

void search_snippet(struct buf *out, const char *text, size_t n, const struct search_query *q, int words)
{
	struct snip_ctx c = {.q = q};
	search_tokenize(text, n, false, snip_add, &c);
	if (c.n == 0 || words <= 0) {
		free(c.v);
		return;
	}
	size_t w = (size_t)words < c.n ? (size_t)words : c.n;

	/* Slide a window of w syllables: most distinct terms, then most hits. */
	int count[SEARCH_MAX_TERMS] = {0};
	int distinct = 0, hits = 0, best_distinct = -1, best_hits = -1;
	size_t best = 0;
	for (size_t i = 0; i < c.n; i++) {
		int t = c.v[i].term;
		if (t >= 0) {
			hits++;
			if (count[t]++ == 0)
				distinct++;
		}
		if (i >= w) {
			int o = c.v[i - w].term;
			if (o >= 0) {
				hits--;
				if (--count[o] == 0)
					distinct--;
			}
		}
		if (i + 1 >= w && (distinct > best_distinct || (distinct == best_distinct && hits > best_hits))) {
			best_distinct = distinct;
			best_hits = hits;
			best = i + 1 - w;
		}
	}
	/* Start a few syllables before the first hit, for context. */
	if (best_hits > 0) {
		size_t f = best;
		while (c.v[f].term < 0)
			f++;
		if (f > 5 && f - 5 > best)
			best = f - 5 + w <= c.n ? f - 5 : c.n - w;
	}
	size_t end = best + w;

	if (best > 0)
		buf_adds(out, "… ");
	size_t pos = c.v[best].start;
	for (size_t i = best; i < end; i++) {
		const struct snip_syl *s = &c.v[i];
		esc_html(out, text + pos, s->start - pos);
		if (s->term < 0) {
			esc_html(out, text + s->start, s->end - s->start);
			pos = s->end;
			continue;
		}
		/* one <mark> over hits separated by single spaces only */
		size_t j = i;
		while (j + 1 < end && c.v[j + 1].term >= 0 && c.v[j + 1].start == c.v[j].end + 1 &&
		       text[c.v[j].end] == ' ')
			j++;
		buf_adds(out, "<mark>");
		esc_html(out, text + s->start, c.v[j].end - s->start);
		buf_adds(out, "</mark>");
		pos = c.v[j].end;
		i = j;
	}
	if (end < c.n) {
		/* keep closing punctuation that belongs to the last word */
		size_t stop = pos;
		while (stop < n && stop < pos + 3 && text[stop] != ' ' && (unsigned char)text[stop] < 0x80 &&
		       !((text[stop] >= 'a' && text[stop] <= 'z') || (text[stop] >= 'A' && text[stop] <= 'Z') ||
			 (text[stop] >= '0' && text[stop] <= '9')))
			stop++;
		esc_html(out, text + pos, stop - pos);
		buf_adds(out, " …");
	} else {
		esc_html(out, text + pos, n - pos);
	}
	free(c.v);
}
