// vnic_top: vNIC device top level (registers, RX path, DMA, interrupts, trace port).
`resetall
`timescale 1ns / 1ps
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
 * Every host-memory request carries the vNIC it is made for on
 * m_axi_aruser / m_axi_awuser (VF_W bits), like a PCIe requester ID.
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
    output wire [((NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1)-1:0] m_axi_awuser,  // vNIC of the request
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
    output wire [((NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1)-1:0] m_axi_aruser,  // vNIC of the request
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
    output wire                      trc_rx_grant_none,
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
    output wire                      trc_tx_cpl_valid,
    output wire [4:0]                trc_tx_cpl_vnic,
    output wire                      trc_irq_valid,
    output wire [2*NUM_VNIC:0]       trc_irq_mask,
    output wire                      trc_tx_queued_valid,
    output wire [4:0]                trc_tx_queued_vnic,
    output wire                      trc_tx_grant_valid,
    output wire                      trc_tx_grant_none,
    output wire [4:0]                trc_tx_grant_vnic,
    output wire [NUM_VNIC-1:0]       trc_tx_grant_elig,
    output wire                      trc_tx_sent_valid,
    output wire [4:0]                trc_tx_sent_vnic
);

localparam integer NV = NUM_VNIC;
localparam integer CW = 32;                       // counter increment width, bits
localparam integer VF_W = (NV > 1) ? $clog2(NV) : 1;  // AXI user bits: the vNIC of a host-memory request

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
    if (ID_W < 2 || ID_W > 8) begin : gen_err_id_w
        vnic_error_ID_W_must_be_2_to_8 u_error ();
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
wire [NV*NUM_WIN*64-1:0] cfg_win_gbase, cfg_win_hbase;  // the active windows: the engines read their copies
wire [NV*NUM_WIN*32-1:0] cfg_win_size;
wire                    win_we;                          // COMMIT's window writes (vnic_win_ram copies)
wire [4:0]              win_wv;
wire [NUM_WIN*64-1:0]   win_wgbase, win_whbase;
wire [NUM_WIN*32-1:0]   win_wsize;
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
wire                     fault_take;
wire                     rx_fault_valid, rx_fault_ready;
wire [4:0]               rx_fault_vnic;
wire [7:0]               rx_fault_reason;
wire [63:0]              rx_fault_addr;
wire                     tx_fault_ready;
wire                     tx_fault_valid;
wire [4:0]               tx_fault_vnic;
wire [7:0]               tx_fault_reason;
wire [63:0]              tx_fault_addr;
wire [13*CW-1:0]         dec_gstat_add;
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
    .win_we           (win_we),
    .win_wv           (win_wv),
    .win_wgbase       (win_wgbase),
    .win_whbase       (win_whbase),
    .win_wsize        (win_wsize),
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
    .tx_fault_valid   (tx_fault_valid),
    .tx_fault_ready   (tx_fault_ready),
    .tx_fault_vnic    (tx_fault_vnic),
    .tx_fault_reason  (tx_fault_reason),
    .tx_fault_addr    (tx_fault_addr),
    .vstat_add        (vstat_add),
    .gstat_add        (gstat_add),
    .trc_cmd_valid    (trc_cmd_valid),
    .trc_cmd_op       (trc_cmd_op),
    .trc_cmd_vnic     (trc_cmd_vnic),
    .trc_cmd_err      (trc_cmd_err),
    .fault_take       (fault_take),
    .trc_fault_valid  (trc_fault_valid),
    .trc_fault_vnic   (trc_fault_vnic),
    .trc_fault_reason (trc_fault_reason),
    .trc_fault_addr   (trc_fault_addr),
    .trc_tx_cpl_valid (trc_tx_cpl_valid),
    .trc_tx_cpl_vnic  (trc_tx_cpl_vnic)
);

// ---------------------------------------------------------------- RX front end
localparam integer W    = DATA_W / 8;                   // bytes per beat
localparam integer LW   = $clog2(W);
localparam integer FAW  = $clog2(RX_FIFO_BYTES / W);    // ingress FIFO word address bits
localparam integer RXB  = $clog2(RX_BUF_BYTES);         // RX buffer byte address bits
localparam integer BAW  = RXB - LW;                     // RX buffer word address bits
localparam integer DEC_LAT = LW + 1;                    // RX_DEC_LAT: tlast -> decision, cycles

