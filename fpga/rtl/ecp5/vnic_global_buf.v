// vnic_global_buf: drive a high-fanout signal on an ECP5 global network (DCCA).
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// For the device's synchronous reset: about 7 500 flip-flop LSR inputs on
// the ECPIX-5 board (docs/fpga.md section 3.5). On general routing that one
// net spans the die and competes with the datapath for wires; nextpnr routes
// a DCCA's output on one of the eight global networks that reach the fabric
// (LSR, CE and LUT inputs as well as clocks). The reset still has a whole
// cycle: the global adds a few ns from the reset flip-flop to every load,
// and nextpnr times that path like any other. Behavioural twin for simulation:
// fpga/rtl/sim/vnic_global_buf.v.
module vnic_global_buf (
    input  wire i,
    output wire o
);

    DCCA u_dcca (
        .CLKI (i),
        .CE   (1'b1),
        .CLKO (o)
    );

endmodule

`default_nettype wire
