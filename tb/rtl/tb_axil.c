/* tb_axil.c: AXI4-Lite master BFM (see tb_bfm.h). One access at a time; AW
 * and W are offered together, B and R are always ready. */
#include "tb_bfm.h"

#include <string.h>

void tb_axil_init(struct tb_axil *a, struct tb_sim *s)
{
    memset(a, 0, sizeof *a);
    a->sim = s;
    a->max_wait = 1000;
}

static void axil_drive(void *ctx, struct tb_sim *s)
{
    struct tb_axil *a = ctx;
    struct vnic_dut_pins *p = &s->pins;
    p->s_axil_awvalid = (uint8_t)(a->busy && a->is_write && !a->aw_done);
    p->s_axil_wvalid = (uint8_t)(a->busy && a->is_write && !a->w_done);
    p->s_axil_awaddr = a->addr;
    p->s_axil_wdata = a->data;
    p->s_axil_wstrb = 0xf;
    p->s_axil_awprot = 0;
    p->s_axil_arprot = 0;
    p->s_axil_bready = 1;
    p->s_axil_arvalid = (uint8_t)(a->busy && !a->is_write && !a->addr_done);
    p->s_axil_araddr = a->addr;
    p->s_axil_rready = 1;
}

static void axil_sample(void *ctx, struct tb_sim *s)
{
    struct tb_axil *a = ctx;
    const struct vnic_dut_pins *p = &s->pins;
    if (p->s_axil_bvalid && !(a->busy && a->is_write && a->addr_done)) {
        tb_sim_fail(s, "cycle %llu: AXI4-Lite BVALID without an accepted write",
                    (unsigned long long)s->cycle);
        return;
    }
    if (p->s_axil_rvalid && !(a->busy && !a->is_write && a->addr_done)) {
        tb_sim_fail(s, "cycle %llu: AXI4-Lite RVALID without an accepted read",
                    (unsigned long long)s->cycle);
        return;
    }
    if (!a->busy)
        return;
    if (a->is_write) {
        if (p->s_axil_awvalid && p->s_axil_awready)
            a->aw_done = 1;
        if (p->s_axil_wvalid && p->s_axil_wready)
            a->w_done = 1;
        if (a->aw_done && a->w_done && !a->addr_done) {
            a->addr_done = 1;
            if (a->on_write)
                a->on_write(a->hook_ctx, a->addr, a->data, s->cycle);
        } else if (a->addr_done && p->s_axil_bvalid) {
            a->resp = p->s_axil_bresp;
            a->resp_done = 1;
        }
    } else {
        if (!a->addr_done) {
            if (p->s_axil_arvalid && p->s_axil_arready)
                a->addr_done = 1;
        } else if (p->s_axil_rvalid) {
            a->rdata = p->s_axil_rdata;
            a->resp = p->s_axil_rresp;
            a->resp_done = 1;
            if (a->on_read)
                a->on_read(a->hook_ctx, a->addr, a->rdata, s->cycle);
        }
    }
}

struct tb_agent tb_axil_agent(struct tb_axil *a)
{
    struct tb_agent ag = {"axil", axil_drive, axil_sample, a};
    return ag;
}

static int axil_run(struct tb_axil *a)
{
    unsigned n = 0;
    while (!a->resp_done) {
        if (tb_sim_stopped(a->sim) || n++ > a->max_wait) {
            if (!tb_sim_stopped(a->sim))
                tb_sim_fail(a->sim, "cycle %llu: AXI4-Lite %s of 0x%05x got no response in %u cycles",
                            (unsigned long long)a->sim->cycle, a->is_write ? "write" : "read",
                            a->addr, a->max_wait);
            a->busy = 0;
            return -1;
        }
        tb_sim_step(a->sim);
    }
    a->busy = 0;
    return a->resp;
}

int tb_axil_write32(struct tb_axil *a, uint32_t addr, uint32_t val)
{
    a->busy = 1;
    a->is_write = 1;
    a->aw_done = a->w_done = a->addr_done = a->resp_done = 0;
    a->addr = addr;
    a->data = val;
    a->writes++;
    return axil_run(a);
}

int tb_axil_read32(struct tb_axil *a, uint32_t addr, uint32_t *val)
{
    a->busy = 1;
    a->is_write = 0;
    a->aw_done = a->w_done = a->addr_done = a->resp_done = 0;
    a->addr = addr;
    a->rdata = 0;
    a->reads++;
    int r = axil_run(a);
    *val = r < 0 ? 0 : a->rdata;
    return r;
}
