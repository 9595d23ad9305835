/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --decode, and the piece of it --accept and --emit share: reading and
 * decoding the token argument. */
#ifndef MC_DECODE_H
#define MC_DECODE_H

#include <stdio.h>

#include "options.h"
#include "token.h"

/* Decode the token given as @arg ("-": one line of standard input) into
 * @tok; exits 2 with the reason when it is malformed. */
void mc_token_from_arg(const char *arg, struct mc_token *tok);

int mc_cmd_decode(const struct mc_opts *o);
void mc_decode_columns_help(FILE *out);

#endif
