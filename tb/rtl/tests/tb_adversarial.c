/* tb_adversarial.c: a misbehaving VF beside well-behaved ones, RTL and model
 * in lockstep.
 *
 * vNICs 0..6 receive wire traffic (unicast to each, broadcast) and send
 * frames through their VF drivers. The same seed is run twice on fresh
 * devices: once with vNIC 7 quiet, once with vNIC 7 misbehaving through its
 * own VF page and memory: random writes to every register of its page,
 * garbage ring pointers (TAIL beyond the ring or moved back over the
 * device's descriptors, misaligned and out-of-window ring bases, a live ring
 * moved: locked), descriptors pointing outside its windows, zero and oversize
 * lengths, doorbell storms; the PF resets it between the phases. What the
 * others got must be bit-exact equal in both runs: every RX frame their
 * drivers took (length, status, bytes), every TX completion, every TX frame
 * on the wire, and their whole memory (rings, buffers). The host-memory
 * checker fails the run on any access outside the VMs' memories; each
 * phase's fault reason is checked, and the RTL's status against the
 * model's. Both runs end with the scoreboard (0 mismatches). */
#include "tb_test.h"

#include <zlib.h>

#include "vnic_gen.h"
#include "vnic_hostmem.h"
#include "vnic_regs.h"

#define NGOOD 7                 /* vNICs 0..6 behave */
#define BAD 7                   /* vNIC 7 does not */
#define ADV_TX_LOG2 5

/* What one good vNIC got, digested: count plus two independent checksums. */
struct dig {
    uint64_t n;
    uint32_t crc, adl;
};

static void dig_add(struct dig *d, const void *p, size_t len)
{
    d->crc = (uint32_t)crc32(d->crc, p, (uInt)len);
    d->adl = (uint32_t)adler32(d->adl, p, (uInt)len);
}

struct adv_out {
    struct dig rx[NGOOD], txc[NGOOD], wire[NGOOD];
    uint8_t *mem[NGOOD];        /* the VM's memory at the end */
    uint64_t mem_size;
    uint64_t cycles;
};

struct adv_run {
    struct tb_t *t;
    struct tb_env *e;
    struct tb_sys s;
    struct vnic_gen *gen;
    uint64_t base;
    struct adv_out *out;
    size_t tx_sent[NGOOD], tx_plan;
    struct vnic_prng p;         /* the good vNICs' frame sizes */
};

static void refill(void *ctx, struct tb_axis_src *src)
{
    struct adv_run *r = ctx;
    struct vnic_gen_frame f;
    while (r->gen && tb_axis_src_pending(src) < 8 && vnic_gen_next(r->gen, &f))
        tb_axis_src_push(src, f.data, f.len, f.flags, r->base + f.sof_cycle);
}

static void on_tx(void *ctx, unsigned v, const uint8_t *frame, uint32_t len, uint64_t cycle)
{
    struct adv_run *r = ctx;
    (void)cycle;
    if (v >= NGOOD)
        return;
    r->out->wire[v].n++;
    dig_add(&r->out->wire[v], &len, sizeof len);
    dig_add(&r->out->wire[v], frame, len);
}

/* The good drivers: take RX completions, TX completions, post TX frames. */
static void serve(struct adv_run *r)
{
    uint8_t buf[2048];
    for (unsigned v = 0; v < NGOOD; v++) {
        struct vnic_vf *vf = r->s.vf[v];
        for (;;) {
            struct vnic_rx_cpl c;
            int k = vnic_vf_recv(vf, buf, sizeof buf, &c);
            if (k <= 0) {
                TB_CHECK(r->t, k == 0, "vNIC %u recv: %s", v, vnic_vf_error(vf));
                break;
            }
            struct dig *d = &r->out->rx[v];
            d->n++;
            uint32_t hdr[2] = {c.len, c.status};
            dig_add(d, hdr, sizeof hdr);
            dig_add(d, buf, c.len < sizeof buf ? c.len : sizeof buf);
        }
        struct vnic_tx_cpl tc[32];
        int k = vnic_vf_tx_reclaim(vf, tc, 32);
        for (int i = 0; i < k; i++) {
            struct dig *d = &r->out->txc[v];
            d->n++;
            uint32_t hdr[2] = {tc[i].status, tc[i].len};
            dig_add(d, hdr, sizeof hdr);
        }
        while (r->tx_sent[v] < r->tx_plan &&
               vnic_vf_tx_pending(vf) < (1u << ADV_TX_LOG2) - 1) {
            size_t i = r->tx_sent[v];
            uint32_t len = 60 + (uint32_t)((r->t->o->seed * 7919u + v * 104729u + i * 2654435761u) %
                                           1455u);
            tb_make_tx_frame(buf, len, r->s.mac[v], (uint32_t)i, r->t->o->seed * 31u + v * 1000u + i);
            if (vnic_vf_send(vf, buf, len) != 1)
                break;
            r->tx_sent[v]++;
        }
    }
}

