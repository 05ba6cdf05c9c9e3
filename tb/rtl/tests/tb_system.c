/* tb_system.c: randomized system tests on the RTL with the driver on it and
 * the model in lockstep: random configurations and traffic from the seeded
 * generator (unicast, broadcast, multicast, unknown unicast, every error
 * kind, policed vNICs), host latency and back-pressure, partition resize
 * under traffic, DMA faults from SLVERR/DECERR and out-of-window buffers.
 * Every case ends with the scoreboard and the conservation law. */
#include "tb_test.h"

#include "vnic_gen.h"
#include "vnic_regs.h"

struct sys_run {
    struct tb_t *t;
    struct tb_sys s;
    struct vnic_gen *gen;
    uint64_t base;              /* cycle the generator's cycle 0 maps to */
    uint64_t frames;
};

static void refill(void *ctx, struct tb_axis_src *src)
{
    struct sys_run *r = ctx;
    struct vnic_gen_frame f;
    while (r->gen && tb_axis_src_pending(src) < 8 && vnic_gen_next(r->gen, &f)) {
        tb_axis_src_push(src, f.data, f.len, f.flags, r->base + f.sof_cycle);
        r->frames++;
    }
}

static uint64_t rnd(struct vnic_prng *p, uint64_t n) { return vnic_prng_below(p, n); }

