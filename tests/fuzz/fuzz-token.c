/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the token codec (mig-check-formats(5), TOKEN): any
 * input is refused with a one-line reason and nothing kept, or accepted, and
 * then its re-encoding is accepted again with the same content and is its own
 * canonical form. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"

#define WHYLEN 256

/* abort() rather than assert(): the checks must hold in every build. */
#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

static bool is_zeroed(const struct mc_token *tok)
{
	static const struct mc_token zero;

	return !memcmp(tok, &zero, sizeof(zero));
}

/* A reason: not empty, one line, printable ASCII, not cut by the buffer. */
static void check_reason(const char *why)
{
	size_t n = strlen(why);

	CHECK(n > 0 && n < WHYLEN - 1);
	for (size_t i = 0; i < n; i++)
		CHECK(why[i] >= 0x20 && why[i] < 0x7f);
}

/* What the decoder promises of an accepted token. */
static void check_shape(const struct mc_token *tok)
{
	CHECK(tok->nrecords >= 1 && tok->nrecords <= MC_MAX_RECORDS);
	for (size_t r = 0; r < tok->nrecords; r++) {
		const struct mc_record *rec = &tok->records[r];

		CHECK(rec->module && *rec->module);
		CHECK(rec->nfields >= 1 && rec->nfields <= MC_MAX_FIELDS);
		CHECK(!strcmp(rec->fields[0].key, "v"));
		CHECK(rec->version >= 1 && rec->version <= MC_MAX_VERSION);
		for (size_t f = 0; f < rec->nfields; f++) {
			CHECK(rec->fields[f].value);
			CHECK(strlen(rec->fields[f].value) <= MC_MAX_VALUE);
			CHECK(strlen(rec->fields[f].key) >= 1);
			CHECK(mc_record_get(rec, rec->fields[f].key) == rec->fields[f].value);
		}
	}
}

static void check_same(const struct mc_token *a, const struct mc_token *b)
{
	CHECK(a->nrecords == b->nrecords);
	for (size_t r = 0; r < a->nrecords; r++) {
		const struct mc_record *x = &a->records[r], *y = &b->records[r];

		CHECK(!strcmp(x->module, y->module));
		CHECK(x->version == y->version);
		CHECK(x->nfields == y->nfields);
		for (size_t f = 0; f < x->nfields; f++) {
			CHECK(!strcmp(x->fields[f].key, y->fields[f].key));
			CHECK(!strcmp(x->fields[f].value, y->fields[f].value));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mc_token tok, again;
	char why[WHYLEN] = "";
	char *text, *enc, *enc2;

	/* The command line hands the decoder a C string: cut at a NUL. */
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	memset(&tok, 0, sizeof(tok));
	if (mc_token_decode(text, &tok, why, sizeof(why)) < 0) {
		check_reason(why);
		CHECK(is_zeroed(&tok));   /* half a token is not kept */
		mc_token_free(&tok);
		free(text);
		return 0;
	}
	CHECK(strlen(text) <= MC_TOKEN_MAX);
	check_shape(&tok);

	/* Re-encoding an accepted token cannot fail: values only get shorter
	 * (a %41 becomes A) or stay as long; keys and modules are unchanged. */
	enc = mc_token_encode(&tok, why, sizeof(why));
	if (!enc)
		fprintf(stderr, "re-encode refused: %s\n", why);
	CHECK(enc);
	CHECK(strlen(enc) <= strlen(text));

	memset(&again, 0, sizeof(again));
	if (mc_token_decode(enc, &again, why, sizeof(why)) < 0) {
		fprintf(stderr, "re-encoded token refused: %s\n", why);
		abort();
	}
	check_same(&tok, &again);

	/* The encoder's output is canonical: a second round changes nothing. */
	enc2 = mc_token_encode(&again, why, sizeof(why));
	CHECK(enc2 && !strcmp(enc, enc2));

	free(enc2);
	free(enc);
	mc_token_free(&again);
	mc_token_free(&tok);
	free(text);
	return 0;
}
