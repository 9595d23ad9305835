/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the i915-gvt module's rules (mig-check(1)
 * VENDOR MODULES/i915-gvt) on hand-built records and devices, and for the
 * generic verdict helpers (mig-check-formats(5), VERDICTS). */
#include "helpers.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>


#define UUID_A "83b8f4f2-509f-382f-3c1e-e6bfe0fa1001"
#define UUID_B "0f6d2e5c-1b7a-4c3e-9a8d-2b4f6e8a0c12"
#define PARENT_BDF "0000:00:02.0"

/* ---- hand-built devices ---- */

static char type_v5_4[] = "i915-GVTg_V5_4";

/* The VM's own mdev, recreated under its UUID. */
static struct mc_dev mdev_same = {
	.kind = MC_KIND_MDEV, .name = UUID_A, .type = type_v5_4, .available = -1,
};
/* Another existing mdev of the same type. */
static struct mc_dev mdev_other = {
	.kind = MC_KIND_MDEV, .name = UUID_B, .type = type_v5_4, .available = -1,
};
/* A creatable type under the GPU. */
static struct mc_dev creatable = {
	.kind = MC_KIND_PARENT, .name = PARENT_BDF, .type = type_v5_4, .available = 1,
};

/* ---- records ---- */

/* The fields of one i915-gvt record; NULL leaves a field out. */
struct gvt_fields {
	const char *dev, *type, *low, *high, *fence, *res, *weight, *agg, *uuid;
};

/* GVTg_V5_4 of the kernel's intel_vgpu_configs[]: 128 MB low, 512 MB high, 4
 * fences, 1920x1200, weight 16/4. */
static const struct gvt_fields v5_4 = {
	.dev = "8086.3e92", .type = "GVTg_V5_4", .low = "128", .high = "512",
	.fence = "4", .res = "1920x1200", .weight = "4", .agg = "1", .uuid = NULL,
};

/* GVTg_V5_8: 64 MB low, 384 MB high, 4 fences, 1024x768, weight 16/8. */
static const struct gvt_fields v5_8 = {
	.dev = "8086.3e92", .type = "GVTg_V5_8", .low = "64", .high = "384",
	.fence = "4", .res = "1024x768", .weight = "2", .agg = "1", .uuid = NULL,
};

static struct gvt_fields src_of(const struct gvt_fields *f)
{
	struct gvt_fields s = *f;

	s.uuid = UUID_A;
	return s;
}

static const struct mc_record *mkrec(struct mc_token *t, const struct gvt_fields *f)
{
	const struct kv kv[] = {
		{ "dev", f->dev }, { "type", f->type }, { "low", f->low },
		{ "high", f->high }, { "fence", f->fence }, { "res", f->res },
		{ "weight", f->weight }, { "agg", f->agg }, { "uuid", f->uuid },
	};

	return make_record(t, "i915-gvt", kv, ARRAY_SIZE(kv));
}

/* ---- fixture ---- */

static int setup(void **state)
{
	return setup_module(state, "i915-gvt");
}

/* Judge @s against @d on @cand; the judgement is the fixture's. */
static struct mc_judgement *judge(void **state, const struct gvt_fields *s,
				  const struct gvt_fields *d, const struct mc_dev *cand)
{
	struct judge_ctx *c = *state;

	return judge_records(state, mkrec(&c->src, s), mkrec(&c->dst, d), cand);
}

/* ---- the module table ---- */

static void test_find_module(void **state)
{
	const struct mc_vendor *m = check_module("i915-gvt", 1);

	(void)state;
	assert_int_equal(m->kind, MC_KIND_MDEV);
	assert_non_null(m->no_kver_reason);
	assert_string_equal(m->no_kver_reason,
			    "i915 GVT-g in this kernel has no live-migration support");
	assert_null(mc_vendor_find("nope"));
	assert_null(mc_vendor_find("i915"));
	assert_null(mc_vendor_find(""));
}

/* ---- rules (mig-check(1) VENDOR MODULES/i915-gvt) ---- */

static void test_identical(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j = judge(state, &s, &v5_4, &mdev_other);

	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
	assert_null(j->action);
}

