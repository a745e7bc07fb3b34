/* home.c — the home page: a lead story, top stories, the latest articles
 * and a block per top-level category. */
#include <stdint.h>
#include <string.h>

#include "core/status.h"
#include "site/siteInt.h"

#define SECTION_SIZE 5
#define LATEST 8

/* True when image was shown higher on the page already. */
static bool picture_shown(const char **pics, size_t n, const char *image)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(pics[i], image) == 0)
			return true;
	return false;
}

void site_home(void *app, struct http_req *req)
{
	struct page p;
	if (site_redirect_query(app, req) || site_serve_cached(app, req) || !page_begin_or_reply(&p, app, req))
		return;
	struct arena *a = p.a;
	struct store *st = p.app->store;
	struct article *arts;
	size_t n;

	page_set_meta(&p, NULL, p.site.tagline, "/");
	tv_set_bool(a, p.page, "is_home", true);

	/* lead and top stories: featured first, else the newest */
	struct article_query fq = {.site_id = p.site.id, .now = p.now, .featured_only = true, .limit = 5};
	if (store_article_list(st, &fq, a, &arts, &n, NULL) != LOA_OK || n == 0) {
		struct article_query lq = {.site_id = p.site.id, .now = p.now, .limit = 5};
		if (store_article_list(st, &lq, a, &arts, &n, NULL) != LOA_OK)
			n = 0;
	}
	/* what the top of the page shows is not repeated in the sections, and
	 * a section's pictured story is not one more copy of a picture above */
	int64_t shown[5];
	size_t nshown = 0;
	const char **pics = arena_zalloc(a, (5 + p.ncats) * sizeof *pics);
	size_t npics = 0;
	struct tval *top = tv_list(a);
	for (size_t i = 0; i < n; i++) {
		if (nshown < sizeof shown / sizeof shown[0])
			shown[nshown++] = arts[i].id;
		if (i < 5 && *arts[i].image)
			pics[npics++] = arts[i].image;
		if (i == 0)
			tv_set(p.root, "lead_story", page_card(&p, &arts[0]));
		else
			tv_push(top, page_card(&p, &arts[i]));
	}
	tv_set(p.root, "top_stories", top);
	if (n && arts[0].image && *arts[0].image) {
		const char *img = arts[0].image[0] == '/' ? arena_printf(a, "%s%s", p.base_url, arts[0].image)
							 : arts[0].image;
		tv_set_str(a, p.page, "og_image", img);
	}

	struct article_query lq = {.site_id = p.site.id, .now = p.now, .limit = LATEST};
	struct tval *latest = tv_list(a);
	if (store_article_list(st, &lq, a, &arts, &n, NULL) == LOA_OK)
		for (size_t i = 0; i < n; i++)
			tv_push(latest, page_card(&p, &arts[i]));
	tv_set(p.root, "latest", latest);

	struct tval *sections = tv_list(a);
	for (size_t i = 0; i < p.ncats; i++) {
		const struct category *c = &p.cats[i];
		if (c->parent_id)
			continue;
		struct article_query cq = {.site_id = p.site.id, .category_id = c->id, .now = p.now,
					   .limit = SECTION_SIZE + (int)nshown};
		if (store_article_list(st, &cq, a, &arts, &n, NULL) != LOA_OK || n == 0)
			continue;
		struct tval *sec = tv_map(a), *list = tv_list(a);
		tv_set_str(a, sec, "name", c->name);
		tv_set_str(a, sec, "url", page_category_url(&p, c));
		/* the stories not at the top; the first whose picture is new leads */
		size_t *pick = arena_zalloc(a, n * sizeof *pick), npick = 0, lead = SIZE_MAX;
		for (size_t k = 0; k < n && npick < SECTION_SIZE; k++) {
			bool at_top = false;
			for (size_t t = 0; t < nshown; t++)
				at_top |= shown[t] == arts[k].id;
			if (at_top)
				continue;
			if (lead == SIZE_MAX && !picture_shown(pics, npics, arts[k].image))
				lead = npick;
			pick[npick++] = k;
		}
		if (lead == SIZE_MAX)
			lead = 0;
		size_t used = 0;
		for (size_t j = 0; j < npick; j++) {
			size_t k = pick[j == 0 ? lead : j <= lead ? j - 1 : j];
			struct tval *card = page_card(&p, &arts[k]);
			tv_set_bool(a, card, "first", used == 0);
			tv_push(list, card);
			if (used == 0 && *arts[k].image)
				pics[npics++] = arts[k].image;
			used++;
		}
		if (used == 0)
			continue;
		tv_set(sec, "articles", list);
		tv_push(sections, sec);
	}
	tv_set(p.root, "sections", sections);
	page_finish(&p, "home", 200);
}
