/* nukeviet.c — the NukeViet 4.x news import (contract in nukeviet.h).
 *
 * The dump is read twice, because mysqldump writes tables in name order
 * and an article's body (_news_detail) comes before the article
 * (_news_rows): the first pass keeps the small tables and every article
 * without its body; then categories are made; the second pass writes each
 * article as its body goes by, the others (no body) after it. All of it
 * inside one transaction, so a failure anywhere leaves nothing.
 *
 * Old addresses: NukeViet builds an article's link as
 * index.php?language=vi&nv=<module>&op=<cat-alias>/<alias>-<id>.html and
 * rewrites it to /vi/<module>/<cat-alias>/<alias>-<id>.html; a site may
 * drop the language (one-language sites) or the module (its "home"
 * module) from the rewritten form. Every one of those forms is stored,
 * for each category the article was listed in, as is each category's
 * page and feed and the module's home, feed, tag and topic pages. */
#include "import/nukeviet.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/num.h"
#include "core/oldpath.h"
#include "core/status.h"
#include "core/text.h"
#include "core/vntime.h"
#include "docs/docs.h"
#include "import/importInt.h"
#include "import/sqldump.h"
#include "render/sanitize.h"
#include "store/store.h"
#include "store/store_docs.h"
#include "store/store_newsroom.h"
#include "store/store_redirects.h"

#define MAX_NAME 300            /* code points of a title, alias, author */
#define MAX_HOMETEXT (64u << 10) /* bytes of a lead as NukeViet stored it */
#define MAX_PATH_LEN 400         /* bytes of an image path from the dump */

/* NukeViet's article states (modules/news admin language: status_N). */
static const char *const NV_STATUS[] = {
	"Ngưng hiệu lực", "Xuất bản", "Hẹn giờ đăng", "Hết hạn", "Lưu nháp", "Chuyển duyệt bài",
	"Từ chối duyệt bài", "Đang duyệt bài", "Chuyển đăng bài", "Từ chối đăng bài", "Đang kiểm tra để đăng"};

enum nv_table {
	NV_NONE, NV_CAT, NV_ROWS, NV_SOURCES, NV_TOPICS, NV_TAGS, NV_MODULES,
	NV_LAWS_ROW, NV_LAWS_CAT, NV_LAWS_SUBJECT, NV_LAWS_AREA, NV_LAWS_SIGNER, NV_LAWS_ROW_AREA
};

static const struct {
	const char *suffix;
	int table;
} NV_TABLES[] = {{"_news_cat", NV_CAT},       {"_news_rows", NV_ROWS}, {"_news_sources", NV_SOURCES},
		 {"_news_topics", NV_TOPICS}, {"_news_tags", NV_TAGS}, {"_modules", NV_MODULES},
		 {"_laws_row", NV_LAWS_ROW}, {"_laws_cat", NV_LAWS_CAT}, {"_laws_subject", NV_LAWS_SUBJECT},
		 {"_laws_area", NV_LAWS_AREA}, {"_laws_signer", NV_LAWS_SIGNER}, {"_laws_row_area", NV_LAWS_ROW_AREA}};

struct nv_cat {
	const char *base;
	int64_t id, parent, weight;
	const char *title, *alias;
	int64_t loa_id;        /* 0 until made */
	const char *slug;
	bool done, failed;
};

struct nv_row {
	const char *base;
	int64_t id, catid, sourceid, publtime, addtime, edittime, hits;
	int status, imgthumb;
	const char *title, *alias, *hometext, *img, *imgalt, *author, *listcatid;
	bool skip, done;
};

struct nv_name { /* a source, topic or tag; a document type, issuer, field or signer */
	const char *base;
	int kind;
	int64_t id, ref;       /* _laws_row_area: the row (id) and its field (ref) */
	const char *title, *alias;
};

/* A document of the laws module (_laws_row). */
struct nv_law {
	const char *base;
	int64_t id, cid, sid, sgid, aid, publtime, startvalid, exptime;
	int status;
	const char *title, *alias, *code, *introtext, *bodytext, *files, *replacement;
	int64_t loa_id;
};

struct nv_module {
	const char *base, *title, *data, *upload;
};

struct vec {
	void *p;
	size_t n, cap;
};

struct nv {
	struct store *st;
	const struct nukeviet_opts *o;
	struct nukeviet_report *rep;
	struct arena *a;       /* what the first pass keeps */
	struct arena *tmp;     /* one article's work, cleared after it */
	struct vec cats, rows, names, modules, laws;
	struct vec interned;   /* every base seen, one pointer each (compared by address) */
	struct vec bases;      /* the bases that have a _news_rows table */
	const char *base;      /* the chosen table set, "nv4_vi" */
	const char *module, *upload;
	const char *laws_module, *laws_upload;
	struct vec files_written; /* the register's files written, removed again if it all rolls back */
	struct import_run run;
	struct buf err;        /* the reason a pass stopped */
	int status;
};

static void *vec_push(struct vec *v, size_t size)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 32;
		v->p = xrealloc(v->p, v->cap * size);
	}
	void *slot = (char *)v->p + v->n++ * size;
	memset(slot, 0, size);
	return slot;
}

static void nv_fail(struct nv *nv, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void nv_fail(struct nv *nv, int status, const char *fmt, ...)
{
	if (nv->status != LOA_OK)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&nv->err, fmt, ap);
	va_end(ap);
	nv->status = status;
}

static void skip(struct nv *nv, const char *what, const char *why)
{
	struct nukeviet_report *r = nv->rep;
	if (r->nskips == r->cap_skips) {
		r->cap_skips = r->cap_skips ? r->cap_skips * 2 : 16;
		r->skips = xrealloc(r->skips, r->cap_skips * sizeof *r->skips);
	}
	r->skips[r->nskips++] = (struct nukeviet_skip){arena_strdup(r->a, what), arena_strdup(r->a, why)};
}

/* ---- values of a dump row ---- */

static const char *vstr(const struct sqldump_row *row, const char *col)
{
	int i = sqldump_col(row, col);
	if (i < 0 || row->v[i].kind == SQLDUMP_NULL || row->v[i].kind == SQLDUMP_BIN)
		return NULL;
	return row->v[i].s;
}

static int64_t vint(const struct sqldump_row *row, const char *col)
{
	const char *s = vstr(row, col);
	int64_t v;
	return s && num_parse_i64(s, -(INT64_C(1) << 53), INT64_C(1) << 53, &v) ? v : 0;
}

/* Plain text of a NukeViet field (which keeps &amp; and the like as
 * entities), NFC, at most max code points; "" for none. */
static const char *plain(struct arena *a, const char *s, size_t max)
{
	if (!s || !*s)
		return "";
	struct buf b = BUF_INIT;
	sanitize_text(&b, s, strlen(s), max * 4);
	char *out = text_clean(a, b.data, b.len);
	buf_reset(&b);
	if (!out)
		return "";
	size_t cps = 0;
	for (char *p = out; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && ++cps > max) {
			*p = '\0';
			break;
		}
	return out;
}

/* A copy of a bounded raw field, or "" (too long, or missing). */
static const char *raw(struct arena *a, const char *s, size_t max)
{
	return s && strlen(s) <= max ? arena_strdup(a, s) : "";
}

