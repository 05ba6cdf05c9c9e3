/* tb_nomodel.c: stands in for the golden model while cmodel/ has no
 * implementation, so the RTL-only checks of the harness still build and run.
 * vnic_model_new() refuses; nothing else is ever reached. tb/tb.mk links
 * this file only when cmodel/ has no C sources. */
#include <stdio.h>
#include <string.h>

#include "vnic_model.h"

void vnic_model_params_default(struct vnic_model_params *p)
{
    memset(p, 0, sizeof *p);
}

int vnic_model_new(const struct vnic_model_params *p, const struct vnic_host_ops *host,
                   struct vnic_model **out, char *err, size_t errlen)
{
    (void)p;
    (void)host;
    *out = NULL;
    snprintf(err, errlen, "the golden model is not built (cmodel/ has no sources)");
    return -1;
}

void vnic_model_free(struct vnic_model *m) { (void)m; }
void vnic_model_set_mode(struct vnic_model *m, enum vnic_model_mode mode) { (void)m; (void)mode; }
uint32_t vnic_model_reg_read(struct vnic_model *m, uint32_t addr) { (void)m; (void)addr; return 0; }
void vnic_model_reg_write(struct vnic_model *m, uint32_t addr, uint32_t val)
{
    (void)m; (void)addr; (void)val;
}
void vnic_model_rx(struct vnic_model *m, uint64_t sof_cycle, const struct vnic_wire_frame *f)
{
    (void)m; (void)sof_cycle; (void)f;
}
void vnic_model_run_until(struct vnic_model *m, uint64_t cycle) { (void)m; (void)cycle; }
unsigned vnic_model_event(struct vnic_model *m, const struct vnic_ev *ev) { (void)m; (void)ev; return 0; }
unsigned vnic_model_mismatches(const struct vnic_model *m) { (void)m; return 0; }
const char *vnic_model_mismatch(const struct vnic_model *m, unsigned i) { (void)m; (void)i; return ""; }

int vnic_ev_cmp(const struct vnic_ev *a, const struct vnic_ev *b)
{
    if (a->cycle != b->cycle)
        return a->cycle < b->cycle ? -1 : 1;
    return (int)a->type - (int)b->type;
}
unsigned vnic_model_finish(struct vnic_model *m) { (void)m; return 0; }
uint64_t vnic_model_rx_pending(const struct vnic_model *m, unsigned vnic)
{
    (void)m; (void)vnic;
    return 0;
}
int vnic_model_window(const struct vnic_model *m, unsigned vnic, unsigned w, uint64_t *gbase,
                      uint64_t *hbase, uint64_t *size)
{
    (void)m; (void)vnic; (void)w; (void)gbase; (void)hbase; (void)size;
    return -1;
}
