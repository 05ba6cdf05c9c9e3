/* Model unit tests: lockstep. A stand-alone run of model A is recorded
 * (register writes, wire frames, host-memory writes, every reported event)
 * and replayed into model B in lockstep mode: B must agree with every
 * decision, and end with the same host memory, registers, TX wire frames and
 * interrupt messages. One corrupted event must be caught. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tutil.h"

static void params(struct vnic_model_params *p)
{
    vnic_model_params_default(p);
    p->num_vnic = 4;
    p->host_bpc = 2; /* the host path is the bottleneck: the scheduler works */
    p->host_lat = 60;
}

/* n-byte TX frame from vNIC v (no FCS) */
static void txframe(uint8_t *f, unsigned v, uint32_t n, uint32_t seed)
{
    static uint8_t tmp[16384];
    mkframe(tmp, 0x0A0000000001ull, tmac(v), n + 4 > 18 ? n + 4 : 18, seed);
    memcpy(f, tmp, n);
}

/* Everything at once: QoS on all vNICs, replication, the default vNIC,
 * wire errors, NOBUF, ERR_BUFLEN, moderation, TX with TXLEN and spoof,
 * a buffer fault, BAD_TAIL, RESET and a COMMIT in the middle of traffic. */
static uint64_t scenario(struct tenv *e)
{
    pfw(e, VNIC_PF_G_INT_MASK, VNIC_PF_G_INT_MASK_FAULT_MASK | VNIC_PF_G_INT_MASK_CMD_DONE_MASK);
    tsetup(e, 4);
    struct tcfg c;
    tcfg_default(e, &c, 0, 4);
    c.guar = 1u << 24;
    ck_assert_uint_eq(tcommit(e, 0, &c), 0);
    tcfg_default(e, &c, 1, 4);
    c.weight = 3;
    c.flags |= VNIC_PF_STAGE_FLAGS_POL_EN_MASK;
    c.pol_rate = 1u << 22; /* 0.25 B/cycle */
    c.pol_burst = 3000;
    ck_assert_uint_eq(tcommit(e, 1, &c), 0);
    tcfg_default(e, &c, 2, 4);
    c.flags = VNIC_PF_STAGE_FLAGS_ENABLE_MASK | VNIC_PF_STAGE_FLAGS_MCAST_MASK |
              VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK;
    c.ceil = 1u << 23;
    c.sch_burst = 1600;
    ck_assert_uint_eq(tcommit(e, 2, &c), 0);
    tcfg_default(e, &c, 3, 4);
    c.flags |= VNIC_PF_STAGE_FLAGS_ANTISPOOF_MASK | VNIC_PF_STAGE_FLAGS_SHP_EN_MASK;
    c.tx_rate = 1u << 23;
    c.tx_burst = 2000;
    ck_assert_uint_eq(tcommit(e, 3, &c), 0);
    pfw(e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK | VNIC_PF_G_CTRL_TX_EN_MASK |
                               VNIC_PF_G_CTRL_DEF_EN_MASK | (2u << VNIC_PF_G_CTRL_DEF_VNIC_LSB));
    rx_ring(e, 0, 6, 2048, 63);
    rx_ring(e, 1, 6, 2048, 63);
    rx_ring(e, 2, 3, 2048, 7);
    rx_ring(e, 3, 6, 2048, 63);
    /* vNIC 3: descriptor 5 has a 100-byte buffer */
    uint8_t d[16];
    memcpy(d, hptr(e, g2h(3, rx_desc_g(3, 5))), 16);
    d[8] = 100;
    d[9] = 0;
    tmem(e, g2h(3, rx_desc_g(3, 5)), d, 16);
    vfw(e, 0, VNIC_VF_RXR_ITR_COUNT, 4);
    vfw(e, 0, VNIC_VF_INT_MASK, VNIC_VF_INT_MASK_RX_MASK);
    vfw(e, 1, VNIC_VF_RXR_ITR_COUNT, 50);
    vfw(e, 1, VNIC_VF_RXR_ITR_TIMER, 300);
    vfw(e, 1, VNIC_VF_INT_MASK, 3);
    tx_ring(e, 0, 4);
    tx_ring(e, 3, 4);
    vfw(e, 3, VNIC_VF_TXR_ITR_COUNT, 2);
    vfw(e, 3, VNIC_VF_INT_MASK, VNIC_VF_INT_MASK_TX_MASK);

    static uint8_t f[16384];
    uint64_t t = vnic_model_now(e->m) + 10;
    uint32_t x = 12345;
    for (unsigned i = 0; i < 2400; i++) {
        x = x * 1103515245u + 12345u;
        unsigned kind = (x >> 8) % 20;
        uint32_t L = 64 + ((x >> 16) % 1455);
        uint64_t da;
        uint32_t flags = 0;
        if (kind < 12)
            da = tmac(kind % 4);
        else if (kind == 12)
            da = 0xFFFFFFFFFFFFull;
        else if (kind == 13)
            da = 0x01005E000001ull;
        else if (kind == 14)
            da = 0x0A0B0C0D0E0Full; /* -> default vNIC 2 */
        else
            da = tmac(1);
        mkframe(f, da, 0x0A0000000003ull, L, i);
        if (kind == 15)
            f[L - 2] ^= 0x10; /* FCS */
        if (kind == 16)
            L = 40 + (x >> 28); /* runt */
        if (kind == 17)
            flags = VNIC_WF_MACERR;
        if (kind == 18 && (i & 1))
            flags = VNIC_WF_BADTKEEP;
        if (kind == 19 && (i & 3) == 0)
            L = 1600; /* oversize */
        trx(e, t, f, L, flags);
        t += (L + 20 + 7) / 8 + ((x >> 4) & 3 ? 0 : 60);

        if (i % 50 == 49) {
            vnic_model_run_until(e->m, t - 300);
            for (unsigned v = 0; v < 4; v++)
                if (v != 2 || i < 1500)
                    rx_repost(e, v);
        }
        if (i % 40 == 7) { /* bursts of TX on vNICs 0 and 3 */
            for (unsigned k = 0; k < 4; k++) {
                uint32_t n = 14 + ((x >> k) % 900);
                txframe(f, 0, n, i + k);
                tx_post(e, 0, f, (i % 400 == 7 && k == 1) ? 10 : n); /* some TXLEN */
                txframe(f, 3, n, i + k);
                if (i % 120 == 47 && k == 2)
                    f[7] ^= 1; /* spoofed */
                tx_post(e, 3, f, n);
            }
        }
        if (i == 700) { /* COMMIT during traffic: vNIC 1 weight 1 */
            tcfg_default(e, &c, 1, 4);
            c.flags |= VNIC_PF_STAGE_FLAGS_POL_EN_MASK;
            c.pol_rate = 1u << 23;
            c.pol_burst = 5000;
            ck_assert_uint_eq(tcommit(e, 1, &c), 0);
        }
        if (i == 900) { /* vNIC 0: the buffer of its next descriptor is outside */
            uint32_t head = vfr(e, 0, VNIC_VF_RXR_HEAD);
            uint32_t bad_idx = (head + 20) & 63;
            memcpy(d, hptr(e, g2h(0, rx_desc_g(0, bad_idx))), 16);
            uint64_t bad = T_GBASE(0) + 2 * T_WIN_SIZE;
            for (int k = 0; k < 8; k++)
                d[k] = (uint8_t)(bad >> (8 * k));
            tmem(e, g2h(0, rx_desc_g(0, bad_idx)), d, 16);
        }
        if (i == 1500)
            vfw(e, 2, VNIC_VF_RXR_TAIL, 99); /* BAD_TAIL */
        if (i == 1900) {
            ck_assert_uint_eq(tcmd(e, 0, VNIC_CMD_OP_RESET), 0);
            ck_assert_uint_eq(tcmd(e, 2, VNIC_CMD_OP_RESET), 0);
            rx_ring(e, 0, 6, 2048, 63);
            rx_ring(e, 2, 3, 2048, 7);
        }
    }
    for (int k = 0; k < 40; k++) {
        vnic_model_run_until(e->m, vnic_model_now(e->m) + 5000);
        for (unsigned v = 0; v < 4; v++)
            rx_repost(e, v);
    }
    return vnic_model_drain(e->m, 1ull << 30);
}

