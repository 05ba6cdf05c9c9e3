// vnic_global_buf: a global network buffer, behavioural model for simulation.
`resetall
`timescale 1ns / 1ps
`default_nettype none
//
// Same ports as the ECP5 version (fpga/rtl/ecp5/vnic_global_buf.v, DCCA with
// its clock enable tied high): the output follows the input.
module vnic_global_buf (
    input  wire i,
    output wire o
);

    assign o = i;

endmodule

`default_nettype wire
