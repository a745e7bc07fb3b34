/* calendar.c — "Lịch công tác": the leaders' work calendar, a week at a
 * time (Monday to Sunday), with links to the previous and next weeks.
 * ?tuan=YYYY-MM-DD shows the week containing that date.
 *
 * /lich-cong-tac.ics is the same calendar as an iCalendar feed (RFC 5545)
 * a phone subscribes to: items from ICS_DAYS_BACK days ago to
 * ICS_DAYS_AHEAD days ahead, in Vietnam time (Asia/Ho_Chi_Minh, UTC+7, no
 * daylight saving, given as a VTIMEZONE). Each item is one VEVENT whose
 * UID (cal-<id>@<host>) never changes; its SEQUENCE and LAST-MODIFIED come
 * from the store, which counts every change, so the phone replaces a
 * changed item, and a cancelled one is STATUS:CANCELLED. An item without a
 * start time starts when its session does (sáng 07:30, chiều 13:30, tối
 * 19:00); every item ends when its session ends (11:30, 17:00, 21:00), or
 * an hour after its start when it starts later than that. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/status.h"
#include "core/vntime.h"
#include "files/files.h"
#include "render/ical.h"
#include "site/siteInt.h"
#include "store/store_files.h"

#define ICS_DAYS_BACK 30
#define ICS_DAYS_AHEAD 90
#define ICS_TZID "Asia/Ho_Chi_Minh"

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
	/* the entries' files in one query: ids of a week are close together */
	struct file_link *fl = NULL;
	size_t nf = 0;
	if (n > 0) {
		int64_t lo = items[0].id, hi = items[0].id;
		for (size_t i = 1; i < n; i++) {
			lo = items[i].id < lo ? items[i].id : lo;
			hi = items[i].id > hi ? items[i].id : hi;
		}
		if (store_file_links_range(p.app->store, p.site.id, FILES_OWNER_CALENDAR, lo, hi, a, &fl, &nf) != LOA_OK)
			nf = 0;
	}
	struct tval *week = tv_map(a), *days = tv_list(a);
	const char *title = arena_printf(a, "Lịch công tác tuần từ %s đến %s", dmy(&p, monday), dmy(&p, monday + 6));
	tv_set_str(a, week, "title", title);
	tv_set_bool(a, week, "is_current", monday == this_monday);
	tv_set_str(a, week, "prev_url", week_url(&p, monday - 7, this_monday));
	tv_set_str(a, week, "next_url", week_url(&p, monday + 7, this_monday));
	tv_set_str(a, week, "current_url", "/lich-cong-tac");
	tv_set_bool(a, week, "empty", n == 0);
	const char *ics = arena_printf(a, "%s/lich-cong-tac.ics", p.base_url);
	tv_set_str(a, week, "ics_url", ics);
	tv_set_str(a, week, "webcal_url", arena_printf(a, "webcal://%s", strstr(ics, "://") + 3));
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
			for (; k < n && items[k].day == day && items[k].session == s; k++) {
				struct tval *iv = page_cal_item(&p, &items[k]);
				struct tval *files = site_file_list(&p, fl, nf, items[k].id, "");
				tv_set(iv, "files", files);
				tv_set_bool(a, iv, "has_files", tv_len(files) > 0);
				tv_push(list, iv);
			}
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

/* ---- the iCalendar feed ---- */

static const int session_start[3] = {7 * 60 + 30, 13 * 60 + 30, 19 * 60};
static const int session_end[3] = {11 * 60 + 30, 17 * 60, 21 * 60};

/* "YYYYMMDDTHHMMSS" of a Vietnam day and minute of the day. */
static const char *ics_local(struct arena *a, int64_t day, int minute)
{
	struct vn_date d;
	vn_date_of_day(day, &d);
	return arena_printf(a, "%04d%02d%02dT%02d%02d00", d.year, d.month, d.day, minute / 60, minute % 60);
}

/* "YYYYMMDDTHHMMSSZ" of a Unix time. */
static const char *ics_utc(struct arena *a, int64_t t)
{
	struct vn_date d;
	vn_from_unix(t - 7 * 3600, &d); /* Vietnam time minus 7 hours is UTC */
	return arena_printf(a, "%04d%02d%02dT%02d%02d%02dZ", d.year, d.month, d.day, d.hour, d.min, d.sec);
}

