/* Model unit tests: the RX DMA scheduler (§4.7), descriptors and
 * completions (§4.8), interrupt moderation (§4.9), DMA windows and faults
 * (§6) and the per-vNIC RESET (§9). */
#include <stdlib.h>
#include <string.h>

#include "tutil.h"

/* A congested host path: 1 byte per cycle against a 8-byte wire. */
static void slow_host(struct vnic_model_params *p, unsigned bpc)
{
    vnic_model_params_default(p);
    p->host_bpc = bpc;
    p->host_lat = 50;
    p->rx_buf_bytes = 1u << 20;
}

/* Flood vNICs 0 and 1 with L-byte frames for `cycles`; return the bytes
 * delivered to each between warm-up and the end. */
static void flood2(struct tenv *e, uint32_t L, uint64_t cycles, uint64_t got[2])
{
    const uint64_t warm = cycles / 10;
    uint64_t base[2] = {0, 0};
    uint64_t t = vnic_model_now(e->m) + 10;
    unsigned i = 0;
    const uint32_t period = (L + 20 + e->W - 1) / e->W;
    bool warmed = false;
    while (t < cycles) {
        trx_to(e, t, i & 1, L, i);
        t += period;
        i++;
        if ((i & 63) == 0) {
            vnic_model_run_until(e->m, t - 4 * period);
            rx_repost(e, 0);
            rx_repost(e, 1);
            if (!warmed && vnic_model_now(e->m) >= warm) {
                warmed = true;
                base[0] = vstat(e, 0, VNIC_VF_STAT_RX_BYTES_LO);
                base[1] = vstat(e, 1, VNIC_VF_STAT_RX_BYTES_LO);
            }
        }
    }
    got[0] = vstat(e, 0, VNIC_VF_STAT_RX_BYTES_LO) - base[0];
    got[1] = vstat(e, 1, VNIC_VF_STAT_RX_BYTES_LO) - base[1];
    /* finish: keep reposting until everything stored is delivered */
    for (int k = 0; k < 200; k++) {
        vnic_model_run_until(e->m, vnic_model_now(e->m) + 20000);
        rx_repost(e, 0);
        rx_repost(e, 1);
    }
    vnic_model_drain(e->m, 1ull << 30);
}

static void sched_setup(struct tenv *e, uint32_t w0, uint32_t w1, uint32_t g0, uint32_t g1)
{
    tsetup(e, 2);
    struct tcfg c;
    tcfg_default(e, &c, 0, 2);
    c.weight = w0;
    c.guar = g0;
    ck_assert_uint_eq(tcommit(e, 0, &c), 0);
    tcfg_default(e, &c, 1, 2);
    c.weight = w1;
    c.guar = g1;
    ck_assert_uint_eq(tcommit(e, 1, &c), 0);
    rx_ring(e, 0, 8, 2048, 255);
    rx_ring(e, 1, 8, 2048, 255);
}

