# fpga/fpga.mk: FPGA builds (make fpga), board-side simulations and checks.
# Included by the top-level Makefile with the repository root as the current
# directory; everything is written under $(BUILD)/fpga/. docs/fpga.md is the
# guide.
#
#   make fpga               fpga-ecpix5: bitstream + report
#   make fpga-ecpix5        LambdaConcept ECPIX-5 board top (LFE5UM5G-85F), default
#                           configuration with 2 vNICs
#   make fpga-ecp5-85f      vnic_top, default configuration, LFE5U-85F, out of
#                           context: fits (85 %) but neither router2 nor router1
#                           finishes routing it (docs/fpga.md section 3.4)
#   make fpga-5a-75b        Colorlight 5A-75B v8.0 board top (LFE5U-25F), reduced
#                           device: does not fit yet (docs/fpga.md section 3.3)
#   make fpga-ice40         vnic_top, reduced configuration, iCE40HX8K: does not
#                           fit (docs/fpga.md section 4); kept to measure it
#   make fpga-regs-85f      the register block vnic_regs alone, default
#                           configuration, LFE5U-85F, out of context
#   make fpga-regs-25f      the register block alone, 2 vNICs, LFE5U-25F
#   make fpga-check         CI check: synthesis + place and route of
#                           fpga-regs-25f (a few minutes), no bitstream
#   make fpga-block BLOCK=M one block of rtl/ alone (BLOCK_PARAMS, default
#                           NUM_VNIC=2), out of context: area, fmax, critical path
#   make fpga-blocks        every block, one table (build/fpga/blocks/summary.md)
#   make fpga-lint          verilator --lint-only -Wall of the board-side RTL
#   make fpga-synth-check   Yosys elaboration of the board top: no latches,
#                           check -assert (both are part of make lint)
# Tests (make test): fpga-rgmii-loop (RGMII loopback of the MAC shim, Icarus),
# fpga-axi-ram (bursts, strobes, back-pressure, DECERR of the host memory),
# fpga-board-smoke (UART register bridge on the 5A-75B board top, Icarus),
# fpga-board-smoke-ecpix5 (the same on the ECPIX-5 top, plus its reset button
# and LEDs),
# fpga-flow-test (flow.sh with stand-in tools: over-full stop, report,
# failures), fpga-synth-check (Yosys elaboration of the 5A-75B configuration,
# its reset on a global buffer).

FPGA_B        := $(BUILD)/fpga
FPGA_TARGETS  := ecp5-85f ecpix5 5a-75b ice40 regs-85f regs-25f
FPGA_DEFAULT  := ecpix5
FPGA_TOP_F    := rtl/vnic_top.f
FPGA_FLOW     := fpga/scripts/flow.sh fpga/scripts/report.py fpga/scripts/depth.py

# Files of a Verilog file list (// and # comments, +options dropped); a path
# that does not exist from the repository root is taken relative to the list.
fpga_flist = $(foreach f,$(filter-out +% -%,$(shell sed -e 's|//.*||' -e 's|\#.*||' $(1) 2>/dev/null)),$(if $(wildcard $(f)),$(f),$(dir $(1))$(f)))