static void test_identical_without_uuid(void **state)
{
	/* uuid is never compared: an existing mdev needs none. */
	struct mc_judgement *j = judge(state, &v5_4, &v5_4, &mdev_other);

	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
	assert_int_equal(j->preference, 1);
}

static void test_dev_differs(void **state)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	d.dev = "8086.5912";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "dev", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.3e92", "8086.5912",
		     "physical device differs");
}

/* Source agg 2, destination agg 4 (128*2 = 64*4, 512*2 = 256*4, 4*2 = 2*4),
 * with one of the three scaled fields of the destination changed: the reason
 * carries the products. */
static void scaled_differs(void **state, const char *key)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;
	const char *sprod = NULL, *dprod = NULL;

	s.agg = "2";             /* 256 low, 1024 high, 8 fences */
	d.agg = "4";
	d.low = "64";            /* 256 */
	d.high = "256";          /* 1024 */
	d.fence = "2";           /* 8 */
	if (!strcmp(key, "low")) {
		d.low = "32";
		sprod = "256", dprod = "128";
	} else if (!strcmp(key, "high")) {
		d.high = "255";
		sprod = "1024", dprod = "1020";
	} else {
		d.fence = "3";
		sprod = "8", dprod = "12";
	}
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, key, MC_INCOMPATIBLE, MC_CAT_CONFIG, sprod, dprod,
		     "differs after aggregation");
}

static void test_low_differs(void **state)
{
	scaled_differs(state, "low");
}

static void test_high_differs(void **state)
{
	scaled_differs(state, "high");
}

static void test_fence_differs(void **state)
{
	scaled_differs(state, "fence");
}

static void test_scaled_equal_after_aggregation_same_type(void **state)
{
	/* Same numbers as above without a perturbation: nothing to report. */
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	s.agg = "2";
	d.agg = "4";
	d.low = "64";
	d.high = "256";
	d.fence = "2";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
}

static void test_aggregation_v5_8_x2(void **state)
{
	/* 2 x GVTg_V5_8 (64/384/4) = 128/768/8 */
	struct gvt_fields s = src_of(&v5_8), d = v5_8;
	struct mc_judgement *j;

	s.agg = "2";
	d.type = "GVTg_V5_4";
	d.low = "128";
	d.high = "768";
	d.fence = "8";
	d.agg = "1";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_COMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "type", MC_COMPATIBLE, MC_CAT_CONFIG, "GVTg_V5_8", "GVTg_V5_4",
		     "another type name with equal resources");
}

static void test_aggregation_not_applied_is_incompatible(void **state)
{
	/* The same destination against one V5_8 (agg 1): every scaled field
	 * differs, and the type rule is not reached. */
	struct gvt_fields s = src_of(&v5_8), d = v5_8;
	struct mc_judgement *j;

	d.type = "GVTg_V5_4";
	d.low = "128";
	d.high = "768";
	d.fence = "8";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 3);
	check_reason(j, "low", MC_INCOMPATIBLE, MC_CAT_CONFIG, "64", "128", NULL);
	check_reason(j, "high", MC_INCOMPATIBLE, MC_CAT_CONFIG, "384", "768", NULL);
	check_reason(j, "fence", MC_INCOMPATIBLE, MC_CAT_CONFIG, "4", "8", NULL);
	assert_null(nth_reason(j, "type", 0));
}

static void test_res_differs(void **state)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	d.res = "1024x768";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "res", MC_INCOMPATIBLE, MC_CAT_CONFIG, "1920x1200", "1024x768",
		     "display resolution differs");
}

static void test_type_differs_equal_resources(void **state)
{
	/* BDW and SKL name the same resources V4_4 and V5_4. */
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	d.type = "GVTg_V4_4";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_COMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "type", MC_COMPATIBLE, MC_CAT_CONFIG, "GVTg_V5_4", "GVTg_V4_4",
		     "another type name with equal resources");
	assert_null(j->action);
}

static void test_type_differs_unequal_resources(void **state)
{
	/* V5_4 against V5_8: incompatible, with no "equal resources" note. */
	struct gvt_fields s = src_of(&v5_4);
	struct gvt_fields d = v5_8;
	struct mc_judgement *j;

	d.weight = "4";
	d.res = "1920x1200";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "low", MC_INCOMPATIBLE, MC_CAT_CONFIG, "128", "64", NULL);
	check_reason(j, "high", MC_INCOMPATIBLE, MC_CAT_CONFIG, "512", "384", NULL);
	assert_null(nth_reason(j, "type", 0));
}

