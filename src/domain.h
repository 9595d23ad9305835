/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --emit --domain: the token for the devices a libvirt domain holds. */
#ifndef MC_DOMAIN_H
#define MC_DOMAIN_H

#include <stdbool.h>

#include "options.h"

int mc_cmd_emit_domain(const struct mc_opts *o);

/* Does @uri name another host (or reach this one through a network
 * transport such as ssh or tls)? */
bool mc_uri_is_remote(const char *uri);

#endif
