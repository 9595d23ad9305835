/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which process holds a VFIO node open: one fuser-style pass over
 * /proc/PID/fd serves every node a run asks about (mig-check(1), HELD
 * DEVICES). */
#ifndef MC_HOLDERS_H
#define MC_HOLDERS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct mc_holder {
	pid_t pid;            /* 0: nobody holds the node (that the scan could see) */
	char comm[64];        /* /proc/PID/comm */
	char guest[128];      /* QEMU's -name guest=NAME, empty when there is none */
};

struct mc_holders {
	bool incomplete;      /* some process's fds could not be read (not root) */
	int err;              /* errno of a /proc that could not be listed at all, else 0 */
};

/* Look for processes that hold one of the @n nodes @paths open (a node that
 * does not exist is held by nobody).  An open file matches a node by device
 * number (a character device) or by being the same inode.  @out gets one
 * entry per path: the first holder found.  A process that ends during the
 * scan does not count. */
void mc_holders_scan(const char *const *paths, size_t n, struct mc_holder *out,
		     struct mc_holders *how);

/* "in use by PID 4242 (qemu-system-x86, guest vm42)" into @buf. */
void mc_holder_text(const struct mc_holder *h, char *buf, size_t len);

#endif
