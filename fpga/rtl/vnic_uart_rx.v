// vnic_uart_rx: 8N1 UART receiver with a one-byte valid/ready output.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Samples the asynchronous `rxd` line through a two-flop synchroniser,
// detects the falling edge of a start bit, re-checks it half a bit later
// and samples the eight data bits (LSB first) and the stop bit in the
// middle of each bit period. A byte whose stop bit is 0 is discarded and
// raises `frame_err` for one cycle. A received byte waits in the output
// register until `m_axis_tready`; if the next byte completes while it is
// still waiting, the new byte is discarded and `overrun` pulses.
//
// Latency: the byte is presented one cycle after the middle of its stop
// bit. Throughput: one byte per 10 bit periods (line rate).
module vnic_uart_rx #(
    parameter integer CLKS_PER_BIT = 1085 // clock cycles per bit (clk / baud), >= 4
) (
    input  wire       clk,
    input  wire       rst,

    // serial line (asynchronous, idle high)
    input  wire       rxd,

    // received bytes
    output wire [7:0] m_axis_tdata,
    output wire       m_axis_tvalid,
    input  wire       m_axis_tready,

    // status pulses
    output wire       frame_err,
    output wire       overrun
);

    localparam integer CNT_W = $clog2(CLKS_PER_BIT + 1);
    localparam integer     FULL_I   = CLKS_PER_BIT - 1;
    localparam [CNT_W-1:0] FULL_BIT = FULL_I[CNT_W-1:0];
    localparam integer     HALF_I   = CLKS_PER_BIT / 2 - 1;
    localparam [CNT_W-1:0] HALF_BIT = HALF_I[CNT_W-1:0];

    localparam [1:0] S_IDLE  = 2'd0;
    localparam [1:0] S_START = 2'd1;
    localparam [1:0] S_DATA  = 2'd2;
    localparam [1:0] S_STOP  = 2'd3;

    initial begin
        if (CLKS_PER_BIT < 4) begin
            $display("vnic_uart_rx: CLKS_PER_BIT must be >= 4");
            $finish;
        end
    end

    reg [2:0]       sync_q;
    reg [1:0]       state_q, state_d;
    reg [CNT_W-1:0] cnt_q, cnt_d;
    reg [2:0]       bit_q, bit_d;
    reg [7:0]       shift_q, shift_d;
    reg [7:0]       data_q, data_d;
    reg             valid_q, valid_d;
    reg             ferr_q, ferr_d;
    reg             ovr_q, ovr_d;

    wire line = sync_q[2];

    always @* begin
        state_d = state_q;
        cnt_d   = cnt_q;
        bit_d   = bit_q;
        shift_d = shift_q;
        data_d  = data_q;
        valid_d = valid_q && !m_axis_tready;
        ferr_d  = 1'b0;
        ovr_d   = 1'b0;

        case (state_q)
            S_IDLE: begin
                if (!line) begin
                    state_d = S_START;
                    cnt_d   = HALF_BIT;
                end
            end
            S_START: begin
                if (cnt_q != {CNT_W{1'b0}}) begin
                    cnt_d = cnt_q - 1'b1;
                end else if (line) begin
                    state_d = S_IDLE; // glitch, not a start bit
                end else begin
                    state_d = S_DATA;
                    cnt_d   = FULL_BIT;
                    bit_d   = 3'd0;
                end
            end
            S_DATA: begin
                if (cnt_q != {CNT_W{1'b0}}) begin
                    cnt_d = cnt_q - 1'b1;
                end else begin
                    shift_d = {line, shift_q[7:1]};
                    cnt_d   = FULL_BIT;
                    bit_d   = bit_q + 1'b1;
                    if (bit_q == 3'd7) begin
                        state_d = S_STOP;
                    end
                end
            end
            default: begin // S_STOP
                if (cnt_q != {CNT_W{1'b0}}) begin
                    cnt_d = cnt_q - 1'b1;
                end else begin
                    state_d = S_IDLE;
                    if (!line) begin
                        ferr_d = 1'b1;
                    end else if (valid_d) begin
                        ovr_d = 1'b1;
                    end else begin
                        data_d  = shift_q;
                        valid_d = 1'b1;
                    end
                end
            end
        endcase
    end

    always @(posedge clk) begin
        sync_q <= {sync_q[1:0], rxd};
        if (rst) begin
            sync_q  <= 3'b111;
            state_q <= S_IDLE;
            cnt_q   <= {CNT_W{1'b0}};
            bit_q   <= 3'd0;
            shift_q <= 8'd0;
            data_q  <= 8'd0;
            valid_q <= 1'b0;
            ferr_q  <= 1'b0;
            ovr_q   <= 1'b0;
        end else begin
            state_q <= state_d;
            cnt_q   <= cnt_d;
            bit_q   <= bit_d;
            shift_q <= shift_d;
            data_q  <= data_d;
            valid_q <= valid_d;
            ferr_q  <= ferr_d;
            ovr_q   <= ovr_d;
        end
    end

    assign m_axis_tdata  = data_q;
    assign m_axis_tvalid = valid_q;
    assign frame_err     = ferr_q;
    assign overrun       = ovr_q;

endmodule

`default_nettype wire
