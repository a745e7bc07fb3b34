/* media.c — upload checks and image processing with libvips (see media.h).
 *
 * The flow of media_process():
 *   1. size limit, then the type from the magic bytes;
 *   2. the header alone through the loader of that type (sequential access,
 *      so no pixel is decoded) for the dimension limits;
 *   3. one decode into a "master" image: shrunk on load to at most
 *      MEDIA_FULL_MAX on the long side, upright, sRGB, 8 bits, with every
 *      metadata field removed; it is at most 2560 × 2560 × 4 bytes;
 *   4. every output encoded into memory from the master (savers also told
 *      to strip), so a damaged file fails here, before any file is touched;
 *   5. all outputs written to temporary files and synced, then renamed.
 * The limits in step 2 bound the work of step 3; the master bounds memory
 * for the rest. */
#include "media/media.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vips/vips.h>

#include "core/status.h"

enum media_format { FMT_JPEG, FMT_PNG, FMT_WEBP };

static const struct {
	const char *mime, *ext;
} media_formats[] = {
	[FMT_JPEG] = { "image/jpeg", "jpg" },
	[FMT_PNG] = { "image/png", "png" },
	[FMT_WEBP] = { "image/webp", "webp" },
};

/* WebP widths for srcset, increasing; each is made only when smaller than
 * the full-size output. */
static const int media_widths[] = { 480, 960, 1600 };

#define JPEG_QUALITY 82
#define PNG_COMPRESSION 6
#define WEBP_QUALITY 78

static const char MSG_NOT_IMAGE[] = "Tệp không phải ảnh JPEG, PNG hoặc WebP.";
static const char MSG_DAMAGED[] = "Tệp ảnh bị hỏng hoặc không đầy đủ.";

/* Set by media_init(), read-only afterwards. */
static bool media_started;