/* ---- the first pass ---- */

/* Which NukeViet table `name` is and its base ("nv4_vi"); NV_NONE when
 * none. The base is <prefix>_<lang> with a two-letter language. */
static int classify(const char *name, const char **base_end)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof NV_TABLES / sizeof NV_TABLES[0]; i++) {
		size_t sl = strlen(NV_TABLES[i].suffix);
		if (n <= sl + 3 || strcmp(name + n - sl, NV_TABLES[i].suffix) != 0)
			continue;
		const char *end = name + n - sl; /* base is name[0..end) */
		if (end[-3] != '_' || end[-2] < 'a' || end[-2] > 'z' || end[-1] < 'a' || end[-1] > 'z')
			continue;
		*base_end = end;
		return NV_TABLES[i].table;
	}
	return NV_NONE;
}

/* Does the base name[0..end) belong to what this import reads? */
static bool base_wanted(const struct nv *nv, const char *name, const char *end)
{
	size_t bl = (size_t)(end - name);
	if (nv->o->prefix) {
		size_t pl = strlen(nv->o->prefix);
		return bl == pl + 3 && strncmp(name, nv->o->prefix, pl) == 0 && name[pl] == '_' &&
		       strncmp(name + pl + 1, nv->o->lang, 2) == 0;
	}
	return strncmp(end - 2, nv->o->lang, 2) == 0;
}

/* The one copy of base name[0..end); with `rows`, also listed as a base
 * that has articles. */
static const char *intern_base(struct nv *nv, const char *name, const char *end, bool rows)
{
	size_t bl = (size_t)(end - name);
	const char **b = nv->interned.p, *s = NULL;
	for (size_t i = 0; i < nv->interned.n && !s; i++)
		if (strlen(b[i]) == bl && strncmp(b[i], name, bl) == 0)
			s = b[i];
	if (!s) {
		s = arena_strndup(nv->a, name, bl);
		*(const char **)vec_push(&nv->interned, sizeof s) = s;
	}
	b = nv->bases.p;
	for (size_t i = 0; i < nv->bases.n && rows; i++)
		if (b[i] == s)
			rows = false;
	if (rows)
		*(const char **)vec_push(&nv->bases, sizeof s) = s;
	return s;
}

static bool pass1_want(void *ctx, const char *table)
{
	struct nv *nv = ctx;
	const char *end;
	return classify(table, &end) != NV_NONE && base_wanted(nv, table, end);
}

/* Every base that has a _news_rows table, wanted or not, so that a wrong
 * --prefix or --lang can be told what the dump holds. */
static void pass1_table(void *ctx, const char *table, const char *const *cols, size_t ncols)
{
	(void)cols, (void)ncols;
	struct nv *nv = ctx;
	const char *end;
	int t = classify(table, &end);
	if (t == NV_ROWS || t == NV_LAWS_ROW)
		intern_base(nv, table, end, true);
}

static int pass1_row(void *ctx, const struct sqldump_row *row)
{
	struct nv *nv = ctx;
	const char *end;
	int t = classify(row->table, &end);
	const char *base = intern_base(nv, row->table, end, t == NV_ROWS || t == NV_LAWS_ROW);
	struct arena *a = nv->a;
	switch (t) {
	case NV_CAT: {
		struct nv_cat *c = vec_push(&nv->cats, sizeof *c);
		c->base = base;
		c->id = vint(row, "catid");
		c->parent = vint(row, "parentid");
		c->weight = vint(row, "weight");
		c->title = plain(a, vstr(row, "title"), MAX_NAME);
		c->alias = raw(a, vstr(row, "alias"), 250);
		break;
	}
	case NV_ROWS: {
		struct nv_row *r = vec_push(&nv->rows, sizeof *r);
		r->base = base;
		r->id = vint(row, "id");
		r->catid = vint(row, "catid");
		r->sourceid = vint(row, "sourceid");
		r->publtime = vint(row, "publtime");
		r->addtime = vint(row, "addtime");
		r->edittime = vint(row, "edittime");
		r->hits = vint(row, "hitstotal");
		r->status = (int)vint(row, "status");
		r->imgthumb = (int)vint(row, "homeimgthumb");
		r->title = plain(a, vstr(row, "title"), MAX_NAME);
		r->alias = raw(a, vstr(row, "alias"), 250);
		r->hometext = raw(a, vstr(row, "hometext"), MAX_HOMETEXT);
		r->img = raw(a, vstr(row, "homeimgfile"), MAX_PATH_LEN);
		r->imgalt = plain(a, vstr(row, "homeimgalt"), MAX_NAME);
		r->author = plain(a, vstr(row, "author"), MAX_NAME);
		r->listcatid = raw(a, vstr(row, "listcatid"), 255);
		break;
	}
	case NV_SOURCES:
	case NV_TOPICS:
	case NV_TAGS:
	case NV_LAWS_CAT:
	case NV_LAWS_SUBJECT:
	case NV_LAWS_AREA:
	case NV_LAWS_SIGNER:
	case NV_LAWS_ROW_AREA: {
		struct nv_name *n = vec_push(&nv->names, sizeof *n);
		n->base = base;
		n->kind = t;
		n->id = vint(row, t == NV_SOURCES  ? "sourceid"
				  : t == NV_TOPICS ? "topicid"
				  : t == NV_TAGS   ? "tid"
				  : t == NV_LAWS_ROW_AREA ? "row_id"
							  : "id");
		n->ref = vint(row, "area_id");
		n->title = plain(a, vstr(row, "title"), MAX_NAME);
		n->alias = raw(a, vstr(row, "alias"), 250);
		break;
	}
	case NV_LAWS_ROW: {
		struct nv_law *l = vec_push(&nv->laws, sizeof *l);
		l->base = base;
		l->id = vint(row, "id");
		l->cid = vint(row, "cid");
		l->sid = vint(row, "sid");
		l->sgid = vint(row, "sgid");
		l->aid = vint(row, "aid"); /* before _laws_row_area */
		l->publtime = vint(row, "publtime");
		l->startvalid = vint(row, "startvalid");
		l->exptime = vint(row, "exptime");
		l->status = (int)vint(row, "status");
		l->title = plain(a, vstr(row, "title"), DOCS_MAX_SUMMARY);
		l->alias = raw(a, vstr(row, "alias"), 255);
		l->code = plain(a, vstr(row, "code"), DOCS_MAX_NUMBER);
		l->introtext = plain(a, vstr(row, "introtext"), DOCS_MAX_SUMMARY);
		l->bodytext = raw(a, vstr(row, "bodytext"), DOCS_MAX_BODY);
		l->files = raw(a, vstr(row, "files"), 64u << 10);
		l->replacement = raw(a, vstr(row, "replacement"), 255);
		break;
	}
	case NV_MODULES: {
		struct nv_module *m = vec_push(&nv->modules, sizeof *m);
		m->base = base;
		m->title = raw(a, vstr(row, "title"), 50);
		m->data = raw(a, vstr(row, "module_data"), 50);
		m->upload = raw(a, vstr(row, "module_upload"), 50);
		break;
	}
	default:
		break;
	}
	return 0;
}

/* ---- choosing the table set ---- */

