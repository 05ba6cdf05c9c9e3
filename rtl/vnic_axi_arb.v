// vnic_axi_arb: merges two AXI4 masters into one (round robin per channel, IDs tagged with the source).
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * Two AXI4 masters s0_* and s1_* (S_ID_W-bit IDs) share one master port
 * m_* whose ID is {source, ID} (S_ID_W + 1 bits): responses are routed
 * back by the source bit, so each source sees its own IDs unchanged and
 * the ordering rules of AXI per ID hold per source. The AXI4 user signals
 * of AR and AW (USER_W bits: the vNIC a request is made for) travel with
 * their request unchanged.
 *
 * AR and AW: registered outputs; a request is taken from one source per
 * cycle, round robin when both wait (the last winner goes second), and
 * held until the slave accepts it; the next one can be taken in the same
 * cycle. Fairness: with both sources waiting they alternate, so neither
 * waits for more than one request of the other.
 * W: bursts stay whole and in AW order: each AW taken from a source pushes
 * the source into a FIFO of W_FIFO entries and W beats are passed only
 * from the source at its head, until wlast (no AW is taken while the FIFO
 * is full). W may pass before the slave accepts the AW (a slave may wait
 * for W first); a source presenting W before its AW is taken waits.
 * R and B: combinational routing by the ID's source bit.
 * Latency: AR/AW one cycle; W, R, B none. Throughput: one AR and one AW
 * per cycle, one W, R and B beat per cycle.
 */
module vnic_axi_arb #(
    parameter integer S_ID_W  = 4,        // ID width of each source, bits
    parameter integer ADDR_W  = 64,       // address width, bits
    parameter integer DATA_W  = 64,       // data width, bits
    parameter integer USER_W  = 1,        // AR/AW user width, bits (1..8)
    parameter integer W_FIFO  = 16        // write bursts accepted ahead of their data (power of two, 2..64)
) (
    input  wire                  clk,
    input  wire                  rst,

    // source 0
    input  wire [S_ID_W-1:0]     s0_awid,
    input  wire [USER_W-1:0]     s0_awuser,
    input  wire [ADDR_W-1:0]     s0_awaddr,
    input  wire [7:0]            s0_awlen,
    input  wire [2:0]            s0_awsize,
    input  wire [1:0]            s0_awburst,
    input  wire                  s0_awlock,
    input  wire [3:0]            s0_awcache,
    input  wire [2:0]            s0_awprot,
    input  wire                  s0_awvalid,
    output wire                  s0_awready,
    input  wire [DATA_W-1:0]     s0_wdata,
    input  wire [DATA_W/8-1:0]   s0_wstrb,
    input  wire                  s0_wlast,
    input  wire                  s0_wvalid,
    output wire                  s0_wready,
    output wire [S_ID_W-1:0]     s0_bid,
    output wire [1:0]            s0_bresp,
    output wire                  s0_bvalid,
    input  wire                  s0_bready,
    input  wire [S_ID_W-1:0]     s0_arid,
    input  wire [USER_W-1:0]     s0_aruser,
    input  wire [ADDR_W-1:0]     s0_araddr,
    input  wire [7:0]            s0_arlen,
    input  wire [2:0]            s0_arsize,
    input  wire [1:0]            s0_arburst,
    input  wire                  s0_arlock,
    input  wire [3:0]            s0_arcache,
    input  wire [2:0]            s0_arprot,
    input  wire                  s0_arvalid,
    output wire                  s0_arready,
    output wire [S_ID_W-1:0]     s0_rid,
    output wire [DATA_W-1:0]     s0_rdata,
    output wire [1:0]            s0_rresp,
    output wire                  s0_rlast,
    output wire                  s0_rvalid,
    input  wire                  s0_rready,

    // source 1
    input  wire [S_ID_W-1:0]     s1_awid,
    input  wire [USER_W-1:0]     s1_awuser,
    input  wire [ADDR_W-1:0]     s1_awaddr,
    input  wire [7:0]            s1_awlen,
    input  wire [2:0]            s1_awsize,
    input  wire [1:0]            s1_awburst,
    input  wire                  s1_awlock,
    input  wire [3:0]            s1_awcache,
    input  wire [2:0]            s1_awprot,
    input  wire                  s1_awvalid,
    output wire                  s1_awready,
    input  wire [DATA_W-1:0]     s1_wdata,
    input  wire [DATA_W/8-1:0]   s1_wstrb,
    input  wire                  s1_wlast,
    input  wire                  s1_wvalid,
    output wire                  s1_wready,
    output wire [S_ID_W-1:0]     s1_bid,
    output wire [1:0]            s1_bresp,
    output wire                  s1_bvalid,
    input  wire                  s1_bready,
    input  wire [S_ID_W-1:0]     s1_arid,
    input  wire [USER_W-1:0]     s1_aruser,
    input  wire [ADDR_W-1:0]     s1_araddr,
    input  wire [7:0]            s1_arlen,
    input  wire [2:0]            s1_arsize,
    input  wire [1:0]            s1_arburst,
    input  wire                  s1_arlock,
    input  wire [3:0]            s1_arcache,
    input  wire [2:0]            s1_arprot,
    input  wire                  s1_arvalid,
    output wire                  s1_arready,
    output wire [S_ID_W-1:0]     s1_rid,
    output wire [DATA_W-1:0]     s1_rdata,
    output wire [1:0]            s1_rresp,
    output wire                  s1_rlast,
    output wire                  s1_rvalid,
    input  wire                  s1_rready,

    // merged master
    output wire [S_ID_W:0]       m_awid,
    output wire [USER_W-1:0]     m_awuser,
    output wire [ADDR_W-1:0]     m_awaddr,
    output wire [7:0]            m_awlen,
    output wire [2:0]            m_awsize,
    output wire [1:0]            m_awburst,
    output wire                  m_awlock,
    output wire [3:0]            m_awcache,
    output wire [2:0]            m_awprot,
    output wire                  m_awvalid,
    input  wire                  m_awready,
    output wire [DATA_W-1:0]     m_wdata,
    output wire [DATA_W/8-1:0]   m_wstrb,
    output wire                  m_wlast,
    output wire                  m_wvalid,
    input  wire                  m_wready,
    input  wire [S_ID_W:0]       m_bid,
    input  wire [1:0]            m_bresp,
    input  wire                  m_bvalid,
    output wire                  m_bready,
    output wire [S_ID_W:0]       m_arid,
    output wire [USER_W-1:0]     m_aruser,
    output wire [ADDR_W-1:0]     m_araddr,
    output wire [7:0]            m_arlen,
    output wire [2:0]            m_arsize,
    output wire [1:0]            m_arburst,
    output wire                  m_arlock,
    output wire [3:0]            m_arcache,
    output wire [2:0]            m_arprot,
    output wire                  m_arvalid,
    input  wire                  m_arready,
    input  wire [S_ID_W:0]       m_rid,
    input  wire [DATA_W-1:0]     m_rdata,
    input  wire [1:0]            m_rresp,
    input  wire                  m_rlast,
    input  wire                  m_rvalid,
    output wire                  m_rready
);

