/* tb_env.h: one complete RTL test environment.
 *
 * An environment is the Verilated device with every BFM attached (tb_bfm.h),
 * the trace monitor (tb_mon.h), two host memories and, when lockstep is on,
 * the golden model running beside the RTL:
 *
 *   host memory  `host` is the memory the CPU (driver, test) and the RTL's
 *                AXI master see; `mhost` is the model's own image. Every CPU
 *                write goes to both; device writes go to each side's own, so
 *                the images differ exactly where RTL and model disagree.
 *   bus          the libvnic bus-operations table on the RTL (vnic_bus.h):
 *                registers through the AXI4-Lite BFM, host memory = `host`,
 *                interrupts from the interrupt sink, time = clock cycles.
 *   scoreboard   tb_env_scoreboard(): host-memory images over every range
 *                declared legal, every counter (AXI4-Lite vs model), the
 *                conservation law, TX frames per vNIC.
 */
#ifndef TB_ENV_H
#define TB_ENV_H

#include <stdint.h>
#include <stdio.h>

#include "tb_bfm.h"
#include "tb_mon.h"
#include "tb_sim.h"
#include "vnic_bus.h"

struct vnic_hostmem;
struct vnic_model;
struct vnic_vm;

struct tb_env_cfg {
    uint64_t seed;
    const char *waves;          /* FST path or NULL */
    uint64_t timeout;           /* cycles (0 = none) */
    struct tb_axi_mem_cfg mem;
    double p_tx_stall, p_irq_stall;
    int lockstep;               /* model beside the RTL: 0 no, 1 required, 2 if built (2) */
    int cmp_reads;              /* compare stable register reads with the model (1) */
    FILE *event_log;            /* every trace event, or NULL */
};

struct tb_tx_frame {
    uint8_t *data;
    uint32_t len;
    uint64_t cycle;
};
struct tb_tx_q {
    struct tb_tx_frame *f;
    size_t head, n, cap;
};

struct tb_env {
    struct tb_env_cfg cfg;
    struct tb_sim sim;
    struct tb_axil axil;
    struct tb_axi_mem mem;
    struct tb_axis_src src;
    struct tb_axis_sink sink;
    struct tb_irq_sink irq;
    struct tb_mon mon;
    struct vnic_hostmem *host, *mhost;
    struct vnic_model *model;
    struct vnic_bus bus;
    unsigned num_vnic, w;
    /* TX frames per vNIC not yet matched: RTL side and model side */
    struct tb_tx_q tx_rtl[TB_MON_MAX_VNIC], tx_model[TB_MON_MAX_VNIC];
    uint64_t tx_matched;
    /* RTL TX frame completed this cycle, waiting for its TX_SENT */
    int tx_pend;
    struct tb_tx_frame tx_cur;
    void (*on_tx)(void *ctx, unsigned vnic, const uint8_t *frame, uint32_t len, uint64_t cycle);
    void *on_tx_ctx;
    uint64_t last_activity;     /* cycle of the last trace event / transfer */
    uint32_t last_model_read;   /* the model's answer to the last register read */
    char model_note[256];       /* why there is no model (lockstep = 2) */
};

void tb_env_cfg_default(struct tb_env_cfg *c);
/* Builds and resets everything. 0, or -1 with a message. */
int tb_env_init(struct tb_env *e, const struct tb_env_cfg *c, char *err, size_t errlen);
void tb_env_fini(struct tb_env *e);

/* Declare a VM's memory legal for vNIC v's DMA (one range per region). */
int tb_env_declare_vm(struct tb_env *e, unsigned v, const struct vnic_vm *vm);
/* Queue a wire frame (with FCS) at start cycle (see tb_axis_src_push). */
int tb_env_push_frame(struct tb_env *e, const uint8_t *data, uint32_t len, uint32_t flags,
                      uint64_t start);
void tb_env_run(struct tb_env *e, uint64_t cycles);
/* Run until the wire is empty, no host transfer is outstanding and no trace
 * event happened for `quiet` cycles, or max cycles passed. 0 when idle. */
int tb_env_run_idle(struct tb_env *e, uint64_t quiet, uint64_t max);

/* Register access through the AXI4-Lite BFM (mirrored into the model). */
uint32_t tb_env_rd(struct tb_env *e, uint32_t addr);
void tb_env_wr(struct tb_env *e, uint32_t addr, uint32_t val);
/* 64-bit counter: LO then HI, on the RTL. */
uint64_t tb_env_rd64(struct tb_env *e, uint32_t addr_lo);

/* Registers whose value moves with traffic (compared only at the end). */
int tb_reg_volatile(uint32_t addr);

/* Final checks; returns the number of new failures and prints them. */
unsigned tb_env_scoreboard(struct tb_env *e);
/* Check the conservation law on the RTL's counters; returns failures. */
unsigned tb_env_conservation(struct tb_env *e);
/* Total mismatches so far (model + harness), 0 when the run is clean. */
uint64_t tb_env_mismatches(const struct tb_env *e);
/* Print verdict lines; returns 0 when the run passed (no mismatch, no failure). */
int tb_env_report(struct tb_env *e, const char *name, unsigned check_fails);

/* Parse the options every RTL test binary takes: --seed N, --waves FILE
 * (or WAVES=1 in the environment: build/tb/<test>.fst), -v (event log),
 * --quick. Returns 0, or -1 after printing usage. */
struct tb_opts {
    uint64_t seed;
    const char *waves;
    int verbose, quick;
    const char *arg;            /* one positional argument, or NULL */
    const char *only;           /* --case NAME: run only that case */
    char waves_buf[256];
};
int tb_opts_parse(struct tb_opts *o, int argc, char **argv, const char *prog);

#endif
