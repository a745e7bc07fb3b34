/* wp_body.c — see wp_body.h.
 *
 * How it is built: five passes, each from one buffer into the next —
 * block comments, captions, other shortcodes, paragraphs (classic bodies
 * only), image addresses. Each pass copies what it does not understand. */
#include "import/wp_body.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"

#define TAG_MAX 4096        /* bytes of one HTML tag or shortcode we look into */
#define ATTRS_MAX 64
#define MATCH_WINDOW 65536  /* how far a shortcode's matching close is looked for */

static bool starts_ci(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && strncasecmp(s, lit, l) == 0;
}

/* Position of lit in s[from..n), or n. */
static size_t find(const char *s, size_t n, size_t from, const char *lit)
{
	size_t l = strlen(lit);
	for (size_t i = from; i + l <= n; i++)
		if (s[i] == lit[0] && memcmp(s + i, lit, l) == 0)
			return i;
	return n;
}

static size_t find_ci(const char *s, size_t n, size_t from, const char *lit)
{
	size_t l = strlen(lit);
	for (size_t i = from; i + l <= n; i++)
		if (strncasecmp(s + i, lit, l) == 0)
			return i;
	return n;
}

/* Copies s[i..) up to the next ch (or the end) and returns where it is. */
static size_t copy_to(struct buf *out, const char *s, size_t n, size_t i, char ch)
{
	const char *p = memchr(s + i, ch, n - i);
	size_t c = p ? (size_t)(p - s) : n;
	buf_add(out, s + i, c - i);
	return c;
}

/* The end (one past) of a tag or shortcode opened at s[i] and closed by
 * `close` outside quotes, within TAG_MAX; 0 when there is none. */
static size_t tag_end(const char *s, size_t n, size_t i, char close)
{
	char q = 0;
	for (size_t j = i + 1; j < n && j - i < TAG_MAX; j++) {
		if (q) {
			if (s[j] == q)
				q = 0;
		} else if (s[j] == '"' || s[j] == '\'') {
			q = s[j];
		} else if (s[j] == close) {
			return j + 1;
		} else if (close == ']' && (s[j] == '[' || s[j] == '\n')) {
			return 0;
		}
	}
	return 0;
}

/* ---- 1. block comments ---- */

static void strip_blocks(struct buf *out, const char *s, size_t n, struct wp_body_stats *st, bool *blocks)
{
	size_t i = 0;
	while (i < n) {
		size_t c = find(s, n, i, "<!--");
		buf_add(out, s + i, c - i);
		if (c == n)
			break;
		size_t j = c + 4;
		while (j < n && s[j] == ' ')
			j++;
		if (starts_ci(s + j, n - j, "wp:") || starts_ci(s + j, n - j, "/wp:")) {
			size_t e = find(s, n, j, "-->");
			if (e == n) { /* unclosed: keep the rest as it is */
				buf_add(out, s + c, n - c);
				break;
			}
			st->blocks++;
			*blocks = true;
			i = e + 3;
		} else {
			buf_add(out, s + c, 4);
			i = c + 4;
		}
	}
}

/* ---- attributes of a tag or shortcode ---- */

struct attr {
	const char *name, *value; /* point into the input */
	size_t nlen, vlen;
};

/* Parses the attributes of s[0..n) (after the tag's name, before its
 * closing '>' or ']'); at most ATTRS_MAX. */
static size_t parse_attrs(const char *s, size_t n, struct attr *a)
{
	size_t k = 0, i = 0;
	while (i < n && k < ATTRS_MAX) {
		while (i < n && (isspace((unsigned char)s[i]) || s[i] == '/'))
			i++;
		size_t ns = i;
		while (i < n && !isspace((unsigned char)s[i]) && s[i] != '=' && s[i] != '/')
			i++;
		if (i == ns)
			break;
		struct attr at = {s + ns, "", i - ns, 0};
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (i < n && s[i] == '=') {
			i++;
			while (i < n && isspace((unsigned char)s[i]))
				i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				size_t vs = i;
				while (i < n && s[i] != q)
					i++;
				at.value = s + vs;
				at.vlen = i - vs;
				if (i < n)
					i++;
			} else {
				size_t vs = i;
				while (i < n && !isspace((unsigned char)s[i]))
					i++;
				at.value = s + vs;
				at.vlen = i - vs;
			}
		}
		a[k++] = at;
	}
	return k;
}

static bool attr_is(const struct attr *a, const char *name)
{
	return a->nlen == strlen(name) && strncasecmp(a->name, name, a->nlen) == 0;
}

