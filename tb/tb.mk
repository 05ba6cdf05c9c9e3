# tb/tb.mk: the Verilator harness of the RTL (tb/rtl/): one Verilated build
# per configuration under $(BUILD)/tb/<cfg>/, the C harness, the RTL tests,
# the RTL benchmark, `make sim WAVES=1` traces and `make waves`.
# Included by the top-level Makefile with the repository root as the current
# directory. docs/verification.md explains the harness.

TB_B       := $(BUILD)/tb
TB_RTL_F   := rtl/vnic_top.f
TB_RTL_SRC  = $(wildcard rtl/*.v rtl/*.vh rtl/*.vlt) $(TB_RTL_F)
# tcpdump captures beside the repository (same variable as scenarios.mk)
TRAFFIC_DIR ?= ../shared/traffic/tcpdump

# Verilator's runtime headers (VERILATOR_ROOT of the verilator in use).
TB_VLT_ROOT = $(shell $(VERILATOR) --getenv VERILATOR_ROOT 2>/dev/null)
TB_VLT_FLAGS = --cc --build -j 1 -Wno-fatal --top-module vnic_top -Irtl $(wildcard rtl/vnic.vlt) -F $(TB_RTL_F) \
               --x-assign fast --x-initial fast -O3

# Build configurations: name, NUM_VNIC, DATA_W, RX_BUF_BYTES, TX_BUF_BYTES,
# RX_FIFO_BYTES, traced (1/0), C++ optimisation of the Verilated code.
#   default  the default device, traced (tests, make sim, waves)
#   bench    the default device with 32 KiB RX and 16 KiB TX partitions for 8 vNICs (jumbo
#            frames), untraced, -O3: benchmarks and simulation speed
TB_CFGS := default v1_w64 v32_w64 v8_w128 v8_w256 bench
TB_CFG_default := 8  64  65536  65536 32768 1 -O2
TB_CFG_v1_w64  := 1  64  65536  65536 32768 0 -O2
TB_CFG_v32_w64 := 32 64  65536  65536 32768 0 -O2
TB_CFG_v8_w128 := 8  128 65536  65536 32768 0 -O2
TB_CFG_v8_w256 := 8  256 65536  65536 32768 0 -O2
TB_CFG_bench   := 8  64  262144 131072 32768 0 -O3
tb_p = $(word $(2),$(TB_CFG_$(1)))

# ---------------------------------------------------------------- C sources
TB_HARNESS := tb_sim tb_axil tb_axi_mem tb_axis tb_mon tb_env tb_score tb_setup tb_engine
TB_INC     := -Itb/rtl -Icmodel -Isw/include -Isw/driver/include -Itb/traffic -Itb/sim
TB_CFLAGS   = $(CFLAGS) $(CPPFLAGS) $(TB_INC) $(ZLIB_CFLAGS) $(PCAP_CFLAGS)
TB_CXXFLAGS = $(CXXFLAGS) $(CPPFLAGS) -Itb/rtl -Wno-unused-parameter
TB_LIBS     = $(PCAP_LIBS) $(ZLIB_LIBS) -lm -pthread

# The traffic generator, compiled for the harness; the driver (libvnic,
# sw/driver/driver.mk) and the model (libvnicmodel, cmodel/cmodel.mk) are
# linked as the libraries their own tests use. Without model sources yet,
# tb_nomodel.c stands in (RTL-only checks).
TB_MODEL_SRCS = $(filter-out %_main.c,$(wildcard cmodel/*.c))
TB_HARNESS += $(if $(TB_MODEL_SRCS),,tb_nomodel)
TB_EXT_SRCS = tb/traffic/vnic_gen.c tb/traffic/vnic_pcap.c
TB_EXT_OBJS = $(patsubst %.c,$(TB_B)/ext/%.o,$(TB_EXT_SRCS))
TB_OBJS     = $(patsubst %,$(TB_B)/obj/%.o,$(TB_HARNESS)) $(TB_EXT_OBJS)
TB_LIBS_A   = $(LIBVNIC) $(if $(TB_MODEL_SRCS),$(CMODEL_LIB))

$(TB_B)/obj/%.o: tb/rtl/%.c | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(TB_CFLAGS) -MMD -MP -c $< -o $@

$(TB_B)/obj/tests/%.o: tb/rtl/tests/%.c | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(TB_CFLAGS) -MMD -MP -c $< -o $@

$(TB_B)/ext/%.o: %.c | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(TB_CFLAGS) -MMD -MP -c $< -o $@

# ---------------------------------------------------------------- Verilated builds
# tb_cfg NAME: the Verilated model, the C++ glue and every test binary of NAME.
TB_TESTS := tb_regs tb_rx tb_system tb_replay tb_bench tb_tx tb_adversarial tb_hostmem

define tb_cfg
$(TB_B)/$(1)/obj/Vvnic_top__ALL.a: $$(TB_RTL_SRC) tb/tb.mk | $$(BOOTSTRAP)
	@mkdir -p $$(@D)
	$$(VERILATOR) $$(TB_VLT_FLAGS) -Mdir $$(@D) \
	    -GNUM_VNIC=$(call tb_p,$(1),1) -GDATA_W=$(call tb_p,$(1),2) \
	    -GRX_BUF_BYTES=$(call tb_p,$(1),3) -GTX_BUF_BYTES=$(call tb_p,$(1),4) \
	    -GRX_FIFO_BYTES=$(call tb_p,$(1),5) \
	    $(if $(filter 1,$(call tb_p,$(1),6)),--trace-fst --trace-underscore) \
	    -MAKEFLAGS "OPT_FAST=$(call tb_p,$(1),7) OPT_SLOW=-O1 OPT_GLOBAL=$(call tb_p,$(1),7)" \
	    > $$(@D)/verilator.log 2>&1 || { cat $$(@D)/verilator.log; exit 1; }
	$$(MAKE) -s -C $$(@D) -f Vvnic_top.mk verilated.o verilated_threads.o \
	    $(if $(filter 1,$(call tb_p,$(1),6)),verilated_fst_c.o) \
	    OPT_FAST=$(call tb_p,$(1),7) >> $$(@D)/verilator.log 2>&1 || { cat $$(@D)/verilator.log; exit 1; }
	rm -f $$(@D)/libverilated.a && ar rcs $$(@D)/libverilated.a $$(@D)/verilated*.o

$(TB_B)/$(1)/vnic_dut.o: tb/rtl/vnic_dut.cpp tb/rtl/vnic_dut.h $(TB_B)/$(1)/obj/Vvnic_top__ALL.a
	$$(CXX) $$(TB_CXXFLAGS) $(call tb_p,$(1),7) -I$$(@D)/obj -I$$(TB_VLT_ROOT)/include \
	    -I$$(TB_VLT_ROOT)/include/vltstd \
	    -DVM_TRACE=$(call tb_p,$(1),6) -DVM_TRACE_FST=$(call tb_p,$(1),6) \
	    -DVNIC_CFG_NAME='"$(1)"' -DVNIC_CFG_NUM_VNIC=$(call tb_p,$(1),1) \
	    -DVNIC_CFG_DATA_W=$(call tb_p,$(1),2) -DVNIC_CFG_RX_BUF_BYTES=$(call tb_p,$(1),3) \
	    -DVNIC_CFG_TX_BUF_BYTES=$(call tb_p,$(1),4) -DVNIC_CFG_RX_FIFO_BYTES=$(call tb_p,$(1),5) \
	    -DVNIC_CFG_MAX_FRAME=9022 -DVNIC_CFG_NUM_WIN=4 -c $$< -o $$@

$(foreach t,$(TB_TESTS),$(TB_B)/$(1)/$(t)): $(TB_B)/$(1)/%: $(TB_B)/obj/tests/%.o $$(TB_OBJS) \
        $(TB_B)/$(1)/vnic_dut.o $(TB_B)/$(1)/obj/Vvnic_top__ALL.a $$(TB_LIBS_A)
	$$(CXX) -o $$@ $$(filter %.o,$$^) $$(TB_LIBS_A) $(TB_B)/$(1)/obj/Vvnic_top__ALL.a \
	    $(TB_B)/$(1)/obj/libverilated.a $$(LDFLAGS) $$(TB_LIBS)
endef
$(foreach c,$(TB_CFGS),$(eval $(call tb_cfg,$(c))))

# ---------------------------------------------------------------- vnic-sim engines
# The RTL engines ("rtl", "both") of vnic-sim on the default build, for
# scenarios/scenarios.mk: link these after vnic-sim's own objects and
# libraries, with $(CXX) (the Verilated model is C++):
#   $(CXX) ... $(VNIC_SIM_RTL_OBJS) ... $(VNIC_SIM_RTL_LIBS)
# With VNIC_WAVES=FILE in the environment the engine writes an FST trace.
VNIC_SIM_RTL_OBJS = $(patsubst %,$(TB_B)/obj/%.o,tb_sim tb_axil tb_axi_mem tb_axis tb_mon \
                      tb_env tb_score tb_engine) $(TB_B)/default/vnic_dut.o \
                    $(TB_B)/default/obj/Vvnic_top__ALL.a $(TB_B)/default/obj/libverilated.a
VNIC_SIM_RTL_LIBS = -pthread

# ---------------------------------------------------------------- hooks
# Only what exists and passes is registered (docs/verification.md lists the
# tests and what each one checks).
ifneq ($(wildcard $(TB_RTL_F)),)

# make test: the register block through the driver (default build), in
# lockstep with the model. Tests that do not pass yet go into TB_PENDING_BINS
# (run them with `make tb-pending`).
TEST_BINS += $(TB_B)/default/tb_regs
# make test: the receive path (unicast, replication, default vNIC, bad wire
# input, back-to-back frames) on the default build, in lockstep with the model
TEST_BINS += $(TB_B)/default/tb_rx
# make test: the transmit path through the device (weights, shaper, padding,
# jumbo, ERR_TXLEN, anti-spoof, interrupts, pcap read back through libpcap),
# RESET under traffic, TX faults; wire frames against a correct NIC and the model
TEST_BINS += $(TB_B)/default/tb_tx
# make test: a misbehaving VF beside seven busy vNICs (bad_vf, and full: bad
# doorbells, live-ring moves, random TAIL storms); their delivered traffic
# bit-exact equal to a run without it, lockstep with the model
TEST_BINS += $(TB_B)/default/tb_adversarial
# make test: the host-memory model's per-vNIC window check (requester =
# m_axi_aruser / m_axi_awuser): the checker on hand-made requests, and every
# burst of the device attributed to the vNIC it is made for
TEST_BINS += $(TB_B)/default/tb_hostmem
# make test: the randomized system tests (random QoS configuration and
# traffic, host stress, partition resize under traffic, DMA faults; short
# runs) on the default build and, seeded, on the 256-bit datapath, on one
# vNIC and on 32 vNICs; the replay of the tcpdump captures at the physical
# limit and at half of it. Full length, every configuration and several
# seeds: make regress.
TEST_CMDS += tb-system tb-system-w256 tb-system-v1 tb-system-v32 tb-replay
TEST_CMD_tb-system      = $(TB_B)/default/tb_system --quick
TEST_CMD_tb-system-w256 = $(TB_B)/v8_w256/tb_system --quick --seed 2
TEST_CMD_tb-system-v1   = $(TB_B)/v1_w64/tb_system --quick --seed 3
TEST_CMD_tb-system-v32  = $(TB_B)/v32_w64/tb_system --quick --seed 4
TEST_CMD_tb-replay      = $(TB_B)/default/tb_replay --quick $(TRAFFIC_DIR)
TEST_DEPS += $(TB_B)/default/tb_system $(TB_B)/v8_w256/tb_system $(TB_B)/v1_w64/tb_system \
             $(TB_B)/v32_w64/tb_system $(TB_B)/default/tb_replay

.PHONY: tb-pending
tb-pending: $(TB_PENDING_BINS) | $(BOOTSTRAP)
	@scripts/run_tests.sh $(TB_PENDING_BINS)

SIM_DEPS  += $(TB_B)/default/tb_regs

# make regress: the register tests on every other build configuration
.PHONY: tb-regress-regs
REGRESS_CMDS += tb-regress-regs
tb-regress-regs: $(foreach c,v1_w64 v32_w64 v8_w128 v8_w256,$(TB_B)/$(c)/tb_regs) | $(BOOTSTRAP)
	@for c in v1_w64 v32_w64 v8_w128 v8_w256; do $(TB_B)/$$c/tb_regs || exit 1; done

# make regress: the system tests at full length on every build configuration
# with TB_SEEDS seeds each (the seed picks the host latency and back-pressure,
# the QoS configuration and the traffic), and the capture replay on each
TB_REGRESS_CFGS := default v1_w64 v32_w64 v8_w128 v8_w256
TB_SEEDS ?= 1 2 3
.PHONY: tb-regress-system
REGRESS_CMDS += tb-regress-system
tb-regress-system: $(foreach c,$(TB_REGRESS_CFGS),$(TB_B)/$(c)/tb_system $(TB_B)/$(c)/tb_replay) \
                   | $(BOOTSTRAP)
	@for c in $(TB_REGRESS_CFGS); do \
	    for s in $(TB_SEEDS); do $(TB_B)/$$c/tb_system --seed $$s || exit 1; done; \
	    $(TB_B)/$$c/tb_replay $(TRAFFIC_DIR) || exit 1; \
	done

# make regress: the transmit and adversarial tests on the wide datapaths and
# the default build with TB_SEEDS seeds each
TB_REGRESS_TX_CFGS := default v8_w128 v8_w256
.PHONY: tb-regress-tx
REGRESS_CMDS += tb-regress-tx
tb-regress-tx: $(foreach c,$(TB_REGRESS_TX_CFGS),$(TB_B)/$(c)/tb_tx $(TB_B)/$(c)/tb_adversarial) \
               | $(BOOTSTRAP)
	@for c in $(TB_REGRESS_TX_CFGS); do \
	    for s in $(TB_SEEDS); do \
	        $(TB_B)/$$c/tb_tx --seed $$s && $(TB_B)/$$c/tb_adversarial --seed $$s || exit 1; \
	    done; \
	done

# make bench: RX throughput, latency and simulation speed, TX and full-duplex
# throughput -> docs/bench-rtl.md
BENCH_CMDS += tb-bench
.PHONY: tb-bench tb-waves
tb-bench: $(TB_B)/bench/tb_bench | $(BOOTSTRAP)
	$(TB_B)/bench/tb_bench docs/bench-rtl.md

# make waves: a short traced run of the default device, opened in GTKWave
WAVES_CMDS += tb-waves
tb-waves: $(TB_B)/default/tb_regs | $(BOOTSTRAP_WAVES)
	$(TB_B)/default/tb_regs --case flr --waves $(TB_B)/vnic.fst
	$(GTKWAVE) $(TB_B)/vnic.fst tb/vnic.gtkw

endif

-include $(wildcard $(TB_B)/obj/*.d $(TB_B)/obj/tests/*.d $(TB_B)/ext/*/*.d $(TB_B)/ext/*/*/*.d)
