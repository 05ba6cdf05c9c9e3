// vnic_dut.cpp: the only C++ in the harness: wraps the Verilated vnic_top
// behind the C interface of vnic_dut.h (pins in, one cycle, pins out).
//
// Compiled once per build configuration with the parameters it was
// Verilated with (-DVNIC_CFG_* from tb/tb.mk).
#include "vnic_dut.h"

#include <cstdio>
#include <cstring>
#include <memory>

#include "Vvnic_top.h"
#include "verilated.h"
#if VM_TRACE_FST
#include "verilated_fst_c.h"
#endif

#ifndef VNIC_CFG_NAME
#define VNIC_CFG_NAME "default"
#endif

namespace {

// Half a 156.25 MHz clock period in ps (the trace's time unit).
const uint64_t kHalfPeriodPs = 3200;

// Copy between a Verilated port and 32-bit words, whatever its C++ type.
template <typename T>
inline void put(T &sig, const uint32_t *w, unsigned bits) {
    uint64_t v = w[0];
    if (bits > 32) v |= (uint64_t)w[1] << 32;
    sig = (T)v;
}
template <std::size_t N>
inline void put(VlWide<N> &sig, const uint32_t *w, unsigned) {
    for (std::size_t i = 0; i < N; i++) sig[i] = w[i];
}
template <typename T>
inline void get(const T &sig, uint32_t *w, unsigned bits) {
    uint64_t v = (uint64_t)sig;
    w[0] = (uint32_t)v;
    if (bits > 32) w[1] = (uint32_t)(v >> 32);
}
template <std::size_t N>
inline void get(const VlWide<N> &sig, uint32_t *w, unsigned) {
    for (std::size_t i = 0; i < N; i++) w[i] = sig[i];
}

const struct vnic_dut_params kParams = {
    VNIC_CFG_NUM_VNIC, VNIC_CFG_DATA_W, VNIC_CFG_RX_BUF_BYTES, VNIC_CFG_TX_BUF_BYTES,
    VNIC_CFG_RX_FIFO_BYTES, VNIC_CFG_MAX_FRAME, VNIC_CFG_NUM_WIN, 18, 4,
    VM_TRACE_FST ? 1 : 0, VNIC_CFG_NAME,
};

}  // namespace

struct vnic_dut {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vvnic_top> top;
#if VM_TRACE_FST
    std::unique_ptr<VerilatedFstC> fst;
#endif
    uint64_t half;  // half-cycles evaluated
};

extern "C" const struct vnic_dut_params *vnic_dut_params(void) { return &kParams; }

extern "C" vnic_dut *vnic_dut_new(char *err, size_t errlen) {
    vnic_dut *d = new (std::nothrow) vnic_dut();
    if (!d) {
        snprintf(err, errlen, "vnic_dut_new: out of memory");
        return nullptr;
    }
    d->ctx.reset(new VerilatedContext);
    d->ctx->traceEverOn(VM_TRACE_FST ? true : false);
    d->top.reset(new Vvnic_top(d->ctx.get(), "vnic_top"));
    d->half = 0;
    d->top->clk = 0;
    d->top->rst = 1;
    d->top->eval();
    return d;
}

extern "C" void vnic_dut_free(vnic_dut *d) {
    if (!d) return;
    vnic_dut_trace_close(d);
    // The model's scopes unregister from the thread's current context: make
    // it this device's while it goes (another device may have been created
    // since), then give the thread back its context, or none if it was this.
    VerilatedContext *prev = Verilated::threadContextp(), *mine = d->ctx.get();
    Verilated::threadContextp(mine);
    delete d;
    Verilated::threadContextp(prev != mine ? prev : nullptr);
}

extern "C" int vnic_dut_trace_open(vnic_dut *d, const char *path, char *err, size_t errlen) {
#if VM_TRACE_FST
    if (d->fst) return 0;
    d->fst.reset(new VerilatedFstC);
    d->top->trace(d->fst.get(), 99);
    d->fst->open(path);
    if (!d->fst->isOpen()) {
        d->fst.reset();
        snprintf(err, errlen, "cannot open FST trace file '%s' for writing", path);
        return -1;
    }
    return 0;
#else
    (void)d;
    snprintf(err, errlen,
             "this build (%s) has no tracing: waves need the traced build "
             "(make sim WAVES=1 builds it)", VNIC_CFG_NAME);
    (void)path;
    return -1;
#endif
}

