/* import.c — JSON Lines article import and the demo site loader.
 *
 * Each line is validated completely before anything is written, so a bad
 * line never leaves half an article behind. Lines are written in batches of
 * IMPORT_BATCH per transaction (one fsync per batch, not per article). */
#include "import/import.h"
#include "import/importInt.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "import/importInt.h"
#include "render/sanitize.h"
#include "store/store.h"

#define IMPORT_BATCH 1000
#define MAX_LINE (8u << 20)       /* one article line, body included */
#define MAX_TITLE 500             /* code points */
#define MAX_SHORT 300             /* author, source, caption, category level */
#define MAX_LEAD 3000
#define MAX_BODY (2u << 20)       /* bytes of body_html */
#define MAX_URL 2000

/* A tiny cache of category path -> id for the run (imports repeat paths). */
struct cat_cache {
	char **paths;
	int64_t *ids;
	size_t n, cap;
};

static int64_t cat_cache_get(struct cat_cache *c, const char *path)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->paths[i], path) == 0)
			return c->ids[i];
	return 0;
}

static void cat_cache_put(struct cat_cache *c, const char *path, int64_t id)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->paths = xrealloc(c->paths, c->cap * sizeof *c->paths);
		c->ids = xrealloc(c->ids, c->cap * sizeof *c->ids);
	}
	c->paths[c->n] = xstrdup(path);
	c->ids[c->n++] = id;
}

static void cat_cache_free(struct cat_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->paths[i]);
	free(c->paths);
	free(c->ids);
}

/* Reads an optional string field, cleaned to NFC without control
 * characters. Returns "" when absent; NULL (with *why) when of the wrong
 * type, invalid, or longer than max code points. */
static const char *field_str(struct arena *a, json_t *obj, const char *key, size_t max, const char **why)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return "";
	if (!json_is_string(v)) {
		*why = arena_printf(a, "trường \"%s\" phải là chuỗi", key);
		return NULL;
	}
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	char *c = text_clean(a, s, n);
	if (!c) {
		*why = arena_printf(a, "trường \"%s\" không phải UTF-8 hợp lệ", key);
		return NULL;
	}
	if (text_length(c, strlen(c)) > max) {
		*why = arena_printf(a, "trường \"%s\" dài quá %zu ký tự", key, max);
		return NULL;
	}
	return import_trim(c);
}

char *import_trim(char *c)
{
	while (*c == ' ' || *c == '\t' || *c == '\n')
		c++;
	size_t len = strlen(c);
	while (len && (c[len - 1] == ' ' || c[len - 1] == '\t' || c[len - 1] == '\n'))
		c[--len] = '\0';
	return c;
}

static bool url_ok(const char *u)
{
	if (!*u)
		return true;
	if (u[0] == '/' && u[1] != '/')
		return true;
	return strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0;
}

static bool slug_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 120 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

/* "-Nd HH:MM" relative to now, in Vietnam time. */
static bool parse_relative(const char *s, int64_t now, int64_t *out)
{
	int days, h, m, used = 0;
	if (sscanf(s, "-%dd %d:%d%n", &days, &h, &m, &used) != 3 || s[used] != '\0' || days < 0 ||
	    days > 3650 || h < 0 || h > 23 || m < 0 || m > 59)
		return false;
	*out = vn_day_start(vn_day(now) - days) + h * 3600 + m * 60;
	return true;
}

