/* tmpl.c — the theme template engine; see tmpl.h for the syntax.
 *
 * How it is built: tmpl_set_load reads every *.html file of a theme and
 * compiles each one into a flat array of operations (text spans, values,
 * sections, partials). A section operation records the index just past its
 * body, so rendering is a walk over the array that recurses only into
 * section bodies and partials. Everything a set owns — sources, names,
 * operations — lives in one arena freed by tmpl_set_free; a loaded set is
 * never written again, so any number of threads may render from it at once.
 *
 * Values (struct tval) are a small tree built per request in the caller's
 * arena: maps are arrays of key/value pairs searched linearly (they hold a
 * handful of keys and keep insertion order), lists are arrays of pointers;
 * both grow by doubling inside the arena they were created in.
 *
 * Rendering is bounded whatever the theme does: partials nest at most
 * TMPL_MAX_PARTIAL deep and at most TMPL_MAX_INCLUDES are expanded per
 * render; past either limit a partial renders nothing. Missing names and
 * missing partials render empty.
 *
 * Lines that hold nothing but a section, inverted section, closing, comment
 * or partial tag (plus spaces or tabs) are "standalone": the whole line,
 * newline included, is removed from the output, as in Mustache. */
#include "render/tmpl.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/status.h"
#include "render/escape.h"

/* ---- values -------------------------------------------------------------- */

struct tkv {
	const char *key;
	struct tval *v;
};

struct tval {
	enum tval_kind kind;
	union {
		bool b;
		int64_t i;
		const char *s;              /* TV_STR, TV_HTML */
		struct {
			struct arena *a;    /* where the array grows */
			void *items;        /* struct tval ** (list), struct tkv * (map) */
			size_t len, cap;
		} c;
	} u;
};

static struct tval *tv_new(struct arena *a, enum tval_kind kind)
{
	struct tval *v = arena_zalloc(a, sizeof *v);
	v->kind = kind;
	return v;
}

struct tval *tv_map(struct arena *a)
{
	struct tval *v = tv_new(a, TV_MAP);
	v->u.c.a = a;
	return v;
}

struct tval *tv_list(struct arena *a)
{
	struct tval *v = tv_new(a, TV_LIST);
	v->u.c.a = a;
	return v;
}

struct tval *tv_str(struct arena *a, const char *s)
{
	struct tval *v = tv_new(a, TV_STR);
	v->u.s = s ? s : "";
	return v;
}

struct tval *tv_html(struct arena *a, const char *s)
{
	struct tval *v = tv_new(a, TV_HTML);
	v->u.s = s ? s : "";
	return v;
}

struct tval *tv_int(struct arena *a, int64_t i)
{
	struct tval *v = tv_new(a, TV_INT);
	v->u.i = i;
	return v;
}

struct tval *tv_bool(struct arena *a, bool b)
{
	struct tval *v = tv_new(a, TV_BOOL);
	v->u.b = b;
	return v;
}

/* Makes room for one more element of size `elem` in a list or map. */
static void tv_reserve(struct tval *c, size_t elem)
{
	if (c->u.c.len < c->u.c.cap)
		return;
	size_t cap = c->u.c.cap ? c->u.c.cap * 2 : 8;
	void *items = arena_alloc(c->u.c.a, cap * elem);
	if (c->u.c.len)
		memcpy(items, c->u.c.items, c->u.c.len * elem);
	c->u.c.items = items;
	c->u.c.cap = cap;
}

struct tval *tv_set(struct tval *map, const char *key, struct tval *v)
{
	if (!map || map->kind != TV_MAP || !key)
		return map;
	struct tkv *kv = map->u.c.items;
	for (size_t i = 0; i < map->u.c.len; i++) {
		if (strcmp(kv[i].key, key) == 0) {
			kv[i].v = v;
			return map;
		}
	}
	tv_reserve(map, sizeof(struct tkv));
	kv = map->u.c.items;
	kv[map->u.c.len].key = key;
	kv[map->u.c.len].v = v;
	map->u.c.len++;
	return map;
}

struct tval *tv_push(struct tval *list, struct tval *v)
{
	if (!list || list->kind != TV_LIST)
		return list;
	tv_reserve(list, sizeof(struct tval *));
	((struct tval **)list->u.c.items)[list->u.c.len++] = v;
	return list;
}

