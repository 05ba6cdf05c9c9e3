// vnic_top: vNIC device top level (registers, RX path, DMA, interrupts, trace port).
`resetall
`default_nettype none

/*
 * The whole device of docs/architecture.md with the ports of §11.
 *
 * Datapath (RX): s_axis_rx -> vnic_rx_mac_if (wire checks, CRC-32, ingress
 * FIFO with FIFO admission) -> vnic_rx_decide (classification, policer,
 * partition admission, decision cycle) -> vnic_rx_copy (copy engine into the
 * partitioned RX buffer) -> vnic_rx_sched (guarantee / DRR / ceiling) ->
 * vnic_rx_dma (descriptor prefetch, data, completion write-back, windows and
 * faults) -> m_axi; vnic_irq (moderation, message interface) -> m_irq_*.
 *
 * Transmit is not implemented yet: m_axis_tx is idle (tvalid = 0), the TX
 * rings are registers only, TX_USED reads 0, and the TX trace channels
 * (trc_tx_queued/grant/sent) stay 0.
 *
 * Latency: RX decision RX_DEC_LAT = 2 + log2(W) + 1 cycles after tlast
 * (W = DATA_W/8: 5 at DATA_W=64, 6 at 128, 7 at 256). Throughput: one beat
 * per cycle on s_axis_rx (tready is 1 after reset; frames that do not fit in
 * the ingress FIFO are consumed and dropped as FIFO).
 */
