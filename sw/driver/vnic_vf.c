/* vnic_vf.c: the virtual-function driver of one vNIC, as a VM runs it. It
 * reaches one register page (fixed at open) and the VM's guest memory. */
#include "vnic_vf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELD(v, f)   (((v) & f##_MASK) >> f##_LSB)
#define VF_MAGIC      0x5646u /* 'VF' (ID.magic) */
#define ALIGN64(x)    (((x) + 63u) & ~(uint64_t)63u)

struct vf_ring {
    unsigned log2, size;      /* size = 2^log2 */
    uint64_t base;            /* guest address */
    unsigned tail;            /* next slot the driver fills */
    unsigned clean;           /* next slot the driver expects to complete */
    uint64_t buf_base;        /* default buffer of slot i: buf_base + i * stride */
    uint64_t stride;
    uint64_t *slot_addr;      /* buffer posted in each slot */
    uint32_t *slot_len;
};

struct vnic_vf {
    struct vnic_bus bus;
    uint32_t page;            /* VNIC_VF_BASE(v), fixed at open */
    unsigned v;
    struct vnic_vm vm;
    struct vnic_vf_cfg cfg;
    int ready;
    struct vf_ring rx, tx;
    char err[384];
};

static int fail(struct vnic_vf *vf, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(vf->err, sizeof(vf->err), fmt, ap);
    va_end(ap);
    return rc;
}

const char *vnic_vf_error(const struct vnic_vf *vf)
{
    return vf->err;
}

unsigned vnic_vf_index(const struct vnic_vf *vf)
{
    return vf->v;
}

/* ---------------------------------------------------------------- page access
 * Every register access is relative to the page fixed at open and checked
 * to stay inside it. */
int vnic_vf_reg_read(struct vnic_vf *vf, uint32_t off, uint32_t *val)
{
    if (off >= VNIC_PAGE_SIZE || (off & 3u)) {
        *val = 0;
        return fail(vf, VNIC_E_ARG,
                    "register offset 0x%x is outside this vNIC's page or unaligned (0..0xffc)", off);
    }
    *val = vf->bus.ops->read32(vf->bus.ctx, vf->page + off);
    return 0;
}

int vnic_vf_reg_write(struct vnic_vf *vf, uint32_t off, uint32_t val)
{
    if (off >= VNIC_PAGE_SIZE || (off & 3u))
        return fail(vf, VNIC_E_ARG,
                    "register offset 0x%x is outside this vNIC's page or unaligned (0..0xffc)", off);
    vf->bus.ops->write32(vf->bus.ctx, vf->page + off, val);
    return 0;
}

static uint32_t rd(struct vnic_vf *vf, uint32_t off)
{
    uint32_t val;
    vnic_vf_reg_read(vf, off, &val);
    return val;
}

static void wr(struct vnic_vf *vf, uint32_t off, uint32_t val)
{
    vnic_vf_reg_write(vf, off, val);
}

/* ---------------------------------------------------------------- guest memory */
static const struct vnic_vm_region *vm_region(const struct vnic_vm *vm, uint64_t g)
{
    for (unsigned i = 0; i < vm->nregions; i++) {
        const struct vnic_vm_region *x = &vm->region[i];
        if (g >= x->gbase && g - x->gbase < x->size)
            return x;
    }
    return NULL;
}

static int guest_xfer(struct vnic_vf *vf, uint64_t g, void *buf, const void *src, size_t len)
{
    while (len) {
        /* the region holding g, and the part of the transfer inside it */
        const struct vnic_vm_region *r = vm_region(&vf->vm, g);
        if (!r)
            return fail(vf, VNIC_E_MEM,
                        "guest address 0x%llx is not in the VM's memory (no region maps it)",
                        (unsigned long long)g);
        uint64_t room = r->size - (g - r->gbase);
        size_t n = len < room ? len : (size_t)room;
        uint64_t h = r->hbase + (g - r->gbase);
        int e = src ? vf->bus.ops->mem_write(vf->bus.ctx, h, src, n)
                    : vf->bus.ops->mem_read(vf->bus.ctx, h, buf, n);
        if (e)
            return fail(vf, VNIC_E_MEM, "host memory at 0x%llx (guest 0x%llx) refused a %s of %zu "
                                        "bytes",
                        (unsigned long long)h, (unsigned long long)g, src ? "write" : "read", n);
        g += n;
        len -= n;
        if (src)
            src = (const uint8_t *)src + n;
        else
            buf = (uint8_t *)buf + n;
    }
    return 0;
}

