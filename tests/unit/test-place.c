/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for placing a token's records on distinct candidates and the
 * overall verdict (mig-check(1) VERDICTS/Bundles). */
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
#include "util.h"
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

/* ---- cases as data ---- */

#define C(d, r, v, pref) \
	{ .dev = &(d), .record = (r), .j = { .verdict = (v), .preference = (pref) } }
#define UNPLACED (-1L)

/* One placement and everything it must give: where each record goes, its
 * verdict, the overall verdict, and the notes (bit r of @noted: record r
 * has one, in category @note_cat[r]). */
struct place_case {
	const char *name;
	size_t nrecords;
	struct mc_cand c[8];          /* up to the first without a device */
	long at[MC_MAX_RECORDS];
	enum mc_verdict record_verdict[MC_MAX_RECORDS];
	enum mc_verdict verdict;
	unsigned noted;
	enum mc_category note_cat[MC_MAX_RECORDS];
};

static struct mc_dev type1_other = { .kind = MC_KIND_PARENT, .name = "0000:00:02.0",
				     .type = type_v5_4, .available = 1 };

static const struct place_case cases[] = {
	/* ---- one record ---- */
	/* The best usable verdict wins. */
	{
		.name = "test_single_best_usable",
		.nrecords = 1,
		.c = {
			C(dev_a, 0, MC_INCOMPATIBLE, 1), C(type1, 0, MC_ACTIONABLE, 0),
			C(dev_b, 0, MC_COMPATIBLE, 1), C(dev_c, 0, MC_UNKNOWN, 1),
			C(vf_d, 0, MC_UNSUPPORTED, 0),
		},
		.at = { 2 }, .record_verdict = { MC_COMPATIBLE },
		.verdict = MC_COMPATIBLE,
	},
	/* A better verdict wins over a higher preference. */
	{
		.name = "test_single_identical_beats_preference",
		.nrecords = 1,
		.c = {
			C(dev_a, 0, MC_COMPATIBLE, 2), C(dev_b, 0, MC_IDENTICAL, 1),
			C(type1, 0, MC_ACTIONABLE, 9),
		},
		.at = { 1 }, .record_verdict = { MC_IDENTICAL },
		.verdict = MC_IDENTICAL,
	},
	{
		.name = "test_single_actionable_only",
		.nrecords = 1,
		.c = {
			C(dev_a, 0, MC_INCOMPATIBLE, 1), C(type1, 0, MC_ACTIONABLE, 0),
		},
		.at = { 1 }, .record_verdict = { MC_ACTIONABLE },
		.verdict = MC_ACTIONABLE,
	},
	{
		.name = "test_no_candidates",
		.nrecords = 1,
		.at = { UNPLACED }, .record_verdict = { MC_INCOMPATIBLE },
		.verdict = MC_INCOMPATIBLE,
		.noted = 1u << 0, .note_cat = { [0] = MC_CAT_OTHER },
	},
	/* Unknown is worse news than incompatible. */
	{
		.name = "test_unknown_and_incompatible",
		.nrecords = 1,
		.c = {
			C(dev_a, 0, MC_INCOMPATIBLE, 1), C(dev_b, 0, MC_UNKNOWN, 1),
			C(dev_c, 0, MC_INCOMPATIBLE, 1),
		},
		.at = { UNPLACED }, .record_verdict = { MC_UNKNOWN },
		.verdict = MC_UNKNOWN,
	},
	{
		.name = "test_unknown_and_unsupported",
		.nrecords = 1,
		.c = {
			C(vf_d, 0, MC_UNSUPPORTED, 0), C(dev_b, 0, MC_UNKNOWN, 1),
		},
		.at = { UNPLACED }, .record_verdict = { MC_UNKNOWN },
		.verdict = MC_UNKNOWN,
	},
	{
		.name = "test_only_incompatible",
		.nrecords = 1,
		.c = {
			C(dev_a, 0, MC_INCOMPATIBLE, 1), C(dev_b, 0, MC_INCOMPATIBLE, 2),
		},
		.at = { UNPLACED }, .record_verdict = { MC_INCOMPATIBLE },
		.verdict = MC_INCOMPATIBLE,
	},
	{
		.name = "test_only_unsupported",
		.nrecords = 1,
		.c = {
			C(vf_d, 0, MC_UNSUPPORTED, 0), C(dev_a, 0, MC_UNSUPPORTED, 0),
		},
		.at = { UNPLACED }, .record_verdict = { MC_UNSUPPORTED },
		.verdict = MC_UNSUPPORTED,
	},
	{
		.name = "test_incompatible_and_unsupported",
		.nrecords = 1,
		.c = {
			C(vf_d, 0, MC_UNSUPPORTED, 0), C(dev_a, 0, MC_INCOMPATIBLE, 1),
		},
		.at = { UNPLACED }, .record_verdict = { MC_INCOMPATIBLE },
		.verdict = MC_INCOMPATIBLE,
	},
	/* Between equal verdicts the preferred one wins, listed second. */
	{
		.name = "test_preference_tie_break",
		.nrecords = 1,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(dev_b, 0, MC_IDENTICAL, 2),
		},
		.at = { 1 }, .record_verdict = { MC_IDENTICAL },
		.verdict = MC_IDENTICAL,
	},
	/* The same, listed first. */
	{
		.name = "test_preference_tie_break_first",
		.nrecords = 1,
		.c = {
			C(dev_b, 0, MC_IDENTICAL, 2), C(dev_a, 0, MC_IDENTICAL, 1),
		},
		.at = { 0 }, .record_verdict = { MC_IDENTICAL },
		.verdict = MC_IDENTICAL,
	},

	/* ---- bundles ---- */
	/* Only record 1 has an alternative: record 0 must get A. */
	{
		.name = "test_bundle_alternative_for_one_only",
		.nrecords = 2,
		.c = {
			C(dev_a, 1, MC_IDENTICAL, 1), C(dev_a, 0, MC_IDENTICAL, 1),
			C(type1, 1, MC_ACTIONABLE, 0),
		},
		.at = { 1, 2 }, .record_verdict = { MC_IDENTICAL, MC_ACTIONABLE },
		.verdict = MC_ACTIONABLE,
	},
	/* Greedy would put record 0 on A and leave record 1 without one. */
	{
		.name = "test_augmenting_path",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(dev_b, 0, MC_IDENTICAL, 1),
			C(dev_a, 1, MC_IDENTICAL, 1),
		},
		.at = { 1, 2 }, .record_verdict = { MC_IDENTICAL, MC_IDENTICAL },
		.verdict = MC_IDENTICAL,
	},
	/* A chain of three moves: r0 {A,B}, r1 {B,C}, r2 {C,D}, r3 {A}. */
	{
		.name = "test_augmenting_path_long",
		.nrecords = 4,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(dev_b, 0, MC_IDENTICAL, 1),
			C(dev_b, 1, MC_IDENTICAL, 1), C(dev_c, 1, MC_IDENTICAL, 1),
			C(dev_c, 2, MC_IDENTICAL, 1), C(vf_d, 2, MC_IDENTICAL, 1),
			C(dev_a, 3, MC_IDENTICAL, 1),
		},
		.at = { 1, 3, 5, 6 },
		.record_verdict = { MC_IDENTICAL, MC_IDENTICAL, MC_IDENTICAL, MC_IDENTICAL },
		.verdict = MC_IDENTICAL,
	},
	/* A type with two instances takes two records. */
	{
		.name = "test_capacity_two",
		.nrecords = 2,
		.c = {
			C(type2, 0, MC_ACTIONABLE, 0), C(type2, 1, MC_ACTIONABLE, 0),
		},
		.at = { 0, 1 }, .record_verdict = { MC_ACTIONABLE, MC_ACTIONABLE },
		.verdict = MC_ACTIONABLE,
	},
	/* A type with one instance takes one record. */
	{
		.name = "test_capacity_one",
		.nrecords = 2,
		.c = {
			C(type1, 0, MC_ACTIONABLE, 0), C(type1, 1, MC_ACTIONABLE, 0),
		},
		.at = { 0, UNPLACED }, .record_verdict = { MC_ACTIONABLE, MC_INCOMPATIBLE },
		.verdict = MC_INCOMPATIBLE,
		.noted = 1u << 1, .note_cat = { [1] = MC_CAT_CAPACITY },
	},
	/* Two types with one instance each. */
	{
		.name = "test_capacity_over_two_creatable_types",
		.nrecords = 2,
		.c = {
			C(type1, 0, MC_ACTIONABLE, 0), C(type1, 1, MC_ACTIONABLE, 0),
			C(type1_other, 1, MC_ACTIONABLE, 0),
		},
		.at = { 0, 2 }, .record_verdict = { MC_ACTIONABLE, MC_ACTIONABLE },
		.verdict = MC_ACTIONABLE,
	},
	/* Record 1 has no candidate at all. */
	{
		.name = "test_unplaced_no_candidate_in_bundle",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1),
		},
		.at = { 0, UNPLACED }, .record_verdict = { MC_IDENTICAL, MC_INCOMPATIBLE },
		.verdict = MC_INCOMPATIBLE,
		.noted = 1u << 1, .note_cat = { [1] = MC_CAT_OTHER },
	},
	/* Record 1 only unknown: overall unknown. */
	{
		.name = "test_unplaced_unknown_in_bundle",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(dev_b, 1, MC_UNKNOWN, 1),
			C(dev_c, 1, MC_INCOMPATIBLE, 1),
		},
		.at = { 0, UNPLACED }, .record_verdict = { MC_IDENTICAL, MC_UNKNOWN },
		.verdict = MC_UNKNOWN,
		.noted = 1u << 1, .note_cat = { [1] = MC_CAT_OTHER },
	},
	{
		.name = "test_unplaced_unsupported_in_bundle",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(vf_d, 1, MC_UNSUPPORTED, 0),
		},
		.at = { 0, UNPLACED }, .record_verdict = { MC_IDENTICAL, MC_UNSUPPORTED },
		.verdict = MC_UNSUPPORTED,
		.noted = 1u << 1, .note_cat = { [1] = MC_CAT_OTHER },
	},
	/* A bundle is as good as its weakest placement. */
	{
		.name = "test_bundle_weakest",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(dev_b, 1, MC_COMPATIBLE, 1),
		},
		.at = { 0, 1 }, .record_verdict = { MC_IDENTICAL, MC_COMPATIBLE },
		.verdict = MC_COMPATIBLE,
	},
	/* Best-first augmentation would move r0 to the type so that r1 takes A;
	 * the identical-only matching r0->A, r1->C exists and wins. */
	{
		.name = "test_threshold_identical_only",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(dev_a, 1, MC_IDENTICAL, 1),
			C(dev_c, 1, MC_IDENTICAL, 1), C(type1, 0, MC_ACTIONABLE, 0),
		},
		.at = { 0, 2 }, .record_verdict = { MC_IDENTICAL, MC_IDENTICAL },
		.verdict = MC_IDENTICAL,
	},
	/* The weakest placement is compatible, not actionable. */
	{
		.name = "test_threshold_compatible",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(dev_a, 1, MC_COMPATIBLE, 1),
			C(dev_c, 1, MC_COMPATIBLE, 1), C(type1, 0, MC_ACTIONABLE, 0),
		},
		.at = { 0, 2 }, .record_verdict = { MC_IDENTICAL, MC_COMPATIBLE },
		.verdict = MC_COMPATIBLE,
	},
	/* More records placed wins over a better verdict for one. */
	{
		.name = "test_cardinality_beats_verdict",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_IDENTICAL, 1), C(type1, 0, MC_ACTIONABLE, 0),
			C(dev_a, 1, MC_COMPATIBLE, 1),
		},
		.at = { 1, 2 }, .record_verdict = { MC_ACTIONABLE, MC_COMPATIBLE },
		.verdict = MC_ACTIONABLE,
	},
	/* Actionable either way, yet record 0 gets its identical candidate. */
	{
		.name = "test_better_verdict_below_threshold",
		.nrecords = 2,
		.c = {
			C(dev_a, 0, MC_COMPATIBLE, 1), C(dev_b, 0, MC_IDENTICAL, 1),
			C(type1, 1, MC_ACTIONABLE, 0),
		},
		.at = { 1, 2 }, .record_verdict = { MC_IDENTICAL, MC_ACTIONABLE },
		.verdict = MC_ACTIONABLE,
	},
};