static void test_weight_differs(void **state)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	d.weight = "2";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_COMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "weight", MC_COMPATIBLE, MC_CAT_CONFIG, "4", "2",
		     "scheduling weight differs (a share of the GPU, not state)");
}

static void test_weight_missing_in_source(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j;

	s.weight = NULL;   /* an old source kernel */
	j = judge(state, &s, &v5_4, &mdev_other);
	assert_int_equal(j->verdict, MC_COMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "weight", MC_COMPATIBLE, MC_CAT_CONFIG, NULL, "4", NULL);
}

static void test_weight_missing_in_destination(void **state)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	d.weight = NULL;   /* an old destination kernel */
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_COMPATIBLE);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "weight", MC_COMPATIBLE, MC_CAT_CONFIG, "4", NULL, NULL);
}

static void test_weight_missing_on_both(void **state)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	s.weight = NULL;
	d.weight = NULL;
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->nreasons, 0);
}

static void test_low_missing_in_source(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j;

	s.low = NULL;
	j = judge(state, &s, &v5_4, &mdev_other);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "low", MC_UNKNOWN, MC_CAT_OTHER, NULL, "128",
		     "the token does not carry this field");
}

static void test_low_missing_in_destination(void **state)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	d.low = NULL;
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "low", MC_UNKNOWN, MC_CAT_OTHER, "128", NULL,
		     "the destination does not provide this field");
}

static void test_each_field_missing_in_source(void **state)
{
	/* Every field a rule needs: dev, agg, low, high, fence, res, type. */
	static const struct {
		const char *key, *dst;
	} keys[] = {
		{ "dev", "8086.3e92" }, { "agg", "1" }, { "low", "128" }, { "high", "512" },
		{ "fence", "4" }, { "res", "1920x1200" }, { "type", "GVTg_V5_4" },
	};
	struct judge_ctx *c = *state;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct gvt_fields s = src_of(&v5_4);
		struct mc_judgement *j;
		const char *k = keys[i].key;

		if (!strcmp(k, "dev"))
			s.dev = NULL;
		else if (!strcmp(k, "agg"))
			s.agg = NULL;
		else if (!strcmp(k, "low"))
			s.low = NULL;
		else if (!strcmp(k, "high"))
			s.high = NULL;
		else if (!strcmp(k, "fence"))
			s.fence = NULL;
		else if (!strcmp(k, "res"))
			s.res = NULL;
		else
			s.type = NULL;
		j = judge(state, &s, &v5_4, &mdev_other);
		assert_int_equal(j->verdict, MC_UNKNOWN);
		assert_int_equal(j->nreasons, 1);
		check_reason(j, k, MC_UNKNOWN, MC_CAT_OTHER, NULL, keys[i].dst,
			     "the token does not carry this field");
		mc_token_free(&c->src);
		mc_token_free(&c->dst);
		mc_judgement_free(&c->j);
	}
}

static void test_not_a_number(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j;

	s.low = "128MB";
	j = judge(state, &s, &v5_4, &mdev_other);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "low", MC_UNKNOWN, MC_CAT_OTHER, "128MB", "128", "not a positive number");
}

static void test_not_a_number_variants(void **state)
{
	static const char *const bad[] = { "", "0", "-1", "+4", "0x10", "4.0", " 4", "1048577",
					   "99999999999999999999999" };
	struct judge_ctx *c = *state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gvt_fields s = src_of(&v5_4);
		struct mc_judgement *j;

		s.fence = bad[i];
		j = judge(state, &s, &v5_4, &mdev_other);
		assert_int_equal(j->verdict, MC_UNKNOWN);
		assert_int_equal(j->nreasons, 1);
		check_reason(j, "fence", MC_UNKNOWN, MC_CAT_OTHER, bad[i], "4", "not a positive number");
		mc_token_free(&c->src);
		mc_token_free(&c->dst);
		mc_judgement_free(&c->j);
	}
}