wire                 pre_valid;
wire [47:0]          pre_da;
wire                 dec_valid, dec_fifo_ok, dec_macerr, dec_tkeep, dec_runt, dec_fcs_bad;
wire [31:0]          dec_seq, dec_len;
wire [FAW:0]         dec_fwords;
wire                 dec_keep;
wire                 copy_rel_valid, sof_drop;
wire [FAW:0]         copy_rel_words;
wire [31:0]          copy_rel_seq;
wire                 fifo_rd_en;
wire [FAW-1:0]       fifo_rd_addr;
wire [DATA_W-1:0]    fifo_rd_data;

vnic_rx_mac_if #(
    .DATA_W        (DATA_W),
    .RX_FIFO_BYTES (RX_FIFO_BYTES),
    .FAW           (FAW)
) u_rx_mac_if (
    .clk                   (clk),
    .rst                   (rst),
    .s_axis_rx_tdata       (s_axis_rx_tdata),
    .s_axis_rx_tkeep       (s_axis_rx_tkeep),
    .s_axis_rx_tvalid      (s_axis_rx_tvalid),
    .s_axis_rx_tready      (s_axis_rx_tready),
    .s_axis_rx_tlast       (s_axis_rx_tlast),
    .s_axis_rx_tuser       (s_axis_rx_tuser),
    .g_max_frame           (g_max_frame),
    .pre_valid             (pre_valid),
    .pre_da                (pre_da),
    .dec_valid             (dec_valid),
    .dec_seq               (dec_seq),
    .dec_fifo_ok           (dec_fifo_ok),
    .dec_macerr            (dec_macerr),
    .dec_tkeep             (dec_tkeep),
    .dec_runt              (dec_runt),
    .dec_fcs_bad           (dec_fcs_bad),
    .dec_len               (dec_len),
    .dec_fwords            (dec_fwords),
    .dec_keep              (dec_keep),
    .sof_drop              (sof_drop),
    .copy_rel_valid        (copy_rel_valid),
    .copy_rel_words        (copy_rel_words),
    .copy_rel_seq          (copy_rel_seq),
    .fifo_rd_en            (fifo_rd_en),
    .fifo_rd_addr          (fifo_rd_addr),
    .fifo_rd_data          (fifo_rd_data),
    .trc_rx_sof_valid      (trc_rx_sof_valid),
    .trc_rx_sof_seq        (trc_rx_sof_seq),
    .trc_rx_sof_fifo_ok    (trc_rx_sof_fifo_ok),
    .trc_rx_fifo_rel_valid (trc_rx_fifo_rel_valid),
    .trc_rx_fifo_rel_seq   (trc_rx_fifo_rel_seq)
);

// ---------------------------------------------------------------- decision
wire                 cq_valid, cq_bcast, cq_mcast;
wire [FAW:0]         cq_fwords;
wire [13:0]          cq_len;
wire [NV-1:0]        cq_mask;
wire [31:0]          cq_seq;
wire                 rel_valid;
wire [4:0]           rel_vnic;
wire [15:0]          rel_bytes;
wire [15:0]          flush_cnt;
wire [31:0]          flush_bytes;
wire [NV*12*CW-1:0]  dec_vstat_add;

vnic_rx_decide #(
    .NUM_VNIC (NUM_VNIC),
    .DATA_W   (DATA_W),
    .FAW      (FAW),
    .PIPE     (DEC_LAT - 1),
    .CW       (CW)
) u_rx_decide (
    .clk                (clk),
    .rst                (rst),
    .pre_valid          (pre_valid),
    .pre_da             (pre_da),
    .dec_valid          (dec_valid),
    .dec_seq            (dec_seq),
    .dec_fifo_ok        (dec_fifo_ok),
    .dec_macerr         (dec_macerr),
    .dec_tkeep          (dec_tkeep),
    .dec_runt           (dec_runt),
    .dec_fcs_bad        (dec_fcs_bad),
    .dec_len            (dec_len),
    .dec_fwords         (dec_fwords),
    .dec_keep           (dec_keep),
    .sof_drop           (sof_drop),
    .g_rx_en            (g_rx_en),
    .g_max_frame        (g_max_frame),
    .g_def_en           (g_def_en),
    .g_def_vnic         (g_def_vnic),
    .cfg_flags          (cfg_flags),
    .cfg_mac            (cfg_mac),
    .cfg_rx_size        (cfg_rx_size),
    .cfg_pol_rate       (cfg_pol_rate),
    .cfg_pol_burst      (cfg_pol_burst),
    .halted             (halted),
    .cmd_commit         (cmd_commit),
    .cmd_reset          (cmd_reset),
    .cmd_vnic           (cmd_vnic),
    .cmd_mac            (cmd_mac),
    .cmd_pol_burst      (cmd_pol_burst),
    .rel_valid          (rel_valid),
    .rel_vnic           (rel_vnic),
    .rel_bytes          (rel_bytes),
    .flush_cnt          (flush_cnt),
    .flush_bytes        (flush_bytes),
    .cq_valid           (cq_valid),
    .cq_fwords          (cq_fwords),
    .cq_len             (cq_len),
    .cq_mask            (cq_mask),
    .cq_bcast           (cq_bcast),
    .cq_mcast           (cq_mcast),
    .cq_seq             (cq_seq),
    .rx_used            (rx_used),
    .gstat_add          (dec_gstat_add),
    .vstat_add          (dec_vstat_add),
    .trc_rx_dec_valid   (trc_rx_dec_valid),
    .trc_rx_dec_seq     (trc_rx_dec_seq),
    .trc_rx_dec_wire    (trc_rx_dec_wire),
    .trc_rx_dec_dest    (trc_rx_dec_dest),
    .trc_rx_dec_outcome (trc_rx_dec_outcome)
);

