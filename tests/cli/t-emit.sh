# SPDX-License-Identifier: GPL-2.0-or-later
# --emit on GVT-g source hosts (mig-check(1) OPTIONS, VENDOR MODULES/i915-gvt;
# mig-check-formats(5) TOKEN, MODULE FIELDS, JSON OUTPUT).
. "$TESTLIB"

# --- the normal source host -------------------------------------------------
mc gvt-src.umockdev --emit $SRC_UUID
expect_token i915-gvt
TOKEN=$(cat "$OUT")
check "token is at most 4096 bytes" test "${#TOKEN}" -le 4096
compare "checksum is the crc32 of everything before the last ':'" \
	"$(crc32 "${TOKEN%:*}")" "${TOKEN##*:}"
expect_stdout_lacks "00:02.0"
expect_stdout_lacks "00%3A02.0"

mc_plain --decode "$TOKEN" -J
expect_rc 0
expect_jq '.format' 'mig-check/1'
expect_jq '.records | length' 1
expect_jq '.records[0].module' i915-gvt
expect_jq '.records[0].fields | keys | join(",")' 'agg,dev,fence,high,kver,low,res,type,uuid,v,weight'
expect_jq '.records[0].fields.v' 1
expect_jq '.records[0].fields.dev' 8086.591d
expect_jq '.records[0].fields.type' GVTg_V5_4
expect_jq '.records[0].fields.low' 128
expect_jq '.records[0].fields.high' 512
expect_jq '.records[0].fields.fence' 4
expect_jq '.records[0].fields.res' 1920x1200
expect_jq '.records[0].fields.weight' 4
expect_jq '.records[0].fields.agg' 1
expect_jq '.records[0].fields.uuid' $SRC_UUID
expect_jq '.records[0].fields.kver' 8086-591d-GVTg_V5_4-00000001

# The same device named by sysfs paths.
mc gvt-src.umockdev --emit /sys/bus/mdev/devices/$SRC_UUID
expect_rc 0
compare "same token for /sys/bus/mdev/devices/UUID" "$TOKEN" "$(cat "$OUT")"
mc gvt-src.umockdev --emit /sys/devices/pci0000:00/0000:00:02.0/$SRC_UUID
expect_rc 0
compare "same token for the device's own sysfs path" "$TOKEN" "$(cat "$OUT")"

# JSON
mc gvt-src.umockdev --emit -J $SRC_UUID
expect_rc 0
expect_jq '.format' 'mig-check/1'
expect_jq '.token' "$TOKEN"
expect_jq 'keys | join(",")' 'format,records,token'
expect_jq '.records | length' 1
expect_jq '.records[0].module' i915-gvt
expect_jq '.records[0].device' $SRC_UUID
expect_jq '.records[0].fields.type' GVTg_V5_4
expect_jq '.records[0].fields.kver' 8086-591d-GVTg_V5_4-00000001

# -q changes no exit status.
mc gvt-src.umockdev --emit -q $SRC_UUID
expect_rc 0

# --- what --emit refuses ----------------------------------------------------
mc gvt-src.umockdev --emit 0000:00:02.0
expect_trouble '0000:00:02\.0'
mc gvt-src.umockdev --emit 00:02.0
expect_trouble '00:02\.0'
mc gvt-src.umockdev --emit /sys/bus/pci/devices/0000:00:02.0
expect_trouble '0000:00:02\.0'
mc gvt-src.umockdev --emit 0000:99:00.0
expect_trouble '0000:99:00\.0'
mc gvt-src.umockdev --emit 11111111-2222-3333-4444-555555555555
expect_trouble '11111111-2222-3333-4444-555555555555'
mc gvt-src.umockdev --emit
expect_usage_error
mc gvt-src.umockdev --emit $SRC_UUID 0000:99:00.0
expect_trouble '0000:99:00\.0'

# --- other sources ----------------------------------------------------------
# Upstream GVT-g: no migration_version, so no kver (mig-check-formats(5) TOKEN:
# left out).
mc gvt-src-upstream.umockdev --emit $SRC_UUID
expect_rc 0
expect_stdout_lacks "kver="
mc_plain --decode "$(cat "$OUT")" -J
expect_jq '.records[0].fields | has("kver")' false
expect_jq '.records[0].fields.type' GVTg_V5_4
expect_jq '.records[0].fields.dev' 8086.591d
expect_jq '.records[0].fields.low' 128

V52=5a2e4c1d-8b3f-4e6a-9c7d-1f2e3d4c5b6a
mc gvt-src-v52.umockdev --emit -J $V52
expect_rc 0
expect_jq '.records[0].fields.type' GVTg_V5_2
expect_jq '.records[0].fields.low' 256
expect_jq '.records[0].fields.high' 1024
expect_jq '.records[0].fields.fence' 4
expect_jq '.records[0].fields.res' 1920x1200
expect_jq '.records[0].fields.weight' 8
expect_jq '.records[0].fields.uuid' $V52
expect_jq '.records[0].fields.kver' 8086-591d-GVTg_V5_2-00000001

# The mdev's own migration_version wins over its type's (mig-check(1), KERNEL
# CHECK).
mc_sh gvt-src.umockdev "--emit with a mdev migration_version that differs from the type's" '
	printf "8086-591d-GVTg_V5_4-00000007\n" >"$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	"$MIG_CHECK" --emit -J "$1"' $SRC_UUID
expect_rc 0
expect_jq '.records[0].fields.kver' 8086-591d-GVTg_V5_4-00000007

# An old kernel's description without the weight line: no weight field.
mc_sh gvt-src.umockdev "--emit with a 4-line description" '
	printf "low_gm_size: 128MB\nhigh_gm_size: 512MB\nfence: 4\nresolution: 1920x1200\n" \
		>"$UMOCKDEV_DIR/sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/description"
	"$MIG_CHECK" --emit -J "$1"' $SRC_UUID
expect_rc 0
expect_jq '.records[0].fields | has("weight")' false
expect_jq '.records[0].fields.res' 1920x1200

# One device named twice, in two spellings, is refused.
mc gvt-src-multi.umockdev --emit $SRC_UUID /sys/bus/mdev/devices/$SRC_UUID
expect_trouble "$SRC_UUID: named twice"

# Options that mean nothing to --emit are usage errors, not ignored (-J and
# -q have a meaning; -c too).
for opt in --ready --no-kernel-check "-o DEVICE" "--output=DEVICE" -P -r -n -v -H; do
	name=$opt
	case $opt in
	-o*|--output*) name=--output ;;
	-P) name=--pairs ;;
	-r) name=--raw ;;
	-n) name=--noheadings ;;
	-v) name=--verbose ;;
	-H) name=--list-columns ;;
	esac
	# shellcheck disable=SC2086
	mc gvt-src.umockdev --emit $opt $SRC_UUID
	expect_usage_error
	expect_stderr_contains "mig-check: --emit takes no $name"
done
mc gvt-src.umockdev -v --emit $SRC_UUID
expect_usage_error
mc gvt-src.umockdev --emit -q -J $SRC_UUID
expect_rc 0 "(-q -J)"
expect_stdout_empty

# --help and mig-check(1) say the same of -v.
mc_plain --help
check "--help: -v is for --accept, all reasons, also for compatible candidates" \
	grep -q -- '-v, --verbose .*--accept: all reasons, also for compatible candidates' "$OUT"

finish
