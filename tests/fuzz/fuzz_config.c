/* fuzz_config.c — conf_parse on arbitrary bytes: never reads outside the
 * buffer (the sanitizers watch); on success every value is non-empty,
 * bounded, valid UTF-8 without control characters; on failure nothing is
 * left set and the message names the file and line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/status.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *check_digits(const char *v)
{
	return strspn(v, "0123456789") == strlen(v) ? NULL : "cần một số";
}

static const struct conf_key keys[] = {
	{"listen", CONF_TEXT},		  {"db", CONF_PATH},	 {"access_log", CONF_PATH, "off"},
	{"error_log", CONF_PATH, "stderr"}, {"threads", CONF_TEXT, NULL, check_digits},
};
#define NK (sizeof keys / sizeof keys[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1), *values[NK], *err = NULL;
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	int rc = conf_parse(copy, size, "loa.conf", (size & 1) ? "/etc/loa" : NULL, keys, NK, values, &err);
	if (rc == LOA_OK) {
		if (err)
			abort();
		for (size_t k = 0; k < NK; k++) {
			const char *v = values[k];
			if (!v)
				continue;
			size_t n = strlen(v);
			if (n == 0 || n > CONF_VALUE_MAX + 16 || !text_utf8_valid(v, n))
				abort();
			for (size_t i = 0; i < n; i++)
				if ((unsigned char)v[i] < 0x20)
					abort();
		}
		conf_values_free(values, NK);
	} else {
		if (rc != LOA_INVALID || !err || strncmp(err, "loa.conf:", 9) != 0)
			abort();
		for (size_t k = 0; k < NK; k++)
			if (values[k])
				abort();
	}
	free(err);
	free(copy);
	return 0;
}
