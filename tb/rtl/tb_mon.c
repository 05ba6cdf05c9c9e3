/* tb_mon.c: trace-port monitor and lockstep feed (see tb_mon.h). */
#include "tb_mon.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tb_bfm.h"
#include "vnic_model.h"

static const char *const ev_names[] = {
    "?", "RX_SOF", "RX_DEC", "RX_FIFO_REL", "RX_STORED", "RX_GRANT", "RX_FREE", "RX_CPL",
    "TX_QUEUED", "TX_GRANT", "TX_SENT", "CMD", "FAULT", "IRQ", "TX_CPL",
};

const char *tb_ev_name(enum vnic_ev_type t)
{
    return (unsigned)t < sizeof ev_names / sizeof ev_names[0] ? ev_names[t] : "?";
}

void tb_ev_format(const struct vnic_ev *ev, char *buf, size_t len)
{
    unsigned long long c = (unsigned long long)ev->cycle;
    switch (ev->type) {
    case VNIC_EV_RX_SOF:
        snprintf(buf, len, "cycle %llu RX_SOF seq %u fifo_ok %u", c, ev->seq, ev->fifo_ok);
        break;
    case VNIC_EV_RX_DEC: {
        int n = snprintf(buf, len, "cycle %llu RX_DEC seq %u wire %u dest 0x%x outcome", c, ev->seq,
                         ev->wire, ev->dest);
        for (unsigned v = 0; v < 32 && n > 0 && (size_t)n < len; v++)
            if (ev->dest >> v & 1)
                n += snprintf(buf + n, len - (size_t)n, " v%u:%u", v, ev->outcome[v]);
        break;
    }
    case VNIC_EV_RX_FIFO_REL:
        snprintf(buf, len, "cycle %llu RX_FIFO_REL seq %u", c, ev->seq);
        break;
    case VNIC_EV_RX_GRANT:
    case VNIC_EV_TX_GRANT:
        if (ev->vnic == VNIC_EV_NO_VNIC)
            snprintf(buf, len, "cycle %llu %s none elig 0x%x", c, tb_ev_name(ev->type), ev->elig);
        else
            snprintf(buf, len, "cycle %llu %s vnic %u elig 0x%x", c, tb_ev_name(ev->type),
                     ev->vnic, ev->elig);
        break;
    case VNIC_EV_CMD:
        snprintf(buf, len, "cycle %llu CMD op %u vnic %u err %u", c, ev->op, ev->vnic, ev->err);
        break;
    case VNIC_EV_FAULT:
        snprintf(buf, len, "cycle %llu FAULT vnic %u reason %u addr 0x%llx", c, ev->vnic,
                 ev->reason, (unsigned long long)ev->addr);
        break;
    case VNIC_EV_IRQ:
        snprintf(buf, len, "cycle %llu IRQ mask 0x%llx hi 0x%x", c,
                 (unsigned long long)ev->irq_mask, ev->irq_mask_hi);
        break;
    default:
        snprintf(buf, len, "cycle %llu %s vnic %u", c, tb_ev_name(ev->type), ev->vnic);
        break;
    }
}

int tb_mon_init(struct tb_mon *m, struct tb_sim *s)
{
    memset(m, 0, sizeof *m);
    m->sim = s;
    m->num_vnic = s->par->num_vnic;
    m->last_sof = m->last_dec = m->last_rel = -1;
    for (unsigned v = 0; v <= TB_MON_ADM; v++) {
        if (v >= m->num_vnic && v != TB_MON_ADM)
            continue;
        m->acc_cap[v] = 256;
        m->acc_q[v] = malloc(m->acc_cap[v] * sizeof(uint32_t));
        if (!m->acc_q[v])
            return -1;
    }
    m->lat_cap = 4096;
    m->lat = malloc(m->lat_cap * sizeof *m->lat);
    return m->lat ? 0 : -1;
}

void tb_mon_fini(struct tb_mon *m)
{
    for (unsigned v = 0; v <= TB_MON_ADM; v++)
        free(m->acc_q[v]);
    free(m->lat);
    for (unsigned i = 0; i < m->nmsgs; i++)
        free(m->msgs[i]);
    memset(m, 0, sizeof *m);
}

void tb_mon_mismatch(struct tb_mon *m, const char *fmt, ...)
{
    m->nmis++;
    if (m->nmsgs >= TB_MON_KEEP_MSGS)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    m->msgs[m->nmsgs] = strdup(buf);
    if (m->msgs[m->nmsgs])
        m->nmsgs++;
}

uint64_t tb_mon_mismatches(const struct tb_mon *m)
{
    uint64_t n = m->nmis;
    if (m->model)
        n += vnic_model_mismatches(m->model);
    return n;
}

