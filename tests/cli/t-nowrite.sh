# SPDX-License-Identifier: GPL-2.0-or-later
# What mig-check writes (mig-check(1) KERNEL CHECK and SECURITY): --accept
# opens for writing nothing but the migration_version attributes of the
# candidates it checks with the kernel, one write() each; --accept
# --no-kernel-check, --emit, --decode and --list open nothing for writing and
# change no file. Traced with strace under the testbed: the umockdev preload
# rewrites /sys paths before the system call, so traced paths lie under
# $UMOCKDEV_DIR and are matched on their suffix.  Then: printed actions are
# quoted for the shell, whatever the configuration or the token holds.
. "$TESTLIB"

# Every system call that creates, changes or removes a file, and the opens
# (whose flags tell a write); write and close to count the writes per file.
SYSCALLS=open,openat,openat2,creat,truncate,ftruncate,unlink,unlinkat,rename,renameat,renameat2
SYSCALLS=$SYSCALLS,mkdir,mkdirat,rmdir,link,linkat,symlink,symlinkat,mknod,mknodat
SYSCALLS=$SYSCALLS,chmod,fchmod,fchmodat,chown,fchown,fchownat,lchown,utimensat,write,close

have_strace=no
if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
	have_strace=yes
fi
# LeakSanitizer stops the world with ptrace, which it cannot under strace.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