START_TEST(test_sched_weights)
{
    struct vnic_model_params p;
    slow_host(&p, 1);
    struct tenv e;
    tenv_init(&e, &p);
    sched_setup(&e, 1, 3, 0, 0);
    uint64_t got[2];
    flood2(&e, 500, 3000000, got);
    double share = (double)got[0] / (double)(got[0] + got[1]);
    ck_assert_msg(share > 0.25 * 0.99 && share < 0.25 * 1.01, "weights 1:3 gave %.4f to vNIC 0", share);
    /* the host path is saturated */
    double rate = (double)(got[0] + got[1]) / (3000000.0 * 0.9);
    ck_assert_msg(rate > 0.98, "host path used %.3f of 1 byte/cycle", rate);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

START_TEST(test_sched_guarantee)
{
    struct vnic_model_params p;
    slow_host(&p, 1);
    struct tenv e;
    tenv_init(&e, &p);
    /* vNIC 0: guarantee 0.6 B/cycle, weight 1; vNIC 1: weight 10 */
    sched_setup(&e, 1, 10, (uint32_t)(0.6 * (1 << 24)), 0);
    uint64_t got[2];
    flood2(&e, 500, 3000000, got);
    /* in wire bytes (L), as the buckets count */
    double r0 = (double)got[0] * 500.0 / 496.0 / (3000000.0 * 0.9);
    double r1 = (double)got[1] * 500.0 / 496.0 / (3000000.0 * 0.9);
    /* guarantee first, the spare 0.4 shared 1:10 */
    double want0 = 0.6 + 0.4 / 11.0;
    ck_assert_msg(r0 > 0.6 && r0 > want0 * 0.99 && r0 < want0 * 1.01, "guaranteed vNIC got %.4f", r0);
    ck_assert_msg(r1 > 0.4 * 10 / 11 * 0.98, "weighted vNIC got %.4f", r1);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

START_TEST(test_sched_ceiling)
{
    struct vnic_model_params p;
    slow_host(&p, 8);
    struct tenv e;
    tenv_init(&e, &p);
    tsetup(&e, 2);
    struct tcfg c;
    tcfg_default(&e, &c, 0, 2);
    c.flags |= VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK;
    c.ceil = 1u << 22; /* 0.25 B/cycle */
    c.sch_burst = 2000;
    ck_assert_uint_eq(tcommit(&e, 0, &c), 0);
    rx_ring(&e, 0, 8, 2048, 255);
    rx_ring(&e, 1, 8, 2048, 255);
    struct evlog lg;
    evlog_attach(&e, &lg);
    uint64_t got[2];
    flood2(&e, 300, 1000000, got);
    double r0 = (double)got[0] * 300.0 / 296.0 / 900000.0; /* wire bytes, as the bucket counts */
    ck_assert_msg(r0 > 0.25 * 0.99 && r0 < 0.25 * 1.01, "ceiling 0.25 gave %.4f", r0);
    /* never above the ceiling: every prefix of vNIC 0's grants within
     * rate * t + depth + one frame */
    uint64_t first = 0, granted = 0;
    for (size_t i = 0; i < lg.n; i++) {
        if (lg.ev[i].type != VNIC_EV_RX_GRANT || lg.ev[i].vnic != 0)
            continue;
        if (!first)
            first = lg.ev[i].cycle;
        granted += 300;
        double bound = 0.25 * (double)(lg.ev[i].cycle - first) + 2000 + 300;
        ck_assert_msg((double)granted <= bound, "ceiling exceeded at cycle %llu",
                      (unsigned long long)lg.ev[i].cycle);
    }
    /* vNIC 1 (no ceiling) took the rest of the host path */
    ck_assert_uint_gt(got[1], got[0] * 5);
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
}
END_TEST

/* An idle vNIC does not keep its positive deficit (§4.7). */
START_TEST(test_sched_idle_credit)
{
    struct vnic_model_params p;
    slow_host(&p, 1);
    struct tenv e;
    tenv_init(&e, &p);
    sched_setup(&e, 4, 1, 0, 0); /* quanta 256 and 64; 64-byte frames */
    struct evlog lg;
    evlog_attach(&e, &lg);
    uint64_t t = vnic_model_now(e.m) + 10;
    trx_to(&e, t, 0, 64, 0);
    t += 11;
    trx_to(&e, t, 0, 64, 1);
    t += 11;
    for (unsigned i = 0; i < 200; i++, t += 11)
        trx_to(&e, t, 1, 64, 100 + i);
    t = 5000;
    for (unsigned i = 0; i < 10; i++, t += 11)
        trx_to(&e, t, 0, 64, 10 + i);
    vnic_model_drain(e.m, 1ull << 30);
    /* runs of consecutive grants to vNIC 0 */
    unsigned runs[16], nr = 0, cur = 0, total = 0;
    for (size_t i = 0; i < lg.n; i++) {
        if (lg.ev[i].type != VNIC_EV_RX_GRANT || lg.ev[i].vnic == VNIC_EV_NO_VNIC)
            continue;
        if (lg.ev[i].vnic == 0) {
            cur++;
            total++;
        } else if (cur) {
            if (nr < 16)
                runs[nr++] = cur;
            cur = 0;
        }
    }
    if (cur && nr < 16)
        runs[nr++] = cur;
    ck_assert_uint_eq(total, 12);
    ck_assert_uint_ge(nr, 3);
    ck_assert_uint_eq(runs[0], 2); /* its two frames, then it left E with 128 bytes of credit */
    ck_assert_uint_eq(runs[1], 4); /* back: a fresh quantum of 256, not 384 */
    ck_assert_uint_eq(runs[2], 4);
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
}
END_TEST

/* ------------------------------------------------------------ descriptors */

START_TEST(test_descriptor_bytes)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    rx_ring(&e, 1, 3, 2048, 0);
    /* garbage in the device-written bytes, a pattern in the buffers */
    for (unsigned i = 0; i < 8; i++) {
        memset(hptr(&e, g2h(1, rx_desc_g(1, i))) + 10, 0xAA, 6);
        memset(hptr(&e, g2h(1, rx_buf_g(1, i))), 0x5C, 2048);
    }
    /* descriptor 1 has a 100-byte buffer */
    uint8_t *d1 = hptr(&e, g2h(1, rx_desc_g(1, 1)));
    d1[8] = 100;
    d1[9] = 0;
    vfw(&e, 1, VNIC_VF_RXR_TAIL, 3);
    uint8_t f[3][300];
    mkframe(f[0], tmac(1), 0x0A0000000001ull, 300, 1);
    mkframe(f[1], tmac(1), 0x0A0000000001ull, 200, 2);
    mkframe(f[2], 0xFFFFFFFFFFFFull, 0x0A0000000001ull, 104, 3);
    trx(&e, 10, f[0], 300, 0);
    trx(&e, 100, f[1], 200, 0);
    trx(&e, 200, f[2], 104, 0);
    vnic_model_drain(e.m, 100000);
    const uint8_t *d;
    /* frame 0: 296 bytes */
    d = hptr(&e, g2h(1, rx_desc_g(1, 0)));
    ck_assert_uint_eq(d[8] | (d[9] << 8), 2048);
    ck_assert_uint_eq(d[10] | d[11], 0);
    ck_assert_uint_eq(d[12] | (d[13] << 8), 296);
    ck_assert_uint_eq(d[14] | (d[15] << 8), VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP);
    ck_assert_uint_eq(((uint64_t)d[0] | ((uint64_t)d[4] << 32)), rx_buf_g(1, 0) & 0xFF000000FFull);
    ck_assert(memcmp(hptr(&e, g2h(1, rx_buf_g(1, 0))), f[0], 296) == 0);
    ck_assert_uint_eq(hptr(&e, g2h(1, rx_buf_g(1, 0)))[296], 0x5C); /* nothing past the frame */
    /* frame 1: ERR_BUFLEN, length still L-4, buffer untouched */
    d = hptr(&e, g2h(1, rx_desc_g(1, 1)));
    ck_assert_uint_eq(d[8] | (d[9] << 8), 100);
    ck_assert_uint_eq(d[12] | (d[13] << 8), 196);
    ck_assert_uint_eq(d[14] | (d[15] << 8),
                      VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | VNIC_DESC_STATUS_ERR_BUFLEN);
    ck_assert_uint_eq(hptr(&e, g2h(1, rx_buf_g(1, 1)))[0], 0x5C);
    /* frame 2: broadcast */
    d = hptr(&e, g2h(1, rx_desc_g(1, 2)));
    ck_assert_uint_eq(d[14] | (d[15] << 8), VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP | VNIC_DESC_STATUS_BCAST);
    ck_assert(memcmp(hptr(&e, g2h(1, rx_buf_g(1, 2))), f[2], 100) == 0);
    /* descriptor 3 was not posted: untouched */
    d = hptr(&e, g2h(1, rx_desc_g(1, 3)));
    ck_assert_uint_eq(d[14], 0xAA);
    ck_assert_uint_eq(vfr(&e, 1, VNIC_VF_RXR_HEAD), 3);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_RX_FRAMES_LO), 2);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_RX_BYTES_LO), 296 + 100);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_DROP_BUFLEN_LO), 1);
    pfw(&e, VNIC_PF_G_VSEL, 1);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_RX_USED), 0);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

