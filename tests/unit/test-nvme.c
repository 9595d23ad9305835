/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the nvme module (mig-check(1) VENDOR MODULES/nvme;
 * mig-check.conf(5)): its rules on hand-built records and candidates, with the
 * configuration's migration-drivers read from a temporary file, and which
 * devices it claims. */
#include "helpers.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"

#define VF1 "0000:3b:00.1"
#define VF2 "0000:3b:00.2"
#define STORE_A "tcp://192.0.2.10:4420/nqn.2014-08.org.example:vol1"
#define STORE_B "tcp://192.0.2.10:4420/nqn.2014-08.org.example:vol2"
#define ACTION_VF1 "driverctl set-override " VF1 " nvme_vfio_pci"
#define RULE_SRC_DRV "the source VF's driver is not a configured migration driver (migration-drivers)"
#define RULE_NO_DRIVERS "no NVMe migration driver is configured (migration-drivers)"
#define RULE_DST_DRV "not bound to nvme_vfio_pci"
#define RULE_STORE "attached to other storage (the guest's data would be lost)"
#define CONF_ONE "[global]\nmigration-drivers = nvme_vfio_pci\n"

/* ---- hand-built candidates ---- */

static struct mc_dev cand_vf1 = {
	.kind = MC_KIND_VF, .name = VF1, .vendor = 0x1b36, .device = 0x0010,
	.class = 0x010802, .available = -1,
};
static struct mc_dev cand_vf2 = {
	.kind = MC_KIND_VF, .name = VF2, .vendor = 0x1b36, .device = 0x0010,
	.class = 0x010802, .available = -1,
};

/* ---- records ---- */

struct nvme_fields {
	const char *dev, *pf, *mn, *fr, *drv, *store, *extra;
};

/* The QEMU controller of the nvme-* fixtures, VF on the migration driver,
 * store A. */
static const struct nvme_fields qemu = {
	.dev = "1b36.0010", .pf = "1b36.0010", .mn = "QEMU NVMe Ctrl", .fr = "9.2.0",
	.drv = "nvme_vfio_pci", .store = STORE_A,
};

static const struct mc_record *mkrec(struct mc_token *t, const struct nvme_fields *f)
{
	const struct kv kv[] = {
		{ "dev", f->dev }, { "pf", f->pf }, { "mn", f->mn }, { "fr", f->fr },
		{ "drv", f->drv }, { "store", f->store }, { "zz", f->extra },
	};

	return make_record(t, "nvme", kv, ARRAY_SIZE(kv));
}

/* ---- fixture ---- */

static int setup_with(void **state, const char *conf)
{
	int r = setup_module(state, "nvme");

	if (!r && conf)
		load_config(conf);
	return r;
}

static int setup(void **state)
{
	return setup_with(state, CONF_ONE);
}

static int setup_noconf(void **state)
{
	return setup_with(state, NULL);
}

/* Judge @s against @d on @cand; the judgement is the fixture's. */
static struct mc_judgement *judge(void **state, const struct nvme_fields *s,
				  const struct nvme_fields *d, const struct mc_dev *cand)
{
	struct judge_ctx *c = *state;

	return judge_records(state, mkrec(&c->src, s), mkrec(&c->dst, d), cand);
}

/* ---- the module table ---- */

static void test_find_module(void **state)
{
	const struct mc_vendor *m = check_module("nvme", 1);

	(void)state;
	assert_int_equal(m->kind, MC_KIND_VF);
	assert_null(m->migration_driver);   /* the configuration names them */
	assert_null(m->no_kver_reason);
}

static void test_config_load(void **state)
{
	(void)state;
	load_config("; comment\n[global]\nmigration-drivers = a, b\n[device " VF1 "]\nnvme.store = " STORE_A "\n");
	assert_string_equal(mc_config_get("global", "migration-drivers"), "a, b");
	assert_string_equal(mc_config_get("device " VF1, "nvme.store"), STORE_A);
	assert_null(mc_config_get("device " VF2, "nvme.store"));
	assert_null(mc_config_get("global", "nvme.store"));
	mc_config_free();
	assert_null(mc_config_get("global", "migration-drivers"));
}

/* ---- rules (mig-check(1) VENDOR MODULES/nvme) ---- */

