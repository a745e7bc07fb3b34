/* search.c — "Tìm kiếm theo chuyên mục - nội dung - ngày tháng": the search
 * page (/tim-kiem) and title suggestions as you type (/tim-kiem/goi-y).
 *
 * Parameters (bookmarkable, linked by other sites): q, chuyen-muc (category
 * slug, its subcategories included), tu-ngay and den-ngay (dd/mm/yyyy,
 * Vietnam time, both days included), sap-xep (lien-quan | moi-nhat), trang.
 * Above the articles, the register's best few documents for q (as
 * /van-ban?tim=q ranks them, a number typed any way first) with a link to
 * all of them; the category and dates are the articles' filters only.
 * Bad input gets a Vietnamese message and 400, never a server error. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "render/escape.h"
#include "search/search.h"
#include "site/siteInt.h"

#define PER_PAGE 10
#define SUGGESTIONS 8
#define DOCS_SHOWN 3 /* documents of the register above the articles */

/* True when the raw query string carries parameter `name` at all (so a
 * NULL from http_req_query means "not valid UTF-8", not "absent"). */
static bool param_sent(struct http_req *req, const char *name)
{
	const char *q = strchr(http_req_raw_path(req), '?');
	size_t n = strlen(name);
	while (q) {
		q++;
		if (strncmp(q, name, n) == 0 && (q[n] == '=' || q[n] == '&' || q[n] == '\0'))
			return true;
		q = strchr(q, '&');
	}
	return false;
}


static const char *trimmed(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

/* The URL of this search on page n (other parameters kept). */
static const char *search_url(struct page *p, const char *q, const char *cat, const char *from, const char *to,
			      bool newest)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "/tim-kiem?q=");
	esc_url_component(&b, q, strlen(q));
	if (*cat) {
		buf_adds(&b, "&chuyen-muc=");
		esc_url_component(&b, cat, strlen(cat));
	}
	if (*from) {
		buf_adds(&b, "&tu-ngay=");
		esc_url_component(&b, from, strlen(from));
	}
	if (*to) {
		buf_adds(&b, "&den-ngay=");
		esc_url_component(&b, to, strlen(to));
	}
	if (newest)
		buf_adds(&b, "&sap-xep=moi-nhat");
	const char *out = arena_strndup(p->a, b.data, b.len);
	buf_reset(&b);
	return out;
}

static const char *shown_date(struct arena *a, int64_t day)
{
	char d[11];
	vn_format_date(vn_day_start(day), d);
	return arena_strdup(a, d);
}

static void search_error(struct page *p, struct tval *query, const char *message)
{
	tv_set(p->root, "query", query);
	tv_set_str(p->a, p->root, "message", message);
	tv_set(p->root, "results", tv_list(p->a));
	page_set_meta(p, "Tìm kiếm", "", "/tim-kiem");
	p->no_cache = true;
	page_finish(p, "search", 400);
}

