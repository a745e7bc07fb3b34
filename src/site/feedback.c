/* feedback.c — "Gửi ý kiến phản hồi" under every article and the general
 * "Hỏi đáp - Góp ý" page: citizens send feedback and questions, officials
 * answer, answers are published.
 *
 * A submission is committed to the database (and its attachment written
 * and synced) before the reader is thanked and given a tracking code.
 * Abuse resistance without a captcha service: a honeypot field, a minimum
 * fill-in time and page-origin check (a signed time stamp in the form),
 * rate limits per address and per site, limits on length and links, and a
 * duplicate check. A spam verdict never deletes: the item goes to the
 * moderators' spam folder, and the sender is thanked like anyone else. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/auth.h"
#include "core/buf.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "mail/outbox.h"
#include "render/pagecache.h"
#include "site/civic.h"
#include "site/siteInt.h"
#include "store/store_feedback.h"
#include "store/store_mail.h"

#define MAX_TITLE 200
#define MAX_ATTACHMENT (5u << 20)
#define QA_PER_PAGE 10

/* ---- the page parts ---- */

static struct tval *qa_item(struct page *p, const struct feedback *f)
{
	struct arena *a = p->a;
	struct tval *t = tv_map(a);
	char d1[11], d2[11];
	vn_format_date(f->created_at, d1);
	vn_format_date(f->answered_at ? f->answered_at : f->published_at, d2);
	tv_set_str(a, t, "code", f->code);
	tv_set_str(a, t, "title", f->title);
	tv_set_str(a, t, "content", f->content);
	tv_set_str(a, t, "name", f->name);
	tv_set_str(a, t, "asked", arena_strdup(a, d1));
	tv_set_str(a, t, "answer", f->answer);
	tv_set_str(a, t, "answered", arena_strdup(a, d2));
	tv_set_str(a, t, "answered_by", "Ban biên tập");
	tv_set_str(a, t, "article_title", f->article_title);
	tv_set_str(a, t, "article_url", f->article_url);
	return t;
}

static struct tval *empty_form(struct page *p, int64_t article_id)
{
	struct arena *a = p->a;
	struct tval *form = tv_map(a), *values = tv_map(a), *errors = tv_map(a);
	tv_set_str(a, form, "action", "/gop-y");
	tv_set_int(a, form, "article_id", article_id);
	tv_set_str(a, form, "token", PAGECACHE_SLOT("fbtoken"));
	tv_set_int(a, form, "max_content", CIVIC_MAX_CONTENT);
	tv_set(form, "values", values);
	tv_set(form, "errors", errors);
	return form;
}

void feedback_add_to_page(struct page *p, int64_t article_id, int limit)
{
	struct arena *a = p->a;
	struct feedback *items;
	size_t n = 0;
	int64_t total = 0;
	if (store_feedback_public(p->app->store, p->site.id, article_id, limit, 0, a, &items, &n, &total) != LOA_OK)
		n = 0;
	struct tval *qa = tv_map(a), *list = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(list, qa_item(p, &items[i]));
	tv_set(qa, "items", list);
	tv_set_bool(a, qa, "has_items", n > 0);
	tv_set_int(a, qa, "total", total);
	tv_set_str(a, qa, "more_url", article_id ? arena_printf(a, "/hoi-dap?bai=%lld", (long long)article_id) : "/hoi-dap");
	tv_set(p->root, "qa", qa);
	tv_set(p->root, "feedback_form", empty_form(p, article_id));
}

