/*
 * reports/plot.c: the gnuplot scripts of "maskcat plot".  Each chart is
 * one self-contained script: terminal and output first, then its data as
 * a datablock ($data << EOD), then the plot command, so it can be saved
 * with --script, tweaked and run again with "gnuplot FILE".  Running
 * gnuplot is plot-run.c's job.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plot.h"
#include "report.h"
#include "../db/db.h"
#include "../lib/err.h"
#include "../lib/file.h"
#include "../lib/labels.h"

#define MAX_REPORT	(64u << 20)	/* split_report.json is a few KiB */
#define MAX_STRATA	64

static const char *const kind_names[] = {
	"classes", "ages", "cube", "sources", "split"
};

/* The colours: one per mask state (and unknown), bars of the cube. */
static const char *const mask_colour[] = {
	"#2ca02c", "#ff7f0e", "#d62728", "#7f7f7f"
};
static const char *const cube_colour[3][4] = {
	{ "#9ecae1", "#4292c6", "#08519c", "#c6dbef" },	/* male */
	{ "#fcbba1", "#fb6a4a", "#a50f15", "#fee0d2" },	/* female */
	{ "#d9d9d9", "#969696", "#525252", "#f0f0f0" },	/* gender unknown */
};
#define COLOUR_BAR	"#4c72b0"
#define COLOUR_SCARCE	"#d62728"
#define COLOUR_EDGE	"#555555"

/* See plot.h. */
int
plot_kind_parse(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

/* See plot.h. */
int
plot_format_for(const char *path)
{
	const char	*slash = strrchr(path, '/'), *base, *dot;

	base = slash != NULL ? slash + 1 : path;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return -1;	/* ".png" names a hidden file without type */
	if (strcasecmp(dot + 1, "png") == 0)
		return PLOT_PNG;
	if (strcasecmp(dot + 1, "svg") == 0)
		return PLOT_SVG;
	return -1;
}

/*
 * Writes 's' as a gnuplot double-quoted string (titles, labels): \ and "
 * escaped, control characters made blanks.
 */
static void
gp_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc((unsigned char)*s < 0x20 ? ' ' : *s, fp);
	}
	fputc('"', fp);
}

/*
 * Writes 's' as one quoted field of a datablock line.  gnuplot's data
 * reader knows no escapes inside quotes, so " becomes ' and control
 * characters blanks: the label may change a little, the columns never.
 */
static void
gp_datum(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++)
		fputc(*s == '"' ? '\'' : (unsigned char)*s < 0x20 ? ' ' : *s,
		    fp);
	fputc('"', fp);
}

/* The preamble: what made the script, terminal, size and output. */
static void
gp_head(FILE *fp, const struct plot_opts *o, const char *output)
{
	fprintf(fp, "# maskcat plot %s: a gnuplot script (run: gnuplot FILE)\n",
	    kind_names[o->kind]);
	if (o->format == PLOT_SVG)
		fprintf(fp, "set terminal svg size %d,%d noenhanced"
		    " font \"sans,10\" background rgb \"white\"\n", o->width,
		    o->height);
	else
		fprintf(fp, "if (strstrt(\" \".GPVAL_TERMINALS.\" \","
		    " \" pngcairo \") > 0) {\n"
		    "\tset terminal pngcairo size %d,%d noenhanced"
		    " font \"sans,10\" background rgb \"white\"\n"
		    "} else {\n"
		    "\tset terminal png size %d,%d noenhanced"
		    " background rgb \"white\"\n"
		    "}\n", o->width, o->height, o->width, o->height);
	fprintf(fp, "set output '%s'\n", output);
}

/* "all sources" or "source 'x'" into buf. */
static const char *
scope(const struct plot_opts *o, char *buf, size_t size)
{
	if (o->source == NULL)
		snprintf(buf, size, "all sources");
	else
		snprintf(buf, size, "source '%s'", o->source);
	return buf;
}

static void
class_name(int cls, char buf[40])
{
	int	m, g, a;

	label_class_parts(cls, &m, &g, &a);
	snprintf(buf, 40, "%s %s %s", label_mask_word(m),
	    label_gender_word(g), label_age_bin_word(a));
}

