/* tb_rx.c: directed receive tests on the RTL, the driver running on it and
 * the model in lockstep: unicast to every vNIC, broadcast and multicast
 * replication, the default vNIC, every bad wire input of the brief (§4.5:
 * bad FCS, runt, oversize, MAC error, truncated frame, malformed tkeep) mixed
 * with good frames, back-to-back frames. Each case checks what every VM
 * received byte for byte against what a correct NIC delivers, the drop
 * counters by reason, and ends with the scoreboard (host memory, counters
 * against the model, conservation law). */
#include "tb_test.h"

#include "vnic_regs.h"

#define MAX_EXP 4096

struct exp_frame {
    uint8_t *data;              /* the wire frame (FCS included) */
    uint32_t len;               /* wire length L */
    uint16_t status;            /* expected status bits beyond DD|EOP */
};

struct expect {
    struct exp_frame f[32][MAX_EXP / 8];
    unsigned n[32];
    uint64_t g[VNIC_GSTAT_COUNT];   /* expected global counters (subset checked) */
};

static void expect_add(struct expect *x, unsigned v, const uint8_t *d, uint32_t len, uint16_t st)
{
    if (x->n[v] >= MAX_EXP / 8)
        return;
    struct exp_frame *f = &x->f[v][x->n[v]++];
    f->data = malloc(len);
    memcpy(f->data, d, len);
    f->len = len;
    f->status = st;
}

static void expect_free(struct expect *x)
{
    for (unsigned v = 0; v < 32; v++)
        for (unsigned i = 0; i < x->n[v]; i++)
            free(x->f[v][i].data);
}

/* Every VM got exactly its expected frames, in order, byte for byte. */
static void check_delivery(struct tb_t *t, struct tb_sys *s, const struct expect *x)
{
    for (unsigned v = 0; v < s->n; v++) {
        TB_CHECK(t, s->nrx[v] == x->n[v], "vNIC %u received %zu frames, expected %u", v, s->nrx[v],
                 x->n[v]);
        for (unsigned i = 0; i < x->n[v] && i < s->nrx[v]; i++) {
            const struct tb_rx_frame *r = &s->rx[v][i];
            const struct exp_frame *f = &x->f[v][i];
            uint16_t want = VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP | f->status;
            TB_CHECK(t, r->len == f->len - 4 && memcmp(r->data, f->data, f->len - 4) == 0,
                     "vNIC %u frame %u: received %u bytes, expected %u (or bytes differ)", v, i,
                     r->len, f->len - 4);
            TB_CHECK(t, r->status == want, "vNIC %u frame %u: status 0x%04x, expected 0x%04x", v, i,
                     r->status, want);
        }
    }
}

static void check_gstat(struct tb_t *t, struct tb_sys *s, const struct expect *x, int all)
{
    struct vnic_gstats g;
    vnic_dev_global_stats(s->dev, &g);
    for (unsigned i = 0; i < VNIC_GSTAT_COUNT; i++) {
        if (i == VNIC_GSTAT_TX_FRAMES || i == VNIC_GSTAT_TX_BYTES)
            continue;
        if (!all && x->g[i] == 0)
            continue;
        TB_CHECK(t, g.c[i] == x->g[i], "GSTAT.%s is %" PRIu64 ", expected %" PRIu64,
                 vnic_gstat_name(i), g.c[i], x->g[i]);
    }
}

