/* Model unit tests: the model's own CRC-32 (vnic_crc.c) against zlib's
 * crc32, the independent FCS oracle, and against the bitwise definition.
 * The model checks every received FCS and appends every transmitted one
 * with vnic_crc32, so any difference here is a wrong wire verdict there. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "vnic_crc.h"

#define MAXLEN 9022u /* jumbo frame with VLAN tag and FCS (MAX_FRAME default) */

static struct vnic_crc T;

static void setup(void) { vnic_crc_init(&T); }

static uint32_t vcrc(uint32_t crc, const void *p, size_t n) { return vnic_crc32(&T, crc, p, n); }

static uint32_t zcrc(uint32_t crc, const uint8_t *p, size_t n)
{
    return (uint32_t)crc32((uLong)crc, p, (uInt)n);
}

/* Bitwise CRC-32 (IEEE 802.3, reflected 0xEDB88320). */
static uint32_t crc_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int b = 0; b < 8; b++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/* Deterministic pseudo-random bytes (xorshift64*). */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

static void fill(uint8_t *p, size_t n, uint64_t *s)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(rnd(s) >> 56);
}

/* t[k][b] = the register after byte b and k zero bytes: 8(k+1) steps of
 * the bitwise algorithm from b. */
START_TEST(test_crc_tables)
{
    for (unsigned k = 0; k < 16; k++) {
        for (uint32_t b = 0; b < 256; b++) {
            uint32_t r = b;
            for (unsigned i = 0; i < 8 * (k + 1); i++)
                r = (r >> 1) ^ (0xEDB88320u & (0u - (r & 1u)));
            ck_assert_msg(T.t[k][b] == r, "t[%u][%u] = 0x%08x, expected 0x%08x", k, b, T.t[k][b], r);
        }
    }
}
END_TEST

START_TEST(test_crc_check_value)
{
    const uint8_t *nine = (const uint8_t *)"123456789";
    ck_assert_uint_eq(vcrc(0, nine, 9), 0xCBF43926u);
    ck_assert_uint_eq(vcrc(0, NULL, 0), 0);
    ck_assert_uint_eq(vcrc(0x12345678u, NULL, 0), 0x12345678u);
    /* a frame followed by its own FCS (LSB first) leaves the residue */
    uint8_t f[64];
    uint64_t s = 1;
    fill(f, 60, &s);
    uint32_t c = vcrc(0, f, 60);
    for (int i = 0; i < 4; i++)
        f[60 + i] = (uint8_t)(c >> (8 * i));
    ck_assert_uint_eq(vcrc(0, f, 64), 0x2144DF1Cu);
    ck_assert_uint_eq(zcrc(0, f, 64), 0x2144DF1Cu);
}
END_TEST

/* One byte value at each position of a 16-, 8- and 4-byte step, the rest
 * zero, against zlib: over all values and positions every entry of every
 * table is used by each kind of step (a wrong entry changes the XOR). */
START_TEST(test_crc_every_table_entry)
{
    for (unsigned pos = 0; pos < 32; pos++) {
        for (unsigned b = 0; b < 256; b++) {
            uint8_t buf[32] = {0};
            buf[pos] = (uint8_t)b;
            const size_t lens[6] = {pos + 1, (pos | 3u) + 1, (pos | 7u) + 1, (pos | 15u) + 1, 28, 32};
            for (unsigned i = 0; i < 6; i++) {
                if (lens[i] <= pos)
                    continue;
                size_t n = lens[i];
                ck_assert_msg(vcrc(0, buf, n) == zcrc(0, buf, n),
                              "byte 0x%02x at %u of %zu: 0x%08x, zlib 0x%08x", b, pos, n,
                              vcrc(0, buf, n), zcrc(0, buf, n));
            }
            /* and with a nonzero register going in */
            ck_assert_uint_eq(vcrc(0xA5A5A5A5u, buf, 8), zcrc(0xA5A5A5A5u, buf, 8));
        }
    }
}
END_TEST

/* Every length 0..2048 (the start address cycling through the 8
 * alignments) against zlib; the short ones and some longer ones against
 * the bitwise definition too. */
START_TEST(test_crc_every_length)
{
    static uint8_t buf[2048 + 8];
    uint64_t s = 0x9E3779B97F4A7C15ull;
    fill(buf, sizeof(buf), &s);
    for (size_t n = 0; n <= 2048; n++) {
        const uint8_t *p = buf + (n & 7u);
        uint32_t want = zcrc(0, p, n);
        ck_assert_msg(vcrc(0, p, n) == want, "length %zu: 0x%08x, zlib 0x%08x", n,
                      vcrc(0, p, n), want);
        if (n < 80 || n % 97 == 0)
            ck_assert_uint_eq(crc_bitwise(p, n), want);
    }
}
END_TEST

/* Random buffers up to MAXLEN at random offsets, whole and in random
 * pieces; pieces may alternate between zlib and vnic_crc32 (same register
 * convention, so either continues the other). */
START_TEST(test_crc_random_incremental)
{
    uint8_t *buf = malloc(MAXLEN + 16);
    ck_assert_ptr_nonnull(buf);
    uint64_t s = 20260101;
    for (unsigned iter = 0; iter < 600; iter++) {
        size_t n = (size_t)(rnd(&s) % (MAXLEN + 1));
        size_t off = (size_t)(rnd(&s) % 16);
        fill(buf + off, n, &s);
        const uint8_t *p = buf + off;
        uint32_t want = zcrc(0, p, n);
        ck_assert_msg(vcrc(0, p, n) == want, "length %zu offset %zu", n, off);
        uint32_t a = 0, b = 0;
        size_t i = 0;
        while (i < n) {
            size_t k = (size_t)(rnd(&s) % 70);
            if (k > n - i)
                k = n - i;
            a = vcrc(a, p + i, k);
            b = (iter + i) & 1 ? zcrc(b, p + i, k) : vcrc(b, p + i, k);
            i += k;
        }
        ck_assert_msg(a == want, "length %zu in pieces: 0x%08x, zlib 0x%08x", n, a, want);
        ck_assert_msg(b == want, "length %zu, pieces mixed with zlib: 0x%08x, zlib 0x%08x", n, b, want);
    }
    free(buf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cmodel_crc");
    TCase *tc = tcase_create("crc");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_crc_tables);
    tcase_add_test(tc, test_crc_check_value);
    tcase_add_test(tc, test_crc_every_table_entry);
    tcase_add_test(tc, test_crc_every_length);
    tcase_add_test(tc, test_crc_random_incremental);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? 1 : 0;
}
