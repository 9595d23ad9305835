/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Judging a candidate from records and facts already read: the version
 * check, the module's rules, the kernel's rules, the action's fate. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "vendor.h"

bool mc_judge_start(const struct mc_record *rec, const struct mc_vendor *m,
		    const struct mc_dev *cand, struct mc_judgement *j)
{
	char have[16], got[16];

	if (cand->err) {
		mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, cand->err_attr, NULL, strerror(cand->err),
			 "cannot read %s: %s", cand->err_attr, strerror(cand->err));
		return false;
	}
	if (rec->version <= m->version)
		return true;
	snprintf(got, sizeof(got), "%u", rec->version);
	snprintf(have, sizeof(have), "%u", m->version);
	mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, "v", got, have,
		 "field-set version is newer than this mig-check knows");
	return false;
}

const char *mc_judge_rules(const struct mc_record *src, const struct mc_record *dst,
			   const struct mc_vendor *m, const struct mc_dev *cand,
			   const char *kver_attr, enum mc_kwrite kwrite, struct mc_judgement *j)
{
	const char *kver = mc_record_get(src, "kver");
	const char *present = kver_attr ? "present" : NULL;

	m->compare(src, dst, cand, j);
	if (!kver || !kver_attr) {
		j->kcheck = !kver && !kver_attr ? MC_KCHECK_ABSENT : MC_KCHECK_FAILED;
		if (m->no_kver_reason)
			mc_judge(j, MC_UNSUPPORTED, MC_CAT_KERNEL, "kver", kver, present,
				 "%s", m->no_kver_reason);
		else if (kver || kver_attr)
			mc_judge(j, MC_INCOMPATIBLE, MC_CAT_KERNEL, "kver", kver, present,
				 "migration_version exists on one side only");
		return NULL;
	}
	if (!mc_verdict_usable(j->verdict)) {
		j->kcheck = MC_KCHECK_SKIPPED;
		return NULL;
	}
	if (kwrite == MC_NO_KWRITE) {
		j->kcheck = MC_KCHECK_SKIPPED;
		mc_judge(j, MC_COMPATIBLE, MC_CAT_KERNEL, "kver", kver, present,
			 "kernel check skipped (--no-kernel-check)");
		return NULL;
	}
	return kver;
}

void mc_judge_kernel(struct mc_judgement *j, const char *kver, enum mc_kanswer a, int err)
{
	switch (a) {
	case MC_KANSWER_TAKEN:
		j->kcheck = MC_KCHECK_PASSED;
		return;
	case MC_KANSWER_PARTIAL:
		j->kcheck = MC_KCHECK_ERROR;
		mc_judge(j, MC_UNKNOWN, MC_CAT_KERNEL, "kver", kver, NULL,
			 "the kernel took only part of migration_version");
		return;
	case MC_KANSWER_NO_OPEN:
		j->kcheck = MC_KCHECK_ERROR;
		mc_judge(j, MC_UNKNOWN, MC_CAT_KERNEL, "kver", kver, NULL,
			 "cannot open migration_version for writing: %s", strerror(err));
		return;
	case MC_KANSWER_REFUSED:
		break;
	}
	/* Permission is our trouble; any other error is the kernel's "no". */
	if (err == EACCES || err == EPERM) {
		j->kcheck = MC_KCHECK_ERROR;
		mc_judge(j, MC_UNKNOWN, MC_CAT_KERNEL, "kver", kver, NULL,
			 "cannot write migration_version: %s", strerror(err));
	} else {
		j->kcheck = MC_KCHECK_FAILED;
		mc_judge(j, MC_INCOMPATIBLE, MC_CAT_KERNEL, "kver", kver, NULL,
			 "the kernel refused the source's migration_version: %s", strerror(err));
	}
}

void mc_judge_full(struct mc_judgement *j)
{
	mc_judge(j, MC_INCOMPATIBLE, MC_CAT_CAPACITY, "available_instances", NULL, "0",
		 "no free instance");
}

void mc_judge_uuid_taken(struct mc_judgement *j, const char *uuid)
{
	mc_judge(j, MC_INCOMPATIBLE, MC_CAT_CAPACITY, "uuid", uuid, uuid,
		 "an mdev with this UUID already exists");
}

void mc_judge_use(struct mc_judgement *j, const struct mc_use *u, const char *kver)
{
	char text[256];

	switch (u->state) {
	case MC_USE_FREE:
		return;
	case MC_USE_HOLDER:
		mc_holder_text(u->holder, text, sizeof(text));
		mc_judge(j, MC_INCOMPATIBLE, MC_CAT_CAPACITY, "device", NULL, NULL, "%s", text);
		break;
	case MC_USE_ENABLED:
		mc_judge(j, MC_INCOMPATIBLE, MC_CAT_CAPACITY, "device", NULL, NULL,
			 "in use (enable count %lu)", u->enable);
		break;
	case MC_USE_UNTOLD:
		if (u->err)
			mc_judge(j, MC_UNKNOWN, MC_CAT_CAPACITY, "device", NULL, NULL,
				 "cannot tell whether it is in use: /proc: %s", strerror(u->err));
		else
			mc_judge(j, MC_UNKNOWN, MC_CAT_CAPACITY, "device", NULL, NULL,
				 "cannot tell whether it is in use; run as root");
		break;
	case MC_USE_UNREADABLE:
		if (u->err == EINVAL && u->value)
			mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, u->attr, NULL, u->value,
				 "cannot read %s: not a count: '%s'", u->attr, u->value);
		else
			mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, u->attr, NULL, strerror(u->err),
				 "cannot read %s: %s", u->attr, strerror(u->err));
		break;
	}
	/* No write to a held device, whatever its attribute (mig-check(1)
	 * VERDICTS/Held devices); an unknown one loses the write it was due
	 * for. */
	if (kver || u->state == MC_USE_HOLDER || u->state == MC_USE_ENABLED)
		j->kcheck = MC_KCHECK_SKIPPED;
}

void mc_judge_finish(struct mc_judgement *j)
{
	if (j->verdict == MC_ACTIONABLE)
		return;
	free(j->action);
	j->action = NULL;
}
