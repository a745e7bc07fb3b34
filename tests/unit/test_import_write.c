/* test_import_write.c — what imports from other portals write with
 * (import/write.c): an article and its old addresses, written again as an
 * update; a page found again through its first old address; a question
 * not written twice; an image added to the library once, a missing one
 * refused; all inside one transaction that a rollback undoes. On a
 * temporary database and media folder, removed after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/status.h"
#include "import/importInt.h"
#include "media/media.h"
#include "store/store.h"
#include "store/store_newsroom.h"
#include "store/store_redirects.h"
#include "test.h"

static char path[128], media[128];

static void cleanup(void)
{
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm'", media, path, path, path);
	if (system(cmd) != 0)
		printf("# could not remove the temporary files\n");
}

static const char *target(struct store *st, int64_t site, const char *key, struct arena *a)
{
	const char *t = NULL;
	return store_redirect_lookup(st, site, key, a, &t) == LOA_OK ? t : "(none)";
}

int main(void)
{
	snprintf(path, sizeof path, "%s/loa-import-write-%ld.db", P_tmpdir, (long)getpid());
	snprintf(media, sizeof media, "%s/loa-import-write-%ld-media", P_tmpdir, (long)getpid());
	cleanup();
	char *err = NULL;
	struct store *st = store_open(path, true, &err);
	CHECK(st != NULL, "open (%s)", err ? err : "ok");
	free(err);
	if (!st)
		return test_done();
	struct arena *a = arena_new();
	int64_t site, cat;
	const char *serr = NULL;
	struct site s = {.host = "", .name = "Xã Thử"};
	CHECK(store_site_create(st, &s, &site, &serr) == LOA_OK, "site");
	CHECK(store_category_ensure_path(st, site, "Tin tức/Thời sự", &cat, &serr) == LOA_OK, "category");

	struct import_run run = {.st = st, .site_id = site, .source = "wordpress", .media_dir = media, .now = 1700000000};
	const char *olds[] = {"https://xa.example/2023/05/20/le-hoi/", "/?p=41", "not a url\x01"};
	struct import_article in = {.external_id = "wordpress:41", .category_id = cat, .title = "  Lễ hội đua thuyền  ",
				    .slug = "l%e1%bb%85-hoi", .lead = "<p>Tóm <b>tắt</b></p>",
				    .body_html = "<p>Nội dung<script>x()</script></p>", .author = "Ban biên tập",
				    .published_at = 1684540800, .featured = true, .old_urls = olds, .nold = 3};
	struct import_written w;
	const char *why = NULL;
	CHECK(store_begin(st) == LOA_OK, "begin");
	CHECK(import_article_write(&run, &in, a, &w, &why) == LOA_OK && w.created, "article written (%s)", why ? why : "");
	CHECK(w.skipped_urls == 1, "an address without a key skipped");
	struct article art;
	CHECK(store_article_get(st, site, w.id, a, &art) == LOA_OK && strcmp(art.title, "Lễ hội đua thuyền") == 0 &&
		      strcmp(art.lead, "Tóm tắt") == 0 && !strstr(art.body_html, "script") && art.featured &&
		      art.status == ARTICLE_PUBLISHED,
	      "title trimmed, lead plain, body sanitized, featured, published");
	CHECK_STR(w.url, arena_printf(a, "/thoi-su/%s-%lld", art.slug, (long long)w.id), "its loa address");
	CHECK_STR(target(st, site, "/2023/05/20/le-hoi", a), w.url, "the permalink redirects");
	CHECK_STR(target(st, site, "/?p=41", a), w.url, "?p= redirects");

	in.title = "Lễ hội đua thuyền năm 2023";
	struct import_written w2;
	CHECK(import_article_write(&run, &in, a, &w2, &why) == LOA_OK && !w2.created && w2.id == w.id,
	      "written again: the same article updated");
	CHECK_STR(target(st, site, "/?p=41", a), w2.url, "the redirect follows the new address");

	const char *page_olds[] = {"/?page_id=7", "/gioi-thieu-chung/"};
	struct import_page pg = {.title = "Giới thiệu chung", .slug = "gioi-thieu-chung",
				 .body_html = "<p>Xã nằm ở phía nam</p>", .old_urls = page_olds, .nold = 2};
	CHECK(import_page_write(&run, &pg, a, &w, &why) == LOA_OK && w.created, "page written (%s)", why ? why : "");
	CHECK_STR(w.url, "/gioi-thieu/gioi-thieu-chung", "the page's address");
	pg.body_html = "<p>Xã nằm ở phía nam tỉnh</p>";
	CHECK(import_page_write(&run, &pg, a, &w2, &why) == LOA_OK && !w2.created && w2.id == w.id,
	      "page written again: updated, not a second page");
	const char *other_olds[] = {"/?page_id=8"};
	struct import_page pg2 = {.title = "Giới thiệu chung", .slug = "gioi-thieu-chung", .body_html = "<p>Khác</p>",
				  .old_urls = other_olds, .nold = 1};
	CHECK(import_page_write(&run, &pg2, a, &w2, &why) == LOA_OK && w2.created &&
		      strcmp(w2.url, "/gioi-thieu/gioi-thieu-chung-2") == 0,
	      "another page with the same slug gets -2");

	struct import_question q = {.code = "WP-5", .article_id = w.id, .name = "Nguyễn Văn An",
				    .content = "Bao giờ có lịch đua thuyền năm sau?", .answer = "Tháng 5 hằng năm.",
				    .created_at = 1684600000, .answered_at = 1684700000};
	bool made = false;
	CHECK(import_question_write(&run, &q, a, &made, &why) == LOA_OK && made, "question written");
	CHECK(import_question_write(&run, &q, a, &made, &why) == LOA_OK && !made, "not twice");

	struct media m;
	bool reused = true;
	CHECK(import_image_add(&run, "tests/fixtures/wordpress/uploads/2023/05/le-hoi-dua-thuyen.jpg", "2023/05", "Đua thuyền",
			       "", a, &m, &reused, &why) == LOA_OK && !reused,
	      "image added (%s)", why ? why : "");
	CHECK(strncmp(m.path, "/media/wordpress/2023/05/le-hoi-dua-thuyen-", 43) == 0 && *m.srcset, "under the source's folder, with sizes: %s",
	      m.path);
	struct media m2;
	CHECK(import_image_add(&run, "tests/fixtures/wordpress/uploads/2023/05/le-hoi-dua-thuyen.jpg", "2023/05", "", "", a,
			       &m2, &reused, &why) == LOA_OK && reused && m2.id == m.id,
	      "the same image again is the same row");
	CHECK(import_image_add(&run, "tests/fixtures/wordpress/uploads/khong-co.jpg", "", "", "", a, &m2, &reused, &why) ==
		      LOA_NOTFOUND && strstr(why, "không có tệp"),
	      "a missing file: LOA_NOTFOUND with a reason");
	CHECK(import_image_add(&run, "tests/fixtures/wordpress/uploads/2023/05/cau-moi.png", "../x", "", "", a, &m2,
			       &reused, &why) == LOA_INVALID,
	      "a folder going up refused");
	CHECK(run.images_added == 1 && run.images_reused == 1, "counts");
	CHECK(store_rollback(st) == LOA_OK, "rollback");
	CHECK(store_article_get(st, site, w.id, a, &art) == LOA_NOTFOUND &&
		      strcmp(target(st, site, "/?p=41", a), "(none)") == 0,
	      "a rollback leaves nothing");
	arena_free(a);
	store_close(st);
	media_shutdown();
	cleanup();
	return test_done();
}
