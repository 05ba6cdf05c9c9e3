/* vNIC constants the register map does not carry: interrupt vectors
 * (docs/architecture.md §4.9) and the ring size limit. Command opcodes and
 * errors, fault reasons and the descriptor layout are in the generated
 * vnic_regs.h (VNIC_CMD_OP_*, VNIC_CMD_ERR_*, VNIC_FAULT_REASON_*,
 * VNIC_DESC_OFF_*, VNIC_DESC_STATUS_*). */
#ifndef VNIC_DEFS_H
#define VNIC_DEFS_H

/* Interrupt vectors (§4.9). */
#define VNIC_VEC_PF            0u
#define VNIC_VEC_RX(v)         (1u + 2u * (unsigned)(v))
#define VNIC_VEC_TX(v)         (2u + 2u * (unsigned)(v))

/* Largest ring: RXR/TXR.SIZE = log2 of the descriptor count, 1..12. */
#define VNIC_RING_LOG2_MAX     12u

#endif
