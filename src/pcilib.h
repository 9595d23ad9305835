/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libpci for what it does best: pci.ids names and lspci's -s / -d filters. */
#ifndef MC_PCILIB_H
#define MC_PCILIB_H

#include <stdbool.h>
#include <stddef.h>

#include "device.h"

/* Parse -s and -d (either may be NULL); exits 2 with libpci's reason. */
void mc_pci_filters(const char *slot, const char *id);
/* Does the PCI function behind @d pass the -s / -d filters? */
bool mc_pci_match(const struct mc_dev *d);
/* The pci.ids name of vendor:device into @buf. */
const char *mc_pci_name(unsigned vendor, unsigned device, char *buf, size_t len);
/* Let go of pci.ids (a lookup after reads it again); the filters stay. */
void mc_pci_names_free(void);
void mc_pci_cleanup(void);

#endif
