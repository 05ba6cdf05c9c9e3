/* vnic_pf.c: the physical-function (hypervisor) driver: device open, global
 * control, vNIC life cycle through the staging window, admission control,
 * statistics and faults. All device access goes through struct vnic_bus. */
#include "vnic_pf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VNIC_ID_VALUE      0x564E4943u /* 'VNIC' (G.ID) */
#define DRV_VERSION_MAJOR  1u
#define FIELD(v, f)        (((v) & f##_MASK) >> f##_LSB)
#define PUT(f, x)          (((uint32_t)(x) << f##_LSB) & f##_MASK)
#define WIN_SIZE_MAX       0xfffff000u
#define BURST_MAX          0xffffffu

struct vnic_dev {
    struct vnic_bus bus;
    struct vnic_dev_info info;
    char err[512];
    unsigned last_cmd_err;
    uint64_t cmd_timeout;
    uint64_t drain_timeout;
    unsigned max_frame;                      /* G.MAX_FRAME */
    struct vnic_hw_cfg active[VNIC_MAX_VNIC]; /* device's active configuration */
    int created[VNIC_MAX_VNIC];
    struct vnic_qos_spec spec[VNIC_MAX_VNIC]; /* as placed, when created */
};

/* ---------------------------------------------------------------- basics */
static int fail(struct vnic_dev *d, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->err, sizeof(d->err), fmt, ap);
    va_end(ap);
    return rc;
}

static uint32_t rd(struct vnic_dev *d, uint32_t off)
{
    return d->bus.ops->read32(d->bus.ctx, VNIC_PF_BASE + off);
}

static void wr(struct vnic_dev *d, uint32_t off, uint32_t val)
{
    d->bus.ops->write32(d->bus.ctx, VNIC_PF_BASE + off, val);
}

/* Atomic 64-bit counter read: LO snapshots HI (docs/architecture.md §7). */
static uint64_t rd64_abs(struct vnic_dev *d, uint32_t addr)
{
    uint32_t lo = d->bus.ops->read32(d->bus.ctx, addr);
    uint32_t hi = d->bus.ops->read32(d->bus.ctx, addr + 4);
    return (uint64_t)hi << 32 | lo;
}

static unsigned roundup64(unsigned x)
{
    return (x + 63u) & ~63u;
}

static double mbps(uint64_t bps)
{
    return (double)bps / 1e6;
}

static double reg_mbps(const struct vnic_dev *d, uint32_t reg)
{
    return vnic_rate_reg_to_mbps(reg, d->info.clk_hz);
}

const char *vnic_dev_error(const struct vnic_dev *d)
{
    return d->err;
}

const struct vnic_dev_info *vnic_dev_info(const struct vnic_dev *d)
{
    return &d->info;
}

unsigned vnic_dev_last_cmd_err(const struct vnic_dev *d)
{
    return d->last_cmd_err;
}

void vnic_dev_set_timeouts(struct vnic_dev *d, uint64_t cmd_cycles, uint64_t drain_cycles)
{
    if (cmd_cycles)
        d->cmd_timeout = cmd_cycles;
    if (drain_cycles)
        d->drain_timeout = drain_cycles;
}

static int check_vnic(struct vnic_dev *d, unsigned v)
{
    if (v >= d->info.num_vnic)
        return fail(d, VNIC_E_ARG, "vNIC %u does not exist: this device has %u vNICs (0..%u)", v,
                    d->info.num_vnic, d->info.num_vnic - 1);
    return 0;
}

/* A vNIC is present when this driver created it or the device has it
 * enabled or holding a partition (e.g. configured before vnic_dev_open). */
static int present(const struct vnic_dev *d, unsigned v)
{
    const struct vnic_hw_cfg *c = &d->active[v];
    return d->created[v] || (c->flags & VNIC_PF_STAGE_FLAGS_ENABLE_MASK) || c->rx_size ||
           c->tx_size;
}

int vnic_dev_exists(const struct vnic_dev *d, unsigned v)
{
    return v < d->info.num_vnic && present(d, v);
}

/* ---------------------------------------------------------------- commands */
/* Runs one command on vNIC v: waits for the previous one, clears cmd_done,
 * writes VSEL and CMD, polls until cmd_done, then reads the result. */
static int pf_cmd(struct vnic_dev *d, unsigned v, unsigned op)
{
    uint64_t waited = 0;
    while (rd(d, VNIC_PF_G_CMD_STATUS) & VNIC_PF_G_CMD_STATUS_BUSY_MASK) {
        if (waited++ >= d->cmd_timeout)
            return fail(d, VNIC_E_TIMEOUT,
                        "the device is still busy with a previous command after %llu cycles",
                        (unsigned long long)d->cmd_timeout);
        d->bus.ops->advance(d->bus.ctx, 1);
    }
    wr(d, VNIC_PF_G_INT_STATUS, VNIC_PF_G_INT_STATUS_CMD_DONE_MASK);
    wr(d, VNIC_PF_G_VSEL, PUT(VNIC_PF_G_VSEL_VNIC, v));
    wr(d, VNIC_PF_G_CMD, PUT(VNIC_PF_G_CMD_OP, op));
    uint32_t st;
    waited = 0;
    for (;;) {
        if (rd(d, VNIC_PF_G_INT_STATUS) & VNIC_PF_G_INT_STATUS_CMD_DONE_MASK) {
            st = rd(d, VNIC_PF_G_CMD_STATUS);
            if (!(st & VNIC_PF_G_CMD_STATUS_BUSY_MASK))
                break;
        }
        if (waited++ >= d->cmd_timeout)
            return fail(d, VNIC_E_TIMEOUT,
                        "%s of vNIC %u did not complete within %llu cycles (INT_STATUS.cmd_done "
                        "never set)",
                        vnic_cmd_op_str(op), v, (unsigned long long)d->cmd_timeout);
        d->bus.ops->advance(d->bus.ctx, 1);
    }
    unsigned err = FIELD(st, VNIC_PF_G_CMD_STATUS_ERR);
    unsigned done_op = FIELD(st, VNIC_PF_G_CMD_STATUS_OP);
    d->last_cmd_err = err;
    if (err)
        return fail(d, VNIC_E_REFUSED, "%s of vNIC %u refused by the device: %s (%s)",
                    vnic_cmd_op_str(op), v, vnic_cmd_err_name(err), vnic_cmd_err_str(err));
    if (done_op != op)
        return fail(d, VNIC_E_DEVICE,
                    "CMD_STATUS reports opcode %u after %s (%u): the device did not run the command",
                    done_op, vnic_cmd_op_str(op), op);
    return 0;
}

