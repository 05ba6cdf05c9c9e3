// vnic_tx_path: the transmit path of vNIC: TX DMA, partitioned TX buffer, TX scheduler, output engine.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §5 in one block, for vnic_top:
 *
 *   m_axi (TX) <-> vnic_tx_dma --> vnic_tx_buf (partitions, TX_USED)
 *                       |  push          ^ read
 *                       v                |
 *                  vnic_tx_sched --> vnic_tx_out --> m_axis_tx
 *                  (DRR, shaper)     (pad, FCS)
 *
 * Configuration, ring registers, commands and halts come from vnic_regs;
 * faults go back to it (tx_fault_*); the statistics leave as per-vNIC
 * increments (one cycle pulses, registered); tx_cpl[v] is the TX ring's
 * moderation input (one completion per frame sent, §5, in the cycle of
 * trc_tx_sent); the trace channels
 * are those of §11 (trc_tx_grant_none marks a decision without a grant).
 * The AXI4 master uses ID 0 only (ID_W bits); vnic_axi_arb merges it with
 * the RX DMA's port. m_axi_aruser / m_axi_awuser carry the vNIC of each
 * request.
 *
 * Latency: TX_QUEUED 2 cycles after a frame lands, a grant 1 cycle after its
 * decision, first beat on m_axis_tx 4 cycles after the grant, TX_SENT (and
 * tx_cpl) in the cycle the last beat is accepted, the counters one cycle
 * later. Throughput: DATA_W bits per cycle on the wire
 * side, frames back to back. Fairness: see vnic_tx_sched (DRR by
 * TX_WEIGHT under the shaper) and vnic_tx_dma (round robin over vNICs).
 */