/* The 18 classes as bars; the scarce ones red, each named in the key. */
static int
script_classes(sqlite3 *db, const struct plot_opts *o, FILE *fp)
{
	struct db_class_counts	c;
	struct imbalance	im;
	char			sc[300], name[40], *title;
	int			i, nscarce = 0;

	if (db_class_counts(db, o->source, &c) != 0)
		return -1;
	imbalance_compute(&c, &im);
	if (im.total == 0)
		return error("nothing to plot: %s has no sample with a full"
		    " class (mask, gender and age)", scope(o, sc, sizeof sc));
	for (i = 0; i < N_CLASS; i++)
		nscarce += im.scarce[i];
	title = xasprintf("images per class, %s: %ld samples, median class"
	    " %.1f, %d scarce (under half the median)",
	    scope(o, sc, sizeof sc), im.total, im.median, nscarce);
	fputs("set title ", fp);
	gp_string(fp, title);
	free(title);
	fputs("\nset ylabel \"images\"\n"
	    "set style fill solid 0.85 border -1\n"
	    "set boxwidth 0.8\n"
	    "set xrange [-0.6:17.6]\n"
	    "set yrange [0:*]\n"
	    "set xtics rotate by 45 right nomirror\n"
	    "set grid ytics\n"
	    "set key top right\n", fp);
	if (im.median / 2 > 0)
		fprintf(fp, "set arrow 1 from graph 0, first %g to graph 1,"
		    " first %g nohead dashtype 2 lc rgb \"%s\" front\n"
		    "set label 1 \"half the median (%g)\" at graph 0.99,"
		    " first %g right offset 0,0.7 tc rgb \"%s\" front\n", im.median / 2,
		    im.median / 2, COLOUR_SCARCE, im.median / 2, im.median / 2,
		    COLOUR_SCARCE);
	fputs("$data << EOD\n# class name images scarce\n", fp);
	for (i = 0; i < N_CLASS; i++) {
		class_name(i, name);
		fprintf(fp, "%d ", i);
		gp_datum(fp, name);
		fprintf(fp, " %ld %d\n", c.images[i], im.scarce[i]);
	}
	fprintf(fp, "EOD\nplot $data using 1:3:xtic(2) with boxes"
	    " lc rgb \"%s\" title \"images\"", COLOUR_BAR);
	for (i = 0; i < N_CLASS; i++) {
		if (!im.scarce[i])
			continue;
		class_name(i, name);
		title = xasprintf("scarce: %s (%ld)", name, c.images[i]);
		fprintf(fp, ", \\\n     $data using 1:($1 == %d ? $3 : NaN)"
		    " with boxes lc rgb \"%s\" title ", i, COLOUR_SCARCE);
		gp_string(fp, title);
		free(title);
	}
	fputc('\n', fp);
	return 0;
}

/* The age histogram with the bin edges at 30 and 60 drawn and named. */
static int
script_ages(sqlite3 *db, const struct plot_opts *o, FILE *fp)
{
	struct db_class_counts	c;
	char			sc[300], *title;
	long			persons = 0;
	int			i, oldest = -1, xmax;

	if (db_class_counts(db, o->source, &c) != 0)
		return -1;
	for (i = 0; i <= 150; i++) {
		persons += c.age_persons[i];
		if (c.age_persons[i] > 0)
			oldest = i;
	}
	if (oldest < 0)
		return error("nothing to plot: %s has no person or sample with"
		    " an age", scope(o, sc, sizeof sc));
	xmax = oldest + 5 > 70 ? oldest + 5 : 70;
	title = xasprintf("persons by age, %s: %ld with an age (samples"
	    " without a person count alone)", scope(o, sc, sizeof sc),
	    persons);
	fputs("set title ", fp);
	gp_string(fp, title);
	free(title);
	fprintf(fp, "\nset xlabel \"age (years)\"\n"
	    "set ylabel \"persons\"\n"
	    "set style fill solid 0.85 border -1\n"
	    "set boxwidth 0.9\n"
	    "set xrange [-0.5:%d.5]\n"
	    "set yrange [0:*]\n"
	    "set xtics 0,10 nomirror\n"
	    "set grid ytics\n"
	    "set key off\n"
	    "set arrow 1 from 29.5, graph 0 to 29.5, graph 1 nohead"
	    " dashtype 2 lw 1.5 lc rgb \"%s\"\n"
	    "set arrow 2 from 59.5, graph 0 to 59.5, graph 1 nohead"
	    " dashtype 2 lw 1.5 lc rgb \"%s\"\n"
	    "set label 1 \"30\" at 29.5, graph 1 center offset 0,0.7"
	    " tc rgb \"%s\"\n"
	    "set label 2 \"60\" at 59.5, graph 1 center offset 0,0.7"
	    " tc rgb \"%s\"\n"
	    "set label 3 \"<30\" at 15, graph 0.95 center\n"
	    "set label 4 \"30-59\" at 45, graph 0.95 center\n"
	    "set label 5 \"60+\" at %g, graph 0.95 center\n",
	    xmax, COLOUR_EDGE, COLOUR_EDGE, COLOUR_EDGE, COLOUR_EDGE,
	    (59.5 + xmax + 0.5) / 2);
	fputs("$data << EOD\n# age persons\n", fp);
	for (i = 0; i <= 150; i++)
		if (c.age_persons[i] > 0)
			fprintf(fp, "%d %ld\n", i, c.age_persons[i]);
	fprintf(fp, "EOD\nplot $data using 1:2 with boxes lc rgb \"%s\"\n",
	    COLOUR_BAR);
	return 0;
}