static void set_err(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_err(char **err, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (err) {
		*err = buf_detach(&b, NULL);
	} else {
		buf_reset(&b);
	}
}

int media_init(char **err)
{
	if (media_started)
		return LOA_OK;
	if (VIPS_INIT("loa") != 0) {
		set_err(err, "Không khởi động được thư viện xử lý ảnh (%s).", vips_error_buffer());
		vips_error_clear();
		return LOA_ERROR;
	}
	/* A small server: one worker per pipeline, nothing kept between
	 * uploads, and no loader but the well-tested ones reachable. */
	vips_concurrency_set(1);
	vips_cache_set_max(0);
	vips_block_untrusted_set(TRUE);
	media_started = true;
	return LOA_OK;
}

void media_shutdown(void)
{
	if (!media_started)
		return;
	vips_shutdown();
	media_started = false;
}

/* The format from the leading bytes, or -1. */
static int sniff(const unsigned char *p, size_t len)
{
	if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return FMT_JPEG;
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return FMT_PNG;
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return FMT_WEBP;
	return -1;
}

static bool base_name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > MEDIA_BASE_NAME_MAX || s[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* Appends n as Vietnamese text: "40 triệu", "12,5 triệu", "800.000". */
static void add_count(struct buf *b, int64_t n)
{
	if (n >= 1000000 && n % 100000 == 0) {
		if (n % 1000000 == 0)
			buf_addf(b, "%lld triệu", (long long)(n / 1000000));
		else
			buf_addf(b, "%lld,%lld triệu", (long long)(n / 1000000),
				 (long long)(n % 1000000 / 100000));
		return;
	}
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addch(b, '.');
		buf_addch(b, digits[i]);
	}
}

/* Opens the header only; the caller unrefs. NULL on a damaged header. */
static VipsImage *load_header(int fmt, const void *data, size_t len)
{
	VipsImage *img = NULL;
	void *p = (void *)data; /* the loaders do not write to the buffer */
	int rc;

	switch (fmt) {
	case FMT_JPEG:
		rc = vips_jpegload_buffer(p, len, &img, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
					  VIPS_FAIL_ON_TRUNCATED, NULL);
		break;
	case FMT_PNG:
		rc = vips_pngload_buffer(p, len, &img, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
					 VIPS_FAIL_ON_TRUNCATED, NULL);
		break;
	default:
		rc = vips_webpload_buffer(p, len, &img, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
					  VIPS_FAIL_ON_TRUNCATED, NULL);
		break;
	}
	return rc == 0 ? img : NULL;
}

/* Checks the upright dimensions against lim. LOA_OK or LOA_INVALID + *err. */
static int check_dimensions(VipsImage *hdr, const struct media_limits *lim, int *w, int *h, char **err)
{
	int max_w = lim && lim->max_width > 0 ? lim->max_width : MEDIA_DEFAULT_MAX_SIDE;
	int max_h = lim && lim->max_height > 0 ? lim->max_height : MEDIA_DEFAULT_MAX_SIDE;
	int64_t max_px = lim && lim->max_pixels > 0 ? lim->max_pixels : MEDIA_DEFAULT_MAX_PIXELS;

	*w = vips_image_get_width(hdr);
	*h = vips_image_get_height(hdr);
	if (vips_image_get_orientation_swap(hdr)) {
		int t = *w;
		*w = *h;
		*h = t;
	}
	if (*w > max_w || *h > max_h) {
		set_err(err, "Ảnh quá lớn: tối đa %d×%d điểm ảnh.", max_w, max_h);
		return LOA_INVALID;
	}
	if ((int64_t)*w * *h > max_px) {
		struct buf b = BUF_INIT;
		add_count(&b, max_px);
		set_err(err, "Ảnh quá lớn: tối đa %s điểm ảnh.", b.data);
		buf_reset(&b);
		return LOA_INVALID;
	}
	return LOA_OK;
}

/* Decodes the upload into the master image described at the top. NULL if
 * the pixels are damaged or truncated. */
static VipsImage *load_master(const void *data, size_t len, bool has_icc)
{
	VipsImage *thumb = NULL, *cast = NULL, *master = NULL;
	gchar **fields = NULL;
	int rc;

	/* Shrink-on-load and EXIF autorotation. An embedded profile is
	 * applied to reach sRGB; without one the pixels are taken as sRGB
	 * already (asking for sRGB output then would round-trip them through
	 * a default profile and dull the whites). CMYK is always converted. */
	if (has_icc)
		rc = vips_thumbnail_buffer((void *)data, len, &thumb, MEDIA_FULL_MAX, "height", MEDIA_FULL_MAX,
					   "size", VIPS_SIZE_DOWN, "export_profile", "srgb", "option_string",
					   "fail_on=truncated", NULL);
	else
		rc = vips_thumbnail_buffer((void *)data, len, &thumb, MEDIA_FULL_MAX, "height", MEDIA_FULL_MAX,
					   "size", VIPS_SIZE_DOWN, "option_string", "fail_on=truncated", NULL);
	if (rc)
		goto out;
	if (vips_image_get_format(thumb) != VIPS_FORMAT_UCHAR) {
		VipsInterpretation to = vips_image_get_bands(thumb) <= 2 ? VIPS_INTERPRETATION_B_W
									 : VIPS_INTERPRETATION_sRGB;
		if (vips_colourspace(thumb, &cast, to, NULL))
			goto out;
		if (vips_image_get_format(cast) != VIPS_FORMAT_UCHAR) {
			VipsImage *t = NULL;
			if (vips_cast_uchar(cast, &t, NULL))
				goto out;
			g_object_unref(cast);
			cast = t;
		}
	} else if (vips_copy(thumb, &cast, NULL)) {
		goto out;
	}
	/* cast is a new header of our own: drop every metadata field. */
	fields = vips_image_get_fields(cast);
	for (gchar **f = fields; *f; f++)
		vips_image_remove(cast, *f);
	/* Runs the decode: truncation and damage are reported here. */
	master = vips_image_copy_memory(cast);
out:
	g_strfreev(fields);
	if (cast)
		g_object_unref(cast);
	if (thumb)
		g_object_unref(thumb);
	return master;
}

/* An encoded output waiting to be written. */
struct pending {
	void *data; /* g_malloc'ed by the saver */
	size_t len;
	char *tmp; /* temporary path while written, else NULL */
};

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8 & 0xff;
	p[2] = v >> 16 & 0xff;
	p[3] = v >> 24 & 0xff;
}

/* Removes the EXIF, XMP and ICCP chunks from a WebP file in place: the
 * WebP saver of some libvips releases writes a fresh EXIF block even when
 * told to strip. Their flags are cleared in VP8X, and a VP8X left with no
 * flag is dropped (the simple format). 0, or -1 if the file is malformed. */
static int webp_strip(unsigned char *d, size_t *len)
{
	size_t in = 12, out = 12, end;

	if (*len < 12 || memcmp(d, "RIFF", 4) != 0 || memcmp(d + 8, "WEBP", 4) != 0)
		return -1;
	end = (size_t)le32(d + 4) + 8;
	if (end > *len)
		return -1;
	while (in < end) {
		if (end - in < 8)
			return -1;
		size_t size = le32(d + in + 4);
		size_t whole = 8 + size + (size & 1);
		if (whole > end - in)
			return -1;
		bool keep = memcmp(d + in, "EXIF", 4) != 0 && memcmp(d + in, "XMP ", 4) != 0 &&
			    memcmp(d + in, "ICCP", 4) != 0;
		if (keep && memcmp(d + in, "VP8X", 4) == 0 && size >= 1) {
			d[in + 8] &= (unsigned char)~(0x20 | 0x08 | 0x04); /* ICC, EXIF, XMP */
			keep = d[in + 8] != 0;
		}
		if (keep) {
			memmove(d + out, d + in, whole);
			out += whole;
		}
		in += whole;
	}
	put_le32(d + 4, (uint32_t)(out - 8));
	*len = out;
	return 0;
}

