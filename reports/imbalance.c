/*
 * reports/imbalance.c: "maskcat report imbalance": the 18 classes (mask x
 * gender x age bin) in images and persons, the grids, the age histogram,
 * the imbalance score, scarce cells and suggested class weights.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "../db/corrections.h"
#include "../lib/labels.h"

static int
cmp_long(const void *a, const void *b)
{
	long	x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

void
imbalance_compute(const struct db_class_counts *c, struct imbalance *im)
{
	long	sorted[N_CLASS];
	double	p;
	int	i;

	memset(im, 0, sizeof *im);
	for (i = 0; i < N_CLASS; i++) {
		im->total += c->images[i];
		if (c->images[i] > im->largest)
			im->largest = c->images[i];
		sorted[i] = c->images[i];
	}
	qsort(sorted, N_CLASS, sizeof sorted[0], cmp_long);
	im->median = (sorted[N_CLASS / 2 - 1] + sorted[N_CLASS / 2]) / 2.0;
	for (i = 0; i < N_CLASS; i++) {
		if (im->total == 0)
			break;
		im->share[i] = (double)c->images[i] / im->total;
		if (c->images[i] == 0)
			continue;
		p = im->share[i];
		im->entropy -= p * log(p);
		im->ratio[i] = (double)im->largest / c->images[i];
		im->oversample[i] = im->median > c->images[i] ?
		    im->median / c->images[i] : 1.0;
		im->weight[i] = (double)im->total / (N_CLASS *
		    (double)c->images[i]);
		im->scarce[i] = c->images[i] < im->median / 2;
	}
	im->score = im->total > 0 ? 1.0 - im->entropy / log(N_CLASS) : 0.0;
}

static void
text_grid(FILE *out, const char *title, const long *v)
{
	int	m, g, a;

	fprintf(out, "\n%s\n%-10s", title, "");
	for (g = 0; g < N_GENDER; g++)
		fprintf(out, " %-23s", label_gender_word(g));
	fprintf(out, "\n%-10s", "mask");
	for (g = 0; g < N_GENDER; g++)
		for (a = 0; a < N_AGE_BIN; a++)
			fprintf(out, " %7s", label_age_bin_word(a));
	fputc('\n', out);
	for (m = 0; m < N_MASK; m++) {
		fprintf(out, "%-10s", label_mask_word(m));
		for (g = 0; g < N_GENDER; g++)
			for (a = 0; a < N_AGE_BIN; a++)
				fprintf(out, " %7ld", v[label_class(m, g, a)]);
		fputc('\n', out);
	}
}

/* See report.h. */
long
cube_sum(const struct db_class_counts *c, int m, int g, int a)
{
	long	n = 0;
	int	i, j, k;

	for (i = 0; i < 4; i++)
		for (j = 0; j < 3; j++)
			for (k = 0; k < 4; k++)
				if ((m < 0 || m == i) && (g < 0 || g == j) &&
				    (a < 0 || a == k))
					n += c->cube[i][j][k];
	return n;
}

/*
 * Every labelled sample by mask state, with gender and age bin counted
 * apart and "unknown" as its own column: mask-only sources (class
 * folders, VOC boxes) show here though they have no class.
 */
static void
text_mask_table(FILE *out, const struct db_class_counts *c)
{
	int	m, g, a;

	fprintf(out, "\nsamples by mask state (gender and age bin apart,"
	    " unknown included):\n%-10s %8s", "mask", "samples");
	for (g = 0; g < N_GENDER; g++)
		fprintf(out, " %7s", label_gender_word(g));
	fprintf(out, " %7s", "?gender");
	for (a = 0; a < N_AGE_BIN; a++)
		fprintf(out, " %7s", label_age_bin_word(a));
	fprintf(out, " %7s\n", "?age");
	for (m = 0; m <= CUBE_UNKNOWN_MASK; m++) {
		if (m == CUBE_UNKNOWN_MASK && cube_sum(c, m, -1, -1) == 0)
			break;
		fprintf(out, "%-10s %8ld", m < N_MASK ? label_mask_word(m) :
		    "unknown", cube_sum(c, m, -1, -1));
		for (g = 0; g <= CUBE_UNKNOWN_GENDER; g++)
			fprintf(out, " %7ld", cube_sum(c, m, g, -1));
		for (a = 0; a <= CUBE_UNKNOWN_AGE; a++)
			fprintf(out, " %7ld", cube_sum(c, m, -1, a));
		fputc('\n', out);
	}
}

