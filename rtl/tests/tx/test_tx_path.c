/* test_tx_path.c: directed tests of the TX path (vnic_tx_path: vnic_tx_dma,
 * vnic_tx_buf, vnic_tx_sched, vnic_tx_out) against a C host: TX rings and
 * buffers in host memory behind an AXI4 slave model, the register-block
 * behaviour the path relies on (halted after a fault, RESET), and an
 * AXI4-Stream sink on m_axis_tx.
 *
 * The memory model has a random latency (several reads outstanding),
 * random ready/valid gaps, SLVERR/DECERR regions, poisoned regions (a
 * read there is an error of the test: e.g. the buffer of an ERR_TXLEN
 * descriptor) and a window checker: every AXI transaction must lie inside
 * the host side of a window, so an illegal access fails the test even if
 * the fault is also reported.
 *
 * Checks: frames on the wire per vNIC, in ring order, byte-exact (padding,
 * zlib FCS); every completion's bytes 8..15; TXR.HEAD; TX_USED back to 0;
 * TX_FRAMES/TX_BYTES/DROP_SPOOF/DROP_TXLEN increments; TX_QUEUED and
 * TX_SENT trace counts; faults (reason, guest address) with nothing of the
 * faulted vNIC after it and every other vNIC unaffected; RESET restarts a
 * faulted vNIC. Usage: test_tx_path [seed]. Ends with "N passed, N failed".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tx_path_io.h"

#define NV    TXP_NV
#define NW    TXP_NW
#define W     (TXP_DW / 8)
#define HOSTB 0x100000000ull           /* host memory base */
#define HMEM  (8u << 20)               /* host memory bytes */
#define G0    0x40000000ull            /* guest base of window 0 (every vNIC) */
#define G0SZ  (1u << 20)
#define G1    0x0000800000000000ull    /* guest base of window 1 */
#define G1SZ  (64u << 10)
#define PART  (TXP_BUF / NV)
#define MAXF  1522u                    /* G.MAX_FRAME */

#define DESC_DD       1u
#define DESC_EOP      2u
#define DESC_SPOOF    32u
#define DESC_TXLEN    64u

enum { RG_ALLOW, RG_POISON, RG_SLVERR, RG_DECERR, RG_WERR };
enum { OC_OK, OC_TXLEN, OC_SPOOF, OC_FAULT };

struct region {
    uint64_t lo, hi;
    int kind;
    unsigned vnic;      /* RG_ALLOW: the vNIC whose window this is */
};

struct rdq {
    uint64_t addr, at;
    unsigned beats, beat;
};

struct wrq {
    uint64_t addr;
    unsigned beats, beat;
    unsigned user;      /* requester (m_axi_awuser) */
};

struct bq {
    uint64_t at;
    unsigned resp;
};

struct wframe {
    uint8_t *b;
    unsigned len;
};

struct posted {
    unsigned idx, n, outcome;
    uint64_t buf;
};

struct vstate {
    unsigned ring_log2, tail, head_seen, npost, ncpl;
    uint64_t ring_g;
    uint64_t buf_next, buf1_next;
    struct posted p[4096];
    unsigned ph, pn;                   /* posted, not completed */
    struct wframe exp[4096];           /* expected on the wire */
    unsigned eh, en;
    unsigned sent, txlen, spoof, stat_frames, stat_spoof, stat_txlen;
    uint64_t stat_bytes, exp_bytes;
    int halted, faulted;
    unsigned fault_reason;
    uint64_t fault_addr;
    unsigned want_reason;
    uint64_t want_addr;
    uint64_t mac;
};

struct env {
    struct dut *d;
    struct dut_pins p;
    uint64_t cyc, rng;
    uint8_t *hm;
    struct region rg[512];
    unsigned nrg;
    struct rdq rq[512];
    unsigned rqh, rqn;
    int rv;                            /* an R beat is presented */
    struct wrq wq[512];
    unsigned wqh, wqn;
    struct bq bqq[512];
    unsigned bqh, bqn;
    int bv;
    unsigned lat_min, lat_max, p_ready, p_valid, p_tready;
    int mac_pace;                      /* tready paced at W bytes/cycle with a 20-byte gap per frame */
    uint64_t mac_t;                    /* byte time the MAC is busy until */
    uint64_t first_beat, last_beat, wire_bytes;
    int aligned;                       /* buffers word-aligned */
    unsigned meas_frames;              /* stop measuring when a vNIC has sent this many */
    int meas_done;
    struct vstate v[NV];
    uint8_t wire[16500];
    unsigned wlen;
    struct wframe done[64];
    unsigned dh, dn;
    unsigned queued_ev, sent_ev, gstat_frames;
    uint64_t tlast_cyc;                /* cycle of the last frame's last beat */
    uint64_t gstat_bytes;
    unsigned errors;
    char first_err[300];
};

static unsigned g_pass, g_fail;

/* ------------------------------------------------------------ helpers */

static uint64_t rnd(struct env *e)
{
    e->rng ^= e->rng << 13;
    e->rng ^= e->rng >> 7;
    e->rng ^= e->rng << 17;
    return e->rng;
}

static unsigned rb(struct env *e, unsigned n) { return (unsigned)(rnd(e) % n); }

static void err(struct env *e, const char *fmt, unsigned long long a, unsigned long long b)
{
    if (!e->errors) {
        char m[220];
        snprintf(m, sizeof(m), fmt, a, b);
        snprintf(e->first_err, sizeof(e->first_err), "%s (cycle %" PRIu64 ")", m, e->cyc);
    }
    e->errors++;
}

static uint64_t win_hbase(unsigned v, unsigned w)
{
    return w == 0 ? HOSTB + (uint64_t)v * G0SZ : HOSTB + (6u << 20) + (uint64_t)v * G1SZ;
}