/* Validates one parsed line into *art. Returns NULL on success or the reason. */
static const char *article_from_json(struct arena *a, json_t *obj, const struct import_opts *o, struct article *art,
				     const char **category)
{
	const char *why = NULL;
	memset(art, 0, sizeof *art);
	if (!json_is_object(obj))
		return "dòng không phải một đối tượng JSON";
	art->site_id = o->site_id;
	art->title = field_str(a, obj, "title", MAX_TITLE, &why);
	if (!art->title)
		return why;
	if (!*art->title)
		return "thiếu trường \"title\"";
	*category = field_str(a, obj, "category", MAX_SHORT, &why);
	if (!*category)
		return why;
	if (!**category)
		return "thiếu trường \"category\"";
	const char *lead = field_str(a, obj, "lead", MAX_LEAD, &why);
	if (!lead)
		return why;
	if (strchr(lead, '<')) { /* a lead is plain text; strip markup if any */
		struct buf b = BUF_INIT;
		sanitize_text(&b, lead, strlen(lead), MAX_LEAD * 4);
		lead = arena_strndup(a, b.data, b.len);
		buf_reset(&b);
	}
	art->lead = lead;

	json_t *body = json_object_get(obj, "body_html");
	if (body && !json_is_null(body)) {
		if (!json_is_string(body))
			return "trường \"body_html\" phải là chuỗi";
		if (json_string_length(body) > MAX_BODY)
			return arena_printf(a, "trường \"body_html\" lớn quá %u byte", MAX_BODY);
		struct buf b = BUF_INIT;
		if (sanitize_body(&b, json_string_value(body), json_string_length(body), NULL, NULL) != LOA_OK) {
			buf_reset(&b);
			return arena_printf(a, "trường \"body_html\" không hợp lệ: không phải UTF-8 hoặc có hơn %d thẻ HTML",
					    SANITIZE_MAX_TAGS);
		}
		art->body_html = arena_strndup(a, b.data, b.len);
		buf_reset(&b);
	} else {
		art->body_html = "";
	}
	if (!(art->author = field_str(a, obj, "author", MAX_SHORT, &why)))
		return why;
	if (!(art->source = field_str(a, obj, "source", MAX_SHORT, &why)))
		return why;
	if (!(art->caption = field_str(a, obj, "caption", MAX_LEAD, &why)))
		return why;
	if (!(art->image = field_str(a, obj, "image", MAX_URL, &why)))
		return why;
	if (!url_ok(art->image))
		return "trường \"image\" phải là đường dẫn bắt đầu bằng / hoặc địa chỉ http(s)";
	if (!(art->external_id = field_str(a, obj, "external_id", 200, &why)))
		return why;
	const char *slug = field_str(a, obj, "slug", 120, &why);
	if (!slug)
		return why;
	if (*slug && !slug_ok(slug))
		return "trường \"slug\" chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang";
	art->slug = slug;

	json_t *pub = json_object_get(obj, "published_at");
	if (!pub || !json_is_string(pub))
		return "thiếu trường \"published_at\" (ISO 8601, ví dụ 2020-01-08T09:00:00+07:00)";
	const char *ps = json_string_value(pub);
	if (!vn_parse_iso(ps, &art->published_at) &&
	    !(o->relative_now && parse_relative(ps, o->relative_now, &art->published_at)))
		return arena_printf(a, "\"published_at\" không hợp lệ: \"%.40s\" (cần ISO 8601 có múi giờ)", ps);
	art->updated_at = art->published_at;

	json_t *feat = json_object_get(obj, "featured");
	if (feat && !json_is_null(feat)) {
		if (!json_is_boolean(feat))
			return "trường \"featured\" phải là true hoặc false";
		art->featured = json_is_true(feat);
	}
	json_t *pin = json_object_get(obj, "hot_pin");
	if (pin && !json_is_null(pin)) {
		if (!json_is_integer(pin) || json_integer_value(pin) < 0 || json_integer_value(pin) > 1000)
			return "trường \"hot_pin\" phải là số nguyên từ 0 đến 1000";
		art->hot_pin = (int)json_integer_value(pin);
	}
	art->status = ARTICLE_PUBLISHED;
	return NULL;
}

/* Reads one line of any length up to MAX_LINE into b (without the newline).
 * Returns false at end of input; sets *too_long when the line was cut. */
bool import_read_line(FILE *in, struct buf *b, bool *too_long)
{
	buf_setlen(b, 0);
	*too_long = false;
	int c;
	bool any = false;
	while ((c = getc(in)) != EOF) {
		any = true;
		if (c == '\n')
			return true;
		if (b->len < MAX_LINE)
			buf_addch(b, (char)c);
		else
			*too_long = true;
	}
	return any;
}

static void report_error(const struct import_opts *o, int64_t line, const char *msg)
{
	if (o->on_error)
		o->on_error(o->ctx, line, msg);
}

