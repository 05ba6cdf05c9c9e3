// vnic_rgmii_mac: minimal Ethernet MAC shim between RGMII pins and the device's AXI4-Stream ports.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
//   RGMII RX -> vnic_rgmii -> vnic_gmii_rx (RXC domain: preamble/SFD strip)
//            -> vnic_axis_upsize (RXC) -> vnic_async_fifo (RXC -> clk) -> m_axis_rx
//   s_axis_tx -> vnic_async_fifo (clk -> tx_clk) -> vnic_gmii_tx (tx_clk:
//            preamble/SFD insert, IFG) -> vnic_rgmii -> RGMII TX
//
// No FCS work is done here: received frames keep their FCS (the device
// checks it) and transmitted frames already carry one (the device appends
// it). `m_axis_rx_tuser` flags a frame received with RX_ER or one that lost
// bytes at the receive side (the device drops it as MACERR).
//
// Clocks: `tx_clk` is the 125 MHz transmit clock; `clk`, the device's
// clock, may be slower or faster. Both crossings are at beat width, so
// the MAC keeps up with the wire as long as `clk` moves a beat (DATA_W/8
// bytes) faster than the wire moves its bytes: clk > 125 MHz / (DATA_W/8),
// 15.6 MHz at 64 bits, with margin for the crossing's 2-3 cycles. The
// device sends a frame's beats back to back from its TX buffer, so the
// transmit side does not underrun then.
//
// Neither event is silent: `rx_lost_bytes` and `tx_underruns` count them
// in the `clk` domain (the board tops show them in their board registers).
//
// Latency: receive about 8 RXC cycles from RXD to the beat holding the
// byte, plus the beat fill time and 2-3 `clk` cycles of crossing; transmit
// 2-3 `tx_clk` cycles of crossing and 2 more to the first preamble byte.
module vnic_rgmii_mac #(
    parameter integer DATA_W            = 64, // AXI4-Stream width in bits
    parameter integer RX_DELAY_TAPS     = 80, // see vnic_rgmii
    parameter integer TX_CLK_DELAY_TAPS = 0   // see vnic_rgmii
) (
    input  wire                clk,          // device side
    input  wire                rst,          // synchronous to clk
    input  wire                tx_clk,       // 125 MHz RGMII transmit clock

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
    output wire                rx_overflow,  // RXC domain: a byte was lost (the crossing was full)
    output wire                tx_frame,     // clk domain: a frame's last beat was taken
    output wire                tx_underrun,  // tx_clk domain: a frame was spoiled by an underrun

    // the same two events counted (wrapping), clk domain
    output wire [15:0]         rx_lost_bytes, // bytes lost at the receive side
    output wire [15:0]         tx_underruns   // frames spoiled by an underrun
);

    localparam integer W    = DATA_W / 8;
    localparam integer BEAT = DATA_W + W + 2; // data, keep, last, user

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
        .gmii_tx_clk  (tx_clk),
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

    wire [DATA_W-1:0] rxw_data;
    wire [W-1:0]      rxw_keep;
    wire              rxw_valid, rxw_ready, rxw_last, rxw_user;

    vnic_axis_upsize #(
        .DATA_W (DATA_W)
    ) u_rx_upsize (
        .clk           (rx_clk),
        .rst           (rx_rst),
        .s_axis_tdata  (rxb_data),
        .s_axis_tvalid (rxb_valid),
        .s_axis_tready (rxb_ready),
        .s_axis_tlast  (rxb_last),
        .s_axis_tuser  (rxb_user),
        .m_axis_tdata  (rxw_data),
        .m_axis_tkeep  (rxw_keep),
        .m_axis_tvalid (rxw_valid),
        .m_axis_tready (rxw_ready),
        .m_axis_tlast  (rxw_last),
        .m_axis_tuser  (rxw_user)
    );

    vnic_async_fifo #(
        .WIDTH  (BEAT),
        .ADDR_W (3)
    ) u_rx_cdc (
        .s_clk   (rx_clk),
        .s_rst   (rx_rst),
        .s_data  ({rxw_user, rxw_last, rxw_keep, rxw_data}),
        .s_valid (rxw_valid),
        .s_ready (rxw_ready),
        .m_clk   (clk),
        .m_rst   (rst),
        .m_data  ({m_axis_rx_tuser, m_axis_rx_tlast, m_axis_rx_tkeep, m_axis_rx_tdata}),
        .m_valid (m_axis_rx_tvalid),
        .m_ready (m_axis_rx_tready)
    );

    assign rx_frame = m_axis_rx_tvalid && m_axis_rx_tready && m_axis_rx_tlast;

    // --------------------------------------------------------- transmit
    wire tx_rst;

    vnic_reset_sync u_tx_rst (
        .clk     (tx_clk),
        .rst_in  (rst),
        .rst_out (tx_rst)
    );

    wire [DATA_W-1:0] txw_data;
    wire [W-1:0]      txw_keep;
    wire              txw_valid, txw_ready, txw_last, txw_user;

    vnic_async_fifo #(
        .WIDTH  (BEAT),
        .ADDR_W (3)
    ) u_tx_cdc (
        .s_clk   (clk),
        .s_rst   (rst),
        .s_data  ({s_axis_tx_tuser, s_axis_tx_tlast, s_axis_tx_tkeep, s_axis_tx_tdata}),
        .s_valid (s_axis_tx_tvalid),
        .s_ready (s_axis_tx_tready),
        .m_clk   (tx_clk),
        .m_rst   (tx_rst),
        .m_data  ({txw_user, txw_last, txw_keep, txw_data}),
        .m_valid (txw_valid),
        .m_ready (txw_ready)
    );

    vnic_gmii_tx #(
        .DATA_W    (DATA_W),
        .IFG_BYTES (12)
    ) u_gmii_tx (
        .clk           (tx_clk),
        .rst           (tx_rst),
        .s_axis_tdata  (txw_data),
        .s_axis_tkeep  (txw_keep),
        .s_axis_tvalid (txw_valid),
        .s_axis_tready (txw_ready),
        .s_axis_tlast  (txw_last),
        .s_axis_tuser  (txw_user),
        .gmii_txd      (gmii_txd),
        .gmii_tx_en    (gmii_tx_en),
        .gmii_tx_er    (gmii_tx_er),
        .underrun      (tx_underrun)
    );

    assign tx_frame = s_axis_tx_tvalid && s_axis_tx_tready && s_axis_tx_tlast;

    // ------------------------------------------------- event counters
    vnic_cdc_count #(
        .W (16)
    ) u_rx_lost (
        .s_clk   (rx_clk),
        .s_rst   (rx_rst),
        .s_pulse (rx_overflow),
        .m_clk   (clk),
        .m_rst   (rst),
        .m_count (rx_lost_bytes)
    );

    vnic_cdc_count #(
        .W (16)
    ) u_tx_urun (
        .s_clk   (tx_clk),
        .s_rst   (tx_rst),
        .s_pulse (tx_underrun),
        .m_clk   (clk),
        .m_rst   (rst),
        .m_count (tx_underruns)
    );

endmodule

`default_nettype wire
