/* test_media.c — upload checks and image processing. The test images are
 * made here with libvips; the oversized PNG is built by hand (a valid
 * header claiming 20000 × 20000 over a few bytes of data). */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <vips/vips.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/status.h"
#include "media/media.h"
#include "test.h"

/* The message of the last failed call. */
static char *err;

/* media_process() with the message kept in err. */
static int process(const void *data, size_t len, const char *dir, const char *base_name,
		   const struct media_limits *lim, struct media_info *info)
{
	free(err);
	err = NULL;
	return media_process(data, len, dir, base_name, lim, info, &err);
}

static char tmp_root[] = "/tmp/loa-media-XXXXXX";
static int dir_seq;

/* A new empty directory under tmp_root; the caller frees the path. */
static char *new_dir(void)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/d%d", tmp_root, ++dir_seq);
	if (mkdir(b.data, 0755) != 0)
		perror("mkdir");
	return buf_detach(&b, NULL);
}

/* Number of entries in dir (hidden temporary files included). */
static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		struct buf p = BUF_INIT;
		struct stat st;
		buf_addf(&p, "%s/%s", dir, e->d_name);
		if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(p.data);
		else
			unlink(p.data);
		buf_reset(&p);
	}
	closedir(d);
	rmdir(dir);
}

/* A w × h image with `bands` bands: black, with a white top-left quadrant
 * so orientation can be checked. The caller unrefs. */
