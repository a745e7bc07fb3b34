/* dashboard.c — the newsroom's first page: articles waiting for review,
 * scheduled ones, recent activity, visit charts (30 days, 12 months) and
 * the per-editor count of published articles, exportable as CSV. */
#include <stdio.h>
#include <string.h>

#include "admin/adminInt.h"
#include "admin/chart.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/vntime.h"
#include "render/escape.h"
#include "stats/stats.h"

static struct tval *article_rows(struct admin *ad, int status, int64_t created_by, int limit)
{
	struct article *arts;
	size_t n;
	int64_t total;
	struct tval *rows = tv_list(ad->a);
	struct article_filter f = {.site_id = ad->site.id, .status = status, .created_by = created_by, .q = "",
				   .limit = limit};
	if (store_article_admin_list(ad->app->store, &f, ad->a, &arts, &n, &total) == LOA_OK)
		for (size_t i = 0; i < n; i++)
			tv_push(rows, admin_article_row(ad, &arts[i], NULL));
	return rows;
}

struct tval *admin_audit_rows(struct admin *ad, int limit, int offset);
struct tval *admin_audit_rows(struct admin *ad, int limit, int offset)
{
	struct audit_entry *e;
	size_t n;
	struct tval *rows = tv_list(ad->a);
	if (store_audit_list(ad->app->store, ad->site.id, limit, offset, ad->a, &e, &n) != LOA_OK)
		return rows;
	for (size_t i = 0; i < n; i++) {
		struct tval *r = tv_map(ad->a);
		char at[17];
		vn_format_datetime(e[i].at, at);
		tv_set_str(ad->a, r, "at", arena_strdup(ad->a, at));
		tv_set_str(ad->a, r, "user_name", *e[i].user_login ? e[i].user_login : "—");
		tv_set_str(ad->a, r, "action_label", admin_audit_label(e[i].action));
		/* "admin Đăng nhập", not "admin Đăng nhập admin": one's own name is not repeated */
		tv_set_str(ad->a, r, "object", strcmp(e[i].object, e[i].user_login) == 0 ? "" : e[i].object);
		tv_set_str(ad->a, r, "detail", e[i].detail);
		tv_set_str(ad->a, r, "addr", e[i].addr);
		tv_push(rows, r);
	}
	return rows;
}

/* The period of the editors' table: ?tu-ngay=&den-ngay= (dd/mm/yyyy), by
 * default this month up to today. false on a malformed date. */
static bool editor_period(struct admin *ad, int64_t *from_day, int64_t *to_day, const char **from_s,
			  const char **to_s)
{
	struct vn_date d;
	vn_from_unix(ad->now, &d);
	int64_t today = vn_day(ad->now), first;
	vn_day_of(d.year, d.month, 1, &first);
	*from_day = first;
	*to_day = today;
	const char *f = http_req_query(ad->req, "tu-ngay"), *t = http_req_query(ad->req, "den-ngay");
	int64_t v;
	if (f && *f) {
		if (!admin_parse_datetime(f, NULL, &v))
			return false;
		*from_day = vn_day(v);
	}
	if (t && *t) {
		if (!admin_parse_datetime(t, NULL, &v))
			return false;
		*to_day = vn_day(v);
	}
	struct vn_date a, b;
	vn_date_of_day(*from_day, &a);
	vn_date_of_day(*to_day, &b);
	*from_s = arena_printf(ad->a, "%02d/%02d/%04d", a.day, a.month, a.year);
	*to_s = arena_printf(ad->a, "%02d/%02d/%04d", b.day, b.month, b.year);
	return *from_day <= *to_day;
}

static void add_visits(struct admin *ad)
{
	struct arena *a = ad->a;
	int64_t today = vn_day(ad->now);
	struct visit_delta *days;
	size_t n;
	if (store_visits_daily(ad->app->store, ad->site.id, today - 400, today, a, &days, &n) != LOA_OK)
		n = 0;
	struct stats_view live;
	stats_get(ad->app->stats, ad->site.id, ad->site.visits_base, ad->now, &live);
	/* 30 days */
	int64_t v30[30];
	struct chart_bar b30[30];
	memset(v30, 0, sizeof v30);
	for (int i = 0; i < 30; i++) {
		struct vn_date d;
		vn_date_of_day(today - 29 + i, &d);
		b30[i].label = arena_printf(a, "%02d/%02d/%04d", d.day, d.month, d.year);
		b30[i].axis_label = arena_printf(a, "%02d/%02d", d.day, d.month);
	}
	/* 12 months */
	int64_t v12[12];
	struct chart_bar b12[12];
	memset(v12, 0, sizeof v12);
	struct vn_date now_d;
	vn_date_of_day(today, &now_d);
	int month_index0 = now_d.year * 12 + (now_d.month - 1) - 11;
	for (int i = 0; i < 12; i++) {
		int mi = month_index0 + i;
		b12[i].label = arena_printf(a, "tháng %d/%04d", mi % 12 + 1, mi / 12);
		b12[i].axis_label = arena_printf(a, "T%d/%02d", mi % 12 + 1, mi / 12 % 100); /* tháng 1/2026 */
	}
	int64_t month_total = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t k = days[i].day - (today - 29);
		if (k >= 0 && k < 30)
			v30[k] += days[i].visits;
		struct vn_date d;
		vn_date_of_day(days[i].day, &d);
		int mk = d.year * 12 + (d.month - 1) - month_index0;
		if (mk >= 0 && mk < 12)
			v12[mk] += days[i].visits;
		if (d.year == now_d.year && d.month == now_d.month)
			month_total += days[i].visits;
	}
	/* today's figure is live (the flusher may not have written it yet) */
	v30[29] = live.today > v30[29] ? live.today : v30[29];
	struct buf svg = BUF_INIT;
	struct tval *vis = tv_map(a);
	char num[32];
	num_format_vi(live.today, num);
	tv_set_str(a, vis, "today", arena_strdup(a, num));
	num_format_vi(month_total, num);
	tv_set_str(a, vis, "month", arena_strdup(a, num));
	num_format_vi(live.total, num);
	tv_set_str(a, vis, "total", arena_strdup(a, num));
	for (int i = 0; i < 30; i++)
		b30[i].value = v30[i];
	for (int i = 0; i < 12; i++)
		b12[i].value = v12[i];
	chart_bars_svg(&svg, "Lượt truy cập 30 ngày qua", b30, 30, 6);
	tv_set(vis, "chart_days", tv_html(a, arena_strndup(a, svg.data, svg.len)));
	buf_setlen(&svg, 0);
	chart_bars_svg(&svg, "Lượt truy cập 12 tháng qua", b12, 12, 2);
	tv_set(vis, "chart_months", tv_html(a, arena_strndup(a, svg.data, svg.len)));
	buf_reset(&svg);
	tv_set(ad->root, "visits", vis);
}

