// vnic_gmii_tx: GMII transmit shim: serialises AXI4-Stream frames, inserts preamble, SFD and the inter-frame gap.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Each frame from `s_axis` (FCS already appended by the device, tkeep a
// run of ones from lane 0 on every beat) goes out as 7 bytes 0x55, the SFD
// 0xD5, the frame bytes, then at least IFG_BYTES idle cycles before the
// next preamble. The GMII outputs are registered.
//
// The wire cannot wait: if the next beat of a frame is not valid when the
// previous one has been sent (underrun), one byte with TX_ER is sent to
// spoil the frame at the receiver, the rest of the frame is discarded and
// `underrun` pulses.
//
// Latency: the first preamble byte is on the pins two cycles after the
// first beat is valid. Throughput: one byte per cycle on the wire; beats
// are taken into a one-beat holding register as soon as it is free.
module vnic_gmii_tx #(
    parameter integer DATA_W    = 64, // input width in bits (8..1024, multiple of 8)
    parameter integer IFG_BYTES = 12  // idle bytes between frames (>= 1)
) (
    input  wire                clk,
    input  wire                rst,

    // frames in
    input  wire [DATA_W-1:0]   s_axis_tdata,
    input  wire [DATA_W/8-1:0] s_axis_tkeep,
    input  wire                s_axis_tvalid,
    output wire                s_axis_tready,
    input  wire                s_axis_tlast,
    input  wire                s_axis_tuser,

    // GMII transmit
    output wire [7:0]          gmii_txd,
    output wire                gmii_tx_en,
    output wire                gmii_tx_er,

    // status
    output wire                underrun
);

    localparam integer W     = DATA_W / 8;
    localparam integer IDX_W = (W > 1) ? $clog2(W) : 1;
    localparam [IDX_W:0] W_BYTES = W[IDX_W:0];

    localparam [2:0] S_IDLE  = 3'd0;
    localparam [2:0] S_PRE   = 3'd1;
    localparam [2:0] S_DATA  = 3'd2;
    localparam [2:0] S_ERR   = 3'd3;
    localparam [2:0] S_FLUSH = 3'd4;
    localparam [2:0] S_IFG   = 3'd5;

    initial begin
        if (DATA_W < 8 || (DATA_W % 8) != 0 || IFG_BYTES < 1) begin
            $display("vnic_gmii_tx: DATA_W must be a multiple of 8 and IFG_BYTES >= 1");
            $finish;
        end
    end

    // holding register
    reg [DATA_W-1:0] hold_data_q, hold_data_d;
    reg [W-1:0]      hold_keep_q, hold_keep_d;
    reg              hold_last_q, hold_last_d;
    reg              hold_valid_q, hold_valid_d;
    // beat being sent
    reg [DATA_W-1:0] cur_data_q, cur_data_d;
    reg [W-1:0]      cur_keep_q, cur_keep_d;
    reg              cur_last_q, cur_last_d;
    reg [IDX_W-1:0]  idx_q, idx_d;
    reg [2:0]        state_q, state_d;
    reg [7:0]        cnt_q, cnt_d;
    // pins
    reg [7:0]        txd_q, txd_d;
    reg              en_q, en_d;
    reg              er_q, er_d;
    reg              urun_q, urun_d;

    wire in_fire = s_axis_tvalid && !hold_valid_q;

    // next byte of the current beat, if any
    wire [IDX_W:0] idx_next  = {1'b0, idx_q} + 1'b1;
    wire           more_byte = (idx_next < W_BYTES) && cur_keep_q[idx_next[IDX_W-1:0]];

    always @* begin
        hold_data_d  = hold_data_q;
        hold_keep_d  = hold_keep_q;
        hold_last_d  = hold_last_q;
        hold_valid_d = hold_valid_q;
        cur_data_d   = cur_data_q;
        cur_keep_d   = cur_keep_q;
        cur_last_d   = cur_last_q;
        idx_d        = idx_q;
        state_d      = state_q;
        cnt_d        = cnt_q;
        txd_d        = 8'h00;
        en_d         = 1'b0;
        er_d         = 1'b0;
        urun_d       = 1'b0;

        if (in_fire) begin
            hold_data_d  = s_axis_tdata;
            hold_keep_d  = s_axis_tkeep;
            hold_last_d  = s_axis_tlast;
            hold_valid_d = 1'b1;
        end

        case (state_q)
            S_IDLE: begin
                if (hold_valid_q) begin
                    txd_d   = 8'h55;
                    en_d    = 1'b1;
                    cnt_d   = 8'd1;
                    state_d = S_PRE;
                end
            end
            S_PRE: begin
                en_d  = 1'b1;
                cnt_d = cnt_q + 8'd1;
                if (cnt_q == 8'd7) begin
                    txd_d        = 8'hD5;
                    cur_data_d   = hold_data_q;
                    cur_keep_d   = hold_keep_q;
                    cur_last_d   = hold_last_q;
                    hold_valid_d = 1'b0;
                    idx_d        = {IDX_W{1'b0}};
                    state_d      = S_DATA;
                end else begin
                    txd_d = 8'h55;
                end
            end
            S_DATA: begin
                txd_d = cur_data_q[8*idx_q +: 8];
                en_d  = 1'b1;
                if (more_byte) begin
                    idx_d = idx_next[IDX_W-1:0];
                end else if (cur_last_q) begin
                    cnt_d   = 8'd0;
                    state_d = S_IFG;
                end else if (hold_valid_q) begin
                    cur_data_d   = hold_data_q;
                    cur_keep_d   = hold_keep_q;
                    cur_last_d   = hold_last_q;
                    hold_valid_d = 1'b0;
                    idx_d        = {IDX_W{1'b0}};
                end else begin
                    state_d = S_ERR;
                end
            end
            S_ERR: begin
                en_d    = 1'b1;
                er_d    = 1'b1;
                urun_d  = 1'b1;
                state_d = S_FLUSH;
            end
            S_FLUSH: begin
                // discard the rest of the spoiled frame
                if (hold_valid_q) begin
                    hold_valid_d = 1'b0;
                    if (hold_last_q) begin
                        cnt_d   = 8'd0;
                        state_d = S_IFG;
                    end
                end
            end
            default: begin // S_IFG
                cnt_d = cnt_q + 8'd1;
                if (cnt_q == IFG_BYTES[7:0] - 8'd1) begin
                    state_d = S_IDLE;
                end
            end
        endcase
    end

    always @(posedge clk) begin
        if (rst) begin
            hold_data_q  <= {DATA_W{1'b0}};
            hold_keep_q  <= {W{1'b0}};
            hold_last_q  <= 1'b0;
            hold_valid_q <= 1'b0;
            cur_data_q   <= {DATA_W{1'b0}};
            cur_keep_q   <= {W{1'b0}};
            cur_last_q   <= 1'b0;
            idx_q        <= {IDX_W{1'b0}};
            state_q      <= S_IDLE;
            cnt_q        <= 8'd0;
            txd_q        <= 8'h00;
            en_q         <= 1'b0;
            er_q         <= 1'b0;
            urun_q       <= 1'b0;
        end else begin
            hold_data_q  <= hold_data_d;
            hold_keep_q  <= hold_keep_d;
            hold_last_q  <= hold_last_d;
            hold_valid_q <= hold_valid_d;
            cur_data_q   <= cur_data_d;
            cur_keep_q   <= cur_keep_d;
            cur_last_q   <= cur_last_d;
            idx_q        <= idx_d;
            state_q      <= state_d;
            cnt_q        <= cnt_d;
            txd_q        <= txd_d;
            en_q         <= en_d;
            er_q         <= er_d;
            urun_q       <= urun_d;
        end
    end

    assign s_axis_tready = !hold_valid_q;
    assign gmii_txd      = txd_q;
    assign gmii_tx_en    = en_q;
    assign gmii_tx_er    = er_q;
    assign underrun      = urun_q;

endmodule

`default_nettype wire
