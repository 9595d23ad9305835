# SPDX-License-Identifier: GPL-2.0-or-later
# Output formats and the command line (mig-check(1) OPTIONS/Output, EXIT
# STATUS; mig-check-formats(5) JSON OUTPUT).
. "$TESTLIB"

token_of gvt-src.umockdev $SRC_UUID

# --- the default table --------------------------------------------------------
mc gvt-dst-free.umockdev --accept "$TOKEN"
expect_rc 0
expect_stderr_empty
expect_stdout_lines 5
expect_stdout_line 'DEVICE +TYPE +KIND +MODULE +VERDICT +ACTION +REASON *'
expect_stdout_line "0000:00:02\.0 +i915-GVTg_V5_4 +parent +i915-gvt +actionable +$V54_ACTION( .*)?"
expect_stdout_line '0000:00:02\.0 +i915-GVTg_V5_[0-9] +parent +i915-gvt +incompatible( .*)?'

mc gvt-dst-free.umockdev --accept "$TOKEN" -n
expect_rc 0
expect_stdout_lines 4
expect_stdout_lacks DEVICE

mc gvt-dst-free.umockdev --accept "$TOKEN" -o DEVICE,VERDICT
expect_rc 0
expect_stdout_lines 5
expect_stdout_line 'DEVICE +VERDICT'
expect_stdout_line '0000:00:02\.0 +actionable'
expect_stdout_line '0000:00:02\.0 +incompatible'
compare "every row has 2 columns" 0 "$(awk 'NF != 2' "$OUT" | wc -l | tr -d ' ')"

mc gvt-dst-free.umockdev --accept "$TOKEN" -r -n -o DEVICE,KIND,MODULE,VERDICT
expect_rc 0
expect_stdout_line '0000:00:02\.0 parent i915-gvt actionable'
expect_stdout_line '0000:00:02\.0 parent i915-gvt incompatible'

mc gvt-dst-free.umockdev --accept "$TOKEN" -r
expect_rc 0
expect_stdout_line 'DEVICE TYPE KIND MODULE VERDICT ACTION REASON'
expect_stdout_line '0000:00:02\.0 i915-GVTg_V5_4 parent i915-gvt actionable .*'

