/*
 * synth/plan.c: who is in the sample (see plan.h).  Every decision draws
 * from its own stream derived from the seed, so changing one rule (say,
 * the extensions) does not reshuffle the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/err.h"
#include "../lib/labels.h"
#include "plan.h"
#include "rng.h"

/* Stream tags: any distinct constants. */
#define TAG_AGES	0x61676573ULL
#define TAG_IDS		0x69647320ULL
#define TAG_ERRORS	0x6572726fULL
#define TAG_EXTS	0x65787473ULL
#define TAG_FORKS	0x666f726bULL
#define TAG_EVAL	0x6576616cULL
#define TAG_PERSON	0x7000000000000000ULL
#define TAG_EVAL_PERSON	0x7100000000000000ULL
#define TAG_DIRT	0x64697274ULL

/* DATASETS.md: persons per age, 18..60, summing to 2700. */
static const int real_age_hist[SYNTH_AGE_MAX + 1] = {
	[18] = 192, [19] = 407, [20] = 267, [21] = 41, [22] = 58, [23] = 72,
	[24] = 62, [25] = 82, [26] = 44, [27] = 15, [28] = 25, [29] = 16,
	[30] = 17, [31] = 3, [32] = 7, [33] = 5, [34] = 13, [35] = 19,
	[36] = 8, [37] = 3, [38] = 14, [39] = 6, [40] = 20, [41] = 7,
	[42] = 13, [43] = 18, [44] = 13, [45] = 27, [46] = 14, [47] = 10,
	[48] = 39, [49] = 31, [50] = 80, [51] = 63, [52] = 78, [53] = 64,
	[54] = 82, [55] = 100, [56] = 123, [57] = 106, [58] = 159, [59] = 85,
	[60] = 192
};

/* DATASETS.md: persons per (age bin, gender). */
static const int real_bin_gender[N_AGE_BIN][N_GENDER] = {
	/* male, female */
	{ 549, 732 },		/* < 30 */
	{ 410, 817 },		/* 30-59 */
	{ 83, 109 }		/* 60+ */
};

const int synth_real_class_images[18] = {
	2745, 2050, 415, 3660, 4085, 545, 549, 410, 83,
	732, 817, 109, 549, 410, 83, 732, 817, 109
};

static const char *const file_bases[SYNTH_FILES] = {
	"mask1", "mask2", "mask3", "mask4", "mask5", "incorrect_mask", "normal"
};
static const char *const ext_names[] = { ".jpg", ".jpeg", ".png" };

const char *
synth_file_base(int k)
{
	return k >= 0 && k < SYNTH_FILES ? file_bases[k] : "?";
}

const char *
synth_ext_name(int ext)
{
	return ext >= 0 && ext <= SYNTH_EXT_PNG ? ext_names[ext] : ".jpg";
}

int
synth_file_mask(const struct synth_person *p, int k)
{
	if (k < 5)
		return MASK_WEAR;
	if (p->error == SYNTH_ERR_SWAP)
		return k == 5 ? MASK_NOT_WEAR : MASK_INCORRECT;
	return k == 5 ? MASK_INCORRECT : MASK_NOT_WEAR;
}

void
synth_file_look(const struct synth_person *p, int k, struct synth_look *look)
{
	look->gender = p->gender;
	look->age = p->age;
	look->mask = synth_file_mask(p, k);
	look->incorrect_kind = p->incorrect_kind;
	look->person_seed = p->seed;
	look->shot_seed = synth_seed_mix(p->seed, (uint64_t)k + 1);
}

/*
 * Largest remainder: splits 'total' over k cells in proportion to the
 * integer weights w; ties go to the lower index.  Exact for integers.
 */
static void
largest_remainder(int total, const int *w, int k, int *out)
{
	long long	W = 0, given = 0, rem[64];
	int		i, best, used[64];

	if (k > 64)
		BUG("largest_remainder: %d cells", k);
	for (i = 0; i < k; i++)
		W += w[i];
	for (i = 0; i < k; i++) {
		out[i] = W > 0 ? (int)((long long)total * w[i] / W) : 0;
		rem[i] = W > 0 ? (long long)total * w[i] % W : 0;
		used[i] = 0;
		given += out[i];
	}
	while (W > 0 && given < total) {
		best = -1;
		for (i = 0; i < k; i++)
			if (!used[i] && (best < 0 || rem[i] > rem[best]))
				best = i;
		used[best] = 1;
		out[best]++;
		given++;
	}
}

