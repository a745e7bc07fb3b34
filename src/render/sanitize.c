/* sanitize.c — allowlist HTML sanitizer on gumbo; see sanitize.h.
 *
 * How it works: the input is cleaned (valid UTF-8, NFC, no control
 * characters), parsed by gumbo exactly as a browser parses the inside of a
 * <body> (a fragment), and the resulting tree is written out again keeping
 * only allowlisted elements and attributes. Nothing of the input is ever
 * copied through as markup: every tag, attribute and character reference in
 * the output is produced here, and all text is re-escaped.
 *
 * Three details matter for safety and stability:
 *  - The walk uses an explicit stack, and gumbo allocates through a private
 *    allocator whose blocks are released in one sweep, so neither the walk
 *    nor freeing the tree recurses: 100,000 nested <div>s cost memory, not
 *    the C stack. Elements nested deeper than SAN_MAX_DEPTH are unwrapped.
 *  - The HTML parser does not promise that serializing a tree and parsing it
 *    again gives the same tree: once an unknown element is unwrapped a <p>
 *    can land inside a <p>, and text can end up where a table moves it. The
 *    stored HTML must mean exactly what was checked, so each result is
 *    sanitized again until it stops changing (SAN_MAX_PASSES). Every pass's
 *    output is already safe; the repetition only buys the fixed point.
 *  - U+0338 is written as "&#x338;": NFC would otherwise compose it with a
 *    preceding '>' into U+226F and break the tag when the output is cleaned
 *    again (text_clean runs on every input, including our own output).
 *
 * This is the only file that includes gumbo. */
#include "render/sanitize.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/status.h"
#include "core/text.h"
#include "render/escape.h"

#define SAN_MAX_DEPTH 100   /* emitted elements inside each other */
#define SAN_MAX_PASSES 4

/* ---- gumbo memory ---------------------------------------------------------
 * Every block gumbo allocates is linked into a list so the whole parse can
 * be released without gumbo_destroy_output (which recurses over the tree). */

union gblock {
	struct {
		union gblock *prev, *next;
	} l;
	max_align_t align;
};

struct gheap {
	union gblock *head;
};

static void *gheap_alloc(void *userdata, size_t size)
{
	struct gheap *h = userdata;
	if (size > SIZE_MAX - sizeof(union gblock))
		abort();
	union gblock *b = malloc(sizeof *b + size);
	if (!b)
		abort(); /* out of memory is fatal, as everywhere in loa */
	b->l.prev = NULL;
	b->l.next = h->head;
	if (h->head)
		h->head->l.prev = b;
	h->head = b;
	return b + 1;
}

static void gheap_free(void *userdata, void *ptr)
{
	struct gheap *h = userdata;
	if (!ptr)
		return;
	union gblock *b = (union gblock *)ptr - 1;
	if (b->l.prev)
		b->l.prev->l.next = b->l.next;
	else
		h->head = b->l.next;
	if (b->l.next)
		b->l.next->l.prev = b->l.prev;
	free(b);
}

static void gheap_release(struct gheap *h)
{
	while (h->head) {
		union gblock *b = h->head;
		h->head = b->l.next;
		free(b);
	}
}

/* Parses html[0..n) as the content of a <body>; the tree lives in *h. */
static GumboOutput *parse_fragment(struct gheap *h, const char *html, size_t n)
{
	GumboOptions opt = kGumboDefaultOptions;
	opt.allocator = gheap_alloc;
	opt.deallocator = gheap_free;
	opt.userdata = h;
	opt.max_errors = 0; /* parse errors are not reported, so do not keep them */
	opt.fragment_context = GUMBO_TAG_BODY;
	opt.fragment_namespace = GUMBO_NAMESPACE_HTML;
	return gumbo_parse_with_options(&opt, html, n);
}

/* ---- the allowlist ------------------------------------------------------- */

enum action { ACT_UNWRAP, ACT_KEEP, ACT_DROP };
enum attrs { AT_NONE, AT_A, AT_IMG, AT_CELL, AT_OL };

/* What to do with an HTML element; for kept ones also the name to write and
 * which attributes it may carry. */
