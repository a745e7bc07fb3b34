/* calendar.c — "Lịch công tác": the leaders' work calendar, a week at a
 * time (Monday to Sunday), with links to the previous and next weeks.
 * ?tuan=YYYY-MM-DD shows the week containing that date. */
#include <stdio.h>
#include <string.h>

#include "core/status.h"
#include "core/vntime.h"
#include "site/siteInt.h"

static const char *session_names[3] = {"Sáng", "Chiều", "Tối"};

static const char *week_url(struct page *p, int64_t monday, int64_t this_monday)
{
	if (monday == this_monday)
		return "/lich-cong-tac";
	struct vn_date d;
	vn_date_of_day(monday, &d);
	return arena_printf(p->a, "/lich-cong-tac?tuan=%04d-%02d-%02d", d.year, d.month, d.day);
}

static const char *dmy(struct page *p, int64_t day)
{
	struct vn_date d;
	vn_date_of_day(day, &d);
	return arena_printf(p->a, "%02d/%02d/%04d", d.day, d.month, d.year);
}

void site_calendar(void *app, struct http_req *req)
{
	struct page p;
	if (site_serve_cached(app, req) || !page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	int64_t today = vn_day(p.now), this_monday = vn_week_monday(today), monday = this_monday;
	const char *w = http_req_query(req, "tuan");
	if (w) {
		int y, m, d, used = 0;
		int64_t day;
		if (sscanf(w, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || w[used] != '\0' || !vn_day_of(y, m, d, &day)) {
			page_bad_request(&p, "Ngày không hợp lệ. Hãy chọn tuần bằng các nút Tuần trước, Tuần này, Tuần sau.");
			return;
		}
		monday = vn_week_monday(day);
	}
	struct cal_item *items;
	size_t n;
	if (store_calendar_range(p.app->store, p.site.id, monday, monday + 6, a, &items, &n) != LOA_OK)
		n = 0;
	struct tval *week = tv_map(a), *days = tv_list(a);
	const char *title = arena_printf(a, "Lịch công tác tuần từ %s đến %s", dmy(&p, monday), dmy(&p, monday + 6));
	tv_set_str(a, week, "title", title);
	tv_set_bool(a, week, "is_current", monday == this_monday);
	tv_set_str(a, week, "prev_url", week_url(&p, monday - 7, this_monday));
	tv_set_str(a, week, "next_url", week_url(&p, monday + 7, this_monday));
	tv_set_str(a, week, "current_url", "/lich-cong-tac");
	tv_set_bool(a, week, "empty", n == 0);
	size_t k = 0;
	for (int64_t day = monday; day < monday + 7; day++) {
		struct vn_date d;
		vn_date_of_day(day, &d);
		struct tval *dv = tv_map(a), *sessions = tv_list(a);
		tv_set_str(a, dv, "label", vn_weekday_name(d.wday));
		tv_set_str(a, dv, "date", dmy(&p, day));
		tv_set_bool(a, dv, "is_today", day == today);
		bool any = false;
		for (int s = 0; s < 3; s++) {
			struct tval *sv = tv_map(a), *list = tv_list(a);
			size_t before = k;
			while (k < n && items[k].day == day && items[k].session == s)
				tv_push(list, page_cal_item(&p, &items[k++]));
			if (s == 2 && k == before)
				continue; /* evening shown only when it has items */
			any |= k > before;
			tv_set_str(a, sv, "name", session_names[s]);
			tv_set(sv, "items", list);
			tv_set_bool(a, sv, "empty", k == before);
			tv_push(sessions, sv);
		}
		while (k < n && items[k].day == day) /* an unknown session value */
			k++;
		tv_set(dv, "sessions", sessions);
		tv_set_bool(a, dv, "empty", !any);
		tv_push(days, dv);
	}
	tv_set(week, "days", days);
	tv_set(p.root, "week", week);
	page_set_meta(&p, title, arena_printf(a, "%s - %s", title, p.site.name), week_url(&p, monday, this_monday));
	page_finish(&p, "calendar", 200);
}
