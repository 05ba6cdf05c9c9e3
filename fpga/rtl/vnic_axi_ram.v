// vnic_axi_ram: AXI4 slave over on-chip block RAM, used as host memory by the board tops.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// SIZE_BYTES of memory at address 0 of the AXI4 space, DATA_W bits wide,
// in one simple dual-port RAM (one write port, one read port) that maps
// to ECP5 DP16KD / iCE40 SB_RAM40_4K blocks. Reads and writes proceed
// independently, one burst of each at a time.
//
// Bursts: INCR (FIXED and WRAP are treated as INCR), any AWLEN/ARLEN, any
// AxSIZE up to DATA_W (the address advances by 2^AxSIZE per beat; reads
// return the whole word, writes honour WSTRB). A beat whose address is at
// or beyond SIZE_BYTES is not written / reads 0 and makes the burst answer
// DECERR; every other burst answers OKAY.
//
// Latency: write response 1 cycle after WLAST; first read beat 2 cycles
// after the AR handshake. Throughput: one write beat and one read beat per
// cycle (a 2-entry output queue keeps reads at full rate under RREADY).
module vnic_axi_ram #(
    parameter integer DATA_W     = 64,   // data bus width in bits (8..1024, power of two)
    parameter integer ADDR_W     = 64,   // AXI address width in bits
    parameter integer ID_W       = 4,    // AXI ID width in bits
    parameter integer SIZE_BYTES = 8192  // memory size in bytes (power of two, >= DATA_W/8)
) (
    input  wire                clk,
    input  wire                rst,

    // AXI4 slave: write address
    input  wire [ID_W-1:0]     s_axi_awid,
    input  wire [ADDR_W-1:0]   s_axi_awaddr,
    input  wire [7:0]          s_axi_awlen,
    input  wire [2:0]          s_axi_awsize,
    input  wire [1:0]          s_axi_awburst,
    input  wire                s_axi_awlock,
    input  wire [3:0]          s_axi_awcache,
    input  wire [2:0]          s_axi_awprot,
    input  wire                s_axi_awvalid,
    output wire                s_axi_awready,
    // write data
    input  wire [DATA_W-1:0]   s_axi_wdata,
    input  wire [DATA_W/8-1:0] s_axi_wstrb,
    input  wire                s_axi_wlast,
    input  wire                s_axi_wvalid,
    output wire                s_axi_wready,
    // write response
    output wire [ID_W-1:0]     s_axi_bid,
    output wire [1:0]          s_axi_bresp,
    output wire                s_axi_bvalid,
    input  wire                s_axi_bready,
    // read address
    input  wire [ID_W-1:0]     s_axi_arid,
    input  wire [ADDR_W-1:0]   s_axi_araddr,
    input  wire [7:0]          s_axi_arlen,
    input  wire [2:0]          s_axi_arsize,
    input  wire [1:0]          s_axi_arburst,
    input  wire                s_axi_arlock,
    input  wire [3:0]          s_axi_arcache,
    input  wire [2:0]          s_axi_arprot,
    input  wire                s_axi_arvalid,
    output wire                s_axi_arready,
    // read data
    output wire [ID_W-1:0]     s_axi_rid,
    output wire [DATA_W-1:0]   s_axi_rdata,
    output wire [1:0]          s_axi_rresp,
    output wire                s_axi_rlast,
    output wire                s_axi_rvalid,
    input  wire                s_axi_rready
);

    localparam integer W       = DATA_W / 8;
    localparam integer DEPTH   = SIZE_BYTES / W;
    localparam integer IDX_W   = (DEPTH > 1) ? $clog2(DEPTH) : 1;
    localparam integer OFF_W   = $clog2(W);
    localparam integer SPACE_W = $clog2(SIZE_BYTES);
    localparam [1:0]   RESP_OKAY   = 2'b00;
    localparam [1:0]   RESP_DECERR = 2'b11;
    localparam integer Q_W     = ID_W + 2 + 1; // queue entry: id, resp, last (data kept beside)

    initial begin
        if (DATA_W < 8 || DATA_W > 1024 || (DATA_W & (DATA_W - 1)) != 0) begin
            $display("vnic_axi_ram: DATA_W must be a power of two in 8..1024");
            $finish;
        end
        if (SIZE_BYTES < W || (SIZE_BYTES & (SIZE_BYTES - 1)) != 0) begin
            $display("vnic_axi_ram: SIZE_BYTES must be a power of two >= DATA_W/8");
            $finish;
        end
        if (ADDR_W <= SPACE_W) begin
            $display("vnic_axi_ram: ADDR_W must exceed log2(SIZE_BYTES)");
            $finish;
        end
    end

    reg [DATA_W-1:0] mem [0:DEPTH-1];

    function in_range(input [ADDR_W-1:0] a);
        in_range = (a[ADDR_W-1:SPACE_W] == {(ADDR_W-SPACE_W){1'b0}});
    endfunction

    function [IDX_W-1:0] word_idx(input [ADDR_W-1:0] a);
        word_idx = a[OFF_W +: IDX_W];
    endfunction

    // ------------------------------------------------------------ write
    reg              w_act_q, w_act_d;
    reg [ADDR_W-1:0] w_addr_q, w_addr_d;
    reg [2:0]        w_size_q, w_size_d;
    reg [ID_W-1:0]   w_id_q, w_id_d;
    reg              w_err_q, w_err_d;
    reg              b_valid_q, b_valid_d;
    reg              mem_we;
    reg [IDX_W-1:0]  mem_widx;

    wire aw_fire = s_axi_awvalid && s_axi_awready;
    wire w_fire  = s_axi_wvalid && s_axi_wready;

    always @* begin
        w_act_d   = w_act_q;
        w_addr_d  = w_addr_q;
        w_size_d  = w_size_q;
        w_id_d    = w_id_q;
        w_err_d   = w_err_q;
        b_valid_d = b_valid_q && !s_axi_bready;
        mem_we    = 1'b0;
        mem_widx  = word_idx(w_addr_q);

        if (aw_fire) begin
            w_act_d  = 1'b1;
            w_addr_d = s_axi_awaddr;
            w_size_d = (s_axi_awsize > OFF_W[2:0]) ? OFF_W[2:0] : s_axi_awsize;
            w_id_d   = s_axi_awid;
            w_err_d  = 1'b0;
        end
        if (w_fire) begin
            mem_we   = in_range(w_addr_q);
            w_err_d  = w_err_q || !in_range(w_addr_q);
            w_addr_d = w_addr_q + ({{(ADDR_W-1){1'b0}}, 1'b1} << w_size_q);
            if (s_axi_wlast) begin
                w_act_d   = 1'b0;
                b_valid_d = 1'b1;
            end
        end
    end

    always @(posedge clk) begin
        if (rst) begin
            w_act_q   <= 1'b0;
            w_addr_q  <= {ADDR_W{1'b0}};
            w_size_q  <= 3'd0;
            w_id_q    <= {ID_W{1'b0}};
            w_err_q   <= 1'b0;
            b_valid_q <= 1'b0;
        end else begin
            w_act_q   <= w_act_d;
            w_addr_q  <= w_addr_d;
            w_size_q  <= w_size_d;
            w_id_q    <= w_id_d;
            w_err_q   <= w_err_d;
            b_valid_q <= b_valid_d;
        end
    end

    genvar lane;
    generate
        for (lane = 0; lane < W; lane = lane + 1) begin : gen_lane
            always @(posedge clk) begin
                if (mem_we && s_axi_wstrb[lane]) begin
                    mem[mem_widx][8*lane +: 8] <= s_axi_wdata[8*lane +: 8];
                end
            end
        end
    endgenerate

    assign s_axi_awready = !w_act_q && !b_valid_q;
    assign s_axi_wready  = w_act_q;
    assign s_axi_bid     = w_id_q;
    assign s_axi_bresp   = w_err_q ? RESP_DECERR : RESP_OKAY;
    assign s_axi_bvalid  = b_valid_q;

    // ------------------------------------------------------------- read
    reg              r_act_q, r_act_d;
    reg [ADDR_W-1:0] r_addr_q, r_addr_d;
    reg [2:0]        r_size_q, r_size_d;
    reg [ID_W-1:0]   r_id_q, r_id_d;
    reg [7:0]        r_left_q, r_left_d;   // beats left after the next one
    reg              s1_valid_q, s1_valid_d; // a RAM read is in flight
    reg [Q_W-1:0]    s1_meta_q, s1_meta_d;
    reg [DATA_W-1:0] mem_q;                // RAM read data
    reg              mem_re;
    reg [IDX_W-1:0]  mem_ridx;

    // two-entry output queue, entry 0 is the head
    reg [1:0]        q_cnt_q, q_cnt_d;
    reg [DATA_W-1:0] q_data0_q, q_data0_d, q_data1_q, q_data1_d;
    reg [Q_W-1:0]    q_meta0_q, q_meta0_d, q_meta1_q, q_meta1_d;

    wire ar_fire = s_axi_arvalid && s_axi_arready;
    wire r_fire  = (q_cnt_q != 2'd0) && s_axi_rready;
    wire r_room  = ({1'b0, q_cnt_q} + {2'd0, s1_valid_q} - {2'd0, r_fire}) < 3'd2;

    always @* begin
        r_act_d    = r_act_q;
        r_addr_d   = r_addr_q;
        r_size_d   = r_size_q;
        r_id_d     = r_id_q;
        r_left_d   = r_left_q;
        s1_valid_d = 1'b0;
        s1_meta_d  = s1_meta_q;
        mem_re     = 1'b0;
        mem_ridx   = word_idx(r_addr_q);

        if (ar_fire) begin
            r_act_d  = 1'b1;
            r_addr_d = s_axi_araddr;
            r_size_d = (s_axi_arsize > OFF_W[2:0]) ? OFF_W[2:0] : s_axi_arsize;
            r_id_d   = s_axi_arid;
            r_left_d = s_axi_arlen;
        end else if (r_act_q && r_room) begin
            mem_re     = 1'b1;
            s1_valid_d = 1'b1;
            s1_meta_d  = {r_id_q, in_range(r_addr_q) ? RESP_OKAY : RESP_DECERR, r_left_q == 8'd0};
            r_addr_d   = r_addr_q + ({{(ADDR_W-1){1'b0}}, 1'b1} << r_size_q);
            r_left_d   = r_left_q - 8'd1;
            if (r_left_q == 8'd0) begin
                r_act_d = 1'b0;
            end
        end

        // output queue: pop the head, then push the RAM result
        q_cnt_d   = q_cnt_q;
        q_data0_d = q_data0_q;
        q_meta0_d = q_meta0_q;
        q_data1_d = q_data1_q;
        q_meta1_d = q_meta1_q;
        if (r_fire) begin
            q_data0_d = q_data1_q;
            q_meta0_d = q_meta1_q;
            q_cnt_d   = q_cnt_q - 2'd1;
        end
        if (s1_valid_q) begin
            if (q_cnt_d == 2'd0) begin
                q_data0_d = (s1_meta_q[2:1] == RESP_OKAY) ? mem_q : {DATA_W{1'b0}};
                q_meta0_d = s1_meta_q;
            end else begin
                q_data1_d = (s1_meta_q[2:1] == RESP_OKAY) ? mem_q : {DATA_W{1'b0}};
                q_meta1_d = s1_meta_q;
            end
            q_cnt_d = q_cnt_d + 2'd1;
        end
    end

    always @(posedge clk) begin
        if (mem_re) begin
            mem_q <= mem[mem_ridx];
        end
    end

    always @(posedge clk) begin
        if (rst) begin
            r_act_q    <= 1'b0;
            r_addr_q   <= {ADDR_W{1'b0}};
            r_size_q   <= 3'd0;
            r_id_q     <= {ID_W{1'b0}};
            r_left_q   <= 8'd0;
            s1_valid_q <= 1'b0;
            s1_meta_q  <= {Q_W{1'b0}};
            q_cnt_q    <= 2'd0;
            q_data0_q  <= {DATA_W{1'b0}};
            q_meta0_q  <= {Q_W{1'b0}};
            q_data1_q  <= {DATA_W{1'b0}};
            q_meta1_q  <= {Q_W{1'b0}};
        end else begin
            r_act_q    <= r_act_d;
            r_addr_q   <= r_addr_d;
            r_size_q   <= r_size_d;
            r_id_q     <= r_id_d;
            r_left_q   <= r_left_d;
            s1_valid_q <= s1_valid_d;
            s1_meta_q  <= s1_meta_d;
            q_cnt_q    <= q_cnt_d;
            q_data0_q  <= q_data0_d;
            q_meta0_q  <= q_meta0_d;
            q_data1_q  <= q_data1_d;
            q_meta1_q  <= q_meta1_d;
        end
    end

    assign s_axi_arready = !r_act_q;
    assign s_axi_rid     = q_meta0_q[Q_W-1:3];
    assign s_axi_rdata   = q_data0_q;
    assign s_axi_rresp   = q_meta0_q[2:1];
    assign s_axi_rlast   = q_meta0_q[0];
    assign s_axi_rvalid  = (q_cnt_q != 2'd0);

endmodule

`default_nettype wire