static enum action classify(GumboTag tag, const char **name, enum attrs *attrs)
{
	*attrs = AT_NONE;
	*name = gumbo_normalized_tagname(tag);
	switch (tag) {
	case GUMBO_TAG_P: case GUMBO_TAG_BR: case GUMBO_TAG_HR:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_STRONG: case GUMBO_TAG_B: case GUMBO_TAG_EM: case GUMBO_TAG_I:
	case GUMBO_TAG_U: case GUMBO_TAG_S: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_Q: case GUMBO_TAG_CITE:
	case GUMBO_TAG_UL: case GUMBO_TAG_LI:
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_TR: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_SPAN: case GUMBO_TAG_DIV: case GUMBO_TAG_PRE: case GUMBO_TAG_CODE:
		return ACT_KEEP;
	case GUMBO_TAG_H1:
		*name = "h2"; /* the page title is the only h1 */
		return ACT_KEEP;
	case GUMBO_TAG_A:
		*attrs = AT_A;
		return ACT_KEEP;
	case GUMBO_TAG_IMG:
		*attrs = AT_IMG;
		return ACT_KEEP;
	case GUMBO_TAG_TH: case GUMBO_TAG_TD:
		*attrs = AT_CELL;
		return ACT_KEEP;
	case GUMBO_TAG_OL:
		*attrs = AT_OL;
		return ACT_KEEP;
	/* active content, forms, document-level elements, foreign content, and
	 * elements whose content is raw text never meant to be shown */
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_APPLET: case GUMBO_TAG_PARAM: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_FORM:
	case GUMBO_TAG_INPUT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_KEYGEN: case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_BASE:
	case GUMBO_TAG_TITLE: case GUMBO_TAG_HEAD:
		return ACT_DROP;
	default:
		return ACT_UNWRAP;
	}
}

static bool is_void(GumboTag tag)
{
	return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG;
}

/* ---- writing ------------------------------------------------------------- */

struct writer {
	struct buf *out;
	struct buf text;        /* text waiting to be written, decoded */
	struct arena *a;        /* scratch for NFC copies */
	size_t pre_at;          /* out->len right after a <pre> start tag */
	bool wrap;              /* sanitize_body: top-level inline content goes in <p> */
	sanitize_img_fn img;    /* sanitize_body: the caller's media library, or NULL */
	void *img_ctx;
	bool auto_p;            /* such a <p> is open */
	size_t auto_p_at;       /* out->len right after its start tag */
};

/* Escapes s[0..n) for text or a quoted attribute (see U+0338 above). */
static void put_escaped(struct buf *out, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	const char *hit;
	while ((hit = memmem(p, (size_t)(end - p), "\xCC\xB8", 2))) {
		esc_html(out, p, (size_t)(hit - p));
		buf_adds(out, "&#x338;");
		p = hit + 2;
	}
	esc_html(out, p, (size_t)(end - p));
}

/* Writes the pending text, NFC-normalized and escaped. Text is held back
 * until the next tag so that pieces split by dropped elements are
 * normalized together, as they will be when the output is parsed again. */
static void flush_text(struct writer *w)
{
	if (!w->text.len)
		return;
	char *clean = text_clean(w->a, w->text.data, w->text.len);
	buf_setlen(&w->text, 0);
	if (!clean || !*clean)
		return;
	/* the parser drops one newline right after <pre>: keep the text's own */
	if (w->out->len == w->pre_at && clean[0] == '\n')
		buf_addch(w->out, '\n');
	put_escaped(w->out, clean, strlen(clean));
}

static void put_attr(struct writer *w, const char *name, const char *value)
{
	const char *clean = text_clean(w->a, value, strlen(value));
	if (!clean)
		return;
	buf_addf(w->out, " %s=\"", name);
	put_escaped(w->out, clean, strlen(clean));
	buf_addch(w->out, '"');
}

static const char *attr(const GumboElement *el, const char *name)
{
	const GumboAttribute *at = gumbo_get_attribute(&el->attributes, name);
	return at ? at->value : NULL;
}

/* Checks a URL and writes its cleaned form to dst. Browsers strip tab, CR
 * and LF anywhere in a URL and leading/trailing spaces and controls, so the
 * check runs on (and the output keeps) what the browser would see. Allowed:
 * relative URLs, http(s), and for links mailto and tel. *absolute is set
 * for http(s) and scheme-relative ("//host") URLs. */