assign dec_now = dec_valid;

// ---------------------------------------------------------------- copy engine and RX buffer
wire [NV-1:0]        head_valid;
wire [NV*14-1:0]     head_len;
wire                 take_valid;
wire [4:0]           take_vnic;
wire                 tk_valid, tk_bcast, tk_mcast;
wire [4:0]           tk_vnic;
wire [BAW-1:0]       tk_addr, tk_wbase;
wire [BAW:0]         tk_wend;
wire [13:0]          tk_len;
wire                 copy_done_valid;
wire [4:0]           copy_done_vnic;
wire                 buf_rd_en;
wire [BAW-1:0]       buf_rd_addr;
wire [DATA_W-1:0]    buf_rd_data;

vnic_rx_copy #(
    .NUM_VNIC      (NUM_VNIC),
    .DATA_W        (DATA_W),
    .RX_BUF_BYTES  (RX_BUF_BYTES),
    .RX_FIFO_BYTES (RX_FIFO_BYTES),
    .FAW           (FAW),
    .RXB           (RXB),
    .BAW           (BAW)
) u_rx_copy (
    .clk                 (clk),
    .rst                 (rst),
    .cq_valid            (cq_valid),
    .cq_fwords           (cq_fwords),
    .cq_len              (cq_len),
    .cq_mask             (cq_mask),
    .cq_bcast            (cq_bcast),
    .cq_mcast            (cq_mcast),
    .cq_seq              (cq_seq),
    .fifo_rd_en          (fifo_rd_en),
    .fifo_rd_addr        (fifo_rd_addr),
    .fifo_rd_data        (fifo_rd_data),
    .copy_rel_valid      (copy_rel_valid),
    .copy_rel_words      (copy_rel_words),
    .copy_rel_seq        (copy_rel_seq),
    .cfg_rx_base         (cfg_rx_base),
    .cfg_rx_size         (cfg_rx_size),
    .rx_used             (rx_used),
    .cmd_commit          (cmd_commit),
    .cmd_reset           (cmd_reset),
    .cmd_vnic            (cmd_vnic),
    .flush_cnt           (flush_cnt),
    .flush_bytes         (flush_bytes),
    .head_valid          (head_valid),
    .head_len            (head_len),
    .take_valid          (take_valid),
    .take_vnic           (take_vnic),
    .tk_valid            (tk_valid),
    .tk_vnic             (tk_vnic),
    .tk_addr             (tk_addr),
    .tk_wbase            (tk_wbase),
    .tk_wend             (tk_wend),
    .tk_len              (tk_len),
    .tk_bcast            (tk_bcast),
    .tk_mcast            (tk_mcast),
    .done_valid          (copy_done_valid),
    .done_vnic           (copy_done_vnic),
    .buf_rd_en           (buf_rd_en),
    .buf_rd_addr         (buf_rd_addr),
    .buf_rd_data         (buf_rd_data),
    .trc_rx_stored_valid (trc_rx_stored_valid),
    .trc_rx_stored_vnic  (trc_rx_stored_vnic)
);

// ---------------------------------------------------------------- RX DMA scheduler
wire                 sched_ready;
wire [NV-1:0]        sched_elig;
wire                 grant_valid;
wire [4:0]           grant_vnic;
wire [13:0]          grant_len;

