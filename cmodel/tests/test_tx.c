/* Model unit tests: the transmit path (§5) — padding and FCS, TXLEN,
 * anti-spoofing, partition back-pressure, the TX scheduler and shaper,
 * completions, moderation, TX faults. */
#include <stdlib.h>
#include <string.h>

#include "tutil.h"

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

/* n bytes from vNIC v's MAC, no FCS. */
static void txframe(uint8_t *f, unsigned v, uint32_t n, uint32_t seed)
{
    uint8_t tmp[16384];
    mkframe(tmp, 0x0A0000000001ull, tmac(v), n + 4 > 18 ? n + 4 : 18, seed);
    memcpy(f, tmp, n);
}

static uint16_t tx_status(struct tenv *e, unsigned v, uint32_t idx)
{
    uint8_t *d = hptr(e, g2h(v, tx_desc_g(v, idx)));
    return (uint16_t)(d[14] | (d[15] << 8));
}

static void check_wire(const struct txcap *c, const uint8_t *f, uint32_t n)
{
    uint32_t Lw = (n > 60 ? n : 60) + 4;
    ck_assert_uint_eq(c->len, Lw);
    ck_assert(memcmp(c->data, f, n) == 0);
    for (uint32_t i = n; i < Lw - 4; i++)
        ck_assert_uint_eq(c->data[i], 0);
    uint32_t fcs = crc_ref(c->data, Lw - 4);
    ck_assert_uint_eq(c->data[Lw - 4] | (c->data[Lw - 3] << 8) | (c->data[Lw - 2] << 16) |
                          ((uint32_t)c->data[Lw - 1] << 24),
                      fcs);
}

START_TEST(test_tx_pad_fcs_counters)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    tx_ring(&e, 1, 4);
    uint32_t lens[] = {14, 20, 59, 60, 61, 100, 1000, 1518};
    static uint8_t f[8][1600];
    for (unsigned i = 0; i < 8; i++) {
        txframe(f[i], 1, lens[i], i);
        tx_post(&e, 1, f[i], lens[i]);
    }
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(e.hm.ntx, 8);
    uint64_t bytes = 0;
    for (unsigned i = 0; i < 8; i++) {
        ck_assert_uint_eq(e.hm.tx[i].vnic, 1);
        check_wire(&e.hm.tx[i], f[i], lens[i]);
        bytes += (lens[i] > 60 ? lens[i] : 60) + 4;
        ck_assert_uint_eq(tx_status(&e, 1, i), VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP);
        if (i)
            ck_assert_uint_gt(e.hm.tx[i].cycle, e.hm.tx[i - 1].cycle);
    }
    ck_assert_uint_eq(vfr(&e, 1, VNIC_VF_TXR_HEAD), 8);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_TX_FRAMES_LO), 8);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_TX_BYTES_LO), bytes);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_TX_FRAMES_LO), 8);
    ck_assert_uint_eq(gstat(&e, VNIC_PF_GSTAT_TX_BYTES_LO), bytes);
    pfw(&e, VNIC_PF_G_VSEL, 1);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_TX_USED), 0);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

