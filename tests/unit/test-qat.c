/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the qat module (mig-check(1) VENDOR MODULES/qat): its rules
 * on hand-built records and candidates, and which devices it claims. */
#include "helpers.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define VF1 "0000:6b:00.1"
#define VF2 "0000:6b:00.2"
#define ACTION_VF1 "driverctl set-override " VF1 " qat_vfio_pci"
#define RULE_GEN "qat_vfio_pci does not migrate this QAT generation"
#define RULE_SRC_DRV "the source VF is not bound to qat_vfio_pci"
#define RULE_DST_DRV "not bound to qat_vfio_pci"
#define RULE_DEV "VF device differs"
#define RULE_PF "PF device differs (the kernel needs a superset of the source's capabilities)"
#define RULE_SVC "services differ (the kernel needs an identical ring-to-service map)"
#define RULE_STATE "the destination PF is not up"

/* ---- hand-built candidates ---- */

static struct mc_dev cand_vf1 = {
	.kind = MC_KIND_VF, .name = VF1, .vendor = 0x8086, .device = 0x4941,
	.class = 0x0b4000, .available = -1,
};
static struct mc_dev cand_vf2 = {
	.kind = MC_KIND_VF, .name = VF2, .vendor = 0x8086, .device = 0x4941,
	.class = 0x0b4000, .available = -1,
};

/* ---- records ---- */

/* The fields of one qat record; NULL leaves a field out.  @state is a
 * destination fact (the PF's qat/state). */
struct qat_fields {
	const char *dev, *pf, *gen, *svc, *drv, *state, *extra;
};

/* As the qat-* fixtures: a 4xxx VF on qat_vfio_pci under a PF with
 * sym;asym. */
static const struct qat_fields src4xxx = {
	.dev = "8086.4941", .pf = "8086.4940", .gen = "4", .svc = "asym+sym",
	.drv = "qat_vfio_pci",
};
static const struct qat_fields dst4xxx = {
	.dev = "8086.4941", .pf = "8086.4940", .gen = "4", .svc = "asym+sym",
	.drv = "qat_vfio_pci", .state = "up",
};

static const struct mc_record *mkrec(struct mc_token *t, const struct qat_fields *f)
{
	const struct kv kv[] = {
		{ "dev", f->dev }, { "pf", f->pf }, { "gen", f->gen }, { "svc", f->svc },
		{ "drv", f->drv }, { "state", f->state }, { "zz", f->extra },
	};

	return make_record(t, "qat", kv, ARRAY_SIZE(kv));
}

/* ---- fixture ---- */

static int setup(void **state)
{
	return setup_module(state, "qat");
}

/* Judge @s against @d on @cand; the judgement is the fixture's. */
static struct mc_judgement *judge(void **state, const struct qat_fields *s,
				  const struct qat_fields *d, const struct mc_dev *cand)
{
	struct judge_ctx *c = *state;

	return judge_records(state, mkrec(&c->src, s), mkrec(&c->dst, d), cand);
}

/* ---- the module table ---- */

static void test_find_module(void **state)
{
	const struct mc_vendor *m = check_module("qat", 1);

	(void)state;
	assert_int_equal(m->kind, MC_KIND_VF);
	assert_string_equal(m->migration_driver, "qat_vfio_pci");
	assert_null(m->no_kver_reason);
}

/* ---- rules (mig-check(1) VENDOR MODULES/qat) ---- */

static void test_identical(void **state)
{
	struct mc_judgement *j = judge(state, &src4xxx, &dst4xxx, &cand_vf1);

	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
	assert_null(j->action);
}

/* Every VF qat_vfio_pci migrates, against the same device. */
static void test_identical_each_migratable_id(void **state)
{
	static const char *const ids[][2] = {
		{ "8086.4941", "8086.4940" }, { "8086.4943", "8086.4942" },
		{ "8086.4945", "8086.4944" }, { "8086.4949", "8086.4948" },
	};
	struct judge_ctx *c = *state;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct qat_fields s = src4xxx, d = dst4xxx;
		struct mc_judgement *j;

		s.dev = d.dev = ids[i][0];
		s.pf = d.pf = ids[i][1];
		s.gen = d.gen = i == 3 ? "6" : "4";
		j = judge(state, &s, &d, &cand_vf1);
		assert_int_equal(j->verdict, MC_IDENTICAL);
		assert_int_equal(j->nreasons, 0);
		mc_token_free(&c->src);
		mc_token_free(&c->dst);
		mc_judgement_free(&c->j);
	}
}

