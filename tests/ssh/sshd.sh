# SPDX-License-Identifier: GPL-2.0-or-later
# A private sshd on 127.0.0.1 for the tests (POSIX sh, sourced after lib.sh):
# its own configuration, host key and client key in a directory of the
# test's own, a free high port, public-key login only.  As root it lets root
# in; otherwise the current user, the only one an unprivileged sshd can
# serve.  The client pins the generated host key, so a test only ever talks
# to the sshd it started.
#
#   sshd_find            sets SSHD (absolute path); false if sshd, ssh or
#                        ssh-keygen is missing
#   sshd_start DIR       starts it and sets SSH_PORT, SSH_USER; false, with
#                        the log on stdout as TAP comments, if it cannot
#   ssh_test CMD...      runs CMD through it (ssh's exit status: the remote
#                        command's, or 255 when ssh itself failed)
#   ssh_share            keeps one connection open that later ssh_test calls
#                        share (each still a session of its own, its command
#                        parsed by the remote shell), saving a key exchange
#                        per call
#   sshd_stop            stops it and the shared connection (safe to call
#                        twice, or before a start)
#   shq STRING           STRING quoted for a shell (the remote one)

SSHD_PID=
SSHD_DIR=

sshd_find() {
	command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || return 1
	# sshd re-executes itself, so it wants an absolute path; /usr/sbin is
	# often not in an ordinary user's PATH.
	SSHD=$(command -v sshd 2>/dev/null) || SSHD=
	case $SSHD in
	/*) ;;
	*) SSHD=/usr/sbin/sshd ;;
	esac
	[ -x "$SSHD" ]
}

shq() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

_sshd_random_port() {
	_r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $((20000 + _r % 40000))
}

_sshd_pause() {
	sleep 0.1 2>/dev/null || sleep 1
}

_sshd_log() {
	sed 's/^/#   sshd: /' "$SSHD_DIR/sshd.log"
}

sshd_start() {
	SSHD_DIR=$1
	mkdir -p "$SSHD_DIR" || return 1
	_user=$(id -un) || return 1
	ssh-keygen -q -t ed25519 -N '' -C mig-check-test-host -f "$SSHD_DIR/host_key" </dev/null >/dev/null || return 1
	ssh-keygen -q -t ed25519 -N '' -C mig-check-test-client -f "$SSHD_DIR/client_key" </dev/null >/dev/null || return 1
	cp "$SSHD_DIR/client_key.pub" "$SSHD_DIR/authorized_keys" || return 1
	if [ "$(id -u)" = 0 ]; then
		_root=yes
		# Privilege separation: root's sshd needs its empty chroot
		# directory (made at boot by the openssh-server service, which
		# a container does not run).
		[ -d /run/sshd ] || mkdir -p -m 0755 /run/sshd || return 1
	else
		_root=no
	fi

	for _try in 1 2 3 4 5 6 7 8 9 10; do
		SSH_PORT=$(_sshd_random_port)
		cat >"$SSHD_DIR/sshd_config" <<-EOF
		# A throwaway sshd for the mig-check tests.
		Port $SSH_PORT
		ListenAddress 127.0.0.1
		HostKey $SSHD_DIR/host_key
		PidFile $SSHD_DIR/sshd.pid
		AuthorizedKeysFile $SSHD_DIR/authorized_keys
		AuthenticationMethods publickey
		PubkeyAuthentication yes
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		UsePAM no
		StrictModes no
		PermitRootLogin $_root
		AllowUsers $_user
		PermitUserEnvironment no
		PermitTTY no
		X11Forwarding no
		AllowTcpForwarding no
		AllowAgentForwarding no
		PrintMotd no
		PrintLastLog no
		UseDNS no
		LogLevel INFO
		EOF
		: >"$SSHD_DIR/sshd.log"
		"$SSHD" -D -e -f "$SSHD_DIR/sshd_config" </dev/null >>"$SSHD_DIR/sshd.log" 2>&1 &
		SSHD_PID=$!
		# Listening, or dead (port taken: try another)?
		_i=0
		while [ $_i -lt 100 ]; do
			if grep -q "Server listening on 127.0.0.1 port $SSH_PORT" "$SSHD_DIR/sshd.log"; then
				_sshd_client "$_user"
				return 0
			fi
			kill -0 "$SSHD_PID" 2>/dev/null || break
			_sshd_pause
			_i=$((_i + 1))
		done
		sshd_stop
		grep -q 'Address already in use' "$SSHD_DIR/sshd.log" || break
	done
	echo "# sshd did not start (port $SSH_PORT):"
	_sshd_log
	return 1
}

# The client: our key only, no user configuration, the host key pinned.
_sshd_client() {
	SSH_USER=$1
	printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$SSHD_DIR/host_key.pub")" \
		>"$SSHD_DIR/known_hosts"
}

# ssh_test REMOTE-COMMAND...: ssh to the test's sshd; ssh joins the words
# with spaces and the remote user's shell parses them again, as with any
# `ssh host cmd ...`.  Without a shared connection (or if it is gone), ssh
# connects on its own.
ssh_test() {
	_ssh -o ControlMaster=no 127.0.0.1 "$@"
}

ssh_share() {
	# -f: in the background once logged in; its output must not hold the
	# test's stdout (the TAP stream) open.
	_ssh -o ControlMaster=yes -o ControlPersist=yes -N -f 127.0.0.1 \
		</dev/null >/dev/null 2>&1
}

_ssh() {
	ssh -F /dev/null -p "$SSH_PORT" -l "$SSH_USER" -i "$SSHD_DIR/client_key" \
		-o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes \
		-o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$SSHD_DIR/known_hosts" \
		-o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=20 \
		-o "ControlPath=$SSHD_DIR/mux" "$@"
}

sshd_stop() {
	if [ -S "$SSHD_DIR/mux" ]; then
		_ssh -O exit 127.0.0.1 </dev/null >/dev/null 2>&1
	fi
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
		wait "$SSHD_PID" 2>/dev/null
		SSHD_PID=
	fi
	return 0
}