static void add_attr(struct buf *out, const char *name, size_t nlen, const char *v, size_t vlen)
{
	buf_addch(out, ' ');
	buf_add(out, name, nlen);
	buf_adds(out, "=\"");
	for (size_t i = 0; i < vlen; i++) {
		if (v[i] == '"')
			buf_adds(out, "&quot;");
		else
			buf_addch(out, v[i]);
	}
	buf_addch(out, '"');
}

/* ---- 2. [caption] ---- */

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* One [caption ...]inner[/caption]: attrs s[a0..a1), inner s[i0..i1). */
static void caption_figure(struct buf *out, const char *s, size_t a0, size_t a1, size_t i0, size_t i1)
{
	const char *in = s + i0;
	size_t n = i1 - i0;
	size_t img = find_ci(in, n, 0, "<img");
	if (img == n) { /* no image: only its text */
		buf_add(out, in, n);
		return;
	}
	size_t img_end = tag_end(in, n, img, '>');
	if (!img_end) {
		buf_add(out, in, n);
		return;
	}
	/* the image possibly inside a link */
	size_t m0 = img, m1 = img_end;
	size_t a = find_ci(in, img, 0, "<a");
	if (a < img && (a + 2 < n && (isspace((unsigned char)in[a + 2])))) {
		size_t close = find_ci(in, n, img_end, "</a>");
		if (close < n) {
			m0 = a;
			m1 = close + 4;
		}
	}
	struct buf text = BUF_INIT;
	buf_add(&text, in, m0);
	buf_add(&text, in + m1, n - m1);
	const char *t = text.data;
	size_t tl = text.len;
	trim(&t, &tl);
	struct attr at[ATTRS_MAX];
	size_t na = parse_attrs(s + a0, a1 - a0, at);
	buf_adds(out, "<figure>");
	buf_add(out, in + m0, m1 - m0);
	if (tl) {
		buf_adds(out, "<figcaption>");
		buf_add(out, t, tl);
		buf_adds(out, "</figcaption>");
	} else {
		for (size_t k = 0; k < na; k++)
			if (attr_is(&at[k], "caption") && at[k].vlen) {
				buf_adds(out, "<figcaption>");
				buf_add(out, at[k].value, at[k].vlen);
				buf_adds(out, "</figcaption>");
				break;
			}
	}
	buf_adds(out, "</figure>");
	buf_reset(&text);
}

static void captions(struct buf *out, const char *s, size_t n, struct wp_body_stats *st)
{
	size_t i = 0;
	while (i < n) {
		size_t c = find_ci(s, n, i, "[caption");
		buf_add(out, s + i, c - i);
		if (c == n)
			break;
		size_t open_end = c + 8 < n && (s[c + 8] == ' ' || s[c + 8] == ']') ? tag_end(s, n, c, ']') : 0;
		size_t to = open_end && n - open_end > MATCH_WINDOW ? open_end + MATCH_WINDOW : n;
		size_t close = open_end ? find_ci(s, to, open_end, "[/caption]") : to;
		if (!open_end || close == to) {
			buf_add(out, s + c, 8);
			i = c + 8;
			continue;
		}
		caption_figure(out, s, c + 8, open_end - 1, open_end, close);
		st->captions++;
		i = close + 10;
	}
}

/* ---- 3. other shortcodes ---- */

static bool known_shortcode(const char *name, size_t n)
{
	static const char *const names[] = {"gallery", "embed", "audio", "video", "playlist", "contact-form-7",
					    "gravityform", "wpforms", "ninja_form", "pdf-embedder", "pdfjs-viewer",
					    "wp_caption", "table", "toc"};
	static const char *const prefixes[] = {"su_", "vc_", "et_pb_", "fusion_", "av_"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
			return true;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (n > strlen(prefixes[i]) && memcmp(prefixes[i], name, strlen(prefixes[i])) == 0)
			return true;
	return false;
}

/* Whether s[i] = '[' opens a shortcode tag; sets its end and whether it
 * is a closing one. */
static bool shortcode_at(const char *s, size_t n, size_t i, size_t *end, bool *closing)
{
	size_t j = i + 1;
	*closing = j < n && s[j] == '/';
	if (*closing)
		j++;
	size_t ns = j;
	if (j >= n || !(s[j] >= 'a' && s[j] <= 'z'))
		return false;
	while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= '0' && s[j] <= '9') || s[j] == '_' || s[j] == '-'))
		j++;
	size_t nlen = j - ns;
	if (j >= n || !(s[j] == ']' || s[j] == ' ' || s[j] == '/'))
		return false;
	size_t e = tag_end(s, n, i, ']');
	if (!e)
		return false;
	*end = e;
	if (known_shortcode(s + ns, nlen))
		return true;
	/* otherwise only with attributes or a matching close */
	if (!*closing && memchr(s + j, '=', e - j))
		return true;
	char closer[48];
	if (nlen + 4 > sizeof closer)
		return false;
	if (*closing) {
		closer[0] = '[';
		memcpy(closer + 1, s + ns, nlen);
		closer[nlen + 1] = '\0';
		size_t from = i > MATCH_WINDOW ? i - MATCH_WINDOW : 0;
		return find(s, i, from, closer) < i;
	}
	closer[0] = '[';
	closer[1] = '/';
	memcpy(closer + 2, s + ns, nlen);
	closer[nlen + 2] = ']';
	closer[nlen + 3] = '\0';
	size_t to = n - e > MATCH_WINDOW ? e + MATCH_WINDOW : n;
	return find(s, to, e, closer) < to;
}