/* Record A, replay into B. */
struct pair {
    struct tenv a, b;
    struct oplog log;
    uint64_t end;
};

static void pair_run(struct pair *p)
{
    struct vnic_model_params prm;
    params(&prm);
    tenv_init(&p->a, &prm);
    tenv_init(&p->b, &prm);
    oplog_attach(&p->a, &p->log);
    p->end = scenario(&p->a);
    p->a.log = NULL;
    vnic_model_set_observer(p->a.m, NULL, NULL);
}

static void pair_free(struct pair *p)
{
    oplog_free(&p->log);
    tenv_free(&p->a);
    tenv_free(&p->b);
}

static size_t count_type(const struct oplog *l, enum vnic_ev_type t)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        k += l->v[i].kind == OP_EV && l->v[i].ev.type == t;
    return k;
}

START_TEST(test_lockstep_selfcheck)
{
    struct pair p;
    pair_run(&p);
    /* the scenario exercises what it should */
    ck_assert_uint_gt(count_type(&p.log, VNIC_EV_RX_GRANT), 1000);
    ck_assert_uint_gt(count_type(&p.log, VNIC_EV_TX_SENT), 50);
    ck_assert_uint_ge(count_type(&p.log, VNIC_EV_FAULT), 2);
    ck_assert_uint_gt(count_type(&p.log, VNIC_EV_IRQ), 50);
    ck_assert_uint_gt(vstat(&p.a, 1, VNIC_VF_STAT_DROP_POLICER_LO), 0);
    ck_assert_uint_gt(vstat(&p.a, 2, VNIC_VF_STAT_DROP_NOBUF_LO), 0);
    ck_assert_uint_gt(vstat(&p.a, 3, VNIC_VF_STAT_DROP_BUFLEN_LO), 0);
    ck_assert_uint_gt(vstat(&p.a, 0, VNIC_VF_STAT_DROP_HALTED_LO), 0);
    ck_assert_uint_gt(vstat(&p.a, 3, VNIC_VF_STAT_DROP_SPOOF_LO), 0);
    ck_assert_uint_gt(vstat(&p.a, 0, VNIC_VF_STAT_DROP_TXLEN_LO), 0);
    bool none = false;
    for (size_t i = 0; i < p.log.n; i++)
        none |= p.log.v[i].kind == OP_EV && p.log.v[i].ev.type == VNIC_EV_RX_GRANT &&
                p.log.v[i].ev.vnic == VNIC_EV_NO_VNIC;
    ck_assert(none); /* DRR steps without a grant were reported and replayed */
    check_conservation(&p.a);

    unsigned mm = oplog_replay(&p.log, &p.b, p.end, NULL, NULL);
    for (unsigned i = 0; i < mm && i < 10; i++)
        fprintf(stderr, "mismatch: %s\n", vnic_model_mismatch(p.b.m, i));
    ck_assert_msg(mm == 0, "%u mismatches, first: %s", mm, vnic_model_mismatch(p.b.m, 0));
    check_conservation(&p.b);
    /* identical host memory */
    ck_assert(memcmp(p.a.hm.mem, p.b.hm.mem, HOSTMEM_BYTES) == 0);
    /* identical registers, counters included (same read sequence on both) */
    for (uint32_t a = 0; a < VNIC_VF_BASE(5); a += 4) {
        uint32_t x = vnic_model_reg_read(p.a.m, a), y = vnic_model_reg_read(p.b.m, a);
        ck_assert_msg(x == y, "register 0x%05x: A 0x%08x, B 0x%08x", a, x, y);
    }
    /* identical TX wire frames, per vNIC order and bytes */
    ck_assert_uint_eq(p.a.hm.ntx, p.b.hm.ntx);
    for (unsigned i = 0; i < p.a.hm.ntx; i++) {
        ck_assert_uint_eq(p.a.hm.tx[i].vnic, p.b.hm.tx[i].vnic);
        ck_assert_uint_eq(p.a.hm.tx[i].len, p.b.hm.tx[i].len);
        ck_assert(memcmp(p.a.hm.tx[i].data, p.b.hm.tx[i].data, p.a.hm.tx[i].len) == 0);
    }
    /* identical interrupt messages */
    ck_assert_uint_eq(p.a.hm.nirq, p.b.hm.nirq);
    for (unsigned i = 0; i < p.a.hm.nirq && i < 8192; i++) {
        ck_assert_uint_eq(p.a.hm.irq[i].vec, p.b.hm.irq[i].vec);
        ck_assert_uint_eq(p.a.hm.irq[i].cyc, p.b.hm.irq[i].cyc);
    }
    pair_free(&p);
}
END_TEST