vnic_rx_sched #(
    .NUM_VNIC (NUM_VNIC)
) u_rx_sched (
    .clk                (clk),
    .rst                (rst),
    .ready              (sched_ready),
    .elig               (sched_elig),
    .head_len           (head_len),
    .cfg_flags          (cfg_flags),
    .cfg_sch_guar       (cfg_sch_guar),
    .cfg_sch_ceil       (cfg_sch_ceil),
    .cfg_sch_burst      (cfg_sch_burst),
    .cfg_sch_weight     (cfg_sch_weight),
    .cmd_commit         (cmd_commit),
    .cmd_reset          (cmd_reset),
    .cmd_vnic           (cmd_vnic),
    .cmd_sch_burst      (cmd_sch_burst),
    .grant_valid        (grant_valid),
    .grant_vnic         (grant_vnic),
    .grant_len          (grant_len),
    .trc_rx_grant_valid (trc_rx_grant_valid),
    .trc_rx_grant_none  (trc_rx_grant_none),
    .trc_rx_grant_vnic  (trc_rx_grant_vnic),
    .trc_rx_grant_elig  (trc_rx_grant_elig)
);

assign take_valid = grant_valid;
assign take_vnic  = grant_vnic;

// ---------------------------------------------------------------- RX DMA engine
// its AXI4 master (ID_W-1 bits), merged with the TX DMA's by u_axi_arb
wire [ID_W-2:0]      rxm_awid, rxm_arid, rxm_bid, rxm_rid;
wire [VF_W-1:0]      rxm_awuser, rxm_aruser;
wire [HOST_AW-1:0]   rxm_awaddr, rxm_araddr;
wire [7:0]           rxm_awlen, rxm_arlen;
wire [2:0]           rxm_awsize, rxm_arsize;
wire [1:0]           rxm_awburst, rxm_arburst, rxm_bresp, rxm_rresp;
wire                 rxm_awvalid, rxm_awready, rxm_wlast, rxm_wvalid, rxm_wready, rxm_bvalid, rxm_bready;
wire                 rxm_arvalid, rxm_arready, rxm_rlast, rxm_rvalid, rxm_rready;
wire [DATA_W-1:0]    rxm_wdata, rxm_rdata;
wire [DATA_W/8-1:0]  rxm_wstrb;
wire                 dma_flr_idle;
wire                 rx_cpl_valid;
wire [4:0]           rx_cpl_vnic;
wire [NV*12*CW-1:0]  dma_vstat_add;

