/*
 * Unit tests for image/: sniffing, hashing, reading files, probing good
 * and damaged JPEG/PNG data in memory, and the atomic writers.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <zlib.h>

#include "unit.h"
#include "../../image/image.h"
#include "../../lib/limits.h"

static char	tmpdir[] = "/tmp/t-image.XXXXXX";

static int
sniffs(const char *magic, size_t n, enum img_format want)
{
	return img_sniff((const unsigned char *)magic, n) == want;
}

static void
test_sniff(void)
{
	static const char bmp[] = "BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0";
	static const char heic[] = "\0\0\0\x18" "ftypheic\0\0\0\0mif1heic";
	static const char avif[] = "\0\0\0\x1c" "ftypavif\0\0\0\0avifmif1miaf";
	static const char mp4[] = "\0\0\0\x18" "ftypisom\0\0\0\0isomiso2";

	CHECK(sniffs("\xff\xd8\xff\xe0", 4, IMG_JPEG));
	CHECK(sniffs("\xff\xd8\xff", 3, IMG_JPEG));
	CHECK(sniffs("\xff\xd8", 2, IMG_UNKNOWN));
	CHECK(sniffs("\x89PNG\r\n\x1a\n", 8, IMG_PNG));
	CHECK(sniffs("\x89PNG\r\n\x1a", 7, IMG_UNKNOWN));
	CHECK(sniffs("GIF87a", 6, IMG_GIF));
	CHECK(sniffs("GIF89a\1\0", 8, IMG_GIF));
	CHECK(sniffs("GIF88a", 6, IMG_UNKNOWN));
	CHECK(sniffs("RIFF\0\0\0\0WEBPVP8 ", 16, IMG_WEBP));
	CHECK(sniffs("RIFF\0\0\0\0WAVEfmt ", 16, IMG_UNKNOWN));
	CHECK(sniffs(bmp, sizeof bmp - 1, IMG_BMP));
	CHECK(sniffs("BMW is a car, not a bitmap", 26, IMG_UNKNOWN));
	CHECK(sniffs("II*\0\x08\0\0\0", 8, IMG_TIFF));
	CHECK(sniffs("MM\0*\0\0\0\x08", 8, IMG_TIFF));
	CHECK(sniffs(heic, sizeof heic - 1, IMG_HEIF));
	CHECK(sniffs(avif, sizeof avif - 1, IMG_HEIF));
	CHECK(sniffs(mp4, sizeof mp4 - 1, IMG_UNKNOWN));
	CHECK(sniffs("hello", 5, IMG_UNKNOWN));
	CHECK(img_sniff(NULL, 0) == IMG_UNKNOWN);

	CHECK_STR(img_format_name(IMG_JPEG), "jpeg");
	CHECK_STR(img_format_name(IMG_WEBP), "webp");
	CHECK_STR(img_format_name(IMG_HEIF), "heif");
	CHECK_STR(img_format_name(IMG_UNKNOWN), "unknown");
	CHECK_STR(img_format_name((enum img_format)99), "unknown");
}

static void
test_hash(void)
{
	/* Known XXH3-64 values (seed 0), as "xxhsum -H3" prints them. */
	CHECK(img_hash("", 0) == 0x2d06800538d394c2ULL);
	CHECK(img_hash(NULL, 0) == 0x2d06800538d394c2ULL);
	CHECK(img_hash("abc", 3) == 0x78af5f94892f3950ULL);
	CHECK(img_hash("abc", 3) == img_hash("abcd", 3));
	CHECK(img_hash("abc", 3) != img_hash("abd", 3));
}

/* A reason check that also says what the reason was. */
static int
probe_fails(const unsigned char *data, size_t len, const char *want)
{
	struct img_info	info;
	char		why[IMG_REASON_MAX];

	if (img_probe_mem(data, len, &info, why) == 0) {
		printf("# probe succeeded, wanted '%s'\n", want);
		return 0;
	}
	if (strcmp(why, want) != 0) {
		printf("# got '%s', want '%s'\n", why, want);
		return 0;
	}
	return info.width == 0 && info.height == 0 && info.bytes == len;
}