/* ------------------------------------------------------------ moderation */

START_TEST(test_moderation_count)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 4);
    rx_ring(&e, 3, 5, 2048, 31);
    vfw(&e, 3, VNIC_VF_RXR_ITR_COUNT, 4);
    vfw(&e, 3, VNIC_VF_INT_MASK, VNIC_VF_INT_MASK_RX_MASK);
    struct evlog lg;
    evlog_attach(&e, &lg);
    for (unsigned i = 0; i < 10; i++)
        trx_to(&e, 10 + 30 * i, 3, 100, i);
    vnic_model_drain(e.m, 100000);
    uint64_t cpl[10];
    unsigned nc = 0, ni = 0;
    uint64_t irqc[4];
    for (size_t i = 0; i < lg.n; i++) {
        if (lg.ev[i].type == VNIC_EV_RX_CPL && nc < 10)
            cpl[nc++] = lg.ev[i].cycle;
        if (lg.ev[i].type == VNIC_EV_IRQ && (lg.ev[i].irq_mask >> VNIC_VEC_RX(3) & 1) && ni < 4) {
            ck_assert_uint_eq(lg.ev[i].irq_mask, 1ull << VNIC_VEC_RX(3));
            irqc[ni++] = lg.ev[i].cycle;
        }
    }
    ck_assert_uint_eq(nc, 10);
    ck_assert_uint_eq(ni, 2);
    ck_assert_uint_eq(irqc[0], cpl[3]);
    ck_assert_uint_eq(irqc[1], cpl[7]);
    unsigned msgs = 0;
    for (unsigned i = 0; i < e.hm.nirq; i++)
        if (e.hm.irq[i].vec == VNIC_VEC_RX(3)) {
            ck_assert_uint_eq(e.hm.irq[i].cyc, irqc[msgs]);
            msgs++;
        }
    ck_assert_uint_eq(msgs, 2);
    ck_assert_uint_eq(vfr(&e, 3, VNIC_VF_INT_STATUS), VNIC_VF_INT_STATUS_RX_MASK);
    vfw(&e, 3, VNIC_VF_INT_STATUS, VNIC_VF_INT_STATUS_RX_MASK);
    ck_assert_uint_eq(vfr(&e, 3, VNIC_VF_INT_STATUS), 0);
    /* ITR_COUNT = 0: every completion triggers; masked: no message */
    vfw(&e, 3, VNIC_VF_RXR_ITR_COUNT, 0);
    vfw(&e, 3, VNIC_VF_INT_MASK, 0);
    rx_repost(&e, 3);
    unsigned before = e.hm.nirq;
    size_t li = lg.n;
    trx_to(&e, vnic_model_now(e.m) + 10, 3, 100, 50);
    vnic_model_drain(e.m, 100000);
    /* the two completions left over trigger as soon as the new ITR_COUNT
     * applies (the cycle after the write), the new frame triggers again */
    unsigned nrx = 0;
    for (size_t i = 0; i < lg.n; i++)
        nrx += lg.ev[i].type == VNIC_EV_IRQ && (lg.ev[i].irq_mask >> VNIC_VEC_RX(3) & 1);
    ck_assert_uint_eq(nrx, 4);
    ck_assert_uint_eq(e.hm.nirq, before);
    ck_assert_uint_eq(vfr(&e, 3, VNIC_VF_INT_STATUS), VNIC_VF_INT_STATUS_RX_MASK);
    (void)li;
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
}
END_TEST

