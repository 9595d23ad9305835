/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pinned placement: a domain XML names the device each record of a token
 * must be placed on (mig-check(1), --domain-xml). */
#ifndef MC_PIN_H
#define MC_PIN_H

#include <stdbool.h>
#include <stddef.h>

#include "domxml.h"
#include "judge.h"
#include "options.h"
#include "place.h"
#include "scan.h"
#include "token.h"
#include "vendor.h"

/* The candidates for each record of @tok, pinned by @x (record i on its
 * i-th VFIO device), to be judged.  Exits 2 on a count mismatch or a named
 * device that does not exist, with @what (the file, the guest) in the
 * message.  An mdev record's uuid becomes the XML's.  Returns how many
 * candidates *@c holds. */
size_t mc_pin_candidates(const char *what, const struct mc_domxml *x, struct mc_token *tok,
			 const struct mc_vendor *const *mods, struct mc_host *h, struct mc_cand **c);

/* --accept --domain-xml: read and parse the XML named by the option, then
 * as mc_pin_candidates(). */
size_t mc_pin_accept(const struct mc_opts *o, struct mc_token *tok,
		     const struct mc_vendor *const *mods, struct mc_host *h, struct mc_cand **c);

/* Free what the candidates of the last call point to. */
void mc_pin_free(void);

#endif