static void stage_write(struct vnic_dev *d, const struct vnic_hw_cfg *c)
{
    wr(d, VNIC_PF_STAGE_FLAGS, c->flags);
    wr(d, VNIC_PF_STAGE_MAC_LO, c->mac_lo);
    wr(d, VNIC_PF_STAGE_MAC_HI, c->mac_hi);
    wr(d, VNIC_PF_STAGE_RX_BASE, c->rx_base);
    wr(d, VNIC_PF_STAGE_RX_SIZE, c->rx_size);
    wr(d, VNIC_PF_STAGE_TX_BASE, c->tx_base);
    wr(d, VNIC_PF_STAGE_TX_SIZE, c->tx_size);
    wr(d, VNIC_PF_STAGE_POL_RATE, c->pol_rate);
    wr(d, VNIC_PF_STAGE_POL_BURST, c->pol_burst);
    wr(d, VNIC_PF_STAGE_SCH_GUAR, c->sch_guar);
    wr(d, VNIC_PF_STAGE_SCH_CEIL, c->sch_ceil);
    wr(d, VNIC_PF_STAGE_SCH_BURST, c->sch_burst);
    wr(d, VNIC_PF_STAGE_SCH_WEIGHT, c->sch_weight);
    wr(d, VNIC_PF_STAGE_TX_WEIGHT, c->tx_weight);
    wr(d, VNIC_PF_STAGE_TX_RATE, c->tx_rate);
    wr(d, VNIC_PF_STAGE_TX_BURST, c->tx_burst);
    for (unsigned w = 0; w < d->info.num_win; w++) {
        wr(d, VNIC_PF_STAGE_WIN_GBASE_LO(w), (uint32_t)c->win[w].gbase);
        wr(d, VNIC_PF_STAGE_WIN_GBASE_HI(w), (uint32_t)(c->win[w].gbase >> 32));
        wr(d, VNIC_PF_STAGE_WIN_HBASE_LO(w), (uint32_t)c->win[w].hbase);
        wr(d, VNIC_PF_STAGE_WIN_HBASE_HI(w), (uint32_t)(c->win[w].hbase >> 32));
        wr(d, VNIC_PF_STAGE_WIN_SIZE(w), c->win[w].size);
    }
}

static void stage_read(struct vnic_dev *d, struct vnic_hw_cfg *c)
{
    memset(c, 0, sizeof(*c));
    c->flags = rd(d, VNIC_PF_STAGE_FLAGS);
    c->mac_lo = rd(d, VNIC_PF_STAGE_MAC_LO);
    c->mac_hi = rd(d, VNIC_PF_STAGE_MAC_HI);
    c->rx_base = rd(d, VNIC_PF_STAGE_RX_BASE);
    c->rx_size = rd(d, VNIC_PF_STAGE_RX_SIZE);
    c->tx_base = rd(d, VNIC_PF_STAGE_TX_BASE);
    c->tx_size = rd(d, VNIC_PF_STAGE_TX_SIZE);
    c->pol_rate = rd(d, VNIC_PF_STAGE_POL_RATE);
    c->pol_burst = rd(d, VNIC_PF_STAGE_POL_BURST);
    c->sch_guar = rd(d, VNIC_PF_STAGE_SCH_GUAR);
    c->sch_ceil = rd(d, VNIC_PF_STAGE_SCH_CEIL);
    c->sch_burst = rd(d, VNIC_PF_STAGE_SCH_BURST);
    c->sch_weight = rd(d, VNIC_PF_STAGE_SCH_WEIGHT);
    c->tx_weight = rd(d, VNIC_PF_STAGE_TX_WEIGHT);
    c->tx_rate = rd(d, VNIC_PF_STAGE_TX_RATE);
    c->tx_burst = rd(d, VNIC_PF_STAGE_TX_BURST);
    for (unsigned w = 0; w < d->info.num_win; w++) {
        c->win[w].gbase = (uint64_t)rd(d, VNIC_PF_STAGE_WIN_GBASE_HI(w)) << 32 |
                          rd(d, VNIC_PF_STAGE_WIN_GBASE_LO(w));
        c->win[w].hbase = (uint64_t)rd(d, VNIC_PF_STAGE_WIN_HBASE_HI(w)) << 32 |
                          rd(d, VNIC_PF_STAGE_WIN_HBASE_LO(w));
        c->win[w].size = rd(d, VNIC_PF_STAGE_WIN_SIZE(w));
    }
}

int vnic_dev_load_raw(struct vnic_dev *d, unsigned v, struct vnic_hw_cfg *cfg)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
    rc = pf_cmd(d, v, VNIC_CMD_OP_LOAD);
    if (rc)
        return rc;
    stage_read(d, cfg);
    return 0;
}

/* LOAD, write the staging window, COMMIT; on success the shadow follows. */
static int commit_cfg(struct vnic_dev *d, unsigned v, const struct vnic_hw_cfg *cfg)
{
    int rc = pf_cmd(d, v, VNIC_CMD_OP_LOAD);
    if (rc)
        return rc;
    stage_write(d, cfg);
    rc = pf_cmd(d, v, VNIC_CMD_OP_COMMIT);
    if (rc)
        return rc;
    d->active[v] = *cfg;
    return 0;
}

int vnic_dev_commit_raw(struct vnic_dev *d, unsigned v, const struct vnic_hw_cfg *cfg)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
    return commit_cfg(d, v, cfg);
}

