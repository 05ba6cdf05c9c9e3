// vnic_pll: board clock to the system clock and the 125 MHz Ethernet clock on ECP5 (EHXPLLL).
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// CLKOP (`clk_sys`, fed back) = CLKI_MHZ / CLKI_DIV x CLKFB_DIV;
// VCO = CLKOP x CLKOP_DIV (400..800 MHz); CLKOS (`clk_eth`) = VCO /
// CLKOS_DIV. CLKOP_MHZ and CLKOS_MHZ only name the results for the tools;
// the dividers make them. The board tops' values (docs/fpga.md §5.2):
//   100 MHz: CLKI_DIV 2, CLKFB_DIV 1, CLKOP_DIV 10, CLKOS_DIV 4 -> 50 / 125 MHz
//    25 MHz: CLKI_DIV 1, CLKFB_DIV 2, CLKOP_DIV 10, CLKOS_DIV 4 -> 50 / 125 MHz
// (VCO 500 MHz). Phases follow `yowasp-ecppll`: CLKOP_CPHASE =
// (CLKOP_DIV - 1) / 2 and CLKOS_CPHASE the same, for 0 degrees between the
// outputs. `locked` is the PLL's LOCK output, asynchronous to every clock.
// Behavioural twin: fpga/rtl/sim/vnic_pll.v.
module vnic_pll #(
    parameter          CLKI_MHZ  = "25",  // input frequency in MHz (attribute for the tools)
    parameter integer  CLKI_DIV  = 1,     // reference divider
    parameter integer  CLKFB_DIV = 5,     // feedback divider (from CLKOP)
    parameter integer  CLKOP_DIV = 5,     // VCO / clk_sys
    parameter integer  CLKOS_DIV = 5,     // VCO / clk_eth
    parameter          CLKOP_MHZ = "125", // clk_sys in MHz (attribute; the dividers decide)
    parameter          CLKOS_MHZ = "125"  // clk_eth in MHz (attribute; the dividers decide)
) (
    input  wire clk_in,   // CLKI_MHZ
    output wire clk_sys,  // CLKOP_MHZ: the device, host side and MAC's device side
    output wire clk_eth,  // CLKOS_MHZ (125): RGMII transmit
    output wire locked
);

    localparam integer CPHASE = (CLKOP_DIV - 1) / 2;

    (* FREQUENCY_PIN_CLKI = CLKI_MHZ *)
    (* FREQUENCY_PIN_CLKOP = CLKOP_MHZ *)
    (* FREQUENCY_PIN_CLKOS = CLKOS_MHZ *)
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
        .CLKOP_DIV        (CLKOP_DIV),
        .CLKOP_CPHASE     (CPHASE),
        .CLKOP_FPHASE     (0),
        .CLKOS_ENABLE     ("ENABLED"),
        .CLKOS_DIV        (CLKOS_DIV),
        .CLKOS_CPHASE     (CPHASE),
        .CLKOS_FPHASE     (0),
        .FEEDBK_PATH      ("CLKOP"),
        .CLKFB_DIV        (CLKFB_DIV)
    ) u_pll (
        .RST          (1'b0),
        .STDBY        (1'b0),
        .CLKI         (clk_in),
        .CLKOP        (clk_sys),
        .CLKOS        (clk_eth),
        .CLKFB        (clk_sys),
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
