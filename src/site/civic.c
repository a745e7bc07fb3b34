/* civic.c — the defences of citizens' forms (civic.h), shared by the
 * feedback form and the consultation comments. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "site/civic.h"

/* ---- the form token ---- */

const char *civic_token(struct app *app, struct arena *a, int64_t now)
{
	char ts[24], mac[AUTH_CSRF_LEN + 1];
	snprintf(ts, sizeof ts, "fb:%lld", (long long)now);
	auth_csrf_token(app->csrf_key, ts, mac);
	return arena_printf(a, "%lld.%s", (long long)now, mac);
}

int64_t civic_token_age(struct app *app, const char *token, int64_t now)
{
	if (!token)
		return -1;
	const char *dot = strchr(token, '.');
	char num[24];
	int64_t ts;
	if (!dot || (size_t)(dot - token) >= sizeof num)
		return -1;
	memcpy(num, token, (size_t)(dot - token));
	num[dot - token] = '\0';
	if (!num_parse_i64(num, 0, INT64_MAX / 2, &ts))
		return -1;
	char bound[32];
	snprintf(bound, sizeof bound, "fb:%lld", (long long)ts);
	if (!auth_csrf_check(app->csrf_key, bound, dot + 1) || ts > now + 60 || now - ts > CIVIC_TOKEN_MAX_AGE)
		return -1;
	return now - ts;
}

/* ---- fields ---- */

const char *civic_field(struct arena *a, struct http_req *req, const char *name, bool *bad)
{
	const char *v = http_req_form(req, name);
	if (!v) {
		/* present but not valid UTF-8 is told apart from absent by the raw body */
		size_t len;
		const char *body = http_req_body(req, &len);
		if (body && len && memmem(body, len, name, strlen(name)))
			*bad = true;
		return "";
	}
	char *c = text_clean(a, v, strlen(v));
	if (!c) {
		*bad = true;
		return "";
	}
	while (*c == ' ' || *c == '\t' || *c == '\n')
		c++;
	size_t n = strlen(c);
	while (n && (c[n - 1] == ' ' || c[n - 1] == '\t' || c[n - 1] == '\n'))
		c[--n] = '\0';
	return c;
}

bool civic_email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	return strlen(s) <= 200 && at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
	       at[1] != '.' && s[strlen(s) - 1] != '.' && !strpbrk(s, " \t<>\"'(),;:");
}

bool civic_phone_ok(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-.()", *p))
			return false;
	}
	return digits >= 8 && digits <= 15;
}

int civic_count_links(const char *s)
{
	int n = 0;
	for (const char *p = s; (p = strpbrk(p, "hHwW")); p++)
		if (strncasecmp(p, "http://", 7) == 0 || strncasecmp(p, "https://", 8) == 0 || strncasecmp(p, "www.", 4) == 0)
			n++;
	return n;
}

bool civic_check_name(struct arena *a, struct tval *errors, const char *name)
{
	size_t nl = text_length(name, strlen(name));
	if (!nl)
		tv_set_str(a, errors, "name", "Hãy nhập họ và tên.");
	else if (nl > CIVIC_MAX_NAME)
		tv_set_str(a, errors, "name", "Họ và tên dài quá 100 ký tự.");
	return nl && nl <= CIVIC_MAX_NAME;
}

bool civic_check_contact(struct arena *a, struct tval *errors, const char *email, const char *phone, bool required)
{
	bool ok = true;
	if (required && !*email && !*phone) {
		tv_set_str(a, errors, "contact", "Hãy nhập thư điện tử hoặc số điện thoại để cơ quan trả lời bạn.");
		ok = false;
	}
	if (*email && !civic_email_ok(email)) {
		tv_set_str(a, errors, "email", "Thư điện tử không đúng dạng, ví dụ: ten@example.com.");
		ok = false;
	}
	if (*phone && !civic_phone_ok(phone)) {
		tv_set_str(a, errors, "phone", "Số điện thoại gồm 8 đến 15 chữ số, ví dụ: 0912 345 678.");
		ok = false;
	}
	return ok;
}

bool civic_check_content(struct arena *a, struct tval *errors, const char *content)
{
	size_t cl = text_length(content, strlen(content));
	if (cl < CIVIC_MIN_CONTENT) {
		tv_set_str(a, errors, "content", "Hãy viết nội dung ý kiến (ít nhất 10 ký tự).");
		return false;
	}
	if (cl > CIVIC_MAX_CONTENT) {
		tv_set_str(a, errors, "content",
			   arena_printf(a, "Nội dung dài %zu ký tự, quá giới hạn %d ký tự. Hãy rút gọn.", cl, CIVIC_MAX_CONTENT));
		return false;
	}
	return true;
}

/* ---- screening ---- */

