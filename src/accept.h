/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --accept: judge the local candidates for a token. */
#ifndef MC_ACCEPT_H
#define MC_ACCEPT_H

#include <stdio.h>

#include "options.h"

int mc_cmd_accept(const struct mc_opts *o);
void mc_accept_columns_help(FILE *out);

#endif