/* Encodes img as fmt into p, all metadata stripped. 0 or -1. */
static int encode(VipsImage *img, int fmt, struct pending *p)
{
	int rc;

	switch (fmt) {
	case FMT_JPEG:
		rc = vips_jpegsave_buffer(img, &p->data, &p->len, "Q", JPEG_QUALITY, "optimize_coding", TRUE,
					  "strip", TRUE, NULL);
		break;
	case FMT_PNG:
		rc = vips_pngsave_buffer(img, &p->data, &p->len, "compression", PNG_COMPRESSION, "strip", TRUE,
					 NULL);
		break;
	default:
		rc = vips_webpsave_buffer(img, &p->data, &p->len, "Q", WEBP_QUALITY, "strip", TRUE, NULL);
		if (rc == 0)
			rc = webp_strip(p->data, &p->len);
		break;
	}
	return rc ? -1 : 0;
}

static char *path_join(const char *dir, const char *a, const char *b)
{
	struct buf p = BUF_INIT;
	buf_addf(&p, "%s/%s%s", dir, a, b);
	return buf_detach(&p, NULL);
}

/* The message for a failed write, from errno. */
static void write_err(char **err, int e)
{
	if (e == ENOSPC || e == EDQUOT)
		set_err(err, "Không lưu được ảnh: ổ đĩa đã đầy.");
	else if (e == EACCES || e == EPERM || e == EROFS)
		set_err(err, "Không lưu được ảnh: không có quyền ghi vào thư mục lưu trữ.");
	else if (e == ENOENT || e == ENOTDIR)
		set_err(err, "Không lưu được ảnh: thư mục lưu trữ không tồn tại.");
	else
		set_err(err, "Không lưu được ảnh (lỗi hệ thống %d).", e);
}

/* Writes p to a new temporary file in dir beside the final name, synced.
 * 0, or -1 with errno set and no file left. */
