/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The configuration file (SPEC section 10). */
#ifndef MC_CONF_H
#define MC_CONF_H

#include <stdbool.h>

#define MC_DEFAULT_CONFIG SYSCONFDIR "/mig-check.conf"

/* Load @path (NULL: the default, which may be absent).  Exits 2 naming the
 * file and line of a malformed file, or a named file that cannot be read. */
void mc_config_load(const char *path);

/* A value: @section is "global" or "device <PCI address>". NULL if unset. */
const char *mc_config_get(const char *section, const char *key);

void mc_config_free(void);

#endif
