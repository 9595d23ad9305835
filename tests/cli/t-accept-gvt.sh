# SPDX-License-Identifier: GPL-2.0-or-later
# --accept of a GVT-g token on destination hosts (mig-check(1) EXIT STATUS,
# VERDICTS, KERNEL CHECK, VENDOR MODULES/i915-gvt).
. "$TESTLIB"

V54=$(cand_type i915-GVTg_V5_4)
V58=$(cand_type i915-GVTg_V5_8)
V52=$(cand_type i915-GVTg_V5_2)
NOMIG="i915 GVT-g in this kernel has no live-migration support"
DST_UUID=0b5f5d3e-7c1a-4d2b-9e8f-6a5b4c3d2e1f
TYPES=/sys/devices/pci0000:00/0000:00:02.0/mdev_supported_types
PL='.placements | map({record, device}) | tojson'

token_of gvt-src.umockdev $SRC_UUID
SRC=$TOKEN

# --- identical: an existing V5_4 mdev ---------------------------------------
judge 0 "" gvt-dst-identical.umockdev "$SRC"
expect_jq '.format' 'mig-check/1'
expect_jq '.verdict' identical
expect_jq '[has("format"), has("verdict"), has("token"), has("placements"), has("candidates")] | all' true \
	"top level has format verdict token placements candidates"
expect_jq '.token.records | length' 1
expect_jq '.token.records[0].module' i915-gvt
expect_jq '.token.records[0].fields.type' GVTg_V5_4
expect_jq '.candidates | length' 5 "5 candidates: the mdev and 4 creatable types"
expect_jq '[.candidates[] | select(has("device") and has("kind") and has("parent") and has("module") and has("record") and has("verdict") and has("action") and has("kernel_check") and has("reasons") and has("type"))] | length' 5 \
	"every candidate has device kind parent module record verdict action kernel_check reasons type"
expect_jq '[.candidates[].reasons[] | keys | join(",")] | unique | join(" ")' 'category,destination,field,rule,source'
expect_jq "$(cand_dev $DST_UUID) | .kind" mdev
expect_jq "$(cand_dev $DST_UUID) | .parent" 0000:00:02.0
expect_jq "$(cand_dev $DST_UUID) | .type" i915-GVTg_V5_4
expect_jq "$(cand_dev $DST_UUID) | .module" i915-gvt
expect_jq "$(cand_dev $DST_UUID) | .record" 0
expect_jq "$(cand_dev $DST_UUID) | .verdict" identical
expect_jq "$(cand_dev $DST_UUID) | .action" null
expect_jq "$(cand_dev $DST_UUID) | .kernel_check" passed
expect_jq "$(cand_dev $DST_UUID) | .reasons | length" 0
expect_jq "$V54 | .device" 0000:00:02.0
expect_jq "$V54 | .parent" null
expect_jq "$V54 | .module" i915-gvt
expect_jq "$V54 | .verdict" actionable
expect_jq "$V54 | .action" "$V54_ACTION"
expect_jq "$V58 | .verdict" incompatible
expect_jq "$V58 | .kernel_check" skipped
expect_jq "$V58 | [.reasons[].field] | map(select(. == \"low\" or . == \"high\" or . == \"res\")) | sort | join(\",\")" 'high,low,res'
expect_jq "$V58 | .reasons[] | select(.field == \"low\") | [.source, .destination, .category] | join(\" \")" '128 64 config'
expect_jq "$V58 | .reasons[] | select(.field == \"res\") | [.source, .destination] | join(\" \")" '1920x1200 1024x768'
expect_jq "$V58 | [.reasons[] | select(.field == \"fence\")] | length" 0 "V5_8: no fence reason (4 = 4)"
expect_jq "$V52 | .reasons[] | select(.field == \"high\") | [.source, .destination, .category] | join(\" \")" '512 1024 config'
expect_jq "$PL" '[{"record":0,"device":"'$DST_UUID'"}]'

