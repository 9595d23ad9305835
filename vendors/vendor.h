/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The interface every vendor module implements, and the table that lists
 * them (as pciutils lists its access methods). */
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

struct mc_vendor {
	const char *name;            /* the token's module name */
	unsigned version;            /* field-set version written, highest read */
	/* Non-NULL when the kernel's migration_version attribute is this module's
	 * only sign of migration support: the verdict for a side without it. */
	const char *no_kver_reason;
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
};

extern const struct mc_vendor *const mc_vendors[];

const struct mc_vendor *mc_vendor_find(const char *name);
/* The module that claims @d (encodes it for --emit), or NULL. */
const struct mc_vendor *mc_vendor_claiming(const struct mc_dev *d);
/* The module that offers @d as a candidate for --accept, or NULL. */
const struct mc_vendor *mc_vendor_offering(const struct mc_dev *d);
bool mc_vendor_wants_pci(unsigned vendor, unsigned device, unsigned class);

#endif
