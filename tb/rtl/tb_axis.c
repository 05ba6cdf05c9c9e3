/* tb_axis.c: AXI4-Stream source and sink, interrupt sink (see tb_bfm.h). */
#include "tb_bfm.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- source */

int tb_axis_src_init(struct tb_axis_src *s, struct tb_sim *sim)
{
    memset(s, 0, sizeof *s);
    s->sim = sim;
    s->w = sim->w;
    s->q_cap = 64;
    s->q = calloc(s->q_cap, sizeof *s->q);
    s->rec_cap = 1024;
    s->sof = calloc(s->rec_cap, sizeof *s->sof);
    s->eof = calloc(s->rec_cap, sizeof *s->eof);
    return (s->q && s->sof && s->eof) ? 0 : -1;
}

static void frame_free(struct tb_src_frame *f)
{
    free(f->beats);
    free(f->keep);
    free(f->data);
    memset(f, 0, sizeof *f);
}

void tb_axis_src_fini(struct tb_axis_src *s)
{
    for (unsigned i = 0; i < s->q_n; i++)
        frame_free(&s->q[(s->q_head + i) % s->q_cap]);
    free(s->q);
    free(s->sof);
    free(s->eof);
    memset(s, 0, sizeof *s);
}

/* Lane placement. A good frame fills beats from lane 0, the last beat holding
 * k = len - (nbeats-1)*W bytes in lanes 0..k-1. A malformed-tkeep frame keeps
 * its byte count: with k < W its last beat uses lanes 1..k (a run of ones
 * not starting at bit 0); with k = W the first beat skips lane 1 (a hole in a
 * beat that is not the last) and one more beat carries the last byte. */
int tb_axis_src_push(struct tb_axis_src *s, const uint8_t *data, uint32_t len, uint32_t flags,
                     uint64_t start)
{
    if (s->q_n == s->q_cap) {
        unsigned ncap = s->q_cap * 2;
        struct tb_src_frame *nq = calloc(ncap, sizeof *nq);
        if (!nq)
            return -1;
        for (unsigned i = 0; i < s->q_n; i++)
            nq[i] = s->q[(s->q_head + i) % s->q_cap];
        free(s->q);
        s->q = nq;
        s->q_cap = ncap;
        s->q_head = 0;
    }
    const unsigned w = s->w;
    const uint32_t full = w == 32 ? 0xffffffffu : ((1u << w) - 1);
    struct tb_src_frame f;
    memset(&f, 0, sizeof f);
    f.len = len;
    f.flags = flags;
    f.start = start;
    uint32_t nb = len ? (len + w - 1) / w : 1;
    uint32_t k = len - (nb - 1) * w;
    int extra = (flags & TB_SRC_MANGLE_TKEEP) && k == w && len > 0;
    f.nbeats = nb + (extra ? 1 : 0);
    f.beats = calloc((size_t)f.nbeats * w, 1);
    f.keep = calloc(f.nbeats, sizeof *f.keep);
    f.data = malloc(len ? len : 1);
    if (!f.beats || !f.keep || !f.data) {
        frame_free(&f);
        return -1;
    }
    memcpy(f.data, data, len);
    /* lane map: fill kept lanes in order */
    for (uint32_t b = 0; b < f.nbeats; b++) {
        if (b + 1 < nb)
            f.keep[b] = full;
        else if (b + 1 == nb)
            f.keep[b] = k == 32 ? 0xffffffffu : ((1u << k) - 1);
    }
    if (flags & TB_SRC_MANGLE_TKEEP) {
        if (!extra)
            f.keep[nb - 1] <<= 1;
        else {
            f.keep[0] &= ~2u;
            f.keep[nb] = 1;
        }
    }
    uint32_t pos = 0;
    for (uint32_t b = 0; b < f.nbeats; b++)
        for (unsigned l = 0; l < w; l++)
            if (f.keep[b] >> l & 1)
                f.beats[(size_t)b * w + l] = pos < len ? data[pos++] : 0;
    f.user_beat = f.nbeats - 1;
    s->q[(s->q_head + s->q_n) % s->q_cap] = f;
    s->q_n++;
    return 0;
}

