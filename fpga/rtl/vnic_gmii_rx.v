// vnic_gmii_rx: GMII receive shim: strips preamble and SFD, emits frame bytes with last/error flags.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Runs in the PHY's receive clock domain. A frame starts when RX_DV rises;
// any number of 0x55 bytes followed by 0xD5 (SFD) is the preamble, and a
// frame whose preamble holds any other byte is ignored. Every byte after
// the SFD while RX_DV stays high is a frame byte (destination MAC first,
// FCS last; the FCS is passed on, the device checks it). RX_ER during the
// frame sets `m_axis_tuser` on its last byte.
//
// The output has no back-pressure (the wire cannot wait): the byte is
// offered once, and if `m_axis_tready` is low it is lost. The frame is
// then marked bad (tuser on its last byte); if the lost byte was the last
// one, a one-byte terminator {tlast=1, tuser=1} is sent at the next free
// cycle and the receiver ignores frames until it has been sent, so frame
// boundaries are never lost. `overflow` pulses for each lost byte.
//
// Latency: a byte leaves two cycles after it is on the GMII pins (one
// input register, one byte held to find the last one). Throughput: one
// byte per cycle.
module vnic_gmii_rx (
    input  wire       clk,
    input  wire       rst,

    // GMII receive (synchronous to clk)
    input  wire [7:0] gmii_rxd,
    input  wire       gmii_rx_dv,
    input  wire       gmii_rx_er,

    // frame bytes
    output wire [7:0] m_axis_tdata,
    output wire       m_axis_tvalid,
    input  wire       m_axis_tready,
    output wire       m_axis_tlast,
    output wire       m_axis_tuser,

    // status
    output wire       overflow
);

    localparam [7:0] PRE = 8'h55;
    localparam [7:0] SFD = 8'hD5;

    localparam [1:0] S_IDLE = 2'd0;
    localparam [1:0] S_PRE  = 2'd1;
    localparam [1:0] S_DATA = 2'd2;
    localparam [1:0] S_DROP = 2'd3;

    reg [7:0] rxd_q;
    reg       dv_q, er_q;
    reg [1:0] state_q, state_d;
    reg [7:0] held_q, held_d;    // last frame byte seen, not yet sent
    reg       have_q, have_d;
    reg       err_q, err_d;      // RX_ER or a lost byte in this frame
    reg       term_q, term_d;    // a terminator is owed
    reg [7:0] out_data_q, out_data_d;
    reg       out_valid_q, out_valid_d;
    reg       out_last_q, out_last_d;
    reg       out_user_q, out_user_d;
    reg       ovf_q, ovf_d;

    // A byte offered at the output is lost when the receiver is not ready.
    wire lost = out_valid_q && !m_axis_tready;

    always @* begin
        state_d     = state_q;
        held_d      = held_q;
        have_d      = have_q;
        err_d       = err_q;
        term_d      = term_q;
        out_data_d  = 8'd0;
        out_valid_d = 1'b0;
        out_last_d  = 1'b0;
        out_user_d  = 1'b0;
        ovf_d       = lost;

        if (lost) begin
            if (out_last_q) begin
                term_d = 1'b1;
            end else begin
                err_d = 1'b1;
            end
        end

        case (state_q)
            S_IDLE: begin
                have_d = 1'b0;
                err_d  = 1'b0;
                if (dv_q) begin
                    if (term_d) begin
                        state_d = S_DROP;
                    end else if (rxd_q == PRE) begin
                        state_d = S_PRE;
                    end else if (rxd_q == SFD) begin
                        state_d = S_DATA;
                    end else begin
                        state_d = S_DROP;
                    end
                end
            end
            S_PRE: begin
                if (!dv_q) begin
                    state_d = S_IDLE;
                end else if (rxd_q == SFD) begin
                    state_d = S_DATA;
                end else if (rxd_q != PRE) begin
                    state_d = S_DROP;
                end
            end
            S_DATA: begin
                if (dv_q) begin
                    held_d = rxd_q;
                    have_d = 1'b1;
                    err_d  = err_d || er_q;
                    if (have_q) begin
                        out_data_d  = held_q;
                        out_valid_d = 1'b1;
                    end
                end else begin
                    state_d = S_IDLE;
                    have_d  = 1'b0;
                    if (have_q) begin
                        out_data_d  = held_q;
                        out_valid_d = 1'b1;
                        out_last_d  = 1'b1;
                        out_user_d  = err_d;
                    end
                end
            end
            default: begin // S_DROP
                if (!dv_q) begin
                    state_d = S_IDLE;
                end
            end
        endcase

        // the terminator goes out in a cycle without a frame byte
        if (term_d && !out_valid_d && !lost) begin
            out_valid_d = 1'b1;
            out_last_d  = 1'b1;
            out_user_d  = 1'b1;
            term_d      = 1'b0;
        end
    end

    always @(posedge clk) begin
        rxd_q <= gmii_rxd;
        if (rst) begin
            dv_q        <= 1'b0;
            er_q        <= 1'b0;
            state_q     <= S_IDLE;
            held_q      <= 8'd0;
            have_q      <= 1'b0;
            err_q       <= 1'b0;
            term_q      <= 1'b0;
            out_data_q  <= 8'd0;
            out_valid_q <= 1'b0;
            out_last_q  <= 1'b0;
            out_user_q  <= 1'b0;
            ovf_q       <= 1'b0;
        end else begin
            dv_q        <= gmii_rx_dv;
            er_q        <= gmii_rx_er;
            state_q     <= state_d;
            held_q      <= held_d;
            have_q      <= have_d;
            err_q       <= err_d;
            term_q      <= term_d;
            out_data_q  <= out_data_d;
            out_valid_q <= out_valid_d;
            out_last_q  <= out_last_d;
            out_user_q  <= out_user_d;
            ovf_q       <= ovf_d;
        end
    end

    assign m_axis_tdata  = out_data_q;
    assign m_axis_tvalid = out_valid_q;
    assign m_axis_tlast  = out_last_q;
    assign m_axis_tuser  = out_user_q;
    assign overflow      = ovf_q;

endmodule

`default_nettype wire
