// vnic_board_ecpix5: vNIC board top for the LambdaConcept ECPIX-5 (LFE5UM5G-85F, RGMII gigabit PHY).
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
//   clk100 -> vnic_pll -> clk (50 MHz, the system clock) and the 125 MHz
//             RGMII transmit clock (VCO 500 MHz); reset while the PLL is unlocked
//             or the reset button is pressed
//   vnic_board_core: UART (the FT2232's second channel, on the USB port)
//   register bridge, block-RAM host memory, the RGMII PHY, the device
//
// The ECPIX-5's PHY delays its receive clock itself but not the transmit
// clock: the FPGA delays TXC by 2 ns (TX_CLK_DELAY_TAPS 80) and samples
// the receive data undelayed (RX_DELAY_TAPS 0). MDC/MDIO are not used: the
// PHY comes up auto-negotiating with its strapped defaults.
//
// The four RGB LEDs (active low): green n = status[n] of vnic_board_core
// (0: alive, toggles every 1.34 s; 1: interrupt message; 2: received
// frame; 3: transmitted frame); LED 0 red while the device is in reset.
// The system clock is 50 MHz: the device routes at 61 to 68 MHz on this
// board, not yet at 125 (docs/fpga.md §3.5), and one gigabit port needs a
// beat every 64 ns, 15.6 MHz at 64 bits (vnic_rgmii_mac).
// The device runs at its default configuration with 2 vNICs instead of 8:
// at 8 it needs 129 % of the LFE5UM5G-85F's logic, at 4 it fits (84 %) but
// did not route in the flow's time (docs/fpga.md §5.6).
module vnic_board_ecpix5 #(
    parameter integer NUM_VNIC       = 2,     // vNICs (8, the default, does not fit the 85F yet)
    parameter integer DATA_W         = 64,    // datapath width in bits
    parameter integer RX_BUF_BYTES   = 65536, // RX buffer in bytes
    parameter integer TX_BUF_BYTES   = 65536, // TX buffer in bytes
    parameter integer RX_FIFO_BYTES  = 32768, // ingress FIFO in bytes
    parameter integer MAX_FRAME      = 9022,  // largest frame in bytes
    parameter integer NUM_WIN        = 4,     // DMA windows per vNIC
    parameter integer HOST_MEM_BYTES = 65536, // on-chip host memory in bytes
    parameter integer CLKS_PER_BIT   = 434    // UART: 50 MHz / 115200 baud
) (
    input  wire       clk100,
    input  wire       rst_n,      // reset button, low while pressed

    // UART through the FT2232 (USB)
    input  wire       uart_rx,
    output wire       uart_tx,

    // RGB LEDs, active low
    output wire [3:0] led_r_n,
    output wire [3:0] led_g_n,
    output wire [3:0] led_b_n,

    // Ethernet PHY (RGMII)
    output wire       eth_rst_n,
    input  wire       rgmii_rxc,
    input  wire [3:0] rgmii_rxd,
    input  wire       rgmii_rx_ctl,
    output wire       rgmii_txc,
    output wire [3:0] rgmii_txd,
    output wire       rgmii_tx_ctl
);

    wire       rst;
    wire [3:0] status;

    assign eth_rst_n = 1'b1;
    assign led_r_n   = {3'b111, !rst};
    assign led_g_n   = ~status;
    assign led_b_n   = 4'b1111;

    vnic_board_core #(
        .NUM_VNIC          (NUM_VNIC),
        .DATA_W            (DATA_W),
        .RX_BUF_BYTES      (RX_BUF_BYTES),
        .TX_BUF_BYTES      (TX_BUF_BYTES),
        .RX_FIFO_BYTES     (RX_FIFO_BYTES),
        .MAX_FRAME         (MAX_FRAME),
        .NUM_WIN           (NUM_WIN),
        .HOST_MEM_BYTES    (HOST_MEM_BYTES),
        .CLKS_PER_BIT      (CLKS_PER_BIT),
        .RX_DELAY_TAPS     (0),
        .TX_CLK_DELAY_TAPS (80),
        .CLKI_MHZ          ("100"),
        .CLKI_DIV          (2),
        .CLKFB_DIV         (1),
        .CLKOP_DIV         (10),
        .CLKOS_DIV         (4),
        .SYS_MHZ           ("50")
    ) u_core (
        .clk_in       (clk100),
        .rst_btn      (!rst_n),
        .rst          (rst),
        .uart_rx      (uart_rx),
        .uart_tx      (uart_tx),
        .status       (status),
        .rgmii_rxc    (rgmii_rxc),
        .rgmii_rxd    (rgmii_rxd),
        .rgmii_rx_ctl (rgmii_rx_ctl),
        .rgmii_txc    (rgmii_txc),
        .rgmii_txd    (rgmii_txd),
        .rgmii_tx_ctl (rgmii_tx_ctl)
    );

endmodule

`default_nettype wire