static bool has_rows(const struct nv *nv, const char *base)
{
	const struct nv_row *r = nv->rows.p;
	for (size_t i = 0; i < nv->rows.n; i++)
		if (r[i].base == base)
			return true;
	return false;
}

/* A module's name or upload folder as NukeViet allows them. */
static bool name_ok(const char *s)
{
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

static int choose_base(struct nv *nv)
{
	const char **b = nv->bases.p;
	struct buf all = BUF_INIT, fit = BUF_INIT;
	size_t nfit = 0;
	for (size_t i = 0; i < nv->bases.n; i++) {
		const char *end = b[i] + strlen(b[i]);
		buf_addf(&all, "%s%s_news_*", all.len ? ", " : "", b[i]);
		if (base_wanted(nv, b[i], end)) {
			buf_addf(&fit, "%s%s", fit.len ? ", " : "", b[i]);
			nfit++;
			nv->base = b[i];
		}
	}
	if (nfit == 0 && nv->bases.n == 0)
		nv_fail(nv, LOA_INVALID,
			"tệp không có bảng tin tức của NukeViet (tên dạng nv4_vi_news_rows): đây không phải bản sao "
			"cơ sở dữ liệu của một cổng NukeViet 4, hoặc bản sao thiếu mô-đun tin tức");
	else if (nfit == 0 && nv->o->prefix)
		nv_fail(nv, LOA_INVALID, "tệp không có bảng %s_%s_news_rows; tệp có: %s (chọn bằng --prefix và --lang)",
			nv->o->prefix, nv->o->lang, all.data);
	else if (nfit == 0)
		nv_fail(nv, LOA_INVALID, "tệp không có bảng tin tức của ngôn ngữ \"%s\"; tệp có: %s (chọn bằng --lang)",
			nv->o->lang, all.data);
	else if (nfit > 1)
		nv_fail(nv, LOA_INVALID, "tệp có nhiều bộ bảng tin tức: %s; chọn một bằng --prefix", fit.data);
	buf_reset(&all);
	buf_reset(&fit);
	if (nv->status != LOA_OK)
		return nv->status;
	if (!has_rows(nv, nv->base))
		skip(nv, arena_printf(nv->tmp, "bảng %s_news_rows", nv->base), "không có bài viết nào");
	/* the module's name in URLs and its upload folder */
	nv->module = nv->o->module;
	nv->upload = "news";
	const struct nv_module *m = nv->modules.p;
	for (size_t i = 0; i < nv->modules.n; i++)
		if (m[i].base == nv->base && strcmp(m[i].data, "news") == 0) {
			if (!nv->module && *m[i].title)
				nv->module = m[i].title;
			if (*m[i].upload)
				nv->upload = m[i].upload;
		}
	if (!nv->module)
		nv->module = "news";
	nv->laws_module = "laws";
	nv->laws_upload = "laws";
	for (size_t i = 0; i < nv->modules.n; i++)
		if (m[i].base == nv->base && strcmp(m[i].data, "laws") == 0) {
			if (*m[i].title && name_ok(m[i].title))
				nv->laws_module = m[i].title;
			if (*m[i].upload && name_ok(m[i].upload))
				nv->laws_upload = m[i].upload;
		}
	if (!name_ok(nv->module)) {
		nv_fail(nv, LOA_INVALID, "tên mô-đun tin tức \"%s\" không hợp lệ; đặt bằng --module", nv->module);
		return nv->status;
	}
	if (!name_ok(nv->upload))
		nv->upload = "news";
	nv->rep->tables = arena_strdup(nv->rep->a, nv->base);
	nv->rep->module = arena_strdup(nv->rep->a, nv->module);
	return LOA_OK;
}

/* ---- redirects ---- */

/* Stores urls[0..n) as moved to target, and lists each one kept in the
 * report (those without a key, or whose key is the target, are not). */
static int redirects(struct nv *nv, const char *const *urls, size_t n, const char *target)
{
	struct nukeviet_report *r = nv->rep;
	for (size_t i = 0; i < n; i++) {
		struct buf key = BUF_INIT;
		bool kept = oldpath_key(urls[i], strlen(urls[i]), &key) == LOA_OK && strcmp(key.data, target) != 0;
		buf_reset(&key);
		if (!kept)
			continue;
		if (r->nredirects == r->cap_redirects) {
			r->cap_redirects = r->cap_redirects ? r->cap_redirects * 2 : 64;
			r->redirects = xrealloc(r->redirects, r->cap_redirects * sizeof *r->redirects);
		}
		r->redirects[r->nredirects++] =
			(struct nukeviet_redirect){arena_strdup(r->a, urls[i]), arena_strdup(r->a, target)};
	}
	int rc = import_redirects_add(&nv->run, urls, n, target, NULL);
	if (rc != LOA_OK)
		nv_fail(nv, rc, "không ghi được bảng chuyển hướng");
	return rc;
}

/* The rewritten forms of an old path `op` (no leading '/'): with and
 * without the language, and (for the news module, which a site may make
 * its home module) without the module; then the index.php form with op=,
 * which the redirect key keeps without the language= parameter (so it
 * stands for ?nv=...&op=... as well). */
static size_t old_forms_of(struct nv *nv, const char *m, bool homeless, struct arena *a, const char *op,
			   const char *query_op, const char **out)
{
	const char *l = nv->o->lang;
	size_t n = 0;
	out[n++] = arena_printf(a, "/%s/%s/%s", l, m, op);
	out[n++] = arena_printf(a, "/%s/%s", m, op);
	if (homeless) {
		out[n++] = arena_printf(a, "/%s/%s", l, op);
		out[n++] = arena_printf(a, "/%s", op);
	}
	out[n++] = arena_printf(a, "/index.php?language=%s&nv=%s&op=%s", l, m, query_op);
	return n;
}

static size_t old_forms(struct nv *nv, struct arena *a, const char *op, const char *query_op, const char **out)
{
	return old_forms_of(nv, nv->module, true, a, op, query_op, out);
}

/* ---- categories ---- */

static struct nv_cat *cat_find(struct nv *nv, int64_t id)
{
	struct nv_cat *c = nv->cats.p;
	for (size_t i = 0; i < nv->cats.n; i++)
		if (c[i].base == nv->base && c[i].id == id)
			return &c[i];
	return NULL;
}

/* The loa category an earlier import made for this alias, found through
 * the redirect of its first old address. */
static int64_t cat_made_before(struct nv *nv, struct arena *a, const char *alias, const char **slug)
{
	struct buf key = BUF_INIT;
	const char *url = arena_printf(a, "/%s/%s/%s", nv->o->lang, nv->module, alias), *target = NULL;
	struct category c;
	int64_t id = 0;
	if (oldpath_key(url, strlen(url), &key) == LOA_OK &&
	    store_redirect_lookup(nv->st, nv->o->site_id, key.data, a, &target) == LOA_OK && target[0] == '/' &&
	    !strchr(target + 1, '/') && store_category_by_slug(nv->st, nv->o->site_id, target + 1, a, &c) == LOA_OK) {
		id = c.id;
		*slug = c.slug;
	}
	buf_reset(&key);
	return id;
}

/* Finds or makes the loa category of c under parent (0 = top). */
static int cat_make(struct nv *nv, struct nv_cat *c, int64_t parent)
{
	struct arena *a = nv->tmp;
	const char *slug = NULL;
	const char *what = arena_printf(a, "chuyên mục %lld \"%s\"", (long long)c->id, c->title);
	if (!*c->title) {
		skip(nv, what, "chuyên mục không có tên");
		c->failed = true;
		return LOA_OK;
	}
	int64_t id = *c->alias ? cat_made_before(nv, a, c->alias, &slug) : 0;
	struct category *all = NULL;
	size_t n = 0;
	if (!id) {
		if (store_category_list(nv->st, nv->o->site_id, a, &all, &n) != LOA_OK) {
			nv_fail(nv, LOA_ERROR, "không đọc được danh sách chuyên mục");
			return nv->status;
		}
		for (size_t i = 0; i < n && !id; i++)
			if (all[i].parent_id == parent && strcmp(all[i].name, c->title) == 0) {
				id = all[i].id;
				slug = all[i].slug;
			}
	}
	if (id) {
		nv->rep->cats_reused++;
	} else {
		const char *cerr = NULL;
		int rc = store_category_add(nv->st, nv->o->site_id, parent, c->title, &id, &cerr);
		if (rc == LOA_INVALID || rc == LOA_CONFLICT) {
			skip(nv, what, cerr ? cerr : "tên chuyên mục không hợp lệ");
			c->failed = true;
			return LOA_OK;
		}
		if (rc != LOA_OK) {
			nv_fail(nv, rc, "không tạo được chuyên mục \"%s\"", c->title);
			return rc;
		}
		/* loa's slug from the NukeViet alias when it is free, and the
		 * NukeViet order among siblings */
		struct category *now = NULL;
		if (store_category_list(nv->st, nv->o->site_id, a, &all, &n) == LOA_OK)
			for (size_t i = 0; i < n; i++)
				if (all[i].id == id)
					now = &all[i];
		if (!now) {
			nv_fail(nv, LOA_ERROR, "không đọc lại được chuyên mục \"%s\"", c->title);
			return nv->status;
		}
		struct buf want = BUF_INIT;
		text_slug(&want, *c->alias ? c->alias : c->title, 80);
		struct category upd = *now;
		upd.position = (int)(c->weight > 0 && c->weight < 100000 ? c->weight : 0);
		upd.slug = arena_strdup(a, want.data);
		buf_reset(&want);
		const char *uerr = NULL;
		if (store_category_update(nv->st, &upd, &uerr) == LOA_OK) {
			slug = upd.slug;
		} else {
			upd.slug = now->slug; /* the alias is taken or reserved: keep loa's own */
			slug = now->slug;
			if (store_category_update(nv->st, &upd, &uerr) != LOA_OK) {
				nv_fail(nv, LOA_ERROR, "không sắp xếp được chuyên mục \"%s\"", c->title);
				return nv->status;
			}
		}
		nv->rep->cats_created++;
	}
	c->loa_id = id;
	c->slug = arena_strdup(nv->a, slug);
	if (!*c->alias)
		return LOA_OK;
	const char *urls[12];
	const char *target = arena_printf(a, "/%s", c->slug);
	size_t k = old_forms(nv, a, arena_printf(a, "%s/", c->alias), c->alias, urls);
	if (redirects(nv, urls, k, target) != LOA_OK)
		return nv->status;
	const char *feed = arena_printf(a, "/%s/rss.xml", c->slug);
	const char *rss[3] = {arena_printf(a, "/%s/%s/rss/%s/", nv->o->lang, nv->module, c->alias),
			      arena_printf(a, "/%s/rss/%s/", nv->module, c->alias),
			      arena_printf(a, "/index.php?language=%s&nv=%s&op=rss/%s", nv->o->lang, nv->module, c->alias)};
	return redirects(nv, rss, 3, feed);
}

/* Parents before children; a category whose parent is missing (or
 * failed, or part of a loop) goes to the top level. */
static int cats_make(struct nv *nv)
{
	struct nv_cat *c = nv->cats.p;
	bool progress = true;
	while (progress) {
		progress = false;
		for (size_t i = 0; i < nv->cats.n; i++) {
			if (c[i].base != nv->base || c[i].done)
				continue;
			struct nv_cat *p = c[i].parent ? cat_find(nv, c[i].parent) : NULL;
			if (p && !p->done)
				continue;
			c[i].done = true;
			progress = true;
			arena_clear(nv->tmp);
			if (cat_make(nv, &c[i], p && !p->failed ? p->loa_id : 0) != LOA_OK)
				return nv->status;
		}
	}
	for (size_t i = 0; i < nv->cats.n; i++) /* a loop of parents */
		if (c[i].base == nv->base && !c[i].done) {
			c[i].done = true;
			arena_clear(nv->tmp);
			if (cat_make(nv, &c[i], 0) != LOA_OK)
				return nv->status;
		}
	return LOA_OK;
}

/* ---- articles ---- */

static int row_cmp(const void *x, const void *y)
{
	const struct nv_row *a = x, *b = y;
	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static struct nv_row *row_find(struct nv *nv, int64_t id)
{
	struct nv_row key = {.base = nv->base, .id = id};
	return bsearch(&key, nv->rows.p, nv->rows.n, sizeof key, row_cmp);
}

static const char *name_of(struct nv *nv, int kind, int64_t id)
{
	const struct nv_name *n = nv->names.p;
	for (size_t i = 0; i < nv->names.n; i++)
		if (n[i].base == nv->base && n[i].kind == kind && n[i].id == id)
			return n[i].title;
	return "";
}

/* An image path as NukeViet stored it, relative to its folder: no "..",
 * no absolute path, no backslash or control character. */
static bool rel_path_ok(const char *p)
{
	if (!*p || p[0] == '/' || strstr(p, "..") || strchr(p, '\\') || strchr(p, ':'))
		return false;
	for (const unsigned char *c = (const unsigned char *)p; *c; c++)
		if (*c < 0x20)
			return false;
	return true;
}

/* The media sub-folder for an image at rel ("news/2023_05/a.jpg" ->
 * "news/2023_05"), "" when its folder's name does not suit one. */
static const char *image_sub(struct arena *a, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	if (!slash)
		return "";
	char *sub = arena_strndup(a, rel, (size_t)(slash - rel));
	for (char *p = sub; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '/'))
			return "";
	}
	return sub;
}

