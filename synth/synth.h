/*
 * synth/synth.h: the built-in sample generator.  Writes a dataset in
 * exactly the base layout (DATASETS.md section 1) whose pixels carry the
 * labels: procedurally drawn people with a mask worn, worn incorrectly or
 * not worn, with cues that differ by gender and age.
 */
#ifndef SYNTH_SYNTH_H
#define SYNTH_SYNTH_H

#include <stdint.h>

#define SYNTH_W	384
#define SYNTH_H	512

struct synth_opts {
	const char	*dir;		/* output root: DIR/train, DIR/eval */
	int		 persons;	/* number of persons (default 2700) */
	int		 eval_images;	/* -1: 12600 * persons / 2700 */
	uint64_t	 seed;		/* same seed, same bytes */
	const char	*errors_csv;	/* NULL, or where to write the truth of injected errors */
	double		 error_rate;	/* share of persons given an error (default 0.03) */
};

/* What one photo shows; the generator's ground truth. */
struct synth_look {
	int		gender;		/* GENDER_* */
	int		age;		/* years */
	int		mask;		/* MASK_* */
	int		incorrect_kind;	/* 0 below nose, 1 on chin (MASK_INCORRECT) */
	uint64_t	person_seed;	/* identity: face shape, skin, hair, clothes */
	uint64_t	shot_seed;	/* this photo: pose, light, background, noise */
};

/*
 * Draws one 384x512 photo into rgb (SYNTH_W*SYNTH_H*3 bytes, caller-owned).
 * Deterministic for a given look.  Cannot fail.
 */
void	synth_draw(unsigned char *rgb, const struct synth_look *look);

/*
 * Writes the whole dataset.  Returns 0, or -1 after reporting the error
 * (e.g. "cannot create 'DIR/train': Permission denied").  Refuses to write
 * into a DIR/train that already exists.
 */
int	synth_dataset(const struct synth_opts *);

#endif