static int gread(struct vnic_vf *vf, uint64_t g, void *buf, size_t len)
{
    return guest_xfer(vf, g, buf, NULL, len);
}

static int gwrite(struct vnic_vf *vf, uint64_t g, const void *src, size_t len)
{
    return guest_xfer(vf, g, NULL, src, len);
}

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static int write_desc(struct vnic_vf *vf, struct vf_ring *r, unsigned slot, uint64_t addr,
                      uint32_t len)
{
    uint8_t d[VNIC_DESC_OFF_SIZE];
    memset(d, 0, sizeof(d));
    put_le(d, addr, 8);
    put_le(d + 8, len, 2);
    return gwrite(vf, r->base + (uint64_t)slot * VNIC_DESC_OFF_SIZE, d, sizeof(d));
}

/* ---------------------------------------------------------------- open */
int vnic_vf_open(const struct vnic_bus *bus, unsigned v, const struct vnic_vm *vm,
                 struct vnic_vf **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!bus || !bus->ops || !vm) {
        snprintf(err, errlen, "vnic_vf_open: bus and VM are required");
        return VNIC_E_ARG;
    }
    if (v >= VNIC_MAX_VNIC) {
        snprintf(err, errlen, "vnic_vf_open: vNIC %u is beyond the address map (0..%u)", v,
                 VNIC_MAX_VNIC - 1);
        return VNIC_E_ARG;
    }
    struct vnic_vf *vf = calloc(1, sizeof(*vf));
    if (!vf) {
        snprintf(err, errlen, "vnic_vf_open: out of memory");
        return VNIC_E_NOMEM;
    }
    vf->bus = *bus;
    vf->page = VNIC_VF_BASE(v);
    vf->v = v;
    vf->vm = *vm;
    uint32_t id = rd(vf, VNIC_VF_ID);
    if (FIELD(id, VNIC_VF_ID_MAGIC) != VF_MAGIC || FIELD(id, VNIC_VF_ID_VNIC) != v) {
        snprintf(err, errlen,
                 "no VF page of vNIC %u at 0x%x: ID reads 0x%08x (expected magic 'VF' and index "
                 "%u); does the device have that many vNICs?",
                 v, vf->page, id, v);
        free(vf);
        return VNIC_E_DEVICE;
    }
    *out = vf;
    return 0;
}

static void ring_free(struct vf_ring *r)
{
    free(r->slot_addr);
    free(r->slot_len);
    r->slot_addr = NULL;
    r->slot_len = NULL;
}

void vnic_vf_close(struct vnic_vf *vf)
{
    if (!vf)
        return;
    ring_free(&vf->rx);
    ring_free(&vf->tx);
    free(vf);
}

/* ---------------------------------------------------------------- setup */
static int ring_init(struct vnic_vf *vf, struct vf_ring *r, unsigned log2, uint64_t base,
                     uint64_t buf_base, uint64_t stride)
{
    ring_free(r);
    r->log2 = log2;
    r->size = 1u << log2;
    r->base = base;
    r->tail = r->clean = 0;
    r->buf_base = buf_base;
    r->stride = stride;
    r->slot_addr = calloc(r->size, sizeof(*r->slot_addr));
    r->slot_len = calloc(r->size, sizeof(*r->slot_len));
    if (!r->slot_addr || !r->slot_len)
        return fail(vf, VNIC_E_NOMEM, "out of memory for a ring of %u slots", r->size);
    /* the ring starts empty: every descriptor zero (no stale DD) */
    static const uint8_t zero[256];
    uint64_t bytes = (uint64_t)r->size * VNIC_DESC_OFF_SIZE;
    for (uint64_t off = 0; off < bytes; off += sizeof(zero)) {
        size_t n = bytes - off < sizeof(zero) ? (size_t)(bytes - off) : sizeof(zero);
        int rc = gwrite(vf, base + off, zero, n);
        if (rc)
            return rc;
    }
    return 0;
}