/* Guest to host for the test's own accesses (descriptors, buffers). */
static uint8_t *gptr(struct env *e, unsigned v, uint64_t g, unsigned n)
{
    uint64_t h;
    if (g >= G0 && g + n <= G0 + G0SZ)
        h = win_hbase(v, 0) + (g - G0);
    else if (g >= G1 && g + n <= G1 + G1SZ)
        h = win_hbase(v, 1) + (g - G1);
    else
        return NULL;
    return e->hm + (h - HOSTB);
}

static void add_region(struct env *e, uint64_t lo, uint64_t hi, int kind)
{
    if (e->nrg == sizeof(e->rg) / sizeof(e->rg[0])) {
        fprintf(stderr, "test_tx_path: too many memory regions\n");
        exit(2);
    }
    e->rg[e->nrg++] = (struct region){lo, hi, kind, 0};
}

static int in_kind(struct env *e, uint64_t lo, uint64_t hi, int kind)
{
    for (unsigned i = 0; i < e->nrg; i++)
        if (e->rg[i].kind == kind && lo < e->rg[i].hi && e->rg[i].lo < hi)
            return 1;
    return 0;
}

static int allowed(struct env *e, uint64_t lo, uint64_t hi)
{
    for (unsigned i = 0; i < e->nrg; i++)
        if (e->rg[i].kind == RG_ALLOW && lo >= e->rg[i].lo && hi <= e->rg[i].hi)
            return 1;
    return 0;
}

/* Inside a window of the requesting vNIC (the AXI user bits). */
static int allowed_for(struct env *e, unsigned v, uint64_t lo, uint64_t hi)
{
    for (unsigned i = 0; i < e->nrg; i++)
        if (e->rg[i].kind == RG_ALLOW && e->rg[i].vnic == v && lo >= e->rg[i].lo && hi <= e->rg[i].hi)
            return 1;
    return 0;
}

/* ------------------------------------------------------------ configuration pins */

static void set_flags(struct env *e, unsigned v, unsigned enable, unsigned antispoof, unsigned shp)
{
    txg_set(e->p.cfg_flags, v * 7, 7, enable | (antispoof << 3) | (shp << 6));
}

static void env_init(struct env *e, uint64_t seed)
{
    memset(e, 0, sizeof(*e));
    e->rng = seed ? seed : 1;
    e->hm = calloc(1, HMEM);
    e->d = dut_new();
    if (!e->hm || !e->d) {
        fprintf(stderr, "test_tx_path: out of memory\n");
        exit(2);
    }
    for (unsigned i = 0; i < HMEM; i++)
        e->hm[i] = (uint8_t)rnd(e);
    e->lat_min = 20;
    e->lat_max = 200;
    e->p_ready = 80;
    e->p_valid = 85;
    e->p_tready = 80;
    struct dut_pins *p = &e->p;
    p->g_tx_en = 1;
    p->g_max_frame = MAXF;
    p->tx_fault_ready = 1;
    for (unsigned v = 0; v < NV; v++) {
        struct vstate *s = &e->v[v];
        set_flags(e, v, 1, 0, 0);
        s->mac = 0x020000000000ull | ((uint64_t)v << 8) | 0x11;
        txg_set(p->cfg_mac, v * 48, 48, s->mac);
        txg_set(p->cfg_tx_base, v * 32, 32, (uint64_t)v * PART);
        txg_set(p->cfg_tx_size, v * 32, 32, PART);
        txg_set(p->cfg_tx_weight, v * 8, 8, 1 + v);
        if (NW > 1) {
            add_region(e, win_hbase(v, 1), win_hbase(v, 1) + G1SZ, RG_ALLOW);
            e->rg[e->nrg - 1].vnic = v;
        }
        add_region(e, win_hbase(v, 0), win_hbase(v, 0) + G0SZ, RG_ALLOW);
        e->rg[e->nrg - 1].vnic = v;
        s->ring_log2 = 6;
        s->ring_g = G0;
        s->buf_next = G0 + 0x1000;
        txg_set(p->txr_base, v * 64, 64, s->ring_g);
        txg_set(p->txr_size, v * 4, 4, s->ring_log2);
    }
    p->rst = 1;
    for (int i = 0; i < 4; i++) {
        dut_eval(e->d, p);
        dut_tick(e->d);
    }
    p->rst = 0;
    /* the windows, as the register block's COMMIT writes them: one vNIC a
     * cycle (window 0, and window 1 when there are two or more) */
    for (unsigned v = 0; v < NV; v++) {
        p->win_we = 1;
        p->win_wv = v;
        txg_set(p->win_wgbase, 0, 64, G0);
        txg_set(p->win_whbase, 0, 64, win_hbase(v, 0));
        txg_set(p->win_wsize, 0, 32, G0SZ);
        if (NW > 1) {
            txg_set(p->win_wgbase, 64, 64, G1);
            txg_set(p->win_whbase, 64, 64, win_hbase(v, 1));
            txg_set(p->win_wsize, 32, 32, G1SZ);
        }
        dut_eval(e->d, p);
        dut_tick(e->d);
    }
    p->win_we = 0;
}

static void env_free(struct env *e)
{
    for (unsigned v = 0; v < NV; v++)
        for (unsigned i = 0; i < e->v[v].en; i++)
            free(e->v[v].exp[(e->v[v].eh + i) % 4096].b);
    for (unsigned i = 0; i < e->dn; i++)
        free(e->done[(e->dh + i) % 64].b);
    dut_free(e->d);
    free(e->hm);
}

/* ------------------------------------------------------------ driver */

static unsigned ring_n(const struct vstate *s) { return 1u << s->ring_log2; }

