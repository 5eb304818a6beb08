/*
 * export/split-core.h: the search state shared by split.c (set-up, greedy
 * start, restarts, dealing) and split-search.c (local search, polish);
 * private to export/.
 */
#ifndef EXPORT_SPLIT_CORE_H
#define EXPORT_SPLIT_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "split.h"

#define SPLIT_RESTARTS		4
#define SPLIT_ALL_PAIRS		256	/* up to this many profiles: all swaps */
#define SPLIT_WINDOW		12	/* else neighbours tried on each side */
#define SPLIT_RANDOM_CAND	8	/* plus this many random profiles */
#define SPLIT_MAX_PASSES	200
#define SPLIT_POLISH_PASSES	50

struct ent {
	int	c, v;			/* stratum, count (> 0) */
};

struct prof {
	size_t		first;		/* its entries: ent[first .. + nnz) */
	int		nnz;
	int		key;		/* the stratum it has most samples of */
	long long	size;		/* samples */
	double		norm2;		/* sum of squared counts */
	size_t		moff, nmemb;	/* its groups: memb[moff .. + nmemb) */
};

struct sp {
	const struct split_group *g;
	size_t		 n, np;
	int		 k, S;
	struct prof	*p;
	struct ent	*ent;
	size_t		*memb;		/* group indices, grouped by profile */
	size_t		*act;		/* profiles with samples */
	size_t		 nact;
	size_t		 zero;		/* the all-zero profile, or np */
	size_t		*simord;	/* act[] in similarity order */
	size_t		*rank;		/* rank[P]: position in simord[] */
	long long	*T, N;
	double		*phi, *tc, *tf, *wf, *whole;
	double		 lambda, eps, tol;
	/* the state being searched */
	long long	*m;		/* m[P * k + f] */
	long long	*C;		/* C[f * S + c] */
	long long	*nf;		/* nf[f] */
	/* polish */
	double		 m0, *pf;	/* pf[f]: fold f's sum (dev / m0)^16 */
	double		*scratch;	/* S doubles, kept zero between uses */
	double		*dP;		/* k doubles */
	uint64_t	 rng;
};

/*
 * Helpers shared between the two files.  None fails or allocates beyond
 * what its comment in the defining file says; the state *s is the
 * caller's.
 */
size_t	sp_below(uint64_t *s, size_t n);
void	sp_shuffle(uint64_t *s, size_t *v, size_t n);
double	sp_dot_dev(const struct sp *s, int f, size_t P);
double	sp_dot_prof(const struct sp *s, size_t P, size_t Q);
void	sp_add(struct sp *s, size_t P, int f, int sign);
double	sp_fold_delta(const struct sp *s, int f, int sign, double dot,
	    double a2, double sz);
void	sp_local_search(struct sp *s);
double	sp_max_dev(const struct sp *s);
void	sp_polish(struct sp *s);

#endif
