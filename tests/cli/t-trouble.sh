# SPDX-License-Identifier: GPL-2.0-or-later
# Trouble is never "no" (mig-check(1) EXIT STATUS): a bus directory that exists
# but cannot be listed stops --list and --accept with status 2 and the reason;
# a bus that does not exist is an empty host; a device that cannot be read is a
# row saying so in --list (status 2), and --emit of it says so, not "no
# such device".  Permission cases run unprivileged ($AS_NOBODY).
. "$TESTLIB"

QVF=0000:6b:00.1
UNREADABLE='
	chmod -R a+rX "$UMOCKDEV_DIR"
	chmod 000 "$UMOCKDEV_DIR/sys/bus/$1/devices"
	shift
	exec $AS_NOBODY "$MIG_CHECK" "$@"'

token_of gvt-src.umockdev $SRC_UUID
GTOKEN=$TOKEN
token_of qat-src.umockdev $QVF
QTOKEN=$TOKEN

# --- a bus that cannot be listed -------------------------------------------------
for bus in pci mdev; do
	MSG="^mig-check: cannot list /sys/bus/$bus/devices: Permission denied$"
	# gvt-dst-identical has an mdev, so a bus/mdev/devices directory.
	fx=gvt-dst-identical.umockdev
	mc_sh $fx "/sys/bus/$bus/devices mode 000, --list" "$UNREADABLE" $bus --list
	expect_trouble "$MSG"
	mc_sh $fx "/sys/bus/$bus/devices mode 000, --list -q" "$UNREADABLE" $bus --list -q
	expect_trouble "$MSG"
	mc_sh $fx "/sys/bus/$bus/devices mode 000, --list -J" "$UNREADABLE" $bus --list -J
	expect_trouble "$MSG"
	mc_sh $fx "/sys/bus/$bus/devices mode 000, --accept" "$UNREADABLE" $bus \
		--accept "$GTOKEN" --no-kernel-check
	expect_trouble "$MSG"
	mc_sh $fx "/sys/bus/$bus/devices mode 000, --accept -J" "$UNREADABLE" $bus \
		--accept "$GTOKEN" --no-kernel-check -J
	expect_trouble "$MSG"
done
# The QAT host has no mdev bus: its PCI bus alone.
mc_sh qat-dst-same.umockdev "/sys/bus/pci/devices mode 000, --accept (qat)" "$UNREADABLE" pci \
	--accept "$QTOKEN"
expect_trouble "^mig-check: cannot list /sys/bus/pci/devices: Permission denied$"

# --emit reads the device, not the bus listing: it says what failed.
mc_sh qat-src.umockdev "/sys/bus/pci/devices mode 000, --emit" "$UNREADABLE" pci --emit $QVF
expect_trouble "^mig-check: $QVF: cannot be read: Permission denied$"
mc_sh gvt-src.umockdev "/sys/bus/mdev/devices mode 000, --emit" "$UNREADABLE" mdev --emit $SRC_UUID
expect_trouble "^mig-check: $SRC_UUID: cannot be read: Permission denied$"

# --- a bus that does not exist: an empty host, status as before ------------------
mc_sh qat-dst-same.umockdev "no /sys/bus/pci, --accept" '
	rm -rf "$UMOCKDEV_DIR/sys/bus/pci"
	exec "$MIG_CHECK" --accept "$1" -J' "$QTOKEN"
expect_rc 1 "(no candidate)"
expect_stderr_empty
expect_jq '.candidates | length' 0
mc_sh gvt-dst-identical.umockdev "no /sys/bus/mdev, --accept" '
	rm -rf "$UMOCKDEV_DIR/sys/bus/mdev"
	exec "$MIG_CHECK" --accept "$1" --no-kernel-check -J' "$GTOKEN"
expect_rc 0 "(the creatable types are still there)"
expect_stderr_empty
mc_sh qat-dst-same.umockdev "no /sys/bus/pci, --list" '
	rm -rf "$UMOCKDEV_DIR/sys/bus/pci"
	exec "$MIG_CHECK" --list -J'
expect_rc 0
expect_stderr_empty
expect_jq '.devices | length' 0
mc_sh gvt-src.umockdev "no /sys/bus/mdev, --emit" '
	rm -rf "$UMOCKDEV_DIR/sys/bus/mdev"
	exec "$MIG_CHECK" --emit "$1"' $SRC_UUID
expect_trouble "^mig-check: $SRC_UUID: no such device$"

# --- a device that exists but cannot be read ------------------------------------
UEVENT='
	chmod -R a+rX "$UMOCKDEV_DIR"
	chmod 000 "$UMOCKDEV_DIR/sys/bus/pci/devices/0000:6b:00.1/uevent"
	exec $AS_NOBODY "$MIG_CHECK" "$@"'
mc_sh qat-src.umockdev "$QVF uevent mode 000, --list" "$UEVENT" --list -r -n -o DEVICE,MIGRATABLE,WHY
expect_rc 2 "(a row that cannot be read is trouble)"
expect_stdout_line "$QVF unknown cannot\\\\x20read\\\\x20uevent:\\\\x20Permission\\\\x20denied"
expect_stderr_oneline "^mig-check: $QVF: cannot read uevent: Permission denied$"
mc_sh qat-src.umockdev "$QVF uevent mode 000, --list -q" "$UEVENT" --list -q
expect_rc 2 "(-q)"
expect_stdout_empty
expect_stderr_oneline "^mig-check: $QVF: cannot read uevent: Permission denied$"
mc_sh qat-src.umockdev "$QVF uevent mode 000, --emit" "$UEVENT" --emit $QVF
expect_trouble "^mig-check: $QVF: uevent: Permission denied$"
# A directory a module lists: the NVMe PF's controllers.
mc_sh nvme-src.umockdev "PF nvme/ mode 000, --emit" '
	chmod -R a+rX "$UMOCKDEV_DIR"
	chmod 000 "$UMOCKDEV_DIR/sys/bus/pci/devices/0000:3b:00.0/nvme"
	exec $AS_NOBODY "$MIG_CHECK" --emit 0000:3b:00.1 -c "$1"' "$FIXTURES/nvme-store-a.conf"
expect_trouble "^mig-check: 0000:3b:00\.1: 0000:3b:00\.0: nvme: Permission denied$"

# The VF may be the one: an unknown candidate, never left out (mig-check(1)
# DESCRIPTION/Devices).
mc_sh qat-dst-same.umockdev "$QVF uevent mode 000, --accept" "$UEVENT" --accept "$QTOKEN" -J
expect_rc 0 "(the other VF is actionable)"
expect_jq "$(cand_dev $QVF) | .verdict" unknown
expect_jq "$(reason "$(cand_dev $QVF)" uevent) | .destination" "Permission denied"

finish