static int ring_room(const struct vstate *s)
{
    return ((s->tail + 1) & (ring_n(s) - 1)) != s->head_seen;
}

/* A buffer guest address for n bytes at a random alignment. */
static uint64_t alloc_buf(struct env *e, unsigned v, unsigned n)
{
    struct vstate *s = &e->v[v];
    uint64_t g = s->buf_next + (e->aligned ? 0 : rb(e, 64));
    if (g + n > G0 + G0SZ - 0x2000) {
        s->buf_next = G0 + 0x1000;
        g = s->buf_next + (e->aligned ? 0 : rb(e, 64));
    }
    s->buf_next = (g + n + 63) & ~63ull;
    return g;
}

static void push_expect(struct env *e, unsigned v, const uint8_t *f, unsigned n)
{
    struct vstate *s = &e->v[v];
    unsigned P = n > 60 ? n : 60;
    struct wframe *w = &s->exp[(s->eh + s->en++) % 4096];
    w->len = P + 4;
    w->b = calloc(1, P + 4);
    if (!w->b) {
        fprintf(stderr, "test_tx_path: out of memory\n");
        exit(2);
    }
    memcpy(w->b, f, n);
    uint32_t c = (uint32_t)crc32(0L, w->b, P);
    for (int i = 0; i < 4; i++)
        w->b[P + i] = (uint8_t)(c >> (8 * i));
    s->exp_bytes += P + 4;
}

/* Post one descriptor: buffer g of n bytes (frame data already written when
 * g is inside a window); outcome is what the device must do with it. */
static void post_desc(struct env *e, unsigned v, uint64_t g, unsigned n, unsigned outcome)
{
    struct vstate *s = &e->v[v];
    uint64_t dg = s->ring_g + 16ull * s->tail;
    uint8_t *d = gptr(e, v, dg, 16);
    if (d) {
        for (int i = 0; i < 8; i++)
            d[i] = (uint8_t)(g >> (8 * i));
        d[8] = (uint8_t)n;
        d[9] = (uint8_t)(n >> 8);
        memset(d + 10, 0, 6);
    }
    s->p[(s->ph + s->pn++) % 4096] = (struct posted){s->tail, n, outcome, g};
    s->tail = (s->tail + 1) & (ring_n(s) - 1);
    s->npost++;
    txg_set(e->p.txr_tail, v * 16, 16, s->tail);
}

/* Post a frame of n bytes with a random buffer; spoof != 0 puts a wrong
 * source MAC in it (the outcome depends on the vNIC's anti-spoof flag). */
static void post_frame(struct env *e, unsigned v, unsigned n, int spoof, int antispoof)
{
    uint8_t f[16384];
    struct vstate *s = &e->v[v];
    for (unsigned i = 0; i < n; i++)
        f[i] = (uint8_t)rnd(e);
    for (int i = 0; i < 6 && n >= 12; i++)
        f[6 + i] = (uint8_t)(s->mac >> (8 * (5 - i)));
    if (spoof && n >= 12)
        f[6 + rb(e, 6)] ^= (uint8_t)(1 + rb(e, 255));
    uint64_t g = alloc_buf(e, v, n);
    uint8_t *b = gptr(e, v, g, n);
    memcpy(b, f, n);
    int bad = spoof && antispoof;
    if (!bad)
        push_expect(e, v, f, n);
    post_desc(e, v, g, n, bad ? OC_SPOOF : OC_OK);
}

static unsigned rnd_len(struct env *e)
{
    unsigned r = rb(e, 20);
    if (r < 8)
        return 14 + rb(e, 100);
    if (r < 18)
        return 114 + rb(e, 1401);
    return 1515 + rb(e, 4);
}

/* ------------------------------------------------------------ one cycle */

static void mem_drive(struct env *e)
{
    struct dut_pins *p = &e->p;
    p->m_axi_arready = rb(e, 100) < e->p_ready;
    p->m_axi_awready = rb(e, 100) < e->p_ready;
    p->m_axi_wready = e->wqn && rb(e, 100) < e->p_ready;
    /* R: hold a presented beat; else present the head request's next beat */
    if (!e->rv && e->rqn) {
        struct rdq *r = &e->rq[e->rqh];
        if (r->at <= e->cyc && rb(e, 100) < e->p_valid)
            e->rv = 1;
    }
    p->m_axi_rvalid = (uint64_t)e->rv;
    if (e->rv) {
        struct rdq *r = &e->rq[e->rqh];
        uint64_t a = r->addr + (uint64_t)r->beat * W;
        for (unsigned b = 0; b < W; b++) {
            uint64_t o = a + b - HOSTB;
            txg_set(p->m_axi_rdata, b * 8, 8, o < HMEM ? e->hm[o] : 0);
        }
        p->m_axi_rresp = in_kind(e, a, a + W, RG_DECERR) ? 3 : in_kind(e, a, a + W, RG_SLVERR) ? 2 : 0;
        p->m_axi_rlast = r->beat + 1 == r->beats;
        p->m_axi_rid = 0;
    }
    if (!e->bv && e->bqn && e->bqq[e->bqh].at <= e->cyc && rb(e, 100) < e->p_valid)
        e->bv = 1;
    p->m_axi_bvalid = (uint64_t)e->bv;
    p->m_axi_bresp = e->bv ? e->bqq[e->bqh].resp : 0;
    p->m_axi_bid = 0;
    if (e->mac_pace)
        p->m_axis_tx_tready = e->mac_t < (e->cyc + 1) * W;   /* the next byte can start in this cycle */
    else
        p->m_axis_tx_tready = rb(e, 100) < e->p_tready;
}

