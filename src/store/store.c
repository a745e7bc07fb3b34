/* store.c — the public face of the storage layer: picks a backend when a
 * database is opened and forwards every call through its table of
 * operations (storeInt.h). Rules that do not depend on the database
 * (reserved slugs, host and name normalisation, tree order of categories)
 * live at the end of this file so every backend applies them alike. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "store/storeInt.h"

struct store *store_open(const char *path, bool create, char **err)
{
	return store_sqlite_open(path, create, err);
}

void store_close(struct store *st)
{
	if (st)
		st->ops->close(st);
}

int store_content_version(struct store *st, int64_t *out)
{
	return st->ops->content_version(st, out);
}

int store_begin(struct store *st)
{
	return st->ops->begin(st);
}

int store_commit(struct store *st)
{
	return st->ops->commit(st);
}

int store_rollback(struct store *st)
{
	return st->ops->rollback(st);
}

int store_site_for_host(struct store *st, const char *host, struct arena *a, struct site *out)
{
	return st->ops->site_for_host(st, host, a, out);
}

int store_site_get(struct store *st, int64_t id, struct arena *a, struct site *out)
{
	return st->ops->site_get(st, id, a, out);
}

int store_site_list(struct store *st, struct arena *a, struct site **out, size_t *n)
{
	return st->ops->site_list(st, a, out, n);
}

int store_site_create(struct store *st, const struct site *s, int64_t *id, const char **err)
{
	return st->ops->site_create(st, s, id, err);
}

int store_site_update(struct store *st, const struct site *s)
{
	return st->ops->site_update(st, s);
}

int store_category_list(struct store *st, int64_t site_id, struct arena *a, struct category **out, size_t *n)
{
	return st->ops->category_list(st, site_id, a, out, n);
}

int store_category_by_slug(struct store *st, int64_t site_id, const char *slug, struct arena *a,
			   struct category *out)
{
	return st->ops->category_by_slug(st, site_id, slug, a, out);
}

int store_category_ensure_path(struct store *st, int64_t site_id, const char *path, int64_t *id,
			       const char **err)
{
	return st->ops->category_ensure_path(st, site_id, path, id, err);
}

int store_article_get(struct store *st, int64_t site_id, int64_t id, struct arena *a, struct article *out)
{
	return st->ops->article_get(st, site_id, id, a, out);
}

int store_article_list(struct store *st, const struct article_query *q, struct arena *a, struct article **out,
		       size_t *n, int64_t *total)
{
	return st->ops->article_list(st, q, a, out, n, total);
}

int store_article_hot(struct store *st, int64_t site_id, int64_t since, int64_t now, int limit, struct arena *a,
		      struct article **out, size_t *n)
{
	return st->ops->article_hot(st, site_id, since, now, limit, a, out, n);
}

int store_article_upsert(struct store *st, const struct article *art, int64_t *id, bool *created,
			 const char **err)
{
	return st->ops->article_upsert(st, art, id, created, err);
}

int store_views_add(struct store *st, const struct view_delta *d, size_t n)
{
	return st->ops->views_add(st, d, n);
}

int store_article_delete(struct store *st, int64_t site_id, int64_t id)
{
	return st->ops->article_delete(st, site_id, id);
}

int store_search(struct store *st, const struct search_request *rq, struct arena *a, struct search_hit **out,
		 size_t *n, int64_t *total)
{
	return st->ops->search(st, rq, a, out, n, total);
}

int store_suggest(struct store *st, int64_t site_id, const char *q, int64_t now, int limit, struct arena *a,
		  struct article **out, size_t *n)
{
	return st->ops->suggest(st, site_id, q, now, limit, a, out, n);
}

int store_reindex(struct store *st, void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx)
{
	return st->ops->reindex(st, progress, ctx);
}

int store_calendar_range(struct store *st, int64_t site_id, int64_t from_day, int64_t to_day, struct arena *a,
			 struct cal_item **out, size_t *n)
{
	return st->ops->calendar_range(st, site_id, from_day, to_day, a, out, n);
}

int store_calendar_add(struct store *st, const struct cal_item *it, int64_t *id)
{
	return st->ops->calendar_add(st, it, id);
}

int store_link_list(struct store *st, int64_t site_id, struct arena *a, struct link **out, size_t *n)
{
	return st->ops->link_list(st, site_id, a, out, n);
}

int store_link_add(struct store *st, const struct link *l, int64_t *id)
{
	return st->ops->link_add(st, l, id);
}

int store_media_add(struct store *st, const struct media *m, int64_t *id)
{
	return st->ops->media_add(st, m, id);
}

int store_visits_get(struct store *st, int64_t site_id, int64_t day, int64_t *today, int64_t *total)
{
	return st->ops->visits_get(st, site_id, day, today, total);
}

int store_visits_add(struct store *st, const struct visit_delta *d, size_t n)
{
	return st->ops->visits_add(st, d, n);
}

int store_snapshot(struct store *st, const char *path, char **err)
{
	return st->ops->snapshot(st, path, err);
}

int store_check(struct store *st, struct buf *problems)
{
	return st->ops->check(st, problems);
}

int store_file_refs(struct store *st, int (*fn)(void *ctx, const char *area, const char *relpath), void *ctx)
{
	return st->ops->file_refs(st, fn, ctx);
}

int store_schema_version(struct store *st, int64_t *out)
{
	return st->ops->schema_version(st, out);
}

/* ---- rules shared by every backend (declared in storeInt.h) ---- */