/* Adds the image uploads/<rel> to the library. LOA_OK with *m; a skip
 * reason in *why with LOA_NOTFOUND/LOA_INVALID; LOA_ERROR is fatal. */
static int image_add(struct nv *nv, const char *rel, const char *alt, struct media *m, const char **why)
{
	struct arena *a = nv->tmp;
	if (!nv->o->uploads) {
		*why = "không có --uploads (thư mục uploads của NukeViet) nên không chép được ảnh";
		return LOA_NOTFOUND;
	}
	if (!rel_path_ok(rel)) {
		*why = "đường dẫn ảnh không hợp lệ";
		return LOA_INVALID;
	}
	bool reused;
	int rc = import_image_add(&nv->run, arena_printf(a, "%s/%s", nv->o->uploads, rel), image_sub(a, rel), alt, "",
				  a, m, &reused, why);
	if (rc == LOA_OK) {
		if (reused)
			nv->rep->images_reused++;
		else
			nv->rep->images_added++;
	} else if (rc == LOA_NOTFOUND) {
		*why = arena_printf(a, "%s (uploads/%s)", *why, rel);
	} else if (rc != LOA_INVALID) {
		nv_fail(nv, rc, "không lưu được ảnh uploads/%s: %s", rel, *why);
	}
	return rc;
}

