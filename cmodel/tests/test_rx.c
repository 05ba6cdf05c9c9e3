/* Model unit tests: the receive path up to the partition — wire checks and
 * their precedence (§4.1), the FCS, classification and replication (§4.2),
 * the policer (§4.3), decision timing, partitions and NOBUF (§4.6), the
 * ingress FIFO and copy engine (§4.5). */
#include <stdlib.h>
#include <string.h>

#include "tutil.h"

/* Bitwise CRC-32 (IEEE 802.3, reflected 0xEDB88320): independent of zlib. */
static uint32_t crc_ref(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int b = 0; b < 8; b++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

START_TEST(test_crc_vectors)
{
    ck_assert_uint_eq(crc_ref((const uint8_t *)"123456789", 9), 0xCBF43926u);
    /* the model accepts frames whose FCS comes from the reference, and
     * rejects every single-bit error */
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 1);
    rx_ring(&e, 0, 6, 2048, 63);
    uint8_t f[200];
    mkframe(f, tmac(0), 0x0A0000000001ull, 200, 7);
    uint32_t c = crc_ref(f, 196);
    f[196] = (uint8_t)c;
    f[197] = (uint8_t)(c >> 8);
    f[198] = (uint8_t)(c >> 16);
    f[199] = (uint8_t)(c >> 24);
    trx(&e, 10, f, 200, 0);
    uint64_t t = 100;
    for (unsigned bit = 0; bit < 200 * 8; bit += 37) {
        f[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        trx(&e, t, f, 200, 0);
        f[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        t += 40;
    }
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO), 1);
    unsigned flips = (200 * 8 + 36) / 37;
    /* a flip in the DA can make the frame unmatched, the rest are FCS errors */
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_DROP_FCS_LO), flips);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

/* Every wire check, and that the first failing one in §4.1's order wins. */
START_TEST(test_wire_checks_precedence)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    rx_ring(&e, 0, 6, 2048, 63);
    struct evlog lg;
    evlog_attach(&e, &lg);
    uint8_t f[2000];
    const uint64_t da = tmac(0), sa = 0x0A0000000001ull;
    const uint32_t mf = pfr(&e, VNIC_PF_G_MAX_FRAME);
    struct { uint32_t L; uint32_t flags; bool badfcs; bool rxoff; unsigned expect; } cases[] = {
        {100, VNIC_WF_MACERR | VNIC_WF_BADTKEEP, true, true, VNIC_WIRE_RXOFF},
        {40, VNIC_WF_MACERR | VNIC_WF_BADTKEEP, true, false, VNIC_WIRE_MACERR},
        {40, VNIC_WF_BADTKEEP, true, false, VNIC_WIRE_TKEEP},
        {63, 0, true, false, VNIC_WIRE_RUNT},
        {63, 0, false, false, VNIC_WIRE_RUNT},
        {mf + 1, 0, true, false, VNIC_WIRE_OVERSIZE},
        {mf + 100, 0, false, false, VNIC_WIRE_OVERSIZE},
        {64, 0, true, false, VNIC_WIRE_FCS},
        {64, 0, false, false, VNIC_WIRE_CLASSIFIED},
        {mf, 0, false, false, VNIC_WIRE_CLASSIFIED},
        {300, VNIC_WF_MACERR, false, false, VNIC_WIRE_MACERR},
        {300, VNIC_WF_BADTKEEP, false, false, VNIC_WIRE_TKEEP},
    };
    const unsigned n = sizeof(cases) / sizeof(cases[0]);
    uint64_t t = 10;
    for (unsigned i = 0; i < n; i++) {
        /* rx_en is sampled at the decision: switch it around each frame */
        pfw(&e, VNIC_PF_G_CTRL, cases[i].rxoff ? 0 : VNIC_PF_G_CTRL_RX_EN_MASK);
        mkframe(f, da, sa, cases[i].L, i);
        if (cases[i].badfcs)
            f[cases[i].L - 1] ^= 0x55;
        trx(&e, t, f, cases[i].L, cases[i].flags);
        t += cases[i].L / e.W + 50;
        vnic_model_run_until(e.m, t - 5);
    }
    vnic_model_drain(e.m, 100000);
    unsigned k = 0;
    for (size_t i = 0; i < lg.n; i++) {
        if (lg.ev[i].type != VNIC_EV_RX_DEC)
            continue;
        ck_assert_uint_lt(k, n);
        ck_assert_msg(lg.ev[i].wire == cases[k].expect, "case %u: verdict %u, expected %u", k,
                      lg.ev[i].wire, cases[k].expect);
        k++;
    }
    ck_assert_uint_eq(k, n);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_RX_FRAMES_LO), n);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_DROP_RXOFF_LO), 1);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_DROP_MACERR_LO), 2);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_DROP_TKEEP_LO), 2);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_DROP_RUNT_LO), 2);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_DROP_OVERSIZE_LO), 2);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_DROP_FCS_LO), 1);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO), 2);
    uint64_t bytes = 0;
    for (unsigned i = 0; i < n; i++)
        bytes += cases[i].L;
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_RX_BYTES_LO), bytes);
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
}
END_TEST

