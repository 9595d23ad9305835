/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --libvirt-hook: libvirt's qemu hook, which refuses an incoming migration
 * that no local device is ready for. */
#ifndef MC_HOOK_H
#define MC_HOOK_H

#include "options.h"

int mc_cmd_hook(const struct mc_opts *o);

#endif
