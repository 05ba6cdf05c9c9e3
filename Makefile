# vNIC top-level Makefile (GNU make >= 4.0). `make help` lists the targets.
#
# All build output goes under $(BUILD)/ (build/). The tools are overridable:
#   make test CC=clang VERILATOR=/opt/verilator/bin/verilator PYTHON=python3.12
#
# ---------------------------------------------------------------------------
# Fragment protocol
# ---------------------------------------------------------------------------
# Each part of the tree brings its own make fragment; every one is optional
# and included (in this order) only if it exists:
#   cmodel/cmodel.mk  sw/driver/driver.mk  tb/tb.mk  rtl/rtl.mk
#   fpga/fpga.mk      scenarios/scenarios.mk
# A fragment is read with the repository root as the current directory, may
# use everything defined above the `include` below (tools, flags, BUILD,
# BOOTSTRAP, library flags, the generated register files), writes only under
# $(BUILD)/<its directory>/, and hooks into the top-level targets by
# appending (always `+=`) to these variables:
#
#   TEST_BINS     test executables (paths under $(BUILD)/) that `make test`
#                 builds, then runs one by one. A program built on the Check
#                 framework counts one test per Check case; any other program
#                 counts as one test, passed iff it exits 0.
#   TEST_CMDS     names of extra test commands, each counting as one test
#                 (or as its Check cases). The command is the value of
#                 TEST_CMD_<name>; with no such variable the name itself is
#                 run, so a single-word command may be listed directly:
#                     TEST_CMDS += model-replay
#                     TEST_CMD_model-replay = $(BUILD)/tb/replay --all $(TRAFFIC)
#   TEST_DEPS     files built before any test command runs (TEST_BINS are
#                 built anyway).
#   SIM_DEPS      files `make sim` builds first (the Verilated model, ...).
#   SIM_CMDS      (phony) targets that `make sim` runs: the default scenario.
#                 `make sim WAVES=1` must make them write an FST trace.
#   LINT_CMDS     (phony) targets run by `make lint`.
#   BENCH_CMDS    (phony) targets run by `make bench` (benchmarks, reports).
#   REGRESS_CMDS  (phony) targets run by `make regress` (long randomised runs).
#   FPGA_CMDS     (phony) targets run by `make fpga` (bitstreams, reports).
#   WAVES_CMDS    (phony) targets run by `make waves` (trace + GTKWave).
#   CLEAN_FILES   files outside $(BUILD)/ that `make clean` removes (rare).
#
# Every *_CMDS entry is a target the fragment defines, with its own
# prerequisites (targets run in parallel under -j, so each one lists what it
# needs). Rules that run a tool depend on the dependency check with an
# order-only prerequisite: `| $(BOOTSTRAP)` ($(BOOTSTRAP_FPGA) for FPGA tools,
# $(BOOTSTRAP_WAVES) for GTKWave). Recipes create their own output
# directories (`@mkdir -p $(@D)`), so any target works from a clean tree
# and under -j.
# ---------------------------------------------------------------------------

SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

BUILD := build

# ---------------------------------------------------------------- tools
VERILATOR  ?= verilator
IVERILOG   ?= iverilog
VVP        ?= vvp
YOSYS      ?= yosys
GTKWAVE    ?= gtkwave
CC         ?= cc
CXX        ?= g++
PYTHON     ?= python3
PKG_CONFIG ?= pkg-config

# ---------------------------------------------------------------- flags
CFLAGS   ?= -std=c11 -Wall -Wextra -Werror -O2 -g
CXXFLAGS ?= -std=c++17 -Wall -Wextra -O2 -g
LDFLAGS  ?=
# The generated register header: #include "vnic_regs.h".
CPPFLAGS += -Isw/include

# Library flags from pkg-config, evaluated when a recipe uses them (after the
# dependency check has run), with plain fallbacks.
pkgconf      = $(shell $(PKG_CONFIG) $(1) 2>/dev/null)
CHECK_CFLAGS = $(call pkgconf,--cflags check)
CHECK_LIBS   = $(or $(call pkgconf,--libs check),-lcheck -lsubunit -lm -lrt -pthread)
ZLIB_CFLAGS  = $(call pkgconf,--cflags zlib)
ZLIB_LIBS    = $(or $(call pkgconf,--libs zlib),-lz)
# <pcap/pcap.h> uses BSD types (u_char) that -std=c11 hides without this.
PCAP_CFLAGS  = -D_DEFAULT_SOURCE $(call pkgconf,--cflags libpcap)
PCAP_LIBS    = $(or $(call pkgconf,--libs libpcap),-lpcap)