int import_jsonl(struct store *st, FILE *in, const struct import_opts *o, struct import_report *r)
{
	struct buf line = BUF_INIT;
	struct cat_cache cats = {0};
	struct arena *a = arena_new();
	int rc = LOA_OK;
	int64_t lineno = 0, in_batch = 0;
	bool too_long;

	memset(r, 0, sizeof *r);
	if (store_begin(st) != LOA_OK) {
		rc = LOA_ERROR;
		goto out;
	}
	while (import_read_line(in, &line, &too_long)) {
		lineno++;
		const char *s = line.data;
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s)
			continue;
		r->lines++;
		arena_clear(a);
		if (too_long) {
			report_error(o, lineno, arena_printf(a, "dòng dài quá %u byte", MAX_LINE));
			r->failed++;
			continue;
		}
		json_error_t jerr;
		json_t *obj = json_loadb(line.data, line.len, JSON_REJECT_DUPLICATES, &jerr);
		if (!obj) {
			report_error(o, lineno,
				     arena_printf(a, "JSON không hợp lệ (cột %d): %s", jerr.column, import_json_reason(&jerr)));
			r->failed++;
			continue;
		}
		struct article art;
		const char *cat_path = NULL;
		const char *why = article_from_json(a, obj, o, &art, &cat_path);
		if (!why) {
			int64_t cid = cat_cache_get(&cats, cat_path);
			if (!cid) {
				const char *cerr = NULL;
				if (store_category_ensure_path(st, o->site_id, cat_path, &cid, &cerr) != LOA_OK)
					why = cerr ? cerr : "không tạo được chuyên mục";
				else
					cat_cache_put(&cats, cat_path, cid);
			}
			art.category_id = cid;
		}
		if (!why) {
			int64_t id;
			bool created;
			const char *uerr = NULL;
			int urc = store_article_upsert(st, &art, &id, &created, &uerr);
			if (urc == LOA_OK) {
				if (created)
					r->created++;
				else
					r->updated++;
				in_batch++;
			} else if (urc == LOA_INVALID || urc == LOA_CONFLICT) {
				why = uerr ? uerr : "bài viết không hợp lệ";
			} else {
				json_decref(obj);
				report_error(o, lineno, uerr ? uerr : "lỗi cơ sở dữ liệu");
				rc = LOA_ERROR;
				goto rollback;
			}
		}
		json_decref(obj);
		if (why) {
			report_error(o, lineno, why);
			r->failed++;
		}
		if (in_batch >= IMPORT_BATCH) {
			if (store_commit(st) != LOA_OK || store_begin(st) != LOA_OK) {
				rc = LOA_ERROR;
				goto rollback;
			}
			in_batch = 0;
		}
		if (o->on_progress && r->lines % 500 == 0)
			o->on_progress(o->ctx, r);
	}
	if (store_commit(st) != LOA_OK) {
		rc = LOA_ERROR;
		goto rollback;
	}
	if (o->on_progress)
		o->on_progress(o->ctx, r);
	goto out;
rollback:
	store_rollback(st);
	/* the rolled-back batch was not imported after all */
	r->created = r->updated = 0;
out:
	arena_free(a);
	cat_cache_free(&cats);
	buf_reset(&line);
	return rc;
}

/* ---- demo site ---- */

json_t *import_json_file(const char *dir, const char *name, char **err)
{
	char path[4096];
	json_error_t jerr;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
		*err = strdup("đường dẫn quá dài");
		return NULL;
	}
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "không đọc được %s (dòng %d): %s", path, jerr.line, import_json_reason(&jerr));
		*err = buf_detach(&b, NULL);
	}
	return j;
}

const char *import_json_reason(const json_error_t *e)
{
	switch (json_error_code(e)) {
	case json_error_out_of_memory:
		return "không đủ bộ nhớ";
	case json_error_stack_overflow:
		return "lồng nhau quá sâu";
	case json_error_cannot_open_file:
		return "không mở được tệp";
	case json_error_invalid_utf8:
		return "có ký tự không phải UTF-8";
	case json_error_premature_end_of_input:
		return "kết thúc giữa chừng (thiếu dấu đóng ngoặc hoặc nháy)";
	case json_error_end_of_input_expected:
		return "còn nội dung thừa sau đối tượng JSON";
	case json_error_null_character:
	case json_error_null_byte_in_key:
		return "có ký tự NUL (\\u0000)";
	case json_error_duplicate_key:
		return "một khóa xuất hiện hai lần";
	case json_error_numeric_overflow:
		return "số quá lớn";
	default:
		return "sai cú pháp";
	}
}

static const char *jstr(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return LOA_ERROR;
	FILE *out = fopen(to, "wb");
	if (!out) {
		fclose(in);
		return LOA_ERROR;
	}
	char buf[16384];
	size_t n;
	int rc = LOA_OK;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = LOA_ERROR;
	if (ferror(in))
		rc = LOA_ERROR;
	fclose(in);
	if (fclose(out) != 0)
		rc = LOA_ERROR;
	return rc;
}

