/* sqldump.c — the streaming mysqldump reader (contract in sqldump.h).
 *
 * Three layers: a window over the file (peek ahead a few bytes, count
 * lines), a lexer that turns the text into tokens while skipping comments
 * and opening conditional comments, and a statement reader that knows the
 * four statements a dump's data lives in and skips the others token by
 * token up to the delimiter, so a ';' inside a string or a trigger body
 * never ends a statement early. */
#include "import/sqldump.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/num.h"
#include "core/status.h"
#include "core/text.h"

#define WINDOW (64u << 10)
#define KEEP_SKIPPED 256        /* bytes kept of a token nobody reads */
#define MAX_TABLES 100000
#define MAX_DELIM 16

enum tok { T_EOF, T_END, T_WORD, T_IDENT, T_STR, T_BIN, T_NUM, T_PUNCT, T_ERR };

struct table {
	char *name;
	char **cols;
	size_t ncols;
	bool utf8;   /* DEFAULT CHARSET is utf8* or not given */
	char charset[32];
};

struct rd {
	FILE *in;
	char *w;              /* the window: w[pos..end) not yet read */
	size_t pos, end;
	bool eof;
	int64_t line;
	const struct sqldump_opts *o;
	struct sqldump_info *info;
	size_t max_value;
	int64_t max_rows;

	struct buf tok;       /* text of the current token */
	int kind;             /* enum tok of the current token */
	size_t keep;          /* bytes of a token kept; beyond them ... */
	bool over_is_error;   /* ... an error (wanted values) or silently dropped */
	bool in_cond;         /* inside a conditional comment (slash-star-!NNNNN) */
	char delim[MAX_DELIM + 1];

	struct table *tables;
	size_t ntables, cap_tables;
	struct buf err;
	int status;           /* LOA_OK until something fails */

	/* the row being read */
	struct buf rowbuf;
	size_t *voff, *vlen;
	int *vkind;
	struct sqldump_value *vals;
	size_t vcap;
};

static void fail(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct rd *r, const char *fmt, ...)
{
	if (r->status != LOA_OK)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf_addf(&r->err, "dòng %lld: ", (long long)r->line);
	buf_vaddf(&r->err, fmt, ap);
	va_end(ap);
	/* names and tokens quoted from the file may be any bytes, or cut in
	 * the middle of a character: the message stays UTF-8 text */
	unsigned char *m = (unsigned char *)r->err.data;
	for (size_t i = 0; i < r->err.len;) {
		size_t n = m[i] < 0x80 ? 1 : m[i] < 0xE0 ? 2 : m[i] < 0xF0 ? 3 : 4;
		if (m[i] < 0x20 || n > r->err.len - i || !text_utf8_valid((char *)m + i, n)) {
			m[i++] = '?';
			continue;
		}
		i += n;
	}
	r->status = LOA_INVALID;
}

static void fail_truncated(struct rd *r, const char *where)
{
	fail(r, "tệp dump bị cắt cụt: hết tệp khi %s còn dở (chép hoặc tải về chưa hết?); "
		"hãy xuất lại toàn bộ cơ sở dữ liệu", where);
}

/* ---- the window ---- */

/* Makes w[pos..pos+n) available when the file has that much. */
static void fill(struct rd *r, size_t n)
{
	if (r->end - r->pos >= n || r->eof)
		return;
	memmove(r->w, r->w + r->pos, r->end - r->pos);
	r->end -= r->pos;
	r->pos = 0;
	while (r->end < n && !r->eof) {
		size_t got = fread(r->w + r->end, 1, WINDOW - r->end, r->in);
		if (got == 0)
			r->eof = true;
		r->end += got;
	}
}

static int peek(struct rd *r, size_t k)
{
	if (r->pos + k >= r->end)
		fill(r, k + 1);
	return r->pos + k < r->end ? (unsigned char)r->w[r->pos + k] : EOF;
}

static int next(struct rd *r)
{
	int c = peek(r, 0);
	if (c != EOF) {
		r->pos++;
		if (c == '\n')
			r->line++;
	}
	return c;
}

/* ---- the lexer ---- */

static bool is_word_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c == '@' || c >= 0x80;
}