void tv_set_str(struct arena *a, struct tval *map, const char *key, const char *s)
{
	tv_set(map, key, tv_str(a, s));
}

void tv_set_int(struct arena *a, struct tval *map, const char *key, int64_t v)
{
	tv_set(map, key, tv_int(a, v));
}

void tv_set_bool(struct arena *a, struct tval *map, const char *key, bool v)
{
	tv_set(map, key, tv_bool(a, v));
}

struct tval *tv_get(const struct tval *map, const char *key)
{
	if (!map || map->kind != TV_MAP || !key)
		return NULL;
	const struct tkv *kv = map->u.c.items;
	for (size_t i = 0; i < map->u.c.len; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].v;
	return NULL;
}

size_t tv_len(const struct tval *list)
{
	if (!list || (list->kind != TV_LIST && list->kind != TV_MAP))
		return 0;
	return list->u.c.len;
}

/* ---- compiled templates -------------------------------------------------- */

enum op_kind { OP_TEXT, OP_VAR, OP_RAW, OP_SECTION, OP_INVERTED, OP_PARTIAL };

struct op {
	enum op_kind kind;
	const char *text;       /* OP_TEXT: the span; otherwise the tag's name */
	size_t len;             /* OP_TEXT: span length */
	const char **path;      /* OP_VAR/RAW/SECTION/INVERTED: name split at '.' */
	size_t npath;           /* 0 for "{{.}}", the current item */
	size_t end;             /* OP_SECTION/INVERTED: index just past the body */
	size_t at;              /* offset of the tag in the source (for errors) */
};

struct tmpl {
	const char *name;
	const struct op *ops;
	size_t nops;
};

struct tmpl_set {
	struct arena *a;
	struct tmpl *t;         /* sorted by name */
	size_t n;
};

#define TMPL_MAX_NEST 100       /* sections inside sections, per template */
#define TMPL_MAX_PARTIAL 32     /* partials inside partials while rendering */
#define TMPL_MAX_INCLUDES 10000 /* partial inclusions per render: a template
				 * that includes itself twice would otherwise
				 * expand 2^32 times within the depth limit */
#define TMPL_MAX_DIRS 16        /* directory levels under the theme root */

struct compiler {
	struct arena *a;
	const char *file;       /* path used in error messages */
	const char *src;
	size_t n;
	struct op *ops;         /* malloc'ed while compiling */
	size_t nops, cap;
	size_t open[TMPL_MAX_NEST];
	size_t nopen;
	char *err;
};

static size_t line_of(const char *src, size_t at)
{
	size_t line = 1;
	for (size_t i = 0; i < at; i++)
		if (src[i] == '\n')
			line++;
	return line;
}

static void cerror(struct compiler *c, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Records the first error as "file:line: message". */
static void cerror(struct compiler *c, size_t at, const char *fmt, ...)
{
	if (c->err)
		return;
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s:%zu: ", c->file, line_of(c->src, at));
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	c->err = buf_detach(&b, NULL);
}

static struct op *emit(struct compiler *c, enum op_kind kind, size_t at)
{
	if (c->nops == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		struct op *ops = realloc(c->ops, cap * sizeof *ops);
		if (!ops)
			abort();
		c->ops = ops;
		c->cap = cap;
	}
	struct op *op = &c->ops[c->nops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	op->at = at;
	return op;
}

static bool is_name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_' || ch == '-';
}

/* Splits a value name into its dotted path; false when it is not of the
 * form "." or seg(.seg)* with seg made of letters, digits, '_' and '-'. */
static bool parse_path(struct compiler *c, struct op *op, const char *name)
{
	op->text = name;
	if (strcmp(name, ".") == 0)
		return true;
	size_t segs = 1;
	for (const char *p = name; *p; p++) {
		if (*p == '.')
			segs++;
		else if (!is_name_char(*p))
			return false;
	}
	op->path = arena_alloc(c->a, segs * sizeof *op->path);
	const char *p = name;
	while (1) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		if (len == 0)
			return false;
		op->path[op->npath++] = arena_strndup(c->a, p, len);
		if (!dot)
			return true;
		p = dot + 1;
	}
}

