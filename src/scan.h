/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Finding the local devices: a whole-host scan for --accept and --list, or
 * just the named devices and their parents for --emit (SPEC section 4). */
#ifndef MC_SCAN_H
#define MC_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "device.h"

struct udev;

struct mc_host {
	struct udev *udev;
	struct mc_dev **devs;     /* PCI functions by address, then mdevs, then creatable types */
	size_t ndevs, alloc;
	struct mc_dev **index;    /* PCI functions by name: open addressing */
	size_t index_size, nindexed;
	int pci_fd, mdev_fd;      /* /sys/bus/{pci,mdev}/devices, -1 until opened */
	bool show_only;           /* --list: identities from uevents only (scan.c) */
	char **drivers;           /* driver names, one copy each: the devices' point here */
	size_t ndrivers;
};

enum mc_scan_what {
	MC_SCAN_CANDIDATES,   /* only what a built-in module may judge */
	MC_SCAN_LIST,         /* also every SR-IOV function and mdev parent */
};

void mc_host_init(struct mc_host *h);
void mc_host_free(struct mc_host *h);
void mc_host_scan(struct mc_host *h, enum mc_scan_what what);

/* Turn a DEVICE argument (PCI address, short address, mdev UUID, sysfs path)
 * into its canonical name.  false when it is none of these. */
bool mc_device_arg(const char *arg, char name[static 40], bool *is_mdev);

/* Does the DEVICE argument @arg name a device on this host? */
bool mc_device_exists(const char *arg);

/* Open one device by canonical name, with its parent PCI function or PF.
 * NULL with errno set when it does not exist. */
struct mc_dev *mc_host_open(struct mc_host *h, const char *name, bool is_mdev);

#endif