static const char *
mask_word(int m)
{
	return m < N_MASK ? label_mask_word(m) : "unknown";
}

/* Mask states as groups of bars, one bar per gender x age bin. */
static int
script_cube(sqlite3 *db, const struct plot_opts *o, FILE *fp)
{
	struct db_class_counts	c;
	char			sc[300], *title;
	int			m, g, a, ng, na, nm, col, first = 1;

	if (db_class_counts(db, o->source, &c) != 0)
		return -1;
	if (cube_sum(&c, -1, -1, -1) == 0)
		return error("nothing to plot: %s has no labelled sample",
		    scope(o, sc, sizeof sc));
	/* The unknown column or group only when something is unknown. */
	nm = cube_sum(&c, CUBE_UNKNOWN_MASK, -1, -1) ? 4 : 3;
	ng = cube_sum(&c, -1, CUBE_UNKNOWN_GENDER, -1) ? 3 : 2;
	na = cube_sum(&c, -1, -1, CUBE_UNKNOWN_AGE) ? 4 : 3;
	title = xasprintf("samples by mask state, gender and age bin, %s:"
	    " %ld samples", scope(o, sc, sizeof sc), cube_sum(&c, -1, -1,
	    -1));
	fputs("set title ", fp);
	gp_string(fp, title);
	free(title);
	fputs("\nset ylabel \"samples\"\n"
	    "set style data histograms\n"
	    "set style histogram clustered gap 2\n"
	    "set style fill solid 0.85 border -1\n"
	    "set yrange [0:*]\n"
	    "set xtics nomirror\n"
	    "set grid ytics\n"
	    "set key outside right top vertical\n"
	    "$data << EOD\n# mask", fp);
	for (g = 0; g < ng; g++)
		for (a = 0; a < na; a++)
			fprintf(fp, " \"%s %s\"", g < N_GENDER ?
			    label_gender_word(g) : "?gender", a < N_AGE_BIN ?
			    label_age_bin_word(a) : "?age");
	fputc('\n', fp);
	for (m = 0; m < nm; m++) {
		gp_datum(fp, mask_word(m));
		for (g = 0; g < ng; g++)
			for (a = 0; a < na; a++)
				fprintf(fp, " %ld", c.cube[m][g][a]);
		fputc('\n', fp);
	}
	fputs("EOD\nplot", fp);
	for (g = 0, col = 2; g < ng; g++) {
		for (a = 0; a < na; a++, col++) {
			fprintf(fp, "%s $data using %d%s title \"%s %s\""
			    " lc rgb \"%s\"", first ? "" : ", \\\n    ", col,
			    first ? ":xtic(1)" : "", g < N_GENDER ?
			    label_gender_word(g) : "?gender", a < N_AGE_BIN ?
			    label_age_bin_word(a) : "?age", cube_colour[g][a]);
			first = 0;
		}
	}
	fputc('\n', fp);
	return 0;
}

struct names {
	char	**v;
	size_t	  n, cap;
};

static int
collect_source(const struct db_source_row *r, void *arg)
{
	struct names	*s = arg;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = xstrdup(r->name);
	return 0;
}

