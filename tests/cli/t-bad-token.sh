# SPDX-License-Identifier: GPL-2.0-or-later
# Malformed and unusual tokens (mig-check-formats(5) TOKEN/Bad tokens): exit 2,
# one line, nothing on stdout, for --decode and --accept alike.
. "$TESTLIB"

BODY="i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_4,low=128,high=512,fence=4,res=1920x1200,weight=4,agg=1,uuid=$SRC_UUID,kver=8086-591d-GVTg_V5_4-00000001"
GOOD=$(mktoken "$BODY")
CRC=${GOOD##*:}

# The well-formed token these variants start from works.
mc_plain --decode "$GOOD" -J
expect_rc 0 "(hand-made token)"
expect_jq '.records[0].fields.type' GVTg_V5_4
judge 0 "(hand-made token)" gvt-dst-free.umockdev "$GOOD"
expect_jq '.verdict' actionable

# bad LABEL TOKEN: both modes refuse it.
bad() {
	mc_plain --decode "$2"
	what="--decode, $1"
	expect_trouble
	mc gvt-dst-free.umockdev --accept "$2"
	what="--accept, $1"
	expect_trouble
}

# a checksum with a letter in it, for the upper-case test
i=0
while :; do
	U=$(mktoken "foo@v=1,n=$i")
	case ${U##*:} in *[a-f]*) break ;; esac
	i=$((i + 1))
done
UPPER="${U%:*}:$(printf '%s' "${U##*:}" | tr a-f A-F)"

bad "wrong prefix"              "mog1:${GOOD#mig1:}"
bad "no prefix"                 "${GOOD#mig1:}"
bad "format mig2 (good crc)"    "$(printf 'mig2:%s:%s' "$BODY" "$(crc32 "mig2:$BODY")")"
bad "format mig10 (good crc)"   "$(printf 'mig10:%s:%s' "$BODY" "$(crc32 "mig10:$BODY")")"
bad "one changed character"     "$(printf '%s' "$GOOD" | sed 's/low=128/low=129/')"
bad "changed checksum"          "${GOOD%?}$(case $GOOD in *0) echo 1 ;; *) echo 0 ;; esac)"
bad "upper-case checksum"       "$UPPER"
bad "7-digit checksum"          "${GOOD%?}"
bad "no checksum"               "mig1:$BODY"
bad "empty string"              ""
bad "only the prefix"           "mig1:"
bad "over 4096 bytes"           "$(mktoken "foo@v=1,a=$(rep 1000 a),b=$(rep 1000 b),c=$(rep 1000 c),d=$(rep 1000 d),e=$(rep 100 e)")"
bad "a space"                   "$(mktoken "foo@v=1,a=b c")"
bad "a space inside a real token" "$(printf '%s' "$GOOD" | sed 's/,low=/, low=/')"
bad "a glob character"          "$(mktoken "foo@v=1,a=b*c")"
bad "a quote"                   "$(mktoken "foo@v=1,a=b'c")"
bad "duplicate key"             "$(mktoken "foo@v=1,a=1,a=2")"
bad "%00"                       "$(mktoken "foo@v=1,a=x%00y")"
bad "lower-case %2f"            "$(mktoken "foo@v=1,a=%2f")"
bad "bad escape %G1"            "$(mktoken "foo@v=1,a=%G1")"
bad "truncated escape %2"       "$(mktoken "foo@v=1,a=%2")"
bad "no v"                      "$(mktoken "foo@a=b")"
bad "v=0"                       "$(mktoken "foo@v=0")"
bad "v=1000"                    "$(mktoken "foo@v=1000")"
bad "v=01"                      "$(mktoken "foo@v=01")"
bad "v=x"                       "$(mktoken "foo@v=x")"
bad "upper-case module"         "$(mktoken "Foo@v=1")"
bad "empty module"              "$(mktoken "@v=1")"
bad "record without @"          "$(mktoken "foo")"
bad "empty field"               "$(mktoken "foo@v=1,,a=b")"
bad "field without ="           "$(mktoken "foo@v=1,a")"
bad "empty key"                 "$(mktoken "foo@v=1,=b")"
bad "upper-case key"            "$(mktoken "foo@v=1,A=b")"
bad "17-character key"          "$(mktoken "foo@v=1,$(rep 17 k)=b")"
bad "empty record"              "$(mktoken "foo@v=1/")"
bad "9 records"                 "$(mktoken "$(rep 8 'foo@v=1/')foo@v=1")"
bad "33 fields"                 "$(mktoken "foo@v=1$(i=1; while [ $i -le 32 ]; do printf ',k%d=x' $i; i=$((i + 1)); done)")"
bad "1025-byte value"           "$(mktoken "foo@v=1,a=$(rep 1025 a)")"

# --- limits that still hold -----------------------------------------------------
ok_decode() {
	mc_plain --decode "$2" -J
	what="--decode, $1"
	expect_rc 0
}
ok_decode "8 records"          "$(mktoken "$(rep 7 'foo@v=1/')foo@v=1")"
expect_jq '.records | length' 8
ok_decode "32 fields"          "$(mktoken "foo@v=1$(i=1; while [ $i -le 31 ]; do printf ',k%d=x' $i; i=$((i + 1)); done)")"
expect_jq '.records[0].fields | length' 32
ok_decode "1024-byte value"    "$(mktoken "foo@v=1,a=$(rep 1024 a)")"
expect_jq '.records[0].fields.a | length' 1024
ok_decode "16-character key"   "$(mktoken "foo@v=1,$(rep 16 k)=b")"
expect_jq ".records[0].fields.$(rep 16 k)" b
ok_decode "v=999"              "$(mktoken "foo@v=999")"
expect_jq '.records[0].fields.v' 999
ok_decode "percent escapes"    "$(mktoken "foo@v=1,p=a%2Fb%25c%20d%3A")"
expect_jq '.records[0].fields.p' 'a/b%c d:'
ok_decode "a raw + in a value" "$(mktoken "foo@v=1,x=a+b")"
expect_jq '.records[0].fields.x' 'a+b'
ok_decode "an empty value"     "$(mktoken "foo@v=1,x=")"
expect_jq '.records[0].fields.x' ''
mc_plain --decode "$(mktoken "foo@v=1,x=%FF")"
what="--decode, %FF"
expect_rc 0

# --- a module that is not built in ------------------------------------------------
FOO=$(mktoken "foo@v=1,a=b,n=42")
mc_plain --decode "$FOO" -J
what="--decode, module foo"
expect_rc 0
expect_jq '.records[0].module' foo
expect_jq '.records[0].fields | keys | join(",")' 'a,n,v'
expect_jq '.records[0].fields | [.v, .a, .n] | join(",")' '1,b,42'
mc_plain --decode "$FOO"
what="--decode (table), module foo"
expect_rc 0
expect_stdout_contains foo
expect_stdout_contains 42
mc gvt-dst-free.umockdev --accept "$FOO"
what="--accept, module foo"
expect_trouble 'foo'
mc gvt-dst-free.umockdev --accept "$FOO" -J
what="--accept -J, module foo"
expect_trouble 'foo'
mc gvt-dst-free.umockdev --accept "$(mktoken "$BODY/foo@v=1")"
what="--accept, a bundle with a foo record"
expect_trouble 'foo'

finish