static bool is_word(int c)
{
	return is_word_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Appends to the token within its bound. False after an error. */
static bool tok_add(struct rd *r, const char *p, size_t n)
{
	if (r->tok.len + n > r->keep) {
		if (r->over_is_error) {
			fail(r, "một giá trị dài quá %zu byte", r->max_value);
			return false;
		}
		n = r->tok.len < r->keep ? r->keep - r->tok.len : 0;
	}
	buf_add(&r->tok, p, n);
	return true;
}

static bool tok_addch(struct rd *r, char c)
{
	return tok_add(r, &c, 1);
}

/* Notes the headers and trailer dump tools write as comments. */
static void line_comment_seen(struct rd *r, const char *text)
{
	if (!r->info)
		return;
	if (strncmp(text, " MySQL dump", 11) == 0 || strncmp(text, " MariaDB dump", 13) == 0)
		r->info->from_mysqldump = true;
	else if (strncmp(text, " phpMyAdmin SQL Dump", 20) == 0)
		r->info->from_phpmyadmin = true;
	else if (strncmp(text, " Dump completed", 15) == 0)
		r->info->completed = true;
}

static void skip_line(struct rd *r)
{
	char head[32];
	size_t n = 0;
	int c;
	while ((c = next(r)) != EOF && c != '\n')
		if (n < sizeof head - 1)
			head[n++] = (char)c;
	head[n] = '\0';
	line_comment_seen(r, head);
}

/* Skips white space and comments; enters and leaves conditional comments.
 * False after an error. */
static bool skip_space(struct rd *r)
{
	for (;;) {
		int c = peek(r, 0);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			next(r);
		} else if (c == '#') {
			skip_line(r);
		} else if (c == '-' && peek(r, 1) == '-' &&
			   (peek(r, 2) == ' ' || peek(r, 2) == '\t' || peek(r, 2) == '\n' || peek(r, 2) == '\r' ||
			    peek(r, 2) == EOF)) {
			next(r);
			next(r);
			skip_line(r);
		} else if (c == '*' && peek(r, 1) == '/' && r->in_cond) {
			next(r);
			next(r);
			r->in_cond = false;
		} else if (c == '/' && peek(r, 1) == '*') {
			next(r);
			next(r);
			bool cond = false;
			if (peek(r, 0) == '!' || (peek(r, 0) == 'M' && peek(r, 1) == '!')) {
				if (peek(r, 0) == 'M')
					next(r);
				next(r);
				long version = 0;
				int digits = 0;
				while (is_digit(peek(r, 0)) && digits < 9) {
					version = version * 10 + (next(r) - '0');
					digits++;
				}
				/* 999999 and the like mean "no server runs this": a comment */
				cond = version < 900000;
			}
			if (cond && !r->in_cond) {
				r->in_cond = true;
				continue;
			}
			for (;;) {
				int d = next(r);
				if (d == EOF) {
					fail_truncated(r, "một chú thích /* */");
					return false;
				}
				if (d == '*' && peek(r, 0) == '/') {
					next(r);
					break;
				}
			}
		} else {
			return true;
		}
	}
}

/* A quoted string after its opening quote q, into the token. */
static int lex_string(struct rd *r, int q)
{
	for (;;) {
		/* copy the plain run in one go */
		size_t start = r->pos, i = r->pos;
		while (i < r->end && r->w[i] != q && r->w[i] != '\\') {
			if (r->w[i] == '\n')
				r->line++;
			i++;
		}
		if (i > start) {
			r->pos = i;
			if (!tok_add(r, r->w + start, i - start))
				return T_ERR;
		}
		int c = next(r);
		if (c == EOF) {
			fail_truncated(r, "một chuỗi ký tự");
			return T_ERR;
		}
		if (c == q) {
			if (peek(r, 0) != q)
				return T_STR;
			next(r);
			if (!tok_addch(r, (char)q))
				return T_ERR;
			continue;
		}
		if (c != '\\') { /* a character of the run, read after a refill */
			if (!tok_addch(r, (char)c))
				return T_ERR;
			continue;
		}
		int e = next(r);
		const char *rep;
		char one;
		switch (e) {
		case EOF:
			fail_truncated(r, "một chuỗi ký tự");
			return T_ERR;
		case '0': rep = "\0"; break;
		case 'b': rep = "\b"; break;
		case 'n': rep = "\n"; break;
		case 'r': rep = "\r"; break;
		case 't': rep = "\t"; break;
		case 'Z': rep = "\x1a"; break;
		case '%': rep = "\\%"; break;
		case '_': rep = "\\_"; break;
		default: one = (char)e; rep = &one; break;
		}
		size_t n = (e == '%' || e == '_') ? 2 : 1;
		if (!tok_add(r, rep, n))
			return T_ERR;
	}
}

/* X'...' or 0x... into bytes. */
static int lex_hex(struct rd *r, bool quoted)
{
	int hi = -1;
	for (;;) {
		int c = peek(r, 0);
		if (quoted && c == '\'') {
			next(r);
			break;
		}
		int v = num_hexval(c);
		if (v < 0) {
			if (quoted) {
				if (c == EOF)
					fail_truncated(r, "một giá trị X'...'");
				else
					fail(r, "giá trị X'...' có ký tự không phải số hệ 16");
				return T_ERR;
			}
			break;
		}
		next(r);
		if (hi < 0) {
			hi = v;
		} else {
			if (!tok_addch(r, (char)(hi << 4 | v)))
				return T_ERR;
			hi = -1;
		}
	}
	if (hi >= 0) {
		fail(r, "giá trị hệ 16 có số chữ số lẻ");
		return T_ERR;
	}
	return T_BIN;
}

