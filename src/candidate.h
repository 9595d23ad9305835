/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Judging candidates on this host, with the reads, the /proc scan and the
 * kernel write that judge.c leaves out. */
#ifndef MC_CANDIDATE_H
#define MC_CANDIDATE_H

#include <stddef.h>

#include "judge.h"
#include "place.h"
#include "token.h"

struct mc_dev;
struct mc_judgement;
struct mc_vendor;

/* Judge one candidate for one record of a built-in module: read the
 * candidate, apply the module's rules, then the kernel check (mig-check(1)
 * VERDICTS, KERNEL CHECK); the judging itself is judge.c's, this adds the
 * reads and the write. */
void mc_accept_judge(const struct mc_record *rec, const struct mc_vendor *m,
		     const struct mc_dev *cand, enum mc_kwrite kwrite, struct mc_judgement *j);

/* Judge every candidate of @c not judged yet, for its record of @tok
 * (module @mods[record]), in steps (mig-check(1) VERDICTS, Held devices,
 * KERNEL CHECK): the reads and rules of each; one /proc scan for the VFIO
 * nodes of those that passed, if any, which makes a held one incompatible;
 * then the kernel check of those still usable. */
void mc_accept_judge_all(const struct mc_token *tok, const struct mc_vendor *const *mods,
			 struct mc_cand *c, size_t n, enum mc_kwrite kwrite);

#endif
