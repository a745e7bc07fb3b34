/* importInt.h — what the files of the import module share (src/import/):
 * import.c (articles, the demo site), demo_portal.c (the demo's menu,
 * public-service links and legal facts), demo_org.c (Giới thiệu) and demo_consult.c (draft consultation):
 * the demo loader (import.c) hands each section's JSON to its seeder;
 * write.c, what every import from another portal (WordPress, NukeViet)
 * writes with: articles, pages, readers' questions, images, redirects. */
#ifndef LOA_IMPORT_INT_H
#define LOA_IMPORT_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"

#include "store/store.h"

struct media;

/* Parses dir/name as JSON (duplicate keys refused). NULL with *err a
 * malloc'ed message naming the file and line. */
json_t *import_json_file(const char *dir, const char *name, char **err);
/* Why jansson refused a text, in Vietnamese, from its error code
 * (jansson's own text is English): "sai cú pháp", "có ký tự không phải
 * UTF-8", "một khóa xuất hiện hai lần", ... Static text. */
const char *import_json_reason(const json_error_t *e);

/* The demo's attachments (dir/attachments.json, optional) of drafts and
 * calendar entries already made, their files stored below media_dir
 * (demo_attach.c). LOA_OK, or a failure with a malloc'ed *err. */
int import_demo_attachments(struct store *st, int64_t site_id, const char *dir, const char *media_dir, int64_t now,
			    char **err);

/* The demo's portal parts from dir/portal.json into site_id: the main
 * menu (categories by path, created when missing), the public-service
 * links and the footer's legal facts. Each menu entry passes menu.h's
 * checks. LOA_OK, or a status with *err a malloc'ed message. */
int import_demo_portal(struct store *st, int64_t site_id, const char *dir, char **err);

/* Loads the demo's "Giới thiệu" (org.json, parsed by the caller): static
 * pages, units and their officials, each checked by the rules of
 * org/org.h as the newsroom checks them. On failure *err gets a malloc'ed
 * message naming what was refused. demo_org.c. */
int import_demo_org(struct store *st, json_t *org, int64_t site_id, int64_t now, char **err);

/* Seeds "Lấy ý kiến dự thảo" from demo/consultations.json's array, days
 * counted from `now` (demo_consult.c). LOA_OK, or a failure with a
 * message in *err (static text; *err must be NULL on entry). Runs inside
 * the caller's transaction. */
int import_demo_consult(struct store *st, int64_t site_id, json_t *drafts, int64_t now, const char **err);

/* s without its leading and trailing spaces, tabs and newlines (cut in
 * place). import.c. */
char *import_trim(char *s);

/* One document of the register as an importer read it (docs.c). Dates are
 * typed as docs.h reads them (dd/mm/yyyy or yyyy-mm-dd); files are paths
 * relative to the importer's base folder, with readable names ("" = the
 * file's own). */
struct import_doc {
	const char *number, *type, *issuer, *field, *signer, *summary, *body_html;
	const char *issued, *effective, *expires;
	bool published;
	const char *const *files, *const *file_titles;
	size_t nfiles;
};
/* What import_doc_write did. */
struct import_doc_done {
	int64_t id;
	bool created;           /* false: the issuer's document of that number was updated */
	bool began;             /* something was written (a refusal before it left nothing) */
	bool dbfail;            /* the database failed: the caller must roll back */
	const char **written;   /* stored names of the files written, in the arena */
	size_t nwritten;
};
/* Checks one document (its fields by docs.h, its files read and told by
 * content) and writes it inside the caller's transaction: its terms made
 * as needed, the document (the issuer's document of the same number
 * updated), the files it does not hold yet. NULL on success, else the
 * reason in Vietnamese; then the caller rolls back (when done->began) and
 * calls import_doc_unwrite to take the written files away again. */
const char *import_doc_write(struct store *st, struct arena *a, int64_t site_id, const struct import_doc *in,
			     const char *base, const char *files_dir, struct import_doc_done *done);
void import_doc_unwrite(struct arena *a, const char *files_dir, const struct import_doc_done *done);

/* Reads one line of `in` into b (cleared first), without its '\n'; a
 * line longer than the import's limit is cut and *too_long set. False at
 * the end of the input. import.c. */
bool import_read_line(FILE *in, struct buf *b, bool *too_long);