/* ------------------------------------------------------------ corruption */

struct corr {
    int what;
    size_t target;  /* index of the event to corrupt (among fed events) */
    bool done;
    uint64_t cycle;
};

enum { C_OUTCOME, C_GRANT, C_REASON, C_FIFO_OK, C_IRQ, C_CMD_ERR, C_WIRE, C_TXGRANT, C_N };

static bool corrupt_one(struct vnic_ev *ev, size_t i, void *ctx)
{
    struct corr *c = ctx;
    if (c->done || i < c->target)
        return false;
    switch (c->what) {
    case C_OUTCOME:
        if (ev->type != VNIC_EV_RX_DEC || !ev->dest)
            return false;
        ev->outcome[__builtin_ctz(ev->dest)] ^= 2; /* accept <-> policer, halted <-> nobuf */
        break;
    case C_GRANT:
        if (ev->type != VNIC_EV_RX_GRANT || ev->vnic == VNIC_EV_NO_VNIC ||
            __builtin_popcount(ev->elig) < 2)
            return false;
        ev->vnic = (uint32_t)__builtin_ctz(ev->elig & ~(1u << ev->vnic)); /* another eligible one */
        break;
    case C_REASON:
        if (ev->type != VNIC_EV_FAULT)
            return false;
        ev->reason = ev->reason == 1 ? 2 : 1;
        break;
    case C_FIFO_OK:
        if (ev->type != VNIC_EV_RX_SOF)
            return false;
        ev->fifo_ok = !ev->fifo_ok;
        break;
    case C_IRQ:
        if (ev->type != VNIC_EV_IRQ)
            return false;
        ev->irq_mask ^= 1ull << 3; /* a vector that did not trigger, or a missing one */
        break;
    case C_CMD_ERR:
        if (ev->type != VNIC_EV_CMD)
            return false;
        ev->err = VNIC_CMD_ERR_RANGE;
        break;
    case C_WIRE:
        if (ev->type != VNIC_EV_RX_DEC || ev->wire != VNIC_WIRE_FCS)
            return false;
        ev->wire = VNIC_WIRE_RUNT;
        break;
    case C_TXGRANT:
        if (ev->type != VNIC_EV_TX_GRANT || ev->vnic == VNIC_EV_NO_VNIC ||
            __builtin_popcount(ev->elig) < 2)
            return false;
        ev->vnic = (uint32_t)__builtin_ctz(ev->elig & ~(1u << ev->vnic));
        break;
    default:
        return false;
    }
    c->done = true;
    c->cycle = ev->cycle;
    return true;
}