/* Rewrites the body's <img src> that point into NukeViet's uploads
 * folder (/uploads/..., http://host/uploads/..., a sub-folder install's
 * /portal/uploads/...) to the library copies; those not found stay as
 * they were and are reported. NULL after a fatal failure. */
static const char *body_images(struct nv *nv, const struct nv_row *r, const char *body)
{
	struct arena *a = nv->tmp;
	struct buf out = BUF_INIT;
	const char *p = body;
	for (;;) {
		const char *img = strcasestr(p, "<img");
		if (!img)
			break;
		const char *close = strchr(img, '>');
		const char *src = img;
		/* the src attribute itself, not data-src= or the like */
		while ((src = strcasestr(src + 1, "src=")) && close && src < close && src[-1] != ' ' && src[-1] != '\t' &&
		       src[-1] != '\n' && src[-1] != '\r')
			;
		if (!close)
			break;
		if (!src || src > close) {
			buf_add(&out, p, (size_t)(close - p));
			p = close;
			continue;
		}
		char q = src[4];
		const char *v = src + 5;
		const char *vend = (q == '"' || q == '\'') ? strchr(v, q) : NULL;
		if (!vend || vend > close) {
			buf_add(&out, p, (size_t)(close - p));
			p = close;
			continue;
		}
		const char *up = strstr(v, "uploads/");
		const char *rel = up && up < vend && (up == v || up[-1] == '/') ? up + 8 : NULL;
		buf_add(&out, p, (size_t)(v - p));
		p = v;
		if (!rel)
			continue;
		const char *relpath = arena_strndup(a, rel, (size_t)(vend - rel));
		struct media m;
		const char *why = NULL;
		int rc = image_add(nv, relpath, r->title, &m, &why);
		if (rc == LOA_OK) {
			buf_adds(&out, m.path);
			p = vend;
		} else if (nv->status != LOA_OK) {
			buf_reset(&out);
			return NULL;
		} else {
			nv->rep->images_missing++;
			skip(nv, arena_printf(a, "ảnh trong bài %lld", (long long)r->id), why);
		}
	}
	buf_adds(&out, p);
	const char *res = arena_strndup(a, out.data, out.len);
	buf_reset(&out);
	return res;
}

/* Writes one published article with its body (NULL: none in the dump). */
static int article_write(struct nv *nv, struct nv_row *r, const char *body, const char *sourcetext)
{
	struct arena *a = nv->tmp;
	r->done = true;
	struct nv_cat *cat = cat_find(nv, r->catid);
	const char *what = arena_printf(a, "bài %lld \"%s\"", (long long)r->id, r->title);

	struct import_article in = {
		.external_id = arena_printf(a, "nukeviet:%s:%lld", nv->base, (long long)r->id),
		.category_id = cat->loa_id,
		.title = r->title,
		.slug = r->alias,
		.lead = r->hometext,
		.author = r->author,
		.source_name = name_of(nv, NV_SOURCES, r->sourceid),
		.caption = r->imgalt,
		.published_at = r->publtime > 0 ? r->publtime : r->addtime > 0 ? r->addtime : nv->o->now,
	};
	in.updated_at = r->edittime > in.published_at ? r->edittime : 0;
	if (!*in.source_name && sourcetext)
		in.source_name = plain(a, sourcetext, MAX_NAME);
	if (body && !(in.body_html = body_images(nv, r, body)))
		return nv->status;

	/* the cover: homeimgthumb 1 and 2 are files of the upload folder, 3 a
	 * link to another site */
	if (*r->img && (r->imgthumb == 3 || strncmp(r->img, "http", 4) == 0)) {
		nv->rep->images_missing++;
		skip(nv, arena_printf(a, "ảnh đại diện của bài %lld", (long long)r->id),
		     arena_printf(a, "ảnh nằm ở trang khác, không chép: %s", r->img));
	} else if (*r->img) {
		struct media m;
		const char *why = NULL;
		int rc = image_add(nv, arena_printf(a, "%s/%s", nv->upload, r->img), r->imgalt, &m, &why);
		if (rc == LOA_OK) {
			in.image = m.path;
			in.image_srcset = m.srcset;
		} else if (nv->status != LOA_OK) {
			return nv->status;
		} else {
			nv->rep->images_missing++;
			skip(nv, arena_printf(a, "ảnh đại diện của bài %lld", (long long)r->id), why);
		}
	}

	/* its addresses under every category it was listed in */
	const char *urls[64];
	size_t n = 0;
	const char *list = *r->listcatid ? r->listcatid : "";
	int64_t ids[8];
	size_t nids = 0;
	ids[nids++] = r->catid;
	for (const char *p = list; *p && nids < 8;) {
		char *end;
		long long v = strtoll(p, &end, 10);
		if (end == p)
			break;
		bool seen = false;
		for (size_t i = 0; i < nids; i++)
			seen |= ids[i] == v;
		if (!seen && v > 0)
			ids[nids++] = v;
		p = *end == ',' ? end + 1 : end;
		if (*end != ',')
			break;
	}
	for (size_t i = 0; i < nids; i++) {
		struct nv_cat *c = cat_find(nv, ids[i]);
		if (!c || !*c->alias)
			continue;
		const char *op = arena_printf(a, "%s/%s-%lld", c->alias, r->alias, (long long)r->id);
		n += old_forms(nv, a, arena_printf(a, "%s.html", op), arena_printf(a, "%s.html", op), urls + n);
		urls[n++] = arena_printf(a, "/index.php?language=%s&nv=%s&op=%s", nv->o->lang, nv->module, op);
	}
	struct import_written w;
	const char *why = NULL;
	int rc = import_article_write(&nv->run, &in, a, &w, &why);
	if (rc == LOA_INVALID) {
		nv->rep->articles_skipped++;
		skip(nv, what, why ? why : "bài viết không hợp lệ");
		return LOA_OK;
	}
	if (rc != LOA_OK) {
		nv_fail(nv, rc, "không ghi được %s: %s", what, why ? why : "lỗi cơ sở dữ liệu");
		return rc;
	}
	if (w.created)
		nv->rep->articles_created++;
	else
		nv->rep->articles_updated++;
	/* its old addresses, listed in the report as they are stored */
	if (redirects(nv, urls, n, w.url) != LOA_OK)
		return nv->status;

	/* hitstotal: what the article has not counted yet, on its publication day */
	struct article got;
	if (store_article_get(nv->st, nv->o->site_id, w.id, a, &got) != LOA_OK) {
		nv_fail(nv, LOA_ERROR, "không đọc lại được %s", what);
		return nv->status;
	}
	if (r->hits > got.views) {
		struct view_delta d = {.article_id = w.id, .day = vn_day(in.published_at), .views = r->hits - got.views};
		if (store_views_add(nv->st, &d, 1) != LOA_OK) {
			nv_fail(nv, LOA_ERROR, "không ghi được lượt xem của %s", what);
			return nv->status;
		}
		nv->rep->views += d.views;
	}
	return LOA_OK;
}

