/* files.c — downloads of stored files: /tep/{id}/{name}.
 *
 * The file is found by its id in the request's site and sent from the
 * path its row names (never one the request spells), with its sniffed
 * type, a Content-Disposition that offers the original name (RFC 6266
 * and 5987), and a long cache lifetime: a stored file's bytes never
 * change. A file whose owner is not published is not found (a stored
 * file's public flag; an article's file, while the article is not public);
 * a URL with another name than the file's is redirected to the right one. */
#include <string.h>

#include "core/buf.h"
#include "core/status.h"
#include "files/files.h"
#include "site/siteInt.h"
#include "store/store_files.h"

void site_file_download(void *app, struct http_req *req)
{
	struct page p;
	if (!page_begin_or_reply(&p, app, req))
		return;
	struct stored_file f;
	int64_t id = http_req_param_id(req, 0);
	int64_t article_id;
	struct article art;
	if (!id || store_file_get(p.app->store, p.site.id, id, p.a, &f) != LOA_OK || !f.public ||
	    (store_file_owner(p.app->store, p.site.id, id, FILES_OWNER_ARTICLE, &article_id) == LOA_OK &&
	     (store_article_get(p.app->store, p.site.id, article_id, p.a, &art) != LOA_OK ||
	      art.status != ARTICLE_PUBLISHED || art.published_at > p.now))) {
		page_not_found(&p);
		return;
	}
	const char *url = files_url(p.a, &f);
	if (strcmp(http_req_path(req), url) != 0) {
		http_redirect(req, 301, url);
		return;
	}
	struct buf b = BUF_INIT;
	files_disposition(&b, &f);
	http_header(req, "Content-Disposition", b.data);
	buf_reset(&b);
	http_header(req, "X-Content-Type-Options", "nosniff");
	const struct file_type *ft = files_type_by_ext(f.kind);
	const char *path = arena_printf(p.a, "%s/%s", files_dir(p.a, p.app->cfg.media_dir), f.stored_name);
	http_send_file(req, path, ft ? ft->mime : "application/octet-stream", 0, "public, max-age=31536000, immutable");
}

struct tval *site_file_item(struct page *p, const struct stored_file *f)
{
	struct arena *a = p->a;
	const struct file_type *ft = files_type_by_ext(f->kind);
	struct tval *t = tv_map(a);
	tv_set_str(a, t, "url", files_url(a, f));
	tv_set_str(a, t, "ext", f->kind);
	tv_set_str(a, t, "title", f->title);
	tv_set_str(a, t, "type", ft ? ft->label : f->kind);
	tv_set_str(a, t, "size", files_size_text(a, f->size));
	return t;
}

struct tval *site_file_list(struct page *p, const struct file_link *l, size_t n, int64_t owner_id, const char *role)
{
	struct tval *list = tv_list(p->a);
	for (size_t i = 0; i < n; i++)
		if ((owner_id <= 0 || l[i].owner_id == owner_id) && strcmp(l[i].role, role) == 0)
			tv_push(list, site_file_item(p, &l[i].file));
	return list;
}
