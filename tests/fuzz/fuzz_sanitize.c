/* fuzz_sanitize.c — sanitize_html on arbitrary bytes. Besides memory errors
 * (caught by the sanitizers), it checks that sanitizing is idempotent: the
 * output, sanitized again, must come back unchanged, or stored HTML would
 * not mean what was checked. sanitize_text runs on the same input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/status.h"
#include "render/sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf once = BUF_INIT, twice = BUF_INIT, text = BUF_INIT;
	int rc = sanitize_html(&once, (const char *)data, size);
	if (rc == LOA_OK) {
		if (sanitize_html(&twice, once.data, once.len) != LOA_OK ||
		    twice.len != once.len || memcmp(twice.data, once.data, once.len) != 0) {
			fprintf(stderr, "not idempotent:\n once: %s\ntwice: %s\n", once.data, twice.data);
			abort();
		}
	} else if (rc != LOA_INVALID || once.len != 0) {
		fprintf(stderr, "unexpected status %d or output on rejected input\n", rc);
		abort();
	}
	sanitize_text(&text, (const char *)data, size, 160);
	if (text.len > 160)
		abort();
	buf_reset(&once);
	buf_reset(&twice);
	buf_reset(&text);
	return 0;
}
