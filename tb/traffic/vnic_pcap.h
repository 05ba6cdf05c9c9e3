/* vnic_pcap.h: pcap input and output for the vNIC testbench, through libpcap.
 *
 * Input: Ethernet captures (link type EN10MB) read with pcap_open_offline,
 * one file or every *.pcap / *.pcapng file of a folder in name order. The
 * frames are kept as captured (no FCS); a capture may hold frames shorter
 * than 60 bytes (captured before padding) and frames whose original length
 * exceeds the captured length (truncated by the snap length): both are kept
 * and counted. vnic_gen_mac_frame() (vnic_gen.h) turns one into what a
 * sending MAC puts on the wire.
 *
 * Output: one pcap file per destination (pcap_dump), nanosecond timestamps
 * from the cycle at the nominal 156.25 MHz clock (6.4 ns per cycle), link
 * type EN10MB, frames WITHOUT their FCS as capture tools show them; readable
 * by `tcpdump -r`.
 */
#ifndef VNIC_PCAP_H
#define VNIC_PCAP_H

#include <stddef.h>
#include <stdint.h>

struct vnic_pcap_pkt {
    uint8_t *data;
    uint32_t caplen;     /* bytes stored */
    uint32_t origlen;    /* length on the original wire (>= caplen) */
    uint64_t ts_ns;      /* capture timestamp */
    unsigned file;       /* index into vnic_pcap_trace.files */
};

struct vnic_pcap_trace {
    struct vnic_pcap_pkt *pkt;
    size_t n, cap;
    char **files;        /* file names loaded, in order */
    size_t *file_first;  /* index of each file's first frame */
    unsigned nfiles;
    size_t truncated;    /* frames with origlen > caplen */
    size_t short_frames; /* frames with caplen < 60 */
};

void vnic_pcap_trace_init(struct vnic_pcap_trace *t);
void vnic_pcap_trace_free(struct vnic_pcap_trace *t);

/* Append the frames of one capture file. 0, or -1 with a message in err
 * (file unreadable, not a capture, not Ethernet). */
int vnic_pcap_load(struct vnic_pcap_trace *t, const char *path, char *err, size_t errlen);

/* path is a file, or a folder whose *.pcap and *.pcapng files are all
 * loaded in name order. Returns the number of files loaded, or -1. */
int vnic_pcap_load_path(struct vnic_pcap_trace *t, const char *path, char *err, size_t errlen);

/* The k most frequent unicast destination MACs of the trace (ties broken by
 * the lower address), written to macs; returns how many were found. */
unsigned vnic_pcap_top_unicast(const struct vnic_pcap_trace *t, unsigned k, uint8_t (*macs)[6]);

struct vnic_pcap_writer;

/* Create (truncate) path. 0, or -1 with a message. */
int vnic_pcap_writer_open(const char *path, struct vnic_pcap_writer **out, char *err, size_t errlen);
/* Write one frame (len bytes as given) stamped with cycle. */
void vnic_pcap_writer_put(struct vnic_pcap_writer *w, const uint8_t *data, uint32_t len, uint64_t cycle);
uint64_t vnic_pcap_writer_count(const struct vnic_pcap_writer *w);
/* Flush and close; 0, or -1 when the data could not be written. */
int vnic_pcap_writer_close(struct vnic_pcap_writer *w);

#endif
