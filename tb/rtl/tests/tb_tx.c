/* tb_tx.c: the transmit path through the whole device (vnic_top) with the
 * driver on it and the model in lockstep.
 *
 * Each VF driver sends planned frames (vnic_vf_send); the test builds what a
 * correct NIC puts on the wire independently (tb_tx_wire_frame: zero
 * padding to 60 bytes, FCS = zlib crc32) and compares every vNIC's wire
 * frames byte for byte and in order, besides the harness's own per-vNIC
 * comparison with the model.
 * It checks every TX completion's status in ring order (DD, ERR_TXLEN,
 * ERR_SPOOF), the TX interrupts, the counters and the TX conservation law
 * (posted = TX_FRAMES + DROP_SPOOF + DROP_TXLEN + dropped by a fault), the
 * weight split and the shaper rate, and writes one pcap per vNIC that is
 * read back through libpcap.
 *
 * Cases: mix (weights, shaper, anti-spoof, padding, jumbo, ERR_TXLEN,
 * interrupts, pcap), reset (per-vNIC RESET under traffic, recovery), faults
 * (TX_DESC_ADDR, TX_BUF_ADDR, TX_AXI_ERR with the others carrying on, then
 * RESET back to service). */
#include "tb_test.h"

#include <sys/stat.h>

#include "vnic_hostmem.h"
#include "vnic_pcap.h"
#include "vnic_prng.h"
#include "vnic_regs.h"

#define TXV 8                   /* vNICs a case may use */
#define TX_RING_LOG2 6
#define TX_SH_MAX 1024
#define ST_OK (VNIC_DESC_ST_DD | VNIC_DESC_ST_EOP)

/* One planned frame of one vNIC. */
struct tx_plan {
    uint32_t len;               /* n, without FCS */
    uint16_t want;              /* expected completion status */
    uint8_t spoof;
};

struct tx_vnic {
    struct tx_plan *plan;
    size_t nplan, sent, cpl;    /* planned, posted, completions checked */
    /* wire frames expected, in order (DD frames) */
    uint8_t **exp;
    uint32_t *exp_len;
    size_t nexp, got;
    uint64_t ok_frames, ok_bytes, spoof, txlen, dropped;
    uint64_t raw;               /* descriptors the test posted itself */
    uint64_t first, last, wire_bytes;   /* cycles of the first/last frame, bytes */
    uint64_t irqs;
    uint32_t seq;               /* payload sequence number */
    int paused;                 /* do not post (fault/reset phases) */
    struct vnic_pcap_writer *pw;
};

struct tx_run {
    struct tb_t *t;
    struct tb_sys s;
    struct tx_vnic v[TXV];
    unsigned n;
    uint32_t max_frame;         /* G.MAX_FRAME (FCS included) */
    struct vnic_prng p;
    /* the shaped vNIC's frames: cycle and cumulative wire bytes */
    unsigned shaped, nsh;
    uint64_t sh_cycle[TX_SH_MAX], sh_bytes[TX_SH_MAX];
};

static void on_tx(void *ctx, unsigned v, const uint8_t *frame, uint32_t len, uint64_t cycle)
{
    struct tx_run *r = ctx;
    struct tb_t *t = r->t;
    if (v >= r->n) {
        TB_CHECK(t, 0, "TX frame from vNIC %u, which sends nothing", v);
        return;
    }
    struct tx_vnic *x = &r->v[v];
    if (x->pw)
        vnic_pcap_writer_put(x->pw, frame, len >= 4 ? len - 4 : len, cycle);
    if (x->got >= x->nexp) {
        TB_CHECK(t, 0, "vNIC %u: wire frame %zu (%u bytes) was never sent by its driver", v,
                 x->got, len);
        x->got++;
        return;
    }
    const uint8_t *e = x->exp[x->got];
    uint32_t el = x->exp_len[x->got];
    if (len != el || memcmp(frame, e, len) != 0) {
        uint32_t i = 0;
        while (i < len && i < el && frame[i] == e[i])
            i++;
        TB_CHECK(t, 0, "vNIC %u: wire frame %zu differs from a correct NIC's (%u bytes, "
                 "expected %u, first difference at byte %u)", v, x->got, len, el, i);
    }
    if (!x->wire_bytes)
        x->first = cycle;
    if (v == r->shaped && r->nsh < TX_SH_MAX) {
        r->sh_cycle[r->nsh] = cycle;
        r->sh_bytes[r->nsh++] = x->wire_bytes + len;
    }
    x->last = cycle;
    x->wire_bytes += len;
    free(x->exp[x->got]);
    x->exp[x->got] = NULL;
    x->got++;
}