/* ---------------------------------------------------------------- open */
int vnic_dev_open(const struct vnic_bus *bus, uint64_t clk_hz, struct vnic_dev **out, char *err,
                  size_t errlen)
{
    *out = NULL;
    if (!bus || !bus->ops || !bus->ops->read32 || !bus->ops->write32 || !bus->ops->mem_read ||
        !bus->ops->mem_write || !bus->ops->advance || !bus->ops->irq_take) {
        snprintf(err, errlen, "vnic_dev_open: the bus table is incomplete (all 6 operations are "
                              "required)");
        return VNIC_E_ARG;
    }
    if (clk_hz == 0 || clk_hz > (1ULL << 36)) {
        snprintf(err, errlen, "vnic_dev_open: clock %llu Hz is not plausible (1 Hz .. 68 GHz)",
                 (unsigned long long)clk_hz);
        return VNIC_E_ARG;
    }
    struct vnic_dev *d = calloc(1, sizeof(*d));
    if (!d) {
        snprintf(err, errlen, "vnic_dev_open: out of memory");
        return VNIC_E_NOMEM;
    }
    d->bus = *bus;
    d->cmd_timeout = 100000;
    d->drain_timeout = 10000000;
    d->info.clk_hz = clk_hz;

    uint32_t id = rd(d, VNIC_PF_G_ID);
    if (id != VNIC_ID_VALUE) {
        snprintf(err, errlen,
                 "no vNIC at this bus: G.ID reads 0x%08x, expected 0x%08x ('VNIC'); check the "
                 "register base and that the device is out of reset",
                 id, VNIC_ID_VALUE);
        free(d);
        return VNIC_E_DEVICE;
    }
    d->info.version = rd(d, VNIC_PF_G_VERSION);
    unsigned major = FIELD(d->info.version, VNIC_PF_G_VERSION_MAJOR);
    if (major != DRV_VERSION_MAJOR) {
        snprintf(err, errlen,
                 "register map version %u.%u is not supported by this driver (major %u expected)",
                 major, FIELD(d->info.version, VNIC_PF_G_VERSION_MINOR), DRV_VERSION_MAJOR);
        free(d);
        return VNIC_E_DEVICE;
    }
    uint32_t caps = rd(d, VNIC_PF_G_CAPS), bufcaps = rd(d, VNIC_PF_G_BUFCAPS);
    d->info.num_vnic = FIELD(caps, VNIC_PF_G_CAPS_NUM_VNIC);
    d->info.data_bytes = FIELD(caps, VNIC_PF_G_CAPS_DATA_BYTES);
    d->info.num_win = FIELD(caps, VNIC_PF_G_CAPS_NUM_WIN);
    d->info.rx_buf_bytes = FIELD(bufcaps, VNIC_PF_G_BUFCAPS_RX_KIB) * 1024u;
    d->info.tx_buf_bytes = FIELD(bufcaps, VNIC_PF_G_BUFCAPS_TX_KIB) * 1024u;
    const struct vnic_dev_info *in = &d->info;
    if (in->num_vnic < 1 || in->num_vnic > VNIC_MAX_VNIC ||
        (in->data_bytes != 8 && in->data_bytes != 16 && in->data_bytes != 32) ||
        in->num_win < 1 || in->num_win > VNIC_NUM_WIN_MAX || in->rx_buf_bytes < 4096 ||
        in->tx_buf_bytes < 4096) {
        snprintf(err, errlen,
                 "implausible device parameters: CAPS=0x%08x (num_vnic %u, data bytes %u, windows "
                 "%u), BUFCAPS=0x%08x (RX %u B, TX %u B)",
                 caps, in->num_vnic, in->data_bytes, in->num_win, bufcaps, in->rx_buf_bytes,
                 in->tx_buf_bytes);
        free(d);
        return VNIC_E_DEVICE;
    }
    d->info.link_bps = (uint64_t)in->data_bytes * 8u * clk_hz;
    d->max_frame = FIELD(rd(d, VNIC_PF_G_MAX_FRAME), VNIC_PF_G_MAX_FRAME_BYTES);
    for (unsigned v = 0; v < in->num_vnic; v++) {
        int rc = pf_cmd(d, v, VNIC_CMD_OP_LOAD);
        if (rc) {
            snprintf(err, errlen, "reading vNIC %u's configuration: %s", v, d->err);
            free(d);
            return rc;
        }
        stage_read(d, &d->active[v]);
    }
    *out = d;
    return 0;
}

void vnic_dev_close(struct vnic_dev *d)
{
    free(d);
}

/* ---------------------------------------------------------------- global */
int vnic_dev_get_global(struct vnic_dev *d, struct vnic_global_cfg *g)
{
    d->err[0] = '\0';
    uint32_t ctrl = rd(d, VNIC_PF_G_CTRL);
    g->rx_en = !!(ctrl & VNIC_PF_G_CTRL_RX_EN_MASK);
    g->tx_en = !!(ctrl & VNIC_PF_G_CTRL_TX_EN_MASK);
    g->def_en = !!(ctrl & VNIC_PF_G_CTRL_DEF_EN_MASK);
    g->def_vnic = FIELD(ctrl, VNIC_PF_G_CTRL_DEF_VNIC);
    g->max_frame = FIELD(rd(d, VNIC_PF_G_MAX_FRAME), VNIC_PF_G_MAX_FRAME_BYTES);
    d->max_frame = g->max_frame;
    return 0;
}