module vnic_tx_path #(
    parameter integer NUM_VNIC     = 8,       // number of vNICs, 1..32
    parameter integer DATA_W       = 64,      // datapath width, bits: 64, 128 or 256
    parameter integer TX_BUF_BYTES = 65536,   // TX buffer, bytes (power of two, >= 4096)
    parameter integer NUM_WIN      = 4,       // DMA windows per vNIC, 1..4
    parameter integer HOST_AW      = 64,      // AXI4 address width, bits
    parameter integer ID_W         = 4,       // AXI4 ID width of this port, bits
    parameter integer TXQ_DEPTH    = 32,      // frames reserved or queued per vNIC
    parameter integer RD_OUT       = 32,      // read bursts outstanding
    parameter integer WB_OUT       = 16,      // descriptor write-backs outstanding
    parameter integer MAX_BURST    = 64,      // longest data read burst, beats
    parameter integer OUT_FRAMES   = 4        // granted frames held by the output engine
) (
    input  wire                           clk,
    input  wire                           rst,

    // configuration (vnic_regs)
    input  wire                           g_tx_en,
    input  wire [13:0]                    g_max_frame,
    input  wire [NUM_VNIC*7-1:0]          cfg_flags,      // enable, bcast, mcast, antispoof, pol_en, ceil_en, shp_en
    input  wire [NUM_VNIC*48-1:0]         cfg_mac,
    input  wire [NUM_VNIC*32-1:0]         cfg_tx_base,
    input  wire [NUM_VNIC*32-1:0]         cfg_tx_size,
    input  wire [NUM_VNIC*8-1:0]          cfg_tx_weight,
    input  wire [NUM_VNIC*32-1:0]         cfg_tx_rate,
    input  wire [NUM_VNIC*24-1:0]         cfg_tx_burst,
    input  wire                           win_we,         // windows as COMMIT writes them (vnic_win_ram)
    input  wire [4:0]                     win_wv,
    input  wire [NUM_WIN*64-1:0]          win_wgbase,
    input  wire [NUM_WIN*64-1:0]          win_whbase,
    input  wire [NUM_WIN*32-1:0]          win_wsize,
    input  wire [NUM_VNIC*64-1:0]         txr_base,
    input  wire [NUM_VNIC*4-1:0]          txr_size,
    input  wire [NUM_VNIC*16-1:0]         txr_tail,
    output wire [NUM_VNIC*16-1:0]         txr_head,
    output wire [NUM_VNIC*32-1:0]         tx_used,

    // vNIC state, commands, faults (vnic_regs)
    input  wire [NUM_VNIC-1:0]            halted,
    input  wire                           fault_now_valid, // a fault is taken this cycle (vnic_regs fault_take): no TX decision
    input  wire                           cmd_commit,
    input  wire                           cmd_reset,
    input  wire [4:0]                     cmd_vnic,
    input  wire [23:0]                    cmd_tx_burst,
    input  wire                           flr_req,
    output wire                           flr_ready,
    output wire                           tx_fault_valid,
    input  wire                           tx_fault_ready,
    output wire [4:0]                     tx_fault_vnic,
    output wire [7:0]                     tx_fault_reason,
    output wire [63:0]                    tx_fault_addr,

    // statistics increments and ring moderation
    output wire [NUM_VNIC-1:0]            stat_tx_frames,  // +1
    output wire [NUM_VNIC*14-1:0]         stat_tx_bytes,   // + max(n,60)+4
    output wire [NUM_VNIC-1:0]            stat_drop_spoof, // +1
    output wire [NUM_VNIC-1:0]            stat_drop_txlen, // +1
    output wire                           gstat_tx_frames, // +1
    output wire [13:0]                    gstat_tx_bytes,  // + max(n,60)+4
    output wire [NUM_VNIC-1:0]            tx_cpl,          // TX ring completion (frame sent)

    // AXI4 master (host memory)
    output wire [ID_W-1:0]                m_axi_awid,
    output wire [((NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1)-1:0] m_axi_awuser,  // vNIC of the request
    output wire [HOST_AW-1:0]             m_axi_awaddr,
    output wire [7:0]                     m_axi_awlen,
    output wire [2:0]                     m_axi_awsize,
    output wire [1:0]                     m_axi_awburst,
    output wire                           m_axi_awlock,
    output wire [3:0]                     m_axi_awcache,
    output wire [2:0]                     m_axi_awprot,
    output wire                           m_axi_awvalid,
    input  wire                           m_axi_awready,
    output wire [DATA_W-1:0]              m_axi_wdata,
    output wire [DATA_W/8-1:0]            m_axi_wstrb,
    output wire                           m_axi_wlast,
    output wire                           m_axi_wvalid,
    input  wire                           m_axi_wready,
    input  wire [ID_W-1:0]                m_axi_bid,
    input  wire [1:0]                     m_axi_bresp,
    input  wire                           m_axi_bvalid,
    output wire                           m_axi_bready,
    output wire [ID_W-1:0]                m_axi_arid,
    output wire [((NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1)-1:0] m_axi_aruser,  // vNIC of the request
    output wire [HOST_AW-1:0]             m_axi_araddr,
    output wire [7:0]                     m_axi_arlen,
    output wire [2:0]                     m_axi_arsize,
    output wire [1:0]                     m_axi_arburst,
    output wire                           m_axi_arlock,
    output wire [3:0]                     m_axi_arcache,
    output wire [2:0]                     m_axi_arprot,
    output wire                           m_axi_arvalid,
    input  wire                           m_axi_arready,
    input  wire [ID_W-1:0]                m_axi_rid,
    input  wire [DATA_W-1:0]              m_axi_rdata,
    input  wire [1:0]                     m_axi_rresp,
    input  wire                           m_axi_rlast,
    input  wire                           m_axi_rvalid,
    output wire                           m_axi_rready,

    // AXI4-Stream TX (to the MAC)
    output wire [DATA_W-1:0]              m_axis_tx_tdata,
    output wire [DATA_W/8-1:0]            m_axis_tx_tkeep,
    output wire                           m_axis_tx_tvalid,
    input  wire                           m_axis_tx_tready,
    output wire                           m_axis_tx_tlast,
    output wire                           m_axis_tx_tuser,

    // verification trace
    output wire                           trc_tx_queued_valid,
    output wire [4:0]                     trc_tx_queued_vnic,
    output wire                           trc_tx_grant_valid,
    output wire [4:0]                     trc_tx_grant_vnic,
    output wire [NUM_VNIC-1:0]            trc_tx_grant_elig,
    output wire                           trc_tx_grant_none,
    output wire                           trc_tx_sent_valid,
    output wire [4:0]                     trc_tx_sent_vnic
);

localparam integer NV    = NUM_VNIC;
localparam integer W     = DATA_W / 8;
localparam integer OFF_W = $clog2(TX_BUF_BYTES / W);

// ---------------------------------------------------------------- flags
reg [NV-1:0] f_enable, f_antispoof, f_shp_en;
wire unused_flags;
reg  [NV*4-1:0] f_other;
integer i;
always @* begin
    for (i = 0; i < NV; i = i + 1) begin
        f_enable[i]    = cfg_flags[i*7 + 0];
        f_antispoof[i] = cfg_flags[i*7 + 3];
        f_shp_en[i]    = cfg_flags[i*7 + 6];
        f_other[i*4 +: 4] = {cfg_flags[i*7 + 1], cfg_flags[i*7 + 2], cfg_flags[i*7 + 4], cfg_flags[i*7 + 5]};
    end
end
assign unused_flags = ^f_other;

// ---------------------------------------------------------------- wiring
wire                res_valid, wr_valid, end_valid, end_keep;
wire [4:0]          res_vnic, wr_vnic, end_vnic;
wire [13:0]         res_len, end_len;
wire [OFF_W-1:0]    wr_idx, end_off;
wire [DATA_W-1:0]   wr_data;
wire [NV-1:0]       slot_free;
wire                take_valid, drop_valid, push_valid;
wire [4:0]          take_vnic, drop_vnic, push_vnic;
wire [13:0]         push_len;
wire [OFF_W-1:0]    push_off;
wire                grant_valid, out_take;
wire [4:0]          grant_vnic;
wire [13:0]         grant_len;
wire [OFF_W-1:0]    grant_off;
wire                rd_en;
wire [OFF_W-1:0]    rd_addr;
wire [DATA_W-1:0]   rd_data;
wire                sent_valid;
wire [4:0]          sent_vnic;
wire [13:0]         sent_len;
wire                spoof_valid, txlen_valid;
wire [4:0]          cnt_vnic;
wire [NV-1:0]       queued;

vnic_tx_dma #(
    .NUM_VNIC  (NUM_VNIC),
    .DATA_W    (DATA_W),
    .NUM_WIN   (NUM_WIN),
    .HOST_AW   (HOST_AW),
    .ID_W      (ID_W),
    .OFF_W     (OFF_W),
    .RD_OUT    (RD_OUT),
    .WB_OUT    (WB_OUT),
    .MAX_BURST (MAX_BURST)
) u_dma (
    .clk             (clk),
    .rst             (rst),
    .cfg_enable      (f_enable),
    .cfg_antispoof   (f_antispoof),
    .cfg_mac         (cfg_mac),
    .cfg_tx_size     (cfg_tx_size),
    .win_we          (win_we),
    .win_wv          (win_wv),
    .win_wgbase      (win_wgbase),
    .win_whbase      (win_whbase),
    .win_wsize       (win_wsize),
    .g_max_frame     (g_max_frame),
    .txr_base        (txr_base),
    .txr_size        (txr_size),
    .txr_tail        (txr_tail),
    .txr_head        (txr_head),
    .halted          (halted),
    .cmd_reset       (cmd_reset),
    .cmd_vnic        (cmd_vnic),
    .flr_req         (flr_req),
    .flr_ready       (flr_ready),
    .tx_fault_valid  (tx_fault_valid),
    .tx_fault_ready  (tx_fault_ready),
    .tx_fault_vnic   (tx_fault_vnic),
    .tx_fault_reason (tx_fault_reason),
    .tx_fault_addr   (tx_fault_addr),
    .tx_used         (tx_used),
    .res_valid       (res_valid),
    .res_vnic        (res_vnic),
    .res_len         (res_len),
    .wr_valid        (wr_valid),
    .wr_vnic         (wr_vnic),
    .wr_idx          (wr_idx),
    .wr_data         (wr_data),
    .end_valid       (end_valid),
    .end_vnic        (end_vnic),
    .end_len         (end_len),
    .end_keep        (end_keep),
    .end_off         (end_off),
    .slot_free       (slot_free),
    .slot_take_valid (take_valid),
    .slot_take_vnic  (take_vnic),
    .slot_drop_valid (drop_valid),
    .slot_drop_vnic  (drop_vnic),
    .push_valid      (push_valid),
    .push_vnic       (push_vnic),
    .push_len        (push_len),
    .push_off        (push_off),
    .cnt_spoof_valid (spoof_valid),
    .cnt_txlen_valid (txlen_valid),
    .cnt_vnic        (cnt_vnic),
    .m_axi_awid      (m_axi_awid),
    .m_axi_awuser    (m_axi_awuser),
    .m_axi_awaddr    (m_axi_awaddr),
    .m_axi_awlen     (m_axi_awlen),
    .m_axi_awsize    (m_axi_awsize),
    .m_axi_awburst   (m_axi_awburst),
    .m_axi_awlock    (m_axi_awlock),
    .m_axi_awcache   (m_axi_awcache),
    .m_axi_awprot    (m_axi_awprot),
    .m_axi_awvalid   (m_axi_awvalid),
    .m_axi_awready   (m_axi_awready),
    .m_axi_wdata     (m_axi_wdata),
    .m_axi_wstrb     (m_axi_wstrb),
    .m_axi_wlast     (m_axi_wlast),
    .m_axi_wvalid    (m_axi_wvalid),
    .m_axi_wready    (m_axi_wready),
    .m_axi_bid       (m_axi_bid),
    .m_axi_bresp     (m_axi_bresp),
    .m_axi_bvalid    (m_axi_bvalid),
    .m_axi_bready    (m_axi_bready),
    .m_axi_arid      (m_axi_arid),
    .m_axi_aruser    (m_axi_aruser),
    .m_axi_araddr    (m_axi_araddr),
    .m_axi_arlen     (m_axi_arlen),
    .m_axi_arsize    (m_axi_arsize),
    .m_axi_arburst   (m_axi_arburst),
    .m_axi_arlock    (m_axi_arlock),
    .m_axi_arcache   (m_axi_arcache),
    .m_axi_arprot    (m_axi_arprot),
    .m_axi_arvalid   (m_axi_arvalid),
    .m_axi_arready   (m_axi_arready),
    .m_axi_rid       (m_axi_rid),
    .m_axi_rdata     (m_axi_rdata),
    .m_axi_rresp     (m_axi_rresp),
    .m_axi_rlast     (m_axi_rlast),
    .m_axi_rvalid    (m_axi_rvalid),
    .m_axi_rready    (m_axi_rready)
);

vnic_tx_buf #(
    .NUM_VNIC     (NUM_VNIC),
    .DATA_W       (DATA_W),
    .TX_BUF_BYTES (TX_BUF_BYTES),
    .OFF_W        (OFF_W)
) u_buf (
    .clk         (clk),
    .rst         (rst),
    .cfg_tx_base (cfg_tx_base),
    .cfg_tx_size (cfg_tx_size),
    .res_valid   (res_valid),
    .res_vnic    (res_vnic),
    .res_len     (res_len),
    .wr_valid    (wr_valid),
    .wr_vnic     (wr_vnic),
    .wr_idx      (wr_idx),
    .wr_data     (wr_data),
    .end_valid   (end_valid),
    .end_vnic    (end_vnic),
    .end_len     (end_len),
    .end_keep    (end_keep),
    .end_off     (end_off),
    .gnt_valid   (grant_valid),
    .gnt_vnic    (grant_vnic),
    .gnt_len     (grant_len),
    .sent_valid  (sent_valid),
    .sent_vnic   (sent_vnic),
    .sent_len    (sent_len),
    .rd_en       (rd_en),
    .rd_addr     (rd_addr),
    .rd_data     (rd_data),
    .cmd_init    (cmd_commit || cmd_reset),
    .cmd_flush   (cmd_reset),
    .cmd_vnic    (cmd_vnic),
    .tx_used     (tx_used)
);

