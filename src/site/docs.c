/* docs.c — "Văn bản" on the public site: the register (/van-ban) with
 * facets that combine (?loai, ?co-quan, ?linh-vuc, ?nam, ?hieu-luc), each
 * showing its counts, a search box (?tim=) and pages; a document's page
 * (/van-ban/{slug}-{id}) with its fields, validity, relations both ways,
 * attachments and full text.
 *
 * The list is built from every published document of the site
 * (store_doc_all, without full texts): the domain (docs.h) tells each
 * one's validity on today's date and whether it passes the filter, so the
 * rule lives in one place. A search puts documents whose number folds to
 * the query first (exact, then by its leading words), then those the
 * full-text index finds, best first. Both pages are cacheable: they change
 * with content (the triggers of migration 11) and with the day, and the
 * page cache keeps nothing longer than a minute. */
#include <string.h>

#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "docs/docs.h"
#include "files/files.h"
#include "render/escape.h"
#include "search/search.h"
#include "site/siteInt.h"
#include "store/store_docs.h"

#define PER_PAGE 15
#define SEARCH_LIMIT 500

/* The query parameters of the facets, in enum docs_facet's order. */
static const char *const facet_params[DF_COUNT] = {"loai", "co-quan", "linh-vuc", "nam", "hieu-luc"};
static const char *const facet_labels[DF_COUNT] = {"Loại văn bản", "Cơ quan ban hành", "Lĩnh vực", "Năm ban hành",
						   "Hiệu lực"};

/* Reads the facets from the query; false on a malformed value (404). */
static bool read_filter(struct http_req *req, struct docs_filter *f)
{
	memset(f, 0, sizeof *f);
	for (int i = 0; i < DF_COUNT; i++) {
		const char *v = http_req_query(req, facet_params[i]);
		if (!v || !*v)
			continue;
		if (i == DF_VALIDITY) {
			int k = docs_validity_of_key(v);
			if (k < 0)
				return false;
			f->v[i] = k + 1;
		} else if (!num_parse_i64(v, 1, i == DF_YEAR ? 9999 : INT64_MAX, &f->v[i])) {
			return false;
		}
	}
	return true;
}

/* "/van-ban?..." with the filter's values, facet `set` replaced by value
 * (0: dropped), the search kept. */
static const char *list_url(struct arena *a, const struct docs_filter *f, int set, int64_t value, const char *q)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "/van-ban");
	char sep = '?';
	for (int i = 0; i < DF_COUNT; i++) {
		int64_t v = i == set ? value : f->v[i];
		if (!v)
			continue;
		if (i == DF_VALIDITY)
			buf_addf(&b, "%c%s=%s", sep, facet_params[i], docs_validity_key((int)v - 1));
		else
			buf_addf(&b, "%c%s=%lld", sep, facet_params[i], (long long)v);
		sep = '&';
	}
	if (q && *q) {
		buf_addf(&b, "%ctim=", sep);
		esc_url_component(&b, q, strlen(q));
	}
	const char *s = arena_strndup(a, b.data, b.len);
	buf_reset(&b);
	return s;
}

/* The display name of value v of facet f. */
static const char *value_label(struct arena *a, int f, int64_t v, const struct doc_term *terms, size_t nterms)
{
	if (f == DF_YEAR)
		return arena_printf(a, "%lld", (long long)v);
	if (f == DF_VALIDITY)
		return docs_validity_label((int)v - 1);
	for (size_t i = 0; i < nterms; i++)
		if (terms[i].id == v)
			return terms[i].name;
	return "";
}

struct count {
	int64_t value, n;
};

