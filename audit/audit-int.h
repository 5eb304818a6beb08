/*
 * audit/audit-int.h: what the files behind "maskcat audit" share.  Not
 * for callers outside audit/ and tests/.
 */
#ifndef AUDIT_AUDIT_INT_H
#define AUDIT_AUDIT_INT_H

#include "audit.h"
#include "../image/image.h"

struct asource {
	char	*name, *kind, *root, *container, *prefix;
};

struct asample {
	int64_t		 image_id, box_id;
	int		 box_idx;		/* -1: whole image */
	struct img_rect	 box;
	size_t		 src;
	char		*path;
	int64_t		 person_id;
	char		*person;		/* folder, or NULL */
	int		 label[AUDIT_NTASKS];	/* mask, gender, age bin; -1 */
	char		 hash[17];
	int		 orientation;
	int64_t		 cluster;		/* duplicate cluster, 0 none */
	size_t		 group;
	size_t		 unit;			/* person (or itself) index */
	int		 has_x;
};

enum aflag_kind { FLAG_LABEL, FLAG_SWAP, FLAG_DUP };

/* One flagged item. */
struct aflag {
	enum aflag_kind	 kind;
	int		 task;
	size_t		 sample;		/* the sample, or a person's first */
	int		 person;		/* 1: the item is the person */
	int		 given, suggested;	/* label codes */
	double		 score;			/* lower: more suspect; swaps: log LR */
	char		*detail;		/* swaps and duplicates: text */
};

/* Per task figures. */
struct atask {
	int		 run;			/* 0: not asked or no rows */
	long		 rows, units;		/* samples, persons judged */
	double		 acc, macro_f1;		/* out-of-fold, vs given labels */
	long		 flagged;
	int		 external;		/* probabilities from the CSV */
	long		 missing;		/* rows without a prediction */
};

struct arun {
	const struct audit_opts	*o;
	struct asource		*src;
	size_t			 nsrc;
	struct asample		*s;
	size_t			 n, cap;
	size_t			 ngroups, nunits;
	float			*x;		/* n * AUDIT_FEAT_DIM */
	double			*prob[AUDIT_NTASKS];	/* n * nclass, or NULL */
	struct atask		 task[AUDIT_NTASKS];
	struct aflag		*flags;
	size_t			 nflags;
	long			 features_cached, features_computed;
	long			 features_failed;
	double			 seconds_features, seconds_model;
};

/* Number of classes of a task (3, 2, 3) and a label's word. */
int		 audit_nclass(int task);
const char	*audit_label_word(int task, int label);

/* Reads the samples and their groups (collect.c).  0, or -1 after reporting. */
int	audit_collect(sqlite3 *db, struct arun *r);
/* Frees what r holds (not r). */
void	audit_release(struct arun *r);
/*
 * Fills r->x with every sample's features, from the cache or computed
 * (and stored) with o->jobs threads (featcache.c).  A sample whose file
 * cannot be read keeps has_x 0 and is reported.  0, or -1 after reporting
 * a catalog error.
 */
int	audit_features_fill(sqlite3 *db, struct arun *r);
/* Out-of-fold probabilities of the built-in classifier (tasks.c). */
int	audit_predict(struct arun *r, int task);
/* Reads the external predictions CSV into r->prob (extpred.c).  0 or -1. */
int	audit_read_predictions(struct arun *r);
/* Figures and flags of one task from r->prob[task] (tasks.c). */
void	audit_judge(struct arun *r, int task);
/* Swapped files of persons with 1 incorrect and 1 not_wear photo (swap.c). */
void	audit_swaps(struct arun *r);
/* Duplicate clusters whose labels disagree (tasks.c). */
void	audit_dup_disagree(struct arun *r);
/* Adds a flag; detail is taken over (malloc()ed or NULL). */
void	audit_flag(struct arun *r, enum aflag_kind, int task, size_t sample,
	    int person, int given, int suggested, double score, char *detail);
/* Writes the report in r->o->fmt (output.c).  0 or -1 after reporting. */
int	audit_output(const struct arun *r, FILE *out);
/*
 * The JSON report, the text "--format json" prints, as a malloc()ed
 * NUL-terminated string the caller must free() (output.c).  Cannot fail
 * (dies on out of memory).
 */
char	*audit_json(const struct arun *r);

/*
 * The most likely way to give n photos the labels wear, incorrect and
 * not_wear with exactly one incorrect and one not_wear, from their
 * probabilities p[i * 3 + k]: writes it to best[0..n) and returns the
 * log-likelihood ratio of that assignment over 'given' (0 when given is
 * the best).  given must hold one incorrect and one not_wear, the rest
 * wear; n >= 2.  Probabilities are floored at 1e-6.  Pure.
 */
double	audit_swap_best(const double *p, const int *given, int n, int *best);

#endif