static void test_identical(void **state)
{
	struct mc_judgement *j = judge(state, &qemu, &qemu, &cand_vf1);

	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
	assert_null(j->action);
}

static void test_source_driver_not_listed(void **state)
{
	struct nvme_fields s = qemu;
	struct mc_judgement *j;

	s.drv = "vfio-pci";
	j = judge(state, &s, &qemu, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, "vfio-pci", "nvme_vfio_pci", RULE_SRC_DRV);
	assert_null(j->action);
}

static void test_source_driver_nvme_not_listed(void **state)
{
	struct nvme_fields s = qemu;
	struct mc_judgement *j;

	s.drv = "nvme";
	j = judge(state, &s, &qemu, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, "nvme", "nvme_vfio_pci", RULE_SRC_DRV);
}

static void test_source_driver_missing(void **state)
{
	struct nvme_fields s = qemu;
	struct mc_judgement *j;

	s.drv = NULL;
	j = judge(state, &s, &qemu, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, NULL, "nvme_vfio_pci", RULE_SRC_DRV);
}

static void test_source_driver_prefix_not_listed(void **state)
{
	/* Driver names are matched whole. */
	struct nvme_fields s = qemu;
	struct mc_judgement *j;

	s.drv = "nvme_vfio";
	j = judge(state, &s, &qemu, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, "nvme_vfio", "nvme_vfio_pci", NULL);
}

/* One identity field differs: incompatible, hardware. */
static void identity_differs(void **state, const char *key, const char *value, const char *rule)
{
	struct nvme_fields d = qemu;
	const char *src = NULL;
	struct mc_judgement *j;

	if (!strcmp(key, "dev"))
		src = qemu.dev, d.dev = value;
	else if (!strcmp(key, "pf"))
		src = qemu.pf, d.pf = value;
	else if (!strcmp(key, "mn"))
		src = qemu.mn, d.mn = value;
	else
		src = qemu.fr, d.fr = value;
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, key, MC_INCOMPATIBLE, MC_CAT_HARDWARE, src, value, rule);
	assert_null(j->action);
}

static void test_dev_differs(void **state)
{
	identity_differs(state, "dev", "144d.a824", "VF device differs");
}

static void test_pf_differs(void **state)
{
	identity_differs(state, "pf", "144d.a824", "PF device differs");
}

static void test_mn_differs(void **state)
{
	identity_differs(state, "mn", "SAMSUNG MZWLJ3T8HBLS-00007", "controller model differs");
}

static void test_mn_case_differs(void **state)
{
	identity_differs(state, "mn", "QEMU NVME Ctrl", "controller model differs");
}

static void test_fr_differs(void **state)
{
	identity_differs(state, "fr", "9.3.0",
			 "firmware revision differs");
}

/* One identity field missing on one side: unknown, never a guess. */
static void test_identity_missing(void **state)
{
	static const char *const keys[] = { "dev", "pf", "mn", "fr" };

	for (size_t side = 0; side < 2; side++) {
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			struct nvme_fields f = qemu;
			struct mc_judgement *j;
			const char *v = NULL;

			if (!strcmp(keys[k], "dev"))
				v = f.dev, f.dev = NULL;
			else if (!strcmp(keys[k], "pf"))
				v = f.pf, f.pf = NULL;
			else if (!strcmp(keys[k], "mn"))
				v = f.mn, f.mn = NULL;
			else
				v = f.fr, f.fr = NULL;
			j = side ? judge(state, &qemu, &f, &cand_vf1) : judge(state, &f, &qemu, &cand_vf1);
			assert_int_equal(j->verdict, MC_UNKNOWN);
			assert_int_equal(j->nreasons, 1);
			check_reason(j, keys[k], MC_UNKNOWN, MC_CAT_OTHER,
				     side ? v : NULL, side ? NULL : v, NULL);
			reset_module(state);
		}
	}
}

static void test_store_differs(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.store = STORE_B;
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "store", MC_INCOMPATIBLE, MC_CAT_CONFIG, STORE_A, STORE_B, RULE_STORE);
}

static void test_store_pcie_vs_tcp(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.store = "pcie:///nqn.2019-08.org.qemu:deadbeef";
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	check_reason(j, "store", MC_INCOMPATIBLE, MC_CAT_CONFIG, STORE_A,
		     "pcie:///nqn.2019-08.org.qemu:deadbeef", RULE_STORE);
}