/* b'0101' as its decimal value (bit columns are at most 64 bits). */
static int lex_bits(struct rd *r)
{
	uint64_t v = 0;
	int n = 0;
	for (;;) {
		int c = next(r);
		if (c == '\'')
			break;
		if (c == EOF) {
			fail_truncated(r, "một giá trị b'...'");
			return T_ERR;
		}
		if ((c != '0' && c != '1') || ++n > 64) {
			fail(r, "giá trị b'...' không hợp lệ");
			return T_ERR;
		}
		v = v << 1 | (uint64_t)(c - '0');
	}
	char num[24];
	int len = snprintf(num, sizeof num, "%llu", (unsigned long long)v);
	tok_add(r, num, (size_t)len);
	return T_NUM;
}

static int lex_number(struct rd *r)
{
	int c = peek(r, 0);
	if (c == '-' || c == '+')
		tok_addch(r, (char)next(r));
	bool digits = false;
	while (is_digit(peek(r, 0)) || peek(r, 0) == '.') {
		digits = true;
		if (!tok_addch(r, (char)next(r)))
			return T_ERR;
	}
	if ((peek(r, 0) == 'e' || peek(r, 0) == 'E') &&
	    (is_digit(peek(r, 1)) || ((peek(r, 1) == '-' || peek(r, 1) == '+') && is_digit(peek(r, 2))))) {
		tok_addch(r, (char)next(r));
		if (!is_digit(peek(r, 0)))
			tok_addch(r, (char)next(r));
		while (is_digit(peek(r, 0)))
			if (!tok_addch(r, (char)next(r)))
				return T_ERR;
	}
	if (!digits) {
		fail(r, "số không hợp lệ");
		return T_ERR;
	}
	if (is_word(peek(r, 0))) { /* an unquoted name may start with digits: 1abc */
		while (is_word(peek(r, 0)))
			if (!tok_addch(r, (char)next(r)))
				return T_ERR;
		return T_WORD;
	}
	return T_NUM;
}

/* Reads the next token into r->kind and r->tok. */
static int lex(struct rd *r)
{
	buf_setlen(&r->tok, 0);
	if (r->status != LOA_OK || !skip_space(r))
		return r->kind = T_ERR;
	int c = peek(r, 0);
	if (c == EOF) {
		if (r->in_cond) {
			fail_truncated(r, "một chú thích /*! */");
			return r->kind = T_ERR;
		}
		return r->kind = T_EOF;
	}
	size_t dl = strlen(r->delim);
	if (c == (unsigned char)r->delim[0]) {
		size_t i = 1;
		while (i < dl && peek(r, i) == (unsigned char)r->delim[i])
			i++;
		if (i == dl) {
			while (i--)
				next(r);
			return r->kind = T_END;
		}
	}
	if (c == '`') {
		next(r);
		for (;;) {
			int d = next(r);
			if (d == EOF) {
				fail_truncated(r, "một tên `...`");
				return r->kind = T_ERR;
			}
			if (d == '`') {
				if (peek(r, 0) != '`')
					break;
				next(r);
			}
			if (r->tok.len >= SQLDUMP_MAX_NAME) {
				fail(r, "tên bảng hoặc cột dài quá %d byte", SQLDUMP_MAX_NAME);
				return r->kind = T_ERR;
			}
			buf_addch(&r->tok, (char)d);
		}
		return r->kind = T_IDENT;
	}
	if (c == '\'' || c == '"') {
		next(r);
		return r->kind = lex_string(r, c);
	}
	if (c == '0' && (peek(r, 1) == 'x' || peek(r, 1) == 'X') && num_hexval(peek(r, 2)) >= 0) {
		next(r);
		next(r);
		return r->kind = lex_hex(r, false);
	}
	if (is_digit(c) || (c == '.' && is_digit(peek(r, 1))) ||
	    ((c == '-' || c == '+') && (is_digit(peek(r, 1)) || (peek(r, 1) == '.' && is_digit(peek(r, 2))))))
		return r->kind = lex_number(r);
	if (is_word_start(c)) {
		while (is_word(peek(r, 0))) {
			if (r->tok.len >= SQLDUMP_MAX_NAME) {
				fail(r, "từ khóa hoặc tên dài quá %d byte", SQLDUMP_MAX_NAME);
				return r->kind = T_ERR;
			}
			buf_addch(&r->tok, (char)next(r));
		}
		if (peek(r, 0) == '\'' && r->tok.len == 1 && (r->tok.data[0] == 'x' || r->tok.data[0] == 'X')) {
			next(r);
			buf_setlen(&r->tok, 0);
			return r->kind = lex_hex(r, true);
		}
		if (peek(r, 0) == '\'' && r->tok.len == 1 && (r->tok.data[0] == 'b' || r->tok.data[0] == 'B')) {
			next(r);
			buf_setlen(&r->tok, 0);
			return r->kind = lex_bits(r);
		}
		if (r->tok.data[0] == '_' && r->tok.len > 1) {
			/* a charset introducer: _binary 'bytes', _utf8mb4 'text' */
			bool binary = strcasecmp(r->tok.data, "_binary") == 0;
			if (!skip_space(r))
				return r->kind = T_ERR;
			int q = peek(r, 0);
			if (q == '\'' || q == '"') {
				next(r);
				buf_setlen(&r->tok, 0);
				int k = lex_string(r, q);
				return r->kind = (k == T_STR && binary) ? T_BIN : k;
			}
			if (q == '0' && (peek(r, 1) == 'x' || peek(r, 1) == 'X')) {
				next(r);
				next(r);
				buf_setlen(&r->tok, 0);
				return r->kind = lex_hex(r, false);
			}
		}
		return r->kind = T_WORD;
	}
	next(r);
	buf_addch(&r->tok, (char)c);
	return r->kind = T_PUNCT;
}

