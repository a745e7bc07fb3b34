/* consult.h — "Lấy ý kiến dự thảo", the rules of draft consultation above
 * the store (store_consult.h): what phase a draft is in at a given time,
 * how long it has left, what a valid draft is (with the Vietnamese
 * messages), its slug and URL. The public pages (site/consult.c), the
 * newsroom (admin/consult.c) and the demo loader all go through it.
 *
 * The phase is never stored: it follows from the opening and closing
 * times and the clock the caller passes (the server's clock_now()), so a
 * draft opens and closes by itself and a test moves the clock instead of
 * waiting. */
#ifndef LOA_CONSULT_H
#define LOA_CONSULT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/store_consult.h"

#define CONSULT_MAX_TITLE 300
#define CONSULT_MAX_BODY 300       /* the drafting body's name */
#define CONSULT_MAX_SUMMARY 200000 /* bytes of rich text */
#define CONSULT_MAX_SECTION 100    /* "Điều 5, khoản 2" */
#define CONSULT_MAX_ORG 200

/* The phase of d at `now`: DRAFT_UPCOMING, DRAFT_OPEN or DRAFT_CLOSED
 * (store_consult.h's enum draft_when). Open means opens_at <= now <
 * closes_at. */
int consult_phase(const struct draft *d, int64_t now);
/* "Sắp lấy ý kiến", "Đang lấy ý kiến", "Đã kết thúc". */
const char *consult_phase_label(int phase);
/* A stable key for CSS and URLs: "sap-lay-y-kien", "dang-lay-y-kien", "da-ket-thuc". */
const char *consult_phase_key(int phase);
/* What a reader sees of the time: "Còn 5 ngày", "Còn 3 giờ", "Còn dưới
 * 1 giờ" while open (days rounded up); "Mở sau 2 ngày" / "Mở sau 3 giờ"
 * before; "" after closing. Allocated in a. */
const char *consult_time_left(struct arena *a, const struct draft *d, int64_t now);

/* What the sender of a comment reads when tracking it by its code: a
 * comment waiting for a moderator or judged spam (a spam verdict is never
 * told) is waiting; then published or declined. */
enum consult_track_state { CT_PENDING = 0, CT_PUBLISHED = 1, CT_DECLINED = 2 };
int consult_track_state(int comment_state);
/* "Chờ duyệt", "Đã đăng", "Không đăng". */
const char *consult_track_label(int track_state);

/* The newsroom's form as typed: dates and times any way people type them
 * (vn_parse_dmy, vn_parse_hm); rich text before sanitizing. */
struct consult_input {
	const char *title, *drafting_body, *summary_html;
	const char *open_date, *open_time, *close_date, *close_time;
	const char *report_html;
};

/* A message per refused field, NULL when the field is good. */
struct consult_errors {
	const char *title, *drafting_body, *summary, *opens, *closes, *report;
};

/* Fills d's title, slug, drafting body, sanitized summary and report,
 * opening and closing times from `in` (the rest of d is left as it is:
 * id, site_id, and report_at, which is set to now when a report is first
 * attached and cleared when it is removed). Returns false with a
 * Vietnamese message in *err for each refused field: a missing title or
 * drafting body, a date that does not exist, closing not after opening,
 * a summary that is not valid UTF-8, or a report before closing at `now`.
 * Strings are allocated in a. */
bool consult_draft_from_input(struct arena *a, const struct consult_input *in, int64_t now, struct draft *d,
			      struct consult_errors *err);
/* The public path of a draft: "/du-thao/{slug}-{id}". */
const char *consult_draft_path(struct arena *a, const struct draft *d);
/* Reads "/du-thao/{slug}-{id}"'s last segment: the id after the last '-'
 * (a bare number too). False when there is none. */
bool consult_parse_slug_id(const char *seg, int64_t *id);

#endif