static void test_store_missing_in_source(void **state)
{
	struct nvme_fields s = qemu;
	struct mc_judgement *j;

	s.store = NULL;
	j = judge(state, &s, &qemu, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "store", MC_UNKNOWN, MC_CAT_CONFIG, NULL, STORE_A,
		     "the storage behind the VF is not known on the source side (set nvme.store)");
}

static void test_store_missing_in_destination(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.store = NULL;
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "store", MC_UNKNOWN, MC_CAT_CONFIG, STORE_A, NULL,
		     "the storage behind the VF is not known on the destination side (set nvme.store)");
}

static void test_store_missing_on_both(void **state)
{
	/* Equal absence is no equality: never compatible. */
	struct nvme_fields f = qemu;
	struct mc_judgement *j;

	f.store = NULL;
	j = judge(state, &f, &f, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	check_reason(j, "store", MC_UNKNOWN, MC_CAT_CONFIG, NULL, NULL, NULL);
}

static void test_store_missing_but_fr_differs(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.store = NULL;
	d.fr = "9.3.0";
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "fr", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "9.2.0", "9.3.0", NULL);
	check_reason(j, "store", MC_UNKNOWN, MC_CAT_CONFIG, STORE_A, NULL, NULL);
}

static void test_store_missing_but_source_unsupported(void **state)
{
	struct nvme_fields s = qemu;
	struct mc_judgement *j;

	s.store = NULL;
	s.drv = "vfio-pci";
	j = judge(state, &s, &qemu, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	assert_int_equal(j->nreasons, 2);
}

static void test_destination_vfio_pci_actionable(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.drv = "vfio-pci";
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "nvme_vfio_pci", "vfio-pci", RULE_DST_DRV);
	assert_non_null(j->action);
	assert_string_equal(j->action, ACTION_VF1);
}

static void test_destination_nvme_actionable(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.drv = "nvme";
	j = judge(state, &qemu, &d, &cand_vf2);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "nvme_vfio_pci", "nvme", RULE_DST_DRV);
	assert_string_equal(j->action, "driverctl set-override " VF2 " nvme_vfio_pci");
}

static void test_destination_unbound_actionable(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.drv = NULL;
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "nvme_vfio_pci", NULL, RULE_DST_DRV);
	assert_string_equal(j->action, ACTION_VF1);
}

static void test_actionable_but_store_unknown(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.drv = "vfio-pci";
	d.store = NULL;
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "store", MC_UNKNOWN, MC_CAT_CONFIG, STORE_A, NULL, NULL);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "nvme_vfio_pci", "vfio-pci", NULL);
}

static void test_actionable_but_store_differs(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	d.drv = "vfio-pci";
	d.store = STORE_B;
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	check_reason(j, "store", MC_INCOMPATIBLE, MC_CAT_CONFIG, STORE_A, STORE_B, RULE_STORE);
}

static void test_unknown_key_ignored(void **state)
{
	struct nvme_fields s = qemu;
	struct mc_judgement *j;

	s.extra = "later";
	j = judge(state, &s, &qemu, &cand_vf1);
	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
}

static void test_several_failures_all_listed(void **state)
{
	struct nvme_fields d = { .dev = "144d.a824", .pf = "144d.a824",
				 .mn = "SAMSUNG MZWLJ3T8HBLS-00007", .fr = "EPK9GB5Q",
				 .drv = "nvme_vfio_pci", .store = STORE_B };
	struct mc_judgement *j = judge(state, &qemu, &d, &cand_vf1);

	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 5);
	assert_int_equal(reason_count(j, "dev"), 1);
	assert_int_equal(reason_count(j, "pf"), 1);
	assert_int_equal(reason_count(j, "mn"), 1);
	assert_int_equal(reason_count(j, "fr"), 1);
	assert_int_equal(reason_count(j, "store"), 1);
}

/* ---- the configuration's list (mig-check.conf(5), [global]) ---- */

static void test_first_listed_driver_is_the_action(void **state)
{
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	load_config("[global]\nmigration-drivers = acme_nvme_vfio, nvme_vfio_pci\n");
	d.drv = "vfio-pci";
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "nvme_vfio_pci", "vfio-pci",
		     "not bound to acme_nvme_vfio");
	assert_string_equal(j->action, "driverctl set-override " VF1 " acme_nvme_vfio");
}

