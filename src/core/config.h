/* config.h — reads `key = value` configuration files (loa.conf).
 *
 * The format, one setting per line:
 *
 *     # a comment
 *     listen = 127.0.0.1:8080
 *     db     = /var/lib/loa/loa.db   # a comment after a value
 *
 * Blank lines are skipped. '#' starts a comment at the start of a line or
 * after a space or tab, so "a#b" is a value and "a #b" is "a". A key is 1
 * to 32 characters of [a-z0-9_]; the value is what follows '=' up to a
 * comment, trimmed of spaces and tabs, never empty, valid UTF-8 without
 * control characters, at most CONF_VALUE_MAX bytes. Lines end with \n
 * (a \r before it is dropped). A key the table does not know, a key given
 * twice or a value its check refuses is an error naming file and line.
 *
 * The caller declares its keys in a table (struct conf_key) and gets back
 * one malloc'ed string per key, NULL for keys the file does not set. */
#ifndef LOA_CONFIG_H
#define LOA_CONFIG_H

#include <stddef.h>

#define CONF_FILE_MAX (64u << 10) /* bytes of a configuration file */
#define CONF_VALUE_MAX 4000
#define CONF_KEY_MAX 32

enum conf_kind {
	CONF_TEXT, /* the value as written */
	CONF_PATH  /* a file or folder: a relative path is taken from the file's folder */
};

struct conf_key {
	const char *name;
	enum conf_kind kind;
	/* CONF_PATH only, optional: a word kept as written, not taken for a
	 * path ("off", "stderr"). */
	const char *word;
	/* Optional. Returns NULL when value is acceptable, else a short
	 * Vietnamese reason (static storage) that the error message quotes. */
	const char *(*check)(const char *value);
};

/* Parses len bytes of text read from the file called `name` (used in
 * messages). base_dir, when not NULL, is joined before relative CONF_PATH
 * values. On success returns LOA_OK and sets values[i] for keys[i]
 * (malloc'ed, or NULL when absent); on failure returns LOA_INVALID, every
 * values[i] is NULL and *err is a malloc'ed message "name:LINE: reason". */
int conf_parse(const char *text, size_t len, const char *name, const char *base_dir, const struct conf_key *keys,
	       size_t nkeys, char **values, char **err);
/* Reads the file at path (at most CONF_FILE_MAX bytes) and parses it with
 * relative paths taken from its folder. LOA_ERROR with *err when the file
 * cannot be read or is too large; otherwise as conf_parse. */
int conf_load(const char *path, const struct conf_key *keys, size_t nkeys, char **values, char **err);
/* Frees values[0..nkeys) and sets them to NULL. */
void conf_values_free(char **values, size_t nkeys);

#endif
