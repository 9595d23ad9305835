# SPDX-License-Identifier: GPL-2.0-or-later
# Malformed tokens, one row per grammar rule and limit of mig-check-formats(5)
# TOKEN.  Each is given to --decode and --accept as an argument and to --accept
# on standard input: exit 2, nothing on stdout, one stderr line `mig-check:
# invalid token: <reason>`, the reason naming the rule.  (t-bad-token.sh covers
# the same ground from the user's side, with real tokens and the limits that
# still hold.)
# Then standard input that is empty, binary, huge or endless.
. "$TESTLIB"

HOST=gvt-dst-free.umockdev


BODY="qat@v=1,dev=8086.4941,pf=8086.4940,gen=4,svc=asym+sym,drv=qat_vfio_pci"
GOOD=$(mktoken "$BODY")
CRC=${GOOD##*:}
case $CRC in
*[a-f]*) UPPER="mig1:$BODY:$(printf '%s' "$CRC" | tr a-f A-F)" ;;
*) UPPER= ;;
esac

# The token the rows damage is itself good.
mc_plain --decode "$GOOD"
what="--decode, the undamaged token"
expect_rc 0
mc $HOST --accept "$GOOD" -J
what="--accept, the undamaged token"
expect_rc 1 "(judged: no QAT here)"

# row LABEL REASON-REGEX TOKEN: the token is refused by every path with a
# reason matching REGEX (grep -E, after "invalid token: ").
row() {
	_label=$1 _re="^mig-check: invalid token: ($2)"
	mc_plain --decode "$3"
	what="--decode, $_label"
	expect_trouble "$_re"
	# (through a file: umockdev-run refuses arguments that are not UTF-8)
	printf '%s' "$3" >"$T/arg"
	mc_sh $HOST "" 'exec "$MIG_CHECK" --accept "$(cat "$1")"' "$T/arg"
	what="--accept, $_label"
	expect_trouble "$_re"
	# Standard input reads one line: a token with a newline in it is cut
	# there, and refused for what the first line lacks.
	case $3 in
	*'
'*) _re='^mig-check: invalid token: ' ;;
	esac
	printf '%s\n' "$3" >"$T/stdin"
	urun "$FIXTURES/$HOST" "$MIG_CHECK" --accept - >"$OUT" 2>"$ERR" <"$T/stdin"
	rc=$?
	what="--accept -, $_label"
	expect_trouble "$_re"
}

NL='
'
TAB=$(printf '\t')
CR=$(printf '\r')

# --- prefix and format ---------------------------------------------------------
row "wrong prefix mog1"        "not a mig-check token"        "mog1:${GOOD#mig1:}"
row "upper-case prefix MIG1"   "not a mig-check token"        "MIG1:${GOOD#mig1:}"
row "no prefix"                "not a mig-check token"        "$BODY:$CRC"
row "prefix without colon"     "not a mig-check token"        "mig1${GOOD#mig1:}"
row "unknown format mig2"      "unknown token format 'mig2'"  "$(mktoken_raw "mig2:$BODY")"
row "unknown format mig10"     "unknown token format 'mig10'" "$(mktoken_raw "mig10:$BODY")"
row "unknown format mig0"      "unknown token format 'mig0'"  "$(mktoken_raw "mig0:$BODY")"

# --- checksum ---------------------------------------------------------------------
row "bad checksum"             "checksum mismatch"            "$(printf '%s' "$GOOD" | sed 's/gen=4/gen=6/')"
row "checksum of another token" "checksum mismatch"           "mig1:$BODY:$(crc32 "mig1:${BODY}x")"
if [ -n "$UPPER" ]; then
	row "upper-case checksum"  "bad checksum"                 "$UPPER"
fi
row "short checksum (7)"       "bad checksum"                 "${GOOD%?}"
row "long checksum (9)"        "bad checksum"                 "${GOOD}0"
row "empty checksum"           "bad checksum"                 "mig1:$BODY:"
row "non-hex checksum"         "bad checksum"                 "mig1:$BODY:zzzzzzzz"
row "missing checksum"         "missing checksum"             "mig1:$BODY"
row "only the prefix"          "missing checksum"             "mig1:"