static void shortcodes(struct buf *out, const char *s, size_t n, struct wp_body_stats *st)
{
	size_t i = 0;
	while (i < n) {
		size_t c = copy_to(out, s, n, i, '[');
		if (c == n)
			break;
		size_t end;
		bool closing;
		if (shortcode_at(s, n, c, &end, &closing)) {
			if (!closing)
				st->shortcodes++;
			i = end;
		} else {
			buf_addch(out, '[');
			i = c + 1;
		}
	}
}

/* ---- 4. paragraphs (wpautop) ---- */

static bool block_start(const char *s, size_t n)
{
	static const char *const tags[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
					   "blockquote", "figure", "table", "pre", "hr", "form", "dl", "section",
					   "address", "iframe", "figcaption", "thead", "tbody", "tr", "td", "th"};
	if (n < 2 || s[0] != '<')
		return false;
	if (n >= 4 && memcmp(s, "<!--", 4) == 0)
		return true;
	size_t j = s[1] == '/' ? 2 : 1, k = j;
	while (k < n && isalnum((unsigned char)s[k]))
		k++;
	if (k == j || (k < n && !(isspace((unsigned char)s[k]) || s[k] == '>' || s[k] == '/')))
		return false;
	for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++)
		if (strlen(tags[t]) == k - j && strncasecmp(tags[t], s + j, k - j) == 0)
			return true;
	return false;
}

static void paragraph(struct buf *out, const char *s, size_t n)
{
	trim(&s, &n);
	if (!n)
		return;
	if (block_start(s, n)) {
		buf_add(out, s, n);
		buf_addch(out, '\n');
		return;
	}
	buf_adds(out, "<p>");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			buf_adds(out, "<br>\n");
		else if (s[i] != '\r')
			buf_addch(out, s[i]);
	}
	buf_adds(out, "</p>\n");
}

static void autop(struct buf *out, const char *s, size_t n)
{
	size_t start = 0, i = 0;
	bool pre = false;
	while (i < n) {
		if (s[i] == '<' && (starts_ci(s + i, n - i, "<pre") || starts_ci(s + i, n - i, "</pre"))) {
			pre = s[i + 1] != '/';
			i++;
			continue;
		}
		if (!pre && s[i] == '\n') {
			size_t j = i + 1;
			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
				j++;
			if (j < n && s[j] == '\n') {
				paragraph(out, s + start, i - start);
				while (j < n && isspace((unsigned char)s[j]))
					j++;
				start = i = j;
				continue;
			}
		}
		i++;
	}
	paragraph(out, s + start, n - start);
}

/* ---- 5. image addresses ---- */

/* The part of v[0..n) after an upload prefix, up to '?' or '#'; NULL when
 * it is not under one, or holds a NUL byte (no file has such a name, and
 * the C string would end early). In a. */
static const char *upload_rel(const struct wp_body_opts *o, const char *v, size_t n, struct arena *a)
{
	for (size_t p = 0; p < o->nprefixes; p++) {
		size_t l = strlen(o->prefixes[p]);
		if (l && n > l && strncasecmp(v, o->prefixes[p], l) == 0) {
			size_t e = l;
			while (e < n && v[e] != '?' && v[e] != '#')
				e++;
			return e > l && !memchr(v + l, '\0', e - l) ? arena_strndup(a, v + l, e - l) : NULL;
		}
	}
	return NULL;
}

/* The path of a link to the old site itself ("http://xa.example/a/?p=1"
 * -> "/a/?p=1", the bare host -> "/"), or NULL. In a. */
