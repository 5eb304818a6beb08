/*
 * lib/rng.h: splitmix64, the one seedable generator maskcat uses wherever
 * a seed must mean the same sequence on every machine (synth, split,
 * tests, benchmarks).  Never rand().
 */
#ifndef LIB_RNG_H
#define LIB_RNG_H

#include <stdint.h>

/* Advances *state and returns the next 64-bit value.  Cannot fail. */
uint64_t	splitmix64(uint64_t *state);

#endif
