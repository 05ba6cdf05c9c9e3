/* ex_tuple.c: create vNICs from the paper's resource tuples (docs/driver.md).
 * Usage: ex_tuple [FILE...]; each file holds one VM's resource tuples (only
 * the Network_Resource_Descriptor_tuple is used). Without files, the
 * example of the paper's Table 1 is used. Prints what the device got. */
#include <stdio.h>
#include <stdlib.h>

#include "vnic_modelbus.h"
#include "vnic_pf.h"
#include "vnic_tuple.h"

static const char table1[] =
    "</CPU_Resource_Descriptor_tuple>\n"
    "  (Default_Speed=1800MHz:Min_speed=1500MHz:Max_speed=2000MHz)\n"
    "</end_of_tuple>\n"
    "</Network_Resource_Descriptor_tuple>\n"
    "  (Default_Speed=1000Mbps:Min_speed=100Mbps:Max_speed=1000Mbps)\n"
    "  (Default_Bandwidth=5000KBps:Min_Bandwidth=5000KBps:Max_Bandwidth=8000KBps)\n"
    "</end_of_tuple>\n";

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    char err[256];
    struct vnic_modelbus *mb;
    struct vnic_dev *dev;
    if (vnic_modelbus_new(NULL, NULL, &mb, err, sizeof(err)) ||
        vnic_dev_open(vnic_modelbus_bus(mb), 156250000ULL, &dev, err, sizeof(err))) {
        fprintf(stderr, "ex_tuple: %s\n", err);
        return 1;
    }
    const struct vnic_dev_info *info = vnic_dev_info(dev);
    int nvm = argc > 1 ? argc - 1 : 1;
    for (int i = 0; i < nvm; i++) {
        const char *name = argc > 1 ? argv[i + 1] : "Table 1";
        const char *text = argc > 1 ? slurp(argv[i + 1]) : table1;
        if (!text) {
            fprintf(stderr, "ex_tuple: cannot read %s\n", name);
            return 1;
        }
        struct vnic_net_tuple t;
        if (vnic_tuple_parse(text, &t, err, sizeof(err))) {
            fprintf(stderr, "%s: %s\n", name, err); /* "line 3, column 18: ..." */
            return 1;
        }
        struct vnic_qos_spec spec;
        vnic_qos_spec_init(&spec);
        spec.mac[0] = 0x02;
        spec.mac[5] = (uint8_t)(i + 1);
        if (vnic_tuple_to_qos(&t, info->link_bps, &spec, err, sizeof(err))) {
            fprintf(stderr, "%s: %s\n", name, err);
            return 1;
        }
        if (vnic_dev_create(dev, (unsigned)i, &spec)) {
            fprintf(stderr, "%s: %s\n", name, vnic_dev_error(dev));
            return 1;
        }
        struct vnic_hw_cfg hw;
        vnic_dev_load_raw(dev, (unsigned)i, &hw);
        printf("%s -> vNIC %d: guarantee %.3f Mb/s (SCH_GUAR 0x%08x), ceiling %.3f Mb/s "
               "(POL_RATE 0x%08x), weight %u, RX partition [%u, %u)\n",
               name, i, vnic_rate_reg_to_mbps(hw.sch_guar, info->clk_hz), hw.sch_guar,
               vnic_rate_reg_to_mbps(hw.pol_rate, info->clk_hz), hw.pol_rate, hw.sch_weight,
               hw.rx_base, hw.rx_base + hw.rx_size);
    }
    vnic_dev_close(dev);
    vnic_modelbus_free(mb);
    return 0;
}
