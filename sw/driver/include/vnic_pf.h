/* vnic_pf.h: the physical-function (hypervisor) side of libvnic.
 *
 * The PF opens the device, sets the global controls, and creates, updates,
 * resets and destroys vNICs from a QoS specification. Every specification is
 * checked in software first (admission control: the link can carry the sum
 * of guarantees, partitions fit and do not overlap, windows are aligned and
 * disjoint, MACs are unique); only a specification that passes is written to
 * the device, through the staging window (LOAD, edit STAGE, COMMIT). The
 * device checks again; its refusals come back as VNIC_E_REFUSED with the
 * CMD_STATUS error explained. See docs/driver.md.
 */
#ifndef VNIC_PF_H
#define VNIC_PF_H

#include "vnic_bus.h"
#include "vnic_common.h"
#include "vnic_hostmem.h"

/* ---------------------------------------------------------------- rates
 * The device counts rates in bytes per clock cycle, unsigned 8.24 fixed
 * point (docs/architecture.md). Rates in bits per second count frame bytes
 * as the device does (FCS included, preamble and inter-frame gap excluded).
 * Conversions round to nearest; bps_to_reg saturates at 0xffffffff. */
uint32_t vnic_rate_bps_to_reg(uint64_t bps, uint64_t clk_hz);
uint64_t vnic_rate_reg_to_bps(uint32_t reg, uint64_t clk_hz);
uint32_t vnic_rate_mbps_to_reg(double mbps, uint64_t clk_hz);
double vnic_rate_reg_to_mbps(uint32_t reg, uint64_t clk_hz);

/* ---------------------------------------------------------------- QoS spec */
#define VNIC_QOS_BCAST        0x01u /* accept broadcast frames */
#define VNIC_QOS_MCAST        0x02u /* accept multicast frames */
#define VNIC_QOS_ANTISPOOF    0x04u /* TX source MAC must be the vNIC's */
#define VNIC_QOS_DISABLED     0x08u /* configure but leave disabled */
#define VNIC_QOS_NO_POLICER   0x10u /* ceiling applies to RX DMA only, not at admission */
#define VNIC_QOS_NO_DMA_CEIL  0x20u /* ceiling applies at admission (policer) only */
#define VNIC_QOS_FIXED_PART   0x40u /* take rx_base/tx_base as given even when 0 */
#define VNIC_QOS_SHARED_HOST  0x80u /* allow host ranges shared with other vNICs' windows */

struct vnic_win {
    uint64_t gbase; /* guest base, 4 KiB aligned */
    uint64_t hbase; /* host base, 4 KiB aligned */
    uint64_t size;  /* bytes, multiple of 4 KiB, <= 0xfffff000; 0 = unused */
};

/* What a hypervisor asks for one vNIC. Zero means "default" for most fields,
 * so vnic_qos_spec_init + a MAC + windows is a valid spec. */
struct vnic_qos_spec {
    uint8_t mac[6];
    unsigned flags;           /* VNIC_QOS_* */
    /* Partitions of the on-chip RX and TX buffers, bytes, multiples of 64.
     * size 0: the default share (buffer / NUM_VNIC, at least one maximum
     * frame). base 0 (without VNIC_QOS_FIXED_PART): placed automatically at
     * the lowest free offset. */
    uint32_t rx_base, rx_size;
    uint32_t tx_base, tx_size;
    uint64_t guar_bps;        /* guaranteed RX DMA rate; 0 = none */
    uint64_t ceil_bps;        /* ceiling: RX policer rate and RX DMA ceiling; 0 = none */
    uint32_t pol_burst;       /* policer depth, bytes (>= MAX_FRAME); 0 = 2 * MAX_FRAME */
    uint32_t sch_burst;       /* RX DMA bucket depth, bytes; 0 = 2 * MAX_FRAME */
    unsigned weight;          /* RX DMA share of spare bandwidth, 1..255; 0 = 1 */
    unsigned tx_weight;       /* TX scheduler weight, 1..255; 0 = 1 */
    uint64_t tx_rate_bps;     /* TX shaper rate; 0 = no shaper */
    uint32_t tx_burst;        /* TX shaper depth, bytes; 0 = 2 * MAX_FRAME */
    unsigned nwin;            /* DMA windows used, <= CAPS.num_win */
    struct vnic_win win[4];
};

void vnic_qos_spec_init(struct vnic_qos_spec *s);
/* One DMA window per VM region (identity of the VM's guest view). */
int vnic_qos_windows_from_vm(struct vnic_qos_spec *s, const struct vnic_vm *vm,
                             char *err, size_t errlen);

/* The device-level configuration of one vNIC: the STAGE registers. */
struct vnic_hw_cfg {
    uint32_t flags;           /* STAGE.FLAGS */
    uint32_t mac_lo, mac_hi;
    uint32_t rx_base, rx_size, tx_base, tx_size;
    uint32_t pol_rate, pol_burst;
    uint32_t sch_guar, sch_ceil, sch_burst, sch_weight;
    uint32_t tx_weight, tx_rate, tx_burst;
    struct {
        uint64_t gbase, hbase;
        uint32_t size;
    } win[4];
};

/* ---------------------------------------------------------------- device */
struct vnic_dev;

