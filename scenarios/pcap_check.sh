#!/usr/bin/env bash
# pcap_check.sh DIR: every *.pcap under DIR opens in `tcpdump -r` and holds
# as many frames as the file's own record count says (read independently).
# Skips with a clear message when tcpdump is not installed.
set -u
dir="$1"
shopt -s nullglob globstar
files=("$dir"/**/*.pcap)
if [ ${#files[@]} -eq 0 ]; then
    echo "pcap_check: no pcap files under $dir"
    exit 1
fi
if ! command -v tcpdump >/dev/null 2>&1; then
    echo "pcap_check: SKIP: tcpdump is not installed (apt-get install tcpdump); ${#files[@]} files not checked"
    exit 0
fi
# record count from the file itself: walk the classic pcap record headers
count_records() {
    python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
magic = struct.unpack('<I', d[:4])[0]
e = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
off, n = 24, 0
while off + 16 <= len(d):
    cl = struct.unpack(e + 'I', d[off + 8:off + 12])[0]
    off += 16 + cl
    n += 1
print(n)
PY
}
bad=0
for f in "${files[@]}"; do
    if ! out=$(tcpdump -nn -r "$f" 2>&1 >/dev/null); then
        echo "pcap_check: FAIL: tcpdump -r $f: $out"
        bad=1
        continue
    fi
    got=$(tcpdump -nn -r "$f" 2>/dev/null | grep -c '^[0-9][0-9]:')
    want=$(count_records "$f")
    if [ "$got" != "$want" ]; then
        echo "pcap_check: FAIL: $f: tcpdump shows $got frames, the file has $want records"
        bad=1
    else
        echo "pcap_check: $f: $got frames, tcpdump reads it"
    fi
done
exit $bad