extern "C" void vnic_dut_trace_close(vnic_dut *d) {
#if VM_TRACE_FST
    if (d->fst) {
        d->fst->close();
        d->fst.reset();
    }
#else
    (void)d;
#endif
}

extern "C" void vnic_dut_cycle(vnic_dut *d, vnic_dut_pins *p) {
    Vvnic_top *t = d->top.get();
    const unsigned dw = VNIC_CFG_DATA_W;
    const unsigned nv = VNIC_CFG_NUM_VNIC;

    t->rst = p->rst;
    t->s_axil_awaddr = p->s_axil_awaddr;
    t->s_axil_awprot = p->s_axil_awprot;
    t->s_axil_awvalid = p->s_axil_awvalid;
    t->s_axil_wdata = p->s_axil_wdata;
    t->s_axil_wstrb = p->s_axil_wstrb;
    t->s_axil_wvalid = p->s_axil_wvalid;
    t->s_axil_bready = p->s_axil_bready;
    t->s_axil_araddr = p->s_axil_araddr;
    t->s_axil_arprot = p->s_axil_arprot;
    t->s_axil_arvalid = p->s_axil_arvalid;
    t->s_axil_rready = p->s_axil_rready;

    t->m_axi_awready = p->m_axi_awready;
    t->m_axi_wready = p->m_axi_wready;
    t->m_axi_arready = p->m_axi_arready;
    t->m_axi_bid = p->m_axi_bid;
    t->m_axi_bresp = p->m_axi_bresp;
    t->m_axi_bvalid = p->m_axi_bvalid;
    t->m_axi_rid = p->m_axi_rid;
    t->m_axi_rresp = p->m_axi_rresp;
    t->m_axi_rlast = p->m_axi_rlast;
    t->m_axi_rvalid = p->m_axi_rvalid;
    put(t->m_axi_rdata, p->m_axi_rdata, dw);

    put(t->s_axis_rx_tdata, p->s_axis_rx_tdata, dw);
    put(t->s_axis_rx_tkeep, &p->s_axis_rx_tkeep, dw / 8);
    t->s_axis_rx_tvalid = p->s_axis_rx_tvalid;
    t->s_axis_rx_tlast = p->s_axis_rx_tlast;
    t->s_axis_rx_tuser = p->s_axis_rx_tuser;
    t->m_axis_tx_tready = p->m_axis_tx_tready;
    t->m_irq_ready = p->m_irq_ready;

    t->clk = 0;
    t->eval();
#if VM_TRACE_FST
    if (d->fst) d->fst->dump(d->half * kHalfPeriodPs);
#endif
    d->half++;

    p->s_axil_awready = t->s_axil_awready;
    p->s_axil_wready = t->s_axil_wready;
    p->s_axil_bresp = t->s_axil_bresp;
    p->s_axil_bvalid = t->s_axil_bvalid;
    p->s_axil_arready = t->s_axil_arready;
    p->s_axil_rdata = t->s_axil_rdata;
    p->s_axil_rresp = t->s_axil_rresp;
    p->s_axil_rvalid = t->s_axil_rvalid;

    p->m_axi_awid = t->m_axi_awid;
    p->m_axi_awaddr = t->m_axi_awaddr;
    p->m_axi_awuser = t->m_axi_awuser;
    p->m_axi_awlen = t->m_axi_awlen;
    p->m_axi_awsize = t->m_axi_awsize;
    p->m_axi_awburst = t->m_axi_awburst;
    p->m_axi_awlock = t->m_axi_awlock;
    p->m_axi_awcache = t->m_axi_awcache;
    p->m_axi_awprot = t->m_axi_awprot;
    p->m_axi_awvalid = t->m_axi_awvalid;
    get(t->m_axi_wdata, p->m_axi_wdata, dw);
    get(t->m_axi_wstrb, &p->m_axi_wstrb, dw / 8);
    p->m_axi_wlast = t->m_axi_wlast;
    p->m_axi_wvalid = t->m_axi_wvalid;
    p->m_axi_bready = t->m_axi_bready;
    p->m_axi_arid = t->m_axi_arid;
    p->m_axi_araddr = t->m_axi_araddr;
    p->m_axi_aruser = t->m_axi_aruser;
    p->m_axi_arlen = t->m_axi_arlen;
    p->m_axi_arsize = t->m_axi_arsize;
    p->m_axi_arburst = t->m_axi_arburst;
    p->m_axi_arlock = t->m_axi_arlock;
    p->m_axi_arcache = t->m_axi_arcache;
    p->m_axi_arprot = t->m_axi_arprot;
    p->m_axi_arvalid = t->m_axi_arvalid;
    p->m_axi_rready = t->m_axi_rready;

    p->s_axis_rx_tready = t->s_axis_rx_tready;
    get(t->m_axis_tx_tdata, p->m_axis_tx_tdata, dw);
    get(t->m_axis_tx_tkeep, &p->m_axis_tx_tkeep, dw / 8);
    p->m_axis_tx_tvalid = t->m_axis_tx_tvalid;
    p->m_axis_tx_tlast = t->m_axis_tx_tlast;
    p->m_axis_tx_tuser = t->m_axis_tx_tuser;
    p->m_irq_valid = t->m_irq_valid;
    p->m_irq_vector = t->m_irq_vector;

    p->trc_rx_sof_valid = t->trc_rx_sof_valid;
    p->trc_rx_sof_seq = t->trc_rx_sof_seq;
    p->trc_rx_sof_fifo_ok = t->trc_rx_sof_fifo_ok;
    p->trc_rx_dec_valid = t->trc_rx_dec_valid;
    p->trc_rx_dec_seq = t->trc_rx_dec_seq;
    p->trc_rx_dec_wire = t->trc_rx_dec_wire;
    get(t->trc_rx_dec_dest, &p->trc_rx_dec_dest, nv);
    {
        uint32_t w[2] = {0, 0};
        get(t->trc_rx_dec_outcome, w, 2 * nv);
        p->trc_rx_dec_outcome = w[0] | ((uint64_t)w[1] << 32);
    }
    p->trc_rx_fifo_rel_valid = t->trc_rx_fifo_rel_valid;
    p->trc_rx_fifo_rel_seq = t->trc_rx_fifo_rel_seq;
    p->trc_rx_stored_valid = t->trc_rx_stored_valid;
    p->trc_rx_stored_vnic = t->trc_rx_stored_vnic;
    p->trc_rx_grant_valid = t->trc_rx_grant_valid;
    p->trc_rx_grant_none = t->trc_rx_grant_none;
    p->trc_rx_grant_vnic = t->trc_rx_grant_vnic;
    get(t->trc_rx_grant_elig, &p->trc_rx_grant_elig, nv);
    p->trc_rx_free_valid = t->trc_rx_free_valid;
    p->trc_rx_free_vnic = t->trc_rx_free_vnic;
    p->trc_rx_cpl_valid = t->trc_rx_cpl_valid;
    p->trc_rx_cpl_vnic = t->trc_rx_cpl_vnic;
    p->trc_cmd_valid = t->trc_cmd_valid;
    p->trc_cmd_op = t->trc_cmd_op;
    p->trc_cmd_vnic = t->trc_cmd_vnic;
    p->trc_cmd_err = t->trc_cmd_err;
    p->trc_fault_valid = t->trc_fault_valid;
    p->trc_fault_vnic = t->trc_fault_vnic;
    p->trc_fault_reason = t->trc_fault_reason;
    p->trc_fault_addr = t->trc_fault_addr;
    p->trc_tx_cpl_valid = t->trc_tx_cpl_valid;
    p->trc_tx_cpl_vnic = t->trc_tx_cpl_vnic;
    p->trc_irq_valid = t->trc_irq_valid;
    p->trc_irq_mask[2] = 0;
    get(t->trc_irq_mask, p->trc_irq_mask, 2 * nv + 1);
    p->trc_tx_queued_valid = t->trc_tx_queued_valid;
    p->trc_tx_queued_vnic = t->trc_tx_queued_vnic;
    p->trc_tx_grant_valid = t->trc_tx_grant_valid;
    p->trc_tx_grant_none = t->trc_tx_grant_none;
    p->trc_tx_grant_vnic = t->trc_tx_grant_vnic;
    get(t->trc_tx_grant_elig, &p->trc_tx_grant_elig, nv);
    p->trc_tx_sent_valid = t->trc_tx_sent_valid;
    p->trc_tx_sent_vnic = t->trc_tx_sent_vnic;

    t->clk = 1;
    t->eval();
#if VM_TRACE_FST
    if (d->fst) d->fst->dump(d->half * kHalfPeriodPs);
#endif
    d->half++;
}

extern "C" void vnic_dut_finish(vnic_dut *d) {
    d->top->final();
#if VM_TRACE_FST
    if (d->fst) d->fst->flush();
#endif
}
