# SPDX-License-Identifier: GPL-2.0-or-later
# Bundle tokens: several vGPUs of one VM (mig-check(1) VERDICTS/Bundles;
# mig-check-formats(5) TOKEN, JSON OUTPUT).
. "$TESTLIB"

A=83b8f4f2-509f-382f-3c1e-e6bfe0fa1001   # V5_4
B=83b8f4f2-509f-382f-3c1e-e6bfe0fa1002   # V5_4
C=83b8f4f2-509f-382f-3c1e-e6bfe0fa1003   # V5_8
DST_UUID=0b5f5d3e-7c1a-4d2b-9e8f-6a5b4c3d2e1f
PL='.placements | map({record, device}) | tojson'

# --- emit: records in the order given ----------------------------------------
mc gvt-src-multi.umockdev --emit $A $C
expect_rc 0
expect_stdout_lines 1
AC=$(cat "$OUT")
compare "one '/' between the two records" 1 "$(printf '%s' "$AC" | tr -cd / | wc -c | tr -d ' ')"
compare "checksum" "$(crc32 "${AC%:*}")" "${AC##*:}"
mc_plain --decode "$AC" -J
expect_rc 0
expect_jq '.records | length' 2
expect_jq '[.records[].module] | join(",")' 'i915-gvt,i915-gvt'
expect_jq '[.records[].fields.uuid] | join(",")' "$A,$C"
expect_jq '[.records[].fields.type] | join(",")' 'GVTg_V5_4,GVTg_V5_8'
expect_jq '[.records[].fields.low] | join(",")' '128,64'
expect_jq '[.records[].fields.kver] | join(",")' '8086-591d-GVTg_V5_4-00000001,8086-591d-GVTg_V5_8-00000001'

mc gvt-src-multi.umockdev --emit -J $C $A
expect_rc 0
expect_jq '[.records[].device] | join(",")' "$C,$A"
expect_jq '[.records[].fields.type] | join(",")' 'GVTg_V5_8,GVTg_V5_4'

mc gvt-src-multi.umockdev --emit $A $B
expect_rc 0
AB=$(cat "$OUT")

# One bad device spoils the bundle.
mc gvt-src-multi.umockdev --emit $A 0000:00:02.0
expect_trouble '0000:00:02\.0'

# --- accept ----------------------------------------------------------------
# Free host: each record gets its own creatable type.
judge 0 "" gvt-dst-free.umockdev "$AC"
expect_jq '.verdict' actionable
expect_jq '.token.records | length' 2
expect_jq '.placements | length' 2
expect_jq "$PL" '[{"record":0,"device":"0000:00:02.0"},{"record":1,"device":"0000:00:02.0"}]'
expect_jq '[.candidates[] | select(.verdict == "actionable") | .action] | unique | sort | join("|")' \
	"mdevctl start --uuid $A --parent 0000:00:02.0 --type i915-GVTg_V5_4|mdevctl start --uuid $C --parent 0000:00:02.0 --type i915-GVTg_V5_8"
judge 1 "(--ready)" gvt-dst-free.umockdev "$AC" --ready

# Two V5_4 records on a host with an identical mdev and free V5_4 instances:
# one takes the mdev, the other a new one; the weakest placement wins.
judge 0 "" gvt-dst-identical.umockdev "$AB"
expect_jq '.verdict' actionable
expect_jq '[.placements[].device] | sort | join(",")' "0000:00:02.0,$DST_UUID"
expect_jq '[.placements[].record] | sort | join(",")' '0,1'
judge 1 "(--ready: one placement is actionable)" gvt-dst-identical.umockdev "$AB" --ready

# Small aperture: V5_4 1, V5_8 2 available.
judge 0 "(V5_4 + V5_8 fit)" gvt-dst-small-aperture.umockdev "$AC"
expect_jq '.verdict' actionable
expect_jq '[.placements[].device | select(. != null)] | length' 2
# ... but only one V5_4: the second V5_4 record stays unplaced.
judge 1 "(two V5_4, one available)" gvt-dst-small-aperture.umockdev "$AB"
expect_jq '.verdict' incompatible
expect_jq '.placements | length' 2
expect_jq '[.placements[] | select(.device == null)] | length' 1
expect_jq '[.placements[] | select(.device == "0000:00:02.0")] | length' 1
expect_jq '[.reasons[]? | select(.field == "record" and .source == "1")] | length' 1 \
	"a reason names the unplaced record 1"

# Exhausted: the V5_4 record has no candidate at all.
judge 1 "" gvt-dst-exhausted.umockdev "$AC"
expect_jq '.verdict' incompatible
expect_jq '.placements[0].device' null
expect_jq '.placements[1].device != null' true

# No kernel support: unsupported, whatever else matches.
judge 1 "" gvt-dst-upstream.umockdev "$AC"
expect_jq '.verdict' unsupported

# Quiet
mc gvt-dst-small-aperture.umockdev --accept "$AB" -q
expect_rc 1 "(-q)"
expect_stdout_empty
expect_stderr_empty

finish
