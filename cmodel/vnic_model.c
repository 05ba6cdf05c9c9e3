/* vNIC golden model: construction, the event core (queues, dispatch, time),
 * lockstep feeding, interrupts summary per cycle and mismatch records.
 * The behaviour of each block lives in vnic_model_{regs,rx,dma,tx}.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnic_model_int.h"

#define MM_KEEP 4096u /* mismatch texts kept; all are counted */

/* ------------------------------------------------------------ parameters */

void vnic_model_params_default(struct vnic_model_params *p)
{
    memset(p, 0, sizeof(*p));
    p->num_vnic = 8;
    p->data_w = 64;
    p->rx_buf_bytes = 65536;
    p->tx_buf_bytes = 65536;
    p->rx_fifo_bytes = 32768;
    p->max_frame = 9022;
    p->num_win = 4;
    p->rx_dec_lat = 3;
    p->host_bpc = 0;
    p->host_lat = 157;
    p->host_outstanding = 64;
}

static bool pow2(unsigned x) { return x && !(x & (x - 1)); }

static int check_params(const struct vnic_model_params *p, char *err, size_t errlen)
{
    if (p->num_vnic < 1 || p->num_vnic > NVMAX) {
        snprintf(err, errlen, "num_vnic = %u: must be 1..%u", p->num_vnic, (unsigned)NVMAX);
        return -1;
    }
    if (p->data_w != 64 && p->data_w != 128 && p->data_w != 256) {
        snprintf(err, errlen, "data_w = %u: must be 64, 128 or 256", p->data_w);
        return -1;
    }
    if (p->max_frame < 1522 || p->max_frame > 16383) {
        snprintf(err, errlen, "max_frame = %u: must be 1522..16383", p->max_frame);
        return -1;
    }
    if (!pow2(p->rx_buf_bytes) || p->rx_buf_bytes < 4096 || p->rx_buf_bytes > (1u << 30)) {
        snprintf(err, errlen, "rx_buf_bytes = %u: must be a power of two >= 4096", p->rx_buf_bytes);
        return -1;
    }
    if (!pow2(p->tx_buf_bytes) || p->tx_buf_bytes < 4096 || p->tx_buf_bytes > (1u << 30)) {
        snprintf(err, errlen, "tx_buf_bytes = %u: must be a power of two >= 4096", p->tx_buf_bytes);
        return -1;
    }
    if (!pow2(p->rx_fifo_bytes) || p->rx_fifo_bytes < 2 * p->max_frame) {
        snprintf(err, errlen, "rx_fifo_bytes = %u: must be a power of two >= 2*max_frame (%u)",
                 p->rx_fifo_bytes, 2 * p->max_frame);
        return -1;
    }
    if (p->num_win < 1 || p->num_win > VNIC_NUM_WIN_MAX) {
        snprintf(err, errlen, "num_win = %u: must be 1..%u", p->num_win, (unsigned)VNIC_NUM_WIN_MAX);
        return -1;
    }
    if (p->host_outstanding < 1) {
        snprintf(err, errlen, "host_outstanding = 0: at least one transfer must be allowed in flight");
        return -1;
    }
    return 0;
}

