// vnic_uart_tx: 8N1 UART transmitter with a one-byte valid/ready input.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Takes one byte when idle (`s_axis_tready` high) and shifts out a start
// bit, eight data bits LSB first and one stop bit, each CLKS_PER_BIT
// cycles long. `txd` is registered and idles high.
//
// Latency: the start bit begins the cycle after the handshake.
// Throughput: one byte per 10 bit periods (line rate); tready is low while
// a byte is being sent.
module vnic_uart_tx #(
    parameter integer CLKS_PER_BIT = 1085 // clock cycles per bit (clk / baud), >= 4
) (
    input  wire       clk,
    input  wire       rst,

    // bytes to send
    input  wire [7:0] s_axis_tdata,
    input  wire       s_axis_tvalid,
    output wire       s_axis_tready,

    // serial line (idle high)
    output wire       txd
);

    localparam integer CNT_W = $clog2(CLKS_PER_BIT + 1);
    localparam integer     FULL_I   = CLKS_PER_BIT - 1;
    localparam [CNT_W-1:0] FULL_BIT = FULL_I[CNT_W-1:0];

    initial begin
        if (CLKS_PER_BIT < 4) begin
            $display("vnic_uart_tx: CLKS_PER_BIT must be >= 4");
            $finish;
        end
    end

    reg [CNT_W-1:0] cnt_q, cnt_d;
    reg [3:0]       bits_q, bits_d;  // bit periods left + 1, 0 = idle
    reg [8:0]       shift_q, shift_d; // {data, start} then shifted right
    reg             txd_q, txd_d;

    wire idle = (bits_q == 4'd0);

    always @* begin
        cnt_d   = cnt_q;
        bits_d  = bits_q;
        shift_d = shift_q;
        txd_d   = txd_q;
        if (idle) begin
            txd_d = 1'b1;
            if (s_axis_tvalid) begin
                shift_d = {s_axis_tdata, 1'b0};
                bits_d  = 4'd11;
                cnt_d   = {CNT_W{1'b0}};
            end
        end else if (cnt_q != {CNT_W{1'b0}}) begin
            cnt_d = cnt_q - 1'b1;
        end else if (bits_q == 4'd1) begin
            bits_d = 4'd0; // the stop bit has lasted a full period
        end else begin
            // start of the next bit: start, eight data bits, stop (1)
            txd_d   = shift_q[0];
            shift_d = {1'b1, shift_q[8:1]};
            cnt_d   = FULL_BIT;
            bits_d  = bits_q - 1'b1;
        end
    end

    // bits_q: 11 before the start bit, 10..3 before data bits 0..7, 2
    // before the stop bit, 1 while the stop bit is on the line.
    always @(posedge clk) begin
        if (rst) begin
            cnt_q   <= {CNT_W{1'b0}};
            bits_q  <= 4'd0;
            shift_q <= 9'h1ff;
            txd_q   <= 1'b1;
        end else begin
            cnt_q   <= cnt_d;
            bits_q  <= bits_d;
            shift_q <= shift_d;
            txd_q   <= txd_d;
        end
    end

    assign s_axis_tready = idle;
    assign txd           = txd_q;

endmodule

`default_nettype wire