int vnic_dev_set_global(struct vnic_dev *d, const struct vnic_global_cfg *g)
{
    d->err[0] = '\0';
    unsigned mf = g->max_frame ? g->max_frame : d->max_frame;
    if (mf < 64 || mf > FIELD(0xffffffffu, VNIC_PF_G_MAX_FRAME_BYTES))
        return fail(d, VNIC_E_ARG, "maximum frame %u bytes is out of range (64..%u, FCS included)",
                    mf, FIELD(0xffffffffu, VNIC_PF_G_MAX_FRAME_BYTES));
    if (g->def_en && g->def_vnic >= d->info.num_vnic)
        return fail(d, VNIC_E_ARG, "default vNIC %u does not exist (device has %u vNICs)",
                    g->def_vnic, d->info.num_vnic);
    for (unsigned v = 0; v < d->info.num_vnic; v++) {
        const struct vnic_hw_cfg *c = &d->active[v];
        if (!(c->flags & VNIC_PF_STAGE_FLAGS_ENABLE_MASK))
            continue;
        if (c->rx_size < roundup64(mf) || c->tx_size < roundup64(mf))
            return fail(d, VNIC_E_PART,
                        "maximum frame %u bytes does not fit vNIC %u's partitions (RX %u, TX %u "
                        "bytes; each must hold %u); grow them first",
                        mf, v, c->rx_size, c->tx_size, roundup64(mf));
    }
    wr(d, VNIC_PF_G_MAX_FRAME, PUT(VNIC_PF_G_MAX_FRAME_BYTES, mf));
    d->max_frame = FIELD(rd(d, VNIC_PF_G_MAX_FRAME), VNIC_PF_G_MAX_FRAME_BYTES);
    if (d->max_frame != mf)
        return fail(d, VNIC_E_DEVICE,
                    "the device kept MAX_FRAME at %u bytes instead of %u: above its MAX_FRAME "
                    "parameter?",
                    d->max_frame, mf);
    wr(d, VNIC_PF_G_CTRL,
       (g->rx_en ? VNIC_PF_G_CTRL_RX_EN_MASK : 0) | (g->tx_en ? VNIC_PF_G_CTRL_TX_EN_MASK : 0) |
           (g->def_en ? VNIC_PF_G_CTRL_DEF_EN_MASK : 0) |
           PUT(VNIC_PF_G_CTRL_DEF_VNIC, g->def_en ? g->def_vnic : 0));
    return 0;
}

/* ---------------------------------------------------------------- spec */
void vnic_qos_spec_init(struct vnic_qos_spec *s)
{
    memset(s, 0, sizeof(*s));
}

int vnic_qos_windows_from_vm(struct vnic_qos_spec *s, const struct vnic_vm *vm, char *err,
                             size_t errlen)
{
    if (vm->nregions > 4) {
        snprintf(err, errlen, "VM has %u memory regions; a vNIC has at most 4 DMA windows",
                 vm->nregions);
        return VNIC_E_WIN;
    }
    memset(s->win, 0, sizeof(s->win));
    for (unsigned i = 0; i < vm->nregions; i++) {
        s->win[i].gbase = vm->region[i].gbase;
        s->win[i].hbase = vm->region[i].hbase;
        s->win[i].size = vm->region[i].size;
    }
    s->nwin = vm->nregions;
    return 0;
}

static int ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

/* Lowest 64-aligned offset where size bytes fit in [0, buf) without touching
 * any other present vNIC's partition (rx: RX buffer, else TX). */
static int place(const struct vnic_dev *d, unsigned v, int rx, uint32_t size, uint32_t buf,
                 uint32_t *base)
{
    uint64_t cand = 0;
    for (;;) {
        if (cand + size > buf)
            return -1;
        int moved = 0;
        for (unsigned u = 0; u < d->info.num_vnic; u++) {
            if (u == v || !present(d, u))
                continue;
            uint32_t ob = rx ? d->active[u].rx_base : d->active[u].tx_base;
            uint32_t os = rx ? d->active[u].rx_size : d->active[u].tx_size;
            if (ranges_overlap(cand, size, ob, os)) {
                cand = roundup64(ob + os);
                moved = 1;
            }
        }
        if (!moved) {
            *base = (uint32_t)cand;
            return 0;
        }
    }
}

static int check_part(struct vnic_dev *d, unsigned v, const char *which, int rx, uint32_t base,
                      uint32_t size, uint32_t buf)
{
    if (base % 64 || size % 64)
        return fail(d, VNIC_E_PART, "%s partition base %u / size %u must be multiples of 64",
                    which, base, size);
    if ((uint64_t)base + size > buf)
        return fail(d, VNIC_E_PART,
                    "%s partition [%u, %u) does not fit the %s buffer of %u bytes", which, base,
                    base + size, which, buf);
    if (size < roundup64(d->max_frame))
        return fail(d, VNIC_E_PART,
                    "%s partition of %u bytes cannot hold one maximum frame (MAX_FRAME %u needs "
                    "%u bytes)",
                    which, size, d->max_frame, roundup64(d->max_frame));
    for (unsigned u = 0; u < d->info.num_vnic; u++) {
        if (u == v || !present(d, u))
            continue;
        uint32_t ob = rx ? d->active[u].rx_base : d->active[u].tx_base;
        uint32_t os = rx ? d->active[u].rx_size : d->active[u].tx_size;
        if (ranges_overlap(base, size, ob, os))
            return fail(d, VNIC_E_PART,
                        "%s partition [%u, %u) of vNIC %u overlaps vNIC %u's [%u, %u)", which,
                        base, base + size, v, u, ob, ob + os);
    }
    return 0;
}