int vnic_model_new(const struct vnic_model_params *pin, const struct vnic_host_ops *host,
                   struct vnic_model **out, char *err, size_t errlen)
{
    struct vnic_model_params p;
    if (pin)
        p = *pin;
    else
        vnic_model_params_default(&p);
    *out = NULL;
    if (check_params(&p, err, errlen))
        return -1;
    if (!host || !host->read || !host->write) {
        snprintf(err, errlen, "host ops: read and write callbacks are required");
        return -1;
    }
    struct vnic_model *m = calloc(1, sizeof(*m));
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    m->p = p;
    m->host = *host;
    m->mode = VNIC_MODEL_STANDALONE;
    vnic_crc_init(&m->crc);
    m->W = p.data_w / 8;
    m->W_log2 = (unsigned)__builtin_ctz(m->W);
    m->bw = (p.host_bpc == 0 || p.host_bpc > m->W) ? m->W : p.host_bpc;
    m->bw_log2 = pow2(m->bw) ? __builtin_ctz(m->bw) : -1;
    m->rxbuf = calloc(1, p.rx_buf_bytes);
    m->txbuf = calloc(1, p.tx_buf_bytes);
    m->scratch = calloc(1, p.max_frame + 128u + 16384u);
    if (!m->rxbuf || !m->txbuf || !m->scratch) {
        vnic_model_free(m);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    m->irq_cyc = NOCYC;
    m->rx_wake_at = NOCYC;
    m->tx_wake_at = NOCYC;
    m->txdma_wake_at = NOCYC;
    m->last_free_cyc = 0;
    m->last_cpl_cyc = 0;
    m->last_rank = -1;
    for (unsigned r = 0; r < R_NUM; r++)
        m->qhc[r] = NOCYC;
    for (unsigned v = 0; v < NVMAX; v++) {
        for (unsigned r = 0; r < 2; r++)
            m->v[v].ring[r].itr_timer_at = NOCYC;
    }
    regs_init(m);
    *out = m;
    return 0;
}

void vnic_model_free(struct vnic_model *m)
{
    if (!m)
        return;
    for (unsigned r = 0; r < R_NUM; r++)
        free(m->q[r].buf);
    for (unsigned v = 0; v < NVMAX; v++) {
        free(m->v[v].rxq.buf);
        free(m->v[v].txq.buf);
        free(m->v[v].rxr.buf);
        free(m->v[v].txr.buf);
        free(m->v[v].txc.buf);
        free(m->v[v].txpend);
    }
    for (unsigned i = 0; i < m->mm_n; i++)
        free(m->mm[i]);
    free(m->mm);
    free(m->wf);
    free(m->wbuf);
    free(m->rel);
    free(m->rxbuf);
    free(m->txbuf);
    free(m->scratch);
    free(m);
}

void vnic_model_set_mode(struct vnic_model *m, enum vnic_model_mode mode)
{
    m->mode = mode;
    wire_next_update(m);
}

const struct vnic_model_params *vnic_model_get_params(const struct vnic_model *m) { return &m->p; }

int vnic_model_window(const struct vnic_model *m, unsigned v, unsigned w, uint64_t *gbase,
                      uint64_t *hbase, uint64_t *size)
{
    if (v >= m->p.num_vnic || w >= m->p.num_win)
        return -1;
    const struct vcfg *c = &m->v[v].cfg;
    *gbase = c->win[w].gbase;
    *hbase = c->win[w].hbase;
    *size = c->win[w].size;
    return 0;
}

uint64_t vnic_model_now(const struct vnic_model *m) { return m->now; }

void vnic_model_set_observer(struct vnic_model *m,
                             void (*cb)(void *ctx, const struct vnic_ev *ev), void *ctx)
{
    m->obs = cb;
    m->obs_ctx = ctx;
}

/* ------------------------------------------------------------ mismatches */

void mismatch(struct vnic_model *m, uint64_t cycle, long seq, long vnic, const char *fmt, ...)
{
    m->mm_total++;
    if (m->mm_n >= MM_KEEP)
        return;
    char body[400], line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof(body), fmt, ap);
    va_end(ap);
    int k = snprintf(line, sizeof(line), "cycle %llu", (unsigned long long)cycle);
    if (seq >= 0)
        k += snprintf(line + k, sizeof(line) - (size_t)k, " seq %ld", seq);
    if (vnic >= 0)
        k += snprintf(line + k, sizeof(line) - (size_t)k, " vnic %ld", vnic);
    snprintf(line + k, sizeof(line) - (size_t)k, ": %s", body);
    if (m->mm_n == m->mm_cap) {
        unsigned nc = m->mm_cap ? 2 * m->mm_cap : 16;
        char **nm = realloc(m->mm, nc * sizeof(*nm));
        if (!nm)
            return;
        m->mm = nm;
        m->mm_cap = nc;
    }
    size_t len = strlen(line) + 1;
    char *s = malloc(len);
    if (!s)
        return;
    memcpy(s, line, len);
    m->mm[m->mm_n++] = s;
}

