// tw_regs: test wrapper of vnic_regs (4 vNICs, W = 8, 2 windows) with narrow ports (directed test only).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module tw_regs (
    input  wire        clk,
    input  wire        rst,
    // AXI4-Lite
    input  wire [17:0] awaddr,
    input  wire        awvalid,
    output wire        awready,
    input  wire [31:0] wdata,
    input  wire [3:0]  wstrb,
    input  wire        wvalid,
    output wire        wready,
    output wire        bvalid,
    input  wire        bready,
    input  wire [17:0] araddr,
    input  wire        arvalid,
    output wire        arready,
    output wire [31:0] rdata,
    output wire        rvalid,
    input  wire        rready,
    // datapath side
    input  wire        dec_now,
    input  wire        flr_ready,
    input  wire [1:0]  used_sel,      // RX_USED of vNIC used_sel <= used_val when used_we
    input  wire        used_we,
    input  wire [31:0] used_val,
    input  wire [63:0] rxr_head,
    input  wire [7:0]  ring_trig,
    input  wire        rx_fault_valid,
    output wire        rx_fault_ready,
    input  wire [4:0]  rx_fault_vnic,
    input  wire [7:0]  rx_fault_reason,
    input  wire [63:0] rx_fault_addr,
    input  wire        add_we,        // counter add_k of vNIC add_v += add_amt (one cycle) ...
    input  wire        add_g,         // ... or global counter add_k
    input  wire [1:0]  add_v,
    input  wire [3:0]  add_k,
    input  wire [31:0] add_amt,
    // observed
    output wire [27:0] cfg_flags,
    output wire [3:0]  halted,
    output wire        fault_take,
    output wire [13:0] g_max_frame,
    output wire        cmd_commit,
    output wire        cmd_reset,
    output wire        cmd_clear,
    output wire [4:0]  cmd_vnic,
    output wire        flr_req,
    output wire        pf_trig,
    output wire        pf_send,
    output wire [63:0] rxr_tail,
    output wire [7:0]  vf_int_mask,
    output wire        trc_cmd_valid,
    output wire [3:0]  trc_cmd_op,
    output wire [4:0]  trc_cmd_vnic,
    output wire [7:0]  trc_cmd_err,
    output wire        trc_fault_valid,
    output wire [4:0]  trc_fault_vnic,
    output wire [7:0]  trc_fault_reason,
    output wire [63:0] trc_fault_addr,
    output wire        trc_tx_cpl_valid,
    output wire [4:0]  trc_tx_cpl_vnic,
    output wire        win_copy_bad   // sticky: a window copy (vnic_win_ram) differed from the active copy
);

localparam integer NV = 4;
localparam integer NW = 2;
localparam integer CW = 32;

