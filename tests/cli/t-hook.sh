# SPDX-License-Identifier: GPL-2.0-or-later
# --libvirt-hook (mig-check(1), LIBVIRT HOOK): every branch, fed the XML
# that `virsh dumpxml` prints after `virsh metadata` set the token, on the
# umockdev hosts mixed-src and mixed-dst, qat-dst-dc.
. "$TESTLIB"

require_libvirt

URI=$LIBVIRT_URI
VF1=0000:6b:00.1
VF2=0000:6b:00.2

# hook FILE FIXTURE [OPTIONS] GUEST OPERATION SUB-OPERATION EXTRA: the hook
# on the host FIXTURE, FILE on standard input.
hook() {
	mc_in "$@"
}

# expect_stderr TEXT: stderr is exactly TEXT (and a newline).
expect_stderr() {
	compare "stderr is exactly the refusal" "$1" "$(cat "$ERR")"
}

mc mixed-src.umockdev --emit --domain vm42 -C "$URI"
B=$(cat "$OUT")
mc mixed-src.umockdev --emit $VF1
Q=$(cat "$OUT")
dumpxml vm42 "$B" >"$T/vm42.xml"
dumpxml vm-off "$Q" --config >"$T/vm-off.xml"
virsh -q -c "$URI" dumpxml vm42 >"$T/vm42-notoken.xml"
virsh -q -c "$URI" dumpxml vm-plain >"$T/vm-plain.xml"
printf 'this is not XML <<<\n' >"$T/garbage"

# --- every operation but migrate begin: drain stdin, exit 0, read nothing ---------------
for ev in "prepare begin" "start begin" "started begin" "stopped end" "release end" \
	  "restore begin" "reconnect begin" "attach begin"; do
	set -- $ev
	hook "$T/garbage" mixed-dst.umockdev -c "$FIXTURES/bad.conf" --libvirt-hook vm42 $1 $2 -
	expect_rc 0 "($ev, garbage input, broken configuration)"
	expect_stdout_empty
	expect_stderr_empty
done
hook "$T/vm42.xml" mixed-dst.umockdev -c "$T/no-such.conf" --libvirt-hook vm42 start begin -
expect_rc 0 "(start: a missing configuration file is not read)"
expect_stderr_empty
head -c 3000000 /dev/zero >"$T/big"
hook "$T/big" mixed-dst.umockdev --libvirt-hook vm42 prepare begin -
expect_rc 0 "(3 MB on stdin, drained)"
mc_plain --libvirt-hook vm42 migrate begin
expect_usage_error
hook "$T/vm42.xml" mixed-dst.umockdev --libvirt-hook -vm migrate begin -
expect_rc 1 "(a guest name starting with '-' is an argument)"

# --- migrate begin: ready ----------------------------------------------------------------
hook "$T/vm42.xml" mixed-src.umockdev --libvirt-hook vm42 migrate begin -
expect_rc 0 "(identical devices)"
expect_stdout_empty
expect_stderr_empty
hook "$T/vm-off.xml" mixed-dst.umockdev --libvirt-hook vm-off migrate begin -
expect_rc 0 "(one VF, identical)"
expect_stdout_empty
expect_stderr_empty

# --- migrate begin: refused, one line per record that is not ready ----------------------------
hook "$T/vm42.xml" mixed-dst.umockdev --libvirt-hook vm42 migrate begin -
expect_rc 1 "(the vGPU is to be created first)"
expect_stdout_empty
expect_stderr "mig-check: vm42: record 1 of 2 (i915-gvt): actionable: $V54_ACTION"
hook "$T/vm-off.xml" qat-dst-dc.umockdev --libvirt-hook vm-off migrate begin -
expect_rc 1 "(services differ)"
expect_stdout_empty
expect_stderr "mig-check: vm-off: record 1 of 1 (qat): incompatible: svc: services differ (the kernel needs an identical ring-to-service map) (asym+sym -> dc)"
hook "$T/vm42.xml" qat-dst-dc.umockdev --libvirt-hook vm42 migrate begin -
expect_rc 1 "(neither record ready)"
expect_stderr "mig-check: vm42: record 1 of 2 (i915-gvt): incompatible: uuid: no such mdev here, and no mdev type here can create it ($SRC_UUID)
mig-check: vm42: record 2 of 2 (qat): incompatible: svc: services differ (the kernel needs an identical ring-to-service map) (asym+sym -> dc)"