unsigned vnic_model_mismatches(const struct vnic_model *m) { return m->mm_total; }

const char *vnic_model_mismatch(const struct vnic_model *m, unsigned i)
{
    return i < m->mm_n ? m->mm[i] : NULL;
}

/* ------------------------------------------------------------ event names */

const char *vnic_ev_type_name(enum vnic_ev_type t)
{
    switch ((int)t) {
    case VNIC_EV_RX_SOF: return "RX_SOF";
    case VNIC_EV_RX_DEC: return "RX_DEC";
    case VNIC_EV_RX_FIFO_REL: return "RX_FIFO_REL";
    case VNIC_EV_RX_STORED: return "RX_STORED";
    case VNIC_EV_RX_GRANT: return "RX_GRANT";
    case VNIC_EV_RX_FREE: return "RX_FREE";
    case VNIC_EV_RX_CPL: return "RX_CPL";
    case VNIC_EV_TX_QUEUED: return "TX_QUEUED";
    case VNIC_EV_TX_GRANT: return "TX_GRANT";
    case VNIC_EV_TX_SENT: return "TX_SENT";
    case VNIC_EV_CMD: return "CMD";
    case VNIC_EV_FAULT: return "FAULT";
    case VNIC_EV_IRQ: return "IRQ";
    case VNIC_EV_TX_CPL: return "TX_CPL";
    default: return "?";
    }
}

int vnic_ev_format(const struct vnic_ev *ev, char *buf, size_t len)
{
    const char *n = vnic_ev_type_name(ev->type);
    unsigned long long c = (unsigned long long)ev->cycle;
    switch ((int)ev->type) {
    case VNIC_EV_RX_SOF:
        return snprintf(buf, len, "%llu %s seq=%u fifo_ok=%u", c, n, ev->seq, ev->fifo_ok);
    case VNIC_EV_RX_DEC: {
        char oc[33 * 2 + 1];
        unsigned k = 0;
        for (unsigned v = 0; v < 32; v++)
            if (ev->dest & (1u << v))
                k += (unsigned)snprintf(oc + k, sizeof(oc) - k, "%u", ev->outcome[v] & 3u);
        oc[k] = 0;
        return snprintf(buf, len, "%llu %s seq=%u wire=%u dest=0x%x outcome=%s", c, n, ev->seq,
                        ev->wire, ev->dest, oc);
    }
    case VNIC_EV_RX_FIFO_REL:
        return snprintf(buf, len, "%llu %s seq=%u", c, n, ev->seq);
    case VNIC_EV_RX_GRANT:
    case VNIC_EV_TX_GRANT:
        if (ev->vnic == VNIC_EV_NO_VNIC)
            return snprintf(buf, len, "%llu %s none elig=0x%x", c, n, ev->elig);
        return snprintf(buf, len, "%llu %s vnic=%u elig=0x%x", c, n, ev->vnic, ev->elig);
    case VNIC_EV_CMD:
        return snprintf(buf, len, "%llu %s op=%u vnic=%u err=%u", c, n, ev->op, ev->vnic, ev->err);
    case VNIC_EV_FAULT:
        return snprintf(buf, len, "%llu %s vnic=%u reason=%u addr=0x%llx", c, n, ev->vnic,
                        ev->reason, (unsigned long long)ev->addr);
    case VNIC_EV_IRQ:
        return snprintf(buf, len, "%llu %s mask=0x%x%016llx", c, n, ev->irq_mask_hi,
                        (unsigned long long)ev->irq_mask);
    default:
        return snprintf(buf, len, "%llu %s vnic=%u", c, n, ev->vnic);
    }
}

