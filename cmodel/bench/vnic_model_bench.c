/* vnic_model_bench: speed of the golden model in stand-alone mode.
 *
 *   vnic_model_bench [--frames N] [--out FILE]
 *
 * 8 vNICs, default device (64-bit datapath), 64-byte unicast frames
 * round-robin over the vNICs at line rate (W bytes per cycle with 20 bytes
 * of preamble and gap per frame), host memory at full speed with 1 us
 * latency, every frame admitted, copied, scheduled, DMAed and completed.
 * Prints the model's frames per second and writes that line to FILE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "vnic_model.h"
#include "vnic_regs.h"

#define NV 8u
#define RING_LOG2 9u
#define HOST_BYTES (NV << 20)

struct host {
    uint8_t *mem;
    uint64_t irqs;
};

static int h_read(void *ctx, uint64_t a, void *b, size_t n)
{
    struct host *h = ctx;
    if (a + n > HOST_BYTES)
        return -1;
    memcpy(b, h->mem + a, n);
    return 0;
}

static int h_write(void *ctx, uint64_t a, const void *b, size_t n)
{
    struct host *h = ctx;
    if (a + n > HOST_BYTES)
        return -1;
    memcpy(h->mem + a, b, n);
    return 0;
}

static void h_irq(void *ctx, unsigned vec, uint64_t cyc)
{
    (void)vec;
    (void)cyc;
    ((struct host *)ctx)->irqs++;
}

static void wr(struct vnic_model *m, uint32_t a, uint32_t v) { vnic_model_reg_write(m, a, v); }
static uint32_t rd(struct vnic_model *m, uint32_t a) { return vnic_model_reg_read(m, a); }

static uint64_t stat(struct vnic_model *m, unsigned v, uint32_t off)
{
    uint64_t lo = rd(m, VNIC_VF_BASE(v) + off);
    return lo | ((uint64_t)rd(m, VNIC_VF_BASE(v) + off + 4) << 32);
}

static int setup(struct vnic_model *m, struct host *h, char *err, size_t errlen)
{
    wr(m, VNIC_PF_G_CTRL, VNIC_PF_G_CTRL_RX_EN_MASK | VNIC_PF_G_CTRL_TX_EN_MASK);
    for (unsigned v = 0; v < NV; v++) {
        const uint64_t gbase = 0x100000000ull * (v + 1), hbase = (uint64_t)v << 20;
        wr(m, VNIC_PF_G_VSEL, v);
        wr(m, VNIC_PF_G_CMD, VNIC_CMD_OP_LOAD);
        wr(m, VNIC_PF_STAGE_FLAGS, VNIC_PF_STAGE_FLAGS_ENABLE_MASK);
        wr(m, VNIC_PF_STAGE_MAC_HI, 0x0200);
        wr(m, VNIC_PF_STAGE_MAC_LO, v + 1);
        wr(m, VNIC_PF_STAGE_RX_BASE, v * 8192u);
        wr(m, VNIC_PF_STAGE_RX_SIZE, 8192u);
        wr(m, VNIC_PF_STAGE_TX_BASE, v * 8192u);
        wr(m, VNIC_PF_STAGE_TX_SIZE, 8192u);
        wr(m, VNIC_PF_STAGE_SCH_WEIGHT, 1);
        wr(m, VNIC_PF_STAGE_WIN_GBASE_LO(0), (uint32_t)gbase);
        wr(m, VNIC_PF_STAGE_WIN_GBASE_HI(0), (uint32_t)(gbase >> 32));
        wr(m, VNIC_PF_STAGE_WIN_HBASE_LO(0), (uint32_t)hbase);
        wr(m, VNIC_PF_STAGE_WIN_HBASE_HI(0), (uint32_t)(hbase >> 32));
        wr(m, VNIC_PF_STAGE_WIN_SIZE(0), 1u << 20);
        wr(m, VNIC_PF_G_CMD, VNIC_CMD_OP_COMMIT);
        uint32_t st = rd(m, VNIC_PF_G_CMD_STATUS);
        if (st & VNIC_PF_G_CMD_STATUS_ERR_MASK) {
            snprintf(err, errlen, "COMMIT of vNIC %u refused (CMD_STATUS 0x%08x)", v, st);
            return -1;
        }
        /* ring at the window start, 16 buffers of 2 KiB behind it */
        for (unsigned i = 0; i < (1u << RING_LOG2); i++) {
            uint8_t *d = h->mem + hbase + 16u * i;
            uint64_t buf = gbase + 0x10000u + (i % 16u) * 2048u;
            memset(d, 0, 16);
            for (int k = 0; k < 8; k++)
                d[k] = (uint8_t)(buf >> (8 * k));
            d[8] = 0x00;
            d[9] = 0x08; /* 2048 */
        }
        wr(m, VNIC_VF_BASE(v) + VNIC_VF_RXR_BASE_LO, (uint32_t)gbase);
        wr(m, VNIC_VF_BASE(v) + VNIC_VF_RXR_BASE_HI, (uint32_t)(gbase >> 32));
        wr(m, VNIC_VF_BASE(v) + VNIC_VF_RXR_SIZE, RING_LOG2);
        wr(m, VNIC_VF_BASE(v) + VNIC_VF_RXR_ITR_COUNT, 32);
        wr(m, VNIC_VF_BASE(v) + VNIC_VF_RXR_ITR_TIMER, 2000);
        wr(m, VNIC_VF_BASE(v) + VNIC_VF_INT_MASK, VNIC_VF_INT_MASK_RX_MASK);
        wr(m, VNIC_VF_BASE(v) + VNIC_VF_RXR_TAIL, (1u << RING_LOG2) - 1);
    }
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t nframes = 4000000;
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--frames") && i + 1 < argc)
            nframes = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--frames N] [--out FILE]\n", argv[0]);
            return 2;
        }
    }
    struct host h = {calloc(1, HOST_BYTES), 0};
    if (!h.mem) {
        fprintf(stderr, "vnic_model_bench: out of memory\n");
        return 1;
    }
    struct vnic_model_params p;
    vnic_model_params_default(&p);
    struct vnic_host_ops ops = {h_read, h_write, h_irq, NULL, &h};
    struct vnic_model *m;
    char err[256];
    if (vnic_model_new(&p, &ops, &m, err, sizeof(err)) || setup(m, &h, err, sizeof(err))) {
        fprintf(stderr, "vnic_model_bench: %s\n", err);
        return 1;
    }
    const unsigned W = p.data_w / 8;
    uint8_t frames[NV][64];
    for (unsigned v = 0; v < NV; v++) {
        uint8_t *f = frames[v];
        memset(f, 0, 64);
        f[0] = 0x02;
        f[5] = (uint8_t)(v + 1);
        f[6] = 0x0A;
        f[11] = 0x01;
        f[12] = 0x08;
        for (int i = 14; i < 60; i++)
            f[i] = (uint8_t)(i * 7 + v);
        uint32_t c = (uint32_t)crc32(0L, f, 60);
        f[60] = (uint8_t)c;
        f[61] = (uint8_t)(c >> 8);
        f[62] = (uint8_t)(c >> 16);
        f[63] = (uint8_t)(c >> 24);
    }

    struct timespec t0, t1;
    timespec_get(&t0, TIME_UTC);
    clock_t c0 = clock();
    const uint64_t start = vnic_model_now(m) + 200;
    uint64_t sof = start;
    for (uint64_t i = 0; i < nframes; i++) {
        sof = start + (i * (64 + 20)) / W; /* line rate, exact on average */
        struct vnic_wire_frame wf = {frames[i % NV], 64, 0};
        vnic_model_rx(m, sof, &wf);
        if ((i & 127) == 127) {
            vnic_model_run_until(m, sof - 64);
            if ((i & 1023) == 1023)
                for (unsigned v = 0; v < NV; v++) { /* the driver gives buffers back */
                    uint32_t head = rd(m, VNIC_VF_BASE(v) + VNIC_VF_RXR_HEAD);
                    wr(m, VNIC_VF_BASE(v) + VNIC_VF_RXR_TAIL, (head - 1) & ((1u << RING_LOG2) - 1));
                }
        }
    }
    uint64_t end = vnic_model_drain(m, 1ull << 40);
    clock_t c1 = clock();
    timespec_get(&t1, TIME_UTC);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    double secs = (double)(c1 - c0) / CLOCKS_PER_SEC; /* CPU time: one core */
    if (secs <= 0)
        secs = wall;

    uint64_t delivered = 0, drops = 0;
    for (unsigned v = 0; v < NV; v++) {
        delivered += stat(m, v, VNIC_VF_STAT_RX_FRAMES_LO);
        drops += stat(m, v, VNIC_VF_STAT_DROP_NOBUF_LO) + stat(m, v, VNIC_VF_STAT_DROP_HALTED_LO);
    }
    char cons[256] = "";
    int bad = vnic_model_check_conservation(m, cons, sizeof(cons));
    double fps = (double)nframes / secs;
    char line[512];
    snprintf(line, sizeof(line),
             "model: %.2f Mframes/s (64-byte unicast at line rate, %u vNICs, DATA_W=%u, stand-alone): "
             "%llu frames, %llu delivered, %llu dropped, %llu cycles, %.3f s CPU (%.3f s wall), "
             "%llu interrupts, target >= 5 Mframes/s: %s",
             fps / 1e6, NV, p.data_w, (unsigned long long)nframes, (unsigned long long)delivered,
             (unsigned long long)drops, (unsigned long long)(end - start), secs, wall,
             (unsigned long long)h.irqs, fps >= 5e6 ? "PASS" : "FAIL");
    printf("%s\n", line);
    int rc = 0;
    if (bad || delivered != nframes) {
        fprintf(stderr, "vnic_model_bench: the run was not clean (%s; %llu of %llu delivered)\n",
                bad ? cons : "conservation holds", (unsigned long long)delivered,
                (unsigned long long)nframes);
        rc = 1;
    }
    if (out) {
        FILE *f = fopen(out, "w");
        if (!f) {
            perror(out);
            rc = 1;
        } else {
            fprintf(f, "%s\n", line);
            fclose(f);
        }
    }
    vnic_model_free(m);
    free(h.mem);
    return rc;
}
