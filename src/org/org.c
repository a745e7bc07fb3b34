/* org.c — the rules of "Giới thiệu" (org.h): form checks for pages, units
 * and officials, tree order, the directory's search, English fallbacks. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/status.h"
#include "core/text.h"
#include "org/org.h"

void org_error_add(struct org_errors *errs, const char *field, const char *message)
{
	if (errs->n < ORG_MAX_ERRORS && !org_error_of(errs, field)) {
		errs->e[errs->n].field = field;
		errs->e[errs->n].message = message;
		errs->n++;
	}
}

const char *org_error_of(const struct org_errors *errs, const char *field)
{
	for (int i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0)
			return errs->e[i].message;
	return NULL;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

/* s cleaned to NFC and trimmed, an arena copy ("" for NULL); an error for
 * `field` when it is not UTF-8 or longer than max code points (then the
 * text is kept as cleaned, for the form to show it again). */
static const char *clean(struct arena *a, const char *s, size_t max, struct org_errors *errs, const char *field,
			 const char *label)
{
	if (!s)
		return "";
	char *c = text_clean(a, s, strlen(s));
	if (!c) {
		org_error_add(errs, field, arena_printf(a, "%s có ký tự không hợp lệ.", label));
		return "";
	}
	while (*c == ' ' || *c == '\t' || *c == '\n')
		c++;
	size_t n = strlen(c);
	while (n && (c[n - 1] == ' ' || c[n - 1] == '\t' || c[n - 1] == '\n'))
		c[--n] = '\0';
	if (text_length(c, n) > max)
		org_error_add(errs, field, arena_printf(a, "%s dài quá %zu ký tự.", label, max));
	return c;
}

static const char *body(struct arena *a, const char *html, sanitize_img_fn img, void *img_ctx,
			struct org_errors *errs, const char *field)
{
	if (!html || blank(html))
		return "";
	if (strlen(html) > ORG_BODY_MAX) {
		org_error_add(errs, field, "Nội dung quá dài (tối đa 2 MB).");
		return "";
	}
	struct buf b = BUF_INIT;
	const char *out = "";
	if (sanitize_body(&b, html, strlen(html), img, img_ctx) != LOA_OK)
		org_error_add(errs, field, "Nội dung có ký tự hoặc cấu trúc không hợp lệ.");
	else
		out = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	return out;
}

/* The fixed addresses beside /en/{slug} and /gioi-thieu/{slug}. */
static const char *const reserved[] = {"organisation", "leaders", "directory", "rss.xml", "static", "media"};

bool org_slug_reserved(const char *slug)
{
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (strcmp(slug, reserved[i]) == 0)
			return true;
	return false;
}

bool org_page_has_en(const struct org_page *p)
{
	return !blank(p->title_en) && !blank(p->body_en);
}

/* The text of sanitized HTML is empty (only tags and white space). */
static bool html_empty(const char *html)
{
	struct buf b = BUF_INIT;
	sanitize_text(&b, html, strlen(html), 64);
	bool empty = blank(b.data);
	buf_reset(&b);
	return empty && !strstr(html, "<img");
}

void org_page_prepare(struct arena *a, struct org_page *p, sanitize_img_fn img, void *img_ctx,
		      struct org_errors *errs)
{
	p->title = clean(a, p->title, ORG_TITLE_MAX, errs, "title", "Tiêu đề");
	p->title_en = clean(a, p->title_en, ORG_TITLE_MAX, errs, "title_en", "Tiêu đề tiếng Anh");
	if (!*p->title)
		org_error_add(errs, "title", "Hãy nhập tiêu đề trang.");
	p->body_html = body(a, p->body_html, img, img_ctx, errs, "body");
	p->body_en = body(a, p->body_en, img, img_ctx, errs, "body_en");
	if (*p->body_en && html_empty(p->body_en))
		p->body_en = "";
	bool has_title_en = *p->title_en, has_body_en = *p->body_en;
	if (has_title_en && !has_body_en)
		org_error_add(errs, "body_en", "Bản tiếng Anh cần cả nội dung; hãy nhập nội dung hoặc xóa tiêu đề tiếng Anh.");
	else if (!has_title_en && has_body_en)
		org_error_add(errs, "title_en", "Bản tiếng Anh cần cả tiêu đề; hãy nhập tiêu đề tiếng Anh.");