/* Counts, for facet f, the documents passing every other facet. */
static struct tval *facet_tv(struct page *p, int f, const struct docs_filter *flt, const struct document *docs,
			     const bool *hit, size_t n, const struct doc_term *terms, size_t nterms, const char *q)
{
	struct arena *a = p->a;
	int64_t today = vn_day(p->now);
	struct count *c = arena_alloc(a, (n + 1) * sizeof *c);
	size_t nc = 0;
	for (size_t i = 0; i < n; i++) {
		if (!hit[i] || !docs_filter_match(flt, &docs[i], today, f))
			continue;
		int64_t v = docs_facet_value(&docs[i], f, today);
		if (!v)
			continue;
		size_t k = 0;
		while (k < nc && c[k].value != v)
			k++;
		if (k == nc)
			c[nc++] = (struct count){v, 0};
		c[k].n++;
	}
	/* years newest first; validity in its order; terms as listed */
	for (size_t i = 1; i < nc; i++)
		for (size_t k = i; k > 0; k--) {
			bool swap = f == DF_YEAR ? c[k].value > c[k - 1].value : c[k].value < c[k - 1].value;
			if (f < DF_YEAR) {
				size_t pk = 0, pl = 0;
				for (size_t t = 0; t < nterms; t++) {
					if (terms[t].id == c[k].value)
						pk = t;
					if (terms[t].id == c[k - 1].value)
						pl = t;
				}
				swap = pk < pl;
			}
			if (!swap)
				break;
			struct count tmp = c[k];
			c[k] = c[k - 1];
			c[k - 1] = tmp;
		}
	struct tval *t = tv_map(a), *items = tv_list(a);
	tv_set_str(a, t, "label", facet_labels[f]);
	tv_set_str(a, t, "param", facet_params[f]);
	for (size_t i = 0; i < nc; i++) {
		struct tval *it = tv_map(a);
		bool cur = flt->v[f] == c[i].value;
		tv_set_str(a, it, "label", value_label(a, f, c[i].value, terms, nterms));
		tv_set_int(a, it, "count", c[i].n);
		tv_set_bool(a, it, "current", cur);
		tv_set_str(a, it, "url", list_url(a, flt, f, cur ? 0 : c[i].value, q));
		tv_push(items, it);
	}
	tv_set(t, "items", items);
	tv_set_bool(a, t, "has_items", nc > 0);
	tv_set_bool(a, t, "active", flt->v[f] != 0);
	if (flt->v[f])
		tv_set_str(a, t, "clear_url", list_url(a, flt, f, 0, q));
	return t;
}

/* The fields of a document every page shows. */
static struct tval *doc_tv(struct page *p, const struct document *d)
{
	struct arena *a = p->a;
	struct tval *t = tv_map(a);
	int v = docs_validity(d, vn_day(p->now));
	tv_set_int(a, t, "id", d->id);
	tv_set_str(a, t, "number", d->number);
	tv_set_str(a, t, "url", docs_path(a, d->id, d->slug));
	tv_set_str(a, t, "type", d->type_name);
	tv_set_str(a, t, "issuer", d->issuer_name);
	tv_set_str(a, t, "field", d->field_name);
	tv_set_str(a, t, "signer", d->signer);
	tv_set_str(a, t, "summary", d->summary);
	tv_set_str(a, t, "issued", docs_day_text(a, d->issued_day));
	tv_set_str(a, t, "effective", docs_day_text(a, d->effective_day));
	tv_set_str(a, t, "expires", docs_day_text(a, d->expires_day));
	tv_set_str(a, t, "validity", docs_validity_key(v));
	tv_set_str(a, t, "validity_label", docs_validity_label(v));
	tv_set_int(a, t, "files", d->files);
	return t;
}

/* Marks the documents a search finds and gives each a rank (lower
 * first): the number's exact key, then its leading words, then the
 * full-text order. */
