/* importInt.h — what the files of the import module share (src/import/):
 * import.c (articles, the demo site), demo_portal.c (the demo's menu,
 * public-service links and legal facts), demo_org.c (Giới thiệu) and demo_consult.c (draft consultation):
 * the demo loader (import.c) hands each section's JSON to its seeder. */
#ifndef LOA_IMPORT_INT_H
#define LOA_IMPORT_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"

#include "store/store.h"

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

/* Reads one line of `in` into b (cleared first), without its '\n'; a
 * line longer than the import's limit is cut and *too_long set. False at
 * the end of the input. import.c. */
bool import_read_line(FILE *in, struct buf *b, bool *too_long);

#endif
