/* tb_hostmem.c: the host-memory model's requester check (docs/verification.md).
 *
 * Every AXI request of the device carries the vNIC it is made for on
 * m_axi_aruser / m_axi_awuser (docs/architecture.md §11); the host-memory
 * BFM fails the run on a burst that is not wholly inside one DMA window of
 * its requester in force when the request was issued.
 *
 *   window_check  the checker alone: hand-made AR and AW handshakes into the
 *                 BFM (the device is not clocked): in-window bursts are
 *                 accepted and recorded with their requester; a burst of
 *                 another vNIC, one byte past a window, an unknown requester,
 *                 a window set not yet in force or replaced longer than the
 *                 horizon ago are counted errors that fail the run; a request
 *                 is judged at the cycle its valid was first presented
 *   requester     the device: RX traffic to one vNIC and TX from another;
 *                 every read and write burst is attributed to exactly those
 *                 two vNICs, none outside its windows; then the checker is
 *                 told the receiving vNIC has no windows and its next access
 *                 fails the run, naming it
 */
#include "tb_test.h"

#include "vnic_regs.h"

/* ------------------------------------------------------------ window_check */

/* One address handshake into the BFM at cycle c (ready: accepted this cycle). */
static void axreq(struct tb_env *e, int write, uint64_t c, unsigned user, uint64_t addr,
                  unsigned beats, int ready)
{
    struct tb_sim *s = &e->sim;
    struct vnic_dut_pins *p = &s->pins;
    unsigned wlog = 0;
    while ((1u << wlog) < s->w)
        wlog++;
    s->cycle = c;
    p->m_axi_arvalid = p->m_axi_awvalid = p->m_axi_wvalid = 0;
    p->m_axi_rvalid = p->m_axi_bvalid = 0;
    p->m_axi_rready = p->m_axi_bready = 0;
    p->m_axi_arready = p->m_axi_awready = p->m_axi_wready = 0;
    if (write) {
        p->m_axi_awvalid = 1;
        p->m_axi_awready = (uint8_t)ready;
        p->m_axi_awaddr = addr;
        p->m_axi_awlen = (uint8_t)(beats - 1);
        p->m_axi_awsize = (uint8_t)wlog;
        p->m_axi_awburst = 1;
        p->m_axi_awid = 0;
        p->m_axi_awuser = (uint8_t)user;
    } else {
        p->m_axi_arvalid = 1;
        p->m_axi_arready = (uint8_t)ready;
        p->m_axi_araddr = addr;
        p->m_axi_arlen = (uint8_t)(beats - 1);
        p->m_axi_arsize = (uint8_t)wlog;
        p->m_axi_arburst = 1;
        p->m_axi_arid = 0;
        p->m_axi_aruser = (uint8_t)user;
    }
    struct tb_agent ag = tb_axi_mem_agent(&e->mem);
    ag.sample(ag.ctx, s);
}

/* The request is accepted: no new error, queued with its requester. */
#define ACCEPTED(t, e, what)                                                                 \
    do {                                                                                     \
        TB_CHECK(t, !(e)->sim.failed && (e)->mem.win_errors == errs, "%s: rejected (%s)",    \
                 what, (e)->sim.fail_msg);                                                   \
        (e)->sim.failed = 0;                                                                 \
    } while (0)

/* The request is a counted error that fails the run, naming the requester. */
#define REJECTED(t, e, what, user)                                                           \
    do {                                                                                     \
        char want_[64];                                                                      \
        snprintf(want_, sizeof want_, "by vNIC %u of host", (unsigned)(user));               \
        TB_CHECK(t, (e)->sim.failed && (e)->mem.win_errors == errs + 1 &&                    \
                        strstr((e)->sim.fail_msg, want_) != NULL,                            \
                 "%s: not rejected as vNIC %u's (errors %" PRIu64 ", %s)", what,             \
                 (unsigned)(user), (e)->mem.win_errors, (e)->sim.fail_msg);                  \
        errs = (e)->mem.win_errors;                                                          \
        (e)->sim.failed = 0;                                                                 \
        (e)->sim.fail_msg[0] = 0;                                                            \
    } while (0)

