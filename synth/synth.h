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
	const char	*dirt_csv;	/* NULL, or where to write the truth of injected dirt */
	double		 dirt_rate;	/* share of photos made dirty (default 0.01) */
	int		 jobs;		/* drawing threads; 0: one per CPU (at most 16) */
};

/* What synth_dataset() wrote, for the caller's summary line. */
struct synth_stats {
	int		persons;
	int		photos;		/* train photos: 7 per person */
	int		eval_images;
	int		errors;		/* persons given a label error */
	int		dirt;		/* photos made dark, blurry or copies */
	int		forks;		/* "._" resource-fork files */
	int		jobs;		/* threads used */
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
 * into a DIR/train or DIR/eval that already exists.  DIR itself is
 * created as by mkdir -p.  Photos, CSVs and forks are each written under
 * a temporary name and renamed; the CSVs come last, so a train.csv means
 * every photo was written.  The output does not depend on o->jobs.  On
 * success *stats (if not NULL) says what was written.  Nothing allocated
 * outlives the call; opts and its strings are borrowed.
 */
int	synth_dataset(const struct synth_opts *o, struct synth_stats *stats);

#endif