/* ------------------------------------------------------------ FIFOs */

void *fifo_push(struct fifo *q, size_t esz, uint32_t first_cap)
{
    if (q->n == q->cap) {
        uint32_t nc = q->cap ? 2 * q->cap : first_cap;
        char *nb = malloc((size_t)nc * esz);
        if (!nb)
            return NULL;
        for (uint32_t i = 0; i < q->n; i++)
            memcpy(nb + (size_t)i * esz, fifo_at(q, esz, i), esz);
        free(q->buf);
        q->buf = nb;
        q->cap = nc;
        q->head = 0;
    }
    void *e = fifo_at(q, esz, q->n++);
    memset(e, 0, esz);
    return e;
}

void fifo_remove(struct fifo *q, size_t esz, uint32_t i)
{
    for (; i + 1 < q->n; i++)
        memcpy(fifo_at(q, esz, i), fifo_at(q, esz, i + 1), esz);
    q->n--;
}

/* ------------------------------------------------------------ event queues
 *
 * One FIFO per rank (struct evq), in cycle order; the cycle of each head is
 * kept in m->qhc[] and the non-empty queues in m->qmask, so finding the next
 * event is one pass over a few words. Queuing is almost always an append
 * (sched_qi() in vnic_model_int.h, inline); the wire frames' RX_SOF and
 * RX_DEC are not queued at all (wire_next_update()). Nothing here allocates
 * per event: a queue's ring only doubles when it fills. */

int rank_of(int type)
{
    return type < 0 ? -1 : ev_rank((unsigned)type);
}

int vnic_ev_cmp(const struct vnic_ev *a, const struct vnic_ev *b)
{
    if (a->cycle != b->cycle)
        return a->cycle < b->cycle ? -1 : 1;
    int ra = rank_of((int)a->type), rb = rank_of((int)b->type);
    return (ra > rb) - (ra < rb);
}

static int evq_grow(struct evq *q)
{
    uint32_t nc = q->cap ? 2 * q->cap : 64;
    struct qi *nb = malloc((size_t)nc * sizeof(*nb));
    if (!nb)
        return -1;
    for (uint32_t i = 0; i < q->n; i++)
        nb[i] = q->buf[(q->head + i) & (q->cap - 1)];
    free(q->buf);
    q->buf = nb;
    q->cap = nc;
    q->head = 0;
    return 0;
}

/* Insert into queue r in cycle order, behind the events of the same cycle
 * (the out-of-line part of sched_qi(): a queue to grow, or an event due
 * before the queue's last one). */
void qi_insert(struct vnic_model *m, int r, const struct qi *it)
{
    struct evq *q = &m->q[r];
    if (q->n == q->cap && evq_grow(q))
        return;
    uint32_t mask = q->cap - 1;
    uint32_t pos = q->n;
    while (pos > 0 && q->buf[(q->head + pos - 1) & mask].cycle > it->cycle) {
        q->buf[(q->head + pos) & mask] = q->buf[(q->head + pos - 1) & mask];
        pos--;
    }
    q->buf[(q->head + pos) & mask] = *it;
    q->n++;
    if (pos == 0) {
        m->qhc[r] = it->cycle;
        m->qmask |= 1u << r;
    }
}

void evq_push(struct vnic_model *m, const struct vnic_ev *ev)
{
    sched_qi(m, ev->type, ev->cycle, ev->vnic, ev->seq, ev->op, ev->err, ev->reason, ev->addr);
}

/* Stand-alone: the wire frames' own RX_SOF and RX_DEC are read in order
 * from the frame queue. Recompute the next of each (m->wire_sof/dec_cyc,
 * valid bits in m->wire_next) after a frame is added or one of them is
 * applied; frames dropped at their first beat have no RX_DEC. */
