/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placing each record of a token on a distinct candidate, and the overall
 * verdict (SPEC section 6). */
#ifndef MC_PLACE_H
#define MC_PLACE_H

#include <stddef.h>

#include "device.h"
#include "token.h"
#include "verdict.h"

struct mc_cand {
	const struct mc_dev *dev;
	size_t record;
	struct mc_judgement j;
	bool judged;          /* @j is final (mc_accept_judge_all() leaves it) */
};

struct mc_placement {
	long cand[MC_MAX_RECORDS];            /* index into the candidates, -1: unplaced */
	enum mc_verdict record_verdict[MC_MAX_RECORDS];
	enum mc_verdict verdict;              /* overall */
	struct mc_judgement notes;            /* reasons about unplaced records */
};

/* How many records may share @dev: a creatable type offers its free
 * instances, anything else one. */
long mc_capacity(const struct mc_dev *dev);

void mc_place(const struct mc_cand *c, size_t n, size_t nrecords, struct mc_placement *p);

#endif
