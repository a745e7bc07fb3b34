/* consult.c — the rules of draft consultation (consult.h). */
#include <string.h>

#include "consult/consult.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "render/escape.h"
#include "render/sanitize.h"

#define SLUG_MAX 80

int consult_phase(const struct draft *d, int64_t now)
{
	if (now < d->opens_at)
		return DRAFT_UPCOMING;
	return now < d->closes_at ? DRAFT_OPEN : DRAFT_CLOSED;
}

const char *consult_phase_label(int phase)
{
	return phase == DRAFT_UPCOMING ? "Sắp lấy ý kiến" : phase == DRAFT_OPEN ? "Đang lấy ý kiến" : "Đã kết thúc";
}

const char *consult_phase_key(int phase)
{
	return phase == DRAFT_UPCOMING ? "sap-lay-y-kien" : phase == DRAFT_OPEN ? "dang-lay-y-kien" : "da-ket-thuc";
}

int consult_track_state(int comment_state)
{
	return comment_state == CM_PUBLISHED ? CT_PUBLISHED : comment_state == CM_DECLINED ? CT_DECLINED : CT_PENDING;
}

const char *consult_track_label(int track_state)
{
	return track_state == CT_PUBLISHED ? "Đã đăng" : track_state == CT_DECLINED ? "Không đăng" : "Chờ duyệt";
}

/* "N ngày" rounded up, or "N giờ" under a day, or "" under an hour. */
static const char *span(struct arena *a, int64_t seconds)
{
	if (seconds >= 86400)
		return arena_printf(a, "%lld ngày", (long long)((seconds + 86399) / 86400));
	if (seconds >= 3600)
		return arena_printf(a, "%lld giờ", (long long)(seconds / 3600));
	return "";
}

const char *consult_time_left(struct arena *a, const struct draft *d, int64_t now)
{
	switch (consult_phase(d, now)) {
	case DRAFT_UPCOMING: {
		const char *s = span(a, d->opens_at - now);
		return *s ? arena_printf(a, "Mở sau %s", s) : "Sắp mở";
	}
	case DRAFT_OPEN: {
		const char *s = span(a, d->closes_at - now);
		return *s ? arena_printf(a, "Còn %s", s) : "Còn dưới 1 giờ";
	}
	default:
		return "";
	}
}

/* A line of text from the form: NFC, trimmed; NULL when not valid UTF-8. */
static const char *clean_line(struct arena *a, const char *s)
{
	char *c = text_clean(a, s ? s : "", s ? strlen(s) : 0);
	if (!c)
		return NULL;
	while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
		c++;
	size_t n = strlen(c);
	while (n && (c[n - 1] == ' ' || c[n - 1] == '\t' || c[n - 1] == '\n' || c[n - 1] == '\r'))
		c[--n] = '\0';
	return c;
}

static const char *required_line(struct arena *a, const char *s, size_t max, const char *what, const char **err)
{
	const char *c = clean_line(a, s);
	if (!c)
		*err = arena_printf(a, "%s có ký tự không hợp lệ. Hãy gõ lại.", what);
	else if (!*c)
		*err = arena_printf(a, "%s không được để trống.", what);
	else if (text_length(c, strlen(c)) > max)
		*err = arena_printf(a, "%s dài quá %zu ký tự.", what, max);
	return c && *c ? c : "";
}

/* A date and an optional time, Vietnam time. With no time, the start of
 * the day, or its last minute for a closing (`end`): "hạn chót 30/6"
 * means through that day. */
static bool parse_moment(struct arena *a, const char *date, const char *tm, bool end, int64_t *out, const char **err)
{
	int64_t day;
	int minutes = end ? 23 * 60 + 59 : 0;
	if (!date || !*date) {
		*err = end ? "Hãy nhập ngày kết thúc lấy ý kiến." : "Hãy nhập ngày bắt đầu lấy ý kiến.";
		return false;
	}
	if (!vn_parse_dmy(date, &day)) {
		*err = arena_printf(a, "Ngày “%s” không hợp lệ: hãy nhập như 15/07/2026.", date);
		return false;
	}
	if (tm && *tm && !vn_parse_hm(tm, &minutes)) {
		*err = arena_printf(a, "Giờ “%s” không hợp lệ: hãy nhập như 07:30, 7:30 hoặc 7h30.", tm);
		return false;
	}
	*out = vn_day_start(day) + (int64_t)minutes * 60;
	return true;
}

/* Text typed without any tag, as paragraphs: each run of lines separated
 * by a blank line is one <p>, single line breaks become <br>. */
