/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Rule shapes shared by the vendor modules. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "device.h"
#include "rules.h"
#include "vendor.h"

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

int mc_vf_ids(const struct mc_dev *d, struct mc_record *rec, char *why, size_t whylen)
{
	const struct mc_dev *pf = d->parent;
	char id[10];

	if (!pf) {
		snprintf(why, whylen, "physfn: %s", strerror(ENOENT));
		return -ENOENT;
	}
	if (pf->err) {
		snprintf(why, whylen, "%s: %s: %s", pf->name, pf->err_attr, strerror(pf->err));
		return -pf->err;
	}
	mc_dev_id(d, id);
	mc_record_set(rec, "dev", id);
	mc_dev_id(pf, id);
	mc_record_set(rec, "pf", id);
	return 0;
}

size_t mc_migration_drivers(const struct mc_vendor *m, char list[][64], size_t max)
{
	const char *v = m->migration_driver;
	size_t n = 0;

	if (!v)
		v = mc_config_get("global", "migration-drivers");
	while (v && *v && n < max) {
		size_t len;

		v += strspn(v, " \t,");
		len = strcspn(v, " \t,");
		if (len && len < 64) {
			memcpy(list[n], v, len);
			list[n++][len] = '\0';
		}
		v += len;
	}
	return n;
}
