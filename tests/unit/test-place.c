/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for placing a token's records on distinct candidates and the
 * overall verdict (SPEC section 6). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "place.h"
#include "verdict.h"

static char type_v5_4[] = "i915-GVTg_V5_4";

static struct mc_dev dev_a = { .kind = MC_KIND_MDEV, .name = "aaaaaaaa-0000-0000-0000-000000000001",
			       .type = type_v5_4, .available = -1 };
static struct mc_dev dev_b = { .kind = MC_KIND_MDEV, .name = "bbbbbbbb-0000-0000-0000-000000000002",
			       .type = type_v5_4, .available = -1 };
static struct mc_dev dev_c = { .kind = MC_KIND_MDEV, .name = "cccccccc-0000-0000-0000-000000000003",
			       .type = type_v5_4, .available = -1 };
static struct mc_dev vf_d = { .kind = MC_KIND_VF, .name = "0000:3b:00.1", .available = -1 };
/* Creatable types: capacity = available instances. */
static struct mc_dev type1 = { .kind = MC_KIND_PARENT, .name = "0000:00:02.0",
			       .type = type_v5_4, .available = 1 };
static struct mc_dev type2 = { .kind = MC_KIND_PARENT, .name = "0000:00:02.0",
			       .type = type_v5_4, .available = 2 };

static struct mc_cand cand(const struct mc_dev *dev, size_t record, enum mc_verdict v, int pref)
{
	struct mc_cand c = { .dev = dev, .record = record };

	c.j.verdict = v;
	c.j.preference = pref;
	return c;
}

/* Placement invariants: every placed record sits on one of its own usable
 * candidates, and no device holds more records than its capacity. */
static void check_consistent(const struct mc_cand *c, size_t n, size_t nrecords,
			     const struct mc_placement *p)
{
	for (size_t r = 0; r < nrecords; r++) {
		long k = p->cand[r];
		size_t users = 0;

		if (k < 0) {
			assert_int_equal(k, -1);
			continue;
		}
		assert_true((size_t)k < n);
		assert_int_equal(c[k].record, r);
		assert_true(mc_verdict_usable(c[k].j.verdict));
		assert_int_equal(p->record_verdict[r], c[k].j.verdict);
		for (size_t o = 0; o < nrecords; o++)
			if (p->cand[o] >= 0 && c[p->cand[o]].dev == c[k].dev)
				users++;
		assert_true((long)users <= mc_capacity(c[k].dev));
	}
}

static const struct mc_reason *note_for(const struct mc_placement *p, size_t record)
{
	char idx[24];

	snprintf(idx, sizeof(idx), "%zu", record);
	for (size_t i = 0; i < p->notes.nreasons; i++)
		if (p->notes.reasons[i].source && !strcmp(p->notes.reasons[i].source, idx))
			return &p->notes.reasons[i];
	return NULL;
}

/* ---- capacity ---- */

static void test_capacity(void **state)
{
	struct mc_dev t = { .kind = MC_KIND_PARENT, .type = type_v5_4, .available = 3 };
	struct mc_dev parent = { .kind = MC_KIND_PARENT, .available = 5 };

	(void)state;
	assert_int_equal(mc_capacity(&dev_a), 1);
	assert_int_equal(mc_capacity(&vf_d), 1);
	assert_int_equal(mc_capacity(&type1), 1);
	assert_int_equal(mc_capacity(&type2), 2);
	assert_int_equal(mc_capacity(&t), 3);
	assert_int_equal(mc_capacity(&parent), 1);   /* no type: not creatable */
	t.available = -1;                            /* unknown: one, to be judged */
	assert_int_equal(mc_capacity(&t), 1);
	t.available = 0;                             /* exhausted: no placement */
	assert_int_equal(mc_capacity(&t), 0);
}

/* ---- one record ---- */

