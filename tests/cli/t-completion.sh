# SPDX-License-Identifier: GPL-2.0-or-later
# Shell completions: bash completes DEVICE with what the (fake) host has, and
# offers exactly the options of --help and the columns of -H; the zsh and fish
# files parse, and name every option too.
. "$TESTLIB"

COMPLETIONS=${COMPLETIONS:-$(dirname "$TESTLIB")/../../completions}
PCI=0000:00:02.0

# The options of --help, one per line, sorted: long ones, then short ones.
mc_plain --help
LONG_OPTS=$(grep -o -- '--[a-z][a-z-]*' "$OUT" | sort -u)
SHORT_OPTS=$(sed -n 's/^ *\(-[A-Za-z]\), .*/\1/p' "$OUT" | sort -u)
check "--help names long options" test -n "$LONG_OPTS"
check "--help names short options" test -n "$SHORT_OPTS"

# columns MODE: the column names `mig-check MODE -H` prints, sorted.
columns() {
	mc_plain "$@" -H
	sed -n 's/^ *\([A-Z][A-Z]*\)  .*/\1/p' "$OUT" | sort -u
}
ACCEPT_COLS=$(columns --accept x)
LIST_COLS=$(columns --list)
DECODE_COLS=$(columns --decode x)

# --- bash ------------------------------------------------------------------------
if command -v bash >/dev/null 2>&1; then
	what="bash -n $COMPLETIONS/mig-check"
	check "syntax" bash -n "$COMPLETIONS/mig-check"

	# complete.bash FILE WORD...: source the completion FILE, complete the last
	# WORD of the command line WORD..., print the candidates one a line.
	cat >"$T/complete.bash" <<-'EOF'
	. "$1" || exit 1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	_mig_check || exit 1
	((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}"
	EOF

	# bcomp FIXTURE WORD...: run it under the fake host FIXTURE.
	bcomp() {
		_bfx=$1; shift
		mc_sh "$_bfx" "bash: $(_label "$@")<TAB>" 'unset BASH_ENV; exec bash "$@"' \
			"$T/complete.bash" "$COMPLETIONS/mig-check" "$@"
	}
	sorted_out() {
		sort "$OUT"
	}
	# No candidate, from a completion that ran to its end: complete.bash
	# exits 1, and bash complains on stderr, when it did not.
	expect_no_candidates() {
		expect_rc 0
		expect_stderr_empty
		expect_stdout_empty
	}

	bcomp gvt-src.umockdev mig-check --emit ""
	expect_rc 0
	compare "the host's PCI address and mdev UUID" \
		"$(printf '%s\n' $PCI $SRC_UUID)" "$(sorted_out)"

	bcomp gvt-src.umockdev mig-check --emit 83
	compare "a UUID from its first digits" "$SRC_UUID" "$(sorted_out)"

	# bash splits words at ':': only the part after the last ':' goes back.
	bcomp gvt-src.umockdev mig-check --emit 0000 : 00
	compare "an address split at ':'" "00:02.0" "$(sorted_out)"

	bcomp gvt-dst-free.umockdev mig-check --list ""
	compare "--list DEVICE on a host without mdevs" "$PCI" "$(sorted_out)"

	bcomp gvt-src.umockdev mig-check --accept x ""
	compare "--accept TOKEN DEVICE" "$(printf '%s\n' $PCI $SRC_UUID)" "$(sorted_out)"

	bcomp gvt-src.umockdev mig-check --decode x ""
	expect_no_candidates

	bcomp gvt-src.umockdev mig-check --accept ""
	expect_no_candidates

	bcomp gvt-src.umockdev mig-check -s ""
	compare "-s: PCI addresses" "$PCI" "$(sorted_out)"

	bcomp gvt-src.umockdev mig-check -d ""
	compare "-d: vendor:device IDs" "8086:591d" "$(sorted_out)"

	bcomp gvt-src.umockdev mig-check -
	compare "every long option of --help" "$LONG_OPTS" "$(grep -- '^--' "$OUT" | sort -u)"
	compare "every short option of --help" "$SHORT_OPTS" "$(grep -- '^-[^-]' "$OUT" | sort -u)"

	bcomp gvt-src.umockdev mig-check --accept x --
	expect_stdout_lacks "--emit"
	expect_stdout_contains "--json"

	bcomp gvt-src.umockdev mig-check --accept x -o ""
	compare "--accept -o: the columns of --accept -H" "$ACCEPT_COLS" "$(sorted_out)"
	bcomp gvt-src.umockdev mig-check -lo ""
	compare "-lo: the columns of --list -H" "$LIST_COLS" "$(sorted_out)"
	bcomp gvt-src.umockdev mig-check --decode x --output = ""
	compare "--decode --output=: the columns of --decode -H" "$DECODE_COLS" "$(sorted_out)"
	bcomp gvt-src.umockdev mig-check --list -o +DEVICE,K
	compare "-o +A,B: a comma list after the defaults" "+DEVICE,KIND" "$(sorted_out)"

	bcomp gvt-src.umockdev mig-check -c "$COMPLETIONS/mig-check.f"
	compare "-c: file names" "$COMPLETIONS/mig-check.fish" "$(sorted_out)"
else
	what=bash
	skip_check "bash completion" "bash is not installed"
fi

# --- zsh ---------------------------------------------------------------------------
if command -v zsh >/dev/null 2>&1; then
	what="zsh -n $COMPLETIONS/_mig-check"
	check "syntax" zsh -n "$COMPLETIONS/_mig-check"
else
	what=zsh
	skip_check "zsh completion syntax" "zsh is not installed"
fi
what="$COMPLETIONS/_mig-check"
check "#compdef line" grep -qx '#compdef mig-check' "$COMPLETIONS/_mig-check"
for o in $LONG_OPTS; do
	check "names $o" grep -qe "$o\[" -e "$o=\[" -e "$o=\]" -e "{$o," -e ",$o[=}]" "$COMPLETIONS/_mig-check"
done

# --- fish --------------------------------------------------------------------------
if command -v fish >/dev/null 2>&1; then
	what="fish --no-execute $COMPLETIONS/mig-check.fish"
	check "syntax" fish --no-execute "$COMPLETIONS/mig-check.fish"

	mc_sh gvt-src.umockdev "fish: mig-check --emit <TAB>" \
		'exec fish --no-config -c "source \"\$argv[1]\"; complete -C\"mig-check --emit \"" "$1"' \
		"$COMPLETIONS/mig-check.fish"
	expect_rc 0
	compare "the host's PCI address and mdev UUID" \
		"$(printf '%s\n' $PCI $SRC_UUID)" "$(cut -f1 "$OUT" | sort)"
else
	what=fish
	skip_check "fish completion" "fish is not installed"
fi
what="$COMPLETIONS/mig-check.fish"
for o in $LONG_OPTS; do
	check "names $o" grep -qE -- "-l ${o#--}( |\$)" "$COMPLETIONS/mig-check.fish"
done

finish