/* Copies every regular file of dir/media into media_dir/demo/. */
static int copy_media(const char *dir, const char *media_dir, char **err)
{
	struct buf src = BUF_INIT, dst = BUF_INIT, e = BUF_INIT;
	DIR *d = NULL;
	int rc = LOA_ERROR;

	buf_addf(&dst, "%s", media_dir);
	if (mkdir(dst.data, 0755) != 0 && errno != EEXIST)
		goto fail_dir;
	buf_adds(&dst, "/demo");
	if (mkdir(dst.data, 0755) != 0 && errno != EEXIST)
		goto fail_dir;
	buf_addf(&src, "%s/media", dir);
	d = opendir(src.data);
	if (!d)
		goto fail_dir;
	size_t src_len = src.len, dst_len = dst.len;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		buf_setlen(&src, src_len);
		buf_setlen(&dst, dst_len);
		buf_addf(&src, "/%s", ent->d_name);
		buf_addf(&dst, "/%s", ent->d_name);
		struct stat sb;
		if (stat(src.data, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (copy_file(src.data, dst.data) != LOA_OK)
			goto fail_dir;
	}
	rc = LOA_OK;
	goto out;
fail_dir:
	buf_addf(&e, "không chép được ảnh minh họa sang %s: %s", dst.data, strerror(errno));
	*err = buf_detach(&e, NULL);
out:
	if (d)
		closedir(d);
	buf_reset(&src);
	buf_reset(&dst);
	return rc;
}

static int session_of(const char *s)
{
	if (strcmp(s, "chieu") == 0)
		return CAL_AFTERNOON;
	if (strcmp(s, "toi") == 0)
		return CAL_EVENING;
	return CAL_MORNING;
}

struct demo_errors {
	struct buf msgs;
	int count;
	const char *file; /* NULL: articles.jsonl */
};

static void demo_on_error(void *ctx, int64_t line, const char *msg)
{
	struct demo_errors *de = ctx;
	if (de->count++ < 5)
		buf_addf(&de->msgs, "%s%s dòng %lld: %s", de->msgs.len ? "; " : "", de->file ? de->file : "articles.jsonl",
			 (long long)line, msg);
}

/* The demo's register (documents.jsonl, optional), through the same
 * import as `loa import --documents`. */
static int demo_documents(struct store *st, int64_t site_id, const char *dir, const char *media_dir, char **err)
{
	char path[4096], files[4096];
	if ((size_t)snprintf(path, sizeof path, "%s/documents.jsonl", dir) >= sizeof path || access(path, F_OK) != 0)
		return LOA_OK;
	snprintf(files, sizeof files, "%s/files", media_dir);
	FILE *in = fopen(path, "r");
	if (!in) {
		*err = strdup("không mở được documents.jsonl");
		return LOA_ERROR;
	}
	struct demo_errors de = {BUF_INIT, 0, "documents.jsonl"};
	struct import_opts o = {.site_id = site_id, .on_error = demo_on_error, .ctx = &de};
	struct import_report r;
	int rc = import_documents(st, in, dir, files, &o, &r);
	fclose(in);
	if (rc != LOA_OK || r.failed || r.unlinked) { /* the demo's own register must be whole */
		*err = de.msgs.len ? buf_detach(&de.msgs, NULL) : strdup("lỗi khi nhập văn bản mẫu");
		rc = LOA_ERROR;
	}
	buf_reset(&de.msgs);
	return rc;
}

int import_demo(struct store *st, const char *dir, const char *media_dir, int64_t now, char **err)
{
	json_t *site_j = NULL, *cal_j = NULL, *links_j = NULL, *org_j = NULL, *consult_j = NULL;
	FILE *in = NULL;
	struct demo_errors de = {BUF_INIT, 0, NULL};
	int rc = LOA_ERROR;
	const char *serr = NULL;

	if (!(site_j = import_json_file(dir, "site.json", err)) || !(cal_j = import_json_file(dir, "calendar.json", err)) ||
	    !(links_j = import_json_file(dir, "links.json", err)) || !(org_j = import_json_file(dir, "org.json", err)))
		goto out;
	/* sections added later are optional, so an older demo folder still loads */
	char cpath[4096];
	if ((size_t)snprintf(cpath, sizeof cpath, "%s/consultations.json", dir) < sizeof cpath &&
	    access(cpath, F_OK) == 0 && !(consult_j = import_json_file(dir, "consultations.json", err)))
		goto out;

	struct site s = {
		.host = "",
		.name = jstr(site_j, "name"),
		.tagline = jstr(site_j, "tagline"),
		.footer = jstr(site_j, "footer"),
		.contact = jstr(site_j, "contact"),
		.visits_base = json_integer_value(json_object_get(site_j, "visits_base")),
	};
	int64_t site_id;
	if (store_site_create(st, &s, &site_id, &serr) != LOA_OK) {
		*err = strdup(serr ? serr : "không tạo được trang");
		goto out;
	}

	/* categories first, so the menu follows the order site.json gives */
	size_t ci;
	json_t *cj;
	json_array_foreach(json_object_get(site_j, "categories"), ci, cj) {
		int64_t cid;
		if (!json_is_string(cj) ||
		    store_category_ensure_path(st, site_id, json_string_value(cj), &cid, &serr) != LOA_OK) {
			*err = strdup(serr ? serr : "site.json: chuyên mục không hợp lệ");
			goto out;
		}
	}

	char path[4096];
	if ((size_t)snprintf(path, sizeof path, "%s/articles.jsonl", dir) >= sizeof path || !(in = fopen(path, "r"))) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "không mở được %s/articles.jsonl: %s", dir, strerror(errno));
		*err = buf_detach(&b, NULL);
		goto out;
	}
	struct import_opts o = {.site_id = site_id, .relative_now = now, .on_error = demo_on_error, .ctx = &de};
	struct import_report r;
	if (import_jsonl(st, in, &o, &r) != LOA_OK || r.failed) {
		*err = buf_detach(&de.msgs, NULL);
		goto out;
	}

	int64_t monday = vn_week_monday(vn_day(now));
	size_t i;
	json_t *it;
	if (store_begin(st) != LOA_OK)
		goto db_fail;
	json_array_foreach(cal_j, i, it) {
		struct cal_item c = {
			.site_id = site_id,
			.day = monday + 7 * json_integer_value(json_object_get(it, "week_offset")) +
			       json_integer_value(json_object_get(it, "weekday")),
			.session = session_of(jstr(it, "session")),
			.start_time = jstr(it, "start_time"),
			.content = jstr(it, "content"),
			.chair = jstr(it, "chair"),
			.participants = jstr(it, "participants"),
			.location = jstr(it, "location"),
			.unit = jstr(it, "unit"),
			.note = jstr(it, "note"),
			.state = (int)json_integer_value(json_object_get(it, "state")),
		};
		int64_t id;
		if (store_calendar_add(st, &c, &id) != LOA_OK)
			goto db_fail;
	}
	json_array_foreach(links_j, i, it) {
		struct link l = {.site_id = site_id, .title = jstr(it, "title"), .url = jstr(it, "url"), .position = (int)i};
		int64_t id;
		if (store_link_add(st, &l, &id) != LOA_OK)
			goto db_fail;
	}
	if (consult_j && import_demo_consult(st, site_id, consult_j, now, &serr) != LOA_OK) {
		store_rollback(st);
		*err = strdup(serr ? serr : "lỗi khi tạo dự thảo lấy ý kiến");
		goto out;
	}
	if (store_commit(st) != LOA_OK)
		goto db_fail;
	if (import_demo_portal(st, site_id, dir, err) != LOA_OK)
		goto out;
	if (import_demo_org(st, org_j, site_id, now, err) != LOA_OK)
		goto out;
	if ((rc = demo_documents(st, site_id, dir, media_dir, err)) != LOA_OK)
		goto out;
	rc = copy_media(dir, media_dir, err);
	if (rc == LOA_OK) /* after the media folder exists: the files go below it */
		rc = import_demo_attachments(st, site_id, dir, media_dir, now, err);
	goto out;
db_fail:
	store_rollback(st);
	*err = strdup("lỗi cơ sở dữ liệu khi tạo lịch công tác và liên kết");
out:
	if (in)
		fclose(in);
	buf_reset(&de.msgs);
	json_decref(site_j);
	json_decref(cal_j);
	json_decref(links_j);
	json_decref(org_j);
	json_decref(consult_j);
	return rc;
}
