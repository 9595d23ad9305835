# SPDX-License-Identifier: GPL-2.0-or-later
# NVMe VFs: --emit, --accept and --list on NVMe hosts with a configuration
# (mig-check(1) EXIT STATUS, VENDOR MODULES/nvme; mig-check-formats(5);
# mig-check.conf(5)).  Hosts: tests/fixtures/nvme-*.umockdev
# (tests/fixtures/README.md);
# configurations: tests/fixtures/nvme-*.conf.
. "$TESTLIB"

PF=0000:3b:00.0
VF1=0000:3b:00.1     # nvme_vfio_pci on nvme-src, -dst-same, -dst-fw
VF2=0000:3b:00.2     # vfio-pci
STORE_A=tcp://192.0.2.10:4420/nqn.2014-08.org.example:vol1
STORE_B=tcp://192.0.2.10:4420/nqn.2014-08.org.example:vol2
OWN_STORE=pcie:///nqn.2019-08.org.qemu:deadbeef
ACT1="driverctl set-override $VF1 nvme_vfio_pci"
CONF_A=$FIXTURES/nvme-store-a.conf
CONF_B=$FIXTURES/nvme-store-b.conf
NOSTORE=$FIXTURES/nvme-nostore.conf
NODRIVERS=$FIXTURES/nvme-nodrivers.conf
PL='.placements | map({record, device}) | tojson'
C1=$(cand_dev $VF1)
C2=$(cand_dev $VF2)
USABLE='[.candidates[] | select(.verdict == "identical" or .verdict == "compatible" or .verdict == "actionable")] | length'

# --- emit -------------------------------------------------------------------------
mc nvme-src.umockdev --emit $VF1 -c "$CONF_A"
expect_token nvme
SRC=$(cat "$OUT")
compare "checksum" "$(crc32 "${SRC%:*}")" "${SRC##*:}"
expect_stdout_lacks "3b:00"
expect_stdout_lacks "3b%3A00"
expect_stdout_lacks " "

mc_plain --decode "$SRC" -J
expect_rc 0
expect_jq '.records[0].module' nvme
expect_jq '.records[0].fields | keys | join(",")' 'dev,drv,fr,mn,pf,store,v'
expect_jq '.records[0].fields.v' 1
expect_jq '.records[0].fields.dev' 1b36.0010
expect_jq '.records[0].fields.pf' 1b36.0010
expect_jq '.records[0].fields.mn' 'QEMU NVMe Ctrl' "mn: the 40-byte model, trimmed"
expect_jq '.records[0].fields.fr' 9.2.0 "fr: the 8-byte firmware revision, trimmed"
expect_jq '.records[0].fields.drv' nvme_vfio_pci
expect_jq '.records[0].fields.store' "$STORE_A"

mc nvme-src.umockdev --emit -J $VF1 -c "$CONF_A"
expect_rc 0
expect_jq '.token' "$SRC"
expect_jq '.records[0].device' $VF1

# Without a configuration the source knows no store: the field stays out.
mc nvme-src.umockdev --emit $VF1 -c "$NOSTORE"
expect_rc 0 "(no nvme.store)"
NOSTORE_TOK=$(cat "$OUT")
mc_plain --decode "$NOSTORE_TOK" -J
expect_jq '.records[0].fields | keys | join(",")' 'dev,drv,fr,mn,pf,v'

# nvme.store is per device: VF2 has none.
mc nvme-src.umockdev --emit -J $VF2 -c "$CONF_A"
expect_rc 0 "(VF2)"
expect_jq '.records[0].fields | has("store")' false
expect_jq '.records[0].fields.drv' vfio-pci
VFIO_TOK=$(jqout .token)

# A VF bound to nvme: the store of its own controller.
mc nvme-dst-nvme.umockdev --emit -J $VF1
expect_rc 0 "(VF bound to nvme)"
expect_jq '.records[0].fields.drv' nvme
expect_jq '.records[0].fields.store' "$OWN_STORE"
expect_jq '.records[0].fields.mn' 'QEMU NVMe Ctrl'
OWN_TOK=$(jqout .token)
# ... and the configuration, where it names one, comes first.
mc nvme-dst-nvme.umockdev --emit -J $VF1 -c "$CONF_A"
expect_rc 0 "(VF bound to nvme, nvme.store set)"
expect_jq '.records[0].fields.store' "$STORE_A"

# PF and root port are not what a VM holds.
mc nvme-src.umockdev --emit $PF -c "$CONF_A"
expect_trouble '0000:3b:00\.0.*(physical function|PF)'
mc nvme-src.umockdev --emit 0000:00:1c.0
expect_trouble '0000:00:1c\.0'

