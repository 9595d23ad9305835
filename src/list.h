/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --list: the local devices that matter for migration. */
#ifndef MC_LIST_H
#define MC_LIST_H

#include <stdio.h>

#include "options.h"

int mc_cmd_list(const struct mc_opts *o);
void mc_list_columns_help(FILE *out);

#endif