static void mem_observe(struct env *e)
{
    struct dut_pins *p = &e->p;
    if (p->m_axi_arvalid && p->m_axi_arready) {
        unsigned beats = (unsigned)p->m_axi_arlen + 1;
        uint64_t a = p->m_axi_araddr, hi = a + (uint64_t)beats * W;
        if (p->m_axi_arburst != 1 || p->m_axi_arsize != (uint64_t)__builtin_ctz(W) || (a % W) != 0)
            err(e, "AR burst %llu size %llu not INCR, full width, aligned", (unsigned long long)p->m_axi_arburst,
                (unsigned long long)p->m_axi_arsize);
        if ((a >> 12) != ((hi - 1) >> 12))
            err(e, "AR at 0x%llx of %llu beats crosses 4 KiB", (unsigned long long)a, beats);
        if (!allowed(e, a, hi))
            err(e, "AR at host 0x%llx (%llu beats) outside every window", (unsigned long long)a, beats);
        else if (!allowed_for(e, (unsigned)p->m_axi_aruser, a, hi))
            err(e, "AR at host 0x%llx outside the windows of its requester, vNIC %llu",
                (unsigned long long)a, (unsigned long long)p->m_axi_aruser);
        if (in_kind(e, a, hi, RG_POISON))
            err(e, "AR at host 0x%llx (%llu beats) reads a buffer the device must not read",
                (unsigned long long)a, beats);
        if (e->rqn == 512)
            err(e, "more than 512 reads outstanding%llu%llu", 0, 0);
        else
            e->rq[(e->rqh + e->rqn++) % 512] =
                (struct rdq){a, e->cyc + e->lat_min + rb(e, e->lat_max - e->lat_min + 1), beats, 0};
    }
    if (e->rv && p->m_axi_rready) {
        struct rdq *r = &e->rq[e->rqh];
        e->rv = 0;
        if (++r->beat == r->beats) {
            e->rqh = (e->rqh + 1) % 512;
            e->rqn--;
        }
    }
    if (p->m_axi_awvalid && p->m_axi_awready) {
        if (p->m_axi_awburst != 1 || p->m_axi_awsize != (uint64_t)__builtin_ctz(W))
            err(e, "AW burst %llu size %llu", (unsigned long long)p->m_axi_awburst,
                (unsigned long long)p->m_axi_awsize);
        e->wq[(e->wqh + e->wqn++) % 512] =
            (struct wrq){p->m_axi_awaddr, (unsigned)p->m_axi_awlen + 1, 0, (unsigned)p->m_axi_awuser};
    }
    if (p->m_axi_wvalid && p->m_axi_wready) {
        struct wrq *w = &e->wq[e->wqh];
        uint64_t a = (w->addr & ~(uint64_t)(W - 1)) + (uint64_t)w->beat * W;
        int werr = 0;
        for (unsigned b = 0; b < W; b++) {
            if (!((p->m_axi_wstrb >> b) & 1u))
                continue;
            uint64_t h = a + b;
            if (h < w->addr)
                err(e, "write strobe below the AW address 0x%llx%llu", (unsigned long long)w->addr, 0);
            if (!allowed(e, h, h + 1)) {
                err(e, "write at host 0x%llx outside every window%llu", (unsigned long long)h, 0);
                continue;
            }
            if (!allowed_for(e, w->user, h, h + 1))
                err(e, "write at host 0x%llx outside the windows of its requester, vNIC %llu",
                    (unsigned long long)h, w->user);
            if (in_kind(e, h, h + 1, RG_WERR))
                werr = 1;
            e->hm[h - HOSTB] = (uint8_t)txg_bits(p->m_axi_wdata, b * 8, 8);
        }
        if (++w->beat == w->beats) {
            if (!p->m_axi_wlast)
                err(e, "wlast missing on the last beat%llu%llu", 0, 0);
            e->wqh = (e->wqh + 1) % 512;
            e->wqn--;
            e->bqq[(e->bqh + e->bqn++) % 512] =
                (struct bq){e->cyc + e->lat_min / 2 + rb(e, e->lat_max / 2 + 1), werr ? 2u : 0u};
        } else if (p->m_axi_wlast) {
            err(e, "wlast before the last beat%llu%llu", 0, 0);
        }
    }
    if (e->bv && p->m_axi_bready) {
        e->bv = 0;
        e->bqh = (e->bqh + 1) % 512;
        e->bqn--;
    }
}

static void check_completions(struct env *e, unsigned v)
{
    struct vstate *s = &e->v[v];
    unsigned head = (unsigned)txg_bits(e->p.txr_head, v * 16, 16);
    while (s->head_seen != head) {
        if (!s->pn) {
            err(e, "HEAD of vNIC %llu moved past TAIL (%llu)", v, head);
            s->head_seen = head;
            break;
        }
        struct posted *q = &s->p[s->ph];
        if (q->idx != s->head_seen)
            err(e, "test bug: posted index %llu, head %llu", q->idx, s->head_seen);
        uint8_t *d = gptr(e, v, s->ring_g + 16ull * q->idx, 16);
        unsigned want = DESC_DD | DESC_EOP | (q->outcome == OC_TXLEN ? DESC_TXLEN : 0) |
                        (q->outcome == OC_SPOOF ? DESC_SPOOF : 0);
        if (q->outcome == OC_FAULT)
            err(e, "descriptor %llu of vNIC %llu completed but must fault", q->idx, v);
        if (d) {
            unsigned bl = d[8] | d[9] << 8, z = d[10] | d[11] << 8 | d[12] << 16 | (unsigned)d[13] << 24;
            unsigned st = d[14] | d[15] << 8;
            if (bl != q->n || z != 0 || st != want)
                err(e, "completion of vNIC %llu descriptor %llu wrong", v, q->idx);
        }
        s->ph = (s->ph + 1) % 4096;
        s->pn--;
        s->ncpl++;
        s->head_seen = (s->head_seen + 1) & (ring_n(s) - 1);
    }
}