/* Fills defaults and places partitions: the spec as it will be applied. */
static int complete_spec(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *in,
                         struct vnic_qos_spec *s)
{
    *s = *in;
    unsigned mf = d->max_frame;
    if (!s->weight)
        s->weight = 1;
    if (!s->tx_weight)
        s->tx_weight = 1;
    if (!s->pol_burst)
        s->pol_burst = 2 * roundup64(mf);
    if (!s->sch_burst)
        s->sch_burst = 2 * roundup64(mf);
    if (!s->tx_burst)
        s->tx_burst = 2 * roundup64(mf);
    for (int rx = 1; rx >= 0; rx--) {
        uint32_t buf = rx ? d->info.rx_buf_bytes : d->info.tx_buf_bytes;
        uint32_t *base = rx ? &s->rx_base : &s->tx_base;
        uint32_t *size = rx ? &s->rx_size : &s->tx_size;
        const char *which = rx ? "RX" : "TX";
        if (*size == 0) {
            uint32_t share = (buf / d->info.num_vnic) & ~63u;
            *size = share > roundup64(mf) ? share : roundup64(mf);
        }
        if (*base == 0 && !(s->flags & VNIC_QOS_FIXED_PART)) {
            /* keep v's current place when the size still fits there */
            const struct vnic_hw_cfg *cur = &d->active[v];
            uint32_t cb = rx ? cur->rx_base : cur->tx_base, cs = rx ? cur->rx_size : cur->tx_size;
            int kept = 0;
            if (v < VNIC_MAX_VNIC && present(d, v) && cs && (uint64_t)cb + *size <= buf) {
                int clash = 0;
                for (unsigned u = 0; u < d->info.num_vnic; u++) {
                    if (u == v || !present(d, u))
                        continue;
                    if (ranges_overlap(cb, *size, rx ? d->active[u].rx_base : d->active[u].tx_base,
                                       rx ? d->active[u].rx_size : d->active[u].tx_size))
                        clash = 1;
                }
                if (!clash) {
                    *base = cb;
                    kept = 1;
                }
            }
            if (!kept && place(d, v, rx, *size, buf, base))
                return fail(d, VNIC_E_PART,
                            "no free range of %u bytes left in the %s buffer (%u bytes) for vNIC "
                            "%u; give a smaller %s partition size or destroy a vNIC",
                            *size, which, buf, v, which);
        }
    }
    return 0;
}

static int check_spec(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *s,
                      struct vnic_hw_cfg *c)
{
    char mac[18];
    const unsigned known = VNIC_QOS_BCAST | VNIC_QOS_MCAST | VNIC_QOS_ANTISPOOF |
                           VNIC_QOS_DISABLED | VNIC_QOS_NO_POLICER | VNIC_QOS_NO_DMA_CEIL |
                           VNIC_QOS_FIXED_PART | VNIC_QOS_SHARED_HOST;
    if (s->flags & ~known)
        return fail(d, VNIC_E_ARG, "unknown QoS flags 0x%x", s->flags & ~known);
    int enable = !(s->flags & VNIC_QOS_DISABLED);

    /* MAC */
    vnic_mac_format(s->mac, mac);
    if (s->mac[0] & 1)
        return fail(d, VNIC_E_MAC,
                    "MAC %s is a group (multicast) address; a vNIC needs a unicast MAC", mac);
    uint32_t mhi, mlo;
    vnic_mac_to_regs(s->mac, &mhi, &mlo);
    for (unsigned u = 0; u < d->info.num_vnic; u++) {
        if (u != v && present(d, u) && d->active[u].mac_hi == mhi && d->active[u].mac_lo == mlo)
            return fail(d, VNIC_E_MAC, "MAC %s is already used by vNIC %u", mac, u);
    }

    /* partitions */
    int rc = check_part(d, v, "RX", 1, s->rx_base, s->rx_size, d->info.rx_buf_bytes);
    if (!rc)
        rc = check_part(d, v, "TX", 0, s->tx_base, s->tx_size, d->info.tx_buf_bytes);
    if (rc)
        return rc;

    /* rates */
    uint64_t clk = d->info.clk_hz, link = d->info.link_bps;
    if (s->weight < 1 || s->weight > 255)
        return fail(d, VNIC_E_RATE, "RX DMA weight %u is out of range (1..255)", s->weight);
    if (s->tx_weight < 1 || s->tx_weight > 255)
        return fail(d, VNIC_E_RATE, "TX weight %u is out of range (1..255)", s->tx_weight);
    if (s->guar_bps > link)
        return fail(d, VNIC_E_RATE, "guaranteed rate %.3f Mb/s exceeds the link (%.3f Mb/s)",
                    mbps(s->guar_bps), mbps(link));
    if (s->ceil_bps > link)
        return fail(d, VNIC_E_RATE,
                    "ceiling %.3f Mb/s exceeds the link (%.3f Mb/s); use 0 for no ceiling",
                    mbps(s->ceil_bps), mbps(link));
    if (s->tx_rate_bps > link)
        return fail(d, VNIC_E_RATE,
                    "TX shaper rate %.3f Mb/s exceeds the link (%.3f Mb/s); use 0 for no shaper",
                    mbps(s->tx_rate_bps), mbps(link));
    if (s->ceil_bps && s->guar_bps > s->ceil_bps)
        return fail(d, VNIC_E_RATE,
                    "guaranteed rate %.3f Mb/s is above the ceiling %.3f Mb/s",
                    mbps(s->guar_bps), mbps(s->ceil_bps));
    uint32_t guar = vnic_rate_bps_to_reg(s->guar_bps, clk);
    uint32_t ceil = vnic_rate_bps_to_reg(s->ceil_bps, clk);
    uint32_t txr = vnic_rate_bps_to_reg(s->tx_rate_bps, clk);
    if ((s->guar_bps && !guar) || (s->ceil_bps && !ceil) || (s->tx_rate_bps && !txr))
        return fail(d, VNIC_E_RATE,
                    "a rate below %.6f Mb/s (one 2^-24 byte per cycle at %llu Hz) cannot be "
                    "represented",
                    reg_mbps(d, 1), (unsigned long long)clk);
    int pol = s->ceil_bps && !(s->flags & VNIC_QOS_NO_POLICER);
    int cen = s->ceil_bps && !(s->flags & VNIC_QOS_NO_DMA_CEIL);
    if (pol && (s->pol_burst < d->max_frame || s->pol_burst > BURST_MAX))
        return fail(d, VNIC_E_RATE,
                    "policer burst %u bytes must be between the maximum frame (%u) and %u, or a "
                    "longer frame could never pass",
                    s->pol_burst, d->max_frame, BURST_MAX);
    if ((guar || cen) && (s->sch_burst < 64 || s->sch_burst > BURST_MAX))
        return fail(d, VNIC_E_RATE, "RX DMA burst %u bytes is out of range (64..%u)", s->sch_burst,
                    BURST_MAX);
    if (txr && (s->tx_burst < 64 || s->tx_burst > BURST_MAX))
        return fail(d, VNIC_E_RATE, "TX shaper burst %u bytes is out of range (64..%u)",
                    s->tx_burst, BURST_MAX);
    if (enable) {
        /* in register units (the device's rule) and in b/s (the user's) */
        uint64_t sum = guar, limit = (uint64_t)d->info.data_bytes << 24;
        uint64_t sum_bps = s->guar_bps;
        for (unsigned u = 0; u < d->info.num_vnic; u++) {
            if (u == v || !present(d, u))
                continue;
            sum += d->active[u].sch_guar;
            sum_bps += d->created[u] ? d->spec[u].guar_bps
                                     : vnic_rate_reg_to_bps(d->active[u].sch_guar, clk);
        }
        if (sum > limit || sum_bps > link) {
            char others[256];
            size_t n = 0;
            others[0] = '\0';
            for (unsigned u = 0; u < d->info.num_vnic && n < sizeof(others) - 32; u++)
                if (u != v && present(d, u) && d->active[u].sch_guar)
                    n += (size_t)snprintf(others + n, sizeof(others) - n, " vNIC %u %.1f;", u,
                                          reg_mbps(d, d->active[u].sch_guar));
            return fail(d, VNIC_E_RATE,
                        "guarantees would total %.1f Mb/s, above the link's %.1f Mb/s (this vNIC "
                        "%.1f; others:%s)",
                        mbps(sum_bps), mbps(link), reg_mbps(d, guar), others[0] ? others : " none");
        }
    }

