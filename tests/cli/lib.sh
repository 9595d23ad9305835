# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the CLI tests (POSIX sh).  A test script sources this file, runs
# mig-check with mc / mc_plain / mc_sh / mc_stdin, checks the result with the
# expect_* functions, and ends with `finish`.  The output is TAP: one ok /
# not ok line per check, the plan last.
#
# Environment (set by `make check`): MIG_CHECK (the binary), FIXTURES (the
# fixture directory), UMOCKDEV_RUN (umockdev-run), TESTLIB (this file).
# By hand:
#   MIG_CHECK=$PWD/mig-check FIXTURES=$PWD/tests/fixtures \
#   TESTLIB=$PWD/tests/cli/lib.sh UMOCKDEV_RUN=umockdev-run sh tests/cli/t-emit.sh

: "${MIG_CHECK:?MIG_CHECK is not set}" "${FIXTURES:?FIXTURES is not set}"
UMOCKDEV_RUN=${UMOCKDEV_RUN:-umockdev-run}
export MIG_CHECK

if ! command -v jq >/dev/null 2>&1 || ! command -v "$UMOCKDEV_RUN" >/dev/null 2>&1; then
	echo "1..0 # SKIP jq and umockdev-run are needed"
	exit 0
fi
if ! [ -x "$MIG_CHECK" ]; then
	echo "Bail out! $MIG_CHECK is not an executable"
	exit 99
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/mig-check-test.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

OUT=$T/stdout
ERR=$T/stderr
n_ok=0
n_fail=0
rc=
what=

# Prefix for a command that must run unprivileged (permission failures,
# tests/fixtures/README.md); empty when the tests already run as an ordinary
# user.
if [ "$(id -u)" = 0 ]; then
	AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	AS_NOBODY=
fi
export AS_NOBODY

# The UUIDs and the action the fixtures are built around.
SRC_UUID=83b8f4f2-509f-382f-3c1e-e6bfe0fa1001
PARENT=0000:00:02.0
V54_ACTION="mdevctl start --uuid $SRC_UUID --parent $PARENT --type i915-GVTg_V5_4"

# A short label for a command line: tokens are shown as <token>.
_label() {
	_l=
	for _a; do
		case $_a in
		mig[0-9]*:*|*@v=*) _a='<token>' ;;
		esac
		if [ ${#_a} -gt 60 ]; then _a="<${#_a} bytes>"; fi
		_l="$_l $_a"
	done
	printf '%s' "${_l# }"
}

# urun FIXTURE_PATH COMMAND...: umockdev-run -d FIXTURE_PATH -- COMMAND...,
# made again when umockdev-run itself died before COMMAND ran.  umockdev
# before 0.17.17 (Debian 12 has 0.17.16) can crash as it starts: its worker
# thread's getenv() races the setenv() of $UMOCKDEV_DIR (umockdev issue
# #206), once in some thousands of testbeds.  COMMAND's exit status is
# written from inside the testbed, so that a crash of COMMAND (of mig-check)
# is reported as it is and never retried; stderr is held back until the run
# that counts.
urun() {
	_ufx=$1; shift
	for _utry in 1 2 3; do
		: >"$T/urun.rc"
		"$UMOCKDEV_RUN" -d "$_ufx" -- sh -c '"$@"; echo $? >"$0"' "$T/urun.rc" "$@" \
			2>"$T/urun.err"
		_urc=$?
		if [ -s "$T/urun.rc" ]; then
			_urc=$(cat "$T/urun.rc")
			break
		fi
		[ "$_urc" -gt 128 ] || break
	done
	cat "$T/urun.err" >&2
	return "$_urc"
}

# mc FIXTURE ARGS...: run mig-check on the fake host FIXTURE (a file name in
# $FIXTURES).  stdout and stderr go to $OUT and $ERR, the exit status to $rc.
mc() {
	_fx=$1; shift
	what="$_fx: mig-check $(_label "$@")"
	urun "$FIXTURES/$_fx" "$MIG_CHECK" "$@" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
}

# judge STATUS NOTE FIXTURE TOKEN [ARGS...]: mig-check --accept TOKEN -J
# ARGS on FIXTURE, and a check that it exits with STATUS (NOTE, if not
# empty, labels that check); the JSON is then in $OUT for expect_jq.
judge() {
	_jrc=$1; _jnote=$2; _jfx=$3; _jtok=$4; shift 4
	mc "$_jfx" --accept "$_jtok" -J "$@"
	expect_rc "$_jrc" "$_jnote"
}

# expect_versions FIXTURE CAND VERDICT MODULE FIELDS [ARGS...]: the
# field-set version rules of mig-check-formats(5) TOKEN/Versions for a MODULE
# record of FIELDS (no v=), judged on FIXTURE with ARGS: an unknown key within
# v=1 is ignored (the candidate CAND is still VERDICT), and a larger v than the
# module knows makes every candidate unknown, never a guess (status 2).
expect_versions() {
	_vfx=$1; _vc=$2; _vv=$3; _vm=$4; _vf=$5; shift 5
	case $_vv in identical|compatible|actionable) _vrc=0 ;; *) _vrc=1 ;; esac
	judge "$_vrc" "(unknown key zz)" "$_vfx" "$(mktoken "$_vm@v=1,$_vf,zz=later")" "$@"
	expect_jq "$_vc | .verdict" "$_vv"
	judge 2 "(v=2)" "$_vfx" "$(mktoken "$_vm@v=2,$_vf")" "$@"
	expect_jq '.verdict' unknown
	expect_jq '[.candidates[].verdict] | unique | join(",")' unknown
}