static unsigned char *
gradient(int w, int h)
{
	unsigned char	*px;
	int		 i;

	px = malloc((size_t)w * h * 3);
	for (i = 0; i < w * h * 3; i++)
		px[i] = (unsigned char)(i * 7 + i / (w * 3));
	return px;
}

/* Number of entries in tmpdir other than . and .. */
static int
dir_entries(void)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	if ((d = opendir(tmpdir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_encode_and_probe(void)
{
	struct img_info	 info;
	unsigned char	*px, *data;
	size_t		 len;
	char		 why[IMG_REASON_MAX], path[64], bad[80];

	px = gradient(40, 30);
	snprintf(path, sizeof path, "%s/a.jpg", tmpdir);
	CHECK_INT(img_write_jpeg(path, px, 40, 30, 85), 0);
	CHECK_INT(dir_entries(), 1);		/* no temporary file left */
	CHECK_INT(img_read_file(path, &data, &len, why), 0);
	CHECK_INT(img_probe_mem(data, len, &info, why), 0);
	CHECK_INT(info.format, IMG_JPEG);
	CHECK_INT(info.width, 40);
	CHECK_INT(info.height, 30);
	CHECK_INT(info.channels, 3);
	CHECK_INT(info.bytes, len);
	CHECK(info.hash == img_hash(data, len));
	CHECK(probe_fails(data, len / 2,
	    "corrupt JPEG: Premature end of JPEG file"));
	CHECK(probe_fails(data, 3, "corrupt JPEG: Premature end of JPEG file"));
	free(data);

	snprintf(path, sizeof path, "%s/a.png", tmpdir);
	CHECK_INT(img_write_png(path, px, 40, 30), 0);
	CHECK_INT(dir_entries(), 2);
	CHECK_INT(img_read_file(path, &data, &len, why), 0);
	CHECK_INT(img_probe_mem(data, len, &info, why), 0);
	CHECK_INT(info.format, IMG_PNG);
	CHECK_INT(info.width, 40);
	CHECK_INT(info.height, 30);
	CHECK_INT(info.channels, 3);
	CHECK(probe_fails(data, len / 2, "corrupt PNG: premature end of file"));
	CHECK(probe_fails(data, 8, "corrupt PNG: premature end of file"));
	data[len - 1] ^= 1;			/* the CRC of IEND */
	CHECK(probe_fails(data, len, "corrupt PNG: IEND: CRC error"));
	free(data);

	/* Overwriting is atomic too; failures leave no temporary file. */
	CHECK_INT(img_write_png(path, px, 20, 10), 0);
	CHECK_INT(dir_entries(), 2);
	snprintf(bad, sizeof bad, "%s/no/such/dir.png", tmpdir);
	fprintf(stderr, "# expected errors follow\n");
	CHECK_INT(img_write_png(bad, px, 40, 30), -1);
	CHECK_INT(img_write_jpeg(path, px, 40, 30, 0), -1);
	CHECK_INT(img_write_jpeg(path, px, 0, 30, 90), -1);
	CHECK_INT(dir_entries(), 2);
	free(px);
}

/* Sets the CRC of the IHDR chunk that starts at byte 8. */
static void
png_fix_crc(unsigned char *png)
{
	unsigned long	crc;

	crc = crc32(crc32(0, Z_NULL, 0), png + 12, 17);
	png[29] = (unsigned char)(crc >> 24);
	png[30] = (unsigned char)(crc >> 16);
	png[31] = (unsigned char)(crc >> 8);
	png[32] = (unsigned char)crc;
}

static void
test_reasons(void)
{
	static const unsigned char webp[] = "RIFF\x1a\0\0\0WEBPVP8L";
	static const unsigned char gif[] = "GIF89a\1\0\1\0";
	static const unsigned char text[] = "hello, world\n";
	/* SOI, DQT, SOF0 (height, width at 7 and 9), SOS, EOI. */
	static const unsigned char dqt[] = { 0xff, 0xd8, 0xff, 0xdb, 0x00,
	    0x43, 0x00 };
	static const unsigned char sof[] = {
		0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03,
		0x01, 0x22, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00, 0xff,
		0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11,
		0x00, 0x3f, 0x00, 0xff, 0xd9
	};
	unsigned char	png[33] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"
	    "\0\0\xea\x60\0\0\xea\x60\x08\x02\0\0\0";
	unsigned char	jpg[sizeof dqt + 64 + sizeof sof], *h;

	CHECK(probe_fails(text, 0, "empty file"));
	CHECK(probe_fails(NULL, 0, "empty file"));
	CHECK(probe_fails(text, sizeof text - 1,
	    "not an image (unrecognised content)"));
	CHECK(probe_fails(webp, sizeof webp - 1,
	    "WebP images are not supported"));
	CHECK(probe_fails(gif, sizeof gif - 1, "GIF images are not supported"));

	/* SOF0 claiming 60000x60000 and no scan data: refused on sight. */
	memcpy(jpg, dqt, sizeof dqt);
	memset(jpg + sizeof dqt, 1, 64);
	memcpy(jpg + sizeof dqt + 64, sof, sizeof sof);
	h = jpg + sizeof dqt + 64 + 5;
	CHECK(probe_fails(jpg, sizeof jpg,
	    "image is 60000x60000, over the limit of 89478485 pixels;"
	    " raise it with --max-pixels"));
	/* The same header at 100x100 gets as far as decoding. */
	h[0] = h[2] = 0;
	h[1] = h[3] = 100;
	CHECK(probe_fails(jpg, sizeof jpg,
	    "corrupt JPEG: Corrupt JPEG data: premature end of data segment"));
	/* 65535 is a legal JPEG side, but over ours (and libjpeg's). */
	h[2] = h[3] = 0xff;
	CHECK(probe_fails(jpg, sizeof jpg,
	    "image is 65535x100, over the limit of 65500 pixels per side"));

	png_fix_crc(png);
	CHECK(probe_fails(png, sizeof png,
	    "image is 60000x60000, over the limit of 89478485 pixels;"
	    " raise it with --max-pixels"));
	png[17] = 1;			/* width 60000 + 65536 */
	png_fix_crc(png);
	CHECK(probe_fails(png, sizeof png,
	    "image is 125536x60000, over the limit of 65500 pixels per side"));
}

static void
test_read_file(void)
{
	unsigned char	*data = (unsigned char *)"x";
	size_t		 len = 1;
	char		 why[IMG_REASON_MAX], path[64];
	FILE		*fp;

	CHECK_INT(img_read_file("/nonexistent/x.jpg", &data, &len, why), -1);
	CHECK_STR(why, "No such file or directory");
	CHECK(data == NULL && len == 0);
	CHECK_INT(img_read_file(tmpdir, &data, &len, why), -1);
	CHECK_STR(why, "not a regular file");

	snprintf(path, sizeof path, "%s/empty", tmpdir);
	fp = fopen(path, "w");
	fclose(fp);
	CHECK_INT(img_read_file(path, &data, &len, why), 0);
	CHECK_INT(len, 0);
	free(data);

	/* Permission denied is tested as another user in t1010. */
	unlink(path);

	/* Over the limit: a sparse file costs no disk. */
	snprintf(path, sizeof path, "%s/big", tmpdir);
	if ((fp = fopen(path, "w")) != NULL) {
		if (ftruncate(fileno(fp),
		    (off_t)limit_get(LIMIT_FILE_BYTES) + 1) == 0) {
			CHECK_INT(img_read_file(path, &data, &len, why), -1);
			CHECK_STR(why, "file is 268435457 bytes, over the limit"
			    " of 268435456 bytes");
		}
		fclose(fp);
		unlink(path);
	}
}

static void
cleanup(void)
{
	char	path[64];

	snprintf(path, sizeof path, "%s/a.jpg", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/a.png", tmpdir);
	unlink(path);
	rmdir(tmpdir);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_sniff();
	test_hash();
	test_encode_and_probe();
	test_reasons();
	test_read_file();
	cleanup();
	return unit_done();
}
