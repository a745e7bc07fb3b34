/* demo_consult.c — the demo's "Lấy ý kiến dự thảo" (demo/consultations.json):
 * drafts with days relative to the demo's creation (an open consultation
 * closing in two weeks, a closed one with its summary report) and their
 * comments. Drafts go through the consult domain like the newsroom's
 * form, so the demo holds nothing the newsroom could not have saved. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "consult/consult.h"
#include "core/status.h"
#include "core/vntime.h"
#include "import/importInt.h"
#include "store/store_consult.h"

/* "dd/mm/yyyy" of day number `today + offset`, in the arena. */
static const char *day_text(struct arena *a, int64_t today, json_t *offset)
{
	struct vn_date d;
	vn_date_of_day(today + json_integer_value(offset), &d);
	return arena_printf(a, "%02d/%02d/%04d", d.day, d.month, d.year);
}

static const char *text_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

int import_demo_consult(struct store *st, int64_t site_id, json_t *drafts, int64_t now, const char **err)
{
	struct arena *a = arena_new();
	int64_t today = vn_day(now);
	int rc = LOA_OK;
	size_t i;
	json_t *dj;
	json_array_foreach(drafts, i, dj) {
		struct consult_input in = {
			.title = text_of(dj, "title"),
			.drafting_body = text_of(dj, "drafting_body"),
			.summary_html = text_of(dj, "summary_html"),
			.open_date = day_text(a, today, json_object_get(dj, "opens_day")),
			.open_time = text_of(dj, "open_time"),
			.close_date = day_text(a, today, json_object_get(dj, "closes_day")),
			.close_time = text_of(dj, "close_time"),
			.report_html = text_of(dj, "report_html"),
		};
		struct draft d = {.site_id = site_id};
		struct consult_errors e;
		int64_t id;
		if (!consult_draft_from_input(a, &in, now, &d, &e)) {
			*err = "consultations.json: dự thảo không hợp lệ";
			rc = LOA_INVALID;
			break;
		}
		/* drafts are put up the day before they open; a report follows a week after closing */
		d.created_at = d.opens_at - 86400;
		if (d.report_at)
			d.report_at = d.closes_at + 7 * 86400 < now ? d.closes_at + 7 * 86400 : now;
		d.updated_at = d.report_at ? d.report_at : d.created_at;
		if ((rc = store_draft_save(st, &d, &id)) != LOA_OK)
			break;
		size_t k;
		json_t *cj;
		json_array_foreach(json_object_get(dj, "comments"), k, cj) {
			int64_t at = vn_day_start(today + json_integer_value(json_object_get(cj, "day"))) + 9 * 3600 +
				     (int64_t)k * 2400;
			bool published = json_is_true(json_object_get(cj, "published"));
			struct draft_comment c = {
				.site_id = site_id, .draft_id = id,
				.code = arena_printf(a, "DT-DEM%c%c%c", "MNP"[i % 3], "ABCDEFGHJK"[k % 10], "QRS"[(k / 10) % 3]),
				.name = text_of(cj, "name"), .organisation = text_of(cj, "organisation"),
				.email = "", .phone = "",
				.section = text_of(cj, "section"), .content = text_of(cj, "content"),
				.client_hash = "", .content_hash = "",
				.state = published ? CM_PUBLISHED : CM_NEW, .reason = "",
				.moderated_at = published ? at + 86400 : 0, .published_at = published ? at + 86400 : 0,
				.created_at = at,
			};
			if ((rc = store_comment_add(st, &c, NULL)) != LOA_OK)
				break;
		}
		if (rc != LOA_OK)
			break;
	}
	if (rc != LOA_OK && !*err)
		*err = "lỗi cơ sở dữ liệu khi tạo dự thảo lấy ý kiến";
	arena_free(a);
	return rc;
}