module vnic_top #(
    parameter integer NUM_VNIC      = 8,      // number of vNICs, 1..32
    parameter integer DATA_W        = 64,     // datapath width, bits: 64, 128 or 256
    parameter integer RX_BUF_BYTES  = 65536,  // RX packet buffer, bytes (power of two, >= 4096)
    parameter integer TX_BUF_BYTES  = 65536,  // TX packet buffer, bytes (power of two, >= 4096)
    parameter integer RX_FIFO_BYTES = 32768,  // ingress FIFO, bytes (power of two, >= 2*MAX_FRAME)
    parameter integer MAX_FRAME     = 9022,   // largest wire frame incl. FCS, bytes (1522..16383)
    parameter integer NUM_WIN       = 4,      // DMA translation windows per vNIC, 1..4
    parameter integer HOST_AW       = 64,     // AXI4 master address width, bits
    parameter integer REG_AW        = 18,     // AXI4-Lite address width, bits
    parameter integer ID_W          = 4       // AXI4 ID width, bits
) (
    input  wire                      clk,
    input  wire                      rst,

    // AXI4-Lite slave (registers)
    input  wire [REG_AW-1:0]         s_axil_awaddr,
    input  wire [2:0]                s_axil_awprot,
    input  wire                      s_axil_awvalid,
    output wire                      s_axil_awready,
    input  wire [31:0]               s_axil_wdata,
    input  wire [3:0]                s_axil_wstrb,
    input  wire                      s_axil_wvalid,
    output wire                      s_axil_wready,
    output wire [1:0]                s_axil_bresp,
    output wire                      s_axil_bvalid,
    input  wire                      s_axil_bready,
    input  wire [REG_AW-1:0]         s_axil_araddr,
    input  wire [2:0]                s_axil_arprot,
    input  wire                      s_axil_arvalid,
    output wire                      s_axil_arready,
    output wire [31:0]               s_axil_rdata,
    output wire [1:0]                s_axil_rresp,
    output wire                      s_axil_rvalid,
    input  wire                      s_axil_rready,

    // AXI4 master (host memory)
    output wire [ID_W-1:0]           m_axi_awid,
    output wire [HOST_AW-1:0]        m_axi_awaddr,
    output wire [7:0]                m_axi_awlen,
    output wire [2:0]                m_axi_awsize,
    output wire [1:0]                m_axi_awburst,
    output wire                      m_axi_awlock,
    output wire [3:0]                m_axi_awcache,
    output wire [2:0]                m_axi_awprot,
    output wire                      m_axi_awvalid,
    input  wire                      m_axi_awready,
    output wire [DATA_W-1:0]         m_axi_wdata,
    output wire [DATA_W/8-1:0]       m_axi_wstrb,
    output wire                      m_axi_wlast,
    output wire                      m_axi_wvalid,
    input  wire                      m_axi_wready,
    input  wire [ID_W-1:0]           m_axi_bid,
    input  wire [1:0]                m_axi_bresp,
    input  wire                      m_axi_bvalid,
    output wire                      m_axi_bready,
    output wire [ID_W-1:0]           m_axi_arid,
    output wire [HOST_AW-1:0]        m_axi_araddr,
    output wire [7:0]                m_axi_arlen,
    output wire [2:0]                m_axi_arsize,
    output wire [1:0]                m_axi_arburst,
    output wire                      m_axi_arlock,
    output wire [3:0]                m_axi_arcache,
    output wire [2:0]                m_axi_arprot,
    output wire                      m_axi_arvalid,
    input  wire                      m_axi_arready,
    input  wire [ID_W-1:0]           m_axi_rid,
    input  wire [DATA_W-1:0]         m_axi_rdata,
    input  wire [1:0]                m_axi_rresp,
    input  wire                      m_axi_rlast,
    input  wire                      m_axi_rvalid,
    output wire                      m_axi_rready,

    // AXI4-Stream RX (from the MAC; tuser = MAC error)
    input  wire [DATA_W-1:0]         s_axis_rx_tdata,
    input  wire [DATA_W/8-1:0]       s_axis_rx_tkeep,
    input  wire                      s_axis_rx_tvalid,
    output wire                      s_axis_rx_tready,
    input  wire                      s_axis_rx_tlast,
    input  wire                      s_axis_rx_tuser,

    // AXI4-Stream TX (to the MAC)
    output wire [DATA_W-1:0]         m_axis_tx_tdata,
    output wire [DATA_W/8-1:0]       m_axis_tx_tkeep,
    output wire                      m_axis_tx_tvalid,
    input  wire                      m_axis_tx_tready,
    output wire                      m_axis_tx_tlast,
    output wire                      m_axis_tx_tuser,

    // interrupt messages
    output wire                      m_irq_valid,
    input  wire                      m_irq_ready,
    output wire [7:0]                m_irq_vector,

    // verification trace (docs/architecture.md §10, §11)
    output wire                      trc_rx_sof_valid,
    output wire [31:0]               trc_rx_sof_seq,
    output wire                      trc_rx_sof_fifo_ok,
    output wire                      trc_rx_dec_valid,
    output wire [31:0]               trc_rx_dec_seq,
    output wire [3:0]                trc_rx_dec_wire,
    output wire [NUM_VNIC-1:0]       trc_rx_dec_dest,
    output wire [2*NUM_VNIC-1:0]     trc_rx_dec_outcome,
    output wire                      trc_rx_fifo_rel_valid,
    output wire [31:0]               trc_rx_fifo_rel_seq,
    output wire                      trc_rx_stored_valid,
    output wire [4:0]                trc_rx_stored_vnic,
    output wire                      trc_rx_grant_valid,
    output wire [4:0]                trc_rx_grant_vnic,
    output wire [NUM_VNIC-1:0]       trc_rx_grant_elig,
    output wire                      trc_rx_free_valid,
    output wire [4:0]                trc_rx_free_vnic,
    output wire                      trc_rx_cpl_valid,
    output wire [4:0]                trc_rx_cpl_vnic,
    output wire                      trc_cmd_valid,
    output wire [3:0]                trc_cmd_op,
    output wire [4:0]                trc_cmd_vnic,
    output wire [7:0]                trc_cmd_err,
    output wire                      trc_fault_valid,
    output wire [4:0]                trc_fault_vnic,
    output wire [7:0]                trc_fault_reason,
    output wire [63:0]               trc_fault_addr,
    output wire                      trc_irq_valid,
    output wire [2*NUM_VNIC:0]       trc_irq_mask,
    output wire                      trc_tx_queued_valid,
    output wire [4:0]                trc_tx_queued_vnic,
    output wire                      trc_tx_grant_valid,
    output wire [4:0]                trc_tx_grant_vnic,
    output wire [NUM_VNIC-1:0]       trc_tx_grant_elig,
    output wire                      trc_tx_sent_valid,
    output wire [4:0]                trc_tx_sent_vnic
);

