/* fuzz_wp_body.c — wp_body_convert on arbitrary bytes: never reads outside
 * the input (the sanitizers watch), the image callback sees only text
 * after an upload prefix, and the output goes through the sanitizer as
 * the importer stores it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "import/wp_body.h"
#include "render/sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *moved(void *ctx, const char *rel)
{
	(void)ctx;
	if (!*rel)
		abort(); /* never called with nothing after the prefix */
	return strlen(rel) % 2 ? "/media/wordpress/anh.jpg" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const prefixes[] = {"http://xa.example/wp-content/uploads/", "/wp-content/uploads/"};
	char *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	struct buf out = BUF_INIT, clean = BUF_INIT;
	static const char *const sites[] = {"http://xa.example", "//xa.example"};
	struct wp_body_opts o = {prefixes, 2, moved, NULL, sites, 2};
	struct wp_body_stats st = {0};
	wp_body_convert(&out, copy, size, &o, &st);
	if (st.blocks < 0 || st.captions < 0 || st.shortcodes < 0 || st.images < 0 || st.links < 0)
		abort();
	(void)sanitize_body(&clean, out.data, out.len, NULL, NULL);
	buf_reset(&out);
	buf_reset(&clean);
	free(copy);
	return 0;
}
