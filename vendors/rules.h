/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Building blocks the vendor modules share: the common rule shapes, and the
 * errno text of a failed read. */
#ifndef MC_RULES_H
#define MC_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "token.h"
#include "verdict.h"

/* Both sides carry @key (@s, @d)?  Else the candidate is unknown: a rule
 * that lacks a field never guesses. */
bool mc_rule_present(struct mc_judgement *j, const char *key, const char *s, const char *d);

/* @key must be present on both sides and equal, else incompatible by @rule. */
void mc_rule_equal(struct mc_judgement *j, const struct mc_record *src,
		   const struct mc_record *dst, const char *key,
		   enum mc_category cat, const char *rule);

/* "@what: <errno text>" into @why; returns -errno (EIO when errno is 0). */
int mc_read_failed(const char *what, char *why, size_t whylen);

#endif