reg [NV*32-1:0] used_q;
always @(posedge clk) begin
    if (rst)
        used_q <= {NV*32{1'b0}};
    else if (used_we)
        used_q[used_sel*32 +: 32] <= used_val;
end

reg [NV*12*CW-1:0] vadd;
integer i;
always @* begin
    for (i = 0; i < NV * 12; i = i + 1)
        vadd[i*CW +: CW] = (add_we && !add_g && i == {28'd0, add_v} * 12 + {28'd0, add_k}) ? add_amt : {CW{1'b0}};
end
reg [13*CW-1:0] gadd;
always @* begin
    for (i = 0; i < 13; i = i + 1)
        gadd[i*CW +: CW] = (add_we && add_g && i == {28'd0, add_k}) ? add_amt : {CW{1'b0}};
end

wire [1:0]  bresp, rresp;
wire        g_rx_en, g_tx_en, g_def_en;
wire [4:0]  g_def_vnic;
wire [NV*48-1:0] cfg_mac;
wire [NV*32-1:0] rx_base, rx_size, tx_base, tx_size, pol_rate, sch_guar, sch_ceil, tx_rate;
wire [NV*24-1:0] pol_burst, sch_burst, tx_burst;
wire [NV*8-1:0]  sch_weight, tx_weight;
wire [NV*NW*64-1:0] win_gbase, win_hbase;
wire [NV*NW*32-1:0] win_size;
wire             win_we;
wire [4:0]       win_wv;
wire [NW*64-1:0] win_wgbase, win_whbase;
wire [NW*32-1:0] win_wsize;
wire [NV*64-1:0] rxr_base, txr_base;
wire [NV*4-1:0]  rxr_size, txr_size;
wire [NV*16-1:0] rxr_icnt, txr_icnt, txr_tail;
wire [NV*24-1:0] rxr_itmr, txr_itmr;
wire [47:0] cmd_mac;
wire [23:0] cmd_pol_burst, cmd_sch_burst, cmd_tx_burst;
wire        tx_fault_ready;

vnic_regs #(
    .NUM_VNIC     (NV),
    .DATA_W       (64),
    .RX_BUF_BYTES (65536),
    .TX_BUF_BYTES (65536),
    .MAX_FRAME    (9022),
    .NUM_WIN      (NW),
    .REG_AW       (18),
    .CW           (CW)
) u_dut (
    .clk (clk), .rst (rst),
    .s_axil_awaddr (awaddr), .s_axil_awprot (3'd0), .s_axil_awvalid (awvalid), .s_axil_awready (awready),
    .s_axil_wdata (wdata), .s_axil_wstrb (wstrb), .s_axil_wvalid (wvalid), .s_axil_wready (wready),
    .s_axil_bresp (bresp), .s_axil_bvalid (bvalid), .s_axil_bready (bready),
    .s_axil_araddr (araddr), .s_axil_arprot (3'd0), .s_axil_arvalid (arvalid), .s_axil_arready (arready),
    .s_axil_rdata (rdata), .s_axil_rresp (rresp), .s_axil_rvalid (rvalid), .s_axil_rready (rready),
    .g_rx_en (g_rx_en), .g_tx_en (g_tx_en), .g_def_en (g_def_en), .g_def_vnic (g_def_vnic),
    .g_max_frame (g_max_frame),
    .cfg_flags (cfg_flags), .cfg_mac (cfg_mac), .cfg_rx_base (rx_base), .cfg_rx_size (rx_size),
    .cfg_tx_base (tx_base), .cfg_tx_size (tx_size), .cfg_pol_rate (pol_rate), .cfg_pol_burst (pol_burst),
    .cfg_sch_guar (sch_guar), .cfg_sch_ceil (sch_ceil), .cfg_sch_burst (sch_burst),
    .cfg_sch_weight (sch_weight), .cfg_tx_weight (tx_weight), .cfg_tx_rate (tx_rate),
    .cfg_tx_burst (tx_burst), .cfg_win_gbase (win_gbase), .cfg_win_hbase (win_hbase),
    .cfg_win_size (win_size),
    .win_we (win_we), .win_wv (win_wv), .win_wgbase (win_wgbase), .win_whbase (win_whbase),
    .win_wsize (win_wsize),
    .rxr_base (rxr_base), .rxr_size (rxr_size), .rxr_tail (rxr_tail), .rxr_itr_count (rxr_icnt),
    .rxr_itr_timer (rxr_itmr), .rxr_head (rxr_head),
    .txr_base (txr_base), .txr_size (txr_size), .txr_tail (txr_tail), .txr_itr_count (txr_icnt),
    .txr_itr_timer (txr_itmr), .txr_head ({NV*16{1'b0}}),
    .ring_trig (ring_trig), .vf_int_mask (vf_int_mask), .pf_trig (pf_trig), .pf_send (pf_send),
    .cmd_commit (cmd_commit), .cmd_reset (cmd_reset), .cmd_clear (cmd_clear), .cmd_vnic (cmd_vnic),
    .cmd_mac (cmd_mac), .cmd_pol_burst (cmd_pol_burst), .cmd_sch_burst (cmd_sch_burst),
    .cmd_tx_burst (cmd_tx_burst), .flr_req (flr_req), .flr_ready (flr_ready), .dec_now (dec_now),
    .rx_used (used_q), .tx_used ({NV*32{1'b0}}),
    .halted (halted), .fault_take (fault_take),
    .rx_fault_valid (rx_fault_valid), .rx_fault_ready (rx_fault_ready), .rx_fault_vnic (rx_fault_vnic),
    .rx_fault_reason (rx_fault_reason), .rx_fault_addr (rx_fault_addr),
    .tx_fault_valid (1'b0), .tx_fault_ready (tx_fault_ready), .tx_fault_vnic (5'd0),
    .tx_fault_reason (8'd0), .tx_fault_addr (64'd0),
    .vstat_add (vadd), .gstat_add (gadd),
    .trc_cmd_valid (trc_cmd_valid), .trc_cmd_op (trc_cmd_op), .trc_cmd_vnic (trc_cmd_vnic),
    .trc_cmd_err (trc_cmd_err), .trc_fault_valid (trc_fault_valid), .trc_fault_vnic (trc_fault_vnic),
    .trc_fault_reason (trc_fault_reason), .trc_fault_addr (trc_fault_addr),
    .trc_tx_cpl_valid (trc_tx_cpl_valid), .trc_tx_cpl_vnic (trc_tx_cpl_vnic)
);

// The DMA engines keep their windows in copies written from win_*
// (vnic_win_ram), which have no reset: the register block writes every
// vNIC's entry after reset, before it accepts a register write. Such a copy,
// read for every vNIC, must show in every cycle what the active
// configuration shows (bits 12 and up: SIZE, and both bases of a window that
// is on) for every entry written since reset; and no register write may be
// accepted while an entry is unwritten.
wire [NV-1:0]       wc_diff;
wire [NV*NW*64-1:0] wc_gb, wc_hb;
wire [NV*NW*32-1:0] wc_sz;
vnic_win_ram #(.NUM_VNIC(NV), .NUM_WIN(NW), .VW(2), .NUM_RD(NV)) u_win_copy (
    .clk (clk), .rst (rst),
    .win_we (win_we), .win_wv (win_wv[1:0]), .win_wgbase (win_wgbase), .win_whbase (win_whbase),
    .win_wsize (win_wsize),
    .rd_vnic (8'b11_10_01_00), .rd_gbase (wc_gb), .rd_hbase (wc_hb), .rd_size (wc_sz)
);
genvar  gc;
generate
    for (gc = 0; gc < NV; gc = gc + 1) begin : gen_win_copy
        reg     d;
        integer wi;
        always @* begin
            d = 1'b0;
            for (wi = 0; wi < NW; wi = wi + 1) begin
                if (wc_sz[(gc*NW + wi)*32 + 12 +: 20] != win_size[(gc*NW + wi)*32 + 12 +: 20])
                    d = 1'b1;
                if (wc_sz[(gc*NW + wi)*32 + 12 +: 20] != 20'd0
                    && (wc_gb[(gc*NW + wi)*64 + 12 +: 52] != win_gbase[(gc*NW + wi)*64 + 12 +: 52]
                        || wc_hb[(gc*NW + wi)*64 + 12 +: 52] != win_hbase[(gc*NW + wi)*64 + 12 +: 52]))
                    d = 1'b1;
            end
        end
        assign wc_diff[gc] = d;
    end
endgenerate
reg [NV-1:0] wc_wr_q;                  // entries written since reset
reg          wc_bad_q;
always @(posedge clk) begin
    if (rst) begin
        wc_wr_q  <= {NV{1'b0}};
        wc_bad_q <= 1'b0;
    end else begin
        if (win_we)
            wc_wr_q[win_wv[1:0]] <= 1'b1;
        wc_bad_q <= wc_bad_q | (|(wc_diff & wc_wr_q)) | (awvalid && awready && !(&wc_wr_q));
    end
end
assign win_copy_bad = wc_bad_q;

wire unused_ok = ^{1'b0, bresp, rresp, g_rx_en, g_tx_en, g_def_en, g_def_vnic, cfg_mac, rx_base, rx_size,
                   tx_base, tx_size, pol_rate, sch_guar, sch_ceil, tx_rate, pol_burst, sch_burst, tx_burst,
                   sch_weight, tx_weight, win_gbase, win_hbase, win_size, win_we, win_wv, win_wgbase, win_whbase, win_wsize, rxr_base, txr_base, rxr_size,
                   txr_size, rxr_icnt, txr_icnt, txr_tail, rxr_itmr, txr_itmr, cmd_mac, cmd_pol_burst,
                   cmd_sch_burst, cmd_tx_burst, tx_fault_ready, 1'b0};

endmodule

`resetall
