/* vnic_modelbus.h: the golden-model backend of the bus table.
 *
 * Wraps a struct vnic_model (cmodel/vnic_model.h) in stand-alone mode and a
 * simulated host memory (vnic_hostmem.h):
 *  - read32/write32 are the model's register accesses at its current cycle;
 *  - mem_read/mem_write reach the host memory (the device's DMA sees the
 *    same memory; injected faults answer the device with SLVERR);
 *  - advance(n) runs the model n cycles;
 *  - the model's interrupt messages are counted per vector for irq_take;
 *  - frames the model sends on the TX wire go to an optional callback.
 */
#ifndef VNIC_MODELBUS_H
#define VNIC_MODELBUS_H

#include "vnic_bus.h"
#include "vnic_hostmem.h"
#include "vnic_model.h"

struct vnic_modelbus;

typedef void (*vnic_modelbus_tx_fn)(void *ctx, unsigned vnic, const uint8_t *frame,
                                    uint32_t len, uint64_t cycle);
typedef void (*vnic_modelbus_irq_fn)(void *ctx, unsigned vector, uint64_t cycle);

/* params NULL = vnic_model_params_default. mem NULL = a private host memory
 * of up to 1 GiB (freed with the backend); a given mem stays the caller's. */
int vnic_modelbus_new(const struct vnic_model_params *params, struct vnic_hostmem *mem,
                      struct vnic_modelbus **out, char *err, size_t errlen);
void vnic_modelbus_free(struct vnic_modelbus *mb);

const struct vnic_bus *vnic_modelbus_bus(struct vnic_modelbus *mb);
struct vnic_model *vnic_modelbus_model(struct vnic_modelbus *mb);
struct vnic_hostmem *vnic_modelbus_mem(struct vnic_modelbus *mb);
uint64_t vnic_modelbus_now(const struct vnic_modelbus *mb);

void vnic_modelbus_on_tx(struct vnic_modelbus *mb, vnic_modelbus_tx_fn fn, void *ctx);
/* Observer called for every interrupt message, besides the per-vector count. */
void vnic_modelbus_on_irq(struct vnic_modelbus *mb, vnic_modelbus_irq_fn fn, void *ctx);
/* Messages seen on a vector since the backend was made (not cleared by irq_take). */
uint64_t vnic_modelbus_irq_total(const struct vnic_modelbus *mb, unsigned vector);

/* Hands a wire frame (FCS included) to the model's RX port at the model's
 * current cycle, or at the first free cycle after the previous frame. */
void vnic_modelbus_rx(struct vnic_modelbus *mb, const uint8_t *frame, uint32_t len,
                      uint32_t flags);

#endif