static void test_single_best_usable(void **state)
{
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_INCOMPATIBLE, 1),
		cand(&type1, 0, MC_ACTIONABLE, 0),
		cand(&dev_b, 0, MC_COMPATIBLE, 1),
		cand(&dev_c, 0, MC_UNKNOWN, 1),
		cand(&vf_d, 0, MC_UNSUPPORTED, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 5, 1, &p);
	assert_int_equal(p.cand[0], 2);
	assert_int_equal(p.record_verdict[0], MC_COMPATIBLE);
	assert_int_equal(p.verdict, MC_COMPATIBLE);
	assert_int_equal(p.notes.nreasons, 0);
	check_consistent(c, 5, 1, &p);
	mc_judgement_free(&p.notes);
}

static void test_single_identical_beats_preference(void **state)
{
	/* A better verdict wins over a higher preference. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_COMPATIBLE, 2),
		cand(&dev_b, 0, MC_IDENTICAL, 1),
		cand(&type1, 0, MC_ACTIONABLE, 9),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 3, 1, &p);
	assert_int_equal(p.cand[0], 1);
	assert_int_equal(p.verdict, MC_IDENTICAL);
	mc_judgement_free(&p.notes);
}

static void test_single_actionable_only(void **state)
{
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_INCOMPATIBLE, 1),
		cand(&type1, 0, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 1, &p);
	assert_int_equal(p.cand[0], 1);
	assert_int_equal(p.verdict, MC_ACTIONABLE);
	assert_int_equal(p.notes.nreasons, 0);
	mc_judgement_free(&p.notes);
}

static void test_no_candidates(void **state)
{
	struct mc_placement p;

	(void)state;
	mc_place(NULL, 0, 1, &p);
	assert_int_equal(p.cand[0], -1);
	assert_int_equal(p.record_verdict[0], MC_INCOMPATIBLE);
	assert_int_equal(p.verdict, MC_INCOMPATIBLE);
	mc_judgement_free(&p.notes);
}

static void test_unknown_and_incompatible(void **state)
{
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_INCOMPATIBLE, 1),
		cand(&dev_b, 0, MC_UNKNOWN, 1),
		cand(&dev_c, 0, MC_INCOMPATIBLE, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 3, 1, &p);
	assert_int_equal(p.cand[0], -1);
	assert_int_equal(p.record_verdict[0], MC_UNKNOWN);
	assert_int_equal(p.verdict, MC_UNKNOWN);
	mc_judgement_free(&p.notes);
}

static void test_unknown_and_unsupported(void **state)
{
	struct mc_cand c[] = {
		cand(&vf_d, 0, MC_UNSUPPORTED, 0),
		cand(&dev_b, 0, MC_UNKNOWN, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 1, &p);
	assert_int_equal(p.cand[0], -1);
	assert_int_equal(p.verdict, MC_UNKNOWN);
	mc_judgement_free(&p.notes);
}

static void test_only_incompatible(void **state)
{
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_INCOMPATIBLE, 1),
		cand(&dev_b, 0, MC_INCOMPATIBLE, 2),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 1, &p);
	assert_int_equal(p.cand[0], -1);
	assert_int_equal(p.record_verdict[0], MC_INCOMPATIBLE);
	assert_int_equal(p.verdict, MC_INCOMPATIBLE);
	mc_judgement_free(&p.notes);
}

static void test_only_unsupported(void **state)
{
	struct mc_cand c[] = {
		cand(&vf_d, 0, MC_UNSUPPORTED, 0),
		cand(&dev_a, 0, MC_UNSUPPORTED, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 1, &p);
	assert_int_equal(p.cand[0], -1);
	assert_int_equal(p.record_verdict[0], MC_UNSUPPORTED);
	assert_int_equal(p.verdict, MC_UNSUPPORTED);
	mc_judgement_free(&p.notes);
}

static void test_incompatible_and_unsupported(void **state)
{
	struct mc_cand c[] = {
		cand(&vf_d, 0, MC_UNSUPPORTED, 0),
		cand(&dev_a, 0, MC_INCOMPATIBLE, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 1, &p);
	assert_int_equal(p.cand[0], -1);
	assert_int_equal(p.record_verdict[0], MC_INCOMPATIBLE);
	assert_int_equal(p.verdict, MC_INCOMPATIBLE);
	mc_judgement_free(&p.notes);
}

static void test_preference_tie_break(void **state)
{
	/* Two identical candidates: the preferred one (listed second) wins. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_b, 0, MC_IDENTICAL, 2),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 1, &p);
	assert_int_equal(p.cand[0], 1);
	assert_int_equal(p.verdict, MC_IDENTICAL);
	mc_judgement_free(&p.notes);
}

static void test_preference_tie_break_first(void **state)
{
	/* The same, listed the other way round. */
	struct mc_cand c[] = {
		cand(&dev_b, 0, MC_IDENTICAL, 2),
		cand(&dev_a, 0, MC_IDENTICAL, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 1, &p);
	assert_int_equal(p.cand[0], 0);
	mc_judgement_free(&p.notes);
}

/* ---- bundles ---- */

static void test_bundle_shared_device_with_alternative(void **state)
{
	/* Both records fit the one existing mdev A; a creatable type (one
	 * instance) takes either of them. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_a, 1, MC_IDENTICAL, 1),
		cand(&type1, 0, MC_ACTIONABLE, 0),
		cand(&type1, 1, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 4, 2, &p);
	assert_true(p.cand[0] >= 0);
	assert_true(p.cand[1] >= 0);
	assert_ptr_not_equal(c[p.cand[0]].dev, c[p.cand[1]].dev);
	/* One on A (identical), the other on the type (actionable). */
	assert_int_equal(p.record_verdict[0] + p.record_verdict[1],
			 MC_IDENTICAL + MC_ACTIONABLE);
	assert_int_equal(p.verdict, MC_ACTIONABLE);   /* the weakest */
	assert_int_equal(p.notes.nreasons, 0);
	check_consistent(c, 4, 2, &p);
	mc_judgement_free(&p.notes);
}

static void test_bundle_alternative_for_one_only(void **state)
{
	/* Only record 1 has an alternative: record 0 must get A. */
	struct mc_cand c[] = {
		cand(&dev_a, 1, MC_IDENTICAL, 1),
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&type1, 1, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 3, 2, &p);
	assert_int_equal(p.cand[0], 1);
	assert_int_equal(p.cand[1], 2);
	assert_int_equal(p.record_verdict[0], MC_IDENTICAL);
	assert_int_equal(p.record_verdict[1], MC_ACTIONABLE);
	assert_int_equal(p.verdict, MC_ACTIONABLE);
	assert_int_equal(p.notes.nreasons, 0);
	mc_judgement_free(&p.notes);
}

static void test_augmenting_path(void **state)
{
	/* Greedy would put record 0 on A and leave record 1 without one. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_b, 0, MC_IDENTICAL, 1),
		cand(&dev_a, 1, MC_IDENTICAL, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 3, 2, &p);
	assert_int_equal(p.cand[0], 1);   /* r0 -> B */
	assert_int_equal(p.cand[1], 2);   /* r1 -> A */
	assert_int_equal(p.verdict, MC_IDENTICAL);
	assert_int_equal(p.notes.nreasons, 0);
	mc_judgement_free(&p.notes);
}

static void test_augmenting_path_long(void **state)
{
	/* A chain of three moves: r0 {A,B}, r1 {B,C}, r2 {C,D}, r3 {A} (all
	 * identical, best first as listed). */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_b, 0, MC_IDENTICAL, 1),
		cand(&dev_b, 1, MC_IDENTICAL, 1),
		cand(&dev_c, 1, MC_IDENTICAL, 1),
		cand(&dev_c, 2, MC_IDENTICAL, 1),
		cand(&vf_d, 2, MC_IDENTICAL, 1),
		cand(&dev_a, 3, MC_IDENTICAL, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 7, 4, &p);
	assert_int_equal(p.cand[0], 1);
	assert_int_equal(p.cand[1], 3);
	assert_int_equal(p.cand[2], 5);
	assert_int_equal(p.cand[3], 6);
	assert_int_equal(p.verdict, MC_IDENTICAL);
	check_consistent(c, 7, 4, &p);
	mc_judgement_free(&p.notes);
}

