// vnic_win_ram: one copy of every vNIC's committed DMA windows, read by vNIC index (distributed RAM).
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * A DMA engine translates through "the windows of vNIC v". Selecting them
 * from the register block's flat configuration bus would be a
 * NUM_VNIC-way multiplexer of NUM_WIN x 160 bits at every place that
 * translates (about 7 LUT4 per bit at 8 vNICs). This memory holds the same
 * windows instead, written by the register block's COMMIT (win_we with the
 * command vNIC and the stage's windows, in the cycle the active copy takes
 * them), and read asynchronously: rd_* shows the windows of rd_vnic in the
 * same cycle, from the cycle after the write on -- exactly what the active
 * copy shows. On ECP5 Yosys maps it to TRELLIS_DPR16X4 (16 x 4 bits each),
 * one per 4 stored bits and read port (NUM_RD ports: the memory is
 * replicated per port); a 2-deep copy it may keep in flip-flops instead.
 *
 * Only bits 12 and up are stored (COMMIT refuses windows that are not
 * 4 KiB multiples, and the translation reads only those bits); the low 12
 * bits read as 0. The contents are not reset: a vNIC not written since
 * reset reads as "every window off" (SIZE 0, as the reset configuration),
 * through one valid flag per vNIC; so does an index >= NUM_VNIC.
 */
module vnic_win_ram #(
    parameter integer NUM_VNIC = 8,       // number of vNICs, 1..32
    parameter integer NUM_WIN  = 4,       // windows per vNIC, 1..4
    parameter integer VW       = 3,       // index bits of win_wv / each rd_vnic
    parameter integer NUM_RD   = 1        // read ports
) (
    input  wire                   clk,
    input  wire                   rst,

    // write: the windows of vNIC win_wv, (w) at [w*64 +: 64] / [w*32 +: 32]
    input  wire                   win_we,
    input  wire [VW-1:0]          win_wv,
    input  wire [NUM_WIN*64-1:0]  win_wgbase,
    input  wire [NUM_WIN*64-1:0]  win_whbase,
    input  wire [NUM_WIN*32-1:0]  win_wsize,

    // read, combinational: port r reads vNIC rd_vnic[r*VW +: VW], its windows
    // at [(r*NUM_WIN+w)*64 +: 64] / [.. *32 +: 32]
    input  wire [NUM_RD*VW-1:0]         rd_vnic,
    output reg  [NUM_RD*NUM_WIN*64-1:0] rd_gbase,
    output reg  [NUM_RD*NUM_WIN*64-1:0] rd_hbase,
    output reg  [NUM_RD*NUM_WIN*32-1:0] rd_size
);

localparam integer WB = 52 + 52 + 20;                    // stored bits per window
localparam integer DW = NUM_WIN * WB;
localparam [31:0]  NV_32 = NUM_VNIC;

reg [DW-1:0]       mem [0:NUM_VNIC-1];
reg [NUM_VNIC-1:0] valid_q;

// {SIZE[31:12], HBASE[63:12], GBASE[63:12]} of each window
reg [DW-1:0] wd;
integer      w;
always @* begin
    for (w = 0; w < NUM_WIN; w = w + 1)
        wd[w*WB +: WB] = {win_wsize[w*32 + 12 +: 20], win_whbase[w*64 + 12 +: 52], win_wgbase[w*64 + 12 +: 52]};
end

wire wr_in = {{(32 - VW){1'b0}}, win_wv} < NV_32;
always @(posedge clk) begin
    if (win_we && !rst && wr_in)
        mem[win_wv] <= wd;
end

always @(posedge clk) begin
    if (rst)
        valid_q <= {NUM_VNIC{1'b0}};
    else if (win_we && wr_in)
        valid_q[win_wv] <= 1'b1;
end

// a vNIC index of a read port: its windows are on (else they read SIZE 0)
function rd_on;
    input [VW-1:0] x;
    begin
        rd_on = {{(32 - VW){1'b0}}, x} < NV_32 && valid_q[({{(32 - VW){1'b0}}, x} < NV_32) ? x : {VW{1'b0}}];
    end
endfunction

integer      r, rw;
reg [VW-1:0] ri;
reg [DW-1:0] rd;
always @* begin
    rd_gbase = {NUM_RD*NUM_WIN*64{1'b0}};
    rd_hbase = {NUM_RD*NUM_WIN*64{1'b0}};
    rd_size  = {NUM_RD*NUM_WIN*32{1'b0}};
    for (r = 0; r < NUM_RD; r = r + 1) begin
        ri = rd_vnic[r*VW +: VW];
        rd = mem[({{(32 - VW){1'b0}}, ri} < NV_32) ? ri : {VW{1'b0}}];
        for (rw = 0; rw < NUM_WIN; rw = rw + 1) begin
            rd_gbase[(r*NUM_WIN + rw)*64 + 12 +: 52] = rd[rw*WB +: 52];
            rd_hbase[(r*NUM_WIN + rw)*64 + 12 +: 52] = rd[rw*WB + 52 +: 52];
            rd_size[(r*NUM_WIN + rw)*32 + 12 +: 20]  = rd_on(ri) ? rd[rw*WB + 104 +: 20] : 20'd0;
        end
    end
end

endmodule

`resetall
