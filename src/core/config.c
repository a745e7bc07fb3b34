/* config.c — the `key = value` reader (config.h).
 *
 * One pass over the text, line by line; nothing is kept of a line but the
 * value copied for its key, and the line number where each key was first
 * set (for the duplicate message). Every failure frees what was set. */
#include "core/config.h"

#include <errno.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/status.h"
#include "core/text.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* The end of the line's content before a comment: '#' at the start or
 * after a blank. */
static size_t content_len(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '#' && (i == 0 || is_blank(s[i - 1])))
			return i;
	return n;
}

static bool has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	return false;
}

/* Checks one line and stores its value. NULL when fine, else the reason
 * (malloc'ed); *lines[i] records where key i was set. */
static char *parse_line(const char *s, size_t n, int lineno, const char *base_dir, const struct conf_key *keys,
			size_t nkeys, char **values, int *lines)
{
	if (!text_utf8_valid(s, n))
		return xstrdup("dòng không phải văn bản UTF-8 hợp lệ");
	n = content_len(s, n);
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	size_t i = 0;
	while (i < n && is_blank(s[i]))
		i++;
	if (i == n)
		return NULL; /* blank or comment only */
	size_t k0 = i;
	while (i < n && key_char(s[i]))
		i++;
	size_t klen = i - k0;
	while (i < n && is_blank(s[i]))
		i++;
	if (klen == 0 || i == n || s[i] != '=') {
		if (memchr(s + k0, '=', n - k0) == NULL)
			return xstrdup("thiếu dấu \"=\" (cần dạng khóa = giá trị)");
		return xstrdup("tên khóa chỉ gồm chữ thường không dấu, chữ số và \"_\"");
	}
	if (klen > CONF_KEY_MAX)
		return buf_newf("tên khóa dài quá %d ký tự", CONF_KEY_MAX);
	i++;
	while (i < n && is_blank(s[i]))
		i++;
	const char *v = s + i;
	size_t vlen = n - i;
	size_t which = nkeys;
	for (size_t k = 0; k < nkeys; k++)
		if (strlen(keys[k].name) == klen && memcmp(keys[k].name, s + k0, klen) == 0)
			which = k;
	if (which == nkeys) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "không có khóa \"%.*s\"; các khóa có: ", (int)klen, s + k0);
		for (size_t k = 0; k < nkeys; k++)
			buf_addf(&b, "%s%s", k ? ", " : "", keys[k].name);
		return buf_detach(&b, NULL);
	}
	const struct conf_key *key = &keys[which];
	if (values[which])
		return buf_newf("khóa \"%s\" đã được đặt ở dòng %d", key->name, lines[which]);
	if (vlen == 0)
		return buf_newf("khóa \"%s\" chưa có giá trị", key->name);
	if (vlen > CONF_VALUE_MAX)
		return buf_newf("giá trị của \"%s\" dài quá %u byte", key->name, CONF_VALUE_MAX);
	if (has_control(v, vlen))
		return buf_newf("giá trị của \"%s\" chứa ký tự điều khiển", key->name);
	char *val;
	bool is_word = key->word && strlen(key->word) == vlen && memcmp(key->word, v, vlen) == 0;
	if (key->kind == CONF_PATH && base_dir && v[0] != '/' && !is_word)
		val = buf_newf("%s/%.*s", base_dir, (int)vlen, v);
	else
		val = buf_newf("%.*s", (int)vlen, v);
	const char *why = key->check ? key->check(val) : NULL;
	if (why) {
		char *msg = buf_newf("giá trị \"%.*s\" của \"%s\" không dùng được: %s", (int)vlen, v, key->name, why);
		free(val);
		return msg;
	}
	values[which] = val;
	lines[which] = lineno;
	return NULL;
}

int conf_parse(const char *text, size_t len, const char *name, const char *base_dir, const struct conf_key *keys,
	       size_t nkeys, char **values, char **err)
{
	int *lines = xcalloc(nkeys ? nkeys : 1, sizeof *lines);
	char *why = NULL;
	int lineno = 0;
	size_t pos = 0;

	*err = NULL;
	for (size_t k = 0; k < nkeys; k++)
		values[k] = NULL;
	while (pos < len && !why) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl ? 1 : 0);
		lineno++;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\0', n))
			why = xstrdup("dòng chứa byte 0");
		else
			why = parse_line(s, n, lineno, base_dir, keys, nkeys, values, lines);
	}
	free(lines);
	if (!why)
		return LOA_OK;
	*err = buf_newf("%s:%d: %s", name, lineno, why);
	free(why);
	conf_values_free(values, nkeys);
	return LOA_INVALID;
}

int conf_load(const char *path, const struct conf_key *keys, size_t nkeys, char **values, char **err)
{
	struct buf text = BUF_INIT;
	char chunk[8192];
	int rc = LOA_ERROR;
	size_t got;

	*err = NULL;
	for (size_t k = 0; k < nkeys; k++)
		values[k] = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err = buf_newf("không đọc được tệp cấu hình %s: %s", path,
				errno == ENOENT ? "không có tệp này" : errno == EACCES ? "không có quyền đọc" : "lỗi hệ thống");
		return LOA_ERROR;
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (text.len + got > CONF_FILE_MAX) {
			*err = buf_newf("tệp cấu hình %s lớn quá %u KiB", path, CONF_FILE_MAX >> 10);
			goto out_close;
		}
		buf_add(&text, chunk, got);
	}
	if (ferror(f)) {
		*err = buf_newf("không đọc được tệp cấu hình %s", path);
		goto out_close;
	}
	char *copy = xstrdup(path);
	rc = conf_parse(text.data, text.len, path, dirname(copy), keys, nkeys, values, err);
	free(copy);
out_close:
	fclose(f);
	buf_reset(&text);
	return rc;
}

void conf_values_free(char **values, size_t nkeys)
{
	for (size_t k = 0; k < nkeys; k++) {
		free(values[k]);
		values[k] = NULL;
	}
}
