# SPDX-License-Identifier: GPL-2.0-or-later
# The ssh pipeline of mig-check(1) DESCRIPTION, through a real sshd
# (tests/ssh/sshd.sh, on 127.0.0.1): the source host runs --emit here, the
# destination runs --accept on the other side of ssh, each on its own fixture
# host:
#   ssh dst mig-check --accept "$(mig-check --emit DEV)"
#   mig-check --emit DEV | ssh dst mig-check --accept -
# The remote shell parses the token a second time, unquoted
# (mig-check-formats(5) TOKEN/Grammar); ssh hands back the remote exit status
# (mig-check(1) EXIT STATUS).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/../ssh/sshd.sh"

if ! sshd_find; then
	echo "1..0 # SKIP sshd, ssh and ssh-keygen are needed (openssh-server, openssh-client)"
	exit 0
fi
trap 'sshd_stop; rm -rf "$T"' EXIT

# The remote side knows nothing of our environment: absolute paths, and the
# sanitizers' options when the binary is built with them.
abs() {
	case $1 in
	/*) printf '%s' "$1" ;;
	*) printf '%s/%s' "$PWD" "$1" ;;
	esac
}
MIG_CHECK=$(abs "$MIG_CHECK")
FIXTURES=$(abs "$FIXTURES")
UMOCKDEV_RUN=$(abs "$(command -v "$UMOCKDEV_RUN")")
R_ENV=
for _v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
	eval "_val=\${$_v-}"
	[ -n "$_val" ] && R_ENV="$R_ENV $_v=$(shq "$_val")"
done
[ -n "$R_ENV" ] && R_ENV="env$R_ENV "

# dst FIXTURE: the remote words that run mig-check on the fake host FIXTURE.
dst() {
	printf '%s%s -d %s -- %s' "$R_ENV" "$(shq "$UMOCKDEV_RUN")" \
		"$(shq "$FIXTURES/$1")" "$(shq "$MIG_CHECK")"
}

# emit FIXTURE DEVICE...: the source side, here.
emit() {
	_fx=$1; shift
	urun "$FIXTURES/$_fx" "$MIG_CHECK" --emit "$@" </dev/null
}

# got: record the exit status of the ssh just run (255: ssh itself failed).
got() {
	rc=$?
	if [ "$rc" = 255 ]; then
		echo "# ssh failed; the sshd log:"
		_sshd_log
	fi
}

# ssh_pipe SRC DST DEVICE [ARGS...]: the pipeline of mig-check(1) DESCRIPTION,
# as a user types it: ssh DST mig-check --accept "$(mig-check --emit DEVICE)"
# ARGS, the token made on the fake host SRC, judged on DST (fixture names
# without .umockdev).  $OUT, $ERR and $rc as mc sets them.
ssh_pipe() {
	_src=$1; _dst=$2; _dev=$3; shift 3
	what="$_src -> ssh $_dst: --accept \"\$(--emit)\" ${*:-(table)}"
	ssh_test "$(dst "$_dst.umockdev")" --accept "$(emit "$_src.umockdev" "$_dev")" "$@" \
		</dev/null >"$OUT" 2>"$ERR"; got
}

if ! sshd_start "$T/ssh"; then
	echo "Bail out! cannot start sshd"
	exit 99
fi

what="ssh 127.0.0.1 (port $SSH_PORT, user $SSH_USER)"
ssh_test id -un </dev/null >"$OUT" 2>"$ERR"; got
expect_rc 0
compare "logged in as $SSH_USER" "$SSH_USER" "$(cat "$OUT")"
# From here on the calls share that login, which saves a key exchange each;
# each is still a session of its own, its command parsed by the remote shell.
ssh_share || echo "# no shared connection: each call logs in on its own"

# --- GVT-g: ssh dst mig-check --accept "$(mig-check --emit UUID)" ----------------------
token_of gvt-src.umockdev $SRC_UUID
mc gvt-dst-free.umockdev --accept "$TOKEN" -J
cp "$OUT" "$T/local.json"

ssh_pipe gvt-src gvt-dst-free $SRC_UUID -J
expect_rc 0
expect_stderr_empty
expect_jq '.verdict' actionable
expect_jq "$(cand_type i915-GVTg_V5_4) | .action" "$V54_ACTION"
expect_jq '[.placements[] | .device, .type] | join(" ")' "$PARENT i915-GVTg_V5_4"
expect_jq '.token.records[0].fields.uuid' "$SRC_UUID"
check "the same document as --accept run locally" cmp -s "$T/local.json" "$OUT"

ssh_pipe gvt-src gvt-dst-free $SRC_UUID
expect_rc 0
expect_stderr_empty
expect_stdout_line "0000:00:02\.0 +i915-GVTg_V5_4 +parent +i915-gvt +actionable +$V54_ACTION .*"
compare "one actionable row, three incompatible" "1 3" \
	"$(grep -c ' actionable ' "$OUT") $(grep -c ' incompatible ' "$OUT")"

ssh_pipe gvt-src gvt-dst-identical $SRC_UUID -J
expect_rc 0
expect_jq '.verdict' identical

ssh_pipe gvt-src gvt-dst-cfl $SRC_UUID -J
expect_rc 1
expect_stderr_empty
expect_jq '.verdict' incompatible
expect_jq '[.candidates[].verdict] | unique | join(",")' incompatible
expect_jq '[.candidates[] | .reasons[0] | .field, .category] | unique | join(",")' dev,hardware \
	"every candidate fails on dev (another GPU model)"

# --- garbled tokens: status 2 and one line, from the remote side ------------------------
BADSUM=$(printf '%s' "$TOKEN" | sed 's/,low=128,/,low=256,/')
what="garbled token"
check "the garbled token differs" test "x$BADSUM" != "x$TOKEN"
what="ssh gvt-dst-free: --accept <token with low=256 and the old checksum>"
ssh_test "$(dst gvt-dst-free.umockdev)" --accept "$BADSUM" -J </dev/null >"$OUT" 2>"$ERR"; got
expect_trouble 'checksum mismatch'

what="ssh gvt-dst-free: --accept <token cut short>"
ssh_test "$(dst gvt-dst-free.umockdev)" --accept "${TOKEN%?????}" </dev/null >"$OUT" 2>"$ERR"; got
expect_trouble 'invalid token'

# --- QAT ----------------------------------------------------------------------------------
what="qat-src: mig-check --emit 0000:6b:00.1"
QTOKEN=$(emit qat-src.umockdev 0000:6b:00.1)
compare "works" "0 mig1:qat@" "$? $(printf '%s' "$QTOKEN" | cut -c1-9)"

ssh_pipe qat-src qat-dst-same 0000:6b:00.1 -J
expect_rc 0
expect_stderr_empty
expect_jq '.verdict' identical
expect_jq '.placements[0].device' 0000:6b:00.1
expect_jq "$(cand_dev 0000:6b:00.1) | .verdict" identical
expect_jq "$(cand_dev 0000:6b:00.2) | .action" "driverctl set-override 0000:6b:00.2 qat_vfio_pci"

ssh_pipe qat-src gvt-dst-free 0000:6b:00.1 -J
what="$what (no QAT device there)"
expect_rc 1
expect_jq '.verdict' incompatible
expect_jq '.candidates | length' 0

# --- the token on standard input: mig-check --emit DEV | ssh dst mig-check --accept - ---
what="gvt-src --emit | ssh gvt-dst-free --accept - -J"
emit gvt-src.umockdev $SRC_UUID 2>"$T/emit.err" |
	ssh_test "$(dst gvt-dst-free.umockdev)" --accept - -J >"$OUT" 2>"$ERR"; got
expect_rc 0
expect_stderr_empty
expect_jq '.verdict' actionable
check "the same document as the \"\$(...)\" form" cmp -s "$T/local.json" "$OUT"

what="gvt-src --emit | ssh gvt-dst-cfl --accept - -J"
emit gvt-src.umockdev $SRC_UUID 2>"$T/emit.err" |
	ssh_test "$(dst gvt-dst-cfl.umockdev)" --accept - -J >"$OUT" 2>"$ERR"; got
expect_rc 1
expect_jq '.verdict' incompatible

what="qat-src --emit | ssh qat-dst-same --accept - -J"
emit qat-src.umockdev 0000:6b:00.1 2>"$T/emit.err" |
	ssh_test "$(dst qat-dst-same.umockdev)" --accept - -J >"$OUT" 2>"$ERR"; got
expect_rc 0
expect_jq '.verdict' identical

what="<token with low=256 and the old checksum> | ssh gvt-dst-free --accept -"
printf '%s\n' "$BADSUM" | ssh_test "$(dst gvt-dst-free.umockdev)" --accept - >"$OUT" 2>"$ERR"; got
expect_trouble 'checksum mismatch'

what="(nothing) | ssh gvt-dst-free --accept -"
ssh_test "$(dst gvt-dst-free.umockdev)" --accept - </dev/null >"$OUT" 2>"$ERR"; got
expect_trouble

# --- the second parse, with every shell-special byte in a value --------------------------
# A migration_version full of shell syntax travels percent-encoded; the remote
# shell, in a directory where globs would match, must hand it over intact.
WEIRD="8086-591d GVTg*V5_4 {a,b} \$(x) 'q' \"d\" ~/ ; & | < > # ! \\ \`y\`"
mc_sh gvt-src.umockdev "--emit with a migration_version full of shell syntax" '
	printf "%s\n" "$2" >"$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	exec "$MIG_CHECK" --emit "$1"' $SRC_UUID "$WEIRD"
expect_rc 0
WTOKEN=$(cat "$OUT")
mkdir "$T/cwd" && : >"$T/cwd/mig1:x" && : >"$T/cwd/a" && : >"$T/cwd/b"
what="ssh: cd DIR-WITH-GLOB-MATCHES && mig-check --decode \"\$WTOKEN\" -J"
ssh_test cd "$(shq "$T/cwd")" '&&' "$R_ENV$(shq "$MIG_CHECK")" --decode "$WTOKEN" -J \
	</dev/null >"$OUT" 2>"$ERR"; got
expect_rc 0
expect_stderr_empty
expect_jq '.records[0].fields.kver' "$WEIRD"
expect_jq '.records[0].fields.uuid' "$SRC_UUID"

what="ssh gvt-dst-free: --accept \"\$WTOKEN\" -J"
ssh_test "$(dst gvt-dst-free.umockdev)" --accept "$WTOKEN" -J </dev/null >"$OUT" 2>"$ERR"; got
expect_jq '.token.records[0].fields.kver' "$WEIRD"

pid=$SSHD_PID
sshd_stop
what="sshd"
# Its pid was killed and waited for: nothing answers kill -0 there.
check "the daemon ran" test -n "$pid"
check "stopped" sh -c '! kill -0 "$1" 2>/dev/null' sh "$pid"

finish