localparam integer NV = NUM_VNIC;
localparam integer CW = 32;                       // counter increment width, bits

// ---------------------------------------------------------------- parameter checks
generate
    if (DATA_W != 64 && DATA_W != 128 && DATA_W != 256) begin : gen_err_data_w
        vnic_error_DATA_W_must_be_64_128_or_256 u_error ();
    end
    if (MAX_FRAME < 1522 || MAX_FRAME > 16383) begin : gen_err_max_frame
        vnic_error_MAX_FRAME_must_be_1522_to_16383 u_error ();
    end
    if (RX_BUF_BYTES < 4096 || (RX_BUF_BYTES & (RX_BUF_BYTES - 1)) != 0) begin : gen_err_rx_buf
        vnic_error_RX_BUF_BYTES_must_be_a_power_of_two_at_least_4096 u_error ();
    end
    if (TX_BUF_BYTES < 4096 || (TX_BUF_BYTES & (TX_BUF_BYTES - 1)) != 0) begin : gen_err_tx_buf
        vnic_error_TX_BUF_BYTES_must_be_a_power_of_two_at_least_4096 u_error ();
    end
    if (RX_FIFO_BYTES < 2 * MAX_FRAME || (RX_FIFO_BYTES & (RX_FIFO_BYTES - 1)) != 0) begin : gen_err_rx_fifo
        vnic_error_RX_FIFO_BYTES_must_be_a_power_of_two_at_least_2_MAX_FRAME u_error ();
    end
    if (HOST_AW < 32 || HOST_AW > 64) begin : gen_err_host_aw
        vnic_error_HOST_AW_must_be_32_to_64 u_error ();
    end
    if (ID_W < 1 || ID_W > 8) begin : gen_err_id_w
        vnic_error_ID_W_must_be_1_to_8 u_error ();
    end
endgenerate

// ---------------------------------------------------------------- register block
wire                     g_rx_en, g_tx_en, g_def_en;
wire [4:0]               g_def_vnic;
wire [13:0]              g_max_frame;
wire [NV*7-1:0]          cfg_flags;
wire [NV*48-1:0]         cfg_mac;
wire [NV*32-1:0]         cfg_rx_base, cfg_rx_size, cfg_tx_base, cfg_tx_size;
wire [NV*32-1:0]         cfg_pol_rate, cfg_sch_guar, cfg_sch_ceil, cfg_tx_rate;
wire [NV*24-1:0]         cfg_pol_burst, cfg_sch_burst, cfg_tx_burst;
wire [NV*8-1:0]          cfg_sch_weight, cfg_tx_weight;
wire [NV*NUM_WIN*64-1:0] cfg_win_gbase, cfg_win_hbase;
wire [NV*NUM_WIN*32-1:0] cfg_win_size;
wire [NV*64-1:0]         rxr_base, txr_base;
wire [NV*4-1:0]          rxr_size, txr_size;
wire [NV*16-1:0]         rxr_tail, txr_tail, rxr_head, txr_head;
wire [NV*16-1:0]         rxr_itr_count, txr_itr_count;
wire [NV*24-1:0]         rxr_itr_timer, txr_itr_timer;
wire [2*NV-1:0]          ring_trig, vf_int_mask;
wire                     pf_trig, pf_send;
wire                     cmd_commit, cmd_reset, cmd_clear, flr_req, flr_ready, dec_now;
wire [4:0]               cmd_vnic;
wire [47:0]              cmd_mac;
wire [23:0]              cmd_pol_burst, cmd_sch_burst, cmd_tx_burst;
wire [NV*32-1:0]         rx_used, tx_used;
wire [NV-1:0]            halted;
wire                     rx_fault_valid, rx_fault_ready;
wire [4:0]               rx_fault_vnic;
wire [7:0]               rx_fault_reason;
wire [63:0]              rx_fault_addr;
wire                     tx_fault_ready;
wire [NV*12*CW-1:0]      vstat_add;
wire [13*CW-1:0]         gstat_add;