void
synth_alloc_ages(int n, int counts[SYNTH_AGE_MAX + 1][2])
{
	int	cells[N_AGE_BIN * N_GENDER], w[N_AGE_BIN * N_GENDER];
	int	ages[SYNTH_AGE_MAX + 1], hist[SYNTH_AGE_MAX + 1], split[64];
	int	b, g, a, i, na, big;

	memset(counts, 0, sizeof(int) * 2 * (SYNTH_AGE_MAX + 1));
	if (n <= 0)
		return;
	for (b = 0; b < N_AGE_BIN; b++)
		for (g = 0; g < N_GENDER; g++)
			w[b * N_GENDER + g] = real_bin_gender[b][g];
	largest_remainder(n, w, N_AGE_BIN * N_GENDER, cells);
	/* The rarest cells matter most to users: keep them populated. */
	for (g = 0; n >= 20 && g < N_GENDER; g++) {
		if (cells[AGE_60PLUS * N_GENDER + g] > 0)
			continue;
		big = 0;
		for (i = 1; i < N_AGE_BIN * N_GENDER; i++)
			if (cells[i] > cells[big])
				big = i;
		cells[big]--;
		cells[AGE_60PLUS * N_GENDER + g]++;
	}
	for (b = 0; b < N_AGE_BIN; b++) {
		na = 0;
		for (a = SYNTH_AGE_MIN; a <= SYNTH_AGE_MAX; a++)
			if (label_age_bin(a) == b) {
				ages[na] = a;
				hist[na] = real_age_hist[a];
				na++;
			}
		for (g = 0; g < N_GENDER; g++) {
			largest_remainder(cells[b * N_GENDER + g], hist, na,
			    split);
			for (i = 0; i < na; i++)
				counts[ages[i]][g] = split[i];
		}
	}
}

/* Rounds n * num / den to the nearest integer (n, num, den >= 0). */
static int
scale_round(int n, int num, int den)
{
	return (int)(((long long)n * num + den / 2) / den);
}

/*
 * Fills a shuffled list of (age, gender) for n persons; *ages and
 * *genders are malloc()ed for the caller.
 */
static void
draw_people(int n, uint64_t seed, int **ages, int **genders)
{
	int			counts[SYNTH_AGE_MAX + 1][2];
	int			*order, *a, *g;
	int			age, gen, c, i, k = 0;
	struct synth_rng	r;

	synth_alloc_ages(n, counts);
	a = xmallocarray((size_t)n + 1, sizeof *a);
	g = xmallocarray((size_t)n + 1, sizeof *g);
	order = xmallocarray((size_t)n + 1, sizeof *order);
	for (age = SYNTH_AGE_MIN; age <= SYNTH_AGE_MAX; age++)
		for (gen = 0; gen < N_GENDER; gen++)
			for (c = 0; c < counts[age][gen]; c++) {
				order[k] = age * 2 + gen;
				k++;
			}
	if (k != n)
		BUG("draw_people: %d of %d persons", k, n);
	synth_rng_seed(&r, seed);
	synth_rng_shuffle(&r, order, n);
	for (i = 0; i < n; i++) {
		a[i] = order[i] / 2;
		g[i] = order[i] % 2;
	}
	free(order);
	*ages = a;
	*genders = g;
}

/*
 * Ids: increasing numbers with gaps, as in the real set.  About 41 in
 * 2,700 persons reuse the previous number with a "-1"/"-2" suffix, and
 * one person (index *dup) reuses the previous id exactly, with another
 * age or gender so the folders differ.  *dup is -1 when there is none.
 */
