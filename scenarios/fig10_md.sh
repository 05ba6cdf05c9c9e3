#!/usr/bin/env bash
# fig10_md.sh TXT DAT COMMAND: docs/fig10.md from the output of the fig10 run
# (vnic-sim's text output TXT and its data file DAT).
set -eu
txt="$1"; dat="$2"; cmd="$3"
cat <<MD
# Figure 10 on the vNIC model: VM1 takes what VM2 leaves

Produced by \`$cmd\` (scenario [scenarios/fig10.scn](../scenarios/fig10.scn),
engine model, $(grep -o 'seed [0-9]*' "$txt" | head -1)); the same command
rewrites this file and [fig10.png](fig10.png). How the scenario is built:
[scenarios.md](scenarios.md#figure-10-device-level-receive-qos-frees-bandwidth-for-the-others).

Two VMs share the device and one host CPU that consumes at most 4 Gb/s of
frames; each VM is offered 4.5 Gb/s of 1518-byte frames. VM1 is best effort,
VM2's ceiling (policed by the device at admission) is swept. Rates are frame
bytes (FCS included) delivered into the VM per second at 156.25 MHz, measured
after the warm-up.

| VM2 ceiling (Gb/s) | VM1 delivered (Gb/s) | VM2 delivered (Gb/s) | VM1 + VM2 (Gb/s) | host capacity (Gb/s) | VM1 + VM2 / capacity |
|---:|---:|---:|---:|---:|---:|
MD
awk '!/^#/ { printf "| %g | %.3f | %.3f | %.3f | %.3f | %.2f %% |\n", $1, $2, $3, $4, $5, 100 * $4 / $5 }' "$dat"
cat <<MD

![VM1 and VM2 delivered throughput against VM2's ceiling](fig10.png)

Expectations checked by the run (every row):

\`\`\`
$(grep '^expect ' "$txt")
$(grep ': PASS\|: FAIL' "$txt" | tail -1)
\`\`\`

The paper (Figure 10 (b)) reports VM1 rising to 1500 replies/s when VM2 is
constrained, against 850 at best effort, with < 10 % loss against an unshared
device. Here the unconstrained VM takes everything the constrained one leaves:
VM1 + VM2 stays at the host capacity for every ceiling, and above half the
capacity the two converge to the best-effort share (Figure 10 (a)).
MD
