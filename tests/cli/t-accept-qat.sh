# SPDX-License-Identifier: GPL-2.0-or-later
# Intel QAT VFs: --emit, --accept and --list on QAT hosts (mig-check(1)
# OPTIONS, EXIT STATUS, VENDOR MODULES/qat; mig-check-formats(5)).  Hosts:
# tests/fixtures/qat-*.umockdev (tests/fixtures/README.md).
. "$TESTLIB"

PF=0000:6b:00.0
VF1=0000:6b:00.1     # qat_vfio_pci on every GEN4 host but qat-dst-vfio
VF2=0000:6b:00.2     # vfio-pci
ACT1="driverctl set-override $VF1 qat_vfio_pci"
ACT2="driverctl set-override $VF2 qat_vfio_pci"
PL='.placements | map({record, device}) | tojson'
C1=$(cand_dev $VF1)
C2=$(cand_dev $VF2)

# --- emit -----------------------------------------------------------------------
mc qat-src.umockdev --emit $VF1
expect_token qat
SRC=$(cat "$OUT")
compare "checksum is the crc32 of everything before the last ':'" \
	"$(crc32 "${SRC%:*}")" "${SRC##*:}"
expect_stdout_lacks "6b:00"
expect_stdout_lacks "6b%3A00"

mc_plain --decode "$SRC" -J
expect_rc 0
expect_jq '.records | length' 1
expect_jq '.records[0].module' qat
expect_jq '.records[0].fields | keys | join(",")' 'dev,drv,gen,pf,svc,v'
expect_jq '.records[0].fields.v' 1
expect_jq '.records[0].fields.dev' 8086.4941
expect_jq '.records[0].fields.pf' 8086.4940
expect_jq '.records[0].fields.gen' 4
expect_jq '.records[0].fields.svc' asym+sym "svc: sym;asym as a sorted + set"
expect_jq '.records[0].fields.drv' qat_vfio_pci

# Other names of the same VF give the same token.
mc qat-src.umockdev --emit 6b:00.1
expect_rc 0 "(short address)"
compare "same token for 6b:00.1" "$SRC" "$(cat "$OUT")"
mc qat-src.umockdev --emit /sys/bus/pci/devices/$VF1
expect_rc 0 "(sysfs path)"
compare "same token for /sys/bus/pci/devices/$VF1" "$SRC" "$(cat "$OUT")"

mc qat-src.umockdev --emit -J $VF1
expect_rc 0
expect_jq '.token' "$SRC"
expect_jq '.records[0].device' $VF1
expect_jq '.records[0].module' qat
expect_jq '.records[0].fields.svc' asym+sym

# asym;sym on the PF is the same service set: the same token.
mc qat-dst-order.umockdev --emit $VF1
expect_rc 0 "(cfg_services asym;sym)"
compare "asym;sym and sym;asym give the same token" "$SRC" "$(cat "$OUT")"

# The PF state is a destination fact only: no state field in a token.
mc qat-dst-down.umockdev --emit -J $VF1
expect_rc 0 "(qat/state down)"
expect_jq '.records[0].fields | has("state")' false
expect_jq '.records[0].fields.svc' asym+sym

# A VF on plain vfio-pci still encodes (its drv says why it cannot migrate).
mc qat-src.umockdev --emit $VF2
expect_rc 0 "(VF on vfio-pci)"
VFIO_TOK=$(cat "$OUT")
mc_plain --decode "$VFIO_TOK" -J
expect_jq '.records[0].fields.drv' vfio-pci
expect_jq '.records[0].fields.dev' 8086.4941

# A PF is not what a VM holds.
mc qat-src.umockdev --emit $PF
expect_trouble '0000:6b:00\.0.*(physical function|PF)'
mc qat-src.umockdev --emit $VF1 $PF
expect_trouble '0000:6b:00\.0'
mc qat-src.umockdev --emit 0000:6b:00.7
expect_trouble '0000:6b:00\.7'

# 420xx: not in qat_vfio_pci's table, VF on vfio-pci.
mc qat-src-420xx.umockdev --emit $VF1
expect_rc 0 "(420xx VF)"
T420=$(cat "$OUT")
mc_plain --decode "$T420" -J
expect_jq '.records[0].fields | keys | join(",")' 'dev,drv,gen,pf,svc,v'
expect_jq '.records[0].fields.dev' 8086.4947
expect_jq '.records[0].fields.pf' 8086.4946
expect_jq '.records[0].fields.gen' 4
expect_jq '.records[0].fields.drv' vfio-pci

