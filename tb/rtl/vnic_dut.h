/* vnic_dut.h: C view of one Verilated vnic_top (docs/architecture.md §11).
 *
 * The Verilated class is C++; tb/rtl/vnic_dut.cpp is the only C++ in the
 * harness and exposes the device to C as a flat pin struct: the harness sets
 * the inputs, calls vnic_dut_cycle() once per clock cycle, and reads the
 * outputs as they were just before the rising edge (the values the
 * handshakes of this cycle are decided on). Wide buses are little-endian
 * arrays of 32-bit words (bit 0 of word 0 is bit 0 of the bus).
 */
#ifndef VNIC_DUT_H
#define VNIC_DUT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Largest buses any configuration has. */
#define VNIC_DUT_MAX_W      32u   /* bytes per beat (DATA_W = 256) */
#define VNIC_DUT_DATA_WORDS 8u    /* 32-bit words per data beat */

/* Build parameters of the Verilated model, fixed at Verilation. */
struct vnic_dut_params {
    unsigned num_vnic;
    unsigned data_w;         /* bits */
    unsigned rx_buf_bytes;
    unsigned tx_buf_bytes;
    unsigned rx_fifo_bytes;
    unsigned max_frame;
    unsigned num_win;
    unsigned reg_aw;
    unsigned id_w;
    int trace_capable;       /* built with --trace-fst */
    const char *cfg_name;    /* build configuration, e.g. "v8_w64" */
};

struct vnic_dut_pins {
    /* ---- inputs (driven by the harness) ---- */
    uint8_t rst;
    /* AXI4-Lite slave */
    uint32_t s_axil_awaddr;
    uint8_t  s_axil_awprot, s_axil_awvalid;
    uint32_t s_axil_wdata;
    uint8_t  s_axil_wstrb, s_axil_wvalid;
    uint8_t  s_axil_bready;
    uint32_t s_axil_araddr;
    uint8_t  s_axil_arprot, s_axil_arvalid;
    uint8_t  s_axil_rready;
    /* AXI4 master: slave-side inputs */
    uint8_t  m_axi_awready, m_axi_wready, m_axi_arready;
    uint8_t  m_axi_bid, m_axi_bresp, m_axi_bvalid;
    uint8_t  m_axi_rid, m_axi_rresp, m_axi_rlast, m_axi_rvalid;
    uint32_t m_axi_rdata[VNIC_DUT_DATA_WORDS];
    /* AXI4-Stream RX in */
    uint32_t s_axis_rx_tdata[VNIC_DUT_DATA_WORDS];
    uint32_t s_axis_rx_tkeep;
    uint8_t  s_axis_rx_tvalid, s_axis_rx_tlast, s_axis_rx_tuser;
    /* AXI4-Stream TX out: ready */
    uint8_t  m_axis_tx_tready;
    /* interrupts */
    uint8_t  m_irq_ready;

    /* ---- outputs (sampled before the rising edge) ---- */
    uint8_t  s_axil_awready, s_axil_wready;
    uint8_t  s_axil_bresp, s_axil_bvalid;
    uint8_t  s_axil_arready;
    uint32_t s_axil_rdata;
    uint8_t  s_axil_rresp, s_axil_rvalid;

    uint8_t  m_axi_awid, m_axi_awlen, m_axi_awsize, m_axi_awburst, m_axi_awlock,
             m_axi_awcache, m_axi_awprot, m_axi_awvalid;
    uint64_t m_axi_awaddr;
    uint8_t  m_axi_awuser;                   /* vNIC of the request (requester ID) */
    uint32_t m_axi_wdata[VNIC_DUT_DATA_WORDS];
    uint32_t m_axi_wstrb;
    uint8_t  m_axi_wlast, m_axi_wvalid;
    uint8_t  m_axi_bready;
    uint8_t  m_axi_arid, m_axi_arlen, m_axi_arsize, m_axi_arburst, m_axi_arlock,
             m_axi_arcache, m_axi_arprot, m_axi_arvalid;
    uint64_t m_axi_araddr;
    uint8_t  m_axi_aruser;                   /* vNIC of the request (requester ID) */
    uint8_t  m_axi_rready;

    uint8_t  s_axis_rx_tready;

    uint32_t m_axis_tx_tdata[VNIC_DUT_DATA_WORDS];
    uint32_t m_axis_tx_tkeep;
    uint8_t  m_axis_tx_tvalid, m_axis_tx_tlast, m_axis_tx_tuser;

    uint8_t  m_irq_valid, m_irq_vector;

    /* verification trace port */
    uint8_t  trc_rx_sof_valid, trc_rx_sof_fifo_ok;
    uint32_t trc_rx_sof_seq;
    uint8_t  trc_rx_dec_valid, trc_rx_dec_wire;
    uint32_t trc_rx_dec_seq, trc_rx_dec_dest;
    uint64_t trc_rx_dec_outcome;             /* 2 bits per vNIC */
    uint8_t  trc_rx_fifo_rel_valid;
    uint32_t trc_rx_fifo_rel_seq;
    uint8_t  trc_rx_stored_valid, trc_rx_stored_vnic;
    uint8_t  trc_rx_grant_valid, trc_rx_grant_none, trc_rx_grant_vnic;
    uint32_t trc_rx_grant_elig;
    uint8_t  trc_rx_free_valid, trc_rx_free_vnic;
    uint8_t  trc_rx_cpl_valid, trc_rx_cpl_vnic;
    uint8_t  trc_cmd_valid, trc_cmd_op, trc_cmd_vnic, trc_cmd_err;
    uint8_t  trc_fault_valid, trc_fault_vnic, trc_fault_reason;
    uint64_t trc_fault_addr;
    uint8_t  trc_tx_cpl_valid, trc_tx_cpl_vnic;
    uint8_t  trc_irq_valid;
    uint32_t trc_irq_mask[3];                /* 2*NUM_VNIC+1 bits */
    uint8_t  trc_tx_queued_valid, trc_tx_queued_vnic;
    uint8_t  trc_tx_grant_valid, trc_tx_grant_none, trc_tx_grant_vnic;
    uint32_t trc_tx_grant_elig;
    uint8_t  trc_tx_sent_valid, trc_tx_sent_vnic;
};

struct vnic_dut;

/* Build parameters of the linked model. */
const struct vnic_dut_params *vnic_dut_params(void);

/* Create the device, all inputs 0. Returns NULL with a message in err. */
struct vnic_dut *vnic_dut_new(char *err, size_t errlen);
void vnic_dut_free(struct vnic_dut *d);

/* Start writing an FST trace to path (from the current cycle on). Returns 0,
 * or -1 with a message (the build has no tracing, or the file cannot be made). */
int vnic_dut_trace_open(struct vnic_dut *d, const char *path, char *err, size_t errlen);
void vnic_dut_trace_close(struct vnic_dut *d);

/* One clock cycle: apply p's inputs, settle with clk low, copy the outputs
 * into p, then raise clk and evaluate the edge. */
void vnic_dut_cycle(struct vnic_dut *d, struct vnic_dut_pins *p);

/* Run final blocks and flush the trace. */
void vnic_dut_finish(struct vnic_dut *d);

#ifdef __cplusplus
}
#endif

#endif