# judge_after STATUS FIXTURE LABEL SNIPPET TOKEN: on FIXTURE, the shell
# SNIPPET breaks the host in some way, then mig-check --accept TOKEN -J runs
# there; a check that it exits with STATUS.
judge_after() {
	_jrc=$1; _jfx=$2; _jl=$3; _jsnip=$4; _jtok=$5
	mc_sh "$_jfx" "--accept, $_jl" "$_jsnip
	exec \"\$MIG_CHECK\" --accept \"\$1\" -J" "$_jtok"
	expect_rc "$_jrc"
}

# mc_stdin TEXT FIXTURE ARGS...: the same, with TEXT and a newline on stdin.
mc_stdin() {
	_in=$1; _fx=$2; shift 2
	what="$_fx: mig-check $(_label "$@") <<< $(_label "$_in")"
	printf '%s\n' "$_in" >"$T/stdin"
	urun "$FIXTURES/$_fx" "$MIG_CHECK" "$@" >"$OUT" 2>"$ERR" <"$T/stdin"
	rc=$?
}

# mc_plain ARGS...: mig-check without a testbed (--decode, --help, ...).
mc_plain() {
	what="mig-check $(_label "$@")"
	"$MIG_CHECK" "$@" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
}

# mc_full ARGS...: mig-check without a testbed, its stdout on /dev/full,
# where every write fails with ENOSPC ($OUT stays empty).
mc_full() {
	what="mig-check $(_label "$@") >/dev/full"
	: >"$OUT"
	"$MIG_CHECK" "$@" >/dev/full 2>"$ERR" </dev/null
	rc=$?
}

# mc_sh FIXTURE LABEL SNIPPET [ARGS...]: run the shell SNIPPET under the
# testbed, with $UMOCKDEV_DIR, $MIG_CHECK and ARGS as $1... available inside.
mc_sh() {
	_fx=$1; what="$1: $2"; _snip=$3; shift 3
	urun "$FIXTURES/$_fx" sh -c "$_snip" sh "$@" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
}

pass() {
	n_ok=$((n_ok + 1))
	echo "ok - $what: $1"
}

# fail DESC EXPECTED GOT
fail() {
	n_fail=$((n_fail + 1))
	echo "not ok - $what: $1"
	echo "#   expected: $2"
	echo "#   got:      $3"
	if [ -s "$ERR" ]; then
		echo "#   stderr:"
		sed -n '1,20s/^/#     /p' "$ERR"
	fi
	if [ -s "$OUT" ]; then
		echo "#   stdout (first lines):"
		sed -n '1,12s/^/#     /p' "$OUT"
	fi
}

# skip_check DESC REASON: a TAP skip line that counts as passed.
skip_check() {
	pass "$1 # SKIP $2"
}

