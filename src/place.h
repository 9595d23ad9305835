/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placing each record of a token on a distinct candidate, and the overall
 * verdict (mig-check(1) VERDICTS/Bundles). */
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
	/* Reasons about unplaced records: field "record", source the record's
	 * index from 0, and a rule that does not name the record (the printer
	 * does, with mc_record_label()). */
	struct mc_judgement notes;
};

/* How many records may share @dev: a creatable type offers its free
 * instances, anything else one. */
long mc_capacity(const struct mc_dev *dev);

void mc_place(const struct mc_cand *c, size_t n, size_t nrecords, struct mc_placement *p);

/* The candidate whose reasons explain why record @r got the verdict @v
 * without a place: one of that verdict, else its best one; NULL when the
 * record had no candidate. */
const struct mc_cand *mc_place_explaining(const struct mc_cand *c, size_t n, size_t r,
					  enum mc_verdict v);

/* How text for people names record @r (from 0) of @tok: "record 1 of 2
 * (i915-gvt)", counted from 1 (mig-check(1)). */
#define MC_RECORD_LABEL_MAX 96
const char *mc_record_label(const struct mc_token *tok, size_t r, char buf[MC_RECORD_LABEL_MAX]);

#endif
