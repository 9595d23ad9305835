/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Intel QuickAssist VFs (mig-check(1) VENDOR MODULES/qat).  qat_vfio_pci
 * checks on resume that the destination PF's capabilities are a superset of
 * the source's and that the ring-to-service maps are identical; sysfs shows
 * neither mask, so the same PF device and the same service set are what can be
 * proven. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"
#include "vendor.h"

#define QAT_VENDOR 0x8086
#define QAT_MIGRATION_DRIVER "qat_vfio_pci"

static const struct {
	unsigned pf, vf;
	unsigned gen;
	bool migratable;      /* in qat_vfio_pci's device table */
} qat_ids[] = {
	{ 0x0435, 0x0443, 1, false },   /* DH895xCC */
	{ 0x19e2, 0x19e3, 2, false },   /* C3xxx */
	{ 0x37c8, 0x37c9, 2, false },   /* C62x */
	{ 0x4940, 0x4941, 4, true },    /* 4xxx */
	{ 0x4942, 0x4943, 4, true },    /* 401xx */
	{ 0x4944, 0x4945, 4, true },    /* 402xx */
	{ 0x4946, 0x4947, 4, false },   /* 420xx */
	{ 0x4948, 0x4949, 6, true },    /* 6xxx */
};

static int vf_index(unsigned vendor, unsigned device)
{
	for (size_t i = 0; vendor == QAT_VENDOR && i < ARRAY_SIZE(qat_ids); i++)
		if (qat_ids[i].vf == device)
			return (int)i;
	return -1;
}

/* "8086.4941" back to the table entry. */
static int vf_index_of_id(const char *id)
{
	unsigned long v, d;
	char *end;

	if (!id || strlen(id) != 9 || id[4] != '.')
		return -1;
	v = strtoul(id, &end, 16);
	if (end != id + 4)
		return -1;
	d = strtoul(id + 5, &end, 16);
	if (*end)
		return -1;
	return vf_index((unsigned)v, (unsigned)d);
}

static bool qat_wants_pci(unsigned vendor, unsigned device, unsigned class)
{
	(void)class;   /* the device IDs tell */
	if (vendor != QAT_VENDOR)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(qat_ids); i++)
		if (qat_ids[i].vf == device || qat_ids[i].pf == device)
			return true;
	return false;
}

static bool qat_claims(const struct mc_dev *d)
{
	return d->kind == MC_KIND_VF && vf_index(d->vendor, d->device) >= 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "sym;asym" and "asym;sym" name one set: sort, join with '+'. */
static char *service_set(const char *cfg)
{
	char *copy = xstrdup(cfg), *tok, *save, *out;
	char *members[16];
	size_t n = 0, len = 0;

	for (tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		tok = mc_trim(tok);
		if (*tok && n < ARRAY_SIZE(members))
			members[n++] = tok;
	}
	qsort(members, n, sizeof(*members), cmp_str);
	for (size_t i = 0; i < n; i++)
		len += strlen(members[i]) + 1;
	out = xcalloc(1, len + 1);
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(members[i], members[i - 1]))
			continue;
		if (*out)
			strcat(out, "+");
		strcat(out, members[i]);
	}
	free(copy);
	return out;
}

static int qat_encode(const struct mc_dev *d, enum mc_side side,
		      struct mc_record *rec, char *why, size_t whylen)
{
	const struct mc_dev *pf = d->parent;
	int i = vf_index(d->vendor, d->device), r;
	const char *v;
	char gen[4];

	if (i < 0) {   /* not a VF this module claims: the caller's mistake */
		snprintf(why, whylen, "device: %04x:%04x is no QAT VF", d->vendor, d->device);
		return -EINVAL;
	}
	r = mc_vf_ids(d, rec, why, whylen);
	if (r < 0)
		return r;
	snprintf(gen, sizeof(gen), "%u", qat_ids[i].gen);
	mc_record_set(rec, "gen", gen);

	/* GEN1/GEN2 PFs have no qat/ group: the field stays out. */
	v = mc_dev_attr(pf, "qat/cfg_services");
	if (v) {
		char *set = service_set(v);

		mc_record_set(rec, "svc", set);
		free(set);
	} else if (errno != ENOENT) {
		return mc_read_failed("qat/cfg_services", why, whylen);
	}
	if (d->driver)
		mc_record_set(rec, "drv", d->driver);

