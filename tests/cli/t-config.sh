# SPDX-License-Identifier: GPL-2.0-or-later
# The configuration file (mig-check(1) OPTIONS -c; mig-check.conf(5)): a named
# file must exist, a malformed one exits 2 naming file and line, the default
# one may be absent.
. "$TESTLIB"

VF1=0000:3b:00.1
STORE_A=tcp://192.0.2.10:4420/nqn.2014-08.org.example:vol1
DEC=$(mktoken "nvme@v=1,dev=1b36.0010,pf=1b36.0010,drv=nvme_vfio_pci")

mc nvme-src.umockdev --emit $VF1 -c "$FIXTURES/nvme-store-a.conf"
SRC=$(cat "$OUT")

# every_mode_refuses REGEX ARGS...: --list, --emit, --accept and --decode,
# each given ARGS, exit 2 with one diagnostic matching REGEX.
every_mode_refuses() {
	_re=$1; shift
	mc nvme-src.umockdev --list "$@"
	expect_trouble "$_re"
	mc nvme-src.umockdev --emit $VF1 "$@"
	expect_trouble "$_re"
	mc nvme-dst-same.umockdev --accept "$SRC" "$@"
	expect_trouble "$_re"
	mc_plain --decode "$DEC" "$@"
	expect_trouble "$_re"
}

# --- a named file that does not exist ------------------------------------------------
MISSING=$T/no-such-dir/mig-check.conf
every_mode_refuses "no-such-dir/mig-check\.conf" -c "$MISSING"
mc nvme-src.umockdev --list --config="$MISSING"
expect_trouble "no-such-dir/mig-check\.conf"
mc nvme-src.umockdev --list --config "$MISSING"
expect_trouble "no-such-dir/mig-check\.conf"

# A directory is no configuration file: it cannot be read as one.
mkdir "$T/conf.d"
mc nvme-src.umockdev --list -c "$T/conf.d"
expect_trouble "conf\.d"

# --- malformed: one line naming file and line ------------------------------------------
every_mode_refuses 'bad\.conf:3: ' -c "$FIXTURES/bad.conf"

# An unterminated section header on line 3.
printf '# comment\n\n[device 0000:3b:00.1\nnvme.store = x\n' >"$T/section.conf"
mc nvme-src.umockdev --list -c "$T/section.conf"
expect_trouble 'section\.conf:3: '
# The first malformed line is named.
printf '[global]\nmigration-drivers = nvme_vfio_pci\n\n; fine\nbroken line\nalso broken\n' >"$T/two.conf"
mc nvme-src.umockdev --list -c "$T/two.conf"
expect_trouble 'two\.conf:5: '

# --- strict: unknown sections and keys, device sections (mig-check.conf(5)) -------
# Each is refused in every mode, with one line naming file and line.
conf_err() {   # conf_err FILE-CONTENT EXPECTED-MESSAGE: --list, --emit, --accept, --decode
	printf "$1" >"$T/strict.conf"
	for _m in list emit accept decode; do
		case $_m in
		list) mc nvme-src.umockdev --list -c "$T/strict.conf" ;;
		emit) mc nvme-src.umockdev --emit $VF1 -c "$T/strict.conf" ;;
		accept) mc nvme-dst-same.umockdev --accept "$SRC" -c "$T/strict.conf" ;;
		decode) mc_plain --decode "$DEC" -c "$T/strict.conf" ;;
		esac
		expect_trouble "^mig-check: $T/strict\.conf:$2\$"
	done
}
# A typo of a key must not silently change verdicts.
conf_err '[global]\nmigration-driver = nvme_vfio_pci\n' \
	"2: unknown key 'migration-driver' in \\[global\\]"
conf_err '[global]\nmigration-drivers = nvme_vfio_pci\n\n[device 0000:3b:00.1]\nnvme.stor = tcp://192.0.2.10:4420/x\n' \
	"5: unknown key 'nvme.stor' in \\[device 0000:3b:00.1\\]"
