/* test_tx_sched.c: directed tests of vnic_tx_sched (docs/architecture.md §5).
 *
 * A C reference of the §5 arithmetic runs in lockstep with the RTL: at every
 * trc_tx_grant event (cycle t) it takes the reported eligible set (checking
 * it is a subset of the vNICs the test has queued frames for), applies the
 * tier-2 DRR rule with the shaper buckets T_v(t), and must choose the same
 * vNIC (or no grant). Buckets advance one cycle at a time exactly as §5
 * writes them (8.24 rates, bytes * 2^24 buckets, min after add, charge
 * max(n, 60) + 4 at the grant's trace cycle).
 *
 * Checks: the 1:3 weight split within 1 %, shaper rates within 1 %, slot
 * back-pressure (slot_free exact), grant length and offset, queued trace,
 * and a randomised run with halts, tx_en, COMMIT / RESET commands. A push
 * or drop acts one cycle after it is offered (the block's input register):
 * the reference holds it as in flight for that cycle (still a slot) and the
 * queued trace follows it one cycle later still.
 * Usage: test_tx_sched [seed]. Ends with "N passed, N failed".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tx_sched_io.h"

#define NV    TXS_NV
#define DEPTH TXS_DEPTH
#define QCAP  1024u

struct frame {
    uint32_t len, off;
};

struct fq {
    struct frame f[QCAP];
    unsigned head, n;
};

struct vcfg {
    unsigned weight;
    uint32_t rate;  /* bytes/cycle, 8.24 */
    uint32_t burst; /* bytes */
    int shp;
};

/* One frame in the model of the output engine. */
struct oslot {
    uint64_t fin;
};

struct env {
    struct dut *d;
    struct dut_pins p;
    uint64_t cyc;
    uint64_t rng;
    struct vcfg cfg[NV];
    /* reference state */
    int64_t T[NV], D[NV];
    unsigned ptr;
    struct fq q[NV];
    unsigned reserved[NV];     /* slots taken, not yet pushed or dropped */
    unsigned inflight[NV];     /* pushed or dropped last cycle: acts this cycle */
    int pend_push, pend_drop;  /* last cycle's push and drop */
    struct frame pend_f;
    unsigned pend_push_vnic, pend_drop_vnic;
    uint32_t halted;           /* halted input level */
    uint32_t prev_halt_eff;    /* halted | halt_now at the previous cycle */
    unsigned halt_now_vnic;    /* the vNIC of a halt_now pulse (the block only sees the pulse) */
    int prev_halt_now;         /* halt_now at the previous cycle: no decision in it */
    int prev_tx_en;
    int last_push_valid;
    unsigned last_push_vnic;
    uint32_t off_ctr;
    /* output engine model */
    unsigned out_n;
    uint64_t out_fin[2];
    uint64_t wire_free;
    int out_wire;              /* 1: an 8-byte wire with 20-byte gaps, 0: fast */
    /* statistics */
    uint64_t wbytes[NV], frames[NV], decisions, nones, pushed, dropped;
    uint64_t win_bytes[NV];
    uint64_t win_start;
    /* errors */
    unsigned errors;
    char first_err[240];
};

static unsigned g_pass, g_fail;

static uint64_t rnd(struct env *e)
{
    e->rng ^= e->rng << 13;
    e->rng ^= e->rng >> 7;
    e->rng ^= e->rng << 17;
    return e->rng;
}

static unsigned rnd_below(struct env *e, unsigned n) { return (unsigned)(rnd(e) % n); }

static void err(struct env *e, const char *fmt, unsigned long long a, unsigned long long b)
{
    if (!e->errors) {
        char m[200];
        snprintf(m, sizeof(m), fmt, a, b);
        snprintf(e->first_err, sizeof(e->first_err), "%s (cycle %" PRIu64 ")", m, e->cyc);
    }
    e->errors++;
}

static uint32_t wire_len(uint32_t n) { return (n > 60 ? n : 60) + 4; }

static unsigned first_after(uint32_t mask, unsigned p)
{
    for (unsigned k = 1; k <= NV; k++) {
        unsigned v = (p + k) % NV;
        if ((mask >> v) & 1u)
            return v;
    }
    return p;
}

/* ------------------------------------------------------------ pins */

