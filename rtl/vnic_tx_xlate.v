// vnic_tx_xlate: guest-to-host translation of one TX DMA access through its vNIC's windows.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §6: window w of vNIC v maps guest
 * [GBASE_w, GBASE_w + SIZE_w) to host HBASE_w + (g - GBASE_w); an access of
 * n bytes at guest g is legal iff [g, g + n) lies inside one window
 * (SIZE_w != 0). The check is vnic_dma_xlate (the function `xl` of
 * vnic_xlate.vh, which vnic_rx_dma uses too).
 *
 * Two requesters share it, told apart by a tag the answer carries back
 * (0: the issue engine, 1: the write-back). One request per cycle
 * (req_valid, req_tag, guest address, length). Each requester shows its
 * vNIC every cycle, whether it asks or not (req_vnic0, req_vnic1), and each
 * has its own read port of the window copy: the windows of both vNICs are
 * read and registered in parallel, and the registered tag selects between
 * them in the next cycle. A requester's vNIC is therefore ready before it
 * has decided to ask, and the decision (which can be late in the cycle:
 * the write-back asks only when the issue engine does not) reaches neither
 * the copy's read address nor the window registers' inputs, only the
 * request's own registers.
 *
 * Two registered stages: the request and both requesters' windows (their
 * bits 12 and up, all the check uses) are registered in the request
 * cycle, so the answer is against the windows of that cycle; the
 * translation runs on the tag's windows in the next cycle and its answer
 * is registered: rsp_valid two cycles after req_valid, with rsp_ok, the
 * host address and the tag. Latency 2 cycles, throughput 1 per cycle.
 */
module vnic_tx_xlate #(
    parameter integer NUM_VNIC = 8,       // number of vNICs, 1..32
    parameter integer NUM_WIN  = 4        // windows per vNIC, 1..4
) (
    input  wire                           clk,
    input  wire                           rst,

    // windows as the register block's COMMIT writes them (vnic_win_ram):
    // vNIC win_wv's window w at [w*64 +: 64] / [w*32 +: 32]
    input  wire                           win_we,
    input  wire [4:0]                     win_wv,
    input  wire [NUM_WIN*64-1:0]          win_wgbase,
    input  wire [NUM_WIN*64-1:0]          win_whbase,
    input  wire [NUM_WIN*32-1:0]          win_wsize,     // bytes, 0 = window off

    // request
    input  wire                           req_valid,
    input  wire                           req_tag,        // requester (0 / 1), returned with the answer
    input  wire [4:0]                     req_vnic0,      // requester 0's vNIC, every cycle
    input  wire [4:0]                     req_vnic1,      // requester 1's vNIC, every cycle
    input  wire [63:0]                    req_addr,       // guest address
    input  wire [15:0]                    req_len,        // bytes, >= 1

    // answer, two cycles later
    output wire                           rsp_valid,
    output wire                           rsp_tag,
    output wire                           rsp_ok,
    output wire [63:0]                    rsp_haddr
);

generate
    if (NUM_VNIC < 1 || NUM_VNIC > 32) begin : gen_err_num_vnic
        vnic_error_NUM_VNIC_must_be_1_to_32 u_error ();
    end
    if (NUM_WIN < 1 || NUM_WIN > 4) begin : gen_err_num_win
        vnic_error_NUM_WIN_must_be_1_to_4 u_error ();
    end
endgenerate

// the windows of both requesters' vNICs, read from this block's copy (one
// read port each) by the low index bits (vnic_win_ram; bits below 12 read as 0: committed windows
// are 4 KiB multiples, COMMIT: RANGE, and the check does not read them); an
// index >= NUM_VNIC is cleared at the registered answer instead, as if its
// windows were off
localparam integer VB = (NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1;
localparam [31:0]  NV_32 = NUM_VNIC;
wire [2*NUM_WIN*64-1:0] gb, hb;
wire [2*NUM_WIN*32-1:0] sz;
vnic_win_ram #(.NUM_VNIC(NUM_VNIC), .NUM_WIN(NUM_WIN), .VW(VB), .NUM_RD(2)) u_win (
    .clk        (clk),
    .rst        (rst),
    .win_we     (win_we && {27'd0, win_wv} < NV_32),
    .win_wv     (win_wv[VB-1:0]),
    .win_wgbase (win_wgbase),
    .win_whbase (win_whbase),
    .win_wsize  (win_wsize),
    .rd_vnic    ({req_vnic1[VB-1:0], req_vnic0[VB-1:0]}),
    .rd_gbase   (gb),
    .rd_hbase   (hb),
    .rd_size    (sz)
);

// ---------------------------------------------------------------- stage 1: request and windows
// (both read ports' windows and in-range flags: index 0 / 1 = requester)
reg                    v1_q, t1_q;
reg [1:0]              in1_q;
reg [63:0]             g1_q;
reg [15:0]             l1_q;
reg [2*NUM_WIN*64-1:0] gb1_q, hb1_q;
reg [2*NUM_WIN*32-1:0] sz1_q;
always @(posedge clk) begin
    if (rst) begin
        v1_q <= 1'b0;
    end else begin
        v1_q <= req_valid;
    end
    t1_q  <= req_tag;
    in1_q <= {({1'b0, req_vnic1} < NV_32[5:0]), ({1'b0, req_vnic0} < NV_32[5:0])};
    g1_q  <= req_addr;
    l1_q  <= req_len;
    gb1_q <= gb;
    hb1_q <= hb;
    sz1_q <= sz;
end

// ---------------------------------------------------------------- stage 2: translation
wire [NUM_WIN*64-1:0] gb2 = t1_q ? gb1_q[NUM_WIN*64 +: NUM_WIN*64] : gb1_q[0 +: NUM_WIN*64];
wire [NUM_WIN*64-1:0] hb2 = t1_q ? hb1_q[NUM_WIN*64 +: NUM_WIN*64] : hb1_q[0 +: NUM_WIN*64];
wire [NUM_WIN*32-1:0] sz2 = t1_q ? sz1_q[NUM_WIN*32 +: NUM_WIN*32] : sz1_q[0 +: NUM_WIN*32];
wire                  in2 = in1_q[t1_q];
wire        ok_d;
wire [63:0] ha_d;
vnic_dma_xlate #(
    .NUM_WIN (NUM_WIN)
) u_xlate (
    .win_gbase (gb2),
    .win_hbase (hb2),
    .win_size  (sz2),
    .g         (g1_q),
    .len       (l1_q),
    .ok        (ok_d),
    .h         (ha_d)
);

reg        vld_q, tag_q, ok_q;
reg [63:0] ha_q;
always @(posedge clk) begin
    if (rst) begin
        vld_q <= 1'b0;
        tag_q <= 1'b0;
        ok_q  <= 1'b0;
        ha_q  <= 64'd0;
    end else begin
        vld_q <= v1_q;
        tag_q <= t1_q;
        ok_q  <= ok_d && in2;
        ha_q  <= in2 ? ha_d : 64'd0;
    end
end

assign rsp_valid = vld_q;
assign rsp_tag   = tag_q;
assign rsp_ok    = ok_q;
assign rsp_haddr = ha_q;

endmodule

`resetall