static void test_agg_missing(void **state)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	/* Without agg the scaled fields cannot be compared at all: a
	 * difference in them must not turn into a verdict. */
	s.agg = NULL;
	d.low = "64";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "agg", MC_UNKNOWN, MC_CAT_OTHER, NULL, "1",
		     "the token does not carry this field");
	assert_null(nth_reason(j, "type", 0));
}

static void test_agg_not_a_number(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j;

	s.agg = "two";
	j = judge(state, &s, &v5_4, &mdev_other);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "agg", MC_UNKNOWN, MC_CAT_OTHER, "two", "1", "not a positive number");
}

/* agg=0 would make every product 0 and read as a resource mismatch. */
static void test_agg_zero(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j;

	s.agg = "0";
	j = judge(state, &s, &v5_4, &mdev_other);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "agg", MC_UNKNOWN, MC_CAT_OTHER, "0", "1", "not a positive number");
}

static void test_creatable_actionable(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j = judge(state, &s, &v5_4, &creatable);

	assert_int_equal(j->verdict, MC_ACTIONABLE);
	assert_non_null(j->action);
	assert_string_equal(j->action,
			    "mdevctl start --uuid 83b8f4f2-509f-382f-3c1e-e6bfe0fa1001"
			    " --parent 0000:00:02.0 --type i915-GVTg_V5_4");
	assert_int_equal(j->preference, 0);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "type", MC_ACTIONABLE, MC_CAT_CAPACITY, "GVTg_V5_4", "GVTg_V5_4",
		     "no mdev of this type exists yet");
}

static void test_creatable_with_compatible_note(void **state)
{
	/* A weight note under a creatable type: actionable beats compatible. */
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	d.weight = "8";
	j = judge(state, &s, &d, &creatable);
	assert_int_equal(j->verdict, MC_ACTIONABLE);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "weight", MC_COMPATIBLE, MC_CAT_CONFIG, "4", "8", NULL);
	check_reason(j, "type", MC_ACTIONABLE, MC_CAT_CAPACITY, "GVTg_V5_4", "GVTg_V5_4", NULL);
	assert_non_null(j->action);
}

static void test_creatable_without_uuid(void **state)
{
	struct mc_judgement *j = judge(state, &v5_4, &v5_4, &creatable);

	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_null(j->action);
	assert_int_equal(j->preference, 0);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "uuid", MC_UNKNOWN, MC_CAT_OTHER, NULL, NULL,
		     "the token carries no mdev UUID to create");
}

static void test_creatable_unknown_beats_actionable(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j;

	/* A type that cannot be judged is not offered for creation. */
	s.fence = NULL;
	j = judge(state, &s, &v5_4, &creatable);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 1);
	check_reason(j, "fence", MC_UNKNOWN, MC_CAT_OTHER, NULL, "4", NULL);
	assert_null(j->action);
}

static void test_creatable_action_quotes_odd_names(void **state)
{
	/* The action is a shell command: a value with a quote is quoted. */
	static char odd_type[] = "i915-GVTg_V5_4";
	struct mc_dev odd = {
		.kind = MC_KIND_PARENT, .name = "it's", .type = odd_type, .available = 1,
	};
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j = judge(state, &s, &v5_4, &odd);

	assert_int_equal(j->verdict, MC_ACTIONABLE);
	assert_string_equal(j->action,
			    "mdevctl start --uuid 83b8f4f2-509f-382f-3c1e-e6bfe0fa1001"
			    " --parent 'it'\\''s' --type i915-GVTg_V5_4");
}

static void test_preference_same_uuid(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j = judge(state, &s, &v5_4, &mdev_same);

	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->preference, 2);
	assert_null(j->action);
}

static void test_preference_other_uuid(void **state)
{
	struct gvt_fields s = src_of(&v5_4);
	struct mc_judgement *j = judge(state, &s, &v5_4, &mdev_other);

	assert_int_equal(j->verdict, MC_IDENTICAL);
	assert_int_equal(j->preference, 1);
}