static void pins_cfg(struct env *e)
{
    uint64_t shp = 0;
    for (unsigned v = 0; v < NV; v++) {
        txg_set(e->p.tx_weight, v * 8, 8, e->cfg[v].weight);
        txg_set(e->p.tx_rate, v * 32, 32, e->cfg[v].rate);
        txg_set(e->p.tx_burst, v * 24, 24, e->cfg[v].burst);
        if (e->cfg[v].shp)
            shp |= 1ull << v;
    }
    e->p.shp_en = shp;
}

static void env_init(struct env *e, uint64_t seed)
{
    memset(e, 0, sizeof(*e));
    e->rng = seed ? seed : 1;
    e->d = dut_new();
    if (!e->d) {
        fprintf(stderr, "test_tx_sched: out of memory creating the Verilated model\n");
        exit(2);
    }
    for (unsigned v = 0; v < NV; v++)
        e->cfg[v].weight = 1;
    pins_cfg(e);
    e->p.rst = 1;
    for (int i = 0; i < 4; i++) {
        dut_eval(e->d, &e->p);
        dut_tick(e->d);
    }
    e->p.rst = 0;
    e->prev_tx_en = 0;
}

static void env_free(struct env *e) { dut_free(e->d); }

/* ------------------------------------------------------------ reference */

static int ref_decide(struct env *e, uint32_t E)
{
    for (unsigned v = 0; v < NV; v++)
        if (!((E >> v) & 1u) && e->D[v] > 0)
            e->D[v] = 0;
    uint32_t E2 = 0;
    for (unsigned v = 0; v < NV; v++)
        if (((E >> v) & 1u) && (!e->cfg[v].shp || e->T[v] > 0))
            E2 |= 1u << v;
    if (!E2)
        return -1;
    unsigned p = e->ptr;
    if (((E2 >> p) & 1u) && e->D[p] > 0) {
        e->D[p] -= wire_len(e->q[p].f[e->q[p].head].len);
        return (int)p;
    }
    unsigned v = first_after(E2, p);
    e->ptr = v;
    e->D[v] += 64 * (int64_t)e->cfg[v].weight;
    if (e->D[v] > 0) {
        e->D[v] -= wire_len(e->q[v].f[e->q[v].head].len);
        return (int)v;
    }
    return -1;
}

