/* docs.c — the rules of the register of documents (docs.h). */
#include <string.h>

#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "docs/docs.h"
#include "render/sanitize.h"

#define SLUG_MAX 80

void docs_fold_key(struct buf *out, const char *s)
{
	struct buf f = BUF_INIT;
	text_fold(&f, s ? s : "", s ? strlen(s) : 0);
	bool gap = false;
	size_t start = out->len;
	for (size_t i = 0; i < f.len; i++) {
		char c = f.data[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!alnum) {
			gap = true;
			continue;
		}
		if (gap && out->len > start)
			buf_addch(out, ' ');
		gap = false;
		buf_addch(out, c);
	}
	if (!out->data)
		buf_adds(out, "");
	buf_reset(&f);
}

const char *docs_key(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	docs_fold_key(&b, s);
	const char *k = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_reset(&b);
	return k;
}

int docs_number_match(const char *number_key, const char *query_key)
{
	size_t q = strlen(query_key);
	if (!q)
		return 0;
	if (strcmp(number_key, query_key) == 0)
		return 2;
	return strncmp(number_key, query_key, q) == 0 && number_key[q] == ' ' ? 1 : 0;
}

/* The day a document takes effect: its effective day, else its issue day. */
static int64_t effect_day(const struct document *d)
{
	return d->effective_day > 0 ? d->effective_day : d->issued_day;
}

int docs_validity(const struct document *d, int64_t today)
{
	if (effect_day(d) > today)
		return DOC_NOT_YET;
	if (d->replaced_on > 0 && d->replaced_on <= today)
		return DOC_REPLACED;
	if (d->expires_day > 0 && d->expires_day <= today)
		return DOC_EXPIRED;
	if (d->amended_on > 0 && d->amended_on <= today)
		return DOC_AMENDED;
	return DOC_IN_FORCE;
}

static const char *const validity_labels[DOC_VALIDITY_COUNT] = {
	"Chưa có hiệu lực", "Còn hiệu lực", "Được sửa đổi, bổ sung", "Bị thay thế", "Hết hiệu lực"};
static const char *const validity_keys[DOC_VALIDITY_COUNT] = {
	"chua-co-hieu-luc", "con-hieu-luc", "duoc-sua-doi-bo-sung", "bi-thay-the", "het-hieu-luc"};

const char *docs_validity_label(int v)
{
	return v >= 0 && v < DOC_VALIDITY_COUNT ? validity_labels[v] : "";
}

const char *docs_validity_key(int v)
{
	return v >= 0 && v < DOC_VALIDITY_COUNT ? validity_keys[v] : "";
}

int docs_validity_of_key(const char *s)
{
	for (int v = 0; s && v < DOC_VALIDITY_COUNT; v++)
		if (strcmp(s, validity_keys[v]) == 0)
			return v;
	return -1;
}

const char *docs_term_kind_label(int kind)
{
	return kind == DOC_TYPE ? "Loại văn bản" : kind == DOC_ISSUER ? "Cơ quan ban hành" : "Lĩnh vực";
}

/* One line of text: NFC, every run of white space one space, trimmed;
 * NULL when not valid UTF-8. */
static const char *one_line(struct arena *a, const char *s)
{
	char *c = text_clean(a, s ? s : "", s ? strlen(s) : 0);
	if (!c)
		return NULL;
	size_t w = 0;
	for (size_t r = 0; c[r]; r++) {
		bool space = c[r] == ' ' || c[r] == '\t' || c[r] == '\n';
		if (space && (w == 0 || c[w - 1] == ' '))
			continue;
		c[w++] = space ? ' ' : c[r];
	}
	while (w && c[w - 1] == ' ')
		w--;
	c[w] = '\0';
	return c;
}

/* A required (or optional) line within max code points; "" on refusal. */
static const char *field(struct arena *a, const char *s, size_t max, bool required, const char *what,
			 const char **err)
{
	const char *c = one_line(a, s);
	if (!c)
		*err = arena_printf(a, "%s có ký tự không hợp lệ. Hãy gõ lại.", what);
	else if (!*c && required)
		*err = arena_printf(a, "%s không được để trống.", what);
	else if (text_length(c, strlen(c)) > max)
		*err = arena_printf(a, "%s dài quá %zu ký tự.", what, max);
	return c && !*err ? c : "";
}

/* A date typed any way: *day, or 0 when blank and optional. */
static void date_field(struct arena *a, const char *s, bool required, const char *what, int64_t *day,
		       const char **err)
{
	*day = 0;
	const char *c = one_line(a, s);
	if (!c || !*c) {
		if (required || !c)
			*err = arena_printf(a, "Hãy nhập %s.", what);
		return;
	}
	if (!vn_parse_dmy(c, day) || *day <= 0) {
		*day = 0;
		*err = arena_printf(a, "Ngày “%s” không hợp lệ: hãy nhập %s như 15/07/2026.", c, what);
	}
}