static void stream_observe(struct env *e)
{
    struct dut_pins *p = &e->p;
    if (p->m_axis_tx_tvalid && p->m_axis_tx_tready) {
        if (p->m_axis_tx_tuser)
            err(e, "tuser set%llu%llu", 0, 0);
        unsigned nb = 0;
        while (nb < W && ((p->m_axis_tx_tkeep >> nb) & 1u))
            nb++;
        if ((nb < W && !p->m_axis_tx_tlast) || (nb < W && (p->m_axis_tx_tkeep >> nb)))
            err(e, "tkeep 0x%llx%llu", (unsigned long long)p->m_axis_tx_tkeep, 0);
        for (unsigned b = 0; b < nb && e->wlen < sizeof(e->wire); b++)
            e->wire[e->wlen++] = (uint8_t)txg_bits(p->m_axis_tx_tdata, b * 8, 8);
        if (!e->meas_done) {
            if (!e->wire_bytes)
                e->first_beat = e->cyc;
            e->last_beat = e->cyc;
            e->wire_bytes += nb;
        }
        if (e->mac_t < e->cyc * W)
            e->mac_t = e->cyc * W;       /* the stream was idle: no credit is saved */
        e->mac_t += nb + (p->m_axis_tx_tlast ? 20 : 0);
        if (p->m_axis_tx_tlast) {
            e->tlast_cyc = e->cyc;
            if (e->dn == 64) {
                err(e, "too many frames awaiting TX_SENT%llu%llu", 0, 0);
            } else {
                struct wframe *f = &e->done[(e->dh + e->dn++) % 64];
                f->len = e->wlen;
                f->b = malloc(e->wlen ? e->wlen : 1);
                memcpy(f->b, e->wire, e->wlen);
            }
            e->wlen = 0;
        }
    }
    if (p->trc_tx_sent_valid) {
        e->sent_ev++;
        if (e->tlast_cyc != e->cyc)
            err(e, "TX_SENT not in the cycle of the frame's last beat (%llu)%llu",
                (unsigned long long)e->tlast_cyc, 0);
        unsigned v = (unsigned)p->trc_tx_sent_vnic;
        if (!e->dn) {
            err(e, "TX_SENT without a frame on the wire%llu%llu", 0, 0);
        } else {
            struct wframe f = e->done[e->dh];
            e->dh = (e->dh + 1) % 64;
            e->dn--;
            struct vstate *s = &e->v[v % NV];
            if (v >= NV || !s->en) {
                err(e, "frame from vNIC %llu that was not expected (%llu bytes)", v, f.len);
            } else {
                struct wframe *x = &s->exp[s->eh];
                if (x->len != f.len || memcmp(x->b, f.b, f.len)) {
                    unsigned d = 0;
                    while (d < f.len && d < x->len && x->b[d] == f.b[d])
                        d++;
                    if (getenv("TXP_DEBUG"))
                        fprintf(stderr, "vNIC %u frame %u: %u bytes (want %u), first difference at byte %u\n", v,
                                s->sent, f.len, x->len, d);
                    err(e, "frame %llu of vNIC %llu wrong on the wire", s->sent, v);
                }
                free(x->b);
                s->eh = (s->eh + 1) % 4096;
                s->en--;
                s->sent++;
                if (e->meas_frames && s->sent == e->meas_frames)
                    e->meas_done = 1;        /* the others run alone from here */
            }
            free(f.b);
        }
    }
}

static void cycle(struct env *e)
{
    struct dut_pins *p = &e->p;
    mem_drive(e);
    p->fault_now_valid = 0;
    uint64_t hal = 0;
    for (unsigned v = 0; v < NV; v++)
        if (e->v[v].halted)
            hal |= 1ull << v;
    p->halted = hal;
    dut_eval(e->d, p);
    int fv = -1;
    if (p->tx_fault_valid && p->tx_fault_ready) {
        /* the register block's fault_take: every fault taken, any vNIC */
        fv = (int)p->tx_fault_vnic;
        p->fault_now_valid = 1;
        dut_eval(e->d, p);
    }
    mem_observe(e);
    stream_observe(e);
    if (fv >= 0) {
        struct vstate *s = &e->v[fv % NV];
        if (fv >= (int)NV)
            err(e, "fault for vNIC %llu%llu", (unsigned long long)fv, 0);
        else if (!s->halted) {
            s->faulted++;
            s->fault_reason = (unsigned)p->tx_fault_reason;
            s->fault_addr = p->tx_fault_addr;
        }
    }
    if (p->trc_tx_queued_valid)
        e->queued_ev++;
    for (unsigned v = 0; v < NV; v++) {
        struct vstate *s = &e->v[v];
        if ((p->stat_tx_frames >> v) & 1u)
            s->stat_frames++;
        s->stat_bytes += txg_bits(p->stat_tx_bytes, v * 14, 14);
        if ((p->stat_drop_spoof >> v) & 1u)
            s->stat_spoof++;
        if ((p->stat_drop_txlen >> v) & 1u)
            s->stat_txlen++;
        check_completions(e, v);
    }
    e->gstat_frames += (unsigned)p->gstat_tx_frames;
    e->gstat_bytes += p->gstat_tx_bytes;
    dut_tick(e->d);
    e->cyc++;
    if (fv >= 0 && fv < (int)NV)
        e->v[fv].halted = 1;
    p->cmd_reset = 0;
    p->cmd_commit = 0;
}

/* ------------------------------------------------------------ run and verdict */