/* One stacked bar per source: its samples by mask state. */
static int
script_sources(sqlite3 *db, const struct plot_opts *o, FILE *fp)
{
	struct db_class_counts	 c;
	struct names		 s = { NULL, 0, 0 };
	long			(*mask)[4] = NULL, total = 0, unknown = 0;
	char			 sc[300];
	size_t			 i;
	int			 m, nm, ret = -1;

	if (o->source != NULL) {
		if (db_check_source(db, o->source) != 0)
			goto out;
		collect_source(&(struct db_source_row){ .name = o->source },
		    &s);
	} else if (db_each_source(db, collect_source, &s) != 0)
		goto out;
	mask = xcalloc(s.n ? s.n : 1, sizeof *mask);
	for (i = 0; i < s.n; i++) {
		if (db_class_counts(db, s.v[i], &c) != 0)
			goto out;
		for (m = 0; m < 4; m++)
			mask[i][m] = cube_sum(&c, m, -1, -1);
		total += cube_sum(&c, -1, -1, -1);
		unknown += mask[i][CUBE_UNKNOWN_MASK];
	}
	if (total == 0) {
		error("nothing to plot: %s %s no labelled sample",
		    scope(o, sc, sizeof sc), o->source ? "has" : "have");
		goto out;
	}
	nm = unknown ? 4 : 3;
	fprintf(fp, "set title \"samples by mask state per source: %zu"
	    " source%s, %ld samples\"\n", s.n, s.n == 1 ? "" : "s", total);
	fputs("set ylabel \"samples\"\n"
	    "set style data histograms\n"
	    "set style histogram rowstacked\n"
	    "set style fill solid 0.85 border -1\n"
	    "set boxwidth 0.6\n"
	    "set yrange [0:*]\n"
	    "set xtics rotate by 45 right nomirror\n"
	    "set grid ytics\n"
	    "set key outside right top vertical\n"
	    "$data << EOD\n# source", fp);
	for (m = 0; m < nm; m++)
		fprintf(fp, " %s", mask_word(m));
	fputc('\n', fp);
	for (i = 0; i < s.n; i++) {
		gp_datum(fp, s.v[i]);
		for (m = 0; m < nm; m++)
			fprintf(fp, " %ld", mask[i][m]);
		fputc('\n', fp);
	}
	fputs("EOD\nplot", fp);
	for (m = 0; m < nm; m++)
		fprintf(fp, "%s $data using %d%s title \"%s\" lc rgb \"%s\"",
		    m ? ", \\\n    " : "", m + 2, m ? "" : ":xtic(1)",
		    mask_word(m), mask_colour[m]);
	fputc('\n', fp);
	ret = 0;
out:
	for (i = 0; i < s.n; i++)
		free(s.v[i]);
	free(s.v);
	free(mask);
	return ret;
}

struct stratum {
	char	*name;
	double	 whole, share[2];
};

/*
 * Reads the strata of an export's split_report.json with SQLite's JSON
 * functions on a private in-memory connection (as export/verify.c does;
 * the catalog is not involved).  *st (n rows) is malloc()ed; free it and
 * each name.  side[] gets the side names.  0, or -1 after reporting.
 */
static int
read_split_report(const char *path, struct stratum **strata, size_t *n,
    char side[2][32])
{
	static const char sql[] =
	    "SELECT json_extract(j.value, '$.stratum'),"
	    " json_extract(j.value, '$.whole'),"
	    " json_extract(j.value, '$.share[0]'),"
	    " json_extract(j.value, '$.share[1]'),"
	    " json_extract(?1, '$.sides[0]'), json_extract(?1, '$.sides[1]')"
	    " FROM json_each(?1, '$.strata') j";
	struct stratum	*v = NULL;
	sqlite3		*mem = NULL;
	sqlite3_stmt	*st = NULL;
	const char	*name, *s0, *s1;
	char		*json = NULL, why[256];
	size_t		 len, i, nv = 0;
	int		 step, ret = -1;

	if (file_read(path, MAX_REPORT, &json, &len, why) != 0) {
		error("cannot read '%s': %s", path, why);
		goto out;
	}
	if (sqlite3_open(":memory:", &mem) != SQLITE_OK ||
	    sqlite3_prepare_v2(mem, sql, -1, &st, NULL) != SQLITE_OK) {
		error("cannot read '%s': %s", path, sqlite3_errmsg(mem));
		goto out;
	}
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	v = xcalloc(MAX_STRATA, sizeof *v);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		if (name == NULL || sqlite3_column_type(st, 1) == SQLITE_NULL ||
		    sqlite3_column_type(st, 2) == SQLITE_NULL ||
		    sqlite3_column_type(st, 3) == SQLITE_NULL) {
			error("'%s': stratum %zu lacks stratum, whole or"
			    " share[0..1] (is it a maskcat split_report.json"
			    " of a two-sided split?)", path, nv + 1);
			goto out;
		}
		if (nv == MAX_STRATA) {
			error("'%s': more than %d strata", path, MAX_STRATA);
			goto out;
		}
		v[nv].name = xstrdup(name);
		v[nv].whole = sqlite3_column_double(st, 1);
		v[nv].share[0] = sqlite3_column_double(st, 2);
		v[nv].share[1] = sqlite3_column_double(st, 3);
		s0 = (const char *)sqlite3_column_text(st, 4);
		s1 = (const char *)sqlite3_column_text(st, 5);
		snprintf(side[0], 32, "%s", s0 ? s0 : "side 1");
		snprintf(side[1], 32, "%s", s1 ? s1 : "side 2");
		nv++;
	}
	if (step != SQLITE_DONE) {
		error("cannot read '%s': %s", path, sqlite3_errmsg(mem));
		goto out;
	}
	if (nv == 0) {
		error("'%s' lists no strata (is it a maskcat"
		    " split_report.json?)", path);
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(mem);
	free(json);
	if (ret != 0) {
		for (i = 0; i < nv; i++)
			free(v[i].name);
		free(v);
		v = NULL;
		nv = 0;
	}
	*strata = v;
	*n = nv;
	return ret;
}

