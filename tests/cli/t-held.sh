# SPDX-License-Identifier: GPL-2.0-or-later
# Devices that are not free (mig-check(1) VERDICTS/Held devices;
# mig-check-formats(5) VERDICTS/Reasons): a VFIO-bound VF with a non-zero
# enable count, an mdev whose VFIO node a process really holds open while
# mig-check runs, a scan that cannot see every process, an mdev type with no
# free instance, an mdev UUID that exists already.
. "$TESTLIB"

HELD=0000:6b:00.1
FREE=0000:6b:00.2
DST_UUID=0b5f5d3e-7c1a-4d2b-9e8f-6a5b4c3d2e1f
V54=$(cand_type i915-GVTg_V5_4)
MDEV=$(cand_dev $DST_UUID)

# [field, rule, category, kernel_check] of a candidate's reason on FIELD.
why() {
	printf '%s | [(.reasons[] | select(.field == "%s") | .field, .rule, .category), .kernel_check] | join(" / ")' "$1" "$2"
}

token_of qat-src.umockdev $HELD
Q=$TOKEN
token_of gvt-src.umockdev $SRC_UUID
G=$TOKEN

# --- a VF a VM holds: enable count 1 ------------------------------------------
judge 0 "(one VF held, one free)" qat-dst-held.umockdev "$Q"
expect_jq '.verdict' identical
expect_jq '.placements | map({record, device}) | tojson' '[{"record":0,"device":"'$FREE'"}]' \
	"the free VF is chosen"
expect_jq "$(cand_dev $HELD) | .verdict" incompatible
expect_jq "$(why "$(cand_dev $HELD)" device)" "device / in use (enable count 1) / capacity / skipped"
expect_jq "$(cand_dev $HELD) | .reasons | length" 1 "the held VF passes every other rule"
expect_jq "$(cand_dev $FREE) | [.verdict, (.reasons | length)] | join(\" \")" "identical 0"
mc qat-dst-held.umockdev --accept "$Q" -o DEVICE,VERDICT,REASON
expect_rc 0 "(table)"
expect_stdout_line "$HELD +incompatible +.*in use \\(enable count 1\\).*"

judge 1 "(every VF held)" qat-dst-allheld.umockdev "$Q"
expect_jq '.verdict' incompatible
expect_jq '[.candidates[] | [.device, .verdict, .reasons[0].rule, .kernel_check] | join(" ")] | join(",")' \
	"$HELD incompatible in use (enable count 1) skipped,$FREE incompatible in use (enable count 1) skipped"
expect_jq '.placements[0].device' null "no placement on a held VF"

# The count is read as it is now: the VM let the VF go.
judge_after 0 qat-dst-allheld.umockdev "VF released" \
	"echo 0 >\"\$UMOCKDEV_DIR/sys/bus/pci/devices/$FREE/enable\"" "$Q"
expect_jq '.placements[0].device' "$FREE"
expect_jq "$(cand_dev $FREE) | .verdict" identical

# Its holder found through its VFIO group node: named.
mc_sh qat-dst-held.umockdev "VF held through /dev/vfio/180" '
	sleep 30 </dev/vfio/180 & h=$!; sleep 0.2
	"$MIG_CHECK" --accept "$1" -J; rc=$?; echo "$h" >&2; kill $h; exit $rc' "$Q"
PID=$(tail -n1 "$ERR")
expect_rc 0
expect_jq "$(cand_dev $HELD) | [.verdict, .reasons[0].rule, .kernel_check] | join(\" / \")" \
	"incompatible / in use by PID $PID (sleep) / skipped"

# A bundle never puts a second record on the held VF.
Q2=$(mktoken "$(printf '%s' "$Q" | sed 's/^mig1://; s/:[0-9a-f]*$//')/$(printf '%s' "$Q" | sed 's/^mig1://; s/:[0-9a-f]*$//')")
judge 1 "(two records, one free VF)" qat-dst-held.umockdev "$Q2"
expect_jq '[.placements[].device] | map(. // "none") | join(",")' "$FREE,none"
expect_jq '[.candidates[] | select(.device == "'$HELD'") | .verdict] | unique | join(",")' incompatible

# enable missing, unreadable or not a count: unknown, naming it.
judge_after 2 qat-dst-held.umockdev "enable missing" \
	"rm \"\$UMOCKDEV_DIR/sys/bus/pci/devices/$FREE/enable\"" "$Q"
