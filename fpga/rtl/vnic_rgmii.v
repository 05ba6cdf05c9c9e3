// vnic_rgmii: RGMII (1000 Mb/s) to GMII adapter built on DDR I/O registers.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Receive: RXC clocks the receive domain (`gmii_rx_clk` = RXC). RXD[3:0]
// carries GMII bits [3:0] on the rising edge and [7:4] on the falling
// edge; RX_CTL carries RX_DV on the rising edge and RX_DV xor RX_ER on
// the falling edge. RX_DELAY_TAPS delays RXD/RX_CTL inside the FPGA
// (ECP5 DELAYG, ~25 ps per tap; 80 = 2 ns) when the PHY does not delay
// RXC itself.
//
// Transmit: `gmii_tx_clk` (125 MHz, the system clock) clocks the GMII
// inputs; TXD/TX_CTL are driven the same way and TXC is the clock through
// a DDR output (1 in the high half, 0 in the low half), edge-aligned with
// the data: either the PHY adds the 2 ns TX clock delay (RTL8211 TXDLY
// strap; TX_CLK_DELAY_TAPS = 0) or the FPGA delays TXC after its DDR
// register (TX_CLK_DELAY_TAPS = 80, ~2 ns).
//
// Only 1000 Mb/s is supported (10/100 Mb/s RGMII is single-data-rate).
//
// Latency: receive 2 RXC cycles (pins -> GMII), transmit 1 cycle.
module vnic_rgmii #(
    parameter integer RX_DELAY_TAPS     = 80, // RXD/RX_CTL input delay taps (0..127)
    parameter integer TX_CLK_DELAY_TAPS = 0   // TXC output delay taps (0..127)
) (
    // RGMII pins
    input  wire       rgmii_rxc,
    input  wire [3:0] rgmii_rxd,
    input  wire       rgmii_rx_ctl,
    output wire       rgmii_txc,
    output wire [3:0] rgmii_txd,
    output wire       rgmii_tx_ctl,

    // GMII receive (gmii_rx_clk domain)
    output wire       gmii_rx_clk,
    output wire [7:0] gmii_rxd,
    output wire       gmii_rx_dv,
    output wire       gmii_rx_er,

    // GMII transmit (gmii_tx_clk domain)
    input  wire       gmii_tx_clk,
    input  wire [7:0] gmii_txd,
    input  wire       gmii_tx_en,
    input  wire       gmii_tx_er
);

    wire [4:0] rx_q0, rx_q1;

    vnic_ddr_in #(
        .WIDTH      (5),
        .DELAY_TAPS (RX_DELAY_TAPS)
    ) u_rx_ddr (
        .clk (rgmii_rxc),
        .d   ({rgmii_rx_ctl, rgmii_rxd}),
        .q0  (rx_q0),
        .q1  (rx_q1)
    );

    assign gmii_rx_clk = rgmii_rxc;
    assign gmii_rxd    = {rx_q1[3:0], rx_q0[3:0]};
    assign gmii_rx_dv  = rx_q0[4];
    assign gmii_rx_er  = rx_q0[4] ^ rx_q1[4];

    vnic_ddr_out #(
        .WIDTH (5)
    ) u_tx_ddr (
        .clk (gmii_tx_clk),
        .d0  ({gmii_tx_en, gmii_txd[3:0]}),
        .d1  ({gmii_tx_en ^ gmii_tx_er, gmii_txd[7:4]}),
        .q   ({rgmii_tx_ctl, rgmii_txd})
    );

    vnic_ddr_out #(
        .WIDTH      (1),
        .DELAY_TAPS (TX_CLK_DELAY_TAPS)
    ) u_txc_ddr (
        .clk (gmii_tx_clk),
        .d0  (1'b1),
        .d1  (1'b0),
        .q   (rgmii_txc)
    );

endmodule

`default_nettype wire