/* Everything the RTL reported in this cycle, then this cycle's inputs. */
static void ref_cycle(struct env *e)
{
    struct dut_pins *p = &e->p;
    int granted = -1;
    uint32_t gl = 0;

    if (p->trc_tx_queued_valid != (uint64_t)e->last_push_valid ||
        (e->last_push_valid && p->trc_tx_queued_vnic != e->last_push_vnic))
        err(e, "trc_tx_queued %llu (vnic %llu) does not follow the push of the previous cycle",
            (unsigned long long)p->trc_tx_queued_valid, (unsigned long long)p->trc_tx_queued_vnic);

    if (p->trc_tx_grant_valid && e->prev_halt_now)
        err(e, "decision in a cycle where a fault was taken%llu%llu", 0, 0);
    if (p->trc_tx_grant_valid) {
        uint32_t E = (uint32_t)p->trc_tx_grant_elig;
        uint32_t sup = 0;
        for (unsigned v = 0; v < NV; v++)
            if (e->q[v].n && !((e->prev_halt_eff >> v) & 1u) && e->prev_tx_en)
                sup |= 1u << v;
        if (E & ~sup)
            err(e, "eligible set 0x%llx includes vNICs without a queued frame (0x%llx)",
                (unsigned long long)E, (unsigned long long)(E & ~sup));
        E &= sup;
        int r = ref_decide(e, E);
        e->decisions++;
        if (!E)
            err(e, "decision reported with an empty eligible set%llu%llu", 0, 0);
        int rtl = p->trc_tx_grant_none ? -1 : (int)p->trc_tx_grant_vnic;
        if (r != rtl)
            err(e, "grant mismatch: reference %lld, RTL %lld", (long long)r, (long long)rtl);
        if (p->grant_valid != (uint64_t)(rtl >= 0) || (rtl >= 0 && p->grant_vnic != (uint64_t)rtl))
            err(e, "grant_valid %llu / vnic %llu disagree with the trace", (unsigned long long)p->grant_valid,
                (unsigned long long)p->grant_vnic);
        if (rtl < 0)
            e->nones++;
        if (rtl >= 0 && rtl < (int)NV) {
            struct fq *q = &e->q[rtl];
            if (!q->n) {
                err(e, "grant of vNIC %llu with nothing queued%llu", (unsigned long long)rtl, 0);
            } else {
                struct frame f = q->f[q->head];
                if (p->grant_len != f.len || p->grant_off != f.off)
                    err(e, "grant length/offset %llu/%llu not the head frame's", (unsigned long long)p->grant_len,
                        (unsigned long long)p->grant_off);
                q->head = (q->head + 1) % QCAP;
                q->n--;
                granted = rtl;
                gl = wire_len(f.len);
                e->wbytes[rtl] += gl;
                e->win_bytes[rtl] += gl;
                e->frames[rtl]++;
            }
        }
    } else if (p->grant_valid) {
        err(e, "grant_valid without a trace event%llu%llu", 0, 0);
    }

    /* slot_free: reserved + in flight + queued < DEPTH, as of the previous cycle */
    for (unsigned v = 0; v < NV; v++) {
        unsigned want = (e->reserved[v] + e->inflight[v] + e->q[v].n) < DEPTH;
        if (((p->slot_free >> v) & 1u) != want)
            err(e, "slot_free of vNIC %llu is %llu", (unsigned long long)v,
                (unsigned long long)((p->slot_free >> v) & 1u));
    }

    /* this cycle's inputs */
    if (p->slot_take_valid)
        e->reserved[p->slot_take_vnic]++;
    /* last cycle's drop and push act now (the queued trace follows next cycle) */
    if (e->pend_drop)
        e->inflight[e->pend_drop_vnic]--;
    e->last_push_valid = 0;
    if (e->pend_push) {
        struct fq *q = &e->q[e->pend_push_vnic];
        q->f[(q->head + q->n) % QCAP] = e->pend_f;
        q->n++;
        e->inflight[e->pend_push_vnic]--;
        e->last_push_valid = !(p->cmd_flush && p->cmd_vnic == e->pend_push_vnic);
        e->last_push_vnic = e->pend_push_vnic;
    }
    /* this cycle's drop and push, in flight until the next (a flush of
     * their vNIC in this cycle discards them) */
    e->pend_drop = p->slot_drop_valid && !(p->cmd_flush && p->cmd_vnic == p->slot_drop_vnic);
    e->pend_drop_vnic = (unsigned)p->slot_drop_vnic;
    if (p->slot_drop_valid) {
        e->reserved[p->slot_drop_vnic]--;
        e->inflight[p->slot_drop_vnic] += (unsigned)e->pend_drop;
    }
    e->pend_push = p->push_valid && !(p->cmd_flush && p->cmd_vnic == p->push_vnic);
    e->pend_push_vnic = (unsigned)p->push_vnic;
    e->pend_f = (struct frame){(uint32_t)p->push_len, (uint32_t)p->push_off};
    if (p->push_valid) {
        e->reserved[p->push_vnic]--;
        e->inflight[p->push_vnic] += (unsigned)e->pend_push;
    }

    /* buckets: T(t+1) = min(B, T(t) - c + R) */
    for (unsigned v = 0; v < NV; v++) {
        int64_t c = (granted == (int)v && e->cfg[v].shp) ? (int64_t)gl << 24 : 0;
        int64_t x = e->T[v] - c + (int64_t)e->cfg[v].rate;
        int64_t B = (int64_t)e->cfg[v].burst << 24;
        e->T[v] = x < B ? x : B;
    }
    if (p->cmd_init) {
        e->T[p->cmd_vnic] = (int64_t)p->cmd_tx_burst << 24;
        e->D[p->cmd_vnic] = 0;
    }
    if (p->cmd_flush) {
        e->q[p->cmd_vnic].n = 0;
        if (e->reserved[p->cmd_vnic])
            err(e, "test bug: flush with reserved slots%llu%llu", 0, 0);
    }
    uint32_t he = (uint32_t)p->halted;
    if (p->halt_now_valid)
        he |= 1u << e->halt_now_vnic;
    e->prev_halt_eff = he;
    e->prev_halt_now = (int)p->halt_now_valid;
    e->prev_tx_en = (int)p->tx_en;

    /* output engine model */
    if (granted >= 0) {
        uint64_t start = e->wire_free > e->cyc + 1 ? e->wire_free : e->cyc + 1;
        uint64_t dur = e->out_wire ? (gl + 20 + 7) / 8 : 1 + rnd_below(e, 2);
        e->wire_free = start + dur;
        e->out_fin[e->out_n++] = e->wire_free;
    }
}