expect_jq '.verdict' unknown
expect_jq "$(cand_dev $FREE) | [.verdict, .reasons[0].rule, .kernel_check] | join(\" / \")" \
	"unknown / cannot read enable: No such file or directory / absent"
judge_after 2 qat-dst-held.umockdev "enable mode 000" \
	"chmod 000 \"\$UMOCKDEV_DIR/sys/bus/pci/devices/$FREE/enable\"" "$Q"
expect_jq "$(cand_dev $FREE) | [.verdict, .reasons[0].field, .reasons[0].rule] | join(\" / \")" \
	"unknown / enable / cannot read enable: Operation not permitted"
judge_after 2 qat-dst-held.umockdev "enable not a count" \
	"echo -1 >\"\$UMOCKDEV_DIR/sys/bus/pci/devices/$FREE/enable\"" "$Q"
expect_jq "$(cand_dev $FREE) | [.verdict, .reasons[0].rule] | join(\" / \")" \
	"unknown / cannot read enable: not a count: '-1'"

# A VF on a host driver: enabled by its driver, not held (the count is not read).
judge_after 0 qat-dst-held.umockdev "free VF on 4xxxvf" \
	"cd \"\$UMOCKDEV_DIR/sys/bus/pci/devices/$FREE\" && rm driver && ln -s ../../../bus/pci/drivers/4xxxvf driver &&
	 sed -i s/DRIVER=qat_vfio_pci/DRIVER=4xxxvf/ uevent && cd / &&
	 echo 1 >\"\$UMOCKDEV_DIR/sys/bus/pci/devices/$FREE/enable\"" "$Q"
expect_jq "$(cand_dev $FREE) | [.verdict, ([.reasons[].field] | join(\",\"))] | join(\" \")" "actionable drv"

# --- an mdev whose VFIO node a process holds open ---------------------------------
# The holder is started inside the testbed, its stdin on the node only; it
# looks like QEMU to the scan (-name guest=...).  The snippet prints the
# holder's PID first, then the JSON.
HOLD='/usr/bin/python3 -c "import time; time.sleep(30)" -name guest=vm1,debug-threads=on </dev/vfio/21 &
	h=$!; sleep 0.3; echo "$h" >"$UMOCKDEV_DIR/holder"'
held_run() {   # LABEL PREP RUNNER TOKEN
	mc_sh gvt-dst-identical.umockdev "$1" "$HOLD
	$2
	$3 \"\$MIG_CHECK\" --accept \"\$1\" -J; rc=\$?
	cat \"\$UMOCKDEV_DIR/holder\" >&2
	kill \$h; exit \$rc" "$4"
	PID=$(tail -n1 "$ERR")
}
held_run "mdev held by a guest" "" "" "$G"
expect_rc 0 "(the mdev is held; a V5_4 can be created)"
check "the holder ran (PID $PID)" test -n "$PID"
expect_jq "$MDEV | [.verdict, .reasons[0].field, .reasons[0].rule, .reasons[0].category, .kernel_check] | join(\" / \")" \
	"incompatible / device / in use by PID $PID (python3, guest vm1) / capacity / skipped"
expect_jq '.placements[0].device' "$PARENT" "placed on the creatable type, not the held mdev"

# The same host with nobody holding it: identical (the test above can fail).
judge 0 "(mdev free)" gvt-dst-identical.umockdev "$G"
expect_jq "$MDEV | [.verdict, (.reasons | length)] | join(\" \")" "identical 0"

# Held through its VFIO device node (iommufd), by a process without -name.
mc_sh gvt-dst-identical.umockdev "mdev held through vfio-dev" '
	sleep 30 3</dev/vfio/devices/vfio0 & h=$!; sleep 0.2
	"$MIG_CHECK" --accept "$1" -J; rc=$?; echo "$h" >&2; kill $h; exit $rc' "$G"
PID=$(tail -n1 "$ERR")
expect_jq "$MDEV | .reasons[0].rule" "in use by PID $PID (sleep)"

# Failing another rule first: no scan is needed, the module's reason decides.
F=$(mktoken "i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_8,low=64,high=384,fence=4,res=1024x768,weight=2,agg=1,uuid=$SRC_UUID,kver=8086-591d-GVTg_V5_8-00000001")
held_run "mdev held, V5_8 token" "" "" "$F"
expect_jq "[$MDEV | .reasons[] | select(.field == \"device\")] | length" 0 "no held check for a candidate that failed"

