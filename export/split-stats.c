/*
 * export/split-stats.c: the achieved figures of a fold assignment.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "split.h"

/*
 * See split.h.  The arrays in *out are the caller's (split_stats_free()).
 */
void
split_stats_compute(const struct split_group *g, size_t n, int nstrata,
    int k, const int *fold, struct split_stats *out)
{
	long long	*C, *tot, N = 0;
	size_t		 i;
	int		 f, c;
	double		 d;

	memset(out, 0, sizeof *out);
	if (k < 1 || nstrata < 1)
		return;
	out->k = k;
	out->nstrata = nstrata;
	out->share = xcalloc((size_t)k * nstrata, sizeof *out->share);
	out->whole = xcalloc((size_t)nstrata, sizeof *out->whole);
	out->samples = xcalloc((size_t)k, sizeof *out->samples);
	C = xcalloc((size_t)k * nstrata, sizeof *C);
	tot = xcalloc((size_t)nstrata, sizeof *tot);
	for (i = 0; i < n; i++) {
		for (c = 0; c < nstrata; c++) {
			tot[c] += g[i].count[c];
			N += g[i].count[c];
		}
		f = fold[i];
		if (f < 0 || f >= k)
			continue;
		for (c = 0; c < nstrata; c++) {
			C[(size_t)f * nstrata + c] += g[i].count[c];
			out->samples[f] += g[i].count[c];
		}
	}
	for (c = 0; c < nstrata; c++)
		out->whole[c] = N > 0 ? (double)tot[c] / (double)N : 0;
	out->max_dev_pp = 0;
	for (f = 0; f < k; f++)
		for (c = 0; c < nstrata; c++) {
			out->share[(size_t)f * nstrata + c] = out->samples[f] > 0 ?
			    (double)C[(size_t)f * nstrata + c] /
			    (double)out->samples[f] : 0;
			d = 100 * fabs(out->share[(size_t)f * nstrata + c] -
			    out->whole[c]);
			if (d > out->max_dev_pp)
				out->max_dev_pp = d;
		}
	free(C);
	free(tot);
}

/*
 * See split.h.
 */
void
split_stats_free(struct split_stats *st)
{
	if (st == NULL)
		return;
	free(st->share);
	free(st->whole);
	free(st->samples);
	memset(st, 0, sizeof *st);
}