/* ------------------------------------------------------------ the bad VF */

static uint32_t bad_rd(struct adv_run *r, uint32_t off)
{
    uint32_t v = 0;
    vnic_vf_reg_read(r->s.vf[BAD], off, &v);
    return v;
}

static void bad_wr(struct adv_run *r, uint32_t off, uint32_t val)
{
    vnic_vf_reg_write(r->s.vf[BAD], off, val);
}

/* Status and fault address of the bad vNIC through the PF, RTL against the
 * model (these registers move with traffic, so the harness compares them
 * only here and at the end). */
static unsigned bad_status(struct adv_run *r, uint64_t *faddr)
{
    struct tb_env *e = r->e;
    tb_env_wr(e, VNIC_PF_BASE + VNIC_PF_G_VSEL, BAD);
    uint32_t st = tb_env_rd(e, VNIC_PF_BASE + VNIC_PF_VSTAT_STATUS);
    if (e->model)
        TB_CHECK(r->t, st == e->last_model_read, "vNIC %u VSTAT.STATUS 0x%08x on the RTL, 0x%08x "
                 "on the model", BAD, st, e->last_model_read);
    uint32_t lo = tb_env_rd(e, VNIC_PF_BASE + VNIC_PF_VSTAT_FAULT_ADDR_LO);
    uint32_t mlo = e->last_model_read;
    uint32_t hi = tb_env_rd(e, VNIC_PF_BASE + VNIC_PF_VSTAT_FAULT_ADDR_HI);
    if (e->model)
        TB_CHECK(r->t, lo == mlo && hi == e->last_model_read, "vNIC %u FAULT_ADDR 0x%08x%08x on "
                 "the RTL, 0x%08x%08x on the model", BAD, hi, lo, e->last_model_read, mlo);
    *faddr = (uint64_t)hi << 32 | lo;
    return (st & VNIC_PF_VSTAT_STATUS_HALTED_MASK)
               ? (st & VNIC_PF_VSTAT_STATUS_REASON_MASK) >> VNIC_PF_VSTAT_STATUS_REASON_LSB
               : 0;
}

static void run_served(struct adv_run *r, uint64_t n)
{
    uint64_t end = r->e->sim.cycle + n;
    while (!tb_sim_stopped(&r->e->sim) && r->e->sim.cycle < end) {
        tb_env_run(r->e, 250);
        serve(r);
    }
}

/* Random writes to every register of the bad VF's page, in page order.
 * With bad_tail = 0 the RX ring registers are left out and the TX doorbell
 * (TAIL) is written only as the ring then allows (base 16-byte aligned,
 * SIZE 1..12, TAIL below the ring size), with a random value in that range;
 * with bad_tail = 1 anything goes (BAD_TAIL faults). */
static void random_page_writes(struct adv_run *r, struct vnic_prng *p, unsigned passes,
                               int bad_tail)
{
    for (unsigned k = 0; k < passes; k++) {
        for (uint32_t off = 0; off < VNIC_PAGE_SIZE; off += 4) {
            uint32_t val = (uint32_t)vnic_prng_next(p);
            switch (vnic_prng_below(p, 4)) {
            case 0: val &= 0xff; break;          /* small: sizes, indices */
            case 1: val &= 0xfff0; break;        /* aligned-looking offsets */
            default: break;
            }
            if (!bad_tail && off >= VNIC_VF_RXR_BASE_LO && off < VNIC_VF_TXR_BASE_LO)
                continue;
            if (!bad_tail && (off == VNIC_VF_RXR_TAIL || off == VNIC_VF_TXR_TAIL)) {
                uint32_t rb = off - (VNIC_VF_RXR_TAIL - VNIC_VF_RXR_BASE_LO);
                uint32_t sz = bad_rd(r, rb + (VNIC_VF_RXR_SIZE - VNIC_VF_RXR_BASE_LO));
                if ((bad_rd(r, rb) & 15u) || sz < 1 || sz > 12)
                    continue;
                val = (uint32_t)vnic_prng_below(p, 1u << sz);
            }
            bad_wr(r, off, val);
        }
        serve(r);
    }
}