START_TEST(test_moderation_timer)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    rx_ring(&e, 0, 5, 2048, 31);
    vfw(&e, 0, VNIC_VF_RXR_ITR_COUNT, 100);
    vfw(&e, 0, VNIC_VF_RXR_ITR_TIMER, 500);
    vfw(&e, 0, VNIC_VF_INT_MASK, VNIC_VF_INT_MASK_RX_MASK);
    struct evlog lg;
    evlog_attach(&e, &lg);
    for (unsigned i = 0; i < 3; i++)
        trx_to(&e, 10 + 30 * i, 0, 100, i);
    trx_to(&e, 3000, 0, 100, 9);
    vnic_model_drain(e.m, 100000);
    uint64_t cpl[4], irq[4];
    unsigned nc = 0, ni = 0;
    for (size_t i = 0; i < lg.n; i++) {
        if (lg.ev[i].type == VNIC_EV_RX_CPL)
            cpl[nc++] = lg.ev[i].cycle;
        if (lg.ev[i].type == VNIC_EV_IRQ && (lg.ev[i].irq_mask >> VNIC_VEC_RX(0) & 1))
            irq[ni++] = lg.ev[i].cycle;
    }
    ck_assert_uint_eq(nc, 4);
    ck_assert_uint_eq(ni, 2);
    ck_assert_uint_eq(irq[0], cpl[0] + 500); /* timer from the first unsignalled completion */
    ck_assert_uint_eq(irq[1], cpl[3] + 500);
    ck_assert_uint_eq(e.hm.nirq, 2);
    ck_assert_uint_eq(e.hm.irq[0].vec, VNIC_VEC_RX(0));
    ck_assert_uint_eq(e.hm.irq[1].cyc, irq[1]);
    check_conservation(&e);
    evlog_free(&lg);
    tenv_free(&e);
}
END_TEST

