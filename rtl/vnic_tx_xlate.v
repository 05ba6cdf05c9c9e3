// vnic_tx_xlate: guest-to-host translation of one TX DMA access through its vNIC's windows.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §6: window w of vNIC v maps guest
 * [GBASE_w, GBASE_w + SIZE_w) to host HBASE_w + (g - GBASE_w); an access of
 * n bytes at guest g is legal iff [g, g + n) lies inside one window
 * (SIZE_w != 0). The requesting vNIC's windows are selected here and
 * checked by vnic_dma_xlate (vnic_rx_dma applies the same rule in its own
 * function `xl`, which uses only address bits 12 and up).
 *
 * One request per cycle (req_valid, vNIC, guest address, length); the
 * answer is registered: rsp_valid one cycle later with rsp_ok and the host
 * address. Latency 1 cycle, throughput 1 per cycle.
 */
module vnic_tx_xlate #(
    parameter integer NUM_VNIC = 8,       // number of vNICs, 1..32
    parameter integer NUM_WIN  = 4        // windows per vNIC, 1..4
) (
    input  wire                           clk,
    input  wire                           rst,

    // windows, (v, w) at [(v*NUM_WIN+w)*64 +: 64] / [.. *32 +: 32]
    input  wire [NUM_VNIC*NUM_WIN*64-1:0] cfg_win_gbase,
    input  wire [NUM_VNIC*NUM_WIN*64-1:0] cfg_win_hbase,
    input  wire [NUM_VNIC*NUM_WIN*32-1:0] cfg_win_size,   // bytes, 0 = window off

    // request
    input  wire                           req_valid,
    input  wire [4:0]                     req_vnic,
    input  wire [63:0]                    req_addr,       // guest address
    input  wire [15:0]                    req_len,        // bytes, >= 1

    // answer, one cycle later
    output wire                           rsp_valid,
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

reg        vld_q, ok_q;
reg [63:0] ha_q;

// the windows of the requesting vNIC, selected by the low index bits only
// (a select by all five bits lets the LUT mapper fold the decoder into every
// one of the selected bits); an index >= NUM_VNIC is cleared at the
// registered answer instead, as if its windows were off
localparam integer VB = (NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1;
localparam [31:0]  NV_32 = NUM_VNIC;
wire                 in_range = ({1'b0, req_vnic} < NV_32[5:0]);
reg [NUM_WIN*64-1:0] gb, hb;
reg [NUM_WIN*32-1:0] sz;
integer              v;
always @* begin
    gb = {NUM_WIN*64{1'b0}};
    hb = {NUM_WIN*64{1'b0}};
    sz = {NUM_WIN*32{1'b0}};
    for (v = 0; v < NUM_VNIC; v = v + 1)
        if (req_vnic[VB-1:0] == v[VB-1:0]) begin
            gb = cfg_win_gbase[v*NUM_WIN*64 +: NUM_WIN*64];
            hb = cfg_win_hbase[v*NUM_WIN*64 +: NUM_WIN*64];
            sz = cfg_win_size[v*NUM_WIN*32 +: NUM_WIN*32];
        end
end

wire        ok_d;
wire [63:0] ha_d;
wire [31:0] room;

vnic_dma_xlate #(
    .NUM_WIN (NUM_WIN)
) u_xlate (
    .win_gbase (gb),
    .win_hbase (hb),
    .win_size  (sz),
    .g         (req_addr),
    .len       (req_len),
    .ok        (ok_d),
    .h         (ha_d),
    .room      (room)
);

wire unused_room = ^room;

always @(posedge clk) begin
    if (rst) begin
        vld_q <= 1'b0;
        ok_q  <= 1'b0;
        ha_q  <= 64'd0;
    end else begin
        vld_q <= req_valid;
        ok_q  <= ok_d && in_range;
        ha_q  <= in_range ? ha_d : 64'd0;
    end
end

assign rsp_valid = vld_q;
assign rsp_ok    = ok_q;
assign rsp_haddr = ha_q;

endmodule

`resetall