/* ---- content from another portal (write.c) ----
 * Each call runs inside the importer's transaction (store_begin): the
 * importer commits once at the end or rolls everything back. */

/* One import run: where it writes and what it has written so far. */
struct import_run {
	struct store *st;
	int64_t site_id;
	const char *source;      /* "wordpress", "nukeviet": the redirects' source and
				  * the media folder images go to (media_dir/source/...) */
	const char *media_dir;
	int64_t now;             /* created_at of what is made */
	int64_t images_added, images_reused, redirects; /* counts for the report */
};

/* What an article, a page, a question was written as. */
struct import_written {
	int64_t id;
	bool created;            /* false: an earlier import's row was updated */
	const char *url;         /* its loa path ("/tin-tuc/ten-bai-12"), in the caller's arena */
	size_t skipped_urls;     /* old addresses without a key (oldpath_key refused them) */
};

/* One article as the importer read it. Strings need not be clean: they
 * are made NFC, trimmed and bounded here; body_html is any HTML (it goes
 * through sanitize_body, library images getting their sizes); lead may
 * hold markup (its text is kept). slug: the old portal's, made a loa slug
 * (text_slug), the title's when it has no letters. */
struct import_article {
	const char *external_id;  /* unique per source ("wordpress:123"): a re-import updates */
	int64_t category_id;      /* a category of the site */
	const char *title, *slug, *lead, *body_html, *author, *source_name;
	const char *image, *image_srcset, *caption; /* cover: a library path and its sizes, or "" */
	int64_t published_at, updated_at;           /* Unix seconds; updated_at 0 = published_at */
	bool featured;
	const char *const *old_urls; /* its addresses on the old portal: each answers 301 to it */
	size_t nold;
};
/* Inserts or updates (by external_id) the published article, then stores
 * its old addresses as redirects to its URL. LOA_OK with *out; otherwise
 * *why says why in Vietnamese: LOA_INVALID for an article refused (the
 * import may skip it and go on), another status for a database failure
 * (the import must roll back). */
int import_article_write(struct import_run *r, const struct import_article *in, struct arena *a,
			 struct import_written *out, const char **why);

/* A static page (Giới thiệu, /gioi-thieu/{slug}) as the importer read it. */
struct import_page {
	const char *title, *slug, *body_html;
	int position;
	/* old addresses; the first must be the page's stable one ("/?page_id=7"):
	 * a re-import finds the page it made through it and updates it */
	const char *const *old_urls;
	size_t nold;
};
/* Creates the published page (its slug made free: slug, slug-2, ... as
 * loa's rules want, never a reserved one) or updates the one an earlier
 * import made, then stores its redirects. Statuses as
 * import_article_write. */
int import_page_write(struct import_run *r, const struct import_page *in, struct arena *a,
		      struct import_written *out, const char **why);

/* A reader's comment, published as a question of "Hỏi đáp" (with the
 * site's answer when the old portal had one). code is its stable tracking
 * code ("WP-123"): a question whose code the site has is not written
 * again (*created false). Contact details are never imported. */
struct import_question {
	const char *code;
	int64_t article_id;       /* 0 = the general Hỏi đáp page */
	const char *name, *content, *answer; /* plain text; answer "" = none */
	int64_t created_at, answered_at;
};
int import_question_write(struct import_run *r, const struct import_question *in, struct arena *a, bool *created,
			  const char **why);

/* Adds the image file at path to the site's media library
 * (media_library_add) in media_dir/<source>/<sub> (sub a relative folder
 * of [a-z0-9_-] segments, or ""), named from its file name and content:
 * the same file imported again is found (*reused) and never copied twice.
 * LOA_OK with *out (in a); LOA_NOTFOUND when the file is missing,
 * LOA_INVALID when refused (not an image, too big, bad sub), LOA_ERROR
 * when it cannot be processed or stored; *why says which in Vietnamese. */
int import_image_add(struct import_run *r, const char *path, const char *sub, const char *alt, const char *caption,
		     struct arena *a, struct media *out, bool *reused, const char **why);

/* Stores old_urls[0..n) (any URLs: their keys by oldpath_key) as moved to
 * target; one without a key, or whose key is the target itself, is
 * counted in *skipped (may be NULL) and left out. A status of
 * store_redirect_put. */
int import_redirects_add(struct import_run *r, const char *const *old_urls, size_t n, const char *target,
			 size_t *skipped);

#endif