START_TEST(test_tx_txlen_spoof)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    struct tcfg c;
    tcfg_default(&e, &c, 0, 2);
    c.flags |= VNIC_PF_STAGE_FLAGS_ANTISPOOF_MASK;
    ck_assert_uint_eq(tcommit(&e, 0, &c), 0);
    tx_ring(&e, 0, 4);
    const uint32_t mf = pfr(&e, VNIC_PF_G_MAX_FRAME);
    static uint8_t f[6][1600];
    uint32_t lens[6] = {13, 14, mf - 4, mf - 3, 200, 200};
    for (unsigned i = 0; i < 6; i++)
        txframe(f[i], 0, lens[i], i);
    f[5][9] ^= 1; /* source MAC not vNIC 0's */
    for (unsigned i = 0; i < 6; i++)
        tx_post(&e, 0, f[i], lens[i]);
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(e.hm.ntx, 3);
    check_wire(&e.hm.tx[0], f[1], 14);
    check_wire(&e.hm.tx[1], f[2], mf - 4);
    check_wire(&e.hm.tx[2], f[4], 200);
    const uint16_t ok = VNIC_DESC_STATUS_DD | VNIC_DESC_STATUS_EOP;
    ck_assert_uint_eq(tx_status(&e, 0, 0), ok | VNIC_DESC_STATUS_ERR_TXLEN);
    ck_assert_uint_eq(tx_status(&e, 0, 1), ok);
    ck_assert_uint_eq(tx_status(&e, 0, 2), ok);
    ck_assert_uint_eq(tx_status(&e, 0, 3), ok | VNIC_DESC_STATUS_ERR_TXLEN);
    ck_assert_uint_eq(tx_status(&e, 0, 4), ok);
    ck_assert_uint_eq(tx_status(&e, 0, 5), ok | VNIC_DESC_STATUS_ERR_SPOOF);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DROP_TXLEN_LO), 2);
    ck_assert_uint_eq(vstat(&e, 0, VNIC_VF_STAT_DROP_SPOOF_LO), 1);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_TXR_HEAD), 6);
    /* without antispoof the same frame goes out */
    tcfg_default(&e, &c, 0, 2);
    ck_assert_uint_eq(tcommit(&e, 0, &c), 0);
    tx_post(&e, 0, f[5], 200);
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(e.hm.ntx, 4);
    check_wire(&e.hm.tx[3], f[5], 200);
    pfw(&e, VNIC_PF_G_VSEL, 0);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_TX_USED), 0);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

/* The TX partition back-pressures the DMA: never a drop, never overfull. */
START_TEST(test_tx_backpressure)
{
    struct tenv e;
    tenv_init(&e, NULL);
    pfw(&e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK); /* tx_en off: nothing leaves */
    struct tcfg c;
    tcfg_default(&e, &c, 0, 1);
    c.tx_size = 1536 * 2;
    ck_assert_uint_eq(tcommit(&e, 0, &c), 0);
    tx_ring(&e, 0, 4);
    static uint8_t f[12][1000];
    for (unsigned i = 0; i < 12; i++) {
        txframe(f[i], 0, 1000, i);
        tx_post(&e, 0, f[i], 1000);
    }
    vnic_model_drain(e.m, 1000000);
    pfw(&e, VNIC_PF_G_VSEL, 0);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_TX_USED), 3000); /* three fit in 3072 */
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_TXR_HEAD), 3);
    ck_assert_uint_eq(e.hm.ntx, 0);
    pfw(&e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK | VNIC_PF_G_CTRL_TX_EN_MASK);
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(e.hm.ntx, 12);
    for (unsigned i = 0; i < 12; i++)
        check_wire(&e.hm.tx[i], f[i], 1000);
    ck_assert_uint_eq(vfr(&e, 0, VNIC_VF_TXR_HEAD), 12);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_TX_USED), 0);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

/* Feed vNICs 0 and 1 with TX frames for `cycles`; return their wire bytes. */
static void tx_flood2(struct tenv *e, uint32_t n, uint64_t cycles, uint64_t got[2], uint64_t first[2])
{
    static uint8_t f[2][2000];
    txframe(f[0], 0, n, 1);
    txframe(f[1], 1, n, 2);
    got[0] = got[1] = 0;
    first[0] = first[1] = 0;
    unsigned seen = 0;
    while (vnic_model_now(e->m) < cycles) {
        for (unsigned v = 0; v < 2; v++) {
            uint32_t head = vfr(e, v, VNIC_VF_TXR_HEAD), size = 1u << e->tx_log2[v];
            while (((e->tx_next[v] + 1) & (size - 1)) != head)
                tx_post(e, v, f[v], n);
        }
        vnic_model_run_until(e->m, vnic_model_now(e->m) + 200);
        for (; seen < e->hm.ntx; seen++) {
            const struct txcap *c = &e->hm.tx[seen];
            if (!first[c->vnic])
                first[c->vnic] = c->cycle;
            if (c->cycle >= cycles / 10 && c->cycle < cycles)
                got[c->vnic] += c->len;
        }
    }
}