/* Decision at tlast + RX_DEC_LAT; copy engine and FIFO release timing. */
START_TEST(test_decision_timing)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 1);
    struct evlog lg;
    evlog_attach(&e, &lg);
    trx_to(&e, 100, 0, 64, 1); /* 8 beats: tlast = 107 */
    vnic_model_drain(e.m, 10000);
    uint64_t sof = 0, dec = 0, stored = 0, rel = 0;
    for (size_t i = 0; i < lg.n; i++) {
        const struct vnic_ev *ev = &lg.ev[i];
        if (ev->type == VNIC_EV_RX_SOF) sof = ev->cycle;
        if (ev->type == VNIC_EV_RX_DEC) dec = ev->cycle;
        if (ev->type == VNIC_EV_RX_STORED) stored = ev->cycle;
        if (ev->type == VNIC_EV_RX_FIFO_REL) rel = ev->cycle;
    }
    ck_assert_uint_eq(sof, 100);
    ck_assert_uint_eq(dec, 107 + 3);
    ck_assert_uint_eq(stored, dec + 8); /* one idle cycle, then 8 words */
    ck_assert_uint_eq(rel, stored);
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
}
END_TEST

/* Destination sets, replication accounting, the default vNIC. */
START_TEST(test_classification)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 4);
    struct tcfg c;
    tcfg_default(&e, &c, 2, 4);
    c.flags &= ~VNIC_PF_STAGE_FLAGS_BCAST_MASK; /* vNIC 2: no broadcast */
    ck_assert_uint_eq(tcommit(&e, 2, &c), 0);
    tcfg_default(&e, &c, 3, 4);
    c.flags = 0; /* vNIC 3 disabled */
    ck_assert_uint_eq(tcommit(&e, 3, &c), 0);
    for (unsigned v = 0; v < 3; v++)
        rx_ring(&e, v, 6, 2048, 63);
    struct evlog lg;
    evlog_attach(&e, &lg);
    uint8_t f[256];
    uint64_t t = 10;
    const uint64_t sa = 0x0A0000000001ull;
    mkframe(f, 0xFFFFFFFFFFFFull, sa, 100, 1); trx(&e, t, f, 100, 0); t += 100; /* bcast -> {0,1} */
    mkframe(f, 0x01005E000001ull, sa, 100, 2); trx(&e, t, f, 100, 0); t += 100; /* mcast -> {0,1,2} */
    mkframe(f, tmac(1), sa, 100, 3); trx(&e, t, f, 100, 0); t += 100;           /* -> {1} */
    mkframe(f, tmac(3), sa, 100, 4); trx(&e, t, f, 100, 0); t += 100;           /* disabled: nomatch */
    mkframe(f, 0x0A0B0C0D0E0Full, sa, 100, 5); trx(&e, t, f, 100, 0); t += 100; /* nomatch */
    vnic_model_drain(e.m, 100000);
    /* default vNIC 2 */
    pfw(&e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK | VNIC_PF_G_CTRL_DEF_EN_MASK |
                                (2u << VNIC_PF_G_CTRL_DEF_VNIC_LSB));
    t = vnic_model_now(e.m) + 10;
    mkframe(f, 0x0A0B0C0D0E0Full, sa, 100, 6); trx(&e, t, f, 100, 0); t += 100; /* -> {2} */
    mkframe(f, tmac(0), sa, 100, 7); trx(&e, t, f, 100, 0); t += 100;           /* exact match wins */
    vnic_model_drain(e.m, 100000);
    /* default vNIC disabled: no match again */
    pfw(&e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK | VNIC_PF_G_CTRL_DEF_EN_MASK |
                                (3u << VNIC_PF_G_CTRL_DEF_VNIC_LSB));
    t = vnic_model_now(e.m) + 10;
    mkframe(f, 0x0A0B0C0D0E0Full, sa, 100, 8); trx(&e, t, f, 100, 0);
    vnic_model_drain(e.m, 100000);

    const uint32_t expect[] = {0x3, 0x7, 0x2, 0, 0, 0x4, 0x1, 0};
    unsigned k = 0;
    for (size_t i = 0; i < lg.n; i++)
        if (lg.ev[i].type == VNIC_EV_RX_DEC) {
            ck_assert_msg(lg.ev[i].dest == expect[k], "frame %u: dest 0x%x expected 0x%x", k,
                          lg.ev[i].dest, expect[k]);
            ck_assert_uint_eq(lg.ev[i].wire, expect[k] ? VNIC_WIRE_CLASSIFIED : VNIC_WIRE_NOMATCH);
            k++;
        }
    ck_assert_uint_eq(k, 8);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_RX_COPIES_LO), 2 + 3 + 1 + 1 + 1);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_DROP_NOMATCH_LO), 3);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_IN_LO), 3);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_RX_IN_LO), 3);
    ck_assert_uint_eq(vstat(&e, 2, VNIC_VF_STAT_RX_IN_LO), 2);
    ck_assert_uint_eq(vstat(&e, 3, VNIC_VF_STAT_RX_IN_LO), 0);
    /* descriptor flags: vNIC 0 got bcast, mcast, unicast */
    ck_assert_uint_eq(rx_status(&e, 0, 0), VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | VNIC_DESC_STATUS_BCAST);
    ck_assert_uint_eq(rx_status(&e, 0, 1), VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | VNIC_DESC_STATUS_MCAST);
    ck_assert_uint_eq(rx_status(&e, 0, 2), VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP);
    ck_assert_uint_eq(rx_status(&e, 2, 1), VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP); /* default */
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
}
END_TEST

