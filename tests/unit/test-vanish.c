/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A device that vanishes between the scan and the judging (mig-check(1)
 * DESCRIPTION/Devices): the candidate becomes unknown with the errno text,
 * never usable.  The tests build umockdev testbeds from the fixture hosts,
 * scan them with the very code --accept runs, remove a device or a type
 * directory, and judge.
 *
 * The umockdev preload must be active: run outside it, the program re-runs
 * itself with LD_PRELOAD=libumockdev-preload.so.0. */
#define _GNU_SOURCE 1
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <umockdev.h>

#include "accept.h"
#include "device.h"
#include "scan.h"
#include "token.h"
#include "vendor.h"
#include "verdict.h"

#define GVT_TOKEN "mig1:i915-gvt@v=1,dev=8086.591d,type=GVTg_V5_4,low=128,high=512," \
	"fence=4,res=1920x1200,weight=4,agg=1,uuid=83b8f4f2-509f-382f-3c1e-e6bfe0fa1001," \
	"kver=8086-591d-GVTg_V5_4-00000001:c1567aa6"
#define QAT_TOKEN "mig1:qat@v=1,dev=8086.4941,pf=8086.4940,gen=4,svc=asym+sym," \
	"drv=qat_vfio_pci:7cbd0c10"

#define GPU "/sys/devices/pci0000:00/0000:00:02.0"
#define DST_MDEV "0b5f5d3e-7c1a-4d2b-9e8f-6a5b4c3d2e1f"

struct bed {
	UMockdevTestbed *tb;
	struct mc_host host;
	struct mc_token tok;
};

static const char *fixtures(void)
{
	const char *d = getenv("FIXTURES");

	return d && *d ? d : "tests/fixtures";
}

static struct bed *bed_new(const char *fixture, const char *token)
{
	struct bed *b = calloc(1, sizeof(*b));
	GError *error = NULL;
	char *path, why[256];

	assert_non_null(b);
	b->tb = umockdev_testbed_new();
	assert_non_null(b->tb);
	/* (true only once a testbed exists: it looks at /sys through the preload) */
	if (!umockdev_in_mock_environment())
		fail_msg("not running under the umockdev preload");
	path = g_strdup_printf("%s/%s", fixtures(), fixture);
	if (!umockdev_testbed_add_from_file(b->tb, path, &error))
		fail_msg("%s: %s", path, error->message);
	g_free(path);
	if (mc_token_decode(token, &b->tok, why, sizeof(why)))
		fail_msg("token: %s", why);
	mc_host_init(&b->host);
	mc_host_scan(&b->host, MC_SCAN_CANDIDATES);
	return b;
}

static void bed_free(struct bed *b)
{
	mc_host_free(&b->host);
	mc_token_free(&b->tok);
	g_object_unref(b->tb);
	free(b);
}

/* The candidate @name (with @type for a creatable type) of the scan. */
static const struct mc_dev *cand(const struct bed *b, const char *name, const char *type)
{
	for (size_t i = 0; i < b->host.ndevs; i++) {
		const struct mc_dev *d = b->host.devs[i];

		if (!strcmp(d->name, name) && (type ? d->type && !strcmp(d->type, type) &&
					       d->kind == MC_KIND_PARENT : d->kind != MC_KIND_PARENT))
			return d;
	}
	fail_msg("no candidate %s %s", name, type ? type : "");
	return NULL;
}

/* Judge @d for the token's first record, as --accept does. */
static enum mc_verdict judge(const struct bed *b, const struct mc_dev *d, struct mc_judgement *j)
{
	const struct mc_vendor *m = mc_vendor_find(b->tok.records[0].module);

	assert_non_null(m);
	assert_ptr_equal(d->module, m);
	memset(j, 0, sizeof(*j));
	mc_accept_judge(&b->tok.records[0], m, d, MC_KWRITE, j);
	return j->verdict;
}

/* Judged unknown, with a reason that gives the errno text of a vanished
 * file; never usable. */
static void assert_unknown_vanished(const struct bed *b, const struct mc_dev *d)
{
	struct mc_judgement j;
	bool errno_text = false;

	judge(b, d, &j);
	assert_false(mc_verdict_usable(j.verdict));
	assert_int_equal(j.verdict, MC_UNKNOWN);
	for (size_t i = 0; i < j.nreasons; i++) {
		const char *rule = j.reasons[i].rule;

		if (strstr(rule, strerror(ENOENT)) || strstr(rule, strerror(ENODEV)))
			errno_text = true;
	}
	if (!errno_text)
		fail_msg("%s: no reason gives the errno text (first: %s)", d->name,
			 j.nreasons ? j.reasons[0].rule : "none");
	mc_judgement_free(&j);
}

