/* CRC-32 of IEEE 802.3 (the Ethernet FCS), table-driven (slicing by 16).
 * Same function as zlib's crc32(): start with crc = 0, feed the bytes in
 * any number of pieces; the result is the FCS, transmitted least
 * significant byte first. zlib stays the independent oracle: the model's
 * tests compare this code against it (tests/test_crc.c).
 *
 *   struct vnic_crc t;                    (16 KiB; the model keeps one)
 *   vnic_crc_init(&t);
 *   uint32_t fcs = vnic_crc32(&t, 0, frame, len);
 */
#ifndef VNIC_CRC_H
#define VNIC_CRC_H

#include <stddef.h>
#include <stdint.h>

/* t[k][b]: the CRC register after byte b followed by k zero bytes
 * (reflected polynomial 0xEDB88320, no initial or final inversion). */
struct vnic_crc {
    uint32_t t[16][256];
};

void vnic_crc_init(struct vnic_crc *c);

/* CRC of buf[0..len) continued from crc (0 for a new frame). */
uint32_t vnic_crc32(const struct vnic_crc *c, uint32_t crc, const void *buf, size_t len);

#endif
