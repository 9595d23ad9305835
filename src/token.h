/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The migration token: records of module fields, encoded as one shell-safe,
 * checksummed line (mig-check-formats(5), TOKEN). */
#ifndef MC_TOKEN_H
#define MC_TOKEN_H

#include <stddef.h>

#define MC_TOKEN_PREFIX     "mig1:"
#define MC_TOKEN_MAX        4096   /* bytes of the whole token line */
#define MC_MAX_RECORDS      8
#define MC_MAX_FIELDS       32     /* per record, v= included */
#define MC_MAX_VALUE        1024   /* decoded bytes per value */
#define MC_MAX_KEY          16
#define MC_MAX_VERSION      999

struct mc_field {
	char key[MC_MAX_KEY + 1];
	char *value;            /* decoded bytes, NUL-terminated (%00 is refused) */
};

struct mc_record {
	char *module;
	unsigned version;       /* the v= field, 1..999 */
	struct mc_field fields[MC_MAX_FIELDS];  /* v= is fields[0] */
	size_t nfields;
};

struct mc_token {
	struct mc_record records[MC_MAX_RECORDS];
	size_t nrecords;
};

/* Parse @text (no trailing newline).  Returns 0, or -1 with a one-line
 * reason in @why. @tok must be zeroed; free it with mc_token_free() either way. */
int mc_token_decode(const char *text, struct mc_token *tok, char *why, size_t whylen);

/* Encode @tok; returns a malloc'ed string, or NULL with a reason in @why
 * (a field that breaks a limit, a token over MC_TOKEN_MAX bytes). */
char *mc_token_encode(const struct mc_token *tok, char *why, size_t whylen);

void mc_token_free(struct mc_token *tok);

/* Add a record for @module with v=@version; returns it or NULL when full. */
struct mc_record *mc_token_add_record(struct mc_token *tok, const char *module, unsigned version);

/* Set @key to @value in @rec (replacing an earlier value).  0, or -1 when the
 * key is malformed, the value too long or the record full. */
int mc_record_set(struct mc_record *rec, const char *key, const char *value);

/* The decoded value of @key, or NULL when the record has no such field. */
const char *mc_record_get(const struct mc_record *rec, const char *key);

#endif