/* ------------------------------------------------------------ faults */

static void expect_fault(struct tenv *e, unsigned v, unsigned reason, uint64_t addr)
{
    pfw(e, VNIC_PF_G_VSEL, v);
    uint32_t st = pfr(e, VNIC_PF_VSTAT_STATUS);
    ck_assert_msg(st & VNIC_PF_VSTAT_STATUS_HALTED_MASK, "vnic %u not halted", v);
    ck_assert_uint_eq((st & VNIC_PF_VSTAT_STATUS_REASON_MASK) >> VNIC_PF_VSTAT_STATUS_REASON_LSB, reason);
    uint64_t fa = pfr(e, VNIC_PF_VSTAT_FAULT_ADDR_LO) | ((uint64_t)pfr(e, VNIC_PF_VSTAT_FAULT_ADDR_HI) << 32);
    ck_assert_uint_eq(fa, addr);
    ck_assert_uint_eq(vstat(e, v, VNIC_VF_STAT_DMA_FAULTS_LO), 1);
    ck_assert(pfr(e, VNIC_PF_G_FAULT_VEC) & (1u << v));
    ck_assert(pfr(e, VNIC_PF_G_INT_STATUS) & VNIC_PF_G_INT_STATUS_FAULT_MASK);
    ck_assert_uint_eq((vfr(e, v, VNIC_VF_STATUS) & VNIC_VF_STATUS_REASON_MASK) >> VNIC_VF_STATUS_REASON_LSB,
                      reason);
}

/* vNIC 1 receives 20 frames around the fault of vNIC 0: all bit-exact. */
static void neighbour_traffic(struct tenv *e, uint64_t t0, uint8_t f[20][400])
{
    for (unsigned i = 0; i < 20; i++) {
        mkframe(f[i], tmac(1), 0x0A0000000009ull, 80 + 13 * i, 900 + i);
        trx(e, t0 + 90 * i, f[i], 80 + 13 * i, 0);
    }
}

