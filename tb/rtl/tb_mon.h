/* tb_mon.h: trace-port monitor and lockstep driver of the golden model.
 *
 * Every cycle the monitor reads the trc_* channels of the device
 * (docs/architecture.md §11) and turns each valid one into a struct vnic_ev
 * (cmodel/vnic_trace.h) stamped with the current cycle. With a model
 * attached in VNIC_MODEL_LOCKSTEP mode it feeds them in cycle order, in the
 * fixed order of enum vnic_ev_type within a cycle, followed by the register
 * writes the AXI4-Lite master completed in that cycle (docs/verification.md
 * explains the rules). The model checks each decision and returns the number
 * of mismatches; the monitor also keeps its own per-vNIC counts (used by
 * the conservation law) and the RX latency of every completed copy.
 */
#ifndef TB_MON_H
#define TB_MON_H

#include <stdint.h>
#include <stdio.h>

#include "tb_sim.h"
#include "vnic_trace.h"

struct vnic_model;
struct tb_axis_src;

#define TB_MON_MAX_VNIC 32
#define TB_MON_EV_PER_CYCLE 16
#define TB_MON_MAX_WRITES 8
#define TB_MON_KEEP_MSGS 1000
#define TB_MON_ADM TB_MON_MAX_VNIC   /* acc_q index of the admitted-frame queue */

struct tb_mon_counts {
    uint64_t sof, fifo_drop, dec, classified, copies, wire[16];
    uint64_t fifo_rel, irq;
    uint64_t in[TB_MON_MAX_VNIC];                 /* copies decided for v */
    uint64_t outcome[TB_MON_MAX_VNIC][4];         /* accept, halted, policer, nobuf */
    uint64_t stored[TB_MON_MAX_VNIC], grant[TB_MON_MAX_VNIC], freed[TB_MON_MAX_VNIC],
             cpl[TB_MON_MAX_VNIC];
    uint64_t tx_queued[TB_MON_MAX_VNIC], tx_grant[TB_MON_MAX_VNIC], tx_sent[TB_MON_MAX_VNIC];
    uint64_t cmd, fault[TB_MON_MAX_VNIC];
};

struct tb_mon {
    struct tb_sim *sim;
    unsigned num_vnic;
    struct vnic_model *model;        /* lockstep model, or NULL */
    const struct tb_axis_src *src;   /* for latency (eof cycles), or NULL */
    FILE *log;                       /* every event, when set */
    void (*obs)(void *ctx, const struct vnic_ev *ev);  /* every event, when set */
    void *obs_ctx;
    struct tb_mon_counts n;
    /* register writes of the current cycle, applied after its events */
    unsigned nwr;
    uint32_t wr_addr[TB_MON_MAX_WRITES], wr_val[TB_MON_MAX_WRITES];
    /* the last wire seq seen per channel (trace sanity) */
    int64_t last_sof, last_dec, last_rel;
    /* per-vNIC FIFO of accepted copies' seqs, for latency; entry
     * TB_MON_ADM: seqs admitted to the ingress FIFO (RX_SOF fifo_ok) and not
     * yet decided, the order RX_DEC must follow (a FIFO drop has no RX_DEC) */
    uint32_t *acc_q[TB_MON_MAX_VNIC + 1];
    unsigned acc_cap[TB_MON_MAX_VNIC + 1], acc_head[TB_MON_MAX_VNIC + 1],
             acc_n[TB_MON_MAX_VNIC + 1];
    uint32_t *lat; size_t nlat, lat_cap;
    /* harness-side mismatches (model mismatches live in the model) */
    uint64_t nmis;
    char *msgs[TB_MON_KEEP_MSGS];
    unsigned nmsgs;
    uint64_t model_mis;              /* sum of vnic_model_event() returns */
    uint64_t last_tx_sent_cycle; int tx_sent_pending; unsigned tx_sent_vnic;
};

int tb_mon_init(struct tb_mon *m, struct tb_sim *s);
void tb_mon_fini(struct tb_mon *m);
struct tb_agent tb_mon_agent(struct tb_mon *m);
/* A register write completed in the current cycle (AXI4-Lite hook). */
void tb_mon_reg_write(struct tb_mon *m, uint32_t addr, uint32_t val);
/* Record a harness-side mismatch (kept up to TB_MON_KEEP_MSGS). */
void tb_mon_mismatch(struct tb_mon *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Total mismatches: harness-side plus the model's. */
uint64_t tb_mon_mismatches(const struct tb_mon *m);
/* Print the first n mismatches (model's first, then the harness's). */
void tb_mon_print_mismatches(const struct tb_mon *m, unsigned n, FILE *out);
/* Latency percentile (0..100) in cycles over completed copies; 0 if none. */
uint32_t tb_mon_latency_pct(struct tb_mon *m, double pct);
const char *tb_ev_name(enum vnic_ev_type t);
void tb_ev_format(const struct vnic_ev *ev, char *buf, size_t len);

#endif