static void src_drive(void *ctx, struct tb_sim *sim)
{
    struct tb_axis_src *s = ctx;
    struct vnic_dut_pins *p = &sim->pins;
    if (s->q_n < 2 && s->refill)
        s->refill(s->hook_ctx_refill, s);
    if (!s->active && s->q_n && s->q[s->q_head].start <= sim->cycle) {
        s->active = 1;
        s->beat = 0;
    }
    if (!s->active) {
        p->s_axis_rx_tvalid = 0;
        p->s_axis_rx_tlast = 0;
        p->s_axis_rx_tuser = 0;
        return;
    }
    const struct tb_src_frame *f = &s->q[s->q_head];
    memcpy(p->s_axis_rx_tdata, f->beats + (size_t)s->beat * s->w, s->w);
    p->s_axis_rx_tkeep = f->keep[s->beat];
    p->s_axis_rx_tvalid = 1;
    p->s_axis_rx_tlast = (uint8_t)(s->beat + 1 == f->nbeats);
    p->s_axis_rx_tuser = (uint8_t)((f->flags & TB_SRC_MACERR) && s->beat == f->user_beat);
}

static void src_record(struct tb_axis_src *s, uint64_t seq, int eof, uint64_t cycle)
{
    if (seq >= s->rec_cap) {
        size_t ncap = s->rec_cap;
        while (ncap <= seq)
            ncap *= 2;
        uint64_t *a = realloc(s->sof, ncap * sizeof *a);
        if (a) s->sof = a;
        uint64_t *b = realloc(s->eof, ncap * sizeof *b);
        if (b) s->eof = b;
        if (!a || !b) {
            tb_sim_fail(s->sim, "out of memory recording wire frames");
            return;
        }
        s->rec_cap = ncap;
    }
    (eof ? s->eof : s->sof)[seq] = cycle;
}

static void src_sample(void *ctx, struct tb_sim *sim)
{
    struct tb_axis_src *s = ctx;
    const struct vnic_dut_pins *p = &sim->pins;
    if (!s->active)
        return;
    if (!p->s_axis_rx_tready) {
        s->stall_cycles++;
        return;
    }
    struct tb_src_frame *f = &s->q[s->q_head];
    if (s->beat == 0) {
        src_record(s, s->seq, 0, sim->cycle);
        if (s->on_sof)
            s->on_sof(s->hook_ctx, s->seq, f, sim->cycle);
    }
    if (++s->beat == f->nbeats) {
        src_record(s, s->seq, 1, sim->cycle);
        if (s->on_eof)
            s->on_eof(s->hook_ctx, s->seq, f, sim->cycle);
        s->frames_sent++;
        s->bytes_sent += f->len;
        s->seq++;
        frame_free(f);
        s->q_head = (s->q_head + 1) % s->q_cap;
        s->q_n--;
        s->active = 0;
    }
}

struct tb_agent tb_axis_src_agent(struct tb_axis_src *s)
{
    struct tb_agent ag = {"axis_src", src_drive, src_sample, s};
    return ag;
}

/* --------------------------------------------------------------- sink */

int tb_axis_sink_init(struct tb_axis_sink *k, struct tb_sim *sim, double p_stall, uint64_t seed)
{
    memset(k, 0, sizeof *k);
    k->sim = sim;
    k->w = sim->w;
    k->gap = (20 + k->w - 1) / k->w;
    k->p_stall = p_stall;
    vnic_prng_seed_stream(&k->rng, seed, 0x5458u);
    k->cap = 16384 + 64;
    k->buf = malloc(k->cap);
    return k->buf ? 0 : -1;
}

void tb_axis_sink_fini(struct tb_axis_sink *k)
{
    free(k->buf);
    k->buf = NULL;
}

static void sink_drive(void *ctx, struct tb_sim *sim)
{
    struct tb_axis_sink *k = ctx;
    if (k->pace && k->len == 0 && (sim->cycle + 1) * k->w <= k->bt_next) {
        sim->pins.m_axis_tx_tready = 0;   /* the wire is busy all of this cycle */
        return;
    }
    if (!k->pace && k->gap_left) {
        k->gap_left--;
        sim->pins.m_axis_tx_tready = 0;
        return;
    }
    sim->pins.m_axis_tx_tready =
        (uint8_t)!(k->p_stall > 0 && vnic_prng_unit(&k->rng) < k->p_stall);
}

