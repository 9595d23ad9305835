/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DEVICE arguments: parsed once, matched against every device, and each
 * one required to have named something. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restrict.h"
#include "devarg.h"
#include "util.h"

void mc_restriction_init(struct mc_restriction *r, char *const *args, int n)
{
	r->args = args;
	r->n = (size_t)n;
	r->names = xcalloc(r->n + 1, sizeof(*r->names));
	r->seen = xcalloc(r->n + 1, sizeof(*r->seen));
	for (size_t i = 0; i < r->n; i++) {
		bool is_mdev;

		if (!mc_device_arg(args[i], r->names[i], &is_mdev))
			mc_die("%s: not a PCI address, mdev UUID or sysfs path of one", args[i]);
	}
}

bool mc_restriction_allows(struct mc_restriction *r, const struct mc_dev *d)
{
	const struct mc_dev *pci = mc_dev_pci(d);
	bool ok = r->n == 0;

	for (size_t i = 0; i < r->n; i++) {
		if (!strcmp(r->names[i], d->name) || (pci && !strcmp(r->names[i], pci->name))) {
			r->seen[i] = true;
			ok = true;
		}
	}
	return ok;
}

void mc_restriction_check(struct mc_restriction *r, const char *not_named)
{
	for (size_t i = 0; i < r->n; i++)
		if (!r->seen[i])
			mc_die("%s: %s", r->args[i],
			       mc_device_exists(r->args[i]) ? not_named : "no such device");
	free(r->names);
	free(r->seen);
}