/* A source VF qat_vfio_pci cannot migrate: unsupported (hardware), even
 * against the very same device on the destination. */
static void test_source_generation_unsupported(void **state)
{
	static const char *const ids[][3] = {
		{ "8086.0443", "8086.0435", "1" }, { "8086.19e3", "8086.19e2", "2" },
		{ "8086.37c9", "8086.37c8", "2" }, { "8086.4947", "8086.4946", "4" },
	};
	struct judge_ctx *c = *state;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct qat_fields s = src4xxx, d = dst4xxx;
		struct mc_judgement *j;

		s.dev = d.dev = ids[i][0];
		s.pf = d.pf = ids[i][1];
		s.gen = d.gen = ids[i][2];
		j = judge(state, &s, &d, &cand_vf1);
		assert_int_equal(j->verdict, MC_UNSUPPORTED);
		assert_int_equal(j->nreasons, 1);
		check_reason(j, "dev", MC_UNSUPPORTED, MC_CAT_HARDWARE, ids[i][0], NULL, RULE_GEN);
		mc_token_free(&c->src);
		mc_token_free(&c->dst);
		mc_judgement_free(&c->j);
	}
}

static void test_source_driver_not_qat_vfio_pci(void **state)
{
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.drv = "vfio-pci";
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, "vfio-pci", "qat_vfio_pci", RULE_SRC_DRV);
}

static void test_source_driver_missing(void **state)
{
	/* An unbound source VF carries no drv: it cannot migrate. */
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.drv = NULL;
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, NULL, "qat_vfio_pci", RULE_SRC_DRV);
}

static void test_source_driver_case_matters(void **state)
{
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.drv = "QAT_VFIO_PCI";
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, "QAT_VFIO_PCI", "qat_vfio_pci", NULL);
}

static void test_both_unsupported_rules(void **state)
{
	/* A 420xx VF on vfio-pci (qat-src-420xx): both reasons are listed. */
	struct qat_fields s = src4xxx, d = dst4xxx;
	struct mc_judgement *j;

	s.dev = d.dev = "8086.4947";
	s.pf = d.pf = "8086.4946";
	s.drv = "vfio-pci";
	j = judge(state, &s, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "dev", MC_UNSUPPORTED, MC_CAT_HARDWARE, "8086.4947", NULL, RULE_GEN);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, "vfio-pci", "qat_vfio_pci", RULE_SRC_DRV);
}

static void test_dev_differs(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.dev = "8086.4945";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "dev", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.4941", "8086.4945", RULE_DEV);
	assert_null(j->action);
}

static void test_pf_differs(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.pf = "8086.4942";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "pf", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.4940", "8086.4942", RULE_PF);
}

static void test_401xx_destination(void **state)
{
	/* The 401xx host (qat-dst-401xx): dev and pf both differ. */
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.dev = "8086.4943";
	d.pf = "8086.4942";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "dev", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.4941", "8086.4943", RULE_DEV);
	check_reason(j, "pf", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.4940", "8086.4942", RULE_PF);
}

static void test_svc_differs(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.svc = "dc";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "svc", MC_INCOMPATIBLE, MC_CAT_CONFIG, "asym+sym", "dc", RULE_SVC);
}

static void test_svc_subset_differs(void **state)
{
	/* Identical maps are needed, not a superset. */
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.svc = "sym";
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	check_reason(j, "svc", MC_INCOMPATIBLE, MC_CAT_CONFIG, "sym", "asym+sym", RULE_SVC);
}

static void test_svc_missing_in_source(void **state)
{
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.svc = NULL;
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "svc", MC_UNKNOWN, MC_CAT_OTHER, NULL, "asym+sym",
		     "the token does not carry this field");
	assert_null(j->action);
}

