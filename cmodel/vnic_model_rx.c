/* vNIC model: the receive path up to the partition — wire checks (§4.1),
 * classification (§4.2), admission with the policer and partition space
 * (§4.3, §4.4), the ingress FIFO and the copy engine (§4.5), partitions
 * (§4.6). */
#include <stdlib.h>
#include <string.h>

#include "vnic_model_int.h"

/* ------------------------------------------------------------ helpers */

/* memcpy for the copies made once per frame: 32..64 bytes (a minimum
 * frame) as two overlapping fixed-size moves, inline; the rest by memcpy. */
static inline void fcopy(uint8_t *d, const uint8_t *s, size_t n)
{
    if (n >= 32 && n <= 64) {
        uint8_t a[32], b[32];
        memcpy(a, s, 32);
        memcpy(b, s + n - 32, 32);
        memcpy(d, a, 32);
        memcpy(d + n - 32, b, 32);
        return;
    }
    memcpy(d, s, n);
}

void part_write(uint8_t *buf, uint32_t base, uint32_t size, uint32_t off, const uint8_t *src,
                uint32_t n)
{
    if (!size)
        return;
    uint32_t first = size - off < n ? size - off : n;
    fcopy(buf + base + off, src, first);
    if (n > first)
        memcpy(buf + base, src + first, n - first);
}

void part_read(const uint8_t *buf, uint32_t base, uint32_t size, uint32_t off, uint8_t *dst,
               uint32_t n)
{
    if (!size)
        return;
    uint32_t first = size - off < n ? size - off : n;
    memcpy(dst, buf + base + off, first);
    if (n > first)
        memcpy(dst + first, buf + base, n - first);
}

/* Policer bucket at the start of cycle t (closed form of §4.3). */
static uint64_t pol_at(const struct vnic_state *s, uint64_t t)
{
    uint64_t B = (uint64_t)s->cfg.pol_burst << 24;
    uint64_t val = s->pol_val;
    if (val >= B)
        return B;
    if (t <= s->pol_cyc || s->cfg.pol_rate == 0)
        return val;
    uint64_t k = t - s->pol_cyc, R = s->cfg.pol_rate;
    if (k >= (B - val + R - 1) / R)
        return B;
    return val + k * R;
}

/* ------------------------------------------------------------ wire frames */

static const uint8_t *wf_data(const struct vnic_model *m, const struct wframe *f)
{
    return m->wbuf + (f->off - m->wbuf_base);
}

/* Drop finished frames from the head of the wire queue. */
static void wf_retire(struct vnic_model *m)
{
    while (m->wf_n) {
        struct wframe *f = &m->wf[m->wf_head];
        if (!f->done) /* one flag: a load of two just-stored flags would stall */
            break;
        m->wf_head = (m->wf_head + 1) & (m->wf_cap - 1);
        m->wf_n--;
        m->wbase++;
    }
}

static uint64_t wbuf_head(const struct vnic_model *m)
{
    return m->wf_n ? m->wf[m->wf_head].off : m->wbuf_tail;
}

static int wbuf_append(struct vnic_model *m, const uint8_t *d, uint32_t len, uint64_t *off)
{
    uint64_t head = wbuf_head(m);
    if (m->wbuf_tail - m->wbuf_base + len > m->wbuf_cap) {
        uint64_t live = m->wbuf_tail - head;
        if (live && head != m->wbuf_base)
            memmove(m->wbuf, m->wbuf + (head - m->wbuf_base), live);
        m->wbuf_base = head;
        if (live + len > m->wbuf_cap) {
            uint64_t nc = m->wbuf_cap ? 2 * m->wbuf_cap : 65536;
            while (nc < live + len)
                nc *= 2;
            uint8_t *nb = realloc(m->wbuf, nc);
            if (!nb)
                return -1;
            m->wbuf = nb;
            m->wbuf_cap = nc;
        }
    }
    if (len)
        fcopy(m->wbuf + (m->wbuf_tail - m->wbuf_base), d, len);
    *off = m->wbuf_tail;
    m->wbuf_tail += len;
    return 0;
}

