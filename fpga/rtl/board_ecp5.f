// Board-side modules for ECP5 board tops (device RTL: rtl/vnic_top.f).
fpga/rtl/ecp5/vnic_pll.v
fpga/rtl/ecp5/vnic_ddr_in.v
fpga/rtl/ecp5/vnic_ddr_out.v
fpga/rtl/vnic_reset_sync.v
fpga/rtl/vnic_uart_rx.v
fpga/rtl/vnic_uart_tx.v
fpga/rtl/vnic_uart_axil.v
fpga/rtl/vnic_axi_ram.v
fpga/rtl/vnic_async_fifo.v
fpga/rtl/vnic_axis_upsize.v
fpga/rtl/vnic_gmii_rx.v
fpga/rtl/vnic_gmii_tx.v
fpga/rtl/vnic_rgmii.v
fpga/rtl/vnic_rgmii_mac.v
fpga/rtl/vnic_board_core.v
fpga/rtl/vnic_board_5a75b.v
fpga/rtl/vnic_board_ecpix5.v
