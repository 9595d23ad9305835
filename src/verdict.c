/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names of verdicts and categories, and how rule outcomes add up to the
 * verdict of one candidate. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "verdict.h"

static const char *const verdict_names[] = {
	[MC_IDENTICAL] = "identical",
	[MC_COMPATIBLE] = "compatible",
	[MC_ACTIONABLE] = "actionable",
	[MC_UNKNOWN] = "unknown",
	[MC_INCOMPATIBLE] = "incompatible",
	[MC_UNSUPPORTED] = "unsupported",
};

static const char *const category_names[] = {
	[MC_CAT_HARDWARE] = "hardware",
	[MC_CAT_DRIVER] = "driver",
	[MC_CAT_CONFIG] = "config",
	[MC_CAT_CAPACITY] = "capacity",
	[MC_CAT_KERNEL] = "kernel",
	[MC_CAT_OTHER] = "other",
};

static const char *const kcheck_names[] = {
	[MC_KCHECK_ABSENT] = "absent",
	[MC_KCHECK_PASSED] = "passed",
	[MC_KCHECK_FAILED] = "failed",
	[MC_KCHECK_SKIPPED] = "skipped",
	[MC_KCHECK_ERROR] = "error",
};

const char *mc_verdict_name(enum mc_verdict v)
{
	return verdict_names[v];
}

const char *mc_category_name(enum mc_category c)
{
	return category_names[c];
}

const char *mc_kcheck_name(enum mc_kcheck k)
{
	return kcheck_names[k];
}

bool mc_verdict_usable(enum mc_verdict v)
{
	return v <= MC_ACTIONABLE;
}

void mc_judge(struct mc_judgement *j, enum mc_verdict v, enum mc_category cat,
	      const char *field, const char *src, const char *dst,
	      const char *rule_fmt, ...)
{
	struct mc_reason *r;
	size_t at;
	va_list ap;
	int n;

	/* mig-check-formats(5) VERDICTS: the worse outcome wins; the enum is
	 * ordered by precedence. */
	if (v > j->verdict)
		j->verdict = v;
	/* Reasons stay ordered from the worst verdict down, in the order given
	 * within one verdict: the first decided the candidate's verdict, so
	 * that a note never hides a mismatch (mig-check(1), REASON). */
	j->reasons = xrealloc(j->reasons, (j->nreasons + 1) * sizeof(*j->reasons));
	at = j->nreasons;
	while (at > 0 && j->reasons[at - 1].verdict < v)
		at--;
	memmove(&j->reasons[at + 1], &j->reasons[at], (j->nreasons - at) * sizeof(*j->reasons));
	j->nreasons++;
	r = &j->reasons[at];
	r->field = xstrdup(field);
	r->source = src ? xstrdup(src) : NULL;
	r->destination = dst ? xstrdup(dst) : NULL;
	va_start(ap, rule_fmt);
	n = vasprintf(&r->rule, rule_fmt, ap);
	va_end(ap);
	if (n < 0)
		r->rule = xstrdup("?");
	r->category = cat;
	r->verdict = v;
}

void mc_judge_action(struct mc_judgement *j, const char *fmt, ...)
{
	va_list ap;
	int n;

	free(j->action);
	va_start(ap, fmt);
	n = vasprintf(&j->action, fmt, ap);
	va_end(ap);
	if (n < 0)
		j->action = NULL;
}

void mc_judgement_free(struct mc_judgement *j)
{
	for (size_t i = 0; i < j->nreasons; i++) {
		free(j->reasons[i].field);
		free(j->reasons[i].source);
		free(j->reasons[i].destination);
		free(j->reasons[i].rule);
	}
	free(j->reasons);
	free(j->action);
	memset(j, 0, sizeof(*j));
}

char *mc_reason_text(const struct mc_reason *r)
{
	/* What the destination lacks or shows needs no arrow: "no free
	 * instance (0)"; a value the source has, where it went, does. */
	if (!r->source && !r->destination)
		return xasprintf("%s: %s", r->field, r->rule);
	if (!r->source)
		return xasprintf("%s: %s (%s)", r->field, r->rule, r->destination);
	return xasprintf("%s: %s (%s -> %s)", r->field, r->rule, r->source,
			 r->destination ? r->destination : "none");
}
