/* tb_sim.h: the simulation controller of the RTL harness.
 *
 * One reusable controller per device instance: it owns the Verilated device
 * (vnic_dut.h), its pins, the clock, the reset sequence, the cycle counter,
 * the time-out, the FST trace switch and the run statistics. Bus-functional
 * models and monitors attach as agents: every cycle the controller calls each
 * agent's drive() (set inputs for this cycle), evaluates the device once, and
 * calls each agent's sample() (observe the outputs as they were before the
 * rising edge, i.e. the handshakes that happened in this cycle).
 *
 * Cycle numbering: cycle 0 is the first cycle after reset is released
 * (docs/architecture.md §11); tb_sim_now() is the number of the cycle the
 * next tb_sim_step() evaluates.
 */
#ifndef TB_SIM_H
#define TB_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "vnic_dut.h"

#define TB_SIM_MAX_AGENTS 16

struct tb_sim;

struct tb_agent {
    const char *name;
    void (*drive)(void *ctx, struct tb_sim *s);   /* may be NULL */
    void (*sample)(void *ctx, struct tb_sim *s);  /* may be NULL */
    void *ctx;
};

struct tb_sim_cfg {
    unsigned reset_cycles;   /* cycles with rst high (default 8) */
    uint64_t timeout;        /* fail after this many cycles (0 = none) */
    const char *waves;       /* FST file to write, or NULL */
};

struct tb_sim {
    struct vnic_dut *dut;
    struct vnic_dut_pins pins;
    const struct vnic_dut_params *par;
    unsigned w;              /* bytes per beat */
    uint64_t cycle;          /* cycles since reset (see above) */
    uint64_t timeout;
    int timed_out;
    int failed;              /* set by agents on a fatal check; see fail_msg */
    char fail_msg[512];
    unsigned nagents;
    struct tb_agent agent[TB_SIM_MAX_AGENTS];
    double wall_start;       /* seconds */
    uint64_t total_cycles;   /* including reset cycles */
    int tracing;
};

void tb_sim_cfg_default(struct tb_sim_cfg *c);
/* Creates the device and applies reset. Returns 0, or -1 with a message. */
int tb_sim_init(struct tb_sim *s, const struct tb_sim_cfg *c, char *err, size_t errlen);
void tb_sim_fini(struct tb_sim *s);
int tb_sim_add_agent(struct tb_sim *s, const struct tb_agent *a);

/* One clock cycle. */
void tb_sim_step(struct tb_sim *s);
/* Step n cycles (stops early on failure or time-out). */
void tb_sim_run(struct tb_sim *s, uint64_t n);
static inline uint64_t tb_sim_now(const struct tb_sim *s) { return s->cycle; }
/* Nonzero once the run must stop: time-out or an agent's fatal check. */
static inline int tb_sim_stopped(const struct tb_sim *s) { return s->failed || s->timed_out; }
/* Record a fatal check failure (first one kept). */
void tb_sim_fail(struct tb_sim *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Run statistics. */
struct tb_sim_stats {
    uint64_t cycles;
    double wall_s;
    double cycles_per_s;
};
void tb_sim_stats(const struct tb_sim *s, struct tb_sim_stats *st);
void tb_sim_print_stats(const struct tb_sim *s, const char *prefix);

double tb_wall_seconds(void);

#endif