void site_search(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	http_header(req, "x-robots-tag", "noindex");
	const char *q = http_req_query(req, "q"), *cat = http_req_query(req, "chuyen-muc");
	const char *from = http_req_query(req, "tu-ngay"), *to = http_req_query(req, "den-ngay");
	const char *sort = http_req_query(req, "sap-xep"), *trang = http_req_query(req, "trang");
	struct tval *query = tv_map(a);
	tv_set_str(a, query, "q", q ? q : "");
	tv_set_str(a, query, "from", from ? from : "");
	tv_set_str(a, query, "to", to ? to : "");
	tv_set_str(a, query, "category_slug", cat ? cat : "");
	tv_set_bool(a, query, "newest", sort && strcmp(sort, "moi-nhat") == 0);

	static const char *const params[] = {"q", "chuyen-muc", "tu-ngay", "den-ngay", "sap-xep", "trang"};
	for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
		if (param_sent(req, params[i]) && !http_req_query(req, params[i])) {
			search_error(&p, query, "Yêu cầu tìm kiếm có ký tự không hợp lệ (không phải UTF-8). Vui lòng nhập lại.");
			return;
		}
	q = trimmed(a, q ? q : "");
	cat = trimmed(a, cat ? cat : "");
	from = trimmed(a, from ? from : "");
	to = trimmed(a, to ? to : "");
	if (strlen(q) > SEARCH_MAX_QUERY) {
		search_error(&p, query,
			     arena_printf(a, "Từ khóa quá dài: tối đa %d ký tự. Hãy rút gọn nội dung cần tìm.",
					  SEARCH_MAX_QUERY));
		return;
	}
	struct search_request rq = {.site_id = p.site.id, .q = q, .now = p.now, .limit = PER_PAGE};
	rq.newest = sort && strcmp(sort, "moi-nhat") == 0;
	if (*cat) {
		const struct category *c = NULL;
		for (size_t i = 0; i < p.ncats && !c; i++)
			if (strcmp(p.cats[i].slug, cat) == 0)
				c = &p.cats[i];
		if (!c) {
			search_error(&p, query, "Chuyên mục đã chọn không tồn tại. Hãy chọn lại trong danh sách.");
			return;
		}
		rq.category_id = c->id;
	}
	int64_t dfrom = 0, dto = 0;
	if (*from && !vn_parse_dmy(from, &dfrom)) {
		search_error(&p, query, arena_printf(a, "“Từ ngày” không hợp lệ: %s. Hãy nhập ngày/tháng/năm, ví dụ 08/01/2020 hoặc 8.1.2020.", from));
		return;
	}
	if (*to && !vn_parse_dmy(to, &dto)) {
		search_error(&p, query, arena_printf(a, "“Đến ngày” không hợp lệ: %s. Hãy nhập ngày/tháng/năm, ví dụ 08/01/2020 hoặc 8.1.2020.", to));
		return;
	}
	if (*from && *to && dfrom > dto) {
		search_error(&p, query, "“Từ ngày” phải trước hoặc trùng “Đến ngày”.");
		return;
	}
	/* the forms show the dates as they were read: 1/9/26 comes back 01/09/2026 */
	if (*from) {
		rq.from = vn_day_start(dfrom);
		from = shown_date(a, dfrom);
		tv_set_str(a, query, "from", from);
	}
	if (*to) {
		rq.to = vn_day_start(dto + 1);
		to = shown_date(a, dto);
		tv_set_str(a, query, "to", to);
	}
	int64_t page_no = 1;
	if (trang && !num_parse_i64(trang, 1, 10000, &page_no)) {
		search_error(&p, query, "Số trang không hợp lệ.");
		return;
	}
	rq.offset = (int)(page_no - 1) * PER_PAGE;

	struct search_hit *hits;
	size_t n;
	int64_t total = 0;
	if (store_search(p.app->store, &rq, a, &hits, &n, &total) != LOA_OK) {
		search_error(&p, query, "Không thực hiện được tìm kiếm lúc này. Vui lòng thử lại.");
		return;
	}
	/* the register's best few, above the articles (first page only) */
	if (*q && page_no == 1) {
		int64_t ndocs = 0;
		struct tval *docs = site_docs_found(&p, q, DOCS_SHOWN, &ndocs);
		if (ndocs) {
			struct tval *block = tv_map(a);
			struct buf u = BUF_INIT;
			buf_adds(&u, "/van-ban?tim=");
			esc_url_component(&u, q, strlen(q));
			tv_set(block, "items", docs);
			tv_set_int(a, block, "total", ndocs);
			tv_set_str(a, block, "all_url", arena_strndup(a, u.data, u.len));
			buf_reset(&u);
			tv_set(p.root, "docs", block);
		}
	}
	struct tval *results = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *card = page_card(&p, &hits[i].art);
		tv_set(card, "snippet", tv_html(a, hits[i].snippet ? hits[i].snippet : ""));
		tv_push(results, card);
	}
	tv_set(p.root, "query", query);
	tv_set(p.root, "results", results);
	tv_set_int(a, p.root, "total", total);
	tv_set_bool(a, p.root, "empty", total == 0);
	tv_set_bool(a, p.root, "has_keywords", *q != '\0');
	const char *base = search_url(&p, q, cat, from, to, rq.newest);
	struct tval *sorts = tv_map(a);
	tv_set_str(a, sorts, "relevance_url", search_url(&p, q, cat, from, to, false));
	tv_set_str(a, sorts, "newest_url", search_url(&p, q, cat, from, to, true));
	tv_set(p.root, "sort", sorts);
	page_pager(&p, base, (int)page_no, total, PER_PAGE);
	page_set_meta(&p, *q ? arena_printf(a, "Tìm kiếm: %s", q) : "Tìm kiếm", "", base);
	p.no_cache = true;
	page_finish(&p, "search", 200);
}

void site_suggest(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	const char *q = http_req_query(req, "q");
	struct buf b = BUF_INIT;
	int status = 200;
	if (!q && param_sent(req, "q")) {
		buf_adds(&b, "{\"error\":\"Từ khóa không hợp lệ\"}");
		status = 400;
	} else if (q && strlen(q) > SEARCH_MAX_QUERY) {
		buf_adds(&b, "{\"error\":\"Từ khóa quá dài\"}");
		status = 400;
	} else {
		struct article *arts = NULL;
		size_t n = 0;
		q = trimmed(p.a, q ? q : "");
		if (*q && store_suggest(p.app->store, p.site.id, q, p.now, SUGGESTIONS, p.a, &arts, &n) != LOA_OK)
			n = 0;
		buf_adds(&b, "{\"q\":\"");
		esc_json(&b, q, strlen(q));
		buf_adds(&b, "\",\"suggestions\":[");
		for (size_t i = 0; i < n; i++) {
			const char *url = page_article_url(&p, &arts[i]);
			buf_adds(&b, i ? ",{\"title\":\"" : "{\"title\":\"");
			esc_json(&b, arts[i].title, strlen(arts[i].title));
			buf_adds(&b, "\",\"url\":\"");
			esc_json(&b, url, strlen(url));
			buf_adds(&b, "\"}");
		}
		buf_adds(&b, "]}");
	}
	http_header(req, "cache-control", "public, max-age=60");
	http_send(req, status, "application/json; charset=utf-8", b.data, b.len, HTTP_COMPRESS);
	buf_reset(&b);
}
