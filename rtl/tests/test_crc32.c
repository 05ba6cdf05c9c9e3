/* test_crc32: vnic_crc32 (the FCS check's parallel CRC) against zlib's crc32
 * for every update width 1..32 bytes, random register values and data, and
 * the residue of a frame with a correct FCS. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tw_crc32_pins.h"
#include "vtb.h"

/* the raw register update the RTL computes: zlib inverts before and after */
static uint32_t ref_update(uint32_t reg, const uint8_t *d, unsigned n)
{
    return ~(uint32_t)crc32(~reg & 0xFFFFFFFFu, d, n);
}

static uint64_t rnd64(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void load(struct vtb_pins *p, const uint8_t *d)
{
    uint64_t w[4] = {0, 0, 0, 0};
    for (unsigned i = 0; i < 32; i++)
        w[i / 8] |= (uint64_t)d[i] << (8 * (i % 8));
    p->d0 = w[0];
    p->d1 = w[1];
    p->d2 = w[2];
    p->d3 = w[3];
}

int main(void)
{
    struct vtb_result r = {0, 0, 0};
    struct vtb *t = vtb_new();
    struct vtb_pins p;
    memset(&p, 0, sizeof(p));
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    uint8_t d[32];

    /* every width, 200 random (register, data) pairs each */
    for (unsigned nb = 1; nb <= 32; nb++) {
        for (unsigned k = 0; k < 200; k++) {
            for (unsigned i = 0; i < 32; i++)
                d[i] = (uint8_t)rnd64(&seed);
            uint32_t reg = k == 0 ? 0xFFFFFFFFu : (uint32_t)rnd64(&seed);
            p.crc_in = reg;
            p.nb = nb;
            load(&p, d);
            vtb_eval(t, &p);
            uint32_t want = ref_update(reg, d, nb);
            VTB_CHECK(&r, (uint32_t)p.crc_out == want, "NBYTES=%u reg=0x%08x: got 0x%08x, want 0x%08x",
                      nb, reg, (uint32_t)p.crc_out, want);
        }
    }

    /* a whole frame with its FCS, fed 8 bytes at a time then the tail in
     * pieces of 4, 2, 1 (as the RX tail pipeline does): the register ends at
     * the residue 0xDEBB20E3 for every length 64..200 */
    uint8_t f[256];
    for (unsigned L = 64; L <= 200; L++) {
        for (unsigned i = 0; i < L - 4; i++)
            f[i] = (uint8_t)rnd64(&seed);
        uint32_t fcs = (uint32_t)crc32(0L, f, L - 4);
        f[L - 4] = (uint8_t)fcs;
        f[L - 3] = (uint8_t)(fcs >> 8);
        f[L - 2] = (uint8_t)(fcs >> 16);
        f[L - 1] = (uint8_t)(fcs >> 24);
        uint32_t reg = 0xFFFFFFFFu;
        unsigned off = 0;
        while (off < L) {
            unsigned left = L - off, nb = left >= 8 ? 8 : (left >= 4 ? 4 : (left >= 2 ? 2 : 1));
            memset(d, 0, sizeof(d));
            memcpy(d, f + off, nb);
            p.crc_in = reg;
            p.nb = nb;
            load(&p, d);
            vtb_eval(t, &p);
            reg = (uint32_t)p.crc_out;
            off += nb;
        }
        VTB_CHECK(&r, reg == 0xDEBB20E3u, "L=%u: residue 0x%08x", L, reg);
        /* one flipped bit anywhere breaks it */
        f[L / 3] ^= 0x10;
        reg = ref_update(0xFFFFFFFFu, f, L);
        VTB_CHECK(&r, reg != 0xDEBB20E3u, "L=%u: corrupted frame still has the residue", L);
    }

    vtb_free(t);
    return vtb_summary("test_crc32", &r);
}
