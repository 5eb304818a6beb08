/*
 * audit/features-int.h: what the feature files share (not for callers).
 * features.c does colour and regions, feat-texture.c gradients and local
 * binary patterns; both work on the same 64x64 planes.
 */
#ifndef AUDIT_FEATURES_INT_H
#define AUDIT_FEATURES_INT_H

#define FEAT_SIDE	64		/* the working copy is FEAT_SIDE square */
#define FEAT_NPIX	(FEAT_SIDE * FEAT_SIDE)
#define FEAT_COARSE	32		/* the coarse copy for HOG32 */

/* The planes of one image, filled in this order by audit_features(). */
struct feat_planes {
	float	grey[FEAT_NPIX];	/* luma 0..1 */
	float	mag[FEAT_NPIX];		/* gradient magnitude of grey */
	float	ang[FEAT_NPIX];		/* unsigned orientation, 0..pi */
	float	lab[FEAT_NPIX * 3];	/* CIE L*a*b* (D65) / 100 */
	float	skin[FEAT_NPIX];	/* 1 when YCbCr says skin, else 0 */
	int	hue[FEAT_NPIX];		/* colour name 0..27, see features.c */
};

/*
 * Gradient magnitude and orientation of a side x side plane of floats
 * (one-sided differences at the border).  All buffers side * side,
 * caller-owned.
 */
void	feat_gradient(const float *grey, int side, float *mag, float *ang);

/*
 * Writes (side / cell)^2 * 9 HOG values to out from mag and ang (side x
 * side): each cell's 9-bin histogram divided by the root mean energy of
 * its 3x3 neighbourhood of cells, then square-rooted.
 */
void	feat_hog(const float *mag, const float *ang, int side, int cell,
	    float *out);

/* Writes AUDIT_FEAT_LBP_DIM local binary pattern values of p->grey. */
void	feat_lbp(const struct feat_planes *p, float *out);

#endif