static int exp_push(struct tx_vnic *x, const uint8_t *w, uint32_t len)
{
    if ((x->nexp & (x->nexp - 1)) == 0 || x->nexp == 0) {
        size_t nc = x->nexp ? x->nexp * 2 : 64;
        uint8_t **ne = realloc(x->exp, nc * sizeof *ne);
        if (!ne)
            return -1;
        x->exp = ne;
        uint32_t *nl = realloc(x->exp_len, nc * sizeof *nl);
        if (!nl)
            return -1;
        x->exp_len = nl;
    }
    x->exp[x->nexp] = malloc(len);
    if (!x->exp[x->nexp])
        return -1;
    memcpy(x->exp[x->nexp], w, len);
    x->exp_len[x->nexp++] = len;
    return 0;
}

static void plan_add(struct tx_vnic *x, uint32_t len, uint16_t want, int spoof)
{
    if (x->nplan % 256 == 0) {
        struct tx_plan *np = realloc(x->plan, (x->nplan + 256) * sizeof *np);
        if (!np)
            return;
        x->plan = np;
    }
    x->plan[x->nplan++] = (struct tx_plan){len, want, (uint8_t)spoof};
}

static void run_free(struct tx_run *r)
{
    for (unsigned v = 0; v < TXV; v++) {
        struct tx_vnic *x = &r->v[v];
        for (size_t i = 0; i < x->nexp; i++)
            free(x->exp[i]);
        free(x->exp);
        free(x->exp_len);
        free(x->plan);
        if (x->pw)
            vnic_pcap_writer_close(x->pw);
    }
    r->t->env->on_tx = NULL;
    tb_sys_down(&r->s);
}

/* Bring the device up with n vNICs, TX rings of 2^TX_RING_LOG2, buffers
 * for jumbo frames when max_frame > 1522. */