# --- trouble: status 2 --------------------------------------------------------------------------
hook "$T/garbage" mixed-dst.umockdev --libvirt-hook vm42 migrate begin -
expect_trouble "^mig-check: vm42: domain XML: not well-formed XML: line 1: "
: >"$T/empty"
hook "$T/empty" mixed-dst.umockdev --libvirt-hook vm42 migrate begin -
expect_trouble "^mig-check: vm42: domain XML: "
sed 's/mig1:/mig9:/' "$T/vm42.xml" >"$T/badtoken.xml"
hook "$T/badtoken.xml" mixed-dst.umockdev --libvirt-hook vm42 migrate begin -
expect_trouble "token"
dumpxml vm-gone "$Q" >"$T/vm-gone.xml"
hook "$T/vm-gone.xml" mixed-dst.umockdev --libvirt-hook vm-gone migrate begin -
expect_trouble "^mig-check: vm-gone: hostdev type='pci' 0000:99:00.1: device not found\$"
hook "$T/vm42.xml" mixed-dst.umockdev -c "$FIXTURES/libvirt-typo.conf" --libvirt-hook vm42 migrate begin -
expect_trouble "libvirt-typo.conf:3: unknown key 'require-tokens' in \\[libvirt\\]\$"

# Input that never ends: the hook gives up after 10 seconds, never hangs.
what="sleep 12 | mig-check --libvirt-hook vm42 migrate begin -"
sleep 12 | "$MIG_CHECK" --libvirt-hook vm42 migrate begin - >"$OUT" 2>"$ERR"
rc=$?
expect_trouble "^mig-check: vm42: domain XML on standard input: nothing came for 10 seconds\$"

# --- no token ------------------------------------------------------------------------------------
hook "$T/vm42-notoken.xml" mixed-dst.umockdev --libvirt-hook vm42 migrate begin -
expect_rc 0 "(no token: let through)"
expect_stdout_empty
expect_stderr_empty
hook "$T/vm42-notoken.xml" mixed-dst.umockdev -c "$FIXTURES/libvirt-require-token.conf" --libvirt-hook vm42 migrate begin -
expect_trouble "^mig-check: vm42: no mig-check token in the domain's metadata \\(namespace urn:mig-check:1\\), and require-token = yes\$"
hook "$T/vm-plain.xml" mixed-dst.umockdev -c "$FIXTURES/libvirt-require-token.conf" --libvirt-hook vm-plain migrate begin -
expect_rc 0 "(require-token, but no VFIO devices)"
expect_stderr_empty

# The token is found by namespace URI, not prefix, with whitespace around it.
sed -e 's/mc:token/other:token/g' -e 's/xmlns:mc=/xmlns:other=/' "$T/vm42.xml" >"$T/prefix.xml"
hook "$T/prefix.xml" mixed-dst.umockdev --libvirt-hook vm42 migrate begin -
expect_rc 1 "(another prefix, the same namespace)"
sed 's/urn:mig-check:1/urn:example:1/' "$T/vm42.xml" >"$T/otherns.xml"
hook "$T/otherns.xml" mixed-dst.umockdev -c "$FIXTURES/libvirt-require-token.conf" --libvirt-hook vm42 migrate begin -
expect_rc 2 "(a <token> of another namespace is no token)"

# --- a managed PCI hostdev whose <driver model> libvirt binds itself ---------------------------------
# (the XML libvirt 10 prints; virsh of older releases drops the model).
managed_xml() {   # MANAGED MODEL
	cat <<-XML
	<domain type='kvm'>
	  <name>vm7</name>
	  <metadata>
	    <mc:token xmlns:mc="urn:mig-check:1">
	      $Q
	    </mc:token>
	  </metadata>
	  <devices>
	    <hostdev mode='subsystem' type='pci' managed='$1'>
	      <driver name='vfio'${2:+ model='$2'}/>
	      <source><address domain='0x0000' bus='0x6b' slot='0x00' function='0x2'/></source>
	    </hostdev>
	  </devices>
	</domain>
	XML
}
managed_xml yes qat_vfio_pci >"$T/m1.xml"
hook "$T/m1.xml" mixed-src.umockdev --libvirt-hook vm7 migrate begin -
expect_rc 0 "(managed='yes', model='qat_vfio_pci': libvirt binds it)"
expect_stderr_empty
for v in "yes:" "no:qat_vfio_pci" "yes:vfio-pci"; do
	managed_xml ${v%%:*} "${v#*:}" >"$T/m2.xml"
	hook "$T/m2.xml" mixed-src.umockdev --libvirt-hook vm7 migrate begin -
	expect_rc 1 "(managed/model $v)"
	expect_stderr "mig-check: vm7: record 1 of 1 (qat): actionable: driverctl set-override $VF2 qat_vfio_pci"
done

# --- configuration: [libvirt] parses in every mode -----------------------------------------------------
mc_plain -c "$FIXTURES/libvirt-require-token.conf" --decode "$Q"
expect_rc 0 "([libvirt] require-token)"
mc_plain -c "$FIXTURES/libvirt-typo.conf" --decode "$Q"
expect_trouble "libvirt-typo.conf:3: unknown key 'require-tokens' in \\[libvirt\\]\$"

finish
