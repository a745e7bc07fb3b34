/* importInt.h — what the files of the import module share (src/import/). */
#ifndef LOA_IMPORT_INT_H
#define LOA_IMPORT_INT_H

#include <jansson.h>
#include <stdint.h>

struct store;

/* Loads the demo's "Giới thiệu" (org.json, parsed by the caller): static
 * pages, units and their officials, each checked by the rules of
 * org/org.h as the newsroom checks them. On failure *err gets a malloc'ed
 * message naming what was refused. demo_org.c. */
int import_demo_org(struct store *st, json_t *org, int64_t site_id, int64_t now, char **err);

#endif