static int run_up(struct tx_run *r, struct tb_t *t, unsigned n, uint32_t max_frame)
{
    memset(r, 0, sizeof *r);
    r->t = t;
    r->n = n;
    r->shaped = TXV;
    vnic_prng_seed_stream(&r->p, t->o->seed, 40);
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.nvnic = n;
    c.ring_log2 = 4;
    c.tx_log2 = TX_RING_LOG2;
    c.max_frame = max_frame;
    c.tx_buf_size = max_frame > 1522 ? 9216 : 2048;
    r->max_frame = max_frame ? max_frame : 1522;
    char err[256];
    if (tb_sys_up(&r->s, t->env, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        return -1;
    }
    t->env->on_tx = on_tx;
    t->env->on_tx_ctx = r;
    return 0;
}

/* Post the planned frames of every vNIC as far as its ring allows; take the
 * completions first and check them in ring order. */
static void tx_service(struct tx_run *r)
{
    struct tb_t *t = r->t;
    uint8_t *buf = malloc(16384), *w = malloc(16384);
    if (!buf || !w) {
        free(buf);
        free(w);
        return;
    }
    for (unsigned v = 0; v < r->n; v++) {
        struct tx_vnic *x = &r->v[v];
        struct vnic_vf *vf = r->s.vf[v];
        struct vnic_tx_cpl cpl[64];
        int k = vnic_vf_tx_reclaim(vf, cpl, 64);
        TB_CHECK(t, k >= 0, "vNIC %u reclaim: %s", v, vnic_vf_error(vf));
        for (int i = 0; i < k; i++, x->cpl++) {
            if (x->cpl >= x->sent)
                break;
            const struct tx_plan *pl = &x->plan[x->cpl];
            TB_CHECK(t, cpl[i].status == pl->want && cpl[i].len == pl->len,
                     "vNIC %u: completion %zu status 0x%04x len %u, expected 0x%04x len %u", v,
                     x->cpl, cpl[i].status, cpl[i].len, pl->want, pl->len);
        }
        x->irqs += (vnic_vf_irq_take(vf) & VNIC_VF_IRQ_TX) ? 1 : 0;
        while (!x->paused && x->sent < x->nplan &&
               vnic_vf_tx_pending(vf) < (1u << TX_RING_LOG2) - 1) {
            const struct tx_plan *pl = &x->plan[x->sent];
            uint8_t sa[6];
            memcpy(sa, r->s.mac[v], 6);
            if (pl->spoof)
                sa[5] ^= 0x80;
            tb_make_tx_frame(buf, pl->len, sa, x->seq++, t->o->seed * 1000003u + v * 65537u + x->sent);
            int rc = vnic_vf_send(vf, buf, pl->len);
            if (rc != 1) {
                TB_CHECK(t, rc == 1, "vNIC %u send %zu: %d %s", v, x->sent, rc, vnic_vf_error(vf));
                break;
            }
            if (pl->want == ST_OK) {
                uint32_t wl = tb_tx_wire_frame(w, buf, pl->len);
                exp_push(x, w, wl);
                x->ok_frames++;
                x->ok_bytes += wl;
            } else if (pl->want & VNIC_DESC_ST_ERR_SPOOF) {
                x->spoof++;
            } else {
                x->txlen++;
            }
            x->sent++;
        }
    }
    free(buf);
    free(w);
}

static int all_done(const struct tx_run *r)
{
    for (unsigned v = 0; v < r->n; v++) {
        const struct tx_vnic *x = &r->v[v];
        if (!x->paused && (x->sent < x->nplan || x->cpl < x->sent))
            return 0;
    }
    return 1;
}

/* Run until every planned frame completed (or max cycles). */
static void tx_run_all(struct tx_run *r, uint64_t max)
{
    struct tb_env *e = r->t->env;
    uint64_t end = e->sim.cycle + max;
    while (!tb_sim_stopped(&e->sim) && e->sim.cycle < end) {
        tx_service(r);
        if (all_done(r))
            break;
        tb_env_run(e, 256);
    }
    TB_CHECK(r->t, all_done(r), "TX did not complete in %" PRIu64 " cycles", max);
    tb_env_run_idle(e, 600, 200000);
    tx_service(r);
}

/* Per vNIC: every expected frame on the wire, counters, TX conservation. */
static void tx_check_end(struct tx_run *r)
{
    struct tb_t *t = r->t;
    struct tb_env *e = t->env;
    uint64_t gf = 0, gb = 0;
    for (unsigned v = 0; v < r->n; v++) {
        struct tx_vnic *x = &r->v[v];
        TB_CHECK(t, x->got == x->nexp, "vNIC %u: %zu frames on the wire, %zu expected", v, x->got,
                 x->nexp);
        struct vnic_vstats st;
        vnic_dev_vnic_stats(r->s.dev, v, &st);
        uint64_t fr = st.c[VNIC_VSTAT_TX_FRAMES], by = st.c[VNIC_VSTAT_TX_BYTES],
                 sp = st.c[VNIC_VSTAT_DROP_SPOOF], tl = st.c[VNIC_VSTAT_DROP_TXLEN];
        TB_CHECK(t, fr == x->ok_frames && by == x->ok_bytes,
                 "vNIC %u: STAT.TX_FRAMES/TX_BYTES %" PRIu64 "/%" PRIu64 ", expected %" PRIu64
                 "/%" PRIu64, v, fr, by, x->ok_frames, x->ok_bytes);
        TB_CHECK(t, sp == x->spoof && tl == x->txlen,
                 "vNIC %u: DROP_SPOOF/DROP_TXLEN %" PRIu64 "/%" PRIu64 ", expected %" PRIu64
                 "/%" PRIu64, v, sp, tl, x->spoof, x->txlen);
        TB_CHECK(t, x->sent + x->raw == fr + sp + tl + x->dropped,
                 "vNIC %u: TX law: posted %zu != TX_FRAMES %" PRIu64 " + SPOOF %" PRIu64
                 " + TXLEN %" PRIu64 " + dropped %" PRIu64, v, x->sent + (size_t)x->raw, fr, sp,
                 tl, x->dropped);
        TB_CHECK(t, fr == e->mon.n.tx_sent[v] && e->mon.n.tx_queued[v] >= fr,
                 "vNIC %u: TX_FRAMES %" PRIu64 " vs trace TX_SENT %" PRIu64 " / TX_QUEUED %"
                 PRIu64, v, fr, e->mon.n.tx_sent[v], e->mon.n.tx_queued[v]);
        gf += fr;
        gb += by;
    }
    struct vnic_gstats g;
    vnic_dev_global_stats(r->s.dev, &g);
    TB_CHECK(t, g.c[VNIC_GSTAT_TX_FRAMES] == gf && g.c[VNIC_GSTAT_TX_BYTES] == gb,
             "GSTAT.TX_FRAMES/TX_BYTES %" PRIu64 "/%" PRIu64 " != sum over vNICs %" PRIu64
             "/%" PRIu64, g.c[VNIC_GSTAT_TX_FRAMES], g.c[VNIC_GSTAT_TX_BYTES], gf, gb);
}

/* ------------------------------------------------------------ mix */

static void mix_cfg(struct tb_env_cfg *c, const struct tb_opts *o)
{
    (void)o;
    c->mem.p_aw_stall = 0.1;
    c->mem.p_b_gap = 0.1;
    c->p_irq_stall = 0.2;
    /* a MAC slower than the host reads: backlogs build, weights show */
    c->p_tx_stall = 0.3;
}

/* Six vNICs send at once: 0 and 1 fixed 1000-byte frames with weights 1
 * and 3; 2 shaped to 1 Gb/s; 3 jumbo frames; 4 anti-spoof with spoofed
 * frames among its own; 5 short frames (padding) and spoofed source MACs
 * without anti-spoof. Every vNIC posts some ERR_TXLEN lengths (0..13 and
 * above G.MAX_FRAME - 4). Every wire frame is also written to
 * build/tb/tx/vnic<v>.pcap and read back through libpcap. */
static void mix(struct tb_t *t)
{
    struct tb_env *e = t->env;
    if (e->num_vnic < 6 || e->sim.par->tx_buf_bytes < 6 * 9024) {
        t->skip = 1;
        return;
    }
    struct tx_run r;
    if (run_up(&r, t, 6, 9022)) {
        run_free(&r);
        return;
    }
    unsigned quick = t->o->quick;
    unsigned nf = quick ? 60 : 160;
    uint64_t clk = TB_CLK_HZ;
    for (unsigned v = 0; v < r.n; v++) {
        struct vnic_qos_spec sp;
        vnic_dev_get_spec(r.s.dev, v, &sp);
        sp.tx_weight = v == 1 ? 3 : v == 0 ? 1 : 2;
        if (v == 2) {
            sp.tx_rate_bps = 1000000000ull;
            sp.tx_burst = 9024;
            r.shaped = 2;
        }
        if (v == 4)
            sp.flags |= VNIC_QOS_ANTISPOOF;
        TB_CHECK(t, vnic_dev_update(r.s.dev, v, &sp) == 0, "update vNIC %u: %s", v,
                 vnic_dev_error(r.s.dev));
        vnic_vf_irq_enable(r.s.vf[v], VNIC_VF_IRQ_TX);
        vnic_vf_set_itr(r.s.vf[v], 1, 4, 2000);
        struct tx_vnic *x = &r.v[v];
        for (unsigned i = 0; i < (v == 2 ? 2 * nf : nf); i++) {
            uint32_t len;
            if (v <= 1) {
                len = 1000;
            } else if (v == 3) {
                len = 1515 + (uint32_t)vnic_prng_below(&r.p, 9018 - 1515 + 1);
                if (i % 5 == 0)
                    len = 9018;
            } else if (v == 5) {
                len = 14 + (uint32_t)vnic_prng_below(&r.p, 60 - 14 + 1);
            } else {
                len = 14 + (uint32_t)vnic_prng_below(&r.p, 1514 - 14 + 1);
            }
            int spoof = (v == 4 || v == 5) && vnic_prng_below(&r.p, 5) == 0;
            uint16_t want = ST_OK;
            if (spoof && v == 4)
                want |= VNIC_DESC_ST_ERR_SPOOF;
            if (v >= 2 && vnic_prng_below(&r.p, 40) == 0) {
                len = vnic_prng_below(&r.p, 2) ? (uint32_t)vnic_prng_below(&r.p, 14)
                                               : r.max_frame - 3 + (uint32_t)vnic_prng_below(&r.p, 100);
                want = ST_OK | VNIC_DESC_ST_ERR_TXLEN;
                spoof = 0;
            }
            plan_add(x, len, want, spoof);
        }
        /* the boundaries: 13 and 14, 59/60/61, MAX_FRAME-4 and one above */
        if (v == 3) {
            plan_add(x, r.max_frame - 4, ST_OK, 0);
            plan_add(x, r.max_frame - 3, ST_OK | VNIC_DESC_ST_ERR_TXLEN, 0);
        }
        if (v == 5) {
            static const uint32_t edge[] = {13, 14, 59, 60, 61, 0};
            for (unsigned i = 0; i < sizeof edge / sizeof edge[0]; i++)
                plan_add(x, edge[i], edge[i] < 14 ? ST_OK | VNIC_DESC_ST_ERR_TXLEN
                                                  : ST_OK, 0);
        }
        char path[256], err[256];
        snprintf(path, sizeof path, "build/tb/tx/vnic%u.pcap", v);
        mkdir("build", 0777);
        mkdir("build/tb", 0777);
        mkdir("build/tb/tx", 0777);
        if (vnic_pcap_writer_open(path, &x->pw, err, sizeof err))
            TB_CHECK(t, 0, "pcap: %s", err);
    }
    /* weights: count 0's and 1's frames while both are still backlogged */
    uint64_t end = e->sim.cycle + 20000000;
    uint64_t w0 = 0, w1 = 0;
    int weights_done = 0;
    while (!tb_sim_stopped(&e->sim) && e->sim.cycle < end) {
        tx_service(&r);
        /* the window from vNIC 1's 10th frame to its last */
        if (!w1 && r.v[1].got >= 10) {
            w0 = r.v[0].got;
            w1 = r.v[1].got;
        }
        if (!weights_done && w1 && (r.v[0].got == r.v[0].nplan || r.v[1].got == r.v[1].nplan)) {
            w0 = r.v[0].got - w0;
            w1 = r.v[1].got - w1;
            weights_done = 1;
        }
        if (all_done(&r))
            break;
        tb_env_run(e, 256);
    }
    TB_CHECK(t, all_done(&r), "TX did not complete");
    tb_env_run_idle(e, 600, 200000);
    tx_service(&r);
    tx_check_end(&r);
    double ratio = w0 ? (double)w1 / (double)w0 : 0;
    printf("  weights 1:3 -> vNIC 0 %" PRIu64 " frames, vNIC 1 %" PRIu64 " frames (%.3f)\n", w0, w1,
           ratio);
    TB_CHECK(t, ratio > 2.7 && ratio < 3.3, "weight split %.3f, expected 3 (+-10 %%)", ratio);
    /* shaper: (bytes - burst) / time against the rate; wire bytes with FCS,
     * the shaper charges max(n,60)+4 per frame */
    /* shaper: vNIC 2 has twice the others' frames; over its last third
     * (the others done, its 9024-byte bucket long empty), the bytes it sent
     * per cycle against its rate */
    if (r.nsh >= 8) {
        unsigned a = r.nsh - r.nsh / 3, b = r.nsh - 1;
        double rate = (double)(r.sh_bytes[b] - r.sh_bytes[a]) /
                      (double)(r.sh_cycle[b] - r.sh_cycle[a]);
        double want = 1e9 / 8.0 / (double)clk, tol = quick ? 0.05 : 0.03;
        printf("  shaper vNIC 2: %.4f bytes/cycle over frames %u..%u, configured %.4f (%.2f %%)\n",
               rate, a, b, want, 100.0 * rate / want);
        TB_CHECK(t, rate > (1 - tol) * want && rate < (1 + tol) * want,
                 "shaped rate %.4f B/cycle, configured %.4f", rate, want);
    } else {
        TB_CHECK(t, 0, "vNIC 2 sent %u frames", r.nsh);
    }
    for (unsigned v = 0; v < r.n; v++)
        TB_CHECK(t, r.v[v].irqs > 0, "vNIC %u: no TX interrupt", v);
    /* pcap: close, read back through libpcap, compare with the wire */
    for (unsigned v = 0; v < r.n; v++) {
        struct tx_vnic *x = &r.v[v];
        if (!x->pw)
            continue;
        TB_CHECK(t, vnic_pcap_writer_count(x->pw) == x->got, "vNIC %u: pcap holds %" PRIu64
                 " frames, %zu sent", v, vnic_pcap_writer_count(x->pw), x->got);
        TB_CHECK(t, vnic_pcap_writer_close(x->pw) == 0, "vNIC %u: pcap not written", v);
        x->pw = NULL;
        struct vnic_pcap_trace tr;
        vnic_pcap_trace_init(&tr);
        char path[256], err[256];
        snprintf(path, sizeof path, "build/tb/tx/vnic%u.pcap", v);
        if (vnic_pcap_load(&tr, path, err, sizeof err)) {
            TB_CHECK(t, 0, "libpcap cannot read %s: %s", path, err);
        } else {
            TB_CHECK(t, tr.n == x->got, "%s: %zu frames read back, %zu sent", path, tr.n, x->got);
            /* the frames of the plan that went out, without FCS */
            size_t k = 0;
            uint8_t *buf = malloc(16384), *w = malloc(16384);
            uint32_t seq = 0;
            for (size_t i = 0; buf && w && i < x->nplan && k < tr.n; i++) {
                const struct tx_plan *pl = &x->plan[i];
                uint8_t sa[6];
                memcpy(sa, r.s.mac[v], 6);
                if (pl->spoof)
                    sa[5] ^= 0x80;
                tb_make_tx_frame(buf, pl->len, sa, seq++, t->o->seed * 1000003u + v * 65537u + i);
                if (pl->want != ST_OK)
                    continue;
                uint32_t wl = tb_tx_wire_frame(w, buf, pl->len) - 4;
                if (tr.pkt[k].caplen != wl || memcmp(tr.pkt[k].data, w, wl) != 0) {
                    TB_CHECK(t, 0, "%s: frame %zu read back differs (%u bytes, expected %u)", path,
                             k, tr.pkt[k].caplen, wl);
                    break;
                }
                k++;
            }
            free(buf);
            free(w);
            TB_CHECK(t, k == tr.n, "%s: %zu of %zu frames match", path, k, tr.n);
        }
        vnic_pcap_trace_free(&tr);
    }
    uint64_t tot = 0, frames = 0;
    for (unsigned v = 0; v < r.n; v++) {
        tot += r.v[v].nplan;
        frames += r.v[v].got;
    }
    printf("  mix: %" PRIu64 " descriptors, %" PRIu64 " frames on the wire, %" PRIu64
           " matched with the model, pcaps in build/tb/tx/\n", tot, frames, e->tx_matched);
    run_free(&r);
}

/* ------------------------------------------------------------ reset */

/* Forget the expected frames that will never leave (after a RESET or a
 * fault): they count as dropped in the TX law. */
static void exp_truncate(struct tx_vnic *x)
{
    for (size_t i = x->got; i < x->nexp; i++) {
        free(x->exp[i]);
        x->exp[i] = NULL;
    }
    x->dropped += x->nexp - x->got;
    x->nexp = x->got;
    x->ok_frames = x->got;
    x->ok_bytes = x->wire_bytes;
}

/* Run n cycles, serving the VF drivers every 256. */
static void run_serviced(struct tx_run *r, uint64_t n)
{
    struct tb_env *e = r->t->env;
    uint64_t end = e->sim.cycle + n;
    while (!tb_sim_stopped(&e->sim) && e->sim.cycle < end) {
        tx_service(r);
        tb_env_run(e, 256);
    }
}

/* PF RESET of vNIC v, its driver restarted, its plan resumed. */
static void reset_vnic(struct tx_run *r, unsigned v)
{
    struct tb_t *t = r->t;
    struct tx_vnic *x = &r->v[v];
    x->paused = 1;
    TB_CHECK(t, vnic_dev_reset(r->s.dev, v) == 0, "RESET vNIC %u: %s", v,
             vnic_dev_error(r->s.dev));
    struct vnic_status st;
    vnic_dev_vnic_status(r->s.dev, v, &st);
    TB_CHECK(t, !st.halted && st.reason == 0, "vNIC %u after RESET: halted %d reason %u", v,
             st.halted, st.reason);
    TB_CHECK(t, !(vnic_dev_fault_vec(r->s.dev) & (1u << v)), "FAULT_VEC[%u] set after RESET", v);
    TB_CHECK(t, vnic_vf_tx_head(r->s.vf[v]) == 0, "vNIC %u TXR.HEAD %u after RESET", v,
             vnic_vf_tx_head(r->s.vf[v]));
    run_serviced(r, 1500);      /* a frame granted before the RESET finishes */
    exp_truncate(x);
    TB_CHECK(t, vnic_vf_restart(r->s.vf[v]) == 0, "restart VF %u: %s", v,
             vnic_vf_error(r->s.vf[v]));
    x->cpl = x->sent;
    x->paused = 0;
    /* recovery traffic: 40 frames more than the plan had left */
    for (unsigned i = 0; i < 40; i++)
        plan_add(x, 60 + (uint32_t)vnic_prng_below(&r->p, 1514 - 60 + 1), ST_OK, 0);
}

static void reset_under_traffic(struct tb_t *t)
{
    struct tb_env *e = t->env;
    if (e->num_vnic < 4) {
        t->skip = 1;
        return;
    }
    struct tx_run r;
    if (run_up(&r, t, 4, 0)) {
        run_free(&r);
        return;
    }
    unsigned nf = t->o->quick ? 120 : 240;
    for (unsigned v = 0; v < r.n; v++)
        for (unsigned i = 0; i < nf; i++)
            plan_add(&r.v[v], 60 + (uint32_t)vnic_prng_below(&r.p, 1514 - 60 + 1),
                     ST_OK, 0);
    /* RESET vNIC 1 twice while every vNIC sends, the second time with its
     * partition full */
    for (int k = 0; k < 2; k++) {
        run_serviced(&r, k ? 3000 : 12000);
        size_t before = r.v[1].got;
        reset_vnic(&r, 1);
        printf("  RESET %d of vNIC 1 at cycle %" PRIu64 ": %zu frames sent before, %" PRIu64
               " dropped so far\n", k + 1, e->sim.cycle, before, r.v[1].dropped);
    }
    size_t after = r.v[1].got;
    tx_run_all(&r, 20000000);
    tx_check_end(&r);
    TB_CHECK(t, r.v[1].got > after, "vNIC 1 sent nothing after its RESET");
    for (unsigned v = 0; v < r.n; v++)
        TB_CHECK(t, v == 1 || r.v[v].dropped == 0, "vNIC %u lost %" PRIu64 " frames", v,
                 r.v[v].dropped);
    printf("  vNIC 1: %zu frames after the RESETs; others %zu/%zu/%zu frames, none lost\n",
           r.v[1].got - after, r.v[0].got, r.v[2].got, r.v[3].got);
    run_free(&r);
}

/* ------------------------------------------------------------ faults */

/* Post one descriptor of the test's choosing at the driver's tail. */
static void post_raw(struct tx_run *r, unsigned v, uint64_t gaddr, uint16_t len)
{
    unsigned mask = (1u << TX_RING_LOG2) - 1, tail = (unsigned)r->v[v].sent & mask;
    TB_CHECK(r->t, tb_sys_write_tx_desc(&r->s, v, tail, gaddr, len) == 0,
             "vNIC %u: TX ring slot %u outside its VM's memory", v, tail);
    vnic_vf_reg_write(r->s.vf[v], VNIC_VF_TXR_TAIL, (tail + 1) & mask);
}

static void wait_idle_vnic(struct tx_run *r, unsigned v)
{
    struct tb_env *e = r->t->env;
    r->v[v].paused = 1;
    for (int i = 0; i < 400 && !tb_sim_stopped(&e->sim) &&
                    (r->v[v].cpl < r->v[v].sent || r->v[v].got < r->v[v].nexp); i++)
        run_serviced(r, 256);
}

static void faults_cfg(struct tb_env_cfg *c, const struct tb_opts *o)
{
    (void)o;
    c->p_irq_stall = 0.2;
}

/* vNIC 1: a buffer outside its windows (TX_BUF_ADDR); vNIC 2: its ring
 * moved outside its windows (TX_DESC_ADDR); vNIC 3: SLVERR on reads of its
 * memory (TX_AXI_ERR). vNICs 0, 4, 5 send throughout and lose nothing; the
 * PF sees each fault; RESET brings 1..3 back to full service. */
static void faults(struct tb_t *t)
{
    struct tb_env *e = t->env;
    if (e->num_vnic < 6) {
        t->skip = 1;
        return;
    }
    struct tx_run r;
    if (run_up(&r, t, 6, 0)) {
        run_free(&r);
        return;
    }
    vnic_dev_irq_enable(r.s.dev, VNIC_PF_IRQ_FAULT);
    unsigned nf = t->o->quick ? 120 : 200;
    for (unsigned v = 0; v < r.n; v++)
        for (unsigned i = 0; i < nf; i++)
            plan_add(&r.v[v], 60 + (uint32_t)vnic_prng_below(&r.p, 1514 - 60 + 1),
                     ST_OK, 0);
    run_serviced(&r, 8000);
    const uint64_t bad = 0x7000000000ull;
    /* vNIC 1: TX_BUF_ADDR */
    wait_idle_vnic(&r, 1);
    post_raw(&r, 1, bad + 0x40, 200);
    r.v[1].raw++;
    r.v[1].dropped++;
    /* vNIC 2: TX_DESC_ADDR (a ring that was posted to moves only after a
     * RESET: its BASE and SIZE are locked until then) */
    wait_idle_vnic(&r, 2);
    TB_CHECK(t, vnic_dev_reset(r.s.dev, 2) == 0, "RESET vNIC 2: %s", vnic_dev_error(r.s.dev));
    unsigned tail2 = 0;
    vnic_vf_reg_write(r.s.vf[2], VNIC_VF_TXR_BASE_LO, (uint32_t)bad);
    vnic_vf_reg_write(r.s.vf[2], VNIC_VF_TXR_BASE_HI, (uint32_t)(bad >> 32));
    vnic_vf_reg_write(r.s.vf[2], VNIC_VF_TXR_SIZE, TX_RING_LOG2);
    vnic_vf_reg_write(r.s.vf[2], VNIC_VF_TXR_TAIL, tail2 + 1);
    r.v[2].raw++;
    r.v[2].dropped++;
    /* vNIC 3: TX_AXI_ERR on the next frame's data */
    wait_idle_vnic(&r, 3);
    struct vnic_vm *vm3 = &r.s.vm[3];
    unsigned nerr0 = e->mem.nerr;
    tb_axi_mem_add_error(&e->mem, vm3->region[0].hbase, vm3->region[0].size, 2, 1);
    r.v[3].paused = 0;
    size_t sent3 = r.v[3].sent;
    if (sent3 >= r.v[3].nplan)
        plan_add(&r.v[3], 300, ST_OK, 0);
    /* let vNIC 3 post exactly one frame */
    {
        size_t keep = r.v[3].nplan;
        r.v[3].nplan = sent3 + 1;
        run_serviced(&r, 4000);
        r.v[3].nplan = keep;
        r.v[3].paused = 1;
    }
    run_serviced(&r, 4000);
    static const unsigned want[4] = {0, VNIC_FAULT_REASON_TX_BUF_ADDR,
                                     VNIC_FAULT_REASON_TX_DESC_ADDR, VNIC_FAULT_REASON_TX_AXI_ERR};
    const uint64_t want_addr[3] = {bad + 0x40, bad + 16u * tail2, 0};
    for (unsigned v = 1; v < 4; v++) {
        struct vnic_status st;
        vnic_dev_vnic_status(r.s.dev, v, &st);
        TB_CHECK(t, st.halted && st.reason == want[v], "vNIC %u: halted %d reason %u, expected "
                 "reason %u", v, st.halted, st.reason, want[v]);
        if (v < 3)
            TB_CHECK(t, st.fault_addr == want_addr[v - 1], "vNIC %u: FAULT_ADDR 0x%" PRIx64
                     ", expected 0x%" PRIx64, v, st.fault_addr, want_addr[v - 1]);
        else
            TB_CHECK(t, st.fault_addr >= TB_GUEST_BASE &&
                            st.fault_addr < TB_GUEST_BASE + vm3->region[0].size,
                     "vNIC 3: FAULT_ADDR 0x%" PRIx64 " outside its memory", st.fault_addr);
        printf("  vNIC %u: halted, reason %u, FAULT_ADDR 0x%" PRIx64 "\n", v, st.reason,
               st.fault_addr);
    }
    uint32_t fv = vnic_dev_fault_vec(r.s.dev);
    TB_CHECK(t, (fv & 0x3f) == 0x0e, "FAULT_VEC 0x%x, expected vNICs 1..3", fv);
    TB_CHECK(t, e->irq.count[0] > 0, "no PF interrupt for the faults");
    vnic_dev_irq_ack(r.s.dev);
    for (unsigned v = 0; v < r.n; v++) {
        if (v >= 1 && v <= 3)
            continue;
        struct vnic_status st;
        vnic_dev_vnic_status(r.s.dev, v, &st);
        TB_CHECK(t, !st.halted, "vNIC %u halted (reason %u) by another vNIC's fault", v, st.reason);
    }
    /* recovery */
    e->mem.nerr = nerr0;
    for (unsigned v = 1; v < 4; v++)
        reset_vnic(&r, v);
    size_t after[4];
    for (unsigned v = 1; v < 4; v++)
        after[v] = r.v[v].got;
    tx_run_all(&r, 20000000);
    tx_check_end(&r);
    for (unsigned v = 1; v < 4; v++)
        TB_CHECK(t, r.v[v].got > after[v] && r.v[v].got == r.v[v].nexp,
                 "vNIC %u after RESET: %zu frames sent, %zu expected", v, r.v[v].got - after[v],
                 r.v[v].nexp - after[v]);
    for (unsigned v = 0; v < r.n; v++)
        TB_CHECK(t, (v >= 1 && v <= 3) || r.v[v].dropped == 0, "vNIC %u lost %" PRIu64 " frames",
                 v, r.v[v].dropped);
    run_free(&r);
}

static const struct tb_case cases[] = {
    {"mix", mix, 1, mix_cfg},
    {"reset_under_traffic", reset_under_traffic, 1, NULL},
    {"faults", faults, 1, faults_cfg},
};

int main(int argc, char **argv)
{
    return tb_run_cases("tb_tx", cases, sizeof cases / sizeof cases[0], argc, argv);
}