vnic_rx_dma #(
    .NUM_VNIC (NUM_VNIC),
    .DATA_W   (DATA_W),
    .NUM_WIN  (NUM_WIN),
    .HOST_AW  (HOST_AW),
    .ID_W     (ID_W - 1),
    .RXB      (RXB),
    .BAW      (BAW),
    .CW       (CW)
) u_rx_dma (
    .clk               (clk),
    .rst               (rst),
    .win_we            (win_we),
    .win_wv            (win_wv),
    .win_wgbase        (win_wgbase),
    .win_whbase        (win_whbase),
    .win_wsize         (win_wsize),
    .rxr_base          (rxr_base),
    .rxr_size          (rxr_size),
    .rxr_tail          (rxr_tail),
    .rxr_head          (rxr_head),
    .halted            (halted),
    .flr_req           (flr_req),
    .cmd_reset         (cmd_reset),
    .cmd_vnic          (cmd_vnic),
    .flr_idle          (dma_flr_idle),
    .head_valid        (head_valid),
    .elig              (sched_elig),
    .ready             (sched_ready),
    .grant_valid       (grant_valid),
    .grant_vnic        (grant_vnic),
    .tk_valid          (tk_valid),
    .tk_vnic           (tk_vnic),
    .tk_addr           (tk_addr),
    .tk_wbase          (tk_wbase),
    .tk_wend           (tk_wend),
    .tk_len            (tk_len),
    .tk_bcast          (tk_bcast),
    .tk_mcast          (tk_mcast),
    .buf_rd_en         (buf_rd_en),
    .buf_rd_addr       (buf_rd_addr),
    .buf_rd_data       (buf_rd_data),
    .rel_valid         (rel_valid),
    .rel_vnic          (rel_vnic),
    .rel_bytes         (rel_bytes),
    .cpl_valid         (rx_cpl_valid),
    .cpl_vnic          (rx_cpl_vnic),
    .vstat_add         (dma_vstat_add),
    .fault_valid       (rx_fault_valid),
    .fault_ready       (rx_fault_ready),
    .fault_vnic        (rx_fault_vnic),
    .fault_reason      (rx_fault_reason),
    .fault_addr        (rx_fault_addr),
    .m_axi_awid         (rxm_awid),
    .m_axi_awuser       (rxm_awuser),
    .m_axi_awaddr       (rxm_awaddr),
    .m_axi_awlen        (rxm_awlen),
    .m_axi_awsize       (rxm_awsize),
    .m_axi_awburst      (rxm_awburst),
    .m_axi_awvalid      (rxm_awvalid),
    .m_axi_awready      (rxm_awready),
    .m_axi_wdata        (rxm_wdata),
    .m_axi_wstrb        (rxm_wstrb),
    .m_axi_wlast        (rxm_wlast),
    .m_axi_wvalid       (rxm_wvalid),
    .m_axi_wready       (rxm_wready),
    .m_axi_bresp        (rxm_bresp),
    .m_axi_bvalid       (rxm_bvalid),
    .m_axi_bready       (rxm_bready),
    .m_axi_arid         (rxm_arid),
    .m_axi_aruser       (rxm_aruser),
    .m_axi_araddr       (rxm_araddr),
    .m_axi_arlen        (rxm_arlen),
    .m_axi_arsize       (rxm_arsize),
    .m_axi_arburst      (rxm_arburst),
    .m_axi_arvalid      (rxm_arvalid),
    .m_axi_arready      (rxm_arready),
    .m_axi_rdata        (rxm_rdata),
    .m_axi_rresp        (rxm_rresp),
    .m_axi_rlast        (rxm_rlast),
    .m_axi_rvalid       (rxm_rvalid),
    .m_axi_rready       (rxm_rready),
    .trc_rx_free_valid (trc_rx_free_valid),
    .trc_rx_free_vnic  (trc_rx_free_vnic),
    .trc_rx_cpl_valid  (trc_rx_cpl_valid),
    .trc_rx_cpl_vnic   (trc_rx_cpl_vnic)
);


// per-vNIC counters fed by the decision and the DMA engine
genvar gi;
generate
    for (gi = 0; gi < NV * 12; gi = gi + 1) begin : gen_vstat_sum
        assign vstat_add[gi*CW +: CW] = dec_vstat_add[gi*CW +: CW] + dma_vstat_add[gi*CW +: CW]
                                      + tx_vstat_add[gi*CW +: CW];
    end
endgenerate

// RESET may take effect when the vNIC has no DMA work and no copy completing
assign flr_ready = dma_flr_idle && tx_flr_ready && !(copy_done_valid && copy_done_vnic == cmd_vnic);

// ---------------------------------------------------------------- interrupts
vnic_irq #(
    .NUM_VNIC (NUM_VNIC)
) u_irq (
    .clk           (clk),
    .rst           (rst),
    .rx_cpl_valid  (rx_cpl_valid),
    .rx_cpl_vnic   (rx_cpl_vnic),
    .tx_cpl_valid  (trc_tx_sent_valid),
    .tx_cpl_vnic   (trc_tx_sent_vnic),
    .rxr_itr_count (rxr_itr_count),
    .rxr_itr_timer (rxr_itr_timer),
    .txr_itr_count (txr_itr_count),
    .txr_itr_timer (txr_itr_timer),
    .vf_int_mask   (vf_int_mask),
    .pf_trig       (pf_trig),
    .pf_send       (pf_send),
    .cmd_reset     (cmd_reset),
    .cmd_vnic      (cmd_vnic),
    .ring_trig     (ring_trig),
    .m_irq_valid   (m_irq_valid),
    .m_irq_ready   (m_irq_ready),
    .m_irq_vector  (m_irq_vector),
    .trc_irq_valid (trc_irq_valid),
    .trc_irq_mask  (trc_irq_mask)
);