	const char *slug = p->slug ? p->slug : "";
	while (*slug == ' ')
		slug++;
	if (!*slug) {
		struct buf b = BUF_INIT;
		text_slug(&b, *p->title ? p->title : "trang", ORG_SLUG_MAX);
		p->slug = arena_strndup(a, b.data, b.len);
		buf_reset(&b);
	} else {
		size_t n = strlen(slug);
		while (n && slug[n - 1] == ' ')
			n--;
		p->slug = arena_strndup(a, slug, n);
		bool ok = n <= ORG_SLUG_MAX && p->slug[0] != '-' && p->slug[n - 1] != '-';
		for (size_t i = 0; ok && i < n; i++) {
			char c = p->slug[i];
			ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
		}
		if (!ok)
			org_error_add(errs, "slug",
				  "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 80 ký tự).");
	}
	if (org_slug_reserved(p->slug))
		org_error_add(errs, "slug", arena_printf(a, "Đường dẫn “%s” đã dành cho trang khác; hãy chọn đường dẫn khác.",
						     p->slug));
	if (p->position < 0 || p->position > ORG_POSITION_MAX)
		org_error_add(errs, "position", "Thứ tự phải là số nguyên từ 0 đến 100000.");
}

bool org_email_ok(const char *s)
{
	if (!*s)
		return true;
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	if (n > ORG_EMAIL_MAX || !at || at == s || strchr(at + 1, '@'))
		return false;
	const char *dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || !dot[1])
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c >= 0x7f || strchr("\"'<>(),;:\\[]", c))
			return false;
	}
	return true;
}

bool org_phone_ok(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +.-()/,;", *p))
			return false;
	}
	return !*s || (digits >= 3 && strlen(s) <= ORG_PHONE_MAX);
}

/* Contacts shared by units and officials. */
static void contacts(struct arena *a, const char **phone, const char **email, struct org_errors *errs)
{
	*phone = clean(a, *phone, ORG_PHONE_MAX, errs, "phone", "Điện thoại");
	if (!org_phone_ok(*phone))
		org_error_add(errs, "phone", "Số điện thoại chỉ gồm chữ số, dấu cách và + . - ( ) / , ; (ví dụ 0200 3861 205).");
	*email = clean(a, *email, ORG_EMAIL_MAX, errs, "email", "Email");
	if (!org_email_ok(*email))
		org_error_add(errs, "email", "Địa chỉ email không hợp lệ (ví dụ vanphong@xa.gov.vn).");
}

void org_unit_prepare(struct arena *a, struct org_unit *u, struct org_errors *errs)
{
	u->name = clean(a, u->name, ORG_NAME_MAX, errs, "name", "Tên đơn vị");
	if (!*u->name)
		org_error_add(errs, "name", "Hãy nhập tên đơn vị.");
	u->name_en = clean(a, u->name_en, ORG_NAME_MAX, errs, "name_en", "Tên tiếng Anh");
	u->address = clean(a, u->address, ORG_ADDRESS_MAX, errs, "address", "Địa chỉ");
	contacts(a, &u->phone, &u->email, errs);
	u->functions = clean(a, u->functions, ORG_FUNCTIONS_MAX, errs, "functions", "Chức năng, nhiệm vụ");
	u->functions_en = clean(a, u->functions_en, ORG_FUNCTIONS_MAX, errs, "functions_en",
				"Chức năng, nhiệm vụ (tiếng Anh)");
	if (u->position < 0 || u->position > ORG_POSITION_MAX)
		org_error_add(errs, "position", "Thứ tự phải là số nguyên từ 0 đến 100000.");
}

static const struct org_unit *unit_by_id(const struct org_unit *units, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (units[i].id == id)
			return &units[i];
	return NULL;
}

