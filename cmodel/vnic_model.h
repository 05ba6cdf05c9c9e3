/* vNIC golden model: a plain-C behavioural model of the whole device with
 * the same register map as the RTL (docs/architecture.md). Deterministic,
 * cycle-timestamped, no Verilator dependency. Several models can live in one
 * process: all state is in struct vnic_model. */
#ifndef VNIC_MODEL_H
#define VNIC_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "vnic_trace.h"
#include "vnic_defs.h"

/* Build parameters (docs/architecture.md §2) and the stand-alone timing
 * model of §10.1. */
struct vnic_model_params {
    unsigned num_vnic;         /* 1..32 */
    unsigned data_w;           /* bits: 64, 128, 256 */
    unsigned rx_buf_bytes;     /* power of two */
    unsigned tx_buf_bytes;     /* power of two */
    unsigned rx_fifo_bytes;    /* power of two, >= 2*max_frame */
    unsigned max_frame;        /* parameter MAX_FRAME, bytes incl. FCS */
    unsigned num_win;          /* 1..4 */
    /* stand-alone timing (ignored in lockstep mode) */
    unsigned rx_dec_lat;       /* cycles from tlast to decision (3) */
    unsigned host_bpc;         /* host path bytes per cycle (0 = W) */
    unsigned host_lat;         /* host read/write latency in cycles (157) */
    unsigned host_outstanding; /* transfers in flight on the host path */
};

void vnic_model_params_default(struct vnic_model_params *p);

/* Host memory as the device's AXI master sees it (host physical addresses).
 * Return 0 on success, nonzero to answer the transfer with SLVERR. */
struct vnic_host_ops {
    int (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
    int (*write)(void *ctx, uint64_t addr, const void *buf, size_t len);
    /* interrupt message (vector) at cycle; may be NULL */
    void (*irq)(void *ctx, unsigned vector, uint64_t cycle);
    /* frame sent on the TX wire (padded, FCS appended); may be NULL */
    void (*tx)(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len, uint64_t cycle);
    void *ctx;
};

/* A frame as a MAC hands it over: bytes including FCS. */
#define VNIC_WF_MACERR   0x1u  /* tuser set */
#define VNIC_WF_BADTKEEP 0x2u  /* malformed tkeep (the harness mangles the beats) */
struct vnic_wire_frame {
    const uint8_t *data;
    uint32_t len;
    uint32_t flags;
};

enum vnic_model_mode {
    VNIC_MODEL_STANDALONE = 0, /* the model's own timing produces the events */
    VNIC_MODEL_LOCKSTEP = 1,   /* timing events come from vnic_model_event() */
};

struct vnic_model;

/* Returns 0, or -1 with a message in err. */
int vnic_model_new(const struct vnic_model_params *p, const struct vnic_host_ops *host,
                   struct vnic_model **out, char *err, size_t errlen);
void vnic_model_free(struct vnic_model *m);
void vnic_model_set_mode(struct vnic_model *m, enum vnic_model_mode mode);

/* AXI4-Lite register access at byte address addr (PF page at 0, VF page i
 * at 0x1000*(i+1)), taking effect at the model's current cycle. */
uint32_t vnic_model_reg_read(struct vnic_model *m, uint32_t addr);
void vnic_model_reg_write(struct vnic_model *m, uint32_t addr, uint32_t val);

/* A wire frame whose first beat arrives at sof_cycle (>= now). Its last beat
 * is at sof_cycle + ceil(len/W) - 1. Frames must be given in order. */
void vnic_model_rx(struct vnic_model *m, uint64_t sof_cycle, const struct vnic_wire_frame *f);

/* Advance time to cycle, processing everything due (stand-alone mode). */
void vnic_model_run_until(struct vnic_model *m, uint64_t cycle);
uint64_t vnic_model_now(const struct vnic_model *m);
/* Run until nothing is pending (all frames decided, DMAed or stuck for
 * lack of descriptors); returns the cycle reached (one past the last event).
 * Stand-alone mode only: in lockstep mode it returns the current cycle. */
uint64_t vnic_model_drain(struct vnic_model *m, uint64_t max_cycles);

/* Lockstep: feed one RTL timing event; the model applies it at ev->cycle,
 * computes its own decision and compares. Returns the number of new
 * mismatches (0 when the RTL agrees); vnic_model_mismatch() describes them. */
unsigned vnic_model_event(struct vnic_model *m, const struct vnic_ev *ev);
unsigned vnic_model_mismatches(const struct vnic_model *m);
const char *vnic_model_mismatch(const struct vnic_model *m, unsigned i);

/* Optional observer of every event the model applies (own or fed). */
void vnic_model_set_observer(struct vnic_model *m,
                             void (*cb)(void *ctx, const struct vnic_ev *ev), void *ctx);

/* ---- lockstep helpers, conservation and parameters (docs/model.md) ---- */

/* Canonical order of events inside one cycle (docs/model.md, "Lockstep"):
 * negative, 0 or positive like strcmp, by cycle first. A lockstep feeder
 * sorts the events of one cycle with it before vnic_model_event(). */
int vnic_ev_cmp(const struct vnic_ev *a, const struct vnic_ev *b);
const char *vnic_ev_type_name(enum vnic_ev_type t);
/* One-line human-readable form of an event; returns snprintf's value. */
int vnic_ev_format(const struct vnic_ev *ev, char *buf, size_t len);

/* End of a lockstep run: records a mismatch for every decision the model
 * still expects the RTL to report (an interrupt trigger, a fault, a command).
 * Returns the number of new mismatches. */
unsigned vnic_model_finish(struct vnic_model *m);

/* RX copies accepted for vnic and not yet delivered or dropped: the
 * stored_v of the conservation law (frames in the partition or in the RX
 * DMA engine). */
uint64_t vnic_model_rx_pending(const struct vnic_model *m, unsigned vnic);

/* The conservation law of docs/architecture.md §8 on the model's counters
 * (global and every vNIC). Returns 0, or -1 with the first violated
 * equation in err. */
int vnic_model_check_conservation(const struct vnic_model *m, char *err, size_t errlen);

/* Parameters the model was built with (defaults filled in). */
const struct vnic_model_params *vnic_model_get_params(const struct vnic_model *m);

/* Window w of vnic's active configuration (docs/architecture.md §6): guest
 * base, host base and size in bytes (0: no window). Configuration, not a
 * decision: the RTL harness checks every host-memory access against it.
 * Returns 0, or -1 when vnic or w is out of range. */
int vnic_model_window(const struct vnic_model *m, unsigned vnic, unsigned w, uint64_t *gbase,
                      uint64_t *hbase, uint64_t *size);

#endif
