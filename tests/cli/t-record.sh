# SPDX-License-Identifier: GPL-2.0-or-later
# The bug-report recipe of mig-check(1), REPORTING BUGS, and the README
# (tests/fixtures/README.md): umockdev-record of the devices involved (a VF and
# its PF; an mdev by its UUID path), replayed with umockdev-run, gives the same
# answers.  The fixture hosts stand in for real ones: umockdev-record runs
# inside their testbeds.
. "$TESTLIB"

if ! command -v umockdev-record >/dev/null 2>&1; then
	echo "1..0 # SKIP umockdev-record is needed"
	exit 0
fi

QVF=0000:6b:00.1
QPF=0000:6b:00.0

# record FIXTURE OUTFILE SYSFS-PATH...: the recipe's umockdev-record,
# inside FIXTURE's testbed.
record() {
	_rfx=$1 _rout=$2; shift 2
	what="$_rfx: umockdev-record $*"
	urun "$FIXTURES/$_rfx" umockdev-record "$@" >"$_rout" 2>"$ERR"
	rc=$?
	expect_rc 0
}

# --- a VF and its PF, on a host without mdevs ------------------------------------
record qat-src.umockdev "$T/qat.umockdev" /sys/bus/pci/devices/$QVF /sys/bus/pci/devices/$QPF
mc qat-src.umockdev --emit $QVF
ORIG=$(cat "$OUT")
urun "$T/qat.umockdev" "$MIG_CHECK" --emit $QVF >"$OUT" 2>"$ERR"
rc=$?
what="recorded qat host: mig-check --emit $QVF"
expect_token qat
compare "the recording gives the same token" "$ORIG" "$(cat "$OUT")"
urun "$T/qat.umockdev" "$MIG_CHECK" --list -r -n -o DEVICE,KIND,DRIVER,MIGRATABLE >"$OUT" 2>"$ERR"
rc=$?
what="recorded qat host: mig-check --list"
expect_rc 0
expect_stdout "$QPF pf 4xxx no
$QVF vf qat_vfio_pci yes"

# --- an NVMe VF, its PF and the PF's controller -----------------------------------
NCONF=$FIXTURES/nvme-store-a.conf
record nvme-src.umockdev "$T/nvme.umockdev" /sys/bus/pci/devices/0000:3b:00.1 \
	/sys/bus/pci/devices/0000:3b:00.0 /sys/class/nvme/nvme0
mc nvme-src.umockdev --emit 0000:3b:00.1 -c "$NCONF"
ORIG=$(cat "$OUT")
urun "$T/nvme.umockdev" "$MIG_CHECK" --emit 0000:3b:00.1 -c "$NCONF" >"$OUT" 2>"$ERR"
rc=$?
what="recorded nvme host: mig-check --emit 0000:3b:00.1"
expect_token nvme
compare "the recording gives the same token" "$ORIG" "$(cat "$OUT")"

# --- an mdev by its UUID path (its GPU comes with it), and the GPU's types -------
# The snippet of mig-check(1), its GPU path inside the testbed.
mc_sh gvt-src.umockdev "the GVT-g recipe" '
	gpu=$UMOCKDEV_DIR/sys/bus/pci/devices/0000:00:02.0
	{ umockdev-record /sys/bus/mdev/devices/$1 |
	    sed '"'"'${/^$/d}'"'"'
	  for f in "$gpu"/mdev_supported_types/*/*; do
	    [ -f "$f" ] && printf '"'"'A: %s=%s\n'"'"' "${f#"$gpu"/}" \
	        "$(awk '"'"'{ printf "%s\\n", $0 }'"'"' "$f")"
	  done; }' $SRC_UUID
expect_rc 0
cp "$OUT" "$T/gvt.umockdev"
mc gvt-src.umockdev --emit $SRC_UUID
ORIG=$(cat "$OUT")
urun "$T/gvt.umockdev" "$MIG_CHECK" --emit $SRC_UUID >"$OUT" 2>"$ERR"
rc=$?
what="recorded gvt host: mig-check --emit $SRC_UUID"
expect_token i915-gvt
compare "the recording gives the same token" "$ORIG" "$(cat "$OUT")"
urun "$T/gvt.umockdev" "$MIG_CHECK" --list -r -n -o DEVICE,KIND,TYPE >"$OUT" 2>"$ERR"
rc=$?
what="recorded gvt host: mig-check --list"
expect_rc 0
expect_stdout "$SRC_UUID mdev i915-GVTg_V5_4
$PARENT parent i915-GVTg_V5_1
$PARENT parent i915-GVTg_V5_2
$PARENT parent i915-GVTg_V5_4
$PARENT parent i915-GVTg_V5_8"

finish