# check DESC COMMAND...: a free-form check (the command's status decides).
check() {
	_d=$1; shift
	if "$@"; then pass "$_d"; else fail "$_d" "true: $*" "false"; fi
}

# compare DESC EXPECTED GOT
compare() {
	if [ "x$3" = "x$2" ]; then pass "$1"; else fail "$1" "'$2'" "'$3'"; fi
}

expect_rc() {
	compare "exit status${2:+ $2}" "$1" "$rc"
}

# expect_jq FILTER EXPECTED [DESC]: jq -r FILTER on stdout prints EXPECTED
# exactly (several results: one per line).
expect_jq() {
	_got=$(jq -r "$1" <"$OUT" 2>&1)
	compare "${3:-$1}" "$2" "$_got"
}

# jqout FILTER: the value for a test's own logic (empty when jq fails).
jqout() {
	jq -r "$1" <"$OUT" 2>/dev/null
}

# expect_stderr_oneline [REGEX]: exactly one line, `mig-check: ...`,
# matching the extended REGEX (grep -E).
expect_stderr_oneline() {
	_n=$(wc -l <"$ERR" | tr -d ' ')
	_first=$(sed -n 1p "$ERR")
	if [ "$_n" != 1 ] || [ "$(tail -c1 "$ERR" | od -An -c | tr -d ' ')" != '\n' ]; then
		fail "one stderr line${1:+ matching /$1/}" "1 line" "$_n lines"
	elif ! printf '%s\n' "$_first" | grep -q '^mig-check: '; then
		fail "stderr line begins with 'mig-check: '" "mig-check: ..." "$_first"
	elif [ -n "${1:-}" ] && ! printf '%s\n' "$_first" | grep -Eq -- "$1"; then
		fail "stderr line matches /$1/" "/$1/" "$_first"
	else
		pass "one stderr line${1:+ matching /$1/}"
	fi
}

# expect_stdout TEXT: stdout is exactly TEXT (and a final newline).
expect_stdout() {
	compare "stdout" "$1" "$(cat "$OUT")"
}

expect_stdout_empty() {
	if [ -s "$OUT" ]; then fail "stdout empty" "nothing" "$(wc -c <"$OUT") bytes"
	else pass "stdout empty"; fi
}

expect_stderr_empty() {
	if [ -s "$ERR" ]; then fail "stderr empty" "nothing" "$(sed -n 1p "$ERR")"
	else pass "stderr empty"; fi
}

# expect_stdout_contains STRING (fixed string, anywhere)
expect_stdout_contains() {
	if grep -qF -- "$1" "$OUT"; then pass "stdout contains '$1'"
	else fail "stdout contains '$1'" "'$1' in stdout" "not found"; fi
}

expect_stdout_lacks() {
	if grep -qF -- "$1" "$OUT"; then fail "stdout lacks '$1'" "no '$1'" "found"
	else pass "stdout lacks '$1'"; fi
}

# expect_stdout_line REGEX: some whole line of stdout matches (grep -Ex)
expect_stdout_line() {
	if grep -Eqx -- "$1" "$OUT"; then pass "a stdout line is /$1/"
	else fail "a stdout line is /$1/" "/$1/" "no such line"; fi
}

expect_stderr_contains() {
	if grep -qF -- "$1" "$ERR"; then pass "stderr contains '$1'"
	else fail "stderr contains '$1'" "'$1' in stderr" "$(sed -n 1p "$ERR")"; fi
}

expect_stdout_lines() {
	compare "stdout has $1 lines" "$1" "$(wc -l <"$OUT" | tr -d ' ')"
}

# expect_token MODULE: --emit worked: status 0, nothing on stderr, one line
# on stdout, a well-formed token whose first record is MODULE's, v=1.
expect_token() {
	expect_rc 0
	expect_stderr_empty
	expect_stdout_lines 1
	expect_stdout_line "mig1:$1@v=1,[A-Za-z0-9._+%:/@,=-]*:[0-9a-f]{8}"
}

# A usage error: status 2, nothing on stdout, the --help hint on stderr.
expect_usage_error() {
	expect_rc 2 "(usage error)"
	expect_stdout_empty
	expect_stderr_contains "Try 'mig-check --help' for more information."
}