# --- accept: identical ----------------------------------------------------------------
judge 0 "" nvme-dst-same.umockdev "$SRC" -c "$CONF_A"
expect_jq '.verdict' identical
expect_jq '[.candidates[].device] | sort | join(",")' "$VF1,$VF2"
expect_jq "$C1 | .kind" vf
expect_jq "$C1 | .parent" $PF
expect_jq "$C1 | .module" nvme
expect_jq "$C1 | .verdict" identical
expect_jq "$C1 | .reasons | length" 0
expect_jq "$C1 | .action" null
expect_jq "$C1 | .kernel_check" absent
# VF2 has no store on this host: unknown, with its driver reason listed too.
expect_jq "$C2 | .verdict" unknown
expect_jq "$(triple "$C2" store)" '["'"$STORE_A"'",null,"config"]'
expect_jq "$C2 | [.reasons[] | select(.field == \"drv\")] | length" 1
expect_jq "$C2 | .action" null "no action while the candidate is unknown"
expect_jq "$PL" '[{"record":0,"device":"'$VF1'"}]'

# --- accept: store differs ------------------------------------------------------------
judge 2 "(other store; VF2 unknown)" nvme-dst-same.umockdev "$SRC" -c "$CONF_B"
expect_jq '.verdict' unknown
expect_jq "$C1 | .verdict" incompatible
expect_jq "$(triple "$C1" store)" '["'"$STORE_A"'","'"$STORE_B"'","config"]'
expect_jq "$USABLE" 0
judge 1 "(other store, VF1 only)" nvme-dst-same.umockdev "$SRC" -c "$CONF_B" $VF1
expect_jq '.verdict' incompatible

# --- accept: store unknown on one side -------------------------------------------------
judge 2 "(no store on the destination)" nvme-dst-same.umockdev "$SRC" -c "$NOSTORE"
expect_jq '.verdict' unknown
expect_jq "$C1 | .verdict" unknown
expect_jq "$(triple "$C1" store)" '["'"$STORE_A"'",null,"config"]'
expect_jq "$USABLE" 0 "never compatible without a store"
judge 2 "(no store in the token)" nvme-dst-same.umockdev "$NOSTORE_TOK" -c "$CONF_A"
expect_jq '.verdict' unknown
expect_jq "$C1 | .verdict" unknown
expect_jq "$(triple "$C1" store)" '[null,"'"$STORE_A"'","config"]'
expect_jq "$USABLE" 0 "never compatible without a store"
judge 2 "(no store on either side)" nvme-dst-same.umockdev "$NOSTORE_TOK" -c "$NOSTORE"
expect_jq "$C1 | .verdict" unknown
expect_jq "$(reason "$C1" store) | .category" config

# --- accept: no migration driver configured ---------------------------------------------
judge 1 "(no migration-drivers)" nvme-dst-same.umockdev "$SRC" -c "$NODRIVERS"
expect_jq '.verdict' unsupported
expect_jq '[.candidates[].verdict] | unique | join(",")' unsupported
expect_jq "$(reason "$C1" drv) | select(.source == \"nvme_vfio_pci\") | .category" 'driver
driver' "both drv rules fail, category driver"
expect_jq "[.candidates[].action] | unique | tojson" '[null]'

# --- accept: firmware differs --------------------------------------------------------------
judge 1 "(firmware 9.3.0)" nvme-dst-fw.umockdev "$SRC" -c "$CONF_A"
expect_jq '.verdict' incompatible
expect_jq "$C1 | .verdict" incompatible
expect_jq "$(triple "$C1" fr)" '["9.2.0","9.3.0","hardware"]'
expect_jq "$C1 | [.reasons[].field] | join(\",\")" fr "firmware is the only failing rule"
expect_jq "$C2 | .verdict" incompatible "incompatible wins over unknown"
expect_jq "$PL" '[{"record":0,"device":null}]'
mc nvme-dst-fw.umockdev --accept "$SRC" -c "$CONF_A" -P -o DEVICE,REASON
expect_stdout_line "DEVICE=\"$VF1\" REASON=\"fr: firmware revision differs \\(9\\.2\\.0 -> 9\\.3\\.0\\)\""

