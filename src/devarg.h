/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DEVICE arguments: a PCI address, a short one, an mdev UUID, or a sysfs path
 * of either, turned into the canonical name of the device (mig-check(1)
 * DESCRIPTION/Devices). */
#ifndef MC_DEVARG_H
#define MC_DEVARG_H

#include <stdbool.h>

/* "0000:3b:00.1" or "10000:01:00.1" (a domain of 4 to 8 hex digits): the
 * name of a PCI function. */
bool mc_is_pci_name(const char *s);

/* Turn a DEVICE argument (PCI address, short address, mdev UUID, sysfs path)
 * into its canonical name.  false when it is none of these. */
bool mc_device_arg(const char *arg, char name[static 40], bool *is_mdev);

/* Does the DEVICE argument @arg name a device on this host? */
bool mc_device_exists(const char *arg);

#endif
