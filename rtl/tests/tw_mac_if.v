// tw_mac_if: test wrapper of vnic_rx_mac_if with a 4 KiB ingress FIFO and 64-bit pins (directed test only).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module tw_mac_if #(
    parameter integer DATA_W = 64           // datapath width, bits: 64, 128, 256
) (
    input  wire        clk,
    input  wire        rst,
    input  wire [63:0] t0,                  // tdata bytes 0..7
    input  wire [63:0] t1,                  // bytes 8..15 (DATA_W >= 128)
    input  wire [63:0] t2,
    input  wire [63:0] t3,
    input  wire [31:0] tkeep,
    input  wire        tvalid,
    input  wire        tlast,
    input  wire        tuser,
    output wire        tready,
    input  wire [13:0] g_max_frame,
    input  wire        dec_keep,
    input  wire        rel_valid,
    input  wire [12:0] rel_words,
    input  wire [31:0] rel_seq,
    input  wire        rd_en,
    input  wire [11:0] rd_addr,
    output wire [63:0] r0,                  // FIFO read data bytes 0..7
    output wire [63:0] r1,
    output wire [63:0] r2,
    output wire [63:0] r3,
    output wire        pre_valid,
    output wire [47:0] pre_da,
    output wire        dec_valid,
    output wire [31:0] dec_seq,
    output wire        dec_fifo_ok,
    output wire        dec_macerr,
    output wire        dec_tkeep,
    output wire        dec_runt,
    output wire        dec_fcs_bad,
    output wire [31:0] dec_len,
    output wire [12:0] dec_fwords,
    output wire        sof_drop,
    output wire        sof_valid,
    output wire [31:0] sof_seq,
    output wire        sof_fifo_ok,
    output wire        rel_trc_valid,
    output wire [31:0] rel_trc_seq,
    output wire [5:0]  wbytes               // W, for the test program
);

localparam integer W   = DATA_W / 8;
localparam integer FB  = 4096;
localparam integer FAW = $clog2(FB / W);

wire [255:0]       td_all = {t3, t2, t1, t0};
wire [DATA_W-1:0]  rd;
wire [DATA_W+255:0] rd_x = {256'd0, rd};
wire [255:0]       rd_all = rd_x[255:0];
wire [FAW:0]       fwords;

vnic_rx_mac_if #(
    .DATA_W        (DATA_W),
    .RX_FIFO_BYTES (FB),
    .FAW           (FAW)
) u_dut (
    .clk                   (clk),
    .rst                   (rst),
    .s_axis_rx_tdata       (td_all[DATA_W-1:0]),
    .s_axis_rx_tkeep       (tkeep[W-1:0]),
    .s_axis_rx_tvalid      (tvalid),
    .s_axis_rx_tready      (tready),
    .s_axis_rx_tlast       (tlast),
    .s_axis_rx_tuser       (tuser),
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
    .dec_fwords            (fwords),
    .dec_keep              (dec_keep),
    .sof_drop              (sof_drop),
    .copy_rel_valid        (rel_valid),
    .copy_rel_words        (rel_words[FAW:0]),
    .copy_rel_seq          (rel_seq),
    .fifo_rd_en            (rd_en),
    .fifo_rd_addr          (rd_addr[FAW-1:0]),
    .fifo_rd_data          (rd),
    .trc_rx_sof_valid      (sof_valid),
    .trc_rx_sof_seq        (sof_seq),
    .trc_rx_sof_fifo_ok    (sof_fifo_ok),
    .trc_rx_fifo_rel_valid (rel_trc_valid),
    .trc_rx_fifo_rel_seq   (rel_trc_seq)
);

assign dec_fwords = {{(12-FAW){1'b0}}, fwords};
assign wbytes = W[5:0];
assign r0 = rd_all[63:0];
assign r1 = rd_all[127:64];
assign r2 = rd_all[191:128];
assign r3 = rd_all[255:192];

wire unused_ok = ^{1'b0, td_all, tkeep, rel_words, rd_addr, rd_x, 1'b0};

endmodule

`resetall