# GEN2 C62x: no qat/ group on the PF, so no svc field.
mc qat-src-c62x.umockdev --emit 0000:3d:01.0
expect_rc 0 "(C62x VF)"
TC62=$(cat "$OUT")
mc_plain --decode "$TC62" -J
expect_jq '.records[0].fields | keys | join(",")' 'dev,drv,gen,pf,v' "C62x: no svc field"
expect_jq '.records[0].fields.dev' 8086.37c9
expect_jq '.records[0].fields.pf' 8086.37c8
expect_jq '.records[0].fields.gen' 2
expect_jq '.records[0].fields.drv' c6xxvf
mc qat-src-c62x.umockdev --emit 0000:3d:00.0
expect_trouble '0000:3d:00\.0'

# --- accept: the same layout on another host -------------------------------------
judge 0 "" qat-dst-same.umockdev "$SRC"
expect_jq '.verdict' identical
expect_jq '.token.records[0].module' qat
expect_jq '[.candidates[].device] | sort | join(",")' "$VF1,$VF2" "the VFs are the candidates, not the PF"
expect_jq "$C1 | .kind" vf
expect_jq "$C1 | .parent" $PF
expect_jq "$C1 | .module" qat
expect_jq "$C1 | .record" 0
expect_jq "$C1 | .verdict" identical
expect_jq "$C1 | .action" null
expect_jq "$C1 | .kernel_check" absent
expect_jq "$C1 | .reasons | length" 0
expect_jq "$C2 | .verdict" actionable
expect_jq "$C2 | .action" "$ACT2"
expect_jq "$C2 | .kernel_check" absent
expect_jq "$(triple "$C2" drv)" '["qat_vfio_pci","vfio-pci","driver"]'
expect_jq "$PL" '[{"record":0,"device":"'$VF1'"}]'
judge 0 "(--ready, an identical candidate)" qat-dst-same.umockdev "$SRC" --ready

# The table: one row per candidate, the action where one is needed.
mc qat-dst-same.umockdev --accept "$SRC"
expect_rc 0 "(table)"
expect_stdout_lines 3
expect_stdout_line "$VF1 +vf +qat +identical *"
expect_stdout_line "$VF2 +vf +qat +actionable +$ACT2 +drv: .*"
mc qat-dst-same.umockdev --accept "$SRC" -P -o DEVICE,TYPE,KIND
expect_stdout_line "DEVICE=\"$VF1\" TYPE=\"\" KIND=\"vf\""
mc qat-dst-same.umockdev --accept "$SRC" -q
expect_rc 0 "(-q)"
expect_stdout_empty
expect_stderr_empty

# The token from stdin.
mc_stdin "$SRC" qat-dst-same.umockdev --accept - -J
expect_rc 0 "(token on stdin)"
expect_jq '.verdict' identical

# Restricting the candidates.
judge 0 "(DEVICE = the vfio-pci VF)" qat-dst-same.umockdev "$SRC" $VF2
expect_jq '.verdict' actionable
expect_jq '[.candidates[].device] | join(",")' $VF2
judge 1 "(--ready, best is actionable)" qat-dst-same.umockdev "$SRC" --ready $VF2
expect_jq '.verdict' actionable
# DEVICE is matched against the candidate's own PCI function (mig-check(1)
# OPTIONS): the PF is no candidate, so naming it leaves none.
mc qat-dst-same.umockdev --accept "$SRC" -J $PF
expect_trouble "$PF: not a candidate for this token"
# The same shape as --list: the argument as given, status 2.
mc qat-dst-same.umockdev --accept "$SRC" 6b:00.0
expect_trouble "^mig-check: 6b:00\.0: not a candidate for this token$"
# A device of another module names no candidate either (status 2, as
# --list of a device that does not matter).
mc mixed-dst.umockdev --accept "$SRC" 0000:00:02.0
expect_trouble "^mig-check: 0000:00:02\.0: not a candidate for this token$"
# DEVICE, then -s: a named candidate that -s filters out is no trouble.
mc qat-dst-same.umockdev --accept "$SRC" $VF1 -s 6b:00.2
expect_rc 1 "(DEVICE, then -s that leaves nothing)"
judge 0 "(-s 6b:00.2)" qat-dst-same.umockdev "$SRC" -s 6b:00.2
expect_jq '[.candidates[].device] | join(",")' $VF2
judge 0 "(-d 8086:4941)" qat-dst-same.umockdev "$SRC" -d 8086:4941
expect_jq '.candidates | length' 2
judge 1 "(-d 8086:4943: no candidate)" qat-dst-same.umockdev "$SRC" -d 8086:4943
expect_jq '.verdict' incompatible
expect_jq '.candidates | length' 0