void wire_next_update(struct vnic_model *m)
{
    m->wire_next = 0;
    if (!standalone(m))
        return;
    while (m->vs_dec < m->vs_sof) {
        const struct wframe *f = wf_get(m, m->vs_dec);
        if (f && !f->dropped)
            break;
        m->vs_dec++;
    }
    if (m->vs_sof < m->next_seq) {
        m->wire_sof_cyc = wf_get(m, m->vs_sof)->sof_cyc;
        m->wire_next |= 1u;
    }
    if (m->vs_dec < m->vs_sof) {
        m->wire_dec_cyc = wf_get(m, m->vs_dec)->dec_cyc;
        m->wire_next |= 2u;
    }
}

/* The next event: the smallest (cycle, rank) over the next wire RX_SOF and
 * RX_DEC and the queue heads. Returns its rank, or -1 when nothing is due. */
static inline int q_next(const struct vnic_model *m, uint64_t *cyc)
{
    uint64_t best = NOCYC;
    int br = -1;
    if (m->wire_next) {
        if (m->wire_next & 1u) {
            best = m->wire_sof_cyc;
            br = R_RX_SOF;
        }
        if ((m->wire_next & 2u) && m->wire_dec_cyc < best) {
            best = m->wire_dec_cyc;
            br = R_RX_DEC;
        }
    }
    for (uint32_t mask = m->qmask; mask; mask &= mask - 1) {
        int r = __builtin_ctz(mask);
        uint64_t c = m->qhc[r];
        br = c < best ? r : br; /* no branch: the winner is unpredictable */
        best = c < best ? c : best;
    }
    *cyc = best;
    return br;
}

/* Pop the event q_next() found (rank r, cycle c) into ev, every field set. */
static inline void q_pop(struct vnic_model *m, int r, uint64_t c, struct vnic_ev *ev)
{
    ev_zero(ev);
    ev->cycle = c;
    if (r <= R_RX_DEC) { /* nothing queues RX_SOF or RX_DEC: a wire frame's event */
        ev->type = r == R_RX_SOF ? VNIC_EV_RX_SOF : VNIC_EV_RX_DEC;
        ev->seq = r == R_RX_SOF ? m->vs_sof++ : m->vs_dec++;
        return;
    }
    struct evq *q = &m->q[r];
    const struct qi *it = &q->buf[q->head];
    const uint64_t tv = it->type_vnic, so = it->seq_op, er = it->err_reason;
    ev->type = (enum vnic_ev_type)(uint32_t)tv;
    ev->vnic = (uint32_t)(tv >> 32);
    ev->seq = (uint32_t)so;
    ev->op = (uint32_t)(so >> 32);
    ev->err = (uint32_t)er;
    ev->reason = (uint32_t)(er >> 32);
    ev->addr = it->addr;
    q->head = (q->head + 1) & (q->cap - 1);
    if (--q->n == 0) {
        m->qmask &= ~(1u << r);
        m->qhc[r] = NOCYC;
    } else {
        m->qhc[r] = q->buf[q->head].cycle;
    }
}

/* ------------------------------------------------------------ interrupts per cycle */

static void irq_begin(struct vnic_model *m)
{
    if (m->irq_cyc != m->now) {
        irq_flush(m);
        m->irq_cyc = m->now;
        m->irq_own = m->irq_rtl = 0;
        m->irq_own_hi = m->irq_rtl_hi = 0;
        m->irq_rtl_seen = false;
    }
}

void irq_trigger(struct vnic_model *m, unsigned vector)
{
    irq_begin(m);
    if (vector < 64)
        m->irq_own |= 1ull << vector;
    else
        m->irq_own_hi |= 1u << (vector - 64);
}

void irq_rtl(struct vnic_model *m, const struct vnic_ev *ev)
{
    irq_begin(m);
    if (m->irq_rtl_seen)
        mismatch(m, ev->cycle, -1, -1, "two IRQ events in one cycle");
    m->irq_rtl |= ev->irq_mask;
    m->irq_rtl_hi |= ev->irq_mask_hi;
    m->irq_rtl_seen = true;
}

