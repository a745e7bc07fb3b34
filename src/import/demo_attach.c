/* demo_attach.c — the demo's attachments (demo/attachments.json): the
 * papers of the open draft, the report of the closed one and the
 * invitation of a calendar entry, real Word files from demo/files/. Each
 * goes through files_attach like an upload in the newsroom, so the demo
 * holds nothing the newsroom could not have stored. Entries name their
 * owner by its title (drafts) or content (a calendar entry of the current
 * week). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/status.h"
#include "core/vntime.h"
#include "files/files.h"
#include "import/importInt.h"
#include "store/store_consult.h"

static const char *text_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* The id of the owner the entry names, or 0. */
static int64_t owner_of(struct store *st, int64_t site_id, json_t *e, int64_t now, struct arena *a)
{
	if (strcmp(text_of(e, "owner"), FILES_OWNER_DRAFT) == 0) {
		struct draft_query q = {.site_id = site_id, .when = DRAFT_ANY, .now = now};
		struct draft *ds;
		size_t n = 0;
		int64_t total;
		if (store_draft_list(st, &q, a, &ds, &n, &total) == LOA_OK)
			for (size_t i = 0; i < n; i++)
				if (strcmp(ds[i].title, text_of(e, "draft_title")) == 0)
					return ds[i].id;
	} else if (strcmp(text_of(e, "owner"), FILES_OWNER_CALENDAR) == 0) {
		int64_t monday = vn_week_monday(vn_day(now)); /* this week's entry, which readers see first */
		struct cal_item *its;
		size_t n = 0;
		if (store_calendar_range(st, site_id, monday, monday + 6, a, &its, &n) == LOA_OK)
			for (size_t i = 0; i < n; i++)
				if (strcmp(its[i].content, text_of(e, "calendar_content")) == 0)
					return its[i].id;
	}
	return 0;
}

/* The bytes of dir/rel (bounded by FILES_MAX_BYTES), in the arena. */
static const void *read_all(struct arena *a, const char *dir, const char *rel, size_t *len)
{
	FILE *f = fopen(arena_printf(a, "%s/%s", dir, rel), "rb");
	struct stat sb;
	if (!f || fstat(fileno(f), &sb) != 0 || sb.st_size <= 0 || sb.st_size > FILES_MAX_BYTES) {
		if (f)
			fclose(f);
		return NULL;
	}
	char *data = arena_alloc(a, (size_t)sb.st_size);
	*len = fread(data, 1, (size_t)sb.st_size, f);
	fclose(f);
	return *len == (size_t)sb.st_size ? data : NULL;
}

int import_demo_attachments(struct store *st, int64_t site_id, const char *dir, const char *media_dir, int64_t now,
			    char **err)
{
	char path[4096];
	if ((size_t)snprintf(path, sizeof path, "%s/attachments.json", dir) >= sizeof path || access(path, F_OK) != 0)
		return LOA_OK; /* a demo folder without attachments */
	json_t *list = import_json_file(dir, "attachments.json", err);
	if (!list)
		return LOA_ERROR;
	struct arena *a = arena_new();
	const char *files = files_dir(a, media_dir);
	int rc = LOA_OK;
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		int64_t owner = owner_of(st, site_id, e, now, a);
		size_t len = 0;
		const void *data = owner ? read_all(a, dir, text_of(e, "path"), &len) : NULL;
		if (!data) {
			*err = strdup(owner ? "attachments.json: không đọc được tệp của một mục"
					    : "attachments.json: một mục không có dự thảo hay lịch công tác tương ứng");
			rc = LOA_INVALID;
			break;
		}
		const char *rel = text_of(e, "path"), *slash = strrchr(rel, '/');
		struct files_upload up = {.data = data, .len = len, .filename = slash ? slash + 1 : rel,
					  .title = text_of(e, "title")};
		struct stored_file f;
		const char *why = NULL;
		const char *role = strcmp(text_of(e, "role"), "report") == 0 ? FILES_ROLE_REPORT : "";
		rc = files_attach(st, files, site_id, text_of(e, "owner"), owner, role, &up, now, a, &f, &why);
		if (rc != LOA_OK) {
			*err = strdup(why ? why : "attachments.json: không lưu được tệp");
			break;
		}
	}
	json_decref(list);
	arena_free(a);
	return rc;
}