START_TEST(test_tx_weights)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    struct tcfg c;
    tcfg_default(&e, &c, 1, 2);
    c.tx_weight = 3;
    ck_assert_uint_eq(tcommit(&e, 1, &c), 0);
    tx_ring(&e, 0, 4);
    tx_ring(&e, 1, 4);
    uint64_t got[2], first[2];
    /* 300-byte frames: the host read path (8 bytes/cycle) outruns the wire */
    tx_flood2(&e, 300, 1000000, got, first);
    double share = (double)got[0] / (double)(got[0] + got[1]);
    ck_assert_msg(share > 0.25 * 0.99 && share < 0.25 * 1.01, "TX weights 1:3 gave %.4f", share);
    /* the wire is full: W bytes per cycle with 20 bytes per frame of overhead */
    double wire = (double)(got[0] + got[1]) / (0.9 * 1000000.0);
    double limit = 8.0 * 304.0 / 324.0;
    ck_assert_msg(wire > limit * 0.99, "TX wire %.3f of %.3f bytes/cycle", wire, limit);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

START_TEST(test_tx_shaper)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    struct tcfg c;
    tcfg_default(&e, &c, 0, 2);
    c.flags |= VNIC_PF_STAGE_FLAGS_SHP_EN_MASK;
    c.tx_rate = 1u << 24; /* 1 byte per cycle */
    c.tx_burst = 3000;
    ck_assert_uint_eq(tcommit(&e, 0, &c), 0);
    tx_ring(&e, 0, 4);
    tx_ring(&e, 1, 4);
    uint64_t got[2], first[2];
    tx_flood2(&e, 500, 1000000, got, first);
    double r0 = (double)got[0] / (0.9 * 1000000.0);
    ck_assert_msg(r0 > 0.99 && r0 < 1.01, "shaped vNIC sent %.4f bytes/cycle", r0);
    /* never above rate * t + burst + one frame */
    uint64_t sent = 0;
    for (unsigned i = 0; i < e.hm.ntx; i++) {
        const struct txcap *t = &e.hm.tx[i];
        if (t->vnic != 0)
            continue;
        sent += t->len;
        ck_assert_uint_le(sent, (t->cycle - first[0]) + 3000 + 2 * 504);
    }
    /* the other vNIC took the rest of the wire */
    ck_assert_uint_gt(got[1], got[0] * 5);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

START_TEST(test_tx_moderation)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 2);
    tx_ring(&e, 1, 4);
    vfw(&e, 1, VNIC_VF_TXR_ITR_COUNT, 3);
    vfw(&e, 1, VNIC_VF_INT_MASK, VNIC_VF_INT_MASK_TX_MASK);
    static uint8_t f[1600];
    txframe(f, 1, 300, 1);
    for (unsigned i = 0; i < 7; i++)
        tx_post(&e, 1, f, 300);
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(e.hm.ntx, 7);
    unsigned n = 0;
    for (unsigned i = 0; i < e.hm.nirq; i++) {
        if (e.hm.irq[i].vec != VNIC_VEC_TX(1))
            continue;
        ck_assert_uint_eq(e.hm.irq[i].cyc, e.hm.tx[3 * n + 2].cycle); /* at the 3rd, 6th sent */
        n++;
    }
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(vfr(&e, 1, VNIC_VF_INT_STATUS), VNIC_VF_INT_STATUS_TX_MASK);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

static void expect_fault(struct tenv *e, unsigned v, unsigned reason, uint64_t addr)
{
    pfw(e, VNIC_PF_G_VSEL, v);
    uint32_t st = pfr(e, VNIC_PF_VSTAT_STATUS);
    ck_assert(st & VNIC_PF_VSTAT_STATUS_HALTED_MASK);
    ck_assert_uint_eq((st & VNIC_PF_VSTAT_STATUS_REASON_MASK) >> VNIC_PF_VSTAT_STATUS_REASON_LSB, reason);
    uint64_t fa = pfr(e, VNIC_PF_VSTAT_FAULT_ADDR_LO) | ((uint64_t)pfr(e, VNIC_PF_VSTAT_FAULT_ADDR_HI) << 32);
    ck_assert_uint_eq(fa, addr);
    ck_assert(pfr(e, VNIC_PF_G_FAULT_VEC) & (1u << v));
}

