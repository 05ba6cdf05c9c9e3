// vnic_cnt_bank: N 64-bit statistics counters, the low halves in flip-flops, the high halves in distributed RAM.
`resetall
`timescale 1ns / 1ps
`default_nettype none

/*
 * Every counter adds its increment (add, plus inc as a carry-in) in every
 * cycle, and clr zeroes it. Only the low LW bits have an adder of their
 * own. A carry out of them sets the counter's pending flag; a sweep visits
 * one counter per cycle, in turn, and moves a pending carry into the high
 * 64 - LW bits, which are kept in a memory (one shared incrementer). A
 * counter's value in a cycle is therefore
 *
 *     { (zero ? 0 : high) + pending, low }
 *
 * exactly, in every cycle: rd_val shows it for counter rd_idx (a
 * combinational read, like a flip-flop's). The sweep writes high + 1
 * beside high into a second memory, so the read only selects between the
 * two (by pending) and has no adder. The zero flag stands for a high
 * half of 0 (reset, clr) so that the memory needs neither a reset nor
 * clearing; the sweep's first write after it stores 1.
 *
 * The sweep comes back to a counter every N cycles. The low half cannot
 * carry twice in that time while every cycle's increment (add + inc) is at
 * most 2^ADD_W and N < 2^(LW - ADD_W): after a carry the low half is below
 * 2^ADD_W, and reaching 2^LW again takes at least 2^(LW - ADD_W) cycles
 * (checked at elaboration; simulation also stops on an add of 2^ADD_W or
 * more, or on a second carry before the sweep). The narrowest low half
 * for N counters is LW = ADD_W + clog2(N + 1); the owner sorts its
 * counters into banks by the size of their increments (vnic_regs: counts
 * of at most 3 per cycle, byte counts below 2^17).
 *
 * Against 64-bit adders per counter: an LW-bit adder and LW flip-flops per
 * counter, and the read multiplexer of the high halves becomes a memory
 * read.
 */
module vnic_cnt_bank #(
    parameter integer N     = 8,         // counters
    parameter integer IW    = 3,         // index bits, 2^IW >= N
    parameter integer CW    = 32,        // increment width, bits (add)
    parameter integer ADD_W = 22,        // every add is below 2^ADD_W
    parameter integer LW    = 32         // low-half width, bits: N < 2^(LW - ADD_W)
) (
    input  wire            clk,
    input  wire            rst,

    input  wire [N*CW-1:0] add,          // counter i adds add[i*CW +: CW] ...
    input  wire [N-1:0]    inc,          // ... and inc[i]
    input  wire [N-1:0]    clr,          // counter i becomes 0 (this cycle's increment is lost)

    input  wire [IW-1:0]   rd_idx,
    output wire [63:0]     rd_val        // counter rd_idx's value in this cycle
);

localparam [31:0] N_32 = N;
localparam integer HW = 64 - LW;         // high-half width, bits

generate
    if (N < 2 || LW < ADD_W + 1 || LW > 48 || ADD_W < 1 || N >= (1 << (LW - ADD_W)) || (1 << IW) < N
        || CW < ADD_W || CW > 64) begin : gen_bad_params
        vnic_error_cnt_bank_sweep_too_long_for_the_increment_bound u_error ();
    end
endgenerate

reg  [LW-1:0] lo_q [0:N-1];              // low halves
reg  [N-1:0]  pend_q;                    // a carry out of the low half not yet in the high half
reg  [N-1:0]  zero_q;                    // the high half is 0 (the memory word is stale)
reg  [HW-1:0] hi_mem [0:N-1];            // high halves
reg  [HW-1:0] hi1_mem [0:N-1];           // high halves + 1 (written with hi_mem)
// The sweep's position in both encodings, on purpose: the binary one
// addresses the memory, the one-hot one tells each counter it is visited
// (N flip-flops instead of N IW-bit comparators in LUTs, the scarce resource).
reg  [IW-1:0] swp_q;                     // the sweep's counter
reg  [N-1:0]  swp_oh_q;                  // ... one-hot

wire [N-1:0]  svc = swp_oh_q & pend_q;   // the sweep moves counter i's carry this cycle

// ---------------------------------------------------------------- the sweep
wire [HW-1:0] swp_hi = zero_q[swp_q] ? {HW{1'b0}} : hi_mem[swp_q];
always @(posedge clk) begin
    if (!rst && pend_q[swp_q]) begin
        hi_mem[swp_q]  <= swp_hi + 1'b1;
        hi1_mem[swp_q] <= swp_hi + {{(HW-2){1'b0}}, 2'd2};
    end
end

always @(posedge clk) begin
    if (rst) begin
        swp_q    <= {IW{1'b0}};
        swp_oh_q <= {{(N-1){1'b0}}, 1'b1};
    end else begin
        swp_q    <= ({{(32-IW){1'b0}}, swp_q} == N_32 - 32'd1) ? {IW{1'b0}} : swp_q + 1'b1;
        swp_oh_q <= {swp_oh_q[N-2:0], swp_oh_q[N-1]};
    end
end

// ---------------------------------------------------------------- the counters
genvar gi;
generate
    for (gi = 0; gi < N; gi = gi + 1) begin : gen_cnt
        wire [CW-1:0] a = add[gi*CW +: CW];
        // the add's bits below 2^ADD_W (the rest are 0, by the bound)
        wire [LW:0]   a_lo = {{(LW+1-ADD_W){1'b0}}, a[ADD_W-1:0]};
        wire [LW:0]   s = {1'b0, lo_q[gi]} + a_lo + {{LW{1'b0}}, inc[gi]};
        always @(posedge clk) begin
            if (rst || clr[gi]) begin
                lo_q[gi]     <= {LW{1'b0}};
                pend_q[gi]   <= 1'b0;
                zero_q[gi]   <= 1'b1;
            end else begin
                lo_q[gi]     <= s[LW-1:0];
                pend_q[gi]   <= (pend_q[gi] && !svc[gi]) || s[LW];
                if (svc[gi])
                    zero_q[gi] <= 1'b0;
            end
        end
`ifndef SYNTHESIS
        always @(posedge clk) begin
            if (!rst && !clr[gi] && ((a >> ADD_W) != {CW{1'b0}}
                                     || (pend_q[gi] && !svc[gi] && s[LW]))) begin
                $display("vnic_cnt_bank: counter %0d: increment %0d out of bounds or a second carry before the sweep",
                         gi, a);
                $stop;
            end
        end
`endif
    end
endgenerate

// ---------------------------------------------------------------- read
wire [IW-1:0] ri   = ({{(32-IW){1'b0}}, rd_idx} < N_32) ? rd_idx : {IW{1'b0}};
wire [HW-1:0] r_hi = zero_q[ri] ? {{(HW-1){1'b0}}, pend_q[ri]} : pend_q[ri] ? hi1_mem[ri] : hi_mem[ri];
assign rd_val = {r_hi, lo_q[ri]};

endmodule

`resetall
