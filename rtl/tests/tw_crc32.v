// tw_crc32: test wrapper of vnic_crc32 for every width 1..32 bytes (directed test only).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module tw_crc32 (
    input  wire        clk,        // unused: the test glue drives a clock on every wrapper
    input  wire [31:0] crc_in,
    input  wire [63:0] d0,         // data bytes 0..7 (byte 0 in [7:0])
    input  wire [63:0] d1,         // bytes 8..15
    input  wire [63:0] d2,         // bytes 16..23
    input  wire [63:0] d3,         // bytes 24..31
    input  wire [5:0]  nb,         // bytes to shift in, 1..32
    output reg  [31:0] crc_out
);

wire [255:0]  data = {d3, d2, d1, d0};
wire [32*32-1:0] outs;

genvar g;
generate
    for (g = 1; g <= 32; g = g + 1) begin : gen_nb
        vnic_crc32 #(.NBYTES(g)) u_crc (
            .crc_in  (crc_in),
            .data_in (data[8*g-1:0]),
            .crc_out (outs[(g-1)*32 +: 32])
        );
    end
endgenerate

integer i;
always @* begin
    crc_out = 32'd0;
    for (i = 1; i <= 32; i = i + 1)
        if (nb == i[5:0]) crc_out = outs[(i-1)*32 +: 32];
end

wire unused_clk = clk;

endmodule

`resetall
