#define VTB_PINS(IN, OUT) IN(crc_in) IN(d0) IN(d1) IN(d2) IN(d3) IN(nb) OUT(crc_out)