void tb_mon_print_mismatches(const struct tb_mon *m, unsigned n, FILE *out)
{
    unsigned shown = 0;
    if (m->model) {
        unsigned k = vnic_model_mismatches(m->model);
        for (unsigned i = 0; i < k && shown < n; i++, shown++)
            fprintf(out, "  mismatch: %s\n", vnic_model_mismatch(m->model, i));
    }
    for (unsigned i = 0; i < m->nmsgs && shown < n; i++, shown++)
        fprintf(out, "  mismatch: %s\n", m->msgs[i]);
    uint64_t total = tb_mon_mismatches(m);
    if (total > shown)
        fprintf(out, "  ... %llu more mismatches not shown\n", (unsigned long long)(total - shown));
}

void tb_mon_reg_write(struct tb_mon *m, uint32_t addr, uint32_t val)
{
    if (m->nwr < TB_MON_MAX_WRITES) {
        m->wr_addr[m->nwr] = addr;
        m->wr_val[m->nwr] = val;
        m->nwr++;
    }
}

static void lat_push(struct tb_mon *m, uint32_t v)
{
    if (m->nlat == m->lat_cap) {
        uint32_t *n = realloc(m->lat, m->lat_cap * 2 * sizeof *n);
        if (!n)
            return;
        m->lat = n;
        m->lat_cap *= 2;
    }
    m->lat[m->nlat++] = v;
}

