// vnic_board_core: the board-independent part of a vNIC board top: UART register bridge, host memory, RGMII MAC, device.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
//   UART -> vnic_uart_rx -> vnic_uart_axil -> vnic_top AXI4-Lite (0x00000..0x3FFFF)
//           vnic_uart_tx <-               -> vnic_board_regs (0x40000..: identity, MAC shim
//                                            event counts)
//                                         -> host memory (0x80000..: host address 0 up)
//   vnic_top AXI4 master -> vnic_axi_arb -> vnic_axi_ram (HOST_MEM_BYTES of block RAM as
//   bridge -> vnic_axil_axi -^               host memory, shared with the bridge)
//   RGMII PHY <-> vnic_rgmii_mac <-> vnic_top AXI4-Stream RX / TX
//   interrupts: always accepted, each message toggles status[1]
//
// The core makes two clocks from the board oscillator (vnic_pll): `clk`,
// the system clock of the device, the UART bridge, the host memory and the
// MAC's device side, at SYS_MHZ; and the 125 MHz RGMII transmit clock. The
// dividers (CLKI_DIV, CLKFB_DIV, CLKOP_DIV, CLKOS_DIV) are the board top's,
// docs/fpga.md §5.2. It holds the device in reset while the PLL is
// unlocked or `rst_btn` is high (vnic_reset_sync); the synchronised reset
// reaches its several thousand flip-flops on a global network
// (vnic_global_buf), not on general routing. A board top adds the PHY reset,
// its LEDs and the pins (docs/fpga.md §5).
// status[0] toggles every 2^26 cycles (1.34 s at 50 MHz, the design is alive),
// status[1] per interrupt message, status[2] per received frame passed to
// the device, status[3] per transmitted frame. The verification trace
// outputs of the device are left open.
module vnic_board_core #(
    parameter integer NUM_VNIC          = 2,     // vNICs
    parameter integer DATA_W            = 64,    // datapath width in bits
    parameter integer RX_BUF_BYTES      = 8192,  // RX buffer in bytes
    parameter integer TX_BUF_BYTES      = 8192,  // TX buffer in bytes
    parameter integer RX_FIFO_BYTES     = 4096,  // ingress FIFO in bytes
    parameter integer MAX_FRAME         = 1522,  // largest frame in bytes
    parameter integer NUM_WIN           = 2,     // DMA windows per vNIC
    parameter integer HOST_MEM_BYTES    = 16384, // on-chip host memory in bytes
    parameter integer CLKS_PER_BIT      = 434,   // UART: 50 MHz / 115200 baud
    parameter integer RX_DELAY_TAPS     = 80,    // RGMII receive data delay (80 = ~2 ns)
    parameter integer TX_CLK_DELAY_TAPS = 0,     // RGMII transmit clock delay (80 = ~2 ns)
    parameter         CLKI_MHZ          = "25",  // board oscillator, MHz (vnic_pll)
    parameter integer CLKI_DIV          = 1,     // vnic_pll: clk = CLKI_MHZ / CLKI_DIV x CLKFB_DIV
    parameter integer CLKFB_DIV         = 2,     // vnic_pll feedback divider
    parameter integer CLKOP_DIV         = 10,    // vnic_pll: VCO = clk x CLKOP_DIV (400..800 MHz)
    parameter integer CLKOS_DIV         = 4,     // vnic_pll: 125 MHz = VCO / CLKOS_DIV
    parameter         SYS_MHZ           = "50"   // clk in MHz, as the dividers make it (vnic_pll)
) (
    input  wire       clk_in,            // board oscillator
    input  wire       rst_btn,           // asynchronous reset request (e.g. a button), high = reset
    output wire       rst,               // the device's reset, synchronous to clk (for a LED)

    input  wire       uart_rx,
    output wire       uart_tx,

    output wire [3:0] status,

    input  wire       rgmii_rxc,
    input  wire [3:0] rgmii_rxd,
    input  wire       rgmii_rx_ctl,
    output wire       rgmii_txc,
    output wire [3:0] rgmii_txd,
    output wire       rgmii_tx_ctl
);

    localparam integer W       = DATA_W / 8;
    localparam integer HOST_AW = 64;
    localparam integer REG_AW  = 18;          // the device's register space
    localparam integer BUS_AW  = REG_AW + 2;  // the bridge's address space, 1 MiB:
    localparam [BUS_AW-1:0] BRD_BASE = 20'h40000; // vnic_board_regs (the device below, from 0)
    localparam [BUS_AW-1:0] MEM_BASE = 20'h80000; // host memory, host address 0
    localparam integer ID_W    = 4;

    // --------------------------------------------------- clock, reset
    wire clk, clk_eth, locked;

    vnic_pll #(
        .CLKI_MHZ  (CLKI_MHZ),
        .CLKI_DIV  (CLKI_DIV),
        .CLKFB_DIV (CLKFB_DIV),
        .CLKOP_DIV (CLKOP_DIV),
        .CLKOS_DIV (CLKOS_DIV),
        .CLKOP_MHZ (SYS_MHZ),
        .CLKOS_MHZ ("125")
    ) u_pll (
        .clk_in  (clk_in),
        .clk_sys (clk),
        .clk_eth (clk_eth),
        .locked  (locked)
    );

    vnic_reset_sync #(
        .STAGES (8)
    ) u_rst (
        .clk     (clk),
        .rst_in  (!locked || rst_btn),
        .rst_out (rst)
    );

    wire rst_g;                         // rst on a global network, for the logic

    vnic_global_buf u_rst_glb (
        .i (rst),
        .o (rst_g)
    );

    // ------------------------------------------- UART register bridge
    wire [7:0] urx_data, utx_data;
    wire       urx_valid, urx_ready, utx_valid, utx_ready;

    vnic_uart_rx #(
        .CLKS_PER_BIT (CLKS_PER_BIT)
    ) u_uart_rx (
        .clk           (clk),
        .rst           (rst_g),
        .rxd           (uart_rx),
        .m_axis_tdata  (urx_data),
        .m_axis_tvalid (urx_valid),
        .m_axis_tready (urx_ready),
        .frame_err     (),
        .overrun       ()
    );

    vnic_uart_tx #(
        .CLKS_PER_BIT (CLKS_PER_BIT)
    ) u_uart_tx (
        .clk           (clk),
        .rst           (rst_g),
        .s_axis_tdata  (utx_data),
        .s_axis_tvalid (utx_valid),
        .s_axis_tready (utx_ready),
        .txd           (uart_tx)
    );

    wire [BUS_AW-1:0] axil_awaddr, axil_araddr;
    wire [2:0]        axil_awprot, axil_arprot;
    wire              axil_awvalid, axil_awready, axil_wvalid, axil_wready;
    wire              axil_bvalid, axil_bready, axil_arvalid, axil_arready;
    wire              axil_rvalid, axil_rready;
    wire [31:0]       axil_wdata, axil_rdata;
    wire [3:0]        axil_wstrb;
    wire [1:0]        axil_bresp, axil_rresp;

    vnic_uart_axil #(
        .ADDR_W (BUS_AW)
    ) u_bridge (
        .clk            (clk),
        .rst            (rst_g),
        .s_axis_tdata   (urx_data),
        .s_axis_tvalid  (urx_valid),
        .s_axis_tready  (urx_ready),
        .m_axis_tdata   (utx_data),
        .m_axis_tvalid  (utx_valid),
        .m_axis_tready  (utx_ready),
        .m_axil_awaddr  (axil_awaddr),
        .m_axil_awprot  (axil_awprot),
        .m_axil_awvalid (axil_awvalid),
        .m_axil_awready (axil_awready),
        .m_axil_wdata   (axil_wdata),
        .m_axil_wstrb   (axil_wstrb),
        .m_axil_wvalid  (axil_wvalid),
        .m_axil_wready  (axil_wready),
        .m_axil_bresp   (axil_bresp),
        .m_axil_bvalid  (axil_bvalid),
        .m_axil_bready  (axil_bready),
        .m_axil_araddr  (axil_araddr),
        .m_axil_arprot  (axil_arprot),
        .m_axil_arvalid (axil_arvalid),
        .m_axil_arready (axil_arready),
        .m_axil_rdata   (axil_rdata),
        .m_axil_rresp   (axil_rresp),
        .m_axil_rvalid  (axil_rvalid),
        .m_axil_rready  (axil_rready)
    );

    // The bridge runs one transaction at a time and holds its address
    // through it, so its address steers each channel and its answer:
    // below BRD_BASE the device, then vnic_board_regs, from MEM_BASE the
    // host memory (vnic_axil_axi, vnic_axi_arb; host address 0 up).
    wire        sel_mem_w = axil_awaddr >= MEM_BASE;
    wire        sel_mem_r = axil_araddr >= MEM_BASE;
    wire        sel_brd_w = !sel_mem_w && axil_awaddr >= BRD_BASE;
    wire        sel_brd_r = !sel_mem_r && axil_araddr >= BRD_BASE;
    wire        sel_dev_w = !sel_mem_w && !sel_brd_w;
    wire        sel_dev_r = !sel_mem_r && !sel_brd_r;
    wire [BUS_AW-2:0] mem_awoff = axil_awaddr[BUS_AW-2:0] - MEM_BASE[BUS_AW-2:0]; // host addresses
    wire [BUS_AW-2:0] mem_aroff = axil_araddr[BUS_AW-2:0] - MEM_BASE[BUS_AW-2:0];
    wire        dev_awready, dev_wready, dev_bvalid, dev_arready, dev_rvalid;
    wire        brd_awready, brd_wready, brd_bvalid, brd_arready, brd_rvalid;
    wire        mem_br_awready, mem_br_wready, mem_br_bvalid, mem_br_arready, mem_br_rvalid;
    wire [1:0]  dev_bresp, dev_rresp, brd_bresp, brd_rresp, mem_br_bresp, mem_br_rresp;
    wire [31:0] dev_rdata, brd_rdata, mem_br_rdata;

    assign axil_awready = sel_mem_w ? mem_br_awready : sel_brd_w ? brd_awready : dev_awready;
    assign axil_wready  = sel_mem_w ? mem_br_wready  : sel_brd_w ? brd_wready  : dev_wready;
    assign axil_bvalid  = sel_mem_w ? mem_br_bvalid  : sel_brd_w ? brd_bvalid  : dev_bvalid;
    assign axil_bresp   = sel_mem_w ? mem_br_bresp   : sel_brd_w ? brd_bresp   : dev_bresp;
    assign axil_arready = sel_mem_r ? mem_br_arready : sel_brd_r ? brd_arready : dev_arready;
    assign axil_rvalid  = sel_mem_r ? mem_br_rvalid  : sel_brd_r ? brd_rvalid  : dev_rvalid;
    assign axil_rresp   = sel_mem_r ? mem_br_rresp   : sel_brd_r ? brd_rresp   : dev_rresp;
    assign axil_rdata   = sel_mem_r ? mem_br_rdata   : sel_brd_r ? brd_rdata   : dev_rdata;

    wire [15:0] rx_lost_bytes, tx_underruns;

    vnic_board_regs #(
        .ADDR_W (4)
    ) u_board_regs (
        .clk            (clk),
        .rst            (rst_g),
        .s_axil_awvalid (axil_awvalid && sel_brd_w),
        .s_axil_awready (brd_awready),
        .s_axil_wvalid  (axil_wvalid && sel_brd_w),
        .s_axil_wready  (brd_wready),
        .s_axil_bresp   (brd_bresp),
        .s_axil_bvalid  (brd_bvalid),
        .s_axil_bready  (axil_bready && sel_brd_w),
        .s_axil_araddr  (axil_araddr[3:2]),
        .s_axil_arvalid (axil_arvalid && sel_brd_r),
        .s_axil_arready (brd_arready),
        .s_axil_rdata   (brd_rdata),
        .s_axil_rresp   (brd_rresp),
        .s_axil_rvalid  (brd_rvalid),
        .s_axil_rready  (axil_rready && sel_brd_r),
        .rx_lost_bytes  (rx_lost_bytes),
        .tx_underruns   (tx_underruns)
    );

    // ------------------------------------------------------ Ethernet
    wire [DATA_W-1:0] rx_tdata, tx_tdata;
    wire [W-1:0]      rx_tkeep, tx_tkeep;
    wire              rx_tvalid, rx_tready, rx_tlast, rx_tuser;
    wire              tx_tvalid, tx_tready, tx_tlast, tx_tuser;
    wire              rx_frame, tx_frame;

    vnic_rgmii_mac #(
        .DATA_W            (DATA_W),
        .RX_DELAY_TAPS     (RX_DELAY_TAPS),
        .TX_CLK_DELAY_TAPS (TX_CLK_DELAY_TAPS)
    ) u_mac (
        .clk              (clk),
        .rst              (rst_g),
        .tx_clk           (clk_eth),
        .rgmii_rxc        (rgmii_rxc),
        .rgmii_rxd        (rgmii_rxd),
        .rgmii_rx_ctl     (rgmii_rx_ctl),
        .rgmii_txc        (rgmii_txc),
        .rgmii_txd        (rgmii_txd),
        .rgmii_tx_ctl     (rgmii_tx_ctl),
        .m_axis_rx_tdata  (rx_tdata),
        .m_axis_rx_tkeep  (rx_tkeep),
        .m_axis_rx_tvalid (rx_tvalid),
        .m_axis_rx_tready (rx_tready),
        .m_axis_rx_tlast  (rx_tlast),
        .m_axis_rx_tuser  (rx_tuser),
        .s_axis_tx_tdata  (tx_tdata),
        .s_axis_tx_tkeep  (tx_tkeep),
        .s_axis_tx_tvalid (tx_tvalid),
        .s_axis_tx_tready (tx_tready),
        .s_axis_tx_tlast  (tx_tlast),
        .s_axis_tx_tuser  (tx_tuser),
        .rx_frame         (rx_frame),
        .rx_overflow      (),
        .tx_frame         (tx_frame),
        .tx_underrun      (),
        .rx_lost_bytes    (rx_lost_bytes),
        .tx_underruns     (tx_underruns)
    );

    // -------------------------------------------------- host memory
    wire [ID_W-1:0]    axi_awid, axi_bid, axi_arid, axi_rid;
    wire [HOST_AW-1:0] axi_awaddr, axi_araddr;
    wire [7:0]         axi_awlen, axi_arlen;
    wire [2:0]         axi_awsize, axi_arsize, axi_awprot, axi_arprot;
    wire [1:0]         axi_awburst, axi_arburst, axi_bresp, axi_rresp;
    wire               axi_awlock, axi_arlock;
    wire [3:0]         axi_awcache, axi_arcache;
    wire               axi_awvalid, axi_awready, axi_wlast, axi_wvalid, axi_wready;
    wire               axi_bvalid, axi_bready, axi_arvalid, axi_arready;
    wire               axi_rlast, axi_rvalid, axi_rready;
    wire [DATA_W-1:0]  axi_wdata, axi_rdata;
    wire [W-1:0]       axi_wstrb;

    wire [ID_W:0]      mem_awid, mem_bid, mem_arid, mem_rid;
    wire [HOST_AW-1:0] mem_awaddr, mem_araddr;
    wire [7:0]         mem_awlen, mem_arlen;
    wire [2:0]         mem_awsize, mem_arsize, mem_awprot, mem_arprot;
    wire [1:0]         mem_awburst, mem_arburst, mem_bresp, mem_rresp;
    wire               mem_awlock, mem_arlock;
    wire [3:0]         mem_awcache, mem_arcache;
    wire               mem_awvalid, mem_awready, mem_wlast, mem_wvalid, mem_wready;
    wire               mem_bvalid, mem_bready, mem_arvalid, mem_arready;
    wire               mem_rlast, mem_rvalid, mem_rready;
    wire [DATA_W-1:0]  mem_wdata, mem_rdata;
    wire [W-1:0]       mem_wstrb;

    // The bridge's 32-bit accesses become one-beat AXI4 bursts (vnic_axil_axi)
    // and share the host memory with the device through the device's own
    // two-master arbiter (vnic_axi_arb: round robin, IDs tagged with the
    // source, so the memory sees ID_W + 1 bits).
    wire [ID_W-1:0]    br_awid, br_bid, br_arid, br_rid;
    wire [HOST_AW-1:0] br_awaddr, br_araddr;
    wire [7:0]         br_awlen, br_arlen;
    wire [2:0]         br_awsize, br_arsize;
    wire [1:0]         br_awburst, br_arburst, br_bresp, br_rresp;
    wire               br_awvalid, br_awready, br_wlast, br_wvalid, br_wready;
    wire               br_bvalid, br_bready, br_arvalid, br_arready;
    wire               br_rlast, br_rvalid, br_rready;
    wire [DATA_W-1:0]  br_wdata, br_rdata;
    wire [W-1:0]       br_wstrb;

    vnic_axil_axi #(
        .DATA_W (DATA_W),
        .ADDR_W (HOST_AW),
        .ID_W   (ID_W),
        .S_AW   (BUS_AW - 1)
    ) u_bridge_axi (
        .clk            (clk),
        .rst            (rst_g),
        .s_axil_awaddr  (mem_awoff),
        .s_axil_awvalid (axil_awvalid && sel_mem_w),
        .s_axil_awready (mem_br_awready),
        .s_axil_wdata   (axil_wdata),
        .s_axil_wstrb   (axil_wstrb),
        .s_axil_wvalid  (axil_wvalid && sel_mem_w),
        .s_axil_wready  (mem_br_wready),
        .s_axil_bresp   (mem_br_bresp),
        .s_axil_bvalid  (mem_br_bvalid),
        .s_axil_bready  (axil_bready && sel_mem_w),
        .s_axil_araddr  (mem_aroff),
        .s_axil_arvalid (axil_arvalid && sel_mem_r),
        .s_axil_arready (mem_br_arready),
        .s_axil_rdata   (mem_br_rdata),
        .s_axil_rresp   (mem_br_rresp),
        .s_axil_rvalid  (mem_br_rvalid),
        .s_axil_rready  (axil_rready && sel_mem_r),
        .m_axi_awid     (br_awid),
        .m_axi_awaddr   (br_awaddr),
        .m_axi_awlen    (br_awlen),
        .m_axi_awsize   (br_awsize),
        .m_axi_awburst  (br_awburst),
        .m_axi_awvalid  (br_awvalid),
        .m_axi_awready  (br_awready),
        .m_axi_wdata    (br_wdata),
        .m_axi_wstrb    (br_wstrb),
        .m_axi_wlast    (br_wlast),
        .m_axi_wvalid   (br_wvalid),
        .m_axi_wready   (br_wready),
        .m_axi_bresp    (br_bresp),
        .m_axi_bvalid   (br_bvalid),
        .m_axi_bready   (br_bready),
        .m_axi_arid     (br_arid),
        .m_axi_araddr   (br_araddr),
        .m_axi_arlen    (br_arlen),
        .m_axi_arsize   (br_arsize),
        .m_axi_arburst  (br_arburst),
        .m_axi_arvalid  (br_arvalid),
        .m_axi_arready  (br_arready),
        .m_axi_rdata    (br_rdata),
        .m_axi_rresp    (br_rresp),
        .m_axi_rvalid   (br_rvalid),
        .m_axi_rready   (br_rready)
    );

    vnic_axi_arb #(
        .S_ID_W (ID_W),
        .ADDR_W (HOST_AW),
        .DATA_W (DATA_W),
        .USER_W (1)
    ) u_host_arb (
        .clk        (clk),
        .rst        (rst_g),
        .s0_awid    (axi_awid),
        .s0_awaddr  (axi_awaddr),
        .s0_awlen   (axi_awlen),
        .s0_awsize  (axi_awsize),
        .s0_awburst (axi_awburst),
        .s0_awlock  (axi_awlock),
        .s0_awcache (axi_awcache),
        .s0_awprot  (axi_awprot),
        .s0_awvalid (axi_awvalid),
        .s0_awready (axi_awready),
        .s0_wdata   (axi_wdata),
        .s0_wstrb   (axi_wstrb),
        .s0_wlast   (axi_wlast),
        .s0_wvalid  (axi_wvalid),
        .s0_wready  (axi_wready),
        .s0_bid     (axi_bid),
        .s0_bresp   (axi_bresp),
        .s0_bvalid  (axi_bvalid),
        .s0_bready  (axi_bready),
        .s0_arid    (axi_arid),
        .s0_araddr  (axi_araddr),
        .s0_arlen   (axi_arlen),
        .s0_arsize  (axi_arsize),
        .s0_arburst (axi_arburst),
        .s0_arlock  (axi_arlock),
        .s0_arcache (axi_arcache),
        .s0_arprot  (axi_arprot),
        .s0_arvalid (axi_arvalid),
        .s0_arready (axi_arready),
        .s0_rid     (axi_rid),
        .s0_rdata   (axi_rdata),
        .s0_rresp   (axi_rresp),
        .s0_rlast   (axi_rlast),
        .s0_rvalid  (axi_rvalid),
        .s0_rready  (axi_rready),
        .s0_awuser (1'b0),
        .s0_aruser (1'b0),
        .s1_awid    (br_awid),
        .s1_awaddr  (br_awaddr),
        .s1_awlen   (br_awlen),
        .s1_awsize  (br_awsize),
        .s1_awburst (br_awburst),
        .s1_awlock  (1'b0),
        .s1_awcache (4'd0),
        .s1_awprot  (3'd0),
        .s1_awvalid (br_awvalid),
        .s1_awready (br_awready),
        .s1_wdata   (br_wdata),
        .s1_wstrb   (br_wstrb),
        .s1_wlast   (br_wlast),
        .s1_wvalid  (br_wvalid),
        .s1_wready  (br_wready),
        .s1_bid     (br_bid),
        .s1_bresp   (br_bresp),
        .s1_bvalid  (br_bvalid),
        .s1_bready  (br_bready),
        .s1_arid    (br_arid),
        .s1_araddr  (br_araddr),
        .s1_arlen   (br_arlen),
        .s1_arsize  (br_arsize),
        .s1_arburst (br_arburst),
        .s1_arlock  (1'b0),
        .s1_arcache (4'd0),
        .s1_arprot  (3'd0),
        .s1_arvalid (br_arvalid),
        .s1_arready (br_arready),
        .s1_rid     (br_rid),
        .s1_rdata   (br_rdata),
        .s1_rresp   (br_rresp),
        .s1_rlast   (br_rlast),
        .s1_rvalid  (br_rvalid),
        .s1_rready  (br_rready),
        .s1_awuser (1'b0),
        .s1_aruser (1'b0),
        .m_awid      (mem_awid),
        .m_awaddr    (mem_awaddr),
        .m_awlen     (mem_awlen),
        .m_awsize    (mem_awsize),
        .m_awburst   (mem_awburst),
        .m_awlock    (mem_awlock),
        .m_awcache   (mem_awcache),
        .m_awprot    (mem_awprot),
        .m_awvalid   (mem_awvalid),
        .m_awready   (mem_awready),
        .m_wdata     (mem_wdata),
        .m_wstrb     (mem_wstrb),
        .m_wlast     (mem_wlast),
        .m_wvalid    (mem_wvalid),
        .m_wready    (mem_wready),
        .m_bid       (mem_bid),
        .m_bresp     (mem_bresp),
        .m_bvalid    (mem_bvalid),
        .m_bready    (mem_bready),
        .m_arid      (mem_arid),
        .m_araddr    (mem_araddr),
        .m_arlen     (mem_arlen),
        .m_arsize    (mem_arsize),
        .m_arburst   (mem_arburst),
        .m_arlock    (mem_arlock),
        .m_arcache   (mem_arcache),
        .m_arprot    (mem_arprot),
        .m_arvalid   (mem_arvalid),
        .m_arready   (mem_arready),
        .m_rid       (mem_rid),
        .m_rdata     (mem_rdata),
        .m_rresp     (mem_rresp),
        .m_rlast     (mem_rlast),
        .m_rvalid    (mem_rvalid),
        .m_rready    (mem_rready),
        .m_awuser   (),
        .m_aruser   ()
    );

    vnic_axi_ram #(
        .DATA_W     (DATA_W),
        .ADDR_W     (HOST_AW),
        .ID_W       (ID_W + 1),
        .SIZE_BYTES (HOST_MEM_BYTES)
    ) u_mem (
        .clk           (clk),
        .rst           (rst_g),
        .s_axi_awid    (mem_awid),
        .s_axi_awaddr  (mem_awaddr),
        .s_axi_awlen   (mem_awlen),
        .s_axi_awsize  (mem_awsize),
        .s_axi_awburst (mem_awburst),
        .s_axi_awlock  (mem_awlock),
        .s_axi_awcache (mem_awcache),
        .s_axi_awprot  (mem_awprot),
        .s_axi_awvalid (mem_awvalid),
        .s_axi_awready (mem_awready),
        .s_axi_wdata   (mem_wdata),
        .s_axi_wstrb   (mem_wstrb),
        .s_axi_wlast   (mem_wlast),
        .s_axi_wvalid  (mem_wvalid),
        .s_axi_wready  (mem_wready),
        .s_axi_bid     (mem_bid),
        .s_axi_bresp   (mem_bresp),
        .s_axi_bvalid  (mem_bvalid),
        .s_axi_bready  (mem_bready),
        .s_axi_arid    (mem_arid),
        .s_axi_araddr  (mem_araddr),
        .s_axi_arlen   (mem_arlen),
        .s_axi_arsize  (mem_arsize),
        .s_axi_arburst (mem_arburst),
        .s_axi_arlock  (mem_arlock),
        .s_axi_arcache (mem_arcache),
        .s_axi_arprot  (mem_arprot),
        .s_axi_arvalid (mem_arvalid),
        .s_axi_arready (mem_arready),
        .s_axi_rid     (mem_rid),
        .s_axi_rdata   (mem_rdata),
        .s_axi_rresp   (mem_rresp),
        .s_axi_rlast   (mem_rlast),
        .s_axi_rvalid  (mem_rvalid),
        .s_axi_rready  (mem_rready)
    );

    // --------------------------------------------------------- device
    wire       irq_valid;
    wire [7:0] irq_vector;

    vnic_top #(
        .NUM_VNIC      (NUM_VNIC),
        .DATA_W        (DATA_W),
        .RX_BUF_BYTES  (RX_BUF_BYTES),
        .TX_BUF_BYTES  (TX_BUF_BYTES),
        .RX_FIFO_BYTES (RX_FIFO_BYTES),
        .MAX_FRAME     (MAX_FRAME),
        .NUM_WIN       (NUM_WIN),
        .HOST_AW       (HOST_AW),
        .REG_AW        (REG_AW),
        .ID_W          (ID_W)
    ) u_dev (
        .clk              (clk),
        .rst              (rst_g),
        .s_axil_awaddr    (axil_awaddr[REG_AW-1:0]),
        .s_axil_awprot    (axil_awprot),
        .s_axil_awvalid   (axil_awvalid && sel_dev_w),
        .s_axil_awready   (dev_awready),
        .s_axil_wdata     (axil_wdata),
        .s_axil_wstrb     (axil_wstrb),
        .s_axil_wvalid    (axil_wvalid && sel_dev_w),
        .s_axil_wready    (dev_wready),
        .s_axil_bresp     (dev_bresp),
        .s_axil_bvalid    (dev_bvalid),
        .s_axil_bready    (axil_bready && sel_dev_w),
        .s_axil_araddr    (axil_araddr[REG_AW-1:0]),
        .s_axil_arprot    (axil_arprot),
        .s_axil_arvalid   (axil_arvalid && sel_dev_r),
        .s_axil_arready   (dev_arready),
        .s_axil_rdata     (dev_rdata),
        .s_axil_rresp     (dev_rresp),
        .s_axil_rvalid    (dev_rvalid),
        .s_axil_rready    (axil_rready && sel_dev_r),
        .m_axi_awid       (axi_awid),
        .m_axi_awaddr     (axi_awaddr),
        .m_axi_awlen      (axi_awlen),
        .m_axi_awsize     (axi_awsize),
        .m_axi_awburst    (axi_awburst),
        .m_axi_awlock     (axi_awlock),
        .m_axi_awcache    (axi_awcache),
        .m_axi_awprot     (axi_awprot),
        .m_axi_awvalid    (axi_awvalid),
        .m_axi_awready    (axi_awready),
        .m_axi_wdata      (axi_wdata),
        .m_axi_wstrb      (axi_wstrb),
        .m_axi_wlast      (axi_wlast),
        .m_axi_wvalid     (axi_wvalid),
        .m_axi_wready     (axi_wready),
        .m_axi_bid        (axi_bid),
        .m_axi_bresp      (axi_bresp),
        .m_axi_bvalid     (axi_bvalid),
        .m_axi_bready     (axi_bready),
        .m_axi_arid       (axi_arid),
        .m_axi_araddr     (axi_araddr),
        .m_axi_arlen      (axi_arlen),
        .m_axi_arsize     (axi_arsize),
        .m_axi_arburst    (axi_arburst),
        .m_axi_arlock     (axi_arlock),
        .m_axi_arcache    (axi_arcache),
        .m_axi_arprot     (axi_arprot),
        .m_axi_arvalid    (axi_arvalid),
        .m_axi_arready    (axi_arready),
        .m_axi_rid        (axi_rid),
        .m_axi_rdata      (axi_rdata),
        .m_axi_rresp      (axi_rresp),
        .m_axi_rlast      (axi_rlast),
        .m_axi_rvalid     (axi_rvalid),
        .m_axi_rready     (axi_rready),
        .s_axis_rx_tdata  (rx_tdata),
        .s_axis_rx_tkeep  (rx_tkeep),
        .s_axis_rx_tvalid (rx_tvalid),
        .s_axis_rx_tready (rx_tready),
        .s_axis_rx_tlast  (rx_tlast),
        .s_axis_rx_tuser  (rx_tuser),
        .m_axis_tx_tdata  (tx_tdata),
        .m_axis_tx_tkeep  (tx_tkeep),
        .m_axis_tx_tvalid (tx_tvalid),
        .m_axis_tx_tready (tx_tready),
        .m_axis_tx_tlast  (tx_tlast),
        .m_axis_tx_tuser  (tx_tuser),
        .m_irq_valid      (irq_valid),
        .m_irq_ready      (1'b1),
        .m_irq_vector     (irq_vector)
    );

    // ------------------------------------------------------ status
    reg [25:0] beat_q;
    reg [3:0]  status_q;

    always @(posedge clk) begin
        if (rst_g) begin
            beat_q   <= 26'd0;
            status_q <= 4'd0;
        end else begin
            beat_q <= beat_q + 26'd1;
            if (beat_q == 26'h3ffffff) status_q[0] <= !status_q[0];
            if (irq_valid)             status_q[1] <= !status_q[1];
            if (rx_frame)              status_q[2] <= !status_q[2];
            if (tx_frame)              status_q[3] <= !status_q[3];
        end
    end

    assign status = status_q;

endmodule

`default_nettype wire
