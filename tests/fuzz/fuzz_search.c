/* fuzz_search.c — the search box's parsers on arbitrary bytes: the query
 * parser, the FTS5 expressions built from it, the tokenizer (as text and as
 * HTML), the HTML-to-text step and the snippet. Besides memory errors:
 * every syllable lies inside its text, the counts stay within
 * SEARCH_MAX_TERMS, and the MATCH expression never lets a user's '"'
 * through unquoted — each term is one double-quoted index spelling, so the
 * expression has an even number of '"'. The first input byte is the split
 * between the query and the text searched. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/text.h"
#include "search/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct span_ctx {
	size_t n;
	int count;
};

static int check_syllable(void *ctx, const struct search_syllable *syl)
{
	struct span_ctx *c = ctx;
	if (syl->start > syl->end || syl->end > c->n || syl->folded_len >= SEARCH_TOKEN_SIZE ||
	    syl->key_len >= SEARCH_TOKEN_SIZE || strlen(syl->folded) != syl->folded_len)
		abort();
	c->count++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 16384)
		return 0;
	size_t split = data[0] < size ? data[0] : size - 1;
	char *q = malloc(split + 1), *text = malloc(size - 1 - split + 1);
	if (!q || !text)
		abort();
	memcpy(q, data + 1, split);
	q[split] = '\0';
	size_t tn = size - 1 - split;
	memcpy(text, data + 1 + split, tn);
	text[tn] = '\0';

	struct search_query sq;
	search_query_parse(&sq, q, split);
	if (sq.nterms < 0 || sq.nterms > SEARCH_MAX_TERMS || sq.nneg < 0 || sq.nneg > SEARCH_MAX_TERMS ||
	    sq.nphrases < 0 || sq.nphrases > SEARCH_MAX_TERMS || sq.nexcluded < 0 || sq.nexcluded > SEARCH_MAX_TERMS)
		abort();
	for (int i = 0; i < sq.nphrases; i++)
		if (sq.phrases[i].first < 0 || sq.phrases[i].first + sq.phrases[i].count > sq.nterms)
			abort();
	for (int i = 0; i < sq.nexcluded; i++)
		if (sq.excluded[i].first < 0 || sq.excluded[i].first + sq.excluded[i].count > sq.nneg)
			abort();
	struct buf out = BUF_INIT;
	if (search_query_has_keywords(&sq)) {
		struct search_plan plan;
		search_query_match(&out, &sq, &plan);
		size_t quotes = 0;
		for (size_t i = 0; i < out.len; i++)
			quotes += out.data[i] == '"';
		if (quotes % 2)
			abort();
		buf_reset(&out);
		search_query_prefix(&out, &sq);
		buf_reset(&out);
	}
	struct span_ctx c = {tn, 0};
	search_tokenize(text, tn, false, check_syllable, &c);
	search_tokenize(text, tn, true, check_syllable, &c);
	search_html_text(&out, text, tn);
	struct buf snip = BUF_INIT;
	search_snippet(&snip, out.data ? out.data : "", out.len, &sq, 30);
	search_snippet(&snip, text, tn, &sq, 5);
	buf_reset(&snip);
	buf_reset(&out);
	free(q);
	free(text);
	return 0;
}