START_TEST(test_lockstep_corrupt)
{
    struct pair p;
    pair_run(&p);
    static const char *names[C_N] = {"copy outcome", "RX grant", "fault reason", "fifo_ok",
                                     "irq vector",   "cmd err",  "wire verdict", "TX grant"};
    size_t nev = 0;
    for (size_t i = 0; i < p.log.n; i++)
        nev += p.log.v[i].kind == OP_EV;
    for (int w = 0; w < C_N; w++) {
        struct corr c = {w, nev / 3, false, 0};
        if (w == C_CMD_ERR || w == C_REASON || w == C_TXGRANT)
            c.target = 0;
        struct vnic_model_params prm;
        params(&prm);
        struct tenv b;
        tenv_init(&b, &prm);
        unsigned mm = oplog_replay(&p.log, &b, p.end, corrupt_one, &c);
        ck_assert_msg(c.done, "%s: nothing to corrupt", names[w]);
        ck_assert_msg(mm >= 1, "%s corrupted at cycle %llu: not detected", names[w],
                      (unsigned long long)c.cycle);
        /* the first report names the cycle of the corrupted event */
        const char *first = vnic_model_mismatch(b.m, 0);
        char cyc[32];
        snprintf(cyc, sizeof(cyc), "cycle %llu", (unsigned long long)c.cycle);
        ck_assert_msg(strstr(first, cyc) == first, "%s: first mismatch '%s' is not at %s", names[w],
                      first, cyc);
        check_conservation(&b);
        tenv_free(&b);
    }
    pair_free(&p);
}
END_TEST

