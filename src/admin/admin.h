/* admin.h — the newsroom (/quan-tri): where editors write, review and
 * publish, and admins run the site. `loa serve` registers these routes
 * beside the public ones and calls admin_tick once a second. */
#ifndef LOA_ADMIN_H
#define LOA_ADMIN_H

#include <stddef.h>

#include "http/http.h"

struct app;

extern const struct http_route admin_routes[];
extern const size_t admin_nroutes;

/* Publishes scheduled articles whose time has come (a server timer, never
 * visitor traffic) and purges expired sessions now and then. */
void admin_tick(struct app *app);

#endif
