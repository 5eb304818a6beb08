/*
 * audit/extpred.c: "maskcat audit --predictions FILE.csv": out-of-fold
 * probabilities from any model (a ResNet trained in PyTorch...), judged
 * exactly as the built-in classifier's.  The CSV has a 'path' column
 * (matched as check-split matches: the catalogued root/path ending with
 * it at a '/'), an optional 'box' column (a face box's index), and one
 * column per class of each task it predicts: wear,incorrect,not_wear;
 * male,female; <30,30-59,60+.  Rows are normalised to sum to 1.
 */
#include <stdlib.h>
#include <string.h>

#include "audit-int.h"
#include "../lib/csv.h"
#include "../lib/err.h"
#include "../lib/file.h"

#define MAX_REPORTED	5

static const char *const words[AUDIT_NTASKS][3] = {
	{ "wear", "incorrect", "not_wear" },
	{ "male", "female", NULL },
	{ "<30", "30-59", "60+" },
};

struct key {
	const char	*base;		/* last component, borrowed */
	char		*full;		/* root/path */
	size_t		 i;
};

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct key *)a)->base,
	    ((const struct key *)b)->base);
}

static const char *
last(const char *p)
{
	const char	*b = strrchr(p, '/');

	return b != NULL ? b + 1 : p;
}

/* The sample listed as p (and box, -1 whole image): index, -1 none, -2 several. */
static long
match(const struct key *k, size_t n, const struct arun *r, const char *p,
    int box)
{
	struct key	 want = { last(p), NULL, 0 };
	const struct key *hit;
	size_t		 lo, plen = strlen(p), flen;
	long		 found = -1;

	if ((hit = bsearch(&want, k, n, sizeof *k, cmp_key)) == NULL)
		return -1;
	lo = (size_t)(hit - k);
	while (lo > 0 && strcmp(k[lo - 1].base, want.base) == 0)
		lo--;
	for (; lo < n && strcmp(k[lo].base, want.base) == 0; lo++) {
		flen = strlen(k[lo].full);
		if (flen < plen || strcmp(k[lo].full + flen - plen, p) != 0 ||
		    (flen > plen && k[lo].full[flen - plen - 1] != '/' &&
		    p[0] != '/'))
			continue;
		if (r->s[k[lo].i].box_idx != box)
			continue;
		if (found >= 0)
			return -2;
		found = (long)k[lo].i;
	}
	return found;
}

/* See audit-int.h. */
int
audit_read_predictions(struct arun *r)
{
	const char	*file = r->o->predictions;
	struct key	*k;
	struct csv	 c;
	char		*data = NULL, why[256], *end;
	size_t		 len, i;
	long		 m, bad = 0;
	int		 col[AUDIT_NTASKS][3], cp, cb, t, j, nc, rc = -1, any = 0;
	int		 hdr;
	double		 v[3], sum;

	if (file_read(file, 512u << 20, &data, &len, why) != 0)
		return error("cannot read '%s': %s", file, why);
	csv_init(&c, file, data, len);
	k = xmallocarray(r->n + 1, sizeof *k);
	for (i = 0; i < r->n; i++) {
		k[i].full = xasprintf("%s/%s%s", r->src[r->s[i].src].root,
		    r->src[r->s[i].src].prefix, r->s[i].path);
		k[i].base = last(k[i].full);
		k[i].i = i;
	}
	qsort(k, r->n, sizeof *k, cmp_key);
	if ((hdr = csv_next(&c, why)) != 1) {
		error("'%s': %s", file, hdr < 0 ? why : "no header");
		goto out;
	}
	if ((cp = csv_column(&c, "path")) < 0) {
		error("'%s': no column 'path' in the header", file);
		goto out;
	}
	cb = csv_column(&c, "box");
	for (t = 0; t < AUDIT_NTASKS; t++) {
		nc = audit_nclass(t);
		for (j = 0; j < nc; j++)
			col[t][j] = csv_column(&c, words[t][j]);
		for (j = 0; j < nc && col[t][j] >= 0; j++)
			;
		if (j < nc) {
			col[t][0] = -1;
			continue;
		}
		any = 1;
		r->task[t].external = 1;
		r->prob[t] = xmallocarray(r->n * (size_t)nc + 1,
		    sizeof **r->prob);
		for (i = 0; i < r->n * (size_t)nc; i++)
			r->prob[t][i] = -1;
	}
	if (!any) {
		error("'%s': no task's columns (wear,incorrect,not_wear or"
		    " male,female or <30,30-59,60+)", file);
		goto out;
	}
	while ((rc = csv_next(&c, why)) == 1) {
		int	box = -1;

		if ((size_t)cp >= c.nfields)
			continue;
		if (cb >= 0 && (size_t)cb < c.nfields && c.fields[cb][0] != '\0')
			box = atoi(c.fields[cb]);
		if ((m = match(k, r->n, r, c.fields[cp], box)) < 0) {
			if (bad++ < MAX_REPORTED)
				warning("'%s' line %ld: '%s' %s", file,
				    c.record_line, c.fields[cp], m == -2 ?
				    "matches several catalogued samples" :
				    "is not in the catalog");
			continue;
		}
		for (t = 0; t < AUDIT_NTASKS; t++) {
			if (r->prob[t] == NULL || col[t][0] < 0)
				continue;
			nc = audit_nclass(t);
			for (j = 0, sum = 0; j < nc; j++) {
				const char *f = (size_t)col[t][j] < c.nfields ?
				    c.fields[col[t][j]] : "";

				v[j] = strtod(f, &end);
				if (*f == '\0' || *end != '\0' || !(v[j] >= 0))
					break;
				sum += v[j];
			}
			if (j < nc || !(sum > 0)) {
				if (bad++ < MAX_REPORTED)
					warning("'%s' line %ld: the %s"
					    " probabilities are not numbers"
					    " >= 0", file, c.record_line,
					    audit_task_name(t));
				continue;
			}
			for (j = 0; j < nc; j++)
				r->prob[t][(size_t)m * nc + j] = v[j] / sum;
		}
	}
	if (rc < 0) {
		error("'%s': %s", file, why);
		goto out;
	}
	for (t = 0; t < AUDIT_NTASKS; t++)
		for (i = 0; r->prob[t] != NULL && i < r->n; i++)
			if (r->s[i].label[t] >= 0 && r->prob[t][i *
			    (size_t)audit_nclass(t)] < 0)
				r->task[t].missing++;
	if (bad > MAX_REPORTED)
		warning("'%s': %ld more rows skipped", file, bad -
		    MAX_REPORTED);
	rc = 0;
out:
	csv_release(&c);
	for (i = 0; i < r->n; i++)
		free(k[i].full);
	free(k);
	free(data);
	return rc;
}