# An unknown section, even without keys; its line is named.
conf_err '[global]\nmigration-drivers = nvme_vfio_pci\n\n[globl]\n' "4: unknown section \\[globl\\]"
conf_err '[devices 3b:00.1]\nnvme.store = x\n' "1: unknown section \\[devices 3b:00.1\\]"
conf_err 'migration-drivers = nvme_vfio_pci\n' "1: key 'migration-drivers' before any section"
# A device section names a device.
conf_err '[device]\n' "1: \\[device\\] names no device"
conf_err '[device 3b:00.8]\nnvme.store = x\n' \
	"1: \\[device 3b:00\\.8\\]: '3b:00\\.8' is not a PCI address, an mdev UUID or a sysfs path of either"
# The same device twice, in any two spellings: the second section is named.
conf_err '[device 3b:00.1]\nnvme.store = a\n\n[device 0000:3b:00.1]\nnvme.store = b\n' \
	"4: \\[device 0000:3b:00\\.1\\]: device 0000:3b:00\\.1 has a section already \\(line 1\\)"
conf_err '[device 0000:3B:00.1]\n[device /sys/bus/pci/devices/0000:3b:00.1]\n' \
	"2: \\[device /sys/bus/pci/devices/0000:3b:00\\.1\\]: device 0000:3b:00\\.1 has a section already \\(line 1\\)"
conf_err "[device $SRC_UUID]\n[device /sys/bus/mdev/devices/$(echo $SRC_UUID | tr a-f A-F)/]\n" \
	"2: \\[device /sys/bus/mdev/devices/[0-9A-F-]+/\\]: device $SRC_UUID has a section already \\(line 1\\)"
conf_err '[device 0000:3b:00.1]\n[global]\n[device 0000:3b:00.1]\n' \
	"3: \\[device 0000:3b:00\\.1\\]: device 0000:3b:00\\.1 has a section already \\(line 1\\)"
# [libvirt] require-token is a boolean, in every build (mig-check.conf(5),
# [libvirt]).
conf_err '[libvirt]\nrequire-token = maybe\n' "2: require-token: 'maybe' is not a boolean \\(yes or no\\)"
conf_err '[libvirt]\nrequire-token =\n' "2: require-token: '' is not a boolean \\(yes or no\\)"
conf_err '[libvirt]\nrequire-tokens = yes\n' "2: unknown key 'require-tokens' in \\[libvirt\\]"
# The first error of the file is named, a malformed line or an unknown key.
conf_err '[global]\nbroken line\n[foo]\n' "2: malformed configuration line"
conf_err '[foo]\nbroken line\n' "1: unknown section \\[foo\\]"
conf_err '[global]\nmigration-driver = x\nbroken line\n' "2: unknown key 'migration-driver' in \\[global\\]"

# Every DEVICE spelling names the same device section (mig-check(1)
# DESCRIPTION/Devices; mig-check.conf(5)).
for spelling in 3b:00.1 0000:3B:00.1 /sys/bus/pci/devices/0000:3b:00.1 \
	/sys/bus/pci/devices/0000:3b:00.1/ /sys/devices/pci0000:00/0000:00:1c.0/0000:3b:00.1; do
	printf '[global]\nmigration-drivers = nvme_vfio_pci\n[ device %s ]\nnvme.store = %s\n' \
		"$spelling" "$STORE_A" >"$T/spelling.conf"
	mc nvme-src.umockdev --emit -J $VF1 -c "$T/spelling.conf"
	expect_rc 0 "([device $spelling])"
	expect_jq '.records[0].fields.store' "$STORE_A" "[device $spelling] is $VF1's section"
done

# [libvirt] parses, with any boolean spelling, in every build.
for b in yes no YES No true false on off 1 0; do
	printf '[libvirt]\nrequire-token = %s\n' $b >"$T/libvirt.conf"
	mc nvme-src.umockdev --list -c "$T/libvirt.conf"
	expect_rc 0 "(require-token = $b)"
	expect_stderr_empty
done

# A wide PCI domain (Intel VMD, mig-check(1) DESCRIPTION/Devices) is a device
# section as soon as it is a DEVICE argument: both or neither.
printf '[device 10000:01:00.1]\nnvme.store = %s\n' "$STORE_A" >"$T/wide.conf"
mc vmd-nvme.umockdev --list 10000:01:00.1
arg_rc=$rc
mc vmd-nvme.umockdev --list -c "$T/wide.conf"
if [ "$arg_rc" = 0 ]; then
	expect_rc 0 "([device 10000:01:00.1], a DEVICE argument)"
