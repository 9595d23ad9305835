/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel's migration_version attribute: the last word where it exists
 * (SPEC section 7). */
#ifndef MC_KCHECK_H
#define MC_KCHECK_H

#include <stdbool.h>

#include "device.h"
#include "token.h"
#include "verdict.h"

struct mc_vendor;

/* Apply section 7 to a candidate already judged by its module's rules: the
 * one-side rule, and the write-check for a candidate that passed them all. */
void mc_kcheck(const struct mc_record *rec, const struct mc_vendor *m,
	       const struct mc_dev *cand, bool no_write, struct mc_judgement *j);

#endif