/* What is not imported, said once, after the first pass. */
static void rows_review(struct nv *nv)
{
	struct nv_row *r = nv->rows.p;
	for (size_t i = 0; i < nv->rows.n; i++) {
		if (r[i].base != nv->base)
			continue;
		const char *what = arena_printf(nv->tmp, "bài %lld \"%s\"", (long long)r[i].id, r[i].title);
		struct nv_cat *c = cat_find(nv, r[i].catid);
		const char *why = NULL;
		if (r[i].status != 1) {
			int s = r[i].status;
			why = arena_printf(nv->tmp, "chưa xuất bản trên NukeViet (trạng thái: %s)",
					   s >= 0 && s < (int)(sizeof NV_STATUS / sizeof *NV_STATUS) ? NV_STATUS[s]
												  : "không rõ");
		} else if (!*r[i].title) {
			why = "bài viết không có tiêu đề";
		} else if (!c) {
			why = arena_printf(nv->tmp, "chuyên mục %lld của bài không có trong tệp", (long long)r[i].catid);
		} else if (c->failed || !c->loa_id) {
			why = "chuyên mục của bài không nhập được";
		}
		if (why) {
			r[i].skip = true;
			nv->rep->articles_skipped++;
			skip(nv, what, why);
		}
	}
}

/* ---- the second pass ---- */

static bool pass2_want(void *ctx, const char *table)
{
	struct nv *nv = ctx;
	size_t bl = strlen(nv->base);
	if (strncmp(table, nv->base, bl) != 0)
		return false;
	const char *t = table + bl;
	if (strcmp(t, "_news_detail") == 0)
		return true;
	if (strncmp(t, "_news_bodyhtml_", 15) != 0 || !t[15]) /* NukeViet 4.0 kept bodies in tables of 2000 */
		return false;
	for (t += 15; *t; t++)
		if (*t < '0' || *t > '9')
			return false;
	return true;
}

static int pass2_row(void *ctx, const struct sqldump_row *row)
{
	struct nv *nv = ctx;
	struct nv_row *r = row_find(nv, vint(row, "id"));
	if (!r || r->skip || r->done)
		return 0;
	arena_clear(nv->tmp);
	const char *body = vstr(row, "bodyhtml");
	return article_write(nv, r, body ? body : "", vstr(row, "sourcetext")) == LOA_OK ? 0 : 1;
}

/* The module's own pages: home, feed, tags and topics (to loa's search). */
static int module_redirects(struct nv *nv)
{
	struct arena *a = nv->tmp;
	const char *l = nv->o->lang, *m = nv->module;
	arena_clear(a);
	const char *home[4] = {arena_printf(a, "/%s/%s/", l, m), arena_printf(a, "/%s/", m), arena_printf(a, "/%s/", l),
			       arena_printf(a, "/index.php?language=%s&nv=%s", l, m)};
	if (redirects(nv, home, 4, "/") != LOA_OK)
		return nv->status;
	const char *rss[3] = {arena_printf(a, "/%s/%s/rss/", l, m), arena_printf(a, "/%s/rss/", m),
			      arena_printf(a, "/index.php?language=%s&nv=%s&op=rss", l, m)};
	if (redirects(nv, rss, 3, "/rss.xml") != LOA_OK)
		return nv->status;
	const struct nv_name *n = nv->names.p;
	for (size_t i = 0; i < nv->names.n; i++) {
		if (n[i].base != nv->base || n[i].kind == NV_SOURCES || !*n[i].alias || !*n[i].title)
			continue;
		arena_clear(a);
		struct buf q = BUF_INIT;
		buf_adds(&q, "/tim-kiem?q=");
		for (const unsigned char *c = (const unsigned char *)n[i].title; *c; c++) {
			if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-')
				buf_addch(&q, (char)*c);
			else
				buf_addf(&q, "%%%02X", *c);
		}
		const char *kind = n[i].kind == NV_TAGS ? "tag" : "topic";
		const char *urls[3] = {arena_printf(a, "/%s/%s/%s/%s", l, m, kind, n[i].alias),
				       arena_printf(a, "/%s/%s/%s", m, kind, n[i].alias),
				       arena_printf(a, "/index.php?language=%s&nv=%s&op=%s/%s", l, m, kind, n[i].alias)};
		int rc = redirects(nv, urls, 3, arena_strndup(a, q.data, q.len));
		buf_reset(&q);
		if (rc != LOA_OK)
			return nv->status;
	}
	return LOA_OK;
}

/* ---- the laws module, into the register of documents ---- */

static const struct nv_name *law_name(struct nv *nv, int kind, int64_t id)
{
	const struct nv_name *n = nv->names.p;
	for (size_t i = 0; i < nv->names.n; i++)
		if (n[i].base == nv->base && n[i].kind == kind && n[i].id == id)
			return &n[i];
	return NULL;
}

static const char *law_title(struct nv *nv, int kind, int64_t id)
{
	const struct nv_name *n = law_name(nv, kind, id);
	return n ? n->title : "";
}

/* The field of a document: its first _laws_row_area, else the old aid. */
static const char *law_field(struct nv *nv, const struct nv_law *l)
{
	const struct nv_name *n = nv->names.p;
	for (size_t i = 0; i < nv->names.n; i++)
		if (n[i].base == nv->base && n[i].kind == NV_LAWS_ROW_AREA && n[i].id == l->id)
			return law_title(nv, NV_LAWS_AREA, n[i].ref);
	return law_title(nv, NV_LAWS_AREA, l->aid);
}

static const char *day_text(struct arena *a, int64_t t)
{
	return t > 0 ? docs_day_text(a, vn_day(t)) : "";
}

/* The attached files of l that are there (relative to uploads/<upload>);
 * the others are reported. */
static size_t law_files(struct nv *nv, const struct nv_law *l, const char **out, size_t max)
{
	struct arena *a = nv->tmp;
	size_t n = 0;
	const char *what = arena_printf(a, "tệp của văn bản %lld", (long long)l->id);
	for (const char *p = l->files; *p && n < max;) {
		const char *comma = strchr(p, ',');
		const char *f = arena_strndup(a, p, comma ? (size_t)(comma - p) : strlen(p));
		p = comma ? comma + 1 : p + strlen(p);
		f = import_trim((char *)f);
		struct stat sb;
		if (!*f)
			continue;
		if (strncmp(f, "http", 4) == 0)
			skip(nv, what, arena_printf(a, "tệp nằm ở trang khác, không chép: %s", f));
		else if (!nv->o->uploads)
			skip(nv, what, "không có --uploads (thư mục uploads của NukeViet) nên không chép được tệp");
		else if (!rel_path_ok(f))
			skip(nv, what, "đường dẫn tệp không hợp lệ");
		else if (stat(arena_printf(a, "%s/%s/%s", nv->o->uploads, nv->laws_upload, f), &sb) != 0 ||
			 !S_ISREG(sb.st_mode))
			skip(nv, what, arena_printf(a, "không có tệp trong thư mục tải lên (uploads/%s/%s)", nv->laws_upload, f));
		else
			out[n++] = f;
	}
	return n;
}