/* Length of the whitespace character at s (ASCII space and controls \t..\r,
 * or U+00A0 NO-BREAK SPACE, common in text copied from old portals), or 0. */
static size_t space_len(const char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

/* Trims s in place and turns every run of whitespace inside it into one
 * space. */
void store_name_squeeze(char *s)
{
	char *w = s;
	bool pending = false;
	for (const char *r = s; *r;) {
		size_t k = space_len(r);
		if (k) {
			pending = w != s;
			r += k;
			continue;
		}
		if (pending)
			*w++ = ' ';
		pending = false;
		*w++ = *r++;
	}
	*w = '\0';
}

bool store_blank(const char *s)
{
	if (!s)
		return true;
	while (*s) {
		size_t k = space_len(s);
		if (!k)
			return false;
		s += k;
	}
	return true;
}

/* Host as sites store it: trimmed, lower-case, without port or final dot.
 * "[::1]:8080" keeps its brackets. */
void store_host_normalize(struct buf *out, const char *host)
{
	const char *s = host ? host : "";
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n;
	if (*s == '[') {
		const char *close = strchr(s, ']');
		n = close ? (size_t)(close - s) + 1 : strlen(s);
	} else {
		n = strcspn(s, ": \t\r\n/");
	}
	while (n > 0 && s[n - 1] == '.')
		n--;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		buf_addch(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
	}
}

#define NONE SIZE_MAX

struct id_index {
	int64_t id;
	size_t at;
};

static int id_index_cmp(const void *x, const void *y)
{
	const struct id_index *p = x, *q = y;
	return (p->id > q->id) - (p->id < q->id);
}

/* Reorders c[0..n) (given in sibling order: position, name) for a tree
 * walk: each parent, then its subtree, then its next sibling. A category
 * whose parent is missing counts as top level; rows caught in a parent
 * cycle (only possible in a damaged database) are appended at the end so
 * nothing is lost. */
void store_category_tree_order(struct category *c, size_t n)
{
	if (n < 2)
		return;
	struct id_index *idx = malloc(n * sizeof *idx);
	size_t *first = malloc(n * sizeof *first);
	size_t *next = malloc(n * sizeof *next);
	size_t *stack = malloc(n * sizeof *stack);
	struct category *out = malloc(n * sizeof *out);
	bool *seen = calloc(n, sizeof *seen);
	if (!idx || !first || !next || !stack || !out || !seen)
		abort();
	for (size_t i = 0; i < n; i++) {
		idx[i] = (struct id_index){c[i].id, i};
		first[i] = next[i] = NONE;
	}
	qsort(idx, n, sizeof *idx, id_index_cmp);

	/* Backwards, so prepending keeps each sibling list in input order. */
	size_t roots = NONE;
	for (size_t i = n; i-- > 0;) {
		size_t p = NONE;
		if (c[i].parent_id) {
			struct id_index key = {c[i].parent_id, 0};
			struct id_index *hit = bsearch(&key, idx, n, sizeof *idx, id_index_cmp);
			if (hit && hit->at != i)
				p = hit->at;
		}
		size_t *head = p == NONE ? &roots : &first[p];
		next[i] = *head;
		*head = i;
	}

	size_t m = 0, sp = 0, cur = roots;
	while (cur != NONE) {
		out[m++] = c[cur];
		seen[cur] = true;
		if (first[cur] != NONE) {
			stack[sp++] = cur;
			cur = first[cur];
			continue;
		}
		while (next[cur] == NONE && sp > 0)
			cur = stack[--sp];
		cur = next[cur];
	}
	for (size_t i = 0; i < n; i++)
		if (!seen[i])
			out[m++] = c[i];
	memcpy(c, out, n * sizeof *c);
	free(seen);
	free(out);
	free(stack);
	free(next);
	free(first);
	free(idx);
}

/* First path segments the public site and the newsroom route themselves;
 * a category slug equal to one of them would be unreachable. */
static const char *const reserved_slugs[] = {
	"tim-kiem", "lich-cong-tac", "static",   "media",       "rss",  "rss.xml", "sitemap.xml", "robots.txt",
	"quan-tri", "hoi-dap",       "in",       "api",         "favicon.ico", "gop-y", "phan-hoi",
	"tiep-can-thong-tin",
	"gioi-thieu", "co-cau-to-chuc", "lanh-dao", "danh-ba", "en",
};

bool store_slug_reserved(const char *slug)
{
	if (!slug)
		return false;
	for (size_t i = 0; i < sizeof reserved_slugs / sizeof reserved_slugs[0]; i++)
		if (strcmp(slug, reserved_slugs[i]) == 0)
			return true;
	return false;
}
