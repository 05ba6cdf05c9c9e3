// vnic_pll: board clock generator, behavioural model for simulation.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Same ports and parameters as the ECP5 version (fpga/rtl/ecp5/vnic_pll.v,
// EHXPLLL). `clk_sys` and `clk_eth` are free-running at CLKOP_MHZ and
// CLKOS_MHZ (decimal strings such as "50", "125" or "62.5") from time 0;
// `locked` rises after 16 `clk_in` cycles. The divider parameters are not
// used. The outputs are not phase-locked to `clk_in` (the design treats
// `locked` and both outputs as asynchronous to the board clock anyway).
module vnic_pll #(
    parameter          CLKI_MHZ  = "25",  // not used
    parameter integer  CLKI_DIV  = 1,     // not used
    parameter integer  CLKFB_DIV = 5,     // not used
    parameter integer  CLKOP_DIV = 5,     // not used
    parameter integer  CLKOS_DIV = 5,     // not used
    parameter          CLKOP_MHZ = "125", // clk_sys in MHz
    parameter          CLKOS_MHZ = "125"  // clk_eth in MHz
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

    localparam real SYS_HALF_NS = 500.0 / mhz(CLKOP_MHZ);
    localparam real ETH_HALF_NS = 500.0 / mhz(CLKOS_MHZ);

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