static void neighbour_check(struct tenv *e, uint8_t f[20][400])
{
    ck_assert_uint_eq(vstat(e, 1, VNIC_VF_STAT_RX_FRAMES_LO), 20);
    for (unsigned i = 0; i < 20; i++)
        ck_assert(memcmp(hptr(e, g2h(1, rx_buf_g(1, i))), f[i], 80 + 13 * i - 4) == 0);
    ck_assert_uint_eq(pfr(e, VNIC_PF_G_FAULT_VEC) & 2u, 0);
}

START_TEST(test_fault_rx_buf_addr)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    pfw(&e, VNIC_PF_G_INT_MASK, VNIC_PF_G_INT_MASK_FAULT_MASK);
    rx_ring(&e, 0, 5, 2048, 31);
    rx_ring(&e, 1, 5, 2048, 31);
    /* descriptor 2 of vNIC 0 points just past its window */
    uint64_t bad = T_GBASE(0) + T_WIN_SIZE - 64;
    uint8_t *d = hptr(&e, g2h(0, rx_desc_g(0, 2)));
    for (int i = 0; i < 8; i++)
        d[i] = (uint8_t)(bad >> (8 * i));
    static uint8_t f[20][400];
    neighbour_traffic(&e, 15, f);
    for (unsigned i = 0; i < 6; i++)
        trx_to(&e, 10 + 1000 * i, 0, 200, i);
    vnic_model_drain(e.m, 1000000);
    expect_fault(&e, 0, VNIC_FAULT_REASON_RX_BUF_ADDR, bad);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO), 2);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DROP_HALTED_LO), 4); /* the faulted one and 3 later */
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_HEAD), 2);
    bool pf_irq = false;
    for (unsigned i = 0; i < e.hm.nirq; i++)
        pf_irq |= e.hm.irq[i].vec == VNIC_VEC_PF;
    ck_assert(pf_irq);
    neighbour_check(&e, f);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

START_TEST(test_fault_rx_desc_addr)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    rx_ring(&e, 1, 5, 2048, 31);
    /* ring of vNIC 0 at a guest address outside its window (aligned) */
    uint64_t base = T_GBASE(0) + T_WIN_SIZE + 0x100;
    vfw(&e, 0, VNIC_VF_RXR_BASE_LO, (uint32_t)base);
    vfw(&e, 0, VNIC_VF_RXR_BASE_HI, (uint32_t)(base >> 32));
    vfw(&e, 0, VNIC_VF_RXR_SIZE, 4);
    static uint8_t f[20][400];
    neighbour_traffic(&e, 15, f);
    vfw(&e, 0, VNIC_VF_RXR_TAIL, 5);
    for (unsigned i = 0; i < 3; i++)
        trx_to(&e, 10 + 150 * i, 0, 200, i);
    vnic_model_drain(e.m, 1000000);
    expect_fault(&e, 0, VNIC_FAULT_REASON_RX_DESC_ADDR, base);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO), 0);
    neighbour_check(&e, f);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

START_TEST(test_fault_rx_axi_err)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    rx_ring(&e, 0, 5, 2048, 31);
    rx_ring(&e, 1, 5, 2048, 31);
    herr_add(&e, g2h(0, rx_buf_g(0, 3)) + 100, 1); /* SLVERR inside buffer 3 */
    static uint8_t f[20][400];
    neighbour_traffic(&e, 15, f);
    for (unsigned i = 0; i < 6; i++)
        trx_to(&e, 10 + 1000 * i, 0, 200, i);
    vnic_model_drain(e.m, 1000000);
    expect_fault(&e, 0, VNIC_FAULT_REASON_RX_AXI_ERR, rx_buf_g(0, 3));
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DROP_HALTED_LO), 3);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO), 3);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_HEAD), 3);
    neighbour_check(&e, f);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

