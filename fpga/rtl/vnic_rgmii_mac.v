// vnic_rgmii_mac: minimal Ethernet MAC shim between RGMII pins and the device's AXI4-Stream ports.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
//   RGMII RX -> vnic_rgmii -> vnic_gmii_rx (RXC domain: preamble/SFD strip)
//            -> vnic_async_fifo (RXC -> clk) -> vnic_axis_upsize -> m_axis_rx
//   s_axis_tx -> vnic_gmii_tx (clk: preamble/SFD insert, IFG) -> vnic_rgmii -> RGMII TX
//
// No FCS work is done here: received frames keep their FCS (the device
// checks it) and transmitted frames already carry one (the device appends
// it). `m_axis_rx_tuser` flags a frame received with RX_ER or one that lost
// bytes at the clock crossing; the device drops it as MACERR. `clk` must be
// 125 MHz (it is also the transmit clock).
//
// Latency: receive about 8 cycles from RXD to the beat holding the byte
// plus the beat fill time; transmit 2 cycles to the first preamble byte.
module vnic_rgmii_mac #(
    parameter integer DATA_W            = 64, // AXI4-Stream width in bits
    parameter integer RX_DELAY_TAPS     = 80, // see vnic_rgmii
    parameter integer TX_CLK_DELAY_TAPS = 0   // see vnic_rgmii
) (
    input  wire                clk,
    input  wire                rst,

    // RGMII pins
    input  wire                rgmii_rxc,
    input  wire [3:0]          rgmii_rxd,
    input  wire                rgmii_rx_ctl,
    output wire                rgmii_txc,
    output wire [3:0]          rgmii_txd,
    output wire                rgmii_tx_ctl,

    // received frames (clk domain)
    output wire [DATA_W-1:0]   m_axis_rx_tdata,
    output wire [DATA_W/8-1:0] m_axis_rx_tkeep,
    output wire                m_axis_rx_tvalid,
    input  wire                m_axis_rx_tready,
    output wire                m_axis_rx_tlast,
    output wire                m_axis_rx_tuser,

    // frames to send (clk domain)
    input  wire [DATA_W-1:0]   s_axis_tx_tdata,
    input  wire [DATA_W/8-1:0] s_axis_tx_tkeep,
    input  wire                s_axis_tx_tvalid,
    output wire                s_axis_tx_tready,
    input  wire                s_axis_tx_tlast,
    input  wire                s_axis_tx_tuser,

    // status pulses
    output wire                rx_frame,     // clk domain: a received frame's last beat left
    output wire                rx_overflow,  // RXC domain: a byte was lost at the crossing
    output wire                tx_frame,     // clk domain: a frame's last beat was taken
    output wire                tx_underrun   // clk domain: a frame was spoiled by an underrun
);

    wire       rx_clk;
    wire [7:0] gmii_rxd;
    wire       gmii_rx_dv, gmii_rx_er;
    wire [7:0] gmii_txd;
    wire       gmii_tx_en, gmii_tx_er;

    vnic_rgmii #(
        .RX_DELAY_TAPS     (RX_DELAY_TAPS),
        .TX_CLK_DELAY_TAPS (TX_CLK_DELAY_TAPS)
    ) u_rgmii (
        .rgmii_rxc    (rgmii_rxc),
        .rgmii_rxd    (rgmii_rxd),
        .rgmii_rx_ctl (rgmii_rx_ctl),
        .rgmii_txc    (rgmii_txc),
        .rgmii_txd    (rgmii_txd),
        .rgmii_tx_ctl (rgmii_tx_ctl),
        .gmii_rx_clk  (rx_clk),
        .gmii_rxd     (gmii_rxd),
        .gmii_rx_dv   (gmii_rx_dv),
        .gmii_rx_er   (gmii_rx_er),
        .gmii_tx_clk  (clk),
        .gmii_txd     (gmii_txd),
        .gmii_tx_en   (gmii_tx_en),
        .gmii_tx_er   (gmii_tx_er)
    );

    // ---------------------------------------------------------- receive
    wire rx_rst;

    vnic_reset_sync u_rx_rst (
        .clk     (rx_clk),
        .rst_in  (rst),
        .rst_out (rx_rst)
    );

    wire [7:0] rxb_data;
    wire       rxb_valid, rxb_ready, rxb_last, rxb_user;

    vnic_gmii_rx u_gmii_rx (
        .clk           (rx_clk),
        .rst           (rx_rst),
        .gmii_rxd      (gmii_rxd),
        .gmii_rx_dv    (gmii_rx_dv),
        .gmii_rx_er    (gmii_rx_er),
        .m_axis_tdata  (rxb_data),
        .m_axis_tvalid (rxb_valid),
        .m_axis_tready (rxb_ready),
        .m_axis_tlast  (rxb_last),
        .m_axis_tuser  (rxb_user),
        .overflow      (rx_overflow)
    );

    wire [9:0] rxs_data;
    wire       rxs_valid, rxs_ready;

    vnic_async_fifo #(
        .WIDTH  (10),
        .ADDR_W (4)
    ) u_rx_cdc (
        .s_clk   (rx_clk),
        .s_rst   (rx_rst),
        .s_data  ({rxb_user, rxb_last, rxb_data}),
        .s_valid (rxb_valid),
        .s_ready (rxb_ready),
        .m_clk   (clk),
        .m_rst   (rst),
        .m_data  (rxs_data),
        .m_valid (rxs_valid),
        .m_ready (rxs_ready)
    );

    vnic_axis_upsize #(
        .DATA_W (DATA_W)
    ) u_rx_upsize (
        .clk           (clk),
        .rst           (rst),
        .s_axis_tdata  (rxs_data[7:0]),
        .s_axis_tvalid (rxs_valid),
        .s_axis_tready (rxs_ready),
        .s_axis_tlast  (rxs_data[8]),
        .s_axis_tuser  (rxs_data[9]),
        .m_axis_tdata  (m_axis_rx_tdata),
        .m_axis_tkeep  (m_axis_rx_tkeep),
        .m_axis_tvalid (m_axis_rx_tvalid),
        .m_axis_tready (m_axis_rx_tready),
        .m_axis_tlast  (m_axis_rx_tlast),
        .m_axis_tuser  (m_axis_rx_tuser)
    );

    assign rx_frame = m_axis_rx_tvalid && m_axis_rx_tready && m_axis_rx_tlast;

    // --------------------------------------------------------- transmit
    vnic_gmii_tx #(
        .DATA_W    (DATA_W),
        .IFG_BYTES (12)
    ) u_gmii_tx (
        .clk           (clk),
        .rst           (rst),
        .s_axis_tdata  (s_axis_tx_tdata),
        .s_axis_tkeep  (s_axis_tx_tkeep),
        .s_axis_tvalid (s_axis_tx_tvalid),
        .s_axis_tready (s_axis_tx_tready),
        .s_axis_tlast  (s_axis_tx_tlast),
        .s_axis_tuser  (s_axis_tx_tuser),
        .gmii_txd      (gmii_txd),
        .gmii_tx_en    (gmii_tx_en),
        .gmii_tx_er    (gmii_tx_er),
        .underrun      (tx_underrun)
    );

    assign tx_frame = s_axis_tx_tvalid && s_axis_tx_tready && s_axis_tx_tlast;

endmodule

`default_nettype wire
