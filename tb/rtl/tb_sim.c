/* tb_sim.c: simulation controller (see tb_sim.h). */
#include "tb_sim.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

double tb_wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void tb_sim_cfg_default(struct tb_sim_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->reset_cycles = 8;
}

int tb_sim_init(struct tb_sim *s, const struct tb_sim_cfg *c, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->par = vnic_dut_params();
    s->w = s->par->data_w / 8;
    s->timeout = c->timeout;
    s->dut = vnic_dut_new(err, errlen);
    if (!s->dut)
        return -1;
    if (c->waves && c->waves[0]) {
        if (vnic_dut_trace_open(s->dut, c->waves, err, errlen) != 0) {
            vnic_dut_free(s->dut);
            s->dut = NULL;
            return -1;
        }
        s->tracing = 1;
    }
    s->wall_start = tb_wall_seconds();
    /* reset: inputs idle, rst high */
    s->pins.rst = 1;
    unsigned n = c->reset_cycles ? c->reset_cycles : 8;
    for (unsigned i = 0; i < n; i++) {
        vnic_dut_cycle(s->dut, &s->pins);
        s->total_cycles++;
    }
    s->pins.rst = 0;
    s->cycle = 0;
    return 0;
}

void tb_sim_fini(struct tb_sim *s)
{
    if (s->dut) {
        vnic_dut_finish(s->dut);
        vnic_dut_free(s->dut);
        s->dut = NULL;
    }
}

int tb_sim_add_agent(struct tb_sim *s, const struct tb_agent *a)
{
    if (s->nagents >= TB_SIM_MAX_AGENTS)
        return -1;
    s->agent[s->nagents++] = *a;
    return 0;
}

void tb_sim_fail(struct tb_sim *s, const char *fmt, ...)
{
    if (s->failed)
        return;
    s->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->fail_msg, sizeof s->fail_msg, fmt, ap);
    va_end(ap);
}

void tb_sim_step(struct tb_sim *s)
{
    for (unsigned i = 0; i < s->nagents; i++)
        if (s->agent[i].drive)
            s->agent[i].drive(s->agent[i].ctx, s);
    vnic_dut_cycle(s->dut, &s->pins);
    for (unsigned i = 0; i < s->nagents; i++)
        if (s->agent[i].sample)
            s->agent[i].sample(s->agent[i].ctx, s);
    s->cycle++;
    s->total_cycles++;
    if (s->timeout && s->cycle >= s->timeout && !s->timed_out) {
        s->timed_out = 1;
        tb_sim_fail(s, "time-out after %llu cycles", (unsigned long long)s->cycle);
    }
}

void tb_sim_run(struct tb_sim *s, uint64_t n)
{
    for (uint64_t i = 0; i < n && !tb_sim_stopped(s); i++)
        tb_sim_step(s);
}

void tb_sim_stats(const struct tb_sim *s, struct tb_sim_stats *st)
{
    st->cycles = s->total_cycles;
    st->wall_s = tb_wall_seconds() - s->wall_start;
    st->cycles_per_s = st->wall_s > 0 ? (double)st->cycles / st->wall_s : 0.0;
}

void tb_sim_print_stats(const struct tb_sim *s, const char *prefix)
{
    struct tb_sim_stats st;
    tb_sim_stats(s, &st);
    printf("%sstats: %llu cycles in %.3f s, %.0f cycles/s\n", prefix ? prefix : "",
           (unsigned long long)st.cycles, st.wall_s, st.cycles_per_s);
}