localparam integer AXW = S_ID_W + 1 + USER_W + ADDR_W + 8 + 3 + 2 + 1 + 4 + 3;   // one address request
localparam integer FA  = $clog2(W_FIFO);

generate
    if (W_FIFO < 2 || W_FIFO > 64 || (W_FIFO & (W_FIFO - 1)) != 0) begin : gen_err_w_fifo
        vnic_error_W_FIFO_must_be_a_power_of_two_2_to_64 u_error ();
    end
    if (USER_W < 1 || USER_W > 8) begin : gen_err_user_w
        vnic_error_USER_W_must_be_1_to_8 u_error ();
    end
endgenerate

// ---------------------------------------------------------------- address channels
wire [AXW-1:0] ar0 = {1'b0, s0_arid, s0_aruser, s0_araddr, s0_arlen, s0_arsize, s0_arburst, s0_arlock, s0_arcache, s0_arprot};
wire [AXW-1:0] ar1 = {1'b1, s1_arid, s1_aruser, s1_araddr, s1_arlen, s1_arsize, s1_arburst, s1_arlock, s1_arcache, s1_arprot};
wire [AXW-1:0] aw0 = {1'b0, s0_awid, s0_awuser, s0_awaddr, s0_awlen, s0_awsize, s0_awburst, s0_awlock, s0_awcache, s0_awprot};
wire [AXW-1:0] aw1 = {1'b1, s1_awid, s1_awuser, s1_awaddr, s1_awlen, s1_awsize, s1_awburst, s1_awlock, s1_awcache, s1_awprot};

reg            arv_q, arv_d, arl_q, arl_d;      // output valid, last winner
reg  [AXW-1:0] ar_q, ar_d;
reg            awv_q, awv_d, awl_q, awl_d;
reg  [AXW-1:0] aw_q, aw_d;
reg            ar_t0, ar_t1, aw_t0, aw_t1;      // taken from source 0 / 1 this cycle

// W order FIFO
reg  [W_FIFO-1:0] wf_q, wf_d;                   // source of each accepted AW, in order
reg  [FA:0]       wn_q, wn_d;                   // entries
reg  [FA-1:0]     wr_q, wr_d;                   // head index
wire              w_src = wf_q[wr_q];
wire              w_act = (wn_q != {(FA+1){1'b0}});
wire              wf_full = (wn_q == W_FIFO[FA:0]);

always @* begin
    arv_d = arv_q; arl_d = arl_q; ar_d = ar_q;
    awv_d = awv_q; awl_d = awl_q; aw_d = aw_q;
    wf_d = wf_q; wn_d = wn_q; wr_d = wr_q;
    ar_t0 = 1'b0; ar_t1 = 1'b0; aw_t0 = 1'b0; aw_t1 = 1'b0;

    // AR: the output register is free or leaving
    if (!arv_q || m_arready) begin
        arv_d = 1'b0;
        if (s0_arvalid && (!s1_arvalid || arl_q)) begin
            ar_t0 = 1'b1;
            ar_d = ar0;
            arv_d = 1'b1;
            arl_d = 1'b0;
        end else if (s1_arvalid) begin
            ar_t1 = 1'b1;
            ar_d = ar1;
            arv_d = 1'b1;
            arl_d = 1'b1;
        end
    end

    // AW: as AR, and only with room in the W order FIFO; the source joins
    // the W order when its request is taken (a slave may wait for W first)
    if ((!awv_q || m_awready) && !wf_full) begin
        awv_d = 1'b0;
        if (s0_awvalid && (!s1_awvalid || awl_q)) begin
            aw_t0 = 1'b1;
            aw_d = aw0;
            awv_d = 1'b1;
            awl_d = 1'b0;
        end else if (s1_awvalid) begin
            aw_t1 = 1'b1;
            aw_d = aw1;
            awv_d = 1'b1;
            awl_d = 1'b1;
        end
    end else if (awv_q && m_awready) begin
        awv_d = 1'b0;
    end
    if (aw_t0 || aw_t1) begin
        wf_d[wr_q + wn_q[FA-1:0]] = aw_t1;
        wn_d = wn_d + 1'b1;
    end

    // W: the last beat of the head burst pops it
    if (w_act && m_wvalid && m_wready && m_wlast) begin
        wr_d = wr_q + 1'b1;
        wn_d = wn_d - 1'b1;
    end
end

always @(posedge clk) begin
    if (rst) begin
        arv_q <= 1'b0; arl_q <= 1'b1; ar_q <= {AXW{1'b0}};
        awv_q <= 1'b0; awl_q <= 1'b1; aw_q <= {AXW{1'b0}};
        wf_q <= {W_FIFO{1'b0}}; wn_q <= {(FA+1){1'b0}}; wr_q <= {FA{1'b0}};
    end else begin
        arv_q <= arv_d; arl_q <= arl_d; ar_q <= ar_d;
        awv_q <= awv_d; awl_q <= awl_d; aw_q <= aw_d;
        wf_q <= wf_d; wn_q <= wn_d; wr_q <= wr_d;
    end
end

assign s0_arready = ar_t0;
assign s1_arready = ar_t1;
assign s0_awready = aw_t0;
assign s1_awready = aw_t1;
assign {m_arid, m_aruser, m_araddr, m_arlen, m_arsize, m_arburst, m_arlock, m_arcache, m_arprot} = ar_q;
assign m_arvalid = arv_q;
assign {m_awid, m_awuser, m_awaddr, m_awlen, m_awsize, m_awburst, m_awlock, m_awcache, m_awprot} = aw_q;
assign m_awvalid = awv_q;

// ---------------------------------------------------------------- W, R, B
assign m_wdata   = w_src ? s1_wdata : s0_wdata;
assign m_wstrb   = w_src ? s1_wstrb : s0_wstrb;
assign m_wlast   = w_src ? s1_wlast : s0_wlast;
assign m_wvalid  = w_act && (w_src ? s1_wvalid : s0_wvalid);
assign s0_wready = w_act && !w_src && m_wready;
assign s1_wready = w_act && w_src && m_wready;

assign s0_rid    = m_rid[S_ID_W-1:0];
assign s1_rid    = m_rid[S_ID_W-1:0];
assign s0_rdata  = m_rdata;
assign s1_rdata  = m_rdata;
assign s0_rresp  = m_rresp;
assign s1_rresp  = m_rresp;
assign s0_rlast  = m_rlast;
assign s1_rlast  = m_rlast;
assign s0_rvalid = m_rvalid && !m_rid[S_ID_W];
assign s1_rvalid = m_rvalid && m_rid[S_ID_W];
assign m_rready  = m_rid[S_ID_W] ? s1_rready : s0_rready;

assign s0_bid    = m_bid[S_ID_W-1:0];
assign s1_bid    = m_bid[S_ID_W-1:0];
assign s0_bresp  = m_bresp;
assign s1_bresp  = m_bresp;
assign s0_bvalid = m_bvalid && !m_bid[S_ID_W];
assign s1_bvalid = m_bvalid && m_bid[S_ID_W];
assign m_bready  = m_bid[S_ID_W] ? s1_bready : s0_bready;

endmodule

`resetall