static bool is_kw(const struct rd *r, const char *kw)
{
	return r->kind == T_WORD && strcasecmp(r->tok.data, kw) == 0;
}

static bool is_punct(const struct rd *r, char c)
{
	return r->kind == T_PUNCT && r->tok.data[0] == c;
}

/* ---- statements ---- */

/* Reads up to the end of the statement. 1 at its end, -1 on error. */
static int skip_stmt(struct rd *r)
{
	r->keep = KEEP_SKIPPED;
	r->over_is_error = false;
	for (;;) {
		switch (lex(r)) {
		case T_END:
			return 1;
		case T_EOF:
			fail_truncated(r, "một câu lệnh SQL");
			return -1;
		case T_ERR:
			return -1;
		default:
			break;
		}
	}
}

/* A table name: `a` or `db`.`a`, into *out (heap). False when the current
 * token does not start one. */
static bool read_name(struct rd *r, char **out)
{
	if (r->kind != T_IDENT && r->kind != T_WORD)
		return false;
	char *name = xstrdup(r->tok.data);
	lex(r);
	if (is_punct(r, '.')) {
		lex(r);
		if (r->kind != T_IDENT && r->kind != T_WORD) {
			free(name);
			return false;
		}
		free(name);
		name = xstrdup(r->tok.data);
		lex(r);
	}
	*out = name;
	return true;
}

static struct table *table_find(struct rd *r, const char *name)
{
	for (size_t i = r->ntables; i-- > 0;)
		if (strcmp(r->tables[i].name, name) == 0)
			return &r->tables[i];
	return NULL;
}

static void table_clear(struct table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->name);
	memset(t, 0, sizeof *t);
}

static bool charset_utf8(const char *cs)
{
	return strncasecmp(cs, "utf8", 4) == 0 &&
	       (cs[4] == '\0' || strcasecmp(cs + 4, "mb3") == 0 || strcasecmp(cs + 4, "mb4") == 0);
}

static const char *const REEXPORT =
	"hãy xuất lại cơ sở dữ liệu với bảng mã UTF-8: mysqldump --default-character-set=utf8mb4 TÊN_CSDL > dump.sql "
	"(phpMyAdmin: Xuất → Tùy chỉnh → Bảng mã của tệp: utf-8)";

static bool is_key_word(const struct rd *r)
{
	static const char *const kws[] = {"PRIMARY", "KEY",   "INDEX",   "UNIQUE", "CONSTRAINT", "FULLTEXT",
					  "SPATIAL", "FOREIGN", "CHECK", "PERIOD", NULL};
	for (size_t i = 0; kws[i]; i++)
		if (is_kw(r, kws[i]))
			return true;
	return false;
}