// ---------------------------------------------------------------- transmit path
wire                 tx_flr_ready;
wire [NV-1:0]        tx_stat_frames, tx_stat_spoof, tx_stat_txlen, tx_cpl;
wire [NV*14-1:0]     tx_stat_bytes;
wire                 tx_gstat_frames;
wire [13:0]          tx_gstat_bytes;
wire [ID_W-2:0]      txm_awid, txm_arid, txm_bid, txm_rid;
wire [VF_W-1:0]      txm_awuser, txm_aruser;
wire [HOST_AW-1:0]   txm_awaddr, txm_araddr;
wire [7:0]           txm_awlen, txm_arlen;
wire [2:0]           txm_awsize, txm_arsize, txm_awprot, txm_arprot;
wire [1:0]           txm_awburst, txm_arburst, txm_bresp, txm_rresp;
wire [3:0]           txm_awcache, txm_arcache;
wire                 txm_awlock, txm_arlock;
wire                 txm_awvalid, txm_awready, txm_wlast, txm_wvalid, txm_wready, txm_bvalid, txm_bready;
wire                 txm_arvalid, txm_arready, txm_rlast, txm_rvalid, txm_rready;
wire [DATA_W-1:0]    txm_wdata, txm_rdata;
wire [DATA_W/8-1:0]  txm_wstrb;

vnic_tx_path #(
    .NUM_VNIC     (NUM_VNIC),
    .DATA_W       (DATA_W),
    .TX_BUF_BYTES (TX_BUF_BYTES),
    .NUM_WIN      (NUM_WIN),
    .HOST_AW      (HOST_AW),
    .ID_W         (ID_W - 1)
) u_tx (
    .clk                 (clk),
    .rst                 (rst),
    .g_tx_en             (g_tx_en),
    .g_max_frame         (g_max_frame),
    .cfg_flags           (cfg_flags),
    .cfg_mac             (cfg_mac),
    .cfg_tx_base         (cfg_tx_base),
    .cfg_tx_size         (cfg_tx_size),
    .cfg_tx_weight       (cfg_tx_weight),
    .cfg_tx_rate         (cfg_tx_rate),
    .cfg_tx_burst        (cfg_tx_burst),
    .win_we              (win_we),
    .win_wv              (win_wv),
    .win_wgbase          (win_wgbase),
    .win_whbase          (win_whbase),
    .win_wsize           (win_wsize),
    .txr_base            (txr_base),
    .txr_size            (txr_size),
    .txr_tail            (txr_tail),
    .txr_head            (txr_head),
    .tx_used             (tx_used),
    .halted              (halted),
    .fault_now_valid     (fault_take),
    .cmd_commit          (cmd_commit),
    .cmd_reset           (cmd_reset),
    .cmd_vnic            (cmd_vnic),
    .cmd_tx_burst        (cmd_tx_burst),
    .flr_req             (flr_req),
    .flr_ready           (tx_flr_ready),
    .tx_fault_valid      (tx_fault_valid),
    .tx_fault_ready      (tx_fault_ready),
    .tx_fault_vnic       (tx_fault_vnic),
    .tx_fault_reason     (tx_fault_reason),
    .tx_fault_addr       (tx_fault_addr),
    .stat_tx_frames      (tx_stat_frames),
    .stat_tx_bytes       (tx_stat_bytes),
    .stat_drop_spoof     (tx_stat_spoof),
    .stat_drop_txlen     (tx_stat_txlen),
    .gstat_tx_frames     (tx_gstat_frames),
    .gstat_tx_bytes      (tx_gstat_bytes),
    .tx_cpl              (tx_cpl),
    .m_axi_awid          (txm_awid),
    .m_axi_awuser        (txm_awuser),
    .m_axi_awaddr        (txm_awaddr),
    .m_axi_awlen         (txm_awlen),
    .m_axi_awsize        (txm_awsize),
    .m_axi_awburst       (txm_awburst),
    .m_axi_awlock        (txm_awlock),
    .m_axi_awcache       (txm_awcache),
    .m_axi_awprot        (txm_awprot),
    .m_axi_awvalid       (txm_awvalid),
    .m_axi_awready       (txm_awready),
    .m_axi_wdata         (txm_wdata),
    .m_axi_wstrb         (txm_wstrb),
    .m_axi_wlast         (txm_wlast),
    .m_axi_wvalid        (txm_wvalid),
    .m_axi_wready        (txm_wready),
    .m_axi_bid           (txm_bid),
    .m_axi_bresp         (txm_bresp),
    .m_axi_bvalid        (txm_bvalid),
    .m_axi_bready        (txm_bready),
    .m_axi_arid          (txm_arid),
    .m_axi_aruser        (txm_aruser),
    .m_axi_araddr        (txm_araddr),
    .m_axi_arlen         (txm_arlen),
    .m_axi_arsize        (txm_arsize),
    .m_axi_arburst       (txm_arburst),
    .m_axi_arlock        (txm_arlock),
    .m_axi_arcache       (txm_arcache),
    .m_axi_arprot        (txm_arprot),
    .m_axi_arvalid       (txm_arvalid),
    .m_axi_arready       (txm_arready),
    .m_axi_rid           (txm_rid),
    .m_axi_rdata         (txm_rdata),
    .m_axi_rresp         (txm_rresp),
    .m_axi_rlast         (txm_rlast),
    .m_axi_rvalid        (txm_rvalid),
    .m_axi_rready        (txm_rready),
    .m_axis_tx_tdata     (m_axis_tx_tdata),
    .m_axis_tx_tkeep     (m_axis_tx_tkeep),
    .m_axis_tx_tvalid    (m_axis_tx_tvalid),
    .m_axis_tx_tready    (m_axis_tx_tready),
    .m_axis_tx_tlast     (m_axis_tx_tlast),
    .m_axis_tx_tuser     (m_axis_tx_tuser),
    .trc_tx_queued_valid (trc_tx_queued_valid),
    .trc_tx_queued_vnic  (trc_tx_queued_vnic),
    .trc_tx_grant_valid  (trc_tx_grant_valid),
    .trc_tx_grant_vnic   (trc_tx_grant_vnic),
    .trc_tx_grant_elig   (trc_tx_grant_elig),
    .trc_tx_grant_none   (trc_tx_grant_none),
    .trc_tx_sent_valid   (trc_tx_sent_valid),
    .trc_tx_sent_vnic    (trc_tx_sent_vnic)
);

