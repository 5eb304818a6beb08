/*
 * synth/rng.c: splitmix64 and xoshiro256** (see rng.h).  Both are public
 * domain algorithms by Vigna and Blackman, written out here from their
 * published definitions.
 */
#include "rng.h"
#include "../lib/rng.h"

uint64_t
synth_splitmix(uint64_t *state)
{
	return splitmix64(state);
}

uint64_t
synth_seed_mix(uint64_t seed, uint64_t tag)
{
	uint64_t	st = seed;
	uint64_t	a;

	a = synth_splitmix(&st);
	st = a ^ (tag * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
	synth_splitmix(&st);
	return synth_splitmix(&st);
}

void
synth_rng_seed(struct synth_rng *r, uint64_t seed)
{
	uint64_t	st = seed;
	int		i;

	for (i = 0; i < 4; i++)
		r->s[i] = synth_splitmix(&st);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
synth_rng_next(struct synth_rng *r)
{
	uint64_t	*s = r->s;
	uint64_t	 out, t;

	out = rotl(s[1] * 5, 7) * 9;
	t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint32_t
synth_rng_below(struct synth_rng *r, uint32_t n)
{
	uint64_t	m;
	uint32_t	lo, threshold;

	if (n == 0)
		return 0;
	/* Lemire's multiply-and-reject: unbiased, rarely loops. */
	m = (uint64_t)(uint32_t)(synth_rng_next(r) >> 32) * n;
	lo = (uint32_t)m;
	if (lo < n) {
		threshold = (uint32_t)(-n) % n;
		while (lo < threshold) {
			m = (uint64_t)(uint32_t)(synth_rng_next(r) >> 32) * n;
			lo = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

double
synth_rng_unit(struct synth_rng *r)
{
	return (double)(synth_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

float
synth_rng_range(struct synth_rng *r, float lo, float hi)
{
	return lo + (hi - lo) * (float)synth_rng_unit(r);
}

float
synth_rng_normal(struct synth_rng *r)
{
	double	sum = 0;
	int	i;

	/* Irwin-Hall with 6 terms: no libm, so identical on every libc. */
	for (i = 0; i < 6; i++)
		sum += synth_rng_unit(r);
	return (float)((sum - 3.0) * 1.4142135623730951);
}

void
synth_rng_shuffle(struct synth_rng *r, int *v, int n)
{
	int	i, j, t;

	for (i = n - 1; i > 0; i--) {
		j = (int)synth_rng_below(r, (uint32_t)i + 1);
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}
