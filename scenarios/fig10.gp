# fig10.gp: plot of the Figure 10 sweep written by vnic-sim --dat.
# gnuplot -e "dat='build/fig10/fig10.dat'; out='build/fig10/fig10.png'" scenarios/fig10.gp
# Columns: 1 VM2 ceiling, 2 VM1 delivered, 3 VM2 delivered, 4 total,
#          5 host capacity (Gb/s).
if (!exists("dat")) dat = 'build/fig10/fig10.dat'
if (!exists("out")) out = 'build/fig10/fig10.png'
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 900,560 enhanced font "Sans,11"
} else {
    set terminal png size 900,560
}
set output out
set title "Device-level receive QoS on VM2: VM1 takes what VM2 leaves (paper's Figure 10)"
set xlabel "VM2 ceiling (Gb/s)"
set ylabel "delivered to the VM (Gb/s)"
set key bottom right box opaque
set grid
set logscale x 2
set xrange [0.2:12]
set yrange [0:*]
set offsets graph 0, graph 0, graph 0.12, graph 0
set xtics (0.25, 0.5, 1, 2, 4, 8, 10)
plot dat using 1:5 with lines dashtype 2 lw 2 lc rgb "#777777" title "host capacity", \
     dat using 1:4 with linespoints pt 7 lw 2 lc rgb "#000000" title "VM1 + VM2", \
     dat using 1:2 with linespoints pt 5 lw 2 lc rgb "#1f77b4" title "VM1 (best effort)", \
     dat using 1:3 with linespoints pt 9 lw 2 lc rgb "#d62728" title "VM2 (ceiling swept)"