static void run_case(void **state)
{
	const struct place_case *t = *state;
	struct mc_placement p;
	size_t n = 0;

	while (n < ARRAY_SIZE(t->c) && t->c[n].dev)
		n++;
	mc_place(n ? t->c : NULL, n, t->nrecords, &p);
	check_consistent(t->c, n, t->nrecords, &p);
	for (size_t r = 0; r < t->nrecords; r++) {
		const struct mc_reason *note = note_for(&p, r);

		assert_int_equal(p.cand[r], t->at[r]);
		assert_int_equal(p.record_verdict[r], t->record_verdict[r]);
		if (t->noted & 1u << r) {
			assert_non_null(note);
			assert_string_equal(note->field, "record");
			assert_int_equal(note->category, t->note_cat[r]);
		} else {
			assert_null(note);
		}
	}
	assert_int_equal(p.verdict, t->verdict);
	assert_int_equal(p.notes.nreasons, __builtin_popcount(t->noted));   /* no other notes */
	mc_judgement_free(&p.notes);
}

/* ---- cases with more than one right answer, and larger ones ---- */

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
	static const struct CMUnitTest others[] = {
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_bundle_shared_device_with_alternative),
		cmocka_unit_test(test_capacity_two_not_three),
		cmocka_unit_test(test_unplaced_taken),
		cmocka_unit_test(test_smoke_8_records),
		cmocka_unit_test(test_smoke_8_records_needs_type),
		cmocka_unit_test(test_smoke_8_records_one_short),
	};
	struct CMUnitTest tests[ARRAY_SIZE(cases) + ARRAY_SIZE(others)];
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		tests[n++] = (struct CMUnitTest){
			.name = cases[i].name, .test_func = run_case,
			.initial_state = (void *)&cases[i],
		};
	for (size_t i = 0; i < ARRAY_SIZE(others); i++)
		tests[n++] = others[i];
	return _cmocka_run_group_tests("test-place", tests, n, NULL, NULL);
}
