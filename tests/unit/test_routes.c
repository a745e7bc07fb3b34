/* test_routes.c — holds the route tables to their written policy: every
 * state-changing newsroom route demands a CSRF token, every newsroom page
 * but the login form demands an account, no public route needs the guard,
 * and every pattern is well formed (no route is shadowed by an earlier
 * one with the same method and pattern). */
#include <string.h>

#include "admin/admin.h"
#include "site/site.h"
#include "store/store_newsroom.h"
#include "test.h"

static bool well_formed(const char *p)
{
	if (p[0] != '/')
		return false;
	for (const char *s = p; *s; s++) {
		if (*s == '*' && s[1] != '\0')
			return false; /* a star only at the end */
		if (*s == '{' && strncmp(s, "{id}", 4) != 0 && strncmp(s, "{s}", 3) != 0)
			return false;
	}
	return true;
}

static void check_table(const struct http_route *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		CHECK(t[i].method && t[i].fn && well_formed(t[i].pattern), "%s: %s %s is well formed", name,
		      t[i].method ? t[i].method : "*", t[i].pattern);
		for (size_t k = 0; k < i; k++)
			if (strcmp(t[k].pattern, t[i].pattern) == 0 && strcmp(t[k].method, t[i].method) == 0)
				CHECK(0, "%s: %s %s is declared twice", name, t[i].method, t[i].pattern);
	}
}

int main(void)
{
	check_table(admin_routes, admin_nroutes, "newsroom");
	check_table(site_routes, site_nroutes, "public");
	for (size_t i = 0; i < admin_nroutes; i++) {
		const struct http_route *r = &admin_routes[i];
		bool login = strcmp(r->pattern, "/quan-tri/dang-nhap") == 0;
		CHECK(strncmp(r->pattern, "/quan-tri", 9) == 0, "newsroom route %s lives under /quan-tri", r->pattern);
		if (strcmp(r->method, "POST") == 0 && !login)
			CHECK(r->flags & HTTP_ROUTE_CSRF, "POST %s demands a CSRF token", r->pattern);
		if (!login)
			CHECK(r->role >= ROLE_WRITER, "%s %s demands an account", r->method, r->pattern);
		else
			CHECK(r->role == 0, "%s %s is open to visitors (it is the way in)", r->method, r->pattern);
	}
	for (size_t i = 0; i < site_nroutes; i++)
		CHECK(site_routes[i].role == 0 && !(site_routes[i].flags & HTTP_ROUTE_CSRF),
		      "public route %s needs no account", site_routes[i].pattern);
	return test_done();
}
