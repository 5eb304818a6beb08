/*
 * tests/bench/resize.c: img_resize_rgb() against the reference it
 * replaced (tests/unit/resize-ref.h: two passes in doubles, tables made
 * on every call), timed in the same run on the same pixels.
 * Usage: resize [JSONFILE]
 * Cases: a 384x512 photo centre-cropped to 384x384 (the export's input
 * for the synthetic sample), 1024x768 and 4000x3000 whole, to 224x224;
 * 384x384 to 64x64 (the audit's features); 100x80 enlarged to 224x224.
 * Each variant is run in batches of calls, interleaved, ROUNDS times; the
 * best batch's CPU time of this thread per call is kept.  Variants:
 *   ref:     the reference;
 *   oneoff:  img_resize_rgb() (tables and row buffer made on every call);
 *   reused:  img_resizer_run() with one resizer kept across calls, as the
 *            export's threads do.
 * Also prints the largest difference from the reference (levels) and the
 * share of output bytes that differ at all.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "../unit/resize-ref.h"
#include "../../lib/err.h"
#include "../../lib/rng.h"
#include "../../image/image.h"

#define ROUNDS		7
#define BATCH_SECS	0.05	/* the reference's time per batch, about */

struct rcase {
	const char	*name;
	int		 w, h;		/* the photo */
	int		 crop;		/* 1: centre-cropped to dw:dh first */
	int		 dw, dh;
};

struct result {
	double	ref, oneoff, reused;	/* seconds per call */
	int	maxdiff;
	double	differ;			/* share of bytes that differ */
};

static const struct rcase cases[] = {
	{ "384x512 centre 384x384 -> 224x224", 384, 512, 1, 224, 224 },
	{ "1024x768 -> 224x224", 1024, 768, 0, 224, 224 },
	{ "4000x3000 -> 224x224", 4000, 3000, 0, 224, 224 },
	{ "384x384 -> 64x64", 384, 384, 0, 64, 64 },
	{ "100x80 -> 224x224 (enlarge)", 100, 80, 0, 224, 224 },
};

#define NCASES	(sizeof cases / sizeof cases[0])

/* A photo-like test image: smooth gradients, an edge and some noise. */
static unsigned char *
make_image(int w, int h)
{
	unsigned char	*p = xmallocarray((size_t)w * h, 3);
	uint64_t	 st = 42;
	int		 x, y, c, v;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			for (c = 0; c < 3; c++) {
				v = (x * 255 / w + y * 128 / h + c * 40) % 256;
				if ((x - w / 2) * (x - w / 2) + (y - h / 2) *
				    (y - h / 2) < w * h / 16)
					v = 255 - v;
				v += (int)(splitmix64(&st) % 17) - 8;
				v = v < 0 ? 0 : v > 255 ? 255 : v;
				p[((size_t)y * w + x) * 3 + c] =
				    (unsigned char)v;
			}
	return p;
}

enum { V_REF, V_ONEOFF, V_REUSED };

/* CPU seconds per call of n calls of one variant. */
static double
batch(int v, struct img_resizer *rz, const unsigned char *in, int w, int h,
    unsigned char *out, int dw, int dh, int n)
{
	double	t0;
	int	i;

	t0 = bench_cpu();
	for (i = 0; i < n; i++)
		switch (v) {
		case V_REF:
			ref_resize_rgb(in, w, h, out, dw, dh);
			break;
		case V_ONEOFF:
			img_resize_rgb(in, w, h, out, dw, dh);
			break;
		default:
			img_resizer_run(rz, in, w, h, (size_t)w * 3, out, dw,
			    dh);
			break;
		}
	return (bench_cpu() - t0) / n;
}