static int idle(struct env *e)
{
    for (unsigned v = 0; v < NV; v++) {
        struct vstate *s = &e->v[v];
        if (!s->halted && (s->en || s->pn))
            return 0;
    }
    return !e->rqn && !e->wqn && !e->bqn && !e->dn;
}

static void run(struct env *e, uint64_t max)
{
    uint64_t end = e->cyc + max;
    while (e->cyc < end && !idle(e))
        cycle(e);
    for (int i = 0; i < 50; i++)
        cycle(e);
}

static void report(const char *name, int ok, const char *detail)
{
    printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", name, detail[0] ? ": " : "", detail);
    if (ok)
        g_pass++;
    else
        g_fail++;
}

/* Common end checks; extra != NULL adds a condition of the scenario. */
static void verdict(struct env *e, const char *name, int extra_ok, const char *extra)
{
    char b[400];
    unsigned sent = 0, frames = 0;
    uint64_t bytes = 0;
    for (unsigned v = 0; v < NV; v++) {
        struct vstate *s = &e->v[v];
        sent += s->sent;
        frames += s->stat_frames;
        bytes += s->stat_bytes;
        if (s->en && !s->halted)
            err(e, "vNIC %llu: %llu expected frames never sent", v, s->en);
        if (s->stat_frames != s->sent || s->stat_bytes != s->exp_bytes - 0 * s->en)
            if (!s->halted)
                err(e, "vNIC %llu counters: TX_FRAMES %llu", v, s->stat_frames);
        if (s->stat_spoof != s->spoof || s->stat_txlen != s->txlen)
            err(e, "vNIC %llu DROP_SPOOF %llu / DROP_TXLEN wrong", v, s->stat_spoof);
        if (!s->halted && txg_bits(e->p.tx_used, v * 32, 32) != 0)
            err(e, "vNIC %llu TX_USED %llu after the traffic", v, txg_bits(e->p.tx_used, v * 32, 32));
        if (s->want_reason && (!s->faulted || s->fault_reason != s->want_reason || s->fault_addr != s->want_addr))
            err(e, "vNIC %llu fault reason %llu, not the expected one", v, s->fault_reason);
        if (!s->want_reason && s->faulted)
            err(e, "vNIC %llu faulted (reason %llu)", v, s->fault_reason);
        if (s->faulted > 1)
            err(e, "vNIC %llu faulted %llu times", v, s->faulted);
    }
    if (e->sent_ev != sent || e->gstat_frames != frames || e->gstat_bytes != bytes)
        err(e, "TX_SENT events %llu / global counters disagree with %llu frames", e->sent_ev, sent);
    if (e->errors) {
        snprintf(b, sizeof(b), "%u errors, first: %s", e->errors, e->first_err);
        report(name, 0, b);
    } else {
        snprintf(b, sizeof(b), "%u frames sent, %u TX_QUEUED, %" PRIu64 " cycles%s%s", sent, e->queued_ev, e->cyc,
                 extra[0] ? "; " : "", extra);
        report(name, extra_ok, b);
    }
}

/* ------------------------------------------------------------ scenarios */

/* Every vNIC sends random frames (unaligned buffers, both windows, rings
 * wrapping, sizes 14..1518) with a slow, irregular host. */
static void t_frames(uint64_t seed)
{
    struct env e;
    env_init(&e, seed);
    unsigned left[NV];
    for (unsigned v = 0; v < NV; v++)
        left[v] = 150;
    for (uint64_t c = 0; c < 2000000; c++) {
        int more = 0;
        for (unsigned v = 0; v < NV; v++) {
            struct vstate *s = &e.v[v];
            if (left[v] && ring_room(s) && rb(&e, 8) == 0) {
                unsigned n = rnd_len(&e);
                if (rb(&e, 6) == 0) {
                    /* a buffer in window 1 */
                    uint8_t f[2048];
                    n = 14 + rb(&e, 1500);
                    for (unsigned i = 0; i < n; i++)
                        f[i] = (uint8_t)rnd(&e);
                    if (s->buf1_next < G1 || s->buf1_next + 2048 > G1 + G1SZ)
                        s->buf1_next = G1;
                    uint64_t g = s->buf1_next + rb(&e, 64);
                    s->buf1_next = (g + n + 63) & ~63ull;
                    memcpy(gptr(&e, v, g, n), f, n);
                    push_expect(&e, v, f, n);
                    post_desc(&e, v, g, n, OC_OK);
                } else {
                    post_frame(&e, v, n, 0, 0);
                }
                left[v]--;
            }
            more |= left[v] != 0;
        }
        cycle(&e);
        if (!more)
            break;
    }
    run(&e, 2000000);
    verdict(&e, "frames from 4 vNICs: wire bytes, completions, HEAD, TX_USED, counters", e.queued_ev == 4 * 150,
            "");
    env_free(&e);
}

/* Jumbo frames (up to MAX_FRAME 9022) with a fast host: back-pressure on
 * the partitions, multi-burst buffers across 4 KiB. */
static void t_jumbo(uint64_t seed)
{
    struct env e;
    env_init(&e, seed);
    e.p.g_max_frame = 9022;
    e.lat_min = 10;
    e.lat_max = 60;
    e.p_ready = 95;
    e.p_valid = 95;
    e.p_tready = 60;
    for (unsigned i = 0; i < 40; i++)
        for (unsigned v = 0; v < NV; v++) {
            while (!ring_room(&e.v[v]))
                cycle(&e);
            post_frame(&e, v, 4000 + rb(&e, 5019), 0, 0);
        }
    run(&e, 3000000);
    verdict(&e, "jumbo frames: partition back-pressure, bursts across 4 KiB", 1, "");
    env_free(&e);
}

