# scenarios/scenarios.mk: traffic generator and pcap I/O (tb/traffic/), the
# vnic-sim CLI (tb/sim/), the scenarios, fig10, and their tests.
# Included by the top-level Makefile with the repository root as the current
# directory; everything is built under $(BUILD)/tb/traffic, $(BUILD)/tb/sim,
# $(BUILD)/fig10 and $(BUILD)/scenarios.

# The tcpdump captures that CI puts beside the repository; override with
#   make test TRAFFIC_DIR=/path/to/captures
TRAFFIC_DIR ?= ../shared/traffic/tcpdump

TRAFFIC_B := $(BUILD)/tb/traffic
TBSIM_B   := $(BUILD)/tb/sim

# ---------------------------------------------------------------- traffic library
TRAFFIC_SRCS   := tb/traffic/vnic_gen.c tb/traffic/vnic_pcap.c
TRAFFIC_HDRS   := tb/traffic/vnic_gen.h tb/traffic/vnic_pcap.h tb/traffic/vnic_prng.h
TRAFFIC_OBJS   := $(patsubst tb/traffic/%.c,$(TRAFFIC_B)/%.o,$(TRAFFIC_SRCS))
TRAFFIC_LIB    := $(TRAFFIC_B)/libvnictraffic.a
TRAFFIC_CFLAGS  = $(CFLAGS) $(CPPFLAGS) -Itb/traffic $(PCAP_CFLAGS) $(ZLIB_CFLAGS)
TRAFFIC_LIBS    = $(PCAP_LIBS) $(ZLIB_LIBS) -lm

$(TRAFFIC_B)/%.o: tb/traffic/%.c $(TRAFFIC_HDRS) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(TRAFFIC_CFLAGS) -MMD -MP -c $< -o $@

