// vnic_copy_ram: a per-vNIC copy of committed state, written at COMMIT, read by vNIC index (distributed RAM).
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * Reading "the value of vNIC k" out of NUM_VNIC flat registers is a
 * NUM_VNIC-way multiplexer per bit at every reader. This memory holds the
 * same values instead: the writer stores vNIC wa's value (we, wd) in the
 * cycle its own registers take it, and every read port shows the value of
 * its index combinationally, from the cycle after the write on -- exactly
 * what the registers show. On ECP5 Yosys maps it to TRELLIS_DPR16X4 (16 x 4
 * bits each), one per 4 stored bits and read port (the memory is replicated
 * per port), with no logic per bit.
 *
 * The contents are not reset, and there is no valid flag: the owner writes
 * every entry's reset value after reset, before anything reads it
 * (vnic_regs' initialisation, one entry a cycle). A "not written yet" flag
 * selecting the reset value would cost a multiplexer per bit and port
 * (Yosys/ABC duplicate the flag's selection into each bit: about 2 LUT4 per
 * bit and port). An index >= DEPTH reads entry 0.
 */
module vnic_copy_ram #(
    parameter integer  DEPTH      = 8,          // entries (vNICs), 1..32
    parameter integer  AW         = 3,          // index bits of wa / each ra, >= log2(DEPTH)
    parameter integer  DW         = 8,          // bits per entry
    parameter integer  NUM_RD     = 1           // read ports
) (
    input  wire                 clk,
    input  wire                 rst,

    input  wire                 we,
    input  wire [AW-1:0]        wa,
    input  wire [DW-1:0]        wd,

    // read port r: index ra[r*AW +: AW], value rd[r*DW +: DW]
    input  wire [NUM_RD*AW-1:0] ra,
    output reg  [NUM_RD*DW-1:0] rd
);

localparam [31:0]  DEPTH_32 = DEPTH;
localparam integer MW = (DEPTH > 1) ? $clog2(DEPTH) : 1;   // memory index bits

reg [DW-1:0]    mem [0:DEPTH-1];

// the memory index of a (0 for an index out of range)
function [MW-1:0] idx;
    input [AW-1:0] a;
    begin
        idx = ({{(32 - AW){1'b0}}, a} < DEPTH_32) ? a[MW-1:0] : {MW{1'b0}};
    end
endfunction

always @(posedge clk) begin
    if (we && !rst && {{(32 - AW){1'b0}}, wa} < DEPTH_32)
        mem[idx(wa)] <= wd;
end

integer r;
always @* begin
    for (r = 0; r < NUM_RD; r = r + 1)
        rd[r*DW +: DW] = mem[idx(ra[r*AW +: AW])];
end

endmodule

`resetall
