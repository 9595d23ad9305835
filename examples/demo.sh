#!/bin/sh
# The main job on the bundled sample pair of hosts: for each of three VMs (a
# GVT-g vGPU, a QAT VF, an NVMe VF) the source host emits the token for the
# VM's device and the destination host judges its candidates for it.
# Usage: demo.sh MIG_CHECK EXAMPLES_DIR
set -eu
mig_check=$1
dir=$2
status=0

on() {
	host=$1
	shift
	umockdev-run -d "$dir/$host-host.umockdev" -- "$mig_check" -c "$dir/mig-check.conf" "$@"
}

vm() {
	echo "== $1"
	echo "source\$ mig-check --emit $2"
	token=$(on source --emit "$2")
	echo "$token"
	echo "destination\$ mig-check --accept \"\$TOKEN\""
	rc=0
	on destination --accept "$token" || rc=$?
	echo "(exit status $rc)"
	echo
	[ "$rc" -eq 0 ] || status=$rc
}

vm "a VM with a GVT-g vGPU" 83b8f4f2-509f-382f-3c1e-e6bfe0fa1001
vm "a VM with a QAT VF" 0000:6b:00.1
vm "a VM with an NVMe VF" 0000:3b:00.1
exit "$status"