static void test_list_separators(void **state)
{
	static const char *const lists[] = {
		"nvme_vfio_pci", "a,nvme_vfio_pci", "a nvme_vfio_pci", "a ,  nvme_vfio_pci ,b",
		"a\tnvme_vfio_pci", ",nvme_vfio_pci,", "a,b,c nvme_vfio_pci",
	};

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		char conf[128];
		struct mc_judgement *j;

		snprintf(conf, sizeof(conf), "[global]\nmigration-drivers = %s\n", lists[i]);
		load_config(conf);
		j = judge(state, &qemu, &qemu, &cand_vf1);
		assert_int_equal(j->verdict, MC_IDENTICAL);
		assert_int_equal(j->nreasons, 0);
		reset_module(state);
	}
}

static void test_destination_other_listed_driver(void **state)
{
	/* A destination VF already on a listed driver needs no action. */
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	load_config("[global]\nmigration-drivers = acme_nvme_vfio nvme_vfio_pci\n");
	d.drv = "acme_nvme_vfio";
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(reason_count(j, "drv"), 0);
	assert_null(j->action);
	assert_true(mc_verdict_usable(j->verdict));
	assert_true(j->verdict != MC_ACTIONABLE);
}

static void test_action_quotes_odd_driver(void **state)
{
	/* An action is a shell command: odd names are quoted. */
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	load_config("[global]\nmigration-drivers = x;rm$HOME nvme_vfio_pci\n");
	d.drv = "vfio-pci";
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	assert_string_equal(j->action, "driverctl set-override " VF1 " 'x;rm$HOME'");
}