static void test_svc_missing_in_destination(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.svc = NULL;
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "svc", MC_UNKNOWN, MC_CAT_OTHER, "asym+sym", NULL,
		     "the destination does not provide this field");
}

static void test_svc_missing_on_both(void **state)
{
	/* GEN2 on both sides, were it migratable: still never a guess. */
	struct qat_fields s = src4xxx, d = dst4xxx;
	struct mc_judgement *j;

	s.svc = d.svc = NULL;
	j = judge(state, &s, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	check_reason(j, "svc", MC_UNKNOWN, MC_CAT_OTHER, NULL, NULL, NULL);
}

static void test_svc_missing_but_incompatible(void **state)
{
	/* Another rule already fails: incompatible wins over unknown. */
	struct qat_fields s = src4xxx, d = dst4xxx;
	struct mc_judgement *j;

	s.svc = NULL;
	d.dev = "8086.4943";
	j = judge(state, &s, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "dev", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.4941", "8086.4943", RULE_DEV);
	check_reason(j, "svc", MC_UNKNOWN, MC_CAT_OTHER, NULL, "asym+sym", NULL);
}

static void test_svc_missing_but_unsupported(void **state)
{
	/* A C62x source (no qat/ group, no svc): unsupported wins. */
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.dev = "8086.37c9";
	s.pf = "8086.37c8";
	s.gen = "2";
	s.svc = NULL;
	s.drv = "c6xxvf";
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNSUPPORTED);
	assert_int_equal(reason_count(j, "dev"), 2);
	check_one(nth_reason(j, "dev", 0), MC_UNSUPPORTED, MC_CAT_HARDWARE, "8086.37c9", NULL, RULE_GEN);
	check_one(nth_reason(j, "dev", 1), MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.37c9", "8086.4941", RULE_DEV);
	check_reason(j, "drv", MC_UNSUPPORTED, MC_CAT_DRIVER, "c6xxvf", "qat_vfio_pci", RULE_SRC_DRV);
	check_reason(j, "pf", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.37c8", "8086.4940", RULE_PF);
	check_reason(j, "svc", MC_UNKNOWN, MC_CAT_OTHER, NULL, "asym+sym", NULL);
}

static void test_dev_missing_in_source(void **state)
{
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.dev = NULL;
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	check_reason(j, "dev", MC_UNKNOWN, MC_CAT_OTHER, NULL, "8086.4941", NULL);
}

static void test_pf_missing_in_source(void **state)
{
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.pf = NULL;
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	check_reason(j, "pf", MC_UNKNOWN, MC_CAT_OTHER, NULL, "8086.4940", NULL);
}

static void test_malformed_dev_never_passes(void **state)
{
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.dev = "8086:4941";
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	check_reason(j, "dev", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086:4941", "8086.4941", RULE_DEV);
}

static void test_state_down(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.state = "down";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "state", MC_INCOMPATIBLE, MC_CAT_CONFIG, NULL, "down", RULE_STATE);
	assert_null(j->action);
}

static void test_state_missing(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.state = NULL;
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "state", MC_UNKNOWN, MC_CAT_OTHER, NULL, NULL,
		     "the destination PF shows no qat/state");
}

static void test_state_in_source_is_ignored(void **state)
{
	/* Only the destination's PF state matters. */
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.state = "down";
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
}

static void test_destination_vfio_pci_actionable(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.drv = "vfio-pci";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "qat_vfio_pci", "vfio-pci", RULE_DST_DRV);
	assert_non_null(j->action);
	assert_string_equal(j->action, ACTION_VF1);
}

static void test_destination_unbound_actionable(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.drv = NULL;
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "qat_vfio_pci", NULL, RULE_DST_DRV);
	assert_string_equal(j->action, ACTION_VF1);
}

static void test_action_names_the_candidate(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.drv = "vfio-pci";
	j = judge(state, &src4xxx, &d, &cand_vf2);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	assert_string_equal(j->action, "driverctl set-override " VF2 " qat_vfio_pci");
}