$(TRAFFIC_LIB): $(TRAFFIC_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# ---------------------------------------------------------------- traffic unit tests
$(TRAFFIC_B)/test_gen: tb/traffic/tests/test_gen.c $(TRAFFIC_LIB) $(TRAFFIC_HDRS) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(TRAFFIC_CFLAGS) $(CHECK_CFLAGS) $< $(TRAFFIC_LIB) $(TRAFFIC_LIBS) $(CHECK_LIBS) -o $@

$(TRAFFIC_B)/test_pcap: tb/traffic/tests/test_pcap.c $(TRAFFIC_LIB) $(TRAFFIC_HDRS) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(TRAFFIC_CFLAGS) $(CHECK_CFLAGS) -DTEST_OUT_DIR='"$(TRAFFIC_B)/test-out"' \
	    $< $(TRAFFIC_LIB) $(TRAFFIC_LIBS) $(CHECK_LIBS) -o $@

TEST_BINS += $(TRAFFIC_B)/test_gen
TEST_CMDS += traffic-pcap
TEST_CMD_traffic-pcap = $(TRAFFIC_B)/test_pcap $(TRAFFIC_DIR)
TEST_DEPS += $(TRAFFIC_B)/test_pcap

-include $(TRAFFIC_OBJS:.o=.d)

# ---------------------------------------------------------------- vnic-sim
# libvnic and its model backend as sw/driver/driver.mk exports them; the
# golden model as cmodel/cmodel.mk exports it.
TBSIM_SRCS   := tb/sim/vnic_scn.c tb/sim/vnic_simrun.c tb/sim/vnic_engine.c
TBSIM_HDRS   := tb/sim/vnic_scn.h tb/sim/vnic_simrun.h tb/sim/vnic_engine.h $(TRAFFIC_HDRS)
TBSIM_OBJS   := $(patsubst tb/sim/%.c,$(TBSIM_B)/%.o,$(TBSIM_SRCS))
TBSIM_CFLAGS  = $(TRAFFIC_CFLAGS) -Itb/sim $(LIBVNIC_MODELBUS_CFLAGS)
VNIC_SIM     := $(BUILD)/tb/vnic-sim
# The same program with the model engine only: the tests and fig10 use it,
# so they do not wait for (or depend on) a Verilated build.
VNIC_SIM_MODEL := $(TBSIM_B)/vnic-sim-model
# The RTL engines ("rtl", "both": const struct vnic_engine_ops
# vnic_engine_rtl_ops / vnic_engine_both_ops, see tb/sim/vnic_engine.h) come
# from tb/tb.mk as VNIC_SIM_RTL_OBJS / VNIC_SIM_RTL_LIBS (C++: linked with
# $(CXX)); build/tb/vnic-sim links them when the RTL exists (rtl/vnic_top.f).
# VNIC_SIM_RTL=0 builds build/tb/vnic-sim with the model engine only.
VNIC_SIM_RTL ?= $(if $(wildcard rtl/vnic_top.f),1,0)
VNIC_SIM_RTL_OBJS ?=
VNIC_SIM_RTL_LIBS ?=
VNIC_SIM_ENGINES = $(if $(filter 1,$(VNIC_SIM_RTL)),$(VNIC_SIM_RTL_OBJS))

$(TBSIM_B)/%.o: tb/sim/%.c $(TBSIM_HDRS) $(REGS_H) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(TBSIM_CFLAGS) -MMD -MP -c $< -o $@

$(TBSIM_B)/test_scn: tb/sim/tests/test_scn.c $(TBSIM_B)/vnic_scn.o $(TRAFFIC_LIB) $(LIBVNIC) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(TBSIM_CFLAGS) $(CHECK_CFLAGS) $< $(TBSIM_B)/vnic_scn.o $(TRAFFIC_LIB) $(LIBVNIC) \
	    $(TRAFFIC_LIBS) $(CHECK_LIBS) -o $@

TEST_CMDS += sim-scenario-parser
TEST_CMD_sim-scenario-parser = $(TBSIM_B)/test_scn scenarios
TEST_DEPS += $(TBSIM_B)/test_scn

-include $(TBSIM_OBJS:.o=.d)

# ---------------------------------------------------------------- vnic-sim (needs the model)
# The golden model's library, as cmodel/cmodel.mk exports it.
VNIC_SIM_MODEL_LIB = $(CMODEL_LIB)

ifneq ($(strip $(VNIC_SIM_MODEL_LIB)),)

VNIC_SIM_LINK = $(LIBVNIC_MODELBUS) $(LIBVNIC) $(VNIC_SIM_MODEL_LIB) $(TRAFFIC_LIB) $(TRAFFIC_LIBS) $(CMODEL_LIBS)

$(VNIC_SIM): $(TBSIM_B)/vnic_sim_main.o $(TBSIM_OBJS) $(VNIC_SIM_ENGINES) $(TRAFFIC_LIB) $(LIBVNIC_MODELBUS) \
             $(LIBVNIC) $(VNIC_SIM_MODEL_LIB) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(if $(VNIC_SIM_ENGINES),$(CXX),$(CC)) $(LDFLAGS) $(filter %.o,$^) $(filter %.a,$(VNIC_SIM_ENGINES)) \
	    $(VNIC_SIM_LINK) $(if $(VNIC_SIM_ENGINES),$(VNIC_SIM_RTL_LIBS)) -o $@

$(VNIC_SIM_MODEL): $(TBSIM_B)/vnic_sim_main.o $(TBSIM_OBJS) $(TRAFFIC_LIB) $(LIBVNIC_MODELBUS) $(LIBVNIC) \
                   $(VNIC_SIM_MODEL_LIB) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(filter %.o,$^) $(VNIC_SIM_LINK) -o $@

# make sim: the default scenario on RTL and model in lockstep (engine "both":
# every decision, counter and host-memory byte compared, 0 mismatches
# required) when the RTL engine is linked in, else on the model;
# SIM_ENGINE=model|rtl|both overrides; WAVES=1 asks the RTL engine for an FST
# trace.
SIM_ENGINE ?= $(if $(filter 1,$(VNIC_SIM_RTL)),both,model)
SIM_DEPS += $(VNIC_SIM)
SIM_CMDS += sim-default
.PHONY: sim-default fig10 sim-speed
sim-default: $(VNIC_SIM) | $(BOOTSTRAP)
	$(if $(filter 1,$(WAVES)),VNIC_WAVES=$(BUILD)/tb/vnic-sim.fst) $(VNIC_SIM) --engine $(SIM_ENGINE) \
	    scenarios/default.scn

# ---------------------------------------------------------------- fig10
FIG10_B := $(BUILD)/fig10
FIG10_CMD = $(VNIC_SIM_MODEL) --quiet --dat $(FIG10_B)/fig10.dat scenarios/fig10.scn
fig10: $(VNIC_SIM_MODEL) scenarios/fig10.scn scenarios/fig10.gp scenarios/fig10_md.sh | $(BOOTSTRAP)
	@mkdir -p $(FIG10_B)
	$(FIG10_CMD) | tee $(FIG10_B)/fig10.txt; test $${PIPESTATUS[0]} -eq 0
	gnuplot -e "dat='$(FIG10_B)/fig10.dat'; out='$(FIG10_B)/fig10.png'" scenarios/fig10.gp
	bash scenarios/fig10_md.sh $(FIG10_B)/fig10.txt $(FIG10_B)/fig10.dat "make fig10" > $(FIG10_B)/fig10.md
	cp $(FIG10_B)/fig10.png docs/fig10.png
	cp $(FIG10_B)/fig10.md docs/fig10.md
	@echo "fig10: $(FIG10_B)/fig10.dat $(FIG10_B)/fig10.png; copies in docs/fig10.png docs/fig10.md"

# model speed through vnic-sim: 64-byte frames at line rate to 4 vNICs
sim-speed: $(VNIC_SIM_MODEL)
	@$(VNIC_SIM_MODEL) --quiet --set run.cycles=2000000 scenarios/speed.scn | grep -E '^(speed|vnic-sim|scenarios)'

BENCH_CMDS += fig10 sim-speed

# ---------------------------------------------------------------- CLI tests
SCN_OUT := $(TBSIM_B)/test-out
TEST_DEPS += $(VNIC_SIM_MODEL) $(SCN_OUT)/.dir
$(SCN_OUT)/.dir:
	@mkdir -p $(@D) && touch $@
TEST_CMDS += vnic-sim-default vnic-sim-isolation vnic-sim-isolation-unpoliced vnic-sim-fig10-short \
             vnic-sim-replay vnic-sim-cli
TEST_CMD_vnic-sim-default = $(VNIC_SIM_MODEL) --quiet --pcap-out $(SCN_OUT)/default scenarios/default.scn && \
    bash scenarios/pcap_check.sh $(SCN_OUT)/default
TEST_CMD_vnic-sim-isolation = $(VNIC_SIM_MODEL) --quiet scenarios/isolation.scn
# without the device's policer the flood must break isolation: vnic-sim must
# say FAIL (exit 1) because a VM's delivered throughput changed
TEST_CMD_vnic-sim-isolation-unpoliced = $(VNIC_SIM_MODEL) --quiet --set vnic.noisy.ceiling=none \
    scenarios/isolation.scn > $(SCN_OUT)/unpoliced.txt; rc=$$?; cat $(SCN_OUT)/unpoliced.txt; \
    echo "exit status $$rc (expected 1: without policing, isolation must be reported broken)"; \
    test $$rc -eq 1 && grep -Eq '^expect [a-c]\.delivered stable 1% +FAIL' $(SCN_OUT)/unpoliced.txt
TEST_CMD_vnic-sim-fig10-short = $(VNIC_SIM_MODEL) --quiet --set run.cycles=400000 --set run.warmup=100000 \
    --set 'sweep.values=0.5 Gb/s, 1.5 Gb/s, 3 Gb/s, 10 Gb/s' scenarios/fig10.scn
TEST_CMD_vnic-sim-replay = VNIC_TRAFFIC_DIR=$(TRAFFIC_DIR) $(VNIC_SIM_MODEL) --quiet --pcap-out $(SCN_OUT)/replay \
    scenarios/pcap-replay.scn && bash scenarios/pcap_check.sh $(SCN_OUT)/replay
TEST_CMD_vnic-sim-cli = bash scenarios/cli_check.sh $(VNIC_SIM_MODEL) rtl-absent

endif
