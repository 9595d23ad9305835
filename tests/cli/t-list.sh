# SPDX-License-Identifier: GPL-2.0-or-later
# --list: which rows, in which order, restricted how (mig-check(1) OPTIONS;
# mig-check-formats(5) JSON OUTPUT/--list).
. "$TESTLIB"

COLS=DEVICE,KIND,ID,DRIVER,PARENT,TYPE,AVAILABLE,MODULE,MIGRATABLE,WHY

# --- every row, in the order of mig-check(1) --list: mdevs, parents' types, PFs and VFs ---
mc mixed-src.umockdev --list -r -o $COLS
expect_rc 0
expect_stderr_empty
expect_stdout "DEVICE KIND ID DRIVER PARENT TYPE AVAILABLE MODULE MIGRATABLE WHY
$SRC_UUID mdev 8086:591d intel_vgpu_mdev 0000:00:02.0 i915-GVTg_V5_4  i915-gvt yes 
0000:00:02.0 parent 8086:591d i915  i915-GVTg_V5_1 1 i915-gvt yes 
0000:00:02.0 parent 8086:591d i915  i915-GVTg_V5_2 2 i915-gvt yes 
0000:00:02.0 parent 8086:591d i915  i915-GVTg_V5_4 4 i915-gvt yes 
0000:00:02.0 parent 8086:591d i915  i915-GVTg_V5_8 5 i915-gvt yes 
0000:6b:00.0 pf 8086:4940 4xxx    qat no a\\x20PF\\x20is\\x20not\\x20assigned\\x20to\\x20a\\x20VM;\\x20its\\x20VFs\\x20are
0000:6b:00.1 vf 8086:4941 qat_vfio_pci 0000:6b:00.0   qat yes 
0000:6b:00.2 vf 8086:4941 vfio-pci 0000:6b:00.0   qat no not\\x20bound\\x20to\\x20qat_vfio_pci"

# The same rows as JSON, in the same order, every column a key.
mc mixed-src.umockdev --list -J
expect_rc 0
expect_jq '[.devices[] | .device + "/" + .kind + "/" + (.type // "")] | join(" ")' \
	"$SRC_UUID/mdev/i915-GVTg_V5_4 0000:00:02.0/parent/i915-GVTg_V5_1 0000:00:02.0/parent/i915-GVTg_V5_2 0000:00:02.0/parent/i915-GVTg_V5_4 0000:00:02.0/parent/i915-GVTg_V5_8 0000:6b:00.0/pf/ 0000:6b:00.1/vf/ 0000:6b:00.2/vf/" \
	"rows in the documented order"
expect_jq '[.devices[] | keys | join(",")] | unique | join(" ")' \
	"available,device,driver,id,kind,migratable,module,name,parent,type,why"
expect_jq '.devices[1].name' "Intel Corporation HD Graphics P630" "NAME from the PCI ID database"
expect_jq '[.devices[] | select(.kind == "parent") | .available] | tojson' "[1,2,4,5]" \
	"available: JSON numbers"
expect_jq '[.devices[] | select(.kind != "parent") | .available] | unique | tojson' "[null]" \
	"available: null where there is none"
expect_jq '.devices[5].why' "a PF is not assigned to a VM; its VFs are"

# The table's NAME column, from the PCI ID database.
mc mixed-src.umockdev --list -o DEVICE,NAME -n 0000:6b:00.0
expect_rc 0
expect_stdout_line '0000:6b:00\.0 +Intel Corporation .*QAT.*'

# Several mdevs on one parent: mdevs by path, then the parent's types by name.
MULTI_ROWS="83b8f4f2-509f-382f-3c1e-e6bfe0fa1001 mdev i915-GVTg_V5_4
83b8f4f2-509f-382f-3c1e-e6bfe0fa1002 mdev i915-GVTg_V5_4
83b8f4f2-509f-382f-3c1e-e6bfe0fa1003 mdev i915-GVTg_V5_8
0000:00:02.0 parent i915-GVTg_V5_1
0000:00:02.0 parent i915-GVTg_V5_2
0000:00:02.0 parent i915-GVTg_V5_4
0000:00:02.0 parent i915-GVTg_V5_8"
mc gvt-src-multi.umockdev --list -r -n -o DEVICE,KIND,TYPE
expect_rc 0
expect_stdout "$MULTI_ROWS"

# --- DEVICE arguments restrict the rows ----------------------------------------
mc gvt-src-multi.umockdev --list -r -n -o DEVICE,KIND,TYPE 0000:00:02.0
expect_rc 0
expect_stdout "$MULTI_ROWS" "a parent: its types and its mdevs"

mc gvt-src-multi.umockdev --list -r -n -o DEVICE,KIND,TYPE 83b8f4f2-509f-382f-3c1e-e6bfe0fa1003
expect_rc 0
expect_stdout "83b8f4f2-509f-382f-3c1e-e6bfe0fa1003 mdev i915-GVTg_V5_8"

mc gvt-src-multi.umockdev --list -r -n -o DEVICE /sys/bus/mdev/devices/83B8F4F2-509F-382F-3C1E-E6BFE0FA1002/
expect_rc 0
expect_stdout "83b8f4f2-509f-382f-3c1e-e6bfe0fa1002" "a sysfs path, upper case, trailing slash"