vnic_tx_sched #(
    .NUM_VNIC  (NUM_VNIC),
    .TXQ_DEPTH (TXQ_DEPTH),
    .OFF_W     (OFF_W)
) u_sched (
    .clk                 (clk),
    .rst                 (rst),
    .tx_en               (g_tx_en),
    .shp_en              (f_shp_en),
    .tx_weight           (cfg_tx_weight),
    .tx_rate             (cfg_tx_rate),
    .tx_burst            (cfg_tx_burst),
    .halted              (halted),
    .halt_now_valid      (fault_now_valid),
    .cmd_init            (cmd_commit || cmd_reset),
    .cmd_flush           (cmd_reset),
    .cmd_vnic            (cmd_vnic),
    .cmd_tx_burst        (cmd_tx_burst),
    .slot_take_valid     (take_valid),
    .slot_take_vnic      (take_vnic),
    .slot_drop_valid     (drop_valid),
    .slot_drop_vnic      (drop_vnic),
    .slot_free           (slot_free),
    .push_valid          (push_valid),
    .push_vnic           (push_vnic),
    .push_len            (push_len),
    .push_off            (push_off),
    .out_take            (out_take),
    .grant_valid         (grant_valid),
    .grant_vnic          (grant_vnic),
    .grant_len           (grant_len),
    .grant_off           (grant_off),
    .queued              (queued),
    .trc_tx_queued_valid (trc_tx_queued_valid),
    .trc_tx_queued_vnic  (trc_tx_queued_vnic),
    .trc_tx_grant_valid  (trc_tx_grant_valid),
    .trc_tx_grant_vnic   (trc_tx_grant_vnic),
    .trc_tx_grant_elig   (trc_tx_grant_elig),
    .trc_tx_grant_none   (trc_tx_grant_none)
);