bool org_unit_parent_ok(const struct org_unit *units, size_t n, int64_t id, int64_t parent_id)
{
	if (!parent_id)
		return true;
	/* walk up from the parent: reaching `id` would make a cycle */
	const struct org_unit *u = unit_by_id(units, n, parent_id);
	if (!u)
		return false;
	for (size_t steps = 0; u && steps <= n; steps++) {
		if (id && u->id == id)
			return false;
		u = u->parent_id ? unit_by_id(units, n, u->parent_id) : NULL;
	}
	return true;
}

void org_official_prepare(struct arena *a, struct org_official *o, struct org_errors *errs)
{
	o->name = clean(a, o->name, ORG_NAME_MAX, errs, "name", "Họ và tên");
	if (!*o->name)
		org_error_add(errs, "name", "Hãy nhập họ và tên.");
	o->title = clean(a, o->title, ORG_NAME_MAX, errs, "title", "Chức vụ");
	o->title_en = clean(a, o->title_en, ORG_NAME_MAX, errs, "title_en", "Chức vụ (tiếng Anh)");
	contacts(a, &o->phone, &o->email, errs);
	if (o->position < 0 || o->position > ORG_POSITION_MAX)
		org_error_add(errs, "position", "Thứ tự phải là số nguyên từ 0 đến 100000.");
}

/* ---- tree order ---- */

struct tree_walk {
	const struct org_unit *units;
	size_t n, m;
	size_t *order;
	int *depth;
	bool *seen;
};

/* Emits unit i then its children (in list order), depth-first. n is a few
 * hundred at most: the quadratic scan is simpler than an index. */
static void emit(struct tree_walk *w, size_t i, int depth)
{
	if (w->seen[i])
		return;
	w->seen[i] = true;
	w->order[w->m] = i;
	w->depth[w->m++] = depth;
	for (size_t k = 0; k < w->n; k++)
		if (!w->seen[k] && w->units[k].parent_id == w->units[i].id)
			emit(w, k, depth + 1);
}

void org_tree_order(const struct org_unit *units, size_t n, size_t *order, int *depth)
{
	if (!n)
		return;
	struct tree_walk w = {units, n, 0, order, depth, calloc(n, sizeof(bool))};
	if (!w.seen)
		abort();
	for (size_t i = 0; i < n; i++)
		if (!units[i].parent_id || !unit_by_id(units, n, units[i].parent_id))
			emit(&w, i, 0);
	/* what is left hangs in a cycle: show it at the top level */
	for (size_t i = 0; i < n; i++)
		emit(&w, i, 0);
	free(w.seen);
}

/* ---- the directory's search ---- */

#define MAX_SYL 96

struct syllables {
	struct search_syllable s[MAX_SYL];
	int n;
};

static int collect(void *ctx, const struct search_syllable *syl)
{
	struct syllables *all = ctx;
	if (all->n >= MAX_SYL)
		return 1;
	all->s[all->n++] = *syl;
	return 0;
}

static bool term_found(const struct syllables *all, const struct search_term *t, bool prefix)
{
	size_t tl = strlen(t->folded);
	for (int i = 0; i < all->n; i++) {
		const struct search_syllable *s = &all->s[i];
		if (t->marked ? strcmp(s->key, t->key) == 0 : strcmp(s->folded, t->folded) == 0)
			return true;
		if (prefix && !t->marked && s->folded_len > tl && strncmp(s->folded, t->folded, tl) == 0)
			return true;
	}
	return false;
}

bool org_official_matches(const struct org_official *o, const struct search_query *q)
{
	if (!search_query_has_keywords(q))
		return true;
	struct syllables *all = malloc(sizeof *all);
	if (!all)
		abort();
	all->n = 0;
	const char *fields[3] = {o->name, o->title, o->unit_name};
	for (int f = 0; f < 3; f++)
		if (fields[f])
			search_tokenize(fields[f], strlen(fields[f]), false, collect, all);
	bool ok = true;
	for (int t = 0; ok && t < q->nterms; t++)
		ok = term_found(all, &q->terms[t], t == q->nterms - 1);
	free(all);
	return ok;
}

const char *org_en(const char *en, const char *vi)
{
	return en && !blank(en) ? en : vi ? vi : "";
}
