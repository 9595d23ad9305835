/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DEVICE arguments, which restrict the candidates of --accept and the rows
 * of --list to devices they name. */
#ifndef MC_RESTRICT_H
#define MC_RESTRICT_H

#include <stdbool.h>
#include <stddef.h>

#include "device.h"

struct mc_restriction {
	char *const *args;   /* as given */
	char (*names)[40];   /* as device names (mc_device_arg()) */
	bool *seen;
	size_t n;
};

/* Exits 2 on an argument that names no device of any kind. */
void mc_restriction_init(struct mc_restriction *r, char *const *args, int n);

/* Does @d pass (no arguments, or one names it, or for an mdev or a type,
 * its parent)?  Marks the arguments that name it. */
bool mc_restriction_allows(struct mc_restriction *r, const struct mc_dev *d);

/* Exits 2 on an argument that named nothing, as the user wrote it: "no
 * such device", or @not_named when the device exists ("not a candidate
 * for this token", "not a device that matters for migration": one shape
 * in --accept and --list).  Frees @r. */
void mc_restriction_check(struct mc_restriction *r, const char *not_named);

#endif
