/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Verdicts, reasons and the judgement of one record against one candidate
 * (mig-check-formats(5), VERDICTS). */
#ifndef MC_VERDICT_H
#define MC_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

/* Ordered from best to worst for usable verdicts; within one candidate the
 * worst rule result wins, with the precedence of mc_verdict_rank(). */
enum mc_verdict {
	MC_IDENTICAL,
	MC_COMPATIBLE,
	MC_ACTIONABLE,
	MC_UNKNOWN,
	MC_INCOMPATIBLE,
	MC_UNSUPPORTED,
};

enum mc_category {
	MC_CAT_HARDWARE,
	MC_CAT_DRIVER,
	MC_CAT_CONFIG,
	MC_CAT_CAPACITY,
	MC_CAT_KERNEL,
	MC_CAT_OTHER,
};

enum mc_kcheck {
	MC_KCHECK_ABSENT,
	MC_KCHECK_PASSED,
	MC_KCHECK_FAILED,
	MC_KCHECK_SKIPPED,
	MC_KCHECK_ERROR,
};

struct mc_reason {
	char *field;
	char *source;        /* NULL: the source has no such field */
	char *destination;   /* NULL: the destination has none */
	char *rule;
	enum mc_category category;
	enum mc_verdict verdict;   /* what this rule alone makes of the candidate */
};

struct mc_judgement {
	enum mc_verdict verdict;
	enum mc_kcheck kcheck;
	char *action;              /* shell command to run first, or NULL */
	int preference;            /* tie-break between equal verdicts, higher first */
	struct mc_reason *reasons;
	size_t nreasons;
};

const char *mc_verdict_name(enum mc_verdict v);
const char *mc_category_name(enum mc_category c);
const char *mc_kcheck_name(enum mc_kcheck k);
bool mc_verdict_usable(enum mc_verdict v);

/* Record a rule's outcome as a reason; the candidate's verdict becomes the
 * worse of the two (the precedence of mig-check-formats(5) VERDICTS).
 * @src/@dst may be NULL.  The reasons are kept in the order of their
 * verdicts, worst first, so the first one is always one that decided the
 * candidate's verdict. */
void mc_judge(struct mc_judgement *j, enum mc_verdict v, enum mc_category cat,
	      const char *field, const char *src, const char *dst,
	      const char *rule_fmt, ...) __attribute__((format(printf, 7, 8)));

/* Set the action (printf-style); values must already be shell-quoted. */
void mc_judge_action(struct mc_judgement *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void mc_judgement_free(struct mc_judgement *j);

/* A reason as text for people: "low: differs after aggregation (128 -> 64)",
 * "none" for a value a side does not have.  Allocated. */
char *mc_reason_text(const struct mc_reason *r);

#endif