/* ERR_TXLEN (no data read: the buffers are poisoned) and ERR_SPOOF. */
static void t_txlen_spoof(uint64_t seed)
{
    struct env e;
    env_init(&e, seed);
    set_flags(&e, 1, 1, 1, 0);
    set_flags(&e, 2, 1, 1, 0);
    unsigned bad[4] = {0, 13, MAXF - 3, 60000};
    for (unsigned i = 0; i < 60; i++) {
        for (unsigned v = 0; v < NV; v++) {
            struct vstate *s = &e.v[v];
            while (!ring_room(s))
                cycle(&e);
            unsigned r = rb(&e, 6);
            if (r == 0) {
                unsigned n = bad[rb(&e, 4)];
                uint64_t g = alloc_buf(&e, v, 64);
                uint64_t h = win_hbase(v, 0) + (g - G0);
                add_region(&e, h, h + 64, RG_POISON);
                post_desc(&e, v, g, n, OC_TXLEN);
                s->txlen++;
            } else if (r == 1) {
                post_frame(&e, v, rnd_len(&e), 1, v == 1 || v == 2);
                if (v == 1 || v == 2)
                    s->spoof++;
            } else {
                post_frame(&e, v, rnd_len(&e), 0, v == 1 || v == 2);
            }
        }
    }
    run(&e, 2000000);
    unsigned tl = 0, sp = 0;
    for (unsigned v = 0; v < NV; v++) {
        tl += e.v[v].stat_txlen;
        sp += e.v[v].stat_spoof;
    }
    char x[120];
    snprintf(x, sizeof(x), "%u ERR_TXLEN, %u ERR_SPOOF completions", tl, sp);
    verdict(&e, "ERR_TXLEN without a read, ERR_SPOOF with the space released", tl > 10 && sp > 10, x);
    env_free(&e);
}

/* Window faults: buffer outside, buffer across the window end, descriptors
 * beyond the window; vNIC 0 keeps sending. Then RESET and restart vNIC 1. */
static void t_windows(uint64_t seed)
{
    struct env e;
    env_init(&e, seed);
    /* vNIC 2's ring ends 8 descriptors before the end of window 0 */
    struct vstate *s2 = &e.v[2];
    s2->ring_log2 = 4;
    s2->ring_g = G0 + G0SZ - 16 * 8;
    txg_set(e.p.txr_base, 2 * 64, 64, s2->ring_g);
    txg_set(e.p.txr_size, 2 * 4, 4, s2->ring_log2);
    cycle(&e);   /* SIZE is a register write of its own, before any TAIL */
    for (unsigned i = 0; i < 12; i++) {
        for (unsigned v = 0; v < NV; v++) {
            struct vstate *s = &e.v[v];
            if (v == 1 && i == 5) {
                uint64_t g = 0x50000000ull + rb(&e, 4096);   /* in no window */
                post_desc(&e, v, g, 100, OC_FAULT);
                s->want_reason = 4;
                s->want_addr = g;
            } else if (v == 3 && i == 7) {
                uint64_t g = G0 + G0SZ - 100;                 /* crosses the end of window 0 */
                post_desc(&e, v, g, 200, OC_FAULT);
                s->want_reason = 4;
                s->want_addr = g;
            } else if (v == 2 && i >= 8) {
                /* descriptors outside the window: the device faults at the first */
                if (i == 8) {
                    s->want_reason = 3;
                    s->want_addr = s->ring_g + 16ull * 8;
                }
                post_desc(&e, v, G0 + 0x2000, 100, OC_FAULT);
            } else if ((v == 1 && i > 5) || (v == 3 && i > 7)) {
                /* after the faulting descriptor: never sent */
                uint64_t g = alloc_buf(&e, v, 100);
                post_desc(&e, v, g, 100, OC_FAULT);
            } else {
                post_frame(&e, v, rnd_len(&e), 0, 0);
            }
        }
    }
    run(&e, 1000000);
    int ok = e.v[1].halted && e.v[2].halted && e.v[3].halted && !e.v[0].halted && e.v[1].ncpl == 5 &&
             e.v[2].ncpl == 8 && e.v[3].ncpl == 7 && e.v[0].ncpl == 12;
    char x[200];
    snprintf(x, sizeof(x), "completions %u/%u/%u/%u, faults %u/%u/%u/%u", e.v[0].ncpl, e.v[1].ncpl, e.v[2].ncpl,
             e.v[3].ncpl, e.v[0].fault_reason, e.v[1].fault_reason, e.v[2].fault_reason, e.v[3].fault_reason);
    verdict(&e, "window faults TX_BUF_ADDR / TX_DESC_ADDR, no AXI access outside the windows", ok, x);

    /* RESET of vNIC 1, then it sends again from an empty ring */
    struct dut_pins *p = &e.p;
    p->flr_req = 1;
    p->cmd_vnic = 1;
    unsigned waited = 0;
    for (;;) {
        dut_eval(e.d, p);
        if (p->flr_ready || waited > 100000)
            break;
        cycle(&e);
        waited++;
    }
    p->cmd_reset = 1;
    cycle(&e);
    p->flr_req = 0;
    struct vstate *s1 = &e.v[1];
    s1->halted = 0;
    s1->faulted = 0;
    s1->want_reason = 0;
    s1->tail = s1->head_seen = 0;
    s1->ph = s1->pn = 0;
    txg_set(p->txr_tail, 1 * 16, 16, 0);
    e.errors = 0;
    for (unsigned i = 0; i < 20; i++)
        post_frame(&e, 1, rnd_len(&e), 0, 0);
    run(&e, 1000000);
    int ok2 = !s1->halted && s1->head_seen == 20 && s1->en == 0;
    snprintf(x, sizeof(x), "vNIC 1 sent %u frames after RESET (%u cycles to quiesce)", s1->sent - 5, waited);
    verdict(&e, "RESET of a faulted vNIC: quiesce, ring cleared, sends again", ok2 && waited < 100000, x);
    env_free(&e);
}