wire unused_queued = ^queued;

vnic_tx_out #(
    .NUM_VNIC     (NUM_VNIC),
    .DATA_W       (DATA_W),
    .TX_BUF_BYTES (TX_BUF_BYTES),
    .OFF_W        (OFF_W),
    .FRAMES       (OUT_FRAMES)
) u_out (
    .clk              (clk),
    .rst              (rst),
    .cfg_tx_base      (cfg_tx_base),
    .cfg_tx_size      (cfg_tx_size),
    .grant_valid      (grant_valid),
    .grant_vnic       (grant_vnic),
    .grant_len        (grant_len),
    .grant_off        (grant_off),
    .take             (out_take),
    .buf_rd_en        (rd_en),
    .buf_rd_addr      (rd_addr),
    .buf_rd_data      (rd_data),
    .m_axis_tx_tdata  (m_axis_tx_tdata),
    .m_axis_tx_tkeep  (m_axis_tx_tkeep),
    .m_axis_tx_tvalid (m_axis_tx_tvalid),
    .m_axis_tx_tready (m_axis_tx_tready),
    .m_axis_tx_tlast  (m_axis_tx_tlast),
    .m_axis_tx_tuser  (m_axis_tx_tuser),
    .sent_valid       (sent_valid),
    .sent_vnic        (sent_vnic),
    .sent_len         (sent_len)
);

