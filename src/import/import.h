/* import.h — bulk import of articles from JSON Lines, the register of
 * documents, a WordPress export (below), and loading of the demo site.
 * The only module that parses JSON (jansson) and XML (libxml2, in wxr.c).
 *
 * One JSON object per line: title, lead, body_html, category ("A/B" path,
 * created if missing), author, source, published_at (ISO 8601 with offset),
 * optional slug, featured, hot_pin, image, caption, external_id (a re-import
 * with the same external_id updates instead of duplicating). Bad lines are
 * reported with their number and reason; the others are imported. */
#ifndef LOA_IMPORT_H
#define LOA_IMPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct store;
struct buf;
struct arena;

struct import_report {
	int64_t lines;       /* non-blank lines read: created + updated + failed */
	int64_t created, updated, failed;
	/* Documents only: relations (replaces/amends) naming a number that no
	 * other document has. Their line was imported (created or updated);
	 * each such relation is reported and left out. */
	int64_t unlinked;
};

struct import_opts {
	int64_t site_id;
	/* When non-zero, published_at may also be "-Nd HH:MM": N days before
	 * this instant, at HH:MM Vietnam time (used by the demo content). */
	int64_t relative_now;
	/* Receives one line per rejected input line: "dòng N: reason". */
	void (*on_error)(void *ctx, int64_t line, const char *msg);
	/* Called every few hundred lines (progress display); may be NULL. */
	void (*on_progress)(void *ctx, const struct import_report *r);
	void *ctx;
};

/* Imports every line of `in`. Returns LOA_OK when the input was read to the
 * end (even if some lines failed: see report->failed), LOA_ERROR on a
 * database failure (the current batch is rolled back and reported). */
int import_jsonl(struct store *st, FILE *in, const struct import_opts *opts, struct import_report *report);

/* Imports the register of documents (docs.h) from JSON Lines, one
 * document per line:
 *   number, type, issuer, summary (required), field, signer, issued,
 *   effective, expires (dd/mm/yyyy or yyyy-mm-dd), body_html (sanitized),
 *   published (default true), relations: [{"kind": "replaces"|"amends",
 *   "number": "..."}], files: [{"path": "...", "name": "readable name"}]
 *   with paths relative to base_dir.
 * Terms are created as needed. A line whose number (folded) the issuer
 * already has updates that document, and a file whose bytes it already
 * holds is not attached twice, so importing the same file again changes
 * nothing. Files are written under files_dir. Relations are resolved once
 * every line is read, so a line may name a document further down. A bad
 * line is reported (o->on_error, in Vietnamese) and the others go on; a
 * relation whose number is not found is reported with its line and
 * counted in report->unlinked, not as a failed line. LOA_OK when the input
 * was read to the end (see report->failed and ->unlinked), LOA_ERROR on a
 * database failure. */
int import_documents(struct store *st, FILE *in, const char *base_dir, const char *files_dir,
		     const struct import_opts *o, struct import_report *report);

/* Builds the demo site from a demo directory (site.json, articles.jsonl,
 * calendar.json, links.json, media/) into an empty store, with dates
 * relative to `now`, and copies the files of dir/media to media_dir/demo (the pages
 * refer to them as /media/demo/NAME); documents.jsonl, when present, goes
 * through import_documents with its files written under media_dir/files. *err gets a malloc'ed message on
 * failure. */
int import_demo(struct store *st, const char *dir, const char *media_dir, int64_t now, char **err);

/* ---- from WordPress (wordpress.c) ----
 * Reads a WordPress export (WXR, Tools → Export) and writes its published
 * posts (articles), pages (Giới thiệu), categories (their tree), images
 * (the attachments and every image of a body found under uploads_dir, as
 * uploads of the media library) and, with comments, approved comments as
 * published Hỏi đáp (a reply by the site's staff as the answer); sticky
 * posts are featured. Every old address — permalinks of any structure,
 * ?p=, ?page_id=, ?cat=, ?tag=, /category/.../, /tag/.../, feeds, files
 * under wp-content/uploads — is stored in the redirect table. Everything
 * goes in one transaction: on a failure nothing is written. Run again,
 * it updates what it wrote and duplicates nothing. */
struct wp_import_opts {
	int64_t site_id;
	const char *uploads_dir;   /* the old site's wp-content/uploads copied here; NULL: no images */
	const char *media_dir;     /* the library's folder: images go to media_dir/wordpress/ */
	bool comments;
	int64_t now;
};

/* One thing not imported, and why (Vietnamese). */
struct wp_skip {
	const char *kind;          /* "bài viết", "trang", "bình luận", "tệp đính kèm", ... */
	int64_t id;                /* WordPress's id */
	const char *title, *reason;
};

struct wp_report {
	int64_t posts_created, posts_updated, pages_created, pages_updated, featured;
	int64_t categories, tags, authors, comments, images, images_reused, redirects;
	int64_t blocks, captions, shortcodes, links; /* what the body conversion did */
	int64_t refused;           /* published posts or pages loa refused (see skipped) */
	struct wp_skip *skipped;
	size_t nskipped, cap_skipped;
	struct arena *a;           /* owns the skipped list */
};

/* LOA_OK when imported (see report->refused for what was refused);
 * otherwise nothing is written and *err (malloc'ed, Vietnamese) says why:
 * LOA_NOTFOUND the file cannot be opened, LOA_INVALID it is not a WXR
 * file or is hostile, another status a database failure. Free the report
 * with import_wordpress_report_free in every case. */
int import_wordpress(struct store *st, const char *path, const struct wp_import_opts *o, struct wp_report *report,
		     char **err);
/* Appends the report: counts per kind, the skipped items with their
 * reasons and (full) the site's redirect table from WordPress, as
 * readable text or (json, always full) a JSON document. Not full: the
 * summary for a terminal, the first 200 skipped items. */
void import_wordpress_report(struct store *st, int64_t site_id, const struct wp_report *r, bool json, bool full,
			     struct buf *out);
void import_wordpress_report_free(struct wp_report *r);
/* Adds a skipped item to the report (its strings copied). */
void import_wp_skip(struct wp_report *r, const char *kind, int64_t id, const char *title, const char *reason);

#endif
