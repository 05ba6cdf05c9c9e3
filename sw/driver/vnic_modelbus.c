/* vnic_modelbus.c: bus table over the golden model and simulated host memory. */
#include "vnic_modelbus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vnic_modelbus {
    struct vnic_bus bus;
    struct vnic_model *m;
    struct vnic_hostmem *mem;
    int own_mem;
    unsigned data_bytes;
    uint64_t rx_next;                      /* first cycle the RX port is free */
    unsigned pending[VNIC_IRQ_NUM_VEC];    /* since the last irq_take */
    uint64_t total[VNIC_IRQ_NUM_VEC];
    vnic_modelbus_tx_fn tx_fn;
    void *tx_ctx;
    vnic_modelbus_irq_fn irq_fn;
    void *irq_ctx;
};

/* ---------------------------------------------------------------- model side */
static int host_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct vnic_modelbus *mb = ctx;
    return vnic_hostmem_read(mb->mem, addr, buf, len);
}

static int host_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
    struct vnic_modelbus *mb = ctx;
    return vnic_hostmem_write(mb->mem, addr, buf, len);
}

static void host_irq(void *ctx, unsigned vector, uint64_t cycle)
{
    struct vnic_modelbus *mb = ctx;
    if (vector < VNIC_IRQ_NUM_VEC) {
        mb->pending[vector]++;
        mb->total[vector]++;
    }
    if (mb->irq_fn)
        mb->irq_fn(mb->irq_ctx, vector, cycle);
}

static void host_tx(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len, uint64_t cycle)
{
    struct vnic_modelbus *mb = ctx;
    if (mb->tx_fn)
        mb->tx_fn(mb->tx_ctx, vnic, frame, len, cycle);
}

/* ---------------------------------------------------------------- bus side */
static uint32_t b_read32(void *ctx, uint32_t addr)
{
    struct vnic_modelbus *mb = ctx;
    return vnic_model_reg_read(mb->m, addr);
}

static void b_write32(void *ctx, uint32_t addr, uint32_t val)
{
    struct vnic_modelbus *mb = ctx;
    vnic_model_reg_write(mb->m, addr, val);
}

static void b_advance(void *ctx, uint64_t cycles)
{
    struct vnic_modelbus *mb = ctx;
    vnic_model_run_until(mb->m, vnic_model_now(mb->m) + cycles);
}

static unsigned b_irq_take(void *ctx, unsigned vector)
{
    struct vnic_modelbus *mb = ctx;
    if (vector >= VNIC_IRQ_NUM_VEC)
        return 0;
    unsigned n = mb->pending[vector];
    mb->pending[vector] = 0;
    return n;
}

static const struct vnic_bus_ops modelbus_ops = {
    .read32 = b_read32,
    .write32 = b_write32,
    .mem_read = host_read,
    .mem_write = host_write,
    .advance = b_advance,
    .irq_take = b_irq_take,
};

int vnic_modelbus_new(const struct vnic_model_params *params, struct vnic_hostmem *mem,
                      struct vnic_modelbus **out, char *err, size_t errlen)
{
    *out = NULL;
    struct vnic_modelbus *mb = calloc(1, sizeof(*mb));
    if (!mb) {
        snprintf(err, errlen, "vnic_modelbus_new: out of memory");
        return -1;
    }
    struct vnic_model_params p;
    if (params)
        p = *params;
    else
        vnic_model_params_default(&p);
    mb->data_bytes = p.data_w / 8;
    mb->mem = mem;
    if (!mb->mem) {
        mb->mem = vnic_hostmem_new(0);
        mb->own_mem = 1;
        if (!mb->mem) {
            snprintf(err, errlen, "vnic_modelbus_new: out of memory");
            free(mb);
            return -1;
        }
    }
    struct vnic_host_ops host = {
        .read = host_read,
        .write = host_write,
        .irq = host_irq,
        .tx = host_tx,
        .ctx = mb,
    };
    if (vnic_model_new(&p, &host, &mb->m, err, errlen)) {
        if (mb->own_mem)
            vnic_hostmem_free(mb->mem);
        free(mb);
        return -1;
    }
    vnic_model_set_mode(mb->m, VNIC_MODEL_STANDALONE);
    mb->bus.ops = &modelbus_ops;
    mb->bus.ctx = mb;
    *out = mb;
    return 0;
}

void vnic_modelbus_free(struct vnic_modelbus *mb)
{
    if (!mb)
        return;
    vnic_model_free(mb->m);
    if (mb->own_mem)
        vnic_hostmem_free(mb->mem);
    free(mb);
}

const struct vnic_bus *vnic_modelbus_bus(struct vnic_modelbus *mb)
{
    return &mb->bus;
}

struct vnic_model *vnic_modelbus_model(struct vnic_modelbus *mb)
{
    return mb->m;
}

struct vnic_hostmem *vnic_modelbus_mem(struct vnic_modelbus *mb)
{
    return mb->mem;
}

uint64_t vnic_modelbus_now(const struct vnic_modelbus *mb)
{
    return vnic_model_now(mb->m);
}

void vnic_modelbus_on_tx(struct vnic_modelbus *mb, vnic_modelbus_tx_fn fn, void *ctx)
{
    mb->tx_fn = fn;
    mb->tx_ctx = ctx;
}

void vnic_modelbus_on_irq(struct vnic_modelbus *mb, vnic_modelbus_irq_fn fn, void *ctx)
{
    mb->irq_fn = fn;
    mb->irq_ctx = ctx;
}

uint64_t vnic_modelbus_irq_total(const struct vnic_modelbus *mb, unsigned vector)
{
    return vector < VNIC_IRQ_NUM_VEC ? mb->total[vector] : 0;
}

void vnic_modelbus_rx(struct vnic_modelbus *mb, const uint8_t *frame, uint32_t len,
                      uint32_t flags)
{
    uint64_t now = vnic_model_now(mb->m);
    uint64_t sof = mb->rx_next > now ? mb->rx_next : now;
    struct vnic_wire_frame f = {.data = frame, .len = len, .flags = flags};
    vnic_model_rx(mb->m, sof, &f);
    /* next frame after this one's beats plus preamble and gap (20 bytes) */
    unsigned w = mb->data_bytes ? mb->data_bytes : 8;
    mb->rx_next = sof + (len + 20 + w - 1) / w;
}
