/* fold_tool.c — prints how search.h splits and spells text, for the folding
 * oracle test (tests/integration/test_fold.py). For each line read on stdin
 * it prints one line per syllable, "folded<TAB>tone key<TAB>marked" (marked
 * is 1 when a diacritic was written), then a line with a single ".". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/search.h"

static int print_syllable(void *ctx, const struct search_syllable *syl)
{
	(void)ctx;
	printf("%s\t%s\t%d\n", syl->folded, syl->key, syl->marked ? 1 : 0);
	return 0;
}

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		size_t len = (size_t)n;
		if (len && line[len - 1] == '\n')
			len--;
		search_tokenize(line, len, false, print_syllable, NULL);
		printf(".\n");
	}
	free(line);
	return ferror(stdin) ? 1 : 0;
}
