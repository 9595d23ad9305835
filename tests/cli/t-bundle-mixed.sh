# SPDX-License-Identifier: GPL-2.0-or-later
# A VM with a GVT-g vGPU and a QAT VF: one bundle token, two modules, one
# placement per record on distinct candidates (mig-check(1) VERDICTS/Bundles;
# mig-check-formats(5) TOKEN, JSON OUTPUT). Hosts: mixed-src.umockdev (gvt-src
# + qat-src), mixed-dst.umockdev (gvt-dst-free + a QAT PF with one qat_vfio_pci
# VF).
. "$TESTLIB"

VF1=0000:6b:00.1
QAT_GVT='.placements | map({record, device}) | tojson'

# --- emit: one token, records in the order given --------------------------------------
mc mixed-src.umockdev --emit $SRC_UUID $VF1
expect_rc 0
expect_stderr_empty
expect_stdout_lines 1
B=$(cat "$OUT")
compare "one '/' between the two records" 1 "$(printf '%s' "$B" | tr -cd / | wc -c | tr -d ' ')"
compare "checksum" "$(crc32 "${B%:*}")" "${B##*:}"
expect_stdout_lacks "6b:00"
expect_stdout_lacks "00:02.0"
mc_plain --decode "$B" -J
expect_rc 0
expect_jq '.records | length' 2
expect_jq '[.records[].module] | join(",")' 'i915-gvt,qat'
expect_jq '.records[0].fields.type' GVTg_V5_4
expect_jq '.records[0].fields.uuid' $SRC_UUID
expect_jq '.records[1].fields.dev' 8086.4941
expect_jq '.records[1].fields.svc' asym+sym
expect_jq '.records[1].fields.drv' qat_vfio_pci
# Text counts records from 1, JSON from 0 (mig-check-formats(5) JSON OUTPUT).
mc_plain --decode "$B" -r -n -o RECORD,MODULE
expect_stdout_line '1 i915-gvt'
expect_stdout_line '2 qat'
expect_stdout_lacks '^0 '

