# SPDX-License-Identifier: GPL-2.0-or-later
# libvirt domains (mig-check(1), LIBVIRT): --emit --domain against libvirt's
# test driver, and --accept --domain-xml (pinned placement), with real
# libvirt and libxml2 on the umockdev hosts mixed-src and mixed-dst (a
# GVT-g vGPU and a QAT VF).  The XML is what `virsh dumpxml` prints.
. "$TESTLIB"

require_libvirt

URI=$LIBVIRT_URI
VF1=0000:6b:00.1
XML_UUID=5c1e0fa1-0000-4000-8000-00000000b0b0

# --- --emit --domain: byte-identical to --emit of the same devices -------------------
mc mixed-src.umockdev --emit $SRC_UUID $VF1
B=$(cat "$OUT")
mc mixed-src.umockdev --emit --domain vm42 -C "$URI"
expect_rc 0
expect_stderr_empty
compare "token = --emit $SRC_UUID $VF1" "$B" "$(cat "$OUT")"
for dom in 1 6695eb01-f6a4-8304-79aa-97f2502e1942 6695eb01f6a4830479aa97f2502e1942; do
	mc mixed-src.umockdev --emit --domain $dom --connect "$URI"
	expect_rc 0 "(lookup by ID or UUID)"
	compare "the same token" "$B" "$(cat "$OUT")"
done 2>/dev/null
# <interface type='hostdev'> counts; libvirt prints it before the <hostdev>s.
mc mixed-src.umockdev --emit $VF1 $SRC_UUID
BR=$(cat "$OUT")
mc mixed-src.umockdev --emit --domain vm-net -C "$URI"
expect_rc 0 "(interface type='hostdev')"
compare "token = --emit $VF1 $SRC_UUID (document order)" "$BR" "$(cat "$OUT")"
mc mixed-src.umockdev --emit --domain vm-net -C "$URI" -J
expect_rc 0
expect_jq '[.records[].device] | join(",")' "$VF1,$SRC_UUID"
expect_jq '.token' "$BR"
# A domain that is shut off: its persistent definition.
mc mixed-src.umockdev --emit $VF1
Q=$(cat "$OUT")
mc mixed-src.umockdev --emit --domain vm-off -C "$URI"
expect_rc 0 "(shut-off domain)"
compare "token = --emit $VF1" "$Q" "$(cat "$OUT")"

# --- --emit --domain refusals: one line, status 2 ------------------------------------
mc mixed-src.umockdev --emit --domain vm-pf -C "$URI"
expect_trouble '^mig-check: 0000:6b:00\.0: is an SR-IOV physical function, not a device a VM holds; name one of its VFs$'
mc mixed-src.umockdev --emit --domain vm-gone -C "$URI"
expect_trouble '^mig-check: 0000:99:00\.1: no such device$'
mc mixed-src.umockdev --emit --domain vm-usb -C "$URI"
expect_trouble "^mig-check: domain vm-usb: hostdev type='usb' is not a VFIO device; mig-check cannot check it\$"
mc mixed-src.umockdev --emit --domain vm-plain -C "$URI"
expect_trouble '^mig-check: domain vm-plain: no mdev or PCI hostdevs: nothing to check$'
mc mixed-src.umockdev --emit --domain vm43 -C "$URI"
expect_trouble '^mig-check: domain vm43: Domain not found$'
mc_plain --emit --domain vm42 -C "test://$FIXTURES/no-such-node.xml"
expect_trouble "^mig-check: test://$FIXTURES/no-such-node.xml: cannot connect: "
printf '<node><domain type="test">\n' >"$T/broken-node.xml"
mc_plain --emit --domain vm42 -C "test://$T/broken-node.xml"
expect_trouble "cannot connect: .*\\(line 2: .*\\)\$"
for uri in qemu+ssh://dst.example/system qemu://dst.example/system qemu+tls://dst/system; do
	mc_plain --emit --domain vm42 -C $uri
	expect_trouble "^mig-check: $(printf '%s' "$uri" | sed 's/[+.]/\\&/g'): a remote URI: --domain reads the domain's devices on this host; run mig-check on the host that runs the domain\$"