static void test_destination_actionable_each_migratable_id(void **state)
{
	static const char *const ids[][2] = {
		{ "8086.4941", "8086.4940" }, { "8086.4943", "8086.4942" },
		{ "8086.4945", "8086.4944" }, { "8086.4949", "8086.4948" },
	};
	struct judge_ctx *c = *state;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct qat_fields s = src4xxx, d = dst4xxx;
		struct mc_judgement *j;

		s.dev = d.dev = ids[i][0];
		s.pf = d.pf = ids[i][1];
		d.drv = "vfio-pci";
		j = judge(state, &s, &d, &cand_vf1);
		assert_int_equal(j->verdict, MC_ACTIONABLE);
		assert_string_equal(j->action, ACTION_VF1);
		mc_token_free(&c->src);
		mc_token_free(&c->dst);
		mc_judgement_free(&c->j);
	}
}

/* A destination VF qat_vfio_pci cannot take: unsupported, no action. */
static void test_destination_generation_unsupported(void **state)
{
	static const char *const ids[][3] = {
		{ "8086.0443", "8086.0435", "dh895xccvf" }, { "8086.19e3", "8086.19e2", "c3xxxvf" },
		{ "8086.37c9", "8086.37c8", "c6xxvf" }, { "8086.4947", "8086.4946", "vfio-pci" },
	};
	struct judge_ctx *c = *state;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct qat_fields d = dst4xxx;
		struct mc_judgement *j;

		d.dev = ids[i][0];
		d.pf = ids[i][1];
		d.drv = ids[i][2];
		j = judge(state, &src4xxx, &d, &cand_vf1);
		assert_int_equal(j->verdict, MC_UNSUPPORTED);
		assert_int_equal(j->nreasons, 3);
		/* The reason that decided the verdict comes first. */
		check_one(&j->reasons[0], MC_UNSUPPORTED, MC_CAT_HARDWARE, NULL, ids[i][0], RULE_GEN);
		check_one(nth_reason(j, "dev", 1), MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.4941", ids[i][0], RULE_DEV);
		check_reason(j, "pf", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.4940", ids[i][1], RULE_PF);
		assert_null(j->action);
		mc_token_free(&c->src);
		mc_token_free(&c->dst);
		mc_judgement_free(&c->j);
	}
}

static void test_actionable_but_incompatible(void **state)
{
	/* The driver reason is still listed; the verdict is the worse one. */
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.drv = "vfio-pci";
	d.svc = "dc";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "svc", MC_INCOMPATIBLE, MC_CAT_CONFIG, "asym+sym", "dc", RULE_SVC);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "qat_vfio_pci", "vfio-pci", RULE_DST_DRV);
}

static void test_actionable_but_pf_down(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.drv = "vfio-pci";
	d.state = "down";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	check_reason(j, "state", MC_INCOMPATIBLE, MC_CAT_CONFIG, NULL, "down", RULE_STATE);
	check_reason(j, "drv", MC_ACTIONABLE, MC_CAT_DRIVER, "qat_vfio_pci", "vfio-pci", NULL);
}

static void test_actionable_but_unknown(void **state)
{
	struct qat_fields s = src4xxx, d = dst4xxx;
	struct mc_judgement *j;

	s.svc = NULL;
	d.drv = "vfio-pci";
	j = judge(state, &s, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 2);
}

static void test_unknown_key_ignored(void **state)
{
	struct qat_fields s = src4xxx;
	struct mc_judgement *j;

	s.extra = "future";
	j = judge(state, &s, &dst4xxx, &cand_vf1);
	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
}

static void test_several_failures_all_listed(void **state)
{
	struct qat_fields d = dst4xxx;
	struct mc_judgement *j;

	d.dev = "8086.4943";
	d.pf = "8086.4942";
	d.svc = "dc";
	d.state = "down";
	j = judge(state, &src4xxx, &d, &cand_vf1);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 4);
	assert_int_equal(reason_count(j, "dev"), 1);
	assert_int_equal(reason_count(j, "pf"), 1);
	assert_int_equal(reason_count(j, "svc"), 1);
	assert_int_equal(reason_count(j, "state"), 1);
}

