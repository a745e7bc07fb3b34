/* nukeviet.h — moving a NukeViet 4.x portal's news into loa from a
 * mysqldump (or phpMyAdmin SQL export) of its database, every old link
 * kept as a redirect.
 *
 * Read from the dump (import/sqldump.h), for the table set
 * <prefix>_<lang>_news_* (the prefix found when not given: the one set
 * that has _news_rows):
 *   _news_cat      the category tree (catid, parentid, title, alias, weight)
 *   _news_rows     articles: title, alias, hometext (the lead), author,
 *                  sourceid, catid/listcatid, publtime, edittime, status,
 *                  homeimgfile/homeimgalt/homeimgthumb, hitstotal
 *   _news_detail   bodyhtml and sourcetext (4.0's _news_bodyhtml_N too)
 *   _news_sources, _news_topics, _news_tags: names for the source, and
 *                  old topic and tag pages (sent to loa's search)
 *   _modules       the modules' names in URLs (title) and upload folders
 * and, when the dump has them, the laws module's <prefix>_<lang>_laws_*
 * (_row with _cat, _subject, _area/_row_area, _signer) into the register
 * of documents (docs.h): number (code), type, issuer, field, signer,
 * summary (introtext), full text, the issue, effective and expiry days,
 * the attached files from uploads/<laws upload>/, what each replaces;
 * hidden ones (status 0) as unpublished documents.
 * Only published articles (status 1) are imported; the others are listed
 * in the report with their NukeViet state. Bodies go through loa's
 * sanitizer; covers and body images found in the uploads folder join the
 * media library (a missing one is reported and the article still comes
 * in); hitstotal becomes the view count (counted on the publication day).
 *
 * Everything is written in one transaction: on any failure nothing is
 * left. Running it again updates what it made (articles by their NukeViet
 * id, categories through their old address) instead of duplicating. */
#ifndef LOA_NUKEVIET_H
#define LOA_NUKEVIET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"

struct store;

struct nukeviet_opts {
	int64_t site_id;
	const char *prefix;    /* table prefix ("nv4"); NULL: found in the dump */
	const char *lang;      /* the data language of the tables ("vi") */
	const char *module;    /* the news module's name in URLs; NULL: from the dump's
				  _modules table, else "news" */
	const char *uploads;   /* NukeViet's uploads folder, or NULL (no images) */
	const char *media_dir; /* loa's media folder */
	int64_t now;
};

struct nukeviet_skip {
	const char *what;      /* "bài 12 \"Tiêu đề\"", "ảnh của bài 12" */
	const char *why;
};

struct nukeviet_redirect {
	const char *from, *to;
};

/* What an import did. Strings live in `a`; release with
 * nukeviet_report_free. After a failure the counts say how far it got
 * before everything was rolled back. */
struct nukeviet_report {
	struct arena *a;
	const char *tables;    /* "nv4_vi" */
	const char *module;
	int64_t cats_created, cats_reused;
	int64_t articles_created, articles_updated, articles_skipped;
	int64_t images_added, images_reused, images_missing;
	int64_t views;
	int64_t docs_created, docs_updated, docs_skipped, doc_files;
	struct nukeviet_skip *skips;
	size_t nskips, cap_skips;
	struct nukeviet_redirect *redirects;
	size_t nredirects, cap_redirects;
};

/* NULL when the options can be used, else why not (a static Vietnamese
 * message naming the option). */
const char *nukeviet_opts_problem(const struct nukeviet_opts *o);

/* Imports the dump at `path` (a regular file: it is read twice). LOA_OK;
 * LOA_INVALID when the dump is refused (not a NukeViet dump, no or several
 * table sets, truncated, not UTF-8; bad options) and another status on a
 * database or disk failure; then *err is a malloc'ed Vietnamese message
 * and nothing was written. *rep is set up in every case. */
int nukeviet_import(struct store *st, const char *path, const struct nukeviet_opts *o, struct nukeviet_report *rep,
		    char **err);

/* Writes the report in Vietnamese: counts and what was skipped and why;
 * with `full`, also the redirect table, one "old<TAB>new" line each. */
void nukeviet_report_print(FILE *out, const struct nukeviet_report *rep, const char *site_name, bool full);

void nukeviet_report_free(struct nukeviet_report *rep);

#endif