static const char *site_path(const struct wp_body_opts *o, const char *v, size_t n, struct arena *a)
{
	for (size_t p = 0; p < o->nsite_prefixes; p++) {
		size_t l = strlen(o->site_prefixes[p]);
		if (!l || n < l || strncasecmp(v, o->site_prefixes[p], l) != 0)
			continue;
		if (n == l)
			return "/";
		if (v[l] == '/')
			return arena_strndup(a, v + l, n - l);
		if (v[l] == '?' || v[l] == '#')
			return arena_printf(a, "/%.*s", (int)(n - l), v + l);
	}
	return NULL;
}

static bool image_name(const char *rel)
{
	const char *dot = strrchr(rel, '.');
	return dot && (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0 || strcasecmp(dot, ".png") == 0 ||
		       strcasecmp(dot, ".webp") == 0 || strcasecmp(dot, ".gif") == 0);
}

/* Rewrites one <img> or <a> tag s[0..n) ('<' to '>') when its address is
 * an upload the caller moved; false (nothing written) otherwise. */
static bool rewrite_tag(struct buf *out, const char *s, size_t n, bool img, const struct wp_body_opts *o,
			struct arena *a, struct wp_body_stats *st)
{
	size_t name_len = img ? 3 : 1;
	size_t body = 1 + name_len, last = n - 1; /* attributes in s[body..last) */
	struct attr at[ATTRS_MAX];
	size_t na = parse_attrs(s + body, last - body, at);
	const char *key = img ? "src" : "href";
	const char *fresh = NULL;
	bool moved_image = false;
	for (size_t k = 0; k < na && !fresh; k++) {
		if (!attr_is(&at[k], key))
			continue;
		const char *rel = upload_rel(o, at[k].value, at[k].vlen, a);
		if (rel && (img || image_name(rel)) && o->image)
			moved_image = (fresh = o->image(o->ctx, rel)) != NULL;
		else if (!rel && !img)
			fresh = site_path(o, at[k].value, at[k].vlen, a);
		break;
	}
	if (!fresh)
		return false;
	if (img)
		st->images++;
	else if (!moved_image)
		st->links++;
	buf_addch(out, '<');
	buf_add(out, s + 1, name_len);
	for (size_t k = 0; k < na; k++) {
		if (attr_is(&at[k], key))
			add_attr(out, at[k].name, at[k].nlen, fresh, strlen(fresh));
		else if (img && (attr_is(&at[k], "srcset") || attr_is(&at[k], "sizes") || attr_is(&at[k], "width") ||
				 attr_is(&at[k], "height") || attr_is(&at[k], "class")))
			continue;
		else
			add_attr(out, at[k].name, at[k].nlen, at[k].value, at[k].vlen);
	}
	buf_addch(out, '>');
	return true;
}

static void images(struct buf *out, const char *s, size_t n, const struct wp_body_opts *o, struct wp_body_stats *st)
{
	struct arena *a = arena_new();
	size_t i = 0;
	while (i < n) {
		size_t c = copy_to(out, s, n, i, '<');
		if (c == n)
			break;
		bool img = starts_ci(s + c, n - c, "<img") && c + 4 < n && isspace((unsigned char)s[c + 4]);
		bool link = !img && starts_ci(s + c, n - c, "<a") && c + 2 < n && isspace((unsigned char)s[c + 2]);
		size_t e = img || link ? tag_end(s, n, c, '>') : 0;
		if (e && rewrite_tag(out, s + c, e - c, img, o, a, st)) {
			i = e;
		} else {
			buf_addch(out, '<');
			i = c + 1;
		}
	}
	arena_free(a);
}

void wp_body_convert(struct buf *out, const char *in, size_t n, const struct wp_body_opts *o,
		     struct wp_body_stats *stats)
{
	struct wp_body_stats local = {0};
	struct wp_body_stats *st = stats ? stats : &local;
	struct buf a = BUF_INIT, b = BUF_INIT;
	bool has_blocks = false;
	strip_blocks(&a, in, n, st, &has_blocks);
	captions(&b, a.data, a.len, st);
	buf_setlen(&a, 0);
	shortcodes(&a, b.data, b.len, st);
	buf_setlen(&b, 0);
	if (!has_blocks) {
		autop(&b, a.data, a.len);
		buf_setlen(&a, 0);
		buf_add(&a, b.data, b.len);
	}
	if (o && o->nprefixes)
		images(out, a.data, a.len, o, st);
	else
		buf_add(out, a.data, a.len);
	buf_reset(&a);
	buf_reset(&b);
}