static void vec_list(char *buf, size_t len, uint64_t lo, uint32_t hi)
{
    size_t k = 0;
    buf[0] = 0;
    for (unsigned i = 0; i < 96 && k + 8 < len; i++) {
        bool set = i < 64 ? (lo >> i) & 1 : (i - 64 < 32 && ((hi >> (i - 64)) & 1));
        if (set)
            k += (size_t)snprintf(buf + k, len - k, "%s%u", k ? "," : "", i);
    }
    if (!k)
        snprintf(buf, len, "none");
}

/* End of a trigger cycle: stand-alone reports the IRQ event; lockstep
 * compares the RTL's vectors with the model's own triggers. */
void irq_flush(struct vnic_model *m)
{
    if (m->irq_cyc == NOCYC)
        return;
    uint64_t c = m->irq_cyc;
    m->irq_cyc = NOCYC;
    if (standalone(m)) {
        if (m->irq_own || m->irq_own_hi) {
            struct vnic_ev ev;
            ev_zero(&ev);
            ev.cycle = c;
            ev.type = VNIC_EV_IRQ;
            ev.irq_mask = m->irq_own;
            ev.irq_mask_hi = m->irq_own_hi;
            report(m, &ev);
        }
    } else if (m->irq_own != m->irq_rtl || m->irq_own_hi != m->irq_rtl_hi) {
        char a[200], b[200];
        vec_list(a, sizeof(a), m->irq_own, m->irq_own_hi);
        vec_list(b, sizeof(b), m->irq_rtl, m->irq_rtl_hi);
        mismatch(m, c, -1, -1, "IRQ trigger: expected vectors %s, got %s", a, b);
    }
}

static void advance(struct vnic_model *m, uint64_t c)
{
    if (c > m->now) {
        if (m->irq_cyc != NOCYC && m->irq_cyc < c)
            irq_flush(m);
        m->now = c;
        m->last_rank = -1;
    }
}

/* ------------------------------------------------------------ dispatch */

static void dispatch(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    switch ((int)ev->type) {
    case VNIC_EV_RX_SOF: apply_rx_sof(m, ev, ext); break;
    case VNIC_EV_RX_DEC: apply_rx_dec(m, ev, ext); break;
    case VNIC_EV_RX_FIFO_REL: apply_rx_fifo_rel(m, ev, ext); break;
    case VNIC_EV_RX_STORED: apply_rx_stored(m, ev, ext); break;
    case VNIC_EV_RX_GRANT: apply_rx_grant(m, ev, ext); break;
    case VNIC_EV_RX_FREE: apply_rx_free(m, ev, ext); break;
    case VNIC_EV_RX_CPL: apply_rx_cpl(m, ev, ext); break;
    case VNIC_EV_TX_QUEUED: apply_tx_queued(m, ev, ext); break;
    case VNIC_EV_TX_GRANT: apply_tx_grant(m, ev, ext); break;
    case VNIC_EV_TX_SENT: apply_tx_sent(m, ev, ext); break;
    case VNIC_EV_TX_CPL: apply_tx_cpl(m, ev, ext); break;
    case VNIC_EV_CMD: apply_cmd(m, ev, ext); break;
    case VNIC_EV_FAULT: apply_fault(m, ev, ext); break;
    case VNIC_EV_IRQ:
        if (ext) {
            irq_rtl(m, ev);
            report(m, ev);
        }
        break;
    case EVI_RX_DESC: apply_ring_desc(m, ev, 0); break;
    case EVI_TX_DESC: apply_ring_desc(m, ev, 1); break;
    case EVI_TX_DMA: apply_tx_dma(m, ev); break;
    case EVI_TX_DATA: apply_tx_data(m, ev); break;
    case EVI_IRQ_CHK: apply_irq_chk(m, ev); break;
    default: break;
    }
}