# A trouble exit with one diagnostic: status 2, empty stdout, one line.
expect_trouble() {
	expect_rc 2
	expect_stdout_empty
	expect_stderr_oneline "${1:-}"
}

# crc32 STRING: zlib crc32 in 8 lowercase hex digits (gzip's trailer).
crc32() {
	printf '%s' "$1" | gzip -c | tail -c8 | od -An -tx1 -N4 |
		awk '{ printf "%s%s%s%s\n", $4, $3, $2, $1 }'
}

# mktoken_raw TEXT: TEXT (which has its own prefix, right or wrong) and
# ":<crc>", so that what a test breaks, not the checksum, is refused.
mktoken_raw() {
	printf '%s:%s\n' "$1" "$(crc32 "$1")"
}

# mktoken BODY: "mig1:BODY:<crc>" with a correct checksum.
mktoken() {
	mktoken_raw "mig1:$1"
}

# rep N STRING: STRING repeated N times (no newline).
rep() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# token_of FIXTURE DEVICE...: run --emit, check it worked, set TOKEN.
token_of() {
	_fx=$1; shift
	mc "$_fx" --emit "$@"
	TOKEN=$(cat "$OUT")
	if [ "$rc" = 0 ] && [ -n "$TOKEN" ]; then
		pass "emit works (token for the tests below)"
	else
		fail "emit works (token for the tests below)" "status 0 and a token" "status $rc"
	fi
}

# Candidate selectors for jq filters.
cand_type() {   # creatable type candidate
	printf '.candidates[] | select(.kind == "parent" and .type == "%s")' "$1"
}
cand_dev() {    # candidate by device name
	printf '.candidates[] | select(.device == "%s")' "$1"
}
# reason CANDIDATE FIELD: jq filter for the candidate's reasons on FIELD.
reason() {
	printf '%s | .reasons[] | select(.field == "%s")' "$1" "$2"
}
# triple CANDIDATE FIELD: "source destination category" of those reasons.
triple() {
	printf '%s | [.source, .destination, .category] | tojson' "$(reason "$1" "$2")"
}

# finish: the TAP plan (make check counts each check), then the status.
# The libvirt test driver's node: domains with fixed UUIDs, hostdevs and
# metadata (tests/fixtures/libvirt-node.xml).
LIBVIRT_URI="test://$FIXTURES/libvirt-node.xml"

# have_libvirt: is mig-check built with libvirt support, and is virsh there
# to drive the test driver?
have_libvirt() {
	"$MIG_CHECK" --version | grep -q '^libvirt support: built in' &&
		command -v virsh >/dev/null 2>&1
}

# require_libvirt: unless have_libvirt, skip the whole script (TAP plan 1..0),
# saying which is missing.
require_libvirt() {
	if ! "$MIG_CHECK" --version | grep -q '^libvirt support: built in'; then
		echo "1..0 # SKIP libvirt support is not built in"
		exit 0
	fi
	if ! command -v virsh >/dev/null 2>&1; then
		echo "1..0 # SKIP virsh is needed (Debian package libvirt-clients)"
		exit 0
	fi
}

# mc_in FILE FIXTURE ARGS...: as mc, with FILE on standard input.
mc_in() {
	_in=$1; _fx=$2; shift 2
	what="$_fx: mig-check $(_label "$@") < $(basename "$_in")"
	urun "$FIXTURES/$_fx" "$MIG_CHECK" "$@" >"$OUT" 2>"$ERR" <"$_in"
	rc=$?
}

# dumpxml DOMAIN TOKEN [FLAGS]: the domain's XML after `virsh metadata` set
# TOKEN (FLAGS: --live --config), in one virsh call (the test driver's
# state lasts as long as it).
dumpxml() {
	virsh -q -c "$LIBVIRT_URI" "metadata $1 urn:mig-check:1 --key mc --set '<token>$2</token>' ${3:---live --config}; dumpxml $1"
}

finish() {
	echo "1..$((n_ok + n_fail))"
	echo "# $((n_ok + n_fail)) checks, $n_fail failed"
	[ "$n_fail" = 0 ]
	exit $?
}