bool docs_from_input(struct arena *a, const struct docs_input *in, struct document *d, struct docs_errors *err)
{
	memset(err, 0, sizeof *err);
	d->number = field(a, in->number, DOCS_MAX_NUMBER, true, "Số, ký hiệu", &err->number);
	d->number_key = docs_key(a, d->number);
	if (!err->number && !*d->number_key)
		err->number = "Số, ký hiệu phải có ít nhất một chữ hoặc số (ví dụ: 12/NQ-HĐND).";
	d->signer = field(a, in->signer, DOCS_MAX_SIGNER, false, "Người ký", &err->signer);
	d->summary = field(a, in->summary, DOCS_MAX_SUMMARY, true, "Trích yếu", &err->summary);
	d->type_id = in->type_id;
	d->issuer_id = in->issuer_id;
	d->field_id = in->field_id;
	if (!d->type_id)
		err->type = "Hãy chọn loại văn bản.";
	if (!d->issuer_id)
		err->issuer = "Hãy chọn cơ quan ban hành.";
	date_field(a, in->issued, true, "ngày ban hành", &d->issued_day, &err->issued);
	date_field(a, in->effective, false, "ngày có hiệu lực", &d->effective_day, &err->effective);
	date_field(a, in->expires, false, "ngày hết hiệu lực", &d->expires_day, &err->expires);
	if (d->issued_day && d->effective_day && d->effective_day < d->issued_day)
		err->effective = "Ngày có hiệu lực không được trước ngày ban hành.";
	if (d->issued_day && d->expires_day && d->expires_day <= d->issued_day)
		err->expires = "Ngày hết hiệu lực phải sau ngày ban hành.";
	if (d->effective_day && d->expires_day && d->expires_day <= d->effective_day && !err->expires)
		err->expires = "Ngày hết hiệu lực phải sau ngày có hiệu lực.";
	size_t n = in->body_html ? strlen(in->body_html) : 0;
	d->body_html = "";
	if (n > DOCS_MAX_BODY) {
		err->body = "Toàn văn quá dài (tối đa 500.000 ký tự).";
	} else if (n) {
		struct buf b = BUF_INIT;
		if (sanitize_body(&b, in->body_html, n, NULL, NULL) != LOA_OK)
			err->body = "Toàn văn có ký tự không hợp lệ hoặc quá nhiều thẻ định dạng.";
		else
			d->body_html = arena_strndup(a, b.data ? b.data : "", b.len);
		buf_reset(&b);
	}
	d->published = in->published;
	struct buf slug = BUF_INIT;
	const char *type_and_number = *d->number ? d->number : "van ban";
	text_slug(&slug, type_and_number, SLUG_MAX);
	d->slug = arena_strndup(a, slug.data, slug.len);
	buf_reset(&slug);
	return !err->number && !err->type && !err->issuer && !err->signer && !err->issued && !err->effective &&
	       !err->expires && !err->summary && !err->body;
}

const char *docs_number_taken(struct arena *a, const char *number)
{
	return arena_printf(a, "Cơ quan ban hành này đã có văn bản số “%s”. Hãy kiểm tra lại số, ký hiệu.", number);
}

const char *docs_path(struct arena *a, int64_t id, const char *slug)
{
	return arena_printf(a, "/van-ban/%s-%lld", slug, (long long)id);
}

bool docs_parse_slug_id(const char *seg, int64_t *id)
{
	const char *dash = strrchr(seg, '-');
	const char *num = dash ? dash + 1 : seg;
	size_t len = strlen(num);
	return len && len <= 18 && *num != '0' && strspn(num, "0123456789") == len && num_parse_i64(num, 1, INT64_MAX, id);
}

const char *docs_day_text(struct arena *a, int64_t day)
{
	if (day <= 0)
		return "";
	struct vn_date d;
	vn_date_of_day(day, &d);
	return arena_printf(a, "%02d/%02d/%04d", d.day, d.month, d.year);
}

int docs_year(int64_t day)
{
	struct vn_date d;
	vn_date_of_day(day, &d);
	return d.year;
}

int64_t docs_facet_value(const struct document *d, int f, int64_t today)
{
	switch (f) {
	case DF_TYPE:
		return d->type_id;
	case DF_ISSUER:
		return d->issuer_id;
	case DF_FIELD:
		return d->field_id;
	case DF_YEAR:
		return docs_year(d->issued_day);
	default:
		return docs_validity(d, today) + 1;
	}
}

bool docs_filter_match(const struct docs_filter *flt, const struct document *d, int64_t today, int skip)
{
	for (int f = 0; f < DF_COUNT; f++)
		if (f != skip && flt->v[f] && docs_facet_value(d, f, today) != flt->v[f])
			return false;
	return true;
}