static void window_check(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_axi_mem *m = &e->mem;
    unsigned nv = e->num_vnic;
    unsigned a = nv > 2 ? 2 : 0, b = nv > 3 ? 3 : nv - 1;   /* two requesters (one if nv = 1) */
    uint64_t errs = 0;
    m->check_legal = 0;          /* no VM declared: only the per-vNIC check */
    m->win_horizon = 100;
    const uint64_t base_a[2] = {0x100000, 0x300000}, size_a[2] = {0x2000, 0x1000};
    const uint64_t base_b[1] = {0x200000}, size_b[1] = {0x1000};
    TB_CHECK(t, tb_axi_mem_set_windows(m, a, 0, base_a, size_a, 2) == 0, "set windows");
    if (b != a)
        TB_CHECK(t, tb_axi_mem_set_windows(m, b, 0, base_b, size_b, 1) == 0, "set windows");
    TB_CHECK(t, m->check_win, "window check not on");
    TB_CHECK(t, tb_axi_mem_set_windows(m, 32, 0, base_b, size_b, 1) != 0, "vNIC 32 accepted");

    uint64_t rd0 = m->rd_bursts, wr0 = m->wr_bursts;
    axreq(e, 0, 10, a, 0x100040, 4, 1);
    ACCEPTED(t, e, "read inside window 0");
    TB_CHECK(t, m->rd_bursts == rd0 + 1 && m->rd_by[a] == 1 &&
                    m->rq[(m->rq_head + m->rq_n - 1) % TB_MEM_QDEPTH].user == a,
             "read not recorded with requester %u", a);
    axreq(e, 0, 11, a, 0x300000 + 0x1000 - 8 * e->w, 8, 1);
    ACCEPTED(t, e, "read at the end of window 1");
    axreq(e, 1, 12, a, 0x101ff8 & ~(uint64_t)(e->w - 1), 1, 1);
    ACCEPTED(t, e, "write of the last word of window 0");
    TB_CHECK(t, m->wr_bursts == wr0 + 1 && m->wr_by[a] == 1 &&
                    m->wq[(m->wq_head + m->wq_n - 1) % TB_MEM_QDEPTH].user == a,
             "write not recorded with requester %u", a);
    axreq(e, 1, 13, a, 0x102000, 1, 1);
    REJECTED(t, e, "write one word past window 0", a);
    axreq(e, 0, 14, a, 0x0ff000 + 0x1000 - e->w, 1, 1);
    REJECTED(t, e, "read one word before window 0", a);
    if (b != a) {
        axreq(e, 0, 15, b, 0x100040, 4, 1);
        REJECTED(t, e, "read of vNIC a's window by vNIC b", b);
        axreq(e, 1, 16, b, 0x200100, 2, 1);
        ACCEPTED(t, e, "write inside vNIC b's window");
        TB_CHECK(t, m->wr_by[b] == 1, "write not counted for requester %u", b);
    }
    if (nv < 32) {
        axreq(e, 0, 17, nv, 0x100040, 1, 1);
        REJECTED(t, e, "read by a requester beyond NUM_VNIC", nv);
    }

    /* a COMMIT of new windows for vNIC a, in force from cycle 100 */
    const uint64_t base_n[1] = {0x400000}, size_n[1] = {0x1000};
    TB_CHECK(t, tb_axi_mem_set_windows(m, a, 100, base_n, size_n, 1) == 0, "set windows");
    axreq(e, 0, 99, a, 0x400000, 1, 1);
    REJECTED(t, e, "read of the new window the cycle before it is in force", a);
    axreq(e, 0, 100, a, 0x400000, 1, 1);
    ACCEPTED(t, e, "read of the new window from its first cycle");
    axreq(e, 0, 150, a, 0x100000, 1, 1);
    ACCEPTED(t, e, "read of the replaced window within the horizon");
    axreq(e, 1, 200, a, 0x100000, 1, 1);
    REJECTED(t, e, "write of the replaced window after the horizon", a);
    /* judged at the cycle it was first presented, not when accepted */
    axreq(e, 0, 190, a, 0x101000, 2, 0);
    TB_CHECK(t, !e->sim.failed && m->ar_pend, "pending read not held");
    axreq(e, 0, 400, a, 0x101000, 2, 1);
    ACCEPTED(t, e, "read presented within the horizon, accepted after it");
    axreq(e, 0, 401, a, 0x101000, 2, 1);
    REJECTED(t, e, "the same read presented after the horizon", a);
    /* an unchanged set is not a new one: the horizon keeps counting from 100 */
    TB_CHECK(t, tb_axi_mem_set_windows(m, a, 500, base_n, size_n, 1) == 0 && m->nwin[a] == 2,
             "an unchanged window set was added (%u sets)", m->nwin[a]);
    /* a requester's request held while the user bits change is a protocol error */
    axreq(e, 1, 600, a, 0x400000, 1, 0);
    axreq(e, 1, 601, b == a ? a + 1 : b, 0x400000, 1, 1);
    TB_CHECK(t, e->sim.failed && strstr(e->sim.fail_msg, "AW changed") != NULL,
             "AWUSER changed while AWVALID waited: not caught (%s)", e->sim.fail_msg);
    e->sim.failed = 0;
    m->aw_pend = 0;
    TB_CHECK(t, m->win_errors == errs, "%" PRIu64 " window errors, expected %" PRIu64,
             m->win_errors, errs);
    printf("  window_check: %" PRIu64 " rejected requests counted, every accepted one recorded "
           "with its requester\n", errs);
}