static void sink_sample(void *ctx, struct tb_sim *sim)
{
    struct tb_axis_sink *k = ctx;
    const struct vnic_dut_pins *p = &sim->pins;
    unsigned long long c = (unsigned long long)sim->cycle;
    const uint32_t full = k->w == 32 ? 0xffffffffu : ((1u << k->w) - 1);
    if (k->pend && (!p->m_axis_tx_tvalid || p->m_axis_tx_tkeep != k->p_keep ||
                    p->m_axis_tx_tlast != k->p_last ||
                    memcmp(p->m_axis_tx_tdata, k->p_data, k->w) != 0)) {
        tb_sim_fail(sim, "cycle %llu: TX stream TVALID dropped or beat changed before TREADY", c);
        return;
    }
    k->pend = p->m_axis_tx_tvalid && !p->m_axis_tx_tready;
    if (k->pend) {
        memcpy(k->p_data, p->m_axis_tx_tdata, sizeof k->p_data);
        k->p_keep = p->m_axis_tx_tkeep;
        k->p_last = p->m_axis_tx_tlast;
    }
    if (!(p->m_axis_tx_tvalid && p->m_axis_tx_tready))
        return;
    uint32_t keep = p->m_axis_tx_tkeep;
    if (p->m_axis_tx_tuser) {
        tb_sim_fail(sim, "cycle %llu: TX stream TUSER set", c);
        return;
    }
    if (!p->m_axis_tx_tlast ? keep != full : (keep == 0 || (keep & (keep + 1)) != 0)) {
        tb_sim_fail(sim, "cycle %llu: TX stream TKEEP 0x%x not contiguous%s", c, keep,
                    p->m_axis_tx_tlast ? " on the last beat" : " on a middle beat");
        return;
    }
    unsigned n = (unsigned)__builtin_popcount(keep);
    if (k->len == 0) {
        uint64_t now = sim->cycle * k->w;
        k->f_start = now > k->bt_next ? now : k->bt_next;
    }
    if (k->len + n > k->cap) {
        tb_sim_fail(sim, "cycle %llu: TX frame longer than %u bytes", c, k->cap);
        return;
    }
    memcpy(k->buf + k->len, p->m_axis_tx_tdata, n);
    k->len += n;
    if (p->m_axis_tx_tlast) {
        k->frames++;
        k->bytes += k->len;
        if (k->on_frame)
            k->on_frame(k->hook_ctx, k->buf, k->len, sim->cycle);
        k->bt_next = k->f_start + k->len + 20;
        k->len = 0;
        k->gap_left = k->gap;
    }
}

struct tb_agent tb_axis_sink_agent(struct tb_axis_sink *k)
{
    struct tb_agent ag = {"axis_sink", sink_drive, sink_sample, k};
    return ag;
}

/* ---------------------------------------------------------- interrupts */

void tb_irq_sink_init(struct tb_irq_sink *q, struct tb_sim *sim, double p_stall, uint64_t seed)
{
    memset(q, 0, sizeof *q);
    q->sim = sim;
    q->p_stall = p_stall;
    q->nvec = 2 * sim->par->num_vnic + 1;
    vnic_prng_seed_stream(&q->rng, seed, 0x495251u);
}

static void irq_drive(void *ctx, struct tb_sim *sim)
{
    struct tb_irq_sink *q = ctx;
    sim->pins.m_irq_ready = (uint8_t)!(q->p_stall > 0 && vnic_prng_unit(&q->rng) < q->p_stall);
}

static void irq_sample(void *ctx, struct tb_sim *sim)
{
    struct tb_irq_sink *q = ctx;
    const struct vnic_dut_pins *p = &sim->pins;
    unsigned long long c = (unsigned long long)sim->cycle;
    if (q->pend && (!p->m_irq_valid || p->m_irq_vector != q->p_vec)) {
        tb_sim_fail(sim, "cycle %llu: interrupt VALID dropped or vector changed before READY", c);
        return;
    }
    q->pend = p->m_irq_valid && !p->m_irq_ready;
    q->p_vec = p->m_irq_vector;
    if (!(p->m_irq_valid && p->m_irq_ready))
        return;
    if (p->m_irq_vector >= q->nvec) {
        tb_sim_fail(sim, "cycle %llu: interrupt vector %u out of range (%u vectors)", c,
                    p->m_irq_vector, q->nvec);
        return;
    }
    q->count[p->m_irq_vector]++;
    q->pending[p->m_irq_vector]++;
    if (q->on_irq)
        q->on_irq(q->hook_ctx, p->m_irq_vector, sim->cycle);
}

struct tb_agent tb_irq_sink_agent(struct tb_irq_sink *q)
{
    struct tb_agent ag = {"irq_sink", irq_drive, irq_sample, q};
    return ag;
}