static void search_docs(struct page *p, const char *q, const struct document *docs, size_t n, bool *hit, int *rank)
{
	const char *key = docs_key(p->a, q);
	for (size_t i = 0; i < n; i++) {
		int m = docs_number_match(docs[i].number_key, key);
		hit[i] = m > 0;
		rank[i] = m == 2 ? 0 : m == 1 ? 1 : 1 << 30;
	}
	struct search_query sq;
	search_query_parse(&sq, q, strlen(q));
	if (!search_query_has_keywords(&sq))
		return;
	struct search_plan plan;
	struct buf m = BUF_INIT;
	search_query_match(&m, &sq, &plan);
	int64_t *ids;
	size_t nid = 0;
	if (store_doc_search(p->app->store, p->site.id, m.data, true, SEARCH_LIMIT, p->a, &ids, &nid) != LOA_OK)
		nid = 0;
	buf_reset(&m);
	for (size_t k = 0; k < nid; k++)
		for (size_t i = 0; i < n; i++)
			if (docs[i].id == ids[k] && !hit[i]) {
				hit[i] = true;
				rank[i] = 2 + (int)k;
			}
}

/* The register's order: the documents of docs[0..n) that the search q
 * (when `searching`) and the filter let through, into order[] (room for
 * n); returns their count. hit[] (room for n) gets the documents the
 * search alone finds, which the facets count among. By rank when
 * searching (stable: issue date breaks ties, as the store gave them),
 * else newest issued first. */
