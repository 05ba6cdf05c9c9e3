/* test_gen.c: unit tests of the traffic generator (tb/traffic/vnic_gen.c). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnic_gen.h"
#include "vnic_prng.h"

static struct vnic_gen *mk(const struct vnic_gen_cfg *cfg)
{
    struct vnic_gen *g = NULL;
    char err[256] = "";
    int rc = vnic_gen_new(cfg, &g, err, sizeof(err));
    ck_assert_msg(rc == 0, "vnic_gen_new: %s", err);
    return g;
}

static void one_stream(struct vnic_gen_cfg *cfg, unsigned w)
{
    vnic_gen_cfg_init(cfg);
    cfg->data_bytes = w;
    cfg->seed = 12345;
    cfg->nstreams = 1;
    struct vnic_gen_stream_cfg *s = &cfg->stream[0];
    vnic_gen_stream_init(s);
    s->ndest = 1;
    s->dest[0].kind = VNIC_GEN_DEST_MAC;
    memcpy(s->dest[0].mac, "\x02\x00\x00\x00\x00\x01", 6);
    s->dest[0].weight = 1;
}

/* bitwise CRC-32 (IEEE 802.3, reflected), independent of zlib */
static uint32_t crc_ref(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static int fcs_ref_ok(const uint8_t *f, uint32_t len)
{
    uint32_t c = crc_ref(f, len - 4);
    return f[len - 4] == (uint8_t)c && f[len - 3] == (uint8_t)(c >> 8) && f[len - 2] == (uint8_t)(c >> 16) &&
           f[len - 1] == (uint8_t)(c >> 24);
}

START_TEST(test_prng_known)
{
    /* splitmix64 from 0: first outputs are published reference values */
    uint64_t x = 0;
    ck_assert_uint_eq(vnic_splitmix64(&x), 0xe220a8397b1dcdafull);
    ck_assert_uint_eq(vnic_splitmix64(&x), 0x6e789e6aa1b965f4ull);
    struct vnic_prng a, b;
    vnic_prng_seed(&a, 7);
    vnic_prng_seed(&b, 7);
    for (int i = 0; i < 1000; i++)
        ck_assert_uint_eq(vnic_prng_next(&a), vnic_prng_next(&b));
    /* below() stays in range and hits every value */
    unsigned hit[7] = {0};
    for (int i = 0; i < 7000; i++) {
        uint64_t v = vnic_prng_below(&a, 7);
        ck_assert_uint_lt(v, 7);
        hit[v]++;
    }
    for (int i = 0; i < 7; i++)
        ck_assert_uint_gt(hit[i], 800);
}
END_TEST

static void default_mix(struct vnic_gen_cfg *cfg)
{
    one_stream(cfg, 8);
    struct vnic_gen_stream_cfg *s = &cfg->stream[0];
    s->size_kind = VNIC_GEN_SIZE_UNIFORM;
    s->size_min = 64;
    s->size_max = 1518;
    s->rate = 0.7;
    s->dest[1].kind = VNIC_GEN_DEST_BCAST, s->dest[1].weight = 1;
    s->dest[2].kind = VNIC_GEN_DEST_UNKNOWN, s->dest[2].weight = 1;
    s->dest[3].kind = VNIC_GEN_DEST_MCAST, s->dest[3].weight = 1;
    s->ndest = 4;
    s->err_prob[VNIC_GEN_ERR_FCS] = 0.05;
    s->err_prob[VNIC_GEN_ERR_RUNT] = 0.05;
    cfg->nstreams = 2;
    cfg->stream[1] = *s;
    cfg->stream[1].size_kind = VNIC_GEN_SIZE_IMIX;
    cfg->stream[1].rate = 0.2;
}

START_TEST(test_determinism)
{
    struct vnic_gen_cfg cfg;
    default_mix(&cfg);
    struct vnic_gen *a = mk(&cfg), *b = mk(&cfg);
    cfg.seed = 12346;
    struct vnic_gen *c = mk(&cfg);
    struct vnic_gen_frame fa, fb, fc;
    unsigned differ = 0;
    for (int i = 0; i < 20000; i++) {
        ck_assert(vnic_gen_next(a, &fa));
        ck_assert(vnic_gen_next(b, &fb));
        ck_assert(vnic_gen_next(c, &fc));
        ck_assert_uint_eq(fa.seq, fb.seq);
        ck_assert_uint_eq(fa.sof_cycle, fb.sof_cycle);
        ck_assert_uint_eq(fa.len, fb.len);
        ck_assert_uint_eq(fa.flags, fb.flags);
        ck_assert_uint_eq(fa.stream, fb.stream);
        ck_assert_int_eq(memcmp(fa.data, fb.data, fa.len), 0);
        if (fa.len != fc.len || memcmp(fa.data, fc.data, fa.len))
            differ++;
    }
    ck_assert_uint_gt(differ, 19000); /* another seed: other frames */
    vnic_gen_free(a);
    vnic_gen_free(b);
    vnic_gen_free(c);

    /* adding a stream does not change the frames of stream 0 */
    struct vnic_gen_cfg one;
    default_mix(&one);
    one.nstreams = 1;
    struct vnic_gen *x = mk(&one), *y = mk(&cfg);
    cfg.seed = one.seed;
    vnic_gen_free(y);
    y = mk(&cfg);
    uint64_t n = 0;
    while (n < 5000) {
        ck_assert(vnic_gen_next(y, &fb));
        if (fb.stream != 0)
            continue;
        ck_assert(vnic_gen_next(x, &fa));
        ck_assert_uint_eq(fa.len, fb.len);
        ck_assert_int_eq(memcmp(fa.data, fb.data, fa.len), 0);
        n++;
    }
    vnic_gen_free(x);
    vnic_gen_free(y);
}
END_TEST

/* measured bytes of L per cycle of one stream over n frames */
static double measure(const struct vnic_gen_cfg *cfg, uint64_t n, double *mean_len)
{
    struct vnic_gen *g = mk(cfg);
    struct vnic_gen_frame f;
    uint64_t bytes = 0, first = 0, last_end = 0;
    for (uint64_t i = 0; i < n; i++) {
        ck_assert(vnic_gen_next(g, &f));
        if (i == 0)
            first = f.byte_time;
        bytes += f.len;
        last_end = f.byte_time + f.len + 20; /* window ends where the next frame may start */
    }
    vnic_gen_free(g);
    if (mean_len)
        *mean_len = (double)bytes / (double)n;
    return (double)bytes / ((double)(last_end - first) / cfg->data_bytes);
}

static void assert_close(double got, double want, double rel, const char *what)
{
    ck_assert_msg(fabs(got / want - 1.0) <= rel, "%s: got %.6f bytes/cycle, want %.6f (%.3f%% off)", what, got,
                  want, 100.0 * (got / want - 1.0));
}

START_TEST(test_rates)
{
    struct vnic_gen_cfg cfg;
    double ml;
    static const unsigned ws[] = {8, 16, 32};
    static const double fr[] = {1.0, 0.37, 0.05};
    for (unsigned wi = 0; wi < 3; wi++)
        for (unsigned ri = 0; ri < 3; ri++) {
            one_stream(&cfg, ws[wi]);
            cfg.stream[0].rate = fr[ri];
            cfg.stream[0].size_min = 64;
            double got = measure(&cfg, 100000, &ml);
            char what[64];
            snprintf(what, sizeof(what), "W=%u fixed 64 at %.2f", ws[wi], fr[ri]);
            assert_close(got, fr[ri] * ws[wi] * 64.0 / 84.0, 0.005, what);
        }
    /* uniform sizes: f times the wire capacity of the realised mix */
    one_stream(&cfg, 8);
    cfg.stream[0].size_kind = VNIC_GEN_SIZE_UNIFORM;
    cfg.stream[0].size_min = 64;
    cfg.stream[0].size_max = 9018;
    cfg.stream[0].rate = 0.6;
    double got = measure(&cfg, 100000, &ml);
    assert_close(got, 0.6 * 8 * ml / (ml + 20), 0.005, "uniform 64..9018 at 0.6");
    /* IMIX at 0.9 */
    cfg.stream[0].size_kind = VNIC_GEN_SIZE_IMIX;
    cfg.stream[0].rate = 0.9;
    got = measure(&cfg, 120000, &ml);
    assert_close(ml, (7 * 64 + 4 * 594 + 1518) / 12.0, 1e-9, "IMIX mean length");
    assert_close(got, 0.9 * 8 * ml / (ml + 20), 0.005, "IMIX at 0.9");
    /* Gb/s: 3.3 Gb/s = 2.64 bytes per cycle at 156.25 MHz */
    cfg.stream[0].size_kind = VNIC_GEN_SIZE_FIXED;
    cfg.stream[0].size_min = 1000;
    cfg.stream[0].rate_kind = VNIC_GEN_RATE_GBPS;
    cfg.stream[0].rate = 3.3;
    got = measure(&cfg, 100000, NULL);
    assert_close(got, 2.64, 0.005, "3.3 Gb/s of 1000-byte frames");
    /* above the wire: capped at the physical limit */
    cfg.stream[0].rate = 40;
    got = measure(&cfg, 100000, NULL);
    assert_close(got, 8.0 * 1000 / 1020, 0.005, "40 Gb/s capped by the wire");
}
END_TEST

START_TEST(test_wire_rules)
{
    /* three oversubscribed streams of odd sizes at W = 32 */
    struct vnic_gen_cfg cfg;
    one_stream(&cfg, 32);
    cfg.stream[0].size_kind = VNIC_GEN_SIZE_UNIFORM;
    cfg.stream[0].size_min = 64;
    cfg.stream[0].size_max = 140;
    cfg.stream[0].rate = 0.6;
    cfg.stream[1] = cfg.stream[0];
    cfg.stream[2] = cfg.stream[0];
    cfg.stream[2].size_kind = VNIC_GEN_SIZE_IMIX;
    cfg.nstreams = 3;
    struct vnic_gen *g = mk(&cfg);
    struct vnic_gen_frame f;
    uint64_t prev_bt = 0, prev_len = 0, prev_eof = 0, bytes = 0, first_bt = 0, end_bt = 0;
    double per[3] = {0};
    for (int i = 0; i < 60000; i++) {
        ck_assert_uint_eq(vnic_gen_peek_cycle(g) == UINT64_MAX, 0);
        uint64_t peek = vnic_gen_peek_cycle(g);
        ck_assert(vnic_gen_next(g, &f));
        ck_assert_uint_eq(f.sof_cycle, peek);
        ck_assert_uint_eq(f.eof_cycle, f.sof_cycle + (f.len + 31) / 32 - 1);
        ck_assert_uint_ge(f.sof_cycle * 32, f.byte_time); /* never before its byte time */
        if (i) {
            ck_assert_uint_ge(f.byte_time, prev_bt + prev_len + 20);
            ck_assert_uint_gt(f.sof_cycle, prev_eof);
        } else {
            first_bt = f.byte_time;
        }
        prev_bt = f.byte_time, prev_len = f.len, prev_eof = f.eof_cycle;
        bytes += f.len;
        end_bt = f.byte_time + f.len + 20;
        per[f.stream] += f.len + 20;
    }
    vnic_gen_free(g);
    /* 180% offered: the wire runs at its limit, shared by all streams */
    double used = (double)(bytes + 20.0 * 60000) / (double)(end_bt - first_bt);
    ck_assert_msg(used > 0.995 && used <= 1.0, "wire utilisation %.4f", used);
    /* equal fractions of an oversubscribed wire: equal shares of wire time */
    for (int s = 0; s < 3; s++)
        ck_assert_msg(fabs(per[s] / (double)(end_bt - first_bt) - 1.0 / 3) < 0.01, "stream %d has %.4f of the wire",
                      s, per[s] / (double)(end_bt - first_bt));
}
END_TEST

START_TEST(test_imix)
{
    struct vnic_gen_cfg cfg;
    one_stream(&cfg, 8);
    cfg.stream[0].size_kind = VNIC_GEN_SIZE_IMIX;
    cfg.stream[0].rate = 0.5;
    struct vnic_gen *g = mk(&cfg);
    struct vnic_gen_frame f;
    unsigned tot[3] = {0};
    for (int blk = 0; blk < 1000; blk++) {
        unsigned c[3] = {0};
        for (int k = 0; k < 12; k++) {
            ck_assert(vnic_gen_next(g, &f));
            ck_assert(f.len == 64 || f.len == 594 || f.len == 1518);
            c[f.len == 64 ? 0 : f.len == 594 ? 1 : 2]++;
        }
        ck_assert_uint_eq(c[0], 7);
        ck_assert_uint_eq(c[1], 4);
        ck_assert_uint_eq(c[2], 1);
        for (int k = 0; k < 3; k++)
            tot[k] += c[k];
    }
    ck_assert_uint_eq(tot[0], 7000);
    ck_assert_uint_eq(tot[1], 4000);
    ck_assert_uint_eq(tot[2], 1000);
    vnic_gen_free(g);
}
END_TEST

START_TEST(test_fcs)
{
    static const uint8_t v[] = "123456789";
    ck_assert_uint_eq(vnic_gen_fcs(v, 9), 0xCBF43926u);
    ck_assert_uint_eq(crc_ref(v, 9), 0xCBF43926u);
    struct vnic_gen_cfg cfg;
    one_stream(&cfg, 16);
    cfg.stream[0].size_kind = VNIC_GEN_SIZE_UNIFORM;
    cfg.stream[0].size_min = 64;
    cfg.stream[0].size_max = 2000;
    cfg.stream[0].vlan = 1;
    cfg.stream[0].vlan_tci = 0x2064;
    cfg.max_frame = 2100;
    struct vnic_gen *g = mk(&cfg);
    struct vnic_gen_frame f;
    for (int i = 0; i < 3000; i++) {
        ck_assert(vnic_gen_next(g, &f));
        ck_assert_msg(fcs_ref_ok(f.data, f.len), "frame %d (%u bytes): FCS wrong", i, f.len);
        ck_assert(vnic_gen_fcs_ok(f.data, f.len));
        /* VLAN tag and our EtherType, then stream and sequence number */
        ck_assert_uint_eq(f.data[12], 0x81);
        ck_assert_uint_eq(f.data[13], 0x00);
        ck_assert_uint_eq(f.data[14], 0x20);
        ck_assert_uint_eq(f.data[15], 0x64);
        ck_assert_uint_eq(f.data[16], 0x88);
        ck_assert_uint_eq(f.data[17], 0xB5);
        uint32_t sq = (uint32_t)f.data[20] << 24 | (uint32_t)f.data[21] << 16 | (uint32_t)f.data[22] << 8 | f.data[23];
        ck_assert_uint_eq(sq, (uint32_t)i);
    }
    vnic_gen_free(g);
    /* a sending MAC: pad to 60, then FCS */
    uint8_t in[20], out[64 + 1600];
    memset(in, 0xab, sizeof(in));
    ck_assert_uint_eq(vnic_gen_mac_frame(in, 20, out), 64);
    ck_assert_uint_eq(out[19], 0xab);
    for (int k = 20; k < 60; k++)
        ck_assert_uint_eq(out[k], 0);
    ck_assert(fcs_ref_ok(out, 64));
    uint8_t big[1514];
    for (int k = 0; k < 1514; k++)
        big[k] = (uint8_t)k;
    ck_assert_uint_eq(vnic_gen_mac_frame(big, 1514, out), 1518);
    ck_assert_int_eq(memcmp(out, big, 1514), 0);
    ck_assert(fcs_ref_ok(out, 1518));
}
END_TEST

START_TEST(test_errors)
{
    struct vnic_gen_cfg cfg;
    one_stream(&cfg, 8);
    cfg.max_frame = 1522;
    struct vnic_gen_stream_cfg *s = &cfg.stream[0];
    s->size_kind = VNIC_GEN_SIZE_UNIFORM;
    s->size_min = 64;
    s->size_max = 1522;
    const double p[VNIC_GEN_ERR_KINDS] = {0, 0.05, 0.04, 0.03, 0.02, 0.01};
    memcpy(s->err_prob, p, sizeof(p));
    struct vnic_gen *g = mk(&cfg);
    struct vnic_gen_frame f;
    const unsigned n = 100000;
    unsigned cnt[VNIC_GEN_ERR_KINDS] = {0};
    for (unsigned i = 0; i < n; i++) {
        ck_assert(vnic_gen_next(g, &f));
        int fcs = fcs_ref_ok(f.data, f.len);
        switch (f.err) {
        case VNIC_GEN_ERR_NONE:
            ck_assert(fcs && f.flags == 0 && f.len >= 64 && f.len <= 1522);
            break;
        case VNIC_GEN_ERR_FCS:
            ck_assert(!fcs && f.flags == 0 && f.len >= 64 && f.len <= 1522);
            break;
        case VNIC_GEN_ERR_RUNT:
            ck_assert(fcs && f.flags == 0 && f.len >= 18 && f.len < 64);
            break;
        case VNIC_GEN_ERR_OVERSIZE:
            ck_assert(fcs && f.flags == 0 && f.len > 1522 && f.len <= 1522 + 64);
            break;
        case VNIC_GEN_ERR_MACERR:
            ck_assert(fcs && f.flags == VNIC_GEN_WF_MACERR && f.len >= 64 && f.len <= 1522);
            break;
        case VNIC_GEN_ERR_TKEEP:
            ck_assert(fcs && f.flags == VNIC_GEN_WF_BADTKEEP && f.len >= 64 && f.len <= 1522);
            break;
        default:
            ck_abort_msg("unknown error kind %d", f.err);
        }
        cnt[f.err]++;
    }
    const struct vnic_gen_stream_stats *st = vnic_gen_stats(g, 0);
    for (unsigned e = 1; e < VNIC_GEN_ERR_KINDS; e++) {
        double want = p[e] * n, sd = sqrt(want * (1 - p[e]));
        ck_assert_msg(fabs(cnt[e] - want) < 5 * sd, "%s: %u injected, expected about %.0f", vnic_gen_err_name(e),
                      cnt[e], want);
        ck_assert_uint_eq(st->err[e], cnt[e]);
    }
    vnic_gen_free(g);
    /* no rate: no error of any kind */
    memset(s->err_prob, 0, sizeof(s->err_prob));
    s->err_prob[VNIC_GEN_ERR_TKEEP] = 1.0;
    g = mk(&cfg);
    for (unsigned i = 0; i < 1000; i++) {
        ck_assert(vnic_gen_next(g, &f));
        ck_assert_int_eq(f.err, VNIC_GEN_ERR_TKEEP);
    }
    vnic_gen_free(g);
    s->err_prob[VNIC_GEN_ERR_TKEEP] = 0;
    g = mk(&cfg);
    for (unsigned i = 0; i < 10000; i++) {
        ck_assert(vnic_gen_next(g, &f));
        ck_assert_int_eq(f.err, VNIC_GEN_ERR_NONE);
        ck_assert(fcs_ref_ok(f.data, f.len));
    }
    vnic_gen_free(g);
}
END_TEST

START_TEST(test_destinations)
{
    struct vnic_gen_cfg cfg;
    one_stream(&cfg, 8);
    struct vnic_gen_stream_cfg *s = &cfg.stream[0];
    s->dest[0].weight = 4;
    s->dest[1].kind = VNIC_GEN_DEST_BCAST, s->dest[1].weight = 2;
    s->dest[2].kind = VNIC_GEN_DEST_MCAST, s->dest[2].weight = 1;
    s->dest[3].kind = VNIC_GEN_DEST_UNKNOWN, s->dest[3].weight = 1;
    s->dest[4].kind = VNIC_GEN_DEST_MCAST, s->dest[4].weight = 1, s->dest[4].mac_set = 1;
    memcpy(s->dest[4].mac, "\x33\x33\x00\x00\x00\x01", 6);
    s->ndest = 5;
    /* the unknown-unicast draw must avoid the vNICs' MACs */
    cfg.navoid = 1;
    memcpy(cfg.avoid[0], "\x02\x00\x00\x00\x00\x01", 6);
    struct vnic_gen *g = mk(&cfg);
    struct vnic_gen_frame f;
    unsigned c[VNIC_GEN_DEST_KINDS] = {0}, fixed_mc = 0;
    const unsigned n = 90000;
    for (unsigned i = 0; i < n; i++) {
        ck_assert(vnic_gen_next(g, &f));
        c[f.dest_kind]++;
        switch (f.dest_kind) {
        case VNIC_GEN_DEST_MAC:
            ck_assert_int_eq(memcmp(f.data, "\x02\x00\x00\x00\x00\x01", 6), 0);
            break;
        case VNIC_GEN_DEST_BCAST:
            ck_assert_int_eq(memcmp(f.data, "\xff\xff\xff\xff\xff\xff", 6), 0);
            break;
        case VNIC_GEN_DEST_MCAST:
            ck_assert(f.data[0] & 1);
            ck_assert_int_ne(memcmp(f.data, "\xff\xff\xff\xff\xff\xff", 6), 0);
            fixed_mc += !memcmp(f.data, "\x33\x33\x00\x00\x00\x01", 6);
            break;
        case VNIC_GEN_DEST_UNKNOWN:
            ck_assert(!(f.data[0] & 1));
            ck_assert_int_ne(memcmp(f.data, "\x02\x00\x00\x00\x00\x01", 6), 0);
            break;
        default:
            ck_abort();
        }
    }
    /* weights 4:2:2:1 of 9 */
    ck_assert(fabs(c[VNIC_GEN_DEST_MAC] - n * 4 / 9.0) < 0.02 * n);
    ck_assert(fabs(c[VNIC_GEN_DEST_BCAST] - n * 2 / 9.0) < 0.02 * n);
    ck_assert(fabs(c[VNIC_GEN_DEST_MCAST] - n * 2 / 9.0) < 0.02 * n);
    ck_assert(fabs(c[VNIC_GEN_DEST_UNKNOWN] - n * 1 / 9.0) < 0.02 * n);
    ck_assert(fabs(fixed_mc - n * 1 / 9.0) < 0.02 * n);
    vnic_gen_free(g);
}
END_TEST

START_TEST(test_bursts)
{
    struct vnic_gen_cfg cfg;
    one_stream(&cfg, 8);
    struct vnic_gen_stream_cfg *s = &cfg.stream[0];
    s->on_cycles = 3000;
    s->off_cycles = 7000;
    s->start_cycle = 500;
    s->rate = 0.8;
    struct vnic_gen *g = mk(&cfg);
    struct vnic_gen_frame f;
    uint64_t bytes = 0, last = 0;
    for (int i = 0; i < 50000; i++) {
        ck_assert(vnic_gen_next(g, &f));
        uint64_t phase = (f.sof_cycle - 500) % 10000;
        ck_assert_msg(phase < 3000 + 1, "frame %d starts at cycle %llu, inside an off period", i,
                      (unsigned long long)f.sof_cycle);
        ck_assert_uint_ge(f.sof_cycle, 500);
        bytes += f.len;
        last = f.sof_cycle;
    }
    vnic_gen_free(g);
    double periods = floor((double)(last - 500) / 10000.0);
    double bpc = 0.8 * 8 * 64.0 / 84.0;
    /* whole on periods carry 3000 cycles at the rate each */
    double expect = periods * 3000 * bpc;
    ck_assert_msg(fabs((double)bytes / expect - 1.0) < 0.01 + 3000 * bpc / expect, "burst bytes %llu vs %.0f",
                  (unsigned long long)bytes, expect);
    /* random on/off: same mean duty cycle over a long run */
    s->burst_random = 1;
    g = mk(&cfg);
    bytes = 0;
    for (int i = 0; i < 200000; i++) {
        ck_assert(vnic_gen_next(g, &f));
        bytes += f.len;
        last = f.sof_cycle;
    }
    vnic_gen_free(g);
    double duty = (double)bytes / ((double)(last - 500) * bpc);
    ck_assert_msg(fabs(duty - 0.3) < 0.03, "random burst duty %.3f, want 0.3", duty);
}
END_TEST

START_TEST(test_limits_and_trace)
{
    struct vnic_gen_cfg cfg;
    one_stream(&cfg, 8);
    cfg.stream[0].max_frames = 10;
    struct vnic_gen_trace_frame tr[3];
    uint8_t a[14] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 0x08, 0x06};
    uint8_t b[1514];
    memset(b, 0x5a, sizeof(b));
    memcpy(b, "\x02\x00\x00\x00\x00\x09", 6);
    tr[0].data = a, tr[0].len = 14;
    tr[1].data = b, tr[1].len = 1514;
    tr[2].data = a, tr[2].len = 14;
    vnic_gen_stream_init(&cfg.stream[1]);
    cfg.stream[1].trace = tr;
    cfg.stream[1].ntrace = 3;
    cfg.stream[1].trace_loops = 2;
    cfg.nstreams = 2;
    struct vnic_gen *g = mk(&cfg);
    struct vnic_gen_frame f;
    unsigned n0 = 0, n1 = 0;
    while (vnic_gen_next(g, &f)) {
        if (f.stream == 0) {
            n0++;
            continue;
        }
        size_t k = n1 % 3;
        ck_assert_uint_eq(f.trace_index, k);
        ck_assert_uint_eq(f.len, k == 1 ? 1518 : 64);
        ck_assert_int_eq(memcmp(f.data, tr[k].data, tr[k].len), 0);
        ck_assert(fcs_ref_ok(f.data, f.len));
        ck_assert_int_eq(f.dest_kind, k == 1 ? VNIC_GEN_DEST_MAC : VNIC_GEN_DEST_BCAST);
        n1++;
    }
    ck_assert_uint_eq(n0, 10);
    ck_assert_uint_eq(n1, 6);
    ck_assert_uint_eq(vnic_gen_peek_cycle(g), UINT64_MAX);
    vnic_gen_free(g);
    /* raw replay: bytes as captured */
    cfg.stream[1].trace_raw = 1;
    cfg.nstreams = 2;
    g = mk(&cfg);
    while (vnic_gen_next(g, &f))
        if (f.stream == 1)
            ck_assert_uint_eq(f.len, tr[f.trace_index].len);
    vnic_gen_free(g);
}
END_TEST

