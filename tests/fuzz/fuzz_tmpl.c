/* fuzz_tmpl.c — the template compiler and renderer on arbitrary bytes. The
 * input becomes the template "t" of a one-file set (written to a private
 * temporary directory) and is rendered against a small fixed value tree.
 * A load must either succeed or fail with a message; rendering must stay
 * within memory bounds and end (self-including partials hit the depth
 * limit). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/status.h"
#include "render/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir_[256];
static char file_[300];

static void cleanup(void)
{
	unlink(file_);
	rmdir(dir_);
}

static struct tval *sample(struct arena *a)
{
	struct tval *root = tv_map(a);
	tv_set_str(a, root, "a", "<x & \"y\">");
	tv_set(root, "h", tv_html(a, "<b>đậm</b>"));
	tv_set_int(a, root, "n", 42);
	tv_set_bool(a, root, "f", false);
	tv_set_bool(a, root, "t", true);
	struct tval *list = tv_list(a);
	for (int i = 0; i < 3; i++) {
		struct tval *it = tv_map(a);
		tv_set_int(a, it, "n", i);
		tv_set_str(a, it, "s", "mục");
		tv_push(list, it);
	}
	tv_push(list, tv_str(a, "chuỗi"));
	tv_set(root, "l", list);
	struct tval *m = tv_map(a);
	tv_set(m, "m", root); /* a cycle is fine: lookups never walk the whole tree */
	tv_set(root, "m", m);
	return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir_[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(dir_, sizeof dir_, "%s/loa-fuzz-tmpl-XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(dir_))
			abort();
		snprintf(file_, sizeof file_, "%s/t.html", dir_);
		atexit(cleanup);
	}
	FILE *f = fopen(file_, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	char *err = NULL;
	struct tmpl_set *set = tmpl_set_load(dir_, &err);
	if (!set) {
		if (!err || !strstr(err, "t.html:"))
			abort(); /* a failed load always says where */
		free(err);
		return 0;
	}
	struct arena *a = arena_new();
	struct buf out = BUF_INIT;
	if (tmpl_render(set, "t", sample(a), &out) != LOA_OK)
		abort();
	buf_reset(&out);
	arena_free(a);
	tmpl_set_free(set);
	return 0;
}