static int law_write(struct nv *nv, struct nv_law *l, const char *files_dir)
{
	struct arena *a = nv->tmp;
	const char *what = arena_printf(a, "văn bản %lld \"%s\"", (long long)l->id, *l->code ? l->code : l->title);
	const char *files[DOCS_MAX_FILES];
	struct import_doc in = {
		.number = l->code,
		.type = law_title(nv, NV_LAWS_CAT, l->cid),
		.issuer = law_title(nv, NV_LAWS_SUBJECT, l->sid),
		.field = law_field(nv, l),
		.signer = law_title(nv, NV_LAWS_SIGNER, l->sgid),
		.summary = *l->introtext ? l->introtext : l->title,
		.body_html = l->bodytext,
		.issued = day_text(a, l->publtime),
		.effective = day_text(a, l->startvalid),
		.expires = day_text(a, l->exptime),
		.published = l->status == 1,
		.files = files,
	};
	if (!*in.type || !*in.issuer || !*in.number) {
		nv->rep->docs_skipped++;
		skip(nv, what, !*in.number ? "văn bản không có số hiệu"
			       : !*in.type ? "văn bản không có thể loại (loại văn bản) trong tệp"
					   : "văn bản không có cơ quan ban hành trong tệp");
		return LOA_OK;
	}
	in.nfiles = law_files(nv, l, files, DOCS_MAX_FILES);
	struct import_doc_done done;
	const char *why = import_doc_write(nv->st, a, nv->o->site_id, &in,
					   arena_printf(a, "%s/%s", nv->o->uploads ? nv->o->uploads : ".", nv->laws_upload),
					   files_dir, &done);
	for (size_t i = 0; i < done.nwritten; i++)
		*(const char **)vec_push(&nv->files_written, sizeof(char *)) = arena_strdup(nv->a, done.written[i]);
	if (why && !done.began) {
		nv->rep->docs_skipped++;
		skip(nv, what, why);
		return LOA_OK;
	}
	if (why) {
		nv_fail(nv, done.dbfail ? LOA_ERROR : LOA_INVALID, "không ghi được %s: %s", what, why);
		return nv->status;
	}
	l->loa_id = done.id;
	nv->rep->doc_files += (int64_t)done.nwritten;
	if (done.created)
		nv->rep->docs_created++;
	else
		nv->rep->docs_updated++;
	struct document d;
	if (store_doc_get(nv->st, nv->o->site_id, done.id, a, &d) != LOA_OK) {
		nv_fail(nv, LOA_ERROR, "không đọc lại được %s", what);
		return nv->status;
	}
	if (!d.published || !*l->alias)
		return LOA_OK;
	const char *urls[8];
	const char *op = arena_printf(a, "detail/%s", l->alias);
	size_t n = old_forms_of(nv, nv->laws_module, false, a, arena_printf(a, "%s/", op), op, urls);
	return redirects(nv, urls, n, docs_path(a, d.id, d.slug));
}

/* What the laws module's lists were: a type's, an issuer's, a field's
 * page go to the register filtered the same way. */
static int law_term_redirects(struct nv *nv)
{
	struct arena *a = nv->tmp;
	static const struct {
		int table, kind;
		const char *op, *param;
	} lists[] = {{NV_LAWS_CAT, DOC_TYPE, "", "loai"},
		     {NV_LAWS_SUBJECT, DOC_ISSUER, "subject/", "co-quan"},
		     {NV_LAWS_AREA, DOC_FIELD, "area/", "linh-vuc"}};
	const struct nv_name *n = nv->names.p;
	for (size_t i = 0; i < nv->names.n; i++)
		for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
			int64_t id;
			if (n[i].base != nv->base || n[i].kind != lists[k].table || !*n[i].alias || !*n[i].title)
				continue;
			arena_clear(a);
			if (store_doc_term_find(nv->st, nv->o->site_id, lists[k].kind, docs_key(a, n[i].title), &id) != LOA_OK)
				continue; /* no imported document has it */
			const char *op = arena_printf(a, "%s%s", lists[k].op, n[i].alias), *urls[8];
			size_t c = old_forms_of(nv, nv->laws_module, false, a, arena_printf(a, "%s/", op), op, urls);
			if (redirects(nv, urls, c, arena_printf(a, "/van-ban?%s=%lld", lists[k].param, (long long)id)) != LOA_OK)
				return nv->status;
		}
	arena_clear(a);
	const char *l = nv->o->lang, *m = nv->laws_module;
	const char *home[3] = {arena_printf(a, "/%s/%s/", l, m), arena_printf(a, "/%s/", m),
			       arena_printf(a, "/index.php?language=%s&nv=%s", l, m)};
	if (redirects(nv, home, 3, "/van-ban") != LOA_OK)
		return nv->status;
	const char *rss[3] = {arena_printf(a, "/%s/%s/rss/", l, m), arena_printf(a, "/%s/rss/", m),
			      arena_printf(a, "/index.php?language=%s&nv=%s&op=rss", l, m)};
	return redirects(nv, rss, 3, "/van-ban/rss.xml");
}

/* Every document of the table set, then what each replaces (by the
 * NukeViet ids of its "replacement" list). */
static int laws_write(struct nv *nv)
{
	struct nv_law *l = nv->laws.p;
	bool any = false;
	const char *files_dir = arena_printf(nv->a, "%s/files", nv->o->media_dir);
	for (size_t i = 0; i < nv->laws.n; i++) {
		if (l[i].base != nv->base)
			continue;
		any = true;
		arena_clear(nv->tmp);
		if (law_write(nv, &l[i], files_dir) != LOA_OK)
			return nv->status;
	}
	if (!any)
		return LOA_OK;
	for (size_t i = 0; i < nv->laws.n; i++) {
		if (l[i].base != nv->base || !l[i].loa_id || !*l[i].replacement)
			continue;
		int64_t to[DOCS_MAX_LINKS];
		int kinds[DOCS_MAX_LINKS];
		size_t n = 0;
		for (const char *p = l[i].replacement; *p && n < DOCS_MAX_LINKS;) {
			char *end;
			long long id = strtoll(p, &end, 10);
			if (end == p)
				break;
			for (size_t k = 0; k < nv->laws.n; k++)
				if (l[k].base == nv->base && l[k].id == id && l[k].loa_id && l[k].loa_id != l[i].loa_id) {
					to[n] = l[k].loa_id;
					kinds[n++] = DOC_REPLACES;
				}
			p = *end == ',' ? end + 1 : end;
			if (*end != ',')
				break;
		}
		if (store_doc_set_links(nv->st, nv->o->site_id, l[i].loa_id, to, kinds, n) != LOA_OK) {
			nv_fail(nv, LOA_ERROR, "không ghi được quan hệ thay thế của văn bản %lld", (long long)l[i].id);
			return nv->status;
		}
	}
	return law_term_redirects(nv);
}

/* ---- the whole import ---- */