# --- services in another order: the same set ---------------------------------------
judge 0 "(asym;sym)" qat-dst-order.umockdev "$SRC"
expect_jq '.verdict' identical
expect_jq "$C1 | .verdict" identical
expect_jq "$C1 | [.reasons[] | select(.field == \"svc\")] | length" 0 "no svc reason"
expect_jq "$C2 | .verdict" actionable

# --- other services: dc ----------------------------------------------------------------
judge 1 "(cfg_services dc)" qat-dst-dc.umockdev "$SRC"
expect_jq '.verdict' incompatible
expect_jq "$C1 | .verdict" incompatible
expect_jq "$(triple "$C1" svc)" '["asym+sym","dc","config"]'
expect_jq "$C1 | .action" null
expect_jq "$C2 | .verdict" incompatible
expect_jq "$C2 | .action" null "no action where it would not be enough"
expect_jq "$(triple "$C2" svc)" '["asym+sym","dc","config"]'
expect_jq "$PL" '[{"record":0,"device":null}]'

# --- PF down ---------------------------------------------------------------------------
judge 1 "(qat/state down)" qat-dst-down.umockdev "$SRC"
expect_jq '.verdict' incompatible
expect_jq "$C1 | .verdict" incompatible
expect_jq "$(reason "$C1" state) | [.destination, .category] | tojson" '["down","config"]'
expect_jq "$C1 | [.reasons[].field] | join(\",\")" state "the state is the only failing rule"
expect_jq "$C2 | .verdict" incompatible

# --- 401xx: another PF/VF device ---------------------------------------------------------
judge 1 "(401xx)" qat-dst-401xx.umockdev "$SRC"
expect_jq '.verdict' incompatible
expect_jq "$C1 | .verdict" incompatible
expect_jq "$(triple "$C1" dev)" '["8086.4941","8086.4943","hardware"]'
expect_jq "$(triple "$C1" pf)" '["8086.4940","8086.4942","hardware"]'
expect_jq "$C2 | .verdict" incompatible
expect_jq "$C2 | .action" null

# --- the only VF on vfio-pci: actionable -------------------------------------------------
judge 0 "(VF on vfio-pci)" qat-dst-vfio.umockdev "$SRC"
expect_jq '.verdict' actionable
expect_jq '.candidates | length' 1
expect_jq "$C1 | .verdict" actionable
expect_jq "$C1 | .action" "$ACT1"
expect_jq "$(triple "$C1" drv)" '["qat_vfio_pci","vfio-pci","driver"]'
expect_jq "$C1 | [.reasons[] | select(.field != \"drv\")] | length" 0 "the driver is all that differs"
expect_jq "$PL" '[{"record":0,"device":"'$VF1'"}]'
mc qat-dst-vfio.umockdev --accept "$SRC"
expect_rc 0 "(table)"
expect_stdout_line "$VF1 +vf +qat +actionable +$ACT1 +drv: .*"
mc qat-dst-vfio.umockdev --accept "$SRC" --ready -J
expect_rc 1 "(--ready)"
expect_jq '.verdict' actionable
expect_jq "$C1 | .action" "$ACT1" "--ready still reports the action"

# --- sources qat_vfio_pci cannot migrate ---------------------------------------------------
# 420xx: unsupported wherever it goes.
for fx in qat-dst-same qat-dst-vfio qat-src-420xx qat-src; do
	judge 1 "(420xx token)" $fx.umockdev "$T420"
	expect_jq '.verdict' unsupported
	expect_jq '[.candidates[].verdict] | unique | join(",")' unsupported
	expect_jq "[.candidates[] | select([.reasons[] | select(.field == \"dev\" and .source == \"8086.4947\" and .category == \"hardware\")] | length == 0)] | length" 0 \
		"every candidate has a hardware reason on dev 8086.4947"
	expect_jq '[.candidates[].action] | unique | tojson' '[null]'
