+incdir+.
vnic_crc32.v
vnic_ram_sdp.v
vnic_regs.v
vnic_rx_mac_if.v
vnic_top.v