/* Apply an event the model generated itself, now (used when one decision
 * produces another in the same cycle, e.g. a register write's command). */
void dispatch_own(struct vnic_model *m, struct vnic_ev *ev)
{
    advance(m, ev->cycle);
    dispatch(m, ev, false);
}

/* Apply the model's own next event (rank r at cycle c, from q_next()). The
 * wire frames' events are applied without the type switch. */
static inline void step_own(struct vnic_model *m, int r, uint64_t c)
{
    struct vnic_ev ev;
    q_pop(m, r, c, &ev);
    advance(m, c);
    if (r == R_RX_SOF) {
        apply_rx_sof(m, &ev, false);
        wire_next_update(m);
    } else if (r == R_RX_DEC) {
        apply_rx_dec(m, &ev, false);
        wire_next_update(m);
    } else {
        dispatch(m, &ev, false);
    }
}

/* Process the model's own queued events with (cycle, rank) < (cyc, rank). */
static void run_own(struct vnic_model *m, uint64_t cyc, int rank)
{
    uint64_t c;
    int r;
    while ((r = q_next(m, &c)) >= 0 && (c < cyc || (c == cyc && r < rank)))
        step_own(m, r, c);
}

void vnic_model_run_until(struct vnic_model *m, uint64_t cycle)
{
    if (cycle == NOCYC)
        cycle = NOCYC - 1;
    run_own(m, cycle + 1, 0);
    advance(m, cycle);
}

uint64_t vnic_model_drain(struct vnic_model *m, uint64_t max_cycles)
{
    if (!standalone(m))
        return m->now; /* lockstep: time comes from the RTL's events */
    uint64_t limit = m->now + max_cycles;
    if (limit < m->now)
        limit = NOCYC - 2;
    uint64_t c;
    int r;
    while ((r = q_next(m, &c)) >= 0 && c <= limit)
        step_own(m, r, c);
    /* one cycle past the last event: its interrupt summary is complete */
    advance(m, m->now + 1);
    return m->now;
}

unsigned vnic_model_event(struct vnic_model *m, const struct vnic_ev *ev)
{
    unsigned before = m->mm_total;
    int r = rank_of((int)ev->type);
    if (r < 0 || (int)ev->type >= (int)EVI_RX_DESC) {
        mismatch(m, ev->cycle, -1, -1, "unknown event type %d", (int)ev->type);
        return m->mm_total - before;
    }
    if (m->mode != VNIC_MODEL_LOCKSTEP) {
        mismatch(m, ev->cycle, -1, -1, "%s fed to a model in stand-alone mode",
                 vnic_ev_type_name(ev->type));
        return m->mm_total - before;
    }
    if (ev->cycle < m->now || (ev->cycle == m->now && r < m->last_rank))
        mismatch(m, ev->cycle, -1, -1, "%s out of order (model is at cycle %llu)",
                 vnic_ev_type_name(ev->type), (unsigned long long)m->now);
    run_own(m, ev->cycle, r);
    advance(m, ev->cycle);
    if (r > m->last_rank)
        m->last_rank = r;
    struct vnic_ev e = *ev;
    dispatch(m, &e, true);
    return m->mm_total - before;
}

/* ------------------------------------------------------------ end-of-run checks */