static void
render_text(FILE *out, const char *source, const struct db_class_counts *c,
    const struct imbalance *im, long corrections)
{
	long	gen_age[N_GENDER][N_AGE_BIN] = { { 0 } }, maxage = 0;
	int	i, m, g, a, bar;

	fprintf(out, "imbalance of %s: %ld labelled images, %ld persons",
	    source ? source : "all sources", im->total, c->persons_total);
	if (c->samples > im->total)
		fprintf(out, "; %ld more samples without a full class",
		    c->samples - im->total);
	if (c->unlabelled_images > 0)
		fprintf(out, " (%ld unlabelled images not counted)",
		    c->unlabelled_images);
	if (c->duplicates > 0)
		fprintf(out, " (%ld byte-identical duplicates not counted)",
		    c->duplicates);
	if (corrections > 0)
		fprintf(out, "\n%ld label correction%s applied (maskcat relabel"
		    " --list)", corrections, corrections == 1 ? "" : "s");
	fprintf(out, "\n\n%5s %-10s %-7s %-6s %7s %7s %7s %8s %10s %7s\n",
	    "class", "mask", "gender", "age", "images", "persons", "share",
	    "max/n", "oversample", "weight");
	for (i = 0; i < N_CLASS; i++) {
		label_class_parts(i, &m, &g, &a);
		fprintf(out, "%5d %-10s %-7s %-6s %7ld %7ld %6.2f%% ", i,
		    label_mask_word(m), label_gender_word(g),
		    label_age_bin_word(a), c->images[i], c->persons[i],
		    100.0 * im->share[i]);
		if (c->images[i] == 0)
			fprintf(out, "%8s %10s %7s  EMPTY\n", "-", "-", "-");
		else
			fprintf(out, "%7.1fx %9.2fx %7.3f%s\n", im->ratio[i],
			    im->oversample[i], im->weight[i],
			    im->scarce[i] ? "  SCARCE" : "");
	}
	text_mask_table(out, c);
	text_grid(out, "images by mask x gender x age bin:", c->images);
	text_grid(out, "persons by mask x gender x age bin:", c->persons);

	/* Persons by gender x age bin: the wear class holds every person of
	 * the base layout, but other sources may lack it; use the largest. */
	for (g = 0; g < N_GENDER; g++)
		for (a = 0; a < N_AGE_BIN; a++)
			for (m = 0; m < N_MASK; m++)
				if (c->persons[label_class(m, g, a)] >
				    gen_age[g][a])
					gen_age[g][a] =
					    c->persons[label_class(m, g, a)];
	fprintf(out, "\npersons by gender x age bin:\n%-8s", "");
	for (a = 0; a < N_AGE_BIN; a++)
		fprintf(out, " %7s", label_age_bin_word(a));
	fputc('\n', out);
	for (g = 0; g < N_GENDER; g++) {
		fprintf(out, "%-8s", label_gender_word(g));
		for (a = 0; a < N_AGE_BIN; a++)
			fprintf(out, " %7ld", gen_age[g][a]);
		fputc('\n', out);
	}

	for (i = 0; i <= 150; i++)
		if (c->age_persons[i] > maxage)
			maxage = c->age_persons[i];
	if (maxage > 0) {
		fprintf(out, "\nage histogram (persons; bins break at 30 and"
		    " 60):\n");
		for (i = 0, a = AGE_UNDER30; i <= 150; i++) {
			if (c->age_persons[i] == 0)
				continue;
			/* Draw the bin edges at 30 and 60. */
			while (label_age_bin(i) > a)
				fprintf(out, "  ---- %s\n",
				    label_age_bin_word(++a));
			bar = (int)((c->age_persons[i] * 50 + maxage - 1) /
			    maxage);
			fprintf(out, "  %3d %6ld %.*s\n", i, c->age_persons[i],
			    bar, "##################################################");
		}
	}
	fprintf(out, "\nimbalance score (1 - H/log 18): %.3f   median class:"
	    " %.1f images\n", im->score, im->median);
	fprintf(out, "scarce cells (under half the median):");
	for (i = 0, bar = 0; i < N_CLASS; i++) {
		if (!im->scarce[i])
			continue;
		label_class_parts(i, &m, &g, &a);
		fprintf(out, "%s class %d (%s %s %s: %ld, oversample %.1fx)",
		    bar++ ? "," : "", i, label_mask_word(m),
		    label_gender_word(g), label_age_bin_word(a), c->images[i],
		    im->oversample[i]);
	}
	fprintf(out, "%s\n", bar ? "" : " none");
}