/* CREATE TABLE, after CREATE. */
static int create_stmt(struct rd *r)
{
	lex(r);
	if (is_kw(r, "TEMPORARY"))
		lex(r);
	if (!is_kw(r, "TABLE"))
		return r->kind == T_END ? 1 : skip_stmt(r);
	lex(r);
	if (is_kw(r, "IF")) {
		lex(r); /* NOT */
		lex(r); /* EXISTS */
		lex(r);
	}
	char *name = NULL;
	if (!read_name(r, &name) || !is_punct(r, '(')) {
		free(name);
		if (r->status != LOA_OK)
			return -1;
		return r->kind == T_END ? 1 : skip_stmt(r);
	}
	struct table t = {.name = name, .utf8 = true};
	size_t cap = 0;
	int depth = 1;
	bool item_start = true;
	int rc = -1;
	r->keep = KEEP_SKIPPED;
	r->over_is_error = false;
	while (depth > 0) {
		int k = lex(r);
		if (k == T_EOF || k == T_END) {
			if (k == T_EOF)
				fail_truncated(r, "một câu lệnh CREATE TABLE");
			else
				fail(r, "câu lệnh CREATE TABLE `%s` không đúng cú pháp", name);
			goto out;
		}
		if (k == T_ERR)
			goto out;
		if (depth == 1 && item_start && (k == T_IDENT || (k == T_WORD && !is_key_word(r)))) {
			if (t.ncols >= SQLDUMP_MAX_COLS) {
				fail(r, "bảng `%s` có hơn %d cột", name, SQLDUMP_MAX_COLS);
				goto out;
			}
			if (t.ncols == cap) {
				cap = cap ? cap * 2 : 16;
				t.cols = xrealloc(t.cols, cap * sizeof *t.cols);
			}
			t.cols[t.ncols++] = xstrdup(r->tok.data);
		}
		item_start = false;
		if (is_punct(r, '('))
			depth++;
		else if (is_punct(r, ')'))
			depth--;
		else if (depth == 1 && is_punct(r, ','))
			item_start = true;
	}
	/* table options, up to the end: ENGINE=... DEFAULT CHARSET=utf8mb4 ... */
	for (;;) {
		int k = lex(r);
		if (k == T_END)
			break;
		if (k == T_EOF) {
			fail_truncated(r, "một câu lệnh CREATE TABLE");
			goto out;
		}
		if (k == T_ERR)
			goto out;
		bool cs = is_kw(r, "CHARSET");
		if (is_kw(r, "CHARACTER")) {
			lex(r);
			cs = is_kw(r, "SET");
		}
		if (!cs)
			continue;
		lex(r);
		if (is_punct(r, '='))
			lex(r);
		if (r->kind == T_WORD || r->kind == T_STR || r->kind == T_IDENT) {
			snprintf(t.charset, sizeof t.charset, "%s", r->tok.data);
			t.utf8 = charset_utf8(t.charset);
		} else if (r->kind == T_END) {
			break;
		}
	}
	if (r->o->on_table)
		r->o->on_table(r->o->ctx, t.name, (const char *const *)t.cols, t.ncols);
	struct table *old = table_find(r, t.name);
	if (old) {
		table_clear(old);
		*old = t;
	} else {
		if (r->ntables >= MAX_TABLES) {
			fail(r, "tệp có hơn %d bảng", MAX_TABLES);
			goto out;
		}
		if (r->ntables == r->cap_tables) {
			r->cap_tables = r->cap_tables ? r->cap_tables * 2 : 32;
			r->tables = xrealloc(r->tables, r->cap_tables * sizeof *r->tables);
		}
		r->tables[r->ntables++] = t;
	}
	memset(&t, 0, sizeof t);
	rc = 1;
out:
	table_clear(&t);
	return rc;
}

/* SET NAMES cs, after SET; other SETs are skipped. */
static int set_stmt(struct rd *r)
{
	lex(r);
	if (!is_kw(r, "NAMES"))
		return r->kind == T_END ? 1 : skip_stmt(r);
	lex(r);
	if (r->kind == T_WORD || r->kind == T_STR || r->kind == T_IDENT) {
		if (r->info)
			snprintf(r->info->names, sizeof r->info->names, "%s", r->tok.data);
		if (!charset_utf8(r->tok.data) && strcasecmp(r->tok.data, "binary") != 0) {
			fail(r, "tệp dump được xuất với bảng mã %s, không phải UTF-8, nên chữ tiếng Việt sẽ bị lỗi; %s",
			     r->tok.data, REEXPORT);
			return -1;
		}
	}
	return r->kind == T_END ? 1 : skip_stmt(r);
}

/* DELIMITER xx (a command of the mysql client, ended by the line). */
static int delimiter_stmt(struct rd *r)
{
	while (peek(r, 0) == ' ' || peek(r, 0) == '\t')
		next(r);
	char d[MAX_DELIM + 1];
	size_t n = 0;
	int c;
	while ((c = peek(r, 0)) != EOF && c != '\n' && c != '\r' && c != ' ' && c != '\t') {
		if (n >= MAX_DELIM) {
			fail(r, "DELIMITER dài quá %d ký tự", MAX_DELIM);
			return -1;
		}
		d[n++] = (char)next(r);
	}
	if (n == 0) {
		fail(r, "DELIMITER thiếu dấu phân cách");
		return -1;
	}
	d[n] = '\0';
	memcpy(r->delim, d, n + 1);
	return 1;
}

