/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NVMe VFs (mig-check(1) VENDOR MODULES/nvme).  No upstream driver migrates
 * them yet, and no portable controller-state layout exists: the controller
 * model differs and firmware on both sides, the same storage behind the VF,
 * and a driver the administrator names as migration-capable are what make a
 * safe pair. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "rules.h"
#include "util.h"
#include "vendor.h"

#define NVME_CLASS 0x010802

static bool nvme_wants_pci(unsigned vendor, unsigned device, unsigned class)
{
	(void)vendor;   /* any vendor's NVMe function: the class tells */
	(void)device;
	return class == NVME_CLASS;
}

static bool nvme_claims(const struct mc_dev *d)
{
	return d->kind == MC_KIND_VF && d->class == NVME_CLASS;
}

extern const struct mc_vendor mc_vendor_nvme;

static bool is_migration_driver(const char *drv)
{
	char list[16][64];
	size_t n = mc_migration_drivers(&mc_vendor_nvme, list, ARRAY_SIZE(list));

	for (size_t i = 0; drv && i < n; i++)
		if (!strcmp(list[i], drv))
			return true;
	return false;
}

/* The nvmeN controller directory under a PCI function; NULL with errno
 * ENOENT when it has none, another when its nvme directory cannot be
 * listed (then it may have one). */
static char *controller(const struct mc_dev *d)
{
	char **names, *best = NULL;
	size_t n;

	names = mc_dev_list_dir(d, "nvme", &n);
	if (!names)
		return NULL;
	/* Sorted: the first nvmeN is the lowest. */
	for (size_t i = 0; i < n; i++) {
		if (!best && !strncmp(names[i], "nvme", 4))
			best = names[i];
		else
			free(names[i]);
	}
	free(names);
	if (!best)
		errno = ENOENT;
	return best;
}

/* A controller attribute with the kernel's space padding trimmed.  NULL with
 * errno set on failure. */
static char *ctrl_attr(const struct mc_dev *d, const char *ctrl, const char *attr)
{
	char *name = xasprintf("nvme/%s/%s", ctrl, attr);
	const char *v = mc_dev_attr(d, name);
	int e = errno;

	free(name);
	errno = e;
	return v ? mc_trim(xstrdup(v)) : NULL;
}

/* "traddr=192.0.2.10,trsvcid=4420" -> the value of @key. */
static char *address_part(const char *address, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = address; p && *p; ) {
		size_t len = strcspn(p, ",");

		if (len > klen && !strncmp(p, key, klen) && p[klen] == '=')
			return mc_trim(xasprintf("%.*s", (int)(len - klen - 1), p + klen + 1));
		p += len;
		if (*p == ',')
			p++;
	}
	return NULL;
}

/* The storage a VF bound to nvme is attached to, from its own controller. */
static int own_store(const struct mc_dev *d, char **store, char *why, size_t whylen)
{
	char *ctrl = controller(d), *transport = NULL, *nqn = NULL;
	int r = 0;

	*store = NULL;
	if (!ctrl)
		return errno == ENOENT ? 0 : mc_read_failed("nvme", why, whylen);
	transport = ctrl_attr(d, ctrl, "transport");
	nqn = transport ? ctrl_attr(d, ctrl, "subsysnqn") : NULL;
	if (!transport || !nqn) {
		r = mc_read_failed(transport ? "subsysnqn" : "transport", why, whylen);
	} else if (!strcmp(transport, "pcie")) {
		*store = xasprintf("pcie:///%s", nqn);
	} else {
		char *address = ctrl_attr(d, ctrl, "address");
		char *traddr = address ? address_part(address, "traddr") : NULL;
		char *trsvcid = address ? address_part(address, "trsvcid") : NULL;

		if (traddr)
			*store = xasprintf("%s://%s:%s/%s", transport, traddr, trsvcid ? trsvcid : "", nqn);
		free(address);
		free(traddr);
		free(trsvcid);
	}
	free(ctrl);
	free(transport);
	free(nqn);
	return r;
}

static int nvme_encode(const struct mc_dev *d, enum mc_side side,
		       struct mc_record *rec, char *why, size_t whylen)
{
	const struct mc_dev *pf = d->parent;
	char *section, *ctrl;
	const char *store;
	int r = mc_vf_ids(d, rec, why, whylen);

	if (r < 0)
		return r;