	/* Only the destination's PF state matters: it must run to resume. */
	if (side == MC_SIDE_DESTINATION) {
		v = mc_dev_attr(pf, "qat/state");
		if (v)
			mc_record_set(rec, "state", v);
		else if (errno != ENOENT)
			return mc_read_failed("qat/state", why, whylen);
	}
	return 0;
}

static void qat_compare(const struct mc_record *src, const struct mc_record *dst,
			const struct mc_dev *cand, struct mc_judgement *j)
{
	const char *sdrv = mc_record_get(src, "drv"), *ddrv = mc_record_get(dst, "drv");
	const char *state = mc_record_get(dst, "state");
	int si = vf_index_of_id(mc_record_get(src, "dev"));
	int di = vf_index_of_id(mc_record_get(dst, "dev"));

	if (si >= 0 && !qat_ids[si].migratable)
		mc_judge(j, MC_UNSUPPORTED, MC_CAT_HARDWARE, "dev", mc_record_get(src, "dev"), NULL,
			 "qat_vfio_pci does not migrate this QAT generation");
	if (!sdrv || strcmp(sdrv, QAT_MIGRATION_DRIVER))
		mc_judge(j, MC_UNSUPPORTED, MC_CAT_DRIVER, "drv", sdrv, ddrv,
			 "the source VF is not bound to " QAT_MIGRATION_DRIVER);
	mc_rule_equal(j, src, dst, "dev", MC_CAT_HARDWARE, "VF device differs");
	mc_rule_equal(j, src, dst, "pf", MC_CAT_HARDWARE,
	     "PF device differs (the kernel needs a superset of the source's capabilities)");
	mc_rule_equal(j, src, dst, "svc", MC_CAT_CONFIG,
	     "services differ (the kernel needs an identical ring-to-service map)");
	if (!state)
		mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, "state", NULL, NULL,
			 "the destination PF shows no qat/state");
	else if (strcmp(state, "up"))
		mc_judge(j, MC_INCOMPATIBLE, MC_CAT_CONFIG, "state", NULL, state,
			 "the destination PF is not up");

	if (ddrv && !strcmp(ddrv, QAT_MIGRATION_DRIVER))
		return;
	if (di >= 0 && qat_ids[di].migratable) {
		char *bdf = mc_shell_quote(cand->name);

		mc_judge(j, MC_ACTIONABLE, MC_CAT_DRIVER, "drv", sdrv, ddrv,
			 "not bound to " QAT_MIGRATION_DRIVER);
		mc_judge_action(j, "driverctl set-override %s " QAT_MIGRATION_DRIVER, bdf);
		free(bdf);
	} else {
		mc_judge(j, MC_UNSUPPORTED, MC_CAT_HARDWARE, "dev", NULL, mc_record_get(dst, "dev"),
			 "qat_vfio_pci does not migrate this QAT generation");
	}
}

static bool qat_migratable(const struct mc_dev *d, const char **why)
{
	int i = vf_index(d->vendor, d->device);

	if (d->kind != MC_KIND_VF || i < 0) {
		*why = "not a QAT VF";
		return false;
	}
	if (!qat_ids[i].migratable) {
		*why = "qat_vfio_pci does not migrate this QAT generation";
		return false;
	}
	if (!d->driver || strcmp(d->driver, QAT_MIGRATION_DRIVER)) {
		*why = "not bound to " QAT_MIGRATION_DRIVER;
		return false;
	}
	return true;
}

static const struct mc_field_info qat_fields[] = {
	MC_VF_ID_FIELDS,
	{ .key = "gen" },
	{ .key = "svc", .flags = MC_FIELD_NEEDED },
	{ .key = "drv", .flags = MC_FIELD_SRC_NEEDED },
	{ .key = "state", .flags = MC_FIELD_DST_NEEDED | MC_FIELD_DST_ONLY, .good = "up" },
	{ .key = NULL },
};

const struct mc_vendor mc_vendor_qat = {
	.name = "qat",
	.version = 1,
	.kind = MC_KIND_VF,
	.fields = qat_fields,
	.migration_driver = QAT_MIGRATION_DRIVER,
	.wants_pci = qat_wants_pci,
	.claims = qat_claims,
	.offers = qat_claims,
	.encode = qat_encode,
	.compare = qat_compare,
	.migratable = qat_migratable,
	.looks_for = "a QAT VF",
	.no_candidate_hint = "SR-IOV is likely off on the QAT PF: write the number of VFs to its sriov_numvfs",
};