static void test_empty_list_unsupported(void **state)
{
	/* No migration-drivers: the source cannot be supported, and a
	 * destination VF off a migration driver is unsupported too. */
	struct nvme_fields d = qemu;
	struct mc_judgement *j;

	load_config("[device " VF1 "]\nnvme.store = " STORE_A "\n");
	d.drv = "vfio-pci";
	j = judge(state, &qemu, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	assert_int_equal(j->nreasons, 2);
	check_one(nth_reason(j, "drv", 0), MC_UNSUPPORTED, MC_CAT_DRIVER, "nvme_vfio_pci", "vfio-pci", RULE_SRC_DRV);
	check_one(nth_reason(j, "drv", 1), MC_UNSUPPORTED, MC_CAT_DRIVER, "nvme_vfio_pci", "vfio-pci", RULE_NO_DRIVERS);
	assert_null(j->action);
}

static void test_empty_value_unsupported(void **state)
{
	struct mc_judgement *j;

	load_config("[global]\nmigration-drivers =\n");
	j = judge(state, &qemu, &qemu, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	assert_null(j->action);
}

static void test_no_configuration_unsupported(void **state)
{
	/* No file at all: an empty configuration. */
	struct mc_judgement *j = judge(state, &qemu, &qemu, &cand_vf1);

	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	check_one(nth_reason(j, "drv", 0), MC_UNSUPPORTED, MC_CAT_DRIVER, "nvme_vfio_pci", "nvme_vfio_pci",
		  RULE_SRC_DRV);
	assert_null(j->action);
}

/* migration-drivers in a device section is an unknown key there, which the
 * configuration refuses as it loads (mig-check.conf(5), ERRORS):
 * tests/cli/t-config.sh. */

/* ---- which devices (mig-check(1) VENDOR MODULES/nvme, Claims) ---- */

static struct mc_dev pci_dev(enum mc_kind kind, unsigned vendor, unsigned device, unsigned class)
{
	struct mc_dev d = { .kind = kind, .vendor = vendor, .device = device,
			    .class = class, .available = -1 };

	snprintf(d.name, sizeof(d.name), VF1);
	return d;
}

static void test_claims_nvme_vfs(void **state)
{
	static const unsigned ids[][2] = { { 0x1b36, 0x0010 }, { 0x144d, 0xa824 }, { 0x8086, 0x0a54 } };
	const struct mc_vendor *m = mc_vendor_find("nvme");

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct mc_dev d = pci_dev(MC_KIND_VF, ids[i][0], ids[i][1], 0x010802);

		assert_true(m->claims(&d));
		assert_true(m->offers(&d));
		assert_ptr_equal(mc_vendor_claiming(&d), m);
		assert_ptr_equal(mc_vendor_offering(&d), m);
	}
}

static void test_not_claimed(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("nvme");
	struct mc_dev devs[] = {
		pci_dev(MC_KIND_PF, 0x1b36, 0x0010, 0x010802),      /* the PF */
		pci_dev(MC_KIND_PCI, 0x1b36, 0x0010, 0x010802),     /* no SR-IOV */
		pci_dev(MC_KIND_VF, 0x1b36, 0x0010, 0x010801),      /* other prog-if */
		pci_dev(MC_KIND_VF, 0x1b36, 0x0010, 0x010803),
		pci_dev(MC_KIND_VF, 0x1b36, 0x0010, 0x010600),      /* SATA AHCI */
		pci_dev(MC_KIND_VF, 0x8086, 0x4941, 0x0b4000),      /* a QAT VF */
		pci_dev(MC_KIND_VF, 0x1b36, 0x0010, 0x000000),
	};

	(void)state;
	for (size_t i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		assert_false(m->claims(&devs[i]));
		assert_false(m->offers(&devs[i]));
	}
	assert_null(mc_vendor_claiming(&devs[0]));
}

static void test_wants_pci(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("nvme");

	(void)state;
	assert_true(m->wants_pci(0x1b36, 0x0010, 0x010802));
	assert_true(m->wants_pci(0x144d, 0xa824, 0x010802));
	assert_false(m->wants_pci(0x1b36, 0x0010, 0x010801));
	assert_false(m->wants_pci(0x1b36, 0x000c, 0x060400));
	assert_false(m->wants_pci(0x8086, 0x4941, 0x0b4000));
}

static void test_migratable(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("nvme");
	char nvme_vfio_pci[] = "nvme_vfio_pci", vfio_pci[] = "vfio-pci", nvme[] = "nvme";
	struct mc_dev d = pci_dev(MC_KIND_VF, 0x1b36, 0x0010, 0x010802);
	const char *why;

	(void)state;
	load_config(CONF_ONE);
	d.driver = nvme_vfio_pci;
	why = NULL;
	assert_true(m->migratable(&d, &why));
	d.driver = vfio_pci;
	why = NULL;
	assert_false(m->migratable(&d, &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "migration-drivers"));
	d.driver = nvme;
	assert_false(m->migratable(&d, &why));
	d.driver = NULL;
	assert_false(m->migratable(&d, &why));

	mc_config_free();
	d.driver = nvme_vfio_pci;
	why = NULL;
	assert_false(m->migratable(&d, &why));
	assert_non_null(why);
	mc_config_free();
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown_module)
#define T0(f) cmocka_unit_test_setup_teardown(f, setup_noconf, teardown_module)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_module),
		T0(test_config_load),
		T(test_identical),
		T(test_source_driver_not_listed),
		T(test_source_driver_nvme_not_listed),
		T(test_source_driver_missing),
		T(test_source_driver_prefix_not_listed),
		T(test_dev_differs),
		T(test_pf_differs),
		T(test_mn_differs),
		T(test_mn_case_differs),
		T(test_fr_differs),
		T(test_identity_missing),
		T(test_store_differs),
		T(test_store_pcie_vs_tcp),
		T(test_store_missing_in_source),
		T(test_store_missing_in_destination),
		T(test_store_missing_on_both),
		T(test_store_missing_but_fr_differs),
		T(test_store_missing_but_source_unsupported),
		T(test_destination_vfio_pci_actionable),
		T(test_destination_nvme_actionable),
		T(test_destination_unbound_actionable),
		T(test_actionable_but_store_unknown),
		T(test_actionable_but_store_differs),
		T(test_unknown_key_ignored),
		T(test_several_failures_all_listed),
		T0(test_first_listed_driver_is_the_action),
		T0(test_list_separators),
		T0(test_destination_other_listed_driver),
		T0(test_action_quotes_odd_driver),
		T0(test_empty_list_unsupported),
		T0(test_empty_value_unsupported),
		T0(test_no_configuration_unsupported),
		cmocka_unit_test(test_claims_nvme_vfs),
		cmocka_unit_test(test_not_claimed),
		cmocka_unit_test(test_wants_pci),
		T0(test_migratable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
