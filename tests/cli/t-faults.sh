# SPDX-License-Identifier: GPL-2.0-or-later
# Attributes that cannot be read or written, strange sysfs entries
# (SPEC 4, 5, 7, 10, 11).  Snippets change the testbed before mig-check runs.
. "$TESTLIB"

TYPES='$UMOCKDEV_DIR/sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types'
V54=$(cand_type i915-GVTg_V5_4)
V58=$(cand_type i915-GVTg_V5_8)
ERRNO='Permission denied|Operation not permitted'

token_of gvt-src.umockdev $SRC_UUID

# --- destination: an unreadable description -----------------------------------------
mc_sh gvt-dst-free.umockdev "--accept, V5_4 description mode 000" '
	chmod 000 '"$TYPES"'/i915-GVTg_V5_4/description
	exec "$MIG_CHECK" --accept "$1" -J' "$TOKEN"
expect_rc 2
expect_jq '.verdict' unknown
expect_jq "$V54 | .verdict" unknown
expect_jq "$V54 | [.reasons[] | select((.rule + \" \" + (.destination // \"\")) | test(\"$ERRNO\"))] | length > 0" true \
	"a V5_4 reason gives the errno text"
expect_jq "$V58 | .verdict" incompatible "the scan goes on"
expect_jq '.candidates | length' 4

mc_sh gvt-dst-free.umockdev "--accept table, V5_4 description mode 000" '
	chmod 000 '"$TYPES"'/i915-GVTg_V5_4/description
	exec "$MIG_CHECK" --accept "$1" -r -n -o VERDICT' "$TOKEN"
expect_rc 2
expect_stdout_line unknown

# --- destination: available_instances unreadable or garbage ---------------------------
mc_sh gvt-dst-free.umockdev "--accept, V5_4 available_instances mode 000" '
	chmod 000 '"$TYPES"'/i915-GVTg_V5_4/available_instances
	exec "$MIG_CHECK" --accept "$1" -J' "$TOKEN"
expect_rc 2
expect_jq '.verdict' unknown
expect_jq "$V54 | .verdict" unknown
expect_jq "$V58 | .verdict" incompatible

mc_sh gvt-dst-free.umockdev "--accept, V5_4 available_instances 'lots'" '
	echo lots >'"$TYPES"'/i915-GVTg_V5_4/available_instances
	exec "$MIG_CHECK" --accept "$1" -J' "$TOKEN"
expect_rc 2
expect_jq "$V54 | .verdict" unknown

# --- destination: a type without description (driver has no show_description) ----------
mc_sh gvt-dst-free.umockdev "--accept, V5_4 without description" '
	rm '"$TYPES"'/i915-GVTg_V5_4/description
	exec "$MIG_CHECK" --accept "$1" -J' "$TOKEN"
expect_rc 2
expect_jq "$V54 | .verdict" unknown
expect_jq "$V58 | .verdict" incompatible

# --- destination: the kernel check is denied (unprivileged user, SPEC 11) ---------------
mc_sh gvt-dst-free.umockdev "--accept as nobody, V5_4 migration_version not writable" '
	chmod -R a+rX "$UMOCKDEV_DIR"
	chmod 0444 '"$TYPES"'/i915-GVTg_V5_4/migration_version
	exec $AS_NOBODY "$MIG_CHECK" --accept "$1" -J' "$TOKEN"
expect_rc 2
expect_jq '.verdict' unknown
expect_jq "$V54 | .verdict" unknown
expect_jq "$V54 | .kernel_check" error
expect_jq "$V54 | [.reasons[] | select(.category == \"kernel\" and (.rule | test(\"Permission denied\")))] | length" 1

# --- source: unreadable attributes make --emit fail --------------------------------------
mc_sh gvt-src.umockdev "--emit, type description mode 000" '
	chmod 000 '"$TYPES"'/i915-GVTg_V5_4/description
	exec "$MIG_CHECK" --emit "$1"' $SRC_UUID
expect_trouble "description.*($ERRNO)|($ERRNO).*description"

# (root reads a mode 000 file it opens directly: run unprivileged)
mc_sh gvt-src.umockdev "--emit as nobody, mdev migration_version mode 000" '
	chmod -R a+rX "$UMOCKDEV_DIR"
	chmod 000 "$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	exec $AS_NOBODY "$MIG_CHECK" --emit "$1"' $SRC_UUID
expect_trouble "migration_version.*($ERRNO)|($ERRNO).*migration_version"

mc_sh gvt-src.umockdev "--emit -J as nobody, type migration_version mode 000, mdev's absent" '
	chmod -R a+rX "$UMOCKDEV_DIR"
	rm "$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	chmod 000 '"$TYPES"'/i915-GVTg_V5_4/migration_version
	exec $AS_NOBODY "$MIG_CHECK" --emit -J "$1"' $SRC_UUID
expect_trouble

# --- source: a missing description: its fields are left out ------------------------------
mc_sh gvt-src.umockdev "--emit, type without description" '
	rm '"$TYPES"'/i915-GVTg_V5_4/description
	exec "$MIG_CHECK" --emit "$1"' $SRC_UUID
expect_rc 0
NODESC=$(cat "$OUT")
mc_plain --decode "$NODESC" -J
expect_jq '.records[0].fields | [has("low"), has("high"), has("fence"), has("res"), has("weight")] | map(tostring) | join(",")' \
	false,false,false,false,false
expect_jq '.records[0].fields.type' GVTg_V5_4
mc gvt-dst-free.umockdev --accept "$NODESC" -J
expect_rc 2 "(token without resources)"
expect_jq '.verdict' unknown
expect_jq "$V54 | .verdict" unknown

# --- a strange entry in /sys/bus/pci/devices must not kill the scan ------------------------
mc_sh gvt-dst-free.umockdev "--accept with /sys/bus/pci/devices/foo" '
	mkdir -p "$UMOCKDEV_DIR/sys/devices/pci0000:00/foo"
	echo 0x8086 >"$UMOCKDEV_DIR/sys/devices/pci0000:00/foo/vendor"
	ln -s ../../../devices/pci0000:00/foo "$UMOCKDEV_DIR/sys/bus/pci/devices/foo"
	exec "$MIG_CHECK" --accept "$1" -J -s 00:02.0' "$TOKEN"
expect_rc 0
expect_jq '.verdict' actionable
mc_sh gvt-dst-free.umockdev "--list with /sys/bus/pci/devices/foo" '
	mkdir -p "$UMOCKDEV_DIR/sys/devices/pci0000:00/foo"
	ln -s ../../../devices/pci0000:00/foo "$UMOCKDEV_DIR/sys/bus/pci/devices/foo"
	exec "$MIG_CHECK" --list -J' "$TOKEN"
expect_rc 0
expect_jq '[.devices[] | select(.device == "0000:00:02.0")] | length > 0' true

# --- configuration files ---------------------------------------------------------------
printf '[global\nmigration-drivers = x\n' >"$T/bad.conf"
mc gvt-dst-free.umockdev --accept "$TOKEN" -c "$T/bad.conf"
expect_trouble "bad\.conf.*1"
printf '[global]\nmigration-drivers = nvme_vfio_pci\n' >"$T/good.conf"
mc gvt-dst-free.umockdev --accept "$TOKEN" -c "$T/good.conf" -q
expect_rc 0 "(a good -c file)"

finish
