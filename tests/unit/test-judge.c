/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pure judging of what a candidate's use and capacity are (mig-check(1)
 * VERDICTS/Held devices; mig-check-formats(5) VERDICTS/Reasons): a held
 * candidate is incompatible of category capacity and loses its kernel write,
 * an untold or unreadable one is unknown, a free one is left as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "judge.h"

/* The one reason of @j, after it was judged @v with kernel_check @k. */
static const struct mc_reason *one(const struct mc_judgement *j, enum mc_verdict v,
				   enum mc_kcheck k)
{
	assert_int_equal(j->verdict, v);
	assert_int_equal(j->kcheck, k);
	assert_int_equal(j->nreasons, 1);
	return &j->reasons[0];
}

static void test_nobody(void **state)
{
	struct mc_judgement j = { 0 };
	struct mc_use u = { .state = MC_USE_FREE };

	(void)state;
	mc_judge_use(&j, &u, "kver");
	assert_int_equal(j.verdict, MC_IDENTICAL);
	assert_int_equal(j.kcheck, MC_KCHECK_ABSENT);
	assert_int_equal(j.nreasons, 0);
}

static void test_holder(void **state)
{
	struct mc_holder h = { .pid = 4242, .comm = "qemu-system-x86", .guest = "vm42" };
	struct mc_judgement j = { 0 };
	struct mc_use u = { .state = MC_USE_HOLDER, .holder = &h };
	const struct mc_reason *r;

	(void)state;
	/* No write was due (no attribute): still no kernel check on it. */
	mc_judge_use(&j, &u, NULL);
	r = one(&j, MC_INCOMPATIBLE, MC_KCHECK_SKIPPED);
	assert_string_equal(r->field, "device");
	assert_string_equal(r->rule, "in use by PID 4242 (qemu-system-x86, guest vm42)");
	assert_int_equal(r->category, MC_CAT_CAPACITY);
	mc_judgement_free(&j);
}

static void test_enabled(void **state)
{
	struct mc_judgement j = { 0 };
	struct mc_use u = { .state = MC_USE_ENABLED, .enable = 2 };
	const struct mc_reason *r;

	(void)state;
	mc_judge_use(&j, &u, "kver");
	r = one(&j, MC_INCOMPATIBLE, MC_KCHECK_SKIPPED);
	assert_string_equal(r->rule, "in use (enable count 2)");
	assert_null(r->destination);   /* the count is in the text: no "(2)" after it */
	assert_int_equal(r->category, MC_CAT_CAPACITY);
	mc_judgement_free(&j);
}

static void test_untold(void **state)
{
	struct mc_judgement j = { 0 };
	struct mc_use u = { .state = MC_USE_UNTOLD };
	char want[128];

	(void)state;
	mc_judge_use(&j, &u, NULL);
	assert_string_equal(one(&j, MC_UNKNOWN, MC_KCHECK_ABSENT)->rule,
			    "cannot tell whether it is in use; run as root");
	mc_judgement_free(&j);
	memset(&j, 0, sizeof(j));
	u.err = EMFILE;
	mc_judge_use(&j, &u, "kver");
	snprintf(want, sizeof(want), "cannot tell whether it is in use: /proc: %s", strerror(EMFILE));
	assert_string_equal(one(&j, MC_UNKNOWN, MC_KCHECK_SKIPPED)->rule, want);
	mc_judgement_free(&j);
}

static void test_unreadable(void **state)
{
	struct mc_judgement j = { 0 };
	struct mc_use u = { .state = MC_USE_UNREADABLE, .attr = "enable", .err = ENOENT };
	char want[128];

	(void)state;
	mc_judge_use(&j, &u, NULL);
	snprintf(want, sizeof(want), "cannot read enable: %s", strerror(ENOENT));
	assert_string_equal(one(&j, MC_UNKNOWN, MC_KCHECK_ABSENT)->rule, want);
	assert_string_equal(j.reasons[0].field, "enable");
	mc_judgement_free(&j);
	memset(&j, 0, sizeof(j));
	u = (struct mc_use){ .state = MC_USE_UNREADABLE, .attr = "enable", .value = "x1", .err = EINVAL };
	mc_judge_use(&j, &u, NULL);
	assert_string_equal(one(&j, MC_UNKNOWN, MC_KCHECK_ABSENT)->rule,
			    "cannot read enable: not a count: 'x1'");
	mc_judgement_free(&j);
}

/* Capacity and UUID: the worst verdict wins over what the rules said. */
static void test_full_and_uuid(void **state)
{
	struct mc_judgement j = { 0 };

	(void)state;
	mc_judge(&j, MC_ACTIONABLE, MC_CAT_CAPACITY, "type", "a", "a", "to be created");
	mc_judge_full(&j);
	assert_int_equal(j.verdict, MC_INCOMPATIBLE);
	/* Worst first: the capacity reason leads, the creation note follows. */
	assert_string_equal(j.reasons[0].field, "available_instances");
	assert_string_equal(j.reasons[0].rule, "no free instance");
	assert_string_equal(j.reasons[0].destination, "0");
	assert_int_equal(j.reasons[0].category, MC_CAT_CAPACITY);
	assert_string_equal(j.reasons[1].field, "type");
	mc_judge_uuid_taken(&j, "83b8f4f2-509f-382f-3c1e-e6bfe0fa1001");
	assert_string_equal(j.reasons[1].field, "uuid");
	assert_string_equal(j.reasons[1].rule, "an mdev with this UUID already exists");
	assert_int_equal(j.reasons[1].category, MC_CAT_CAPACITY);
	mc_judge_finish(&j);
	assert_null(j.action);
	mc_judgement_free(&j);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nobody),
		cmocka_unit_test(test_holder),
		cmocka_unit_test(test_enabled),
		cmocka_unit_test(test_untold),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_full_and_uuid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