void vnic_model_rx(struct vnic_model *m, uint64_t sof_cycle, const struct vnic_wire_frame *f)
{
    if (m->wf_n == m->wf_cap) {
        uint32_t nc = m->wf_cap ? 2 * m->wf_cap : 256;
        struct wframe *nw = malloc((size_t)nc * sizeof(*nw));
        if (!nw)
            return;
        for (uint32_t i = 0; i < m->wf_n; i++)
            nw[i] = m->wf[(m->wf_head + i) & (m->wf_cap - 1)];
        free(m->wf);
        m->wf = nw;
        m->wf_cap = nc;
        m->wf_head = 0;
    }
    uint64_t off;
    if (wbuf_append(m, f->data, f->len, &off))
        return;
    struct wframe *w = &m->wf[(m->wf_head + m->wf_n) & (m->wf_cap - 1)];
    memset(w, 0, sizeof(*w));
    w->off = off;
    w->len = f->len;
    w->flags = f->flags;
    if (m->wf_n == 0)
        m->wbase = m->next_seq;
    m->wf_n++;
    m->next_seq++;
    if (!standalone(m))
        return;
    /* stand-alone wire timing: one beat of W bytes per cycle, frames in order */
    uint64_t sof = umax64(sof_cycle, m->now + 1);
    if (m->next_seq > 1)
        sof = umax64(sof, m->wire_last + 1);
    uint32_t beats = f->len ? wwords(m, f->len) : 1;
    m->wire_last = sof + beats - 1;
    /* RX_SOF and RX_DEC of wire frames are read from the frame queue itself
     * (in order), not scheduled: see q_next() */
    w->sof_cyc = sof;
    w->dec_cyc = m->wire_last + m->p.rx_dec_lat;
    if (!(m->wire_next & 1u))
        wire_next_update(m);
}

/* ------------------------------------------------------------ RX_SOF: ingress FIFO admission */

void apply_rx_sof(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    struct wframe *f = wf_get(m, ev->seq);
    if (!f) {
        mismatch(m, ev->cycle, ev->seq, -1, "RX_SOF for a frame the model was not given");
        return;
    }
    if (f->sofdone) {
        mismatch(m, ev->cycle, ev->seq, -1, "second RX_SOF for one frame");
        return;
    }
    if (ext && ev->seq != m->next_sof)
        mismatch(m, ev->cycle, ev->seq, -1, "RX_SOF out of order: expected seq %u", m->next_sof);
    m->next_sof = ev->seq + 1;
    f->sofdone = 1;
    uint64_t mf = gmaxframe(m);
    uint64_t need = (uint64_t)m->W * wwords(m, (uint32_t)mf);
    bool ok = m->fifo_occ + need <= m->p.rx_fifo_bytes;
    if (ext && (ev->fifo_ok != 0) != ok)
        mismatch(m, ev->cycle, ev->seq, -1, "RX_SOF fifo_ok expected %u, got %u", ok, ev->fifo_ok);
    if (!ext)
        ev->fifo_ok = ok;
    report(m, ev);
    if (ok) {
        uint32_t stored = f->len < mf ? f->len : (uint32_t)mf;
        f->words = wwords(m, stored);
        m->fifo_occ += (uint64_t)f->words * m->W;
        f->admitted = 1;
    } else {
        m->gstat[GS_DROP_FIFO]++;
        m->gstat[GS_RX_FRAMES]++;
        m->gstat[GS_RX_BYTES] += f->len;
        f->dropped = 1;
        f->done = 1;
        if (m->last_dec == ev->seq)
            m->last_dec = ev->seq + 1;
        wf_retire(m);
    }
}

/* ------------------------------------------------------------ RX_DEC: checks, classification, admission */

static unsigned wire_verdict(const struct vnic_model *m, const struct wframe *f, const uint8_t *d)
{
    uint32_t L = f->len;
    if (!(gctrl(m) & VNIC_PF_G_CTRL_RX_EN_MASK))
        return VNIC_WIRE_RXOFF;
    if (f->flags & VNIC_WF_MACERR)
        return VNIC_WIRE_MACERR;
    if (f->flags & VNIC_WF_BADTKEEP)
        return VNIC_WIRE_TKEEP;
    if (L < 64)
        return VNIC_WIRE_RUNT;
    if (L > gmaxframe(m))
        return VNIC_WIRE_OVERSIZE;
    uint32_t fcs = (uint32_t)d[L - 4] | ((uint32_t)d[L - 3] << 8) | ((uint32_t)d[L - 2] << 16) |
                   ((uint32_t)d[L - 1] << 24);
    if (vnic_crc32(&m->crc, 0, d, L - 4) != fcs)
        return VNIC_WIRE_FCS;
    return VNIC_WIRE_CLASSIFIED;
}

