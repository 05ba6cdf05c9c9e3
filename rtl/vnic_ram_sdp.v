// vnic_ram_sdp: simple dual-port RAM (one write port, one registered read port), inferred as block RAM.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * DEPTH words of DW bits. Write: wr_en, wr_addr, wr_data at the clock edge.
 * Read: rd_en and rd_addr at edge n give rd_data from edge n on (one cycle
 * latency); rd_data holds while rd_en is low. A read of the address written
 * in the same cycle returns the old word. Contents are not reset.
 * Written so that Yosys, Verilator and Icarus infer one memory
 * ($mem with one read and one write port; ECP5 DP16KD / iCE40 SB_RAM40_4K).
 */
module vnic_ram_sdp #(
    parameter integer DW    = 64,    // word width, bits
    parameter integer DEPTH = 1024,  // words (power of two)
    parameter integer AW    = 10     // address width, bits: log2(DEPTH)
) (
    input  wire          clk,
    input  wire          wr_en,
    input  wire [AW-1:0] wr_addr,
    input  wire [DW-1:0] wr_data,
    input  wire          rd_en,
    input  wire [AW-1:0] rd_addr,
    output wire [DW-1:0] rd_data
);

generate
    if ((1 << AW) != DEPTH) begin : gen_err_depth
        vnic_error_ram_DEPTH_must_be_2_pow_AW u_error ();
    end
endgenerate

reg [DW-1:0] mem [0:DEPTH-1];
reg [DW-1:0] rd_data_q;

always @(posedge clk) begin
    if (wr_en)
        mem[wr_addr] <= wr_data;
end

always @(posedge clk) begin
    if (rd_en)
        rd_data_q <= mem[rd_addr];
end

assign rd_data = rd_data_q;

endmodule

`resetall
