/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The table of built-in vendor modules, in the order they are asked which
 * device is theirs (vendor.h says what adding one takes). */
#include "config.h"

#include <string.h>

#include "vendor.h"

/* A plain table, as pciutils' pci_methods[]: an X-macro list would save
 * only the extern line, and Makefile.am names the file all the same. */
extern const struct mc_vendor mc_vendor_i915_gvt, mc_vendor_qat, mc_vendor_nvme;

const struct mc_vendor *const mc_vendors[] = {
	&mc_vendor_i915_gvt,
	&mc_vendor_qat,
	&mc_vendor_nvme,
	NULL,
};

const struct mc_vendor *mc_vendor_find(const char *name)
{
	for (const struct mc_vendor *const *m = mc_vendors; *m; m++)
		if (!strcmp((*m)->name, name))
			return *m;
	return NULL;
}

const struct mc_vendor *mc_vendor_claiming(const struct mc_dev *d)
{
	for (const struct mc_vendor *const *m = mc_vendors; *m; m++)
		if ((*m)->claims(d))
			return *m;
	return NULL;
}

const struct mc_vendor *mc_vendor_offering(const struct mc_dev *d)
{
	for (const struct mc_vendor *const *m = mc_vendors; *m; m++)
		if ((*m)->offers(d))
			return *m;
	return NULL;
}

bool mc_vendor_wants_pci(unsigned vendor, unsigned device, unsigned class)
{
	for (const struct mc_vendor *const *m = mc_vendors; *m; m++)
		if ((*m)->wants_pci(vendor, device, class))
			return true;
	return false;
}
