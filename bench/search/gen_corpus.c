/* gen_corpus.c — the sampler behind gen_corpus.py: streams COUNT articles as
 * `loa import` JSON Lines from the model gen_corpus.py wrote.
 *
 *   gen_corpus MODEL COUNT SEED BACKOFF
 *
 * MODEL is line-based UTF-8: "T n" then n tokens `word TAB Capitalized TAB
 * zipf-weight TAB succ:count,...` (token 0 is the sentence end ".", 1 the
 * comma, 2 a number), then "C n" categories, "A n" authors and "R n"
 * sources, each `weight TAB text`. Each next token is, with probability
 * BACKOFF or when the previous token has no successors, a Zipf draw over the
 * whole vocabulary, else a successor of the previous token by bigram count.
 *
 * Output depends only on the model, COUNT and SEED (splitmix64). Articles
 * are dated over ten years, 2016-11-01 to 2026-11-01 (UTC+7), in id order
 * with a few days of jitter, as a portal's history would be. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TOK_END = 0, TOK_COMMA = 1, TOK_NUM = 2 };

struct token {
	char *word, *cap;
	uint32_t *succ;      /* successor ids */
	uint64_t *cum;       /* cumulative counts, same length */
	uint32_t nsucc;
};

struct wlist {           /* a weighted list of strings */
	char **text;
	uint64_t *cum;
	uint32_t n;
};

static struct token *toks;
static uint32_t ntoks;
static double *zipf_cum; /* cumulative Zipf weights over all tokens */
static struct wlist cats, authors, sources;
static double backoff;
static uint64_t rng_state;