static void
make_ids(struct synth_person *ps, int n, uint64_t seed, int *dup)
{
	struct synth_rng	 r;
	unsigned char		*suffixed;
	int			*cand;
	int			 i, j, k, nc, n_suffix, base = 0, suffix = 0;

	synth_rng_seed(&r, seed);
	suffixed = xcalloc((size_t)n + 1, 1);
	cand = xmallocarray((size_t)n + 1, sizeof *cand);
	*dup = -1;
	if (n >= 10) {
		j = 1 + (int)synth_rng_below(&r, (uint32_t)n - 1);
		for (k = 0; k < n - 1; k++) {
			i = 1 + (j - 1 + k) % (n - 1);
			if (ps[i].age != ps[i - 1].age ||
			    ps[i].gender != ps[i - 1].gender) {
				*dup = i;
				break;
			}
		}
	}
	nc = 0;
	for (i = 1; i < n; i++)
		if (*dup < 0 || (i != *dup && i != *dup - 1))
			cand[nc++] = i;
	n_suffix = scale_round(n, 41, SYNTH_REAL_PERSONS);
	if (n_suffix > nc)
		n_suffix = nc;
	synth_rng_shuffle(&r, cand, nc);
	for (i = 0; i < n_suffix; i++)
		suffixed[cand[i]] = 1;
	for (i = 0; i < n; i++) {
		if (i == *dup) {
			memcpy(ps[i].id, ps[i - 1].id, sizeof ps[i].id);
			continue;
		}
		if (suffixed[i]) {
			suffix++;
			snprintf(ps[i].id, sizeof ps[i].id, "%06d-%d", base,
			    suffix);
			continue;
		}
		/* The real ids start at 000001, then leave gaps. */
		base += base == 0 ? 1 : 1 + (int)synth_rng_below(&r, 4);
		suffix = 0;
		snprintf(ps[i].id, sizeof ps[i].id, "%06d", base);
	}
	free(cand);
	free(suffixed);
}

/* A labelled age in another age bin than 'age', near the boundary. */
static int
wrong_age(struct synth_rng *r, int age)
{
	switch (label_age_bin(age)) {
	case AGE_UNDER30:
		return 30 + (int)synth_rng_below(r, 6);
	case AGE_30_59:
		if (age >= 45)
			return 60;
		return 20 + (int)synth_rng_below(r, 10);
	default:
		return 52 + (int)synth_rng_below(r, 8);
	}
}

static void
make_errors(struct synth_plan *pl, const struct synth_opts *o, int dup)
{
	struct synth_person	*p;
	struct synth_rng	 r;
	int			*cand;
	int			 i, nc = 0, want;

	pl->n_errors = 0;
	if (o->errors_csv == NULL || o->error_rate <= 0)
		return;
	synth_rng_seed(&r, synth_seed_mix(o->seed, TAG_ERRORS));
	cand = xmallocarray((size_t)pl->n_persons + 1, sizeof *cand);
	/* The two persons sharing an id keep their labels: their folder
	 * names must stay different. */
	for (i = 0; i < pl->n_persons; i++)
		if (dup < 0 || (i != dup && i != dup - 1))
			cand[nc++] = i;
	want = (int)(o->error_rate * pl->n_persons + 0.5);
	if (want == 0)
		want = 1;
	if (want > nc)
		want = nc;
	synth_rng_shuffle(&r, cand, nc);
	for (i = 0; i < want; i++) {
		p = &pl->persons[cand[i]];
		switch (i % 3) {
		case 0:
			p->error = SYNTH_ERR_GENDER;
			p->label_gender = !p->gender;
			break;
		case 1:
			p->error = SYNTH_ERR_SWAP;
			break;
		default:
			p->error = SYNTH_ERR_AGE;
			p->label_age = wrong_age(&r, p->age);
			break;
		}
	}
	pl->n_errors = want;
	free(cand);
}

