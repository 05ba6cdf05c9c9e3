// vnic_ddr_out: double-data-rate output register on ECP5 (ODDRX1F).
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// d0 and d1 are sampled on the rising edge; the pin carries d0 in the high
// half of the clock and d1 in the low half; DELAY_TAPS > 0 delays the pin
// after the register (DELAYG, about 25 ps per tap: 80 = 2 ns, the RGMII
// transmit clock skew when the PHY adds none). Behavioural twin for
// simulation: fpga/rtl/sim/vnic_ddr_out.v.
module vnic_ddr_out #(
    parameter integer WIDTH      = 1, // bits
    parameter integer DELAY_TAPS = 0  // output delay taps (0..127, ~25 ps each)
) (
    input  wire             clk,
    input  wire [WIDTH-1:0] d0,
    input  wire [WIDTH-1:0] d1,
    output wire [WIDTH-1:0] q
);

    genvar i;
    generate
        for (i = 0; i < WIDTH; i = i + 1) begin : gen_bit
            wire q_reg;
            ODDRX1F u_oddr (
                .D0   (d0[i]),
                .D1   (d1[i]),
                .SCLK (clk),
                .RST  (1'b0),
                .Q    (q_reg)
            );
            if (DELAY_TAPS > 0) begin : gen_dly
                DELAYG #(
                    .DEL_MODE  ("USER_DEFINED"),
                    .DEL_VALUE (DELAY_TAPS)
                ) u_dly (
                    .A (q_reg),
                    .Z (q[i])
                );
            end else begin : gen_nodly
                assign q[i] = q_reg;
            end
        end
    endgenerate

endmodule

`default_nettype wire
