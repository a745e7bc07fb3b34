/* health.c — /healthz, for a monitor or a load balancer: "ok" (200) when
 * the database answers a read, else 503 with the reason in Vietnamese.
 * Plain text, never cached (no-store), never counted as a visit; like
 * every request it has its line in the access log. */
#include "site/siteInt.h"

#include <string.h>

#include "core/status.h"

void site_healthz(void *app_, struct http_req *req)
{
	struct app *app = app_;
	int64_t v;
	static const char ok[] = "ok\n";
	static const char down[] = "lỗi: cơ sở dữ liệu không trả lời\n";

	http_header(req, "cache-control", "no-store");
	if (store_content_version(app->store, &v) == LOA_OK)
		http_send(req, 200, "text/plain; charset=utf-8", ok, strlen(ok), 0);
	else
		http_send(req, 503, "text/plain; charset=utf-8", down, strlen(down), 0);
}