# `make sim WAVES=1` writes an FST trace (fragments read this).
WAVES ?= 0

# ---------------------------------------------------------------- register map
REGS_RDL := regs/vnic.rdl
REGS_H   := sw/include/vnic_regs.h
REGS_VH  := rtl/vnic_regs.vh
REGS_MD  := docs/registers.md
REGS_OUT := $(REGS_H) $(REGS_VH) $(REGS_MD)

# ---------------------------------------------------------------- dependency check
# The stamp lists what scripts/bootstrap.sh verified; it is redone when the
# script changes (or after `make clean`).
BOOTSTRAP       := $(BUILD)/.bootstrap-ok
BOOTSTRAP_WAVES := $(BUILD)/.bootstrap-waves-ok
BOOTSTRAP_FPGA  := $(BUILD)/.bootstrap-fpga-ok
BOOTSTRAP_ENV    = CC="$(CC)" CXX="$(CXX)" PYTHON="$(PYTHON)" VERILATOR="$(VERILATOR)" \
                   IVERILOG="$(IVERILOG)" YOSYS="$(YOSYS)" PKG_CONFIG="$(PKG_CONFIG)"
BOOTSTRAP_FLAGS ?=

# ---------------------------------------------------------------- fragment hooks
TEST_BINS    =
TEST_CMDS    =
TEST_DEPS    =
SIM_DEPS     =
SIM_CMDS     =
LINT_CMDS    =
BENCH_CMDS   =
REGRESS_CMDS =
FPGA_CMDS    =
WAVES_CMDS   =
CLEAN_FILES  =

# This file's own checks.
TEST_CMDS += regs-gen-selftest
TEST_CMD_regs-gen-selftest = $(PYTHON) scripts/test_regs_gen.py
LINT_CMDS += lint-scripts

FRAGMENTS := cmodel/cmodel.mk sw/driver/driver.mk tb/tb.mk rtl/rtl.mk \
             fpga/fpga.mk scenarios/scenarios.mk
FRAGMENTS_PRESENT := $(wildcard $(FRAGMENTS))
include $(FRAGMENTS_PRESENT)

# ---------------------------------------------------------------- helpers
empty :=
TAB   := $(empty)	$(empty)
define NL


endef
# One line per test command for scripts/run_tests.sh: NAME<TAB>COMMAND.
TEST_LIST := $(BUILD)/tests.list
test_list_text = regs-check$(TAB)$(PYTHON) scripts/regs_gen.py --check$(NL)$(foreach t,$(TEST_CMDS),$(t)$(TAB)$(if $(filter undefined,$(origin TEST_CMD_$(t))),$(t),$(TEST_CMD_$(t)))$(NL))
TEST_ENV = BUILD_DIR="$(BUILD)" CC="$(CC)" CXX="$(CXX)" PYTHON="$(PYTHON)" VERILATOR="$(VERILATOR)" \
           IVERILOG="$(IVERILOG)" VVP="$(VVP)" YOSYS="$(YOSYS)"

# pending TARGET,VARIABLES,MESSAGE: print MESSAGE when all VARIABLES are empty.
pending = $(if $(strip $(foreach v,$(2),$($(v)))),,@echo "$(1): $(3)")

# ---------------------------------------------------------------- targets
.PHONY: help all sim test lint regs regs-check bench regress fpga waves clean bootstrap \
        lint-scripts