/* Makes room for value number i of the current row. */
static void row_slot(struct rd *r, size_t i)
{
	if (i < r->vcap)
		return;
	r->vcap = r->vcap ? r->vcap * 2 : 64;
	r->voff = xrealloc(r->voff, r->vcap * sizeof *r->voff);
	r->vlen = xrealloc(r->vlen, r->vcap * sizeof *r->vlen);
	r->vkind = xrealloc(r->vkind, r->vcap * sizeof *r->vkind);
	r->vals = xrealloc(r->vals, r->vcap * sizeof *r->vals);
}

static bool value_text_ok(struct rd *r, const char *table, const char *s, size_t n)
{
	int t = sqldump_text_check(s, n);
	if (t == SQLDUMP_TEXT_OK)
		return true;
	if (t == SQLDUMP_TEXT_NOT_UTF8)
		fail(r, "bảng `%s` có chữ không phải UTF-8 (tệp xuất với bảng mã khác, như latin1); %s", table, REEXPORT);
	else
		fail(r, "bảng `%s` có chữ bị mã hóa UTF-8 hai lần (lỗi font kiểu \"Tin tá»©c\"); %s", table, REEXPORT);
	return false;
}

/* One (v, v, ...) tuple, the '(' already read. Delivers it when wanted.
 * 1 after the tuple, -1 on error, or the callback's non-zero status as 2
 * (kept in r->status's stead by the caller). */
static int tuple(struct rd *r, const char *table, bool want, const char *const *cols, size_t ncols,
		 int64_t line, int *cb_rc)
{
	size_t n = 0;
	buf_setlen(&r->rowbuf, 0);
	r->keep = want ? r->max_value : KEEP_SKIPPED;
	r->over_is_error = want;
	for (;;) {
		int k = lex(r);
		if (k == T_ERR)
			return -1;
		if (k == T_EOF) {
			fail_truncated(r, "một câu lệnh INSERT");
			return -1;
		}
		if (n == 0 && is_punct(r, ')'))
			break; /* () */
		int vk;
		if (k == T_STR)
			vk = SQLDUMP_STR;
		else if (k == T_BIN)
			vk = SQLDUMP_BIN;
		else if (k == T_NUM)
			vk = SQLDUMP_NUM;
		else if (is_kw(r, "NULL"))
			vk = SQLDUMP_NULL;
		else if (is_kw(r, "TRUE") || is_kw(r, "FALSE")) {
			vk = SQLDUMP_NUM;
			const char *b = is_kw(r, "TRUE") ? "1" : "0";
			buf_setlen(&r->tok, 0);
			buf_adds(&r->tok, b);
		} else {
			fail(r, "bảng `%s`: giá trị không đọc được (\"%.40s\")", table, r->tok.data);
			return -1;
		}
		if (n >= SQLDUMP_MAX_COLS) {
			fail(r, "bảng `%s`: một hàng có hơn %d giá trị", table, SQLDUMP_MAX_COLS);
			return -1;
		}
		if (want) {
			if (vk == SQLDUMP_STR && !value_text_ok(r, table, r->tok.data, r->tok.len))
				return -1;
			if (vk == SQLDUMP_NULL)
				buf_setlen(&r->tok, 0);
			if (r->rowbuf.len + r->tok.len > 4 * r->max_value) {
				fail(r, "bảng `%s`: một hàng lớn quá %zu byte", table, 4 * r->max_value);
				return -1;
			}
			row_slot(r, n);
			r->voff[n] = r->rowbuf.len;
			r->vlen[n] = r->tok.len;
			r->vkind[n] = vk;
			buf_add(&r->rowbuf, r->tok.data, r->tok.len);
			buf_addch(&r->rowbuf, '\0');
		}
		n++;
		lex(r);
		if (is_punct(r, ')'))
			break;
		if (!is_punct(r, ',')) {
			if (r->kind == T_EOF)
				fail_truncated(r, "một câu lệnh INSERT");
			else if (r->kind != T_ERR)
				fail(r, "bảng `%s`: thiếu dấu phẩy hoặc ngoặc đóng giữa các giá trị", table);
			return -1;
		}
	}
	if (!want)
		return 1;
	if (cols && n != ncols) {
		fail(r, "bảng `%s`: một hàng có %zu giá trị nhưng bảng có %zu cột", table, n, ncols);
		return -1;
	}
	if (r->info && r->info->rows >= r->max_rows) {
		fail(r, "tệp có hơn %lld hàng dữ liệu cần nhập", (long long)r->max_rows);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		r->vals[i].kind = r->vkind[i];
		r->vals[i].s = r->rowbuf.data + r->voff[i];
		r->vals[i].len = r->vlen[i];
	}
	struct sqldump_row row = {.table = table, .cols = cols, .ncols = n, .v = r->vals, .line = line};
	if (r->info)
		r->info->rows++;
	int rc = r->o->on_row ? r->o->on_row(r->o->ctx, &row) : 0;
	if (rc != 0) {
		*cb_rc = rc;
		return -1;
	}
	return 1;
}

