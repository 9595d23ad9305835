/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Finding the processes that hold VFIO nodes open, as fuser does: every
 * /proc/PID/fd entry is stat()ed and compared with the nodes.  A VM's QEMU
 * keeps its group node (/dev/vfio/N) or device node (/dev/vfio/devices/vfioX)
 * open for the guest's lifetime. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "holders.h"
#include "util.h"

struct node {
	bool exists;
	struct stat st;
};

static bool same_node(const struct stat *node, const struct stat *f)
{
	/* A character device matches by number wherever its node lives; any
	 * other file (a testbed's stand-in for a node) by being that file. */
	if (S_ISCHR(node->st_mode) && S_ISCHR(f->st_mode) && node->st_rdev == f->st_rdev)
		return true;
	return node->st_dev == f->st_dev && node->st_ino == f->st_ino;
}

/* A small /proc/PID file under @procfd, at most @len - 1 bytes of it; the
 * byte count, or -1 when it cannot be read. */
static ssize_t read_proc(int procfd, const char *pid, const char *file, char *buf, size_t len)
{
	char path[NAME_MAX + 16];
	ssize_t n, total = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", pid, file);
	fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((size_t)total < len - 1 && (n = read(fd, buf + total, len - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* The guest name QEMU was started with: "-name guest=vm42,debug-threads=on"
 * (or the older "-name vm42"), where ",," stands for a comma. */
static void guest_name(const char *cmdline, size_t len, char *out, size_t outlen)
{
	const char *end = cmdline + len, *arg = cmdline;

	out[0] = '\0';
	while (arg < end) {
		const char *next = arg + strlen(arg) + 1;

		if (!strcmp(arg, "-name") && next < end) {
			const char *v = next;
			size_t o = 0;

			if (!strncmp(v, "guest=", 6))
				v += 6;
			else if (strchr(v, '='))
				return;   /* other suboptions only */
			for (; *v && o + 1 < outlen; v++) {
				if (*v == ',') {
					if (v[1] != ',')
						break;
					v++;
				}
				out[o++] = isprint((unsigned char)*v) ? *v : '?';
			}
			out[o] = '\0';
			return;
		}
		arg = next;
	}
}

static void describe(int procfd, const char *pid, struct mc_holder *h)
{
	char buf[32768];
	ssize_t n;

	h->pid = (pid_t)atol(pid);
	n = read_proc(procfd, pid, "comm", h->comm, sizeof(h->comm));
	while (n > 0 && h->comm[n - 1] == '\n')
		h->comm[--n] = '\0';
	n = read_proc(procfd, pid, "cmdline", buf, sizeof(buf));
	if (n > 0)
		guest_name(buf, (size_t)n, h->guest, sizeof(h->guest));
}

static bool is_pid(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Match the fds of process @pid against the nodes still unheld; false when
 * its fds could not be listed for a reason other than its end. */
static bool scan_process(int procfd, const char *pid, const struct node *nodes, size_t n,
			 struct mc_holder *out, size_t *left)
{
	char path[NAME_MAX + 16];
	struct dirent *e;
	DIR *dp;
	int fd;

	snprintf(path, sizeof(path), "%s/fd", pid);
	fd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ESRCH;
	dp = fdopendir(fd);
	if (!dp) {
		close(fd);
		return false;
	}
	while (*left && (e = readdir(dp))) {
		struct stat st;

		if (e->d_name[0] == '.' || fstatat(dirfd(dp), e->d_name, &st, 0) < 0)
			continue;   /* closed meanwhile, or a dead link */
		for (size_t i = 0; i < n; i++) {
			if (!nodes[i].exists || out[i].pid || !same_node(&nodes[i].st, &st))
				continue;
			describe(procfd, pid, &out[i]);
			(*left)--;
		}
	}
	closedir(dp);
	return true;
}

void mc_holders_scan(const char *const *paths, size_t n, struct mc_holder *out,
		     struct mc_holders *how)
{
	struct node *nodes = xcalloc(n, sizeof(*nodes));
	size_t left = 0;
	struct dirent *e;
	DIR *dp;
	int procfd;

	memset(how, 0, sizeof(*how));
	memset(out, 0, n * sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		nodes[i].exists = stat(paths[i], &nodes[i].st) == 0;
		left += nodes[i].exists;
	}
	if (!left)
		goto out;
	procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dp = procfd < 0 ? NULL : fdopendir(procfd);
	if (!dp) {
		how->err = errno ? errno : EIO;
		if (procfd >= 0)
			close(procfd);
		goto out;
	}
	while (left) {
		errno = 0;
		e = readdir(dp);
		if (!e) {
			if (errno)
				how->err = errno;
			break;
		}
		if (is_pid(e->d_name) &&
		    !scan_process(procfd, e->d_name, nodes, n, out, &left))
			how->incomplete = true;
	}
	closedir(dp);
out:
	free(nodes);
}

void mc_holder_text(const struct mc_holder *h, char *buf, size_t len)
{
	if (h->guest[0])
		snprintf(buf, len, "in use by PID %ld (%s, guest %s)", (long)h->pid, h->comm, h->guest);
	else
		snprintf(buf, len, "in use by PID %ld (%s)", (long)h->pid, h->comm);
}