static void
render_csv(FILE *out, const struct db_class_counts *c,
    const struct imbalance *im)
{
	int	i, m, g, a;

	fprintf(out, "class,mask,gender,age_bin,images,persons,share,"
	    "ratio_to_largest,oversample_to_median,weight,scarce\n");
	for (i = 0; i < N_CLASS; i++) {
		label_class_parts(i, &m, &g, &a);
		fprintf(out, "%d,%s,%s,%s,%ld,%ld,%.6f,%.4f,%.4f,%.6f,%d\n", i,
		    label_mask_word(m), label_gender_word(g),
		    label_age_bin_word(a), c->images[i], c->persons[i],
		    im->share[i], im->ratio[i], im->oversample[i],
		    im->weight[i], im->scarce[i]);
	}
}

static void
render_json(FILE *out, const char *source, const struct db_class_counts *c,
    const struct imbalance *im, long corrections)
{
	int	i, m, g, a, first = 1;

	fprintf(out, "{\n  \"source\": ");
	if (source)
		json_string(out, source);
	else
		fputs("null", out);
	fprintf(out, ",\n  \"labelled_images\": %ld,\n  \"unlabelled_images\":"
	    " %ld,\n  \"persons\": %ld,\n  \"imbalance_score\": %.6f,\n"
	    "  \"median_class_images\": %.1f,\n  \"classes\": [\n", im->total,
	    c->unlabelled_images, c->persons_total, im->score, im->median);
	for (i = 0; i < N_CLASS; i++) {
		label_class_parts(i, &m, &g, &a);
		fprintf(out, "    {\"class\": %d, \"mask\": \"%s\", \"gender\":"
		    " \"%s\", \"age_bin\": \"%s\", \"images\": %ld,"
		    " \"persons\": %ld, \"share\": %.6f, \"ratio_to_largest\":"
		    " %.4f, \"oversample_to_median\": %.4f, \"weight\": %.6f,"
		    " \"scarce\": %s}%s\n", i, label_mask_word(m),
		    label_gender_word(g), label_age_bin_word(a), c->images[i],
		    c->persons[i], im->share[i], im->ratio[i],
		    im->oversample[i], im->weight[i],
		    im->scarce[i] ? "true" : "false",
		    i + 1 < N_CLASS ? "," : "");
	}
	fprintf(out, "  ],\n  \"samples\": %ld,\n  \"duplicates\": %ld,\n"
	    "  \"corrections\": %ld,\n  \"mask_table\": [\n", c->samples,
	    c->duplicates, corrections);
	for (m = 0; m <= CUBE_UNKNOWN_MASK; m++) {
		fprintf(out, "    {\"mask\": \"%s\", \"samples\": %ld,"
		    " \"male\": %ld, \"female\": %ld, \"gender_unknown\": %ld,"
		    " \"<30\": %ld, \"30-59\": %ld, \"60+\": %ld,"
		    " \"age_unknown\": %ld}%s\n", m < N_MASK ?
		    label_mask_word(m) : "unknown", cube_sum(c, m, -1, -1),
		    cube_sum(c, m, 0, -1), cube_sum(c, m, 1, -1),
		    cube_sum(c, m, 2, -1), cube_sum(c, m, -1, 0),
		    cube_sum(c, m, -1, 1), cube_sum(c, m, -1, 2),
		    cube_sum(c, m, -1, 3), m < CUBE_UNKNOWN_MASK ? "," : "");
	}
	fprintf(out, "  ],\n  \"age_histogram\": {");
	for (i = 0; i <= 150; i++) {
		if (c->age_persons[i] == 0)
			continue;
		fprintf(out, "%s\"%d\": %ld", first ? "" : ", ", i,
		    c->age_persons[i]);
		first = 0;
	}
	fprintf(out, "}\n}\n");
}

int
report_imbalance(sqlite3 *db, const char *source, enum report_format fmt,
    FILE *out)
{
	struct db_class_counts	c;
	struct imbalance	im;
	long			corrections;

	if (db_class_counts(db, source, &c) != 0 ||
	    db_corrections_count(db, source, &corrections) != 0)
		return -1;
	imbalance_compute(&c, &im);
	switch (fmt) {
	case REPORT_TEXT:
		render_text(out, source, &c, &im, corrections);
		break;
	case REPORT_CSV:
		render_csv(out, &c, &im);
		break;
	case REPORT_JSON:
		render_json(out, source, &c, &im, corrections);
		break;
	}
	return 0;
}
