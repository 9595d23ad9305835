# SPDX-License-Identifier: GPL-2.0-or-later
# The token survives a second shell parse (ssh dst mig-check --accept "$(...)"),
# and `-` reads it from standard input (mig-check(1) OPTIONS;
# mig-check-formats(5) TOKEN/Grammar).
. "$TESTLIB"

token_of gvt-src.umockdev $SRC_UUID
expect_stdout_line '[A-Za-z0-9._+%:/@,=-]+'

mc_plain --decode "$TOKEN" -J
QUOTED=$(jqout '.records')

# Unquoted in a second shell, with globbing candidates in the working directory.
mkdir "$T/cwd" && : >"$T/cwd/mig1:x" && : >"$T/cwd/a"
what="sh -c 'mig-check --decode \$TOKEN -J' (unquoted)"
(cd "$T/cwd" && sh -c "\"\$MIG_CHECK\" --decode $TOKEN -J") >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0
compare "same records as the quoted call" "$QUOTED" "$(jqout '.records')"

# The ssh case: the remote shell parses the unquoted token, then --accept.
mc_sh gvt-dst-free.umockdev "sh -c 'mig-check --accept \$TOKEN -J' (unquoted)" \
	"\"\$MIG_CHECK\" --accept $TOKEN -J"
expect_rc 0
expect_jq '.verdict' actionable
expect_jq "$(cand_type i915-GVTg_V5_4) | .action" "$V54_ACTION"

# A migration_version full of shell syntax is percent-encoded by --emit and
# comes back byte for byte.
WEIRD="8086-591d GVTg*V5_4 {a,b} \$(x) 'q' \"d\" ~/ ; & | < > # !"
mc_sh gvt-src.umockdev "--emit with a migration_version full of shell syntax" '
	printf "%s\n" "$2" >"$UMOCKDEV_DIR/sys/bus/mdev/devices/$1/migration_version"
	exec "$MIG_CHECK" --emit "$1"' $SRC_UUID "$WEIRD"
expect_rc 0
expect_stdout_line '[A-Za-z0-9._+%:/@,=-]+'
WTOKEN=$(cat "$OUT")
what="sh -c 'mig-check --decode \$WTOKEN -J' (unquoted)"
(cd "$T/cwd" && sh -c "\"\$MIG_CHECK\" --decode $WTOKEN -J") >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0
expect_jq '.records[0].fields.kver' "$WEIRD"

# Percent-encoded bytes of a hand-made token
P=$(mktoken "foo@v=1,s=a%20%2A%3F%7B%7D%27%22%24%28%29%3B%26%7C%3C%3E%7E%5C")
what="sh -c 'mig-check --decode \$P -J' (unquoted)"
sh -c "\"\$MIG_CHECK\" --decode $P -J" >"$OUT" 2>"$ERR"
rc=$?
expect_rc 0
expect_jq '.records[0].fields.s' "a *?{}'\"\$();&|<>~\\"

# --- standard input -------------------------------------------------------------
mc_stdin "$TOKEN" gvt-dst-free.umockdev --accept - -J
expect_rc 0
expect_jq '.verdict' actionable
expect_jq '.token.records[0].fields.uuid' $SRC_UUID
mc_stdin "$TOKEN" gvt-dst-cfl.umockdev --accept - -J
expect_rc 1
expect_jq '.verdict' incompatible
mc_stdin "$TOKEN" gvt-src.umockdev --decode - -J
expect_rc 0
compare "same records from stdin" "$QUOTED" "$(jqout '.records')"
mc_stdin "${TOKEN%?}x" gvt-dst-free.umockdev --accept -
expect_trouble
mc_stdin "" gvt-dst-free.umockdev --accept -
expect_trouble
what="gvt-dst-free.umockdev: mig-check --accept - </dev/null"
urun "$FIXTURES/gvt-dst-free.umockdev" "$MIG_CHECK" --accept - >"$OUT" 2>"$ERR" </dev/null
rc=$?
expect_trouble

finish