static void test_preference_creatable(void **state)
{
	struct judge_ctx *c = *state;
	struct gvt_fields s = src_of(&v5_4);
	const struct mc_record *sr = mkrec(&c->src, &s);
	const struct mc_record *dr = mkrec(&c->dst, &v5_4);

	c->j.preference = 5;   /* whatever was there before */
	c->m->compare(sr, dr, &creatable, &c->j);
	assert_int_equal(c->j.preference, 0);
	assert_int_equal(c->j.verdict, MC_ACTIONABLE);
}

static void test_several_failures(void **state)
{
	/* dev differs (incompatible), low missing (unknown), res differs
	 * (incompatible), weight differs (compatible): every one is listed,
	 * and incompatible wins over unknown. */
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	s.low = NULL;
	d.dev = "8086.5912";
	d.res = "1024x768";
	d.weight = "2";
	d.type = "GVTg_V4_4";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	assert_int_equal(j->nreasons, 4);
	check_reason(j, "dev", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.3e92", "8086.5912", NULL);
	check_reason(j, "low", MC_UNKNOWN, MC_CAT_OTHER, NULL, "128", NULL);
	check_reason(j, "res", MC_INCOMPATIBLE, MC_CAT_CONFIG, "1920x1200", "1024x768", NULL);
	check_reason(j, "weight", MC_COMPATIBLE, MC_CAT_CONFIG, "4", "2", NULL);
	assert_null(nth_reason(j, "type", 0));   /* resources are not equal */
}

static void test_unknown_beats_compatible(void **state)
{
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	s.high = "lots";
	d.weight = "2";
	j = judge(state, &s, &d, &mdev_other);
	assert_int_equal(j->verdict, MC_UNKNOWN);
	assert_int_equal(j->nreasons, 2);
	check_reason(j, "high", MC_UNKNOWN, MC_CAT_OTHER, "lots", "512", "not a positive number");
	check_reason(j, "weight", MC_COMPATIBLE, MC_CAT_CONFIG, "4", "2", NULL);
}

static void test_incompatible_creatable(void **state)
{
	/* A creatable type on another GPU model: incompatible, not actionable. */
	struct gvt_fields s = src_of(&v5_4), d = v5_4;
	struct mc_judgement *j;

	d.dev = "8086.1912";
	j = judge(state, &s, &d, &creatable);
	assert_int_equal(j->verdict, MC_INCOMPATIBLE);
	check_reason(j, "dev", MC_INCOMPATIBLE, MC_CAT_HARDWARE, "8086.3e92", "8086.1912", NULL);
}

/* ---- claims / offers ---- */

static void test_claims_offers(void **state)
{
	static char t_ok[] = "i915-GVTg_V5_4", t_trunc[] = "i915-GVTg_V5_",
		t_nv[] = "nvidia-35", t_v4[] = "i915-GVTg_V4_1", t_big[] = "i915-GVTg_V10_16",
		t_tail[] = "i915-GVTg_V5_4x", t_nog[] = "i915-GVTg_V_4",
		t_nosep[] = "i915-GVTg_V54", t_nodrv[] = "GVTg_V5_4";
	static const struct {
		char *type;
		bool ok;
	} types[] = {
		{ t_ok, true }, { t_trunc, false }, { t_nv, false }, { t_v4, true },
		{ t_big, true }, { t_tail, false }, { t_nog, false }, { t_nosep, false },
		{ t_nodrv, false }, { NULL, false },
	};
	const struct mc_vendor *m = mc_vendor_find("i915-gvt");

	(void)state;
	assert_non_null(m);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct mc_dev mdev = { .kind = MC_KIND_MDEV, .name = UUID_A,
				       .type = types[i].type, .available = -1 };
		struct mc_dev type = { .kind = MC_KIND_PARENT, .name = PARENT_BDF,
				       .type = types[i].type, .available = 1 };

		assert_int_equal(m->claims(&mdev), types[i].ok);
		assert_int_equal(m->offers(&mdev), types[i].ok);
		/* A creatable type is offered, never claimed. */
		assert_false(m->claims(&type));
		assert_int_equal(m->offers(&type), types[i].ok);
		assert_ptr_equal(mc_vendor_claiming(&mdev), types[i].ok ? m : NULL);
		assert_ptr_equal(mc_vendor_offering(&type), types[i].ok ? m : NULL);
	}
}

