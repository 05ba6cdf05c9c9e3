/* fake_dev.h: a register-level stand-in for the device, for driver unit
 * tests that must not depend on the model: identification registers, the
 * command protocol (LOAD/COMMIT/RESET/CLEAR_STATS with cmd_done), the
 * staging window, VF ID registers, and a log of every access. */
#ifndef FAKE_DEV_H
#define FAKE_DEV_H

#include <stdint.h>

#include "vnic_bus.h"
#include "vnic_hostmem.h"
#include "vnic_regs.h"

#define FAKE_REGS (VNIC_ADDR_SPAN / 4)
#define FAKE_LOG 4096

struct fake_dev {
    uint32_t reg[FAKE_REGS];           /* plain register file */
    uint32_t active[32][0x100 / 4];    /* active config per vNIC (STAGE image) */
    unsigned num_vnic;
    unsigned inject_err;               /* CMD_STATUS.err for the next COMMIT */
    unsigned commits, cmds;
    uint64_t cycles;
    struct {
        uint32_t addr, val;
        int write;
    } log[FAKE_LOG];
    unsigned nlog;
    struct vnic_hostmem *mem;
    unsigned irq_pending[VNIC_IRQ_NUM_VEC];
    struct vnic_bus bus;
};

/* num_vnic vNICs, W bytes, num_win windows, RX/TX buffers in KiB. */
void fake_dev_init(struct fake_dev *f, unsigned num_vnic, unsigned w, unsigned num_win,
                   unsigned rx_kib, unsigned tx_kib);
void fake_dev_fini(struct fake_dev *f);
/* Number of logged writes to [lo, hi). */
unsigned fake_dev_writes(const struct fake_dev *f, uint32_t lo, uint32_t hi);

#endif