done

# C62x: unsupported, and its missing svc never passes.
for fx in qat-dst-same qat-src-c62x; do
	judge 1 "(C62x token)" $fx.umockdev "$TC62"
	expect_jq '.verdict' unsupported
	expect_jq '[.candidates[].verdict] | unique | join(",")' unsupported
	expect_jq "[.candidates[] | select([.reasons[] | select(.field == \"dev\" and .source == \"8086.37c9\" and .category == \"hardware\")] | length == 0)] | length" 0 \
		"every candidate has a hardware reason on dev 8086.37c9"
done
mc qat-dst-same.umockdev --accept "$TC62" -J
expect_jq "$(reason "$C1" drv) | select(.source == \"c6xxvf\") | .category" driver

# A source VF not on qat_vfio_pci: unsupported (driver).
judge 1 "(source VF on vfio-pci)" qat-dst-same.umockdev "$VFIO_TOK"
expect_jq '.verdict' unsupported
expect_jq "$C1 | .verdict" unsupported
expect_jq "$(reason "$C1" drv) | select(.source == \"vfio-pci\") | .category" driver

# A destination VF qat_vfio_pci cannot take: unsupported, never actionable.
judge 1 "(4xxx token on a 420xx host)" qat-src-420xx.umockdev "$SRC"
expect_jq '.verdict' unsupported
expect_jq "$C1 | .verdict" unsupported
expect_jq "$C1 | .action" null
judge 1 "(4xxx token on a C62x host)" qat-src-c62x.umockdev "$SRC"
expect_jq '.verdict' unsupported
expect_jq '[.candidates[].verdict] | unique | join(",")' unsupported

# --- hand-made tokens -------------------------------------------------------------------
# Without svc: unknown (exit 2), never a guess.
F=$(mktoken "qat@v=1,dev=8086.4941,pf=8086.4940,gen=4,drv=qat_vfio_pci")
judge 2 "(no svc field)" qat-dst-same.umockdev "$F"
expect_jq '.verdict' unknown
expect_jq "$C1 | .verdict" unknown
expect_jq "$(reason "$C1" svc) | [.source, .destination] | tojson" '[null,"asym+sym"]'
# -q still says why the status is 2: one line per unknown record (mig-check(1)
# EXIT STATUS).
mc qat-dst-same.umockdev --accept "$F" -q
expect_rc 2 "(-q, unknown)"
expect_stdout_empty
expect_stderr "mig-check: record 1 of 1 (qat): unknown: svc: the token does not carry this field (none -> asym+sym)"
# ... but a failing rule still wins over the missing field.
judge 1 "(no svc field, other device)" qat-dst-401xx.umockdev "$F"
expect_jq "$C1 | .verdict" incompatible

# Another service set (sym alone): incompatible.
F=$(mktoken "qat@v=1,dev=8086.4941,pf=8086.4940,gen=4,svc=sym,drv=qat_vfio_pci")
judge 1 "(svc=sym)" qat-dst-same.umockdev "$F"
expect_jq "$(triple "$C1" svc)" '["sym","asym+sym","config"]'

# An unknown key within v=1 is ignored; a larger v is unknown
# (mig-check-formats(5) TOKEN/Versions).
expect_versions qat-dst-same.umockdev "$C1" identical qat \
	"dev=8086.4941,pf=8086.4940,gen=4,svc=asym+sym,drv=qat_vfio_pci"

# A QAT token on a host without QAT: no candidate.
judge 1 "(no QAT on the host)" gvt-dst-free.umockdev "$SRC"
expect_jq '.verdict' incompatible
expect_jq '.candidates | length' 0

# --- list -----------------------------------------------------------------------------
mc qat-src.umockdev --list -J
expect_rc 0
expect_jq '[.devices[].device] | join(",")' "$PF,$VF1,$VF2"
expect_jq ".devices[] | select(.device == \"$PF\") | [.kind, .id, .driver, .module, .migratable] | join(\" \")" \
	"pf 8086:4940 4xxx qat no"
expect_jq ".devices[] | select(.device == \"$VF1\") | [.kind, .id, .driver, .parent, .module, .migratable] | join(\" \")" \
	"vf 8086:4941 qat_vfio_pci $PF qat yes"
expect_jq ".devices[] | select(.device == \"$VF2\") | [.kind, .id, .driver, .parent, .module, .migratable] | join(\" \")" \
	"vf 8086:4941 vfio-pci $PF qat no"
