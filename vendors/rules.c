/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Rule shapes shared by the vendor modules. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "rules.h"

bool mc_rule_present(struct mc_judgement *j, const char *key, const char *s, const char *d)
{
	if (s && d)
		return true;
	mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, key, s, d, "%s",
		 s ? "the destination does not provide this field"
		   : "the token does not carry this field");
	return false;
}

void mc_rule_equal(struct mc_judgement *j, const struct mc_record *src,
		   const struct mc_record *dst, const char *key,
		   enum mc_category cat, const char *rule)
{
	const char *s = mc_record_get(src, key), *d = mc_record_get(dst, key);

	if (mc_rule_present(j, key, s, d) && strcmp(s, d))
		mc_judge(j, MC_INCOMPATIBLE, cat, key, s, d, "%s", rule);
}

int mc_read_failed(const char *what, char *why, size_t whylen)
{
	int e = errno ? errno : EIO;

	snprintf(why, whylen, "%s: %s", what, strerror(e));
	return -e;
}