int civic_screen(struct page *p, const struct civic_counts *counts, const char *honeypot, int64_t age,
		 const char *title, const char *content, struct civic_verdict *out, const char **message)
{
	struct arena *a = p->a;
	/* rate limits, counted in the database so restarts do not reset them */
	const char *addr_key = arena_printf(a, "ip:%s", http_req_remote_addr(p->req));
	auth_csrf_token(p->app->csrf_key, addr_key, out->client);
	int64_t by_client = 0, by_site = 0;
	if (counts->count_since(p->app->store, p->site.id, out->client, p->now - 3600, &by_client) != LOA_OK ||
	    counts->count_since(p->app->store, p->site.id, NULL, p->now - 3600, &by_site) != LOA_OK) {
		*message = "Hệ thống đang bận. Nội dung của bạn vẫn còn; vui lòng gửi lại sau ít phút.";
		return 503;
	}
	if (by_client >= CIVIC_PER_ADDRESS_HOUR || by_site >= CIVIC_PER_SITE_HOUR) {
		http_header(p->req, "retry-after", "3600");
		*message = by_client >= CIVIC_PER_ADDRESS_HOUR
				   ? "Bạn đã gửi nhiều ý kiến trong một giờ qua. Vui lòng gửi lại sau; nội dung của bạn vẫn còn dưới đây."
				   : "Trang đang nhận quá nhiều ý kiến. Vui lòng gửi lại sau ít phút.";
		return 429;
	}
	/* duplicates: the same title and content folded, within a day */
	struct buf folded = BUF_INIT;
	text_fold(&folded, title, strlen(title));
	buf_addch(&folded, '\n');
	text_fold(&folded, content, strlen(content));
	auth_token_hash(folded.data, out->digest);
	buf_reset(&folded);
	bool dup = false;
	if (counts->duplicate(p->app->store, p->site.id, out->digest, p->now - CIVIC_DUPLICATE_WINDOW, &dup) == LOA_OK &&
	    dup) {
		*message = counts->duplicate_message;
		return 409;
	}
	/* spam signals go to the spam folder, never to the bin */
	out->spam = NULL;
	if (*honeypot)
		out->spam = "ô ẩn chống máy gửi đã bị điền";
	else if (age < CIVIC_MIN_FILL_SECONDS)
		out->spam = "gửi quá nhanh sau khi mở trang";
	else if (civic_count_links(title) + civic_count_links(content) > CIVIC_MAX_LINKS)
		out->spam = "quá nhiều liên kết";
	return 0;
}

static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; /* no 0/O, 1/I/L */

static void random_code(const char *prefix, char out[10])
{
	char token[AUTH_TOKEN_LEN + 1];
	auth_token_new(token);
	out[0] = prefix[0];
	out[1] = prefix[1];
	out[2] = '-';
	for (int i = 0; i < 6; i++)
		out[3 + i] = code_alphabet[(unsigned char)token[i] % (sizeof code_alphabet - 1)];
	out[9] = '\0';
}

int civic_add_with_code(const char *prefix, char code[10], int (*add)(void *ctx, const char *code), void *ctx)
{
	int rc = LOA_CONFLICT;
	for (int tries = 0; tries < 5 && rc == LOA_CONFLICT; tries++) {
		random_code(prefix, code);
		rc = add(ctx, code);
	}
	return rc;
}

bool civic_code_ok(const char *prefix, const char *code)
{
	if (!code || strlen(code) != 9 || toupper((unsigned char)code[0]) != prefix[0] ||
	    toupper((unsigned char)code[1]) != prefix[1] || code[2] != '-')
		return false;
	for (int i = 3; i < 9; i++)
		if (!code[i] || !strchr(code_alphabet, toupper((unsigned char)code[i])))
			return false;
	return true;
}

/* ---- the tracking page ---- */

const char *civic_track_begin(struct page *p, const struct civic_track *t)
{
	struct arena *a = p->a;
	const char *code = http_req_query(p->req, "ma");
	const char *q = strchr(http_req_raw_path(p->req), '?');
	if (!code && q && (strncmp(q + 1, "ma=", 3) == 0 || strstr(q, "&ma="))) {
		code = ""; /* sent, but not valid UTF-8: looked up as nothing, so not found */
	} else if (code) {
		while (*code == ' ' || *code == '\t')
			code++;
		size_t n = strlen(code);
		while (n && (code[n - 1] == ' ' || code[n - 1] == '\t'))
			n--;
		code = n ? arena_strndup(a, code, n) : NULL;
	}
	struct tval *tr = tv_map(a);
	tv_set_str(a, tr, "action", t->path);
	char id[3] = {(char)tolower((unsigned char)t->prefix[0]), (char)tolower((unsigned char)t->prefix[1]), '\0'};
	tv_set_str(a, tr, "id", arena_strdup(a, id));
	tv_set_str(a, tr, "prefix", t->prefix);
	tv_set_str(a, tr, "example", t->example);
	tv_set_str(a, tr, "noun", t->noun);
	tv_set(p->root, "track", tr);
	tv_set_str(a, p->root, "query_code", code ? code : "");
	p->no_cache = true;
	http_header(p->req, "x-robots-tag", "noindex");
	page_set_meta(p, t->title, "", t->path);
	return code;
}
