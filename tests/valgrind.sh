#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The CLI test scripts again, every mig-check run under valgrind: MIG_CHECK
# points at a wrapper that execs
#   valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
# on the real binary (under umockdev-run the wrapper is what the testbed runs,
# and valgrind runs under the umockdev preload).  Any valgrind error changes
# an exit status to 99 and adds stderr lines, so it fails a check.  Output:
# each script's TAP lines, prefixed with its name, and a final plan.
#
#   tests/valgrind.sh [-j JOBS] [--all | SCRIPT...]
#
# Without arguments it runs a representative subset (every fixture host at
# least once, every mode; under 6 minutes with 2 jobs on 2 cores); --all
# runs every tests/cli/t-*.sh (about 10 minutes).  Environment as for
# `make check`: MIG_CHECK (the real binary), FIXTURES, TESTLIB, UMOCKDEV_RUN;
# VALGRIND (default valgrind).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cli=$top/tests/cli
: "${MIG_CHECK:?MIG_CHECK is not set}"
FIXTURES=${FIXTURES:-$top/tests/fixtures}
TESTLIB=${TESTLIB:-$cli/lib.sh}
UMOCKDEV_RUN=${UMOCKDEV_RUN:-umockdev-run}
VALGRIND=${VALGRIND:-valgrind}
export FIXTURES TESTLIB UMOCKDEV_RUN

# The subset: between them these run mig-check on every fixture host and in
# every mode (--emit, --accept, --decode, --list, standard input, -J/-P/-r,
# bundles, configuration files, faults, unprivileged, refused tokens, --list
# -q, the libvirt hook with libxml2 and pinned placement).  Left
# out: t-malformed.sh (the refusal path t-bad-token.sh runs, 280 s alone),
# t-ssh.sh, t-ansible.sh, t-demo.sh, t-completion.sh (other programs around
# mig-check).  Longest first, so that the jobs end together.
# Every module's t-accept-*.sh is in it.
SUBSET="$(cd "$cli" && echo t-accept-*.sh) t-bad-token.sh t-faults.sh
t-nowrite.sh t-config.sh t-output.sh t-emit.sh t-bundle-mixed.sh t-fixtures.sh
t-bundle.sh t-shell.sh t-hook.sh t-list.sh"

jobs=$(nproc 2>/dev/null || echo 2)
scripts=
while [ $# -gt 0 ]; do
	case $1 in
	-j) jobs=$2; shift ;;
	-j*) jobs=${1#-j} ;;
	--all) scripts=$(cd "$cli" && ls t-*.sh) ;;
	-h|--help) sed -n '3,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) scripts="$scripts ${1##*/}" ;;
	esac
	shift
done
[ -n "$scripts" ] || scripts=$SUBSET

if ! command -v "$VALGRIND" >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"
	exit 0
fi
case $MIG_CHECK in
/*) ;;
*) MIG_CHECK=$(pwd)/$MIG_CHECK ;;
esac

w=$(mktemp -d "${TMPDIR:-/tmp}/mig-check-valgrind.XXXXXX") || exit 99
trap 'rm -rf "$w"' EXIT
trap 'exit 1' HUP INT TERM
# Tests run mig-check as nobody too: the wrapper must be reachable.
chmod 755 "$w"

# --vgdb=no: no FIFOs in /tmp (t-nowrite.sh traces every file valgrind opens).
cat >"$w/mig-check" <<EOF
#!/bin/sh
exec "$(command -v "$VALGRIND")" -q --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite --show-leak-kinds=definite --vgdb=no \\
	"$MIG_CHECK" "\$@"
EOF
chmod 755 "$w/mig-check"

# Does valgrind work under the umockdev preload?  One run says.
if ! "$UMOCKDEV_RUN" -d "$FIXTURES/gvt-src.umockdev" -- "$w/mig-check" \
	--emit 83b8f4f2-509f-382f-3c1e-e6bfe0fa1001 >"$w/probe" 2>&1; then
	echo "Bail out! valgrind does not run mig-check under umockdev-run:"
	sed 's/^/# /' "$w/probe"
	exit 99
fi

start=$(date +%s)
# Run the scripts, JOBS at a time, each into its own log.
for s in $scripts; do
	echo "$s"
done | xargs -P "$jobs" -I{} sh -c '
	t0=$(date +%s)
	MIG_CHECK="$1/mig-check" sh "$2/$3" >"$1/$3.log" 2>&1
	echo $? $(( $(date +%s) - t0 )) >"$1/$3.rc"' sh "$w" "$cli" {}

n=0 failed=0
for s in $scripts; do
	name=${s%.sh}
	read -r rc secs <"$w/$s.rc" 2>/dev/null || { rc=99; secs=?; }
	# Re-number the script's TAP lines, prefixed with its name; keep its
	# diagnostics; a TODO is no failure.  The counts come last.
	[ -f "$w/$s.log" ] || echo "Bail out! did not run" >"$w/$s.log"
	awk -v n="$n" -v name="$name" -v rc="$rc" -v secs="$secs" '
	/^(not )?ok/ {
		st = /^ok/ ? "ok" : "not ok"
		rest = $0; sub(/^(not )?ok *[0-9]* *(- )?/, "", rest)
		n++; if (st == "not ok" && rest !~ /# TODO/) bad++; if (st == "not ok") nots++
		print st, n, "-", name ": " rest; next
	}
	/^1\.\./ { next }
	/^Bail out!/ { n++; bad++; nots++; sub(/^Bail out! */, ""); print "not ok", n, "-", name ": " $0; next }
	{ print }
	END {
		if (rc != 0 && !nots) { n++; bad++; print "not ok", n, "-", name ": exit status " rc }
		print "# " name ": " secs "s"
		printf "%d %d\n", n, bad > "/dev/stderr"
	}' "$w/$s.log" 2>"$w/count"
	read -r n bad <"$w/count"
	failed=$((failed + bad))
done
echo "1..$n"
echo "# valgrind: $n checks, $failed failed, $(( $(date +%s) - start ))s with $jobs jobs ($(echo $scripts | wc -w) scripts)"
[ "$failed" = 0 ]
