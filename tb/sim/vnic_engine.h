/* vnic_engine.h: what vnic-sim runs a scenario on.
 *
 * An engine is a device plus its host memory behind one table of function
 * pointers, so vnic-sim drives the golden model (stand-alone timing,
 * docs/architecture.md §10.1), the Verilated RTL, or both in lockstep the
 * same way:
 *   - configure: bus() is the libvnic bus table (register access at the
 *     engine's current cycle, host memory, advance, interrupts), used by the
 *     PF API to create the vNICs and by each VM's VF driver;
 *   - inject: a wire frame whose first beat is at sof_cycle (frames in
 *     order, sof_cycle >= now(), beats as the AXI4-Stream source sends them);
 *   - advance: run_until(cycle);
 *   - collect: every timing event (struct vnic_ev) goes to the observer;
 *     frames sent on TX go to the TX callback; counters are read through the
 *     bus; mismatches() counts RTL-versus-model disagreements (0 for the
 *     model alone).
 * An RTL engine provides `const struct vnic_engine_ops vnic_engine_rtl_ops`
 * (linked into vnic-sim through VNIC_SIM_RTL_OBJS, see
 * scenarios/scenarios.mk); while none is linked in, --engine rtl|both
 * reports that it is not built.
 */
#ifndef VNIC_ENGINE_H
#define VNIC_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "vnic_bus.h"
#include "vnic_hostmem.h"
#include "vnic_trace.h"

/* Device build parameters (docs/architecture.md §2) and the stand-alone host
 * timing of §10.1; 0 in a host_* field means the engine's default. */
struct vnic_engine_params {
    unsigned num_vnic, data_w, num_win;
    unsigned rx_buf_bytes, tx_buf_bytes, rx_fifo_bytes;
    unsigned max_frame;        /* parameter MAX_FRAME */
    unsigned host_bpc, host_lat, host_outstanding;
};

/* inject() flags: as a MAC hands a frame over (values of VNIC_WF_* in
 * cmodel/vnic_model.h and VNIC_GEN_WF_* in tb/traffic/vnic_gen.h) */
#define VNIC_ENGINE_WF_MACERR   0x1u
#define VNIC_ENGINE_WF_BADTKEEP 0x2u

typedef void (*vnic_engine_ev_fn)(void *ctx, const struct vnic_ev *ev);
typedef void (*vnic_engine_tx_fn)(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len, uint64_t cycle);

struct vnic_engine_ops {
    const char *name;
    /* params: device build parameters and the host timing; 0, or -1 with a message */
    int (*create)(const struct vnic_engine_params *params, void **impl, char *err, size_t errlen);
    void (*destroy)(void *impl);
    const struct vnic_bus *(*bus)(void *impl);
    struct vnic_hostmem *(*mem)(void *impl);
    void (*inject)(void *impl, uint64_t sof_cycle, const uint8_t *frame, uint32_t len, uint32_t flags);
    void (*run_until)(void *impl, uint64_t cycle);
    uint64_t (*now)(void *impl);
    void (*set_observer)(void *impl, vnic_engine_ev_fn fn, void *ctx);
    void (*set_tx)(void *impl, vnic_engine_tx_fn fn, void *ctx);
    unsigned (*mismatches)(void *impl);
    const char *(*mismatch)(void *impl, unsigned i);
};

struct vnic_engine {
    const struct vnic_engine_ops *ops;
    void *impl;
};

extern const struct vnic_engine_ops vnic_engine_model_ops;

/* The engine's defaults for the parameters (the model's). */
void vnic_engine_params_default(struct vnic_engine_params *p);

/* The engine called name ("model", "rtl", "both"): 0 and *e; -1 with a
 * message for an unknown name or a failed creation; -2 when that engine is
 * not built into this program. */
int vnic_engine_open(const char *name, const struct vnic_engine_params *params, struct vnic_engine *e, char *err,
                     size_t errlen);
void vnic_engine_close(struct vnic_engine *e);

#endif
