/* vnic_engine.c: the golden-model engine and the engine registry (see vnic_engine.h). */
#include "vnic_engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vnic_gen.h"
#include "vnic_model.h"
#include "vnic_modelbus.h"

_Static_assert(VNIC_ENGINE_WF_MACERR == VNIC_WF_MACERR && VNIC_ENGINE_WF_BADTKEEP == VNIC_WF_BADTKEEP &&
                   VNIC_GEN_WF_MACERR == VNIC_WF_MACERR && VNIC_GEN_WF_BADTKEEP == VNIC_WF_BADTKEEP,
               "frame flags of the generator, the engine and the model differ");

/* Provided by the RTL harness when it is linked in (VNIC_SIM_RTL_OBJS). */
extern const struct vnic_engine_ops vnic_engine_rtl_ops __attribute__((weak));
extern const struct vnic_engine_ops vnic_engine_both_ops __attribute__((weak));

/* ---------------------------------------------------------------- model */
struct model_engine {
    struct vnic_modelbus *mb;
    struct vnic_model *m;
};

void vnic_engine_params_default(struct vnic_engine_params *p)
{
    struct vnic_model_params mp;
    vnic_model_params_default(&mp);
    memset(p, 0, sizeof(*p));
    p->num_vnic = mp.num_vnic;
    p->data_w = mp.data_w;
    p->num_win = mp.num_win;
    p->rx_buf_bytes = mp.rx_buf_bytes;
    p->tx_buf_bytes = mp.tx_buf_bytes;
    p->rx_fifo_bytes = mp.rx_fifo_bytes;
    p->max_frame = mp.max_frame;
}

static int m_create(const struct vnic_engine_params *ep, void **impl, char *err, size_t errlen)
{
    struct vnic_model_params mp;
    vnic_model_params_default(&mp);
    mp.num_vnic = ep->num_vnic;
    mp.data_w = ep->data_w;
    mp.num_win = ep->num_win;
    mp.rx_buf_bytes = ep->rx_buf_bytes;
    mp.tx_buf_bytes = ep->tx_buf_bytes;
    mp.rx_fifo_bytes = ep->rx_fifo_bytes;
    mp.max_frame = ep->max_frame;
    if (ep->host_bpc)
        mp.host_bpc = ep->host_bpc;
    if (ep->host_lat)
        mp.host_lat = ep->host_lat;
    if (ep->host_outstanding)
        mp.host_outstanding = ep->host_outstanding;
    const struct vnic_model_params *params = &mp;
    struct model_engine *e = calloc(1, sizeof(*e));
    if (!e) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* host memory bounded by what is touched: the VMs' rings and buffers */
    struct vnic_hostmem *mem = NULL;
    if (vnic_modelbus_new(params, mem, &e->mb, err, errlen)) {
        free(e);
        return -1;
    }
    e->m = vnic_modelbus_model(e->mb);
    *impl = e;
    return 0;
}

static void m_destroy(void *impl)
{
    struct model_engine *e = impl;
    if (!e)
        return;
    vnic_modelbus_free(e->mb);
    free(e);
}

static const struct vnic_bus *m_bus(void *impl)
{
    return vnic_modelbus_bus(((struct model_engine *)impl)->mb);
}

static struct vnic_hostmem *m_mem(void *impl)
{
    return vnic_modelbus_mem(((struct model_engine *)impl)->mb);
}

static void m_inject(void *impl, uint64_t sof, const uint8_t *frame, uint32_t len, uint32_t flags)
{
    struct vnic_wire_frame f = {.data = frame, .len = len, .flags = flags};
    vnic_model_rx(((struct model_engine *)impl)->m, sof, &f);
}

static void m_run_until(void *impl, uint64_t cycle)
{
    vnic_model_run_until(((struct model_engine *)impl)->m, cycle);
}

static uint64_t m_now(void *impl)
{
    return vnic_model_now(((struct model_engine *)impl)->m);
}

static void m_set_observer(void *impl, vnic_engine_ev_fn fn, void *ctx)
{
    vnic_model_set_observer(((struct model_engine *)impl)->m, fn, ctx);
}

static void m_set_tx(void *impl, vnic_engine_tx_fn fn, void *ctx)
{
    vnic_modelbus_on_tx(((struct model_engine *)impl)->mb, fn, ctx);
}

static unsigned m_mismatches(void *impl)
{
    (void)impl;
    return 0;
}

static const char *m_mismatch(void *impl, unsigned i)
{
    (void)impl;
    (void)i;
    return "";
}

const struct vnic_engine_ops vnic_engine_model_ops = {
    .name = "model",
    .create = m_create,
    .destroy = m_destroy,
    .bus = m_bus,
    .mem = m_mem,
    .inject = m_inject,
    .run_until = m_run_until,
    .now = m_now,
    .set_observer = m_set_observer,
    .set_tx = m_set_tx,
    .mismatches = m_mismatches,
    .mismatch = m_mismatch,
};

/* ---------------------------------------------------------------- registry */
int vnic_engine_open(const char *name, const struct vnic_engine_params *params, struct vnic_engine *e, char *err,
                     size_t errlen)
{
    memset(e, 0, sizeof(*e));
    const struct vnic_engine_ops *ops = NULL;
    if (!strcmp(name, "model")) {
        ops = &vnic_engine_model_ops;
    } else if (!strcmp(name, "rtl") || !strcmp(name, "both")) {
        ops = !strcmp(name, "rtl") ? &vnic_engine_rtl_ops : &vnic_engine_both_ops;
        if (!ops) {
            snprintf(err, errlen,
                     "RTL engine not built yet: this vnic-sim has only the model engine "
                     "(--engine model); the Verilator harness (tb/rtl/) provides the %s engine once it lands",
                     name);
            return -2;
        }
    } else {
        snprintf(err, errlen, "unknown engine '%s': model, rtl or both", name);
        return -1;
    }
    e->ops = ops;
    if (ops->create(params, &e->impl, err, errlen)) {
        e->ops = NULL;
        return -1;
    }
    return 0;
}

void vnic_engine_close(struct vnic_engine *e)
{
    if (e->ops)
        e->ops->destroy(e->impl);
    memset(e, 0, sizeof(*e));
}
