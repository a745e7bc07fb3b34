/* calendar.c — editing the leaders' work calendar: add items per day and
 * session, edit them, mark them changed or cancelled (the public page shows
 * it), delete, copy last week, print the week (the public week view). */
#include <stdio.h>
#include <string.h>

#include "admin/adminInt.h"
#include "files/files.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"

static const char *const session_values[3] = {"sang", "chieu", "toi"};
static const char *const session_labels[3] = {"Sáng", "Chiều", "Tối"};

static const char *iso_day(struct arena *a, int64_t day)
{
	struct vn_date d;
	vn_date_of_day(day, &d);
	return arena_printf(a, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static bool parse_iso_day(const char *s, int64_t *day)
{
	int y, m, d, used = 0;
	return sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && s[used] == '\0' && vn_day_of(y, m, d, day);
}

static struct tval *item_tv(struct admin *ad, const struct cal_item *it)
{
	struct arena *a = ad->a;
	struct tval *t = tv_map(a);
	tv_set_int(a, t, "id", it->id);
	tv_set_str(a, t, "time", it->start_time);
	tv_set_str(a, t, "session", session_values[it->session >= 0 && it->session < 3 ? it->session : 0]);
	tv_set_str(a, t, "session_label", session_labels[it->session >= 0 && it->session < 3 ? it->session : 0]);
	tv_set_str(a, t, "content", it->content);
	tv_set_str(a, t, "chair", it->chair);
	tv_set_str(a, t, "participants", it->participants);
	tv_set_str(a, t, "location", it->location);
	tv_set_str(a, t, "unit", it->unit);
	tv_set_str(a, t, "note", it->note);
	tv_set_int(a, t, "state", it->state);
	tv_set_bool(a, t, "changed", it->state == 1);
	tv_set_bool(a, t, "cancelled", it->state == 2);
	tv_set_str(a, t, "day", iso_day(a, it->day));
	tv_set_str(a, t, "edit_url", arena_printf(a, "/quan-tri/lich-cong-tac/%lld", (long long)it->id));
	return t;
}

/* Reads the item form; returns NULL or the first problem. */
static const char *read_item(struct admin *ad, struct cal_item *it)
{
	static const struct {
		const char *field;
		size_t max;
	} f[] = {{"noi-dung", 2000}, {"chu-tri", 300}, {"thanh-phan", 1000}, {"dia-diem", 300}, {"don-vi", 300},
		 {"ghi-chu", 300}};
	const char *v[6];
	for (size_t i = 0; i < 6; i++) {
		const char *raw = admin_field(ad, f[i].field);
		v[i] = text_clean(ad->a, raw, strlen(raw));
		if (!v[i])
			v[i] = "";
		if (text_length(v[i], strlen(v[i])) > f[i].max)
			return arena_printf(ad->a, "Trường %s quá dài (tối đa %zu ký tự).", f[i].field, f[i].max);
	}
	if (!*v[0])
		return "Hãy nhập nội dung công việc.";
	it->content = v[0];
	it->chair = v[1];
	it->participants = v[2];
	it->location = v[3];
	it->unit = v[4];
	it->note = v[5];
	if (!parse_iso_day(admin_field(ad, "ngay"), &it->day))
		return "Hãy chọn ngày.";
	it->session = -1;
	for (int s = 0; s < 3; s++)
		if (strcmp(admin_field(ad, "buoi"), session_values[s]) == 0)
			it->session = s;
	if (it->session < 0)
		return "Hãy chọn buổi (sáng, chiều hoặc tối).";
	const char *tm = admin_field(ad, "gio");
	int minutes = 0;
	if (*tm && !vn_parse_hm(tm, &minutes))
		return "Giờ không hợp lệ: hãy nhập như 07:30, 7:30 hoặc 7h30.";
	it->start_time = *tm ? arena_printf(ad->a, "%02d:%02d", minutes / 60, minutes % 60) : "";
	int64_t st;
	it->state = num_parse_i64(admin_field(ad, "trang-thai"), 0, 2, &st) ? (int)st : 0;
	return NULL;
}

static void render_week(struct admin *ad, int64_t monday, int status, const char *error)
{
	struct arena *a = ad->a;
	struct cal_item *items;
	size_t n;
	if (store_calendar_range(ad->app->store, ad->site.id, monday, monday + 6, a, &items, &n) != LOA_OK)
		n = 0;
	struct tval *week = tv_map(a), *days = tv_list(a), *day_opts = tv_list(a), *sess = tv_list(a);
	int64_t this_monday = vn_week_monday(vn_day(ad->now));
	struct vn_date d0, d6;
	vn_date_of_day(monday, &d0);
	vn_date_of_day(monday + 6, &d6);
	tv_set_str(a, week, "title",
		   arena_printf(a, "Tuần từ %02d/%02d/%04d đến %02d/%02d/%04d", d0.day, d0.month, d0.year, d6.day,
				d6.month, d6.year));
	tv_set_str(a, week, "prev_url", arena_printf(a, "/quan-tri/lich-cong-tac?tuan=%s", iso_day(a, monday - 7)));
	tv_set_str(a, week, "next_url", arena_printf(a, "/quan-tri/lich-cong-tac?tuan=%s", iso_day(a, monday + 7)));
	tv_set_str(a, week, "this_url", "/quan-tri/lich-cong-tac");
	tv_set_bool(a, week, "is_current", monday == this_monday);
	tv_set_str(a, week, "monday", iso_day(a, monday));
	tv_set_str(a, week, "print_url", arena_printf(a, "/lich-cong-tac?tuan=%s", iso_day(a, monday)));
	size_t k = 0;
	for (int64_t day = monday; day < monday + 7; day++) {
		struct vn_date d;
		vn_date_of_day(day, &d);
		struct tval *dv = tv_map(a), *list = tv_list(a), *o = tv_map(a);
		const char *label = arena_printf(a, "%s, %02d/%02d/%04d", vn_weekday_name(d.wday), d.day, d.month, d.year);
		tv_set_str(a, dv, "label", vn_weekday_name(d.wday));
		tv_set_str(a, dv, "date", arena_printf(a, "%02d/%02d/%04d", d.day, d.month, d.year));
		tv_set_str(a, dv, "iso_date", iso_day(a, day));
		while (k < n && items[k].day == day)
			tv_push(list, item_tv(ad, &items[k++]));
		tv_set(dv, "items", list);
		tv_set_bool(a, dv, "empty", tv_len(list) == 0);
		tv_push(days, dv);
		tv_set_str(a, o, "value", iso_day(a, day));
		tv_set_str(a, o, "label", label);
		tv_set_bool(a, o, "selected", strcmp(admin_field(ad, "ngay"), iso_day(a, day)) == 0 ||
						      (!*admin_field(ad, "ngay") && day == vn_day(ad->now)));
		tv_push(day_opts, o);
	}
	for (int s = 0; s < 3; s++) {
		struct tval *o = tv_map(a);
		tv_set_str(a, o, "value", session_values[s]);
		tv_set_str(a, o, "label", session_labels[s]);
		tv_set_bool(a, o, "selected", strcmp(admin_field(ad, "buoi"), session_values[s]) == 0);
		tv_push(sess, o);
	}
	struct tval *form = tv_map(a), *errors = tv_map(a);
	static const char *keep[][2] = {{"time", "gio"}, {"content", "noi-dung"}, {"chair", "chu-tri"},
					{"participants", "thanh-phan"}, {"location", "dia-diem"}, {"unit", "don-vi"}};
	for (size_t i = 0; i < 6; i++)
		tv_set_str(a, form, keep[i][0], status == 200 ? "" : admin_field(ad, keep[i][1]));
	tv_set_str(a, errors, "general", error ? error : "");
	tv_set(ad->root, "week", week);
	tv_set(ad->root, "days", days);
	tv_set_bool(a, ad->root, "week_empty", n == 0); /* said once, not on seven empty days */
	tv_set(ad->root, "day_options", day_opts);
	tv_set(ad->root, "session_options", sess);
	tv_set(ad->root, "form", form);
	tv_set(ad->root, "errors", errors);
	admin_finish(ad, "calendar", "Lịch công tác", status);
}

static int64_t week_of_query(struct admin *ad)
{
	int64_t day;
	const char *w = http_req_query(ad->req, "tuan");
	if (!w || !parse_iso_day(w, &day))
		day = vn_day(ad->now);
	return vn_week_monday(day);
}

void admin_calendar(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	render_week(ad, week_of_query(ad), 200, NULL);
}

void admin_calendar_add(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct cal_item it = {.site_id = ad->site.id};
	const char *err = read_item(ad, &it);
	int64_t id;
	if (err || store_calendar_add(ad->app->store, &it, &id) != LOA_OK) {
		render_week(ad, err ? week_of_query(ad) : vn_week_monday(it.day), 422, err ? err : "Không lưu được.");
		return;
	}
	admin_audit(ad, "calendar-add", arena_printf(ad->a, "lịch #%lld", (long long)id), it.content);
	admin_content_changed(ad);
	admin_redirect(ad, arena_printf(ad->a, "/quan-tri/lich-cong-tac?tuan=%s", iso_day(ad->a, vn_week_monday(it.day))),
		       "da-them");
}

void admin_calendar_copy(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	int64_t monday, day;
	if (!parse_iso_day(admin_field(ad, "tuan"), &day)) {
		admin_error(ad, 400, "Tuần không hợp lệ.");
		return;
	}
	monday = vn_week_monday(day);
	int copied = 0;
	if (store_calendar_copy_week(ad->app->store, ad->site.id, monday - 7, monday, &copied) != LOA_OK) {
		admin_error(ad, 503, "Không sao chép được lịch.");
		return;
	}
	admin_audit(ad, "calendar-copy", iso_day(a, monday), arena_printf(a, "%d mục", copied));
	admin_content_changed(ad);
	admin_redirect(ad, arena_printf(a, "/quan-tri/lich-cong-tac?tuan=%s", iso_day(a, monday)), "da-sao-chep");
}

/* The item the route's {id} names; answers 404 itself. */
static bool item_of_or_reply(struct admin *ad, struct cal_item *it)
{
	if (store_calendar_get(ad->app->store, ad->site.id, http_req_param_id(ad->req, 0), ad->a, it) != LOA_OK) {
		admin_error(ad, 404, "Không tìm thấy mục lịch.");
		return false;
	}
	return true;
}

static const char *week_url_of(struct admin *ad, int64_t day)
{
	return arena_printf(ad->a, "/quan-tri/lich-cong-tac?tuan=%s", iso_day(ad->a, vn_week_monday(day)));
}

void admin_calendar_delete(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct cal_item it;
	if (!item_of_or_reply(ad, &it))
		return;
	files_detach_all(ad->app->store, files_dir(ad->a, ad->app->cfg.media_dir), ad->site.id, FILES_OWNER_CALENDAR,
			 it.id);
	store_calendar_delete(ad->app->store, ad->site.id, it.id);
	admin_audit(ad, "calendar-delete", arena_printf(ad->a, "lịch #%lld", (long long)it.id), it.content);
	admin_content_changed(ad);
	admin_redirect(ad, week_url_of(ad, it.day), "da-xoa");
}

/* GET shows the item's form; POST saves it (the form again on errors). */
/* The entry's form (as stored, or refused with err) and its files. */
static void render_item(struct admin *ad, const struct cal_item *it, int status, const char *err)
{
	struct arena *a = ad->a;
	struct tval *errors = tv_map(a), *sess = tv_list(a);
	tv_set_str(a, errors, "general", err ? err : "");
	for (int s = 0; s < 3; s++) {
		struct tval *o = tv_map(a);
		tv_set_str(a, o, "value", session_values[s]);
		tv_set_str(a, o, "label", session_labels[s]);
		tv_set_bool(a, o, "selected", it->session == s);
		tv_push(sess, o);
	}
	tv_set(ad->root, "item", item_tv(ad, it));
	tv_set(ad->root, "session_options", sess);
	tv_set(ad->root, "errors", errors);
	tv_set_str(a, ad->root, "week_url", week_url_of(ad, it->day));
	admin_attach_show(ad, FILES_OWNER_CALENDAR, it->id,
			  arena_printf(a, "/quan-tri/lich-cong-tac/%lld", (long long)it->id), false);
	admin_finish(ad, "calendar_item", "Sửa lịch công tác", status);
}

void admin_calendar_item(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct arena *a = ad->a;
	struct cal_item it;
	if (!item_of_or_reply(ad, &it))
		return;
	int64_t id = it.id;
	bool post = strcmp(http_req_method(req), "POST") == 0;
	int status = 200;
	const char *err = NULL;
	if (post) {
		struct cal_item upd = {.id = id, .site_id = ad->site.id};
		err = read_item(ad, &upd);
		if (!err && store_calendar_update(ad->app->store, &upd) == LOA_OK) {
			admin_audit(ad, "calendar-update", arena_printf(a, "lịch #%lld", (long long)id), upd.content);
			admin_content_changed(ad);
			admin_redirect(ad, week_url_of(ad, upd.day), "da-luu");
			return;
		}
		status = 422;
		if (!err)
			err = "Không lưu được.";
	}
	render_item(ad, &it, status, err);
}

/* POST /quan-tri/lich-cong-tac/{id}/tep: an invitation or a meeting's papers. */
void admin_calendar_attach(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct cal_item it;
	if (!item_of_or_reply(ad, &it))
		return;
	if (!admin_attach_upload(ad, FILES_OWNER_CALENDAR, it.id, false,
				 arena_printf(ad->a, "lịch #%lld", (long long)it.id),
				 arena_printf(ad->a, "/quan-tri/lich-cong-tac/%lld", (long long)it.id)))
		render_item(ad, &it, 422, NULL);
}

void admin_calendar_detach(void *app, struct http_req *req)
{
	(void)app;
	struct admin *ad = admin_of(req);
	struct cal_item it;
	if (!item_of_or_reply(ad, &it))
		return;
	admin_attach_remove(ad, FILES_OWNER_CALENDAR, it.id, arena_printf(ad->a, "lịch #%lld", (long long)it.id),
			    arena_printf(ad->a, "/quan-tri/lich-cong-tac/%lld", (long long)it.id));
}
