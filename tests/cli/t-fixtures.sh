# SPDX-License-Identifier: GPL-2.0-or-later
# The fake hosts themselves: they load, every sysfs link resolves inside the
# testbed (tests/fixtures/README.md: libpci realpath()s driver and iommu_group
# links), mdevs and their type directories link to each other, and spot checks
# of the available_instances numbers of tests/fixtures/README.md.
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

# Every PCI function has `enable` as a real kernel shows it: 1 on
# a host driver, 0 on a VFIO driver no VM has open, 0 unbound; the fixtures
# with held VFs (enable 1 on a VFIO driver) are checked below.  Every
# VFIO-bound function and every mdev has its group node /dev/vfio/N (N from
# its iommu_group link), and a vfio-dev/vfioX/dev matches its
# /dev/vfio/devices/vfioX.
for f in "$FIXTURES"/*.umockdev "$FIXTURES"/../../examples/*.umockdev; do
	name=${f#"$FIXTURES"/}
	case $name in *-held.umockdev|*-allheld.umockdev) held=1 ;; *) held=0 ;; esac
	mc_sh "$name" "enable and VFIO nodes" '
		cd "$UMOCKDEV_DIR/sys" || exit 1
		for d in bus/pci/devices/* bus/mdev/devices/*; do
			[ -e "$d" ] || continue
			drv=$(basename "$(readlink "$d/driver" 2>/dev/null)")
			case $drv in
			vfio-pci|*_vfio_pci|intel_vgpu_mdev|vfio_mdev) vfio=1 ;;
			*) vfio=0 ;;
			esac
			case $d in
			bus/pci/*)
				e=$(cat "$d/enable") || { echo "no enable: $d"; continue; }
				if [ -n "$drv" ] && [ $vfio = 0 ]; then want=1; else want=0; fi
				if [ "$1" = 1 ] && [ $vfio = 1 ]; then
					case $e in 0|1) ;; *) echo "enable $e: $d ($drv)" ;; esac
				elif [ "$e" != "$want" ]; then
					echo "enable $e, want $want: $d ($drv)"
				fi ;;
			esac
			[ $vfio = 1 ] || continue
			g=$(basename "$(readlink -f "$d/iommu_group")")
			[ -d "kernel/iommu_groups/$g/devices" ] || echo "no group dir: $d"
			[ "$(stat -c %F "/dev/vfio/$g")" = "character special file" ] ||
				echo "no /dev/vfio/$g: $d"
			for v in "$d"/vfio-dev/vfio*; do
				[ -e "$v" ] || continue
				x=${v##*/}
				mm=$(stat -c "%t:%T" "/dev/vfio/devices/$x")
				[ "$(printf "%x:%x" $(tr ":" " " <"$v/dev"))" = "$mm" ] ||
					echo "$v/dev: $(cat "$v/dev"), node $mm"
			done
		done' "$held"
	expect_rc 0
	expect_stdout_empty
	expect_stderr_empty
done

# The held-VF hosts: the first QAT VF is held (enable 1), the second free
# (qat-dst-held) or held too (qat-dst-allheld); all on qat_vfio_pci.
mc_sh qat-dst-held.umockdev "enable" 'cd "$UMOCKDEV_DIR/sys/bus/pci/devices" && cat 0000:6b:00.1/enable 0000:6b:00.2/enable | tr "\n" " "'
compare "held VF 1, free VF 0" "1 0 " "$(cat "$OUT")"
mc_sh qat-dst-allheld.umockdev "enable" 'cd "$UMOCKDEV_DIR/sys/bus/pci/devices" && cat 0000:6b:00.1/enable 0000:6b:00.2/enable | tr "\n" " "'
compare "both VFs held" "1 1 " "$(cat "$OUT")"

# A process in the testbed that holds an mdev's group node open is found
# as mig-check(1) VERDICTS/Held devices says (the fuser-style /proc/PID/fd
# scan): the node file of the testbed and the holder's open file are the same
# inode, while stat() of the node reports the character device.
mc_sh gvt-dst-identical.umockdev "held group node" '
	g=$(basename "$(readlink -f /sys/bus/mdev/devices/0b5f5d3e-7c1a-4d2b-9e8f-6a5b4c3d2e1f/iommu_group)")
	sleep 30 </dev/vfio/$g &
	holder=$!
	sleep 0.2
	node=$(stat -c "%d:%i" /dev/vfio/$g)
	for fd in /proc/[0-9]*/fd/*; do
		[ "$(stat -L -c "%d:%i" "$fd" 2>/dev/null)" = "$node" ] || continue
		pid=${fd#/proc/}; pid=${pid%%/*}
		[ "$pid" = "$holder" ] && echo "held by the holder: /dev/vfio/$g"
	done
	stat -c "%F %t:%T" /dev/vfio/$g
	# The holder may have gone already on a loaded machine: what counts is
	# that it was found while it held the node (the lines below).
	kill $holder 2>/dev/null
	true'
expect_rc 0
expect_stdout_line 'held by the holder: /dev/vfio/21'
expect_stdout_line 'character special file f3:15'

# The new hosts of issue 11 (tests/fixtures/README.md) load and list; the
# behaviour on them is asserted where it is implemented.
for f in qat-dst-held qat-dst-allheld vmd-nvme mlx5-vfio gvt-dst-full gvt-dst-uuid; do
	mc "$f.umockdev" --list
	expect_rc 0 "(--list)"
done
mc vmd-nvme.umockdev --list -J
mc_sh vmd-nvme.umockdev "lspci -D" 'lspci -Dn 2>/dev/null'
expect_stdout_line '10000:01:00\.1 0108: 144d:a824'
mc_sh vmd-nvme.umockdev "bus link" 'readlink -f "$UMOCKDEV_DIR/sys/bus/pci/devices/10000:01:00.0"'
expect_stdout_line '.*/sys/devices/pci0000:00/0000:00:0e\.0/pci10000:00/10000:00:01\.0/10000:01:00\.0'

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

# The available_instances numbers, spot checks
mc_sh gvt-dst-small-aperture.umockdev "type dirs" 'ls "$UMOCKDEV_DIR/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types" | tr "\n" " "'
compare "256 MB aperture: only V5_8 and V5_4" "i915-GVTg_V5_4 i915-GVTg_V5_8 " "$(cat "$OUT")"
mc_sh gvt-dst-exhausted.umockdev "available" 'cat "$UMOCKDEV_DIR"/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/*/available_instances | tr "\n" " "'
compare "exhausted: V5_4 0, V5_8 1" "0 1 " "$(cat "$OUT")"
mc_sh gvt-dst-full.umockdev "available" 'cat "$UMOCKDEV_DIR"/sys/bus/pci/devices/0000:00:02.0/mdev_supported_types/*/available_instances | tr "\n" " "'
compare "full: every type 0" "0 0 0 0 " "$(cat "$OUT")"
mc_sh gvt-dst-uuid.umockdev "the source UUID" 'basename "$(readlink "$UMOCKDEV_DIR"/sys/bus/mdev/devices/83b8f4f2-509f-382f-3c1e-e6bfe0fa1001/mdev_type)"'
compare "the source UUID exists as a V5_8" "i915-GVTg_V5_8" "$(cat "$OUT")"

if command -v lspci >/dev/null 2>&1; then
	mc_sh gvt-src.umockdev "lspci -nk" 'lspci -nk 2>/dev/null'
	expect_stdout_line '00:02\.0 0300: 8086:591d \(rev 04\)'
	expect_stdout_line '	Kernel driver in use: i915'
fi

finish