# The writes of a trace, one line each: "open PATH", "write PATH" (a write()
# to a file opened for writing), or "CALL ARGS" for any call that changes
# the file system.  Opens for reading and the writes to stdout/stderr are
# not listed, nor the files valgrind makes for itself when MIG_CHECK runs
# under it (tests/valgrind.sh): $TMPDIR/valgrind_proc_<pid>_cmdline_...
writes_of() {
	awk '
	{ sub(/^[0-9]+ +/, "") }
	/"[^"]*\/valgrind_proc_[0-9]+_(cmdline|auxv|exe)_[0-9a-f]+"/ { next }
	/^(open|openat|openat2|creat)\(/ {
		if ($0 !~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/ && $1 !~ /^creat/)
			next
		path = $0; sub(/^[^"]*"/, "", path); sub(/".*/, "", path)
		print "open " path
		if (match($0, /\) = [0-9]+/)) {
			fd = substr($0, RSTART + 4, RLENGTH - 4); file[fd] = path
		}
		next
	}
	/^write\(/ {
		fd = $0; sub(/^write\(/, "", fd); sub(/,.*/, "", fd)
		if (fd in file) print "write " file[fd]
		next
	}
	/^close\(/ {
		fd = $0; sub(/^close\(/, "", fd); sub(/\).*/, "", fd); delete file[fd]
		next
	}
	/^(truncate|ftruncate|unlink|unlinkat|rename|renameat|renameat2|mkdir|mkdirat|rmdir|link|linkat|symlink|symlinkat|mknod|mknodat|chmod|fchmod|fchmodat|chown|fchown|fchownat|lchown|utimensat)\(/ {
		print
	}' "$1"
}

# traced FIXTURE ARGS...: mig-check under strace in the testbed FIXTURE
# ("-" for none); the writes go to $T/writes.
traced() {
	_fx=$1; shift
	if [ "$_fx" = - ]; then what="mig-check $(_label "$@") (traced)"
	else what="$_fx: mig-check $(_label "$@") (traced)"; fi
	rm -f "$T/trace"
	if [ "$_fx" = - ]; then
		strace -f -qq -s 256 -e trace=$SYSCALLS -o "$T/trace" \
			"$MIG_CHECK" "$@" >"$OUT" 2>"$ERR" <"$T/stdin"
	else
		urun "$FIXTURES/$_fx" strace -f -qq -s 256 -e trace=$SYSCALLS \
			-o "$T/trace" "$MIG_CHECK" "$@" >"$OUT" 2>"$ERR" <"$T/stdin"
	fi
	rc=$?
	if [ -s "$T/trace" ]; then
		writes_of "$T/trace" >"$T/writes"
	else
		echo "no trace" >"$T/writes"
	fi
}

expect_no_writes() {
	if [ -s "$T/writes" ]; then
		fail "writes nothing" "no write" "$(head -n 3 "$T/writes" | tr '\n' ';')"
	else
		pass "writes nothing"
	fi
}

# expect_writes N: N migration_version attributes opened for writing, each
# written once, and nothing else.
expect_writes() {
	_opens=$(grep -c '^open ' "$T/writes")
	_other=$(grep -v -E '^(open|write) .*/migration_version$' "$T/writes" | head -n 1)
	_dups=$(sort "$T/writes" | uniq -d | head -n 1)
	if [ -n "$_other" ]; then
		fail "writes only migration_version attributes" "migration_version" "$_other"
	elif [ "$_opens" != "$1" ]; then
		fail "opens $1 migration_version attributes for writing" "$1" "$_opens"
	elif [ "$(grep -c '^write ' "$T/writes")" != "$1" ] || [ -n "$_dups" ]; then
		fail "one write() to each" "$1 writes, one per file" "$(tr '\n' ';' <"$T/writes")"
	else
		pass "writes $1 migration_version attribute(s), one write() each"
	fi
}

# The attributes written are those of the candidates whose kernel_check ran
# (passed, failed or error): an mdev's own, or a creatable type's.
expect_written_are_checked() {
	_want=$(jq -r '.candidates[] | select(.kernel_check == "passed" or .kernel_check == "failed"
		or .kernel_check == "error") | if .kind == "parent" then
		"/mdev_supported_types/\(.type)/migration_version" else "/\(.device)/migration_version" end' \
		<"$OUT" | sort)
	_got=$(sed -n 's/^open //p' "$T/writes" | while read -r _p; do
		case $_p in
		*/mdev_supported_types/*) printf '/mdev_supported_types/%s\n' "${_p#*/mdev_supported_types/}" ;;
		*) printf '/%s\n' "$(basename "$(dirname "$_p")")/migration_version" ;;
		esac
	done | sort)
	compare "the attributes written are the checked candidates'" "$_want" "$_got"
}

: >"$T/stdin"
token_of gvt-src.umockdev $SRC_UUID
GVT=$TOKEN
token_of qat-src.umockdev 0000:6b:00.1
QAT=$TOKEN
token_of nvme-src.umockdev 0000:3b:00.1 -c "$FIXTURES/nvme-store-a.conf"
NVME=$TOKEN
token_of mixed-src.umockdev $SRC_UUID 0000:6b:00.1
MIXED=$TOKEN

if [ "$have_strace" = no ]; then
	what="write traces"
	skip_check "no writes" "strace is missing or cannot trace here"
else

	# --- --accept writes the checked candidates' migration_version, once each -------
	traced gvt-dst-free.umockdev --accept "$GVT" -J
	expect_rc 0
	expect_writes 1
	expect_written_are_checked
	expect_stdout_contains '"kernel_check": "passed"'

	traced gvt-dst-identical.umockdev --accept "$GVT" -J
	expect_rc 0
	expect_writes 2
	expect_written_are_checked

	traced gvt-dst-kfail.umockdev --accept "$GVT" -J
	expect_rc 1
	expect_writes 1
	expect_written_are_checked
	expect_jq "$(cand_type i915-GVTg_V5_4) | .kernel_check" failed

	traced mixed-dst.umockdev --accept "$MIXED" -J
	expect_rc 0
	expect_writes 1
	expect_written_are_checked

	traced gvt-dst-free.umockdev --accept "$GVT" -r -v --ready
	expect_rc 1 "(--ready: actionable only)"
	expect_writes 1

	# Candidates that fail a rule first are not checked with the kernel.
	traced gvt-dst-cfl.umockdev --accept "$GVT" -J
	expect_rc 1
	expect_no_writes
	traced gvt-dst-upstream.umockdev --accept "$GVT" -J
	expect_rc 1
	expect_no_writes

	# No migration_version on the SR-IOV hosts: nothing to write.
	traced qat-dst-same.umockdev --accept "$QAT" -J
	expect_rc 0
	expect_no_writes
	traced nvme-dst-same.umockdev --accept "$NVME" -J -c "$FIXTURES/nvme-store-a.conf"
	expect_rc 0
	expect_no_writes

	# Standard input, and a refused token.
	printf '%s\n' "$GVT" >"$T/stdin"
	traced gvt-dst-free.umockdev --accept - -J
	expect_rc 0
	expect_writes 1
	: >"$T/stdin"
	traced gvt-dst-free.umockdev --accept "${GVT%?}x"
	expect_rc 2
	expect_no_writes
	traced gvt-dst-free.umockdev --accept "$(mktoken "foo@v=1")"
	expect_rc 2
	expect_no_writes

	# Unprivileged: the write is refused (EACCES), the candidate is unknown,
	# and nothing else is tried.
	if [ -n "$AS_NOBODY" ]; then
		rm -f "$T/trace"
		mc_sh gvt-dst-free.umockdev "--accept as nobody (traced)" '
			chmod -R a+rX "$UMOCKDEV_DIR"
			chmod 0444 "$UMOCKDEV_DIR/sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/migration_version"
			exec strace -f -qq -s 256 -e trace=$3 -o "$2" $AS_NOBODY "$MIG_CHECK" --accept "$1" -J' \
			"$GVT" "$T/trace" "$SYSCALLS"
		writes_of "$T/trace" >"$T/writes"
		expect_rc 2
		expect_jq "$(cand_type i915-GVTg_V5_4) | .kernel_check" error
		compare "tries only the V5_4 migration_version" \
			"open /mdev_supported_types/i915-GVTg_V5_4/migration_version" \
			"$(sed 's|^open .*/mdev_supported_types/|open /mdev_supported_types/|' "$T/writes")"
	fi

	# --- --no-kernel-check, --emit, --decode, --list: no write at all -------------
	for fx in gvt-dst-free gvt-dst-identical gvt-dst-kfail; do
		traced $fx.umockdev --accept "$GVT" -J --no-kernel-check
		expect_rc 0
		expect_no_writes
		expect_jq '[.candidates[].kernel_check] | map(select(. == "passed" or . == "failed" or . == "error")) | length' 0
	done
	traced mixed-dst.umockdev --accept "$MIXED" --no-kernel-check
	expect_rc 0
	expect_no_writes

	traced gvt-src.umockdev --emit $SRC_UUID
	expect_rc 0
	expect_no_writes
	traced gvt-src.umockdev --emit -J $SRC_UUID
	expect_rc 0
	expect_no_writes
	traced gvt-src-multi.umockdev --emit 83b8f4f2-509f-382f-3c1e-e6bfe0fa1001 \
		83b8f4f2-509f-382f-3c1e-e6bfe0fa1002 83b8f4f2-509f-382f-3c1e-e6bfe0fa1003
	expect_rc 0
	expect_no_writes
	traced qat-src.umockdev --emit 0000:6b:00.1
	expect_rc 0
	expect_no_writes
	traced nvme-src.umockdev --emit 0000:3b:00.1 -c "$FIXTURES/nvme-store-a.conf"
	expect_rc 0
	expect_no_writes
	traced mixed-src.umockdev --emit $SRC_UUID 0000:6b:00.1
	expect_rc 0
	expect_no_writes
	traced gvt-src.umockdev --emit 0000:00:02.0
	expect_rc 2 "(a parent)"
	expect_no_writes

	traced - --decode "$GVT"
	expect_rc 0
	expect_no_writes
	traced gvt-dst-free.umockdev --decode "$MIXED" -J
	expect_rc 0
	expect_no_writes
	printf '%s\n' "$GVT" >"$T/stdin"
	traced - --decode -
	expect_rc 0
	expect_no_writes
	: >"$T/stdin"

	for fx in gvt-dst-free gvt-dst-identical mixed-dst qat-dst-same; do
		traced $fx.umockdev --list
		expect_rc 0
		expect_no_writes
	done
	traced nvme-dst-same.umockdev --list -J -c "$FIXTURES/nvme-store-a.conf"
	expect_rc 0
	expect_no_writes

	traced - --help
	expect_rc 0
	expect_no_writes
	traced - --version
	expect_rc 0
	expect_no_writes
fi

# --- printed actions are quoted for the shell ----------------------------------------
# eval_action ACTION: run the printed action in a shell, the command it names
# replaced by a function that records its arguments, one per line, in
# $T/args; run in an empty directory, where anything it creates shows.
eval_action() {
	rm -rf "$T/sandbox" "$T/args"
	mkdir "$T/sandbox"
	(cd "$T/sandbox" && ARGS=$T/args sh -c '
		mdevctl() { for a; do printf "%s\n" "$a"; done >"$ARGS"; }
		driverctl() { for a; do printf "%s\n" "$a"; done >"$ARGS"; }
		eval "$1"' sh "$1") >/dev/null 2>&1
}

# A migration driver named with shell syntax in the configuration (a driver
# name is free text there) is quoted in the driverctl action.
EVIL='e;touch${IFS}P1;'"'"'$(touch${IFS}P2)'"'"'`touch${IFS}P3`|&<>*?~#"\'
printf '[global]\nmigration-drivers = %s nvme_vfio_pci\n\n[device 0000:3b:00.1]\nnvme.store = %s\n' \
	"$EVIL" tcp://192.0.2.10:4420/nqn.2014-08.org.example:vol1 >"$T/evil.conf"
mc nvme-dst-vfio.umockdev --accept "$NVME" -J -c "$T/evil.conf"
what="nvme-dst-vfio.umockdev: --accept, migration-drivers full of shell syntax"
expect_rc 0
expect_jq '.candidates[] | select(.device == "0000:3b:00.1") | .verdict' actionable
ACTION=$(jqout '.candidates[] | select(.device == "0000:3b:00.1") | .action')
check "sh -n accepts the action" sh -n -c "$ACTION"
eval_action "$ACTION"
compare "the action's words, as the shell splits them" \
	"set-override
0000:3b:00.1
$EVIL" "$(cat "$T/args" 2>/dev/null)"
compare "running the action creates nothing" "" "$(ls -A "$T/sandbox")"
# The table shows the same action.
mc nvme-dst-vfio.umockdev --accept "$NVME" -c "$T/evil.conf" -n -o DEVICE,ACTION
expect_stdout_contains "$ACTION"

# An mdev UUID full of shell syntax in a (well-formed) token: no action, the
# creatable candidate is unknown, and the token's value is shown as data.
BAD_UUID="'; touch P1; '\$(touch P2)\`touch P3\`"
ENC=$(printf '%s' "$BAD_UUID" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g' | tr a-f A-F)
EVIL_TOKEN=$(mktoken "i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_4,low=128,high=512,fence=4,res=1920x1200,weight=4,agg=1,uuid=$ENC,kver=8086-591d-GVTg_V5_4-00000001")
mc gvt-dst-free.umockdev --accept "$EVIL_TOKEN" -J
what="gvt-dst-free.umockdev: --accept, a uuid full of shell syntax"
expect_rc 2
expect_jq '.token.records[0].fields.uuid' "$BAD_UUID"
expect_jq "$(cand_type i915-GVTg_V5_4) | .verdict" unknown
expect_jq '[.candidates[].action | select(. != null)] | length' 0
expect_jq "$(cand_type i915-GVTg_V5_4) | [.reasons[] | select(.field == \"uuid\")] | length" 1

# Every action of the suite's hosts survives the same eval: its words are
# what the JSON says they are, and it creates nothing.
mc gvt-dst-free.umockdev --accept "$GVT" -J
what="gvt-dst-free.umockdev: --accept, the mdevctl action"
ACTION=$(jqout "$(cand_type i915-GVTg_V5_4) | .action")
eval_action "$ACTION"
compare "the action's words" "start
--uuid
$SRC_UUID
--parent
$PARENT
--type
i915-GVTg_V5_4" "$(cat "$T/args" 2>/dev/null)"
compare "running the action creates nothing" "" "$(ls -A "$T/sandbox")"

finish
