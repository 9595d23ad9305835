# SPDX-License-Identifier: GPL-2.0-or-later
# Tables on a terminal fit its width as lsblk's do; an ACTION is never cut
# but printed whole below the table; piped output is never cut or moved
# (mig-check(1), --accept and --list).  The terminal is a real pty of 80
# columns, made by script(1).
. "$TESTLIB"

if ! command -v script >/dev/null 2>&1 || ! command -v stty >/dev/null 2>&1; then
	echo "1..0 # SKIP script(1) and stty are needed"
	exit 0
fi

# tty FIXTURE ARGS...: mig-check ARGS on FIXTURE, its stdout (and stderr) a
# pty of 80 columns; the output, without the pty's carriage returns, in $OUT.
tty() {
	_tfx=$1; shift
	FIXTURE=$FIXTURES/$_tfx; export FIXTURE
	what="$_tfx: mig-check $(_label "$@") (80-column terminal)"
	printf '%s\n' "$@" >"$T/args"
	SCRIPT_ARGS=$T/args script -qec 'stty cols 80 rows 24
		set --; while IFS= read -r a; do set -- "$@" "$a"; done <"$SCRIPT_ARGS"
		"$UMOCKDEV_RUN" -d "$FIXTURE" -- "$MIG_CHECK" "$@"' /dev/null \
		</dev/null >"$T/tty" 2>"$ERR"
	rc=$?
	tr -d '\r' <"$T/tty" >"$OUT"
}
export UMOCKDEV_RUN

# widest: the length of the longest line of $OUT up to the first empty one
# (the table).
widest() {
	sed '/^$/q' "$OUT" | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }'
}

token_of gvt-src.umockdev $SRC_UUID
GVT=$TOKEN
mc qat-src.umockdev --emit 0000:6b:00.1
QAT=$(cat "$OUT")
QACT="driverctl set-override 0000:6b:00.2 qat_vfio_pci"

# --- creatable types: the action moves below, the table fits ------------------
tty gvt-dst-free.umockdev --accept "$GVT"
expect_rc 0
check "no table line is wider than 80 columns" test "$(widest)" -le 80
expect_stdout_line '0000:00:02\.0 +i915-GVTg_V5_4 +parent +i915-gvt +actionable +see below \(1\) .*'
expect_stdout_line ''
expect_stdout_line "$V54_ACTION  # \\(1\\)"
compare "the action is printed once, whole" 1 "$(grep -cF -- "$V54_ACTION" "$OUT")"

# --- VFs ----------------------------------------------------------------------------
tty qat-dst-same.umockdev --accept "$QAT"
expect_rc 0
check "no table line is wider than 80 columns" test "$(widest)" -le 80
expect_stdout_line '0000:6b:00\.2 +vf +qat +actionable +see below \(1\) .*'
expect_stdout_line "$QACT  # \\(1\\)"
# -v: every reason, wrapped; still within the width.
tty gvt-dst-free.umockdev --accept "$GVT" -v
check "-v: no table line is wider than 80 columns" test "$(widest)" -le 80

# --- -r, -P, -J on a terminal, and a pipe: nothing cut or moved -----------------------
for f in -r -P -J; do
	tty qat-dst-same.umockdev --accept "$QAT" $f
	expect_stdout_lacks "see below"
	case $f in
	-r) expect_stdout_contains 'driverctl\x20set-override\x200000:6b:00.2\x20qat_vfio_pci' ;;
	*) expect_stdout_contains "$QACT" ;;
	esac
done
mc qat-dst-same.umockdev --accept "$QAT"
expect_stdout_lines 3
expect_stdout_line "0000:6b:00\\.2 +vf +qat +actionable +$QACT +drv: not bound to qat_vfio_pci \\(qat_vfio_pci -> vfio-pci\\)"
expect_stdout_lacks "see below"
mc gvt-dst-free.umockdev --accept "$GVT" -v
check "a pipe: lines are not cut to the terminal" test "$(awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }' "$OUT")" -gt 80

# --- --list gives up NAME first ---------------------------------------------------------
tty qat-dst-same.umockdev --list
expect_rc 0
expect_stdout_lacks 'Intel Corporation'
mc qat-dst-same.umockdev --list
expect_stdout_contains 'Intel Corporation'
tty qat-dst-same.umockdev --list -o DEVICE,KIND,NAME,DRIVER,MODULE,MIGRATABLE,WHY
check "--list: no line is wider than 80 columns" test "$(widest)" -le 80
expect_stdout_line '0000:6b:00\.1 +vf +.* +qat_vfio_pci +qat +yes *'

finish
