// vnic_axis_upsize: packs a byte stream into DATA_W-bit AXI4-Stream beats.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Bytes fill a beat from byte lane 0 upwards; a beat leaves when it is full
// or holds the frame's last byte (tkeep is then a run of ones from lane
// 0). `m_axis_tuser` is the OR of the bytes' tuser over the beat, so an
// error flagged on the last byte reaches the last beat.
//
// Latency: a beat is presented the cycle after its last byte is accepted.
// Throughput: one byte per cycle in; the input stalls only while a
// completed beat waits behind an output beat that is not taken.
module vnic_axis_upsize #(
    parameter integer DATA_W = 64 // output width in bits (16..1024, multiple of 8)
) (
    input  wire                clk,
    input  wire                rst,

    // byte stream in
    input  wire [7:0]          s_axis_tdata,
    input  wire                s_axis_tvalid,
    output wire                s_axis_tready,
    input  wire                s_axis_tlast,
    input  wire                s_axis_tuser,

    // beats out
    output wire [DATA_W-1:0]   m_axis_tdata,
    output wire [DATA_W/8-1:0] m_axis_tkeep,
    output wire                m_axis_tvalid,
    input  wire                m_axis_tready,
    output wire                m_axis_tlast,
    output wire                m_axis_tuser
);

    localparam integer W     = DATA_W / 8;
    localparam integer IDX_W = $clog2(W);
    localparam [IDX_W-1:0] LAST_IDX = W[IDX_W-1:0] - 1'b1;

    initial begin
        if (DATA_W < 16 || (DATA_W % 8) != 0) begin
            $display("vnic_axis_upsize: DATA_W must be a multiple of 8, >= 16");
            $finish;
        end
    end

    // beat being gathered
    reg [DATA_W-1:0] acc_data_q, acc_data_d;
    reg [W-1:0]      acc_keep_q, acc_keep_d;
    reg              acc_user_q, acc_user_d;
    reg              acc_last_q, acc_last_d;
    reg              acc_done_q, acc_done_d;  // complete, waiting for the output
    reg [IDX_W-1:0]  idx_q, idx_d;
    // output beat
    reg [DATA_W-1:0] out_data_q, out_data_d;
    reg [W-1:0]      out_keep_q, out_keep_d;
    reg              out_valid_q, out_valid_d;
    reg              out_last_q, out_last_d;
    reg              out_user_q, out_user_d;

    wire in_fire  = s_axis_tvalid && !acc_done_q;
    wire out_free = !out_valid_q || m_axis_tready;

    reg [DATA_W-1:0] beat_data;
    reg [W-1:0]      beat_keep;
    reg              beat_user, beat_last, beat_done;

    always @* begin
        acc_data_d  = acc_data_q;
        acc_keep_d  = acc_keep_q;
        acc_user_d  = acc_user_q;
        acc_last_d  = acc_last_q;
        acc_done_d  = acc_done_q;
        idx_d       = idx_q;
        out_data_d  = out_data_q;
        out_keep_d  = out_keep_q;
        out_valid_d = out_valid_q && !m_axis_tready;
        out_last_d  = out_last_q;
        out_user_d  = out_user_q;

        // the accumulator with this cycle's byte added
        beat_data = acc_data_q;
        beat_keep = acc_keep_q;
        beat_user = acc_user_q;
        beat_last = acc_last_q;
        beat_done = acc_done_q;
        if (in_fire) begin
            beat_data[8*idx_q +: 8] = s_axis_tdata;
            beat_keep[idx_q]        = 1'b1;
            beat_user               = acc_user_q || s_axis_tuser;
            beat_last               = s_axis_tlast;
            beat_done               = s_axis_tlast || (idx_q == LAST_IDX);
            idx_d                   = idx_q + 1'b1;
        end

        if (beat_done && out_free) begin
            out_data_d  = beat_data;
            out_keep_d  = beat_keep;
            out_valid_d = 1'b1;
            out_last_d  = beat_last;
            out_user_d  = beat_user;
            acc_data_d  = {DATA_W{1'b0}};
            acc_keep_d  = {W{1'b0}};
            acc_user_d  = 1'b0;
            acc_last_d  = 1'b0;
            acc_done_d  = 1'b0;
            idx_d       = {IDX_W{1'b0}};
        end else begin
            acc_data_d = beat_data;
            acc_keep_d = beat_keep;
            acc_user_d = beat_user;
            acc_last_d = beat_last;
            acc_done_d = beat_done;
            if (beat_done) begin
                idx_d = {IDX_W{1'b0}};
            end
        end
    end

    always @(posedge clk) begin
        if (rst) begin
            acc_data_q  <= {DATA_W{1'b0}};
            acc_keep_q  <= {W{1'b0}};
            acc_user_q  <= 1'b0;
            acc_last_q  <= 1'b0;
            acc_done_q  <= 1'b0;
            idx_q       <= {IDX_W{1'b0}};
            out_data_q  <= {DATA_W{1'b0}};
            out_keep_q  <= {W{1'b0}};
            out_valid_q <= 1'b0;
            out_last_q  <= 1'b0;
            out_user_q  <= 1'b0;
        end else begin
            acc_data_q  <= acc_data_d;
            acc_keep_q  <= acc_keep_d;
            acc_user_q  <= acc_user_d;
            acc_last_q  <= acc_last_d;
            acc_done_q  <= acc_done_d;
            idx_q       <= idx_d;
            out_data_q  <= out_data_d;
            out_keep_q  <= out_keep_d;
            out_valid_q <= out_valid_d;
            out_last_q  <= out_last_d;
            out_user_q  <= out_user_d;
        end
    end

    assign s_axis_tready = !acc_done_q;
    assign m_axis_tdata  = out_data_q;
    assign m_axis_tkeep  = out_keep_q;
    assign m_axis_tvalid = out_valid_q;
    assign m_axis_tlast  = out_last_q;
    assign m_axis_tuser  = out_user_q;

endmodule

`default_nettype wire