static void die(const char *msg)
{
	fprintf(stderr, "gen_corpus: %s\n", msg);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double rnd_unit(void)
{
	return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [lo, hi]. */
static int64_t rnd_int(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

/* Index of the first cum[i] > x. */
static uint32_t pick_u64(const uint64_t *cum, uint32_t n, uint64_t x)
{
	uint32_t lo = 0, hi = n - 1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static const char *wlist_pick(const struct wlist *w)
{
	return w->text[pick_u64(w->cum, w->n, rnd() % w->cum[w->n - 1])];
}

/* ---- model ---- */

static char *read_line(FILE *f, char **line, size_t *cap)
{
	ssize_t len = getline(line, cap, f);
	if (len < 0)
		die("model ends early");
	if (len > 0 && (*line)[len - 1] == '\n')
		(*line)[len - 1] = '\0';
	return *line;
}

static uint32_t read_count(FILE *f, char **line, size_t *cap, char tag)
{
	char *s = read_line(f, line, cap);
	if (s[0] != tag || s[1] != ' ')
		die("model: bad section header");
	return (uint32_t)strtoul(s + 2, NULL, 10);
}

static void read_wlist(FILE *f, char **line, size_t *cap, char tag, struct wlist *w)
{
	w->n = read_count(f, line, cap, tag);
	if (w->n == 0)
		die("model: empty list");
	w->text = xmalloc(w->n * sizeof *w->text);
	w->cum = xmalloc(w->n * sizeof *w->cum);
	uint64_t sum = 0;
	for (uint32_t i = 0; i < w->n; i++) {
		char *s = read_line(f, line, cap);
		char *tab = strchr(s, '\t');
		if (!tab)
			die("model: bad list line");
		sum += strtoull(s, NULL, 10);
		w->cum[i] = sum;
		w->text[i] = xstrdup(tab + 1);
	}
}

static void model_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open the model");
	char *line = NULL;
	size_t cap = 0;
	ntoks = read_count(f, &line, &cap, 'T');
	if (ntoks < 4)
		die("model: too few tokens");
	toks = xmalloc(ntoks * sizeof *toks);
	zipf_cum = xmalloc(ntoks * sizeof *zipf_cum);
	double zsum = 0;
	for (uint32_t i = 0; i < ntoks; i++) {
		char *s = read_line(f, &line, &cap);
		char *f1 = strchr(s, '\t'), *f2 = f1 ? strchr(f1 + 1, '\t') : NULL;
		char *f3 = f2 ? strchr(f2 + 1, '\t') : NULL;
		if (!f3)
			die("model: bad token line");
		*f1 = *f2 = *f3 = '\0';
		struct token *t = &toks[i];
		t->word = xstrdup(s);
		t->cap = xstrdup(f1 + 1);
		zsum += strtod(f2 + 1, NULL);
		zipf_cum[i] = zsum;
		char *succ = f3 + 1;
		uint32_t n = *succ ? 1 : 0;
		for (char *c = succ; *c; c++)
			n += *c == ',';
		t->nsucc = n;
		t->succ = xmalloc(n * sizeof *t->succ);
		t->cum = xmalloc(n * sizeof *t->cum);
		uint64_t sum = 0;
		char *c = succ;
		for (uint32_t k = 0; k < n; k++) {
			char *end;
			unsigned long id = strtoul(c, &end, 10);
			if (*end != ':' || id >= ntoks)
				die("model: bad successor");
			sum += strtoull(end + 1, &end, 10);
			t->succ[k] = (uint32_t)id;
			t->cum[k] = sum;
			c = *end == ',' ? end + 1 : end;
		}
	}
	if (toks[TOK_END].nsucc == 0)
		die("model: no sentence starts");
	read_wlist(f, &line, &cap, 'C', &cats);
	read_wlist(f, &line, &cap, 'A', &authors);
	read_wlist(f, &line, &cap, 'R', &sources);
	free(line);
	fclose(f);
}

static uint32_t next_token(uint32_t prev)
{
	const struct token *t = &toks[prev];
	if (t->nsucc == 0 || rnd_unit() < backoff) {
		double x = rnd_unit() * zipf_cum[ntoks - 1];
		uint32_t lo = 0, hi = ntoks - 1;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (zipf_cum[mid] > x)
				hi = mid;
			else
				lo = mid + 1;
		}
		return lo;
	}
	return t->succ[pick_u64(t->cum, t->nsucc, rnd() % t->cum[t->nsucc - 1])];
}

/* ---- output ---- */

struct out {
	char *p;
	size_t n, cap;
};

static void out_grow(struct out *o, size_t add)
{
	if (o->n + add <= o->cap)
		return;
	while (o->cap < o->n + add)
		o->cap = o->cap ? o->cap * 2 : 1 << 16;
	o->p = realloc(o->p, o->cap);
	if (!o->p)
		die("out of memory");
}

static void out_mem(struct out *o, const char *s, size_t n)
{
	out_grow(o, n);
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void out_str(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

/* A JSON string body: escapes quotes, backslashes and control bytes. */
static void out_json(struct out *o, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};
			out_mem(o, e, 2);
		} else if (c < 0x20) {
			char e[8];
			snprintf(e, sizeof e, "\\u%04x", c);
			out_str(o, e);
		} else {
			out_mem(o, s, 1);
		}
	}
}

static void out_number(struct out *o)
{
	char b[32];
	double r = rnd_unit();
	if (r < 0.55)
		snprintf(b, sizeof b, "%d", (int)rnd_int(1, 99));
	else if (r < 0.75)
		snprintf(b, sizeof b, "%d", (int)rnd_int(2000, 2026));
	else if (r < 0.85)
		snprintf(b, sizeof b, "%d%%", (int)rnd_int(1, 100));
	else if (r < 0.93)
		snprintf(b, sizeof b, "%d,%d", (int)rnd_int(1, 99), (int)rnd_int(1, 9));
	else
		snprintf(b, sizeof b, "%d.%03d", (int)rnd_int(1, 999), (int)rnd_int(0, 999));
	out_str(o, b);
}

enum mode { HEADLINE, PROSE };

/* Appends nsyl syllables (words and numbers) of text. PROSE breaks into
 * capitalized sentences ending with "."; HEADLINE is one unpunctuated run
 * with no trailing comma. The syllables [strong_at, strong_at + strong_len)
 * are wrapped in <strong> (strong_len 0: none). */
static void gen_text(struct out *o, int nsyl, enum mode mode, int strong_at, int strong_len)
{
	uint32_t prev = TOK_END;
	int count = 0, cap = 1, last_punct = 1;
	while (count < nsyl) {
		uint32_t t = next_token(prev);
		if (t == TOK_END) {
			prev = TOK_END;
			if (mode == HEADLINE || count == 0)
				continue;
			if (o->p[o->n - 1] == ',')
				o->n--;
			out_mem(o, ".", 1);
			cap = 1;
			last_punct = 1;
			continue;
		}
		if (t == TOK_COMMA) {
			prev = t;
			if (!last_punct) {
				out_mem(o, ",", 1);
				last_punct = 1;
			}
			continue;
		}
		if (count > 0)
			out_mem(o, " ", 1);
		if (strong_len > 0 && count == strong_at)
			out_str(o, "<strong>");
		if (t == TOK_NUM)
			out_number(o);
		else
			out_str(o, cap ? toks[t].cap : toks[t].word);
		count++;
		if (strong_len > 0 && count == strong_at + strong_len)
			out_str(o, "</strong>");
		cap = 0;
		last_punct = 0;
		prev = t;
	}
	if (o->n > 0 && o->p[o->n - 1] == ',')
		o->n--;
	if (mode == PROSE)
		out_mem(o, ".", 1);
}

/* Proleptic Gregorian date of a day count since 1970-01-01. */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

#define DAY_FIRST 17106   /* 2016-11-01 */
#define DAY_SPAN 3652     /* to 2026-11-01 */

static void gen_article(struct out *o, int64_t i, int64_t count)
{
	o->n = 0;
	out_str(o, "{\"title\":\"");
	gen_text(o, (int)rnd_int(8, 16), HEADLINE, 0, 0);
	out_str(o, "\",\"lead\":\"");
	gen_text(o, (int)rnd_int(25, 45), PROSE, 0, 0);
	out_str(o, "\",\"body_html\":\"");
	int total = (int)rnd_int(300, 900), paras = (int)rnd_int(4, 8), left = total;
	for (int p = 0; p < paras; p++) {
		int n = p == paras - 1 ? left : (int)(total / paras * (0.6 + 0.8 * rnd_unit()));
		if (n > left - 20 * (paras - 1 - p))
			n = left - 20 * (paras - 1 - p);
		if (n < 20)
			n = 20;
		left -= n;
		if (p > 0 && rnd_unit() < 0.35) {
			out_str(o, "<h2>");
			gen_text(o, (int)rnd_int(4, 9), HEADLINE, 0, 0);
			out_str(o, "</h2>");
		}
		out_str(o, "<p>");
		if (rnd_unit() < 0.3)
			gen_text(o, n, PROSE, (int)rnd_int(0, n / 2), (int)rnd_int(2, 6));
		else
			gen_text(o, n, PROSE, 0, 0);
		out_str(o, "</p>");
	}
	out_str(o, "\",\"category\":\"");
	out_json(o, wlist_pick(&cats));
	out_str(o, "\",\"author\":\"");
	out_json(o, wlist_pick(&authors));
	out_str(o, "\",\"source\":\"");
	out_json(o, wlist_pick(&sources));

	int64_t day = DAY_FIRST + (int64_t)((i + 0.5) * DAY_SPAN / (double)count) + rnd_int(-3, 3);
	if (day < DAY_FIRST)
		day = DAY_FIRST;
	if (day >= DAY_FIRST + DAY_SPAN)
		day = DAY_FIRST + DAY_SPAN - 1;
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	char b[96];
	snprintf(b, sizeof b, "\",\"published_at\":\"%04d-%02d-%02dT%02d:%02d:00+07:00\",\"external_id\":\"bench-%07lld\"}\n",
		 y, m, d, (int)rnd_int(6, 21), (int)rnd_int(0, 59), (long long)i + 1);
	out_str(o, b);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: gen_corpus MODEL COUNT SEED BACKOFF\n");
		return 2;
	}
	model_load(argv[1]);
	int64_t count = strtoll(argv[2], NULL, 10);
	rng_state = strtoull(argv[3], NULL, 10) * 0x2545f4914f6cdd1dull + 1;
	backoff = strtod(argv[4], NULL);
	static char obuf[1 << 20];
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	struct out o = {0};
	for (int64_t i = 0; i < count; i++) {
		gen_article(&o, i, count);
		if (fwrite(o.p, 1, o.n, stdout) != o.n)
			die("write failed");
	}
	free(o.p);
	if (fflush(stdout) != 0)
		die("write failed");
	return 0;
}
