/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fuser-style scan of /proc/PID/fd: a file really held open by this
 * process or by a child started as QEMU is (-name guest=NAME) is found with
 * its PID, command and guest name; a closed or missing one is not. */
#define _GNU_SOURCE 1
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "holders.h"

static char dir[] = "/tmp/mig-check-holders.XXXXXX";
static char node[sizeof(dir) + 16], other[sizeof(dir) + 16];

static int setup(void **state)
{
	int fd;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(node, sizeof(node), "%s/vfio-12", dir);
	snprintf(other, sizeof(other), "%s/vfio-13", dir);
	fd = open(node, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	close(fd);
	fd = open(other, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(node);
	unlink(other);
	rmdir(dir);
	return 0;
}

static void test_held_by_self(void **state)
{
	const char *paths[] = { node, other };
	struct mc_holder h[2];
	struct mc_holders how;
	char comm[64] = "", text[256];
	FILE *f;
	int fd = open(node, O_RDONLY | O_CLOEXEC);

	(void)state;
	assert_true(fd >= 0);
	f = fopen("/proc/self/comm", "r");
	assert_non_null(f);
	assert_non_null(fgets(comm, sizeof(comm), f));
	fclose(f);
	comm[strcspn(comm, "\n")] = '\0';

	mc_holders_scan(paths, 2, h, &how);
	close(fd);
	assert_int_equal(h[0].pid, getpid());
	assert_string_equal(h[0].comm, comm);
	assert_string_equal(h[0].guest, "");
	assert_int_equal(h[1].pid, 0);
	assert_int_equal(how.err, 0);
	mc_holder_text(&h[0], text, sizeof(text));
	assert_true(!strncmp(text, "in use by PID ", 14));
}

static void test_closed_and_missing(void **state)
{
	char missing[sizeof(dir) + 16];
	const char *paths[] = { node, missing };
	struct mc_holder h[2];
	struct mc_holders how;

	(void)state;
	snprintf(missing, sizeof(missing), "%s/none", dir);
	mc_holders_scan(paths, 2, h, &how);
	assert_int_equal(h[0].pid, 0);
	assert_int_equal(h[1].pid, 0);
	assert_int_equal(how.err, 0);
}

/* A child that holds @node open as fd 3, with "-name @name" on its command
 * line, blocked reading a pipe until the test is done with it. */
static pid_t start_guest(const char *name, int *hold)
{
	int in[2], out[2];
	char ready[8];
	pid_t pid;

	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execl("/bin/sh", "sh", "-c", "exec 3<\"$2\"; echo ready; read x", "-name", name,
		      node, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	assert_int_equal(read(out[0], ready, 6), 6);
	close(out[0]);
	*hold = in[1];
	return pid;
}

static void test_held_by_guest(void **state)
{
	const char *paths[] = { node };
	struct mc_holder h[1];
	struct mc_holders how;
	char text[256], expect[256];
	int hold, status;
	pid_t pid;

	(void)state;
	/* sh -c SCRIPT -name OPTS NODE: the command line reads "... -name
	 * OPTS ...", as QEMU's does; ",," is QEMU's escaped comma. */
	pid = start_guest("guest=vm,,42,debug-threads=on", &hold);
	mc_holders_scan(paths, 1, h, &how);
	close(hold);
	waitpid(pid, &status, 0);
	assert_int_equal(h[0].pid, pid);
	assert_string_equal(h[0].comm, "sh");
	assert_string_equal(h[0].guest, "vm,42");
	mc_holder_text(&h[0], text, sizeof(text));
	snprintf(expect, sizeof(expect), "in use by PID %ld (sh, guest vm,42)", (long)pid);
	assert_string_equal(text, expect);
}

static void test_old_style_name(void **state)
{
	const char *paths[] = { node };
	struct mc_holder h[1];
	struct mc_holders how;
	int hold, status;
	pid_t pid;

	(void)state;
	pid = start_guest("vm7", &hold);
	mc_holders_scan(paths, 1, h, &how);
	close(hold);
	waitpid(pid, &status, 0);
	assert_int_equal(h[0].pid, pid);
	assert_string_equal(h[0].guest, "vm7");
}

/* An ordinary user cannot read other users' /proc/PID/fd: the scan says it
 * is incomplete, so that a free-looking node is never taken for free. */
static void test_incomplete_when_not_root(void **state)
{
	const char *paths[] = { node };
	int status;
	pid_t pid;

	(void)state;
	assert_int_equal(chmod(dir, 0755), 0);
	assert_int_equal(chmod(node, 0644), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct mc_holder h[1];
		struct mc_holders how;

		if (getuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(3);
		mc_holders_scan(paths, 1, h, &how);
		_exit(how.incomplete && h[0].pid == 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_held_by_self),
		cmocka_unit_test(test_closed_and_missing),
		cmocka_unit_test(test_held_by_guest),
		cmocka_unit_test(test_old_style_name),
		cmocka_unit_test(test_incomplete_when_not_root),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