static void test_capacity_two(void **state)
{
	struct mc_cand c[] = {
		cand(&type2, 0, MC_ACTIONABLE, 0),
		cand(&type2, 1, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], 1);
	assert_int_equal(p.verdict, MC_ACTIONABLE);
	assert_int_equal(p.notes.nreasons, 0);
	mc_judgement_free(&p.notes);
}

static void test_capacity_two_not_three(void **state)
{
	struct mc_cand c[] = {
		cand(&type2, 0, MC_ACTIONABLE, 0),
		cand(&type2, 1, MC_ACTIONABLE, 0),
		cand(&type2, 2, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;
	size_t placed = 0;

	(void)state;
	mc_place(c, 3, 3, &p);
	for (size_t r = 0; r < 3; r++)
		placed += p.cand[r] >= 0;
	assert_int_equal(placed, 2);
	assert_int_equal(p.verdict, MC_INCOMPATIBLE);
	check_consistent(c, 3, 3, &p);
	mc_judgement_free(&p.notes);
}

static void test_capacity_one(void **state)
{
	struct mc_cand c[] = {
		cand(&type1, 0, MC_ACTIONABLE, 0),
		cand(&type1, 1, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;
	const struct mc_reason *r;

	(void)state;
	mc_place(c, 2, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], -1);
	assert_int_equal(p.record_verdict[1], MC_INCOMPATIBLE);
	assert_int_equal(p.verdict, MC_INCOMPATIBLE);
	assert_int_equal(p.notes.nreasons, 1);
	r = note_for(&p, 1);
	assert_non_null(r);
	assert_int_equal(r->category, MC_CAT_CAPACITY);
	assert_int_equal(r->verdict, MC_INCOMPATIBLE);
	mc_judgement_free(&p.notes);
}

static void test_capacity_over_two_creatable_types(void **state)
{
	/* Two records, two creatable types with one instance each. */
	struct mc_dev other = type1;
	struct mc_cand c[] = {
		cand(&type1, 0, MC_ACTIONABLE, 0),
		cand(&type1, 1, MC_ACTIONABLE, 0),
		cand(&other, 1, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 3, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], 2);
	assert_int_equal(p.verdict, MC_ACTIONABLE);
	mc_judgement_free(&p.notes);
}

static void test_unplaced_taken(void **state)
{
	/* Record 1's only candidate is taken by record 0, which has no other. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_a, 1, MC_COMPATIBLE, 1),
		cand(&dev_b, 1, MC_INCOMPATIBLE, 1),
	};
	struct mc_placement p;
	const struct mc_reason *r;

	(void)state;
	mc_place(c, 3, 2, &p);
	assert_true((p.cand[0] == 0 && p.cand[1] == -1) || (p.cand[0] == -1 && p.cand[1] == 1));
	assert_int_equal(p.verdict, MC_INCOMPATIBLE);
	assert_int_equal(p.notes.nreasons, 1);
	r = note_for(&p, p.cand[0] < 0 ? 0 : 1);
	assert_non_null(r);
	assert_string_equal(r->field, "record");
	assert_int_equal(r->category, MC_CAT_CAPACITY);
	assert_int_equal(r->verdict, MC_INCOMPATIBLE);
	mc_judgement_free(&p.notes);
}

static void test_unplaced_no_candidate_in_bundle(void **state)
{
	/* Record 1 has no candidate at all: a reason names it. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
	};
	struct mc_placement p;
	const struct mc_reason *r;

	(void)state;
	mc_place(c, 1, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], -1);
	assert_int_equal(p.record_verdict[0], MC_IDENTICAL);
	assert_int_equal(p.record_verdict[1], MC_INCOMPATIBLE);
	assert_int_equal(p.verdict, MC_INCOMPATIBLE);
	assert_int_equal(p.notes.nreasons, 1);
	r = note_for(&p, 1);
	assert_non_null(r);
	assert_int_equal(r->category, MC_CAT_OTHER);
	mc_judgement_free(&p.notes);
}

static void test_unplaced_unknown_in_bundle(void **state)
{
	/* Record 0 placed, record 1 only unknown: overall unknown. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_b, 1, MC_UNKNOWN, 1),
		cand(&dev_c, 1, MC_INCOMPATIBLE, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 3, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], -1);
	assert_int_equal(p.record_verdict[1], MC_UNKNOWN);
	assert_int_equal(p.verdict, MC_UNKNOWN);
	assert_non_null(note_for(&p, 1));
	mc_judgement_free(&p.notes);
}

static void test_unplaced_unsupported_in_bundle(void **state)
{
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&vf_d, 1, MC_UNSUPPORTED, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], -1);
	assert_int_equal(p.record_verdict[1], MC_UNSUPPORTED);
	assert_int_equal(p.verdict, MC_UNSUPPORTED);
	mc_judgement_free(&p.notes);
}

static void test_bundle_weakest(void **state)
{
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_b, 1, MC_COMPATIBLE, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 2, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], 1);
	assert_int_equal(p.verdict, MC_COMPATIBLE);
	mc_judgement_free(&p.notes);
}

static void test_threshold_identical_only(void **state)
{
	/* r0: A identical, B actionable; r1: A identical, C identical.  The
	 * best-first augmentation over every edge moves r0 to B so that r1
	 * takes A; the identical-only matching r0->A, r1->C exists and must
	 * be chosen. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_a, 1, MC_IDENTICAL, 1),
		cand(&dev_c, 1, MC_IDENTICAL, 1),
		cand(&type1, 0, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 4, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], 2);
	assert_int_equal(p.record_verdict[0], MC_IDENTICAL);
	assert_int_equal(p.record_verdict[1], MC_IDENTICAL);
	assert_int_equal(p.verdict, MC_IDENTICAL);
	mc_judgement_free(&p.notes);
}

static void test_threshold_compatible(void **state)
{
	/* r0: A identical, B actionable; r1: A compatible, C compatible: the
	 * weakest placement is compatible (r0->A, r1->C), not actionable. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&dev_a, 1, MC_COMPATIBLE, 1),
		cand(&dev_c, 1, MC_COMPATIBLE, 1),
		cand(&type1, 0, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 4, 2, &p);
	assert_int_equal(p.cand[0], 0);
	assert_int_equal(p.cand[1], 2);
	assert_int_equal(p.verdict, MC_COMPATIBLE);
	mc_judgement_free(&p.notes);
}

static void test_cardinality_beats_verdict(void **state)
{
	/* Placing both records needs the actionable edge: more records placed
	 * wins over a better verdict for one. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_IDENTICAL, 1),
		cand(&type1, 0, MC_ACTIONABLE, 0),
		cand(&dev_a, 1, MC_COMPATIBLE, 1),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 3, 2, &p);
	assert_int_equal(p.cand[0], 1);
	assert_int_equal(p.cand[1], 2);
	assert_int_equal(p.verdict, MC_ACTIONABLE);
	assert_int_equal(p.notes.nreasons, 0);
	mc_judgement_free(&p.notes);
}

static void test_better_verdict_below_threshold(void **state)
{
	/* Record 1 can only be created (actionable), so the weakest placement
	 * is actionable either way; record 0 still gets its identical
	 * candidate rather than the compatible one listed first. */
	struct mc_cand c[] = {
		cand(&dev_a, 0, MC_COMPATIBLE, 1),
		cand(&dev_b, 0, MC_IDENTICAL, 1),
		cand(&type1, 1, MC_ACTIONABLE, 0),
	};
	struct mc_placement p;

	(void)state;
	mc_place(c, 3, 2, &p);
	assert_int_equal(p.cand[0], 1);
	assert_int_equal(p.cand[1], 2);
	assert_int_equal(p.record_verdict[0], MC_IDENTICAL);
	assert_int_equal(p.record_verdict[1], MC_ACTIONABLE);
	assert_int_equal(p.verdict, MC_ACTIONABLE);
	mc_judgement_free(&p.notes);
}

/* ---- smoke ---- */

static void test_smoke_8_records(void **state)
{
	/* 8 mdevs, a creatable type with 8 instances, a VF.  Record r is
	 * identical on mdev (r+1)%8 and (r+3)%8 only, compatible on the others
	 * with an even index, incompatible on the rest, actionable on the
	 * type, unsupported on the VF.  A perfect identical matching exists
	 * (r -> (r+1)%8). */
	static struct mc_dev mdevs[8];
	struct mc_dev t8 = { .kind = MC_KIND_PARENT, .name = "0000:00:02.0",
			     .type = type_v5_4, .available = 8 };
	struct mc_cand c[8 * 10];
	struct mc_placement p;
	size_t n = 0;

	(void)state;
	for (size_t d = 0; d < 8; d++) {
		mdevs[d].kind = MC_KIND_MDEV;
		mdevs[d].type = type_v5_4;
		mdevs[d].available = -1;
		snprintf(mdevs[d].name, sizeof(mdevs[d].name),
			 "0000000%zu-0000-0000-0000-000000000000", d);
	}
	for (size_t r = 0; r < 8; r++) {
		c[n++] = cand(&t8, r, MC_ACTIONABLE, 0);
		c[n++] = cand(&vf_d, r, MC_UNSUPPORTED, 0);
		for (size_t d = 0; d < 8; d++) {
			enum mc_verdict v = d == (r + 1) % 8 || d == (r + 3) % 8 ? MC_IDENTICAL
					    : d % 2 == 0 ? MC_COMPATIBLE : MC_INCOMPATIBLE;

			c[n++] = cand(&mdevs[d], r, v, 1);
		}
	}
	mc_place(c, n, 8, &p);
	check_consistent(c, n, 8, &p);
	for (size_t r = 0; r < 8; r++) {
		assert_true(p.cand[r] >= 0);
		assert_int_equal(p.record_verdict[r], MC_IDENTICAL);
		for (size_t o = r + 1; o < 8; o++)
			assert_ptr_not_equal(c[p.cand[r]].dev, c[p.cand[o]].dev);
	}
	assert_int_equal(p.verdict, MC_IDENTICAL);
	assert_int_equal(p.notes.nreasons, 0);
	mc_judgement_free(&p.notes);
}

static void test_smoke_8_records_needs_type(void **state)
{
	/* 8 records, 7 mdevs every record fits, a creatable type with 1
	 * instance: all placed, exactly one created, overall actionable. */
	static struct mc_dev mdevs[7];
	struct mc_cand c[8 * 8];
	struct mc_placement p;
	size_t n = 0, on_type = 0;

	(void)state;
	for (size_t d = 0; d < 7; d++) {
		mdevs[d].kind = MC_KIND_MDEV;
		mdevs[d].type = type_v5_4;
		mdevs[d].available = -1;
		snprintf(mdevs[d].name, sizeof(mdevs[d].name),
			 "1000000%zu-0000-0000-0000-000000000000", d);
	}
	for (size_t r = 0; r < 8; r++) {
		for (size_t d = 0; d < 7; d++)
			c[n++] = cand(&mdevs[d], r, d == r ? MC_IDENTICAL : MC_COMPATIBLE,
				      d == r ? 2 : 1);
		c[n++] = cand(&type1, r, MC_ACTIONABLE, 0);
	}
	mc_place(c, n, 8, &p);
	check_consistent(c, n, 8, &p);
	for (size_t r = 0; r < 8; r++) {
		assert_true(p.cand[r] >= 0);
		on_type += c[p.cand[r]].dev == &type1;
	}
	assert_int_equal(on_type, 1);
	assert_int_equal(p.verdict, MC_ACTIONABLE);
	assert_int_equal(p.notes.nreasons, 0);
	mc_judgement_free(&p.notes);
}

static void test_smoke_8_records_one_short(void **state)
{
	/* 8 records, 7 mdevs, no type: one record unplaced, for capacity. */
	static struct mc_dev mdevs[7];
	struct mc_cand c[8 * 7];
	struct mc_placement p;
	size_t n = 0, placed = 0;

	(void)state;
	for (size_t d = 0; d < 7; d++) {
		mdevs[d].kind = MC_KIND_MDEV;
		mdevs[d].type = type_v5_4;
		mdevs[d].available = -1;
		snprintf(mdevs[d].name, sizeof(mdevs[d].name),
			 "2000000%zu-0000-0000-0000-000000000000", d);
	}
	for (size_t r = 0; r < 8; r++)
		for (size_t d = 0; d < 7; d++)
			c[n++] = cand(&mdevs[d], r, MC_COMPATIBLE, 1);
	mc_place(c, n, 8, &p);
	check_consistent(c, n, 8, &p);
	for (size_t r = 0; r < 8; r++)
		placed += p.cand[r] >= 0;
	assert_int_equal(placed, 7);
	assert_int_equal(p.verdict, MC_INCOMPATIBLE);
	assert_int_equal(p.notes.nreasons, 1);
	assert_int_equal(p.notes.reasons[0].category, MC_CAT_CAPACITY);
	mc_judgement_free(&p.notes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_single_best_usable),
		cmocka_unit_test(test_single_identical_beats_preference),
		cmocka_unit_test(test_single_actionable_only),
		cmocka_unit_test(test_no_candidates),
		cmocka_unit_test(test_unknown_and_incompatible),
		cmocka_unit_test(test_unknown_and_unsupported),
		cmocka_unit_test(test_only_incompatible),
		cmocka_unit_test(test_only_unsupported),
		cmocka_unit_test(test_incompatible_and_unsupported),
		cmocka_unit_test(test_preference_tie_break),
		cmocka_unit_test(test_preference_tie_break_first),
		cmocka_unit_test(test_bundle_shared_device_with_alternative),
		cmocka_unit_test(test_bundle_alternative_for_one_only),
		cmocka_unit_test(test_augmenting_path),
		cmocka_unit_test(test_augmenting_path_long),
		cmocka_unit_test(test_capacity_two),
		cmocka_unit_test(test_capacity_two_not_three),
		cmocka_unit_test(test_capacity_one),
		cmocka_unit_test(test_capacity_over_two_creatable_types),
		cmocka_unit_test(test_unplaced_taken),
		cmocka_unit_test(test_unplaced_no_candidate_in_bundle),
		cmocka_unit_test(test_unplaced_unknown_in_bundle),
		cmocka_unit_test(test_unplaced_unsupported_in_bundle),
		cmocka_unit_test(test_bundle_weakest),
		cmocka_unit_test(test_threshold_identical_only),
		cmocka_unit_test(test_threshold_compatible),
		cmocka_unit_test(test_cardinality_beats_verdict),
		cmocka_unit_test(test_better_verdict_below_threshold),
		cmocka_unit_test(test_smoke_8_records),
		cmocka_unit_test(test_smoke_8_records_needs_type),
		cmocka_unit_test(test_smoke_8_records_one_short),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