START_TEST(test_fault_bad_tail)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 3);
    rx_ring(&e, 0, 4, 2048, 3);
    vfw(&e, 0, VNIC_VF_RXR_TAIL, 16); /* ring of 16 */
    expect_fault(&e, 0, VNIC_FAULT_REASON_BAD_TAIL, 16);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_TAIL), 3); /* the bad value is not taken */
    /* misaligned ring base */
    vfw(&e, 2, VNIC_VF_TXR_BASE_LO, (uint32_t)T_GBASE(2) + 8);
    vfw(&e, 2, VNIC_VF_TXR_BASE_HI, (uint32_t)(T_GBASE(2) >> 32));
    vfw(&e, 2, VNIC_VF_TXR_SIZE, 3);
    vfw(&e, 2, VNIC_VF_TXR_TAIL, 1);
    expect_fault(&e, 2, VNIC_FAULT_REASON_BAD_TAIL, T_GBASE(2) + 8);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_G_FAULT_VEC), 5);
    /* halted: later copies drop HALTED */
    trx_to(&e, vnic_model_now(e.m) + 10, 0, 100, 1);
    vnic_model_drain(e.m, 10000);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DROP_HALTED_LO), 1);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

/* §4.8 doorbell rules: the whole 32-bit value counts, TAIL never moves back
 * over the device's descriptors, BASE and SIZE are locked once a doorbell
 * posted, until RESET. */
START_TEST(test_ring_rules)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 3);
    rx_ring(&e, 0, 4, 2048, 3); /* ring of 16: TAIL 3, HEAD 0 */
    uint32_t lo = vfr(&e, 0, VNIC_VF_RXR_BASE_LO);
    vfw(&e, 0, VNIC_VF_RXR_BASE_LO, lo + 0x100);
    vfw(&e, 0, VNIC_VF_RXR_SIZE, 2);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_BASE_LO), lo);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_SIZE), 4);
    vfw(&e, 0, VNIC_VF_RXR_TAIL, 3); /* unchanged: a good doorbell */
    vfw(&e, 0, VNIC_VF_RXR_TAIL, 5); /* forward */
    ck_assert_uint_eq(pfr(&e, VNIC_PF_G_FAULT_VEC), 0);
    vfw(&e, 0, VNIC_VF_RXR_TAIL, 2); /* back over descriptors 2..4 */
    expect_fault(&e, 0, VNIC_FAULT_REASON_BAD_TAIL, 2);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_TAIL), 5);
    /* the bits above the 16-bit field count: not a doorbell of 4 */
    rx_ring(&e, 1, 4, 2048, 3);
    vfw(&e, 1, VNIC_VF_RXR_TAIL, 0x10004);
    expect_fault(&e, 1, VNIC_FAULT_REASON_BAD_TAIL, 0x10004);
    ck_assert_uint_eq(vfr(&e, 1, VNIC_VF_RXR_TAIL), 3);
    /* RESET unlocks the ring */
    ck_assert_uint_eq(tcmd(&e, 0, VNIC_CMD_OP_RESET), 0);
    vfw(&e, 0, VNIC_VF_RXR_BASE_LO, lo + 0x100);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_BASE_LO), lo + 0x100);
    tenv_free(&e);
}
END_TEST

/* ------------------------------------------------------------ RESET */

