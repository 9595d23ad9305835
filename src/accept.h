/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --accept: judge the local candidates for a token. */
#ifndef MC_ACCEPT_H
#define MC_ACCEPT_H

#include <stdbool.h>
#include <stdio.h>

#include "options.h"

struct mc_dev;
struct mc_judgement;
struct mc_record;
struct mc_vendor;

int mc_cmd_accept(const struct mc_opts *o);
void mc_accept_columns_help(FILE *out);

/* Judge one candidate for one record of a built-in module: read the
 * candidate, apply the module's rules, then the kernel check (SPEC 6, 7). */
void mc_accept_judge(const struct mc_record *rec, const struct mc_vendor *m,
		     const struct mc_dev *cand, bool no_kernel_check, struct mc_judgement *j);

#endif