static bool clean_url(struct buf *dst, const char *v, bool link, bool *absolute)
{
	*absolute = false;
	size_t n = strlen(v), i = 0;
	while (i < n && (unsigned char)v[i] <= 0x20)
		i++;
	while (n > i && (unsigned char)v[n - 1] <= 0x20)
		n--;
	for (; i < n; i++) {
		unsigned char ch = (unsigned char)v[i];
		if (ch == '\t' || ch == '\n' || ch == '\r')
			continue;
		if (ch < 0x20 || ch == 0x7F)
			return false;
		buf_addch(dst, (char)ch);
	}
	if (!dst->len)
		return false;
	size_t k = strcspn(dst->data, ":/?#\\");
	if (dst->data[k] == ':') {
		char scheme[8];
		if (k == 0 || k >= sizeof scheme)
			return false;
		for (size_t j = 0; j < k; j++) {
			char ch = dst->data[j];
			scheme[j] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
		}
		scheme[k] = '\0';
		if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)
			*absolute = true;
		else if (!link || (strcmp(scheme, "mailto") != 0 && strcmp(scheme, "tel") != 0))
			return false;
	} else if (k == 0 && (dst->data[0] == '/' || dst->data[0] == '\\') &&
		   (dst->data[1] == '/' || dst->data[1] == '\\')) {
		*absolute = true;
	}
	return true;
}

/* True when v is 1..maxlen ASCII digits, optionally after a '-'. */
static bool is_number(const char *v, size_t maxlen, bool sign)
{
	if (!v)
		return false;
	if (sign && *v == '-')
		v++;
	size_t n = strspn(v, "0123456789");
	return n > 0 && n <= maxlen && v[n] == '\0';
}

/* Rebuilds an img srcset from its candidates ("URL 480w, URL 2x"): each
 * URL passes clean_url (relative or http(s)), each descriptor is a number
 * followed by w or x. False when no candidate survives. */
static bool clean_srcset(struct buf *dst, const char *v)
{
	while (*v) {
		while (*v == ' ' || *v == ',' || *v == '\t' || *v == '\n')
			v++;
		if (!*v)
			break;
		size_t ulen = strcspn(v, " \t\n,");
		char *u = strndup(v, ulen);
		v += ulen;
		while (*v == ' ' || *v == '\t' || *v == '\n')
			v++;
		size_t dlen = strcspn(v, ",");
		char desc[16] = "";
		if (dlen < sizeof desc) {
			memcpy(desc, v, dlen);
			desc[dlen] = '\0';
			while (dlen && desc[dlen - 1] == ' ')
				desc[--dlen] = '\0';
		}
		v += strcspn(v, ",");
		size_t digits = strspn(desc, "0123456789.");
		bool desc_ok = dlen == 0 || (digits > 0 && digits == dlen - 1 && (desc[dlen - 1] == 'w' || desc[dlen - 1] == 'x'));
		struct buf one = BUF_INIT;
		bool absolute;
		if (u && desc_ok && clean_url(&one, u, false, &absolute) && !strpbrk(one.data, " ,")) {
			if (dst->len)
				buf_adds(dst, ", ");
			buf_add(dst, one.data, one.len);
			if (dlen) {
				buf_addch(dst, ' ');
				buf_adds(dst, desc);
			}
		}
		buf_reset(&one);
		free(u);
	}
	return dst->len > 0;
}

/* Writes the start tag of a kept element. False (nothing written) for an
 * <img> without an acceptable src. */
static bool put_start_tag(struct writer *w, const char *name, enum attrs attrs, const GumboElement *el)
{
	struct buf url = BUF_INIT;
	bool absolute = false, ok = true;
	const char *v;
	if (attrs == AT_IMG) {
		v = attr(el, "src");
		if (!v || !clean_url(&url, v, false, &absolute)) {
			ok = false;
			goto done;
		}
	}
	flush_text(w);
	buf_addf(w->out, "<%s", name);
	switch (attrs) {
	case AT_A:
		v = attr(el, "href");
		if (v && clean_url(&url, v, true, &absolute))
			put_attr(w, "href", url.data);
		if ((v = attr(el, "title")))
			put_attr(w, "title", v);
		if (absolute)
			buf_adds(w->out, " rel=\"noopener\"");
		break;
	case AT_IMG: {
		put_attr(w, "src", url.data);
		if ((v = attr(el, "alt")))
			put_attr(w, "alt", v);
		if ((v = attr(el, "title")))
			put_attr(w, "title", v);
		const char *wv = attr(el, "width"), *hv = attr(el, "height"), *sv = attr(el, "srcset");
		bool has_size = is_number(wv, 5, false) && is_number(hv, 5, false);
		struct sanitize_img known = {"", 0, 0};
		if (w->img && (!has_size || !sv) && !w->img(w->img_ctx, url.data, &known))
			known = (struct sanitize_img){"", 0, 0};
		char num[16];
		if (has_size) {
			put_attr(w, "width", wv);
			put_attr(w, "height", hv);
		} else if (known.width > 0 && known.height > 0 && known.width < 100000 && known.height < 100000) {
			snprintf(num, sizeof num, "%d", known.width);
			put_attr(w, "width", num);
			snprintf(num, sizeof num, "%d", known.height);
			put_attr(w, "height", num);
		} else {
			if (is_number(wv, 5, false))
				put_attr(w, "width", wv);
			if (is_number(hv, 5, false))
				put_attr(w, "height", hv);
		}
		if (!sv && known.srcset && *known.srcset)
			sv = known.srcset;
		if (sv) {
			struct buf set = BUF_INIT;
			if (clean_srcset(&set, sv)) {
				put_attr(w, "srcset", set.data);
				put_attr(w, "sizes", "(max-width: 860px) 100vw, 820px");
			}
			buf_reset(&set);
		}
		/* readers on slow networks: images load as they come into view */
		put_attr(w, "loading", "lazy");
		break;
	}
	case AT_CELL:
		if (is_number(v = attr(el, "colspan"), 4, false))
			put_attr(w, "colspan", v);
		if (is_number(v = attr(el, "rowspan"), 4, false))
			put_attr(w, "rowspan", v);
		break;
	case AT_OL:
		if (is_number(v = attr(el, "start"), 9, true))
			put_attr(w, "start", v);
		break;
	case AT_NONE:
		break;
	}
	buf_addch(w->out, '>');
done:
	buf_reset(&url);
	return ok;
}

