/* vnic_prng.h: the traffic generator's own pseudo-random generator.
 *
 * xoshiro256** (Blackman & Vigna) seeded through splitmix64, so the same
 * 64-bit seed gives the same sequence on every platform and C library; no
 * call to rand() anywhere in the testbench. A generator is a plain struct:
 * several independent streams live side by side, each with its own state
 * (vnic_prng_seed_stream derives one from a seed and a stream number).
 */
#ifndef VNIC_PRNG_H
#define VNIC_PRNG_H

#include <stdint.h>

struct vnic_prng {
    uint64_t s[4];
};

static inline uint64_t vnic_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline void vnic_prng_seed(struct vnic_prng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = vnic_splitmix64(&x);
}

/* An independent sequence per (seed, stream): adding a stream to a scenario
 * does not change the frames of the others. */
static inline void vnic_prng_seed_stream(struct vnic_prng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (0xD1B54A32D192ED03ull * (stream + 1));
    vnic_prng_seed(r, vnic_splitmix64(&x));
}

static inline uint64_t vnic_prng_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t vnic_prng_next(struct vnic_prng *r)
{
    uint64_t *s = r->s;
    uint64_t result = vnic_prng_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = vnic_prng_rotl(s[3], 45);
    return result;
}

/* Uniform double in [0, 1) with 53 random bits. */
static inline double vnic_prng_unit(struct vnic_prng *r)
{
    return (double)(vnic_prng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [0, n), n > 0, without modulo bias (rejection of the
 * 2^64 mod n lowest draws). */
static inline uint64_t vnic_prng_below(struct vnic_prng *r, uint64_t n)
{
    uint64_t threshold = (0 - n) % n;
    uint64_t x;
    do
        x = vnic_prng_next(r);
    while (x < threshold);
    return x % n;
}

#endif
