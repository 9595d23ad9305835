# SPDX-License-Identifier: GPL-2.0-or-later
# The README's quick start: examples/demo.sh on the bundled sample hosts.
. "$TESTLIB"

EX=$FIXTURES/../../examples
what="examples/demo.sh"
sh "$EX/demo.sh" "$MIG_CHECK" "$EX" >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0
expect_stderr_empty
compare "three tokens" 3 "$(grep -c '^mig1:' "$OUT")"
expect_stdout_line 'mig1:i915-gvt@v=1,.*'
expect_stdout_line 'mig1:qat@v=1,dev=8086\.4941,pf=8086\.4940,gen=4,svc=asym\+sym,drv=qat_vfio_pci:[0-9a-f]{8}'
expect_stdout_line 'mig1:nvme@v=1,.*,store=tcp%3A%2F%2F192\.0\.2\.10%3A4420%2Fnqn\.2014-08\.org\.example%3Avol1:[0-9a-f]{8}'
expect_stdout_line "0000:00:02\.0 +i915-GVTg_V5_4 +parent +i915-gvt +actionable +$V54_ACTION .*"
expect_stdout_line '0000:6b:00\.1 +vf +qat +identical *'
expect_stdout_line '0000:3b:00\.1 +vf +nvme +identical *'
compare "every VM can move" 3 "$(grep -c '^(exit status 0)$' "$OUT")"

finish
