/* importInt.h — what the files of the import module share (src/import/):
 * the demo loader (import.c) hands each section's JSON to its seeder. */
#ifndef LOA_IMPORT_INT_H
#define LOA_IMPORT_INT_H

#include <stdint.h>

#include <jansson.h>

struct store;

/* Seeds "Lấy ý kiến dự thảo" from demo/consultations.json's array, days
 * counted from `now` (demo_consult.c). LOA_OK, or a failure with a
 * message in *err (static text; *err must be NULL on entry). Runs inside
 * the caller's transaction. */
int import_demo_consult(struct store *st, int64_t site_id, json_t *drafts, int64_t now, const char **err);

#endif
