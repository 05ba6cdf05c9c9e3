/* tb_test.h: the small runner every RTL test binary uses.
 *
 * A binary is a list of cases; each case gets a fresh device (its own
 * environment, reset) and its checks. The runner prints the seed and the
 * build configuration first, one verdict per case, the failures with the
 * first mismatches, and ends with "N passed, N failed"; it exits non-zero
 * when any case failed. */
#ifndef TB_TEST_H
#define TB_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb_env.h"
#include "tb_setup.h"

struct tb_case;

struct tb_t {
    const struct tb_case *c;
    const struct tb_opts *o;
    struct tb_env *env;
    unsigned fails;
    int skip;                   /* the case does not apply to this build */
};

struct tb_case {
    const char *name;
    void (*fn)(struct tb_t *t);
    int scoreboard;             /* run the end-of-run scoreboard */
    void (*cfg)(struct tb_env_cfg *c, const struct tb_opts *o);  /* may be NULL */
};

#define TB_CHECK(t, cond, ...)                                                          \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            (t)->fails++;                                                               \
            if ((t)->fails <= 20) {                                                     \
                printf("  %s: check failed (%s:%d, cycle %" PRIu64 "): ", (t)->c->name, \
                       __FILE__, __LINE__, (t)->env->sim.cycle);                        \
                printf(__VA_ARGS__);                                                    \
                printf("\n");                                                           \
            }                                                                           \
        }                                                                               \
    } while (0)

static inline int tb_run_cases(const char *prog, const struct tb_case *cases, unsigned n,
                               int argc, char **argv)
{
    struct tb_opts o;
    if (tb_opts_parse(&o, argc, argv, prog))
        return 2;
    const struct vnic_dut_params *p = vnic_dut_params();
    printf("%s: seed %" PRIu64 ", build %s: NUM_VNIC=%u DATA_W=%u RX_BUF=%u TX_BUF=%u "
           "RX_FIFO=%u MAX_FRAME=%u NUM_WIN=%u%s%s\n", prog, o.seed, p->cfg_name, p->num_vnic,
           p->data_w, p->rx_buf_bytes, p->tx_buf_bytes, p->rx_fifo_bytes, p->max_frame,
           p->num_win, o.waves ? ", waves " : "", o.waves ? o.waves : "");
    unsigned passed = 0, failed = 0, skipped = 0;
    const char *only = o.only;
    for (unsigned i = 0; i < n; i++) {
        if (only && strcmp(only, cases[i].name) != 0)
            continue;
        struct tb_env_cfg ec;
        tb_env_cfg_default(&ec);
        ec.seed = o.seed;
        ec.mem.seed = o.seed;
        ec.waves = o.waves;
        ec.timeout = 50000000;
        if (o.verbose)
            ec.event_log = stdout;
        if (cases[i].cfg)
            cases[i].cfg(&ec, &o);
        struct tb_env *env = calloc(1, sizeof *env);
        char err[512];
        struct tb_t t = {&cases[i], &o, env, 0, 0};
        if (!env || tb_env_init(env, &ec, err, sizeof err)) {
            printf("  %s: FAIL (setup: %s)\n", cases[i].name, env ? err : "out of memory");
            failed++;
            free(env);
            continue;
        }
        if (i == 0 || only)
            printf("  model: %s\n", env->model ? "lockstep"
                                   : env->model_note[0] ? env->model_note : "off (the RTL alone)");
        cases[i].fn(&t);
        if (t.skip) {
            printf("  %s: skipped (does not apply to this build)\n", cases[i].name);
            skipped++;
            tb_env_fini(env);
            free(env);
            continue;
        }
        if (cases[i].scoreboard && !tb_sim_stopped(&env->sim))
            tb_env_scoreboard(env);
        if (tb_env_report(env, cases[i].name, t.fails)) {
            failed++;
        } else {
            passed++;
        }
        tb_env_fini(env);
        free(env);
    }
    if (only && passed + failed + skipped == 0) {
        printf("no case named '%s'\n", only);
        return 2;
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}

#endif