static void paragraphs(struct buf *out, const char *s)
{
	while (*s) {
		while (*s == '\n' || *s == '\r' || *s == ' ')
			s++;
		if (!*s)
			break;
		const char *end = strstr(s, "\n\n");
		const char *crlf = strstr(s, "\r\n\r\n");
		if (crlf && (!end || crlf < end))
			end = crlf;
		size_t n = end ? (size_t)(end - s) : strlen(s);
		buf_adds(out, "<p>");
		for (size_t i = 0; i < n; i++) {
			size_t k = i;
			while (k < n && s[k] != '\n')
				k++;
			size_t len = k - i;
			if (len && s[i + len - 1] == '\r')
				len--;
			esc_html(out, s + i, len);
			if (k < n)
				buf_adds(out, "<br>");
			i = k;
		}
		buf_adds(out, "</p>\n");
		s += n;
	}
}

/* Sanitized rich text, or NULL with *err. Text without tags is taken as
 * paragraphs (the newsroom's form is a plain text area). */
static const char *rich_text(struct arena *a, const char *html, const char *what, const char **err)
{
	size_t n = html ? strlen(html) : 0;
	if (n > CONSULT_MAX_SUMMARY) {
		*err = arena_printf(a, "%s quá dài (tối đa 200.000 ký tự).", what);
		return NULL;
	}
	struct buf b = BUF_INIT, typed = BUF_INIT;
	if (n && !strchr(html, '<') && text_utf8_valid(html, n)) {
		paragraphs(&typed, html);
		html = typed.data ? typed.data : "";
		n = typed.len;
	}
	int rc = n ? sanitize_body(&b, html, n, NULL, NULL) : LOA_OK;
	buf_reset(&typed);
	if (rc != LOA_OK) {
		buf_reset(&b);
		*err = arena_printf(a, "%s có ký tự không hợp lệ hoặc quá nhiều thẻ định dạng.", what);
		return NULL;
	}
	/* an editor's empty paragraph is no text */
	struct buf plain = BUF_INIT;
	sanitize_text(&plain, b.data ? b.data : "", b.len, 64);
	const char *out = plain.len || strstr(b.data ? b.data : "", "<img") ? arena_strndup(a, b.data, b.len) : "";
	buf_reset(&plain);
	buf_reset(&b);
	return out;
}

bool consult_draft_from_input(struct arena *a, const struct consult_input *in, int64_t now, struct draft *d,
			      struct consult_errors *err)
{
	memset(err, 0, sizeof *err);
	d->title = required_line(a, in->title, CONSULT_MAX_TITLE, "Tên dự thảo", &err->title);
	d->drafting_body = required_line(a, in->drafting_body, CONSULT_MAX_BODY, "Cơ quan chủ trì soạn thảo",
					 &err->drafting_body);
	const char *summary = rich_text(a, in->summary_html, "Nội dung tóm tắt", &err->summary);
	d->summary_html = summary ? summary : "";
	const char *report = rich_text(a, in->report_html, "Báo cáo tổng hợp", &err->report);
	bool have_open = parse_moment(a, in->open_date, in->open_time, false, &d->opens_at, &err->opens);
	bool have_close = parse_moment(a, in->close_date, in->close_time, true, &d->closes_at, &err->closes);
	if (have_open && have_close && d->closes_at <= d->opens_at)
		err->closes = "Thời gian kết thúc lấy ý kiến phải sau thời gian bắt đầu.";
	if (report && *report && have_close && !err->closes && d->closes_at > now)
		err->report = "Chỉ đăng báo cáo tổng hợp, tiếp thu, giải trình sau khi kết thúc lấy ý kiến.";
	if (report && !err->report) {
		if (!*report)
			d->report_at = 0;
		else if (!d->report_at || !d->report_html || strcmp(d->report_html, report) != 0)
			d->report_at = now;
		d->report_html = report;
	}
	struct buf slug = BUF_INIT;
	text_slug(&slug, *d->title ? d->title : "du thao", SLUG_MAX);
	d->slug = arena_strndup(a, slug.data, slug.len);
	buf_reset(&slug);
	return !err->title && !err->drafting_body && !err->summary && !err->opens && !err->closes && !err->report;
}

const char *consult_draft_path(struct arena *a, const struct draft *d)
{
	return arena_printf(a, "/du-thao/%s-%lld", d->slug, (long long)d->id);
}

bool consult_parse_slug_id(const char *seg, int64_t *id)
{
	const char *dash = strrchr(seg, '-');
	const char *num = dash ? dash + 1 : seg;
	return *num && *num != '0' && strspn(num, "0123456789") == strlen(num) && strlen(num) <= 18 &&
	       num_parse_i64(num, 1, INT64_MAX, id);
}
