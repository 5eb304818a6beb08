/*
 * reports/info.c: the catalog overview of "maskcat info".
 */
#include "report.h"
#include "../db/corrections.h"

struct info_totals {
	FILE	*out;
	long	 images, persons, quarantined, sources, boxes, dups, cross;
};

static int
info_source(const struct db_source_row *r, void *arg)
{
	struct info_totals	*t = arg;

	fprintf(t->out, "%-12s %-10s %8ld %8ld %6ld %11ld %6ld  %s  %s%s%s\n",
	    r->name, r->kind, r->images, r->persons, r->boxes, r->quarantined,
	    r->duplicates, r->imported_at, r->root, *r->prefix ? ":" : "",
	    r->prefix);
	if (r->slug != NULL || r->license != NULL)
		fprintf(t->out, "%-12s kaggle: %s  licence: %s\n", "",
		    r->slug ? r->slug : "-", r->license ? r->license : "-");
	t->images += r->images;
	t->persons += r->persons;
	t->quarantined += r->quarantined;
	t->boxes += r->boxes;
	t->dups += r->duplicates;
	t->cross += r->cross_duplicates;
	t->sources++;
	return 0;
}

static int
info_quarantine(const char *source, const char *path, const char *reason,
    void *arg)
{
	fprintf((FILE *)arg, "  %s: %s: %s\n", source, path, reason);
	return 0;
}

int
report_info(sqlite3 *db, long limit, FILE *out)
{
	struct info_totals	t = { out, 0, 0, 0, 0, 0, 0, 0 };
	long			total, corrections;

	fprintf(out, "%-12s %-10s %8s %8s %6s %11s %6s  %-20s  %s\n", "source",
	    "kind", "images", "persons", "boxes", "quarantined", "dups",
	    "imported", "root");
	if (db_each_source(db, info_source, &t) != 0)
		return -1;
	fprintf(out, "%-12s %-10s %8ld %8ld %6ld %11ld %6ld\n", "total", "",
	    t.images, t.persons, t.boxes, t.quarantined, t.dups);
	if (t.dups > 0)
		fprintf(out, "\n%ld images are byte-identical copies of an"
		    " earlier one (%ld of them across sources); reports count"
		    " each once\n", t.dups, t.cross);
	if (db_corrections_count(db, NULL, &corrections) != 0)
		return -1;
	if (corrections > 0)
		fprintf(out, "\n%ld label correction%s applied (maskcat relabel"
		    " --list)\n", corrections, corrections == 1 ? "" : "s");
	if (t.quarantined == 0)
		return 0;
	fprintf(out, "\nquarantined:\n");
	if (db_each_quarantine(db, NULL, limit, info_quarantine, out,
	    &total) != 0)
		return -1;
	if (limit >= 0 && total > limit)
		fprintf(out, "  ... and %ld more (maskcat info --all lists"
		    " them)\n", total - limit);
	return 0;
}