# The kernel check writes the token's kver to the candidate's attribute, and
# only to a candidate that passed every other rule (mig-check(1) KERNEL CHECK).
mc_sh gvt-dst-identical.umockdev "--accept writes kver to the identical mdev only" '
	m=$UMOCKDEV_DIR/sys/bus/mdev/devices/'$DST_UUID'/migration_version
	t=$UMOCKDEV_DIR'$TYPES'/i915-GVTg_V5_8/migration_version
	echo canary >"$m"; echo canary >"$t"
	"$MIG_CHECK" --accept "$1" -q; echo "rc=$?"
	echo "mdev=$(cat "$m")"; echo "V5_8=$(cat "$t")"' "$SRC"
expect_stdout_line 'rc=0'
expect_stdout_line 'mdev=8086-591d-GVTg_V5_4-00000001'
expect_stdout_line 'V5_8=canary'

# --no-kernel-check: no write, at best compatible, a kernel reason.
judge 0 "" gvt-dst-identical.umockdev "$SRC" --no-kernel-check
expect_jq '.verdict' compatible
expect_jq "$(cand_dev $DST_UUID) | .verdict" compatible
expect_jq "$(cand_dev $DST_UUID) | .kernel_check" skipped
expect_jq "$(cand_dev $DST_UUID) | [.reasons[] | select(.category == \"kernel\")] | length > 0" true
expect_jq "$V54 | .verdict" actionable
expect_jq "$V54 | .kernel_check" skipped
mc_sh gvt-dst-identical.umockdev "--accept --no-kernel-check writes nothing" '
	m=$UMOCKDEV_DIR/sys/bus/mdev/devices/'$DST_UUID'/migration_version
	echo canary >"$m"
	"$MIG_CHECK" --accept "$1" --no-kernel-check -q; echo "rc=$?"
	echo "mdev=$(cat "$m")"' "$SRC"
expect_stdout_line 'rc=0'
expect_stdout_line 'mdev=canary'

# Same host: the mdev with the token's UUID is preferred.
judge 0 "" gvt-src-multi.umockdev "$SRC"
expect_jq '.verdict' identical
expect_jq '.placements[0].device' $SRC_UUID "the mdev with the token's own UUID is preferred"
expect_jq "$(cand_dev 83b8f4f2-509f-382f-3c1e-e6bfe0fa1002) | .verdict" identical

# --- actionable: nothing created yet ----------------------------------------
judge 0 "" gvt-dst-free.umockdev "$SRC"
expect_jq '.verdict' actionable
expect_jq '.candidates | length' 4
expect_jq '[.candidates[].kind] | unique | join(",")' parent
expect_jq "$V54 | .verdict" actionable
expect_jq "$V54 | .action" "$V54_ACTION"
expect_jq "$V54 | .kernel_check" passed
expect_jq "$V54 | .record" 0
expect_jq "$V54 | .reasons | length > 0" true "an actionable candidate carries a reason"
expect_jq "[.candidates[] | select(.type != \"i915-GVTg_V5_4\") | .verdict] | unique | join(\",\")" incompatible
expect_jq "$PL" '[{"record":0,"device":"0000:00:02.0"}]'
judge 1 "(--ready, best is actionable)" gvt-dst-free.umockdev "$SRC" --ready
expect_jq '.verdict' actionable
judge 0 "" gvt-dst-free.umockdev "$SRC" --no-kernel-check
expect_jq "$V54 | .verdict" actionable
expect_jq "$V54 | .kernel_check" skipped

# An unknown key within a known v is ignored; a larger v is unknown
# (mig-check-formats(5) TOKEN/Versions).
expect_versions gvt-dst-free.umockdev "$V54" actionable i915-gvt \
	"dev=8086.591d,type=GVTg_V5_4,low=128,high=512,fence=4,res=1920x1200,weight=4,agg=1,uuid=$SRC_UUID,kver=8086-591d-GVTg_V5_4-00000001"