FPGA_DEV_SRC   = $(call fpga_flist,$(FPGA_TOP_F)) $(wildcard rtl/*.vh) $(FPGA_TOP_F)
FPGA_BOARD_SRC = $(wildcard fpga/rtl/*.v fpga/rtl/*.f fpga/rtl/ecp5/*.v fpga/rtl/sim/*.v)
FPGA_SIM_F     := fpga/rtl/board_sim.f
FPGA_IVFLAGS   := -g2005 -Wall -Wno-timescale -Wno-implicit-dimensions -Irtl

# ---------------------------------------------------------------- bitstreams
FPGA_CMDS += $(addprefix fpga-,$(FPGA_DEFAULT))
.PHONY: $(addprefix fpga-,$(FPGA_TARGETS)) fpga-check fpga-lint fpga-synth-check

$(addprefix fpga-,$(FPGA_TARGETS)): fpga-%: $(FPGA_B)/%/report.txt

$(FPGA_B)/%/report.txt: fpga/%/target.conf $(wildcard fpga/*/*.lpf fpga/*/*.pcf) $(FPGA_BOARD_SRC) $(FPGA_DEV_SRC) $(FPGA_FLOW) | $(BOOTSTRAP_FPGA)
	@mkdir -p $(@D)
	fpga/scripts/flow.sh $* $(@D)

# The CI-sized check: synthesis, place and route of the register block alone
# at the small configuration (the whole device at 2 vNICs does not fit the
# LFE5U-25F yet, docs/fpga.md section 3).
fpga-check: fpga/regs-25f/target.conf $(FPGA_BOARD_SRC) $(FPGA_DEV_SRC) $(FPGA_FLOW) | $(BOOTSTRAP_FPGA)
	@mkdir -p $(FPGA_B)/check
	fpga/scripts/flow.sh --no-bitstream regs-25f $(FPGA_B)/check

# Blocks of the device one at a time, out of context (timing closure per
# block; docs/fpga.md section 3.5):
#   make fpga-block BLOCK=vnic_rx_dma [BLOCK_PARAMS="NUM_VNIC=2"]
#   make fpga-blocks        every block below, table in $(FPGA_B)/blocks/summary.md
FPGA_BLOCKS   := vnic_regs vnic_rx_mac_if vnic_rx_decide vnic_rx_copy vnic_rx_sched vnic_rx_dma \
                 vnic_irq vnic_tx_dma vnic_tx_sched vnic_tx_buf vnic_tx_out vnic_axi_arb
BLOCK_PARAMS  ?= NUM_VNIC=2
.PHONY: fpga-block fpga-blocks
fpga-block: | $(BOOTSTRAP_FPGA)
	@test -n "$(BLOCK)" || { echo "usage: make fpga-block BLOCK=<module of rtl/> [BLOCK_PARAMS=\"NAME=VALUE ...\"]" >&2; exit 2; }
	YOSYS="$(YOSYS)" BLOCK_FILES="$(call fpga_flist,$(FPGA_TOP_F))" fpga/scripts/blocks.sh --params "$(BLOCK_PARAMS)" $(FPGA_B)/blocks $(BLOCK)
fpga-blocks: | $(BOOTSTRAP_FPGA)
	YOSYS="$(YOSYS)" BLOCK_FILES="$(call fpga_flist,$(FPGA_TOP_F))" fpga/scripts/blocks.sh --params "$(BLOCK_PARAMS)" $(FPGA_B)/blocks $(FPGA_BLOCKS)

# ---------------------------------------------------------------- simulations
FPGA_LOOP_SRC := fpga/tb/vnic_rgmii_loop_tb.v fpga/rtl/vnic_rgmii_mac.v fpga/rtl/vnic_rgmii.v \
                 fpga/rtl/vnic_gmii_rx.v fpga/rtl/vnic_gmii_tx.v fpga/rtl/vnic_async_fifo.v \
                 fpga/rtl/vnic_axis_upsize.v fpga/rtl/vnic_reset_sync.v fpga/rtl/vnic_cdc_count.v \
                 fpga/rtl/sim/vnic_ddr_in.v fpga/rtl/sim/vnic_ddr_out.v

$(FPGA_B)/sim/rgmii_loop.vvp: $(FPGA_LOOP_SRC) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(IVERILOG) $(FPGA_IVFLAGS) -s vnic_rgmii_loop_tb -o $@ $(FPGA_LOOP_SRC)

$(FPGA_B)/sim/axi_ram.vvp: fpga/tb/vnic_axi_ram_tb.v fpga/rtl/vnic_axi_ram.v | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(IVERILOG) $(FPGA_IVFLAGS) -s vnic_axi_ram_tb -o $@ $^

$(FPGA_B)/sim/board.vvp: fpga/tb/vnic_board_tb.v $(FPGA_BOARD_SRC) $(FPGA_DEV_SRC) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(IVERILOG) $(FPGA_IVFLAGS) -s vnic_board_tb -o $@ fpga/tb/vnic_board_tb.v \
		$(call fpga_flist,$(FPGA_SIM_F)) $(call fpga_flist,$(FPGA_TOP_F))

# The same test on the ECPIX-5 top (reset button and LEDs checked too).
$(FPGA_B)/sim/board_ecpix5.vvp: fpga/tb/vnic_board_tb.v $(FPGA_BOARD_SRC) $(FPGA_DEV_SRC) | $(BOOTSTRAP)
	@mkdir -p $(@D)
	$(IVERILOG) $(FPGA_IVFLAGS) -DBOARD_ECPIX5 -s vnic_board_tb -o $@ fpga/tb/vnic_board_tb.v \
		$(call fpga_flist,$(FPGA_SIM_F)) $(call fpga_flist,$(FPGA_TOP_F))

TEST_DEPS += $(FPGA_B)/sim/rgmii_loop.vvp $(FPGA_B)/sim/axi_ram.vvp $(FPGA_B)/sim/board.vvp \
             $(FPGA_B)/sim/board_ecpix5.vvp
TEST_CMDS += fpga-rgmii-loop fpga-rgmii-loop-125 fpga-axi-ram fpga-board-smoke fpga-board-smoke-ecpix5
# The MAC shim with the device side at the board tops' 50 MHz, then at 125 MHz.
TEST_CMD_fpga-rgmii-loop     = $(VVP) -n $(FPGA_B)/sim/rgmii_loop.vvp
TEST_CMD_fpga-rgmii-loop-125 = $(VVP) -n $(FPGA_B)/sim/rgmii_loop.vvp +sys_period_ps=8000
TEST_CMD_fpga-axi-ram     = $(VVP) -n $(FPGA_B)/sim/axi_ram.vvp
# Simulated time stops if the device has a zero-delay loop under Icarus: the
# wall-clock limit turns that into a failure with a reason (normal run: seconds).
TEST_CMD_fpga-board-smoke = timeout 300 $(VVP) -n $(FPGA_B)/sim/board.vvp || \
	{ rc=$$?; [ $$rc = 124 ] && echo "fpga-board-smoke: no progress in 300 s (simulation stuck)"; exit $$rc; }
TEST_CMD_fpga-board-smoke-ecpix5 = timeout 300 $(VVP) -n $(FPGA_B)/sim/board_ecpix5.vvp || \
	{ rc=$$?; [ $$rc = 124 ] && echo "fpga-board-smoke-ecpix5: no progress in 300 s (simulation stuck)"; exit $$rc; }

# flow.sh itself, with stand-in tools (over-full stop, report, failures).
TEST_CMDS += fpga-flow-test
TEST_CMD_fpga-flow-test = fpga/scripts/test_flow.sh $(FPGA_B)/flow-test

# Yosys (base tool set): the board top elaborates, no latches, check -assert,
# its reset on a global buffer (one DCCA). Part of make lint and make test.
LINT_CMDS += fpga-synth-check
TEST_CMDS += fpga-synth-check
TEST_CMD_fpga-synth-check = YOSYS="$(YOSYS)" fpga/scripts/synth_check.sh $(FPGA_B)/synth-check-test
fpga-synth-check: | $(BOOTSTRAP)
	YOSYS="$(YOSYS)" fpga/scripts/synth_check.sh $(FPGA_B)/synth-check

# ---------------------------------------------------------------- lint
# The board top and the out-of-context tops instantiate every board-side
# module (behavioural primitives) and the register block alone.
FPGA_LINT_TOPS := vnic_board_5a75b vnic_board_ecpix5 vnic_ooc_top vnic_regs_ooc_top
LINT_CMDS += fpga-lint
fpga-lint: | $(BOOTSTRAP)
	@for top in $(FPGA_LINT_TOPS); do \
		$(VERILATOR) --lint-only --timing -Wall -Irtl $(wildcard rtl/vnic.vlt) fpga/rtl/fpga.vlt --top-module $$top \
			$(call fpga_flist,$(FPGA_SIM_F)) fpga/rtl/vnic_ooc_top.v fpga/rtl/vnic_regs_ooc_top.v $(call fpga_flist,$(FPGA_TOP_F)) || exit 1; \
	done
	@echo "fpga-lint: OK ($(FPGA_LINT_TOPS))"
