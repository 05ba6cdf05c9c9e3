// vnic_board_5a75b: vNIC board top for the Colorlight 5A-75B v8.0 (LFE5U-25F, RTL8211FD RGMII PHY).
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
//   clk25 -> vnic_board_core (vnic_pll 25 -> 50 MHz system clock and 125 MHz
//            RGMII transmit clock, VCO 500 MHz; reset while the PLL is unlocked)
//   vnic_board_core: UART (J19) register bridge, block-RAM host memory,
//   PHY 0 (U11) RGMII, the device
//
// status[3:0] (vnic_board_core) drive HUB75 connector J1 pins 1, 2, 3 and 5
// (through the board's 74HC245 buffers, 5 V). The PHY reset is held
// released: on v8.0 the PHY also makes the 25 MHz clock. The RTL8211FD adds
// the transmit clock delay (TXDLY strap); the FPGA delays the receive data.
// The device runs at a reduced configuration sized for the LFE5U-25F (see
// docs/fpga.md).
module vnic_board_5a75b #(
    parameter integer NUM_VNIC       = 2,     // vNICs
    parameter integer DATA_W         = 64,    // datapath width in bits
    parameter integer RX_BUF_BYTES   = 8192,  // RX buffer in bytes
    parameter integer TX_BUF_BYTES   = 8192,  // TX buffer in bytes
    parameter integer RX_FIFO_BYTES  = 4096,  // ingress FIFO in bytes
    parameter integer MAX_FRAME      = 1522,  // largest frame in bytes
    parameter integer NUM_WIN        = 2,     // DMA windows per vNIC
    parameter integer HOST_MEM_BYTES = 16384, // on-chip host memory in bytes
    parameter integer CLKS_PER_BIT   = 434,   // UART: 50 MHz / 115200 baud
    parameter integer RX_DELAY_TAPS  = 80     // RGMII receive data delay (~2 ns)
) (
    input  wire       clk25,

    // UART on J19 (3.3 V)
    input  wire       uart_rx,
    output wire       uart_tx,

    // status outputs (HUB75 J1)
    output wire [3:0] status,

    // Ethernet PHY 0 (RGMII)
    output wire       eth_rst_n,
    input  wire       rgmii_rxc,
    input  wire [3:0] rgmii_rxd,
    input  wire       rgmii_rx_ctl,
    output wire       rgmii_txc,
    output wire [3:0] rgmii_txd,
    output wire       rgmii_tx_ctl
);

    assign eth_rst_n = 1'b1;

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
        .RX_DELAY_TAPS     (RX_DELAY_TAPS),
        .TX_CLK_DELAY_TAPS (0),
        .CLKI_MHZ          ("25"),
        .CLKI_DIV          (1),
        .CLKFB_DIV         (2),
        .CLKOP_DIV         (10),
        .CLKOS_DIV         (4),
        .SYS_MHZ           ("50")
    ) u_core (
        .clk_in       (clk25),
        .rst_btn      (1'b0),
        .rst          (),
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