/* ------------------------------------------------------------ policer */

struct polrun {
    uint64_t accepted, dropped, acc_bytes;
    uint64_t first, last;
    unsigned bad;
};

/* Send n frames of length L back to back at line rate to vNIC 0 policed at
 * (rate, burst); check every decision against a cycle-by-cycle reference
 * bucket P(t+1) = min(B, P(t) - c(t) + R). */
static struct polrun policer_run(uint32_t rate, uint32_t burst, uint32_t L, unsigned n)
{
    struct vnic_model_params p;
    vnic_model_params_default(&p);
    p.rx_buf_bytes = 1u << 20;
    struct tenv e;
    tenv_init(&e, &p);
    pfw(&e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK);
    struct tcfg c;
    tcfg_default(&e, &c, 0, 1);
    c.flags |= VNIC_PF_STAGE_FLAGS_POL_EN_MASK;
    c.pol_rate = rate;
    c.pol_burst = burst;
    ck_assert_uint_eq(tcommit(&e, 0, &c), 0);
    const uint64_t t_commit = vnic_model_now(e.m);
    rx_ring(&e, 0, 12, 2048, 4095);
    struct evlog lg;
    evlog_attach(&e, &lg);
    uint64_t t = t_commit + 5;
    const uint32_t period = (L + 20 + e.W - 1) / e.W;
    for (unsigned i = 0; i < n; i++) {
        trx_to(&e, t, 0, L, i);
        t += period;
        if ((i & 255) == 255) {
            vnic_model_run_until(e.m, t - 2 * period);
            rx_repost(&e, 0);
        }
    }
    vnic_model_drain(e.m, 1ull << 32);
    const uint64_t B = (uint64_t)burst << 24;
    uint64_t P = B, tc = t_commit + 1; /* P(tc) */
    struct polrun r = {0, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < lg.n; i++) {
        const struct vnic_ev *ev = &lg.ev[i];
        if (ev->type != VNIC_EV_RX_DEC)
            continue;
        for (; tc < ev->cycle; tc++) { /* per cycle, no closed form */
            P += rate;
            if (P > B)
                P = B;
        }
        bool acc = P >= ((uint64_t)L << 24);
        unsigned got = ev->outcome[0];
        if ((acc && got != VNIC_COPY_ACCEPT) || (!acc && got != VNIC_COPY_POLICER))
            r.bad++;
        if (!r.first)
            r.first = ev->cycle;
        r.last = ev->cycle;
        if (acc) {
            r.accepted++;
            r.acc_bytes += L;
            P = P - ((uint64_t)L << 24) + rate;
            if (P > B)
                P = B;
            tc = ev->cycle + 1;
        } else {
            r.dropped++;
        }
    }
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DROP_POLICER_LO), r.dropped);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO) + vstat(&e, 0, VNIC_VF_STAT_DROP_NOBUF_LO),
                      r.accepted);
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
    return r;
}

