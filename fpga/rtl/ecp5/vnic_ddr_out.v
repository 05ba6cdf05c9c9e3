// vnic_ddr_out: double-data-rate output register on ECP5 (ODDRX1F).
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// d0 and d1 are sampled on the rising edge; the pin carries d0 in the high
// half of the clock and d1 in the low half. Behavioural twin for
// simulation: fpga/rtl/sim/vnic_ddr_out.v.
module vnic_ddr_out #(
    parameter integer WIDTH = 1 // bits
) (
    input  wire             clk,
    input  wire [WIDTH-1:0] d0,
    input  wire [WIDTH-1:0] d1,
    output wire [WIDTH-1:0] q
);

    genvar i;
    generate
        for (i = 0; i < WIDTH; i = i + 1) begin : gen_bit
            ODDRX1F u_oddr (
                .D0   (d0[i]),
                .D1   (d1[i]),
                .SCLK (clk),
                .RST  (1'b0),
                .Q    (q[i])
            );
        end
    endgenerate

endmodule

`default_nettype wire
