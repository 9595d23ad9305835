/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The write-check against a candidate's migration_version attribute: the
 * source's string is written once, and the kernel's answer decides. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "judge.h"
#include "kcheck.h"
#include "sysfs.h"

void mc_kcheck_write(const struct mc_sysdir *dir, const char *path, const char *kver,
		     struct mc_judgement *j)
{
	size_t len = strlen(kver);
	ssize_t n;
	int fd, e;

	/* No O_TRUNC or O_CREAT: an attribute is written in place, never made. */
	fd = mc_sysfs_open(dir, O_WRONLY | O_NOCTTY, "%s", path);
	if (fd < 0) {
		mc_judge_kernel(j, kver, MC_KANSWER_NO_OPEN, errno);
		return;
	}
	n = write(fd, kver, len);
	e = errno;
	close(fd);
	if (n == (ssize_t)len)
		mc_judge_kernel(j, kver, MC_KANSWER_TAKEN, 0);
	else if (n >= 0)
		mc_judge_kernel(j, kver, MC_KANSWER_PARTIAL, 0);
	else
		mc_judge_kernel(j, kver, MC_KANSWER_REFUSED, e);
}
