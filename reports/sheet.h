/*
 * reports/sheet.h: contact sheets ("maskcat sheet"): a PNG grid of
 * thumbnails, each with a caption bar, for a selection of samples, audit
 * flags, duplicate clusters or quarantined files.  sheet-select.c picks
 * the tiles; sheet.c draws and writes them.
 */
#ifndef REPORTS_SHEET_H
#define REPORTS_SHEET_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"

#define SHEET_CAPTION_LINES	3	/* text lines under each image */
#define SHEET_LINE_H		9	/* FONT_H and two blank rows */
/* Height of the caption bar under each tile's image. */
#define SHEET_CAPTION_H		(SHEET_CAPTION_LINES * SHEET_LINE_H + 3)

/* One tile: what to read and what to write under it.  Strings owned. */
struct sheet_tile {
	int64_t	 image_id;	/* 0: not a catalogued image */
	int	 box_idx;	/* the sample's own box, -1: the whole image */
	char	*source;	/* source name, or NULL */
	char	*root, *prefix;	/* where the file is; root NULL: nothing to read */
	char	*path;		/* relative to the root (shown by its tail) */
	int	 width, height;	/* catalogued size (box coordinates), 0 unknown */
	int	 orientation;	/* EXIF 1-8 (anything else: 1) */
	char	*info;		/* caption text above the path (wrapped) */
	char	*reason;	/* a known failure: no file to read, or why quarantined */
	int	 quarantined;	/* does not decode: grey tile, not an error */
	int	 row_break;	/* starts a new row of the grid */
};

/* The tiles in sheet order, at most 'limit'. */
struct sheet {
	struct sheet_tile	*t;
	size_t			 n, cap;
	long			 limit;		/* tiles kept (> 0) */
	long			 left_out;	/* tiles past the limit */
	long			 missing;	/* tiles whose item was not found (reported) */
};

/* Layout and output of a sheet. */
struct sheet_opts {
	int	tile;		/* side of a tile's image area in pixels */
	int	columns;	/* tiles per row at most */
};

/* An empty sheet keeping at most 'limit' tiles; release with sheet_release(). */
void	sheet_init(struct sheet *, long limit);
void	sheet_release(struct sheet *);

/*
 * Adds a tile (its strings are copied: any of them may be NULL) unless
 * the limit is reached, when it is only counted in left_out.  Returns the
 * new tile (owned by the sheet) or NULL when left out.
 */
struct sheet_tile *sheet_add(struct sheet *, const struct sheet_tile *);

/*
 * Selections.  Each appends tiles to 's' in its order and returns 0, or
 * -1 after reporting a failure that leaves no sheet worth drawing
 * (unknown source, unreadable flags file, catalog error).  An item that
 * cannot be found becomes a tile with a reason and is reported once
 * (counted in s->missing).
 *
 * sheet_select_samples: the samples of one source (NULL: all) passing
 * the nf filters, in catalog order.
 */
int	sheet_select_samples(sqlite3 *db, const char *source,
	    const struct db_filter *f, size_t nf, struct sheet *s);
/*
 * sheet_select_flags: the rows of an audit CSV file ("maskcat audit
 * --format csv"), in file order: a label flag shows its photo (or a
 * person's photos) with "given -> suggested score"; a swap shows the
 * person's photos with the detail; a duplicate shows the files listed.
 * source, when not NULL, keeps only its rows.
 */
int	sheet_select_flags(sqlite3 *db, const char *file, const char *source,
	    struct sheet *s);
/*
 * sheet_select_clusters: the duplicate clusters as "report duplicates"
 * finds them (perceptual-hash distance <= threshold).  cluster NULL: all
 * clusters of two or more images, largest first, each starting a row;
 * otherwise the cluster of the image whose catalog id, or whose path (or
 * SOURCE:PATH), is 'cluster'.
 */
int	sheet_select_clusters(sqlite3 *db, const char *source, int threshold,
	    const char *cluster, struct sheet *s);
/* sheet_select_quarantine: the quarantined files, by source and path. */
int	sheet_select_quarantine(sqlite3 *db, const char *source,
	    struct sheet *s);

/*
 * Draws the tiles of 's' as a grid and writes it to 'out' as a PNG
 * (atomically).  A tile whose file cannot be read or decoded gets a red
 * cross and its reason (reported through error() with the file, counted
 * in *failed); a quarantined file that does not decode gets a grey tile
 * (not counted).  Returns 0 when the sheet was written, or -1 after
 * reporting (too large, cannot write).  db gives the boxes.
 */
int	sheet_render(sqlite3 *db, const struct sheet *s,
	    const struct sheet_opts *o, const char *out, long *failed);

/*
 * Pure helpers of the layout, exposed for tests.  sheet_wrap() splits
 * 'text' into at most 'lines' lines of at most 'width' bytes each (at
 * spaces when it can, the last line ending in "..." when the text does
 * not fit), into buf (lines * (width + 1) bytes, each line NUL-ended);
 * returns the number of lines used.  sheet_tail() writes the last bytes
 * of 'path' that fit 'width' into buf (width + 1 bytes), starting with
 * "..." when cut.
 */
int	sheet_wrap(const char *text, int width, int lines, char *buf);
void	sheet_tail(const char *path, int width, char *buf);

#endif
