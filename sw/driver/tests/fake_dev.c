/* fake_dev.c: see fake_dev.h. */
#include "fake_dev.h"

#include <string.h>

#define STAGE_WORDS (0x100 / 4)

static void logacc(struct fake_dev *f, uint32_t addr, uint32_t val, int write)
{
    if (f->nlog < FAKE_LOG) {
        f->log[f->nlog].addr = addr;
        f->log[f->nlog].val = val;
        f->log[f->nlog].write = write;
        f->nlog++;
    }
}

static uint32_t f_read32(void *ctx, uint32_t addr)
{
    struct fake_dev *f = ctx;
    uint32_t v = addr / 4 < FAKE_REGS ? f->reg[addr / 4] : 0;
    logacc(f, addr, v, 0);
    return v;
}

static void f_cmd(struct fake_dev *f, unsigned op)
{
    unsigned v = f->reg[VNIC_PF_G_VSEL / 4] & VNIC_PF_G_VSEL_VNIC_MASK;
    unsigned err = 0;
    uint32_t *stage = &f->reg[VNIC_PF_STAGE_FLAGS / 4];
    f->cmds++;
    if (v >= f->num_vnic)
        err = 1;
    else if (op == 1)
        memcpy(stage, f->active[v], sizeof(f->active[v]));
    else if (op == 2) {
        f->commits++;
        err = f->inject_err;
        f->inject_err = 0;
        if (!err)
            memcpy(f->active[v], stage, sizeof(f->active[v]));
    } else if (op != 3 && op != 4)
        err = 8;
    f->reg[VNIC_PF_G_CMD_STATUS / 4] = (op << VNIC_PF_G_CMD_STATUS_OP_LSB) |
                                       (err << VNIC_PF_G_CMD_STATUS_ERR_LSB);
    f->reg[VNIC_PF_G_INT_STATUS / 4] |= VNIC_PF_G_INT_STATUS_CMD_DONE_MASK;
}

static void f_write32(void *ctx, uint32_t addr, uint32_t val)
{
    struct fake_dev *f = ctx;
    logacc(f, addr, val, 1);
    if (addr / 4 >= FAKE_REGS)
        return;
    switch (addr) {
    case VNIC_PF_G_ID:
    case VNIC_PF_G_VERSION:
    case VNIC_PF_G_CAPS:
    case VNIC_PF_G_BUFCAPS:
    case VNIC_PF_G_CMD_STATUS:
        return;
    case VNIC_PF_G_INT_STATUS:
        f->reg[addr / 4] &= ~val;
        return;
    case VNIC_PF_G_CMD:
        f_cmd(f, val & VNIC_PF_G_CMD_OP_MASK);
        return;
    default:
        break;
    }
    if (addr >= VNIC_VF_BASE(0) && (addr & 0xfff) == VNIC_VF_ID)
        return;
    f->reg[addr / 4] = val;
}

static int f_mem_read(void *ctx, uint64_t a, void *b, size_t n)
{
    struct fake_dev *f = ctx;
    return vnic_hostmem_read(f->mem, a, b, n);
}

static int f_mem_write(void *ctx, uint64_t a, const void *b, size_t n)
{
    struct fake_dev *f = ctx;
    return vnic_hostmem_write(f->mem, a, b, n);
}

static void f_advance(void *ctx, uint64_t c)
{
    struct fake_dev *f = ctx;
    f->cycles += c;
}

static unsigned f_irq_take(void *ctx, unsigned vec)
{
    struct fake_dev *f = ctx;
    unsigned n = f->irq_pending[vec];
    f->irq_pending[vec] = 0;
    return n;
}

static const struct vnic_bus_ops fake_ops = {
    f_read32, f_write32, f_mem_read, f_mem_write, f_advance, f_irq_take,
};

void fake_dev_init(struct fake_dev *f, unsigned num_vnic, unsigned w, unsigned num_win,
                   unsigned rx_kib, unsigned tx_kib)
{
    memset(f, 0, sizeof(*f));
    f->num_vnic = num_vnic;
    f->reg[VNIC_PF_G_ID / 4] = VNIC_PF_G_ID_RESET;
    f->reg[VNIC_PF_G_VERSION / 4] = VNIC_PF_G_VERSION_RESET;
    f->reg[VNIC_PF_G_CAPS / 4] = (num_vnic << VNIC_PF_G_CAPS_NUM_VNIC_LSB) |
                                 (w << VNIC_PF_G_CAPS_DATA_BYTES_LSB) |
                                 (num_win << VNIC_PF_G_CAPS_NUM_WIN_LSB);
    f->reg[VNIC_PF_G_BUFCAPS / 4] = (rx_kib << VNIC_PF_G_BUFCAPS_RX_KIB_LSB) |
                                    (tx_kib << VNIC_PF_G_BUFCAPS_TX_KIB_LSB);
    f->reg[VNIC_PF_G_MAX_FRAME / 4] = VNIC_PF_G_MAX_FRAME_RESET;
    for (unsigned v = 0; v < num_vnic; v++) {
        f->reg[(VNIC_VF_BASE(v) + VNIC_VF_ID) / 4] =
            VNIC_VF_ID_RESET | (v << VNIC_VF_ID_VNIC_LSB);
        f->active[v][(VNIC_PF_STAGE_SCH_WEIGHT - VNIC_PF_STAGE_FLAGS) / 4] = 1;
        f->active[v][(VNIC_PF_STAGE_TX_WEIGHT - VNIC_PF_STAGE_FLAGS) / 4] = 1;
    }
    f->mem = vnic_hostmem_new(0);
    f->bus.ops = &fake_ops;
    f->bus.ctx = f;
}

void fake_dev_fini(struct fake_dev *f)
{
    vnic_hostmem_free(f->mem);
    f->mem = NULL;
}

unsigned fake_dev_writes(const struct fake_dev *f, uint32_t lo, uint32_t hi)
{
    unsigned n = 0;
    for (unsigned i = 0; i < f->nlog; i++)
        if (f->log[i].write && f->log[i].addr >= lo && f->log[i].addr < hi)
            n++;
    return n;
}
