/* ex_faults.c: a hypervisor's fault handler (docs/driver.md). A VM posts a
 * buffer outside its DMA windows; the device halts that vNIC only and
 * interrupts the PF; the hypervisor reports the fault and resets the vNIC;
 * the VM sets its rings up again. */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "vnic_modelbus.h"
#include "vnic_pf.h"
#include "vnic_vf.h"

/* The hypervisor's PF interrupt handler. */
static void pf_interrupt(struct vnic_dev *dev)
{
    uint32_t cause = vnic_dev_irq_ack(dev);
    if (!(cause & VNIC_PF_IRQ_FAULT))
        return;
    uint32_t vec = vnic_dev_fault_vec(dev);
    for (unsigned v = 0; v < vnic_dev_info(dev)->num_vnic; v++) {
        if (!(vec & (1u << v)))
            continue;
        struct vnic_status st;
        vnic_dev_vnic_status(dev, v, &st);
        printf("PF: vNIC %u halted: %s (%s) at guest address 0x%llx\n", v,
               vnic_fault_name(st.reason), vnic_fault_str(st.reason),
               (unsigned long long)st.fault_addr);
        if (vnic_dev_reset(dev, v))
            printf("PF: reset of vNIC %u failed: %s\n", v, vnic_dev_error(dev));
        /* ...and tell the VM (out of band) to set its rings up again */
    }
}

int main(void)
{
    char err[256];
    struct vnic_modelbus *mb;
    struct vnic_dev *dev;
    struct vnic_vf *vf;
    if (vnic_modelbus_new(NULL, NULL, &mb, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct vnic_bus *bus = vnic_modelbus_bus(mb);
    if (vnic_dev_open(bus, 156250000ULL, &dev, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    struct vnic_global_cfg g = {.rx_en = 1, .tx_en = 1};
    vnic_dev_set_global(dev, &g);
    vnic_dev_irq_enable(dev, VNIC_PF_IRQ_FAULT);

    struct vnic_vm vm;
    vnic_vm_init(&vm);
    vnic_vm_map(&vm, 0x0, 0x80000000ULL, 0x100000, err, sizeof(err));
    struct vnic_qos_spec spec;
    vnic_qos_spec_init(&spec);
    vnic_mac_parse("02:00:00:00:00:07", spec.mac);
    vnic_qos_windows_from_vm(&spec, &vm, err, sizeof(err));
    if (vnic_dev_create(dev, 0, &spec)) {
        fprintf(stderr, "%s\n", vnic_dev_error(dev));
        return 1;
    }
    if (vnic_vf_open(bus, 0, &vm, &vf, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    struct vnic_vf_cfg rings = {.rx_log2 = 4, .tx_log2 = 4, .rx_buf_size = 2048,
                                .tx_buf_size = 2048, .mem_base = 0, .mem_size = 0x100000,
                                .flags = VNIC_VF_NO_PREFILL};
    vnic_vf_setup(vf, &rings);
    vnic_vf_rx_post_raw(vf, 0x400000, 2048); /* a bug in the VM: beyond its memory */

    uint8_t f[64] = {0x02, 0, 0, 0, 0, 7, 0x02, 0x99, 0, 0, 0, 1, 0x88, 0xb5};
    uint32_t fcs = (uint32_t)crc32(0L, f, 60);
    for (int i = 0; i < 4; i++)
        f[60 + i] = (uint8_t)(fcs >> (8 * i));
    vnic_modelbus_rx(mb, f, 64, 0);

    int handled = 0;
    for (int i = 0; i < 100 && !handled; i++) {
        bus->ops->advance(bus->ctx, 100);
        if (vnic_dev_irq_take(dev)) {
            pf_interrupt(dev);
            handled = 1;
        }
    }

    /* the VM starts over and receives normally */
    rings.flags = 0;
    if (vnic_vf_setup(vf, &rings)) {
        fprintf(stderr, "VM: %s\n", vnic_vf_error(vf));
        return 1;
    }
    vnic_modelbus_rx(mb, f, 64, 0);
    uint8_t buf[2048];
    struct vnic_rx_cpl cpl;
    int got = 0;
    for (int i = 0; i < 100 && !got; i++) {
        bus->ops->advance(bus->ctx, 100);
        got = vnic_vf_recv(vf, buf, sizeof(buf), &cpl) == 1;
    }
    printf("VM: %s\n", got ? "receiving again after the reset" : "still nothing");
    int ok = handled && got && vnic_dev_check_conservation(dev) == 0;
    vnic_vf_close(vf);
    vnic_dev_close(dev);
    vnic_modelbus_free(mb);
    printf("%s\n", ok ? "faults: OK" : "faults: FAILED");
    return ok ? 0 : 1;
}