vnic_regs #(
    .NUM_VNIC     (NUM_VNIC),
    .DATA_W       (DATA_W),
    .RX_BUF_BYTES (RX_BUF_BYTES),
    .TX_BUF_BYTES (TX_BUF_BYTES),
    .MAX_FRAME    (MAX_FRAME),
    .NUM_WIN      (NUM_WIN),
    .REG_AW       (REG_AW),
    .CW           (CW)
) u_regs (
    .clk              (clk),
    .rst              (rst),
    .s_axil_awaddr    (s_axil_awaddr),
    .s_axil_awprot    (s_axil_awprot),
    .s_axil_awvalid   (s_axil_awvalid),
    .s_axil_awready   (s_axil_awready),
    .s_axil_wdata     (s_axil_wdata),
    .s_axil_wstrb     (s_axil_wstrb),
    .s_axil_wvalid    (s_axil_wvalid),
    .s_axil_wready    (s_axil_wready),
    .s_axil_bresp     (s_axil_bresp),
    .s_axil_bvalid    (s_axil_bvalid),
    .s_axil_bready    (s_axil_bready),
    .s_axil_araddr    (s_axil_araddr),
    .s_axil_arprot    (s_axil_arprot),
    .s_axil_arvalid   (s_axil_arvalid),
    .s_axil_arready   (s_axil_arready),
    .s_axil_rdata     (s_axil_rdata),
    .s_axil_rresp     (s_axil_rresp),
    .s_axil_rvalid    (s_axil_rvalid),
    .s_axil_rready    (s_axil_rready),
    .g_rx_en          (g_rx_en),
    .g_tx_en          (g_tx_en),
    .g_def_en         (g_def_en),
    .g_def_vnic       (g_def_vnic),
    .g_max_frame      (g_max_frame),
    .cfg_flags        (cfg_flags),
    .cfg_mac          (cfg_mac),
    .cfg_rx_base      (cfg_rx_base),
    .cfg_rx_size      (cfg_rx_size),
    .cfg_tx_base      (cfg_tx_base),
    .cfg_tx_size      (cfg_tx_size),
    .cfg_pol_rate     (cfg_pol_rate),
    .cfg_pol_burst    (cfg_pol_burst),
    .cfg_sch_guar     (cfg_sch_guar),
    .cfg_sch_ceil     (cfg_sch_ceil),
    .cfg_sch_burst    (cfg_sch_burst),
    .cfg_sch_weight   (cfg_sch_weight),
    .cfg_tx_weight    (cfg_tx_weight),
    .cfg_tx_rate      (cfg_tx_rate),
    .cfg_tx_burst     (cfg_tx_burst),
    .cfg_win_gbase    (cfg_win_gbase),
    .cfg_win_hbase    (cfg_win_hbase),
    .cfg_win_size     (cfg_win_size),
    .rxr_base         (rxr_base),
    .rxr_size         (rxr_size),
    .rxr_tail         (rxr_tail),
    .rxr_itr_count    (rxr_itr_count),
    .rxr_itr_timer    (rxr_itr_timer),
    .rxr_head         (rxr_head),
    .txr_base         (txr_base),
    .txr_size         (txr_size),
    .txr_tail         (txr_tail),
    .txr_itr_count    (txr_itr_count),
    .txr_itr_timer    (txr_itr_timer),
    .txr_head         (txr_head),
    .ring_trig        (ring_trig),
    .vf_int_mask      (vf_int_mask),
    .pf_trig          (pf_trig),
    .pf_send          (pf_send),
    .cmd_commit       (cmd_commit),
    .cmd_reset        (cmd_reset),
    .cmd_clear        (cmd_clear),
    .cmd_vnic         (cmd_vnic),
    .cmd_mac          (cmd_mac),
    .cmd_pol_burst    (cmd_pol_burst),
    .cmd_sch_burst    (cmd_sch_burst),
    .cmd_tx_burst     (cmd_tx_burst),
    .flr_req          (flr_req),
    .flr_ready        (flr_ready),
    .dec_now          (dec_now),
    .rx_used          (rx_used),
    .tx_used          (tx_used),
    .halted           (halted),
    .rx_fault_valid   (rx_fault_valid),
    .rx_fault_ready   (rx_fault_ready),
    .rx_fault_vnic    (rx_fault_vnic),
    .rx_fault_reason  (rx_fault_reason),
    .rx_fault_addr    (rx_fault_addr),
    .tx_fault_valid   (1'b0),
    .tx_fault_ready   (tx_fault_ready),
    .tx_fault_vnic    (5'd0),
    .tx_fault_reason  (8'd0),
    .tx_fault_addr    (64'd0),
    .vstat_add        (vstat_add),
    .gstat_add        (gstat_add),
    .trc_cmd_valid    (trc_cmd_valid),
    .trc_cmd_op       (trc_cmd_op),
    .trc_cmd_vnic     (trc_cmd_vnic),
    .trc_cmd_err      (trc_cmd_err),
    .trc_fault_valid  (trc_fault_valid),
    .trc_fault_vnic   (trc_fault_vnic),
    .trc_fault_reason (trc_fault_reason),
    .trc_fault_addr   (trc_fault_addr)
);

// ---------------------------------------------------------------- RX datapath (being built)
assign s_axis_rx_tready = 1'b0;
assign rxr_head = {NV*16{1'b0}};
assign txr_head = {NV*16{1'b0}};
assign ring_trig = {2*NV{1'b0}};
assign flr_ready = 1'b1;
assign dec_now = 1'b0;
assign rx_used = {NV*32{1'b0}};
assign tx_used = {NV*32{1'b0}};
assign rx_fault_valid = 1'b0;
assign rx_fault_vnic = 5'd0;
assign rx_fault_reason = 8'd0;
assign rx_fault_addr = 64'd0;
genvar gi;
generate
    for (gi = 0; gi < NV; gi = gi + 1) begin : gen_vstat_tie
        assign vstat_add[gi*12*CW +: 12*CW] = {12*CW{1'b0}};
    end
endgenerate
assign gstat_add = {13*CW{1'b0}};

assign m_axi_awid = {ID_W{1'b0}};
assign m_axi_awaddr = {HOST_AW{1'b0}};
assign m_axi_awlen = 8'd0;
assign m_axi_awsize = 3'd0;
assign m_axi_awburst = 2'b01;
assign m_axi_awlock = 1'b0;
assign m_axi_awcache = 4'b0011;
assign m_axi_awprot = 3'b000;
assign m_axi_awvalid = 1'b0;
assign m_axi_wdata = {DATA_W{1'b0}};
assign m_axi_wstrb = {DATA_W/8{1'b0}};
assign m_axi_wlast = 1'b0;
assign m_axi_wvalid = 1'b0;
assign m_axi_bready = 1'b1;
assign m_axi_arid = {ID_W{1'b0}};
assign m_axi_araddr = {HOST_AW{1'b0}};
assign m_axi_arlen = 8'd0;
assign m_axi_arsize = 3'd0;
assign m_axi_arburst = 2'b01;
assign m_axi_arlock = 1'b0;
assign m_axi_arcache = 4'b0011;
assign m_axi_arprot = 3'b000;
assign m_axi_arvalid = 1'b0;
assign m_axi_rready = 1'b1;

assign m_irq_valid = 1'b0;
assign m_irq_vector = 8'd0;

assign trc_rx_sof_valid = 1'b0;
assign trc_rx_sof_seq = 32'd0;
assign trc_rx_sof_fifo_ok = 1'b0;
assign trc_rx_dec_valid = 1'b0;
assign trc_rx_dec_seq = 32'd0;
assign trc_rx_dec_wire = 4'd0;
assign trc_rx_dec_dest = {NV{1'b0}};
assign trc_rx_dec_outcome = {2*NV{1'b0}};
assign trc_rx_fifo_rel_valid = 1'b0;
assign trc_rx_fifo_rel_seq = 32'd0;
assign trc_rx_stored_valid = 1'b0;
assign trc_rx_stored_vnic = 5'd0;
assign trc_rx_grant_valid = 1'b0;
assign trc_rx_grant_vnic = 5'd0;
assign trc_rx_grant_elig = {NV{1'b0}};
assign trc_rx_free_valid = 1'b0;
assign trc_rx_free_vnic = 5'd0;
assign trc_rx_cpl_valid = 1'b0;
assign trc_rx_cpl_vnic = 5'd0;
assign trc_irq_valid = 1'b0;
assign trc_irq_mask = {(2*NV+1){1'b0}};

// ---------------------------------------------------------------- transmit (not implemented yet)
assign m_axis_tx_tdata = {DATA_W{1'b0}};
assign m_axis_tx_tkeep = {DATA_W/8{1'b0}};
assign m_axis_tx_tvalid = 1'b0;
assign m_axis_tx_tlast = 1'b0;
assign m_axis_tx_tuser = 1'b0;
assign trc_tx_queued_valid = 1'b0;
assign trc_tx_queued_vnic = 5'd0;
assign trc_tx_grant_valid = 1'b0;
assign trc_tx_grant_vnic = 5'd0;
assign trc_tx_grant_elig = {NV{1'b0}};
assign trc_tx_sent_valid = 1'b0;
assign trc_tx_sent_vnic = 5'd0;

// inputs and configuration the blocks above do not consume yet
wire unused_pending = ^{1'b0, m_axi_awready, m_axi_wready, m_axi_bid, m_axi_bresp, m_axi_bvalid,
    m_axi_arready, m_axi_rid, m_axi_rdata, m_axi_rresp, m_axi_rlast, m_axi_rvalid,
    s_axis_rx_tdata, s_axis_rx_tkeep, s_axis_rx_tvalid, s_axis_rx_tlast, s_axis_rx_tuser,
    m_axis_tx_tready, m_irq_ready, g_rx_en, g_tx_en, g_def_en, g_def_vnic, g_max_frame,
    cfg_flags, cfg_mac, cfg_rx_base, cfg_rx_size, cfg_tx_base, cfg_tx_size, cfg_pol_rate,
    cfg_sch_guar, cfg_sch_ceil, cfg_tx_rate, cfg_pol_burst, cfg_sch_burst, cfg_tx_burst,
    cfg_sch_weight, cfg_tx_weight, cfg_win_gbase, cfg_win_hbase, cfg_win_size,
    rxr_base, txr_base, rxr_size, txr_size, rxr_tail, txr_tail, rxr_itr_count, txr_itr_count,
    rxr_itr_timer, txr_itr_timer, vf_int_mask, pf_trig, pf_send, cmd_commit, cmd_reset,
    cmd_clear, flr_req, cmd_vnic, cmd_mac, cmd_pol_burst, cmd_sch_burst, cmd_tx_burst,
    halted, rx_fault_ready, tx_fault_ready};

endmodule

`resetall
