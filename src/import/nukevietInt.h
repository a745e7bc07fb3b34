/* nukevietInt.h — what the files of the NukeViet import share
 * (nukeviet.h is the contract): nukeviet.c reads the dump in its two
 * passes, chooses the table set and writes the news module (categories,
 * articles, their images and old addresses); nukeviet_modules.c writes
 * the laws module into the register and the page modules into Giới
 * thiệu. Everything runs inside the import's one transaction. */
#ifndef LOA_NUKEVIET_INT_H
#define LOA_NUKEVIET_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "import/importInt.h"
#include "import/nukeviet.h"
#include "import/sqldump.h"

#define MAX_NAME 300            /* code points of a title, alias, author */
#define MAX_HOMETEXT (64u << 10) /* bytes of a lead as NukeViet stored it */
#define MAX_PATH_LEN 400         /* bytes of an image path from the dump */

enum nv_table {
	NV_NONE, NV_CAT, NV_ROWS, NV_SOURCES, NV_TOPICS, NV_TAGS, NV_MODULES,
	NV_LAWS_ROW, NV_LAWS_CAT, NV_LAWS_SUBJECT, NV_LAWS_AREA, NV_LAWS_SIGNER, NV_LAWS_ROW_AREA, NV_COMMENT
};

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
	int64_t loa_id;        /* once written */
};

/* An approved reader's comment (_comment, status 1); its e-mail and
 * address are never read. */
struct nv_comment {
	const char *base, *module, *name, *content;
	int64_t cid, id, post_time;
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
	const char *base, *title, *file, *data, *upload;
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
	struct vec cats, rows, names, modules, laws, comments;
	struct vec interned;   /* every base seen, one pointer each (compared by address) */
	struct vec bases;      /* the bases that have a _news_rows table */
	const char *base;      /* the chosen table set, "nv4_vi" */
	const char *module, *upload;
	const char *laws_module, *laws_upload;
	struct vec pagemods;      /* the page modules (module_file "page"): struct nv_module */
	struct vec files_written; /* the register's files written, removed again if it all rolls back */
	struct import_run run;
	struct buf err;        /* the reason a pass stopped */
	int status;
};

/* A zeroed new element at the end of v (size bytes each). */
void *nv_vec_push(struct vec *v, size_t size);
/* Stops the import with status and a Vietnamese reason (the first one
 * kept). */
void nv_fail(struct nv *nv, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Lists `what` in the report as not (wholly) imported, and why. */
void nv_skip(struct nv *nv, const char *what, const char *why);

/* A column's text (NULL for NULL, binary or a missing column) and number
 * (0 for those and for what is not a whole number). */
const char *nv_vstr(const struct sqldump_row *row, const char *col);
int64_t nv_vint(const struct sqldump_row *row, const char *col);
/* Plain text of a NukeViet field (entities decoded), NFC, at most max
 * code points; "" for none. */
const char *nv_plain(struct arena *a, const char *s, size_t max);
/* A copy of a field of at most max bytes, else "". */
const char *nv_raw(struct arena *a, const char *s, size_t max);
/* A module's name or upload folder as NukeViet allows them. */
bool nv_name_ok(const char *s);
/* An uploaded file's path as NukeViet stored it: relative, no "..". */
bool nv_rel_path_ok(const char *p);

/* Stores urls[0..n) as moved to target and lists those kept in the
 * report. A status of the redirect store (the import stops). */
int nv_redirects(struct nv *nv, const char *const *urls, size_t n, const char *target);
/* The old forms of `op` in module m (see nukeviet.c); homeless adds
 * those without the module's name. Returns how many (at most 5). */
size_t nv_old_forms_of(struct nv *nv, const char *m, bool homeless, struct arena *a, const char *op,
		       const char *query_op, const char **out);
/* The body with its images of NukeViet's uploads folder moved into the
 * library (those not found reported under `whose`); NULL after a fatal
 * failure. */
const char *nv_body_images(struct nv *nv, const char *whose, const char *alt, const char *body);
/* Counts what a writer of write.c did: LOA_OK written, 1 refused and
 * reported, else the failure. counts: made, updated, skipped. */
int nv_tally(struct nv *nv, int rc, bool created, const char *what, const char *why, int64_t *counts[3]);

/* nukeviet_modules.c: the laws module into the register; one row of a
 * page module's table into Giới thiệu; the page modules' home pages. */
int nv_laws_write(struct nv *nv);
int nv_page_write(struct nv *nv, const struct nv_module *m, const struct sqldump_row *row);
int nv_page_module_redirects(struct nv *nv);

#endif