START_TEST(test_policer_edges)
{
    /* rate 0: the burst only, then nothing */
    struct polrun r = policer_run(0, 1000, 100, 50);
    ck_assert_uint_eq(r.bad, 0);
    ck_assert_uint_eq(r.accepted, 10);
    /* burst exactly L: one frame; L+1: still one; 2L: two */
    r = policer_run(0, 100, 100, 20);
    ck_assert_uint_eq(r.bad, 0);
    ck_assert_uint_eq(r.accepted, 1);
    r = policer_run(0, 101, 100, 20);
    ck_assert_uint_eq(r.accepted, 1);
    r = policer_run(0, 200, 100, 20);
    ck_assert_uint_eq(r.accepted, 2);
    /* link rate: everything that arrives at line rate passes */
    r = policer_run(8u << 24, 64, 64, 2000);
    ck_assert_uint_eq(r.bad, 0);
    ck_assert_uint_eq(r.dropped, 0);
    /* fractional rates, exact decision by decision */
    r = policer_run(0x00555555u, 3000, 150, 3000); /* 1/3 byte per cycle */
    ck_assert_uint_eq(r.bad, 0);
    ck_assert_uint_gt(r.dropped, 0);
    r = policer_run(0x01800001u, 1518, 1518, 1000); /* 1.5 B/cycle, burst of exactly one frame */
    ck_assert_uint_eq(r.bad, 0);
    ck_assert_uint_gt(r.accepted, 0);
}
END_TEST

START_TEST(test_policer_long_run)
{
    /* 1.5 bytes/cycle against a saturating flow of 100-byte frames */
    const uint32_t rate = 0x01800000u;
    struct polrun r = policer_run(rate, 4000, 100, 150000);
    ck_assert_uint_eq(r.bad, 0);
    double cycles = (double)(r.last - r.first);
    double got = (double)r.acc_bytes / cycles, want = (double)rate / (1 << 24);
    ck_assert_msg(got > want * 0.999 && got < want * 1.001 + 4000.0 / cycles,
                  "accepted %.5f bytes/cycle, policer %.5f", got, want);
}
END_TEST

/* ------------------------------------------------------------ partitions */