static void
run_case(const struct rcase *c, struct result *r)
{
	struct img_resizer	*rz = img_resizer_new();
	struct img_rect		 rc;
	unsigned char		*photo, *in, *want, *got;
	double			 t, best[3] = { 1e9, 1e9, 1e9 };
	size_t			 i, nout = (size_t)c->dw * c->dh * 3, ndiff = 0;
	int			 w = c->w, h = c->h, n, round, v, d;

	photo = make_image(c->w, c->h);
	in = photo;
	if (c->crop) {
		rc = img_crop_rect(c->w, c->h, IMG_CROP_CENTER, NULL, 0, c->dw,
		    c->dh);
		in = img_crop_copy(photo, c->w, c->h, rc);
		w = rc.x1 - rc.x0;
		h = rc.y1 - rc.y0;
	}
	want = xmalloc(nout);
	got = xmalloc(nout);
	ref_resize_rgb(in, w, h, want, c->dw, c->dh);
	img_resizer_run(rz, in, w, h, (size_t)w * 3, got, c->dw, c->dh);
	r->maxdiff = 0;
	for (i = 0; i < nout; i++) {
		d = abs(want[i] - got[i]);
		ndiff += d != 0;
		if (d > r->maxdiff)
			r->maxdiff = d;
	}
	r->differ = (double)ndiff / nout;
	/* Size the batches from one timed call of the reference. */
	t = batch(V_REF, rz, in, w, h, want, c->dw, c->dh, 1);
	n = t > 0 ? (int)(BATCH_SECS / t) : 1000;
	n = n < 1 ? 1 : n > 100000 ? 100000 : n;
	for (round = 0; round < ROUNDS; round++)
		for (v = 0; v < 3; v++) {
			t = batch(v, rz, in, w, h, got, c->dw, c->dh,
			    v == V_REF ? n : 4 * n);
			if (t < best[v])
				best[v] = t;
		}
	r->ref = best[V_REF];
	r->oneoff = best[V_ONEOFF];
	r->reused = best[V_REUSED];
	if (in != photo)
		free(in);
	free(photo);
	free(want);
	free(got);
	img_resizer_free(rz);
}

static int
write_json(const char *path, const struct result *res)
{
	FILE	*fp;
	size_t	 i;

	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "resize: cannot create '%s'\n", path);
		return -1;
	}
	fprintf(fp, "{\"unit\": \"ms per call, CPU\", \"cases\": [\n");
	for (i = 0; i < NCASES; i++)
		fprintf(fp, " {\"case\": \"%s\", \"ref_ms\": %.4f, "
		    "\"oneoff_ms\": %.4f, \"reused_ms\": %.4f, "
		    "\"speedup\": %.2f, \"max_diff\": %d, "
		    "\"bytes_differing\": %.6f}%s\n", cases[i].name,
		    res[i].ref * 1e3, res[i].oneoff * 1e3, res[i].reused * 1e3,
		    res[i].ref / res[i].reused, res[i].maxdiff, res[i].differ,
		    i + 1 < NCASES ? "," : "");
	fprintf(fp, "]}\n");
	if (fclose(fp) != 0) {
		fprintf(stderr, "resize: cannot write '%s'\n", path);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct result	res[NCASES];
	size_t		i;

	printf("%-36s %9s %9s %9s %8s %5s %8s\n", "resize (ms per call, CPU)",
	    "ref", "oneoff", "reused", "speedup", "diff", "differ");
	for (i = 0; i < NCASES; i++) {
		run_case(&cases[i], &res[i]);
		printf("%-36s %9.3f %9.3f %9.3f %7.2fx %5d %7.3f%%\n",
		    cases[i].name, res[i].ref * 1e3, res[i].oneoff * 1e3,
		    res[i].reused * 1e3, res[i].ref / res[i].reused,
		    res[i].maxdiff, res[i].differ * 100);
		fflush(stdout);
	}
	printf("(best of %d batches each, interleaved; speedup: ref/reused;"
	    " diff: largest difference from ref in levels)\n", ROUNDS);
	if (argc > 1 && write_json(argv[1], res) != 0)
		return 1;
	return 0;
}