# --- length and characters ----------------------------------------------------------
row "empty token"              "empty token"                  ""
LONG=$(mktoken "foo@v=1,a=$(rep 1000 a),b=$(rep 1000 b),c=$(rep 1000 c),d=$(rep 1000 d),e=$(rep 61 e)")
what="the over-long token"
compare "is 4097 bytes" 4097 ${#LONG}
row "4097 bytes"               "token is longer than 4096 bytes" "$LONG"
for c in ' ' '"' "'" '*' '?' '[' '~' '{' '}' ';' '&' '|' '$' '`' '\' '(' '<' '>' '#' '!' '^'; do
	hex=$(printf '%s' "$c" | od -An -tx1 | tr -d ' ')
	row "character '$c'" "invalid character 0x$hex at offset 16" "$(mktoken "foo@v=1,a=b${c}c")"
done
row "non-ASCII UTF-8"          "invalid character 0xc3"       "$(mktoken "foo@v=1,a=$(printf '\303\251')")"
row "byte 0xff"                "invalid character 0xff"       "$(mktoken "foo@v=1,a=$(printf '\377')")"
row "embedded newline"         "invalid character 0x0a"       "$(mktoken "foo@v=1,a=b${NL}c")"
row "carriage return"          "invalid character 0x0d"       "$(mktoken "foo@v=1,a=b${CR}")"
row "tab"                      "invalid character 0x09"       "$(mktoken "foo@v=1,a=b${TAB}c")"
row "escape character"         "invalid character 0x1b"       "$(mktoken "foo@v=1,a=$(printf '\033')[31m")"

# --- whitespace around a token is ignored, inside it is malformed (TOKEN/Grammar) ---
# spaced LABEL TEXT: TEXT (the good token with whitespace around it) is the
# good token to every path: --decode, --accept as an argument, on stdin.
spaced() {
	mc_plain --decode "$2" -J
	what="--decode, $1"
	expect_rc 0
	expect_jq '.records[0].fields.svc' asym+sym
	printf '%s' "$2" >"$T/arg"
	mc_sh $HOST "" 'exec "$MIG_CHECK" --accept "$(cat "$1")" -J' "$T/arg"
	what="--accept, $1"
	expect_rc 1 "(judged: no QAT here)"
	expect_stderr_empty
	# Standard input is one line: no newline inside.
	case $2 in *"$NL"*) return ;; esac
	printf '%s\n' "$2" >"$T/stdin"
	urun "$FIXTURES/$HOST" "$MIG_CHECK" --accept - -J >"$OUT" 2>"$ERR" <"$T/stdin"
	rc=$?
	what="--accept -, $1"
	expect_rc 1 "(judged: no QAT here)"
	expect_stderr_empty
}
spaced "leading spaces"            "  $GOOD"
spaced "trailing spaces"           "$GOOD   "
spaced "tabs around"               "$TAB$GOOD$TAB"
spaced "CR LF after (a DOS line)"  "$GOOD$CR"
spaced "every kind, both sides"    " $TAB$CR$NL$GOOD$NL$CR$TAB "
spaced "all but newlines, both sides" " $TAB$CR$GOOD$CR$TAB "
row "a space inside"           "invalid character 0x20 at offset 14" " $(mktoken "foo@v=1,a b")"
row "a tab inside, spaces around" "invalid character 0x09 at offset 16" " $(mktoken "foo@v=1,a=b${TAB}c") "
row "only whitespace"          "empty token"                  " $TAB$CR "

# --- percent-escapes ------------------------------------------------------------------
row "%00"                      "record 1: field 2: '%00' is not allowed" "$(mktoken "foo@v=1,a=x%00y")"
row "lower-case hex %2f"       "record 1: field 2: bad percent-escape '%2f'" "$(mktoken "foo@v=1,a=%2f")"
row "not hex %G1"              "record 1: field 2: bad percent-escape '%G1'" "$(mktoken "foo@v=1,a=%G1")"
row "incomplete escape %2"     "record 1: field 2: incomplete percent-escape '%2'" "$(mktoken "foo@v=1,a=%2")"
row "incomplete escape %"      "record 1: field 2: incomplete percent-escape '%'" "$(mktoken "foo@v=1,a=x%")"
row "escape in a key"          "record 1: field 2: bad key"   "$(mktoken "foo@v=1,%61=b")"
row "escape in a module"       "record 1: bad module name"    "$(mktoken "f%6Fo@v=1")"

# --- records ---------------------------------------------------------------------------
row "no records"               "token has no records"         "$(mktoken "")"
row "record without @"         "record 1: missing '@'"        "$(mktoken "foo")"
row "empty module"             "record 1: empty module name"  "$(mktoken "@v=1")"
row "upper-case module"        "record 1: bad module name 'Foo'" "$(mktoken "Foo@v=1")"
row "module with _"            "record 1: bad module name"    "$(mktoken "foo_bar@v=1")"
row "module with ."            "record 1: bad module name"    "$(mktoken "foo.bar@v=1")"
row "no fields after @"        "record 1: no fields after '@'" "$(mktoken "foo@")"
row "empty last record"        "record 2: empty record"       "$(mktoken "foo@v=1/")"
row "empty first record"       "record 1: empty record"       "$(mktoken "/foo@v=1")"
row "bad second record"        "record 2: missing '@'"        "$(mktoken "$BODY/qat")"
row "9 records"                "more than 8 records"          "$(mktoken "$(rep 8 'foo@v=1/')foo@v=1")"

# --- fields and keys ---------------------------------------------------------------------
row "empty field"              "record 1: field 2: empty field" "$(mktoken "foo@v=1,,a=b")"
row "trailing comma"           "record 1: field 2: empty field" "$(mktoken "foo@v=1,")"
row "field without ="          "record 1: field 2: missing '='" "$(mktoken "foo@v=1,a")"
row "empty key"                "record 1: field 2: empty key"  "$(mktoken "foo@v=1,=b")"
row "upper-case key"           "record 1: field 2: bad key 'A'" "$(mktoken "foo@v=1,A=b")"
row "key with -"               "record 1: field 2: bad key"    "$(mktoken "foo@v=1,a-b=c")"
row "17-character key"         "record 1: field 2: key is longer than 16 characters" "$(mktoken "foo@v=1,$(rep 17 k)=b")"
row "duplicate key"            "record 1: key 'a' appears twice" "$(mktoken "foo@v=1,a=1,a=2")"
row "duplicate v"              "record 1: key 'v' appears twice" "$(mktoken "foo@v=1,v=1")"
row "33 fields"                "record 1: more than 32 fields" \
	"$(mktoken "foo@v=1$(i=1; while [ $i -le 32 ]; do printf ',k%d=x' $i; i=$((i + 1)); done)")"
row "= in a value"             "record 1: field 2: invalid character '=' in value" "$(mktoken "foo@v=1,a=b=c")"
row "@ in a value"             "record 1: field 2: invalid character '@' in value" "$(mktoken "foo@v=1,a=b@c")"
row ": in a value"             "record 1: field 2: invalid character ':' in value" "$(mktoken "foo@v=1,a=b:c")"
row "1025-byte value"          "record 1: value of 'a' is longer than 1024 bytes" "$(mktoken "foo@v=1,a=$(rep 1025 a)")"
row "1025 bytes of escapes"    "record 1: value of 'a' is longer than 1024 bytes" "$(mktoken "foo@v=1,a=$(rep 1025 %41)")"
row "1025 bytes in a 2nd record" "record 2: value of 'a' is longer than 1024 bytes" "$(mktoken "foo@v=1/foo@v=1,a=$(rep 1025 a)")"

# --- the version field ----------------------------------------------------------------------
row "v missing"                "record 1: no 'v=' field"      "$(mktoken "foo@a=b")"
row "v missing, 2nd record"    "record 2: no 'v=' field"      "$(mktoken "foo@v=1/foo@a=b")"
for v in 0 1000 01 001 x +1 -1 1.0 %31 ''; do
	row "v=$v"                 "record 1: bad version 'v=$(printf '%s' "$v" | sed 's/[+.]/\\&/g')'" "$(mktoken "foo@v=$v")"
done

# --- standard input: empty, binary, huge, endless ------------------------------------------
# stdin_case LABEL REGEX COMMAND...: COMMAND's output is --accept -'s input;
# refused within 20 seconds, however much COMMAND would write.
stdin_case() {
	_label=$1 _re=$2; shift 2
	_t0=$(date +%s)
	"$@" 2>/dev/null | timeout 20 "$UMOCKDEV_RUN" -d "$FIXTURES/$HOST" -- \
		"$MIG_CHECK" --accept - >"$OUT" 2>"$ERR"
	rc=$?
	_secs=$(( $(date +%s) - _t0 ))
	what="--accept -, $_label"
	expect_trouble "^mig-check: invalid token: ($_re)"
	if [ "$_secs" -le 10 ]; then pass "refused quickly (${_secs}s)"
	else fail "refused quickly" "10s at most" "${_secs}s"; fi
}
endless_base64() {
	base64 -w0 /dev/urandom
}
endless_a() {
	yes mig1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | tr -d '\n'
}
head -c $((10 * 1024 * 1024)) /dev/zero >"$T/zero"
base64 -w0 "$T/zero" | head -c $((10 * 1024 * 1024)) >"$T/b64"

stdin_case "empty input"               "empty token"                    cat /dev/null
stdin_case "only a newline"            "empty token"                    printf '\n'
stdin_case "a NUL byte"                "invalid character 0x00 at offset 0" printf '\000'
stdin_case "a NUL inside a token"      "invalid character 0x00 at offset 9" printf 'mig1:foo@\000v=1:00000000\n'
stdin_case "byte 0xff"                 "not a mig-check token"          printf '\377\377\377\n'
stdin_case "binary garbage"            "not a mig-check token|invalid character|empty token" head -c 4096 /dev/urandom
stdin_case "10 MB of NULs"             "invalid character 0x00 at offset 0" cat "$T/zero"
stdin_case "10 MB of base64, one line" "token is longer than 4096 bytes" cat "$T/b64"
stdin_case "endless NULs"              "invalid character 0x00 at offset 0" cat /dev/zero
stdin_case "an endless line"           "token is longer than 4096 bytes" endless_base64
stdin_case "an endless token-like line" "token is longer than 4096 bytes" endless_a
stdin_case "a good token, then an endless line" "token is longer than 4096 bytes" \
	sh -c 'printf "%s" "$1"; yes aaaa | tr -d "\n"' sh "$GOOD"

# The first line is the token; what follows it is not read.
printf '%s\n' "$GOOD" >"$T/two"
head -c 100000 /dev/urandom >>"$T/two"
urun "$FIXTURES/$HOST" "$MIG_CHECK" --accept - -J >"$OUT" 2>"$ERR" <"$T/two"
rc=$?
what="--accept -, a good token and binary garbage after it"
expect_rc 1 "(the token is judged)"
expect_stderr_empty

finish
