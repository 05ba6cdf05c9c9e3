/* vnic_simrun.c: one run of a scenario on an engine (see vnic_simrun.h). */
#include "vnic_simrun.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#include "vnic_engine.h"
#include "vnic_pf.h"
#include "vnic_vf.h"

#define GBPS_PER_BPC 1.25            /* 1 byte per cycle at 156.25 MHz */
#define VM_GBASE     0x00100000ull   /* guest physical base of every VM's memory */
#define VM_HSTRIDE   0x100000000ull  /* host physical stride between VMs */
#define RXBUF_CAP    65536u
#define DRAIN_STALL  1000000u        /* cycles without progress that end the drain */

_Static_assert(VNIC_GEN_WF_MACERR == VNIC_ENGINE_WF_MACERR && VNIC_GEN_WF_BADTKEEP == VNIC_ENGINE_WF_BADTKEEP,
               "generator and engine frame flags differ");

static void errf(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------- queues */
struct ent {
    uint64_t seq, eof, cpl;
    uint32_t len, crc;
    uint32_t expect;     /* destination set the independent classifier predicts */
    int32_t tstream;     /* replay: scenario stream of the trace, else -1 */
    uint32_t tindex;
    uint8_t verdict;     /* predicted wire verdict (enum vnic_wire_verdict) */
};

struct dq {
    struct ent *a;
    size_t cap, head, n;
    size_t ncpl;         /* entries from head that have their completion */
};

static int dq_push(struct dq *q, const struct ent *e)
{
    if (q->n == q->cap) {
        size_t nc = q->cap ? 2 * q->cap : 256;
        struct ent *na = malloc(nc * sizeof(*na));
        if (!na)
            return -1;
        for (size_t i = 0; i < q->n; i++)
            na[i] = q->a[(q->head + i) % q->cap];
        free(q->a);
        q->a = na;
        q->cap = nc;
        q->head = 0;
    }
    q->a[(q->head + q->n) % q->cap] = *e;
    q->n++;
    return 0;
}

static struct ent *dq_at(struct dq *q, size_t i)
{
    return &q->a[(q->head + i) % q->cap];
}

static void dq_pop(struct dq *q)
{
    q->head = (q->head + 1) % q->cap;
    q->n--;
}

/* ---------------------------------------------------------------- latency histogram
 * exact below 1024 cycles, then 128 buckets per power of two (< 1 % error) */
#define HIST_LIN 1024u
#define HIST_SUB 128u
#define HIST_N   (HIST_LIN + 54u * HIST_SUB)

struct hist {
    uint64_t n, max;
    uint32_t *b;
};

static unsigned hist_idx(uint64_t v)
{
    if (v < HIST_LIN)
        return (unsigned)v;
    unsigned e = 63u - (unsigned)__builtin_clzll(v); /* >= 10 */
    unsigned sub = (unsigned)((v >> (e - 7)) & (HIST_SUB - 1));
    unsigned i = HIST_LIN + (e - 10) * HIST_SUB + sub;
    return i < HIST_N ? i : HIST_N - 1;
}

static double hist_val(unsigned i)
{
    if (i < HIST_LIN)
        return i;
    unsigned e = (i - HIST_LIN) / HIST_SUB + 10, sub = (i - HIST_LIN) % HIST_SUB;
    return ldexp(1.0 + sub / (double)HIST_SUB, (int)e);
}

static void hist_add(struct hist *h, uint64_t v)
{
    if (h->b)
        h->b[hist_idx(v)]++;
    h->n++;
    if (v > h->max)
        h->max = v;
}

static double hist_pct(const struct hist *h, double p)
{
    if (!h->n || !h->b)
        return 0;
    uint64_t want = (uint64_t)ceil(p * (double)h->n), acc = 0;
    if (!want)
        want = 1;
    for (unsigned i = 0; i < HIST_N; i++) {
        acc += h->b[i];
        if (acc >= want)
            return hist_val(i);
    }
    return (double)h->max;
}

/* ---------------------------------------------------------------- run state */
struct vm {
    int used;                 /* a scenario vNIC sits at this device index */
    unsigned slot;            /* index into s->vnic */
    struct vnic_vm mem;
    struct vnic_vf *vf;
    struct dq q;              /* accepted copies, oldest first */
    double budget;            /* per-VM service tokens, bytes */
    struct hist lat;
    struct vnic_pcap_writer *pw;
    uint64_t off_b, acc_b, del_b, off_f, acc_f, del_f;
    uint64_t got_frames, got_bytes, got_buflen, expected;
    struct dq txq;            /* frames the VM queued for TX, expected on the wire in order */
    uint64_t tx_b, tx_posted, tx_wire, tx_pred_drop;
};

struct run {
    const struct vnic_scn *s;
    const struct vnic_simrun_opts *o;
    const struct vnic_pcap_trace *const *traces;
    struct vnic_simrun_res *r;
    struct vnic_engine eng;
    struct vnic_dev *dev;
    struct vm vm[VNIC_SCN_MAX_VNIC];
    struct dq inflight;
    uint64_t t0, win0, win1;  /* absolute cycles: traffic start, window */
    unsigned w;
    uint64_t predicted[16];   /* wire verdicts the independent classifier predicts */
    double shared_budget;
    unsigned rr;
    uint8_t *buf;
    struct vnic_pcap_writer *txw;
    int oom;
    uint64_t last_event;      /* cycle of the last decision or completion */
    /* TX: the VMs' transmissions */
    struct vnic_gen *tgen;
    int tgen_to_scn[VNIC_GEN_MAX_STREAMS];
    uint8_t *tx_pending;      /* a frame the VM could not queue yet (ring full) */
    uint32_t tx_pending_len;
    unsigned tx_pending_vm;
    int has_pending;
    uint8_t *txbuf;
};

static int in_window(const struct run *R, uint64_t c)
{
    return c >= R->win0 && c < R->win1;
}

static void on_event(void *ctx, const struct vnic_ev *ev)
{
    struct run *R = ctx;
    struct vnic_simrun_res *r = R->r;
    if (ev->type == VNIC_EV_RX_DEC || ev->type == VNIC_EV_RX_CPL || ev->type == VNIC_EV_TX_SENT)
        R->last_event = ev->cycle;
    if (ev->type == VNIC_EV_RX_DEC) {
        if (!R->inflight.n) {
            r->order_errors++;
            return;
        }
        struct ent e = *dq_at(&R->inflight, 0);
        dq_pop(&R->inflight);
        if (e.seq != ev->seq)
            r->order_errors++;
        if (ev->wire != VNIC_WIRE_FIFO && ev->wire != VNIC_WIRE_RXOFF) {
            uint32_t want = e.verdict == VNIC_WIRE_CLASSIFIED ? e.expect : 0;
            if (ev->wire != e.verdict || ev->dest != want)
                r->class_errors++;
        }
        if (ev->wire != VNIC_WIRE_CLASSIFIED)
            return;
        r->classified++;
        for (unsigned v = 0; v < 32; v++) {
            if (!(ev->dest & (1u << v)))
                continue;
            struct vm *m = &R->vm[v];
            if (!m->used) {
                r->order_errors++;
                continue;
            }
            int win = in_window(R, ev->cycle);
            if (win)
                m->off_b += e.len, m->off_f++;
            if (ev->outcome[v] == VNIC_COPY_ACCEPT) {
                if (win)
                    m->acc_b += e.len, m->acc_f++;
                e.cpl = 0;
                if (dq_push(&m->q, &e))
                    R->oom = 1;
            }
        }
    } else if (ev->type == VNIC_EV_RX_CPL) {
        if (ev->vnic >= 32 || !R->vm[ev->vnic].used) {
            r->order_errors++;
            return;
        }
        struct vm *m = &R->vm[ev->vnic];
        if (m->q.ncpl >= m->q.n) {
            r->order_errors++;
            return;
        }
        struct ent *e = dq_at(&m->q, m->q.ncpl++);
        e->cpl = ev->cycle;
        if (e->eof >= R->win0)
            hist_add(&m->lat, ev->cycle - e->eof);
    }
}

static void on_tx(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len, uint64_t cycle)
{
    struct run *R = ctx;
    if (R->txw && len >= 4)
        vnic_pcap_writer_put(R->txw, frame, len - 4, cycle - R->t0);
    if (vnic >= 32 || !R->vm[vnic].used || !R->vm[vnic].txq.n) {
        R->r->tx_errors++;
        return;
    }
    struct vm *m = &R->vm[vnic];
    struct ent e = *dq_at(&m->txq, 0);
    dq_pop(&m->txq);
    m->tx_wire++;
    if (len != e.len || (uint32_t)crc32(0L, frame, len) != e.crc)
        R->r->tx_errors++;
    if (in_window(R, cycle))
        m->tx_b += len;
}

/* The VM driver queues one frame (bytes without FCS); 1 queued, 0 ring full. */
static int tx_post(struct run *R, unsigned vmi, const uint8_t *data, uint32_t n)
{
    struct vm *m = &R->vm[vmi];
    const struct vnic_scn_vnic *sv = &R->s->vnic[m->slot];
    int rc = vnic_vf_send(m->vf, data, n);
    if (rc < 0) {
        fprintf(R->o->log, "vnic-sim: VM %s: %s\n", sv->name, vnic_vf_error(m->vf));
        return -1;
    }
    if (rc == 0)
        return 0;
    m->tx_posted++;
    int spoof = (sv->spec.flags & VNIC_QOS_ANTISPOOF) && (n < 12 || memcmp(data + 6, sv->spec.mac, 6));
    if (n < 14 || n + 4 > R->s->dev.max_frame || spoof) {
        m->tx_pred_drop++;
        return 1;
    }
    /* what the device must put on the wire: padded to 60 bytes, FCS appended */
    struct ent e = {0};
    e.len = vnic_gen_mac_frame(data, n, R->txbuf);
    e.crc = (uint32_t)crc32(0L, R->txbuf, e.len);
    if (dq_push(&m->txq, &e))
        R->oom = 1;
    return 1;
}

/* TX frames due before cycle `until`: 0, or -1 when a driver failed */
static int tx_pump(struct run *R, uint64_t until)
{
    if (R->has_pending) {
        int rc = tx_post(R, R->tx_pending_vm, R->tx_pending, R->tx_pending_len);
        if (rc <= 0)
            return rc;
        R->has_pending = 0;
    }
    while (R->tgen) {
        uint64_t pk = vnic_gen_peek_cycle(R->tgen);
        if (pk == UINT64_MAX || R->t0 + pk >= until)
            break;
        struct vnic_gen_frame f;
        vnic_gen_next(R->tgen, &f);
        const struct vnic_scn_stream *st = &R->s->stream[R->tgen_to_scn[f.stream]];
        unsigned vmi = R->s->vnic[st->from].index;
        uint32_t n = f.len - 4;
        int rc = tx_post(R, vmi, f.data, n);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            memcpy(R->tx_pending, f.data, n);
            R->tx_pending_len = n;
            R->tx_pending_vm = vmi;
            R->has_pending = 1;
            break;
        }
    }
    return 0;
}

