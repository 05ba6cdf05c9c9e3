/* ex_quickstart.c: the programmer's guide in one program (docs/driver.md).
 * A hypervisor opens the device and creates a vNIC for one VM; the VM's
 * driver sets up its rings, sends a frame and receives one. Runs on the
 * golden model; on the RTL only the bus backend changes. */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "vnic_modelbus.h"
#include "vnic_pf.h"
#include "vnic_vf.h"

#define CLK_HZ 156250000ULL

static void on_wire(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len, uint64_t cycle)
{
    (void)ctx;
    printf("wire: vNIC %u sent %u bytes at cycle %llu\n", vnic, len, (unsigned long long)cycle);
    (void)frame;
}

int main(void)
{
    char err[256];

    /* --- the platform: the model plus simulated host memory ---------- */
    struct vnic_modelbus *mb;
    if (vnic_modelbus_new(NULL, NULL, &mb, err, sizeof(err))) {
        fprintf(stderr, "model: %s\n", err);
        return 1;
    }
    vnic_modelbus_on_tx(mb, on_wire, NULL);
    const struct vnic_bus *bus = vnic_modelbus_bus(mb);

    /* --- hypervisor: open, global set-up ------------------------------ */
    struct vnic_dev *dev;
    if (vnic_dev_open(bus, CLK_HZ, &dev, err, sizeof(err))) {
        fprintf(stderr, "open: %s\n", err);
        return 1;
    }
    struct vnic_global_cfg g = {.rx_en = 1, .tx_en = 1, .max_frame = 1522};
    if (vnic_dev_set_global(dev, &g)) {
        fprintf(stderr, "global: %s\n", vnic_dev_error(dev));
        return 1;
    }

    /* --- a VM: 1 MiB of guest memory at host 0x40000000 --------------- */
    struct vnic_vm vm;
    vnic_vm_init(&vm);
    if (vnic_vm_map(&vm, 0x0, 0x40000000, 0x100000, err, sizeof(err))) {
        fprintf(stderr, "vm: %s\n", err);
        return 1;
    }

    /* --- its vNIC: 1 Gb/s guaranteed, 4 Gb/s ceiling --------------------- */
    struct vnic_qos_spec spec;
    vnic_qos_spec_init(&spec);
    vnic_mac_parse("02:00:00:00:00:01", spec.mac);
    spec.flags = VNIC_QOS_BCAST | VNIC_QOS_ANTISPOOF;
    spec.guar_bps = 1000000000ULL;
    spec.ceil_bps = 4000000000ULL;
    spec.weight = 16;
    vnic_qos_windows_from_vm(&spec, &vm, err, sizeof(err)); /* DMA sees the VM's memory */
    if (vnic_dev_create(dev, 0, &spec)) {
        fprintf(stderr, "create: %s\n", vnic_dev_error(dev));
        return 1;
    }

    /* --- inside the VM: the native driver ------------------------------ */
    struct vnic_vf *vf;
    if (vnic_vf_open(bus, 0, &vm, &vf, err, sizeof(err))) {
        fprintf(stderr, "vf: %s\n", err);
        return 1;
    }
    struct vnic_vf_cfg rings = {
        .rx_log2 = 6, .tx_log2 = 6,          /* 64 descriptors each */
        .rx_buf_size = 2048, .tx_buf_size = 2048,
        .mem_base = 0x0, .mem_size = 0x100000,
    };
    if (vnic_vf_setup(vf, &rings)) {
        fprintf(stderr, "rings: %s\n", vnic_vf_error(vf));
        return 1;
    }
    vnic_vf_irq_enable(vf, VNIC_VF_IRQ_RX | VNIC_VF_IRQ_TX);
    vnic_vf_set_itr(vf, 0, 8, 2000); /* RX: every 8 frames or 2000 cycles */

    /* send: destination, our source MAC, EtherType, payload (no FCS) */
    uint8_t frame[64] = {0x02, 0x99, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 1, 0x88, 0xb5};
    strcpy((char *)frame + 14, "hello, wire");
    if (vnic_vf_send(vf, frame, 14 + 12) != 1) {
        fprintf(stderr, "send: %s\n", vnic_vf_error(vf));
        return 1;
    }

    /* receive: a frame for our MAC arrives from the wire (with its FCS) */
    uint8_t in[128] = {0x02, 0, 0, 0, 0, 1, 0x02, 0x99, 0, 0, 0, 1, 0x88, 0xb5};
    strcpy((char *)in + 14, "hello, VM");
    uint32_t fcs = (uint32_t)crc32(0L, in, 60);
    for (int i = 0; i < 4; i++)
        in[60 + i] = (uint8_t)(fcs >> (8 * i));
    vnic_modelbus_rx(mb, in, 64, 0);

    /* the VM's loop: wait for an interrupt, then take completions */
    uint8_t buf[2048];
    struct vnic_rx_cpl cpl;
    int got = 0;
    for (int i = 0; i < 100 && !got; i++) {
        bus->ops->advance(bus->ctx, 100);
        uint32_t irq = vnic_vf_irq_take(vf);
        if (irq) {
            vnic_vf_irq_ack(vf);
            while (vnic_vf_recv(vf, buf, sizeof(buf), &cpl) == 1) {
                printf("VM: received %u bytes: \"%s\"%s\n", cpl.len, (char *)buf + 14,
                       cpl.status & VNIC_DESC_ST_ERRORS ? " (error)" : "");
                got = 1;
            }
            struct vnic_tx_cpl tc[8];
            int n = vnic_vf_tx_reclaim(vf, tc, 8);
            for (int k = 0; k < n; k++)
                printf("VM: frame of %u bytes sent%s\n", tc[k].len,
                       tc[k].status & VNIC_DESC_ST_ERRORS ? " with an error" : "");
        }
    }

    /* --- hypervisor: statistics ---------------------------------------- */
    struct vnic_vstats st;
    vnic_dev_vnic_stats(dev, 0, &st);
    for (unsigned i = 0; i < VNIC_VSTAT_COUNT; i++)
        if (st.c[i])
            printf("vNIC 0 %-12s %llu\n", vnic_vstat_name(i), (unsigned long long)st.c[i]);
    int ok = got && st.c[VNIC_VSTAT_TX_FRAMES] == 1 && vnic_dev_check_conservation(dev) == 0;

    vnic_vf_close(vf);
    vnic_dev_close(dev);
    vnic_modelbus_free(mb);
    printf("%s\n", ok ? "quickstart: OK" : "quickstart: FAILED");
    return ok ? 0 : 1;
}
