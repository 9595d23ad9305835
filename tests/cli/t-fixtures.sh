# SPDX-License-Identifier: GPL-2.0-or-later
# The fake hosts themselves: they load, every sysfs link resolves inside the
# testbed (SPEC 11: libpci realpath()s driver and iommu_group links), mdevs
# and their type directories link to each other, and spot checks of the
# ABI 2.5 available_instances numbers.
. "$TESTLIB"

# Every fixture: links under /sys resolve (umockdev's own /dev/.node links
# are not sysfs).
for f in "$FIXTURES"/*.umockdev "$FIXTURES"/../../examples/*.umockdev; do
	name=${f#"$FIXTURES"/}
	mc_sh "$name" "links" '
		cd "$UMOCKDEV_DIR" || exit 1
		find ./sys -type l | while read -r l; do
			t=$(readlink "$l")
			case $t in /dev/*) continue ;; esac
			test -e "$l" || echo "dangling: $l -> $t"
		done'
	expect_rc 0
	expect_stdout_empty
	expect_stderr_empty
done

# GVT-g hosts: each mdev's type directory links back to it.
for f in "$FIXTURES"/gvt-*.umockdev "$FIXTURES"/../../examples/*-host.umockdev; do
	name=${f#"$FIXTURES"/}
	mc_sh "$name" "types and mdevs" '
		cd "$UMOCKDEV_DIR/sys/devices/pci0000:00/0000:00:02.0" || exit 1
		for t in mdev_supported_types/*; do
			n=$(ls "$t/devices" 2>/dev/null | wc -l)
			printf "type %s %s %s\n" "${t##*/}" "$(cat "$t/available_instances")" "$n"
		done
		for m in "$UMOCKDEV_DIR"/sys/bus/mdev/devices/*; do
			[ -e "$m" ] || continue
			u=${m##*/}
			echo "mdev $u"
			test -d "$m/mdev_type" &&
			test "$(readlink -f "$m/mdev_type/devices/$u")" = "$(readlink -f "$m")" ||
				echo "bad mdev_type: $u"
		done'
	expect_rc 0
	compare "no broken mdev_type link" 0 "$(grep -c 'bad mdev_type' "$OUT")"
	compare "some types" true "$(grep -q '^type ' "$OUT" && echo true)"
	compare "every available_instances is a count" "" \
		"$(awk '$1 == "type" && $3 !~ /^[0-9]+$/ { print $2 "=" $3 }' "$OUT")"
	# Every mdev is listed in the devices/ of exactly one type.
	compare "mdevs listed under their types" "$(grep -c '^mdev ' "$OUT")" \
		"$(awk '$1 == "type" { n += $4 } END { print n + 0 }' "$OUT")"
done

# The ABI 2.5 numbers, spot checks
mc_sh gvt-dst-small-aperture.umockdev "type dirs" 'ls "$UMOCKDEV_DIR/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types" | tr "\n" " "'
compare "256 MB aperture: only V5_8 and V5_4" "i915-GVTg_V5_4 i915-GVTg_V5_8 " "$(cat "$OUT")"
mc_sh gvt-dst-exhausted.umockdev "available" 'cat "$UMOCKDEV_DIR"/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/*/available_instances | tr "\n" " "'
compare "exhausted: V5_4 0, V5_8 1" "0 1 " "$(cat "$OUT")"

if command -v lspci >/dev/null 2>&1; then
	mc_sh gvt-src.umockdev "lspci -nk" 'lspci -nk 2>/dev/null'
	expect_stdout_line '00:02\.0 0300: 8086:591d \(rev 04\)'
	expect_stdout_line '	Kernel driver in use: i915'
fi

finish
