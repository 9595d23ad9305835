# SPDX-License-Identifier: GPL-2.0-or-later
# examples/ansible/migration-check.yml with ansible-core, over an inventory
# of a source and four destinations, all on this machine
# (ansible_connection=local), each on its own fixture host: mig_check_cmd
# wraps the binary in umockdev-run.  The play must pick exactly the hosts
# that can take the VM, and report a host where mig-check fails (exit
# status 2, here a broken configuration file) as one it could not tell.
. "$TESTLIB"

if ! command -v ansible-playbook >/dev/null 2>&1; then
	echo "1..0 # SKIP ansible-playbook is needed (ansible-core)"
	exit 0
fi

PLAYBOOK=$FIXTURES/../../examples/ansible/migration-check.yml
INV=$T/inventory.json
REPORT=$T/report.json
PLAY_LOG=$T/play.log

# Quiet, local, and nothing read from or written to the user's files.
: >"$T/ansible.cfg"
ANSIBLE_CONFIG=$T/ansible.cfg
ANSIBLE_HOME=$T/ansible
ANSIBLE_LOCAL_TEMP=$T/ansible/tmp
ANSIBLE_REMOTE_TEMP=$T/ansible/remote-tmp
ANSIBLE_COLLECTIONS_PATH=$T/ansible/collections
ANSIBLE_NOCOLOR=1
ANSIBLE_RETRY_FILES_ENABLED=0
ANSIBLE_HOST_KEY_CHECKING=0
ANSIBLE_PIPELINING=1
ANSIBLE_STDOUT_CALLBACK=default
export ANSIBLE_CONFIG ANSIBLE_HOME ANSIBLE_LOCAL_TEMP ANSIBLE_REMOTE_TEMP \
	ANSIBLE_COLLECTIONS_PATH ANSIBLE_NOCOLOR ANSIBLE_RETRY_FILES_ENABLED \
	ANSIBLE_HOST_KEY_CHECKING ANSIBLE_PIPELINING ANSIBLE_STDOUT_CALLBACK
unset ANSIBLE_FORCE_COLOR ANSIBLE_CALLBACKS_ENABLED ANSIBLE_CALLBACK_WHITELIST \
	ANSIBLE_INVENTORY ANSIBLE_VERBOSITY
# ansible-core refuses to run without a UTF-8 locale (LC_ALL=C).
LC_ALL=C.UTF-8
export LC_ALL

# The inventory: every host's mig-check runs on a fixture host.  JSON (a
# YAML inventory) written by jq, so the paths are quoted whatever they hold.
jq -n --arg u "$UMOCKDEV_RUN" --arg m "$MIG_CHECK" --arg f "$FIXTURES" '
	def on(fx; extra): "\($u | @sh) -d \("\($f)/\(fx)" | @sh) -- \($m | @sh)\(extra)";
	{all: {
		vars: {ansible_connection: "local",
		       ansible_python_interpreter: "{{ ansible_playbook_python }}"},
		children: {
			mig_source: {hosts: {
				src: {mig_check_cmd: on("gvt-src.umockdev"; "")}}},
			mig_destinations: {hosts: {
				"dst-free": {mig_check_cmd: on("gvt-dst-free.umockdev"; "")},
				"dst-identical": {mig_check_cmd: on("gvt-dst-identical.umockdev"; "")},
				"dst-cfl": {mig_check_cmd: on("gvt-dst-cfl.umockdev"; "")},
				"dst-broken": {mig_check_cmd:
					on("gvt-dst-free.umockdev"; " -c \("\($f)/bad.conf" | @sh)")}}}}}}' >"$INV" ||
	{ echo "Bail out! cannot write the inventory"; exit 99; }

# play LABEL ARGS...: ansible-playbook; its output in $PLAY_LOG, the report
# (JSON) in $OUT, the exit status in $rc.
play() {
	what="ansible-playbook: $1"; shift
	rm -f "$REPORT"
	ansible-playbook -i "$INV" "$PLAYBOOK" -e "mig_check_report=$REPORT" "$@" \
		>"$PLAY_LOG" 2>"$ERR" </dev/null
	rc=$?
	cp "$REPORT" "$OUT" 2>/dev/null || : >"$OUT"
}

# show_log: the play's output as TAP comments, after a failed check.
show_log() {
	[ "$n_fail" = "$1" ] || sed 's/^/#   play: /' "$PLAY_LOG"
}

# recap HOST: "ok=N changed=N unreachable=N failed=N" from the PLAY RECAP.
recap() {
	sed -n "s/^$1 *: *\(ok=[0-9]*\) *\(changed=[0-9]*\) *\(unreachable=[0-9]*\) *\(failed=[0-9]*\).*/\1 \2 \3 \4/p" "$PLAY_LOG"
}

token_of gvt-src.umockdev $SRC_UUID

what="ansible-playbook --syntax-check"
ansible-playbook -i "$INV" --syntax-check "$PLAYBOOK" >"$PLAY_LOG" 2>"$ERR" </dev/null
rc=$?
expect_rc 0
f=$n_fail

# --- every destination: two can take the VM, one cannot, one cannot tell ------------
play "all destinations" -e "{\"mig_devices\": [\"$SRC_UUID\"]}"
expect_rc 2 "(dst-broken failed)"
expect_stderr_empty
expect_jq '.token' "$TOKEN" "the source's token"
expect_jq '.targets | join(" ")' "dst-free dst-identical" "can take the VM"
expect_jq '.refused | join(" ")' "dst-cfl" "cannot"
expect_jq '.unknown | join(" ")' "dst-broken" "could not tell"
expect_jq '[.hosts[] | "\(.host):\(.verdict):\(.status)"] | join(" ")' \
	"dst-free:actionable:0 dst-identical:identical:0 dst-cfl:incompatible:1 dst-broken:unknown:2" \
	"verdict and exit status of each host"
