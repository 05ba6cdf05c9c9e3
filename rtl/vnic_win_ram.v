// vnic_win_ram: one copy of every vNIC's committed DMA windows, read by vNIC index (distributed RAM).
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * A DMA engine translates through "the windows of vNIC v". Selecting them
 * from the register block's flat configuration bus would be a
 * NUM_VNIC-way multiplexer of NUM_WIN x 160 bits at every place that
 * translates (about 7 LUT4 per bit at 8 vNICs). This memory holds the same
 * windows instead (a vnic_copy_ram), written by the register block's COMMIT
 * (win_we with the command vNIC and the stage's windows, in the cycle the
 * active copy takes them), and read asynchronously: rd_* shows the windows
 * of rd_vnic in the same cycle, from the cycle after the write on -- exactly
 * what the active copy shows.
 *
 * Only bits 12 and up are stored (COMMIT refuses windows that are not
 * 4 KiB multiples, and the translation reads only those bits); the low 12
 * bits read as 0. The memory has no reset: the register block writes every
 * vNIC's reset windows (all off) in the NUM_VNIC cycles after reset, before
 * any DMA can start (vnic_regs accepts no register write until then). An
 * index >= NUM_VNIC reads vNIC 0's windows.
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

// stored entry: every window's {HBASE[63:12], GBASE[63:12]}, then above
// them every window's SIZE[31:12]
localparam integer BB = 104;                             // base bits per window
localparam integer SB = 20;                              // size bits per window
localparam integer DW = NUM_WIN * (BB + SB);

reg  [DW-1:0]        wd;
wire [NUM_RD*DW-1:0] rd;
integer w;
always @* begin
    for (w = 0; w < NUM_WIN; w = w + 1) begin
        wd[w*BB +: BB] = {win_whbase[w*64 + 12 +: 52], win_wgbase[w*64 + 12 +: 52]};
        wd[NUM_WIN*BB + w*SB +: SB] = win_wsize[w*32 + 12 +: 20];
    end
end

vnic_copy_ram #(
    .DEPTH(NUM_VNIC), .AW(VW), .DW(DW), .NUM_RD(NUM_RD)
) u_copy (
    .clk(clk), .rst(rst),
    .we(win_we), .wa(win_wv), .wd(wd),
    .ra(rd_vnic), .rd(rd)
);

integer r, rw;
always @* begin
    rd_gbase = {NUM_RD*NUM_WIN*64{1'b0}};
    rd_hbase = {NUM_RD*NUM_WIN*64{1'b0}};
    rd_size  = {NUM_RD*NUM_WIN*32{1'b0}};
    for (r = 0; r < NUM_RD; r = r + 1)
        for (rw = 0; rw < NUM_WIN; rw = rw + 1) begin
            rd_gbase[(r*NUM_WIN + rw)*64 + 12 +: 52] = rd[r*DW + rw*BB +: 52];
            rd_hbase[(r*NUM_WIN + rw)*64 + 12 +: 52] = rd[r*DW + rw*BB + 52 +: 52];
            rd_size[(r*NUM_WIN + rw)*32 + 12 +: 20]  = rd[r*DW + NUM_WIN*BB + rw*SB +: SB];
        end
end

endmodule

`resetall