static bool valid_partial_name(const char *name)
{
	if (!*name || name[0] == '/')
		return false;
	for (const char *p = name; *p; p++)
		if (!is_name_char(*p) && *p != '/' && *p != '.')
			return false;
	return strstr(name, "..") == NULL;
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* If the tag at [start, end) stands alone on its line, returns true with
 * *line_start at the line's first byte and *next just past its newline. */
static bool standalone(const struct compiler *c, size_t start, size_t end, size_t *line_start, size_t *next)
{
	size_t ls = start;
	while (ls > 0 && c->src[ls - 1] != '\n')
		ls--;
	for (size_t i = ls; i < start; i++)
		if (!is_blank(c->src[i]))
			return false;
	size_t e = end;
	while (e < c->n && is_blank(c->src[e]))
		e++;
	if (e == c->n)
		*next = e;
	else if (c->src[e] == '\n')
		*next = e + 1;
	else if (c->src[e] == '\r' && e + 1 < c->n && c->src[e + 1] == '\n')
		*next = e + 2;
	else
		return false;
	*line_start = ls;
	return true;
}

static void emit_text(struct compiler *c, size_t from, size_t to)
{
	if (to <= from)
		return;
	struct op *op = emit(c, OP_TEXT, from);
	op->text = c->src + from;
	op->len = to - from;
}

/* Compiles c->src; on success the operations are in c->ops, otherwise
 * c->err holds the message. */
static void compile(struct compiler *c)
{
	size_t pos = 0;
	while (pos < c->n && !c->err) {
		const char *open = memmem(c->src + pos, c->n - pos, "{{", 2);
		if (!open) {
			emit_text(c, pos, c->n);
			break;
		}
		size_t start = (size_t)(open - c->src);
		bool triple = start + 2 < c->n && c->src[start + 2] == '{';
		size_t cs = start + (triple ? 3 : 2);
		const char *close_delim = triple ? "}}}" : "}}";
		size_t dlen = triple ? 3 : 2;
		const char *close = memmem(c->src + cs, c->n - cs, close_delim, dlen);
		if (!close) {
			cerror(c, start, "unterminated %s", triple ? "{{{" : "{{");
			break;
		}
		size_t ce = (size_t)(close - c->src);
		size_t end = ce + dlen;

		/* the tag's content, trimmed */
		while (cs < ce && (is_blank(c->src[cs]) || c->src[cs] == '\n' || c->src[cs] == '\r'))
			cs++;
		while (ce > cs && (is_blank(c->src[ce - 1]) || c->src[ce - 1] == '\n' || c->src[ce - 1] == '\r'))
			ce--;
		char sigil = 0;
		if (triple)
			sigil = '{';
		else if (cs < ce && strchr("#^/>!&=", c->src[cs]))
			sigil = c->src[cs++];
		while (cs < ce && is_blank(c->src[cs]))
			cs++;
		char *name = arena_strndup(c->a, c->src + cs, ce - cs);

		size_t ls = start, next = end;
		bool alone = (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>' || sigil == '!') &&
			     standalone(c, start, end, &ls, &next);
		emit_text(c, pos, alone ? (ls > pos ? ls : pos) : start);
		pos = alone ? next : end;

		if (sigil == '!')
			continue;
		if (sigil == '=') {
			cerror(c, start, "changing delimiters ({{=...=}}) is not supported");
			break;
		}
		if (!*name) {
			cerror(c, start, "empty tag");
			break;
		}
		if (sigil == '>') {
			if (!valid_partial_name(name)) {
				cerror(c, start, "bad partial name '%s'", name);
				break;
			}
			emit(c, OP_PARTIAL, start)->text = name;
			continue;
		}
		if (sigil == '/') {
			if (c->nopen == 0) {
				cerror(c, start, "{{/%s}} closes no open section", name);
				break;
			}
			struct op *sec = &c->ops[c->open[c->nopen - 1]];
			if (strcmp(sec->text, name) != 0) {
				cerror(c, start, "{{/%s}} does not close {{%s%s}} opened on line %zu", name,
				       sec->kind == OP_SECTION ? "#" : "^", sec->text, line_of(c->src, sec->at));
				break;
			}
			sec->end = c->nops;
			c->nopen--;
			continue;
		}
		enum op_kind kind = sigil == '#' ? OP_SECTION : sigil == '^' ? OP_INVERTED
				  : (sigil == '{' || sigil == '&') ? OP_RAW : OP_VAR;
		if (sigil == 0 && !is_name_char(name[0]) && name[0] != '.') {
			cerror(c, start, "unknown tag {{%s}}", name);
			break;
		}
		struct op *op = emit(c, kind, start);
		if (!parse_path(c, op, name)) {
			cerror(c, start, "bad name '%s'", name);
			break;
		}
		if (kind == OP_SECTION || kind == OP_INVERTED) {
			if (c->nopen == TMPL_MAX_NEST) {
				cerror(c, start, "sections nested too deeply");
				break;
			}
			c->open[c->nopen++] = c->nops - 1;
		}
	}
	if (!c->err && c->nopen > 0) {
		const struct op *sec = &c->ops[c->open[c->nopen - 1]];
		cerror(c, sec->at, "unclosed section {{%s%s}}", sec->kind == OP_SECTION ? "#" : "^", sec->text);
	}
}

/* ---- loading ------------------------------------------------------------- */

struct loader {
	struct arena *a;
	struct tmpl *t;         /* malloc'ed while loading */
	size_t n, cap;
	char *err;
};

static void load_error(struct loader *l, const char *what, const char *path, int errnum)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s %s: %s", what, path, strerror(errnum));
	l->err = buf_detach(&b, NULL);
}

static bool read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, got);
	bool ok = !ferror(f);
	fclose(f);
	if (!ok) {
		buf_reset(&b);
		return false;
	}
	*data = buf_detach(&b, len);
	return true;
}