done
what="LIBVIRT_DEFAULT_URI=qemu+ssh://dst.example/system mig-check --emit --domain vm42"
LIBVIRT_DEFAULT_URI=qemu+ssh://dst.example/system "$MIG_CHECK" --emit --domain vm42 >"$OUT" 2>"$ERR" </dev/null
rc=$?
expect_trouble 'a remote URI'

# --- usage ----------------------------------------------------------------------------
mc_plain --accept "$B" --domain vm42
expect_usage_error
mc_plain --emit --domain vm42 $VF1
expect_usage_error
mc_plain --emit $VF1 -C "$URI"
expect_usage_error
mc_plain --emit $VF1 --domain-xml x.xml
expect_usage_error
mc_plain --accept "$B" --domain-xml x.xml $VF1
expect_usage_error
mc_plain --accept "$B" --domain-xml x.xml -s 6b:00.1
expect_usage_error
mc_plain --accept - --domain-xml -
expect_usage_error
mc_plain --emit
expect_usage_error

# --- --accept --domain-xml: pinned placement -----------------------------------------
dumpxml vm42 "$B" >"$T/vm42.xml"
check "the dumped XML carries the token" grep -q "<mc:token xmlns:mc=\"urn:mig-check:1\">$B</mc:token>" "$T/vm42.xml"

# The source host: each record on its own device, identical.
mc mixed-src.umockdev --accept "$B" --domain-xml "$T/vm42.xml" -J
expect_rc 0 "(identical)"
expect_jq '.verdict' identical
expect_jq '[.placements[].device] | join(",")' "$SRC_UUID,$VF1"
expect_jq '.candidates | length' 2 "no other local device is a candidate (the VF 0000:6b:00.2 is not)"

# The destination: the vGPU is to be created, with the XML's UUID.
mc mixed-dst.umockdev --accept "$B" --domain-xml "$T/vm42.xml" -J
expect_rc 0 "(actionable)"
expect_jq '.verdict' actionable
expect_jq '.placements | map({record, device}) | tojson' '[{"record":0,"device":"0000:00:02.0"},{"record":1,"device":"'$VF1'"}]'
expect_jq "$(cand_type i915-GVTg_V5_4) | .action" "$V54_ACTION"
mc mixed-dst.umockdev --accept "$B" --domain-xml "$T/vm42.xml" --ready
expect_rc 1 "(--ready: actionable)"
mc_in "$T/vm42.xml" mixed-dst.umockdev --accept "$B" --domain-xml - -q
expect_rc 0 "(XML on standard input)"
expect_stdout_empty
printf '%s\n' "$B" >"$T/token"
mc_in "$T/token" mixed-dst.umockdev --accept - --domain-xml "$T/vm42.xml" -q
expect_rc 0 "(token on standard input)"

# An mdev the destination lacks, under another UUID in the destination XML:
# created with the XML's UUID.
sed "s/$SRC_UUID/$XML_UUID/" "$T/vm42.xml" >"$T/vm42-dst.xml"
mc mixed-dst.umockdev --accept "$B" --domain-xml "$T/vm42-dst.xml" -J
expect_rc 0 "(the XML's own UUID)"
expect_jq "$(cand_type i915-GVTg_V5_4) | .action" \
	"mdevctl start --uuid $XML_UUID --parent $PARENT --type i915-GVTg_V5_4"
# The source host lacks it too: its vGPU has the other UUID, and is no candidate.
mc mixed-src.umockdev --accept "$B" --domain-xml "$T/vm42-dst.xml" -J
expect_rc 0 "(source host, the XML's mdev absent)"
expect_jq '[.candidates[] | select(.kind == "mdev")] | length' 0 "the existing vGPU is not a candidate"
expect_jq '.placements[0].device' $PARENT