# A record without a field a rule needs (res): unknown.
F=$(mktoken "i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_4,low=128,high=512,fence=4,weight=4,agg=1,uuid=$SRC_UUID,kver=8086-591d-GVTg_V5_4-00000001")
judge 2 "(no res field)" gvt-dst-free.umockdev "$F"
expect_jq '.verdict' unknown
expect_jq "$V54 | .verdict" unknown
expect_jq "$V58 | .verdict" incompatible

# Aggregation: 2 x V5_8 = low 128, high 768, fence 8: no type has that.
F=$(mktoken "i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_8,low=64,high=384,fence=4,res=1024x768,weight=2,agg=2,uuid=$SRC_UUID,kver=8086-591d-GVTg_V5_8-00000001")
# Reasons say what is wrong (mig-check-formats(5) VERDICTS/Reasons), first the
# one that decided.
mc gvt-dst-free.umockdev --accept "$SRC" -P -o TYPE,REASON
expect_stdout_line 'TYPE="i915-GVTg_V5_8" REASON="low: differs after aggregation \(128 -> 64\)"'
expect_stdout_line 'TYPE="i915-GVTg_V5_2" REASON="low: differs after aggregation \(128 -> 256\)"'
judge 1 "(agg=2)" gvt-dst-free.umockdev "$F"
expect_jq "$V58 | .verdict" incompatible
expect_jq "$V58 | [.reasons[] | select(.field == \"low\")] | length" 1
expect_jq "$V54 | .verdict" incompatible
expect_jq "$V54 | [.reasons[] | select(.field == \"high\")] | length" 1

# Another type name with the same resources: compatible (rule 3).
F=$(mktoken "i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_4x,low=128,high=512,fence=4,res=1920x1200,weight=4,agg=1,uuid=$SRC_UUID,kver=8086-591d-GVTg_V5_4-00000001")
judge 0 "(type GVTg_V5_4x, same resources)" gvt-dst-identical.umockdev "$F"
expect_jq '.verdict' compatible
expect_jq "$(cand_dev $DST_UUID) | .verdict" compatible
expect_jq "$(cand_dev $DST_UUID) | .kernel_check" passed
expect_jq "$(cand_dev $DST_UUID) | [.reasons[] | select(.field == \"type\")] | length" 1
expect_jq "$(cand_dev $DST_UUID) | .reasons[] | select(.field == \"type\") | [.source, (.destination | endswith(\"GVTg_V5_4\"))] | join(\" \")" 'GVTg_V5_4x true'

# --- other GPUs --------------------------------------------------------------
judge 1 "" gvt-dst-cfl.umockdev "$SRC"
expect_jq '.verdict' incompatible
expect_jq "$V54 | .verdict" incompatible
expect_jq "$V54 | .kernel_check" skipped
expect_jq "$V54 | .action" null
expect_jq "$V54 | .reasons[] | select(.field == \"dev\") | [.source, .destination, .category] | join(\" \")" '8086.591d 8086.3e92 hardware'
expect_jq "$V54 | .reasons[] | select(.field == \"dev\") | .rule" 'physical device differs'
expect_jq "$PL" '[{"record":0,"device":null}]'

judge 1 "" gvt-dst-bdw.umockdev "$SRC"
expect_jq '.verdict' incompatible
expect_jq "$(cand_type i915-GVTg_V4_4) | .verdict" incompatible
expect_jq "$(cand_type i915-GVTg_V4_4) | .reasons[] | select(.field == \"dev\") | [.source, .destination, .category, .rule] | join(\" \")" \
	'8086.591d 8086.1616 hardware physical device differs'

# --- capacity ----------------------------------------------------------------
judge 0 "" gvt-dst-small-aperture.umockdev "$SRC"
expect_jq '.verdict' actionable
expect_jq '.candidates | length' 2
expect_jq "$V54 | .verdict" actionable
expect_jq "$V54 | .action" "$V54_ACTION"

