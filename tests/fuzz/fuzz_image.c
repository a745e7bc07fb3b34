/* fuzz_image.c — media_process (the media library's upload check) on
 * arbitrary bytes: the type sniffing, the header read through libvips'
 * JPEG, PNG and WebP loaders and the limits checked before any pixel is
 * decoded. The limits are small (64 × 64 pixels) so that an input the
 * header check lets through decodes quickly. Besides memory errors (the
 * sanitizers watch) it checks media.h's promises: a success names the
 * files it wrote, each present with its size and within the limits; a
 * refusal leaves no file behind and comes with a message. The output
 * folder is emptied after each input. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/status.h"
#include "media/media.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static size_t empty_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[400];
	size_t n = 0;
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
			n++;
		}
	if (d)
		closedir(d);
	return n;
}

static void remove_dir(void)
{
	empty_dir();
	rmdir(dir);
	media_shutdown();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!*dir) {
		char *err = NULL;
		snprintf(dir, sizeof dir, "%s/loa-fuzz-image-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(dir) || media_init(&err) != LOA_OK) {
			fprintf(stderr, "fuzz_image: %s\n", err ? err : "no folder");
			abort();
		}
		atexit(remove_dir);
	}
	/* a copy of exactly `size` bytes, so that a read past the end is caught */
	void *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	struct media_limits lim = {.max_bytes = 1 << 20, .max_width = 64, .max_height = 64, .max_pixels = 64 * 64};
	struct media_info info;
	char *err = NULL;
	memset(&info, 0, sizeof info);
	int rc = media_process(copy, size, dir, "anh", &lim, &info, &err);
	if (rc == LOA_OK) {
		if (info.nvariants < 1 || info.nvariants > MEDIA_MAX_VARIANTS || info.width < 1 || info.width > 64 ||
		    info.height < 1 || info.height > 64)
			abort();
		for (size_t i = 0; i < info.nvariants; i++) {
			char path[400];
			struct stat sb;
			snprintf(path, sizeof path, "%s/%s", dir, info.variants[i].file);
			if (stat(path, &sb) != 0 || (size_t)sb.st_size != info.variants[i].bytes)
				abort();
		}
	} else if (!err || !*err) {
		abort();
	}
	size_t left = empty_dir();
	if (rc != LOA_OK && left)
		abort(); /* a refusal left files behind */
	media_info_reset(&info);
	free(err);
	free(copy);
	return 0;
}