struct frame {
	const GumboNode *node;
	unsigned next;          /* index of the next child to visit */
	const char *close;      /* end tag to write, NULL when unwrapped */
	bool is_a;
};

struct stack {
	struct frame *f;
	size_t n, cap;
};

static void push(struct stack *s, const GumboNode *node, const char *close, bool is_a)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct frame *f = realloc(s->f, cap * sizeof *f);
		if (!f)
			abort();
		s->f = f;
		s->cap = cap;
	}
	s->f[s->n++] = (struct frame){ node, 0, close, is_a };
}

/* Elements whose boundaries do not separate words (nor paragraphs). */
static bool is_inline(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
	case GUMBO_TAG_BIG: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA:
	case GUMBO_TAG_DEL: case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_FONT: case GUMBO_TAG_I:
	case GUMBO_TAG_INS: case GUMBO_TAG_KBD: case GUMBO_TAG_MARK: case GUMBO_TAG_Q: case GUMBO_TAG_S:
	case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRIKE:
	case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_TT:
	case GUMBO_TAG_U: case GUMBO_TAG_VAR: case GUMBO_TAG_WBR: case GUMBO_TAG_UNKNOWN:
		return true;
	default:
		return false;
	}
}

/* Text and inline elements at the top of a body belong in a paragraph:
 * what an editor types into an empty editor arrives as bare text and would
 * run into the next paragraph. w->auto_p says one was opened here. */
static void open_auto_p(struct writer *w)
{
	if (w->wrap && !w->auto_p) {
		flush_text(w);
		buf_adds(w->out, "<p>");
		w->auto_p = true;
		w->auto_p_at = w->out->len;
	}
}

/* Closes the paragraph; one that received nothing (an image whose source
 * was refused) is taken back out. */
static void close_auto_p(struct writer *w)
{
	if (w->auto_p) {
		flush_text(w);
		if (w->out->len == w->auto_p_at)
			buf_setlen(w->out, w->auto_p_at - 3);
		else
			buf_adds(w->out, "</p>");
		w->auto_p = false;
	}
}

static bool has_non_space(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\n\r\f", *s))
			return true;
	return false;
}