static void assert_usable(const struct bed *b, const struct mc_dev *d)
{
	struct mc_judgement j;

	if (!mc_verdict_usable(judge(b, d, &j)))
		fail_msg("%s: %s before anything vanished (%s)", d->name,
			 mc_verdict_name(j.verdict), j.nreasons ? j.reasons[0].rule : "");
	mc_judgement_free(&j);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove a directory that is no device of its own (a type directory). */
static void remove_tree(const struct bed *b, const char *sys_path)
{
	char *root = umockdev_testbed_get_root_dir(b->tb);
	char *path = g_strdup_printf("%s%s", root, sys_path);

	/* The real path in the testbed, so nftw() is right here. */
	assert_int_equal(nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	g_free(path);
	g_free(root);
}

/* ---- GVT-g ---- */

/* A creatable type's directory goes (its last instance was taken and the
 * driver dropped it, or the GPU was unbound) after the scan listed it. */
static void test_type_dir_vanishes(void **state)
{
	struct bed *b = bed_new("gvt-dst-free.umockdev", GVT_TOKEN);
	const struct mc_dev *d = cand(b, "0000:00:02.0", "i915-GVTg_V5_4");

	(void)state;
	remove_tree(b, GPU "/mdev_supported_types/i915-GVTg_V5_4");
	/* Attributes not read yet are gone, and say so. */
	assert_null(mc_type_attr(d, "description"));
	assert_int_equal(errno, ENOENT);
	assert_unknown_vanished(b, d);
	/* The scan's other types are still judged on their merits. */
	{
		struct mc_judgement j;

		assert_int_equal(judge(b, cand(b, "0000:00:02.0", "i915-GVTg_V5_8"), &j),
				 MC_INCOMPATIBLE);
		mc_judgement_free(&j);
	}
	bed_free(b);
}

/* The GPU goes: every type it offered is unknown. */
static void test_parent_vanishes(void **state)
{
	struct bed *b = bed_new("gvt-dst-free.umockdev", GVT_TOKEN);
	static const char *const types[] = {
		"i915-GVTg_V5_1", "i915-GVTg_V5_2", "i915-GVTg_V5_4", "i915-GVTg_V5_8",
	};

	(void)state;
	umockdev_testbed_remove_device(b->tb, GPU);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		assert_unknown_vanished(b, cand(b, "0000:00:02.0", types[i]));
	bed_free(b);
}

/* An existing mdev judged once (so libudev holds its values), then removed:
 * the values it cached, and the type directory that is still there, must
 * not make it pass again. */
static void test_mdev_vanishes_after_judging(void **state)
{
	struct bed *b = bed_new("gvt-dst-identical.umockdev", GVT_TOKEN);
	const struct mc_dev *d = cand(b, DST_MDEV, NULL);

	(void)state;
	assert_usable(b, d);
	umockdev_testbed_remove_device(b->tb, GPU "/" DST_MDEV);
	assert_unknown_vanished(b, d);
	bed_free(b);
}

static void test_mdev_vanishes_before_judging(void **state)
{
	struct bed *b = bed_new("gvt-dst-identical.umockdev", GVT_TOKEN);
	const struct mc_dev *d = cand(b, DST_MDEV, NULL);

	(void)state;
	umockdev_testbed_remove_device(b->tb, GPU "/" DST_MDEV);
	assert_unknown_vanished(b, d);
	bed_free(b);
}

/* ---- QAT ---- */

/* The rules read the PF, not the VF: a vanished VF must still not pass. */
static void test_vf_vanishes(void **state)
{
	struct bed *b = bed_new("qat-dst-same.umockdev", QAT_TOKEN);
	const struct mc_dev *d = cand(b, "0000:6b:00.1", NULL);

	(void)state;
	assert_usable(b, d);
	umockdev_testbed_remove_device(b->tb, "/sys/devices/pci0000:6b/0000:6b:00.1");
	assert_null(mc_dev_attr(d, "modalias"));   /* never read before */
	assert_unknown_vanished(b, d);
	bed_free(b);
}

static void test_pf_vanishes(void **state)
{
	struct bed *b = bed_new("qat-dst-same.umockdev", QAT_TOKEN);
	const struct mc_dev *d = cand(b, "0000:6b:00.1", NULL);

	(void)state;
	umockdev_testbed_remove_device(b->tb, "/sys/devices/pci0000:6b/0000:6b:00.0");
	assert_unknown_vanished(b, d);
	bed_free(b);
}

/* What stays is judged as before: the check costs no false alarm. */
static void test_nothing_vanishes(void **state)
{
	struct bed *b = bed_new("qat-dst-same.umockdev", QAT_TOKEN);

	(void)state;
	assert_usable(b, cand(b, "0000:6b:00.1", NULL));
	bed_free(b);
}

/* Run under the umockdev preload, re-running this program if need be. */
static void ensure_preload(char **argv)
{
	const char *pre = getenv("LD_PRELOAD"), *asan = getenv("ASAN_OPTIONS");
	char *p, *a;

	if (pre && strstr(pre, "libumockdev-preload"))
		return;
	if (getenv("MC_TEST_VANISH_REEXEC")) {
		fprintf(stderr, "test-vanish: cannot set LD_PRELOAD\n");
		exit(99);
	}
	p = g_strdup_printf("libumockdev-preload.so.0%s%s", pre && *pre ? ":" : "", pre ? pre : "");
	/* ASan checks that its runtime comes first; the preload comes first. */
	a = g_strdup_printf("%s%sverify_asan_link_order=0", asan ? asan : "", asan && *asan ? ":" : "");
	setenv("LD_PRELOAD", p, 1);
	setenv("ASAN_OPTIONS", a, 1);
	setenv("MC_TEST_VANISH_REEXEC", "1", 1);
	execv("/proc/self/exe", argv);
	fprintf(stderr, "test-vanish: cannot re-run itself: %s\n", strerror(errno));
	exit(99);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_dir_vanishes),
		cmocka_unit_test(test_parent_vanishes),
		cmocka_unit_test(test_mdev_vanishes_after_judging),
		cmocka_unit_test(test_mdev_vanishes_before_judging),
		cmocka_unit_test(test_vf_vanishes),
		cmocka_unit_test(test_pf_vanishes),
		cmocka_unit_test(test_nothing_vanishes),
	};

	(void)argc;
	ensure_preload(argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