# --- accept: VF on vfio-pci ---------------------------------------------------------------
judge 0 "(VF on vfio-pci)" nvme-dst-vfio.umockdev "$SRC" -c "$CONF_A"
expect_jq '.verdict' actionable
expect_jq "$C1 | .verdict" actionable
expect_jq "$C1 | .action" "$ACT1"
expect_jq "$(triple "$C1" drv)" '["nvme_vfio_pci","vfio-pci","driver"]'
expect_jq "$PL" '[{"record":0,"device":"'$VF1'"}]'
mc nvme-dst-vfio.umockdev --accept "$SRC" -c "$CONF_A" $VF1
expect_rc 0 "(table)"
expect_stdout_line "$VF1 +vf +nvme +actionable +$ACT1 +drv: .*"
judge 1 "(--ready)" nvme-dst-vfio.umockdev "$SRC" -c "$CONF_A" --ready
expect_jq '.verdict' actionable
# The action binds the first driver of the list.
printf '[global]\nmigration-drivers = acme_nvme_vfio, nvme_vfio_pci\n[device %s]\nnvme.store = %s\n' \
	$VF1 "$STORE_A" >"$T/two.conf"
judge 0 "(two migration drivers)" nvme-dst-vfio.umockdev "$SRC" -c "$T/two.conf"
expect_jq "$C1 | .verdict" actionable
expect_jq "$C1 | .action" "driverctl set-override $VF1 acme_nvme_vfio"
# No migration driver configured: unsupported, no action.
judge 1 "(VF on vfio-pci, no migration-drivers)" nvme-dst-vfio.umockdev "$SRC" -c "$NODRIVERS"
expect_jq "$C1 | .verdict" unsupported
expect_jq "$C1 | .action" null

# --- accept: VF bound to nvme, store from its own controller -----------------------------
judge 2 "(own controller's store differs; VF2 unknown)" nvme-dst-nvme.umockdev "$SRC" -c "$NOSTORE"
expect_jq "$C1 | .verdict" incompatible
expect_jq "$(triple "$C1" store)" '["'"$STORE_A"'","'"$OWN_STORE"'","config"]'
judge 0 "(nvme.store configured on the destination)" nvme-dst-nvme.umockdev "$SRC" -c "$CONF_A"
expect_jq "$C1 | .verdict" actionable
expect_jq "$C1 | .action" "$ACT1"
expect_jq "$(triple "$C1" drv)" '["nvme_vfio_pci","nvme","driver"]'
F=$(mktoken "nvme@v=1,dev=1b36.0010,pf=1b36.0010,mn=QEMU%20NVMe%20Ctrl,fr=9.2.0,drv=nvme_vfio_pci,store=pcie%3A%2F%2F%2Fnqn.2019-08.org.qemu%3Adeadbeef")
judge 0 "(token store = the VF's own pcie store)" nvme-dst-nvme.umockdev "$F" -c "$NOSTORE" $VF1
expect_jq "$C1 | .verdict" actionable
expect_jq "$C1 | .action" "$ACT1"
expect_jq "$C1 | [.reasons[] | select(.field == \"store\")] | length" 0

# --- sources that cannot migrate ---------------------------------------------------------
judge 1 "(source VF on vfio-pci)" nvme-dst-same.umockdev "$VFIO_TOK" -c "$CONF_A"
expect_jq '.verdict' unsupported
expect_jq "$C1 | .verdict" unsupported
expect_jq "$(reason "$C1" drv) | select(.source == \"vfio-pci\") | .category" driver
judge 1 "(source VF on nvme)" nvme-dst-same.umockdev "$OWN_TOK" -c "$CONF_A"
expect_jq '.verdict' unsupported
expect_jq "$(reason "$C1" drv) | select(.source == \"nvme\") | .category" driver

# --- hand-made tokens: identity fields -----------------------------------------------------
base="dev=1b36.0010,pf=1b36.0010,mn=QEMU%20NVMe%20Ctrl,fr=9.2.0,drv=nvme_vfio_pci,store=tcp%3A%2F%2F192.0.2.10%3A4420%2Fnqn.2014-08.org.example%3Avol1"
F=$(mktoken "nvme@v=1,$base")
judge 0 "(hand-made token = emitted one)" nvme-dst-same.umockdev "$F" -c "$CONF_A" $VF1
expect_jq "$C1 | .verdict" identical
F=$(mktoken "nvme@v=1,$(printf '%s' "$base" | sed 's/mn=QEMU%20NVMe%20Ctrl/mn=SAMSUNG%20MZWLJ3T8HBLS-00007/')")
judge 1 "(other model)" nvme-dst-same.umockdev "$F" -c "$CONF_A" $VF1
expect_jq "$(triple "$C1" mn)" '["SAMSUNG MZWLJ3T8HBLS-00007","QEMU NVMe Ctrl","hardware"]'
F=$(mktoken "nvme@v=1,$(printf '%s' "$base" | sed 's/dev=1b36.0010,pf=1b36.0010/dev=144d.a824,pf=144d.a824/')")
judge 1 "(other device)" nvme-dst-same.umockdev "$F" -c "$CONF_A" $VF1
expect_jq "$(triple "$C1" dev)" '["144d.a824","1b36.0010","hardware"]'
expect_jq "$(triple "$C1" pf)" '["144d.a824","1b36.0010","hardware"]'
F=$(mktoken "nvme@v=1,$(printf '%s' "$base" | sed 's/,fr=9.2.0//')")
judge 2 "(no fr field)" nvme-dst-same.umockdev "$F" -c "$CONF_A" $VF1
expect_jq "$C1 | .verdict" unknown
expect_jq "$(reason "$C1" fr) | [.source, .destination] | tojson" '[null,"9.2.0"]'
# An unknown key within v=1 is ignored; a larger v is unknown
# (mig-check-formats(5) TOKEN/Versions).
expect_versions nvme-dst-same.umockdev "$C1" identical nvme "$base" -c "$CONF_A"

