/* fuzz_oldpath.c — oldpath_key on arbitrary bytes: never reads outside the
 * input (the sanitizers watch), and a key it gives is a key — it begins
 * with '/', fits OLDPATH_MAX, is its own key again (normalising twice
 * changes nothing) and is valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/oldpath.h"
#include "core/status.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	struct buf k = BUF_INIT, again = BUF_INIT;
	if (oldpath_key(copy, size, &k) == LOA_OK) {
		if (k.len == 0 || k.data[0] != '/' || k.len > OLDPATH_MAX || !text_utf8_valid(k.data, k.len))
			abort();
		if (oldpath_key(k.data, k.len, &again) != LOA_OK || strcmp(again.data, k.data) != 0)
			abort();
	}
	/* the query test reads a string: the input up to its first NUL */
	char *str = malloc(size + 1);
	if (!str)
		abort();
	memcpy(str, data, size);
	str[size] = '\0';
	(void)oldpath_query_names_content(str);
	(void)oldpath_target_ok(str);
	free(str);
	buf_reset(&k);
	buf_reset(&again);
	free(copy);
	return 0;
}