// ---------------------------------------------------------------- statistics (registered)
reg  [NV-1:0]    sf_q, sf_d, ss_q, ss_d, st_q, st_d;
reg  [NV*14-1:0] sb_q, sb_d;
reg              gf_q, gf_d;
reg  [13:0]      gb_q, gb_d;
reg  [13:0]      wl;
reg  [NV-1:0]    sent_1h;                   // same cycle as TX_SENT (moderation timing)
always @* begin
    sent_1h = {NV{1'b0}};
    for (i = 0; i < NV; i = i + 1)
        if (sent_valid && sent_vnic == i[4:0]) sent_1h[i] = 1'b1;
    wl = ((sent_len > 14'd60) ? sent_len : 14'd60) + 14'd4;
    sf_d = {NV{1'b0}};
    ss_d = {NV{1'b0}};
    st_d = {NV{1'b0}};
    sb_d = {NV*14{1'b0}};
    for (i = 0; i < NV; i = i + 1) begin
        if (sent_valid && sent_vnic == i[4:0]) begin
            sf_d[i] = 1'b1;
            sb_d[i*14 +: 14] = wl;
        end
        if (spoof_valid && cnt_vnic == i[4:0]) ss_d[i] = 1'b1;
        if (txlen_valid && cnt_vnic == i[4:0]) st_d[i] = 1'b1;
    end
    gf_d = sent_valid;
    gb_d = sent_valid ? wl : 14'd0;
end

always @(posedge clk) begin
    if (rst) begin
        sf_q <= {NV{1'b0}}; ss_q <= {NV{1'b0}}; st_q <= {NV{1'b0}}; sb_q <= {NV*14{1'b0}};
        gf_q <= 1'b0; gb_q <= 14'd0;
    end else begin
        sf_q <= sf_d; ss_q <= ss_d; st_q <= st_d; sb_q <= sb_d;
        gf_q <= gf_d; gb_q <= gb_d;
    end
end

assign stat_tx_frames  = sf_q;
assign stat_tx_bytes   = sb_q;
assign stat_drop_spoof = ss_q;
assign stat_drop_txlen = st_q;
assign gstat_tx_frames = gf_q;
assign gstat_tx_bytes  = gb_q;
assign tx_cpl          = sent_1h;
assign trc_tx_sent_valid = sent_valid;
assign trc_tx_sent_vnic  = sent_vnic;

endmodule

`resetall