# --- list -----------------------------------------------------------------------------
mc nvme-src.umockdev --list -J -c "$CONF_A"
expect_rc 0
expect_jq '[.devices[].device] | join(",")' "$PF,$VF1,$VF2" "PF and VFs (not the root port)"
expect_jq ".devices[] | select(.device == \"$PF\") | [.kind, .id, .driver, .module, .migratable] | join(\" \")" \
	"pf 1b36:0010 nvme nvme no"
expect_jq ".devices[] | select(.device == \"$VF1\") | [.kind, .driver, .parent, .module, .migratable] | join(\" \")" \
	"vf nvme_vfio_pci $PF nvme yes"
expect_jq ".devices[] | select(.device == \"$VF2\") | [.kind, .driver, .module, .migratable] | join(\" \")" \
	"vf vfio-pci nvme no"
expect_jq ".devices[] | select(.device == \"$VF2\") | .why | length > 0" true
mc nvme-src.umockdev --list -J -c "$NODRIVERS"
expect_rc 0 "(no migration-drivers)"
expect_jq ".devices[] | select(.device == \"$VF1\") | .migratable" no
expect_jq ".devices[] | select(.device == \"$VF1\") | .why | test(\"migration-drivers\")" true

# --- attributes that fail or are absent (mig-check(1) DESCRIPTION/Devices) --------
PFDIR='$UMOCKDEV_DIR/sys/devices/pci0000:00/0000:00:1c.0/0000:3b:00.0'
VFDIR='$UMOCKDEV_DIR/sys/devices/pci0000:00/0000:00:1c.0/0000:3b:00.1'
ERRNO='Permission denied|Operation not permitted'
mc_sh nvme-src.umockdev "--emit, PF model mode 000" '
	chmod 000 '"$PFDIR"'/nvme/nvme0/model
	exec "$MIG_CHECK" --emit "$1" -c "$2"' $VF1 "$CONF_A"
expect_trouble "model.*($ERRNO)"
mc_sh nvme-dst-nvme.umockdev "--emit, own controller's subsysnqn mode 000" '
	chmod 000 '"$VFDIR"'/nvme/nvme1/subsysnqn
	exec "$MIG_CHECK" --emit "$1"' $VF1
expect_trouble "subsysnqn.*($ERRNO)"
# A PF without its controller (not bound to nvme): mn and fr are left out.
mc_sh nvme-src.umockdev "--emit, PF without controller" '
	rm -r '"$PFDIR"'/nvme
	exec "$MIG_CHECK" --emit -J "$1" -c "$2"' $VF1 "$CONF_A"
expect_rc 0
expect_jq '.records[0].fields | keys | join(",")' 'dev,drv,pf,store,v'
mc nvme-dst-same.umockdev --accept "$(jqout .token)" -J -c "$CONF_A" $VF1
expect_rc 2 "(token without mn, fr)"
expect_jq "$C1 | .verdict" unknown
expect_jq "$C1 | [.reasons[].field] | sort | join(\",\")" 'fr,mn'

mc_sh nvme-dst-same.umockdev "--accept, PF firmware_rev mode 000" '
	chmod 000 '"$PFDIR"'/nvme/nvme0/firmware_rev
	exec "$MIG_CHECK" --accept "$1" -J -c "$2"' "$SRC" "$CONF_A"
expect_rc 2
expect_jq '[.candidates[].verdict] | unique | join(",")' unknown
expect_jq "$C1 | [.reasons[] | select(.rule | test(\"firmware_rev.*($ERRNO)\"))] | length" 1 "the reason names firmware_rev and the errno"
mc_sh nvme-dst-same.umockdev "--accept, PF without controller" '
	rm -r '"$PFDIR"'/nvme
	exec "$MIG_CHECK" --accept "$1" -J -c "$2"' "$SRC" "$CONF_A"
expect_rc 2
expect_jq "$C1 | .verdict" unknown
expect_jq "$C1 | [.reasons[].field] | sort | join(\",\")" 'fr,mn'

finish