static void test_offers_available(void **state)
{
	static char t[] = "i915-GVTg_V5_4";
	const struct mc_vendor *m = mc_vendor_find("i915-gvt");
	struct mc_dev type = { .kind = MC_KIND_PARENT, .name = PARENT_BDF, .type = t };

	(void)state;
	assert_non_null(m);
	type.available = 1;
	assert_true(m->offers(&type));
	type.available = 7;
	assert_true(m->offers(&type));
	/* The module owns an exhausted type too (--list names it); leaving it
	 * out of the candidates is the core's job, tested from the CLI. */
	type.available = 0;
	assert_true(m->offers(&type));
	assert_ptr_equal(mc_vendor_offering(&type), m);
	type.available = -1;   /* could not be read: kept, to be judged */
	assert_true(m->offers(&type));
}

/* A parent whose types, or an mdev whose type, could not be read, on an
 * Intel display controller: offered, so that it is judged unknown rather
 * than left out ("no candidate" would be a guess). */
static void test_unreadable_type_offered(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("i915-gvt");
	struct mc_dev gpu = { .kind = MC_KIND_PARENT, .name = PARENT_BDF, .available = -1,
			      .vendor = 0x8086, .device = 0x591d, .class = 0x030000,
			      .err = EACCES };
	struct mc_dev mdev = { .kind = MC_KIND_MDEV, .name = UUID_A, .available = -1,
			       .parent = &gpu, .err = ENOENT };

	(void)state;
	assert_non_null(m);
	assert_true(m->offers(&gpu));
	assert_false(m->claims(&gpu));
	gpu.err = 0;
	assert_true(m->offers(&mdev));
	assert_false(m->claims(&mdev));
	/* Read without trouble, no type is no GVT-g device. */
	mdev.err = 0;
	assert_false(m->offers(&mdev));
	assert_false(m->offers(&gpu));
	/* Not a GPU GVT-g drives. */
	mdev.err = gpu.err = ENOENT;
	gpu.vendor = 0x10de;
	assert_false(m->offers(&gpu));
	assert_false(m->offers(&mdev));
	gpu.vendor = 0x8086;
	gpu.class = 0x020000;
	assert_false(m->offers(&gpu));
	assert_false(m->offers(&mdev));
}

static void test_other_kinds_not_offered(void **state)
{
	static char t[] = "i915-GVTg_V5_4";
	const struct mc_vendor *m = mc_vendor_find("i915-gvt");
	static const enum mc_kind kinds[] = { MC_KIND_VF, MC_KIND_PF, MC_KIND_PCI };
	struct mc_dev parent = { .kind = MC_KIND_PARENT, .name = PARENT_BDF, .available = -1 };

	(void)state;
	assert_non_null(m);
	/* The parent itself (no type) is no candidate. */
	assert_false(m->offers(&parent));
	assert_false(m->claims(&parent));
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct mc_dev d = { .kind = kinds[i], .name = PARENT_BDF, .type = t,
				    .available = 1 };

		assert_false(m->claims(&d));
		assert_false(m->offers(&d));
	}
}

static void test_wants_pci(void **state)
{
	const struct mc_vendor *m = mc_vendor_find("i915-gvt");

	(void)state;
	assert_non_null(m);
	assert_true(m->wants_pci(0x8086, 0x3e92, 0x030000));
	assert_true(m->wants_pci(0x8086, 0x5912, 0x038000));
	assert_false(m->wants_pci(0x10de, 0x1eb8, 0x030200));
	assert_false(m->wants_pci(0x8086, 0x4941, 0x0b4000));
	assert_false(m->wants_pci(0x8086, 0x0953, 0x010802));
}

/* ---- generic verdict helpers (mig-check-formats(5) VERDICTS) ---- */

/* mig-check-formats(5) VERDICTS: "the first that applies of: unsupported,
 * incompatible, unknown, actionable, compatible, identical". */
static int spec_rank(enum mc_verdict v)
{
	static const enum mc_verdict order[] = {
		MC_UNSUPPORTED, MC_INCOMPATIBLE, MC_UNKNOWN,
		MC_ACTIONABLE, MC_COMPATIBLE, MC_IDENTICAL,
	};

	for (int i = 0; i < 6; i++)
		if (order[i] == v)
			return 6 - i;
	fail();
	return 0;
}

