/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --libvirt-hook: libvirt's qemu hook (to come). */
#include "config.h"

#include "hook.h"
#include "util.h"

int mc_cmd_hook(const struct mc_opts *o)
{
	(void)o;
	mc_die("--libvirt-hook: not implemented yet");
}
