// vnic_irq: interrupt moderation per ring and the interrupt message interface.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * docs/architecture.md §4.9. Vectors: 0 = PF, 1 + 2v = RX ring of vNIC v,
 * 2 + 2v = TX ring of vNIC v (ring r = 2v or 2v+1 is vector r + 1).
 *
 * Per ring: n = completions since the last trigger (this cycle's included),
 * e = cycles since the first of them. The ring triggers in the first cycle
 * where n >= max(1, ITR_COUNT), or n >= 1 and ITR_TIMER != 0 and
 * e >= ITR_TIMER; a trigger clears n and is reported on ring_trig (the
 * register block sets INT_STATUS) and on the trace (trc_irq_mask bit r + 1;
 * bit 0 = a PF cause was set). A trigger whose INT_MASK bit is set, or a PF
 * cause with its G.INT_MASK bit set, requests a message for its vector; a
 * request for a vector whose message is already waiting (pending or on the
 * interface) coalesces into it. RESET of vNIC v clears its rings' n and e
 * and drops its pending (not yet presented) messages.
 *
 * Message interface: m_irq_valid/m_irq_ready/m_irq_vector, registered; one
 * message per cycle at most. Latency: a message is presented the cycle after
 * its trigger at the earliest. Fairness: round robin over pending vectors.
 */
module vnic_irq #(
    parameter integer NUM_VNIC = 8            // number of vNICs, 1..32
) (
    input  wire                    clk,
    input  wire                    rst,

    input  wire                    rx_cpl_valid,   // one RX completion of rx_cpl_vnic this cycle
    input  wire [4:0]              rx_cpl_vnic,
    input  wire                    tx_cpl_valid,
    input  wire [4:0]              tx_cpl_vnic,
    input  wire [NUM_VNIC*16-1:0]  rxr_itr_count,  // completions
    input  wire [NUM_VNIC*24-1:0]  rxr_itr_timer,  // cycles
    input  wire [NUM_VNIC*16-1:0]  txr_itr_count,
    input  wire [NUM_VNIC*24-1:0]  txr_itr_timer,
    input  wire [2*NUM_VNIC-1:0]   vf_int_mask,    // bit 2v RX, 2v+1 TX
    input  wire                    pf_trig,        // a PF cause was set
    input  wire                    pf_send,        // ... with its mask bit set
    input  wire                    cmd_reset,
    input  wire [4:0]              cmd_vnic,

    output wire [2*NUM_VNIC-1:0]   ring_trig,

    output wire                    m_irq_valid,
    input  wire                    m_irq_ready,
    output wire [7:0]              m_irq_vector,

    output wire                    trc_irq_valid,
    output wire [2*NUM_VNIC:0]     trc_irq_mask
);

localparam integer NR = 2 * NUM_VNIC;       // rings
localparam integer NVEC = NR + 1;            // vectors

reg  [NR*16-1:0] n_q, n_d;
reg  [NR*24-1:0] e_q, e_d;
reg  [NR-1:0]    trig;
reg  [NVEC-1:0]  pend_q, pend_d;
reg              mv_q, mv_d;
reg  [7:0]       mvec_q, mvec_d;
reg  [7:0]       rr_q, rr_d;
reg              take_new;