unsigned vnic_model_finish(struct vnic_model *m)
{
    unsigned before = m->mm_total;
    run_own(m, m->now + 1, 0);
    irq_flush(m);
    if (standalone(m))
        return 0;
    if (m->cmd_busy)
        mismatch(m, m->now, -1, (long)m->cmd_vnic, "command %u never completed", m->cmd_op);
    for (unsigned v = 0; v < m->p.num_vnic; v++) {
        struct vnic_state *s = &m->v[v];
        if (s->bad_tail.valid)
            mismatch(m, m->now, -1, (long)v, "expected FAULT BAD_TAIL addr 0x%llx not reported",
                     (unsigned long long)s->bad_tail.addr);
        for (uint32_t i = 0; i < s->rxr.n; i++) {
            struct rxrec *rc = rxr_at(&s->rxr, i);
            if (!rc->done && rc->out == RXO_FAULT)
                mismatch(m, m->now, -1, (long)v,
                         "expected FAULT reason %u addr 0x%llx not reported", rc->reason,
                         (unsigned long long)rc->faddr);
        }
        for (uint32_t i = 0; i < s->txr.n; i++) {
            struct txrec *tc = txr_at(&s->txr, i);
            if (tc->kind == TXE_FAULT)
                mismatch(m, m->now, -1, (long)v,
                         "expected FAULT reason %u addr 0x%llx not reported", tc->reason,
                         (unsigned long long)tc->faddr);
        }
    }
    return m->mm_total - before;
}

/* ------------------------------------------------------------ conservation */

uint64_t vnic_model_rx_pending(const struct vnic_model *m, unsigned v)
{
    if (v >= m->p.num_vnic)
        return 0;
    const struct vnic_state *s = &m->v[v];
    uint64_t inflight = 0;
    for (uint32_t i = 0; i < s->rxr.n; i++)
        if (!rxr_at(&s->rxr, i)->done)
            inflight++;
    /* frames in the partition not yet granted, plus frames in the engine */
    return (uint64_t)(s->rxq.n - s->rx_ngranted) + inflight;
}

int vnic_model_check_conservation(const struct vnic_model *m, char *err, size_t errlen)
{
    const uint64_t *g = m->gstat;
    uint64_t wire = g[GS_DROP_FIFO] + g[GS_DROP_RXOFF] + g[GS_DROP_MACERR] + g[GS_DROP_TKEEP] +
                    g[GS_DROP_RUNT] + g[GS_DROP_OVERSIZE] + g[GS_DROP_FCS] + g[GS_DROP_NOMATCH];
    if (g[GS_RX_FRAMES] != wire + m->classified) {
        snprintf(err, errlen,
                 "RX_FRAMES %llu != wire drops %llu + classified %llu",
                 (unsigned long long)g[GS_RX_FRAMES], (unsigned long long)wire,
                 (unsigned long long)m->classified);
        return -1;
    }
    uint64_t in = 0;
    for (unsigned v = 0; v < m->p.num_vnic; v++) {
        const uint64_t *st = m->v[v].stat;
        in += st[ST_RX_IN];
        uint64_t pend = vnic_model_rx_pending(m, v);
        uint64_t sum = st[ST_RX_FRAMES] + st[ST_DROP_POLICER] + st[ST_DROP_NOBUF] +
                       st[ST_DROP_HALTED] + st[ST_DROP_BUFLEN] + pend;
        if (st[ST_RX_IN] != sum) {
            snprintf(err, errlen,
                     "vnic %u: RX_IN %llu != RX_FRAMES %llu + POLICER %llu + NOBUF %llu + "
                     "HALTED %llu + BUFLEN %llu + stored %llu",
                     v, (unsigned long long)st[ST_RX_IN], (unsigned long long)st[ST_RX_FRAMES],
                     (unsigned long long)st[ST_DROP_POLICER], (unsigned long long)st[ST_DROP_NOBUF],
                     (unsigned long long)st[ST_DROP_HALTED], (unsigned long long)st[ST_DROP_BUFLEN],
                     (unsigned long long)pend);
            return -1;
        }
    }
    in += m->rx_in_cleared; /* RX_IN zeroed by CLEAR_STATS */
    if (g[GS_RX_COPIES] != in) {
        snprintf(err, errlen, "RX_COPIES %llu != sum of RX_IN %llu",
                 (unsigned long long)g[GS_RX_COPIES], (unsigned long long)in);
        return -1;
    }
    return 0;
}