void site_hoidap(void *app, struct http_req *req)
{
	struct page p;
	if (site_serve_cached(app, req) || !page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	int cur;
	int64_t article_id = 0;
	const char *bai = http_req_query(req, "bai");
	struct article art;
	bool with_article = false;
	if (bai && *bai) {
		if (!num_parse_i64(bai, 1, INT64_MAX, &article_id) ||
		    store_article_get(p.app->store, p.site.id, article_id, a, &art) != LOA_OK ||
		    art.status != ARTICLE_PUBLISHED) {
			page_not_found(&p);
			return;
		}
		with_article = true;
	}
	if (!page_number(&p, &cur)) {
		page_not_found(&p);
		return;
	}
	struct feedback *items;
	size_t n = 0;
	int64_t total = 0;
	if (store_feedback_public(p.app->store, p.site.id, with_article ? article_id : -1, QA_PER_PAGE,
				  (cur - 1) * QA_PER_PAGE, a, &items, &n, &total) != LOA_OK)
		n = 0;
	if (cur > 1 && n == 0) {
		page_not_found(&p);
		return;
	}
	struct tval *qa = tv_map(a), *list = tv_list(a);
	for (size_t i = 0; i < n; i++)
		tv_push(list, qa_item(&p, &items[i]));
	tv_set(qa, "items", list);
	tv_set_bool(a, qa, "has_items", n > 0);
	tv_set_int(a, qa, "total", total);
	tv_set(p.root, "qa", qa);
	if (with_article) {
		struct tval *af = tv_map(a);
		tv_set_str(a, af, "title", art.title);
		tv_set_str(a, af, "url", page_article_url(&p, &art));
		tv_set(p.root, "article_filter", af);
	}
	const char *base = with_article ? arena_printf(a, "/hoi-dap?bai=%lld", (long long)article_id) : "/hoi-dap";
	page_pager(&p, base, cur, total, QA_PER_PAGE);
	tv_set(p.root, "feedback_form", empty_form(&p, with_article ? article_id : 0));
	page_set_meta(&p, "Hỏi đáp - Góp ý", "Câu hỏi, góp ý của người dân và trả lời chính thức.", base);
	page_finish(&p, "hoidap", 200);
}

/* ---- submission ---- */

struct submission {
	const char *name, *address, *email, *phone, *title, *content, *honeypot, *token;
	bool notify;               /* "nhan-thu": mail me the answer */
	int64_t article_id;
	struct article art;
	bool has_article;
};

/* Shows the form again with the reader's text and the messages. */
static void form_again(struct page *p, const struct submission *s, struct tval *errors, int status,
		       const char *message)
{
	struct arena *a = p->a;
	struct tval *form = empty_form(p, s->has_article ? s->article_id : 0), *values = tv_map(a);
	tv_set_str(a, values, "name", s->name);
	tv_set_str(a, values, "address", s->address);
	tv_set_str(a, values, "email", s->email);
	tv_set_str(a, values, "phone", s->phone);
	tv_set_bool(a, values, "notify", s->notify);
	tv_set_str(a, values, "title", s->title);
	tv_set_str(a, values, "content", s->content);
	tv_set(form, "values", values);
	tv_set(form, "errors", errors);
	tv_set(p->root, "feedback_form", form);
	tv_set_str(a, p->root, "message", message ? message : "");
	if (s->has_article) {
		struct tval *at = tv_map(a);
		tv_set_str(a, at, "title", s->art.title);
		tv_set_str(a, at, "url", page_article_url(p, &s->art));
		tv_set(p->root, "article", at);
	}
	page_set_meta(p, "Gửi ý kiến phản hồi", "", "/hoi-dap");
	p->no_cache = true;
	http_header(p->req, "x-robots-tag", "noindex");
	page_finish(p, "feedback_form_page", status);
}

/* What the bytes of an attachment are, or NULL when not accepted. */
static const char *attachment_type(const unsigned char *d, size_t n, const char **ext)
{
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return *ext = "pdf", "application/pdf";
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return *ext = "jpg", "image/jpeg";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return *ext = "png", "image/png";
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return *ext = "webp", "image/webp";
	return NULL;
}

/* Writes the attachment durably (file synced, then its directory). */
static int save_attachment(const char *dir, const char *name, const void *data, size_t len)
{
	if (mkdir(dir, 0750) != 0 && errno != EEXIST)
		return LOA_ERROR;
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/%s", dir, name);
	int rc = LOA_ERROR;
	int fd = open(path.data, O_WRONLY | O_CREAT | O_EXCL, 0640);
	if (fd >= 0) {
		const char *p = data;
		size_t left = len;
		while (left) {
			ssize_t w = write(fd, p, left);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			p += w;
			left -= (size_t)w;
		}
		if (left == 0 && fsync(fd) == 0)
			rc = LOA_OK;
		close(fd);
		int dfd = open(dir, O_RDONLY | O_DIRECTORY);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		if (rc != LOA_OK)
			unlink(path.data);
	}
	buf_reset(&path);
	return rc;
}

struct feedback_add {
	struct store *st;
	struct feedback *f;
	bool notify;
	const struct outbox_ctx *mail;
};

/* civic_add_with_code's callback: stores the item under `code`, with the
 * sender's consent and the moderators' notification, in one transaction
 * (a spam verdict notifies nobody). */
static int feedback_add_coded(void *ctx, const char *code)
{
	struct feedback_add *fa = ctx;
	fa->f->code = code;
	int rc = store_begin(fa->st);
	if (rc != LOA_OK)
		return rc;
	rc = store_feedback_add(fa->st, fa->f, &fa->f->id);
	if (rc == LOA_OK && fa->notify)
		rc = store_feedback_notify_set(fa->st, fa->f->site_id, fa->f->id, true);
	if (rc == LOA_OK && fa->f->state == FB_NEW)
		rc = outbox_feedback_received(fa->mail, fa->f);
	if (rc == LOA_OK)
		rc = store_commit(fa->st);
	if (rc != LOA_OK)
		store_rollback(fa->st);
	return rc;
}

void site_feedback_post(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	struct submission s = {0};
	struct tval *errors = tv_map(a);
	bool bad_utf8 = false, any = false;
	s.name = civic_field(a, req, "ho-ten", &bad_utf8);
	s.address = civic_field(a, req, "dia-chi", &bad_utf8);
	s.email = civic_field(a, req, "email", &bad_utf8);
	s.phone = civic_field(a, req, "dien-thoai", &bad_utf8);
	s.title = civic_field(a, req, "tieu-de", &bad_utf8);
	s.content = civic_field(a, req, "noi-dung", &bad_utf8);
	s.honeypot = civic_field(a, req, "website", &bad_utf8);
	s.notify = strcmp(civic_field(a, req, "nhan-thu", &bad_utf8), "1") == 0;
	s.token = http_req_form(req, "t");
	const char *bai = http_req_form(req, "bai");
	if (bai && *bai && strcmp(bai, "0") != 0) {
		if (!num_parse_i64(bai, 1, INT64_MAX, &s.article_id) ||
		    store_article_get(p.app->store, p.site.id, s.article_id, a, &s.art) != LOA_OK ||
		    s.art.status != ARTICLE_PUBLISHED || s.art.published_at > p.now) {
			page_bad_request(&p, "Bài viết được góp ý không tồn tại.");
			return;
		}
		s.has_article = true;
	}
	int64_t age = civic_token_age(p.app, s.token, p.now);
	if (age < 0) {
		form_again(&p, &s, errors, 400, "Biểu mẫu đã hết hạn hoặc không hợp lệ. Nội dung của bạn vẫn còn dưới đây; hãy bấm “Gửi ý kiến” lần nữa.");
		return;
	}
	if (bad_utf8) {
		tv_set_str(a, errors, "general", "Có ký tự không hợp lệ trong nội dung gửi. Hãy gõ lại.");
		any = true;
	}
	if (!civic_check_name(a, errors, s.name))
		any = true;
	if (text_length(s.address, strlen(s.address)) > 300) {
		tv_set_str(a, errors, "general", "Địa chỉ dài quá 300 ký tự.");
		any = true;
	}
	if (!civic_check_contact(a, errors, s.email, s.phone, true))
		any = true;
	size_t tl = text_length(s.title, strlen(s.title));
	if (!tl) {
		tv_set_str(a, errors, "title", "Hãy nhập tiêu đề.");
		any = true;
	} else if (tl > MAX_TITLE) {
		tv_set_str(a, errors, "title", "Tiêu đề dài quá 200 ký tự.");
		any = true;
	}
	if (!civic_check_content(a, errors, s.content))
		any = true;
	const struct http_file *file = http_req_file(req, "tep");
	const char *ext = NULL, *mime = NULL;
	if (file && file->len) {
		if (file->len > MAX_ATTACHMENT) {
			tv_set_str(a, errors, "attachment", "Tệp đính kèm quá lớn: tối đa 5 MB.");
			any = true;
		} else if (!(mime = attachment_type(file->data, file->len, &ext))) {
			tv_set_str(a, errors, "attachment", "Tệp đính kèm phải là PDF hoặc ảnh JPEG, PNG, WebP.");
			any = true;
		}
	}
	if (any) {
		form_again(&p, &s, errors, 422, "Vui lòng sửa các mục được đánh dấu.");
		return;
	}
	static const struct civic_counts counts = {
		store_feedback_count_since, store_feedback_duplicate,
		"Ý kiến với nội dung này đã được gửi trong 24 giờ qua; cơ quan sẽ trả lời theo mã theo dõi đã cấp."};
	struct civic_verdict v;
	const char *refusal;
	int status = civic_screen(&p, &counts, s.honeypot, age, s.title, s.content, &v, &refusal);
	if (status) {
		form_again(&p, &s, errors, status, refusal);
		return;
	}
	const char *spam = v.spam;
	struct feedback f = {
		.site_id = p.site.id,
		.article_id = s.has_article ? s.article_id : 0,
		.name = s.name, .address = s.address, .email = s.email, .phone = s.phone,
		.title = s.title, .content = s.content,
		.attachment = "", .attachment_mime = "",
		.client_hash = v.client, .content_hash = v.digest,
		.state = spam ? FB_SPAM : FB_NEW, .reason = spam ? spam : "", .answer = "",
		.created_at = p.now, .updated_at = p.now,
	};
	if (mime) {
		char token[AUTH_TOKEN_LEN + 1];
		auth_token_new(token);
		f.attachment = arena_printf(a, "%.24s.%s", token, ext);
		f.attachment_mime = mime;
		f.attachment_bytes = (int64_t)file->len;
		if (save_attachment(p.app->cfg.attach_dir, f.attachment, file->data, file->len) != LOA_OK) {
			form_again(&p, &s, errors, 503, "Không lưu được tệp đính kèm. Vui lòng gửi lại.");
			return;
		}
	}
	char code[10];
	f.article_title = s.has_article ? s.art.title : "";
	struct outbox_ctx mail = {p.app->store, app_theme(p.app)->tmpl, &p.site, p.base_url, p.now, a};
	struct feedback_add add = {p.app->store, &f, s.notify && *s.email, &mail};
	int rc = civic_add_with_code("GY", code, feedback_add_coded, &add);
	if (rc != LOA_OK) {
		form_again(&p, &s, errors, 503, "Không lưu được ý kiến. Nội dung của bạn vẫn còn; vui lòng gửi lại.");
		return;
	}
	/* committed: only now is the reader thanked */
	tv_set_str(a, p.root, "code", arena_strdup(a, code));
	tv_set_str(a, p.root, "track_url", arena_printf(a, "/gop-y/tra-cuu?ma=%s", code));
	if (s.has_article) {
		struct tval *at = tv_map(a);
		tv_set_str(a, at, "title", s.art.title);
		tv_set_str(a, at, "url", page_article_url(&p, &s.art));
		tv_set(p.root, "article", at);
	}
	page_set_meta(&p, "Cảm ơn bạn đã gửi ý kiến", "", "/hoi-dap");
	p.no_cache = true;
	http_header(req, "x-robots-tag", "noindex");
	page_finish(&p, "feedback_thanks", 200);
}

void site_feedback_track(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	static const struct civic_track track = {"/gop-y/tra-cuu", "Tra cứu ý kiến phản hồi", "GY", "GY-7K3M9Q", "ý kiến"};
	const char *code = civic_track_begin(&p, &track);
	struct feedback f;
	int status = 200;
	if (code) {
		if (strlen(code) <= 20 && store_feedback_by_code(p.app->store, p.site.id, code, a, &f) == LOA_OK) {
			static const char *keys[] = {"received", "answered", "published", "declined", "received"};
			static const char *labels[] = {"Đã tiếp nhận", "Đã có trả lời", "Đã đăng công khai", "Không đăng",
						       "Đã tiếp nhận"};
			int st = f.state >= 0 && f.state <= 4 ? f.state : 0;
			struct tval *it = tv_map(a);
			char d[11];
			vn_format_date(f.created_at, d);
			tv_set_str(a, it, "code", f.code);
			tv_set_str(a, it, "title", f.title);
			tv_set_str(a, it, "created", arena_strdup(a, d));
			tv_set_str(a, it, "state", keys[st]);
			tv_set_str(a, it, "state_label", labels[st]);
			tv_set_str(a, it, "reason", st == FB_DECLINED ? f.reason : "");
			bool answered = st == FB_ANSWERED || st == FB_PUBLISHED;
			tv_set_str(a, it, "answer", answered ? f.answer : "");
			vn_format_date(f.answered_at, d);
			tv_set_str(a, it, "answered", answered && f.answered_at ? arena_strdup(a, d) : "");
			tv_set_str(a, it, "article_title", f.article_title);
			tv_set_str(a, it, "article_url", f.article_url);
			tv_set_str(a, it, "public_url",
				   st == FB_PUBLISHED ? arena_printf(a, "%s#gy-%s", *f.article_url ? f.article_url : "/hoi-dap", f.code)
						      : "");
			tv_set(p.root, "item", it);
			tv_set_bool(a, p.root, "found", true);
		} else {
			tv_set_bool(a, p.root, "not_found", true);
			status = 404;
		}
	}
	page_finish(&p, "feedback_track", status);
}