/* ---- which devices (mig-check(1) VENDOR MODULES/qat, Claims) ---- */

static const unsigned vf_ids[] = { 0x0443, 0x19e3, 0x37c9, 0x4941, 0x4943, 0x4945, 0x4947, 0x4949 };
static const unsigned pf_ids[] = { 0x0435, 0x19e2, 0x37c8, 0x4940, 0x4942, 0x4944, 0x4946, 0x4948 };

static struct mc_dev pci_dev(enum mc_kind kind, unsigned vendor, unsigned device)
{
	struct mc_dev d = { .kind = kind, .vendor = vendor, .device = device,
			    .class = 0x0b4000, .available = -1 };

	snprintf(d.name, sizeof(d.name), "0000:6b:00.1");
	return d;
}

static void test_claims_vfs(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("qat");

	(void)state;
	for (size_t i = 0; i < sizeof(vf_ids) / sizeof(vf_ids[0]); i++) {
		struct mc_dev d = pci_dev(MC_KIND_VF, 0x8086, vf_ids[i]);

		assert_true(m->claims(&d));
		assert_true(m->offers(&d));
		assert_ptr_equal(mc_vendor_claiming(&d), m);
		assert_ptr_equal(mc_vendor_offering(&d), m);
	}
}

static void test_vf_ids_as_other_kinds(void **state)
{
	/* Only a VF is what a VM holds. */
	static const enum mc_kind kinds[] = { MC_KIND_PF, MC_KIND_PCI, MC_KIND_PARENT, MC_KIND_MDEV };
	const struct mc_vendor *m = mc_vendor_find("qat");

	(void)state;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		for (size_t i = 0; i < sizeof(vf_ids) / sizeof(vf_ids[0]); i++) {
			struct mc_dev d = pci_dev(kinds[k], 0x8086, vf_ids[i]);

			assert_false(m->claims(&d));
			assert_false(m->offers(&d));
		}
	}
}

static void test_pf_ids_not_claimed(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("qat");

	(void)state;
	for (size_t i = 0; i < sizeof(pf_ids) / sizeof(pf_ids[0]); i++) {
		struct mc_dev pf = pci_dev(MC_KIND_PF, 0x8086, pf_ids[i]);
		struct mc_dev vf = pci_dev(MC_KIND_VF, 0x8086, pf_ids[i]);

		assert_false(m->claims(&pf));
		assert_false(m->offers(&pf));
		assert_false(m->claims(&vf));
		assert_false(m->offers(&vf));
		assert_null(mc_vendor_claiming(&pf));
	}
}

static void test_other_vendor_not_claimed(void **state)
{
	static const unsigned vendors[] = { 0x0000, 0x1b36, 0x8087, 0xffff };
	const struct mc_vendor *m = mc_vendor_find("qat");

	(void)state;
	for (size_t v = 0; v < sizeof(vendors) / sizeof(vendors[0]); v++) {
		for (size_t i = 0; i < sizeof(vf_ids) / sizeof(vf_ids[0]); i++) {
			struct mc_dev d = pci_dev(MC_KIND_VF, vendors[v], vf_ids[i]);

			assert_false(m->claims(&d));
			assert_false(m->offers(&d));
		}
	}
}

static void test_other_intel_vfs_not_claimed(void **state)
{
	/* Neighbours of the QAT IDs, and a VF reading 0xffff. */
	static const unsigned ids[] = { 0x0442, 0x0444, 0x19e4, 0x37ca, 0x4940, 0x494a, 0x591d, 0xffff };
	const struct mc_vendor *m = mc_vendor_find("qat");

	(void)state;
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct mc_dev d = pci_dev(MC_KIND_VF, 0x8086, ids[i]);

		assert_false(m->claims(&d));
	}
}

/* encode() of a device the module does not claim: refused, never an index
 * of -1 into the module's ID table. */