    /* windows */
    if (s->nwin > d->info.num_win)
        return fail(d, VNIC_E_WIN, "%u DMA windows asked, the device has %u per vNIC", s->nwin,
                    d->info.num_win);
    for (unsigned w = 0; w < s->nwin; w++) {
        const struct vnic_win *a = &s->win[w];
        if (!a->size)
            continue;
        if (a->gbase % 4096 || a->hbase % 4096 || a->size % 4096)
            return fail(d, VNIC_E_WIN,
                        "window %u (guest 0x%llx, host 0x%llx, size 0x%llx) is not 4 KiB aligned",
                        w, (unsigned long long)a->gbase, (unsigned long long)a->hbase,
                        (unsigned long long)a->size);
        if (a->size > WIN_SIZE_MAX)
            return fail(d, VNIC_E_WIN, "window %u size 0x%llx exceeds 0x%x; split it", w,
                        (unsigned long long)a->size, WIN_SIZE_MAX);
        if (a->gbase + a->size - 1 < a->gbase || a->hbase + a->size - 1 < a->hbase)
            return fail(d, VNIC_E_WIN, "window %u wraps around the 64-bit address space", w);
        for (unsigned x = 0; x < w; x++) {
            const struct vnic_win *b = &s->win[x];
            if (ranges_overlap(a->gbase, a->size, b->gbase, b->size))
                return fail(d, VNIC_E_WIN,
                            "windows %u and %u overlap in guest space (0x%llx+0x%llx, "
                            "0x%llx+0x%llx)",
                            x, w, (unsigned long long)b->gbase, (unsigned long long)b->size,
                            (unsigned long long)a->gbase, (unsigned long long)a->size);
        }
        if (s->flags & VNIC_QOS_SHARED_HOST)
            continue;
        for (unsigned u = 0; u < d->info.num_vnic; u++) {
            if (u == v || !present(d, u))
                continue;
            if (d->created[u] && (d->spec[u].flags & VNIC_QOS_SHARED_HOST))
                continue;
            for (unsigned x = 0; x < d->info.num_win; x++) {
                const uint64_t hb = d->active[u].win[x].hbase, hs = d->active[u].win[x].size;
                if (ranges_overlap(a->hbase, a->size, hb, hs))
                    return fail(d, VNIC_E_WIN,
                                "window %u (host 0x%llx+0x%llx) overlaps vNIC %u's window %u "
                                "(host 0x%llx+0x%llx): one VM could reach another's memory "
                                "(VNIC_QOS_SHARED_HOST allows it)",
                                w, (unsigned long long)a->hbase, (unsigned long long)a->size, u,
                                x, (unsigned long long)hb, (unsigned long long)hs);
            }
        }
    }

    /* registers */
    memset(c, 0, sizeof(*c));
    c->flags = (enable ? VNIC_PF_STAGE_FLAGS_ENABLE_MASK : 0) |
               (s->flags & VNIC_QOS_BCAST ? VNIC_PF_STAGE_FLAGS_BCAST_MASK : 0) |
               (s->flags & VNIC_QOS_MCAST ? VNIC_PF_STAGE_FLAGS_MCAST_MASK : 0) |
               (s->flags & VNIC_QOS_ANTISPOOF ? VNIC_PF_STAGE_FLAGS_ANTISPOOF_MASK : 0) |
               (pol ? VNIC_PF_STAGE_FLAGS_POL_EN_MASK : 0) |
               (cen ? VNIC_PF_STAGE_FLAGS_CEIL_EN_MASK : 0) |
               (txr ? VNIC_PF_STAGE_FLAGS_SHP_EN_MASK : 0);
    c->mac_hi = mhi;
    c->mac_lo = mlo;
    c->rx_base = s->rx_base;
    c->rx_size = s->rx_size;
    c->tx_base = s->tx_base;
    c->tx_size = s->tx_size;
    c->pol_rate = pol ? ceil : 0;
    c->pol_burst = s->pol_burst;
    c->sch_guar = guar;
    c->sch_ceil = cen ? ceil : 0;
    c->sch_burst = s->sch_burst;
    c->sch_weight = s->weight;
    c->tx_weight = s->tx_weight;
    c->tx_rate = txr;
    c->tx_burst = s->tx_burst;
    for (unsigned w = 0; w < s->nwin; w++) {
        c->win[w].gbase = s->win[w].gbase;
        c->win[w].hbase = s->win[w].hbase;
        c->win[w].size = (uint32_t)s->win[w].size;
    }
    return 0;
}

static int prepare(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *spec,
                   struct vnic_qos_spec *placed, struct vnic_hw_cfg *cfg)
{
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
    if (!spec)
        return fail(d, VNIC_E_ARG, "no QoS spec given");
    rc = complete_spec(d, v, spec, placed);
    if (rc)
        return rc;
    return check_spec(d, v, placed, cfg);
}

