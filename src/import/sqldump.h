/* sqldump.h — a streaming reader of the SQL text that mysqldump, MariaDB's
 * mariadb-dump and phpMyAdmin's "Export → SQL" write, so an old portal's
 * MySQL database can be moved into loa without a MySQL server or client
 * library.
 *
 * It understands what those tools emit, not SQL in general:
 *   CREATE TABLE name (columns..., keys...) options;   (column order, charset)
 *   INSERT|REPLACE [IGNORE] INTO name [(cols)] VALUES (...),(...);
 *   SET NAMES charset;  DELIMITER xx;  and skips every other statement
 *   (LOCK TABLES, DROP, triggers, views...).
 * Values: 'strings' and "strings" with MySQL's escapes (\0 \' \" \b \n \r
 * \t \Z \\, '' doubling; \% and \_ keep their backslash, as MySQL does
 * outside LIKE), NULL, numbers, TRUE/FALSE, 0x... and X'...' hex,
 * b'...' bits, _binary '...' and other charset introducers. Comments
 * ("-- ", "#", slash-star) are skipped; conditional comments, slash-star
 * followed by "!40101" (or MariaDB's "M!100100"), are read as the
 * statements they hold, unless their version is 900000 or more.
 *
 * Memory is bounded whatever the file: one value of a wanted table at most
 * max_value bytes, one row at most 4 × max_value, at most SQLDUMP_MAX_COLS
 * values a row and max_rows rows; values of tables not wanted are read and
 * dropped. A file that ends inside a statement, string or comment is an
 * error ("bị cắt cụt").
 *
 * Text: the reader delivers only UTF-8. It refuses (LOA_INVALID, with a
 * Vietnamese message saying how to export again) a dump whose SET NAMES,
 * or a wanted table's DEFAULT CHARSET, is not utf8/utf8mb3/utf8mb4, and any
 * string of a wanted table that is not valid UTF-8 or is UTF-8 encoded
 * twice (the mojibake "Tin tá»©c" of a UTF-8 text read as latin1). */
#ifndef LOA_SQLDUMP_H
#define LOA_SQLDUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SQLDUMP_MAX_COLS 4096
#define SQLDUMP_MAX_NAME 256                       /* bytes of a table or column name */
#define SQLDUMP_DEFAULT_MAX_VALUE ((size_t)16 << 20) /* 16 MiB */
#define SQLDUMP_DEFAULT_MAX_ROWS ((int64_t)20000000)

enum sqldump_kind {
	SQLDUMP_NULL = 0,
	SQLDUMP_NUM,   /* the literal as written: "42", "-1.5e3" */
	SQLDUMP_STR,   /* text, checked UTF-8 */
	SQLDUMP_BIN    /* bytes: hex literals, b'...' (as a decimal number), _binary '...' */
};

struct sqldump_value {
	int kind;        /* enum sqldump_kind */
	const char *s;   /* NUL-terminated ("" for NULL); may hold NULs of its own (see len) */
	size_t len;
};

struct sqldump_row {
	const char *table;
	const char *const *cols;  /* ncols names, from the INSERT's column list or the
				     table's CREATE TABLE; NULL when the dump gave neither */
	size_t ncols;
	const struct sqldump_value *v;
	int64_t line;             /* where the row's statement starts */
};

struct sqldump_opts {
	/* Which tables' rows to deliver; NULL delivers every table. */
	bool (*want)(void *ctx, const char *table);
	/* Each CREATE TABLE seen (every table, wanted or not); may be NULL. */
	void (*on_table)(void *ctx, const char *table, const char *const *cols, size_t ncols);
	/* Each row of a wanted table. Values live until it returns. A non-zero
	 * return stops the reading, and sqldump_read returns it. */
	int (*on_row)(void *ctx, const struct sqldump_row *row);
	void *ctx;
	size_t max_value;  /* 0: SQLDUMP_DEFAULT_MAX_VALUE */
	int64_t max_rows;  /* 0: SQLDUMP_DEFAULT_MAX_ROWS (rows delivered) */
};

/* What the reader learnt of the file as a whole. */
struct sqldump_info {
	int64_t lines, statements, rows;
	bool from_mysqldump;   /* the "-- MySQL dump" / "-- MariaDB dump" header */
	bool from_phpmyadmin;  /* the "-- phpMyAdmin SQL Dump" header */
	bool completed;        /* mysqldump's closing "-- Dump completed" line */
	char names[32];        /* the last SET NAMES charset, "" when none */
};

/* Reads `in` to its end. LOA_OK when the whole file was read; LOA_INVALID
 * when it is malformed, truncated, over a bound or not UTF-8, with *err a
 * malloc'ed Vietnamese message naming the line; otherwise the non-zero
 * value an on_row returned (*err left NULL). *info (may be NULL) is filled
 * in every case. */
int sqldump_read(FILE *in, const struct sqldump_opts *o, struct sqldump_info *info, char **err);

enum sqldump_text { SQLDUMP_TEXT_OK = 0, SQLDUMP_TEXT_NOT_UTF8, SQLDUMP_TEXT_DOUBLE };
/* Whether s[0..n) is valid UTF-8 and not UTF-8 encoded twice: every
 * character of a twice-encoded text maps back to one byte of latin1
 * (MySQL's, that is cp1252) and those bytes are themselves UTF-8 with at
 * least one multi-byte character. */
int sqldump_text_check(const char *s, size_t n);

/* The index of column `name` in row (ASCII case ignored), or -1. */
int sqldump_col(const struct sqldump_row *row, const char *name);

#endif
