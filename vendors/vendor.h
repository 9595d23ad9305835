/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The interface every vendor module implements, and the table that lists
 * them (as pciutils lists its access methods).
 *
 * Adding a module "foo" takes:
 *   1. vendors/foo.c, defining `const struct mc_vendor mc_vendor_foo`: the
 *      hooks and the data below (its kind, its fields, its driver);
 *   2. mc_vendor_foo in vendors/vendors.c (the extern and the table line),
 *      and vendors/foo.c in Makefile.am's VENDOR_SOURCES: a line left out
 *      fails the build, or every test of the module's own unit test;
 *   3. its tests: tests/unit/test-foo.c on tests/unit/helpers.h, with its
 *      UNIT_TESTS entry and three tests_unit_test_foo_* lines in
 *      Makefile.am; its fixtures in tests/fixtures/; tests/cli/
 *      t-accept-foo.sh in CLI_TESTS; for fuzz seeds, an emit line in
 *      tests/fuzz/gen-corpus;
 *   4. its fields and rules in the man page, and what it looks for on a
 *      host with the likely cause when it finds nothing (looks_for and
 *      no_candidate_hint below, printed by the core).
 * Nothing else names a module: the fuzz harness, the valgrind run and the
 * judge corpus take theirs from mc_vendors[] and the data below. */
#ifndef MC_VENDOR_H
#define MC_VENDOR_H

#include <stdbool.h>
#include <stddef.h>

#include "device.h"
#include "token.h"
#include "verdict.h"

enum mc_side {
	MC_SIDE_SOURCE,
	MC_SIDE_DESTINATION,
};

/* A field of the module's records, as the generic checks need to know it. */
struct mc_field_info {
	const char *key;
	unsigned flags;          /* MC_FIELD_* */
	/* MC_FIELD_DST_ONLY: the value on a destination that can take a VM. */
	const char *good;
};

#define MC_FIELD_SRC_NEEDED (1u << 0)   /* a source record without it is never usable */
#define MC_FIELD_DST_NEEDED (1u << 1)   /* nor is a destination record without it */
#define MC_FIELD_NEEDED (MC_FIELD_SRC_NEEDED | MC_FIELD_DST_NEEDED)
#define MC_FIELD_DST_ONLY   (1u << 2)   /* encoded on the destination side only */

struct mc_vendor {
	const char *name;            /* the token's module name */
	unsigned version;            /* field-set version written, highest read */
	/* Non-NULL when the kernel's migration_version attribute is this module's
	 * only sign of migration support: the verdict for a side without it. */
	const char *no_kver_reason;
	/* What a VM holds that the module claims: MC_KIND_MDEV (whose
	 * candidates include creatable types) or MC_KIND_VF. */
	enum mc_kind kind;
	/* Every field the destination side encodes, ending with { NULL }.
	 * Source-only fields (an mdev's uuid) and the core's kver are not here. */
	const struct mc_field_info *fields;
	/* A VF module: the driver that migrates its VFs, which an action binds
	 * to; NULL when the administrator names them (migration-drivers). */
	const char *migration_driver;
	/* Cheap pre-filter on a PCI function's IDs, before any device object is
	 * made: might this function matter to the module (a VF it claims, or a
	 * PF or mdev parent behind one)? */
	bool (*wants_pci)(unsigned vendor, unsigned device, unsigned class);
	/* Is @d a device a VM holds that this module encodes (an mdev, a VF)? */
	bool (*claims)(const struct mc_dev *d);
	/* Is @d a local candidate for this module's records (an existing device
	 * or a creatable mdev type)? */
	bool (*offers)(const struct mc_dev *d);
	/* Fill @rec with the module's fields for @d: the device a VM holds on
	 * the source side, a candidate on the destination side (where a module
	 * may add facts that only the destination judges).  0, or -errno with
	 * a reason naming the attribute in @why. */
	int (*encode)(const struct mc_dev *d, enum mc_side side,
		      struct mc_record *rec, char *why, size_t whylen);
	/* The rules: judge the source record @src (of a version this module
	 * knows) against @dst, the candidate @cand encoded on this host.  Reads
	 * no device, so the rules can be tested on records alone. */
	void (*compare)(const struct mc_record *src, const struct mc_record *dst,
			const struct mc_dev *cand, struct mc_judgement *j);
	/* --list: can @d take part in a live migration at all?  When not, @why
	 * says why. */
	bool (*migratable)(const struct mc_dev *d, const char **why);
	/* When no local device is a candidate for a record, the core says what
	 * the module looked for and the likely cause it knows, as "looked for
	 * <looks_for>; <no_candidate_hint>". */
	const char *looks_for;
	const char *no_candidate_hint;
};

extern const struct mc_vendor *const mc_vendors[];

const struct mc_vendor *mc_vendor_find(const char *name);
/* The module that claims @d (encodes it for --emit), or NULL. */
const struct mc_vendor *mc_vendor_claiming(const struct mc_dev *d);
/* The module that offers @d as a candidate for --accept, or NULL. */
const struct mc_vendor *mc_vendor_offering(const struct mc_dev *d);
bool mc_vendor_wants_pci(unsigned vendor, unsigned device, unsigned class);

#endif