static VipsImage *make_image(int w, int h, int bands)
{
	VipsImage *black = NULL, *mem;
	double white[4] = { 255, 255, 255, 255 };

	if (vips_black(&black, w, h, "bands", bands, NULL))
		return NULL;
	VipsImage *u8 = NULL;
	vips_cast_uchar(black, &u8, NULL);
	g_object_unref(black);
	mem = vips_image_copy_memory(u8);
	g_object_unref(u8);
	vips_draw_rect(mem, white, bands, 0, 0, w / 2, h / 2, "fill", TRUE, NULL);
	if (bands == 4) { /* opaque alpha everywhere */
		VipsImage *alpha = NULL, *rgb = NULL, *out = NULL, *a255 = NULL;
		vips_extract_band(mem, &rgb, 0, "n", 3, NULL);
		vips_black(&alpha, w, h, NULL);
		vips_linear1(alpha, &a255, 1, 255, "uchar", TRUE, NULL);
		vips_bandjoin2(rgb, a255, &out, NULL);
		g_object_unref(alpha);
		g_object_unref(a255);
		g_object_unref(rgb);
		g_object_unref(mem);
		vips_copy(out, &mem, "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
		g_object_unref(out);
	}
	return mem;
}

/* Encodes a test image; g_free the result. */
static void *encode(VipsImage *img, const char *fmt, size_t *len)
{
	void *data = NULL;
	int rc;

	if (strcmp(fmt, "jpeg") == 0)
		rc = vips_jpegsave_buffer(img, &data, len, "Q", 90, NULL);
	else if (strcmp(fmt, "png") == 0)
		rc = vips_pngsave_buffer(img, &data, len, NULL);
	else
		rc = vips_webpsave_buffer(img, &data, len, NULL);
	if (rc) {
		printf("# encode %s: %s\n", fmt, vips_error_buffer());
		vips_error_clear();
		return NULL;
	}
	return data;
}

static VipsImage *load_output(const char *dir, const char *file)
{
	struct buf p = BUF_INIT;
	buf_addf(&p, "%s/%s", dir, file);
	VipsImage *img = vips_image_new_from_file(p.data, NULL);
	buf_reset(&p);
	return img;
}

static bool no_metadata(VipsImage *img)
{
	return vips_image_get_typeof(img, VIPS_META_EXIF_NAME) == 0 &&
	       vips_image_get_typeof(img, VIPS_META_XMP_NAME) == 0 &&
	       vips_image_get_typeof(img, VIPS_META_IPTC_NAME) == 0 &&
	       vips_image_get_typeof(img, VIPS_META_ICC_NAME) == 0;
}

/* Every variant's file exists with its stated size, dimensions and type,
 * carries no metadata, and nothing else is in dir. */
static void check_outputs(const char *label, const char *dir, const struct media_info *info)
{
	bool all_ok = true;

	for (size_t i = 0; i < info->nvariants; i++) {
		const struct media_variant *v = &info->variants[i];
		struct buf p = BUF_INIT;
		struct stat st;
		buf_addf(&p, "%s/%s", dir, v->file);
		bool sized = stat(p.data, &st) == 0 && (size_t)st.st_size == v->bytes && v->bytes > 0 &&
			     (st.st_mode & 0777) == 0644;
		buf_reset(&p);
		VipsImage *img = load_output(dir, v->file);
		bool dims = img && vips_image_get_width(img) == v->width && vips_image_get_height(img) == v->height;
		bool clean = img && no_metadata(img);
		if (!sized || !dims || !clean) {
			printf("# %s: %s sized=%d dims=%d clean=%d\n", label, v->file, sized, dims, clean);
			all_ok = false;
		}
		if (img)
			g_object_unref(img);
	}
	CHECK(all_ok, "%s: every output has its size and dimensions, and no metadata", label);
	CHECK(count_files(dir) == (int)info->nvariants, "%s: no other file in the directory", label);
}

static void check_variant(const struct media_info *info, size_t i, const char *file, const char *mime, int w,
			  int h)
{
	if (i >= info->nvariants) {
		CHECK(0, "variant %zu (%s) exists", i, file);
		return;
	}
	const struct media_variant *v = &info->variants[i];
	CHECK(strcmp(v->file, file) == 0 && strcmp(v->mime, mime) == 0 && v->width == w && v->height == h,
	      "variant %zu is %s %s %d×%d (got %s %s %d×%d)", i, file, mime, w, h, v->file, v->mime, v->width,
	      v->height);
}

static void test_jpeg_large(void)
{
	VipsImage *img = make_image(3000, 2000, 3);
	size_t len = 0;
	void *data = encode(img, "jpeg", &len);
	char *dir = new_dir();
	struct media_info info;

	int rc = process(data, len, dir, "cau-moi", NULL, &info);
	CHECK(rc == LOA_OK, "large JPEG accepted (%s)", err ? err : "");
	CHECK_STR(info.mime, "image/jpeg", "JPEG detected");
	CHECK(info.width == 3000 && info.height == 2000, "original dimensions reported");
	CHECK(info.nvariants == 5, "JPEG: five outputs");
	check_variant(&info, 0, "cau-moi.jpg", "image/jpeg", 2560, 1707);
	check_variant(&info, 1, "cau-moi-480.webp", "image/webp", 480, 320);
	check_variant(&info, 2, "cau-moi-960.webp", "image/webp", 960, 640);
	check_variant(&info, 3, "cau-moi-1600.webp", "image/webp", 1600, 1067);
	check_variant(&info, 4, "cau-moi.webp", "image/webp", 2560, 1707);
	check_outputs("large JPEG", dir, &info);

	struct buf s = BUF_INIT;
	size_t n = media_srcset(&info, "/media/2026/", &s);
	CHECK(n == 4, "srcset has four WebP entries");
	CHECK_STR(s.data,
		  "/media/2026/cau-moi-480.webp 480w, /media/2026/cau-moi-960.webp 960w, "
		  "/media/2026/cau-moi-1600.webp 1600w, /media/2026/cau-moi.webp 2560w",
		  "srcset lists the WebP variants by width");
	buf_reset(&s);

	media_info_reset(&info);
	CHECK(info.nvariants == 0, "media_info_reset empties the info");
	free(dir);
	g_free(data);
	g_object_unref(img);
}

static void test_jpeg_exif(void)
{
	VipsImage *img = make_image(1200, 800, 3), *back = NULL;
	static const char xmp[] = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
				  "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta>";
	size_t len = 0;
	char *dir = new_dir();
	struct media_info info;

	/* Orientation 6: the stored image is shown turned 90° clockwise. */
	vips_image_set_int(img, VIPS_META_ORIENTATION, 6);
	vips_image_set_blob_copy(img, VIPS_META_XMP_NAME, xmp, sizeof xmp - 1);
	void *data = encode(img, "jpeg", &len);
	back = vips_image_new_from_buffer(data, len, "", NULL);
	CHECK(back && vips_image_get_typeof(back, VIPS_META_EXIF_NAME) != 0 &&
		      vips_image_get_typeof(back, VIPS_META_XMP_NAME) != 0 &&
		      vips_image_get_orientation(back) == 6,
	      "test JPEG carries EXIF orientation 6 and XMP");
	if (back)
		g_object_unref(back);

	int rc = process(data, len, dir, "exif", NULL, &info);
	CHECK(rc == LOA_OK, "JPEG with EXIF accepted (%s)", err ? err : "");
	CHECK(info.width == 800 && info.height == 1200, "reported dimensions are upright");
	check_variant(&info, 0, "exif.jpg", "image/jpeg", 800, 1200);
	check_variant(&info, 1, "exif-480.webp", "image/webp", 480, 720);
	check_variant(&info, 2, "exif.webp", "image/webp", 800, 1200);
	check_outputs("EXIF JPEG", dir, &info);

	/* The white quadrant was top-left as stored; upright it is top-right. */
	VipsImage *outimg = info.nvariants ? load_output(dir, info.variants[0].file) : NULL;
	double tl = -1, tr = -1;
	if (outimg) {
		double *px = NULL;
		int n = 0;
		if (!vips_getpoint(outimg, &px, &n, 20, 20, NULL))
			tl = px[0];
		g_free(px);
		px = NULL;
		if (!vips_getpoint(outimg, &px, &n, 780, 20, NULL))
			tr = px[0];
		g_free(px);
		CHECK(vips_image_get_typeof(outimg, VIPS_META_EXIF_NAME) == 0, "output JPEG has no EXIF");
		CHECK(vips_image_get_typeof(outimg, VIPS_META_XMP_NAME) == 0, "output JPEG has no XMP");
		g_object_unref(outimg);
	}
	CHECK(tl >= 0 && tl < 5 && tr > 250, "output is rotated upright (top-left %.0f, top-right %.0f)", tl, tr);

	media_info_reset(&info);
	free(dir);
	g_free(data);
	g_object_unref(img);
}

static void test_cmyk_jpeg(void)
{
	VipsImage *img = make_image(600, 400, 3), *cmyk = NULL;
	char *dir = new_dir();
	struct media_info info;
	size_t len = 0;
	void *data = NULL;

	if (vips_icc_export(img, &cmyk, "output_profile", "cmyk", NULL) == 0) {
		data = encode(cmyk, "jpeg", &len);
		g_object_unref(cmyk);
	}
	int rc = data ? process(data, len, dir, "cmyk", NULL, &info) : LOA_ERROR;
	CHECK(rc == LOA_OK, "CMYK JPEG with an ICC profile accepted (%s)", err ? err : "");
	if (rc == LOA_OK) {
		VipsImage *o = load_output(dir, info.variants[0].file);
		CHECK(o && vips_image_get_bands(o) == 3 && vips_image_get_interpretation(o) == VIPS_INTERPRETATION_sRGB,
		      "CMYK converted to 3-band sRGB");
		double *px = NULL, light = -1, dark = -1;
		int n = 0;
		if (o && !vips_getpoint(o, &px, &n, 10, 10, NULL))
			light = px[0];
		g_free(px);
		px = NULL;
		if (o && !vips_getpoint(o, &px, &n, 590, 390, NULL))
			dark = px[0];
		g_free(px);
		CHECK(light > 215 && dark >= 0 && dark < 60, "CMYK colours kept (light %.0f, dark %.0f)", light, dark);
		if (o)
			g_object_unref(o);
		check_outputs("CMYK JPEG", dir, &info);
		media_info_reset(&info);
	}
	free(dir);
	g_free(data);
	g_object_unref(img);
}

static void test_png_and_webp(void)
{
	VipsImage *img = make_image(700, 500, 4);
	size_t len = 0;
	void *data = encode(img, "png", &len);
	char *dir = new_dir();
	struct media_info info;

	int rc = process(data, len, dir, "ban-do", NULL, &info);
	CHECK(rc == LOA_OK, "PNG with alpha accepted (%s)", err ? err : "");
	CHECK_STR(info.mime, "image/png", "PNG detected");
	CHECK(info.nvariants == 3, "PNG 700 wide: three outputs");
	check_variant(&info, 0, "ban-do.png", "image/png", 700, 500);
	check_variant(&info, 1, "ban-do-480.webp", "image/webp", 480, 343);
	check_variant(&info, 2, "ban-do.webp", "image/webp", 700, 500);
	check_outputs("PNG", dir, &info);
	media_info_reset(&info);
	g_free(data);
	g_object_unref(img);
	free(dir);

	img = make_image(2000, 1000, 3);
	data = encode(img, "webp", &len);
	dir = new_dir();
	rc = process(data, len, dir, "w", NULL, &info);
	CHECK(rc == LOA_OK, "WebP accepted (%s)", err ? err : "");
	CHECK_STR(info.mime, "image/webp", "WebP detected");
	CHECK(info.nvariants == 4, "WebP: full size is the original format, plus three widths");
	check_variant(&info, 0, "w.webp", "image/webp", 2000, 1000);
	check_variant(&info, 1, "w-480.webp", "image/webp", 480, 240);
	check_variant(&info, 2, "w-960.webp", "image/webp", 960, 480);
	check_variant(&info, 3, "w-1600.webp", "image/webp", 1600, 800);
	check_outputs("WebP", dir, &info);
	struct buf s = BUF_INIT;
	media_srcset(&info, "/m/", &s);
	CHECK_STR(s.data, "/m/w-480.webp 480w, /m/w-960.webp 960w, /m/w-1600.webp 1600w, /m/w.webp 2000w",
		  "WebP srcset ends with the full size");
	buf_reset(&s);
	media_info_reset(&info);
	g_free(data);
	g_object_unref(img);
	free(dir);

	/* A small image: no width variant, nothing enlarged. */
	img = make_image(300, 200, 3);
	data = encode(img, "jpeg", &len);
	dir = new_dir();
	rc = process(data, len, dir, "nho", NULL, &info);
	CHECK(rc == LOA_OK && info.nvariants == 2, "small JPEG: itself and one WebP");
	check_variant(&info, 1, "nho.webp", "image/webp", 300, 200);
	media_info_reset(&info);
	g_free(data);
	g_object_unref(img);
	free(dir);
}

/* 16-bit and greyscale uploads come out as 8-bit images. */
static void test_depths(void)
{
	VipsImage *img = make_image(640, 480, 3), *wide = NULL, *grey = NULL;
	char *dir = new_dir();
	struct media_info info;
	size_t len = 0;

	vips_linear1(img, &wide, 257, 0, NULL);
	VipsImage *ushort = NULL, *u16 = NULL;
	vips_cast_ushort(wide, &ushort, NULL);
	vips_copy(ushort, &u16, "interpretation", VIPS_INTERPRETATION_RGB16, NULL);
	g_object_unref(ushort);
	void *data = encode(u16, "png", &len);
	int rc = process(data, len, dir, "sau-muoi-sau", NULL, &info);
	CHECK(rc == LOA_OK, "16-bit PNG accepted (%s)", err ? err : "");
	if (rc == LOA_OK) {
		VipsImage *o = load_output(dir, info.variants[0].file);
		double *px = NULL, v = -1;
		int n = 0;
		if (o && !vips_getpoint(o, &px, &n, 5, 5, NULL))
			v = px[0];
		g_free(px);
		CHECK(o && vips_image_get_format(o) == VIPS_FORMAT_UCHAR && v > 250,
		      "16-bit PNG saved as 8-bit, white kept (%.0f)", v);
		if (o)
			g_object_unref(o);
		check_outputs("16-bit PNG", dir, &info);
		media_info_reset(&info);
	}
	g_free(data);
	g_object_unref(u16);
	g_object_unref(wide);
	free(dir);

	VipsImage *band = NULL;
	vips_extract_band(img, &band, 0, NULL);
	vips_copy(band, &grey, "interpretation", VIPS_INTERPRETATION_B_W, NULL);
	g_object_unref(band);
	data = encode(grey, "jpeg", &len);
	dir = new_dir();
	rc = process(data, len, dir, "xam", NULL, &info);
	CHECK(rc == LOA_OK && info.nvariants == 3, "greyscale JPEG accepted (%s)", err ? err : "");
	if (rc == LOA_OK)
		check_outputs("greyscale JPEG", dir, &info);
	media_info_reset(&info);
	g_free(data);
	g_object_unref(grey);
	g_object_unref(img);
	free(dir);
}

/* A PNG saved under a .jpg name is still a PNG: only the content counts. */
static void test_renamed_png(void)
{
	VipsImage *img = make_image(500, 300, 3);
	size_t len = 0;
	void *data = encode(img, "png", &len);
	char *dir = new_dir();
	struct buf path = BUF_INIT;
	struct media_info info;

	buf_addf(&path, "%s/anh.jpg", tmp_root);
	FILE *f = fopen(path.data, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
	g_free(data);
	gchar *read_back = NULL;
	gsize rlen = 0;
	g_file_get_contents(path.data, &read_back, &rlen, NULL);
	unlink(path.data);

	int rc = process(read_back, rlen, dir, "anh", NULL, &info);
	CHECK(rc == LOA_OK, "PNG named .jpg accepted (%s)", err ? err : "");
	CHECK_STR(info.mime, "image/png", "PNG named .jpg detected as PNG");
	check_variant(&info, 0, "anh.png", "image/png", 500, 300);
	media_info_reset(&info);
	g_free(read_back);
	buf_reset(&path);
	free(dir);
	g_object_unref(img);
}

static void png_chunk(struct buf *b, const char *type, const void *data, uint32_t len)
{
	unsigned char be[4] = { len >> 24, len >> 16 & 0xff, len >> 8 & 0xff, len & 0xff };
	buf_add(b, be, 4);
	buf_add(b, type, 4);
	buf_add(b, data, len);
	uLong crc = crc32(0, (const Bytef *)type, 4);
	crc = crc32(crc, (const Bytef *)data, len);
	unsigned char c[4] = { crc >> 24 & 0xff, crc >> 16 & 0xff, crc >> 8 & 0xff, crc & 0xff };
	buf_add(b, c, 4);
}

/* A valid PNG header claiming w × h RGB over a tiny compressed stream. */
static void make_claiming_png(struct buf *b, uint32_t w, uint32_t h)
{
	unsigned char ihdr[13] = { w >> 24, w >> 16 & 0xff, w >> 8 & 0xff, w & 0xff,
				   h >> 24, h >> 16 & 0xff, h >> 8 & 0xff, h & 0xff,
				   8, 2, 0, 0, 0 };
	unsigned char raw[64] = { 0 }, z[128];
	uLongf zlen = sizeof z;

	compress(z, &zlen, raw, sizeof raw);
	buf_add(b, "\x89PNG\r\n\x1a\n", 8);
	png_chunk(b, "IHDR", ihdr, 13);
	png_chunk(b, "IDAT", z, (uint32_t)zlen);
	png_chunk(b, "IEND", "", 0);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void test_limits(void)
{
	char *dir = new_dir();
	struct media_info info;
	struct buf png = BUF_INIT;

	make_claiming_png(&png, 20000, 20000);
	CHECK(png.len < 400, "the 20000×20000 PNG is %zu bytes", png.len);
	double t0 = now_s();
	int rc = process(png.data, png.len, dir, "bom", NULL, &info);
	double dt = now_s() - t0;
	CHECK(rc == LOA_INVALID, "20000×20000 PNG refused");
	CHECK(dt < 1.0, "refused in %.3f s", dt);
	CHECK_STR(err, "Ảnh quá lớn: tối đa 8000×8000 điểm ảnh.", "size message");
	CHECK(info.nvariants == 0 && count_files(dir) == 0, "nothing written for the oversized PNG");

	buf_reset(&png);
	make_claiming_png(&png, 7000, 7000);
	rc = process(png.data, png.len, dir, "bom", NULL, &info);
	CHECK(rc == LOA_INVALID, "7000×7000 PNG (49 megapixels) refused");
	CHECK_STR(err, "Ảnh quá lớn: tối đa 40 triệu điểm ảnh.", "pixel-count message");

	struct media_limits lim = { .max_width = 400, .max_pixels = 2500000 };
	VipsImage *img = make_image(600, 300, 3);
	size_t len = 0;
	void *data = encode(img, "jpeg", &len);
	rc = process(data, len, dir, "x", &lim, &info);
	CHECK(rc == LOA_INVALID, "custom width limit applies");
	CHECK_STR(err, "Ảnh quá lớn: tối đa 400×8000 điểm ảnh.", "custom width limit message");
	lim = (struct media_limits){ .max_pixels = 150000 };
	rc = process(data, len, dir, "x", &lim, &info);
	CHECK_STR(err, "Ảnh quá lớn: tối đa 150.000 điểm ảnh.", "custom pixel limit message");
	lim = (struct media_limits){ .max_bytes = len - 1 };
	rc = process(data, len, dir, "x", &lim, &info);
	CHECK(rc == LOA_INVALID, "byte limit applies");
	CHECK(err && strncmp(err, "Tệp quá lớn: tối đa ", strlen("Tệp quá lớn: tối đa ")) == 0, "byte limit message");
	lim = (struct media_limits){ .max_bytes = 2 * 1024 * 1024 };
	rc = process(data, 3 * 1024 * 1024, dir, "x", &lim, &info);
	CHECK_STR(err, "Tệp quá lớn: tối đa 2 MB.", "byte limit message in MB (length checked first)");
	CHECK(count_files(dir) == 0, "nothing written for refused uploads");

	g_free(data);
	g_object_unref(img);
	buf_reset(&png);
	free(dir);
}

static void test_not_images(void)
{
	static const struct {
		const char *label;
		const char *data;
		size_t len;
	} cases[] = {
		{ "text", "Xin chào, đây là văn bản.", 0 },
		{ "GIF", "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
			 "\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00;", 43 },
		{ "SVG", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" "
			 "height=\"10\"><rect width=\"10\" height=\"10\"/></svg>", 0 },
		{ "PDF", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", 0 },
		{ "RIFF that is not WebP", "RIFF\x24\x00\x00\x00WAVEfmt ", 16 },
		{ "two bytes of JPEG", "\xff\xd8", 2 },
		{ "empty", "", 0 },
	};
	char *dir = new_dir();
	struct media_info info;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].data);
		int rc = process(cases[i].data, len, dir, "x", NULL, &info);
		CHECK(rc == LOA_INVALID && err && strcmp(err, "Tệp không phải ảnh JPEG, PNG hoặc WebP.") == 0,
		      "%s refused as not an image", cases[i].label);
	}
	CHECK(process(NULL, 0, dir, "x", NULL, &info) == LOA_INVALID, "NULL data refused");
	CHECK(count_files(dir) == 0, "nothing written for non-images");
	free(dir);
}

static void test_damaged(void)
{
	VipsImage *img = make_image(1000, 700, 3);
	size_t len = 0;
	void *jpeg = encode(img, "jpeg", &len);
	char *dir = new_dir();
	struct media_info info;

	int rc = process(jpeg, len / 2, dir, "hong", NULL, &info);
	CHECK(rc == LOA_INVALID, "truncated JPEG refused");
	CHECK_STR(err, "Tệp ảnh bị hỏng hoặc không đầy đủ.", "damaged-file message");
	CHECK(info.nvariants == 0 && count_files(dir) == 0, "no file left for the truncated JPEG");

	rc = process(jpeg, 600, dir, "hong", NULL, &info);
	CHECK(rc == LOA_INVALID && count_files(dir) == 0, "JPEG cut inside its header refused");

	unsigned char junk[256];
	memcpy(junk, "\xff\xd8\xff", 3);
	for (size_t i = 3; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 37 + 11);
	rc = process(junk, sizeof junk, dir, "hong", NULL, &info);
	CHECK(rc == LOA_INVALID, "garbage after JPEG magic refused");

	size_t plen = 0;
	void *png = encode(img, "png", &plen);
	rc = process(png, plen - plen / 3, dir, "hong", NULL, &info);
	CHECK(rc == LOA_INVALID && count_files(dir) == 0, "truncated PNG refused, no file left");
	size_t wlen = 0;
	void *webp = encode(img, "webp", &wlen);
	rc = process(webp, wlen / 2, dir, "hong", NULL, &info);
	CHECK(rc == LOA_INVALID && count_files(dir) == 0, "truncated WebP refused, no file left");

	/* Bad names and an unwritable place. */
	rc = process(jpeg, len, dir, "../x", NULL, &info);
	CHECK(rc == LOA_INVALID, "base name with a slash refused");
	rc = process(jpeg, len, dir, ".an", NULL, &info);
	CHECK(rc == LOA_INVALID, "hidden base name refused");
	struct buf missing = BUF_INIT;
	buf_addf(&missing, "%s/khong-co", dir);
	rc = process(jpeg, len, missing.data, "x", NULL, &info);
	CHECK(rc == LOA_ERROR, "missing directory is a write error");
	CHECK_STR(err, "Không lưu được ảnh: thư mục lưu trữ không tồn tại.", "missing directory message");
	CHECK(count_files(dir) == 0, "no file left after failed writes");

	buf_reset(&missing);
	g_free(jpeg);
	g_free(png);
	g_free(webp);
	g_object_unref(img);
	free(dir);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0); /* keep order with libvips warnings */
	if (media_init(&err) != LOA_OK) {
		CHECK(0, "media_init: %s", err);
		free(err);
		return test_done();
	}
	CHECK(media_init(NULL) == LOA_OK, "media_init twice is harmless");
	if (!mkdtemp(tmp_root)) {
		CHECK(0, "mkdtemp");
		return test_done();
	}
	test_jpeg_large();
	test_jpeg_exif();
	test_cmyk_jpeg();
	test_png_and_webp();
	test_depths();
	test_renamed_png();
	test_limits();
	test_not_images();
	test_damaged();
	remove_tree(tmp_root);
	free(err);
	media_shutdown();
	return test_done();
}