static int up(struct tb_t *t, struct tb_sys *s, const struct tb_sys_cfg *c)
{
    char err[256];
    if (tb_sys_up(s, t->env, c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        return -1;
    }
    return 0;
}

/* Apply vNIC v's QoS spec and keep it in s; 0 on success, else a failed
 * check and the system taken down (the case returns). */
static int update(struct tb_t *t, struct tb_sys *s, unsigned v, const struct vnic_qos_spec *sp)
{
    if (vnic_dev_update(s->dev, v, sp)) {
        TB_CHECK(t, 0, "update vNIC %u: %s", v, vnic_dev_error(s->dev));
        tb_sys_down(s);
        return -1;
    }
    s->spec[v] = *sp;
    return 0;
}

static void finish(struct tb_t *t, struct tb_sys *s, struct expect *x, int all_gstat)
{
    TB_CHECK(t, tb_sys_drain(s, 2000000) == 0, "did not drain in 2M cycles");
    check_delivery(t, s, x);
    check_gstat(t, s, x, all_gstat);
    expect_free(x);
}

/* Queue a frame, count it in the expected global counters. */
static void send(struct tb_env *e, struct expect *x, const uint8_t *d, uint32_t len, uint32_t flags,
                 uint64_t start)
{
    tb_env_push_frame(e, d, len, flags, start);
    x->g[VNIC_GSTAT_RX_FRAMES]++;
    x->g[VNIC_GSTAT_RX_BYTES] += len;
}

static const uint32_t sizes[] = {64, 65, 127, 128, 256, 1000, 1518, 1522};

/* ------------------------------------------------------------ cases */

static void unicast_each(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    static struct expect x;
    memset(&x, 0, sizeof x);
    if (up(t, &s, &c))
        return;
    uint8_t buf[2048];
    uint64_t at = e->sim.cycle + 10;
    for (unsigned v = 0; v < s.n; v++)
        for (unsigned k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            uint32_t len = sizes[k];
            tb_make_frame(buf, len, s.mac[v], t->o->seed * 1000 + v * 16 + k);
            send(e, &x, buf, len, 0, at);
            expect_add(&x, v, buf, len, 0);
            x.g[VNIC_GSTAT_RX_COPIES]++;
            at += 2 * len / e->w + 40;
        }
    finish(t, &s, &x, 1);
    tb_sys_down(&s);
}

static void bcast_mcast(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.flags = VNIC_QOS_BCAST;   /* multicast enabled below on odd vNICs only */
    static struct expect x;
    memset(&x, 0, sizeof x);
    if (up(t, &s, &c))
        return;
    for (unsigned v = 1; v < s.n; v += 2) {
        struct vnic_qos_spec sp = s.spec[v];
        sp.flags |= VNIC_QOS_MCAST;
        if (update(t, &s, v, &sp))
            return;
    }
    static const uint8_t bc[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    static const uint8_t mc[6] = {0x01, 0x00, 0x5e, 0x01, 0x02, 0x03};
    uint8_t buf[2048];
    uint64_t at = e->sim.cycle + 10;
    for (unsigned k = 0; k < 6; k++) {
        uint32_t len = sizes[k];
        int is_bc = !(k & 1);
        tb_make_frame(buf, len, is_bc ? bc : mc, t->o->seed * 77 + k);
        send(e, &x, buf, len, 0, at);
        for (unsigned v = 0; v < s.n; v++)
            if (is_bc || (v & 1)) {
                expect_add(&x, v, buf, len, is_bc ? VNIC_DESC_ST_BCAST : VNIC_DESC_ST_MCAST);
                x.g[VNIC_GSTAT_RX_COPIES]++;
            }
        if (!is_bc && s.n == 1)
            x.g[VNIC_GSTAT_DROP_NOMATCH]++;
        at += 4 * s.n * len / e->w + 100;
    }
    finish(t, &s, &x, 1);
    tb_sys_down(&s);
}

static void default_vnic(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.def_vnic = (int)e->num_vnic - 1;
    static struct expect x;
    memset(&x, 0, sizeof x);
    if (up(t, &s, &c))
        return;
    static const uint8_t unknown[6] = {0x02, 0x99, 0x88, 0x77, 0x66, 0x55};
    uint8_t buf[2048];
    uint64_t at = e->sim.cycle + 10;
    for (unsigned k = 0; k < 4; k++) {
        tb_make_frame(buf, sizes[k], unknown, t->o->seed + 500 + k);
        send(e, &x, buf, sizes[k], 0, at);
        expect_add(&x, (unsigned)c.def_vnic, buf, sizes[k], 0);
        x.g[VNIC_GSTAT_RX_COPIES]++;
        at += 100;
    }
    TB_CHECK(t, tb_sys_drain(&s, 1000000) == 0, "did not drain");
    /* default vNIC off: unknown unicast is dropped as NOMATCH */
    struct vnic_global_cfg g;
    vnic_dev_get_global(s.dev, &g);
    g.def_en = 0;
    vnic_dev_set_global(s.dev, &g);
    at = e->sim.cycle + 10;
    for (unsigned k = 0; k < 3; k++) {
        tb_make_frame(buf, sizes[k], unknown, t->o->seed + 600 + k);
        send(e, &x, buf, sizes[k], 0, at);
        x.g[VNIC_GSTAT_DROP_NOMATCH]++;
        at += 100;
    }
    finish(t, &s, &x, 1);
    tb_sys_down(&s);
}

/* Bad wire input between good frames, back to back: each dropped and
 * counted by its reason, the good frames around them intact. */
static void bad_wire(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    static struct expect x;
    memset(&x, 0, sizeof x);
    if (up(t, &s, &c))
        return;
    const unsigned maxf = 1522;   /* G.MAX_FRAME reset value */
    uint8_t buf[4096], good[2048];
    uint64_t at = e->sim.cycle + 10;
    unsigned v = 0, n = 0;
#define GOOD()                                                                      \
    do {                                                                            \
        uint32_t gl = sizes[n % 6];                                                 \
        tb_make_frame(good, gl, s.mac[v], t->o->seed * 31 + n);                     \
        send(e, &x, good, gl, 0, at);                                               \
        expect_add(&x, v, good, gl, 0);                                             \
        x.g[VNIC_GSTAT_RX_COPIES]++;                                                \
        v = (v + 1) % s.n;                                                          \
        n++;                                                                        \
    } while (0)
    for (int round = 0; round < 2; round++) {
        /* bad FCS */
        GOOD();
        tb_make_frame(buf, 200, s.mac[v], 9001 + round);
        buf[199] ^= 0x10;
        send(e, &x, buf, 200, 0, at);
        x.g[VNIC_GSTAT_DROP_FCS]++;
        /* runt with a good FCS */
        GOOD();
        tb_make_frame(buf, 60, s.mac[v], 9002 + round);
        send(e, &x, buf, 60, 0, at);
        x.g[VNIC_GSTAT_DROP_RUNT]++;
        /* oversize: one byte over G.MAX_FRAME, good FCS */
        GOOD();
        tb_make_frame(buf, maxf + 1, s.mac[v], 9003 + round);
        send(e, &x, buf, maxf + 1, 0, at);
        x.g[VNIC_GSTAT_DROP_OVERSIZE]++;
        /* MAC error flag on an otherwise good frame */
        GOOD();
        tb_make_frame(buf, 300, s.mac[v], 9004 + round);
        send(e, &x, buf, 300, TB_SRC_MACERR, at);
        x.g[VNIC_GSTAT_DROP_MACERR]++;
        /* truncated frame: cut short by the MAC (FCS no longer matches) */
        GOOD();
        tb_make_frame(buf, 400, s.mac[v], 9005 + round);
        send(e, &x, buf, 150 + 7 * round, 0, at);
        x.g[VNIC_GSTAT_DROP_FCS]++;
        /* truncated below the minimum, flagged by the MAC */
        GOOD();
        tb_make_frame(buf, 400, s.mac[v], 9006 + round);
        send(e, &x, buf, 40, TB_SRC_MACERR, at);
        x.g[VNIC_GSTAT_DROP_MACERR]++;
        /* malformed tkeep: partial last beat shifted; full last beat with a hole */
        GOOD();
        uint32_t odd = 64 * 3 + 3;
        tb_make_frame(buf, odd, s.mac[v], 9007 + round);
        send(e, &x, buf, odd, TB_SRC_MANGLE_TKEEP, at);
        x.g[VNIC_GSTAT_DROP_TKEEP]++;
        GOOD();
        tb_make_frame(buf, 256, s.mac[v], 9008 + round);
        send(e, &x, buf, 256, TB_SRC_MANGLE_TKEEP, at);
        x.g[VNIC_GSTAT_DROP_TKEEP]++;
        GOOD();
        at = e->sim.cycle + 20;   /* everything above back to back */
    }
#undef GOOD
    finish(t, &s, &x, 1);
    tb_sys_down(&s);
}

/* Back-to-back frames of random sizes to random vNICs. */
static void back_to_back(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.ring_log2 = 8;
    static struct expect x;
    memset(&x, 0, sizeof x);
    if (up(t, &s, &c))
        return;
    struct vnic_prng r;
    vnic_prng_seed_stream(&r, t->o->seed, 77);
    uint8_t buf[2048];
    unsigned nframes = t->o->quick ? 60 : 200;
    /* Partitions of fewer than four full-size frames (e.g. 32 vNICs in 64 KiB)
     * cannot take a random run of frames to one vNIC at line rate: the
     * device would rightly drop them (RX_USED), so there frames go round
     * robin and each partition drains between its frames. */
    int rr = e->sim.par->rx_buf_bytes / s.n < 4u * 1536u;
    for (unsigned k = 0; k < nframes; k++) {
        unsigned v = rr ? k % s.n : (unsigned)vnic_prng_below(&r, s.n);
        uint32_t len = 64 + (uint32_t)vnic_prng_below(&r, 1522 - 64 + 1);
        tb_make_frame(buf, len, s.mac[v], vnic_prng_next(&r));
        send(e, &x, buf, len, 0, 0);
        expect_add(&x, v, buf, len, 0);
        x.g[VNIC_GSTAT_RX_COPIES]++;
    }
    finish(t, &s, &x, 0);
    TB_CHECK(t, e->src.stall_cycles == 0, "the device held TREADY low for %" PRIu64 " cycles",
             e->src.stall_cycles);
    tb_sys_down(&s);
}

/* The RX DMA scheduler's buckets (architecture §4.7) under contention: vNIC 0
 * has a guarantee of about 1 byte a cycle and the smallest bucket depth (64
 * bytes), vNIC 1 none; both are sent short frames while the host's W channel
 * stalls half the time, so frames wait and every decision weighs vNIC 0's
 * guarantee bucket against vNIC 1's deficit. vNIC 0 idles first, so its
 * bucket is full at its first grant; afterwards the bucket crosses zero
 * once per few grants, and a decision falling on the cycle of a crossing
 * depends on when a grant's charge lands (the cycle after the grant) and on
 * the clamp at the bucket depth. Lockstep compares every grant. */
static void sched_buckets(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.nvnic = 2;
    c.ring_log2 = 10;
    static struct expect x;
    memset(&x, 0, sizeof x);
    if (up(t, &s, &c))
        return;
    for (unsigned v = 0; v < 2; v++) {
        struct vnic_qos_spec sp = s.spec[v];
        sp.weight = 1;
        sp.rx_size = 24576;   /* holds the backlog: nothing is dropped */
        if (v == 0) {
            sp.guar_bps = 1000000000ull;
            sp.sch_burst = 64;
        }
        if (update(t, &s, v, &sp))
            return;
    }
    e->mem.cfg.p_w_stall = 0.5;
    struct vnic_prng r;
    vnic_prng_seed_stream(&r, t->o->seed, 78);
    uint8_t buf[2048];
    unsigned nframes = t->o->quick ? 300 : 600;
    uint64_t at = e->sim.cycle + 2000;   /* vNIC 0's bucket fills to its depth */
    for (unsigned k = 0; k < nframes; k++) {
        unsigned v = (unsigned)vnic_prng_below(&r, 2);
        uint32_t len = 64 + (uint32_t)vnic_prng_below(&r, 65);
        tb_make_frame(buf, len, s.mac[v], vnic_prng_next(&r));
        send(e, &x, buf, len, 0, k == 0 ? at : 0);
        expect_add(&x, v, buf, len, 0);
        x.g[VNIC_GSTAT_RX_COPIES]++;
    }
    finish(t, &s, &x, 0);
    tb_sys_down(&s);
}

/* The policer (architecture §4.3) at its edge: vNIC 0 is policed at about
 * 1 byte a cycle with a bucket of one maximum frame and sent short frames
 * back to back at line rate, so most are dropped as POLICER and the bucket
 * crosses the frame length between decisions. The bucket is full at the
 * first frame, so a bucket that lost or gained a cycle of refill at the clamp
 * would accept a different set of frames. Which frames pass is the model's
 * decision (lockstep compares every one); the test checks that both
 * outcomes occur and that every frame is either delivered or counted. */
static void policer_edge(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.nvnic = 1;
    c.ring_log2 = 10;
    c.max_frame = 1518;
    if (up(t, &s, &c))
        return;
    struct vnic_qos_spec sp = s.spec[0];
    sp.flags |= VNIC_QOS_NO_DMA_CEIL;
    sp.ceil_bps = 1000000000ull;
    sp.pol_burst = 1536;
    if (update(t, &s, 0, &sp))
        return;
    struct vnic_prng r;
    vnic_prng_seed_stream(&r, t->o->seed, 79);
    uint8_t buf[2048];
    unsigned nframes = t->o->quick ? 400 : 800;
    for (unsigned k = 0; k < nframes; k++) {
        uint32_t len = 64 + (uint32_t)vnic_prng_below(&r, 65);
        tb_make_frame(buf, len, s.mac[0], vnic_prng_next(&r));
        tb_env_push_frame(e, buf, len, 0, 0);
    }
    TB_CHECK(t, tb_sys_drain(&s, 2000000) == 0, "did not drain in 2M cycles");
    struct vnic_vstats st;
    TB_CHECK(t, vnic_dev_vnic_stats(s.dev, 0, &st) == 0, "vNIC 0 statistics: %s", vnic_dev_error(s.dev));
    uint64_t pol = st.c[VNIC_VSTAT_DROP_POLICER], got = s.nrx[0];
    TB_CHECK(t, pol > 0 && got > 0, "%" PRIu64 " frames delivered, %" PRIu64 " policed: both must occur",
             got, pol);
    TB_CHECK(t, got + pol == nframes, "%" PRIu64 " delivered + %" PRIu64 " policed != %u sent", got, pol,
             nframes);
    printf("  policer_edge: %" PRIu64 " of %u frames delivered, %" PRIu64 " policed\n", got, nframes, pol);
    tb_sys_down(&s);
}

static const struct tb_case cases[] = {
    {"unicast_each", unicast_each, 1, NULL},
    {"bcast_mcast", bcast_mcast, 1, NULL},
    {"default_vnic", default_vnic, 1, NULL},
    {"bad_wire", bad_wire, 1, NULL},
    {"back_to_back", back_to_back, 1, NULL},
    {"sched_buckets", sched_buckets, 1, NULL},
    {"policer_edge", policer_edge, 1, NULL},
};

int main(int argc, char **argv)
{
    return tb_run_cases("tb_rx", cases, sizeof cases / sizeof cases[0], argc, argv);
}
