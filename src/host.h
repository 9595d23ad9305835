/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host's device table: every device a scan found, PCI functions findable
 * by name, and one copy of each driver name. */
#ifndef MC_HOST_H
#define MC_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "device.h"
#include "sysfs.h"

struct udev;

struct mc_host {
	struct udev *udev;
	struct mc_dev **devs;     /* PCI functions by address, then mdevs, then creatable types */
	size_t ndevs, alloc;
	struct mc_dev **index;    /* PCI functions by name: open addressing */
	size_t index_size, nindexed;
	struct mc_sysdir pci, mdev;   /* /sys/bus/{pci,mdev}/devices, opened when first read */
	bool show_only;           /* --list: identities from uevents only (scan.c) */
	char **drivers;           /* driver names, one copy each: the devices' point here */
	size_t ndrivers;
};

void mc_host_init(struct mc_host *h);
void mc_host_free(struct mc_host *h);

/* A new device, zeroed, at the end of the table. */
struct mc_dev *mc_host_add(struct mc_host *h);

/* Make the PCI function @d findable by its name. */
void mc_host_index(struct mc_host *h, struct mc_dev *d);

/* The PCI function @name, if it was found already. */
struct mc_dev *mc_host_find(const struct mc_host *h, const char *name);

/* The host's one copy of the driver name @name: thousands of VFs share a
 * handful of drivers. */
char *mc_host_driver(struct mc_host *h, const char *name);

#endif
