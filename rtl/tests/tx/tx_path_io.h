/* tx_path_io.h: pins of vnic_tx_path for its directed test. */
#ifndef TX_PATH_IO_H
#define TX_PATH_IO_H

#include "tx_glue.h"

#ifndef TXP_NV
#define TXP_NV 4
#endif
#ifndef TXP_DW
#define TXP_DW 64
#endif
#ifndef TXP_NW
#define TXP_NW 4
#endif
#ifndef TXP_BUF
#define TXP_BUF 65536
#endif

#define DUT_IN(S, W) \
    S(rst) S(g_tx_en) S(g_max_frame) W(cfg_flags, TXP_NV * 7) W(cfg_mac, TXP_NV * 48) \
    W(cfg_tx_base, TXP_NV * 32) W(cfg_tx_size, TXP_NV * 32) W(cfg_tx_weight, TXP_NV * 8) \
    W(cfg_tx_rate, TXP_NV * 32) W(cfg_tx_burst, TXP_NV * 24) S(win_we) S(win_wv) \
    W(win_wgbase, TXP_NW * 64) W(win_whbase, TXP_NW * 64) W(win_wsize, TXP_NW * 32) \
    W(txr_base, TXP_NV * 64) W(txr_size, TXP_NV * 4) W(txr_tail, TXP_NV * 16) \
    S(halted) S(fault_now_valid) S(cmd_commit) S(cmd_reset) S(cmd_vnic) \
    S(cmd_tx_burst) S(flr_req) S(tx_fault_ready) \
    S(m_axi_awready) S(m_axi_wready) S(m_axi_bid) S(m_axi_bresp) S(m_axi_bvalid) S(m_axi_arready) \
    S(m_axi_rid) W(m_axi_rdata, TXP_DW) S(m_axi_rresp) S(m_axi_rlast) S(m_axi_rvalid) S(m_axis_tx_tready)

#define DUT_OUT(S, W) \
    W(txr_head, TXP_NV * 16) W(tx_used, TXP_NV * 32) S(flr_ready) S(tx_fault_valid) S(tx_fault_vnic) \
    S(tx_fault_reason) S(tx_fault_addr) S(stat_tx_frames) W(stat_tx_bytes, TXP_NV * 14) \
    S(stat_drop_spoof) S(stat_drop_txlen) S(gstat_tx_frames) S(gstat_tx_bytes) S(tx_cpl) \
    S(m_axi_awid) S(m_axi_awuser) S(m_axi_awaddr) S(m_axi_awlen) S(m_axi_awsize) S(m_axi_awburst) S(m_axi_awvalid) \
    W(m_axi_wdata, TXP_DW) S(m_axi_wstrb) S(m_axi_wlast) S(m_axi_wvalid) S(m_axi_bready) \
    S(m_axi_arid) S(m_axi_aruser) S(m_axi_araddr) S(m_axi_arlen) S(m_axi_arsize) S(m_axi_arburst) S(m_axi_arvalid) \
    S(m_axi_rready) W(m_axis_tx_tdata, TXP_DW) S(m_axis_tx_tkeep) S(m_axis_tx_tvalid) \
    S(m_axis_tx_tlast) S(m_axis_tx_tuser) S(trc_tx_queued_valid) S(trc_tx_queued_vnic) \
    S(trc_tx_grant_valid) S(trc_tx_grant_vnic) S(trc_tx_grant_elig) S(trc_tx_grant_none) \
    S(trc_tx_sent_valid) S(trc_tx_sent_vnic)

struct dut_pins {
    DUT_IN(TXG_FIELD_S, TXG_FIELD_W)
    DUT_OUT(TXG_FIELD_S, TXG_FIELD_W)
};

#endif
