/* tb_engine.c: the RTL engines of vnic-sim (tb/sim/vnic_engine.h):
 * "rtl" runs the Verilated device alone, "both" runs the golden model in
 * lockstep beside it and counts every disagreement. Each is a tb_env
 * (tb_env.h) behind the engine table, with the harness's end-of-run
 * scoreboard when vnic-sim asks for the mismatches; the device build
 * parameters are those
 * the linked Verilated model was built with, and a scenario asking for other
 * ones is refused with a message naming the build to use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb_env.h"
#include "vnic_engine.h"
#include "vnic_model.h"

struct rtl_engine {
    struct tb_env env;
    int scored;                 /* the end-of-run scoreboard ran */
    vnic_engine_tx_fn tx_fn;
    void *tx_ctx;
    char msg[512];
};

static int create(const struct vnic_engine_params *p, void **impl, int lockstep, char *err,
                  size_t errlen)
{
    const struct vnic_dut_params *d = vnic_dut_params();
#define SAME(f, g) (p->f == 0 || p->f == d->g)
    if (!SAME(num_vnic, num_vnic) || !SAME(data_w, data_w) || !SAME(num_win, num_win) ||
        !SAME(rx_buf_bytes, rx_buf_bytes) || !SAME(tx_buf_bytes, tx_buf_bytes) ||
        !SAME(rx_fifo_bytes, rx_fifo_bytes) || !SAME(max_frame, max_frame)) {
        snprintf(err, errlen,
                 "the RTL engine is the Verilated build '%s' (NUM_VNIC=%u DATA_W=%u RX_BUF=%u "
                 "TX_BUF=%u RX_FIFO=%u MAX_FRAME=%u NUM_WIN=%u); the scenario asks for NUM_VNIC=%u "
                 "DATA_W=%u RX_BUF=%u TX_BUF=%u RX_FIFO=%u MAX_FRAME=%u NUM_WIN=%u: use a matching "
                 "[device] section or the vnic-sim of that build", d->cfg_name, d->num_vnic,
                 d->data_w, d->rx_buf_bytes, d->tx_buf_bytes, d->rx_fifo_bytes, d->max_frame,
                 d->num_win, p->num_vnic, p->data_w, p->rx_buf_bytes, p->tx_buf_bytes,
                 p->rx_fifo_bytes, p->max_frame, p->num_win);
        return -1;
    }
#undef SAME
    struct rtl_engine *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    struct tb_env_cfg c;
    tb_env_cfg_default(&c);
    c.lockstep = lockstep;
    if (p->host_lat)
        c.mem.rlat = c.mem.wlat = p->host_lat;
    if (p->host_outstanding)
        c.mem.max_rd = c.mem.max_wr = p->host_outstanding;
    const char *w = getenv("VNIC_WAVES");
    if (w && *w)
        c.waves = w;
    if (tb_env_init(&r->env, &c, err, errlen)) {
        free(r);
        return -1;
    }
    /* vnic-sim's VMs are not declared to the host-memory checker; the
     * device's own windows guard them, the protocol checks stay on */
    r->env.mem.check_legal = 0;
    *impl = r;
    return 0;
}

static int create_rtl(const struct vnic_engine_params *p, void **impl, char *err, size_t errlen)
{
    return create(p, impl, 0, err, errlen);
}

static int create_both(const struct vnic_engine_params *p, void **impl, char *err, size_t errlen)
{
    return create(p, impl, 1, err, errlen);
}

static void destroy(void *impl)
{
    struct rtl_engine *r = impl;
    tb_env_fini(&r->env);
    free(r);
}

static const struct vnic_bus *bus(void *impl)
{
    return &((struct rtl_engine *)impl)->env.bus;
}

static struct vnic_hostmem *mem(void *impl)
{
    return ((struct rtl_engine *)impl)->env.host;
}

static void inject(void *impl, uint64_t sof_cycle, const uint8_t *frame, uint32_t len,
                   uint32_t flags)
{
    struct rtl_engine *r = impl;
    if (tb_env_push_frame(&r->env, frame, len, flags, sof_cycle))
        tb_sim_fail(&r->env.sim, "out of memory queueing a wire frame");
}

static void run_until(void *impl, uint64_t cycle)
{
    struct rtl_engine *r = impl;
    while (r->env.sim.cycle < cycle)
        tb_sim_step(&r->env.sim);
}

static uint64_t now(void *impl)
{
    return ((struct rtl_engine *)impl)->env.sim.cycle;
}

static void set_observer(void *impl, vnic_engine_ev_fn fn, void *ctx)
{
    struct rtl_engine *r = impl;
    r->env.mon.obs = fn;
    r->env.mon.obs_ctx = ctx;
}

static void set_tx(void *impl, vnic_engine_tx_fn fn, void *ctx)
{
    struct rtl_engine *r = impl;
    r->env.on_tx = fn;
    r->env.on_tx_ctx = ctx;
}

/* vnic-sim asks once, after the run has drained: the end-of-run scoreboard
 * (host-memory images, every counter and status register against the model,
 * the conservation law) runs then. */
static unsigned mismatches(void *impl)
{
    struct rtl_engine *r = impl;
    if (!r->scored && !tb_sim_stopped(&r->env.sim)) {
        r->scored = 1;
        tb_env_scoreboard(&r->env);
    }
    return (unsigned)tb_env_mismatches(&r->env) + (r->env.sim.failed ? 1u : 0u);
}

static const char *mismatch(void *impl, unsigned i)
{
    struct rtl_engine *r = impl;
    if (r->env.sim.failed) {
        if (i == 0)
            return r->env.sim.fail_msg;
        i--;
    }
    unsigned nm = r->env.model ? vnic_model_mismatches(r->env.model) : 0;
    if (i < nm)
        return vnic_model_mismatch(r->env.model, i);
    i -= nm;
    if (i < r->env.mon.nmsgs)
        return r->env.mon.msgs[i];
    snprintf(r->msg, sizeof r->msg, "(mismatch %u not kept)", i);
    return r->msg;
}

const struct vnic_engine_ops vnic_engine_rtl_ops = {
    "rtl", create_rtl, destroy, bus, mem, inject, run_until, now, set_observer, set_tx,
    mismatches, mismatch,
};

const struct vnic_engine_ops vnic_engine_both_ops = {
    "both", create_both, destroy, bus, mem, inject, run_until, now, set_observer, set_tx,
    mismatches, mismatch,
};
