/* admin.h — the newsroom (/quan-tri): where editors write, review and
 * publish, and admins run the site. `loa serve` registers these routes
 * beside the public ones and calls admin_tick once a second. */
#ifndef LOA_ADMIN_H
#define LOA_ADMIN_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"

struct app;

extern const struct http_route admin_routes[];
extern const size_t admin_nroutes;

/* The route guard of the whole server (http_config.guard): authenticates
 * the request and prepares the newsroom's context in its arena for the
 * handler (adminInt.h: admin_of). Demands the route's role (the least
 * allowed) and, for routes flagged HTTP_ROUTE_CSRF, a valid CSRF token;
 * answers the request itself and returns false when the visitor must log
 * in (302 to the login page for GET, 403 for POST), lacks the role (403),
 * belongs to another site (403) or sent no valid token (403). The route's
 * tag names the newsroom menu's section. */
bool admin_guard(void *app, struct http_req *req, const struct http_route *route);

/* Publishes scheduled articles whose time has come (a server timer, never
 * visitor traffic) and purges expired sessions now and then. */
void admin_tick(struct app *app);

#endif