/* The independent classifier: docs/architecture.md §4.1-4.2 on the scenario. */
static void predict(struct run *R, const uint8_t *d, uint32_t len, uint32_t flags, uint32_t crc, struct ent *e)
{
    const struct vnic_scn *s = R->s;
    e->expect = 0;
    if (flags & VNIC_GEN_WF_MACERR)
        e->verdict = VNIC_WIRE_MACERR;
    else if (flags & VNIC_GEN_WF_BADTKEEP)
        e->verdict = VNIC_WIRE_TKEEP;
    else if (len < 64)
        e->verdict = VNIC_WIRE_RUNT;
    else if (len > s->dev.max_frame)
        e->verdict = VNIC_WIRE_OVERSIZE;
    else if (crc != ((uint32_t)d[len - 4] | (uint32_t)d[len - 3] << 8 | (uint32_t)d[len - 2] << 16 |
                     (uint32_t)d[len - 1] << 24))
        e->verdict = VNIC_WIRE_FCS;
    else
        e->verdict = VNIC_WIRE_CLASSIFIED;
    if (e->verdict != VNIC_WIRE_CLASSIFIED)
        return;
    static const uint8_t bc[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    int is_bc = !memcmp(d, bc, 6), is_mc = !is_bc && (d[0] & 1);
    for (unsigned i = 0; i < s->nvnic; i++) {
        const struct vnic_scn_vnic *v = &s->vnic[i];
        if (!v->enabled)
            continue;
        if ((is_bc && (v->spec.flags & VNIC_QOS_BCAST)) || (is_mc && (v->spec.flags & VNIC_QOS_MCAST)) ||
            (!is_bc && !is_mc && !memcmp(d, v->spec.mac, 6)))
            e->expect |= 1u << v->index;
    }
    if (!e->expect && !is_bc && !is_mc && s->dev.def_vnic >= 0) {
        for (unsigned i = 0; i < s->nvnic; i++)
            if ((int)s->vnic[i].index == s->dev.def_vnic && s->vnic[i].enabled)
                e->expect = 1u << s->vnic[i].index;
    }
    if (!e->expect)
        e->verdict = VNIC_WIRE_NOMATCH;
}

/* One poll of every VM's driver: consume completions within the budgets. */
static int service(struct run *R, uint64_t dt)
{
    const struct vnic_scn *s = R->s;
    double shared_rate = s->host.service_bpc;
    if (shared_rate > 0) {
        double cap = shared_rate * (double)dt * 2 + 2.0 * s->dev.max_frame;
        R->shared_budget += shared_rate * (double)dt;
        if (R->shared_budget > cap)
            R->shared_budget = cap;
    }
    unsigned n = s->nvnic;
    for (unsigned k = 0; k < n; k++) {
        const struct vnic_scn_vnic *sv = &s->vnic[k];
        struct vm *m = &R->vm[sv->index];
        if (sv->service_bpc > 0) {
            double cap = sv->service_bpc * (double)dt * 2 + 2.0 * s->dev.max_frame;
            m->budget += sv->service_bpc * (double)dt;
            if (m->budget > cap)
                m->budget = cap;
        }
    }
    uint64_t now = R->eng.ops->now(R->eng.impl);
    int progress = 1;
    unsigned start = R->rr++;
    while (progress) {
        progress = 0;
        for (unsigned k = 0; k < n; k++) {
            if (shared_rate > 0 && R->shared_budget <= 0)
                return 0;
            const struct vnic_scn_vnic *sv = &s->vnic[(start + k) % n];
            struct vm *m = &R->vm[sv->index];
            if (!m->vf || (sv->service_bpc > 0 && m->budget <= 0))
                continue;
            struct vnic_rx_cpl cpl;
            int rc = vnic_vf_recv(m->vf, R->buf, RXBUF_CAP, &cpl);
            if (rc < 0) {
                fprintf(R->o->log, "vnic-sim: VM %s: %s\n", sv->name, vnic_vf_error(m->vf));
                return -1;
            }
            if (rc == 0)
                continue;
            progress = 1;
            double cost = (double)cpl.len + 4.0;
            if (shared_rate > 0)
                R->shared_budget -= cost + s->host.cost * shared_rate;
            if (sv->service_bpc > 0)
                m->budget -= cost + s->host.cost * sv->service_bpc;
            if (!m->q.n || !m->q.ncpl) {
                R->r->order_errors++;
                continue;
            }
            struct ent e = *dq_at(&m->q, 0);
            dq_pop(&m->q);
            m->q.ncpl--;
            if (cpl.len != e.len - 4)
                R->r->data_errors++;
            if (cpl.status & VNIC_DESC_ST_ERR_BUFLEN) {
                m->got_buflen++;
                continue;
            }
            m->got_frames++;
            m->got_bytes += cpl.len;
            if (in_window(R, now))
                m->del_b += cpl.len + 4u, m->del_f++;
            if (cpl.len == e.len - 4 && (uint32_t)crc32(0L, R->buf, cpl.len) != e.crc)
                R->r->data_errors++;
            if (e.tstream >= 0 && R->traces[e.tstream]) {
                const struct vnic_pcap_pkt *p = &R->traces[e.tstream]->pkt[e.tindex];
                uint32_t n2 = p->caplen < cpl.len ? p->caplen : cpl.len;
                int bad = memcmp(R->buf, p->data, n2) != 0;
                if (!s->stream[e.tstream].pcap_raw)
                    for (uint32_t b = n2; b < cpl.len && !bad; b++)
                        bad = R->buf[b] != 0;
                if (bad)
                    R->r->data_errors++;
            }
            if (m->pw)
                vnic_pcap_writer_put(m->pw, R->buf, cpl.len, now - R->t0);
        }
    }
    return 0;
}

static int drained(const struct run *R)
{
    if (R->inflight.n)
        return 0;
    for (unsigned v = 0; v < 32; v++)
        if (R->vm[v].used && (R->vm[v].q.n || R->vm[v].txq.n))
            return 0;
    return 1;
}

static void progress_line(uint64_t done, uint64_t total, const char *phase, double t_start)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double now = (double)ts.tv_sec + ts.tv_nsec * 1e-9, el = now - t_start;
    fprintf(stderr, "\r[vnic-sim] %s %5.1f%% %llu/%llu cycles, %.2f Mcycles/s   ", phase,
            total ? 100.0 * (double)done / (double)total : 100.0, (unsigned long long)done,
            (unsigned long long)total, el > 0 ? (double)done / el / 1e6 : 0.0);
    fflush(stderr);
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int mkdir_p(const char *path)
{
    char b[VNIC_SCN_PATH];
    snprintf(b, sizeof(b), "%s", path);
    for (char *p = b + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            if (mkdir(b, 0777) && errno != EEXIST)
                return -1;
            *p = '/';
        }
    if (mkdir(b, 0777) && errno != EEXIST)
        return -1;
    return 0;
}

/* the PF side: global controls and every vNIC from its spec */
static int configure(struct run *R, char *err, size_t errlen)
{
    const struct vnic_scn *s = R->s;
    const struct vnic_bus *bus = R->eng.ops->bus(R->eng.impl);
    if (vnic_dev_open(bus, VNIC_SCN_CLK_HZ, &R->dev, err, errlen))
        return -1;
    const struct vnic_dev_info *info = vnic_dev_info(R->dev);
    if (info->num_vnic != s->dev.num_vnic || info->data_bytes != vnic_scn_w(s)) {
        errf(err, errlen, "the %s engine was built with NUM_VNIC=%u DATA_W=%u, the scenario asks for %u and %u",
             R->eng.ops->name, info->num_vnic, info->data_bytes * 8, s->dev.num_vnic, s->dev.data_w);
        return -1;
    }
    struct vnic_global_cfg g = {.rx_en = 1, .tx_en = 1, .max_frame = s->dev.max_frame,
                                .def_en = s->dev.def_vnic >= 0,
                                .def_vnic = s->dev.def_vnic >= 0 ? (unsigned)s->dev.def_vnic : 0};
    /* first G.MAX_FRAME: libvnic sizes default partitions to hold a maximum frame */
    if (vnic_dev_set_global(R->dev, &g)) {
        errf(err, errlen, "%s: global configuration refused: %s", s->path, vnic_dev_error(R->dev));
        return -1;
    }
    for (unsigned i = 0; i < s->nvnic; i++) {
        const struct vnic_scn_vnic *sv = &s->vnic[i];
        struct vm *m = &R->vm[sv->index];
        m->used = 1;
        m->slot = i;
        vnic_vm_init(&m->mem);
        if (vnic_vm_map(&m->mem, VM_GBASE, VM_HSTRIDE * (sv->index + 1), sv->mem_size, err, errlen))
            return -1;
        struct vnic_qos_spec spec = sv->spec;
        if (vnic_qos_windows_from_vm(&spec, &m->mem, err, errlen))
            return -1;
        int rc = vnic_dev_create(R->dev, sv->index, &spec);
        if (rc) {
            errf(err, errlen, "%s: [vnic %s]: the PF could not create it: %s", s->path, sv->name,
                 vnic_dev_error(R->dev));
            return -1;
        }
    }
    for (unsigned i = 0; i < s->nvnic; i++) {
        const struct vnic_scn_vnic *sv = &s->vnic[i];
        struct vm *m = &R->vm[sv->index];
        if (vnic_vf_open(bus, sv->index, &m->mem, &m->vf, err, errlen))
            return -1;
        unsigned txl = 0;
        while ((1u << txl) < VNIC_SCN_TX_RING)
            txl++;
        struct vnic_vf_cfg vc = {.rx_log2 = sv->ring_log2, .tx_log2 = txl, .rx_buf_size = sv->buf_size,
                                 .tx_buf_size = VNIC_SCN_TX_BUF, .mem_base = VM_GBASE, .mem_size = sv->mem_size};
        if (vnic_vf_setup(m->vf, &vc)) {
            errf(err, errlen, "%s: VM of [vnic %s]: driver setup failed: %s", s->path, sv->name,
                 vnic_vf_error(m->vf));
            return -1;
        }
        if (R->o->pcap_out) {
            char path[VNIC_SCN_PATH + 64];
            snprintf(path, sizeof(path), "%s/rx-%s.pcap", R->o->pcap_out, sv->name);
            if (vnic_pcap_writer_open(path, &m->pw, err, errlen))
                return -1;
        }
    }
    return 0;
}

static void check_conservation(struct run *R)
{
    struct vnic_simrun_res *r = R->r;
    const struct vnic_scn *s = R->s;
    const uint64_t *g = r->g.c;
    char *msg = r->conservation_msg;
    size_t ml = sizeof(r->conservation_msg);
    r->conservation_ok = 0;
    uint64_t wire = g[VNIC_GSTAT_DROP_FIFO] + g[VNIC_GSTAT_DROP_RXOFF] + g[VNIC_GSTAT_DROP_MACERR] +
                    g[VNIC_GSTAT_DROP_TKEEP] + g[VNIC_GSTAT_DROP_RUNT] + g[VNIC_GSTAT_DROP_OVERSIZE] +
                    g[VNIC_GSTAT_DROP_FCS] + g[VNIC_GSTAT_DROP_NOMATCH];
    if (g[VNIC_GSTAT_RX_FRAMES] != r->injected) {
        errf(msg, ml, "RX_FRAMES %llu != frames injected %llu", (unsigned long long)g[VNIC_GSTAT_RX_FRAMES],
             (unsigned long long)r->injected);
        return;
    }
    if (g[VNIC_GSTAT_RX_FRAMES] != wire + r->classified) {
        errf(msg, ml, "RX_FRAMES %llu != wire drops %llu + classified %llu",
             (unsigned long long)g[VNIC_GSTAT_RX_FRAMES], (unsigned long long)wire,
             (unsigned long long)r->classified);
        return;
    }
    uint64_t sum_in = 0;
    for (unsigned v = 0; v < s->dev.num_vnic; v++) {
        struct vnic_vstats st;
        const uint64_t *c;
        const struct vm *m = &R->vm[v];
        if (m->used) {
            c = r->v[m->slot].st.c;
        } else {
            if (vnic_dev_vnic_stats(R->dev, v, &st)) {
                errf(msg, ml, "cannot read the counters of vNIC %u: %s", v, vnic_dev_error(R->dev));
                return;
            }
            c = st.c;
        }
        sum_in += c[VNIC_VSTAT_RX_IN];
        uint64_t stored = m->used ? m->q.n - m->q.ncpl : 0;
        uint64_t out = c[VNIC_VSTAT_RX_FRAMES] + c[VNIC_VSTAT_DROP_POLICER] + c[VNIC_VSTAT_DROP_NOBUF] +
                       c[VNIC_VSTAT_DROP_HALTED] + c[VNIC_VSTAT_DROP_BUFLEN] + stored;
        const char *nm = m->used ? s->vnic[m->slot].name : "(unused)";
        if (c[VNIC_VSTAT_RX_IN] != out) {
            errf(msg, ml, "vNIC %u %s: RX_IN %llu != RX_FRAMES %llu + POLICER %llu + NOBUF %llu + HALTED %llu + "
                          "BUFLEN %llu + stored %llu",
                 v, nm, (unsigned long long)c[VNIC_VSTAT_RX_IN], (unsigned long long)c[VNIC_VSTAT_RX_FRAMES],
                 (unsigned long long)c[VNIC_VSTAT_DROP_POLICER], (unsigned long long)c[VNIC_VSTAT_DROP_NOBUF],
                 (unsigned long long)c[VNIC_VSTAT_DROP_HALTED], (unsigned long long)c[VNIC_VSTAT_DROP_BUFLEN],
                 (unsigned long long)stored);
            return;
        }
        if (m->used && r->drained &&
            (m->got_frames != c[VNIC_VSTAT_RX_FRAMES] || m->got_bytes != c[VNIC_VSTAT_RX_BYTES] ||
             m->got_buflen != c[VNIC_VSTAT_DROP_BUFLEN])) {
            errf(msg, ml, "vNIC %u %s: the VM received %llu frames / %llu bytes / %llu ERR_BUFLEN, the device "
                          "counted RX_FRAMES %llu RX_BYTES %llu DROP_BUFLEN %llu",
                 v, nm, (unsigned long long)m->got_frames, (unsigned long long)m->got_bytes,
                 (unsigned long long)m->got_buflen, (unsigned long long)c[VNIC_VSTAT_RX_FRAMES],
                 (unsigned long long)c[VNIC_VSTAT_RX_BYTES], (unsigned long long)c[VNIC_VSTAT_DROP_BUFLEN]);
            return;
        }
    }
    for (unsigned i = 0; i < s->nvnic && r->drained; i++) {
        const struct vm *m = &R->vm[s->vnic[i].index];
        const uint64_t *c = r->v[i].st.c;
        if (m->tx_posted != c[VNIC_VSTAT_TX_FRAMES] + c[VNIC_VSTAT_DROP_SPOOF] + c[VNIC_VSTAT_DROP_TXLEN] ||
            m->tx_wire != c[VNIC_VSTAT_TX_FRAMES]) {
            errf(msg, ml, "vNIC %s: the VM queued %llu TX frames, %llu went out on the wire; the device counted "
                          "TX_FRAMES %llu + SPOOF %llu + TXLEN %llu",
                 s->vnic[i].name, (unsigned long long)m->tx_posted, (unsigned long long)m->tx_wire,
                 (unsigned long long)c[VNIC_VSTAT_TX_FRAMES], (unsigned long long)c[VNIC_VSTAT_DROP_SPOOF],
                 (unsigned long long)c[VNIC_VSTAT_DROP_TXLEN]);
            return;
        }
    }
    if (g[VNIC_GSTAT_RX_COPIES] != sum_in) {
        errf(msg, ml, "RX_COPIES %llu != sum of RX_IN %llu", (unsigned long long)g[VNIC_GSTAT_RX_COPIES],
             (unsigned long long)sum_in);
        return;
    }
    if (r->drained && vnic_dev_check_conservation(R->dev)) {
        errf(msg, ml, "libvnic: %s", vnic_dev_error(R->dev));
        return;
    }
    r->conservation_ok = 1;
    errf(msg, ml, "RX_FRAMES %llu = wire drops %llu + classified %llu; RX_COPIES %llu = sum RX_IN; per vNIC RX_IN = "
                  "delivered + drops%s",
         (unsigned long long)g[VNIC_GSTAT_RX_FRAMES], (unsigned long long)wire, (unsigned long long)r->classified,
         (unsigned long long)g[VNIC_GSTAT_RX_COPIES], r->drained ? "" : " + stored");
}

static void check_wire_errors(struct run *R)
{
    struct vnic_simrun_res *r = R->r;
    static const struct {
        unsigned verdict, gstat;
        const char *name;
    } k[] = {{VNIC_WIRE_MACERR, VNIC_GSTAT_DROP_MACERR, "MACERR"}, {VNIC_WIRE_TKEEP, VNIC_GSTAT_DROP_TKEEP, "TKEEP"},
             {VNIC_WIRE_RUNT, VNIC_GSTAT_DROP_RUNT, "RUNT"},       {VNIC_WIRE_OVERSIZE, VNIC_GSTAT_DROP_OVERSIZE, "OVERSIZE"},
             {VNIC_WIRE_FCS, VNIC_GSTAT_DROP_FCS, "FCS"},          {VNIC_WIRE_NOMATCH, VNIC_GSTAT_DROP_NOMATCH, "NOMATCH"}};
    int fifo = r->g.c[VNIC_GSTAT_DROP_FIFO] != 0;
    r->wire_errors_ok = 1;
    r->wire_errors_msg[0] = 0;
    for (unsigned i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        uint64_t want = R->predicted[k[i].verdict], got = r->g.c[k[i].gstat];
        if (fifo ? got > want : got != want) {
            r->wire_errors_ok = 0;
            errf(r->wire_errors_msg, sizeof(r->wire_errors_msg), "%s: device counted %llu, expected %s%llu",
                 k[i].name, (unsigned long long)got, fifo ? "at most " : "", (unsigned long long)want);
            return;
        }
    }
    errf(r->wire_errors_msg, sizeof(r->wire_errors_msg), "MACERR %llu TKEEP %llu RUNT %llu OVERSIZE %llu FCS %llu "
                                                         "NOMATCH %llu as predicted%s",
         (unsigned long long)r->g.c[VNIC_GSTAT_DROP_MACERR], (unsigned long long)r->g.c[VNIC_GSTAT_DROP_TKEEP],
         (unsigned long long)r->g.c[VNIC_GSTAT_DROP_RUNT], (unsigned long long)r->g.c[VNIC_GSTAT_DROP_OVERSIZE],
         (unsigned long long)r->g.c[VNIC_GSTAT_DROP_FCS], (unsigned long long)r->g.c[VNIC_GSTAT_DROP_NOMATCH],
         fifo ? " (upper bounds: FIFO drops)" : "");
}

int vnic_simrun(const struct vnic_scn *s, const struct vnic_pcap_trace *const *traces,
                const struct vnic_simrun_opts *o, struct vnic_simrun_res *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof(*r));
    struct run *R = calloc(1, sizeof(*R));
    struct vnic_gen_cfg *gc = calloc(1, sizeof(*gc)), *tgc = calloc(1, sizeof(*tgc));
    struct vnic_gen_trace_frame *tf[VNIC_GEN_MAX_STREAMS] = {0};
    struct vnic_gen *gen = NULL;
    int gen_to_scn[VNIC_GEN_MAX_STREAMS];
    int rc = -1;
    double t_start = wall();
    if (!R || !gc || !tgc) {
        errf(err, errlen, "out of memory");
        goto out;
    }
    R->s = s, R->o = o, R->r = r, R->traces = traces;
    R->w = vnic_scn_w(s);
    R->buf = malloc(RXBUF_CAP);
    if (!R->buf) {
        errf(err, errlen, "out of memory");
        goto out;
    }
    for (unsigned i = 0; i < s->nvnic; i++) {
        R->vm[s->vnic[i].index].lat.b = calloc(HIST_N, sizeof(uint32_t));
        if (!R->vm[s->vnic[i].index].lat.b) {
            errf(err, errlen, "out of memory");
            goto out;
        }
    }

    /* engine */
    struct vnic_engine_params mp;
    vnic_engine_params_default(&mp);
    mp.num_vnic = s->dev.num_vnic;
    mp.data_w = s->dev.data_w;
    mp.rx_buf_bytes = s->dev.rx_buf;
    mp.tx_buf_bytes = s->dev.tx_buf;
    mp.rx_fifo_bytes = s->dev.rx_fifo;
    mp.max_frame = s->dev.max_frame_param;
    mp.num_win = s->dev.num_win;
    mp.host_bpc = s->host.bpc;
    mp.host_lat = s->host.latency;
    mp.host_outstanding = s->host.outstanding;
    int erc = vnic_engine_open(o->engine, &mp, &R->eng, err, errlen);
    if (erc) {
        rc = erc;
        goto out;
    }
    if (o->pcap_out) {
        if (mkdir_p(o->pcap_out)) {
            errf(err, errlen, "cannot create %s: %s", o->pcap_out, strerror(errno));
            goto out;
        }
        char path[VNIC_SCN_PATH + 16];
        snprintf(path, sizeof(path), "%s/tx.pcap", o->pcap_out);
        if (vnic_pcap_writer_open(path, &R->txw, err, errlen))
            goto out;
    }
    if (configure(R, err, errlen))
        goto out;
    R->eng.ops->set_observer(R->eng.impl, on_event, R);
    R->eng.ops->set_tx(R->eng.impl, on_tx, R);

    /* traffic */
    vnic_gen_cfg_init(gc);
    vnic_gen_cfg_init(tgc);
    gc->data_bytes = R->w;
    gc->max_frame = s->dev.max_frame;
    gc->seed = s->seed;
    for (unsigned i = 0; i < s->nvnic && gc->navoid < VNIC_GEN_MAX_AVOID; i++)
        memcpy(gc->avoid[gc->navoid++], s->vnic[i].spec.mac, 6);
    tgc->data_bytes = R->w;
    tgc->max_frame = s->dev.max_frame;
    tgc->seed = s->seed ^ 0x5458u; /* "TX": its own sequence */
    for (unsigned i = 0; i < s->nstream; i++) {
        const struct vnic_scn_stream *st = &s->stream[i];
        if (!st->enabled)
            continue;
        if (st->from >= 0) {
            R->tgen_to_scn[tgc->nstreams] = (int)i;
            tgc->stream[tgc->nstreams++] = st->g;
            continue;
        }
        struct vnic_gen_stream_cfg *g = &gc->stream[gc->nstreams];
        *g = st->g;
        if (st->pcap[0]) {
            const struct vnic_pcap_trace *t = traces ? traces[i] : NULL;
            if (!t || !t->n) {
                errf(err, errlen, "[stream %s]: the capture %s has no frames", st->name, st->pcap);
                goto out;
            }
            tf[gc->nstreams] = malloc(t->n * sizeof(*tf[0]));
            if (!tf[gc->nstreams]) {
                errf(err, errlen, "out of memory");
                goto out;
            }
            for (size_t k = 0; k < t->n; k++)
                tf[gc->nstreams][k].data = t->pkt[k].data, tf[gc->nstreams][k].len = t->pkt[k].caplen;
            g->trace = tf[gc->nstreams];
            g->ntrace = t->n;
            g->trace_loops = st->pcap_loops;
            g->trace_raw = st->pcap_raw;
            r->replay_frames += t->n * (st->pcap_loops ? st->pcap_loops : 1);
            r->replay_truncated += t->truncated;
        }
        gen_to_scn[gc->nstreams++] = (int)i;
    }
    if (vnic_gen_new(gc, &gen, err, errlen))
        goto out;
    if (tgc->nstreams) {
        r->has_tx = 1;
        R->tx_pending = malloc(VNIC_GEN_MAX_LEN + 64);
        R->txbuf = malloc(VNIC_GEN_MAX_LEN + 128);
        if (!R->tx_pending || !R->txbuf) {
            errf(err, errlen, "out of memory");
            goto out;
        }
        if (vnic_gen_new(tgc, &R->tgen, err, errlen))
            goto out;
    }

    R->t0 = R->eng.ops->now(R->eng.impl);
    R->win0 = R->t0 + s->warmup;
    R->win1 = R->t0 + s->cycles;
    uint64_t end = R->t0 + s->cycles, step = s->host.poll;
    double last_prog = wall();
    int show = o->progress;
    uint64_t nframes = 0;
    int gen_done = 0;
    while (R->eng.ops->now(R->eng.impl) < end) {
        uint64_t now = R->eng.ops->now(R->eng.impl);
        uint64_t next = now + step < end ? now + step : end;
        while (!gen_done) {
            uint64_t pk = vnic_gen_peek_cycle(gen);
            if (pk == UINT64_MAX || (s->frames && nframes >= s->frames)) {
                gen_done = 1;
                break;
            }
            if (R->t0 + pk >= next)
                break;
            struct vnic_gen_frame f;
            vnic_gen_next(gen, &f);
            struct ent e = {0};
            e.seq = f.seq;
            e.eof = R->t0 + f.eof_cycle;
            e.len = f.len;
            e.crc = f.len >= 4 ? vnic_gen_fcs(f.data, f.len - 4) : 0;
            e.tstream = gc->stream[f.stream].ntrace ? gen_to_scn[f.stream] : -1;
            e.tindex = (uint32_t)f.trace_index;
            predict(R, f.data, f.len, f.flags, e.crc, &e);
            R->predicted[e.verdict]++;
            for (unsigned i = 0; i < s->nvnic; i++)
                if (e.verdict == VNIC_WIRE_CLASSIFIED && (e.expect & (1u << s->vnic[i].index)))
                    R->vm[s->vnic[i].index].expected++;
            if (dq_push(&R->inflight, &e)) {
                errf(err, errlen, "out of memory");
                goto out;
            }
            R->eng.ops->inject(R->eng.impl, R->t0 + f.sof_cycle, f.data, f.len, f.flags);
            r->injected++;
            r->injected_bytes += f.len;
            r->injected_err[f.err]++;
            nframes++;
        }
        if (tx_pump(R, next)) {
            errf(err, errlen, "a VM driver failed (see above)");
            goto out;
        }
        R->eng.ops->run_until(R->eng.impl, next);
        if (service(R, next - now)) {
            errf(err, errlen, "a VM driver failed (see above)");
            goto out;
        }
        if (R->oom) {
            errf(err, errlen, "out of memory");
            goto out;
        }
        if (show && (next & 0xffff) < step && wall() - last_prog > 0.5) {
            last_prog = wall();
            progress_line(next - R->t0, s->cycles, "run  ", t_start);
        }
        /* every stream has ended (replays, frame limits): the run ends here */
        if (gen_done && !R->tgen && next < end && next > R->win0) {
            end = next;
            R->win1 = next;
        }
    }
    /* drain: no more traffic, the VMs keep consuming */
    uint64_t dend = end + s->drain;
    while (!drained(R) && R->eng.ops->now(R->eng.impl) < dend) {
        uint64_t now = R->eng.ops->now(R->eng.impl);
        /* nothing decided, completed or sent for a long time: stuck, stop */
        if (now > end + DRAIN_STALL && now - (R->last_event > end ? R->last_event : end) > DRAIN_STALL)
            break;
        uint64_t next = now + step < dend ? now + step : dend;
        R->eng.ops->run_until(R->eng.impl, next);
        if (service(R, next - now)) {
            errf(err, errlen, "a VM driver failed (see above)");
            goto out;
        }
        if (show && (next & 0xffff) < step && wall() - last_prog > 0.5) {
            last_prog = wall();
            progress_line(next - end, s->drain, "drain", t_start);
        }
    }
    if (show)
        fprintf(stderr, "\r%72s\r", "");
    /* let the last completions' trailing work finish */
    R->eng.ops->run_until(R->eng.impl, R->eng.ops->now(R->eng.impl) + 1000);
    r->drained = drained(R);
    r->cycles = end - R->t0;
    r->drain_cycles = R->eng.ops->now(R->eng.impl) - end;

    /* collect */
    if (vnic_dev_global_stats(R->dev, &r->g)) {
        errf(err, errlen, "reading the global counters: %s", vnic_dev_error(R->dev));
        goto out;
    }
    double win = (double)(r->cycles - s->warmup);
    r->nvnic = s->nvnic;
    for (unsigned i = 0; i < s->nvnic; i++) {
        const struct vnic_scn_vnic *sv = &s->vnic[i];
        struct vm *m = &R->vm[sv->index];
        struct vnic_simrun_vnic *rv = &r->v[i];
        snprintf(rv->name, sizeof(rv->name), "%s", sv->name);
        rv->index = sv->index;
        memcpy(rv->mac, sv->spec.mac, 6);
        if (vnic_dev_vnic_stats(R->dev, sv->index, &rv->st)) {
            errf(err, errlen, "reading the counters of %s: %s", sv->name, vnic_dev_error(R->dev));
            goto out;
        }
        rv->offered = (double)m->off_b / win * GBPS_PER_BPC;
        rv->accepted = (double)m->acc_b / win * GBPS_PER_BPC;
        rv->delivered = (double)m->del_b / win * GBPS_PER_BPC;
        rv->off_frames = m->off_f, rv->acc_frames = m->acc_f, rv->del_frames = m->del_f;
        rv->got_frames = m->got_frames, rv->got_bytes = m->got_bytes, rv->got_buflen = m->got_buflen;
        rv->expected_copies = m->expected;
        rv->guar = sv->guar_gbps, rv->ceil = sv->ceil_gbps;
        rv->lat_p50 = hist_pct(&m->lat, 0.50);
        rv->lat_p99 = hist_pct(&m->lat, 0.99);
        rv->lat_max = (double)m->lat.max;
        rv->lat_n = m->lat.n;
        rv->tx = (double)m->tx_b / win * GBPS_PER_BPC;
        rv->tx_posted = m->tx_posted, rv->tx_wire = m->tx_wire;
        r->offered += rv->offered, r->accepted += rv->accepted, r->delivered += rv->delivered;
        r->expected_copies += m->expected;
    }
    r->host_capacity = s->host.service_bpc * GBPS_PER_BPC;
    r->mismatches = R->eng.ops->mismatches(R->eng.impl);
    for (unsigned i = 0; i < r->mismatches && i < 8; i++, r->nmismatch_msg++)
        snprintf(r->mismatch_msg[i], sizeof(r->mismatch_msg[i]), "%s", R->eng.ops->mismatch(R->eng.impl, i));
    check_conservation(R);
    check_wire_errors(R);
    r->wall_s = wall() - t_start;
    rc = 0;
out:
    if (R) {
        for (unsigned v = 0; v < 32; v++) {
            if (R->vm[v].vf)
                vnic_vf_close(R->vm[v].vf);
            if (R->vm[v].pw && vnic_pcap_writer_close(R->vm[v].pw) && rc == 0) {
                errf(err, errlen, "writing the pcap of vNIC %u failed", v);
                rc = -1;
            }
            free(R->vm[v].q.a);
            free(R->vm[v].txq.a);
            free(R->vm[v].lat.b);
        }
        if (R->txw && vnic_pcap_writer_close(R->txw) && rc == 0) {
            errf(err, errlen, "writing the TX pcap failed");
            rc = -1;
        }
        if (R->dev)
            vnic_dev_close(R->dev);
        vnic_engine_close(&R->eng);
        free(R->inflight.a);
        free(R->buf);
        free(R->tx_pending);
        free(R->txbuf);
        vnic_gen_free(R->tgen);
    }
    for (unsigned i = 0; i < VNIC_GEN_MAX_STREAMS; i++)
        free(tf[i]);
    vnic_gen_free(gen);
    free(gc);
    free(tgc);
    free(R);
    return rc;
}