/* Per stratum: the whole's share and each side's, as grouped bars. */
static int
script_split(const struct plot_opts *o, FILE *fp)
{
	struct stratum	*v;
	char		 side[2][32], *title;
	size_t		 n, i;

	if (o->report == NULL)
		return error("plot split needs --report OUT/split_report.json");
	if (read_split_report(o->report, &v, &n, side) != 0)
		return -1;
	title = xasprintf("share of each stratum: the whole, %s and %s (%s)",
	    side[0], side[1], o->report);
	fputs("set title ", fp);
	gp_string(fp, title);
	free(title);
	fputs("\nset ylabel \"share of the samples (%)\"\n"
	    "set style data histograms\n"
	    "set style histogram clustered gap 1\n"
	    "set style fill solid 0.85 border -1\n"
	    "set yrange [0:*]\n"
	    "set xtics rotate by 45 right nomirror\n"
	    "set grid ytics\n"
	    "set key top right\n"
	    "$data << EOD\n# stratum whole%", fp);
	fprintf(fp, " %s%% %s%%\n", side[0], side[1]);
	for (i = 0; i < n; i++) {
		gp_datum(fp, v[i].name);
		fprintf(fp, " %.4f %.4f %.4f\n", 100 * v[i].whole,
		    100 * v[i].share[0], 100 * v[i].share[1]);
		free(v[i].name);
	}
	free(v);
	fprintf(fp, "EOD\nplot $data using 2:xtic(1) title \"whole\""
	    " lc rgb \"#7f7f7f\", \\\n    $data using 3 title ");
	gp_string(fp, side[0]);
	fprintf(fp, " lc rgb \"%s\", \\\n    $data using 4 title ", COLOUR_BAR);
	gp_string(fp, side[1]);
	fprintf(fp, " lc rgb \"#dd8452\"\n");
	return 0;
}

/* See plot.h. */
int
plot_script(sqlite3 *db, const struct plot_opts *o, const char *output,
    char **script, size_t *len)
{
	FILE	*fp;
	int	 rc = -1;

	*script = NULL;
	*len = 0;
	if (output[strcspn(output, "'\r\n")] != '\0')
		return error("cannot plot to '%s': the name holds a quote or a"
		    " line break, which the gnuplot script cannot carry",
		    output);
	if ((fp = open_memstream(script, len)) == NULL)
		return error_errno("cannot build the gnuplot script");
	gp_head(fp, o, output);
	switch (o->kind) {
	case PLOT_CLASSES:
		rc = script_classes(db, o, fp);
		break;
	case PLOT_AGES:
		rc = script_ages(db, o, fp);
		break;
	case PLOT_CUBE:
		rc = script_cube(db, o, fp);
		break;
	case PLOT_SOURCES:
		rc = script_sources(db, o, fp);
		break;
	case PLOT_SPLIT:
		rc = script_split(o, fp);
		break;
	}
	if (fclose(fp) != 0 && rc == 0)
		rc = error_errno("cannot build the gnuplot script");
	if (rc != 0) {
		free(*script);
		*script = NULL;
		*len = 0;
	}
	return rc;
}
