/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The write-check against a candidate's migration_version attribute: the
 * source's string is written once, and the kernel's answer decides. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kcheck.h"
#include "sysfs.h"
#include "util.h"
#include "vendor.h"

static void write_check(const struct mc_sysdir *dir, const char *path, const char *kver,
			struct mc_judgement *j)
{
	size_t len = strlen(kver);
	ssize_t n;
	int fd, e;

	/* No O_TRUNC or O_CREAT: an attribute is written in place, never made. */
	fd = mc_sysfs_open(dir, O_WRONLY | O_NOCTTY, "%s", path);
	if (fd < 0) {
		j->kcheck = MC_KCHECK_ERROR;
		mc_judge(j, MC_UNKNOWN, MC_CAT_KERNEL, "kver", kver, NULL,
			 "cannot open migration_version for writing: %s", strerror(errno));
		return;
	}
	n = write(fd, kver, len);
	e = errno;
	close(fd);
	if (n == (ssize_t)len) {
		j->kcheck = MC_KCHECK_PASSED;
		return;
	}
	if (n >= 0) {
		j->kcheck = MC_KCHECK_ERROR;
		mc_judge(j, MC_UNKNOWN, MC_CAT_KERNEL, "kver", kver, NULL,
			 "the kernel took only part of migration_version");
	} else if (e == EACCES || e == EPERM) {
		j->kcheck = MC_KCHECK_ERROR;
		mc_judge(j, MC_UNKNOWN, MC_CAT_KERNEL, "kver", kver, NULL,
			 "cannot write migration_version: %s", strerror(e));
	} else {
		j->kcheck = MC_KCHECK_FAILED;
		mc_judge(j, MC_INCOMPATIBLE, MC_CAT_KERNEL, "kver", kver, NULL,
			 "the kernel refused the source's migration_version: %s", strerror(e));
	}
}

void mc_kcheck(const struct mc_record *rec, const struct mc_vendor *m,
	       const struct mc_dev *cand, bool no_write, struct mc_judgement *j)
{
	const char *kver = mc_record_get(rec, "kver");
	const struct mc_sysdir *dir;
	char *path = mc_dev_kver_path(cand, &dir);

	if (!kver || !path) {
		j->kcheck = !kver && !path ? MC_KCHECK_ABSENT : MC_KCHECK_FAILED;
		if (m->no_kver_reason)
			mc_judge(j, MC_UNSUPPORTED, MC_CAT_KERNEL, "kver", kver,
				 path ? "present" : NULL, "%s", m->no_kver_reason);
		else if (kver || path)
			mc_judge(j, MC_INCOMPATIBLE, MC_CAT_KERNEL, "kver", kver,
				 path ? "present" : NULL,
				 "migration_version exists on one side only");
	} else if (!mc_verdict_usable(j->verdict)) {
		j->kcheck = MC_KCHECK_SKIPPED;
	} else if (no_write) {
		j->kcheck = MC_KCHECK_SKIPPED;
		mc_judge(j, MC_COMPATIBLE, MC_CAT_KERNEL, "kver", kver, "present",
			 "kernel check skipped (--no-kernel-check)");
	} else {
		write_check(dir, path, kver, j);
	}
	free(path);
}