static void acc_push(struct tb_mon *m, unsigned v, uint32_t seq)
{
    if (m->acc_n[v] == m->acc_cap[v]) {
        unsigned ncap = m->acc_cap[v] * 2;
        uint32_t *n = malloc(ncap * sizeof *n);
        if (!n)
            return;
        for (unsigned i = 0; i < m->acc_n[v]; i++)
            n[i] = m->acc_q[v][(m->acc_head[v] + i) % m->acc_cap[v]];
        free(m->acc_q[v]);
        m->acc_q[v] = n;
        m->acc_cap[v] = ncap;
        m->acc_head[v] = 0;
    }
    m->acc_q[v][(m->acc_head[v] + m->acc_n[v]) % m->acc_cap[v]] = seq;
    m->acc_n[v]++;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

uint32_t tb_mon_latency_pct(struct tb_mon *m, double pct)
{
    if (!m->nlat)
        return 0;
    qsort(m->lat, m->nlat, sizeof *m->lat, cmp_u32);
    size_t i = (size_t)(pct / 100.0 * (double)(m->nlat - 1) + 0.5);
    if (i >= m->nlat)
        i = m->nlat - 1;
    return m->lat[i];
}

/* Trace-level sanity the harness checks by itself, model or not. */
static void check_vnic(struct tb_mon *m, const struct vnic_ev *ev)
{
    if (ev->vnic >= m->num_vnic)
        tb_mon_mismatch(m, "cycle %llu: %s names vNIC %u of %u", (unsigned long long)ev->cycle,
                        tb_ev_name(ev->type), ev->vnic, m->num_vnic);
}

static void count_event(struct tb_mon *m, const struct vnic_ev *ev)
{
    struct tb_mon_counts *n = &m->n;
    unsigned long long c = (unsigned long long)ev->cycle;
    switch (ev->type) {
    case VNIC_EV_RX_SOF:
        if ((int64_t)ev->seq != m->last_sof + 1)
            tb_mon_mismatch(m, "cycle %llu: RX_SOF seq %u, expected %lld", c, ev->seq,
                            (long long)(m->last_sof + 1));
        m->last_sof = ev->seq;
        n->sof++;
        if (!ev->fifo_ok)
            n->fifo_drop++;
        else
            acc_push(m, TB_MON_ADM, ev->seq);
        break;
    case VNIC_EV_RX_DEC:
        /* decisions in seq order over the frames the FIFO admitted: a frame
         * dropped as FIFO has no RX_DEC (docs/architecture.md §4.1) */
        if (m->acc_n[TB_MON_ADM] == 0) {
            tb_mon_mismatch(m, "cycle %llu: RX_DEC seq %u with no admitted frame undecided", c,
                            ev->seq);
        } else {
            uint32_t want = m->acc_q[TB_MON_ADM][m->acc_head[TB_MON_ADM]];
            m->acc_head[TB_MON_ADM] = (m->acc_head[TB_MON_ADM] + 1) % m->acc_cap[TB_MON_ADM];
            m->acc_n[TB_MON_ADM]--;
            if (ev->seq != want)
                tb_mon_mismatch(m, "cycle %llu: RX_DEC seq %u, expected %u (the next frame "
                                "admitted to the FIFO)", c, ev->seq, want);
        }
        m->last_dec = ev->seq;
        n->dec++;
        n->wire[ev->wire & 15]++;
        if (ev->wire == VNIC_WIRE_CLASSIFIED) {
            n->classified++;
            if (ev->dest == 0)
                tb_mon_mismatch(m, "cycle %llu: RX_DEC seq %u classified with an empty "
                                "destination set", c, ev->seq);
        } else if (ev->dest != 0) {
            tb_mon_mismatch(m, "cycle %llu: RX_DEC seq %u wire verdict %u with destination set "
                            "0x%x", c, ev->seq, ev->wire, ev->dest);
        }
        for (unsigned v = 0; v < m->num_vnic; v++) {
            if (!(ev->dest >> v & 1))
                continue;
            n->copies++;
            n->in[v]++;
            n->outcome[v][ev->outcome[v] & 3]++;
            if (ev->outcome[v] == VNIC_COPY_ACCEPT)
                acc_push(m, v, ev->seq);
        }
        break;
    case VNIC_EV_RX_FIFO_REL:
        if ((int64_t)ev->seq <= m->last_rel)
            tb_mon_mismatch(m, "cycle %llu: RX_FIFO_REL seq %u after seq %lld", c, ev->seq,
                            (long long)m->last_rel);
        m->last_rel = ev->seq;
        n->fifo_rel++;
        break;
    case VNIC_EV_RX_STORED: check_vnic(m, ev); n->stored[ev->vnic & 31]++; break;
    case VNIC_EV_RX_GRANT:
        if (ev->vnic == VNIC_EV_NO_VNIC)   /* a decision that granted nothing */
            break;
        check_vnic(m, ev);
        n->grant[ev->vnic & 31]++;
        if (!(ev->elig >> ev->vnic & 1))
            tb_mon_mismatch(m, "cycle %llu: RX_GRANT to vNIC %u not in its eligible mask 0x%x",
                            c, ev->vnic, ev->elig);
        break;
    case VNIC_EV_RX_FREE: check_vnic(m, ev); n->freed[ev->vnic & 31]++; break;
    case VNIC_EV_RX_CPL: {
        check_vnic(m, ev);
        unsigned v = ev->vnic & 31;
        n->cpl[v]++;
        if (m->acc_n[v]) {
            uint32_t seq = m->acc_q[v][m->acc_head[v]];
            m->acc_head[v] = (m->acc_head[v] + 1) % m->acc_cap[v];
            m->acc_n[v]--;
            if (m->src && seq < m->src->rec_cap && ev->cycle >= m->src->eof[seq])
                lat_push(m, (uint32_t)(ev->cycle - m->src->eof[seq]));
        } else {
            tb_mon_mismatch(m, "cycle %llu: RX_CPL for vNIC %u with no accepted copy "
                            "outstanding", c, v);
        }
        break;
    }
    case VNIC_EV_TX_QUEUED: check_vnic(m, ev); n->tx_queued[ev->vnic & 31]++; break;
    case VNIC_EV_TX_GRANT:
        if (ev->vnic == VNIC_EV_NO_VNIC)   /* a decision that granted nothing */
            break;
        check_vnic(m, ev);
        n->tx_grant[ev->vnic & 31]++;
        if (!(ev->elig >> ev->vnic & 1))
            tb_mon_mismatch(m, "cycle %llu: TX_GRANT to vNIC %u not in its eligible mask 0x%x",
                            c, ev->vnic, ev->elig);
        break;
    case VNIC_EV_TX_SENT:
        check_vnic(m, ev);
        n->tx_sent[ev->vnic & 31]++;
        m->tx_sent_pending = 1;
        m->tx_sent_vnic = ev->vnic;
        m->last_tx_sent_cycle = ev->cycle;
        break;
    case VNIC_EV_TX_CPL: check_vnic(m, ev); break;
    case VNIC_EV_CMD: n->cmd++; break;
    case VNIC_EV_FAULT: check_vnic(m, ev); n->fault[ev->vnic & 31]++; break;
    case VNIC_EV_IRQ: n->irq++; break;
    }
}

static int ev_cmp(const void *a, const void *b)
{
    return vnic_ev_cmp(a, b);
}

static void mon_sample(void *ctx, struct tb_sim *s)
{
    struct tb_mon *m = ctx;
    const struct vnic_dut_pins *p = &s->pins;
    struct vnic_ev ev[TB_MON_EV_PER_CYCLE];
    unsigned k = 0;
    const uint64_t c = s->cycle;

#define NEW_EV(t) (memset(&ev[k], 0, sizeof ev[k]), ev[k].cycle = c, ev[k].type = (t), &ev[k++])
    if (p->trc_rx_sof_valid) {
        struct vnic_ev *e = NEW_EV(VNIC_EV_RX_SOF);
        e->seq = p->trc_rx_sof_seq;
        e->fifo_ok = p->trc_rx_sof_fifo_ok;
    }
    if (p->trc_rx_dec_valid) {
        struct vnic_ev *e = NEW_EV(VNIC_EV_RX_DEC);
        e->seq = p->trc_rx_dec_seq;
        e->wire = p->trc_rx_dec_wire;
        e->dest = p->trc_rx_dec_dest;
        for (unsigned v = 0; v < m->num_vnic; v++)
            e->outcome[v] = (uint8_t)(p->trc_rx_dec_outcome >> (2 * v) & 3);
    }
    if (p->trc_rx_fifo_rel_valid) {
        struct vnic_ev *e = NEW_EV(VNIC_EV_RX_FIFO_REL);
        e->seq = p->trc_rx_fifo_rel_seq;
    }
    if (p->trc_rx_stored_valid)
        NEW_EV(VNIC_EV_RX_STORED)->vnic = p->trc_rx_stored_vnic;
    if (p->trc_rx_grant_valid) {
        struct vnic_ev *e = NEW_EV(VNIC_EV_RX_GRANT);
        e->vnic = p->trc_rx_grant_none ? VNIC_EV_NO_VNIC : p->trc_rx_grant_vnic;
        e->elig = p->trc_rx_grant_elig;
    }
    if (p->trc_rx_free_valid)
        NEW_EV(VNIC_EV_RX_FREE)->vnic = p->trc_rx_free_vnic;
    if (p->trc_rx_cpl_valid)
        NEW_EV(VNIC_EV_RX_CPL)->vnic = p->trc_rx_cpl_vnic;
    if (p->trc_tx_queued_valid)
        NEW_EV(VNIC_EV_TX_QUEUED)->vnic = p->trc_tx_queued_vnic;
    if (p->trc_tx_grant_valid) {
        struct vnic_ev *e = NEW_EV(VNIC_EV_TX_GRANT);
        e->vnic = p->trc_tx_grant_none ? VNIC_EV_NO_VNIC : p->trc_tx_grant_vnic;
        e->elig = p->trc_tx_grant_elig;
    }
    if (p->trc_tx_sent_valid)
        NEW_EV(VNIC_EV_TX_SENT)->vnic = p->trc_tx_sent_vnic;
    if (p->trc_tx_cpl_valid)
        NEW_EV(VNIC_EV_TX_CPL)->vnic = p->trc_tx_cpl_vnic;
    if (p->trc_cmd_valid) {
        struct vnic_ev *e = NEW_EV(VNIC_EV_CMD);
        e->op = p->trc_cmd_op;
        e->vnic = p->trc_cmd_vnic;
        e->err = p->trc_cmd_err;
    }
    if (p->trc_fault_valid) {
        struct vnic_ev *e = NEW_EV(VNIC_EV_FAULT);
        e->vnic = p->trc_fault_vnic;
        e->reason = p->trc_fault_reason;
        e->addr = p->trc_fault_addr;
    }
    if (p->trc_irq_valid) {
        struct vnic_ev *e = NEW_EV(VNIC_EV_IRQ);
        e->irq_mask = p->trc_irq_mask[0] | ((uint64_t)p->trc_irq_mask[1] << 32);
        e->irq_mask_hi = p->trc_irq_mask[2] & 1;   /* vector 64 (NUM_VNIC = 32) */
    }
#undef NEW_EV

    /* the model's canonical order of the events of one cycle */
    if (k > 1)
        qsort(ev, k, sizeof ev[0], ev_cmp);
    for (unsigned i = 0; i < k; i++) {
        count_event(m, &ev[i]);
        if (m->log) {
            char buf[256];
            tb_ev_format(&ev[i], buf, sizeof buf);
            fprintf(m->log, "%s\n", buf);
        }
        if (m->model)
            m->model_mis += vnic_model_event(m->model, &ev[i]);
        if (m->obs)
            m->obs(m->obs_ctx, &ev[i]);
    }
    if (m->nwr) {
        if (m->model) {
            vnic_model_run_until(m->model, c);
            for (unsigned i = 0; i < m->nwr; i++)
                vnic_model_reg_write(m->model, m->wr_addr[i], m->wr_val[i]);
        }
        if (m->log)
            for (unsigned i = 0; i < m->nwr; i++)
                fprintf(m->log, "cycle %llu WRITE 0x%05x = 0x%08x\n", (unsigned long long)c,
                        m->wr_addr[i], m->wr_val[i]);
        m->nwr = 0;
    }
}

struct tb_agent tb_mon_agent(struct tb_mon *m)
{
    struct tb_agent ag = {"mon", NULL, mon_sample, m};
    return ag;
}
