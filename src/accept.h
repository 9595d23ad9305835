/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --accept: judge the local candidates for a token. */
#ifndef MC_ACCEPT_H
#define MC_ACCEPT_H

#include <stdio.h>

#include "candidate.h"
#include "options.h"
#include "place.h"
#include "scan.h"
#include "token.h"

struct mc_cand;
struct mc_dev;
struct mc_judgement;
struct mc_record;
struct mc_token;
struct mc_vendor;

/* A token judged on this host: what --accept and the libvirt hook share. */
struct mc_accepted {
	struct mc_token tok;
	const struct mc_vendor *mods[MC_MAX_RECORDS];   /* each record's module */
	struct mc_host host;
	struct mc_cand *c;          /* the candidates, one per device and record */
	size_t n;
	struct mc_placement place;
};

/* Decode the token @text ("-": standard input) into @a, with each record's
 * built-in module, and make the host ready to scan; exits 2 on a bad token
 * or a module that is not built in, naming @who first when not NULL. */
void mc_accepted_init(struct mc_accepted *a, const char *text, const char *who);
/* Judge the candidates @a->c and place the records on them. */
void mc_accepted_judge(struct mc_accepted *a, const struct mc_opts *o);
void mc_accepted_free(struct mc_accepted *a);

int mc_cmd_accept(const struct mc_opts *o);
void mc_accept_columns_help(FILE *out);

#endif
