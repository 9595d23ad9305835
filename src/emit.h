/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --emit: the token for the devices a VM holds. */
#ifndef MC_EMIT_H
#define MC_EMIT_H

#include "options.h"

int mc_cmd_emit(const struct mc_opts *o);

#endif