START_TEST(test_bad_config)
{
    struct vnic_gen_cfg cfg;
    struct vnic_gen *g = NULL;
    char err[256];
    one_stream(&cfg, 12);
    ck_assert_int_eq(vnic_gen_new(&cfg, &g, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "8, 16 or 32"));
    one_stream(&cfg, 8);
    cfg.stream[0].rate = 1.5;
    ck_assert_int_eq(vnic_gen_new(&cfg, &g, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "physical limit"));
    one_stream(&cfg, 8);
    cfg.stream[0].size_min = 40;
    ck_assert_int_eq(vnic_gen_new(&cfg, &g, err, sizeof(err)), -1);
    one_stream(&cfg, 8);
    cfg.stream[0].err_prob[1] = 0.7, cfg.stream[0].err_prob[2] = 0.7;
    ck_assert_int_eq(vnic_gen_new(&cfg, &g, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "add up"));
    one_stream(&cfg, 8);
    cfg.stream[0].ndest = 0;
    ck_assert_int_eq(vnic_gen_new(&cfg, &g, err, sizeof(err)), -1);
    ck_assert_ptr_null(g);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("traffic generator");
    TCase *t = tcase_create("gen");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_prng_known);
    tcase_add_test(t, test_determinism);
    tcase_add_test(t, test_rates);
    tcase_add_test(t, test_wire_rules);
    tcase_add_test(t, test_imix);
    tcase_add_test(t, test_fcs);
    tcase_add_test(t, test_errors);
    tcase_add_test(t, test_destinations);
    tcase_add_test(t, test_bursts);
    tcase_add_test(t, test_limits_and_trace);
    tcase_add_test(t, test_bad_config);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