START_TEST(test_reset_while_others_run)
{
    struct vnic_model_params p;
    slow_host(&p, 2);
    struct tenv e;
    tenv_init(&e, &p);
    tsetup(&e, 2);
    rx_ring(&e, 1, 5, 2048, 31);
    /* vNIC 0: a ring, ITR, a fault, frames stored with no buffers left */
    rx_ring(&e, 0, 3, 2048, 2);
    vfw(&e, 0, VNIC_VF_RXR_ITR_COUNT, 7);
    vfw(&e, 0, VNIC_VF_INT_MASK, 3);
    for (unsigned i = 0; i < 6; i++)
        trx_to(&e, 10 + 100 * i, 0, 300, i);
    static uint8_t f[20][400];
    neighbour_traffic(&e, 20, f);
    vnic_model_run_until(e.m, 900);
    vfw(&e, 0, VNIC_VF_RXR_TAIL, 9); /* BAD_TAIL */
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO), 2);
    ck_assert_uint_eq(vnic_model_rx_pending(e.m, 0), 4);
    neighbour_check(&e, f);
    rx_repost(&e, 1);
    /* RESET vNIC 0 while vNIC 1 receives */
    uint64_t t = vnic_model_now(e.m) + 10;
    for (unsigned i = 0; i < 20; i++)
        trx_to(&e, t + 90 * i, 1, 100, 500 + i);
    vnic_model_run_until(e.m, t + 500);
    uint64_t v1_before = vstat(&e, 1, VNIC_VF_STAT_RX_FRAMES_LO);
    ck_assert_uint_eq(tcmd(&e, 0, VNIC_CMD_OP_RESET), 0);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DROP_HALTED_LO), 4);
    ck_assert_uint_eq(vnic_model_rx_pending(e.m, 0), 0);
    pfw(&e, VNIC_PF_G_VSEL, 0);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_RX_USED), 0);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_STATUS), VNIC_PF_VSTAT_STATUS_ENABLED_MASK);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_G_FAULT_VEC), 0);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_SIZE), 0);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_HEAD), 0);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_RXR_ITR_COUNT), 0);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_INT_MASK), 0);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_MAC_LO), (uint32_t)tmac(0)); /* configuration kept */
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO), 2);   /* statistics kept */
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DMA_FAULTS_LO), 1);
    /* vNIC 1 kept going through the reset */
    ck_assert_uint_ge(vstat(&e, 1, VNIC_VF_STAT_RX_FRAMES_LO), v1_before);
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_RX_FRAMES_LO), 40);
    /* vNIC 0 works again after the reset */
    rx_ring(&e, 0, 3, 2048, 7);
    trx_to(&e, vnic_model_now(e.m) + 10, 0, 150, 77);
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO), 3);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

/* RESET with a frame in the DMA engine waits for it (busy), then resets. */
START_TEST(test_reset_waits_inflight)
{
    struct vnic_model_params p;
    slow_host(&p, 1);
    p.host_lat = 400;
    struct tenv e;
    tenv_init(&e, &p);
    tsetup(&e, 1);
    rx_ring(&e, 0, 4, 2048, 15);
    for (unsigned i = 0; i < 4; i++)
        trx_to(&e, 10 + 200 * i, 0, 1000, i);
    vnic_model_run_until(e.m, 1500); /* first frame in flight */
    pfw(&e, VNIC_PF_G_VSEL, 0);
    pfw(&e, VNIC_PF_G_CMD, VNIC_CMD_OP_RESET);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_G_CMD_STATUS) & VNIC_PF_G_CMD_STATUS_BUSY_MASK, 1);
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_G_CMD_STATUS) & VNIC_PF_G_CMD_STATUS_BUSY_MASK, 0);
    uint64_t delivered = vstat(&e, 0, VNIC_VF_STAT_RX_FRAMES_LO);
    ck_assert_uint_ge(delivered, 1); /* the one in flight completed */
    ck_assert_uint_eq(delivered + vstat(&e, 0, VNIC_VF_STAT_DROP_HALTED_LO), 4);
    ck_assert_uint_eq(vnic_model_rx_pending(e.m, 0), 0);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cmodel_dma");
    TCase *tc = tcase_create("dma");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_sched_weights);
    tcase_add_test(tc, test_sched_guarantee);
    tcase_add_test(tc, test_sched_ceiling);
    tcase_add_test(tc, test_sched_idle_credit);
    tcase_add_test(tc, test_descriptor_bytes);
    tcase_add_test(tc, test_moderation_count);
    tcase_add_test(tc, test_moderation_timer);
    tcase_add_test(tc, test_fault_rx_buf_addr);
    tcase_add_test(tc, test_fault_rx_desc_addr);
    tcase_add_test(tc, test_fault_rx_axi_err);
    tcase_add_test(tc, test_fault_bad_tail);
    tcase_add_test(tc, test_ring_rules);
    tcase_add_test(tc, test_reset_while_others_run);
    tcase_add_test(tc, test_reset_waits_inflight);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? 1 : 0;
}