int vnic_dev_check(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *spec,
                   struct vnic_qos_spec *placed)
{
    d->err[0] = '\0';
    struct vnic_qos_spec s;
    struct vnic_hw_cfg c;
    int rc = prepare(d, v, spec, &s, &c);
    if (!rc && placed)
        *placed = s;
    return rc;
}

int vnic_dev_spec_to_hw(struct vnic_dev *d, const struct vnic_qos_spec *spec,
                        struct vnic_hw_cfg *cfg)
{
    d->err[0] = '\0';
    struct vnic_qos_spec s;
    /* checked as if for a vNIC slot no other vNIC uses */
    int rc = complete_spec(d, VNIC_MAX_VNIC, spec, &s);
    if (!rc)
        rc = check_spec(d, VNIC_MAX_VNIC, &s, cfg);
    return rc;
}

int vnic_dev_create(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *spec)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
    if (present(d, v))
        return fail(d, VNIC_E_EXISTS,
                    "vNIC %u already exists (enabled or holding a partition); update or destroy "
                    "it first",
                    v);
    struct vnic_qos_spec s;
    struct vnic_hw_cfg c;
    rc = prepare(d, v, spec, &s, &c);
    if (rc)
        return rc;
    rc = commit_cfg(d, v, &c);
    if (rc)
        return rc;
    d->created[v] = 1;
    d->spec[v] = s;
    return 0;
}

static uint32_t vstat_rd(struct vnic_dev *d, unsigned v, uint32_t off)
{
    wr(d, VNIC_PF_G_VSEL, PUT(VNIC_PF_G_VSEL_VNIC, v));
    return rd(d, off);
}

int vnic_dev_update(struct vnic_dev *d, unsigned v, const struct vnic_qos_spec *spec)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
    if (!present(d, v))
        return fail(d, VNIC_E_EXISTS, "vNIC %u does not exist; create it first", v);
    struct vnic_qos_spec s;
    struct vnic_hw_cfg c;
    rc = prepare(d, v, spec, &s, &c);
    if (rc)
        return rc;
    struct vnic_hw_cfg old = d->active[v];
    int moved = old.rx_base != c.rx_base || old.rx_size != c.rx_size ||
                old.tx_base != c.tx_base || old.tx_size != c.tx_size;
    if (moved && (old.flags & VNIC_PF_STAGE_FLAGS_ENABLE_MASK)) {
        /* quiesce: disable, let the stored frames drain, then move */
        struct vnic_hw_cfg off = old;
        off.flags &= ~VNIC_PF_STAGE_FLAGS_ENABLE_MASK;
        rc = commit_cfg(d, v, &off);
        if (rc)
            return rc;
        uint64_t waited = 0, step = 1;
        uint32_t rxu, txu;
        for (;;) {
            rxu = vstat_rd(d, v, VNIC_PF_VSTAT_RX_USED);
            txu = vstat_rd(d, v, VNIC_PF_VSTAT_TX_USED);
            if (!rxu && !txu)
                break;
            if (waited >= d->drain_timeout) {
                char msg[sizeof(d->err)];
                snprintf(msg, sizeof(msg),
                         "vNIC %u still holds %u RX and %u TX bytes after %llu cycles disabled, so "
                         "its partition cannot move: its VM is not taking frames (post RX "
                         "buffers) or reset it first (vnic_dev_reset); old configuration "
                         "restored",
                         v, rxu, txu, (unsigned long long)waited);
                rc = commit_cfg(d, v, &old);
                if (rc)
                    return fail(d, rc, "%s; restoring the old configuration failed too: %s", msg,
                                d->err);
                return fail(d, VNIC_E_TIMEOUT, "%s", msg);
            }
            d->bus.ops->advance(d->bus.ctx, step);
            waited += step;
            if (step < 256)
                step *= 2;
        }
    }
    rc = commit_cfg(d, v, &c);
    if (rc)
        return rc;
    d->created[v] = 1;
    d->spec[v] = s;
    return 0;
}

int vnic_dev_destroy(struct vnic_dev *d, unsigned v)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
    if (!present(d, v))
        return fail(d, VNIC_E_EXISTS, "vNIC %u does not exist", v);
    if (d->active[v].flags & VNIC_PF_STAGE_FLAGS_ENABLE_MASK) {
        struct vnic_hw_cfg off = d->active[v];
        off.flags &= ~VNIC_PF_STAGE_FLAGS_ENABLE_MASK;
        rc = commit_cfg(d, v, &off);
        if (rc)
            return rc;
    }
    rc = pf_cmd(d, v, VNIC_CMD_OP_RESET);
    if (rc)
        return rc;
    struct vnic_hw_cfg zero;
    memset(&zero, 0, sizeof(zero));
    zero.sch_weight = 1;
    zero.tx_weight = 1;
    rc = commit_cfg(d, v, &zero);
    if (rc)
        return rc;
    d->created[v] = 0;
    memset(&d->spec[v], 0, sizeof(d->spec[v]));
    return 0;
}

int vnic_dev_reset(struct vnic_dev *d, unsigned v)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    return rc ? rc : pf_cmd(d, v, VNIC_CMD_OP_RESET);
}

int vnic_dev_clear_stats(struct vnic_dev *d, unsigned v)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    return rc ? rc : pf_cmd(d, v, VNIC_CMD_OP_CLEAR_STATS);
}

int vnic_dev_get_spec(struct vnic_dev *d, unsigned v, struct vnic_qos_spec *spec)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
    if (!d->created[v])
        return fail(d, VNIC_E_EXISTS, "vNIC %u was not created by this driver", v);
    *spec = d->spec[v];
    return 0;
}

