/* fuzz_files.c — files_sniff on arbitrary bytes: never reads outside the
 * buffer (the sanitizers watch), and any type it names is a whole one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "files/files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly `size` bytes, so that a read past the end is caught */
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	const struct file_type *t = files_sniff(copy, size);
	if (t && (!t->mime || !*t->mime || !t->ext || !*t->ext || !t->label || !*t->label))
		abort();
	free(copy);
	return 0;
}
