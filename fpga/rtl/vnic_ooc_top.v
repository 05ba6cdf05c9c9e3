// vnic_ooc_top: out-of-context FPGA wrapper of vnic_top: every device port is a register, only a few are pins.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// vnic_top has several hundred ports (AXI4-Lite, AXI4, two AXI4-Stream,
// interrupts); no package has that many pins, and leaving them unconnected
// would let synthesis delete the device. This wrapper measures the device
// itself, as a block inside a bigger design would see it:
//   - every input port of vnic_top is driven by its own flip-flop of a
//     shift chain fed from the pin `din` (so no input is constant and
//     synthesis cannot simplify anything away);
//   - every output port is registered, and the registers are XOR-reduced
//     in two registered levels onto the 8 pins `dout` (so every output is
//     observable);
//   - the verification trace outputs (trc_*) are left open, as on a real
//     board: synthesis removes the logic that only feeds them.
// Every path into and out of vnic_top is therefore register to register
// in the one clock domain `clk`, and the reported fmax is the device's own.
// The wrapper adds about 1.3 flip-flops per vnic_top port bit and a few
// LUTs per output bit; the utilisation report lists it with the device.
module vnic_ooc_top #(
    parameter integer NUM_VNIC      = 8,      // vNICs (see vnic_top)
    parameter integer DATA_W        = 64,     // datapath width in bits
    parameter integer RX_BUF_BYTES  = 65536,  // RX buffer in bytes
    parameter integer TX_BUF_BYTES  = 65536,  // TX buffer in bytes
    parameter integer RX_FIFO_BYTES = 32768,  // ingress FIFO in bytes
    parameter integer MAX_FRAME     = 9022,   // largest frame in bytes
    parameter integer NUM_WIN       = 4,      // DMA windows per vNIC
    parameter integer HOST_AW       = 64,     // host address width in bits
    parameter integer REG_AW        = 18,     // AXI4-Lite address width in bits
    parameter integer ID_W          = 4       // AXI4 ID width in bits
) (
    input  wire       clk,
    input  wire       rst_pin,  // asynchronous, active high
    input  wire       din,      // feeds the input shift chain
    output wire [7:0] dout      // XOR-reduced device outputs
);

    localparam integer W = DATA_W / 8;

    // ------------------------------------------------------ input bits
    // AXI4-Lite: awaddr awprot awvalid wdata wstrb wvalid bready araddr arprot arvalid rready
    localparam integer N_AXIL_IN = 2 * REG_AW + 3 + 3 + 32 + 4 + 5;
    // AXI4: awready wready bid bresp bvalid arready rid rdata rresp rlast rvalid
    localparam integer N_AXI_IN  = 2 * ID_W + DATA_W + 10;
    // AXI4-Stream RX: tdata tkeep tvalid tlast tuser; TX tready; irq ready
    localparam integer N_AXIS_IN = DATA_W + W + 3 + 1 + 1;
    localparam integer N_IN      = N_AXIL_IN + N_AXI_IN + N_AXIS_IN;

    // ----------------------------------------------------- output bits
    // AXI4-Lite: awready wready bresp bvalid arready rdata rresp rvalid
    localparam integer N_AXIL_OUT = 32 + 2 + 2 + 5;
    // AXI4: aw/ar {id user addr len size burst lock cache prot valid}, w {data strb last valid}, bready rready
    localparam integer VF_W       = (NUM_VNIC > 1) ? $clog2(NUM_VNIC) : 1;  // aruser / awuser: requesting vNIC
    localparam integer N_AX_CH    = ID_W + VF_W + HOST_AW + 8 + 3 + 2 + 1 + 4 + 3 + 1;
    localparam integer N_AXI_OUT  = 2 * N_AX_CH + DATA_W + W + 2 + 2;
    // AXI4-Stream TX: tdata tkeep tvalid tlast tuser; RX tready; irq valid vector
    localparam integer N_AXIS_OUT = DATA_W + W + 3 + 1 + 1 + 8;
    localparam integer N_OUT      = N_AXIL_OUT + N_AXI_OUT + N_AXIS_OUT;
    localparam integer N_MID      = 64; // first XOR level width

    wire rst;

    vnic_reset_sync u_rst (
        .clk     (clk),
        .rst_in  (rst_pin),
        .rst_out (rst)
    );

    reg [N_IN-1:0] in_q;

    always @(posedge clk) begin
        in_q <= {in_q[N_IN-2:0], din};
    end

    // ------------------------------------------------ device instance
    wire [REG_AW-1:0]  s_axil_awaddr, s_axil_araddr;
    wire [2:0]         s_axil_awprot, s_axil_arprot;
    wire               s_axil_awvalid, s_axil_wvalid, s_axil_bready, s_axil_arvalid, s_axil_rready;
    wire [31:0]        s_axil_wdata;
    wire [3:0]         s_axil_wstrb;
    wire               m_axi_awready, m_axi_wready, m_axi_bvalid, m_axi_arready, m_axi_rlast, m_axi_rvalid;
    wire [ID_W-1:0]    m_axi_bid, m_axi_rid;
    wire [1:0]         m_axi_bresp, m_axi_rresp;
    wire [DATA_W-1:0]  m_axi_rdata;
    wire [DATA_W-1:0]  s_axis_rx_tdata;
    wire [W-1:0]       s_axis_rx_tkeep;
    wire               s_axis_rx_tvalid, s_axis_rx_tlast, s_axis_rx_tuser;
    wire               m_axis_tx_tready, m_irq_ready;

    assign {s_axil_awaddr, s_axil_awprot, s_axil_awvalid, s_axil_wdata, s_axil_wstrb,
            s_axil_wvalid, s_axil_bready, s_axil_araddr, s_axil_arprot, s_axil_arvalid,
            s_axil_rready,
            m_axi_awready, m_axi_wready, m_axi_bid, m_axi_bresp, m_axi_bvalid,
            m_axi_arready, m_axi_rid, m_axi_rdata, m_axi_rresp, m_axi_rlast, m_axi_rvalid,
            s_axis_rx_tdata, s_axis_rx_tkeep, s_axis_rx_tvalid, s_axis_rx_tlast,
            s_axis_rx_tuser, m_axis_tx_tready, m_irq_ready} = in_q;

    wire               s_axil_awready, s_axil_wready, s_axil_bvalid, s_axil_arready, s_axil_rvalid;
    wire [1:0]         s_axil_bresp, s_axil_rresp;
    wire [31:0]        s_axil_rdata;
    wire [ID_W-1:0]    m_axi_awid, m_axi_arid;
    wire [VF_W-1:0]    m_axi_awuser, m_axi_aruser;
    wire [HOST_AW-1:0] m_axi_awaddr, m_axi_araddr;
    wire [7:0]         m_axi_awlen, m_axi_arlen;
    wire [2:0]         m_axi_awsize, m_axi_arsize, m_axi_awprot, m_axi_arprot;
    wire [1:0]         m_axi_awburst, m_axi_arburst;
    wire               m_axi_awlock, m_axi_arlock, m_axi_awvalid, m_axi_arvalid;
    wire [3:0]         m_axi_awcache, m_axi_arcache;
    wire [DATA_W-1:0]  m_axi_wdata;
    wire [W-1:0]       m_axi_wstrb;
    wire               m_axi_wlast, m_axi_wvalid, m_axi_bready, m_axi_rready;
    wire [DATA_W-1:0]  m_axis_tx_tdata;
    wire [W-1:0]       m_axis_tx_tkeep;
    wire               m_axis_tx_tvalid, m_axis_tx_tlast, m_axis_tx_tuser, s_axis_rx_tready;
    wire               m_irq_valid;
    wire [7:0]         m_irq_vector;

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
        .clk               (clk),
        .rst               (rst),
        .s_axil_awaddr     (s_axil_awaddr),
        .s_axil_awprot     (s_axil_awprot),
        .s_axil_awvalid    (s_axil_awvalid),
        .s_axil_awready    (s_axil_awready),
        .s_axil_wdata      (s_axil_wdata),
        .s_axil_wstrb      (s_axil_wstrb),
        .s_axil_wvalid     (s_axil_wvalid),
        .s_axil_wready     (s_axil_wready),
        .s_axil_bresp      (s_axil_bresp),
        .s_axil_bvalid     (s_axil_bvalid),
        .s_axil_bready     (s_axil_bready),
        .s_axil_araddr     (s_axil_araddr),
        .s_axil_arprot     (s_axil_arprot),
        .s_axil_arvalid    (s_axil_arvalid),
        .s_axil_arready    (s_axil_arready),
        .s_axil_rdata      (s_axil_rdata),
        .s_axil_rresp      (s_axil_rresp),
        .s_axil_rvalid     (s_axil_rvalid),
        .s_axil_rready     (s_axil_rready),
        .m_axi_awid        (m_axi_awid),
        .m_axi_awuser      (m_axi_awuser),
        .m_axi_awaddr      (m_axi_awaddr),
        .m_axi_awlen       (m_axi_awlen),
        .m_axi_awsize      (m_axi_awsize),
        .m_axi_awburst     (m_axi_awburst),
        .m_axi_awlock      (m_axi_awlock),
        .m_axi_awcache     (m_axi_awcache),
        .m_axi_awprot      (m_axi_awprot),
        .m_axi_awvalid     (m_axi_awvalid),
        .m_axi_awready     (m_axi_awready),
        .m_axi_wdata       (m_axi_wdata),
        .m_axi_wstrb       (m_axi_wstrb),
        .m_axi_wlast       (m_axi_wlast),
        .m_axi_wvalid      (m_axi_wvalid),
        .m_axi_wready      (m_axi_wready),
        .m_axi_bid         (m_axi_bid),
        .m_axi_bresp       (m_axi_bresp),
        .m_axi_bvalid      (m_axi_bvalid),
        .m_axi_bready      (m_axi_bready),
        .m_axi_arid        (m_axi_arid),
        .m_axi_aruser      (m_axi_aruser),
        .m_axi_araddr      (m_axi_araddr),
        .m_axi_arlen       (m_axi_arlen),
        .m_axi_arsize      (m_axi_arsize),
        .m_axi_arburst     (m_axi_arburst),
        .m_axi_arlock      (m_axi_arlock),
        .m_axi_arcache     (m_axi_arcache),
        .m_axi_arprot      (m_axi_arprot),
        .m_axi_arvalid     (m_axi_arvalid),
        .m_axi_arready     (m_axi_arready),
        .m_axi_rid         (m_axi_rid),
        .m_axi_rdata       (m_axi_rdata),
        .m_axi_rresp       (m_axi_rresp),
        .m_axi_rlast       (m_axi_rlast),
        .m_axi_rvalid      (m_axi_rvalid),
        .m_axi_rready      (m_axi_rready),
        .s_axis_rx_tdata   (s_axis_rx_tdata),
        .s_axis_rx_tkeep   (s_axis_rx_tkeep),
        .s_axis_rx_tvalid  (s_axis_rx_tvalid),
        .s_axis_rx_tready  (s_axis_rx_tready),
        .s_axis_rx_tlast   (s_axis_rx_tlast),
        .s_axis_rx_tuser   (s_axis_rx_tuser),
        .m_axis_tx_tdata   (m_axis_tx_tdata),
        .m_axis_tx_tkeep   (m_axis_tx_tkeep),
        .m_axis_tx_tvalid  (m_axis_tx_tvalid),
        .m_axis_tx_tready  (m_axis_tx_tready),
        .m_axis_tx_tlast   (m_axis_tx_tlast),
        .m_axis_tx_tuser   (m_axis_tx_tuser),
        .m_irq_valid       (m_irq_valid),
        .m_irq_ready       (m_irq_ready),
        .m_irq_vector      (m_irq_vector)
    );

    // ---------------------------------------------- output observation
    wire [N_OUT-1:0] out_w = {
        s_axil_awready, s_axil_wready, s_axil_bresp, s_axil_bvalid, s_axil_arready,
        s_axil_rdata, s_axil_rresp, s_axil_rvalid,
        m_axi_awid, m_axi_awuser, m_axi_awaddr, m_axi_awlen, m_axi_awsize, m_axi_awburst, m_axi_awlock,
        m_axi_awcache, m_axi_awprot, m_axi_awvalid,
        m_axi_arid, m_axi_aruser, m_axi_araddr, m_axi_arlen, m_axi_arsize, m_axi_arburst, m_axi_arlock,
        m_axi_arcache, m_axi_arprot, m_axi_arvalid,
        m_axi_wdata, m_axi_wstrb, m_axi_wlast, m_axi_wvalid, m_axi_bready, m_axi_rready,
        m_axis_tx_tdata, m_axis_tx_tkeep, m_axis_tx_tvalid, m_axis_tx_tlast, m_axis_tx_tuser,
        s_axis_rx_tready, m_irq_valid, m_irq_vector};

    reg [N_OUT-1:0] out_q;
    reg [N_MID-1:0] mid_q;
    reg [N_MID-1:0] mid_d;
    reg [7:0]       dout_q;
    reg [7:0]       dout_d;
    integer         i;

    always @* begin
        mid_d = {N_MID{1'b0}};
        for (i = 0; i < N_OUT; i = i + 1) begin
            mid_d[i % N_MID] = mid_d[i % N_MID] ^ out_q[i];
        end
        dout_d = 8'd0;
        for (i = 0; i < N_MID; i = i + 1) begin
            dout_d[i % 8] = dout_d[i % 8] ^ mid_q[i];
        end
    end

    always @(posedge clk) begin
        out_q  <= out_w;
        mid_q  <= mid_d;
        dout_q <= dout_d;
    end

    assign dout = dout_q;

endmodule

`default_nettype wire