mc gvt-dst-free.umockdev --accept "$TOKEN" -P
expect_rc 0
expect_stdout_lines 4
compare "every line is KEY=\"value\" pairs" 0 \
	"$(grep -Evc '^[A-Z_]+="[^"]*"( [A-Z_]+="[^"]*")*$' "$OUT")"
expect_stdout_line 'DEVICE="0000:00:02\.0" TYPE="i915-GVTg_V5_4" KIND="parent" MODULE="i915-gvt" VERDICT="actionable" ACTION="'"$V54_ACTION"'" REASON=".*"'

mc gvt-dst-free.umockdev --accept "$TOKEN" -P -o DEVICE,VERDICT
expect_rc 0
expect_stdout_line 'DEVICE="0000:00:02\.0" VERDICT="actionable"'

# -v: all reasons (more text than the first reason only)
mc gvt-dst-free.umockdev --accept "$TOKEN" -n -r -o REASON
first=$(wc -c <"$OUT")
mc gvt-dst-free.umockdev --accept "$TOKEN" -n -r -o REASON -v
expect_rc 0 "(-v)"
check "-v prints more reason text" test "$(wc -c <"$OUT")" -gt "$first"

# --- exclusive formats and bad options ---------------------------------------
mc gvt-dst-free.umockdev --accept "$TOKEN" -J -P
expect_usage_error
mc gvt-dst-free.umockdev --accept "$TOKEN" -J -r
expect_usage_error
mc gvt-dst-free.umockdev --accept "$TOKEN" -P -r
expect_usage_error
mc gvt-dst-free.umockdev --accept "$TOKEN" -o DEVICE,BOGUS
expect_rc 2 "(unknown column)"
expect_stdout_empty
expect_stderr_contains BOGUS

# --- quiet --------------------------------------------------------------------
mc gvt-dst-free.umockdev --accept "$TOKEN" -q
expect_rc 0 "(-q, actionable)"
expect_stdout_empty
expect_stderr_empty
mc gvt-dst-free.umockdev --accept "$TOKEN" -q --ready
expect_rc 1 "(-q --ready)"
expect_stdout_empty
mc gvt-dst-cfl.umockdev --accept "$TOKEN" -q
expect_rc 1 "(-q, incompatible)"
expect_stdout_empty
expect_stderr_empty

# --- columns ------------------------------------------------------------------
mc_plain -H
expect_rc 0
for c in DEVICE TYPE KIND MODULE VERDICT ACTION REASON; do
	expect_stdout_line " *$c( .*)?"
done

# --- decode as a table -----------------------------------------------------------
mc_plain --decode "$TOKEN"
expect_rc 0
expect_stdout_contains i915-gvt
expect_stdout_contains GVTg_V5_4
expect_stdout_contains 1920x1200
expect_stdout_contains 8086-591d-GVTg_V5_4-00000001

# --- list ----------------------------------------------------------------------
mc gvt-src.umockdev --list -J
expect_rc 0
expect_jq '.format' 'mig-check/1'
expect_jq ".devices[] | select(.device == \"$SRC_UUID\") | [.kind, .parent, .type, .module] | join(\" \")" \
	"mdev 0000:00:02.0 i915-GVTg_V5_4 i915-gvt"
expect_jq '[.devices[] | select(.device == "0000:00:02.0" and .kind == "parent")] | length > 0' true
expect_jq '.devices[0] | [has("device"), has("kind"), has("id"), has("name"), has("driver"), has("parent"), has("type"), has("available"), has("module"), has("migratable")] | all' true \
	"devices have the documented column keys"
expect_jq '[.devices[].migratable] | unique | join(",")' yes "gvt-src: everything can migrate"
mc gvt-dst-upstream.umockdev --list -J
expect_rc 0
expect_jq '[.devices[] | select(.kind == "parent") | .migratable] | unique | join(",")' no "upstream GVT-g: no type can migrate"
expect_jq '[.devices[] | select(.kind == "parent") | .type] | sort | join(",")' 'i915-GVTg_V5_1,i915-GVTg_V5_2,i915-GVTg_V5_4,i915-GVTg_V5_8'
expect_jq '[.devices[] | select(.type == "i915-GVTg_V5_4") | .available] | join(",")' 5
# -o selects the keys of each device, in its order (lsblk -J).
mc gvt-src.umockdev --list -J -o DEVICE,KIND
expect_rc 0
expect_jq '[.devices[] | keys_unsorted | join(",")] | unique | join(" ")' 'device,kind'
expect_jq ".devices[] | select(.device == \"$SRC_UUID\") | .kind" mdev
mc gvt-src.umockdev --list -J -o +WHY
expect_rc 0
expect_jq '.devices[0] | keys_unsorted | join(",")' \
	'device,kind,id,name,driver,parent,type,available,module,migratable,why'
mc gvt-src.umockdev --list -J -o kind
expect_rc 0
expect_jq '[.devices[].kind] | join(",")' 'mdev,parent,parent,parent,parent'
mc gvt-src.umockdev --list
expect_rc 0
expect_stdout_line 'DEVICE +KIND +ID +NAME +DRIVER +PARENT +TYPE +AVAILABLE +MODULE +MIGRATABLE *'

# --- help, version, usage ----------------------------------------------------------
mc_plain --help
expect_rc 0
expect_stdout_contains "Usage:"
expect_stderr_empty
mc_plain -h
expect_rc 0
expect_stdout_contains "Usage:"
mc_plain --version
expect_rc 0
expect_stdout_contains i915-gvt
mc_plain -V
expect_rc 0
expect_stdout_contains i915-gvt

# A result that cannot be written is trouble, on every exit path.
for args in --help --version -H "--decode $TOKEN"; do
	mc_full $args
	expect_trouble '^mig-check: write error: No space left on device$'
done
mc_full --decode not-a-token
expect_trouble '^mig-check: invalid token: '
mc_plain --bogus
expect_usage_error
mc_plain
expect_usage_error
mc_plain --emit $SRC_UUID --decode "$TOKEN"
expect_usage_error
mc_plain --accept
expect_usage_error
mc gvt-dst-free.umockdev --accept "$TOKEN" -c /nonexistent/mig-check.conf
expect_rc 2 "(-c with a missing file)"
expect_stdout_empty
expect_stderr_contains /nonexistent/mig-check.conf

# -s and -d restrict candidates: with --emit or --decode they are a usage error.
mc gvt-src.umockdev --emit -s 00:02.0 $SRC_UUID
expect_usage_error
mc_plain --decode x -d 8086:
expect_usage_error

finish
