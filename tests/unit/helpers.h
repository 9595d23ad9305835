/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the vendor modules' unit tests share: a fixture holding the module,
 * the records and the judgement, records built from key/value pairs, and
 * checks on the reasons a judgement gives. */
#ifndef MC_TEST_HELPERS_H
#define MC_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "device.h"
#include "token.h"
#include "util.h"
#include "vendor.h"
#include "verdict.h"

struct judge_ctx {
	const struct mc_vendor *m;
	struct mc_token src, dst;
	struct mc_judgement j;
};

/* A cmocka setup for @module's tests; fails (so every test fails) when the
 * module is not in mc_vendors[]. */
int setup_module(void **state, const char *module);
/* Frees the fixture and the configuration. */
int teardown_module(void **state);
/* Empties the records and the judgement, for another judging in one test. */
void reset_module(void **state);

/* What every module in mc_vendors[] promises: a name the token grammar
 * takes, every hook, the data the generic checks read (its kind, its
 * fields: keys the grammar takes, each once, a DST_ONLY one with its good
 * value; a VF module's migration driver or none).  Returns @name's module. */
const struct mc_vendor *check_module(const char *name, unsigned version);

/* Load @text as the configuration, through a temporary file. */
void load_config(const char *text);

struct kv {
	const char *key, *value;   /* a NULL value leaves the field out */
};

/* A record of @module (field-set version 1) with the fields of @kv. */
const struct mc_record *make_record(struct mc_token *t, const char *module,
				    const struct kv *kv, size_t n);

/* The module's rules on @src against @dst for @cand; the judgement is the
 * fixture's. */
struct mc_judgement *judge_records(void **state, const struct mc_record *src,
				   const struct mc_record *dst, const struct mc_dev *cand);

/* The @nth reason on @field (from 0), or NULL. */
const struct mc_reason *nth_reason(const struct mc_judgement *j, const char *field, size_t nth);
size_t reason_count(const struct mc_judgement *j, const char *field);

/* @r has these values (NULL @src/@dst: that side is absent; NULL @rule:
 * any rule). */
void check_one(const struct mc_reason *r, enum mc_verdict v, enum mc_category cat,
	       const char *src, const char *dst, const char *rule);
/* Exactly one reason on @field, with these values. */
void check_reason(const struct mc_judgement *j, const char *field,
		  enum mc_verdict v, enum mc_category cat, const char *src,
		  const char *dst, const char *rule);

#endif
