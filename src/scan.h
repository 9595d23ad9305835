/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Finding the local devices: a whole-host scan for --accept and --list, or
 * just the named devices and their parents for --emit (mig-check(1)
 * DESCRIPTION/Devices). */
#ifndef MC_SCAN_H
#define MC_SCAN_H

#include <stdbool.h>

#include "device.h"
#include "host.h"

enum mc_scan_what {
	MC_SCAN_CANDIDATES,   /* only what a built-in module may judge */
	MC_SCAN_LIST,         /* also every SR-IOV function and mdev parent */
};

void mc_host_scan(struct mc_host *h, enum mc_scan_what what);

/* Open one device by canonical name (devarg.h), with its parent PCI
 * function or PF.  NULL with errno set when it does not exist. */
struct mc_dev *mc_host_open(struct mc_host *h, const char *name, bool is_mdev);

#endif
