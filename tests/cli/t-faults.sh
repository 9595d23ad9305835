# SPDX-License-Identifier: GPL-2.0-or-later
# Attributes that cannot be read or written, strange sysfs entries
# (mig-check(1) DESCRIPTION/Devices, KERNEL CHECK; mig-check-formats(5)
# TOKEN; mig-check.conf(5); tests/fixtures/README.md).  Snippets change the
# testbed before mig-check runs.
. "$TESTLIB"

TYPES='$UMOCKDEV_DIR/sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types'
V54=$(cand_type i915-GVTg_V5_4)
V58=$(cand_type i915-GVTg_V5_8)
ERRNO='Permission denied|Operation not permitted'

token_of gvt-src.umockdev $SRC_UUID

# --- destination: an unreadable description -----------------------------------------
judge_after 2 gvt-dst-free.umockdev "V5_4 description mode 000" '
	chmod 000 '"$TYPES"'/i915-GVTg_V5_4/description' "$TOKEN"
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
judge_after 2 gvt-dst-free.umockdev "V5_4 available_instances mode 000" '
	chmod 000 '"$TYPES"'/i915-GVTg_V5_4/available_instances' "$TOKEN"
expect_jq '.verdict' unknown
expect_jq "$V54 | .verdict" unknown
expect_jq "$V58 | .verdict" incompatible

judge_after 2 gvt-dst-free.umockdev "V5_4 available_instances 'lots'" '
	echo lots >'"$TYPES"'/i915-GVTg_V5_4/available_instances' "$TOKEN"
expect_jq "$V54 | .verdict" unknown

# longer than any count: not cut to a number that fits
judge_after 2 gvt-dst-free.umockdev "V5_4 available_instances of 40 digits" '
	printf "%040d\n" 1 >'"$TYPES"'/i915-GVTg_V5_4/available_instances' "$TOKEN"
expect_jq "$V54 | .verdict" unknown
expect_jq "$V58 | .verdict" incompatible

mc_sh gvt-dst-free.umockdev "--list, V5_4 available_instances mode 000" '
	chmod 000 '"$TYPES"'/i915-GVTg_V5_4/available_instances
	exec "$MIG_CHECK" --list -J' "$TOKEN"
expect_rc 2 "(a row that cannot be read is trouble)"
expect_stderr_oneline "^mig-check: 0000:00:02\.0 i915-GVTg_V5_4: cannot read available_instances: ($ERRNO)$"
expect_jq '[.devices[] | select(.type == "i915-GVTg_V5_4")][0] | [.available, .migratable] | @json' '[null,"unknown"]'
expect_jq '[.devices[] | select(.type == "i915-GVTg_V5_8")][0].available | tojson' 7

# --- destination: the GPU's types cannot be listed, an mdev's type cannot be read ---
# The GPU may offer a type that fits: unknown, never "no candidate".
mc_sh gvt-dst-free.umockdev "--accept as nobody, mdev_supported_types mode 000" '
	chmod -R a+rX "$UMOCKDEV_DIR"
	chmod 000 '"$TYPES"'
	exec $AS_NOBODY "$MIG_CHECK" --accept "$1" --no-kernel-check -J' "$TOKEN"
expect_rc 2
expect_jq '.verdict' unknown
expect_jq '[.candidates[] | .device + " " + .kind + " " + .verdict] | join(",")' "0000:00:02.0 parent unknown"
expect_jq "[.candidates[0].reasons[] | select(.rule | test(\"mdev_supported_types.*($ERRNO)\"))] | length" 1

mc_sh gvt-dst-free.umockdev "--list as nobody, mdev_supported_types mode 000" '
	chmod -R a+rX "$UMOCKDEV_DIR"
	chmod 000 '"$TYPES"'
	exec $AS_NOBODY "$MIG_CHECK" --list -J'
expect_rc 2 "(a row that cannot be read is trouble)"
expect_stderr_oneline "^mig-check: 0000:00:02\.0: cannot read mdev_supported_types: ($ERRNO)$"
expect_jq '[.devices[] | [.device, .kind, .module, .migratable] | join(" ")] | join(",")' \
	"0000:00:02.0 parent i915-gvt unknown" "the bare parent is listed"
