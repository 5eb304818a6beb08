/*
 * audit/features.h: the feature vector the label audit's classifier sees.
 * One fixed-length vector of floats per upright RGB image, computed from
 * area-averaged 64x64 and 32x32 copies, so any input size gives the same
 * length and a cost that hardly depends on the input size.  Pure: no I/O,
 * no global state, safe to call from several threads at once.
 *
 * The vector is a concatenation of blocks (offsets below), chosen for what
 * tells a worn, a badly worn and a missing mask apart, and also age and
 * gender:
 *   HOG64	gradient-orientation histograms, 8x8 cells of 8x8 pixels, 9
 *		unsigned bins, each cell normalised by the energy of its 3x3
 *		neighbourhood, then square-rooted;
 *   HOG32	the same on the 32x32 copy, 4x4 cells (coarse shapes);
 *   GRID	per cell of an 8x8 grid: mean CIE L*, a*, b*, the spread of
 *		L* and the share of skin-coloured pixels;
 *   LBP	local binary patterns: rotation-invariant uniform codes (10
 *		bins) in a 4x4 grid, and the 59 uniform codes in the upper,
 *		middle and lower thirds;
 *   HUE	colour-name histograms (12 hues x dark/bright + 4 greys) of the
 *		upper half, the lower half and the lower centre (the mouth);
 *   REGION	statistics of seven face regions (forehead, eyes, nose,
 *		mouth, chin, left and right cheek) and how far each lower
 *		region's colour, skin share and edges are from the upper face.
 * Bump AUDIT_FEAT_VERSION whenever any definition changes, so stored
 * vectors are recomputed.
 */
#ifndef AUDIT_FEATURES_H
#define AUDIT_FEATURES_H

#define AUDIT_FEAT_VERSION	1

#define AUDIT_FEAT_HOG64	0
#define AUDIT_FEAT_HOG64_DIM	(8 * 8 * 9)
#define AUDIT_FEAT_HOG32	(AUDIT_FEAT_HOG64 + AUDIT_FEAT_HOG64_DIM)
#define AUDIT_FEAT_HOG32_DIM	(4 * 4 * 9)
#define AUDIT_FEAT_GRID		(AUDIT_FEAT_HOG32 + AUDIT_FEAT_HOG32_DIM)
#define AUDIT_FEAT_GRID_DIM	(8 * 8 * 5)
#define AUDIT_FEAT_LBP		(AUDIT_FEAT_GRID + AUDIT_FEAT_GRID_DIM)
#define AUDIT_FEAT_LBP_DIM	(4 * 4 * 10 + 3 * 59)
#define AUDIT_FEAT_HUE		(AUDIT_FEAT_LBP + AUDIT_FEAT_LBP_DIM)
#define AUDIT_FEAT_HUE_DIM	(3 * 28)
#define AUDIT_FEAT_REGION	(AUDIT_FEAT_HUE + AUDIT_FEAT_HUE_DIM)
#define AUDIT_FEAT_REGION_DIM	(7 * 8 + 5 * 5)

/* The length of every vector audit_features() writes. */
#define AUDIT_FEAT_DIM		(AUDIT_FEAT_REGION + AUDIT_FEAT_REGION_DIM)

/*
 * Writes the AUDIT_FEAT_DIM features of the upright 8-bit RGB image rgb
 * (w*h*3 bytes, rows top to bottom, w, h >= 1; borrowed, only read) to
 * out[0..AUDIT_FEAT_DIM) (caller-owned).  Every value is finite.  The
 * image should be the face or the head and shoulders (a whole photo
 * works, less well); EXIF orientation must already be applied.  Cannot
 * fail: dies only on out-of-memory (scratch buffers, freed before it
 * returns).
 */
void	audit_features(const unsigned char *rgb, int w, int h, float *out);

#endif