/* Destination set of §4.2 and the descriptor flags of the DA. */
static uint32_t classify(const struct vnic_model *m, const uint8_t *d, uint8_t *flags)
{
    uint64_t da = ((uint64_t)d[0] << 40) | ((uint64_t)d[1] << 32) | ((uint64_t)d[2] << 24) |
                  ((uint64_t)d[3] << 16) | ((uint64_t)d[4] << 8) | d[5];
    uint32_t D = 0;
    const unsigned N = m->p.num_vnic;
    *flags = 0;
    if (da == 0xFFFFFFFFFFFFull) {
        *flags = VNIC_DESC_STATUS_BCAST;
        for (unsigned v = 0; v < N; v++)
            if (m->v[v].cfg.enable && m->v[v].cfg.bcast)
                D |= 1u << v;
    } else if (d[0] & 1u) {
        *flags = VNIC_DESC_STATUS_MCAST;
        for (unsigned v = 0; v < N; v++)
            if (m->v[v].cfg.enable && m->v[v].cfg.mcast)
                D |= 1u << v;
    } else {
        for (unsigned v = 0; v < N; v++)
            if (m->v[v].cfg.enable && m->v[v].cfg.mac == da) {
                D = 1u << v;
                break;
            }
    }
    if (!D) {
        uint32_t ctrl = gctrl(m);
        unsigned dv = (ctrl & VNIC_PF_G_CTRL_DEF_VNIC_MASK) >> VNIC_PF_G_CTRL_DEF_VNIC_LSB;
        if ((ctrl & VNIC_PF_G_CTRL_DEF_EN_MASK) && dv < N && m->v[dv].cfg.enable)
            D = 1u << dv;
    }
    return D;
}

static void count_wire_drop(struct vnic_model *m, unsigned verdict)
{
    switch (verdict) {
    case VNIC_WIRE_RXOFF: m->gstat[GS_DROP_RXOFF]++; break;
    case VNIC_WIRE_MACERR: m->gstat[GS_DROP_MACERR]++; break;
    case VNIC_WIRE_TKEEP: m->gstat[GS_DROP_TKEEP]++; break;
    case VNIC_WIRE_RUNT: m->gstat[GS_DROP_RUNT]++; break;
    case VNIC_WIRE_OVERSIZE: m->gstat[GS_DROP_OVERSIZE]++; break;
    case VNIC_WIRE_FCS: m->gstat[GS_DROP_FCS]++; break;
    case VNIC_WIRE_NOMATCH: m->gstat[GS_DROP_NOMATCH]++; break;
    default: break;
    }
}

static const char *outcome_name(unsigned o)
{
    static const char *const n[] = {"accept", "halted", "policer", "nobuf"};
    return n[o & 3u];
}

