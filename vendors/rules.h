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

struct mc_dev;
struct mc_vendor;

/* A VF's "dev" and "pf" fields (vendor.device of the VF and of its PF):
 * 0, or -errno with the reason in @why when the PF is missing or unread.
 * MC_VF_ID_FIELDS declares them in a module's fields. */
#define MC_VF_ID_FIELDS \
	{ .key = "dev", .flags = MC_FIELD_NEEDED }, \
	{ .key = "pf", .flags = MC_FIELD_NEEDED }
int mc_vf_ids(const struct mc_dev *d, struct mc_record *rec, char *why, size_t whylen);

/* The drivers that migrate @m's VFs into @list: its own, or those the
 * configuration names (migration-drivers, split on blanks and commas).
 * An action binds to the first. */
size_t mc_migration_drivers(const struct mc_vendor *m, char list[][64], size_t max);

/* "@what: <errno text>" into @why; returns -errno (EIO when errno is 0). */
int mc_read_failed(const char *what, char *why, size_t whylen);

#endif
