/* oldpath.c — see oldpath.h.
 *
 * How it is built: the path and each kept parameter are decoded into a
 * scratch buffer, checked as text, then written lower-cased into a second
 * buffer; the result is appended to the caller's buffer only when whole,
 * so a refused URL leaves it as it was. */
#include "core/oldpath.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/num.h"
#include "core/status.h"
#include "core/text.h"

#define OLDPATH_INPUT_MAX (16u << 10) /* a request line is bounded far below this */
#define OLDPATH_PAIRS_MAX 32

static const char *const kept_params[] = {OLDPATH_PARAMS};

/* Appends s[0..n) percent-decoded ('+' as a space when plus); a '%' not
 * followed by two hex digits is kept as it is. */
static void decode(struct buf *out, const char *s, size_t n, bool plus)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = num_hexval((unsigned char)s[i + 1])) >= 0 && (lo = num_hexval((unsigned char)s[i + 2])) >= 0) {
			buf_addch(out, (char)(hi * 16 + lo));
			i += 2;
		} else if (plus && s[i] == '+') {
			buf_addch(out, ' ');
		} else {
			buf_addch(out, s[i]);
		}
	}
}

/* Valid UTF-8 without NUL, C0 controls or DEL. */
static bool text_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return text_utf8_valid(s, n);
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool kept(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof kept_params / sizeof kept_params[0]; i++)
		if (strlen(kept_params[i]) == n && strncasecmp(kept_params[i], name, n) == 0)
			return true;
	return false;
}

/* Appends a query value or name, escaping what would break "k=v&k=v". */
static void add_escaped(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f || c == '%' || c == '&' || c == '=' || c == '#' || c == '+')
			buf_addf(out, "%%%02X", c);
		else
			buf_addch(out, lower((char)c));
	}
}

struct pair {
	const char *name, *value; /* in the pairs' own heap copies */
};

static int pair_cmp(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->value, b->value);
}

/* Decodes name or value s[0..n) into a heap string, lower-cased; NULL when
 * it is not acceptable text. */
static char *decode_part(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	decode(&b, s, n, true);
	if (!text_ok(b.data, b.len)) {
		buf_reset(&b);
		return NULL;
	}
	for (size_t i = 0; i < b.len; i++)
		b.data[i] = lower(b.data[i]);
	return buf_detach(&b, NULL);
}

/* Walks the parameters of q[0..n); for each whose name is kept and value
 * non-empty calls fn (stopping when it returns false). */
static bool each_kept(const char *q, size_t n, bool (*fn)(void *ctx, const char *name, size_t nlen,
							  const char *val, size_t vlen),
		      void *ctx)
{
	size_t i = 0;
	while (i < n) {
		size_t end = i;
		while (end < n && q[end] != '&')
			end++;
		const char *eq = memchr(q + i, '=', end - i);
		if (eq && eq > q + i && (size_t)(q + end - eq) > 1 && kept(q + i, (size_t)(eq - (q + i))) &&
		    !fn(ctx, q + i, (size_t)(eq - (q + i)), eq + 1, (size_t)(q + end - eq - 1)))
			return false;
		i = end + 1;
	}
	return true;
}

struct collect {
	struct pair pairs[OLDPATH_PAIRS_MAX];
	size_t n;
	bool bad;
};

static bool collect_pair(void *ctx, const char *name, size_t nlen, const char *val, size_t vlen)
{
	struct collect *c = ctx;
	if (c->n == OLDPATH_PAIRS_MAX) {
		c->bad = true;
		return false;
	}
	char *k = decode_part(name, nlen), *v = decode_part(val, vlen);
	if (!k || !v || !*v) {
		free(k);
		free(v);
		c->bad = !k || !v; /* an empty decoded value is simply not kept */
		return !c->bad;
	}
	c->pairs[c->n++] = (struct pair){k, v};
	return true;
}

/* Where the path begins once a scheme and host ("http://h", "//h") are
 * skipped. */
static size_t path_start(const char *u, size_t n)
{
	size_t i = 0;
	if (n >= 7 && strncasecmp(u, "http://", 7) == 0)
		i = 7;
	else if (n >= 8 && strncasecmp(u, "https://", 8) == 0)
		i = 8;
	else if (n >= 2 && u[0] == '/' && u[1] == '/')
		i = 2;
	else
		return 0;
	while (i < n && u[i] != '/' && u[i] != '?')
		i++;
	return i;
}

int oldpath_key(const char *url, size_t n, struct buf *out)
{
	if (!url || n == 0 || n > OLDPATH_INPUT_MAX)
		return LOA_INVALID;
	const char *hash = memchr(url, '#', n);
	if (hash)
		n = (size_t)(hash - url);
	size_t start = path_start(url, n);
	const char *p = url + start;
	size_t len = n - start;
	const char *qm = memchr(p, '?', len);
	size_t plen = qm ? (size_t)(qm - p) : len;

	struct buf dec = BUF_INIT, key = BUF_INIT;
	struct collect c = {.n = 0};
	int rc = LOA_INVALID;

	decode(&dec, p, plen, false);
	if (!text_ok(dec.data, dec.len))
		goto out;
	buf_addch(&key, '/');
	for (size_t i = 0; i < dec.len; i++) {
		char ch = dec.data[i];
		if (ch == '/' && key.data[key.len - 1] == '/')
			continue;
		if (ch == '%' || ch == '?' || ch == '#') /* so that a key is its own key */
			buf_addf(&key, "%%%02X", (unsigned char)ch);
		else
			buf_addch(&key, lower(ch));
	}
	/* Trailing slashes and a final index.php, in any order and number
	 * ("/1/index.php/" is "/1"): taken off until none is left, so that a
	 * key is its own key. */
	for (;;) {
		if (key.len > 1 && key.data[key.len - 1] == '/')
			buf_setlen(&key, key.len - 1);
		else if (key.len >= 10 && strcmp(key.data + key.len - 10, "/index.php") == 0)
			buf_setlen(&key, key.len - 9);
		else
			break;
	}

	if (qm) {
		each_kept(qm + 1, len - plen - 1, collect_pair, &c);
		if (c.bad)
			goto out;
		qsort(c.pairs, c.n, sizeof c.pairs[0], pair_cmp);
		for (size_t i = 0; i < c.n; i++) {
			buf_addch(&key, i ? '&' : '?');
			add_escaped(&key, c.pairs[i].name, strlen(c.pairs[i].name));
			buf_addch(&key, '=');
			add_escaped(&key, c.pairs[i].value, strlen(c.pairs[i].value));
		}
	}
	if (key.len > OLDPATH_MAX)
		goto out;
	buf_add(out, key.data, key.len);
	rc = LOA_OK;
out:
	for (size_t i = 0; i < c.n; i++) {
		free((char *)c.pairs[i].name);
		free((char *)c.pairs[i].value);
	}
	buf_reset(&key);
	buf_reset(&dec);
	return rc;
}

static bool found_one(void *ctx, const char *name, size_t nlen, const char *val, size_t vlen)
{
	(void)name, (void)nlen, (void)val, (void)vlen;
	*(bool *)ctx = true;
	return false;
}

bool oldpath_query_names_content(const char *query)
{
	bool any = false;
	if (query)
		each_kept(query, strlen(query), found_one, &any);
	return any;
}

bool oldpath_target_ok(const char *target)
{
	if (!target || target[0] != '/' || target[1] == '/' || target[1] == '\\')
		return false;
	size_t n = strlen(target);
	if (n > OLDPATH_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)target[i];
		if (c <= 0x20 || c == 0x7f || c == '\\')
			return false;
	}
	return true;
}