/* One clock cycle: inputs are already in e->p. */
static void cycle(struct env *e)
{
    dut_eval(e->d, &e->p);
    ref_cycle(e);
    dut_tick(e->d);
    e->cyc++;
    /* frames leaving the output engine */
    for (unsigned i = 0; i < e->out_n;) {
        if (e->out_fin[i] <= e->cyc) {
            e->out_fin[i] = e->out_fin[--e->out_n];
        } else {
            i++;
        }
    }
    e->p.out_take = e->out_n < 2;
    /* one-cycle pulses */
    e->p.slot_take_valid = 0;
    e->p.slot_drop_valid = 0;
    e->p.push_valid = 0;
    e->p.cmd_init = 0;
    e->p.cmd_flush = 0;
    e->p.halt_now_valid = 0;
}

static uint32_t rnd_len(struct env *e, unsigned mode)
{
    if (mode == 1)
        return 60 + rnd_below(e, 1455);
    unsigned r = rnd_below(e, 10);
    if (r < 5)
        return 14 + rnd_below(e, 115);
    if (r < 8)
        return 129 + rnd_below(e, 1386);
    return 1515 + rnd_below(e, 7500);
}

/* Drive reservations and pushes for the vNICs in `active`, keeping them
 * backlogged; `pdrop` in 1/1000 is the chance a reserved frame is dropped. */
static void drive_traffic(struct env *e, uint32_t active, unsigned lmode, unsigned pdrop, unsigned ptake)
{
    unsigned v0 = rnd_below(e, NV);
    for (unsigned k = 0; k < NV; k++) {
        unsigned v = (v0 + k) % NV;
        if (!((active >> v) & 1u))
            continue;
        if (!e->p.slot_take_valid && e->reserved[v] + e->inflight[v] + e->q[v].n < DEPTH &&
            rnd_below(e, 100) < ptake) {
            e->p.slot_take_valid = 1;
            e->p.slot_take_vnic = v;
        }
    }
    for (unsigned k = 0; k < NV; k++) {
        unsigned v = (v0 + k) % NV;
        if (!e->reserved[v] || e->p.push_valid)
            continue;
        if (rnd_below(e, 1000) < pdrop) {
            if (!e->p.slot_drop_valid) {
                e->p.slot_drop_valid = 1;
                e->p.slot_drop_vnic = v;
                e->dropped++;
            }
            continue;
        }
        e->p.push_valid = 1;
        e->p.push_vnic = v;
        e->p.push_len = rnd_len(e, lmode);
        e->p.push_off = (e->off_ctr++) & ((1u << TXS_OFF_W) - 1);
        e->pushed++;
    }
}

static void report(const char *name, int ok, const char *detail)
{
    printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", name, detail[0] ? ": " : "", detail);
    if (ok)
        g_pass++;
    else
        g_fail++;
}