	/* A PF not bound to nvme shows no controller: model and firmware stay out. */
	ctrl = controller(pf);
	if (!ctrl && errno != ENOENT) {
		char *what = xasprintf("%s: nvme", pf->name);

		r = mc_read_failed(what, why, whylen);
		free(what);
		return r;
	}
	if (ctrl) {
		static const char *const attrs[][2] = { { "model", "mn" }, { "firmware_rev", "fr" } };

		for (size_t i = 0; i < ARRAY_SIZE(attrs); i++) {
			char *v = ctrl_attr(pf, ctrl, attrs[i][0]);

			if (!v) {
				char *what = xasprintf("%s: nvme/%s/%s", pf->name, ctrl, attrs[i][0]);
				r = mc_read_failed(what, why, whylen);
				free(what);
				free(ctrl);
				return r;
			}
			mc_record_set(rec, attrs[i][1], v);
			free(v);
		}
		free(ctrl);
	}
	if (d->driver)
		mc_record_set(rec, "drv", d->driver);

	section = xasprintf("device %s", d->name);
	store = mc_config_get(section, "nvme.store");
	free(section);
	if (store && *store) {
		mc_record_set(rec, "store", store);
	} else if (d->driver && !strcmp(d->driver, "nvme")) {
		char *own;

		r = own_store(d, &own, why, whylen);
		if (r < 0)
			return r;
		if (own)
			mc_record_set(rec, "store", own);
		free(own);
	}
	(void)side;
	return 0;
}

static void nvme_compare(const struct mc_record *src, const struct mc_record *dst,
			 const struct mc_dev *cand, struct mc_judgement *j)
{
	const char *sdrv = mc_record_get(src, "drv"), *ddrv = mc_record_get(dst, "drv");
	const char *sstore = mc_record_get(src, "store"), *dstore = mc_record_get(dst, "store");
	char list[16][64];
	size_t n = mc_migration_drivers(&mc_vendor_nvme, list, ARRAY_SIZE(list));

	if (!is_migration_driver(sdrv))
		mc_judge(j, MC_UNSUPPORTED, MC_CAT_DRIVER, "drv", sdrv, ddrv,
			 "the source VF's driver is not a configured migration driver (migration-drivers)");
	mc_rule_equal(j, src, dst, "dev", MC_CAT_HARDWARE, "VF device differs");
	mc_rule_equal(j, src, dst, "pf", MC_CAT_HARDWARE, "PF device differs");
	mc_rule_equal(j, src, dst, "mn", MC_CAT_HARDWARE, "controller model differs");
	mc_rule_equal(j, src, dst, "fr", MC_CAT_HARDWARE,
	     "firmware revision differs");
	if (!sstore || !dstore)
		mc_judge(j, MC_UNKNOWN, MC_CAT_CONFIG, "store", sstore, dstore,
			 "the storage behind the VF is not known on %s side (set nvme.store)",
			 sstore ? "the destination" : "the source");
	else if (strcmp(sstore, dstore))
		mc_judge(j, MC_INCOMPATIBLE, MC_CAT_CONFIG, "store", sstore, dstore,
			 "attached to other storage (the guest's data would be lost)");

	if (is_migration_driver(ddrv))
		return;
	if (n) {
		char *bdf = mc_shell_quote(cand->name), *drv = mc_shell_quote(list[0]);

		mc_judge(j, MC_ACTIONABLE, MC_CAT_DRIVER, "drv", sdrv, ddrv,
			 "not bound to %s", list[0]);
		mc_judge_action(j, "driverctl set-override %s %s", bdf, drv);
		free(bdf);
		free(drv);
	} else {
		mc_judge(j, MC_UNSUPPORTED, MC_CAT_DRIVER, "drv", sdrv, ddrv,
			 "no NVMe migration driver is configured (migration-drivers)");
	}
}

static bool nvme_migratable(const struct mc_dev *d, const char **why)
{
	if (!is_migration_driver(d->driver)) {
		*why = "not bound to a configured migration driver (migration-drivers)";
		return false;
	}
	return true;
}

static const struct mc_field_info nvme_fields[] = {
	MC_VF_ID_FIELDS,
	{ .key = "mn", .flags = MC_FIELD_NEEDED },
	{ .key = "fr", .flags = MC_FIELD_NEEDED },
	{ .key = "drv", .flags = MC_FIELD_SRC_NEEDED },
	{ .key = "store", .flags = MC_FIELD_NEEDED },
	{ .key = NULL },
};

const struct mc_vendor mc_vendor_nvme = {
	.name = "nvme",
	.version = 1,
	.kind = MC_KIND_VF,
	.fields = nvme_fields,
	.migration_driver = NULL,   /* none upstream: the administrator names it */
	.wants_pci = nvme_wants_pci,
	.claims = nvme_claims,
	.offers = nvme_claims,
	.encode = nvme_encode,
	.compare = nvme_compare,
	.migratable = nvme_migratable,
	.looks_for = "an NVMe VF (class 010802)",
	.no_candidate_hint = "SR-IOV is likely off on the NVMe PF: write the number of VFs to its sriov_numvfs",
};