/* Write one TX descriptor at slot idx of the bad vNIC's ring. */
static void bad_desc(struct adv_run *r, unsigned idx, uint64_t gaddr, uint16_t len)
{
    (void)tb_sys_write_tx_desc(&r->s, BAD, idx, gaddr, len);
}

/* RESET of the bad vNIC without setting its rings up again. */
static void bad_reset_only(struct adv_run *r)
{
    TB_CHECK(r->t, vnic_dev_reset(r->s.dev, BAD) == 0, "RESET of the bad vNIC: %s",
             vnic_dev_error(r->s.dev));
}

static void bad_reset(struct adv_run *r)
{
    TB_CHECK(r->t, vnic_dev_reset(r->s.dev, BAD) == 0, "RESET of the bad vNIC: %s",
             vnic_dev_error(r->s.dev));
    uint64_t fa;
    TB_CHECK(r->t, bad_status(r, &fa) == 0, "bad vNIC still halted after RESET");
    TB_CHECK(r->t, vnic_vf_restart(r->s.vf[BAD]) == 0, "restart the bad VF: %s",
             vnic_vf_error(r->s.vf[BAD]));
}

/* One phase of misbehaviour; returns the expected fault reason (0: none
 * expected, -1: any). Phases 1, 2, 4 and 9 run only in the full case. */
