/* fuzz_smtp_reply.c — the SMTP client's reply parser (mail/smtp.h) on
 * arbitrary bytes, as a server could send them: it never reads past the
 * input, a complete reply consumes at least one line and at most the
 * input, its code is 200..599, its text is bounded and has no control
 * characters, and the input cut anywhere before the end of that reply
 * parses as "more bytes needed" (every line before the last is valid). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail/smtp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 2 * SMTP_REPLY_MAX)
		return 0;
	char *s = malloc(size ? size : 1); /* exactly the input: a read past it is caught */
	if (!s)
		abort();
	memcpy(s, data, size);
	struct smtp_reply r;
	size_t used = 0;
	int k = smtp_reply_parse(s, size, &r, &used);
	if (k == 1) {
		if (used < 4 || used > size || s[used - 1] != '\n' || r.code < 200 || r.code > 599 ||
		    strlen(r.text) > SMTP_TEXT_MAX)
			abort();
		for (const char *c = r.text; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7F)
				abort();
		struct smtp_reply r2;
		size_t used2 = 0;
		for (size_t cut = 0; cut < used; cut += 1 + cut / 4)
			if (smtp_reply_parse(s, cut, &r2, &used2) != 0)
				abort();
	} else if (k != 0 && k != -1) {
		abort();
	}
	free(s);
	return 0;
}
