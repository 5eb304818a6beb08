/*
 * synth/plan.h: deciding who is in the sample before anything is drawn:
 * ages and genders that follow the real histograms, ids with the real
 * quirks, file extensions, resource forks, injected label errors and the
 * eval photos.  Pure: no files, no pixels, so the unit tests can check it.
 */
#ifndef SYNTH_PLAN_H
#define SYNTH_PLAN_H

#include <stdint.h>

#include "synth.h"

#define SYNTH_AGE_MIN		18
#define SYNTH_AGE_MAX		60
#define SYNTH_FILES		7	/* mask1..mask5, incorrect_mask, normal */
#define SYNTH_REAL_PERSONS	2700
#define SYNTH_MAX_PERSONS	100000
#define SYNTH_MAX_EVAL		1000000

enum synth_ext { SYNTH_EXT_JPG = 0, SYNTH_EXT_JPEG, SYNTH_EXT_PNG };
enum synth_err {
	SYNTH_ERR_NONE = 0,
	SYNTH_ERR_GENDER,	/* label says the other gender */
	SYNTH_ERR_SWAP,		/* incorrect_mask and normal photos swapped */
	SYNTH_ERR_AGE		/* label age in another age bin */
};

/* Quality dirt injected into a photo (--dirt). */
enum synth_dirt {
	SYNTH_DIRT_NONE = 0,
	SYNTH_DIRT_DARK,	/* pixels scaled to 12% */
	SYNTH_DIRT_BLURRY,	/* a wide box blur */
	SYNTH_DIRT_DUPLICATE,	/* the same bytes as another person's photo */
	SYNTH_DIRT_REENCODED	/* another person's photo, JPEG quality 60 */
};

struct synth_person {
	char		id[24];		/* "000600", "000600-1" */
	char		folder[64];	/* <id>_<gender>_Asian_<age>, as labelled */
	int		gender;		/* drawn (true) gender */
	int		age;		/* drawn (true) age */
	int		label_gender;	/* as written in train.csv and the folder */
	int		label_age;
	int		incorrect_kind;	/* 0 below the nose, 1 on the chin */
	int		error;		/* SYNTH_ERR_* */
	unsigned	forks;		/* bit k: write "._<file k>" */
	unsigned char	ext[SYNTH_FILES];	/* SYNTH_EXT_* per file */
	unsigned char	dirt[SYNTH_FILES];	/* SYNTH_DIRT_* per file */
	int		src[SYNTH_FILES];	/* copies: source photo person * 7 + file */
	uint64_t	seed;		/* identity */
};

struct synth_eval {
	char		name[44];	/* 40 hex chars + ".jpg" */
	struct synth_look look;
};

struct synth_plan {
	struct synth_person	*persons;
	int			 n_persons;
	struct synth_eval	*eval;
	int			 n_eval;
	int			 n_errors;	/* persons given an error */
	int			 n_dirt;	/* photos given dirt */
};

/* Per-class image counts of the real set (DATASETS.md), class 0-17. */
extern const int synth_real_class_images[18];

/*
 * Splits n persons over (age, gender) cells: counts[age][gender] for ages
 * 0..SYNTH_AGE_MAX (only 18..60 are non-zero).  The (age bin, gender)
 * totals are n times the real shares by largest remainder, then each is
 * spread over its ages by the real histogram; with n >= 20 each gender
 * has at least one person aged 60.  Cannot fail.
 */
void	synth_alloc_ages(int n, int counts[SYNTH_AGE_MAX + 1][2]);

/*
 * Builds the whole plan for opts (persons, eval_images >= 0 resolved by
 * the caller, seed, errors_csv, error_rate).  The arrays are malloc()ed
 * and owned by the plan: release with synth_plan_release().  Cannot fail
 * (dies on out-of-memory).
 */
void	synth_plan_make(struct synth_plan *, const struct synth_opts *);
/* Frees what synth_plan_make() allocated; the plan may be reused. */
void	synth_plan_release(struct synth_plan *);

/* File name without extension of file k: "mask1" .. "normal". */
const char	*synth_file_base(int k);
/* ".jpg", ".jpeg" or ".png". */
const char	*synth_ext_name(int ext);
/* Mask state drawn in file k of person p (swap errors exchange 5 and 6). */
int		 synth_file_mask(const struct synth_person *p, int k);
/* The look of file k of person p (true gender and age). */
void		 synth_file_look(const struct synth_person *p, int k,
		    struct synth_look *look);

#endif