void admin_dashboard(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	tv_set(ad->root, "pending", article_rows(ad, ARTICLE_PENDING, 0, 10));
	tv_set(ad->root, "scheduled", article_rows(ad, ARTICLE_SCHEDULED, 0, 10));
	tv_set(ad->root, "mine", article_rows(ad, -1, ad->user.id, 10));
	tv_set(ad->root, "activity", admin_is_approver(ad) ? admin_audit_rows(ad, 15, 0) : tv_list(a));
	add_visits(ad);
	int64_t from, to;
	const char *fs, *ts;
	struct tval *ed = tv_map(a), *rows = tv_list(a);
	if (!editor_period(ad, &from, &to, &fs, &ts)) {
		/* show the message and this month's table */
		tv_set_str(a, ed, "error", "Khoảng thời gian không hợp lệ: hãy nhập ngày/tháng/năm (ví dụ 01/09/2026 hoặc 1.9.2026), từ ngày trước đến ngày.");
		struct vn_date d;
		vn_from_unix(ad->now, &d);
		vn_day_of(d.year, d.month, 1, &from);
		to = vn_day(ad->now);
		fs = arena_printf(a, "01/%02d/%04d", d.month, d.year);
		ts = arena_printf(a, "%02d/%02d/%04d", d.day, d.month, d.year);
	}
	struct editor_count *ec;
	size_t n;
	if (store_editor_counts(ad->app->store, ad->site.id, vn_day_start(from), vn_day_start(to + 1), a, &ec, &n) == LOA_OK)
		for (size_t i = 0; i < n; i++) {
			struct tval *r = tv_map(a);
			tv_set_str(a, r, "name", ec[i].name);
			tv_set_str(a, r, "login", ec[i].login);
			tv_set_int(a, r, "published", ec[i].published);
			tv_push(rows, r);
		}
	tv_set_str(a, ed, "from", fs);
	tv_set_str(a, ed, "to", ts);
	tv_set(ed, "rows", rows);
	tv_set_str(a, ed, "csv_url", arena_printf(a, "/quan-tri/thong-ke.csv?tu-ngay=%s&den-ngay=%s", fs, ts));
	tv_set(ad->root, "editors", ed);
	admin_legal_warning(ad);
	admin_finish(ad, "dashboard", "Bảng điều khiển", 200);
}

/* A CSV field: quoted, quotes doubled, and a leading = + - @ neutralized
 * so a spreadsheet never runs it as a formula. */
void admin_stats_csv(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	int64_t from, to;
	const char *fs, *ts;
	if (!editor_period(ad, &from, &to, &fs, &ts)) {
		admin_error(ad, 400, "Khoảng thời gian không hợp lệ: hãy nhập ngày/tháng/năm (ví dụ 01/09/2026 hoặc 1.9.2026), từ ngày trước đến ngày.");
		return;
	}
	struct editor_count *ec;
	size_t n;
	if (store_editor_counts(ad->app->store, ad->site.id, vn_day_start(from), vn_day_start(to + 1), ad->a, &ec, &n) != LOA_OK)
		n = 0;
	struct buf b = BUF_INIT;
	buf_adds(&b, "\xEF\xBB\xBF"); /* a BOM: Excel then reads the Vietnamese as UTF-8 */
	buf_adds(&b, "\"Họ tên\",\"Tên đăng nhập\",\"Số bài đã đăng\",\"Từ ngày\",\"Đến ngày\"\r\n");
	for (size_t i = 0; i < n; i++) {
		esc_csv(&b, ec[i].name);
		buf_addch(&b, ',');
		esc_csv(&b, ec[i].login);
		buf_addf(&b, ",%lld,", (long long)ec[i].published);
		esc_csv(&b, fs);
		buf_addch(&b, ',');
		esc_csv(&b, ts);
		buf_adds(&b, "\r\n");
	}
	http_header(req, "content-disposition", "attachment; filename=\"thong-ke-bien-tap.csv\"");
	http_send(req, 200, "text/csv; charset=utf-8", b.data, b.len, 0);
	buf_reset(&b);
}