struct vnic_dev_info {
    uint32_t version;         /* G.VERSION */
    unsigned num_vnic;        /* CAPS.num_vnic */
    unsigned data_bytes;      /* W = DATA_W / 8 */
    unsigned num_win;         /* windows per vNIC */
    uint32_t rx_buf_bytes;    /* RX buffer, all partitions */
    uint32_t tx_buf_bytes;
    uint64_t clk_hz;          /* as given to vnic_dev_open */
    uint64_t link_bps;        /* W * 8 * clk_hz: the datapath rate */
};

/* Opens the device behind bus: checks ID and VERSION (major 1), reads CAPS
 * and BUFCAPS, and reads back every vNIC's active configuration. clk_hz is
 * the device clock, used only to convert rates. 0, or an enum vnic_rc with a
 * message in err. */
int vnic_dev_open(const struct vnic_bus *bus, uint64_t clk_hz, struct vnic_dev **out,
                  char *err, size_t errlen);
void vnic_dev_close(struct vnic_dev *d);
const char *vnic_dev_error(const struct vnic_dev *d);   /* last failure, "" if none */
const struct vnic_dev_info *vnic_dev_info(const struct vnic_dev *d);

/* Cycles a command may take (default 100000) and a queue may take to drain
 * during a partition change (default 10000000). */
void vnic_dev_set_timeouts(struct vnic_dev *d, uint64_t cmd_cycles, uint64_t drain_cycles);

struct vnic_global_cfg {
    int rx_en;
    int tx_en;
    unsigned max_frame;       /* bytes incl. FCS, 64..16383; 0 = keep */
    int def_en;               /* unmatched unicast goes to def_vnic */
    unsigned def_vnic;
};
int vnic_dev_get_global(struct vnic_dev *d, struct vnic_global_cfg *g);
int vnic_dev_set_global(struct vnic_dev *d, const struct vnic_global_cfg *g);

/* Admission check only: would create/update of v with spec be accepted?
 * Touches nothing. If placed is not NULL it gets the spec with partitions
 * and defaults filled in. */
int vnic_dev_check(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *spec,
                   struct vnic_qos_spec *placed);
int vnic_dev_create(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *spec);
/* Changes a vNIC. A partition change of an enabled vNIC disables it, waits
 * until its RX and TX partitions are empty (up to the drain time-out; on
 * time-out the old configuration is restored), then commits the new one. */
int vnic_dev_update(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *spec);
/* Disables v, resets it (its stored frames are dropped as DROP_HALTED),
 * and clears its configuration; statistics are kept. */
int vnic_dev_destroy(struct vnic_dev *d, unsigned v);
/* Function-level reset (docs/architecture.md §9); configuration kept. The
 * VM's driver must set its rings up again afterwards. */
int vnic_dev_reset(struct vnic_dev *d, unsigned v);
int vnic_dev_clear_stats(struct vnic_dev *d, unsigned v);
/* The spec v was created with, partitions and defaults filled in. */
int vnic_dev_get_spec(struct vnic_dev *d, unsigned v, struct vnic_qos_spec *spec);
int vnic_dev_exists(const struct vnic_dev *d, unsigned v);

/* Raw access for tools and tests: LOAD v's active configuration, or write
 * cfg and COMMIT it WITHOUT the software admission checks (the device still
 * checks). vnic_dev_last_cmd_err() is the CMD_STATUS.err of the last command. */
int vnic_dev_load_raw(struct vnic_dev *d, unsigned v, struct vnic_hw_cfg *cfg);
int vnic_dev_commit_raw(struct vnic_dev *d, unsigned v, const struct vnic_hw_cfg *cfg);
unsigned vnic_dev_last_cmd_err(const struct vnic_dev *d);
/* Translates a spec into registers as create would (no device access). */
int vnic_dev_spec_to_hw(struct vnic_dev *d, const struct vnic_qos_spec *spec,
                        struct vnic_hw_cfg *cfg);

/* ---------------------------------------------------------------- status */
int vnic_dev_vnic_status(struct vnic_dev *d, unsigned v, struct vnic_status *st);
uint32_t vnic_dev_fault_vec(struct vnic_dev *d);
/* 64-bit counters read atomically (LO then HI). */
int vnic_dev_vnic_stats(struct vnic_dev *d, unsigned v, struct vnic_vstats *s);
int vnic_dev_global_stats(struct vnic_dev *d, struct vnic_gstats *s);
/* Checks the conservation law of docs/architecture.md §8 on the counters,
 * assuming traffic has drained (every RX_USED is 0, else VNIC_E_STATE):
 * per vNIC RX_IN = RX_FRAMES + drops, RX_COPIES = sum of RX_IN, and
 * 0 <= RX_FRAMES - wire drops <= RX_COPIES. 0, or VNIC_E_STATE with the
 * first broken equation in the error message. */
int vnic_dev_check_conservation(struct vnic_dev *d);

/* PF interrupt (vector 0): causes VNIC_PF_IRQ_FAULT, VNIC_PF_IRQ_CMD_DONE. */
#define VNIC_PF_IRQ_FAULT    VNIC_PF_G_INT_STATUS_FAULT_MASK
#define VNIC_PF_IRQ_CMD_DONE VNIC_PF_G_INT_STATUS_CMD_DONE_MASK
int vnic_dev_irq_enable(struct vnic_dev *d, uint32_t mask);
/* Reads INT_STATUS and clears the causes it returns. */
uint32_t vnic_dev_irq_ack(struct vnic_dev *d);
/* Interrupt messages received on vector 0 since the last call. */
unsigned vnic_dev_irq_take(struct vnic_dev *d);

#endif