void apply_rx_dec(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    const uint32_t seq = ev->seq;
    const uint64_t t = ev->cycle;
    struct wframe *f = wf_get(m, seq);
    if (!f || !f->sofdone) {
        if (ext)
            mismatch(m, t, seq, -1, "RX_DEC before the frame's RX_SOF");
        return;
    }
    if (!f->admitted) {
        if (ext)
            mismatch(m, t, seq, -1, "RX_DEC for a frame dropped at its first beat (FIFO)");
        return; /* stand-alone: a FIFO drop has no decision */
    }
    if (f->decided) {
        mismatch(m, t, seq, -1, "second RX_DEC for one frame");
        return;
    }
    if (ext) {
        for (uint32_t s2 = m->last_dec; s2 < seq; s2++) {
            struct wframe *g = wf_get(m, s2);
            if (g && !g->dropped && !g->decided) {
                mismatch(m, t, seq, -1, "RX_DEC out of order: seq %u is not decided yet", s2);
                break;
            }
        }
    }
    if (seq + 1 > m->last_dec)
        m->last_dec = seq + 1;

    const uint8_t *d = wf_data(m, f);
    const uint32_t L = f->len;
    unsigned verdict = wire_verdict(m, f, d);
    uint8_t flags = 0;
    uint32_t D = 0;
    if (verdict == VNIC_WIRE_CLASSIFIED) {
        D = classify(m, d, &flags);
        if (!D)
            verdict = VNIC_WIRE_NOMATCH;
    }
    m->gstat[GS_RX_FRAMES]++;
    m->gstat[GS_RX_BYTES] += L;
    count_wire_drop(m, verdict);

    uint8_t out[NVMAX];
    uint32_t acc = 0;
    unsigned k = 0;
    if (D) {
        m->classified++;
        m->gstat[GS_RX_COPIES] += popc32(D);
        const uint32_t S = rx_S(m, L);
        for (uint32_t rest = D; rest; rest &= rest - 1) {
            unsigned v = (unsigned)__builtin_ctz(rest);
            struct vnic_state *s = &m->v[v];
            s->stat[ST_RX_IN]++;
            if (s->halted) {
                out[v] = VNIC_COPY_HALTED;
                s->stat[ST_DROP_HALTED]++;
                continue;
            }
            uint64_t P = 0;
            if (s->cfg.pol_en) {
                P = pol_at(s, t);
                if (P < ((uint64_t)L << 24)) {
                    out[v] = VNIC_COPY_POLICER;
                    s->stat[ST_DROP_POLICER]++;
                    continue;
                }
            }
            if (s->cfg.rx_size - s->rx_used < S || s->rx_used > s->cfg.rx_size) {
                out[v] = VNIC_COPY_NOBUF;
                s->stat[ST_DROP_NOBUF]++;
                continue;
            }
            out[v] = VNIC_COPY_ACCEPT;
            acc |= 1u << v;
            k++;
            if (s->cfg.pol_en) {
                uint64_t B = (uint64_t)s->cfg.pol_burst << 24;
                uint64_t nv = P - ((uint64_t)L << 24) + s->cfg.pol_rate;
                s->pol_val = nv < B ? nv : B;
                s->pol_cyc = t + 1;
            }
            struct pframe *pf = fr_push(&s->rxq);
            if (!pf)
                continue;
            pf->off = s->rx_wp;
            pf->len = (uint16_t)L;
            pf->flags = flags;
            part_write(m->rxbuf, s->cfg.rx_base, s->cfg.rx_size, s->rx_wp, d, L - 4);
            s->rx_wp = wrap_add(s->rx_wp, S, s->cfg.rx_size);
            s->rx_used += S;
        }
    }

    if (ext) {
        if (ev->wire != verdict)
            mismatch(m, t, seq, -1, "RX_DEC wire verdict expected %u, got %u", verdict, ev->wire);
        if (ev->dest != D)
            mismatch(m, t, seq, -1, "RX_DEC destination set expected 0x%x, got 0x%x", D, ev->dest);
        for (uint32_t rest = D & ev->dest; rest; rest &= rest - 1) {
            unsigned v = (unsigned)__builtin_ctz(rest);
            if ((ev->outcome[v] & 3u) != out[v])
                mismatch(m, t, seq, v, "RX_DEC copy outcome expected %s, got %s",
                         outcome_name(out[v]), outcome_name(ev->outcome[v]));
        }
    } else {
        ev->wire = verdict;
        ev->dest = D;
        memset(ev->outcome, 0, sizeof(ev->outcome));
        for (uint32_t rest = D; rest; rest &= rest - 1) {
            unsigned v = (unsigned)__builtin_ctz(rest);
            ev->outcome[v] = out[v];
        }
    }
    report(m, ev);

    /* the frame leaves the ingress FIFO through the copy engine, in order */
    if (m->rel_n == m->rel_cap) {
        uint32_t nc = m->rel_cap ? 2 * m->rel_cap : 256;
        struct relrec *nr = malloc((size_t)nc * sizeof(*nr));
        if (nr) {
            for (uint32_t i = 0; i < m->rel_n; i++)
                nr[i] = m->rel[(m->rel_head + i) & (m->rel_cap - 1)];
            free(m->rel);
            m->rel = nr;
            m->rel_cap = nc;
            m->rel_head = 0;
        }
    }
    if (m->rel_n < m->rel_cap) {
        struct relrec *r = &m->rel[(m->rel_head + m->rel_n++) & (m->rel_cap - 1)];
        r->seq = seq;
        r->bytes = f->words * m->W;
    }
    f->decided = 1;
    f->done = 1;
    wf_retire(m);

    if (!standalone(m))
        return;
    /* stand-alone copy engine (§4.5): the frame is reached at b; each
     * accepted copy writes n words, one per cycle, after one idle cycle */
    uint64_t b = umax64(t, m->ce_free);
    if (!k) {
        sched(m, VNIC_EV_RX_FIFO_REL, b, 0, seq, 0, 0);
        m->ce_free = b + 1;
        return;
    }
    /* the frame leaves the FIFO in the cycle its last copy is stored:
     * that RX_STORED carries the release (op = 1), applied first */
    uint64_t n = wwords(m, L - 4);
    unsigned j = 0;
    for (uint32_t rest = acc; rest; rest &= rest - 1, j++)
        sched(m, VNIC_EV_RX_STORED, b + j * (n + 1) + n, (uint32_t)__builtin_ctz(rest), seq,
              j + 1 == k, 0);
    m->ce_free = b + k * (n + 1);
}

