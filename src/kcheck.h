/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel's migration_version attribute: the last word where it exists
 * (mig-check(1), KERNEL CHECK). */
#ifndef MC_KCHECK_H
#define MC_KCHECK_H

#include "verdict.h"

struct mc_sysdir;

/* Write the source's @kver once into the attribute @path under @dir and let
 * the kernel's answer judge (judge.c's mc_judge_kernel()). */
void mc_kcheck_write(const struct mc_sysdir *dir, const char *path, const char *kver,
		     struct mc_judgement *j);

#endif