mc mixed-src.umockdev --list -r -n -o DEVICE,KIND 6b:00.2 0000:6b:00.0
expect_rc 0
expect_stdout "0000:6b:00.0 pf
0000:6b:00.2 vf" "short and full addresses; rows in list order, not argument order"

mc mixed-src.umockdev --list -J 0000:6b:00.1
expect_rc 0
expect_jq '[.devices[].device] | join(" ")' 0000:6b:00.1

# -s and -d restrict as lspci's do.
mc mixed-src.umockdev --list -r -n -o DEVICE,KIND -d 8086:4941
expect_rc 0
expect_stdout "0000:6b:00.1 vf
0000:6b:00.2 vf"
mc mixed-src.umockdev --list -r -n -o DEVICE,KIND,TYPE -s 00:02.0 -d ::0300
expect_rc 0
expect_stdout "$SRC_UUID mdev i915-GVTg_V5_4
0000:00:02.0 parent i915-GVTg_V5_1
0000:00:02.0 parent i915-GVTg_V5_2
0000:00:02.0 parent i915-GVTg_V5_4
0000:00:02.0 parent i915-GVTg_V5_8"
mc mixed-src.umockdev --list -d 1af4:
expect_rc 0
expect_stdout_empty "no row, and no header (as libsmartcols prints an empty table)"

# --- DEVICE arguments that name no row: one line, status 2, no output -------------
mc nvme-src.umockdev --list -J 0000:99:00.0
expect_trouble "^mig-check: 0000:99:00\.0: no such device$"
mc nvme-src.umockdev --list 00:1c.0
expect_trouble "^mig-check: 00:1c\.0: not a device that matters for migration$"
# DEVICE first, then -s and -d, as --accept does (mig-check(1) OPTIONS): a
# DEVICE that -s filters out named a row; -s left nothing, which is no trouble.
mc mixed-src.umockdev --list 6b:00.1 -s 00:02.0
expect_rc 0 "(DEVICE, then -s that leaves nothing)"
expect_stdout_empty
expect_stderr_empty
mc nvme-src.umockdev --list 0000:3b:00.1 junk
expect_trouble "^mig-check: junk: not a PCI address, mdev UUID or sysfs path of one$"
mc gvt-src.umockdev --list 83b8f4f2-509f-382f-3c1e-e6bfe0fa1009
expect_trouble "^mig-check: 83b8f4f2-509f-382f-3c1e-e6bfe0fa1009: no such device$"

# -q: nothing printed, every row's strings freed (tests/valgrind.sh runs this).
mc gvt-dst-free.umockdev --list -q -o +WHY
expect_rc 0 "(-q)"
expect_stdout_empty
expect_stderr_empty

# --- a migration driver no built-in module judges (mig-check(1) OPTIONS --list) ---
MLX_WHY="bound to mlx5_vfio_pci, a migration driver no built-in module judges"
mc mlx5-vfio.umockdev --list -r -n -o DEVICE,KIND,DRIVER,MODULE,MIGRATABLE,WHY
expect_rc 0 "(unknown is no trouble)"
expect_stderr_empty
expect_stdout "0000:17:00.0 pf mlx5_core  no a\x20PF\x20is\x20not\x20assigned\x20to\x20a\x20VM;\x20its\x20VFs\x20are
0000:17:00.1 vf mlx5_vfio_pci  unknown bound\x20to\x20mlx5_vfio_pci,\x20a\x20migration\x20driver\x20no\x20built-in\x20module\x20judges
0000:17:00.2 vf mlx5_vfio_pci  unknown bound\x20to\x20mlx5_vfio_pci,\x20a\x20migration\x20driver\x20no\x20built-in\x20module\x20judges"
mc mlx5-vfio.umockdev --list -J 17:00.1
expect_rc 0 "(-J)"
expect_jq '.devices[0] | [.migratable, .why, .module] | tojson' "[\"unknown\",\"$MLX_WHY\",null]"
# Found by its driver, not only as an SR-IOV function.
mc_sh mlx5-vfio.umockdev "--list of a function on mlx5_vfio_pci that is no VF" '
	rm "$UMOCKDEV_DIR/sys/bus/pci/devices/0000:17:00.2/physfn"
	exec "$MIG_CHECK" --list -J 0000:17:00.2'
expect_rc 0
expect_jq '.devices[0] | [.kind, .migratable] | join(",")' "pci,unknown"
mc mlx5-vfio.umockdev --emit 0000:17:00.1
expect_trouble "^mig-check: 0000:17:00\.1: no built-in module judges devices on mlx5_vfio_pci, the migration driver it is bound to$"

# --- a host with nothing to list --------------------------------------------------
mc_sh gvt-src.umockdev "--list on a host without PCI or mdev bus" '
	rm -rf "$UMOCKDEV_DIR/sys/bus/pci" "$UMOCKDEV_DIR/sys/bus/mdev"
	exec "$MIG_CHECK" --list -J'
expect_rc 0
expect_jq '.devices | length' 0
expect_stderr_empty

finish
