// vnic_uart_axil: byte-protocol bridge from a UART byte stream to an AXI4-Lite master.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Protocol (all multi-byte fields most significant byte first):
//
//   request                               response
//   'W' 0x57  A3 A2 A1 A0  D3 D2 D1 D0     S
//   'R' 0x52  A3 A2 A1 A0                  S  D3 D2 D1 D0
//   any other command byte                 0xE1
//
// S = 0xA0 | resp, resp being the AXI4-Lite BRESP/RRESP (0xA0 OKAY,
// 0xA2 SLVERR, 0xA3 DECERR). A read always returns four data bytes (the
// RDATA as received, whatever the response). Writes use WSTRB = 4'hf and
// AWPROT/ARPROT = 0. The address is 32 bits on the wire; the low ADDR_W
// bits drive the bus. A command whose bytes stop arriving for
// TIMEOUT_CLKS cycles is discarded without a response, so a host that
// lost sync waits that long and starts again. The host sends the next
// command only after the previous response (no pipelining: bytes that
// arrive while a transaction or a response is in progress are not taken,
// and the UART receiver drops them as overruns).
//
// Latency: the AXI request starts the cycle after the last request byte;
// the response starts the cycle after BVALID/RVALID. One transaction at a
// time.
module vnic_uart_axil #(
    parameter integer ADDR_W       = 18,      // AXI4-Lite address bits (<= 32)
    parameter integer TIMEOUT_CLKS = 1 << 20  // inter-byte time-out in clock cycles
) (
    input  wire              clk,
    input  wire              rst,

    // request bytes from the UART receiver
    input  wire [7:0]        s_axis_tdata,
    input  wire              s_axis_tvalid,
    output wire              s_axis_tready,

    // response bytes to the UART transmitter
    output wire [7:0]        m_axis_tdata,
    output wire              m_axis_tvalid,
    input  wire              m_axis_tready,

    // AXI4-Lite master
    output wire [ADDR_W-1:0] m_axil_awaddr,
    output wire [2:0]        m_axil_awprot,
    output wire              m_axil_awvalid,
    input  wire              m_axil_awready,
    output wire [31:0]       m_axil_wdata,
    output wire [3:0]        m_axil_wstrb,
    output wire              m_axil_wvalid,
    input  wire              m_axil_wready,
    input  wire [1:0]        m_axil_bresp,
    input  wire              m_axil_bvalid,
    output wire              m_axil_bready,
    output wire [ADDR_W-1:0] m_axil_araddr,
    output wire [2:0]        m_axil_arprot,
    output wire              m_axil_arvalid,
    input  wire              m_axil_arready,
    input  wire [31:0]       m_axil_rdata,
    input  wire [1:0]        m_axil_rresp,
    input  wire              m_axil_rvalid,
    output wire              m_axil_rready
);

    localparam [7:0] CMD_WRITE = 8'h57; // 'W'
    localparam [7:0] CMD_READ  = 8'h52; // 'R'
    localparam [7:0] RSP_OK    = 8'hA0; // | resp
    localparam [7:0] RSP_BAD   = 8'hE1; // unknown command byte

    localparam integer TO_W = $clog2(TIMEOUT_CLKS + 1);

    localparam [2:0] S_CMD  = 3'd0;
    localparam [2:0] S_ADDR = 3'd1;
    localparam [2:0] S_DATA = 3'd2;
    localparam [2:0] S_WR   = 3'd3;
    localparam [2:0] S_B    = 3'd4;
    localparam [2:0] S_AR   = 3'd5;
    localparam [2:0] S_R    = 3'd6;
    localparam [2:0] S_SEND = 3'd7;

    initial begin
        if (ADDR_W < 1 || ADDR_W > 32) begin
            $display("vnic_uart_axil: ADDR_W must be 1..32");
            $finish;
        end
    end

    reg [2:0]      state_q, state_d;
    reg            is_wr_q, is_wr_d;
    reg [1:0]      nbyte_q, nbyte_d;   // bytes of the current field received
    reg [31:0]     addr_q, addr_d;
    reg [31:0]     wdata_q, wdata_d;
    reg            aw_done_q, aw_done_d;
    reg            w_done_q, w_done_d;
    reg [39:0]     out_q, out_d;       // response bytes, next one in [39:32]
    reg [2:0]      nout_q, nout_d;     // response bytes left
    reg [TO_W-1:0] idle_q, idle_d;     // cycles since the last request byte

    wire rx_open = (state_q == S_CMD || state_q == S_ADDR || state_q == S_DATA);

    always @* begin
        state_d   = state_q;
        is_wr_d   = is_wr_q;
        nbyte_d   = nbyte_q;
        addr_d    = addr_q;
        wdata_d   = wdata_q;
        aw_done_d = aw_done_q;
        w_done_d  = w_done_q;
        out_d     = out_q;
        nout_d    = nout_q;
        idle_d    = idle_q;

        case (state_q)
            S_CMD: begin
                idle_d  = {TO_W{1'b0}};
                nbyte_d = 2'd0;
                if (s_axis_tvalid) begin
                    if (s_axis_tdata == CMD_WRITE || s_axis_tdata == CMD_READ) begin
                        is_wr_d = (s_axis_tdata == CMD_WRITE);
                        state_d = S_ADDR;
                    end else begin
                        out_d   = {RSP_BAD, 32'd0};
                        nout_d  = 3'd1;
                        state_d = S_SEND;
                    end
                end
            end
            S_ADDR, S_DATA: begin
                if (s_axis_tvalid) begin
                    idle_d  = {TO_W{1'b0}};
                    nbyte_d = nbyte_q + 1'b1;
                    if (state_q == S_ADDR) begin
                        addr_d = {addr_q[23:0], s_axis_tdata};
                    end else begin
                        wdata_d = {wdata_q[23:0], s_axis_tdata};
                    end
                    if (nbyte_q == 2'd3) begin
                        if (state_q == S_DATA) begin
                            state_d   = S_WR;
                            aw_done_d = 1'b0;
                            w_done_d  = 1'b0;
                        end else if (is_wr_q) begin
                            state_d = S_DATA;
                        end else begin
                            state_d = S_AR;
                        end
                    end
                end else if (idle_q == TIMEOUT_CLKS[TO_W-1:0]) begin
                    state_d = S_CMD; // the host went silent: drop the command
                end else begin
                    idle_d = idle_q + 1'b1;
                end
            end
            S_WR: begin
                if (m_axil_awready) aw_done_d = 1'b1;
                if (m_axil_wready)  w_done_d  = 1'b1;
                if (aw_done_d && w_done_d) begin
                    state_d = S_B;
                end
            end
            S_B: begin
                if (m_axil_bvalid) begin
                    out_d   = {RSP_OK | {6'd0, m_axil_bresp}, 32'd0};
                    nout_d  = 3'd1;
                    state_d = S_SEND;
                end
            end
            S_AR: begin
                if (m_axil_arready) begin
                    state_d = S_R;
                end
            end
            S_R: begin
                if (m_axil_rvalid) begin
                    out_d   = {RSP_OK | {6'd0, m_axil_rresp}, m_axil_rdata};
                    nout_d  = 3'd5;
                    state_d = S_SEND;
                end
            end
            default: begin // S_SEND
                if (m_axis_tready) begin
                    out_d  = {out_q[31:0], 8'd0};
                    nout_d = nout_q - 1'b1;
                    if (nout_q == 3'd1) begin
                        state_d = S_CMD;
                    end
                end
            end
        endcase
    end

    always @(posedge clk) begin
        if (rst) begin
            state_q   <= S_CMD;
            is_wr_q   <= 1'b0;
            nbyte_q   <= 2'd0;
            addr_q    <= 32'd0;
            wdata_q   <= 32'd0;
            aw_done_q <= 1'b0;
            w_done_q  <= 1'b0;
            out_q     <= 40'd0;
            nout_q    <= 3'd0;
            idle_q    <= {TO_W{1'b0}};
        end else begin
            state_q   <= state_d;
            is_wr_q   <= is_wr_d;
            nbyte_q   <= nbyte_d;
            addr_q    <= addr_d;
            wdata_q   <= wdata_d;
            aw_done_q <= aw_done_d;
            w_done_q  <= w_done_d;
            out_q     <= out_d;
            nout_q    <= nout_d;
            idle_q    <= idle_d;
        end
    end

    assign s_axis_tready  = rx_open;
    assign m_axis_tdata   = out_q[39:32];
    assign m_axis_tvalid  = (state_q == S_SEND);

    assign m_axil_awaddr  = addr_q[ADDR_W-1:0];
    assign m_axil_awprot  = 3'b000;
    assign m_axil_awvalid = (state_q == S_WR) && !aw_done_q;
    assign m_axil_wdata   = wdata_q;
    assign m_axil_wstrb   = 4'hf;
    assign m_axil_wvalid  = (state_q == S_WR) && !w_done_q;
    assign m_axil_bready  = (state_q == S_B);
    assign m_axil_araddr  = addr_q[ADDR_W-1:0];
    assign m_axil_arprot  = 3'b000;
    assign m_axil_arvalid = (state_q == S_AR);
    assign m_axil_rready  = (state_q == S_R);

endmodule

`default_nettype wire