/* Whole-folder .png and .jpeg persons, and a few folders that mix. */
static void
make_exts(struct synth_plan *pl, uint64_t seed)
{
	struct synth_rng	 r;
	struct synth_person	*p;
	int			*order;
	int			 n = pl->n_persons, n_png, n_jpeg, n_mix;
	int			 i, k, has_jpg, has_jpeg;

	synth_rng_seed(&r, seed);
	order = xmallocarray((size_t)n + 1, sizeof *order);
	for (i = 0; i < n; i++)
		order[i] = i;
	synth_rng_shuffle(&r, order, n);
	n_png = scale_round(n, 73, SYNTH_REAL_PERSONS);
	n_jpeg = scale_round(n, 46, SYNTH_REAL_PERSONS);
	n_mix = scale_round(n, 7, SYNTH_REAL_PERSONS);
	for (i = 0; i < n; i++) {
		p = &pl->persons[order[i]];
		if (i < n_png)
			memset(p->ext, SYNTH_EXT_PNG, SYNTH_FILES);
		else if (i < n_png + n_jpeg)
			memset(p->ext, SYNTH_EXT_JPEG, SYNTH_FILES);
		else if (i < n_png + n_jpeg + n_mix) {
			/* Real mixed folders: 32 .jpeg and 17 .jpg in 49. */
			do {
				has_jpg = has_jpeg = 0;
				for (k = 0; k < SYNTH_FILES; k++) {
					p->ext[k] = synth_rng_below(&r, 49) <
					    32 ? SYNTH_EXT_JPEG : SYNTH_EXT_JPG;
					if (p->ext[k] == SYNTH_EXT_JPG)
						has_jpg = 1;
					else
						has_jpeg = 1;
				}
			} while (!has_jpg || !has_jpeg);
		} else
			memset(p->ext, SYNTH_EXT_JPG, SYNTH_FILES);
	}
	free(order);
}

/* About 2% of folders carry macOS "._name" files for some photos. */
static void
make_forks(struct synth_plan *pl, uint64_t seed)
{
	struct synth_rng	 r;
	int			*order;
	int			 n = pl->n_persons, i, n_forks;

	synth_rng_seed(&r, seed);
	order = xmallocarray((size_t)n + 1, sizeof *order);
	for (i = 0; i < n; i++)
		order[i] = i;
	synth_rng_shuffle(&r, order, n);
	n_forks = scale_round(n, 2, 100);
	for (i = 0; i < n_forks && i < n; i++)
		pl->persons[order[i]].forks = 1 +
		    synth_rng_below(&r, (1u << SYNTH_FILES) - 1);
	free(order);
}

/*
 * Eval photos: other persons, 7 photos each (5 worn, 1 incorrect, 1 not
 * worn), shuffled, cut to n_eval, named by 160 random bits.
 */
static void
make_eval(struct synth_plan *pl, int n_eval, uint64_t seed)
{
	static const char	 hex[] = "0123456789abcdef";
	struct synth_rng	 r;
	struct synth_eval	*e;
	int			*ages = NULL, *genders = NULL, *order;
	int			 m, i, j, k, kind = 0;
	uint64_t		 bits[3], pseed = 0;

	pl->eval = NULL;
	pl->n_eval = 0;
	if (n_eval <= 0)
		return;
	m = (n_eval + SYNTH_FILES - 1) / SYNTH_FILES;
	synth_rng_seed(&r, synth_seed_mix(seed, TAG_EVAL));
	draw_people(m, synth_seed_mix(seed, TAG_EVAL + 1), &ages, &genders);
	order = xmallocarray((size_t)m * SYNTH_FILES, sizeof *order);
	for (i = 0; i < m * SYNTH_FILES; i++)
		order[i] = i;
	synth_rng_shuffle(&r, order, m * SYNTH_FILES);
	pl->eval = xcalloc((size_t)n_eval, sizeof *pl->eval);
	for (i = 0; i < n_eval; i++) {
		e = &pl->eval[i];
		j = order[i] / SYNTH_FILES;
		k = order[i] % SYNTH_FILES;
		pseed = synth_seed_mix(seed, TAG_EVAL_PERSON + (uint64_t)j);
		kind = (int)(synth_seed_mix(pseed, 0x6b696e64ULL) & 1);
		e->look.gender = genders[j];
		e->look.age = ages[j];
		e->look.mask = k < 5 ? MASK_WEAR : k == 5 ? MASK_INCORRECT :
		    MASK_NOT_WEAR;
		e->look.incorrect_kind = kind;
		e->look.person_seed = pseed;
		e->look.shot_seed = synth_seed_mix(pseed, (uint64_t)k + 1);
		bits[0] = synth_rng_next(&r);
		bits[1] = synth_rng_next(&r);
		bits[2] = synth_rng_next(&r);
		for (k = 0; k < 40; k++)
			e->name[k] = hex[(bits[k / 16] >> (60 - 4 * (k % 16))) &
			    15];
		memcpy(e->name + 40, ".jpg", 5);
	}
	pl->n_eval = n_eval;
	free(order);
	free(ages);
	free(genders);
}

