/* replay.c — runs a fuzz target over every file of a corpus directory, so
 * the corpus is exercised on every `make check` (under ASan/UBSan in the
 * sanitized build). The same targets link with libFuzzer for real fuzzing:
 *   clang -fsanitize=fuzzer,address -Isrc ... tests/fuzz/fuzz_X.c <lib objs>
 * (without this file). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return 2;
	}
	DIR *d = opendir(argv[1]);
	if (!d) {
		printf("not ok - cannot open corpus %s\n", argv[1]);
		return 1;
	}
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name) >= sizeof path)
			continue;
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		long len = ftell(f);
		fseek(f, 0, SEEK_SET);
		uint8_t *buf = malloc(len > 0 ? (size_t)len : 1);
		size_t got = fread(buf, 1, len > 0 ? (size_t)len : 0, f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, got);
		free(buf);
		n++;
	}
	closedir(d);
	printf("ok - replayed %d inputs from %s\n", n, argv[1]);
	return 0;
}