// TX counters into the regs' increment vectors (counter k of vNIC v at [(v*12+k)*CW])
wire [NV*12*CW-1:0] tx_vstat_add;
genvar gt;
generate
    for (gt = 0; gt < NV; gt = gt + 1) begin : gen_tx_vstat
        assign tx_vstat_add[gt*12*CW +: 7*CW] = {7*CW{1'b0}};
        assign tx_vstat_add[(gt*12+7)*CW +: CW]  = {{(CW-1){1'b0}}, tx_stat_frames[gt]};
        assign tx_vstat_add[(gt*12+8)*CW +: CW]  = {{(CW-14){1'b0}}, tx_stat_bytes[gt*14 +: 14]};
        assign tx_vstat_add[(gt*12+9)*CW +: CW]  = {{(CW-1){1'b0}}, tx_stat_spoof[gt]};
        assign tx_vstat_add[(gt*12+10)*CW +: CW] = {{(CW-1){1'b0}}, tx_stat_txlen[gt]};
        assign tx_vstat_add[(gt*12+11)*CW +: CW] = {CW{1'b0}};
    end
endgenerate
// GSTAT: RX decision counters + TX_FRAMES (11) and TX_BYTES (12)
wire [13*CW-1:0] tx_gstat_add = {{(CW-14){1'b0}}, tx_gstat_bytes, {(CW-1){1'b0}}, tx_gstat_frames, {11*CW{1'b0}}};
genvar gg;
generate
    for (gg = 0; gg < 13; gg = gg + 1) begin : gen_gstat_sum
        assign gstat_add[gg*CW +: CW] = dec_gstat_add[gg*CW +: CW] + tx_gstat_add[gg*CW +: CW];
    end
endgenerate

// ---------------------------------------------------------------- host memory: RX DMA (ID 0x) + TX DMA (ID 1x)
vnic_axi_arb #(
    .S_ID_W (ID_W - 1),
    .ADDR_W (HOST_AW),
    .DATA_W (DATA_W),
    .USER_W (VF_W)
) u_axi_arb (
    .clk        (clk),
    .rst        (rst),
    // requester (vNIC) of every AR / AW, like a PCIe requester ID
    .s0_awuser  (rxm_awuser),  .s0_aruser  (rxm_aruser),
    .s1_awuser  (txm_awuser),  .s1_aruser  (txm_aruser),
    .m_awuser   (m_axi_awuser), .m_aruser  (m_axi_aruser),
    .s0_awid    (rxm_awid),    .s0_awaddr  (rxm_awaddr),  .s0_awlen   (rxm_awlen),
    .s0_awsize  (rxm_awsize),  .s0_awburst (rxm_awburst), .s0_awlock  (1'b0),
    .s0_awcache (4'b0011),     .s0_awprot  (3'b000),      .s0_awvalid (rxm_awvalid),
    .s0_awready (rxm_awready), .s0_wdata   (rxm_wdata),   .s0_wstrb   (rxm_wstrb),
    .s0_wlast   (rxm_wlast),   .s0_wvalid  (rxm_wvalid),  .s0_wready  (rxm_wready),
    .s0_bid     (rxm_bid),     .s0_bresp   (rxm_bresp),   .s0_bvalid  (rxm_bvalid),
    .s0_bready  (rxm_bready),  .s0_arid    (rxm_arid),    .s0_araddr  (rxm_araddr),
    .s0_arlen   (rxm_arlen),   .s0_arsize  (rxm_arsize),  .s0_arburst (rxm_arburst),
    .s0_arlock  (1'b0),        .s0_arcache (4'b0011),     .s0_arprot  (3'b000),
    .s0_arvalid (rxm_arvalid), .s0_arready (rxm_arready), .s0_rid     (rxm_rid),
    .s0_rdata   (rxm_rdata),   .s0_rresp   (rxm_rresp),   .s0_rlast   (rxm_rlast),
    .s0_rvalid  (rxm_rvalid),  .s0_rready  (rxm_rready),
    .s1_awid    (txm_awid),    .s1_awaddr  (txm_awaddr),  .s1_awlen   (txm_awlen),
    .s1_awsize  (txm_awsize),  .s1_awburst (txm_awburst), .s1_awlock  (txm_awlock),
    .s1_awcache (txm_awcache), .s1_awprot  (txm_awprot),  .s1_awvalid (txm_awvalid),
    .s1_awready (txm_awready), .s1_wdata   (txm_wdata),   .s1_wstrb   (txm_wstrb),
    .s1_wlast   (txm_wlast),   .s1_wvalid  (txm_wvalid),  .s1_wready  (txm_wready),
    .s1_bid     (txm_bid),     .s1_bresp   (txm_bresp),   .s1_bvalid  (txm_bvalid),
    .s1_bready  (txm_bready),  .s1_arid    (txm_arid),    .s1_araddr  (txm_araddr),
    .s1_arlen   (txm_arlen),   .s1_arsize  (txm_arsize),  .s1_arburst (txm_arburst),
    .s1_arlock  (txm_arlock),  .s1_arcache (txm_arcache), .s1_arprot  (txm_arprot),
    .s1_arvalid (txm_arvalid), .s1_arready (txm_arready), .s1_rid     (txm_rid),
    .s1_rdata   (txm_rdata),   .s1_rresp   (txm_rresp),   .s1_rlast   (txm_rlast),
    .s1_rvalid  (txm_rvalid),  .s1_rready  (txm_rready),
    .m_awid     (m_axi_awid),    .m_awaddr  (m_axi_awaddr),  .m_awlen   (m_axi_awlen),
    .m_awsize   (m_axi_awsize),  .m_awburst (m_axi_awburst), .m_awlock  (m_axi_awlock),
    .m_awcache  (m_axi_awcache), .m_awprot  (m_axi_awprot),  .m_awvalid (m_axi_awvalid),
    .m_awready  (m_axi_awready), .m_wdata   (m_axi_wdata),   .m_wstrb   (m_axi_wstrb),
    .m_wlast    (m_axi_wlast),   .m_wvalid  (m_axi_wvalid),  .m_wready  (m_axi_wready),
    .m_bid      (m_axi_bid),     .m_bresp   (m_axi_bresp),   .m_bvalid  (m_axi_bvalid),
    .m_bready   (m_axi_bready),  .m_arid    (m_axi_arid),    .m_araddr  (m_axi_araddr),
    .m_arlen    (m_axi_arlen),   .m_arsize  (m_axi_arsize),  .m_arburst (m_axi_arburst),
    .m_arlock   (m_axi_arlock),  .m_arcache (m_axi_arcache), .m_arprot  (m_axi_arprot),
    .m_arvalid  (m_axi_arvalid), .m_arready (m_axi_arready), .m_rid     (m_axi_rid),
    .m_rdata    (m_axi_rdata),   .m_rresp   (m_axi_rresp),   .m_rlast   (m_axi_rlast),
    .m_rvalid   (m_axi_rvalid),  .m_rready  (m_axi_rready)
);

// unused: the active windows (the DMA engines translate through their own
// copies, written from win_*), the clear command (handled in vnic_regs), the RX DMA's response IDs (one ID),
// the one-hot TX completions (vnic_irq takes the TX_SENT event)
wire unused_tx = ^{1'b0, cfg_win_gbase, cfg_win_hbase, cfg_win_size, cmd_clear, grant_len, copy_done_vnic, rxm_bid, rxm_rid, tx_cpl, 1'b0};

endmodule

`resetall
