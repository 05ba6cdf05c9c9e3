/* vnic_bus.h: the bus-operations table, the driver's only way to the device.
 *
 * Every register access, every host-memory access the CPU makes, every wait
 * and every interrupt the driver sees goes through one struct vnic_bus, so the
 * same driver runs on the golden model (sw/driver/vnic_modelbus.c), on the
 * Verilated RTL and, in principle, on a real machine. A backend fills in the
 * six operations below; all of them are required.
 *
 * Addresses:
 *  - read32/write32 take a byte address in the device's AXI4-Lite space: the
 *    PF page at 0, the page of vNIC i at VNIC_VF_BASE(i) (sw/include/vnic_regs.h).
 *    Accesses are 32-bit and 4-byte aligned. The device answers unmapped
 *    addresses with 0, so read32 has no error path.
 *  - mem_read/mem_write take a HOST PHYSICAL address: this is the CPU's view
 *    of host memory (the VF driver translates its guest addresses first, see
 *    struct vnic_vm in vnic_hostmem.h). They return 0, or nonzero when the
 *    memory is not there (simulated fault injection makes them fail too).
 *
 * Time: advance(ctx, cycles) lets at least `cycles` device clock cycles pass
 * (a simulated backend runs the device for that long; a real one may sleep).
 * The driver uses it while it polls (command completion, queue drain) and
 * never assumes anything happens without it.
 *
 * Interrupts: the device sends MSI-X-like messages with a vector (0 = PF,
 * 1 + 2v = vNIC v RX, 2 + 2v = vNIC v TX; docs/architecture.md §4.9).
 * irq_take(ctx, vector) returns how many messages arrived on that vector since
 * the last irq_take of the same vector and resets that count: a poll of the
 * pending vectors. A backend that gets interrupts as callbacks counts them per
 * vector and hands the count out here.
 */
#ifndef VNIC_BUS_H
#define VNIC_BUS_H

#include <stddef.h>
#include <stdint.h>

#define VNIC_IRQ_VEC_PF        0u
#define VNIC_IRQ_VEC_RX(v)     (1u + 2u * (unsigned)(v))
#define VNIC_IRQ_VEC_TX(v)     (2u + 2u * (unsigned)(v))
#define VNIC_IRQ_NUM_VEC       65u /* 1 + 2 * 32 */

struct vnic_bus_ops {
    uint32_t (*read32)(void *ctx, uint32_t addr);
    void (*write32)(void *ctx, uint32_t addr, uint32_t val);
    int (*mem_read)(void *ctx, uint64_t host_addr, void *buf, size_t len);
    int (*mem_write)(void *ctx, uint64_t host_addr, const void *buf, size_t len);
    void (*advance)(void *ctx, uint64_t cycles);
    unsigned (*irq_take)(void *ctx, unsigned vector);
};

/* A bus: the table plus the backend's context. Copied by value into the
 * driver's handles, so it may live on the caller's stack. */
struct vnic_bus {
    const struct vnic_bus_ops *ops;
    void *ctx;
};

#endif