# Count mismatch: both counts named.
dumpxml vm-off "$Q" --config >"$T/vm-off.xml"
mc mixed-dst.umockdev --accept "$B" --domain-xml "$T/vm-off.xml"
expect_trouble "^mig-check: $T/vm-off.xml: the domain holds 1 VFIO device, the token 2 records\$"
# USB hostdevs are ignored: one VFIO device, one record.
dumpxml vm-usb "$Q" >"$T/vm-usb.xml"
mc mixed-dst.umockdev --accept "$Q" --domain-xml "$T/vm-usb.xml"
expect_rc 0 "(a USB hostdev beside the VF)"
# A named device that does not exist here.
dumpxml vm-gone "$Q" >"$T/vm-gone.xml"
mc mixed-dst.umockdev --accept "$Q" --domain-xml "$T/vm-gone.xml"
expect_trouble "^mig-check: $T/vm-gone.xml: hostdev type='pci' 0000:99:00.1: device not found\$"
# A device the record's module does not offer: incompatible, naming it.
dumpxml vm-pf "$Q" >"$T/vm-pf.xml"
mc mixed-dst.umockdev --accept "$Q" --domain-xml "$T/vm-pf.xml" -J
expect_rc 1 "(QAT record pinned to the PF)"
expect_jq '.candidates | map([.device, .verdict]) | tojson' '[["0000:6b:00.0","incompatible"]]'
expect_jq '.candidates[0].reasons[0].rule' "not a device the qat module offers"
mc mixed-dst.umockdev --accept "$Q" --domain-xml "$T/vm-pf.xml"
expect_rc 1
expect_stdout_contains "device: not a device the qat module offers (qat -> none)"
# The vGPU record pinned to the QAT VF, and the other way round.
dumpxml vm-net "$B" >"$T/vm-net.xml"
mc mixed-src.umockdev --accept "$B" --domain-xml "$T/vm-net.xml" -J
expect_rc 1 "(records pinned to each other's devices)"
expect_jq '.candidates | map([.device, .module, .verdict]) | tojson' \
	'[["'$VF1'","i915-gvt","incompatible"],["'$SRC_UUID'","qat","incompatible"]]'
expect_jq '[.candidates[].reasons[0].rule] | join(",")' \
	"not a device the i915-gvt module offers,not a device the qat module offers"

# XML that is not XML, or not a domain.
printf '<domain><devices>\n' >"$T/bad.xml"
mc mixed-dst.umockdev --accept "$Q" --domain-xml "$T/bad.xml"
expect_trouble "^mig-check: $T/bad.xml: not well-formed XML: line 2: "
printf '<node/>\n' >"$T/node.xml"
mc mixed-dst.umockdev --accept "$Q" --domain-xml "$T/node.xml"
expect_trouble "^mig-check: $T/node.xml: not a libvirt domain XML \\(the root element is <node>\\)\$"
mc mixed-dst.umockdev --accept "$Q" --domain-xml "$T/no-such.xml"
expect_trouble "^mig-check: $T/no-such.xml: No such file or directory\$"

# --- bash completion: domain names from virsh ---------------------------------------
COMPLETIONS=${COMPLETIONS:-$(dirname "$TESTLIB")/../../completions}
if command -v bash >/dev/null 2>&1; then
	what="bash completion: mig-check --emit --domain <TAB>"
	LIBVIRT_DEFAULT_URI=$URI bash -c '. "$1" || exit 1
		COMP_WORDS=(mig-check --emit --domain "")
		COMP_CWORD=3
		_mig_check && printf "%s\n" "${COMPREPLY[@]}"' sh "$COMPLETIONS/mig-check" >"$OUT" 2>"$ERR"
	compare "the test driver's domains" \
		"vm-gone vm-net vm-off vm-pf vm-plain vm-usb vm42" "$(sort "$OUT" | tr '\n' ' ' | sed 's/ $//')"
fi

finish