# Each record is the one its host would emit alone.
mc gvt-src.umockdev --emit $SRC_UUID
G=$(cat "$OUT")
mc qat-src.umockdev --emit $VF1
Q=$(cat "$OUT")
G_BODY=${G#mig1:}
Q_BODY=${Q#mig1:}
compare "bundle = the two single records joined with '/'" \
	"mig1:${G_BODY%:*}/${Q_BODY%:*}" "${B%:*}"

mc mixed-src.umockdev --emit -J $VF1 $SRC_UUID
expect_rc 0 "(the other order)"
expect_jq '[.records[].module] | join(",")' 'qat,i915-gvt'
expect_jq '[.records[].device] | join(",")' "$VF1,$SRC_UUID"
BR=$(jqout .token)

# A PF or a parent in the list spoils the bundle.
mc mixed-src.umockdev --emit $SRC_UUID 0000:6b:00.0
expect_trouble '0000:6b:00\.0'
mc mixed-src.umockdev --emit $VF1 0000:00:02.0
expect_trouble '0000:00:02\.0'

# --- accept on the destination: both placed ------------------------------------------------
judge 0 "" mixed-dst.umockdev "$B"
expect_jq '.verdict' actionable "the weakest placement (the vGPU to create)"
expect_jq '.token.records | length' 2
expect_jq '.placements | length' 2
expect_jq "$QAT_GVT" '[{"record":0,"device":"0000:00:02.0"},{"record":1,"device":"'$VF1'"}]'
expect_jq '.placements[0].type' i915-GVTg_V5_4
expect_jq "$(cand_dev $VF1) | [.module, .record, .verdict] | join(\" \")" "qat 1 identical"
expect_jq "$(cand_type i915-GVTg_V5_4) | [.module, .record, .verdict] | join(\" \")" "i915-gvt 0 actionable"
expect_jq "$(cand_type i915-GVTg_V5_4) | .action" "$V54_ACTION"
expect_jq '[.candidates[] | select(.module == "qat") | .record] | unique | join(",")' 1 "QAT candidates judge record 1 only"
expect_jq '[.candidates[] | select(.module == "i915-gvt") | .record] | unique | join(",")' 0 "GVT candidates judge record 0 only"
judge 1 "(--ready: one placement is actionable)" mixed-dst.umockdev "$B" --ready
expect_jq '.verdict' actionable
mc mixed-dst.umockdev --accept "$B"
expect_rc 0 "(table)"
expect_stdout_line "$VF1 +vf +qat +identical +2"
judge 0 "(records in the other order)" mixed-dst.umockdev "$BR"
expect_jq "$QAT_GVT" '[{"record":0,"device":"'$VF1'"},{"record":1,"device":"0000:00:02.0"}]'

# The source host itself: the vGPU's own mdev and the VF are identical.
judge 0 "(source host)" mixed-src.umockdev "$B"
expect_jq '.verdict' identical
expect_jq "$QAT_GVT" '[{"record":0,"device":"'$SRC_UUID'"},{"record":1,"device":"'$VF1'"}]'

# --- a record without a candidate ---------------------------------------------------------
judge 1 "(no QAT on the host)" gvt-dst-free.umockdev "$B"
expect_jq '.verdict' incompatible
expect_jq '.placements[0].device' 0000:00:02.0
expect_jq '.placements[1].device' null
expect_jq '[.reasons[]? | select(.field == "record" and .source == "1")] | length' 1 \
	"a reason names the unplaced record 1"
mc gvt-dst-free.umockdev --accept "$B" -r -o DEVICE,RECORD
expect_rc 1 "(table, no QAT on the host)"
expect_stdout_line 'DEVICE RECORD'
expect_stdout_line '0000:00:02\.0 1'
expect_stdout_lacks ' 0$'
expect_stderr 'mig-check: record 2 of 2 (qat): no local device is a candidate for it: looked for a QAT VF; SR-IOV is likely off on the QAT PF: write the number of VFs to its sriov_numvfs'
mc gvt-dst-free.umockdev --accept "$B" -P -o DEVICE,RECORD
expect_stdout_line 'DEVICE="0000:00:02\.0" RECORD="1"'
# -q: trouble is still said, once per unknown record; a usage error too.
NOSVC=$(mktoken "i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_4,low=128,high=512,fence=4,res=1920x1200,weight=4,agg=1,uuid=$SRC_UUID,kver=8086-591d-GVTg_V5_4-00000001/qat@v=1,dev=8086.4941,pf=8086.4940,gen=4,drv=qat_vfio_pci")
mc mixed-dst.umockdev --accept "$NOSVC" -q
expect_rc 2 "(-q, the QAT record unknown)"
expect_stdout_empty
expect_stderr "mig-check: record 2 of 2 (qat): unknown: svc: the token does not carry this field (none -> asym+sym)"
mc mixed-dst.umockdev --accept "$NOSVC" -q -o BOGUS
expect_rc 2 "(-q, a bad column)"
expect_stderr_contains "BOGUS"
judge 1 "(no GPU on the host)" qat-dst-same.umockdev "$B"
expect_jq '.reasons[0].rule' 'no local device is a candidate for it: looked for an i915 GVT-g mdev, or an i915 device with mdev_supported_types; GVT-g is likely off: boot with i915.enable_gvt=1 and load the kvmgt module' \
	"no candidate: what the module looked for, and the likely cause"
expect_jq '.verdict' incompatible
expect_jq '.placements[0].device' null
expect_jq '.placements[1].device' $VF1
# Restricting the candidates to the VF leaves the vGPU record unplaced.
judge 1 "(DEVICE = the VF only)" mixed-dst.umockdev "$B" $VF1
expect_jq '.reasons[0].rule' 'no local device is a candidate for it: DEVICE, -s or -d left none'
expect_jq '.placements[0].device' null
expect_jq '.placements[1].device' $VF1

# An unplaced record decides: unsupported beats a usable placement.
T420_BODY="qat@v=1,dev=8086.4947,pf=8086.4946,gen=4,svc=asym+sym,drv=vfio-pci"
F=$(mktoken "${G_BODY%:*}/$T420_BODY")
judge 1 "(vGPU + a 420xx VF)" mixed-dst.umockdev "$F"
expect_jq '.verdict' unsupported
expect_jq '.placements[0].device' 0000:00:02.0
expect_jq '.placements[1].device' null

# Two QAT records, one QAT VF on the host: distinct candidates are needed.
F=$(mktoken "${G_BODY%:*}/${Q_BODY%:*}/${Q_BODY%:*}")
judge 1 "(two QAT records, one VF)" mixed-dst.umockdev "$F"
expect_jq '.placements | length' 3
expect_jq '[.placements[] | select(.device == null)] | length' 1
expect_jq '[.placements[] | select(.device == "'$VF1'")] | length' 1 "the VF is placed once"
judge 0 "(two QAT records, two VFs on the source host)" mixed-src.umockdev "$F"
expect_jq '[.placements[1:][].device] | sort | join(",")' "$VF1,0000:6b:00.2"
expect_jq '.verdict' actionable "the second VF needs the driver override"

finish
