// vnic_ddr_in: double-data-rate input register on ECP5 (DELAYG + IDDRX1F).
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Each bit goes through a static input delay (DELAYG, DELAY_TAPS steps of
// about 25 ps, to centre RGMII data on the clock edges when the PHY adds
// no receive delay) into an IDDRX1F: the rising-edge sample appears on q0
// and the following falling-edge sample on q1, both updated on the next
// rising edge. Behavioural twin for simulation: fpga/rtl/sim/vnic_ddr_in.v.
module vnic_ddr_in #(
    parameter integer WIDTH      = 1, // bits
    parameter integer DELAY_TAPS = 0  // input delay taps (0..127, ~25 ps each)
) (
    input  wire             clk,
    input  wire [WIDTH-1:0] d,
    output wire [WIDTH-1:0] q0,
    output wire [WIDTH-1:0] q1
);

    initial begin
        if (DELAY_TAPS < 0 || DELAY_TAPS > 127) begin
            $display("vnic_ddr_in: DELAY_TAPS must be 0..127");
            $finish;
        end
    end

    genvar i;
    generate
        for (i = 0; i < WIDTH; i = i + 1) begin : gen_bit
            wire d_dly;
            if (DELAY_TAPS > 0) begin : gen_dly
                DELAYG #(
                    .DEL_MODE  ("USER_DEFINED"),
                    .DEL_VALUE (DELAY_TAPS)
                ) u_dly (
                    .A (d[i]),
                    .Z (d_dly)
                );
            end else begin : gen_nodly
                assign d_dly = d[i];
            end
            IDDRX1F u_iddr (
                .D    (d_dly),
                .SCLK (clk),
                .RST  (1'b0),
                .Q0   (q0[i]),
                .Q1   (q1[i])
            );
        end
    endgenerate

endmodule

`default_nettype wire