START_TEST(test_tx_faults)
{
    struct tenv e;
    tenv_init(&e, NULL);
    tsetup(&e, 4);
    static uint8_t f[4][600];
    for (unsigned v = 0; v < 4; v++)
        txframe(f[v], v, 600, v);
    /* vNIC 0: buffer of descriptor 1 outside the window */
    tx_ring(&e, 0, 4);
    tx_post(&e, 0, f[0], 600);
    uint32_t i1 = tx_post(&e, 0, f[0], 600);
    (void)i1;
    /* vNIC 1: ring outside the window */
    uint64_t rb = T_GBASE(1) + 2 * T_WIN_SIZE;
    vfw(&e, 1, VNIC_VF_TXR_BASE_LO, (uint32_t)rb);
    vfw(&e, 1, VNIC_VF_TXR_BASE_HI, (uint32_t)(rb >> 32));
    vfw(&e, 1, VNIC_VF_TXR_SIZE, 3);
    /* vNIC 2: SLVERR on the data of its second frame */
    tx_ring(&e, 2, 4);
    herr_add(&e, g2h(2, T_GBASE(2) + T_TXBUF_OFF + 16384 + 10), 1);
    /* vNIC 3: a neighbour that must not notice */
    tx_ring(&e, 3, 4);
    /* make vNIC 0's second descriptor point outside, then ring doorbells */
    uint8_t *d = hptr(&e, g2h(0, tx_desc_g(0, 1)));
    uint64_t bad = T_GBASE(0) + T_WIN_SIZE - 100;
    for (int k = 0; k < 8; k++)
        d[k] = (uint8_t)(bad >> (8 * k));
    vfw(&e, 1, VNIC_VF_TXR_TAIL, 2);
    tx_post(&e, 2, f[2], 600);
    tx_post(&e, 2, f[2], 600);
    tx_post(&e, 2, f[2], 600);
    for (unsigned i = 0; i < 5; i++)
        tx_post(&e, 3, f[3], 600);
    vnic_model_drain(e.m, 1000000);
    expect_fault(&e, 0, VNIC_FAULT_REASON_TX_BUF_ADDR, bad);
    expect_fault(&e, 1, VNIC_FAULT_REASON_TX_DESC_ADDR, rb);
    expect_fault(&e, 2, VNIC_FAULT_REASON_TX_AXI_ERR, T_GBASE(2) + T_TXBUF_OFF + 16384);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_G_FAULT_VEC), 7);
    /* frames before the faulting descriptor may or may not have left (a
     * halted vNIC is not scheduled); nothing after it does */
    ck_assert_uint_le(vstat(&e, 0, VNIC_VF_STAT_TX_FRAMES_LO), 1);
    ck_assert_uint_eq(vstat(&e, 1, VNIC_VF_STAT_TX_FRAMES_LO), 0);
    ck_assert_uint_le(vstat(&e, 2, VNIC_VF_STAT_TX_FRAMES_LO), 1);
    ck_assert_uint_eq(vstat(&e, 3, VNIC_VF_STAT_TX_FRAMES_LO), 5);
    for (unsigned i = 0; i < e.hm.ntx; i++)
        if (e.hm.tx[i].vnic != 3)
            check_wire(&e.hm.tx[i], f[e.hm.tx[i].vnic], 600);
    unsigned n3 = 0;
    for (unsigned i = 0; i < e.hm.ntx; i++)
        if (e.hm.tx[i].vnic == 3) {
            check_wire(&e.hm.tx[i], f[3], 600);
            n3++;
        }
    ck_assert_uint_eq(n3, 5);
    /* RESET vNIC 2 clears its fault; it transmits again */
    ck_assert_uint_eq(tcmd(&e, 2, VNIC_CMD_OP_RESET), 0);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_G_FAULT_VEC), 3);
    e.hm.nerr = 0;
    tx_ring(&e, 2, 4);
    tx_post(&e, 2, f[2], 600);
    uint64_t before = vstat(&e, 2, VNIC_VF_STAT_TX_FRAMES_LO);
    vnic_model_drain(e.m, 1000000);
    ck_assert_uint_eq(vstat(&e, 2, VNIC_VF_STAT_TX_FRAMES_LO), before + 1);
    pfw(&e, VNIC_PF_G_VSEL, 2);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_TX_USED), 0);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cmodel_tx");
    TCase *tc = tcase_create("tx");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_tx_pad_fcs_counters);
    tcase_add_test(tc, test_tx_txlen_spoof);
    tcase_add_test(tc, test_tx_backpressure);
    tcase_add_test(tc, test_tx_weights);
    tcase_add_test(tc, test_tx_shaper);
    tcase_add_test(tc, test_tx_moderation);
    tcase_add_test(tc, test_tx_faults);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? 1 : 0;
}