static int write_tmp(const char *dir, const char *file, struct pending *p)
{
	char *tmp = path_join(dir, ".", file);
	struct buf t = BUF_INIT;
	int fd, e;

	buf_addf(&t, "%s.XXXXXX", tmp);
	free(tmp);
	fd = mkstemp(t.data);
	if (fd < 0)
		goto fail_open;
	if (fchmod(fd, 0644) != 0)
		goto fail_write;
	for (size_t off = 0; off < p->len;) {
		ssize_t n = write(fd, (const char *)p->data + off, p->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail_write;
		off += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail_write;
	if (close(fd) != 0) {
		fd = -1;
		goto fail_write;
	}
	p->tmp = buf_detach(&t, NULL);
	return 0;

fail_write:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(t.data);
	errno = e;
fail_open:
	buf_reset(&t);
	return -1;
}

/* Writes every pending output to its final name in dir, all or none.
 * LOA_OK or LOA_ERROR + *err. */
static int write_all(const char *dir, struct media_info *info, struct pending *pend, char **err)
{
	size_t n = info->nvariants, renamed = 0;
	int e = 0, dfd;

	for (size_t i = 0; i < n; i++) {
		if (write_tmp(dir, info->variants[i].file, &pend[i]) != 0) {
			e = errno;
			goto undo;
		}
	}
	for (; renamed < n; renamed++) {
		char *final = path_join(dir, info->variants[renamed].file, "");
		int rc = rename(pend[renamed].tmp, final);
		e = errno;
		free(final);
		if (rc != 0)
			goto undo;
		free(pend[renamed].tmp);
		pend[renamed].tmp = NULL;
	}
	/* Makes the new names durable too. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return LOA_OK;

undo:
	for (size_t i = 0; i < renamed; i++) {
		char *final = path_join(dir, info->variants[i].file, "");
		unlink(final);
		free(final);
	}
	for (size_t i = 0; i < n; i++) {
		if (pend[i].tmp) {
			unlink(pend[i].tmp);
			free(pend[i].tmp);
			pend[i].tmp = NULL;
		}
	}
	write_err(err, e);
	return LOA_ERROR;
}

/* Adds a variant of img to info and its encoding to pend. 0 or -1. */
static int add_variant(struct media_info *info, struct pending *pend, VipsImage *img, int fmt,
		       const char *base_name, int width_suffix)
{
	size_t i = info->nvariants;
	struct media_variant *v = &info->variants[i];
	struct buf name = BUF_INIT;

	if (encode(img, fmt, &pend[i]) != 0)
		return -1;
	if (width_suffix > 0)
		buf_addf(&name, "%s-%d.%s", base_name, width_suffix, media_formats[fmt].ext);
	else
		buf_addf(&name, "%s.%s", base_name, media_formats[fmt].ext);
	v->file = buf_detach(&name, NULL);
	v->mime = media_formats[fmt].mime;
	v->width = vips_image_get_width(img);
	v->height = vips_image_get_height(img);
	v->bytes = pend[i].len;
	info->nvariants++;
	return 0;
}

int media_process(const void *data, size_t len, const char *out_dir, const char *base_name,
		  const struct media_limits *lim, struct media_info *out, char **err)
{
	size_t max_bytes = lim && lim->max_bytes > 0 ? lim->max_bytes : MEDIA_DEFAULT_MAX_BYTES;
	struct pending pend[MEDIA_MAX_VARIANTS] = { 0 };
	VipsImage *hdr = NULL, *master = NULL;
	int fmt, rc = LOA_INVALID;

	memset(out, 0, sizeof *out);
	if (!base_name_ok(base_name) || !out_dir) {
		set_err(err, "Tên tệp ảnh không hợp lệ.");
		return LOA_INVALID;
	}
	if (len > max_bytes) {
		if (max_bytes % (1024 * 1024) == 0)
			set_err(err, "Tệp quá lớn: tối đa %zu MB.", max_bytes / (1024 * 1024));
		else
			set_err(err, "Tệp quá lớn: tối đa %zu KB.", max_bytes / 1024);
		return LOA_INVALID;
	}
	fmt = data ? sniff(data, len) : -1;
	if (fmt < 0) {
		set_err(err, "%s", MSG_NOT_IMAGE);
		return LOA_INVALID;
	}
	out->mime = media_formats[fmt].mime;

	hdr = load_header(fmt, data, len);
	if (!hdr) {
		set_err(err, "%s", MSG_DAMAGED);
		goto fail;
	}
	if (check_dimensions(hdr, lim, &out->width, &out->height, err) != LOA_OK)
		goto fail;
	bool has_icc = vips_image_get_typeof(hdr, VIPS_META_ICC_NAME) != 0;
	g_object_unref(hdr);
	hdr = NULL;

	master = load_master(data, len, has_icc);
	if (!master) {
		set_err(err, "%s", MSG_DAMAGED);
		goto fail;
	}
	if (add_variant(out, pend, master, fmt, base_name, 0) != 0)
		goto fail_encode;
	for (size_t i = 0; i < sizeof media_widths / sizeof media_widths[0]; i++) {
		VipsImage *small = NULL;
		int w = media_widths[i];
		if (w >= vips_image_get_width(master))
			break;
		if (vips_thumbnail_image(master, &small, w, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
					 NULL))
			goto fail_encode;
		int bad = add_variant(out, pend, small, FMT_WEBP, base_name, w);
		g_object_unref(small);
		if (bad)
			goto fail_encode;
	}
	/* A WebP upload's base.webp is variants[0] already. */
	if (fmt != FMT_WEBP && add_variant(out, pend, master, FMT_WEBP, base_name, 0) != 0)
		goto fail_encode;

	rc = write_all(out_dir, out, pend, err);
	if (rc != LOA_OK)
		goto fail;
	goto done;

fail_encode:
	set_err(err, "Không xử lý được ảnh này.");
	rc = LOA_ERROR;
fail:
	vips_error_clear();
	media_info_reset(out);
done:
	for (size_t i = 0; i < MEDIA_MAX_VARIANTS; i++)
		g_free(pend[i].data);
	if (master)
		g_object_unref(master);
	if (hdr)
		g_object_unref(hdr);
	return rc;
}

void media_info_reset(struct media_info *info)
{
	for (size_t i = 0; i < info->nvariants && i < MEDIA_MAX_VARIANTS; i++)
		free(info->variants[i].file);
	memset(info, 0, sizeof *info);
}

size_t media_srcset(const struct media_info *info, const char *url_prefix, struct buf *out)
{
	size_t n = 0;

	/* variants[0] (the widest) goes last when it is the WebP itself. */
	for (size_t k = 1; k <= info->nvariants; k++) {
		const struct media_variant *v = &info->variants[k % info->nvariants];
		if (strcmp(v->mime, "image/webp") != 0)
			continue;
		buf_addf(out, "%s%s%s %dw", n ? ", " : "", url_prefix ? url_prefix : "", v->file, v->width);
		n++;
	}
	return n;
}