help:
	@echo "vNIC make targets (tools: VERILATOR=$(VERILATOR) CC=$(CC) PYTHON=$(PYTHON)):"
	@echo "  make sim         build the Verilated RTL and the model, run the default scenario, compare"
	@echo "                   (make sim WAVES=1 also writes an FST trace)$(if $(strip $(SIM_DEPS)$(SIM_CMDS)),, [pending: RTL/testbench not built yet])"
	@echo "  make test        dependency check, register-map check, then every unit and system test;"
	@echo "                   ends with 'N passed, N failed'"
	@echo "  make lint        verilator --lint-only -Wall on the RTL, script syntax checks$(if $(wildcard rtl/rtl.mk),, [RTL lint pending])"
	@echo "  make regs        regenerate $(REGS_OUT) from $(REGS_RDL)"
	@echo "  make regs-check  fail if the generated register files are out of date"
	@echo "  make bench       line-rate, QoS and simulation-speed benchmarks$(if $(strip $(BENCH_CMDS)),, [pending])"
	@echo "  make regress     long randomised regressions$(if $(strip $(REGRESS_CMDS)),, [pending])"
	@echo "  make fpga        FPGA bitstreams with utilisation and timing reports$(if $(strip $(FPGA_CMDS)),, [pending])"
	@echo "  make waves       simulate with an FST trace and open it in GTKWave$(if $(strip $(WAVES_CMDS)),, [pending])"
	@echo "  make bootstrap   verify the dependencies, installing missing ones when root"
	@echo "                   (BOOTSTRAP_FLAGS='--waves --fpga' adds the optional tools)"
	@echo "  make all         build everything without running it"
	@echo "  make clean       remove $(BUILD)/"
	@echo "Fragments included: $(or $(FRAGMENTS_PRESENT),none yet)"

$(BOOTSTRAP): scripts/bootstrap.sh
	@$(BOOTSTRAP_ENV) bash scripts/bootstrap.sh --stamp $@

$(BOOTSTRAP_WAVES): scripts/bootstrap.sh
	@$(BOOTSTRAP_ENV) bash scripts/bootstrap.sh --waves --stamp $@

$(BOOTSTRAP_FPGA): scripts/bootstrap.sh
	@$(BOOTSTRAP_ENV) bash scripts/bootstrap.sh --fpga --stamp $@

bootstrap:
	@$(BOOTSTRAP_ENV) bash scripts/bootstrap.sh $(BOOTSTRAP_FLAGS) --stamp $(BOOTSTRAP)

regs: | $(BOOTSTRAP)
	$(PYTHON) scripts/regs_gen.py

regs-check: | $(BOOTSTRAP)
	@$(PYTHON) scripts/regs_gen.py --check

all: $(SIM_DEPS) $(TEST_BINS) $(TEST_DEPS) | $(BOOTSTRAP)

test: $(TEST_BINS) $(TEST_DEPS) | $(BOOTSTRAP)
	$(file >$(TEST_LIST),$(test_list_text))
	@$(TEST_ENV) bash scripts/run_tests.sh --list $(TEST_LIST) --logdir $(BUILD)/test-logs $(TEST_BINS)

sim: $(SIM_DEPS) $(SIM_CMDS) | $(BOOTSTRAP)
	$(call pending,sim,SIM_DEPS SIM_CMDS,RTL not built yet: no fragment provides a simulation (rtl/rtl.mk and tb/tb.mk add SIM_DEPS/SIM_CMDS). Nothing to run.)

lint: $(LINT_CMDS) | $(BOOTSTRAP)
	$(if $(wildcard rtl/rtl.mk),,@echo "lint: RTL not present yet: rtl/rtl.mk adds the verilator lint. Scripts checked.")

bench: $(BENCH_CMDS) | $(BOOTSTRAP)
	$(call pending,bench,BENCH_CMDS,benchmarks not available yet: no fragment provides BENCH_CMDS (tb/tb.mk, scenarios/scenarios.mk).)

regress: $(REGRESS_CMDS) | $(BOOTSTRAP)
	$(call pending,regress,REGRESS_CMDS,regressions not available yet: no fragment provides REGRESS_CMDS (tb/tb.mk, scenarios/scenarios.mk).)

fpga: $(FPGA_CMDS) | $(BOOTSTRAP)
	$(call pending,fpga,FPGA_CMDS,FPGA builds not available yet: fpga/fpga.mk provides FPGA_CMDS.)

waves: $(WAVES_CMDS) | $(BOOTSTRAP)
	$(call pending,waves,WAVES_CMDS,RTL not built yet: tb/tb.mk provides WAVES_CMDS (meanwhile: make sim WAVES=1).)

# Syntax of the project's scripts.
lint-scripts: | $(BOOTSTRAP)
	@for f in scripts/*.sh .ci/run; do bash -n "$$f" || exit 1; done
	@$(PYTHON) -c 'import ast, sys; [ast.parse(open(f).read(), f) for f in sys.argv[1:]]' scripts/*.py
	@echo "lint-scripts: OK"

clean:
	rm -rf $(BUILD) $(CLEAN_FILES)
