# SPDX-License-Identifier: GPL-2.0-or-later
# PCI domains wider than four hex digits (Intel VMD, mig-check(1)
# DESCRIPTION/Devices) in discovery, DEVICE arguments, -s, configuration
# sections and output. Host: tests/fixtures/vmd-nvme.umockdev; configuration:
# vmd-nvme.conf.
. "$TESTLIB"

PF=10000:01:00.0
VF1=10000:01:00.1    # nvme_vfio_pci
VF2=10000:01:00.2    # vfio-pci
CONF=$FIXTURES/vmd-nvme.conf
STORE=tcp://192.0.2.10:4420/nqn.2014-08.org.example:vol1
DEVS='[.devices[] | .device] | join(",")'

# --- discovery and output ----------------------------------------------------------
mc vmd-nvme.umockdev --list -J
expect_rc 0 "(--list)"
expect_stderr_empty
expect_jq "$DEVS" "$PF,$VF1,$VF2" "the functions of domain 10000 are listed"
expect_jq "[.devices[] | .parent // \"-\"] | join(\",\")" "-,$PF,$PF" "a VF's PF in domain 10000"
expect_jq "[.devices[] | .module] | join(\",\")" "nvme,nvme,nvme"

mc vmd-nvme.umockdev --list -r -n -o DEVICE,KIND,PARENT
expect_rc 0 "(--list -r)"
expect_stdout "$PF pf 
$VF1 vf $PF
$VF2 vf $PF"

mc vmd-nvme.umockdev --list -c "$CONF" -J $VF1
expect_rc 0 "(--list with migration-drivers)"
expect_jq '.devices[0].migratable' yes

# --- DEVICE arguments ---------------------------------------------------------------
for arg in $VF1 /sys/bus/pci/devices/$VF1 /sys/bus/pci/devices/$VF1/; do
	mc vmd-nvme.umockdev --list -J "$arg"
	expect_rc 0 "(DEVICE $arg)"
	expect_jq "$DEVS" "$VF1"
done
mc vmd-nvme.umockdev --list 10000:01:00.7
expect_trouble "^mig-check: 10000:01:00\.7: no such device$"
mc vmd-nvme.umockdev --list 010000:01:00.1
expect_trouble "^mig-check: 010000:01:00\.1: not a PCI address, mdev UUID or sysfs path of one$"

# --- emit --------------------------------------------------------------------------
mc vmd-nvme.umockdev --emit $VF1 -c "$CONF"
expect_token nvme
TOKEN=$(cat "$OUT")
expect_stdout_lacks "10000"
mc_plain --decode "$TOKEN" -J
expect_jq '.records[0].fields.store' "$STORE" "nvme.store from [device $VF1]"
expect_jq '.records[0].fields.drv' nvme_vfio_pci

mc vmd-nvme.umockdev --emit /sys/bus/pci/devices/$VF1 -c "$CONF"
expect_rc 0 "(--emit of a sysfs path)"
compare "same token for the sysfs path" "$TOKEN" "$(cat "$OUT")"

mc vmd-nvme.umockdev --emit -J $VF1 -c "$CONF"
expect_jq '.records[0].device' $VF1

# --- accept: DEVICE and -s restrict the candidates ----------------------------------
judge 0 "" vmd-nvme.umockdev "$TOKEN" -c "$CONF"
expect_jq '[.candidates[] | .device] | join(",")' "$VF1,$VF2"
expect_jq "$(cand_dev $VF1) | .verdict" identical

judge 0 "(DEVICE $VF1)" vmd-nvme.umockdev "$TOKEN" -c "$CONF" $VF1
expect_jq '[.candidates[] | .device] | join(",")' "$VF1"
expect_jq '.placements[0].device' "$VF1"

judge 2 "(DEVICE $VF2)" vmd-nvme.umockdev "$TOKEN" -c "$CONF" /sys/bus/pci/devices/$VF2
expect_jq '[.candidates[] | .device] | join(",")' "$VF2"

for s in 10000:01: 10000:01:00.1 1:00.1; do
	judge 0 "(-s $s)" vmd-nvme.umockdev "$TOKEN" -c "$CONF" -s "$s"
	case $s in
	10000:01:) want="$VF1,$VF2" ;;
	*) want=$VF1 ;;
	esac
	expect_jq '[.candidates[] | .device] | join(",")' "$want" "-s $s picks $want"
done
judge 1 "(-s 0000:01:)" vmd-nvme.umockdev "$TOKEN" -c "$CONF" -s 0000:01:
expect_jq '.candidates | length' 0 "-s 0000:01: leaves domain 10000 out"

mc vmd-nvme.umockdev --list -s 10000:01:00.2 -r -n -o DEVICE
expect_rc 0 "(--list -s)"
expect_stdout "$VF2"

finish