/* Bring up every vNIC with a random QoS configuration; print it. */
static int random_up(struct sys_run *r, struct vnic_prng *p)
{
    struct tb_t *t = r->t;
    struct tb_env *e = t->env;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.ring_log2 = 4 + (unsigned)rnd(p, 5);
    char err[256];
    if (tb_sys_up(&r->s, e, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        return -1;
    }
    printf("  config: %u vNICs, ring 2^%u, host latency %u/%u cycles, stalls ar %.2f aw %.2f "
           "w %.2f r %.2f b %.2f\n", r->s.n, c.ring_log2, e->mem.cfg.rlat, e->mem.cfg.wlat,
           e->mem.cfg.p_ar_stall, e->mem.cfg.p_aw_stall, e->mem.cfg.p_w_stall, e->mem.cfg.p_r_gap,
           e->mem.cfg.p_b_gap);
    for (unsigned v = 0; v < r->s.n; v++) {
        struct vnic_qos_spec sp = r->s.spec[v];
        sp.flags = (rnd(p, 4) ? VNIC_QOS_BCAST : 0) | (rnd(p, 2) ? VNIC_QOS_MCAST : 0);
        sp.weight = 1 + (unsigned)rnd(p, 8);
        if (rnd(p, 3) == 0)
            sp.ceil_bps = 500000000ull * (1 + rnd(p, 8));
        if (rnd(p, 3) == 0)
            sp.guar_bps = 100000000ull * (1 + rnd(p, 4));
        if (vnic_dev_update(r->s.dev, v, &sp)) {
            TB_CHECK(t, 0, "update vNIC %u: %s", v, vnic_dev_error(r->s.dev));
            return -1;
        }
        r->s.spec[v] = sp;
        printf("  vNIC %u: flags 0x%02x weight %u ceil %.1f Gb/s guar %.1f Gb/s\n", v, sp.flags,
               sp.weight, (double)sp.ceil_bps / 1e9, (double)sp.guar_bps / 1e9);
    }
    return 0;
}

static int make_gen(struct sys_run *r, struct vnic_prng *p, uint64_t nframes, double load,
                    int errors)
{
    struct tb_env *e = r->t->env;
    struct vnic_gen_cfg *g = calloc(1, sizeof *g);
    if (!g)
        return -1;
    vnic_gen_cfg_init(g);
    g->data_bytes = e->w;
    g->max_frame = 1522;
    g->seed = r->t->o->seed;
    unsigned ns = 0;
    for (unsigned v = 0; v < r->s.n && ns < VNIC_GEN_MAX_STREAMS - 3; v++, ns++) {
        struct vnic_gen_stream_cfg *st = &g->stream[ns];
        vnic_gen_stream_init(st);
        snprintf(st->name, sizeof st->name, "vnic%u", v);
        st->ndest = 1;
        st->dest[0].kind = VNIC_GEN_DEST_MAC;
        memcpy(st->dest[0].mac, r->s.mac[v], 6);
        st->dest[0].weight = 1;
        st->rate_kind = VNIC_GEN_RATE_FRACTION;
        st->rate = load / r->s.n;
        st->size_kind = rnd(p, 2) ? VNIC_GEN_SIZE_IMIX : VNIC_GEN_SIZE_UNIFORM;
        st->size_min = 64;
        st->size_max = 1518;
        if (errors)
            for (unsigned k = 1; k < VNIC_GEN_ERR_KINDS; k++)
                st->err_prob[k] = 0.01;
        st->max_frames = nframes / (r->s.n + 3) + 1;
    }
    static const enum vnic_gen_dest_kind kinds[3] = {VNIC_GEN_DEST_BCAST, VNIC_GEN_DEST_MCAST,
                                                      VNIC_GEN_DEST_UNKNOWN};
    for (unsigned k = 0; k < 3; k++, ns++) {
        struct vnic_gen_stream_cfg *st = &g->stream[ns];
        vnic_gen_stream_init(st);
        snprintf(st->name, sizeof st->name, "%s", vnic_gen_dest_name(kinds[k]));
        st->ndest = 1;
        st->dest[0].kind = kinds[k];
        st->dest[0].weight = 1;
        st->rate_kind = VNIC_GEN_RATE_FRACTION;
        st->rate = load / (4 * r->s.n);
        st->size_kind = VNIC_GEN_SIZE_UNIFORM;
        st->size_min = 64;
        st->size_max = 600;
        st->max_frames = nframes / (r->s.n + 3) + 1;
    }
    g->nstreams = ns;
    char err[256];
    if (tb_sys_gen_new(&r->s, g, &r->gen, err, sizeof err)) {
        TB_CHECK(r->t, 0, "traffic generator: %s", err);
        return -1;
    }
    r->base = e->sim.cycle + 16;
    e->src.refill = refill;
    e->src.hook_ctx_refill = r;
    return 0;
}

static void run_traffic(struct sys_run *r, uint64_t max_cycles)
{
    struct tb_env *e = r->t->env;
    uint64_t end = e->sim.cycle + max_cycles;
    while (!tb_sim_stopped(&e->sim) && e->sim.cycle < end) {
        tb_env_run(e, 500);
        tb_sys_poll(&r->s);
        if (vnic_gen_peek_cycle(r->gen) == UINT64_MAX && !tb_axis_src_pending(&e->src))
            break;
    }
    TB_CHECK(r->t, tb_sys_drain(&r->s, 4000000) == 0, "did not drain in 4M cycles");
    uint64_t cpl = 0;
    for (unsigned v = 0; v < e->num_vnic; v++)
        cpl += e->mon.n.cpl[v];
    printf("  traffic: %" PRIu64 " frames, %" PRIu64 " copies, %" PRIu64 " completions, "
           "%" PRIu64 " cycles, max %u reads outstanding\n", e->src.frames_sent, e->mon.n.copies,
           cpl, e->sim.cycle, e->mem.max_rd_seen);
}

static void sys_done(struct sys_run *r)
{
    r->t->env->src.refill = NULL;
    if (r->gen)
        vnic_gen_free(r->gen);
    tb_sys_down(&r->s);
}

/* ------------------------------------------------------------ cases */

static void random_cfg(struct tb_env_cfg *c, const struct tb_opts *o)
{
    struct vnic_prng p;
    vnic_prng_seed_stream(&p, o->seed, 1);
    static const unsigned lat[] = {20, 157, 500};
    c->mem.rlat = c->mem.wlat = lat[vnic_prng_below(&p, 3)];
    c->mem.p_ar_stall = 0.1 * (double)vnic_prng_below(&p, 3);
    c->mem.p_aw_stall = 0.1 * (double)vnic_prng_below(&p, 3);
    c->mem.p_w_stall = 0.1 * (double)vnic_prng_below(&p, 3);
    c->mem.p_r_gap = 0.1 * (double)vnic_prng_below(&p, 3);
    c->mem.p_b_gap = 0.1 * (double)vnic_prng_below(&p, 3);
    c->p_irq_stall = 0.3;
}

static void random_traffic(struct tb_t *t)
{
    struct sys_run r;
    memset(&r, 0, sizeof r);
    r.t = t;
    struct vnic_prng p;
    vnic_prng_seed_stream(&p, t->o->seed, 2);
    if (random_up(&r, &p) == 0 &&
        make_gen(&r, &p, t->o->quick ? 1500 : 6000, 0.5 + 0.1 * (double)rnd(&p, 5), 1) == 0)
        run_traffic(&r, 50000000);
    sys_done(&r);
}

static void stress_cfg(struct tb_env_cfg *c, const struct tb_opts *o)
{
    (void)o;
    c->mem.rlat = c->mem.wlat = 2000;
    c->mem.p_ar_stall = c->mem.p_aw_stall = c->mem.p_w_stall = 0.3;
    c->mem.p_r_gap = c->mem.p_b_gap = 0.3;
}

/* Long host latency and heavy back-pressure on every channel: nothing lost,
 * several reads in flight. */
static void host_stress(struct tb_t *t)
{
    struct sys_run r;
    memset(&r, 0, sizeof r);
    r.t = t;
    struct vnic_prng p;
    vnic_prng_seed_stream(&p, t->o->seed, 3);
    char err[256];
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.ring_log2 = 8;
    if (tb_sys_up(&r.s, t->env, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        return;
    }
    if (make_gen(&r, &p, t->o->quick ? 800 : 3000, 0.3, 0) == 0)
        run_traffic(&r, 50000000);
    TB_CHECK(t, t->env->mem.max_rd_seen > 1, "never more than %u read outstanding",
             t->env->mem.max_rd_seen);
    uint64_t drops = 0;
    for (unsigned v = 0; v < r.s.n; v++)
        drops += t->env->mon.n.outcome[v][1] + t->env->mon.n.outcome[v][2];
    TB_CHECK(t, drops == 0, "%" PRIu64 " copies dropped halted/policer under host stress", drops);
    sys_done(&r);
}

/* Resize vNIC 0's RX partition while every vNIC receives, the run-time
 * resize of docs/architecture.md §3: COMMIT with enable = 0, let its stored
 * frames drain to its VM (which keeps taking them), COMMIT the new partition
 * enabled. The other vNICs receive throughout; vNIC 0 receives again after. */
static void resize_under_traffic(struct tb_t *t)
{
    struct sys_run r;
    memset(&r, 0, sizeof r);
    r.t = t;
    struct vnic_prng p;
    vnic_prng_seed_stream(&p, t->o->seed, 4);
    char err[256];
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    if (tb_sys_up(&r.s, t->env, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        return;
    }
    if (make_gen(&r, &p, t->o->quick ? 1200 : 4000, 0.6, 0)) {
        sys_done(&r);
        return;
    }
    struct tb_env *e = t->env;
    tb_env_run(e, 20000);
    tb_sys_poll(&r.s);
    struct vnic_qos_spec sp;
    vnic_dev_get_spec(r.s.dev, 0, &sp);
    uint32_t old = sp.rx_size;
    /* half of it, at least G.MAX_FRAME (1522, the reset value) rounded up to 64 */
    sp.rx_size = old / 2 >= 1536 ? (old / 2 + 63) & ~63u : 1536;
    TB_CHECK(t, sp.rx_size != old, "no smaller partition than %u bytes to resize to", old);
    /* 1. disable: classification to vNIC 0 stops, its stored frames drain */
    struct vnic_hw_cfg hw;
    vnic_dev_load_raw(r.s.dev, 0, &hw);
    hw.flags &= ~(uint32_t)VNIC_PF_STAGE_FLAGS_ENABLE_MASK;
    TB_CHECK(t, vnic_dev_commit_raw(r.s.dev, 0, &hw) == 0, "disable vNIC 0: %s",
             vnic_dev_error(r.s.dev));
    uint64_t in0 = e->mon.n.in[0], t0 = e->sim.cycle;
    struct vnic_status st;
    do {
        tb_env_run(e, 500);
        tb_sys_poll(&r.s);
        vnic_dev_vnic_status(r.s.dev, 0, &st);
    } while ((st.rx_used || st.tx_used) && e->sim.cycle < t0 + 4000000 &&
             !tb_sim_stopped(&e->sim));
    TB_CHECK(t, st.rx_used == 0 && st.tx_used == 0, "vNIC 0 still holds %u RX / %u TX bytes "
             "%" PRIu64 " cycles after it was disabled", st.rx_used, st.tx_used, e->sim.cycle - t0);
    TB_CHECK(t, e->mon.n.in[0] == in0, "%" PRIu64 " copies classified to vNIC 0 while disabled",
             e->mon.n.in[0] - in0);
    /* 2. the new partition, enabled */
    int rc = vnic_dev_update(r.s.dev, 0, &sp);
    TB_CHECK(t, rc == 0, "resize vNIC 0 RX partition %u -> %u: %s", old, sp.rx_size,
             vnic_dev_error(r.s.dev));
    vnic_dev_load_raw(r.s.dev, 0, &hw);
    TB_CHECK(t, hw.rx_size == sp.rx_size && (hw.flags & VNIC_PF_STAGE_FLAGS_ENABLE_MASK),
             "after resize vNIC 0 RX_SIZE %u flags 0x%x", hw.rx_size, hw.flags);
    printf("  resize: vNIC 0 RX partition %u -> %u bytes, drained in %" PRIu64 " cycles\n", old,
           sp.rx_size, e->sim.cycle - t0);
    uint64_t cpl0 = e->mon.n.cpl[0];
    run_traffic(&r, 50000000);
    TB_CHECK(t, e->mon.n.cpl[0] > cpl0, "vNIC 0 received nothing after its resize");
    sys_done(&r);
}

/* SLVERR on one vNIC's memory, DECERR on another's, a buffer outside the
 * windows on a third: each faults with its reason, the rest keep going. */
static void dma_faults(struct tb_t *t)
{
    struct tb_env *e = t->env;
    if (e->num_vnic < 4) {
        t->skip = 1;
        return;
    }
    struct sys_run r;
    memset(&r, 0, sizeof r);
    r.t = t;
    struct vnic_prng p;
    vnic_prng_seed_stream(&p, t->o->seed, 5);
    char err[256];
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.vf_flags = VNIC_VF_NO_PREFILL;   /* vNIC 3's first descriptor is the bad one */
    if (tb_sys_up(&r.s, e, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        return;
    }
    vnic_dev_irq_enable(r.s.dev, VNIC_PF_IRQ_FAULT);
    uint64_t buf1 = 0, buf2 = 0;
    vnic_vm_g2h(&r.s.vm[1], vnic_vf_rx_buf_addr(r.s.vf[1], 0), 1, &buf1);
    vnic_vm_g2h(&r.s.vm[2], vnic_vf_rx_buf_addr(r.s.vf[2], 0), 1, &buf2);
    tb_axi_mem_add_error(&e->mem, buf1 & ~0xfffull, 0x100000, 2, 2);
    tb_axi_mem_add_error(&e->mem, buf2 & ~0xfffull, 0x100000, 3, 2);
    /* vNIC 3: a descriptor pointing outside its window, then good ones; the
     * others: a full ring */
    TB_CHECK(t, vnic_vf_rx_post_raw(r.s.vf[3], 0x7000000000ull, 2048) >= 0, "post_raw: %s",
             vnic_vf_error(r.s.vf[3]));
    for (unsigned v = 0; v < r.s.n; v++)
        TB_CHECK(t, vnic_vf_rx_post(r.s.vf[v], 1u << c.ring_log2) > 0, "vNIC %u post: %s", v,
                 vnic_vf_error(r.s.vf[v]));
    if (make_gen(&r, &p, t->o->quick ? 600 : 2000, 0.4, 0) == 0)
        run_traffic(&r, 50000000);
    static const unsigned want[4] = {0, 5, 5, 2};
    for (unsigned v = 1; v < 4; v++) {
        struct vnic_status st;
        vnic_dev_vnic_status(r.s.dev, v, &st);
        TB_CHECK(t, st.halted && st.reason == want[v], "vNIC %u: halted %d reason %u, expected "
                 "reason %u", v, st.halted, st.reason, want[v]);
    }
    uint32_t fv = vnic_dev_fault_vec(r.s.dev);
    TB_CHECK(t, (fv & 0xf) == 0xe, "FAULT_VEC 0x%x, expected vNICs 1..3", fv);
    for (unsigned v = 4; v < r.s.n; v++) {
        struct vnic_status st;
        vnic_dev_vnic_status(r.s.dev, v, &st);
        TB_CHECK(t, !st.halted, "vNIC %u halted (reason %u) by another vNIC's fault", v, st.reason);
    }
    TB_CHECK(t, e->irq.count[0] > 0, "no PF interrupt for the faults");
    sys_done(&r);
}

static const struct tb_case cases[] = {
    {"random_traffic", random_traffic, 1, random_cfg},
    {"host_stress", host_stress, 1, stress_cfg},
    {"resize_under_traffic", resize_under_traffic, 1, NULL},
    {"dma_faults", dma_faults, 1, NULL},
};

int main(int argc, char **argv)
{
    return tb_run_cases("tb_system", cases, sizeof cases / sizeof cases[0], argc, argv);
}