/* ------------------------------------------------------------ requester */

static void requester(struct tb_t *t)
{
    struct tb_env *e = t->env;
    struct tb_axi_mem *m = &e->mem;
    if (e->num_vnic < 6 || !e->model) {
        t->skip = 1;            /* two distinct vNICs besides the others, and the model's windows */
        return;
    }
    const unsigned rv = 2, tv = 5;
    struct tb_sys s;
    struct tb_sys_cfg c;
    tb_sys_cfg_default(&c);
    c.nvnic = e->num_vnic;
    char err[256];
    if (tb_sys_up(&s, e, &c, err, sizeof err)) {
        TB_CHECK(t, 0, "bring-up: %s", err);
        return;
    }
    TB_CHECK(t, m->check_win, "per-vNIC window check not on in a lockstep run");
    tb_env_run(e, 3000);        /* every vNIC's first RX descriptors fetched */
    uint64_t rd[TB_MEM_MAX_VNIC], wr[TB_MEM_MAX_VNIC];
    memcpy(rd, m->rd_by, sizeof rd);
    memcpy(wr, m->wr_by, sizeof wr);

    uint8_t buf[2048];
    const unsigned nrx = 24, ntx = 12;
    uint64_t at = e->sim.cycle + 10;
    for (unsigned k = 0; k < nrx; k++) {
        uint32_t len = 64 + (uint32_t)(k * 61) % 1455;
        tb_make_frame(buf, len, s.mac[rv], t->o->seed * 1000 + k);
        tb_env_push_frame(e, buf, len, 0, at);
        at += 2 * len / e->w + 40;
    }
    for (unsigned k = 0; k < ntx; k++) {
        uint32_t len = 60 + k * 97;
        tb_make_tx_frame(buf, len, s.mac[tv], k, t->o->seed * 7 + k);
        if (vnic_vf_tx_pending(s.vf[tv]) + 1 >= (1u << 2)) {
            struct vnic_tx_cpl cpl[8];
            while (vnic_vf_tx_pending(s.vf[tv]) + 1 >= (1u << 2) && !tb_sim_stopped(&e->sim)) {
                tb_env_run(e, 200);
                vnic_vf_tx_reclaim(s.vf[tv], cpl, 8);
            }
        }
        TB_CHECK(t, vnic_vf_send(s.vf[tv], buf, len) == 1, "vNIC %u send %u: %s", tv, k,
                 vnic_vf_error(s.vf[tv]));
    }
    TB_CHECK(t, tb_sys_drain(&s, 2000000) == 0, "did not drain");
    struct vnic_tx_cpl cpl[16];
    vnic_vf_tx_reclaim(s.vf[tv], cpl, 16);
    TB_CHECK(t, s.nrx[rv] == nrx, "vNIC %u received %zu frames, expected %u", rv, s.nrx[rv], nrx);
    TB_CHECK(t, e->mon.n.tx_sent[tv] == ntx, "vNIC %u sent %" PRIu64 " frames, expected %u", tv,
             e->mon.n.tx_sent[tv], ntx);

    /* RX: descriptor reads, a data burst and a completion per frame; TX:
     * descriptor and buffer reads, a write-back per frame; nobody else */
    for (unsigned u = 0; u < e->num_vnic; u++) {
        uint64_t dr = m->rd_by[u] - rd[u], dw = m->wr_by[u] - wr[u];
        if (u == rv)
            TB_CHECK(t, dr >= 1 && dw >= 2 * nrx, "vNIC %u (RX): %" PRIu64 " reads, %" PRIu64
                     " writes attributed, expected >= 1 and >= %u", u, dr, dw, 2 * nrx);
        else if (u == tv)
            TB_CHECK(t, dr >= ntx + 1 && dw == ntx, "vNIC %u (TX): %" PRIu64 " reads, %" PRIu64
                     " writes attributed, expected >= %u and %u", u, dr, dw, ntx + 1, ntx);
        else
            TB_CHECK(t, dr == 0 && dw == 0, "vNIC %u (idle): %" PRIu64 " reads, %" PRIu64
                     " writes attributed to it", u, dr, dw);
    }
    TB_CHECK(t, m->win_errors == 0 && !e->sim.failed, "window errors: %s", e->sim.fail_msg);
    printf("  requester: vNIC %u %" PRIu64 " reads / %" PRIu64 " writes, vNIC %u %" PRIu64
           " reads / %" PRIu64 " writes, the other %u vNICs none\n", rv, m->rd_by[rv] - rd[rv],
           m->wr_by[rv] - wr[rv], tv, m->rd_by[tv] - rd[tv], m->wr_by[tv] - wr[tv],
           e->num_vnic - 2);

    /* the checker says vNIC rv has no windows any more: its next access fails */
    m->win_horizon = 0;
    tb_axi_mem_set_windows(m, rv, e->sim.cycle, NULL, NULL, 0);
    tb_make_frame(buf, 200, s.mac[rv], t->o->seed * 1000 + 999);
    tb_env_push_frame(e, buf, 200, 0, e->sim.cycle + 5);
    for (unsigned i = 0; i < 100 && !tb_sim_stopped(&e->sim); i++) {
        tb_env_run(e, 50);
        tb_sys_poll(&s);
    }
    char want[64];
    snprintf(want, sizeof want, "by vNIC %u of host", rv);
    TB_CHECK(t, e->sim.failed && m->win_errors == 1 && strstr(e->sim.fail_msg, want),
             "access by vNIC %u with no window: %" PRIu64 " errors (%s)", rv, m->win_errors,
             e->sim.failed ? e->sim.fail_msg : "the run did not fail");
    if (e->sim.failed)
        printf("  requester: withdrawn windows caught: %s\n", e->sim.fail_msg);
    e->sim.failed = 0;           /* the failure was the point */
    e->sim.fail_msg[0] = 0;
    tb_sys_down(&s);
}

static const struct tb_case cases[] = {
    {"window_check", window_check, 0, NULL},
    {"requester", requester, 0, NULL},
};

int main(int argc, char **argv)
{
    return tb_run_cases("tb_hostmem", cases, sizeof cases / sizeof cases[0], argc, argv);
}
