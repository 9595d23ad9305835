/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --decode, and the pieces of it --accept shares: reading and decoding the
 * token argument, and a record as JSON. */
#ifndef MC_DECODE_H
#define MC_DECODE_H

#include <stdio.h>
#include <json-c/json.h>

#include "options.h"
#include "token.h"

/* Decode the token given as @arg ("-": one line of standard input) into
 * @tok; exits 2 with the reason when it is malformed. */
void mc_token_from_arg(const char *arg, struct mc_token *tok);

/* {"module": "...", "fields": {"key": "value", ...}} */
struct json_object *mc_json_record(const struct mc_record *rec);

/* How every JSON document is printed: indented by two, "key": value. */
#define MC_JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | \
		       JSON_C_TO_STRING_NOSLASHESCAPE)

/* Print a JSON document on stdout, and free it. */
void mc_json_print(struct json_object *doc);

int mc_cmd_decode(const struct mc_opts *o);
void mc_decode_columns_help(FILE *out);

#endif
