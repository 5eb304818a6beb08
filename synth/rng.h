/*
 * synth/rng.h: the generator's own pseudo-random numbers: splitmix64 to
 * seed and to derive independent sub-seeds, xoshiro256** for streams.
 * Never rand(): the same seed must give the same bytes everywhere.
 */
#ifndef SYNTH_RNG_H
#define SYNTH_RNG_H

#include <stdint.h>

struct synth_rng {
	uint64_t	s[4];
};

/* One splitmix64 step: advances *state and returns a well-mixed value. */
uint64_t	synth_splitmix(uint64_t *state);
/* A sub-seed for 'tag' of 'seed'; different tags give unrelated streams. */
uint64_t	synth_seed_mix(uint64_t seed, uint64_t tag);

/* Seeds a stream from any 64-bit value (0 is fine).  Cannot fail. */
void		synth_rng_seed(struct synth_rng *, uint64_t seed);
/* The next 64 random bits (xoshiro256**). */
uint64_t	synth_rng_next(struct synth_rng *);
/* Uniform in [0, n), without modulo bias; 0 when n is 0. */
uint32_t	synth_rng_below(struct synth_rng *, uint32_t n);
/* Uniform double in [0, 1), 53 bits. */
double		synth_rng_unit(struct synth_rng *);
/* Uniform in [lo, hi). */
float		synth_rng_range(struct synth_rng *, float lo, float hi);
/* Approximately normal (mean 0, sd 1), clipped to about +-3. */
float		synth_rng_normal(struct synth_rng *);
/* Shuffles n ints in place (Fisher-Yates). */
void		synth_rng_shuffle(struct synth_rng *, int *v, int n);

#endif
