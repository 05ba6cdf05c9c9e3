/* vnic_common.h: definitions shared by the PF (hypervisor) and VF (VM) sides
 * of libvnic: return codes, messages for command and fault codes, counter
 * sets, MAC helpers. Register offsets and encodings come only from the
 * generated sw/include/vnic_regs.h. */
#ifndef VNIC_COMMON_H
#define VNIC_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "vnic_regs.h"

/* Return codes. Every failing call also leaves a message a person can act on
 * in the handle (vnic_dev_error(), vnic_vf_error()) or in the caller's err
 * buffer for calls that have no handle yet. */
enum vnic_rc {
    VNIC_OK = 0,
    VNIC_E_ARG = -1,      /* bad argument (index, NULL, out-of-range field) */
    VNIC_E_DEVICE = -2,   /* not a vNIC, or an unsupported version/parameters */
    VNIC_E_EXISTS = -3,   /* vNIC already exists / does not exist */
    VNIC_E_RATE = -4,     /* rates: guarantee, ceiling, bursts, weights */
    VNIC_E_PART = -5,     /* RX/TX partitions: alignment, size, fit, overlap */
    VNIC_E_WIN = -6,      /* DMA windows: alignment, size, overlap */
    VNIC_E_MAC = -7,      /* MAC address: group address or duplicate */
    VNIC_E_REFUSED = -8,  /* the device refused a command (CMD_STATUS.err) */
    VNIC_E_TIMEOUT = -9,  /* the device did not finish in time */
    VNIC_E_MEM = -10,     /* guest/host memory not mapped or not accessible */
    VNIC_E_NOMEM = -11,   /* out of memory */
    VNIC_E_STATE = -12,   /* wrong state (ring not set up, vNIC halted, ...) */
};
const char *vnic_rc_str(int rc);

/* Command opcodes and results, fault reasons, descriptor layout and status
 * bits are generated into vnic_regs.h with the register map:
 * VNIC_CMD_OP_*, VNIC_CMD_ERR_*, VNIC_FAULT_REASON_*, VNIC_DESC_OFF_*,
 * VNIC_DESC_STATUS_*. These functions turn them into words. */
const char *vnic_cmd_op_str(unsigned op);      /* "COMMIT" */
const char *vnic_cmd_err_name(unsigned err);   /* "RX_OVERLAP" */
const char *vnic_cmd_err_str(unsigned err);    /* one sentence: what is wrong, what to do */

/* DMA fault reasons (STATUS.reason), docs/architecture.md §6. */
const char *vnic_fault_name(unsigned reason);  /* VNIC_FAULT_REASON_RX_BUF_ADDR: "RX_BUF_ADDR" */
const char *vnic_fault_str(unsigned reason);   /* one sentence */

/* Descriptor status bits (docs/architecture.md §4.8), short names. */
#define VNIC_DESC_ST_DD         VNIC_DESC_STATUS_DD
#define VNIC_DESC_ST_EOP        VNIC_DESC_STATUS_EOP
#define VNIC_DESC_ST_ERR_BUFLEN VNIC_DESC_STATUS_ERR_BUFLEN
#define VNIC_DESC_ST_BCAST      VNIC_DESC_STATUS_BCAST
#define VNIC_DESC_ST_MCAST      VNIC_DESC_STATUS_MCAST
#define VNIC_DESC_ST_ERR_SPOOF  VNIC_DESC_STATUS_ERR_SPOOF
#define VNIC_DESC_ST_ERR_TXLEN  VNIC_DESC_STATUS_ERR_TXLEN
#define VNIC_DESC_ST_ERRORS \
    (VNIC_DESC_STATUS_ERR_BUFLEN | VNIC_DESC_STATUS_ERR_SPOOF | VNIC_DESC_STATUS_ERR_TXLEN)

/* Counter sets, indexed by the names of the register map
 * (s.c[VNIC_VSTAT_RX_FRAMES], g.c[VNIC_GSTAT_DROP_FCS]). */
#define VNIC_X_ENUM_VSTAT(name, off) VNIC_VSTAT_##name,
enum vnic_vstat_idx { VNIC_VF_STAT_COUNTERS(VNIC_X_ENUM_VSTAT) VNIC_VSTAT_COUNT };
#undef VNIC_X_ENUM_VSTAT
#define VNIC_X_ENUM_GSTAT(name, off) VNIC_GSTAT_##name,
enum vnic_gstat_idx { VNIC_PF_GSTAT_COUNTERS(VNIC_X_ENUM_GSTAT) VNIC_GSTAT_COUNT };
#undef VNIC_X_ENUM_GSTAT

struct vnic_vstats {
    uint64_t c[VNIC_VSTAT_COUNT];
};
struct vnic_gstats {
    uint64_t c[VNIC_GSTAT_COUNT];
};
const char *vnic_vstat_name(unsigned idx); /* "DROP_POLICER" */
const char *vnic_gstat_name(unsigned idx);

/* Status of one vNIC as the device reports it. */
struct vnic_status {
    int enabled;
    int halted;
    unsigned reason;        /* VNIC_FAULT_REASON_*, valid when halted */
    uint64_t fault_addr;    /* guest address of the fault (PF only; 0 on VF) */
    uint32_t rx_used;       /* RX partition bytes in use (PF only) */
    uint32_t tx_used;       /* TX partition bytes in use (PF only) */
};

/* MAC helpers: register layout of docs/architecture.md §4.2. */
void vnic_mac_to_regs(const uint8_t mac[6], uint32_t *hi, uint32_t *lo);
void vnic_mac_from_regs(uint32_t hi, uint32_t lo, uint8_t mac[6]);
/* "aa:bb:cc:dd:ee:ff" (or '-' separated): 0, or -1 when malformed. */
int vnic_mac_parse(const char *s, uint8_t mac[6]);
/* Writes 18 bytes ("aa:bb:cc:dd:ee:ff\0"). */
char *vnic_mac_format(const uint8_t mac[6], char out[18]);

#endif
