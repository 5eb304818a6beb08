/*
 * reports/info.c: the catalog overview of "maskcat info".
 */
#include "report.h"

struct info_totals {
	FILE	*out;
	long	 images, persons, quarantined, sources;
};

static int
info_source(const struct db_source_row *r, void *arg)
{
	struct info_totals	*t = arg;

	fprintf(t->out, "%-12s %-6s %8ld %8ld %11ld  %s  %s\n", r->name,
	    r->kind, r->images, r->persons, r->quarantined, r->imported_at,
	    r->root);
	t->images += r->images;
	t->persons += r->persons;
	t->quarantined += r->quarantined;
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
	struct info_totals	t = { out, 0, 0, 0, 0 };
	long			total;

	fprintf(out, "%-12s %-6s %8s %8s %11s  %-20s  %s\n", "source", "kind",
	    "images", "persons", "quarantined", "imported", "root");
	if (db_each_source(db, info_source, &t) != 0)
		return -1;
	fprintf(out, "%-12s %-6s %8ld %8ld %11ld\n", "total", "", t.images,
	    t.persons, t.quarantined);
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