expect_jq '.hosts[] | select(.host == "dst-free") | .actions | join(";")' "$V54_ACTION"
expect_jq '[.hosts[] | select(.host != "dst-free") | .actions[]] | length' 0 "no other actions"
expect_jq '.hosts[] | select(.host == "dst-broken") | .error' \
	"mig-check: $FIXTURES/bad.conf:3: malformed configuration line"
compare "the play's message" \
	'"msg": "can take the VM: dst-free dst-identical; cannot: dst-cfl; could not tell: dst-broken"' \
	"$(grep -o '"msg": "can take.*"' "$PLAY_LOG")"
compare "the action is shown" \
	"\"msg\": \"dst-free: $V54_ACTION\"" "$(grep -o '"msg": "dst-free: .*"' "$PLAY_LOG")"
compare "recap: src" "ok=3 changed=0 unreachable=0 failed=0" "$(recap src)"
compare "recap: dst-free" "ok=2 changed=0 unreachable=0 failed=0" "$(recap dst-free)"
compare "recap: dst-cfl (mig-check exit status 1 is no failure)" \
	"ok=2 changed=0 unreachable=0 failed=0" "$(recap dst-cfl)"
compare "recap: dst-broken (exit status 2 fails the host)" \
	"ok=0 changed=0 unreachable=0 failed=1" "$(recap dst-broken)"
compare "recap: localhost (the report)" "failed=0" "$(recap localhost | grep -o 'failed=[0-9]*')"
show_log $f
f=$n_fail

# --- --ready, and no host left: the last play fails ----------------------------------
play "mig_check_ready=true, dst-free and dst-cfl" -e "mig_devices=$SRC_UUID" \
	-e mig_check_ready=true -e 'mig_destinations=dst-free:dst-cfl'
expect_rc 2 "(no host can take the VM)"
expect_stderr_empty
expect_jq '.targets | length' 0 "can take the VM: none"
expect_jq '.refused | join(" ")' "dst-free dst-cfl" "cannot"
expect_jq '.unknown | length' 0 "could not tell: none"
expect_jq '[.hosts[] | "\(.host):\(.verdict):\(.status)"] | join(" ")' \
	"dst-free:actionable:1 dst-cfl:incompatible:1" "verdict and exit status of each host"
compare "the play says why it fails" 1 "$(grep -c 'no destination host can take the VM' "$PLAY_LOG")"
compare "recap: localhost fails" "failed=1" "$(recap localhost | grep -o 'failed=[0-9]*')"
compare "recap: dst-identical is not asked" "" "$(recap dst-identical)"
show_log $f
f=$n_fail

# --- the domain-level variant: libvirt's test driver, pinned placement ---------------
if have_libvirt; then
	PLAYBOOK=$FIXTURES/../../examples/ansible/migration-check-domain.yml
	INV=$T/inventory-domain.json
	URI=$LIBVIRT_URI
	jq -n --arg u "$UMOCKDEV_RUN" --arg m "$MIG_CHECK" --arg f "$FIXTURES" '
		def on(fx; extra): "\($u | @sh) -d \("\($f)/\(fx)" | @sh) -- \($m | @sh)\(extra)";
		{all: {
			vars: {ansible_connection: "local",
			       ansible_python_interpreter: "{{ ansible_playbook_python }}"},
			children: {
				mig_source: {hosts: {
					src: {mig_check_cmd: on("mixed-src.umockdev"; "")}}},
				mig_destinations: {hosts: {
					"dst-mixed": {mig_check_cmd: on("mixed-dst.umockdev"; "")},
					"dst-same": {mig_check_cmd: on("mixed-src.umockdev"; "")},
					"dst-dc": {mig_check_cmd: on("qat-dst-dc.umockdev"; "")},
					"dst-broken": {mig_check_cmd:
						on("mixed-dst.umockdev"; " -c \("\($f)/bad.conf" | @sh)")}}}}}}' >"$INV"
	what="ansible-playbook --syntax-check migration-check-domain.yml"
	ansible-playbook -i "$INV" --syntax-check "$PLAYBOOK" >"$PLAY_LOG" 2>"$ERR" </dev/null
	rc=$?
	expect_rc 0
	mc mixed-src.umockdev --emit --domain vm42 -C "$URI"
	DTOKEN=$(cat "$OUT")
	play "domain vm42" -e mig_domain=vm42 -e "mig_libvirt_uri=$URI" -e mig_set_metadata=true
	expect_rc 2 "(dst-broken failed)"
	expect_jq '.token' "$DTOKEN" "the token of --emit --domain"
	expect_jq '[.hosts[] | "\(.host):\(.verdict):\(.status)"] | join(" ")' \
		"dst-mixed:actionable:0 dst-same:identical:0 dst-dc:incompatible:1 dst-broken:unknown:2" \
		"verdict and exit status of each host"
	expect_jq '.hosts[] | select(.host == "dst-mixed") | .actions | join(";")' "$V54_ACTION"
	compare "recap: src (the metadata was set)" "ok=5 changed=1 unreachable=0 failed=0" "$(recap src)"
	show_log $f
fi

finish
