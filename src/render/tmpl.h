/* tmpl.h — the theme template engine: logic-less, Mustache-like, compiled
 * once at start-up, HTML-escaping by default.
 *
 * Syntax (a subset of Mustache, plus layout composition by the caller):
 *   {{name}}  {{a.b.c}}  {{.}}   value, HTML-escaped (& < > " ' escaped)
 *   {{{name}}}                    value unescaped ONLY if it is a TV_HTML
 *                                 value (trusted, sanitized HTML); any other
 *                                 value is escaped anyway
 *   {{#name}}...{{/name}}         list: once per item; map or truthy value:
 *                                 once with it pushed on the context; falsy
 *                                 (missing, false, 0, "", empty list): skipped
 *   {{^name}}...{{/name}}         only when falsy
 *   {{>partial}}                  another template of the set ("partials/x")
 *   {{! comment }}
 * Names are looked up from the innermost context outwards.
 *
 * Values form a tree allocated in an arena (struct tval). */
#ifndef LOA_TMPL_H
#define LOA_TMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"

enum tval_kind { TV_NULL, TV_BOOL, TV_INT, TV_STR, TV_HTML, TV_LIST, TV_MAP };

struct tval;
struct tmpl_set;

struct tval *tv_map(struct arena *a);
struct tval *tv_list(struct arena *a);
struct tval *tv_str(struct arena *a, const char *s);   /* s is not copied: must outlive the render */
struct tval *tv_html(struct arena *a, const char *s);  /* trusted HTML, emitted raw by {{{ }}} */
struct tval *tv_int(struct arena *a, int64_t v);
struct tval *tv_bool(struct arena *a, bool v);
/* Adds or replaces key in a map; key is not copied. Returns the map. */
struct tval *tv_set(struct tval *map, const char *key, struct tval *v);
struct tval *tv_push(struct tval *list, struct tval *v);
/* Shorthands: tv_set(map, key, tv_str(...)) etc. */
void tv_set_str(struct arena *a, struct tval *map, const char *key, const char *s);
void tv_set_int(struct arena *a, struct tval *map, const char *key, int64_t v);
void tv_set_bool(struct arena *a, struct tval *map, const char *key, bool v);
struct tval *tv_get(const struct tval *map, const char *key); /* NULL if absent */
size_t tv_len(const struct tval *list);

/* Loads and compiles every *.html file under dir (recursively), naming each
 * by its relative path without ".html" ("article", "partials/sidebar").
 * NULL with *err (malloc'ed, names file and line) on a syntax error. */
struct tmpl_set *tmpl_set_load(const char *dir, char **err);
void tmpl_set_free(struct tmpl_set *set);
bool tmpl_exists(const struct tmpl_set *set, const char *name);
/* Appends the rendering of template `name` with `data` as the root context.
 * LOA_NOTFOUND if there is no such template. Missing names render empty. */
int tmpl_render(const struct tmpl_set *set, const char *name, const struct tval *data, struct buf *out);

#endif
