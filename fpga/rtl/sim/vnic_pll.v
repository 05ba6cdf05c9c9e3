// vnic_pll: board clock generator, behavioural model for simulation.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Same ports and parameters as the ECP5 version (fpga/rtl/ecp5/vnic_pll.v,
// EHXPLLL). The dividers make the frequencies, as in the PLL: `clk_sys` =
// CLKI_MHZ / CLKI_DIV x CLKFB_DIV, `clk_eth` = clk_sys x CLKOP_DIV /
// CLKOS_DIV, both free-running from time 0; `locked` rises after 16
// `clk_in` cycles. The names CLKOP_MHZ and CLKOS_MHZ (decimal strings such
// as "50", "125" or "62.5"; attributes for the tools in the ECP5 version)
// must agree with the dividers, and the VCO must be in 400..800 MHz:
// otherwise the simulation stops at time 0. The outputs are not
// phase-locked to `clk_in` (the design treats `locked` and both outputs
// as asynchronous to the board clock anyway).
module vnic_pll #(
    parameter          CLKI_MHZ  = "25",  // input frequency in MHz
    parameter integer  CLKI_DIV  = 1,     // reference divider
    parameter integer  CLKFB_DIV = 5,     // feedback divider (from CLKOP)
    parameter integer  CLKOP_DIV = 5,     // VCO / clk_sys
    parameter integer  CLKOS_DIV = 5,     // VCO / clk_eth
    parameter          CLKOP_MHZ = "125", // clk_sys in MHz (checked against the dividers)
    parameter          CLKOS_MHZ = "125"  // clk_eth in MHz (checked against the dividers)
) (
    input  wire clk_in,
    output reg  clk_sys,
    output reg  clk_eth,
    output wire locked
);

    // A decimal string of up to 8 characters ("125", "62.5") as a real.
    function real mhz(input [63:0] s);
        integer k, frac;
        real    v, scale;
        reg [7:0] c;
        begin
            v = 0.0; scale = 1.0; frac = 0;
            for (k = 7; k >= 0; k = k - 1) begin
                c = s[8*k +: 8];
                if (c == 8'h2E) begin
                    frac = 1;
                end else if (c >= 8'h30 && c <= 8'h39) begin
                    v = v * 10.0 + (c - 8'h30);
                    if (frac != 0) scale = scale * 10.0;
                end
            end
            mhz = v / scale;
        end
    endfunction

    localparam real SYS_MHZ     = mhz(CLKI_MHZ) / CLKI_DIV * CLKFB_DIV;
    localparam real VCO_MHZ     = SYS_MHZ * CLKOP_DIV;
    localparam real ETH_MHZ     = VCO_MHZ / CLKOS_DIV;
    localparam real SYS_HALF_NS = 500.0 / SYS_MHZ;
    localparam real ETH_HALF_NS = 500.0 / ETH_MHZ;

    initial begin
        if (VCO_MHZ < 400.0 || VCO_MHZ > 800.0 ||
            SYS_MHZ - mhz(CLKOP_MHZ) > 0.001 || mhz(CLKOP_MHZ) - SYS_MHZ > 0.001 ||
            ETH_MHZ - mhz(CLKOS_MHZ) > 0.001 || mhz(CLKOS_MHZ) - ETH_MHZ > 0.001) begin
            $display("vnic_pll: the dividers make %f and %f MHz (VCO %f MHz), named %0s and %0s MHz",
                     SYS_MHZ, ETH_MHZ, VCO_MHZ, CLKOP_MHZ, CLKOS_MHZ);
            $finish;
        end
    end

    reg [4:0] cnt_q = 5'd0;

    always @(posedge clk_in) begin
        if (!cnt_q[4]) begin
            cnt_q <= cnt_q + 5'd1;
        end
    end

    assign locked = cnt_q[4];

    initial begin
        clk_sys = 1'b0;
        forever #(SYS_HALF_NS) clk_sys = !clk_sys;
    end

    initial begin
        clk_eth = 1'b0;
        forever #(ETH_HALF_NS) clk_eth = !clk_eth;
    end

endmodule

`default_nettype wire