static int read_pass(struct nv *nv, const char *path, const struct sqldump_opts *so)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		nv_fail(nv, LOA_INVALID, "không mở được %s", path);
		return nv->status;
	}
	char *derr = NULL;
	struct sqldump_info info;
	int rc = sqldump_read(in, so, &info, &derr);
	fclose(in);
	if (rc != LOA_OK && nv->status == LOA_OK)
		nv_fail(nv, rc == LOA_INVALID ? LOA_INVALID : LOA_ERROR, "%s", derr ? derr : "không đọc được tệp dump");
	else if (rc == LOA_OK && info.from_mysqldump && !info.completed)
		nv_fail(nv, LOA_INVALID,
			"tệp dump bị cắt cụt: thiếu dòng \"-- Dump completed\" mà mysqldump ghi ở cuối (chép hoặc tải "
			"về chưa hết?); hãy xuất lại toàn bộ cơ sở dữ liệu");
	free(derr);
	return nv->status;
}

const char *nukeviet_opts_problem(const struct nukeviet_opts *o)
{
	if (!o->lang || strlen(o->lang) != 2 || o->lang[0] < 'a' || o->lang[0] > 'z' || o->lang[1] < 'a' ||
	    o->lang[1] > 'z')
		return "--lang phải là mã ngôn ngữ hai chữ thường của NukeViet, ví dụ vi";
	if (o->prefix) {
		size_t n = strlen(o->prefix);
		bool ok = n > 0 && n <= 40;
		for (size_t i = 0; i < n && ok; i++)
			ok = (o->prefix[i] >= 'a' && o->prefix[i] <= 'z') || (o->prefix[i] >= '0' && o->prefix[i] <= '9') ||
			     o->prefix[i] == '_';
		if (!ok)
			return "--prefix chỉ gồm chữ thường, chữ số và dấu _, ví dụ nv4";
	}
	if (o->module) {
		size_t n = strlen(o->module);
		bool ok = n > 0 && n <= 50;
		for (size_t i = 0; i < n && ok; i++)
			ok = (o->module[i] >= 'a' && o->module[i] <= 'z') || (o->module[i] >= '0' && o->module[i] <= '9') ||
			     o->module[i] == '-' || o->module[i] == '_';
		if (!ok)
			return "--module phải là tên mô-đun tin tức trong đường dẫn cũ (chữ thường, chữ số, - và _), ví dụ news";
	}
	return NULL;
}

int nukeviet_import(struct store *st, const char *path, const struct nukeviet_opts *o, struct nukeviet_report *rep,
		    char **err)
{
	memset(rep, 0, sizeof *rep);
	rep->a = arena_new();
	*err = NULL;
	struct nv nv = {.st = st, .o = o, .rep = rep, .a = arena_new(), .tmp = arena_new(), .err = BUF_INIT,
			.status = LOA_OK};
	nv.run = (struct import_run){.st = st, .site_id = o->site_id, .source = "nukeviet", .media_dir = o->media_dir,
				     .now = o->now};
	bool begun = false;

	const char *bad = nukeviet_opts_problem(o);
	if (bad) {
		nv_fail(&nv, LOA_INVALID, "%s", bad);
		goto out;
	}
	struct sqldump_opts p1 = {.want = pass1_want, .on_table = pass1_table, .on_row = pass1_row, .ctx = &nv};
	if (read_pass(&nv, path, &p1) != LOA_OK || choose_base(&nv) != LOA_OK)
		goto out;
	qsort(nv.rows.p, nv.rows.n, sizeof(struct nv_row), row_cmp);
	if (store_begin(st) != LOA_OK) {
		nv_fail(&nv, LOA_ERROR, "không bắt đầu được giao dịch với cơ sở dữ liệu");
		goto out;
	}
	begun = true;
	if (cats_make(&nv) != LOA_OK)
		goto out;
	rows_review(&nv);
	struct sqldump_opts p2 = {.want = pass2_want, .on_row = pass2_row, .ctx = &nv};
	if (read_pass(&nv, path, &p2) != LOA_OK)
		goto out;
	struct nv_row *r = nv.rows.p;
	for (size_t i = 0; i < nv.rows.n; i++) /* articles the dump has no body for */
		if (r[i].base == nv.base && !r[i].skip && !r[i].done) {
			arena_clear(nv.tmp);
			if (article_write(&nv, &r[i], NULL, NULL) != LOA_OK)
				goto out;
		}
	if (laws_write(&nv) != LOA_OK || module_redirects(&nv) != LOA_OK)
		goto out;
	if (store_commit(st) != LOA_OK)
		nv_fail(&nv, LOA_ERROR, "không ghi được vào cơ sở dữ liệu (commit)");
	else
		begun = false;
out:
	if (begun) {
		store_rollback(st);
		for (size_t i = 0; i < nv.files_written.n; i++) /* the register's files of the rolled-back import */
			unlink(arena_printf(nv.tmp, "%s/files/%s", o->media_dir, ((const char **)nv.files_written.p)[i]));
	}
	if (nv.status != LOA_OK)
		*err = buf_detach(&nv.err, NULL);
	buf_reset(&nv.err);
	free(nv.cats.p);
	free(nv.rows.p);
	free(nv.names.p);
	free(nv.modules.p);
	free(nv.bases.p);
	free(nv.interned.p);
	free(nv.laws.p);
	free(nv.files_written.p);
	arena_free(nv.a);
	arena_free(nv.tmp);
	return nv.status;
}

void nukeviet_report_print(FILE *out, const struct nukeviet_report *r, const char *site_name, bool full)
{
	char v[32];
	num_format_vi(r->views, v);
	fprintf(out, "Đã nhập từ NukeViet (bảng %s_news_*, mô-đun \"%s\") vào \"%s\":\n", r->tables ? r->tables : "?",
		r->module ? r->module : "?", site_name);
	fprintf(out, "  chuyên mục: %lld mới, %lld đã có\n", (long long)r->cats_created, (long long)r->cats_reused);
	fprintf(out, "  bài viết: %lld mới, %lld cập nhật, %lld bỏ qua\n", (long long)r->articles_created,
		(long long)r->articles_updated, (long long)r->articles_skipped);
	fprintf(out, "  ảnh: %lld mới, %lld đã có, %lld không chép được\n", (long long)r->images_added,
		(long long)r->images_reused, (long long)r->images_missing);
	fprintf(out, "  lượt xem mang sang: %s\n", v);
	if (r->docs_created || r->docs_updated || r->docs_skipped)
		fprintf(out, "  văn bản: %lld mới, %lld cập nhật, %lld bỏ qua; %lld tệp đính kèm mới\n",
			(long long)r->docs_created, (long long)r->docs_updated, (long long)r->docs_skipped,
			(long long)r->doc_files);
	fprintf(out, "  địa chỉ cũ chuyển hướng (301): %zu\n", r->nredirects);
	if (r->nskips) {
		fprintf(out, "Bỏ qua:\n");
		for (size_t i = 0; i < r->nskips; i++)
			fprintf(out, "  %s: %s\n", r->skips[i].what, r->skips[i].why);
	}
	if (full && r->nredirects) {
		fprintf(out, "Bảng chuyển hướng (địa chỉ cũ, tab, địa chỉ mới):\n");
		for (size_t i = 0; i < r->nredirects; i++)
			fprintf(out, "%s\t%s\n", r->redirects[i].from, r->redirects[i].to);
	}
}

void nukeviet_report_free(struct nukeviet_report *r)
{
	free(r->skips);
	free(r->redirects);
	arena_free(r->a);
	memset(r, 0, sizeof *r);
}