/* INSERT or REPLACE, after the keyword. */
static int insert_stmt(struct rd *r, int *cb_rc)
{
	int64_t line = r->line;
	r->keep = KEEP_SKIPPED;
	r->over_is_error = false;
	lex(r);
	while (is_kw(r, "LOW_PRIORITY") || is_kw(r, "DELAYED") || is_kw(r, "HIGH_PRIORITY") || is_kw(r, "IGNORE"))
		lex(r);
	if (is_kw(r, "INTO"))
		lex(r);
	char *name = NULL;
	char **own_cols = NULL;
	size_t own_n = 0;
	int rc = -1;
	if (!read_name(r, &name)) {
		if (r->status == LOA_OK)
			fail(r, "câu lệnh INSERT thiếu tên bảng");
		goto out;
	}
	if (is_punct(r, '(')) {
		size_t cap = 0;
		for (;;) {
			lex(r);
			if (r->kind != T_IDENT && r->kind != T_WORD) {
				if (r->status == LOA_OK && r->kind == T_EOF)
					fail_truncated(r, "một câu lệnh INSERT");
				else if (r->status == LOA_OK)
					fail(r, "bảng `%s`: danh sách cột của INSERT không đúng cú pháp", name);
				goto out;
			}
			if (own_n >= SQLDUMP_MAX_COLS) {
				fail(r, "bảng `%s`: INSERT có hơn %d cột", name, SQLDUMP_MAX_COLS);
				goto out;
			}
			if (own_n == cap) {
				cap = cap ? cap * 2 : 16;
				own_cols = xrealloc(own_cols, cap * sizeof *own_cols);
			}
			own_cols[own_n++] = xstrdup(r->tok.data);
			lex(r);
			if (is_punct(r, ')'))
				break;
			if (!is_punct(r, ',')) {
				fail(r, "bảng `%s`: danh sách cột của INSERT không đúng cú pháp", name);
				goto out;
			}
		}
		lex(r);
	}
	if (!is_kw(r, "VALUES") && !is_kw(r, "VALUE")) {
		/* INSERT ... SELECT or SET: no data of a dump's kind */
		rc = r->kind == T_END ? 1 : skip_stmt(r);
		goto out;
	}
	bool want = !r->o->want || r->o->want(r->o->ctx, name);
	const char *const *cols = (const char *const *)own_cols;
	size_t ncols = own_n;
	if (!own_cols) {
		struct table *t = table_find(r, name);
		if (t && t->ncols) {
			cols = (const char *const *)t->cols;
			ncols = t->ncols;
		}
		if (want && t && !t->utf8) {
			fail(r, "bảng `%s` dùng bảng mã %s, không phải UTF-8; %s", name, t->charset, REEXPORT);
			goto out;
		}
	}
	for (;;) {
		lex(r);
		if (!is_punct(r, '(')) {
			if (r->status == LOA_OK && r->kind == T_EOF)
				fail_truncated(r, "một câu lệnh INSERT");
			else if (r->status == LOA_OK)
				fail(r, "bảng `%s`: sau VALUES cần một hàng (...)", name);
			goto out;
		}
		if (tuple(r, name, want, cols, ncols, line, cb_rc) < 0)
			goto out;
		r->keep = KEEP_SKIPPED;
		r->over_is_error = false;
		lex(r);
		if (r->kind == T_END) {
			rc = 1;
			goto out;
		}
		if (is_kw(r, "ON")) { /* ON DUPLICATE KEY UPDATE ... */
			rc = skip_stmt(r);
			goto out;
		}
		if (!is_punct(r, ',')) {
			if (r->status == LOA_OK && r->kind == T_EOF)
				fail_truncated(r, "một câu lệnh INSERT");
			else if (r->status == LOA_OK)
				fail(r, "bảng `%s`: thiếu dấu phẩy giữa các hàng hoặc dấu ; cuối câu lệnh", name);
			goto out;
		}
	}
out:
	for (size_t i = 0; i < own_n; i++)
		free(own_cols[i]);
	free(own_cols);
	free(name);
	return rc;
}

/* One statement. 1 to go on, 0 at the end of the file, -1 on error. */
static int statement(struct rd *r, int *cb_rc)
{
	r->keep = KEEP_SKIPPED;
	r->over_is_error = false;
	int k = lex(r);
	if (k == T_EOF)
		return 0;
	if (k == T_ERR)
		return -1;
	if (k == T_END)
		return 1;
	if (r->info)
		r->info->statements++;
	if (is_kw(r, "CREATE"))
		return create_stmt(r);
	if (is_kw(r, "INSERT") || is_kw(r, "REPLACE"))
		return insert_stmt(r, cb_rc);
	if (is_kw(r, "SET"))
		return set_stmt(r);
	if (is_kw(r, "DELIMITER"))
		return delimiter_stmt(r);
	return skip_stmt(r);
}