static int lockstep_ok(struct env *e, const char *name)
{
    if (e->errors) {
        char b[400];
        snprintf(b, sizeof(b), "%u mismatches, first: %s", e->errors, e->first_err);
        report(name, 0, b);
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------ scenarios */

/* vNIC 0 weight 1, vNIC 1 weight 3, both backlogged, no shaper. */
static void test_weights(uint64_t seed)
{
    struct env e;
    env_init(&e, seed);
    e.cfg[0].weight = 1;
    e.cfg[1].weight = 3;
    pins_cfg(&e);
    e.p.tx_en = 1;
    e.p.out_take = 1;
    for (unsigned i = 0; i < 150000; i++) {
        drive_traffic(&e, 0x3, 1, 0, 100);
        cycle(&e);
    }
    if (lockstep_ok(&e, "weights 1:3 (lockstep with the reference)")) {
        double r = (double)e.wbytes[1] / (double)(e.wbytes[0] ? e.wbytes[0] : 1);
        char b[200];
        snprintf(b, sizeof(b), "bytes %" PRIu64 " : %" PRIu64 " = 1 : %.4f over %" PRIu64 " decisions", e.wbytes[0],
                 e.wbytes[1], r, e.decisions);
        report("weights 1:3 split within 1 %", r > 2.97 && r < 3.03 && e.wbytes[0] > 1000000, b);
    }
    env_free(&e);
}

/* vNIC 0 shaped at `rate` bytes/cycle, vNIC 1 unshaped; an 8-byte wire.
 * Bytes granted in the window = rate x window + T(start) - T(end), and the
 * bucket lies between -1519 (a maximal frame's charge) and `burst`, so the
 * measured rate is off by at most (burst + 1519) / window: `cycles` must
 * make that well under 1 % (0.9 x cycles x rate > 100 x (burst + 1519)). */
static void test_shaper(uint64_t seed, double rate, uint32_t burst, unsigned cycles)
{
    struct env e;
    env_init(&e, seed);
    uint32_t r824 = (uint32_t)(rate * 16777216.0 + 0.5);
    e.cfg[0] = (struct vcfg){2, r824, burst, 1};
    e.cfg[1] = (struct vcfg){1, 0, 0, 0};
    pins_cfg(&e);
    /* COMMIT of vNIC 0: the bucket starts full */
    e.p.cmd_init = 1;
    e.p.cmd_vnic = 0;
    e.p.cmd_tx_burst = burst;
    cycle(&e);
    e.p.tx_en = 1;
    e.out_wire = 1;
    e.p.out_take = 1;
    unsigned warm = cycles / 10;
    for (unsigned i = 0; i < cycles; i++) {
        if (i == warm) {
            memset(e.win_bytes, 0, sizeof(e.win_bytes));
            e.win_start = e.cyc;
        }
        drive_traffic(&e, 0x3, 1, 0, 100);
        cycle(&e);
    }
    char name[120];
    snprintf(name, sizeof(name), "shaper %.3f B/cycle, burst %u (lockstep with the reference)", rate, burst);
    if (lockstep_ok(&e, name)) {
        double got = (double)e.win_bytes[0] / (double)(e.cyc - e.win_start);
        double want = (double)r824 / 16777216.0;
        char b[200];
        snprintf(b, sizeof(b), "vNIC 0 %.5f B/cycle (rate %.5f), vNIC 1 %.4f B/cycle", got, want,
                 (double)e.win_bytes[1] / (double)(e.cyc - e.win_start));
        snprintf(name, sizeof(name), "shaper %.3f B/cycle within 1 %%", rate);
        report(name, got > want * 0.99 && got < want * 1.01, b);
    }
    env_free(&e);
}

/* Everything at random: weights, shapers, halts, tx_en, COMMIT and RESET. */
static void test_random(uint64_t seed, unsigned cycles)
{
    struct env e;
    env_init(&e, seed);
    for (unsigned v = 0; v < NV; v++) {
        e.cfg[v].weight = 1 + rnd_below(&e, 12);
        e.cfg[v].shp = rnd_below(&e, 3) == 0;
        e.cfg[v].rate = (uint32_t)(rnd_below(&e, 1u << 20) * 16 + 1);
        e.cfg[v].burst = 64 + rnd_below(&e, 20000);
    }
    pins_cfg(&e);
    for (unsigned v = 0; v < NV; v++) {
        e.p.cmd_init = 1;
        e.p.cmd_vnic = v;
        e.p.cmd_tx_burst = e.cfg[v].burst;
        cycle(&e);
    }
    e.p.tx_en = 1;
    e.p.out_take = 1;
    uint32_t active = (1u << NV) - 1;
    uint32_t resetting = 0;
    for (unsigned i = 0; i < cycles; i++) {
        drive_traffic(&e, active & ~resetting, 0, 30, 60);
        unsigned r = rnd_below(&e, 10000);
        if (r < 5) {
            e.p.tx_en ^= 1;
        } else if (r < 10) {
            unsigned v = rnd_below(&e, NV);
            if (!((e.halted >> v) & 1u)) {
                e.p.halt_now_valid = 1;
                e.halt_now_vnic = v;
            }
        } else if (r < 20) {
            resetting |= 1u << rnd_below(&e, NV);
        } else if (r < 30) {
            /* COMMIT with new rates: the configuration changes from the next cycle */
            unsigned v = rnd_below(&e, NV);
            e.p.cmd_init = 1;
            e.p.cmd_vnic = v;
            e.p.cmd_tx_burst = 64 + rnd_below(&e, 20000);
        }
        /* a RESET waits until the vNIC has no reserved slot (the DMA is idle) */
        for (unsigned v = 0; v < NV && !e.p.cmd_init; v++) {
            if (((resetting >> v) & 1u) && !e.reserved[v] &&
                !(e.p.slot_take_valid && e.p.slot_take_vnic == v) && !(e.p.push_valid && e.p.push_vnic == v) &&
                !(e.p.slot_drop_valid && e.p.slot_drop_vnic == v)) {
                e.p.cmd_init = 1;
                e.p.cmd_flush = 1;
                e.p.cmd_vnic = v;
                e.p.cmd_tx_burst = e.cfg[v].burst;
                resetting &= ~(1u << v);
            }
        }
        uint64_t halt_next = e.halted;
        if (e.p.halt_now_valid)
            halt_next |= 1u << e.halt_now_vnic;
        int commit = e.p.cmd_init && !e.p.cmd_flush;
        unsigned cv = (unsigned)e.p.cmd_vnic;
        uint32_t newb = (uint32_t)e.p.cmd_tx_burst;
        if (e.p.cmd_flush)
            halt_next &= ~(1u << cv);
        e.p.halted = e.halted;
        cycle(&e);
        e.halted = (uint32_t)halt_next;
        if (commit) {
            e.cfg[cv].burst = newb;
            e.cfg[cv].rate = (uint32_t)(rnd_below(&e, 1u << 22) + 1);
            e.cfg[cv].weight = 1 + rnd_below(&e, 255);
            e.cfg[cv].shp = rnd_below(&e, 2);
            pins_cfg(&e);
        }
    }
    /* drain: no new frames, everything queued must leave */
    e.p.tx_en = 1;
    for (unsigned v = 0; v < NV; v++)
        e.cfg[v].shp = 0;
    pins_cfg(&e);
    for (unsigned i = 0; i < 200000; i++) {
        int busy = 0;
        for (unsigned v = 0; v < NV; v++) {
            if (e.reserved[v] && !e.p.push_valid) {
                e.p.push_valid = 1;
                e.p.push_vnic = v;
                e.p.push_len = rnd_len(&e, 0);
                e.p.push_off = 0;
            }
            if (((e.halted >> v) & 1u) && !e.reserved[v] && !e.p.cmd_init) {
                e.p.cmd_init = 1;
                e.p.cmd_flush = 1;
                e.p.cmd_vnic = v;
                e.p.cmd_tx_burst = e.cfg[v].burst;
            }
            busy |= e.q[v].n || e.reserved[v] || e.inflight[v];
        }
        uint64_t halt_next = e.halted;
        if (e.p.cmd_flush)
            halt_next &= ~(1u << e.p.cmd_vnic);
        e.p.halted = e.halted;
        cycle(&e);
        e.halted = (uint32_t)halt_next;
        if (!busy)
            break;
    }
    unsigned left = 0;
    for (unsigned v = 0; v < NV; v++)
        left += e.q[v].n + e.reserved[v] + e.inflight[v];
    if (lockstep_ok(&e, "random weights, shapers, halts, commands (lockstep with the reference)")) {
        char b[200];
        snprintf(b, sizeof(b), "%" PRIu64 " decisions (%" PRIu64 " without a grant), %" PRIu64 " frames pushed, %" PRIu64
                 " dropped, %u left",
                 e.decisions, e.nones, e.pushed, e.dropped, left);
        report("random weights, shapers, halts, commands", left == 0 && e.decisions > 1000 && e.nones > 0, b);
    }
    env_free(&e);
}

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    printf("test_tx_sched: seed %" PRIu64 ", NUM_VNIC %u, TXQ_DEPTH %u\n", seed, NV, DEPTH);
    test_weights(seed);
    test_shaper(seed + 1, 1.5, 4096, 600000);
    test_shaper(seed + 2, 0.1, 1600, 5000000);
    test_random(seed + 3, 300000);
    printf("%u passed, %u failed\n", g_pass, g_fail);
    return g_fail ? 1 : 0;
}