static size_t docs_order(struct page *p, const char *q, bool searching, const struct docs_filter *flt,
			 const struct document *docs, size_t n, bool *hit, size_t *order)
{
	int *rank = arena_alloc(p->a, (n + 1) * sizeof *rank);
	for (size_t i = 0; i < n; i++) {
		hit[i] = true;
		rank[i] = 0;
	}
	if (searching)
		search_docs(p, q, docs, n, hit, rank);
	int64_t today = vn_day(p->now);
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		if (hit[i] && docs_filter_match(flt, &docs[i], today, -1))
			order[total++] = i;
	for (size_t i = 1; searching && i < total; i++)
		for (size_t k = i; k > 0 && rank[order[k]] < rank[order[k - 1]]; k--) {
			size_t t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	return total;
}

struct tval *site_docs_found(struct page *p, const char *q, size_t limit, int64_t *total)
{
	struct arena *a = p->a;
	struct tval *list = tv_list(a);
	*total = 0;
	struct document *docs;
	size_t n = 0;
	if (!*docs_key(a, q) || store_doc_all(p->app->store, p->site.id, true, a, &docs, &n) != LOA_OK || !n)
		return list;
	struct docs_filter none;
	memset(&none, 0, sizeof none);
	bool *hit = arena_alloc(a, n * sizeof *hit);
	size_t *order = arena_alloc(a, n * sizeof *order);
	size_t found = docs_order(p, q, true, &none, docs, n, hit, order);
	for (size_t i = 0; i < found && i < limit; i++)
		tv_push(list, doc_tv(p, &docs[order[i]]));
	*total = (int64_t)found;
	return list;
}

void site_docs_list(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	int cur;
	struct docs_filter flt;
	if (!page_number(&p, &cur) || !read_filter(req, &flt)) {
		page_not_found(&p);
		return;
	}
	const char *q = http_req_query(req, "tim");
	if (q && strlen(q) > SEARCH_MAX_QUERY) {
		page_bad_request(&p, "Từ khóa tìm kiếm quá dài (tối đa 500 ký tự).");
		return;
	}
	bool searching = q && *docs_key(a, q);
	struct document *docs;
	size_t n = 0;
	if (store_doc_all(p.app->store, p.site.id, true, a, &docs, &n) != LOA_OK)
		n = 0;
	struct doc_term *terms;
	size_t nterms = 0;
	if (store_doc_term_list(p.app->store, p.site.id, -1, a, &terms, &nterms) != LOA_OK)
		nterms = 0;
	bool *hit = arena_alloc(a, (n + 1) * sizeof *hit);
	size_t *order = arena_alloc(a, (n + 1) * sizeof *order);
	size_t total = docs_order(&p, q, searching, &flt, docs, n, hit, order);
	size_t from = (size_t)(cur - 1) * PER_PAGE;
	if (cur > 1 && from >= total) {
		page_not_found(&p);
		return;
	}
	struct tval *list = tv_list(a);
	for (size_t i = from; i < total && i < from + PER_PAGE; i++)
		tv_push(list, doc_tv(&p, &docs[order[i]]));
	tv_set(p.root, "docs", list);
	tv_set_int(a, p.root, "total", (int64_t)total);
	struct tval *facets = tv_list(a);
	bool any = false;
	for (int f = 0; f < DF_COUNT; f++) {
		tv_push(facets, facet_tv(&p, f, &flt, docs, hit, n, terms, nterms, q));
		any |= flt.v[f] != 0;
	}
	tv_set(p.root, "facets", facets);
	tv_set_bool(a, p.root, "filtered", any || searching);
	tv_set_str(a, p.root, "query", q ? q : "");
	tv_set_str(a, p.root, "clear_url", "/van-ban");
	const char *base = list_url(a, &flt, -1, 0, q);
	page_pager(&p, base, cur, (int64_t)total, PER_PAGE);
	tv_set_str(a, p.page, "rss_url", arena_printf(a, "%s/van-ban/rss.xml", p.base_url));
	page_set_meta(&p, "Văn bản",
		      "Hệ thống văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành: tra cứu theo số, ký hiệu, loại, "
		      "cơ quan ban hành, lĩnh vực và hiệu lực.",
		      base);
	page_finish(&p, "docs_list", 200);
}

static const char *link_label(const struct doc_link *l)
{
	if (l->kind == DOC_REPLACES)
		return l->outgoing ? "Thay thế văn bản" : "Bị thay thế bởi";
	return l->outgoing ? "Sửa đổi, bổ sung văn bản" : "Được sửa đổi, bổ sung bởi";
}

void site_docs_detail(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	struct document d;
	int64_t id;
	const char *seg = http_req_param(req, 0);
	if (!seg || !docs_parse_slug_id(seg, &id) || store_doc_get(p.app->store, p.site.id, id, a, &d) != LOA_OK ||
	    !d.published) {
		page_not_found(&p);
		return;
	}
	const char *path = docs_path(a, d.id, d.slug);
	if (strcmp(http_req_path(req), path) != 0) {
		http_redirect(req, 301, path);
		return;
	}
	struct tval *t = doc_tv(&p, &d);
	tv_set(t, "body", page_body(&p, d.body_html));
	tv_set_bool(a, t, "has_body", *d.body_html != '\0');
	struct doc_link *links;
	size_t nl = 0;
	if (store_doc_links(p.app->store, p.site.id, d.id, a, &links, &nl) != LOA_OK)
		nl = 0;
	struct tval *rel = tv_list(a);
	for (size_t i = 0; i < nl; i++) {
		if (!links[i].published)
			continue;
		struct tval *r = tv_map(a);
		tv_set_str(a, r, "label", link_label(&links[i]));
		tv_set_str(a, r, "number", links[i].number);
		tv_set_str(a, r, "summary", links[i].summary);
		tv_set_str(a, r, "date", docs_day_text(a, links[i].issued_day));
		tv_set_str(a, r, "url", docs_path(a, links[i].other_id, links[i].slug));
		tv_push(rel, r);
	}
	tv_set(t, "relations", rel);
	tv_set_bool(a, t, "has_relations", tv_len(rel) > 0);
	struct stored_file *files;
	size_t nf = 0;
	if (store_doc_files(p.app->store, p.site.id, d.id, a, &files, &nf) != LOA_OK)
		nf = 0;
	struct tval *fl = tv_list(a);
	for (size_t i = 0; i < nf; i++)
		tv_push(fl, site_file_item(&p, &files[i]));
	tv_set(t, "files", fl);
	tv_set_bool(a, t, "has_files", nf > 0);
	tv_set(p.root, "doc", t);
	page_set_meta(&p, arena_printf(a, "%s %s", *d.type_name ? d.type_name : "Văn bản", d.number), d.summary, path);
	page_finish(&p, "docs_detail", 200);
}