static void test_encode_unclaimed(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("qat");
	struct mc_dev pf = pci_dev(MC_KIND_PF, 0x8086, 0x4940);
	struct mc_dev d = pci_dev(MC_KIND_VF, 0x8086, 0x591d);
	struct mc_token t = { 0 };
	struct mc_record *rec = mc_token_add_record(&t, "qat", 1);
	char why[128];

	(void)state;
	d.parent = &pf;
	assert_int_equal(m->encode(&d, MC_SIDE_SOURCE, rec, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "device: 8086:591d is no QAT VF");
	mc_token_free(&t);
}

static void test_wants_pci(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("qat");

	(void)state;
	for (size_t i = 0; i < sizeof(vf_ids) / sizeof(vf_ids[0]); i++) {
		assert_true(m->wants_pci(0x8086, vf_ids[i], 0x0b4000));
		assert_true(m->wants_pci(0x8086, pf_ids[i], 0x0b4000));
		assert_false(m->wants_pci(0x1b36, vf_ids[i], 0x0b4000));
	}
	assert_false(m->wants_pci(0x8086, 0x591d, 0x030000));
	assert_false(m->wants_pci(0x1b36, 0x0010, 0x010802));
}

static void test_migratable(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("qat");
	char qat_vfio_pci[] = "qat_vfio_pci", vfio_pci[] = "vfio-pci";
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof(vf_ids) / sizeof(vf_ids[0]); i++) {
		struct mc_dev d = pci_dev(MC_KIND_VF, 0x8086, vf_ids[i]);
		bool supported = vf_ids[i] == 0x4941 || vf_ids[i] == 0x4943 ||
				 vf_ids[i] == 0x4945 || vf_ids[i] == 0x4949;

		d.driver = qat_vfio_pci;
		why = NULL;
		assert_int_equal(m->migratable(&d, &why), supported);
		if (!supported)
			assert_string_equal(why, RULE_GEN);

		d.driver = vfio_pci;
		why = NULL;
		assert_false(m->migratable(&d, &why));
		assert_non_null(why);
		if (supported)
			assert_string_equal(why, "not bound to qat_vfio_pci");

		d.driver = NULL;
		why = NULL;
		assert_false(m->migratable(&d, &why));
		assert_non_null(why);
	}
	{
		struct mc_dev pf = pci_dev(MC_KIND_PF, 0x8086, 0x4940);

		why = NULL;
		assert_false(m->migratable(&pf, &why));
		assert_non_null(why);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown_module)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_module),
		T(test_identical),
		T(test_identical_each_migratable_id),
		T(test_source_generation_unsupported),
		T(test_source_driver_not_qat_vfio_pci),
		T(test_source_driver_missing),
		T(test_source_driver_case_matters),
		T(test_both_unsupported_rules),
		T(test_dev_differs),
		T(test_pf_differs),
		T(test_401xx_destination),
		T(test_svc_differs),
		T(test_svc_subset_differs),
		T(test_svc_missing_in_source),
		T(test_svc_missing_in_destination),
		T(test_svc_missing_on_both),
		T(test_svc_missing_but_incompatible),
		T(test_svc_missing_but_unsupported),
		T(test_dev_missing_in_source),
		T(test_pf_missing_in_source),
		T(test_malformed_dev_never_passes),
		T(test_state_down),
		T(test_state_missing),
		T(test_state_in_source_is_ignored),
		T(test_destination_vfio_pci_actionable),
		T(test_destination_unbound_actionable),
		T(test_action_names_the_candidate),
		T(test_destination_actionable_each_migratable_id),
		T(test_destination_generation_unsupported),
		T(test_actionable_but_incompatible),
		T(test_actionable_but_pf_down),
		T(test_actionable_but_unknown),
		T(test_unknown_key_ignored),
		T(test_several_failures_all_listed),
		cmocka_unit_test(test_claims_vfs),
		cmocka_unit_test(test_vf_ids_as_other_kinds),
		cmocka_unit_test(test_pf_ids_not_claimed),
		cmocka_unit_test(test_other_vendor_not_claimed),
		cmocka_unit_test(test_other_intel_vfs_not_claimed),
		cmocka_unit_test(test_encode_unclaimed),
		cmocka_unit_test(test_wants_pci),
		cmocka_unit_test(test_migratable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
