/* demo_org.c — the demo's "Giới thiệu" (demo/org.json): the commune's
 * introduction, functions and tasks, history and map pages with English
 * versions of the first two; its organisation after the 2025 reform (Đảng
 * ủy, HĐND, UBND and their units, the Mặt trận) with each unit's
 * officials. Units are listed parent first and name their parent by
 * `key`; officials sit inside their unit. Everything passes the rules of
 * org/org.h, so the demo shows only what the newsroom could have typed. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/status.h"
#include "import/importInt.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_org.h"

#define MAX_UNITS 200

static const char *js(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* "org.json: what: message" from the first rejected field. */
static int refuse(char **err, const char *what, const struct org_errors *e)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "org.json: %s: %s", what, e->n ? e->e[0].message : "không lưu được");
	*err = buf_detach(&b, NULL);
	return LOA_ERROR;
}

static int load_officials(struct store *st, struct arena *a, json_t *list, int64_t site_id, int64_t unit_id,
			  char **err)
{
	size_t i;
	json_t *it;
	json_array_foreach(list, i, it) {
		struct org_errors e = {0};
		struct org_official o = {.site_id = site_id, .unit_id = unit_id, .name = js(it, "name"),
					 .title = js(it, "title"), .title_en = js(it, "title_en"),
					 .phone = js(it, "phone"), .email = js(it, "email"), .photo = js(it, "photo"),
					 .position = (int)i, .is_leader = json_is_true(json_object_get(it, "leader"))};
		org_official_prepare(a, &o, &e);
		int64_t id;
		if (e.n || store_org_official_save(st, &o, &id) != LOA_OK)
			return refuse(err, o.name, &e);
	}
	return LOA_OK;
}

int import_demo_org(struct store *st, json_t *org, int64_t site_id, int64_t now, char **err)
{
	struct arena *a = arena_new();
	int rc = LOA_OK;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(org, "pages"), i, it) {
		struct org_errors e = {0};
		struct org_page p = {.site_id = site_id, .slug = js(it, "slug"), .title = js(it, "title"),
				     .body_html = js(it, "body_html"), .title_en = js(it, "title_en"),
				     .body_en = js(it, "body_en"), .position = (int)i, .published = true};
		org_page_prepare(a, &p, NULL, NULL, &e);
		int64_t id, version;
		bool taken;
		if (e.n || store_org_page_save(st, &p, 0, now, &id, &version, &taken) != LOA_OK) {
			rc = refuse(err, p.title, &e);
			goto out;
		}
	}
	const char *keys[MAX_UNITS];
	int64_t ids[MAX_UNITS];
	size_t nkeys = 0;
	json_array_foreach(json_object_get(org, "units"), i, it) {
		struct org_errors e = {0};
		struct org_unit u = {.site_id = site_id, .name = js(it, "name"), .name_en = js(it, "name_en"),
				     .address = js(it, "address"), .phone = js(it, "phone"), .email = js(it, "email"),
				     .functions = js(it, "functions"), .functions_en = js(it, "functions_en"),
				     .position = (int)i};
		for (size_t k = 0; k < nkeys; k++)
			if (strcmp(keys[k], js(it, "parent")) == 0)
				u.parent_id = ids[k];
		org_unit_prepare(a, &u, &e);
		int64_t id;
		if (e.n || nkeys == MAX_UNITS || store_org_unit_save(st, &u, &id) != LOA_OK) {
			rc = refuse(err, u.name, &e);
			goto out;
		}
		keys[nkeys] = js(it, "key");
		ids[nkeys++] = id;
		if ((rc = load_officials(st, a, json_object_get(it, "officials"), site_id, id, err)) != LOA_OK)
			goto out;
	}
out:
	arena_free(a);
	return rc;
}