token_of gvt-src-v52.umockdev 5a2e4c1d-8b3f-4e6a-9c7d-1f2e3d4c5b6a
judge 1 "" gvt-dst-small-aperture.umockdev "$TOKEN"
expect_jq '.verdict' incompatible
expect_jq '[.candidates[].verdict] | join(",")' 'incompatible,incompatible'
expect_jq "$V54 | .reasons[] | select(.field == \"low\") | [.source, .destination, .category] | join(\" \")" '256 128 config'
judge 0 "(V5_2 token on a free host)" gvt-dst-free.umockdev "$TOKEN"
expect_jq "$V52 | .verdict" actionable
expect_jq "$V52 | .action" "mdevctl start --uuid 5a2e4c1d-8b3f-4e6a-9c7d-1f2e3d4c5b6a --parent 0000:00:02.0 --type i915-GVTg_V5_2"

# A full type is still a candidate, of capacity (mig-check-formats(5)
# VERDICTS/Reasons).
judge 1 "" gvt-dst-exhausted.umockdev "$SRC"
expect_jq '.verdict' incompatible
expect_jq "$V54 | [.verdict, .kernel_check] | join(\" \")" "incompatible skipped" "V5_4 full: a capacity candidate"
expect_jq "$V54 | .reasons[] | [.field, .rule, .destination, .category] | join(\" \")" \
	'available_instances no free instance 0 capacity'
expect_jq '.candidates | length' 3 "the V5_8 mdev, the V5_4 and V5_8 types"
expect_jq "$(cand_dev d1e0c9b8-a7f6-4e5d-8c4b-3a2918070605) | .verdict" incompatible
expect_jq '.placements[0].device' null

# --- old kernel: no name files, no weight line --------------------------------
judge 0 "" gvt-dst-oldkernel.umockdev "$SRC"
expect_jq '.verdict' actionable
expect_jq "$V54 | .verdict" actionable
expect_jq "$V54 | .action" "$V54_ACTION"
expect_jq "$V54 | .reasons[] | select(.field == \"weight\") | [.source, .destination] | tojson" '["4",null]'

# Weight differs: a note, verdict at worst compatible (rule 4).
F=$(mktoken "i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_4,low=128,high=512,fence=4,res=1920x1200,weight=6,agg=1,uuid=$SRC_UUID,kver=8086-591d-GVTg_V5_4-00000001")
judge 0 "(weight 6)" gvt-dst-identical.umockdev "$F"
expect_jq '.verdict' compatible
expect_jq "$(cand_dev $DST_UUID) | .verdict" compatible
expect_jq "$(cand_dev $DST_UUID) | .reasons[] | select(.field == \"weight\") | [.source, .destination] | join(\" \")" '6 4'

# --- no kernel support --------------------------------------------------------
judge 1 "" gvt-dst-upstream.umockdev "$SRC"
expect_jq '.verdict' unsupported
expect_jq '[.candidates[].verdict] | unique | join(",")' unsupported
expect_jq "$V54 | .reasons[] | select(.field == \"kver\") | [.source, .destination, .category, .rule] | tojson" \
	'["8086-591d-GVTg_V5_4-00000001",null,"kernel","'"$NOMIG"'"]'
expect_jq "$V54 | .kernel_check != \"passed\"" true
expect_jq "$V58 | [.reasons[] | select(.field == \"low\")] | length" 1 "other rules still evaluated and reported"
# The reason that decided the verdict comes first, in JSON and with -v.
expect_jq "$V58 | [.reasons[].field] | join(\",\")" 'kver,low,high,res,weight' "the deciding reason first"
mc gvt-dst-upstream.umockdev --accept "$SRC" -P -v -o TYPE,REASON
expect_stdout_line "TYPE=\"i915-GVTg_V5_8\" REASON=\"kver: $NOMIG \\(8086-591d-GVTg_V5_4-00000001 -> none\\); low: differs after aggregation \\(128 -> 64\\); .*\""