expect_jq '.devices[0].why | test("^cannot read mdev_supported_types: ('"$ERRNO"')$")' true

mc_sh gvt-dst-identical.umockdev "--accept, the existing mdev has no mdev_type link" '
	rm "$UMOCKDEV_DIR"/sys/bus/mdev/devices/*/mdev_type
	exec "$MIG_CHECK" --accept "$1" --no-kernel-check -J' "$TOKEN"
expect_rc 0 "(a creatable type still fits)"
expect_jq '[.candidates[] | select(.kind == "mdev") | .verdict] | join(",")' unknown
expect_jq '[.candidates[] | select(.kind == "mdev") | .reasons[0].rule] | join(",")' \
	"cannot read mdev_type: No such file or directory"

# --- destination: a type without description (driver has no show_description) ----------
judge_after 2 gvt-dst-free.umockdev "V5_4 without description" '
	rm '"$TYPES"'/i915-GVTg_V5_4/description' "$TOKEN"
expect_jq "$V54 | .verdict" unknown
expect_jq "$V58 | .verdict" incompatible

# --- destination: the kernel check is denied (unprivileged user) ------------------
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
judge 2 "(token without resources)" gvt-dst-free.umockdev "$NODESC"
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

# A configuration file the user cannot read names the file and the errno.
if [ -n "$AS_NOBODY" ]; then
	cp "$T/good.conf" "$T/secret.conf"
	chmod 000 "$T/secret.conf"
	chmod a+rx "$T"
	mc_sh gvt-dst-free.umockdev "--accept as nobody, -c a file mode 000" '
		chmod -R a+rX "$UMOCKDEV_DIR"
		exec $AS_NOBODY "$MIG_CHECK" --accept "$1" -c "$2"' "$TOKEN" "$T/secret.conf"
	expect_trouble "secret\.conf: Permission denied"
fi

# A line longer than inih's own buffer (200 bytes): an NVMe qualified name
# alone may be 223 bytes.  It is read whole (inih reads the rest of such a
# line as a line of its own, were it not raised).
NQN="nqn.2014-08.org.example:$(awk 'BEGIN { for (i = 0; i < 220; i++) printf "v" }')"
printf '[global]\nmigration-drivers = nvme_vfio_pci\n\n[device 0000:3b:00.1]\nnvme.store = tcp://192.0.2.10:4420/%s\n' \
	"$NQN" >"$T/long.conf"
mc nvme-src.umockdev --emit 0000:3b:00.1 -c "$T/long.conf"
expect_rc 0 "--emit, -c with a 261-byte line"
mc_plain --decode "$(cat "$OUT")" -J
expect_jq '.records[0].fields.store' "tcp://192.0.2.10:4420/$NQN"

# Longer than any line read whole: refused, naming the line.
{
	printf '[global]\nmigration-drivers = nvme_vfio_pci\n[device 0000:3b:00.1]\nnvme.store = '
	awk 'BEGIN { for (i = 0; i < 5000; i++) printf "v"; print "" }'
} >"$T/huge.conf"
mc nvme-src.umockdev --emit 0000:3b:00.1 -c "$T/huge.conf"
expect_trouble "huge\.conf:4: line too long: over [0-9]+ bytes"

# An indented line is a line of its own, never the continuation of the value
# above it (inih's multi-line values would make the last piece the value).
printf '[global]\nmigration-drivers = nvme_vfio_pci\n[device 0000:3b:00.1]\n  nvme.store = tcp://192.0.2.10:4420/nqn.2014-08.org.example:a\n\tnvme.store = tcp://192.0.2.10:4420/nqn.2014-08.org.example:b\n' \
	>"$T/indent.conf"
mc nvme-src.umockdev --emit 0000:3b:00.1 -c "$T/indent.conf"
expect_rc 0 "--emit, -c with indented keys"
mc_plain --decode "$(cat "$OUT")" -J
expect_jq '.records[0].fields.store' "tcp://192.0.2.10:4420/nqn.2014-08.org.example:b" \
	"the later key wins, as without indentation"
printf '[global]\nmigration-drivers = nvme_vfio_pci\n[device 0000:3b:00.1]\nnvme.store = tcp://192.0.2.10:4420/nqn.2014-08.org.example:a\n   more-of-the-name\n' \
	>"$T/cont.conf"
mc nvme-src.umockdev --emit 0000:3b:00.1 -c "$T/cont.conf"
expect_trouble "cont\.conf:5: malformed configuration line"

printf '[global]\nmigration-drivers = nvme_vfio_pci\n[device 0000:3b:00.1]\n: tcp://192.0.2.10:4420/nqn.2014-08.org.example:a\n' \
	>"$T/nokey.conf"
mc nvme-src.umockdev --emit 0000:3b:00.1 -c "$T/nokey.conf"
expect_trouble "nokey\.conf:4: malformed configuration line"

printf '[global]\nmigration-drivers = nvme_vfio_pci\000x\n' >"$T/nul.conf"
mc nvme-src.umockdev --emit 0000:3b:00.1 -c "$T/nul.conf"
expect_trouble "nul\.conf:2: a NUL byte in the line"

# --- attributes that are directories (EISDIR) or fail with EIO ---------------------------
judge_after 2 gvt-dst-free.umockdev "V5_4 description is a directory" '
	rm '"$TYPES"'/i915-GVTg_V5_4/description
	mkdir '"$TYPES"'/i915-GVTg_V5_4/description' "$TOKEN"
expect_jq "$V54 | .verdict" unknown
expect_jq "$V54 | [.reasons[] | select(.rule | test(\"Is a directory\"))] | length > 0" true \
	"a V5_4 reason gives the errno text"
expect_jq "$V58 | .verdict" incompatible "the scan goes on"

judge_after 2 gvt-dst-free.umockdev "V5_4 available_instances is a directory" '
	rm '"$TYPES"'/i915-GVTg_V5_4/available_instances
	mkdir '"$TYPES"'/i915-GVTg_V5_4/available_instances' "$TOKEN"
expect_jq "$V54 | .verdict" unknown
expect_jq "$V54 | [.reasons[] | select(.rule | test(\"Is a directory\"))] | length > 0" true

# The kernel check: an attribute that cannot be opened for writing (EISDIR)
# is an error (unknown); a write the "kernel" fails with EIO is a refusal.
judge_after 2 gvt-dst-free.umockdev "V5_4 migration_version is a directory" '
	rm '"$TYPES"'/i915-GVTg_V5_4/migration_version
	mkdir '"$TYPES"'/i915-GVTg_V5_4/migration_version' "$TOKEN"
expect_jq "$V54 | [.verdict, .kernel_check] | join(\",\")" unknown,error
expect_jq "$V54 | [.reasons[] | select(.category == \"kernel\" and (.rule | test(\"Is a directory\")))] | length" 1

judge_after 1 gvt-dst-free.umockdev "V5_4 migration_version fails with EIO" '
	rm '"$TYPES"'/i915-GVTg_V5_4/migration_version
	ln -s /proc/self/mem '"$TYPES"'/i915-GVTg_V5_4/migration_version' "$TOKEN"
expect_jq "$V54 | [.verdict, .kernel_check] | join(\",\")" incompatible,failed
expect_jq "$V54 | [.reasons[] | select(.category == \"kernel\" and (.rule | test(\"Input/output error\")))] | length" 1

mc_sh gvt-src.umockdev "--emit, type description is a directory" '
	rm '"$TYPES"'/i915-GVTg_V5_4/description
	mkdir '"$TYPES"'/i915-GVTg_V5_4/description
	exec "$MIG_CHECK" --emit "$1"' $SRC_UUID
expect_trouble "description: Is a directory"
mc_sh gvt-src.umockdev "--emit, mdev migration_version is a directory" '
	rm "$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	mkdir "$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	exec "$MIG_CHECK" --emit "$1"' $SRC_UUID
expect_trouble "migration_version: Is a directory"
mc_sh gvt-src.umockdev "--emit, mdev migration_version fails with EIO" '
	rm "$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	ln -s /proc/self/mem "$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	exec "$MIG_CHECK" --emit "$1"' $SRC_UUID
expect_trouble "migration_version: Input/output error"

# --- QAT and NVMe: a PF attribute that cannot be read ------------------------------------
GTOKEN=$TOKEN
QPF='$UMOCKDEV_DIR/sys/devices/pci0000:6b/0000:6b:00.0'
NPF='$UMOCKDEV_DIR/sys/devices/pci0000:00/0000:00:1c.0/0000:3b:00.0'
token_of qat-src.umockdev 0000:6b:00.1
QTOKEN=$TOKEN
token_of nvme-src.umockdev 0000:3b:00.1 -c "$FIXTURES/nvme-store-a.conf"
NTOKEN=$TOKEN
Q1=$(cand_dev 0000:6b:00.1)
N1=$(cand_dev 0000:3b:00.1)

judge_after 2 qat-dst-same.umockdev "PF qat/cfg_services mode 000" '
	chmod 000 '"$QPF"'/qat/cfg_services' "$QTOKEN"
expect_jq '.verdict' unknown
expect_jq "$Q1 | .verdict" unknown
expect_jq "$Q1 | [.reasons[] | select(.rule | test(\"cfg_services.*($ERRNO)\"))] | length" 1
judge_after 2 qat-dst-same.umockdev "PF qat/state is a directory" '
	rm '"$QPF"'/qat/state
	mkdir '"$QPF"'/qat/state' "$QTOKEN"
expect_jq "$Q1 | .verdict" unknown
expect_jq "$Q1 | [.reasons[] | select(.rule | test(\"state.*Is a directory\"))] | length" 1
mc_sh qat-src.umockdev "--emit, PF qat/cfg_services mode 000" '
	chmod 000 '"$QPF"'/qat/cfg_services
	exec "$MIG_CHECK" --emit 0000:6b:00.1'
expect_trouble "cfg_services: ($ERRNO)"

mc_sh nvme-dst-same.umockdev "--accept, PF controller model is a directory" '
	rm '"$NPF"'/nvme/nvme0/model
	mkdir '"$NPF"'/nvme/nvme0/model
	exec "$MIG_CHECK" --accept "$1" -J -c "$2"' "$NTOKEN" "$FIXTURES/nvme-store-a.conf"
expect_rc 2
expect_jq "$N1 | .verdict" unknown
expect_jq "$N1 | [.reasons[] | select(.rule | test(\"model: Is a directory\"))] | length" 1
mc_sh nvme-src.umockdev "--emit, PF controller firmware_rev mode 000" '
	chmod 000 '"$NPF"'/nvme/nvme0/firmware_rev
	exec "$MIG_CHECK" --emit 0000:3b:00.1 -c "$1"' "$FIXTURES/nvme-store-a.conf"
expect_trouble "firmware_rev: ($ERRNO)"

# --- strange entries under /sys/bus/pci/devices, with -s, -d and --list --------------------
# Names libpci would choke on if it scanned: not an address, an address with
# bad hex, function 9, a dangling link, a device with garbage IDs.  libpci is
# never asked to scan, so none of this is an exit 1 (its default handler's).
STRANGE='
	D=$UMOCKDEV_DIR/sys/devices/pci0000:00
	B=$UMOCKDEV_DIR/sys/bus/pci/devices
	for n in foo 0000:zz:00.0 0000:00:1f.9 0000:00:05.0; do
		mkdir -p "$D/$n"
		echo garbage >"$D/$n/vendor"
		echo 0xzzzz >"$D/$n/device"
		printf "PCI_ID=zzzz:1\nPCI_CLASS=nope\n" >"$D/$n/uevent"
		ln -s "../../../devices/pci0000:00/$n" "$B/$n"
	done
	ln -s ../../../devices/pci0000:00/0000:00:06.0 "$B/0000:00:06.0"
	exec "$MIG_CHECK" "$@"'
for args in "--list" "--list -J" "--list -s 00:02.0" "--list -d 8086:" \
	"--list -s 0000:00:02.0 -d 8086:591d" "--list 0000:00:02.0" "--list -s 05.0" "--list -d ::0600"; do
	# shellcheck disable=SC2086
	mc_sh gvt-dst-free.umockdev "strange entries, $args" "$STRANGE" $args
	expect_rc 0
	expect_stderr_empty
	case $args in
	*05.0|*0600) expect_stdout_lacks 0000:00:02.0 ;;
	*) expect_stdout_contains 0000:00:02.0 ;;
	esac
done
for args in "-s 00:02.0" "-d 8086:591d" "-d 8086:" "-s 00:05.0" "-d 1234:5678" "0000:00:02.0"; do
	# shellcheck disable=SC2086
	mc_sh gvt-dst-free.umockdev "strange entries, --accept $args" "$STRANGE" --accept "$GTOKEN" -J $args
	case $args in
	"-s 00:05.0"|"-d 1234:5678")
		expect_rc 1 "(no candidate passes the filter)"
		expect_jq '.candidates | length' 0 ;;
	*)
		expect_rc 0
		expect_jq '.verdict' actionable ;;
	esac
done
# Filters libpci cannot parse: its reason, exit 2.
mc_sh gvt-dst-free.umockdev "strange entries, --accept -s zz:zz:zz" "$STRANGE" --accept "$GTOKEN" -s zz:zz:zz
expect_trouble "-s zz:zz:zz"
mc_sh gvt-dst-free.umockdev "strange entries, --list -d 8086:591d:x:y" "$STRANGE" --list -d 8086:591d:x:y
expect_trouble "-d 8086:591d:x:y"

# --- migration_version length: a token value carries at most 1024 bytes ------------------
# (The kernel would take up to PATH_MAX; a token cannot carry that.)
KVER_SET='printf "%s\n" "$2" >"$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	exec "$MIG_CHECK" --emit "$1"'
K1024=$(awk 'BEGIN { for (i = 0; i < 1024; i++) printf "k" }')
mc_sh gvt-src.umockdev "--emit, a 1024-byte migration_version" "$KVER_SET" $SRC_UUID "$K1024"
expect_rc 0
KTOKEN=$(cat "$OUT")
mc_plain --decode "$KTOKEN" -J
expect_jq '.records[0].fields.kver | length' 1024
mc_sh gvt-src.umockdev "--emit, a 1025-byte migration_version" "$KVER_SET" $SRC_UUID "${K1024}k"
expect_trouble "migration_version: longer than a token can carry \(1024 bytes\)"
# 1024 bytes that all need escaping: 3072 bytes of token, still one line.
K1024S=$(awk 'BEGIN { for (i = 0; i < 1024; i++) printf " " }')
mc_sh gvt-src.umockdev "--emit, 1024 blanks of migration_version" "$KVER_SET" $SRC_UUID "$K1024S"
expect_rc 0
expect_stdout_lines 1
mc_plain --decode "$(cat "$OUT")" -J
expect_jq '.records[0].fields.kver == "'"$K1024S"'"' true "the 1024 blanks come back"
# Two of them do not fit in 4096 bytes: a clear line, no token.
mc_sh gvt-src-multi.umockdev "--emit of two mdevs with 1024 blanks of migration_version each" '
	for u in "$1" "$2"; do
		printf "%s\n" "$3" >"$UMOCKDEV_DIR/sys/bus/mdev/devices/$u/migration_version"
	done
	exec "$MIG_CHECK" --emit "$1" "$2"' \
	83b8f4f2-509f-382f-3c1e-e6bfe0fa1001 83b8f4f2-509f-382f-3c1e-e6bfe0fa1002 "$K1024S"
expect_trouble "token.*longer than 4096 bytes"

# --accept writes the 1024 bytes, whole, in one write().
mc_sh gvt-dst-free.umockdev "--accept, a 1024-byte kver" '
	"$MIG_CHECK" --accept "$1" -J
	status=$?
	cat '"$TYPES"'/i915-GVTg_V5_4/migration_version >"$2"
	exit $status' "$KTOKEN" "$T/written"
expect_rc 0
expect_jq "$V54 | .kernel_check" passed
compare "the attribute holds the 1024 bytes" "$K1024" "$(cat "$T/written")"
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	mc_sh gvt-dst-free.umockdev "--accept, a 1024-byte kver (traced)" '
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=write -e signal=none -o "$2" "$MIG_CHECK" --accept "$1" -q' \
		"$KTOKEN" "$T/trace"
	expect_rc 0
	compare "one write() of 1024 bytes" 1 "$(grep -c 'write([0-9]*, "kkkk.*, 1024) = 1024' "$T/trace")"
fi

finish