/* One sanitizing pass over clean (NFC, valid) html; appends to out. */
static void sanitize_pass(struct buf *out, const char *html, size_t n, bool wrap, sanitize_img_fn img,
			  void *img_ctx)
{
	struct gheap heap = { NULL };
	struct writer w = { .out = out, .a = arena_new(), .pre_at = SIZE_MAX, .wrap = wrap, .img = img,
			    .img_ctx = img_ctx };
	buf_init(&w.text);
	struct stack st = { NULL, 0, 0 };
	int depth = 0, in_a = 0;

	GumboOutput *doc = parse_fragment(&heap, html, n);
	if (!doc)
		goto free_all;
	push(&st, doc->root, NULL, false);
	while (st.n > 0) {
		struct frame *f = &st.f[st.n - 1];
		const GumboVector *kids = &f->node->v.element.children;
		if (f->next >= kids->length) {
			if (f->close) {
				flush_text(&w);
				buf_addf(out, "</%s>", f->close);
				depth--;
				in_a -= f->is_a;
			}
			st.n--;
			continue;
		}
		const GumboNode *child = kids->data[f->next++];
		if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
			if (depth == 0 && child->type == GUMBO_NODE_TEXT && has_non_space(child->v.text.text))
				open_auto_p(&w);
			buf_adds(&w.text, child->v.text.text);
			continue;
		}
		if (child->type != GUMBO_NODE_ELEMENT)
			continue; /* comments, CDATA (foreign content only), templates */
		const GumboElement *el = &child->v.element;
		if (el->tag_namespace != GUMBO_NAMESPACE_HTML)
			continue;
		const char *name;
		enum attrs attrs;
		enum action act = classify(el->tag, &name, &attrs);
		if (act == ACT_DROP)
			continue;
		if (act == ACT_KEEP && (depth >= SAN_MAX_DEPTH || (el->tag == GUMBO_TAG_A && in_a)))
			act = ACT_UNWRAP; /* too deep, or a link inside a link */
		if (depth == 0) {
			if (is_inline(el->tag) || el->tag == GUMBO_TAG_IMG || el->tag == GUMBO_TAG_BR)
				open_auto_p(&w);
			else
				close_auto_p(&w);
		}
		if (act == ACT_UNWRAP) {
			push(&st, child, NULL, false);
			continue;
		}
		if (!put_start_tag(&w, name, attrs, el) || is_void(el->tag))
			continue;
		if (el->tag == GUMBO_TAG_PRE)
			w.pre_at = out->len;
		bool is_a = el->tag == GUMBO_TAG_A;
		push(&st, child, name, is_a);
		depth++;
		in_a += is_a;
	}
	close_auto_p(&w);
	flush_text(&w);
free_all:
	free(st.f);
	gheap_release(&heap);
	buf_reset(&w.text);
	arena_free(w.a);
}

/* The HTML parser's time grows with the square of nesting depth, so input
 * with absurdly many tags is refused before parsing (a real article has a
 * few hundred). Counting tag openings bounds the depth from above. */
static bool too_many_tags(const char *html, size_t n)
{
	size_t tags = 0;
	for (const char *p = html, *end = html + n; (p = memchr(p, '<', (size_t)(end - p))) && p + 1 < end; p++) {
		char c = p[1];
		if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && ++tags > SANITIZE_MAX_TAGS)
			return true;
	}
	return false;
}

static int sanitize(struct buf *out, const char *html, size_t n, bool wrap, sanitize_img_fn img, void *img_ctx)
{
	if (too_many_tags(html, n))
		return LOA_INVALID;
	struct arena *a = arena_new();
	const char *clean = text_clean(a, html, n);
	if (!clean) {
		arena_free(a);
		return LOA_INVALID;
	}
	struct buf cur = BUF_INIT, next = BUF_INIT;
	size_t clean_len = strlen(clean);
	sanitize_pass(&cur, clean, clean_len, wrap, img, img_ctx);
	/* input that was already clean comes back unchanged: then it is a
	 * fixed point and a second parse would only confirm it */
	bool settled = cur.len == clean_len && memcmp(cur.data, clean, clean_len) == 0;
	for (int pass = 1; pass < SAN_MAX_PASSES && !settled; pass++) {
		buf_setlen(&next, 0);
		sanitize_pass(&next, cur.data, cur.len, wrap, img, img_ctx);
		if (next.len == cur.len && memcmp(next.data, cur.data, cur.len) == 0)
			break;
		struct buf t = cur;
		cur = next;
		next = t;
	}
	buf_add(out, cur.data, cur.len);
	buf_reset(&cur);
	buf_reset(&next);
	arena_free(a);
	return LOA_OK;
}

int sanitize_html(struct buf *out, const char *html, size_t n)
{
	return sanitize(out, html, n, false, NULL, NULL);
}

int sanitize_body(struct buf *out, const char *html, size_t n, sanitize_img_fn img, void *img_ctx)
{
	return sanitize(out, html, n, true, img, img_ctx);
}

bool sanitize_body_unsized_img(const char *html, size_t n)
{
	const char *p = html, *end = html + n;
	while ((p = memmem(p, (size_t)(end - p), "<img", 4))) {
		const char *close = memchr(p, '>', (size_t)(end - p));
		if (!close)
			close = end;
		if (!memmem(p, (size_t)(close - p), " srcset=", 8))
			return true;
		p = close;
	}
	return false;
}