/* ---------------------------------------------------------------- status */
int vnic_dev_vnic_status(struct vnic_dev *d, unsigned v, struct vnic_status *st)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
    uint32_t s = vstat_rd(d, v, VNIC_PF_VSTAT_STATUS);
    st->enabled = !!(s & VNIC_PF_VSTAT_STATUS_ENABLED_MASK);
    st->halted = !!(s & VNIC_PF_VSTAT_STATUS_HALTED_MASK);
    st->reason = FIELD(s, VNIC_PF_VSTAT_STATUS_REASON);
    st->fault_addr = (uint64_t)rd(d, VNIC_PF_VSTAT_FAULT_ADDR_HI) << 32 |
                     rd(d, VNIC_PF_VSTAT_FAULT_ADDR_LO);
    st->rx_used = rd(d, VNIC_PF_VSTAT_RX_USED);
    st->tx_used = rd(d, VNIC_PF_VSTAT_TX_USED);
    return 0;
}

uint32_t vnic_dev_fault_vec(struct vnic_dev *d)
{
    return rd(d, VNIC_PF_G_FAULT_VEC);
}

int vnic_dev_vnic_stats(struct vnic_dev *d, unsigned v, struct vnic_vstats *s)
{
    d->err[0] = '\0';
    int rc = check_vnic(d, v);
    if (rc)
        return rc;
#define X_RD(name, off) s->c[VNIC_VSTAT_##name] = rd64_abs(d, VNIC_VF_BASE(v) + (off));
    VNIC_VF_STAT_COUNTERS(X_RD)
#undef X_RD
    return 0;
}

int vnic_dev_global_stats(struct vnic_dev *d, struct vnic_gstats *s)
{
    d->err[0] = '\0';
#define X_RD(name, off) s->c[VNIC_GSTAT_##name] = rd64_abs(d, VNIC_PF_BASE + (off));
    VNIC_PF_GSTAT_COUNTERS(X_RD)
#undef X_RD
    return 0;
}

int vnic_dev_check_conservation(struct vnic_dev *d)
{
    d->err[0] = '\0';
    struct vnic_gstats g;
    vnic_dev_global_stats(d, &g);
    uint64_t sum_in = 0;
    for (unsigned v = 0; v < d->info.num_vnic; v++) {
        uint32_t used = vstat_rd(d, v, VNIC_PF_VSTAT_RX_USED);
        if (used)
            return fail(d, VNIC_E_STATE,
                        "vNIC %u still stores %u bytes: the law holds only once traffic has "
                        "drained",
                        v, used);
        struct vnic_vstats s;
        vnic_dev_vnic_stats(d, v, &s);
        uint64_t out = s.c[VNIC_VSTAT_RX_FRAMES] + s.c[VNIC_VSTAT_DROP_POLICER] +
                       s.c[VNIC_VSTAT_DROP_NOBUF] + s.c[VNIC_VSTAT_DROP_HALTED] +
                       s.c[VNIC_VSTAT_DROP_BUFLEN];
        if (s.c[VNIC_VSTAT_RX_IN] != out)
            return fail(d, VNIC_E_STATE,
                        "vNIC %u: RX_IN %llu != RX_FRAMES %llu + DROP_POLICER %llu + DROP_NOBUF "
                        "%llu + DROP_HALTED %llu + DROP_BUFLEN %llu",
                        v, (unsigned long long)s.c[VNIC_VSTAT_RX_IN],
                        (unsigned long long)s.c[VNIC_VSTAT_RX_FRAMES],
                        (unsigned long long)s.c[VNIC_VSTAT_DROP_POLICER],
                        (unsigned long long)s.c[VNIC_VSTAT_DROP_NOBUF],
                        (unsigned long long)s.c[VNIC_VSTAT_DROP_HALTED],
                        (unsigned long long)s.c[VNIC_VSTAT_DROP_BUFLEN]);
        sum_in += s.c[VNIC_VSTAT_RX_IN];
    }
    if (g.c[VNIC_GSTAT_RX_COPIES] != sum_in)
        return fail(d, VNIC_E_STATE, "RX_COPIES %llu != sum of RX_IN %llu",
                    (unsigned long long)g.c[VNIC_GSTAT_RX_COPIES], (unsigned long long)sum_in);
    uint64_t wire = g.c[VNIC_GSTAT_DROP_FIFO] + g.c[VNIC_GSTAT_DROP_RXOFF] +
                    g.c[VNIC_GSTAT_DROP_MACERR] + g.c[VNIC_GSTAT_DROP_TKEEP] +
                    g.c[VNIC_GSTAT_DROP_RUNT] + g.c[VNIC_GSTAT_DROP_OVERSIZE] +
                    g.c[VNIC_GSTAT_DROP_FCS] + g.c[VNIC_GSTAT_DROP_NOMATCH];
    if (wire > g.c[VNIC_GSTAT_RX_FRAMES] ||
        g.c[VNIC_GSTAT_RX_FRAMES] - wire > g.c[VNIC_GSTAT_RX_COPIES])
        return fail(d, VNIC_E_STATE,
                    "RX_FRAMES %llu - wire drops %llu must be between 0 and RX_COPIES %llu",
                    (unsigned long long)g.c[VNIC_GSTAT_RX_FRAMES], (unsigned long long)wire,
                    (unsigned long long)g.c[VNIC_GSTAT_RX_COPIES]);
    return 0;
}

/* ---------------------------------------------------------------- PF irq */
int vnic_dev_irq_enable(struct vnic_dev *d, uint32_t mask)
{
    d->err[0] = '\0';
    if (mask & ~(VNIC_PF_IRQ_FAULT | VNIC_PF_IRQ_CMD_DONE))
        return fail(d, VNIC_E_ARG, "unknown PF interrupt causes 0x%x", mask);
    wr(d, VNIC_PF_G_INT_MASK, mask);
    return 0;
}

uint32_t vnic_dev_irq_ack(struct vnic_dev *d)
{
    uint32_t s = rd(d, VNIC_PF_G_INT_STATUS);
    if (s)
        wr(d, VNIC_PF_G_INT_STATUS, s);
    return s;
}

unsigned vnic_dev_irq_take(struct vnic_dev *d)
{
    return d->bus.ops->irq_take(d->bus.ctx, VNIC_IRQ_VEC_PF);
}