int vnic_vf_setup(struct vnic_vf *vf, const struct vnic_vf_cfg *c)
{
    vf->err[0] = '\0';
    vf->ready = 0;
    if (c->rx_log2 < VNIC_VF_RING_LOG2_MIN || c->rx_log2 > VNIC_VF_RING_LOG2_MAX ||
        c->tx_log2 < VNIC_VF_RING_LOG2_MIN || c->tx_log2 > VNIC_VF_RING_LOG2_MAX)
        return fail(vf, VNIC_E_ARG, "ring sizes 2^%u (RX) and 2^%u (TX): log2 must be %u..%u",
                    c->rx_log2, c->tx_log2, VNIC_VF_RING_LOG2_MIN, VNIC_VF_RING_LOG2_MAX);
    if (c->rx_buf_size < 64 || c->rx_buf_size > 0xffff || c->tx_buf_size < 64 ||
        c->tx_buf_size > 0xffff)
        return fail(vf, VNIC_E_ARG, "buffer sizes RX %u and TX %u bytes must be 64..65535",
                    c->rx_buf_size, c->tx_buf_size);
    uint64_t rxr = ALIGN64(c->mem_base);
    uint64_t txr = rxr + ((uint64_t)16 << c->rx_log2);
    uint64_t rxb = ALIGN64(txr + ((uint64_t)16 << c->tx_log2));
    uint64_t rxbs = ALIGN64(c->rx_buf_size), txbs = ALIGN64(c->tx_buf_size);
    uint64_t txb = rxb + (rxbs << c->rx_log2);
    uint64_t end = txb + (txbs << c->tx_log2);
    if (end - c->mem_base > c->mem_size)
        return fail(vf, VNIC_E_ARG,
                    "rings and buffers need %llu bytes of guest memory from 0x%llx; %llu given",
                    (unsigned long long)(end - c->mem_base), (unsigned long long)c->mem_base,
                    (unsigned long long)c->mem_size);
    /* every byte of it must be guest memory (it may span regions) */
    for (uint64_t g = rxr; g < end;) {
        const struct vnic_vm_region *r = vm_region(&vf->vm, g);
        if (!r)
            return fail(vf, VNIC_E_MEM,
                        "guest memory [0x%llx, 0x%llx) for rings and buffers is not all mapped "
                        "in the VM (0x%llx is not)",
                        (unsigned long long)rxr, (unsigned long long)end, (unsigned long long)g);
        g = r->gbase + r->size;
        if (g == 0) /* region ends at the top of the address space */
            break;
    }
    /* Rings are (re)built only while idle at index 0: on a fresh vNIC or
     * after a function-level reset. A live ring cannot be moved safely. */
    uint32_t rh = FIELD(rd(vf, VNIC_VF_RXR_HEAD), VNIC_VF_RXR_HEAD_IDX);
    uint32_t rt = FIELD(rd(vf, VNIC_VF_RXR_TAIL), VNIC_VF_RXR_TAIL_IDX);
    uint32_t th = FIELD(rd(vf, VNIC_VF_TXR_HEAD), VNIC_VF_TXR_HEAD_IDX);
    uint32_t tt = FIELD(rd(vf, VNIC_VF_TXR_TAIL), VNIC_VF_TXR_TAIL_IDX);
    if (rh || rt || th || tt)
        return fail(vf, VNIC_E_STATE,
                    "rings are live (RX head %u tail %u, TX head %u tail %u): the hypervisor must "
                    "reset vNIC %u (function-level reset) before its rings are set up again",
                    rh, rt, th, tt, vf->v);
    vf->cfg = *c;
    int rc = ring_init(vf, &vf->rx, c->rx_log2, rxr, rxb, rxbs);
    if (!rc)
        rc = ring_init(vf, &vf->tx, c->tx_log2, txr, txb, txbs);
    if (rc)
        return rc;
    wr(vf, VNIC_VF_RXR_BASE_LO, (uint32_t)rxr);
    wr(vf, VNIC_VF_RXR_BASE_HI, (uint32_t)(rxr >> 32));
    wr(vf, VNIC_VF_RXR_SIZE, c->rx_log2);
    wr(vf, VNIC_VF_TXR_BASE_LO, (uint32_t)txr);
    wr(vf, VNIC_VF_TXR_BASE_HI, (uint32_t)(txr >> 32));
    wr(vf, VNIC_VF_TXR_SIZE, c->tx_log2);
    /* A ring that has wrapped back to index 0 is idle but still locked
     * (architecture §4.8): the device ignored the writes above. */
    uint64_t rb = rd(vf, VNIC_VF_RXR_BASE_LO) | (uint64_t)rd(vf, VNIC_VF_RXR_BASE_HI) << 32;
    uint64_t tb = rd(vf, VNIC_VF_TXR_BASE_LO) | (uint64_t)rd(vf, VNIC_VF_TXR_BASE_HI) << 32;
    if (rb != rxr || tb != txr ||
        FIELD(rd(vf, VNIC_VF_RXR_SIZE), VNIC_VF_RXR_SIZE_LOG2) != c->rx_log2 ||
        FIELD(rd(vf, VNIC_VF_TXR_SIZE), VNIC_VF_TXR_SIZE_LOG2) != c->tx_log2)
        return fail(vf, VNIC_E_STATE,
                    "the device kept its ring registers (RX ring 0x%llx, TX ring 0x%llx): the "
                    "rings were used since the last reset; the hypervisor must reset vNIC %u "
                    "(function-level reset) before its rings are set up again",
                    (unsigned long long)rb, (unsigned long long)tb, vf->v);
    vf->ready = 1;
    if (!(c->flags & VNIC_VF_NO_PREFILL)) {
        rc = vnic_vf_rx_post(vf, vf->rx.size - 1);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int vnic_vf_restart(struct vnic_vf *vf)
{
    if (!vf->rx.size)
        return fail(vf, VNIC_E_STATE, "vnic_vf_restart before vnic_vf_setup");
    struct vnic_vf_cfg c = vf->cfg;
    return vnic_vf_setup(vf, &c);
}

uint64_t vnic_vf_rx_ring_addr(const struct vnic_vf *vf)
{
    return vf->rx.base;
}

uint64_t vnic_vf_tx_ring_addr(const struct vnic_vf *vf)
{
    return vf->tx.base;
}

uint64_t vnic_vf_rx_buf_addr(const struct vnic_vf *vf, unsigned slot)
{
    return vf->rx.buf_base + (uint64_t)slot * vf->rx.stride;
}

static unsigned ring_used(const struct vf_ring *r)
{
    return (r->tail - r->clean) & (r->size - 1);
}

/* ---------------------------------------------------------------- RX */
unsigned vnic_vf_rx_posted(const struct vnic_vf *vf)
{
    return vf->rx.size ? ring_used(&vf->rx) : 0;
}

static int rx_post_one(struct vnic_vf *vf, uint64_t addr, uint32_t len)
{
    struct vf_ring *r = &vf->rx;
    unsigned slot = r->tail;
    int rc = write_desc(vf, r, slot, addr, len);
    if (rc)
        return rc;
    r->slot_addr[slot] = addr;
    r->slot_len[slot] = len;
    r->tail = (slot + 1) & (r->size - 1);
    return 0;
}

int vnic_vf_rx_post(struct vnic_vf *vf, unsigned n)
{
    vf->err[0] = '\0';
    if (!vf->ready)
        return fail(vf, VNIC_E_STATE, "RX ring not set up (vnic_vf_setup)");
    struct vf_ring *r = &vf->rx;
    unsigned posted = 0;
    while (posted < n && ring_used(r) < r->size - 1) {
        unsigned slot = r->tail;
        int rc = rx_post_one(vf, vnic_vf_rx_buf_addr(vf, slot), vf->cfg.rx_buf_size);
        if (rc)
            return rc;
        posted++;
    }
    if (posted)
        wr(vf, VNIC_VF_RXR_TAIL, r->tail);
    return (int)posted;
}

int vnic_vf_rx_post_raw(struct vnic_vf *vf, uint64_t gaddr, uint16_t len)
{
    vf->err[0] = '\0';
    if (!vf->ready)
        return fail(vf, VNIC_E_STATE, "RX ring not set up (vnic_vf_setup)");
    if (ring_used(&vf->rx) >= vf->rx.size - 1)
        return fail(vf, VNIC_E_STATE, "RX ring full (%u buffers posted)", vf->rx.size - 1);
    int rc = rx_post_one(vf, gaddr, len);
    if (rc)
        return rc;
    wr(vf, VNIC_VF_RXR_TAIL, vf->rx.tail);
    return 0;
}

int vnic_vf_recv(struct vnic_vf *vf, void *buf, size_t cap, struct vnic_rx_cpl *cpl)
{
    vf->err[0] = '\0';
    if (!vf->ready)
        return fail(vf, VNIC_E_STATE, "RX ring not set up (vnic_vf_setup)");
    struct vf_ring *r = &vf->rx;
    if (ring_used(r) == 0)
        return 0;
    unsigned slot = r->clean;
    uint8_t wb[8];
    int rc = gread(vf, r->base + (uint64_t)slot * VNIC_DESC_OFF_SIZE + 8, wb, sizeof(wb));
    if (rc)
        return rc;
    uint16_t status = (uint16_t)get_le(wb + 6, 2);
    if (!(status & VNIC_DESC_ST_DD))
        return 0;
    struct vnic_rx_cpl c;
    c.buf_len = (uint16_t)get_le(wb, 2);
    c.len = (uint32_t)get_le(wb + 4, 2);
    c.status = status;
    c.buf_addr = r->slot_addr[slot];
    c.slot = slot;
    if (!(status & VNIC_DESC_ST_ERR_BUFLEN) && buf && cap) {
        size_t n = c.len < cap ? c.len : cap;
        if (n > r->slot_len[slot])
            n = r->slot_len[slot];
        rc = gread(vf, c.buf_addr, buf, n);
        if (rc)
            return rc;
    }
    r->clean = (slot + 1) & (r->size - 1);
    if (cpl)
        *cpl = c;
    if (!(vf->cfg.flags & VNIC_VF_NO_REPOST)) {
        rc = vnic_vf_rx_post(vf, 1);
        if (rc < 0)
            return rc;
    }
    return 1;
}

/* ---------------------------------------------------------------- TX */
unsigned vnic_vf_tx_pending(const struct vnic_vf *vf)
{
    return vf->tx.size ? ring_used(&vf->tx) : 0;
}

int vnic_vf_tx_reclaim(struct vnic_vf *vf, struct vnic_tx_cpl *cpl, unsigned max)
{
    vf->err[0] = '\0';
    if (!vf->ready)
        return fail(vf, VNIC_E_STATE, "TX ring not set up (vnic_vf_setup)");
    struct vf_ring *r = &vf->tx;
    unsigned n = 0;
    while (ring_used(r) && (cpl == NULL || n < max)) {
        unsigned slot = r->clean;
        uint8_t st[2];
        int rc = gread(vf, r->base + (uint64_t)slot * VNIC_DESC_OFF_SIZE + 14, st, sizeof(st));
        if (rc)
            return rc;
        uint16_t status = (uint16_t)get_le(st, 2);
        if (!(status & VNIC_DESC_ST_DD))
            break;
        if (cpl) {
            cpl[n].status = status;
            cpl[n].len = r->slot_len[slot];
            cpl[n].slot = slot;
        }
        r->clean = (slot + 1) & (r->size - 1);
        n++;
    }
    return (int)n;
}

int vnic_vf_send(struct vnic_vf *vf, const void *frame, size_t len)
{
    vf->err[0] = '\0';
    if (!vf->ready)
        return fail(vf, VNIC_E_STATE, "TX ring not set up (vnic_vf_setup)");
    struct vf_ring *r = &vf->tx;
    if (len > vf->cfg.tx_buf_size)
        return fail(vf, VNIC_E_ARG, "frame of %zu bytes does not fit a TX buffer (%u bytes)", len,
                    vf->cfg.tx_buf_size);
    if (ring_used(r) >= r->size - 1) {
        int rc = vnic_vf_tx_reclaim(vf, NULL, 0);
        if (rc < 0)
            return rc;
        if (ring_used(r) >= r->size - 1)
            return 0;
    }
    unsigned slot = r->tail;
    uint64_t addr = r->buf_base + (uint64_t)slot * r->stride;
    int rc = len ? gwrite(vf, addr, frame, len) : 0;
    if (!rc)
        rc = write_desc(vf, r, slot, addr, (uint32_t)len);
    if (rc)
        return rc;
    r->slot_addr[slot] = addr;
    r->slot_len[slot] = (uint32_t)len;
    r->tail = (slot + 1) & (r->size - 1);
    wr(vf, VNIC_VF_TXR_TAIL, r->tail);
    return 1;
}

/* ---------------------------------------------------------------- interrupts */
int vnic_vf_irq_enable(struct vnic_vf *vf, uint32_t mask)
{
    vf->err[0] = '\0';
    if (mask & ~(VNIC_VF_IRQ_RX | VNIC_VF_IRQ_TX))
        return fail(vf, VNIC_E_ARG, "unknown VF interrupt causes 0x%x", mask);
    wr(vf, VNIC_VF_INT_MASK, mask);
    return 0;
}

int vnic_vf_set_itr(struct vnic_vf *vf, int tx, unsigned count, uint32_t timer)
{
    vf->err[0] = '\0';
    if (count > FIELD(0xffffffffu, VNIC_VF_RXR_ITR_COUNT_VAL) ||
        timer > FIELD(0xffffffffu, VNIC_VF_RXR_ITR_TIMER_VAL))
        return fail(vf, VNIC_E_ARG, "moderation count %u / timer %u out of range (%u / %u)", count,
                    timer, FIELD(0xffffffffu, VNIC_VF_RXR_ITR_COUNT_VAL),
                    FIELD(0xffffffffu, VNIC_VF_RXR_ITR_TIMER_VAL));
    wr(vf, tx ? VNIC_VF_TXR_ITR_COUNT : VNIC_VF_RXR_ITR_COUNT, count);
    wr(vf, tx ? VNIC_VF_TXR_ITR_TIMER : VNIC_VF_RXR_ITR_TIMER, timer);
    return 0;
}

uint32_t vnic_vf_irq_take(struct vnic_vf *vf)
{
    uint32_t m = 0;
    if (vf->bus.ops->irq_take(vf->bus.ctx, VNIC_IRQ_VEC_RX(vf->v)))
        m |= VNIC_VF_IRQ_RX;
    if (vf->bus.ops->irq_take(vf->bus.ctx, VNIC_IRQ_VEC_TX(vf->v)))
        m |= VNIC_VF_IRQ_TX;
    return m;
}

uint32_t vnic_vf_irq_ack(struct vnic_vf *vf)
{
    uint32_t s = rd(vf, VNIC_VF_INT_STATUS);
    if (s)
        wr(vf, VNIC_VF_INT_STATUS, s);
    return s;
}

/* ---------------------------------------------------------------- status */
int vnic_vf_status(struct vnic_vf *vf, struct vnic_status *st)
{
    vf->err[0] = '\0';
    uint32_t s = rd(vf, VNIC_VF_STATUS);
    memset(st, 0, sizeof(*st));
    st->enabled = !!(s & VNIC_VF_STATUS_ENABLED_MASK);
    st->halted = !!(s & VNIC_VF_STATUS_HALTED_MASK);
    st->reason = FIELD(s, VNIC_VF_STATUS_REASON);
    return 0;
}

int vnic_vf_mac(struct vnic_vf *vf, uint8_t mac[6])
{
    vf->err[0] = '\0';
    vnic_mac_from_regs(rd(vf, VNIC_VF_MAC_HI), rd(vf, VNIC_VF_MAC_LO), mac);
    return 0;
}

int vnic_vf_stats(struct vnic_vf *vf, struct vnic_vstats *s)
{
    vf->err[0] = '\0';
#define X_RD(name, off)                                                                        \
    do {                                                                                       \
        uint32_t lo_ = rd(vf, (off)), hi_ = rd(vf, (off) + 4);                                 \
        s->c[VNIC_VSTAT_##name] = (uint64_t)hi_ << 32 | lo_;                                   \
    } while (0);
    VNIC_VF_STAT_COUNTERS(X_RD)
#undef X_RD
    return 0;
}

uint32_t vnic_vf_rx_head(struct vnic_vf *vf)
{
    return FIELD(rd(vf, VNIC_VF_RXR_HEAD), VNIC_VF_RXR_HEAD_IDX);
}

uint32_t vnic_vf_tx_head(struct vnic_vf *vf)
{
    return FIELD(rd(vf, VNIC_VF_TXR_HEAD), VNIC_VF_TXR_HEAD_IDX);
}