static int bad_phase(struct adv_run *r, unsigned ph, struct vnic_prng *p, uint64_t *want_addr,
                     int bad_tail)
{
    const uint64_t out = 0x7000000000ull;
    unsigned tmask = (1u << ADV_TX_LOG2) - 1;
    *want_addr = UINT64_MAX;
    if (ph)
        bad_reset(r);
    switch (ph) {
    case 0:                     /* random writes to every register of the page */
    case 8:
        random_page_writes(r, p, 3, bad_tail);
        return -1;
    case 1:                     /* TX doorbell beyond the ring */
        bad_wr(r, VNIC_VF_TXR_TAIL, 0xffff);
        *want_addr = 0xffff;
        return VNIC_FAULT_REASON_BAD_TAIL;
    case 2: {                   /* misaligned RX ring base, then a doorbell */
        /* the live ring cannot move: BASE and SIZE are locked until RESET */
        uint32_t lo = bad_rd(r, VNIC_VF_RXR_BASE_LO), hi = bad_rd(r, VNIC_VF_RXR_BASE_HI);
        bad_wr(r, VNIC_VF_RXR_BASE_LO, lo + 8);
        bad_wr(r, VNIC_VF_RXR_SIZE, 3);
        TB_CHECK(r->t, bad_rd(r, VNIC_VF_RXR_BASE_LO) == lo && bad_rd(r, VNIC_VF_RXR_SIZE) == 6,
                 "a live RX ring moved: BASE_LO 0x%x SIZE %u", bad_rd(r, VNIC_VF_RXR_BASE_LO),
                 bad_rd(r, VNIC_VF_RXR_SIZE));
        bad_reset_only(r);
        bad_wr(r, VNIC_VF_RXR_BASE_LO, lo + 8);
        bad_wr(r, VNIC_VF_RXR_BASE_HI, hi);
        bad_wr(r, VNIC_VF_RXR_SIZE, 6);
        bad_wr(r, VNIC_VF_RXR_TAIL, 1);
        *want_addr = ((uint64_t)hi << 32 | lo) + 8;
        return VNIC_FAULT_REASON_BAD_TAIL;
    }
    case 3:                     /* TX ring outside the windows */
        bad_wr(r, VNIC_VF_TXR_BASE_LO, (uint32_t)out);
        bad_wr(r, VNIC_VF_TXR_BASE_HI, (uint32_t)(out >> 32));
        bad_wr(r, VNIC_VF_TXR_TAIL, 1);
        *want_addr = out;
        return VNIC_FAULT_REASON_TX_DESC_ADDR;
    case 4:                     /* RX ring outside the windows (set up after a RESET) */
        bad_reset_only(r);
        bad_wr(r, VNIC_VF_RXR_BASE_LO, (uint32_t)out);
        bad_wr(r, VNIC_VF_RXR_BASE_HI, (uint32_t)(out >> 32));
        bad_wr(r, VNIC_VF_RXR_SIZE, 6);
        bad_wr(r, VNIC_VF_RXR_TAIL, 1);
        *want_addr = out;
        return VNIC_FAULT_REASON_RX_DESC_ADDR;
    case 5:                     /* TX buffer outside the windows */
        bad_desc(r, 0, out + 0x1234, 300);
        bad_wr(r, VNIC_VF_TXR_TAIL, 1);
        *want_addr = out + 0x1234;
        return VNIC_FAULT_REASON_TX_BUF_ADDR;
    case 6: {                   /* zero and oversize lengths: ERR_TXLEN, no fault */
        static const uint16_t lens[] = {0, 1, 13, 9100, 65535};
        uint64_t g = vnic_vf_tx_ring_addr(r->s.vf[BAD]) + 16u * (tmask + 1);
        for (unsigned i = 0; i < 5; i++)
            bad_desc(r, i, g, lens[i]);
        bad_wr(r, VNIC_VF_TXR_TAIL, 5);
        return 0;
    }
    case 7: {                   /* doorbell storm on both rings: 600 doorbells, TX TAIL
                                   moving 20 slots on (zeroed descriptors: ERR_TXLEN),
                                   RX TAIL rewritten unchanged */
        uint32_t rt = bad_rd(r, VNIC_VF_RXR_TAIL);
        for (unsigned i = 0; i < 300; i++) {
            bad_wr(r, VNIC_VF_TXR_TAIL, (i / 15) & tmask);
            if (bad_tail)
                bad_wr(r, VNIC_VF_RXR_TAIL, rt);
            if (i % 50 == 0)
                serve(r);
        }
        return 0;
    }
    case 9:                     /* doorbell storm with random TAIL values: the first
                                   TAIL moved back over the device's descriptors is a
                                   BAD_TAIL fault */
        for (unsigned i = 0; i < 300; i++) {
            bad_wr(r, VNIC_VF_TXR_TAIL, (uint32_t)vnic_prng_below(p, tmask + 1));
            bad_wr(r, VNIC_VF_RXR_TAIL, (uint32_t)vnic_prng_below(p, 64));
            if (i % 50 == 0)
                serve(r);
        }
        return VNIC_FAULT_REASON_BAD_TAIL;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------ one run */

static int make_gen(struct adv_run *r, uint64_t nframes)
{
    struct vnic_gen_cfg *g = calloc(1, sizeof *g);
    if (!g)
        return -1;
    vnic_gen_cfg_init(g);
    g->data_bytes = r->e->w;
    g->max_frame = 1522;
    g->seed = r->t->o->seed;
    unsigned ns = 0;
    for (unsigned v = 0; v < NGOOD; v++, ns++) {
        struct vnic_gen_stream_cfg *st = &g->stream[ns];
        vnic_gen_stream_init(st);
        snprintf(st->name, sizeof st->name, "vnic%u", v);
        st->ndest = 1;
        st->dest[0].kind = VNIC_GEN_DEST_MAC;
        memcpy(st->dest[0].mac, r->s.mac[v], 6);
        st->dest[0].weight = 1;
        st->rate_kind = VNIC_GEN_RATE_FRACTION;
        st->rate = 0.25 / NGOOD;
        st->size_kind = VNIC_GEN_SIZE_IMIX;
        st->size_min = 64;
        st->size_max = 1518;
        st->max_frames = nframes / (NGOOD + 1) + 1;
    }
    struct vnic_gen_stream_cfg *st = &g->stream[ns++];
    vnic_gen_stream_init(st);
    snprintf(st->name, sizeof st->name, "bcast");
    st->ndest = 1;
    st->dest[0].kind = VNIC_GEN_DEST_BCAST;
    st->dest[0].weight = 1;
    st->rate_kind = VNIC_GEN_RATE_FRACTION;
    st->rate = 0.02;
    st->size_kind = VNIC_GEN_SIZE_UNIFORM;
    st->size_min = 64;
    st->size_max = 512;
    st->max_frames = nframes / (NGOOD + 1) + 1;
    g->nstreams = ns;
    char err[256];
    if (tb_sys_gen_new(&r->s, g, &r->gen, err, sizeof err)) {
        TB_CHECK(r->t, 0, "traffic generator: %s", err);
        return -1;
    }
    r->base = r->e->sim.cycle + 16;
    r->e->src.refill = refill;
    r->e->src.hook_ctx_refill = r;
    return 0;
}

/* One run on environment e; bad != 0 lets vNIC 7 misbehave. */
static void adv_run(struct tb_t *t, struct tb_env *e, int bad, int bad_tail, struct adv_out *out)
{
    struct adv_run r;
    memset(&r, 0, sizeof r);
    r.t = t;
    r.e = e;
    r.out = out;
    r.tx_plan = t->o->quick ? 120 : 300;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.flags = VNIC_QOS_BCAST;
    c.tx_log2 = ADV_TX_LOG2;
    char err[256];
    if (tb_sys_up(&r.s, e, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        tb_sys_down(&r.s);
        return;
    }
    vnic_dev_irq_enable(r.s.dev, VNIC_PF_IRQ_FAULT);
    e->on_tx = on_tx;
    e->on_tx_ctx = &r;
    if (make_gen(&r, t->o->quick ? 900 : 2400) == 0) {
        struct vnic_prng p;
        vnic_prng_seed_stream(&p, t->o->seed, 77);
        unsigned ph = 0, nph = bad_tail ? 10 : 9;
        uint64_t end = e->sim.cycle + 30000000;
        for (unsigned it = 0; !tb_sim_stopped(&e->sim) && e->sim.cycle < end; it++) {
            run_served(&r, 2000);
            while (bad && ph < nph && !bad_tail && (ph == 1 || ph == 2 || ph == 4))
                ph++;
            if (bad && it >= 2 && ph < nph) {
                uint64_t want_addr;
                int want = bad_phase(&r, ph, &p, &want_addr, bad_tail);
                uint64_t t0 = e->sim.cycle;
                run_served(&r, 3000);
                /* the ERR_TXLEN descriptors of phases 6 and 7 all complete
                 * before the next RESET */
                unsigned hw = ph == 6 ? 5 : ph == 7 ? 19 : 0;
                while (hw && vnic_vf_tx_head(r.s.vf[BAD]) != hw && e->sim.cycle < t0 + 100000)
                    run_served(&r, 500);
                if (hw)
                    printf("  phase %u: TXR.HEAD %u after %" PRIu64 " cycles\n", ph,
                           vnic_vf_tx_head(r.s.vf[BAD]), e->sim.cycle - t0);
                TB_CHECK(t, !hw || vnic_vf_tx_head(r.s.vf[BAD]) == hw, "phase %u: TXR.HEAD %u, "
                         "expected %u", ph, vnic_vf_tx_head(r.s.vf[BAD]), hw);
                uint64_t fa;
                unsigned got = bad_status(&r, &fa);
                printf("  bad VF phase %u: %s, reason %u, FAULT_ADDR 0x%" PRIx64 "\n", ph,
                       got ? "halted" : "running", got, fa);
                if (want >= 0)
                    TB_CHECK(t, got == (unsigned)want, "phase %u: fault reason %u, expected %d",
                             ph, got, want);
                if (want > 0 && want_addr != UINT64_MAX)
                    TB_CHECK(t, fa == want_addr, "phase %u: FAULT_ADDR 0x%" PRIx64 ", expected "
                             "0x%" PRIx64, ph, fa, want_addr);
                if (ph == 6) {
                    struct vnic_vstats st;
                    vnic_dev_vnic_stats(r.s.dev, BAD, &st);
                    TB_CHECK(t, st.c[VNIC_VSTAT_DROP_TXLEN] >= 5, "phase 6: DROP_TXLEN %" PRIu64
                             ", expected at least 5", st.c[VNIC_VSTAT_DROP_TXLEN]);
                    TB_CHECK(t, vnic_vf_tx_head(r.s.vf[BAD]) == 5, "phase 6: TXR.HEAD %u, "
                             "expected 5 ERR_TXLEN completions", vnic_vf_tx_head(r.s.vf[BAD]));
                }
                ph++;
            }
            int tx_done = 1;
            for (unsigned v = 0; v < NGOOD; v++)
                if (r.tx_sent[v] < r.tx_plan || vnic_vf_tx_pending(r.s.vf[v]))
                    tx_done = 0;
            if ((!bad || ph == nph) && tx_done && vnic_gen_peek_cycle(r.gen) == UINT64_MAX &&
                !tb_axis_src_pending(&e->src))
                break;
        }
        TB_CHECK(t, e->sim.cycle < end, "%s run did not finish", bad ? "adversarial" : "reference");
        /* drain; the bad VF may still hold garbage, so idle means the good
         * ones are done: wait for quiet, serve, repeat */
        for (int i = 0; i < 40 && !tb_sim_stopped(&e->sim); i++) {
            int idle = tb_env_run_idle(e, 600, 20000) == 0;
            serve(&r);
            if (idle)
                break;
        }
        serve(&r);
    }
    uint32_t drops = 0;
    for (unsigned v = 0; v < NGOOD; v++) {
        struct vnic_vstats st;
        vnic_dev_vnic_stats(r.s.dev, v, &st);
        drops += (uint32_t)(st.c[VNIC_VSTAT_DROP_NOBUF] + st.c[VNIC_VSTAT_DROP_POLICER] +
                            st.c[VNIC_VSTAT_DROP_HALTED]);
        TB_CHECK(t, r.tx_sent[v] == r.tx_plan && out->txc[v].n == r.tx_plan &&
                        out->wire[v].n == r.tx_plan,
                 "vNIC %u: %zu TX frames posted, %" PRIu64 " completed, %" PRIu64 " on the wire, "
                 "%zu planned", v, r.tx_sent[v], out->txc[v].n, out->wire[v].n, r.tx_plan);
    }
    TB_CHECK(t, drops == 0, "the good vNICs dropped %u frames (the comparison needs none)", drops);
    out->mem_size = r.s.vm[0].region[0].size;
    for (unsigned v = 0; v < NGOOD; v++) {
        out->mem[v] = malloc(out->mem_size);
        if (out->mem[v])
            vnic_hostmem_read(e->host, r.s.vm[v].region[0].hbase, out->mem[v], out->mem_size);
    }
    out->cycles = e->sim.cycle;
    uint64_t rx = 0;
    for (unsigned v = 0; v < NGOOD; v++)
        rx += out->rx[v].n;
    printf("  %s run: %" PRIu64 " cycles, %" PRIu64 " RX frames and %zu TX frames delivered to "
           "vNICs 0..%u\n", bad ? "adversarial" : "reference", e->sim.cycle, rx,
           (size_t)NGOOD * r.tx_plan, NGOOD - 1);
    e->src.refill = NULL;
    e->on_tx = NULL;
    if (r.gen)
        vnic_gen_free(r.gen);
    tb_sys_down(&r.s);
}

static void out_free(struct adv_out *o)
{
    for (unsigned v = 0; v < NGOOD; v++)
        free(o->mem[v]);
}

static void adversarial(struct tb_t *t, int bad_tail)
{
    if (t->env->num_vnic != 8) {
        t->skip = 1;
        return;
    }
    /* the reference: the same seed on a fresh device, vNIC 7 quiet */
    struct tb_env *ref = calloc(1, sizeof *ref);
    struct adv_out *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    char err[256];
    struct tb_env_cfg rc = t->env->cfg;
    rc.waves = NULL;
    if (!ref || !a || !b || tb_env_init(ref, &rc, err, sizeof err)) {
        TB_CHECK(t, 0, "reference environment: %s", ref && a && b ? err : "out of memory");
        free(ref);
        free(a);
        free(b);
        return;
    }
    struct tb_env *keep = t->env;
    t->env = ref;
    adv_run(t, ref, 0, 0, a);
    if (!tb_sim_stopped(&ref->sim))
        tb_env_scoreboard(ref);
    uint64_t rm = tb_env_mismatches(ref);
    if (rm || ref->sim.failed) {
        printf("  reference run: %" PRIu64 " mismatches%s%s\n", rm, ref->sim.failed ? ", " : "",
               ref->sim.failed ? ref->sim.fail_msg : "");
        tb_mon_print_mismatches(&ref->mon, 10, stdout);
    }
    TB_CHECK(t, rm == 0 && !ref->sim.failed, "the reference run failed");
    t->env = keep;
    tb_env_fini(ref);
    free(ref);

    adv_run(t, t->env, 1, bad_tail, b);
    /* every host-memory burst is attributed to its vNIC (m_axi_aruser /
     * m_axi_awuser) and checked against that vNIC's DMA windows, the bad
     * VF's against its own: one outside stops the run (docs/verification.md) */
    const struct tb_axi_mem *hm = &t->env->mem;
    TB_CHECK(t, hm->check_win && hm->win_errors == 0 && hm->rd_by[BAD] + hm->wr_by[BAD] > 0,
             "host-memory window check %s, %" PRIu64 " errors, %" PRIu64 " bursts of vNIC %u",
             hm->check_win ? "on" : "off", hm->win_errors, hm->rd_by[BAD] + hm->wr_by[BAD], BAD);
    printf("  vNIC %u: %" PRIu64 " reads and %" PRIu64 " writes on the host bus, each inside its "
           "own DMA windows\n", BAD, hm->rd_by[BAD], hm->wr_by[BAD]);
    for (unsigned v = 0; v < NGOOD; v++) {
        TB_CHECK(t, a->rx[v].n == b->rx[v].n && a->rx[v].crc == b->rx[v].crc &&
                        a->rx[v].adl == b->rx[v].adl,
                 "vNIC %u: RX frames differ from the reference (%" PRIu64 " vs %" PRIu64 ")", v,
                 b->rx[v].n, a->rx[v].n);
        TB_CHECK(t, a->txc[v].n == b->txc[v].n && a->txc[v].crc == b->txc[v].crc &&
                        a->txc[v].adl == b->txc[v].adl,
                 "vNIC %u: TX completions differ from the reference", v);
        TB_CHECK(t, a->wire[v].n == b->wire[v].n && a->wire[v].crc == b->wire[v].crc &&
                        a->wire[v].adl == b->wire[v].adl,
                 "vNIC %u: TX wire frames differ from the reference", v);
        if (a->mem[v] && b->mem[v] && a->mem_size == b->mem_size &&
            memcmp(a->mem[v], b->mem[v], a->mem_size) != 0) {
            uint64_t i = 0;
            while (a->mem[v][i] == b->mem[v][i])
                i++;
            TB_CHECK(t, 0, "vNIC %u: memory differs from the reference at guest 0x%" PRIx64, v,
                     (uint64_t)TB_GUEST_BASE + i);
        }
    }
    printf("  vNICs 0..%u: RX, TX completions, TX wire and memory identical to the reference "
           "run (%" PRIu64 " vs %" PRIu64 " cycles)\n", NGOOD - 1, b->cycles, a->cycles);
    out_free(a);
    out_free(b);
    free(a);
    free(b);
}

static void adv_cfg(struct tb_env_cfg *c, const struct tb_opts *o)
{
    (void)o;
    c->mem.p_b_gap = 0.1;
    c->p_irq_stall = 0.2;
}

static void bad_vf(struct tb_t *t) { adversarial(t, 0); }
static void full(struct tb_t *t) { adversarial(t, 1); }

/* full adds doorbells beyond the ring, on a misaligned base and moving TAIL
 * back over the device's descriptors (BAD_TAIL), random writes to the RX ring
 * registers, attempts to move a live ring (locked: ignored), an RX ring set
 * up outside the windows, RX doorbell storms and a storm of random TAIL
 * values: see docs/verification.md. */
static const struct tb_case cases[] = {
    {"bad_vf", bad_vf, 1, adv_cfg},
    {"full", full, 1, adv_cfg},
};

int main(int argc, char **argv)
{
    return tb_run_cases("tb_adversarial", cases, sizeof cases / sizeof cases[0], argc, argv);
}
