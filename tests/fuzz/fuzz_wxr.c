/* fuzz_wxr.c — the WXR reader on arbitrary bytes: it either reads the
 * document to the end or refuses it with a message, never reads outside
 * its input or a record's strings after their time (the sanitizers watch:
 * every string handed over is read here), and never fetches anything. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "import/wxr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t seen;

static void touch(const char *s)
{
	if (!s)
		abort();
	seen += strlen(s);
}

static int on_channel(void *ctx, const struct wxr_channel *c)
{
	(void)ctx;
	touch(c->title), touch(c->link), touch(c->base_site_url), touch(c->base_blog_url), touch(c->version);
	return LOA_OK;
}

static int on_author(void *ctx, const struct wxr_author *a)
{
	(void)ctx;
	touch(a->login), touch(a->display_name);
	return LOA_OK;
}

static int on_term(void *ctx, const struct wxr_term *t)
{
	(void)ctx;
	touch(t->slug), touch(t->parent), touch(t->name);
	return LOA_OK;
}

static int on_item(void *ctx, const struct wxr_item *it)
{
	(void)ctx;
	touch(it->title), touch(it->link), touch(it->guid), touch(it->creator), touch(it->content);
	touch(it->excerpt), touch(it->date), touch(it->date_gmt), touch(it->name), touch(it->status);
	touch(it->type), touch(it->attachment_url), touch(it->image_alt);
	for (size_t i = 0; i < it->nterms; i++)
		touch(it->terms[i].domain), touch(it->terms[i].slug), touch(it->terms[i].name);
	for (size_t i = 0; i < it->ncomments; i++) {
		const struct wxr_comment *c = &it->comments[i];
		touch(c->author), touch(c->date), touch(c->date_gmt), touch(c->content), touch(c->approved), touch(c->type);
	}
	return LOA_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wxr_sink sink = {NULL, on_channel, on_author, on_term, on_term, on_item};
	char *err = NULL;
	int rc = wxr_read_memory((const char *)data, size, &sink, &err);
	if (rc != LOA_OK && (!err || !*err))
		abort(); /* a refusal always says why */
	free(err);
	return 0;
}