token_of gvt-src-upstream.umockdev $SRC_UUID
UP=$TOKEN
judge 1 "" gvt-dst-upstream.umockdev "$UP"
expect_jq '.verdict' unsupported
expect_jq '.token.records[0].fields | has("kver")' false
expect_jq "$V54 | .verdict" unsupported
expect_jq "$V54 | .kernel_check" absent
expect_jq "$V54 | .reasons[] | select(.field == \"kver\") | [.category, .rule] | join(\": \")" "kernel: $NOMIG"
judge 1 "(source without migration support)" gvt-dst-free.umockdev "$UP"
expect_jq '.verdict' unsupported
expect_jq "$V54 | .verdict" unsupported
expect_jq "$V54 | .reasons[] | select(.field == \"kver\") | [.source, .destination != null, .category, .rule] | tojson" \
	'[null,true,"kernel","'"$NOMIG"'"]'

# --- the kernel says no --------------------------------------------------------
judge 1 "" gvt-dst-kfail.umockdev "$SRC"
expect_jq '.verdict' incompatible
expect_jq "$V54 | .verdict" incompatible
expect_jq "$V54 | .kernel_check" failed
expect_jq "$V54 | [.reasons[] | select(.category == \"kernel\" and (.rule | contains(\"No space left on device\")))] | length" 1
expect_jq "[.candidates[].verdict] | unique | join(\",\")" incompatible
judge 0 "(--no-kernel-check skips the failing write)" gvt-dst-kfail.umockdev "$SRC" --no-kernel-check
expect_jq "$V54 | .verdict" actionable
expect_jq "$V54 | .kernel_check" skipped

# --- restricting the candidates ------------------------------------------------
judge 0 "(DEVICE = the mdev)" gvt-dst-identical.umockdev "$SRC" $DST_UUID
expect_jq '[.candidates[].device] | join(",")' $DST_UUID
judge 0 "(-s 00:02.0)" gvt-dst-identical.umockdev "$SRC" -s 00:02.0
expect_jq '.candidates | length' 5
judge 0 "(-d 8086:591d)" gvt-dst-identical.umockdev "$SRC" -d 8086:591d
expect_jq '.candidates | length' 5
judge 1 "(-d 8086:3e92: no candidate)" gvt-dst-identical.umockdev "$SRC" -d 8086:3e92
expect_jq '.verdict' incompatible
expect_jq '.candidates | length' 0
judge 0 "(DEVICE = the parent)" gvt-dst-free.umockdev "$SRC" 0000:00:02.0
expect_jq "$V54 | .verdict" actionable
judge 2 "(DEVICE not found)" gvt-dst-free.umockdev "$SRC" 0000:99:00.0
judge 0 "(DEVICE = the parent, short form)" gvt-dst-free.umockdev "$SRC" 00:02.0
expect_jq '.candidates | length' 4
judge 1 "(-d :3e92)" gvt-dst-identical.umockdev "$SRC" -d :3e92
expect_jq '.candidates | length' 0
judge 0 "(-d 8086:)" gvt-dst-identical.umockdev "$SRC" -d 8086:
expect_jq '.candidates | length' 5
judge 1 "(-s 01:00.0)" gvt-dst-identical.umockdev "$SRC" -s 01:00.0
expect_jq '.candidates | length' 0
mc gvt-dst-identical.umockdev --accept "$SRC" -J -s zz:zz.z
expect_trouble 'zz:zz\.z'

# --- the README demo hosts (examples/) ---------------------------------------------
mc ../../examples/source-host.umockdev --emit $SRC_UUID
expect_rc 0
compare "examples/source-host gives the gvt-src token" "$SRC" "$(cat "$OUT")"
judge 0 "" ../../examples/destination-host.umockdev "$SRC"
expect_jq '.verdict' actionable
expect_jq "$V54 | .action" "$V54_ACTION"
expect_jq "$(cand_dev 4c1b7e2a-9d3f-4a6e-8b5c-2e7f1a9d3c60) | .verdict" incompatible

finish
