/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pure half of judging one candidate for one record (mig-check(1)
 * VERDICTS, KERNEL CHECK): it reads no device and writes nothing, so the fuzz
 * harness runs the very code --accept runs. */
#ifndef MC_JUDGE_H
#define MC_JUDGE_H

#include <stdbool.h>

#include "device.h"
#include "holders.h"
#include "token.h"
#include "verdict.h"

struct mc_vendor;

/* May the kernel check write the source's migration_version (mig-check(1)
 * KERNEL CHECK)? */
enum mc_kwrite {
	MC_KWRITE,        /* yes: the kernel has the last word */
	MC_NO_KWRITE,     /* --no-kernel-check */
};

/* How the write to migration_version went (kcheck.c does it). */
enum mc_kanswer {
	MC_KANSWER_TAKEN,      /* the whole string was written */
	MC_KANSWER_PARTIAL,    /* only part of it */
	MC_KANSWER_NO_OPEN,    /* the attribute could not be opened: @err */
	MC_KANSWER_REFUSED,    /* write() failed: @err */
};

/* Can @cand be judged for @rec at all: was it read whole, and is @rec of a
 * field-set version @m knows?  false with the reason in @j. */
bool mc_judge_start(const struct mc_record *rec, const struct mc_vendor *m,
		    const struct mc_dev *cand, struct mc_judgement *j);

/* The module's rules on @src against @dst (the candidate encoded), then
 * the one-side rule of mig-check(1) KERNEL CHECK; @kver_attr is the
 * candidate's migration_version attribute or NULL, only tested for
 * presence.  Returns the source's kver when the write-check is due: the caller
 * writes it there and hands the answer to mc_judge_kernel(). */
const char *mc_judge_rules(const struct mc_record *src, const struct mc_record *dst,
			   const struct mc_vendor *m, const struct mc_dev *cand,
			   const char *kver_attr, enum mc_kwrite kwrite, struct mc_judgement *j);

/* The kernel's answer to the write of @kver; @err is the errno of a failure. */
void mc_judge_kernel(struct mc_judgement *j, const char *kver, enum mc_kanswer a, int err);

/* mig-check-formats(5) VERDICTS/Reasons: a creatable type with no free
 * instance (available_instances 0). */
void mc_judge_full(struct mc_judgement *j);

/* mig-check(1) VERDICTS/Held devices: an mdev with @uuid, the one to create,
 * exists on this host. */
void mc_judge_uuid_taken(struct mc_judgement *j, const char *uuid);

/* What the held-device check found out about a candidate that passed every
 * other rule (mig-check(1) VERDICTS/Held devices); the caller reads, this
 * judges. */
struct mc_use {
	enum mc_use_state {
		MC_USE_FREE,         /* nobody holds it, as far as could be seen */
		MC_USE_HOLDER,       /* @holder has one of its VFIO nodes open */
		MC_USE_ENABLED,      /* a VFIO-bound PCI function enabled @enable times,
		                      * whose holder the scan did not find */
		MC_USE_UNTOLD,       /* the scan could not see every process; @err:
		                      * /proc could not be listed at all, or 0 */
		MC_USE_UNREADABLE,   /* @attr could not be read: @err (EINVAL: @value
		                      * is no count) */
	} state;
	const struct mc_holder *holder;
	unsigned long enable;
	const char *attr, *value;
	int err;
};

/* Judge @u.  A held candidate gets no kernel write: kernel_check
 * `skipped`; an unknown one loses the write @kver was due for (NULL: none
 * was due). */
void mc_judge_use(struct mc_judgement *j, const struct mc_use *u, const char *kver);

/* Drop the action unless the verdict is actionable: an action is advice
 * only where it is all that stands in the way. */
void mc_judge_finish(struct mc_judgement *j);

#endif
