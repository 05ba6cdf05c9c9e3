/* CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320, initial value and
 * final XOR 0xFFFFFFFF), sixteen bytes per step ("slicing by 16"), then one
 * step of eight and one of four, then single bytes.
 *
 * A step XORs the register into its first four bytes and looks every byte
 * up in the table of its distance from the end of the step: t[k][b] is
 * byte b followed by k zero bytes. The lookups of one step are independent,
 * so a step costs one table latency where the byte-wise loop costs sixteen;
 * a 60-byte minimum frame takes five steps (16+16+16+8+4).
 * tests/test_crc.c checks every table entry against the bitwise definition
 * and the function against zlib's crc32. */
#include "vnic_crc.h"

#define POLY 0xEDB88320u

void vnic_crc_init(struct vnic_crc *c)
{
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t r = b;
        for (int i = 0; i < 8; i++)
            r = (r >> 1) ^ (POLY & (0u - (r & 1u)));
        c->t[0][b] = r;
    }
    for (unsigned k = 1; k < 16; k++)
        for (uint32_t b = 0; b < 256; b++)
            c->t[k][b] = (c->t[k - 1][b] >> 8) ^ c->t[0][c->t[k - 1][b] & 0xFFu];
}

static inline uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* The four bytes of x looked up at distances k+3 .. k from the step's end. */
#define LOOK4(T, x, k)                                                                             \
    ((T)[(k) + 3][(x) & 0xFFu] ^ (T)[(k) + 2][((x) >> 8) & 0xFFu] ^                              \
     (T)[(k) + 1][((x) >> 16) & 0xFFu] ^ (T)[(k)][(x) >> 24])

uint32_t vnic_crc32(const struct vnic_crc *c, uint32_t crc, const void *buf, size_t len)
{
    const uint32_t (*T)[256] = c->t;
    const uint8_t *p = buf;
    uint32_t r = ~crc;
    for (; len >= 16; p += 16, len -= 16) {
        uint32_t a = le32(p) ^ r, b = le32(p + 4), d = le32(p + 8), e = le32(p + 12);
        r = LOOK4(T, a, 12) ^ LOOK4(T, b, 8) ^ LOOK4(T, d, 4) ^ LOOK4(T, e, 0);
    }
    if (len >= 8) {
        uint32_t a = le32(p) ^ r, b = le32(p + 4);
        r = LOOK4(T, a, 4) ^ LOOK4(T, b, 0);
        p += 8;
        len -= 8;
    }
    if (len >= 4) {
        uint32_t a = le32(p) ^ r;
        r = LOOK4(T, a, 0);
        p += 4;
        len -= 4;
    }
    while (len--)
        r = T[0][(r ^ *p++) & 0xFFu] ^ (r >> 8);
    return ~r;
}