START_TEST(test_nobuf_isolation)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 4); /* 16 KiB partitions */
    rx_ring(&e, 1, 6, 2048, 63);
    uint64_t t = 10;
    for (unsigned i = 0; i < 40; i++) {
        trx_to(&e, t, 0, 1000, i); /* vNIC 0 posts no buffers */
        t += 140;
        trx_to(&e, t, 1, 1000, i);
        t += 140;
    }
    vnic_model_drain(e.m, 1000000);
    /* S(1000) = 1000 bytes: 16 fit in 16384 */
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DROP_NOBUF_LO), 40 - 16);
    pfw(&e, VNIC_PF_G_VSEL, 0);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_RX_USED), 16000);
    ck_assert_uint_eq(vnic_model_rx_pending(e.m, 0), 16);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_RX_FRAMES_LO), 40);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_DROP_NOBUF_LO), 0);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

/* Frames of many sizes through a small partition that wraps many times:
 * every byte lands in the host exactly. */
START_TEST(test_partition_wrap_bytes)
{
    struct vnic_model_params p;
    vnic_model_params_default(&p);
    p.rx_buf_bytes = 4096 * 4;
    struct tenv e;
    tenv_init(&e, &p);
    tsetup(&e, 4); /* 4096-byte partitions */
    rx_ring(&e, 2, 4, 2048, 15);
    static uint8_t f[32][2048];
    uint32_t lens[32];
    uint64_t t = 10;
    unsigned done = 0;
    for (unsigned round = 0; round < 30; round++) {
        for (unsigned i = 0; i < 8; i++) {
            uint32_t L = 64 + (round * 131 + i * 347) % (1518 - 64 + 1);
            lens[i] = L;
            mkframe(f[i], tmac(2), 0x0A0000000002ull, L, round * 8 + i);
            trx(&e, t, f[i], L, 0);
            t += L / e.W + 20;
        }
        vnic_model_drain(e.m, 1000000);
        t = vnic_model_now(e.m) + 10;
        for (unsigned i = 0; i < 8; i++) {
            uint32_t idx = (done + i) & 15;
            ck_assert_uint_eq(rx_status(&e, 2, idx), VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP);
            ck_assert_uint_eq(rx_len(&e, 2, idx), lens[i] - 4);
            ck_assert_msg(memcmp(hptr(&e, g2h(2, rx_buf_g(2, idx))), f[i], lens[i] - 4) == 0,
                          "round %u frame %u: bytes differ", round, i);
            memset(hptr(&e, g2h(2, rx_desc_g(2, idx))) + 12, 0, 4);
        }
        done += 8;
        rx_repost(&e, 2);
    }
    ck_assert_uint_eq(vstat(&e, 2, VNIC_VF_STAT_RX_FRAMES_LO), 240);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

/* Replication load overruns the copy engine: FIFO drops at the first beat. */
START_TEST(test_fifo_drops)
{
    struct vnic_model_params p;
    vnic_model_params_default(&p);
    p.rx_buf_bytes = 1u << 20;
    struct tenv e;
    tenv_init(&e, &p);
    tsetup(&e, 8);
    struct evlog lg;
    evlog_attach(&e, &lg);
    uint8_t f[64];
    mkframe(f, 0xFFFFFFFFFFFFull, 0x0A0000000001ull, 64, 1);
    uint64_t t = 10;
    for (unsigned i = 0; i < 1000; i++) {
        trx(&e, t, f, 64, 0);
        t += 11;
    }
    vnic_model_drain(e.m, 1000000);
    uint64_t fifo = gstat(&e, VNIC_PF_GSTAT_DROP_FIFO_LO);
    ck_assert_uint_gt(fifo, 100);
    size_t nsof_bad = 0, ndec = 0;
    for (size_t i = 0; i < lg.n; i++) {
        if (lg.ev[i].type == VNIC_EV_RX_SOF && !lg.ev[i].fifo_ok)
            nsof_bad++;
        if (lg.ev[i].type == VNIC_EV_RX_DEC)
            ndec++;
    }
    ck_assert_uint_eq(nsof_bad, fifo);
    ck_assert_uint_eq(ndec, 1000 - fifo);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_RX_COPIES_LO), 8 * (1000 - fifo));
    ck_assert_uint_eq(evlog_count(&lg, VNIC_EV_RX_FIFO_REL, -1), ndec);
    /* releases leave the FIFO in order */
    uint32_t last = 0;
    bool first = true;
    for (size_t i = 0; i < lg.n; i++)
        if (lg.ev[i].type == VNIC_EV_RX_FIFO_REL) {
            ck_assert(first || lg.ev[i].seq > last);
            last = lg.ev[i].seq;
            first = false;
        }
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
}
END_TEST