/* ------------------------------------------------------------ timing from the RTL */

static struct vnic_ev mkev(uint64_t cycle, enum vnic_ev_type t)
{
    struct vnic_ev ev;
    memset(&ev, 0, sizeof(ev));
    ev.cycle = cycle;
    ev.type = t;
    return ev;
}

/* The model takes the decision cycle from the event and decides itself: the
 * same frame is accepted or policed depending on when the RTL decides it,
 * and a partition release in cycle r is seen by decisions after r only. */
START_TEST(test_lockstep_decision_cycle)
{
    struct tenv e;
    tenv_init(&e, NULL);
    vnic_model_set_mode(e.m, VNIC_MODEL_LOCKSTEP);
    /* configuration by hand: commands complete with their CMD events */
    pfw(&e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK);
    struct tcfg c;
    tcfg_default(&e, &c, 0, 8);
    c.rx_size = 2048; /* room for both 600-byte frames */
    c.flags |= VNIC_PF_STAGE_FLAGS_POL_EN_MASK;
    c.pol_rate = 1u << 24; /* 1 byte per cycle */
    c.pol_burst = 1000;
    pfw(&e, VNIC_PF_G_VSEL, 0);
    tcfg_write(&e, &c);
    pfw(&e, VNIC_PF_G_CMD, VNIC_CMD_OP_COMMIT);
    struct vnic_ev ev = mkev(10, VNIC_EV_CMD);
    ev.op = VNIC_CMD_OP_COMMIT;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0); /* P = 1000 from cycle 11 */
    ev = mkev(10, VNIC_EV_IRQ); /* cmd_done triggers the PF vector */
    ev.irq_mask = 1;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0);
    static uint8_t f[2000];
    mkframe(f, tmac(0), 1, 600, 1);
    trx(&e, 0, f, 600, 0);
    trx(&e, 0, f, 600, 0);
    /* frame 0 at cycle 100: 1000 tokens, accepted (400 left + 1/cycle) */
    ev = mkev(20, VNIC_EV_RX_SOF);
    ev.seq = 0;
    ev.fifo_ok = 1;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0);
    ev = mkev(100, VNIC_EV_RX_DEC);
    ev.seq = 0;
    ev.dest = 1;
    ev.outcome[0] = VNIC_COPY_ACCEPT;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0);
    /* frame 1 decided at cycle 300: 400 + 200 = 600 tokens, exactly enough:
     * an RTL that says POLICER here is wrong */
    ev = mkev(200, VNIC_EV_RX_SOF);
    ev.seq = 1;
    ev.fifo_ok = 1;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0);
    ev = mkev(300, VNIC_EV_RX_DEC);
    ev.seq = 1;
    ev.dest = 1;
    ev.outcome[0] = VNIC_COPY_POLICER;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 1);
    ck_assert_ptr_nonnull(strstr(vnic_model_mismatch(e.m, 0), "expected accept, got policer"));
    /* the model followed its own decision: two frames in the partition */
    pfw(&e, VNIC_PF_G_VSEL, 0);
    ck_assert_uint_eq(pfr(&e, VNIC_PF_VSTAT_RX_USED), 2 * 600);
    check_conservation(&e);
    tenv_free(&e);

    /* release and decision in the same cycle: the decision sees the old value */
    tenv_init(&e, NULL);
    vnic_model_set_mode(e.m, VNIC_MODEL_LOCKSTEP);
    pfw(&e, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK);
    tcfg_default(&e, &c, 0, 8);
    c.rx_size = 1600; /* one 1500-byte frame at a time */
    pfw(&e, VNIC_PF_G_VSEL, 0);
    tcfg_write(&e, &c);
    pfw(&e, VNIC_PF_G_CMD, VNIC_CMD_OP_COMMIT);
    ev = mkev(5, VNIC_EV_CMD);
    ev.op = VNIC_CMD_OP_COMMIT;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0);
    ev = mkev(5, VNIC_EV_IRQ);
    ev.irq_mask = 1;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0);
    rx_ring(&e, 0, 3, 2048, 7);
    mkframe(f, tmac(0), 1, 1500, 1);
    for (int i = 0; i < 3; i++)
        trx(&e, 0, f, 1500, 0);
    uint64_t t = 10;
    const uint32_t seqs[3] = {0, 1, 2};
    ev = mkev(t, VNIC_EV_RX_SOF); ev.seq = seqs[0]; ev.fifo_ok = 1; vnic_model_event(e.m, &ev);
    ev = mkev(t + 200, VNIC_EV_RX_DEC); ev.seq = 0; ev.dest = 1; vnic_model_event(e.m, &ev);
    ev = mkev(t + 300, VNIC_EV_RX_FIFO_REL); ev.seq = 0; vnic_model_event(e.m, &ev);
    ev = mkev(t + 300, VNIC_EV_RX_STORED); ev.vnic = 0; vnic_model_event(e.m, &ev);
    ev = mkev(t + 400, VNIC_EV_RX_GRANT); ev.vnic = 0; ev.elig = 1;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0);
    ev = mkev(t + 250, VNIC_EV_RX_SOF); /* out of order: caught */
    ev.seq = 1;
    ev.fifo_ok = 1;
    ck_assert_uint_ge(vnic_model_event(e.m, &ev), 1);
    unsigned base = vnic_model_mismatches(e.m);
    ev = mkev(t + 600, VNIC_EV_RX_DEC); ev.seq = 1; ev.dest = 1; ev.outcome[0] = VNIC_COPY_NOBUF;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0); /* partition still full at 600 */
    ev = mkev(t + 600, VNIC_EV_RX_FREE); ev.vnic = 0; /* released in the same cycle */
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0);
    ev = mkev(t + 600, VNIC_EV_RX_FIFO_REL); ev.seq = 1; vnic_model_event(e.m, &ev);
    ev = mkev(t + 700, VNIC_EV_RX_SOF); ev.seq = 2; ev.fifo_ok = 1; vnic_model_event(e.m, &ev);
    ev = mkev(t + 900, VNIC_EV_RX_DEC); ev.seq = 2; ev.dest = 1; ev.outcome[0] = VNIC_COPY_ACCEPT;
    ck_assert_uint_eq(vnic_model_event(e.m, &ev), 0); /* seen after the release */
    /* a grant the model finds impossible (nothing stored yet) is caught */
    ev = mkev(t + 950, VNIC_EV_RX_GRANT); ev.vnic = 0; ev.elig = 1;
    ck_assert_uint_ge(vnic_model_event(e.m, &ev), 1);
    ck_assert_uint_gt(vnic_model_mismatches(e.m), base);
    check_conservation(&e);
    tenv_free(&e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cmodel_lockstep");
    TCase *tc = tcase_create("lockstep");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_lockstep_selfcheck);
    tcase_add_test(tc, test_lockstep_corrupt);
    tcase_add_test(tc, test_lockstep_decision_cycle);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int nf = srunner_ntests_failed(sr);
    srunner_free(sr);
    return nf ? 1 : 0;
}