else
	expect_trouble "wide\.conf:1: \[device 10000:01:00\.1\]: '10000:01:00\.1' is not a PCI address"
fi

# --- well-formed files -------------------------------------------------------------------
for f in nvme-store-a nvme-store-b nvme-nostore nvme-nodrivers; do
	mc nvme-src.umockdev --list -c "$FIXTURES/$f.conf" -J
	expect_rc 0 "($f.conf)"
	expect_stderr_empty
done
: >"$T/empty.conf"
mc nvme-src.umockdev --list -J -c "$T/empty.conf"
expect_rc 0 "(an empty file)"
expect_jq ".devices[] | select(.device == \"$VF1\") | .migratable" no "empty: no migration driver"

# The configuration is read: migration-drivers decides --list MIGRATABLE.
mc nvme-src.umockdev --list -J -c "$FIXTURES/nvme-nostore.conf"
expect_jq ".devices[] | select(.device == \"$VF1\") | .migratable" yes
# A list separated by commas and blanks.
printf '[global]\nmigration-drivers = acme_vfio,  nvme_vfio_pci other\n' >"$T/list.conf"
mc nvme-src.umockdev --list -J -c "$T/list.conf"
expect_rc 0 "(a list of drivers)"
expect_jq ".devices[] | select(.device == \"$VF1\") | .migratable" yes "nvme_vfio_pci in 'acme_vfio,  nvme_vfio_pci other'"
printf '[global]\nmigration-drivers = nvme_vfio_pcix\n' >"$T/prefix.conf"
mc nvme-src.umockdev --list -J -c "$T/prefix.conf"
expect_jq ".devices[] | select(.device == \"$VF1\") | .migratable" no "a driver name is matched whole"
# A key of another section is unknown there (mig-check.conf(5), SECTIONS).
printf '[device %s]\nmigration-drivers = nvme_vfio_pci\n' $VF1 >"$T/section-key.conf"
mc nvme-src.umockdev --list -J -c "$T/section-key.conf"
expect_trouble "section-key\.conf:2: unknown key 'migration-drivers' in \[device $VF1\]\$"
# nvme.store of the device's own section only.
mc nvme-src.umockdev --emit -J 0000:3b:00.2 -c "$FIXTURES/nvme-store-a.conf"
expect_rc 0
expect_jq '.records[0].fields | has("store")' false "the [device 0000:3b:00.1] store is not 0000:3b:00.2's"
mc nvme-src.umockdev --emit -J $VF1 -c "$FIXTURES/nvme-store-a.conf"
expect_jq '.records[0].fields.store' "$STORE_A"

# --- the default file may be absent --------------------------------------------------------
mc_plain --help
DEFAULT=$(sed -n 's/.*(default \(\/[^)]*\)).*/\1/p' "$OUT" | head -n1)
check "--help names the default configuration file" test -n "$DEFAULT"
if [ -n "$DEFAULT" ] && ! [ -e "$DEFAULT" ]; then
	mc nvme-src.umockdev --list -J
	expect_rc 0 "(no -c, $DEFAULT absent)"
	expect_stderr_empty
	expect_jq ".devices[] | select(.device == \"$VF1\") | .migratable" no "absent file = empty configuration"
	judge 1 "(no -c: no migration driver, unsupported)" nvme-dst-same.umockdev "$SRC"
	expect_jq '.verdict' unsupported
	mc_plain --decode "$DEC"
	expect_rc 0 "(--decode, no -c)"
else
	echo "# $DEFAULT exists: the absent-default checks are skipped"
fi

# --- a file that cannot be read -------------------------------------------------------------
if [ -z "$AS_NOBODY" ] || command -v setpriv >/dev/null 2>&1; then
	cp "$FIXTURES/nvme-store-a.conf" "$T/secret.conf"
	chmod 000 "$T/secret.conf"
	chmod 755 "$T"
	what="${AS_NOBODY:+unprivileged: }mig-check --decode <token> -c secret.conf (mode 000)"
	$AS_NOBODY "$MIG_CHECK" --decode "$DEC" -c "$T/secret.conf" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
	expect_trouble 'secret\.conf'
	chmod 600 "$T/secret.conf"
else
	echo "# root without setpriv: the unreadable-file check is skipped"
fi

finish
