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
 * per port); a 2-deep copy it may keep in flip-flops instead.
 *
 * The contents are not reset. One valid flag per entry, cleared by rst and
 * set by the entry's first write, stands for the reset value: until then the
 * bits in RESET_MASK read as RESET_VAL (the others read the memory as it is,
 * for fields the reader does not use while the masked ones hold their reset
 * value). An index >= DEPTH reads as an entry never written.
 */
module vnic_copy_ram #(
    parameter integer  DEPTH      = 8,          // entries (vNICs), 1..32
    parameter integer  AW         = 3,          // index bits of wa / each ra, >= log2(DEPTH)
    parameter integer  DW         = 8,          // bits per entry
    parameter integer  NUM_RD     = 1,          // read ports
    parameter [DW-1:0] RESET_VAL  = {DW{1'b0}}, // value of an entry not written since reset
    parameter [DW-1:0] RESET_MASK = {DW{1'b1}}  // the bits that read RESET_VAL until then
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
reg [DEPTH-1:0] valid_q;

function in_range;
    input [AW-1:0] a;
    begin
        in_range = {{(32 - AW){1'b0}}, a} < DEPTH_32;
    end
endfunction

// the memory index of a (0 for an index out of range)
function [MW-1:0] idx;
    input [AW-1:0] a;
    begin
        idx = in_range(a) ? a[MW-1:0] : {MW{1'b0}};
    end
endfunction

always @(posedge clk) begin
    if (we && !rst && in_range(wa))
        mem[idx(wa)] <= wd;
end

always @(posedge clk) begin
    if (rst)
        valid_q <= {DEPTH{1'b0}};
    else if (we && in_range(wa))
        valid_q[idx(wa)] <= 1'b1;
end

integer      r;
reg [AW-1:0] a_r;
reg [DW-1:0] rs;                      // the bits of port r that read RESET_VAL
always @* begin
    for (r = 0; r < NUM_RD; r = r + 1) begin
        a_r = ra[r*AW +: AW];
        rs  = (in_range(a_r) && valid_q[idx(a_r)]) ? {DW{1'b0}} : RESET_MASK;
        rd[r*DW +: DW] = (mem[idx(a_r)] & ~rs) | (RESET_VAL & rs);
    end
end

endmodule

`resetall
