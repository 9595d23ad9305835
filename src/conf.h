/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The configuration file, mig-check.conf(5). */
#ifndef MC_CONF_H
#define MC_CONF_H

#include <stdbool.h>

#define MC_DEFAULT_CONFIG SYSCONFDIR "/mig-check.conf"

/* Load @path (NULL: the default, which may be absent).  Exits 2 naming the
 * file and line of a malformed file (also: an unknown section or key, a
 * device section that names no device or a device named before, a value
 * that is not of its key's kind), or a named file that cannot be read. */
void mc_config_load(const char *path);

/* A value: @section is "global", "libvirt" or "device <name>", the name
 * canonical as mc_device_arg() makes it (a PCI address with its domain, or
 * an mdev UUID in lower case), whatever spelling the file used.  NULL if
 * unset. */
const char *mc_config_get(const char *section, const char *key);

/* [libvirt] require-token (mig-check.conf(5), [libvirt]): false when unset. */
bool mc_config_require_token(void);

void mc_config_free(void);

#endif