// The completion (cpl) arrives late in the cycle (the register block's
// HEAD compare, the RX DMA's write response), so both outcomes -- no
// completion, one completion -- are computed from registers and cpl only
// selects: n + 1 >= ITR_COUNT for one, n != 0 and n >= ITR_COUNT for none.
integer r_0;
reg         cpl;
reg  [15:0] cnt_lim;
reg  [23:0] tmr;
reg  [15:0] n_r, n_inc;       // n, and n + 1 saturated at 0xFFFF
reg         t_tmr, t_0, t_1;  // timer trigger; count trigger without / with cpl
always @* begin
    n_d = n_q;
    e_d = e_q;
    cpl = 1'b0;
    cnt_lim = 16'd0;
    tmr = 24'd0;
    n_r = 16'd0;
    n_inc = 16'd0;
    t_tmr = 1'b0;
    t_0 = 1'b0;
    t_1 = 1'b0;
    for (r_0 = 0; r_0 < NR; r_0 = r_0 + 1) begin
        if (r_0[0] == 1'b0) begin
            cpl = rx_cpl_valid && rx_cpl_vnic == r_0[5:1];
            cnt_lim = rxr_itr_count[(r_0/2)*16 +: 16];
            tmr = rxr_itr_timer[(r_0/2)*24 +: 24];
        end else begin
            cpl = tx_cpl_valid && tx_cpl_vnic == r_0[5:1];
            cnt_lim = txr_itr_count[(r_0/2)*16 +: 16];
            tmr = txr_itr_timer[(r_0/2)*24 +: 24];
        end
        n_r = n_q[r_0*16 +: 16];
        n_inc = (n_r == 16'hFFFF) ? 16'hFFFF : n_r + 16'd1;
        t_tmr = n_r != 16'd0 && tmr != 24'd0 && e_q[r_0*24 +: 24] >= tmr;
        t_0 = n_r != 16'd0 && n_r >= cnt_lim;
        t_1 = {1'b0, n_r} + 17'd1 >= {1'b0, cnt_lim};
        trig[r_0] = (cpl ? t_1 : t_0) || t_tmr;
        // e counts cycles since the first completion: 1 in the cycle after it
        if (n_q[r_0*16 +: 16] == 16'd0)
            e_d[r_0*24 +: 24] = 24'd1;
        else if (e_q[r_0*24 +: 24] != 24'hFFFFFF)
            e_d[r_0*24 +: 24] = e_q[r_0*24 +: 24] + 24'd1;
        n_d[r_0*16 +: 16] = trig[r_0] ? 16'd0 : (cpl ? n_inc : n_r);
        if (cmd_reset && cmd_vnic == r_0[5:1])
            n_d[r_0*16 +: 16] = 16'd0;
    end
end

assign ring_trig = trig;
assign trc_irq_valid = pf_trig || (trig != {NR{1'b0}});
assign trc_irq_mask  = {trig, pf_trig};

// ---------------------------------------------------------------- messages
wire [NVEC-1:0] req = {trig & vf_int_mask, pf_send};
reg  [NVEC-1:0] cand;
reg  [7:0]      pick;
reg             found;
integer i_1, i_2;
always @* begin
    // round robin: first pending vector at or after rr_q, else the first
    pick = 8'd0;
    found = 1'b0;
    cand = pend_q;
    for (i_1 = NVEC - 1; i_1 >= 0; i_1 = i_1 - 1)
        if (cand[i_1]) pick = i_1[7:0];
    for (i_1 = NVEC - 1; i_1 >= 0; i_1 = i_1 - 1)
        if (cand[i_1] && i_1[7:0] >= rr_q) begin
            pick = i_1[7:0];
            found = 1'b1;
        end
end

always @* begin
    pend_d = pend_q;
    mv_d = mv_q;
    mvec_d = mvec_q;
    rr_d = rr_q;
    take_new = 1'b0;
    if (mv_q && m_irq_ready) mv_d = 1'b0;
    if (!mv_d && pend_q != {NVEC{1'b0}}) begin
        take_new = 1'b1;
        mv_d = 1'b1;
        mvec_d = pick;
        rr_d = pick + 8'd1;
    end
    for (i_2 = 0; i_2 < NVEC; i_2 = i_2 + 1) begin
        if (take_new && pick == i_2[7:0])
            pend_d[i_2] = 1'b0;
        if (req[i_2] && !(mv_d && mvec_d == i_2[7:0]))
            pend_d[i_2] = 1'b1;
    end
    for (i_2 = 0; i_2 < NR / 2; i_2 = i_2 + 1)
        if (cmd_reset && cmd_vnic == i_2[4:0]) begin
            pend_d[2*i_2 + 1] = 1'b0;
            pend_d[2*i_2 + 2] = 1'b0;
        end
end

assign m_irq_valid  = mv_q;
assign m_irq_vector = mvec_q;

always @(posedge clk) begin
    if (rst) begin
        n_q <= {NR*16{1'b0}};
        e_q <= {NR*24{1'b0}};
        pend_q <= {NVEC{1'b0}};
        mv_q <= 1'b0;
        mvec_q <= 8'd0;
        rr_q <= 8'd0;
    end else begin
        n_q <= n_d;
        e_q <= e_d;
        pend_q <= pend_d;
        mv_q <= mv_d;
        mvec_q <= mvec_d;
        rr_q <= rr_d;
    end
end

wire unused_ok = ^{1'b0, found, 1'b0};

endmodule

`resetall