int sqldump_read(FILE *in, const struct sqldump_opts *o, struct sqldump_info *info, char **err)
{
	struct sqldump_info local;
	struct rd r = {
		.in = in,
		.line = 1,
		.o = o,
		.info = info ? info : &local,
		.max_value = o->max_value ? o->max_value : SQLDUMP_DEFAULT_MAX_VALUE,
		.max_rows = o->max_rows ? o->max_rows : SQLDUMP_DEFAULT_MAX_ROWS,
		.tok = BUF_INIT,
		.err = BUF_INIT,
		.rowbuf = BUF_INIT,
		.status = LOA_OK,
		.delim = ";",
	};
	memset(r.info, 0, sizeof *r.info);
	*err = NULL;
	r.w = xmalloc(WINDOW);
	int cb_rc = 0;

	if (peek(&r, 0) == 0xEF && peek(&r, 1) == 0xBB && peek(&r, 2) == 0xBF)
		r.pos += 3; /* a UTF-8 byte order mark */
	int s;
	while ((s = statement(&r, &cb_rc)) > 0)
		;
	r.info->lines = r.line;
	int rc = LOA_OK;
	if (cb_rc != 0) {
		rc = cb_rc;
	} else if (s < 0 || r.status != LOA_OK) {
		if (r.status == LOA_OK) /* an error path that named no reason */
			fail(&r, "tệp dump không đúng cú pháp");
		rc = r.status;
		*err = buf_detach(&r.err, NULL);
	} else if (ferror(in)) {
		*err = buf_newf("không đọc được tệp dump đến hết");
		rc = LOA_INVALID;
	}
	for (size_t i = 0; i < r.ntables; i++)
		table_clear(&r.tables[i]);
	free(r.tables);
	free(r.voff);
	free(r.vlen);
	free(r.vkind);
	free(r.vals);
	free(r.w);
	buf_reset(&r.tok);
	buf_reset(&r.err);
	buf_reset(&r.rowbuf);
	return rc;
}

/* ---- text checks ---- */

/* Decodes one UTF-8 character at s[*i..n); -1 when invalid. */
static int32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i];
	int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	if (!len || *i + (size_t)len > n || !text_utf8_valid((const char *)s + *i, (size_t)len))
		return -1;
	int32_t cp = len == 1 ? (int32_t)c : (int32_t)(c & (0x7F >> len));
	for (int k = 1; k < len; k++)
		cp = cp << 6 | (s[*i + (size_t)k] & 0x3F);
	*i += (size_t)len;
	return cp;
}

/* The cp1252 byte a code point came from when UTF-8 was read as MySQL's
 * latin1, or -1. */
static int cp1252_byte(int32_t cp)
{
	static const int32_t high[32] = {
		0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
		0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
		0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
	if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
		return cp;
	for (int k = 0; k < 32; k++)
		if (high[k] == cp)
			return 0x80 + k;
	return -1;
}

int sqldump_text_check(const char *s, size_t n)
{
	if (!text_utf8_valid(s, n))
		return SQLDUMP_TEXT_NOT_UTF8;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	bool any_high = false;
	while (i < n && u[i] < 0x80)
		i++;
	if (i == n)
		return SQLDUMP_TEXT_OK;
	/* map back to bytes, and see whether they are UTF-8 of their own */
	unsigned char pend[4];
	int need = 0, have = 0;
	while (i < n) {
		int32_t cp = utf8_next(u, n, &i);
		int b = cp < 0 ? -1 : cp1252_byte(cp);
		if (b < 0)
			return SQLDUMP_TEXT_OK; /* a character latin1 has not: real text */
		if (need == 0) {
			if (b < 0x80)
				continue;
			need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
			if (!need)
				return SQLDUMP_TEXT_OK;
			pend[0] = (unsigned char)b;
			have = 1;
		} else {
			pend[have++] = (unsigned char)b;
		}
		if (have == need) {
			if (!text_utf8_valid((const char *)pend, (size_t)need))
				return SQLDUMP_TEXT_OK;
			any_high = true;
			need = have = 0;
		}
	}
	return need == 0 && any_high ? SQLDUMP_TEXT_DOUBLE : SQLDUMP_TEXT_OK;
}

int sqldump_col(const struct sqldump_row *row, const char *name)
{
	if (!row->cols)
		return -1;
	for (size_t i = 0; i < row->ncols; i++)
		if (strcasecmp(row->cols[i], name) == 0)
			return (int)i;
	return -1;
}