/* Other builds: 128/256-bit datapaths, one vNIC, 32 vNICs (vector 64). */
START_TEST(test_param_matrix)
{
    const struct { unsigned nv, dw; } cfgs[] = {{1, 64}, {8, 128}, {8, 256}, {32, 64}};
    for (unsigned k = 0; k < 4; k++) {
        struct vnic_model_params p;
        vnic_model_params_default(&p);
        p.num_vnic = cfgs[k].nv;
        p.data_w = cfgs[k].dw;
        p.rx_buf_bytes = cfgs[k].nv * 4096 > 65536 ? 1u << 17 : 65536;
        p.tx_buf_bytes = p.rx_buf_bytes;
        struct tenv e;
        tenv_init(&e, &p);
        struct evlog lg;
        evlog_attach(&e, &lg);
        tsetup(&e, cfgs[k].nv);
        const unsigned last = cfgs[k].nv - 1;
        rx_ring(&e, 0, 5, 2048, 31);
        rx_ring(&e, last, 5, 2048, 31);
        static uint8_t f[20][1600];
        uint64_t t = vnic_model_now(e.m) + 10;
        for (unsigned i = 0; i < 20; i++) {
            unsigned v = (i & 1) ? last : 0;
            uint32_t L = 64 + 71 * i;
            mkframe(f[i], tmac(v), 0x0A0000000001ull, L, i);
            trx(&e, t, f[i], L, 0);
            t += L / e.W + 30;
        }
        /* a TX frame from the last vNIC, moderation on every frame */
        tx_ring(&e, last, 3);
        vfw(&e, last, VNIC_VF_INT_MASK, VNIC_VF_INT_MASK_TX_MASK);
        uint8_t tf[204];
        mkframe(tf, 0x0A0000000001ull, tmac(last), 204, 99);
        tx_post(&e, last, tf, 200);
        vnic_model_drain(e.m, 1000000);
        for (unsigned i = 0; i < 20; i++) {
            unsigned v = (i & 1) ? last : 0;
            uint32_t idx = cfgs[k].nv == 1 ? i : i / 2;
            ck_assert_msg(memcmp(hptr(&e, g2h(v, rx_buf_g(v, idx))), f[i], 64 + 71 * i - 4) == 0,
                          "config %u frame %u", k, i);
        }
        ck_assert_uint_eq(e.hm.ntx, 1);
        ck_assert(memcmp(e.hm.tx[0].data, tf, 200) == 0);
        bool seen = false;
        for (size_t i = 0; i < lg.n; i++) {
            if (lg.ev[i].type != VNIC_EV_IRQ)
                continue;
            unsigned vec = VNIC_VEC_TX(last);
            seen |= vec < 64 ? (lg.ev[i].irq_mask >> vec) & 1 : (lg.ev[i].irq_mask_hi >> (vec - 64)) & 1;
        }
        ck_assert_msg(seen, "config %u: TX vector %u never triggered", k, VNIC_VEC_TX(last));
        ck_assert_uint_eq(e.hm.irq[e.hm.nirq - 1].vec, VNIC_VEC_TX(last));
        check_conservation(&e);
        evlog_free(&lg);
        tenv_free(&e);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cmodel_rx");
    TCase *tc = tcase_create("rx");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_crc_vectors);
    tcase_add_test(tc, test_wire_checks_precedence);
    tcase_add_test(tc, test_decision_timing);
    tcase_add_test(tc, test_classification);
    tcase_add_test(tc, test_policer_edges);
    tcase_add_test(tc, test_policer_long_run);
    tcase_add_test(tc, test_nobuf_isolation);
    tcase_add_test(tc, test_partition_wrap_bytes);
    tcase_add_test(tc, test_fifo_drops);
    tcase_add_test(tc, test_param_matrix);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? 1 : 0;
}