static void load_file(struct loader *l, const char *path, const char *name)
{
	char *data;
	size_t len;
	if (!read_file(path, &data, &len)) {
		load_error(l, "cannot read", path, errno);
		return;
	}
	struct compiler c = { .a = l->a, .file = path, .n = len };
	c.src = arena_strndup(l->a, data, len);
	free(data);
	compile(&c);
	if (c.err) {
		l->err = c.err;
		free(c.ops);
		return;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct tmpl *t = realloc(l->t, cap * sizeof *t);
		if (!t)
			abort();
		l->t = t;
		l->cap = cap;
	}
	struct op *ops = arena_alloc(l->a, (c.nops ? c.nops : 1) * sizeof *ops);
	if (c.nops)
		memcpy(ops, c.ops, c.nops * sizeof *ops);
	free(c.ops);
	l->t[l->n++] = (struct tmpl){ .name = arena_strdup(l->a, name), .ops = ops, .nops = c.nops };
}

/* Loads every *.html under dir; rel is the name prefix ("" at the root). */
static void load_dir(struct loader *l, const char *dir, const char *rel, int depth)
{
	if (depth > TMPL_MAX_DIRS)
		return;
	DIR *d = opendir(dir);
	if (!d) {
		load_error(l, "cannot open directory", dir, errno);
		return;
	}
	struct dirent *e;
	while (!l->err && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct buf path = BUF_INIT, name = BUF_INIT;
		buf_addf(&path, "%s/%s", dir, e->d_name);
		buf_addf(&name, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		struct stat st;
		if (stat(path.data, &st) != 0) {
			load_error(l, "cannot read", path.data, errno);
		} else if (S_ISDIR(st.st_mode)) {
			load_dir(l, path.data, name.data, depth + 1);
		} else if (S_ISREG(st.st_mode) && name.len > 5 && strcmp(name.data + name.len - 5, ".html") == 0) {
			buf_setlen(&name, name.len - 5);
			load_file(l, path.data, name.data);
		}
		buf_reset(&path);
		buf_reset(&name);
	}
	closedir(d);
}

static int tmpl_cmp(const void *x, const void *y)
{
	return strcmp(((const struct tmpl *)x)->name, ((const struct tmpl *)y)->name);
}

struct tmpl_set *tmpl_set_load(const char *dir, char **err)
{
	struct loader l = { .a = arena_new() };
	*err = NULL;
	load_dir(&l, dir, "", 0);
	if (l.err) {
		*err = l.err;
		free(l.t);
		arena_free(l.a);
		return NULL;
	}
	struct tmpl_set *set = arena_alloc(l.a, sizeof *set);
	set->a = l.a;
	set->n = l.n;
	set->t = arena_alloc(l.a, (l.n ? l.n : 1) * sizeof *set->t);
	if (l.n)
		memcpy(set->t, l.t, l.n * sizeof *set->t);
	free(l.t);
	qsort(set->t, set->n, sizeof *set->t, tmpl_cmp);
	return set;
}

void tmpl_set_free(struct tmpl_set *set)
{
	if (set)
		arena_free(set->a); /* the set itself lives in its arena */
}

static const struct tmpl *tmpl_find(const struct tmpl_set *set, const char *name)
{
	if (!set || !name)
		return NULL;
	struct tmpl key = { .name = name };
	return bsearch(&key, set->t, set->n, sizeof *set->t, tmpl_cmp);
}

bool tmpl_exists(const struct tmpl_set *set, const char *name)
{
	return tmpl_find(set, name) != NULL;
}

/* ---- rendering ----------------------------------------------------------- */

/* The context stack: innermost first, linked through the C stack. */
struct ctx {
	const struct tval *v;
	const struct ctx *up;
};

static const struct tval *lookup(const struct op *op, const struct ctx *c)
{
	if (op->npath == 0)
		return c->v;
	const struct tval *v = NULL;
	for (; c && !v; c = c->up)
		v = tv_get(c->v, op->path[0]);
	for (size_t i = 1; v && i < op->npath; i++)
		v = tv_get(v, op->path[i]);
	return v;
}

static bool truthy(const struct tval *v)
{
	if (!v)
		return false;
	switch (v->kind) {
	case TV_NULL: return false;
	case TV_BOOL: return v->u.b;
	case TV_INT: return v->u.i != 0;
	case TV_STR:
	case TV_HTML: return v->u.s[0] != '\0';
	case TV_LIST: return v->u.c.len > 0;
	case TV_MAP: return true;
	}
	return false;
}

static void emit_value(struct buf *out, const struct tval *v, bool raw)
{
	if (!v)
		return;
	switch (v->kind) {
	case TV_STR:
		esc_html(out, v->u.s, strlen(v->u.s));
		break;
	case TV_HTML:
		if (raw)
			buf_adds(out, v->u.s);
		else
			esc_html(out, v->u.s, strlen(v->u.s));
		break;
	case TV_INT:
		buf_addf(out, "%" PRId64, v->u.i);
		break;
	case TV_BOOL:
		buf_adds(out, v->u.b ? "true" : "false");
		break;
	case TV_NULL:
	case TV_LIST:
	case TV_MAP:
		break;
	}
}

struct render {
	const struct tmpl_set *set;
	struct buf *out;
	size_t includes;        /* partials expanded so far */
};

static void render_ops(struct render *r, const struct op *ops, size_t from, size_t to, const struct ctx *c,
		       int depth)
{
	size_t i = from;
	while (i < to) {
		const struct op *op = &ops[i];
		switch (op->kind) {
		case OP_TEXT:
			buf_add(r->out, op->text, op->len);
			break;
		case OP_VAR:
		case OP_RAW:
			emit_value(r->out, lookup(op, c), op->kind == OP_RAW);
			break;
		case OP_SECTION: {
			const struct tval *v = lookup(op, c);
			if (!truthy(v))
				break;
			if (v->kind == TV_LIST) {
				struct tval *const *items = v->u.c.items;
				for (size_t k = 0; k < v->u.c.len; k++) {
					struct ctx inner = { items[k], c };
					render_ops(r, ops, i + 1, op->end, &inner, depth);
				}
			} else {
				struct ctx inner = { v, c };
				render_ops(r, ops, i + 1, op->end, &inner, depth);
			}
			break;
		}
		case OP_INVERTED:
			if (!truthy(lookup(op, c)))
				render_ops(r, ops, i + 1, op->end, c, depth);
			break;
		case OP_PARTIAL: {
			const struct tmpl *t = tmpl_find(r->set, op->text);
			if (t && depth < TMPL_MAX_PARTIAL && r->includes < TMPL_MAX_INCLUDES) {
				r->includes++;
				render_ops(r, t->ops, 0, t->nops, c, depth + 1);
			}
			break;
		}
		}
		i = (op->kind == OP_SECTION || op->kind == OP_INVERTED) ? op->end : i + 1;
	}
}

int tmpl_render(const struct tmpl_set *set, const char *name, const struct tval *data, struct buf *out)
{
	const struct tmpl *t = tmpl_find(set, name);
	if (!t)
		return LOA_NOTFOUND;
	struct ctx root = { data, NULL };
	struct render r = { set, out, 0 };
	render_ops(&r, t->ops, 0, t->nops, &root, 0);
	return LOA_OK;
}