static const enum mc_verdict all_verdicts[] = {
	MC_IDENTICAL, MC_COMPATIBLE, MC_ACTIONABLE, MC_UNKNOWN, MC_INCOMPATIBLE, MC_UNSUPPORTED,
};

static void test_judge_precedence_pairs(void **state)
{
	(void)state;
	for (size_t a = 0; a < 6; a++) {
		for (size_t b = 0; b < 6; b++) {
			struct mc_judgement j = { 0 };
			enum mc_verdict va = all_verdicts[a], vb = all_verdicts[b];
			enum mc_verdict want = spec_rank(va) >= spec_rank(vb) ? va : vb;

			mc_judge(&j, va, MC_CAT_OTHER, "a", "1", "2", "rule a");
			assert_int_equal(j.verdict, va);
			mc_judge(&j, vb, MC_CAT_CONFIG, "b", "3", "4", "rule b");
			assert_int_equal(j.verdict, want);
			assert_int_equal(j.nreasons, 2);
			/* Worst first; in the order given within one verdict. */
			assert_int_equal(j.reasons[0].verdict, vb > va ? vb : va);
			assert_int_equal(j.reasons[1].verdict, vb > va ? va : vb);
			assert_string_equal(j.reasons[0].field, vb > va ? "b" : "a");
			mc_judgement_free(&j);
		}
	}
}

static void test_judge_precedence_three(void **state)
{
	/* A chain: incompatible is not undone by later, milder outcomes. */
	struct mc_judgement j = { 0 };

	(void)state;
	mc_judge(&j, MC_COMPATIBLE, MC_CAT_CONFIG, "weight", "4", "2", "w");
	mc_judge(&j, MC_INCOMPATIBLE, MC_CAT_HARDWARE, "dev", "x", "y", "d");
	mc_judge(&j, MC_UNKNOWN, MC_CAT_OTHER, "low", NULL, "1", "l");
	mc_judge(&j, MC_ACTIONABLE, MC_CAT_CAPACITY, "type", "t", "t", "t");
	assert_int_equal(j.verdict, MC_INCOMPATIBLE);
	assert_int_equal(j.nreasons, 4);
	mc_judge(&j, MC_UNSUPPORTED, MC_CAT_KERNEL, "kver", NULL, NULL, "k");
	assert_int_equal(j.verdict, MC_UNSUPPORTED);
	assert_int_equal(j.nreasons, 5);
	mc_judgement_free(&j);
	assert_int_equal(j.nreasons, 0);
	assert_null(j.reasons);
	assert_null(j.action);
	assert_int_equal(j.verdict, MC_IDENTICAL);
}

static void test_judge_reason_contents(void **state)
{
	struct mc_judgement j = { 0 };

	(void)state;
	mc_judge(&j, MC_INCOMPATIBLE, MC_CAT_KERNEL, "kver", "abc", NULL,
		 "write failed: %s (%d)", "Invalid argument", 22);
	mc_judge(&j, MC_UNKNOWN, MC_CAT_OTHER, "uuid", NULL, "x", "%s", "plain");
	assert_int_equal(j.nreasons, 2);
	assert_string_equal(j.reasons[0].field, "kver");
	assert_string_equal(j.reasons[0].source, "abc");
	assert_null(j.reasons[0].destination);
	assert_string_equal(j.reasons[0].rule, "write failed: Invalid argument (22)");
	assert_int_equal(j.reasons[0].category, MC_CAT_KERNEL);
	assert_int_equal(j.reasons[0].verdict, MC_INCOMPATIBLE);
	assert_null(j.reasons[1].source);
	assert_string_equal(j.reasons[1].destination, "x");
	assert_string_equal(j.reasons[1].rule, "plain");
	assert_int_equal(j.verdict, MC_INCOMPATIBLE);
	mc_judgement_free(&j);
}

