/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --accept: judge the local candidates for a token. */
#ifndef MC_ACCEPT_H
#define MC_ACCEPT_H

#include <stdio.h>

#include "judge.h"
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

/* Judge one candidate for one record of a built-in module: read the
 * candidate, apply the module's rules, then the kernel check (mig-check(1)
 * VERDICTS, KERNEL CHECK); the judging itself is judge.c's, this adds the
 * reads and the write. */
void mc_accept_judge(const struct mc_record *rec, const struct mc_vendor *m,
		     const struct mc_dev *cand, enum mc_kwrite kwrite, struct mc_judgement *j);

/* Judge every candidate of @c not judged yet, for its record of @tok
 * (module @mods[record]), in steps (mig-check(1) VERDICTS, Held devices,
 * KERNEL CHECK): the reads and rules of each; one /proc scan for the VFIO
 * nodes of those that passed, if any, which makes a held one incompatible;
 * then the kernel check of those still usable. */
void mc_accept_judge_all(const struct mc_token *tok, const struct mc_vendor *const *mods,
			 struct mc_cand *c, size_t n, enum mc_kwrite kwrite);

#endif