expect_jq ".devices[] | select(.device == \"$VF2\") | .why" "not bound to qat_vfio_pci"
mc qat-src.umockdev --list -o DEVICE,MIGRATABLE,WHY -P
expect_rc 0 "(-o DEVICE,MIGRATABLE,WHY -P)"
expect_stdout_lines 3
expect_stdout_line "DEVICE=\"$VF1\" MIGRATABLE=\"yes\" WHY=\"\""
expect_stdout_line "DEVICE=\"$VF2\" MIGRATABLE=\"no\" WHY=\"not bound to qat_vfio_pci\""
expect_stdout_line "DEVICE=\"$PF\" MIGRATABLE=\"no\" WHY=\".+\""
mc qat-src.umockdev --list -J $VF2
expect_rc 0 "(--list DEVICE)"
expect_jq '[.devices[].device] | join(",")' $VF2

mc qat-src-c62x.umockdev --list -J
expect_rc 0 "(C62x)"
expect_jq '[.devices[] | select(.kind == "vf") | .migratable] | unique | join(",")' no
expect_jq '[.devices[] | select(.kind == "vf") | .module] | unique | join(",")' qat
expect_jq '.devices[] | select(.device == "0000:3d:01.0") | .why' "qat_vfio_pci does not migrate this QAT generation"
expect_jq '.devices[] | select(.device == "0000:3d:00.0") | [.kind, .module, .migratable] | join(" ")' "pf qat no"
mc qat-src-420xx.umockdev --list -J
expect_rc 0 "(420xx)"
expect_jq ".devices[] | select(.device == \"$VF1\") | [.migratable, .why] | join(\": \")" \
	"no: qat_vfio_pci does not migrate this QAT generation"
mc qat-dst-vfio.umockdev --list -J
expect_jq ".devices[] | select(.device == \"$VF1\") | [.migratable, .why] | join(\": \")" "no: not bound to qat_vfio_pci"

# --- attributes that fail or are absent (mig-check(1) DESCRIPTION/Devices) --------
PFDIR='$UMOCKDEV_DIR/sys/devices/pci0000:6b/0000:6b:00.0'
ERRNO='Permission denied|Operation not permitted'
mc_sh qat-src.umockdev "--emit, qat/cfg_services mode 000" '
	chmod 000 '"$PFDIR"'/qat/cfg_services
	exec "$MIG_CHECK" --emit "$1"' $VF1
expect_trouble "cfg_services.*($ERRNO)"
mc_sh qat-src.umockdev "--emit, PF device mode 000" '
	chmod 000 '"$PFDIR"'/device
	exec "$MIG_CHECK" --emit "$1"' $VF1
expect_trouble "0000:6b:00\.0.*($ERRNO)"
# A PF without the qat/ group (a kernel before 6.0): svc is left out.
mc_sh qat-src.umockdev "--emit, no qat/ group" '
	rm -r '"$PFDIR"'/qat
	exec "$MIG_CHECK" --emit -J "$1"' $VF1
expect_rc 0
expect_jq '.records[0].fields | has("svc")' false
expect_jq '.records[0].fields.dev' 8086.4941
mc qat-dst-same.umockdev --accept "$(jqout .token)" -J
expect_rc 2 "(token without svc)"
expect_jq "$C1 | .verdict" unknown

judge_after 2 qat-dst-same.umockdev "qat/state mode 000" '
	chmod 000 '"$PFDIR"'/qat/state' "$SRC"
expect_jq '.verdict' unknown
expect_jq '[.candidates[].verdict] | unique | join(",")' unknown
expect_jq "$C1 | [.reasons[] | select(.rule | test(\"qat/state.*($ERRNO)\"))] | length" 1 "the reason names qat/state and the errno"
judge_after 2 qat-dst-same.umockdev "no qat/ group" '
	rm -r '"$PFDIR"'/qat' "$SRC"
expect_jq "$C1 | .verdict" unknown
expect_jq "$C1 | [.reasons[].field] | sort | join(\",\")" 'state,svc'
judge_after 2 qat-dst-same.umockdev "PF device mode 000" '
	chmod 000 '"$PFDIR"'/device' "$SRC"
expect_jq '[.candidates[].verdict] | unique | join(",")' unknown
expect_jq '.candidates | length' 2 "the scan goes on"

finish