static void test_judge_action(void **state)
{
	struct mc_judgement j = { 0 };

	(void)state;
	mc_judge_action(&j, "driverctl set-override %s %s", "0000:3b:00.1", "qat_vfio_pci");
	assert_string_equal(j.action, "driverctl set-override 0000:3b:00.1 qat_vfio_pci");
	mc_judge_action(&j, "mdevctl start --uuid %s", UUID_A);
	assert_string_equal(j.action, "mdevctl start --uuid " UUID_A);
	assert_int_equal(j.nreasons, 0);
	assert_int_equal(j.verdict, MC_IDENTICAL);
	mc_judgement_free(&j);
	assert_null(j.action);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(mc_verdict_name(MC_IDENTICAL), "identical");
	assert_string_equal(mc_verdict_name(MC_COMPATIBLE), "compatible");
	assert_string_equal(mc_verdict_name(MC_ACTIONABLE), "actionable");
	assert_string_equal(mc_verdict_name(MC_UNKNOWN), "unknown");
	assert_string_equal(mc_verdict_name(MC_INCOMPATIBLE), "incompatible");
	assert_string_equal(mc_verdict_name(MC_UNSUPPORTED), "unsupported");

	assert_string_equal(mc_category_name(MC_CAT_HARDWARE), "hardware");
	assert_string_equal(mc_category_name(MC_CAT_DRIVER), "driver");
	assert_string_equal(mc_category_name(MC_CAT_CONFIG), "config");
	assert_string_equal(mc_category_name(MC_CAT_CAPACITY), "capacity");
	assert_string_equal(mc_category_name(MC_CAT_KERNEL), "kernel");
	assert_string_equal(mc_category_name(MC_CAT_OTHER), "other");

	assert_string_equal(mc_kcheck_name(MC_KCHECK_ABSENT), "absent");
	assert_string_equal(mc_kcheck_name(MC_KCHECK_PASSED), "passed");
	assert_string_equal(mc_kcheck_name(MC_KCHECK_FAILED), "failed");
	assert_string_equal(mc_kcheck_name(MC_KCHECK_SKIPPED), "skipped");
	assert_string_equal(mc_kcheck_name(MC_KCHECK_ERROR), "error");
}

static void test_usable(void **state)
{
	(void)state;
	assert_true(mc_verdict_usable(MC_IDENTICAL));
	assert_true(mc_verdict_usable(MC_COMPATIBLE));
	assert_true(mc_verdict_usable(MC_ACTIONABLE));
	assert_false(mc_verdict_usable(MC_UNKNOWN));
	assert_false(mc_verdict_usable(MC_INCOMPATIBLE));
	assert_false(mc_verdict_usable(MC_UNSUPPORTED));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown_module)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_module),
		T(test_identical),
		T(test_identical_without_uuid),
		T(test_dev_differs),
		T(test_low_differs),
		T(test_high_differs),
		T(test_fence_differs),
		T(test_scaled_equal_after_aggregation_same_type),
		T(test_aggregation_v5_8_x2),
		T(test_aggregation_not_applied_is_incompatible),
		T(test_res_differs),
		T(test_type_differs_equal_resources),
		T(test_type_differs_unequal_resources),
		T(test_weight_differs),
		T(test_weight_missing_in_source),
		T(test_weight_missing_in_destination),
		T(test_weight_missing_on_both),
		T(test_low_missing_in_source),
		T(test_low_missing_in_destination),
		T(test_each_field_missing_in_source),
		T(test_not_a_number),
		T(test_not_a_number_variants),
		T(test_agg_missing),
		T(test_agg_not_a_number),
		T(test_agg_zero),
		T(test_creatable_actionable),
		T(test_creatable_with_compatible_note),
		T(test_creatable_without_uuid),
		T(test_creatable_unknown_beats_actionable),
		T(test_creatable_action_quotes_odd_names),
		T(test_preference_same_uuid),
		T(test_preference_other_uuid),
		T(test_preference_creatable),
		T(test_several_failures),
		T(test_unknown_beats_compatible),
		T(test_incompatible_creatable),
		cmocka_unit_test(test_claims_offers),
		cmocka_unit_test(test_offers_available),
		cmocka_unit_test(test_unreadable_type_offered),
		cmocka_unit_test(test_other_kinds_not_offered),
		cmocka_unit_test(test_wants_pci),
		cmocka_unit_test(test_judge_precedence_pairs),
		cmocka_unit_test(test_judge_precedence_three),
		cmocka_unit_test(test_judge_reason_contents),
		cmocka_unit_test(test_judge_action),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_usable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