/* AXI errors: SLVERR on a buffer, DECERR on a descriptor, SLVERR on a
 * write-back. vNIC 3 is clean and unaffected. The bad descriptor is the
 * first of its data beat (at 32-byte beats a beat holds two descriptors,
 * and the fault names the first descriptor of the beat that failed). */
#define BAD1 ((W > 16) ? 8u : 9u)
static void t_axi_errors(uint64_t seed)
{
    struct env e;
    env_init(&e, seed);
    for (unsigned i = 0; i < 16; i++) {
        for (unsigned v = 0; v < NV; v++) {
            struct vstate *s = &e.v[v];
            if (v == 0 && i == 6) {
                uint64_t g = alloc_buf(&e, v, 300);
                uint64_t h = win_hbase(v, 0) + (g - G0);
                add_region(&e, h + 128, h + 136, RG_SLVERR);
                post_desc(&e, v, g, 300, OC_FAULT);
                s->want_reason = 6;
                s->want_addr = g;
            } else if (v == 1 && i == BAD1) {
                uint64_t dg = s->ring_g + 16ull * s->tail;
                uint64_t h = win_hbase(v, 0) + (dg - G0);
                add_region(&e, h, h + 16, RG_DECERR);
                post_desc(&e, v, alloc_buf(&e, v, 100), 100, OC_FAULT);
                s->want_reason = 6;
                s->want_addr = dg;
            } else if (v == 2 && i == 4) {
                uint64_t dg = s->ring_g + 16ull * s->tail;
                uint64_t h = win_hbase(v, 0) + (dg - G0);
                add_region(&e, h + 8, h + 16, RG_WERR);
                post_frame(&e, v, 200, 0, 0);              /* sent, but its completion fails */
                s->p[(s->ph + s->pn - 1) % 4096].outcome = OC_FAULT;
                s->want_reason = 6;
                s->want_addr = dg;
            } else if (v == 2 && i > 4) {
                /* nothing after the failing write-back: frames queued before the
                 * error response arrives are sent (the error comes ~1 us later) */
            } else if ((v == 0 && i > 6) || (v == 1 && i > BAD1)) {
                post_desc(&e, v, alloc_buf(&e, v, 100), 100, OC_FAULT);
            } else {
                post_frame(&e, v, rnd_len(&e), 0, 0);
            }
        }
    }
    run(&e, 1000000);
    int ok = e.v[0].halted && e.v[1].halted && e.v[2].halted && !e.v[3].halted && e.v[0].ncpl == 6 &&
             e.v[1].ncpl == BAD1 && e.v[2].ncpl == 4 && e.v[3].ncpl == 16;
    char x[200];
    snprintf(x, sizeof(x), "completions %u/%u/%u/%u", e.v[0].ncpl, e.v[1].ncpl, e.v[2].ncpl, e.v[3].ncpl);
    verdict(&e, "SLVERR/DECERR on buffer, descriptor and write-back give TX_AXI_ERR", ok, x);
    env_free(&e);
}

/* Line rate: fixed 1 us host latency (157 cycles), host at full speed, a
 * MAC that accepts W bytes per cycle with 20 bytes of preamble and gap per
 * frame; every vNIC sends frames of one size, equal weights. Delivered /
 * physical limit, measured while every vNIC still has frames. */
static void t_line_rate(uint64_t seed, unsigned n, unsigned frames)
{
    struct env e;
    env_init(&e, seed);
    e.lat_min = e.lat_max = 157;
    e.p_ready = e.p_valid = 100;
    e.mac_pace = 1;
    e.aligned = 1;
    e.meas_frames = frames;
    for (unsigned v = 0; v < NV; v++)
        txg_set(e.p.cfg_tx_weight, v * 8, 8, 1);
    unsigned left = frames * NV;
    while (left) {
        for (unsigned v = 0; v < NV && left; v++)
            if (ring_room(&e.v[v]) && e.v[v].npost < frames) {
                post_frame(&e, v, n, 0, 0);
                left--;
            }
        cycle(&e);
    }
    run(&e, 4000000);
    unsigned L = (n > 60 ? n : 60) + 4;
    /* steady state: from the first beat to the last, with the last frame's gap */
    double got = (double)e.wire_bytes / (double)(e.last_beat - e.first_beat + 1 + 20.0 / W);
    double lim = (double)W * L / (L + 20);
    char name[120], x[160];
    snprintf(name, sizeof(name), "line rate, %u-byte frames from %u vNICs, 1 us host latency", L, NV);
    snprintf(x, sizeof(x), "%.4f of the physical limit (%.3f of %.3f bytes/cycle)%s", got / lim, got, lim,
             W == 8 ? "" : "; measured only: line rate is required at DATA_W = 64");
    verdict(&e, name, W != 8 || got / lim > 0.99, x);
    env_free(&e);
}

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("test_tx_path: seed %" PRIu64 ", DATA_W %u, NUM_VNIC %u, NUM_WIN %u, TX_BUF_BYTES %u\n", seed, TXP_DW, NV,
           NW, TXP_BUF);
    t_frames(seed);
    t_jumbo(seed + 1);
    t_txlen_spoof(seed + 2);
    t_windows(seed + 3);
    t_axi_errors(seed + 4);
    t_line_rate(seed + 5, 60, 400);
    t_line_rate(seed + 6, 1514, 60);
    printf("%u passed, %u failed\n", g_pass, g_fail);
    return g_fail ? 1 : 0;
}