bool sanitize_body_bare_top(const char *html, size_t n)
{
	/* the blocks sanitize_html keeps; anything else first is inline */
	static const char *const blocks[] = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote",
					     "figure", "table", "div", "pre", "hr"};
	size_t i = 0;
	while (i < n && strchr(" \t\n\r\f", html[i]))
		i++;
	if (i == n)
		return false;
	if (html[i] != '<')
		return true;
	size_t start = ++i;
	while (i < n && (isalnum((unsigned char)html[i])))
		i++;
	size_t len = i - start;
	if (len == 0 || (i < n && !strchr(" \t\n\r\f/>", html[i])))
		return true;
	for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++)
		if (strlen(blocks[k]) == len && strncasecmp(blocks[k], html + start, len) == 0)
			return false;
	return true;
}

/* ---- plain text ---------------------------------------------------------- */

/* Elements whose boundaries do not separate words. */

/* Appends the text of the tree under root, blocks separated by spaces. */
static void collect_text(struct buf *dst, const GumboNode *root)
{
	struct stack st = { NULL, 0, 0 };
	push(&st, root, NULL, false);
	while (st.n > 0) {
		struct frame *f = &st.f[st.n - 1];
		const GumboVector *kids = &f->node->v.element.children;
		if (f->next >= kids->length) {
			if (f->close)
				buf_addch(dst, ' ');
			st.n--;
			continue;
		}
		const GumboNode *child = kids->data[f->next++];
		if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
			buf_adds(dst, child->v.text.text);
		} else if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
			const char *name;
			enum attrs attrs;
			GumboTag tag = child->v.element.tag;
			if (classify(tag, &name, &attrs) == ACT_DROP)
				continue;
			bool block = !is_inline(tag);
			if (block)
				buf_addch(dst, ' ');
			/* the close marker only needs to be non-NULL for blocks */
			push(&st, child, block ? "" : NULL, false);
		}
	}
	free(st.f);
}

/* Decodes the code point at p, which must be valid UTF-8 (text_clean'ed). */
static uint32_t utf8_next(const char *p, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;
	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*len = 2;
		return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	}
	if (u[0] < 0xF0) {
		*len = 3;
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	}
	*len = 4;
	return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 |
	       (u[3] & 0x3F);
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

void sanitize_text(struct buf *out, const char *html, size_t n, size_t max)
{
	struct arena *a = arena_new();
	struct gheap heap = { NULL };
	struct buf raw = BUF_INIT, flat = BUF_INIT;
	const char *clean = text_clean(a, html, n);
	if (!clean)
		goto free_all;
	GumboOutput *doc = parse_fragment(&heap, clean, strlen(clean));
	if (!doc)
		goto free_all;
	collect_text(&raw, doc->root);
	const char *nfc = text_clean(a, raw.data, raw.len);
	if (!nfc)
		goto free_all;

	/* collapse runs of white space (Unicode spaces included) to one space */
	bool space = true; /* true at the start: leading space is dropped */
	for (const char *p = nfc; *p;) {
		size_t len;
		uint32_t cp = utf8_next(p, &len);
		if (cp == 0xFEFF || cp == 0x200B) {
			p += len; /* byte order mark, zero-width space */
			continue;
		}
		if (is_space(cp)) {
			if (!space)
				buf_addch(&flat, ' ');
			space = true;
		} else {
			buf_add(&flat, p, len);
			space = false;
		}
		p += len;
	}
	if (flat.len && flat.data[flat.len - 1] == ' ')
		buf_setlen(&flat, flat.len - 1);

	if (flat.len <= max) {
		buf_add(out, flat.data, flat.len);
		goto free_all;
	}
	static const char ellipsis[] = "\xE2\x80\xA6"; /* … */
	size_t room = max >= 3 ? max - 3 : max;
	size_t cut = room;
	while (cut > 0 && ((unsigned char)flat.data[cut] & 0xC0) == 0x80)
		cut--;
	/* prefer ending at a word boundary when one is reasonably close */
	size_t word = cut;
	while (word > cut / 2 && flat.data[word] != ' ')
		word--;
	if (word > cut / 2)
		cut = word;
	while (cut > 0 && flat.data[cut - 1] == ' ')
		cut--;
	buf_add(out, flat.data, cut);
	if (max >= 3)
		buf_add(out, ellipsis, 3);
free_all:
	buf_reset(&raw);
	buf_reset(&flat);
	gheap_release(&heap);
	arena_free(a);
}
