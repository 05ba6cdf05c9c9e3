/* vNIC timing events: what the RTL's verification trace port reports and
 * what the model's own stand-alone timing generates (docs/architecture.md §10). */
#ifndef VNIC_TRACE_H
#define VNIC_TRACE_H

#include <stdint.h>

enum vnic_ev_type {
    VNIC_EV_RX_SOF = 1,      /* seq, fifo_ok */
    VNIC_EV_RX_DEC,          /* seq, wire, dest, outcome[] */
    VNIC_EV_RX_FIFO_REL,     /* seq */
    VNIC_EV_RX_STORED,       /* vnic */
    VNIC_EV_RX_GRANT,        /* vnic, elig */
    VNIC_EV_RX_FREE,         /* vnic */
    VNIC_EV_RX_CPL,          /* vnic */
    VNIC_EV_TX_QUEUED,       /* vnic */
    VNIC_EV_TX_GRANT,        /* vnic, elig */
    VNIC_EV_TX_SENT,         /* vnic */
    VNIC_EV_CMD,             /* op, vnic, err */
    VNIC_EV_FAULT,           /* vnic, reason, addr */
    VNIC_EV_IRQ,             /* irq_mask */
    VNIC_EV_TX_CPL,          /* vnic: TXR.HEAD advanced, visible from this cycle */
};

/* Wire verdicts (trc_rx_dec_wire). */
enum vnic_wire_verdict {
    VNIC_WIRE_CLASSIFIED = 0,
    VNIC_WIRE_FIFO = 1,
    VNIC_WIRE_RXOFF = 2,
    VNIC_WIRE_MACERR = 3,
    VNIC_WIRE_TKEEP = 4,
    VNIC_WIRE_RUNT = 5,
    VNIC_WIRE_OVERSIZE = 6,
    VNIC_WIRE_FCS = 7,
    VNIC_WIRE_NOMATCH = 8,
};

/* RX_GRANT / TX_GRANT in a decision cycle that granted nothing (a DRR step
 * that only moved the pointer, or every eligible vNIC held by its ceiling or
 * shaper): vnic = VNIC_EV_NO_VNIC (the trace port's trc_*_grant_none). */
#define VNIC_EV_NO_VNIC 0xFFFFFFFFu

/* Per-copy outcome (trc_rx_dec_outcome, two bits per vNIC). */
enum vnic_copy_outcome {
    VNIC_COPY_ACCEPT = 0,
    VNIC_COPY_HALTED = 1,
    VNIC_COPY_POLICER = 2,
    VNIC_COPY_NOBUF = 3,
};

struct vnic_ev {
    uint64_t cycle;
    enum vnic_ev_type type;
    uint32_t seq;          /* RX_SOF, RX_DEC, RX_FIFO_REL */
    uint32_t vnic;         /* per-vNIC events */
    uint32_t fifo_ok;      /* RX_SOF */
    uint32_t wire;         /* RX_DEC: enum vnic_wire_verdict */
    uint32_t dest;         /* RX_DEC: destination bitmap */
    uint8_t outcome[32];   /* RX_DEC: enum vnic_copy_outcome per vNIC in dest */
    uint32_t elig;         /* RX_GRANT, TX_GRANT: eligible bitmap */
    uint32_t op, err;      /* CMD */
    uint32_t reason;       /* FAULT */
    uint64_t addr;         /* FAULT: guest address */
    uint64_t irq_mask;     /* IRQ: bit k = vector k triggered (k < 64) */
    uint32_t irq_mask_hi;  /* IRQ: bit k = vector 64 + k (NUM_VNIC = 32 has 65 vectors) */
};

#endif