static void ics_event(struct page *p, struct buf *b, const char *host, const struct cal_item *it)
{
	struct arena *a = p->a;
	int s = it->session >= CAL_MORNING && it->session <= CAL_EVENING ? it->session : CAL_MORNING;
	int start = session_start[s], end;
	if (*it->start_time)
		vn_parse_hm(it->start_time, &start);
	end = session_end[s] > start ? session_end[s] : start + 60;
	if (end > 23 * 60 + 59)
		end = 23 * 60 + 59;
	int64_t changed = it->updated_at > 0 ? it->updated_at : p->now;
	struct vn_date mon;
	vn_date_of_day(vn_week_monday(it->day), &mon);
	buf_adds(b, "BEGIN:VEVENT\r\n");
	ical_line(b, "UID", arena_printf(a, "cal-%lld@%s", (long long)it->id, host));
	ical_line(b, "DTSTAMP", ics_utc(a, changed));
	ical_line(b, "LAST-MODIFIED", ics_utc(a, changed));
	ical_line(b, "SEQUENCE", arena_printf(a, "%d", it->sequence));
	ical_line(b, "DTSTART;TZID=" ICS_TZID, ics_local(a, it->day, start));
	ical_line(b, "DTEND;TZID=" ICS_TZID, ics_local(a, it->day, end));
	ical_text(b, "SUMMARY", it->state == 2 ? arena_printf(a, "[Hoãn/Hủy] %s", it->content) : it->content);
	if (*it->location)
		ical_text(b, "LOCATION", it->location);
	struct buf desc = BUF_INIT;
	static const char *const labels[4] = {"Chủ trì", "Thành phần", "Đơn vị chuẩn bị", "Ghi chú"};
	const char *values[4] = {it->chair, it->participants, it->unit, it->note};
	for (int k = 0; k < 4; k++)
		if (*values[k])
			buf_addf(&desc, "%s%s: %s", desc.len ? "\n" : "", labels[k], values[k]);
	if (it->state == 1)
		buf_addf(&desc, "%sLịch có thay đổi.", desc.len ? "\n" : "");
	if (desc.len)
		ical_text(b, "DESCRIPTION", desc.data);
	buf_reset(&desc);
	ical_line(b, "STATUS", it->state == 2 ? "CANCELLED" : "CONFIRMED");
	ical_line(b, "TRANSP", "OPAQUE");
	ical_line(b, "URL", arena_printf(a, "%s/lich-cong-tac?tuan=%04d-%02d-%02d", p->base_url, mon.year, mon.month,
					 mon.day));
	buf_adds(b, "END:VEVENT\r\n");
}

void site_calendar_ics(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	int64_t today = vn_day(p.now);
	struct cal_item *items;
	size_t n;
	if (store_calendar_range(p.app->store, p.site.id, today - ICS_DAYS_BACK, today + ICS_DAYS_AHEAD, p.a, &items,
				 &n) != LOA_OK) {
		static const char msg[] = "Không đọc được lịch công tác, vui lòng thử lại sau.";
		http_send(req, 503, "text/plain; charset=utf-8", msg, sizeof msg - 1, 0);
		return;
	}
	const char *host = *http_req_host(req) ? http_req_host(req) : *p.site.host ? p.site.host : "localhost";
	struct buf b = BUF_INIT;
	buf_adds(&b, "BEGIN:VCALENDAR\r\n");
	ical_line(&b, "VERSION", "2.0");
	ical_line(&b, "PRODID", "-//loa//Lich cong tac//VI");
	ical_line(&b, "CALSCALE", "GREGORIAN");
	ical_line(&b, "METHOD", "PUBLISH");
	ical_text(&b, "X-WR-CALNAME", arena_printf(p.a, "Lịch công tác - %s", p.site.name));
	ical_text(&b, "X-WR-CALDESC", arena_printf(p.a, "Lịch công tác của lãnh đạo, %s", p.site.name));
	ical_line(&b, "X-WR-TIMEZONE", ICS_TZID);
	ical_line(&b, "REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
	ical_line(&b, "X-PUBLISHED-TTL", "PT1H");
	/* Vietnam has kept UTC+7 without daylight saving since 1975. */
	buf_adds(&b, "BEGIN:VTIMEZONE\r\nTZID:" ICS_TZID "\r\n"
		     "BEGIN:STANDARD\r\nDTSTART:19750613T000000\r\nTZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\n"
		     "TZNAME:ICT\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n");
	for (size_t i = 0; i < n; i++)
		ics_event(&p, &b, host, &items[i]);
	buf_adds(&b, "END:VCALENDAR\r\n");
	http_header(req, "content-disposition", "inline; filename=\"lich-cong-tac.ics\"");
	page_send_doc(&p, "text/calendar; charset=utf-8", b.data, b.len);
	buf_reset(&b);
}