/* ------------------------------------------------------------ RX_FIFO_REL, RX_STORED */

void apply_rx_fifo_rel(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    if (m->rel_n == 0) {
        mismatch(m, ev->cycle, ev->seq, -1, "RX_FIFO_REL but no decided frame is in the FIFO");
        return;
    }
    struct relrec *r = &m->rel[m->rel_head];
    if (ext && r->seq != ev->seq)
        mismatch(m, ev->cycle, ev->seq, -1, "RX_FIFO_REL expected seq %u", r->seq);
    m->fifo_occ -= r->bytes;
    m->rel_head = (m->rel_head + 1) & (m->rel_cap - 1);
    m->rel_n--;
    report(m, ev);
}

void apply_rx_stored(struct vnic_model *m, struct vnic_ev *ev, bool ext)
{
    unsigned v = ev->vnic;
    if (!ext && ev->op) { /* stand-alone: the frame's FIFO release, same cycle */
        struct vnic_ev rel;
        ev_zero(&rel);
        rel.cycle = ev->cycle;
        rel.type = VNIC_EV_RX_FIFO_REL;
        rel.seq = ev->seq;
        apply_rx_fifo_rel(m, &rel, false);
        ev->op = 0;
        ev->seq = 0;
    }
    if (v >= m->p.num_vnic) {
        mismatch(m, ev->cycle, -1, (long)v, "RX_STORED for a vNIC that does not exist");
        return;
    }
    struct vnic_state *s = &m->v[v];
    if (s->rxq.n - s->rx_ngranted - s->rx_nstored == 0) {
        mismatch(m, ev->cycle, -1, (long)v, "RX_STORED but no accepted copy is being written");
        return;
    }
    s->rx_nstored++;
    m->stored_mask |= 1u << v;
    report(m, ev);
    if (standalone(m))
        rx_wake(m, ev->cycle + 1);
}

/* RESET: frames stored in v's partition are discarded as DROP_HALTED;
 * copies the copy engine has not finished stay and are stored later. */
void rx_discard_stored(struct vnic_model *m, unsigned v)
{
    struct vnic_state *s = &m->v[v];
    while (s->rx_ngranted) {
        struct pframe *f = fr_at(&s->rxq, 0);
        s->rx_used -= rx_S(m, f->len);
        fifo_pop(&s->rxq);
        s->rx_ngranted--;
    }
    while (s->rx_nstored) {
        struct pframe *f = fr_at(&s->rxq, 0);
        s->rx_used -= rx_S(m, f->len);
        fifo_pop(&s->rxq);
        s->rx_nstored--;
        s->stat[ST_DROP_HALTED]++;
    }
    m->stored_mask &= ~(1u << v);
}