/*
 * Quality dirt: about dirt_rate of the photos become dark, blurry, a
 * byte-identical copy of another person's photo (one photo filed under two
 * people), or a re-encoded copy (a near duplicate), in turn.  A copy's
 * source is a clean photo of another person; a byte copy takes the
 * source's extension so the bytes match.
 */
static void
make_dirt(struct synth_plan *pl, const struct synth_opts *o)
{
	struct synth_rng	 r;
	struct synth_person	*p, *sp;
	int			*order, n = pl->n_persons * SYNTH_FILES;
	int			 i, want, kind, src, tries;

	pl->n_dirt = 0;
	if (o->dirt_csv == NULL || o->dirt_rate <= 0 || pl->n_persons < 2)
		return;
	synth_rng_seed(&r, synth_seed_mix(o->seed, TAG_DIRT));
	order = xmallocarray((size_t)n, sizeof *order);
	for (i = 0; i < n; i++)
		order[i] = i;
	synth_rng_shuffle(&r, order, n);
	want = (int)(o->dirt_rate * n + 0.5);
	if (want < 4)
		want = 4;
	if (want > n / 2)
		want = n / 2;
	for (i = 0; i < want; i++) {
		p = &pl->persons[order[i] / SYNTH_FILES];
		kind = SYNTH_DIRT_DARK + i % 4;
		p->dirt[order[i] % SYNTH_FILES] = (unsigned char)kind;
		if (kind < SYNTH_DIRT_DUPLICATE)
			continue;
		/* A clean source photo of another person. */
		for (tries = 0;; tries++) {
			src = order[want + (int)synth_rng_below(&r,
			    (uint32_t)(n - want))];
			sp = &pl->persons[src / SYNTH_FILES];
			if (sp != p || tries > 100)
				break;
		}
		p->src[order[i] % SYNTH_FILES] = src;
		/* A byte copy keeps the source's extension so the bytes
		 * match; a re-encoded copy is a JPEG. */
		p->ext[order[i] % SYNTH_FILES] = kind == SYNTH_DIRT_DUPLICATE ?
		    sp->ext[src % SYNTH_FILES] : SYNTH_EXT_JPG;
	}
	pl->n_dirt = want;
	free(order);
}

void
synth_plan_make(struct synth_plan *pl, const struct synth_opts *o)
{
	struct synth_person	*p;
	int			*ages, *genders;
	int			 n = o->persons, i, dup;

	memset(pl, 0, sizeof *pl);
	if (n < 0)
		n = 0;
	pl->n_persons = n;
	pl->persons = xcalloc((size_t)n + 1, sizeof *pl->persons);
	draw_people(n, synth_seed_mix(o->seed, TAG_AGES), &ages, &genders);
	for (i = 0; i < n; i++) {
		p = &pl->persons[i];
		p->age = p->label_age = ages[i];
		p->gender = p->label_gender = genders[i];
		p->seed = synth_seed_mix(o->seed, TAG_PERSON + (uint64_t)i);
		p->incorrect_kind = (int)(synth_seed_mix(p->seed,
		    0x6b696e64ULL) & 1);
	}
	free(ages);
	free(genders);
	make_ids(pl->persons, n, synth_seed_mix(o->seed, TAG_IDS), &dup);
	make_errors(pl, o, dup);
	for (i = 0; i < n; i++) {
		p = &pl->persons[i];
		snprintf(p->folder, sizeof p->folder, "%s_%s_Asian_%d", p->id,
		    label_gender_word(p->label_gender), p->label_age);
	}
	make_exts(pl, synth_seed_mix(o->seed, TAG_EXTS));
	make_forks(pl, synth_seed_mix(o->seed, TAG_FORKS));
	make_dirt(pl, o);
	make_eval(pl, o->eval_images, o->seed);
}

void
synth_plan_release(struct synth_plan *pl)
{
	free(pl->persons);
	free(pl->eval);
	memset(pl, 0, sizeof *pl);
}
