// vnic_pll: board clock (25 or 100 MHz) to the 125 MHz system clock on ECP5 (EHXPLLL).
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// VCO 625 MHz = CLKI_MHZ / CLKI_DIV x 5 (CLKFB_DIV 5 from CLKOP) x
// CLKOP_DIV 5; values from `ecppll -i 25 -o 125` (CLKI_DIV 1) and
// `ecppll -i 100 -o 125` (CLKI_DIV 4), which differ only in CLKI_DIV.
// `locked` is the PLL's LOCK output, asynchronous to both clocks.
// Behavioural twin: fpga/rtl/sim/vnic_pll.v.
module vnic_pll #(
    parameter CLKI_MHZ         = "25", // input frequency in MHz (attribute for the tools)
    parameter integer CLKI_DIV = 1     // reference divider: CLKI_MHZ / CLKI_DIV = 25 MHz
) (
    input  wire clk_in,   // CLKI_MHZ
    output wire clk_out,  // 125 MHz
    output wire locked
);

    (* FREQUENCY_PIN_CLKI = CLKI_MHZ *)
    (* FREQUENCY_PIN_CLKOP = "125" *)
    (* ICP_CURRENT = "12" *) (* LPF_RESISTOR = "8" *) (* MFG_ENABLE_FILTEROPAMP = "1" *) (* MFG_GMCREF_SEL = "2" *)
    EHXPLLL #(
        .PLLRST_ENA       ("DISABLED"),
        .INTFB_WAKE       ("DISABLED"),
        .STDBY_ENABLE     ("DISABLED"),
        .DPHASE_SOURCE    ("DISABLED"),
        .OUTDIVIDER_MUXA  ("DIVA"),
        .OUTDIVIDER_MUXB  ("DIVB"),
        .OUTDIVIDER_MUXC  ("DIVC"),
        .OUTDIVIDER_MUXD  ("DIVD"),
        .CLKI_DIV         (CLKI_DIV),
        .CLKOP_ENABLE     ("ENABLED"),
        .CLKOP_DIV        (5),
        .CLKOP_CPHASE     (2),
        .CLKOP_FPHASE     (0),
        .FEEDBK_PATH      ("CLKOP"),
        .CLKFB_DIV        (5)
    ) u_pll (
        .RST          (1'b0),
        .STDBY        (1'b0),
        .CLKI         (clk_in),
        .CLKOP        (clk_out),
        .CLKFB        (clk_out),
        .CLKINTFB     (),
        .PHASESEL0    (1'b0),
        .PHASESEL1    (1'b0),
        .PHASEDIR     (1'b1),
        .PHASESTEP    (1'b1),
        .PHASELOADREG (1'b1),
        .PLLWAKESYNC  (1'b0),
        .ENCLKOP      (1'b0),
        .LOCK         (locked)
    );

endmodule

`default_nettype wire