# As an unprivileged user the scan cannot see root's processes: unknown.
held_run "mdev, unprivileged scan" 'chmod -R a+rX "$UMOCKDEV_DIR"' "$AS_NOBODY" "$G"
expect_rc 2 "(cannot tell)"
expect_jq '.verdict' unknown
expect_jq "$MDEV | [.verdict, .reasons[0].rule, .reasons[0].category] | join(\" / \")" \
	"unknown / cannot tell whether it is in use; run as root / capacity"

# --- the right type, but full (mig-check-formats(5) VERDICTS) ---------------------
judge 1 "(every type full)" gvt-dst-full.umockdev "$G"
expect_jq '.verdict' incompatible
expect_jq "$(why "$V54" available_instances)" "available_instances / no free instance / capacity / skipped"
expect_jq "$V54 | [.verdict, .reasons[0].destination, (.reasons | length)] | join(\" \")" "incompatible 0 1" \
	"V5_4: full is all that is wrong"
expect_jq '[.candidates[] | select(.kind == "parent") | .type] | join(",")' \
	"i915-GVTg_V5_1,i915-GVTg_V5_2,i915-GVTg_V5_4,i915-GVTg_V5_8" "every full type is a candidate"
expect_jq '.placements[0].device' null
# The other VMs' vGPUs out of the way: the full types are still
# candidates, never "no local device is a candidate".
mc_sh gvt-dst-full.umockdev "--accept, no mdevs, every type full" \
	'rm -r "$UMOCKDEV_DIR/sys/bus/mdev" && exec "$MIG_CHECK" --accept "$1"' "$G"
expect_rc 1
expect_stdout_lines 5
expect_stdout_line "$PARENT +i915-GVTg_V5_4 +parent +i915-gvt +incompatible +available_instances: no free instance \\(0\\)"
if grep -q 'no local device is a candidate' "$ERR"; then
	fail "not 'no local device is a candidate'" "a capacity candidate" "$(cat "$ERR")"
else
	pass "not 'no local device is a candidate'"
fi

# --- an mdev with the token's UUID exists (mig-check(1) VERDICTS/Held devices) ---
judge 1 "(the source UUID exists here)" gvt-dst-uuid.umockdev "$G"
expect_jq '.verdict' incompatible
expect_jq "$(why "$V54" uuid)" "uuid / an mdev with this UUID already exists / capacity / skipped"
expect_jq "[.candidates[] | select(.kind == \"parent\") | .reasons[0].rule] | unique | join(\",\")" \
	"an mdev with this UUID already exists" "on every creatable type"
expect_jq "$(cand_dev $SRC_UUID) | [.type, .verdict, (.reasons[] | select(.field == \"low\") | .source, .destination)] | join(\" \")" \
	"i915-GVTg_V5_8 incompatible 128 64" "the existing mdev judged on its own"
expect_jq "[$(cand_dev $SRC_UUID) | .reasons[] | select(.field == \"uuid\")] | length" 0
# Another UUID to create: the V5_4 type is free to take it.
U=$(mktoken "$(printf '%s' "$G" | sed "s/^mig1://; s/:[0-9a-f]*\$//; s/$SRC_UUID/$DST_UUID/")")
judge 0 "(another UUID)" gvt-dst-uuid.umockdev "$U"
expect_jq "$V54 | .verdict" actionable

# --- pinned (--domain-xml): the pinned VF is held --------------------------------
if have_libvirt; then
	URI=$LIBVIRT_URI
	virsh -q -c "$URI" dumpxml vm-off >"$T/held.xml"   # one hostdev: 0000:6b:00.1
	sed "s/function='0x1'/function='0x2'/" "$T/held.xml" >"$T/free.xml"
	mc qat-dst-held.umockdev --accept "$Q" --domain-xml "$T/held.xml" -J
	expect_rc 1 "(pinned to the held VF)"
	expect_jq '.candidates | map([.device, .verdict, .reasons[0].rule, .kernel_check]) | tojson' \
		'[["'$HELD'","incompatible","in use (enable count 1)","skipped"]]'
	expect_jq '.placements[0].device' null
	mc qat-dst-held.umockdev --accept "$Q" --domain-xml "$T/free.xml" -J
	expect_rc 0 "(pinned to the free VF)"
	expect_jq '.placements[0].device' "$FREE"
else
	skip_check "pinned to a held VF" "no libvirt support or virsh"
fi

finish
