/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the migration token codec (mig-check-formats(5), TOKEN). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "token.h"

#define WHYLEN 256

/* ---- helpers ---- */

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	assert_non_null(d);
	return d;
}

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* "@pre" + ":" + crc32 of "@pre": the checksum must be right for the grammar
 * checks behind it to be reached at all. */
static char *seal_raw(const char *pre)
{
	size_t n = strlen(pre);
	char *s = malloc(n + 10);
	unsigned long crc = crc32(0L, Z_NULL, 0);

	assert_non_null(s);
	crc = crc32(crc, (const Bytef *)pre, (uInt)n);
	snprintf(s, n + 10, "%s:%08lx", pre, crc & 0xffffffffUL);
	return s;
}

static char *seal(const char *body)
{
	size_t n = strlen(body) + sizeof(MC_TOKEN_PREFIX);
	char *pre = malloc(n);
	char *s;

	assert_non_null(pre);
	snprintf(pre, n, "%s%s", MC_TOKEN_PREFIX, body);
	s = seal_raw(pre);
	free(pre);
	return s;
}

static char *join3(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *s = malloc(n);

	assert_non_null(s);
	snprintf(s, n, "%s%s%s", a, b, c);
	return s;
}

static bool is_zeroed(const struct mc_token *tok)
{
	static const struct mc_token zero;

	return !memcmp(tok, &zero, sizeof(zero));
}

/* Every reason: one line, lower case first, no trailing period. */
static void assert_reason_shape(const char *why)
{
	size_t n = strlen(why);

	assert_true(n > 0);
	assert_null(strchr(why, '\n'));
	assert_null(strchr(why, '\r'));
	assert_true(why[0] >= 'a' && why[0] <= 'z');
	assert_true(why[n - 1] != '.');
	assert_true(n < WHYLEN - 1);	/* not cut by the buffer either */
}

/* Decode must refuse @text; @want, when given, is the exact reason. */
static void expect_refused(const char *text, const char *want)
{
	struct mc_token tok = { .nrecords = 0 };
	char why[WHYLEN] = "";

	if (mc_token_decode(text, &tok, why, sizeof(why)) != -1)
		fail_msg("accepted: \"%.200s\"", text);
	assert_reason_shape(why);
	if (want && strcmp(why, want))
		fail_msg("token \"%.200s\": got \"%s\", want \"%s\"", text, why, want);
	/* A failed decode keeps nothing. */
	assert_true(is_zeroed(&tok));
	mc_token_free(&tok);
}

static void expect_refused_body(const char *body, const char *want)
{
	char *t = seal(body);

	expect_refused(t, want);
	free(t);
}

static void decode_ok(const char *text, struct mc_token *tok)
{
	char why[WHYLEN] = "";

	memset(tok, 0, sizeof(*tok));
	if (mc_token_decode(text, tok, why, sizeof(why)))
		fail_msg("refused \"%.200s\": %s", text, why);
}

static void decode_body_ok(const char *body, struct mc_token *tok)
{
	char *t = seal(body);

	decode_ok(t, tok);
	free(t);
}

static char *encode_ok(const struct mc_token *tok)
{
	char why[WHYLEN] = "";
	char *s = mc_token_encode(tok, why, sizeof(why));

	if (!s)
		fail_msg("encode refused: %s", why);
	return s;
}

static void expect_encode_refused(const struct mc_token *tok, const char *want)
{
	char why[WHYLEN] = "";
	char *s = mc_token_encode(tok, why, sizeof(why));

	if (s)
		fail_msg("encoded: \"%.200s\"", s);
	assert_reason_shape(why);
	if (want)
		assert_string_equal(why, want);
}

/* Same records, modules, keys and decoded values, in the same order. */
static void assert_same_token(const struct mc_token *a, const struct mc_token *b)
{
	size_t r, f;

	assert_int_equal(a->nrecords, b->nrecords);
	for (r = 0; r < a->nrecords; r++) {
		const struct mc_record *x = &a->records[r], *y = &b->records[r];

		assert_string_equal(x->module, y->module);
		assert_int_equal(x->version, y->version);
		assert_int_equal(x->nfields, y->nfields);
		for (f = 0; f < x->nfields; f++) {
			assert_string_equal(x->fields[f].key, y->fields[f].key);
			assert_string_equal(x->fields[f].value, y->fields[f].value);
		}
	}
}

/* ---- known tokens ---- */

static void test_literal_known_token(void **state)
{
	static const char lit[] = "mig1:qat@v=1,svc=asym+sym,dev=4940:603b320e";
	struct mc_token tok, built = { .nrecords = 0 };
	struct mc_record *rec;
	char *s;

	(void)state;
	decode_ok(lit, &tok);
	assert_int_equal(tok.nrecords, 1);
	rec = &tok.records[0];
	assert_string_equal(rec->module, "qat");
	assert_int_equal(rec->version, 1);
	assert_int_equal(rec->nfields, 3);
	assert_string_equal(rec->fields[0].key, "v");
	assert_string_equal(mc_record_get(rec, "v"), "1");
	assert_string_equal(mc_record_get(rec, "svc"), "asym+sym");
	assert_string_equal(mc_record_get(rec, "dev"), "4940");
	assert_null(mc_record_get(rec, "nope"));

	rec = mc_token_add_record(&built, "qat", 1);
	assert_non_null(rec);
	assert_int_equal(mc_record_set(rec, "svc", "asym+sym"), 0);
	assert_int_equal(mc_record_set(rec, "dev", "4940"), 0);
	s = encode_ok(&built);
	assert_string_equal(s, lit);

	free(s);
	mc_token_free(&tok);
	mc_token_free(&built);
}

/* Escapes, v= not first, and a second record, all spelled out. */
static void test_literal_escapes_and_v_order(void **state)
{
	static const char lit[] =
		"mig1:nvme@uuid=83b8f4f2,v=3,ns=%FF%0A:ad766b4f";
	struct mc_token tok;
	struct mc_record *rec;

	(void)state;
	decode_ok(lit, &tok);
	rec = &tok.records[0];
	assert_int_equal(rec->version, 3);
	assert_int_equal(rec->nfields, 3);
	/* v moves to the front; the rest keep token order. */
	assert_string_equal(rec->fields[0].key, "v");
	assert_string_equal(rec->fields[0].value, "3");
	assert_string_equal(rec->fields[1].key, "uuid");
	assert_string_equal(rec->fields[2].key, "ns");
	assert_string_equal(rec->fields[2].value, "\xff\n");
	mc_token_free(&tok);
}

static void test_encode_exact(void **state)
{
	struct mc_token tok = { .nrecords = 0 };
	struct mc_record *rec;
	char *s, *want;

	(void)state;
	rec = mc_token_add_record(&tok, "i915-gvt", 2);
	assert_non_null(rec);
	assert_int_equal(mc_record_set(rec, "type", "i915-GVTg_V5_4"), 0);
	assert_int_equal(mc_record_set(rec, "kver", "8086-193b:opregion/2.1"), 0);
	rec = mc_token_add_record(&tok, "qat", 7);
	assert_non_null(rec);
	assert_int_equal(mc_record_set(rec, "svc", "asym+sym"), 0);
	assert_int_equal(mc_record_set(rec, "x", "a b\tc~*'\"{}$;&|<>?!#\\`"), 0);
	assert_int_equal(mc_record_set(rec, "e", ""), 0);

	s = encode_ok(&tok);
	want = seal("i915-gvt@v=2,type=i915-GVTg_V5_4,"
		    "kver=8086-193b%3Aopregion%2F2.1/"
		    "qat@v=7,svc=asym+sym,"
		    "x=a%20b%09c%7E%2A%27%22%7B%7D%24%3B%26%7C%3C%3E%3F%21%23%5C%60,"
		    "e=");
	assert_string_equal(s, want);
	free(s);
	free(want);

	/* The first record alone, checked against a literal checksum too. */
	mc_token_free(&tok);
	rec = mc_token_add_record(&tok, "i915-gvt", 2);
	assert_int_equal(mc_record_set(rec, "type", "i915-GVTg_V5_4"), 0);
	assert_int_equal(mc_record_set(rec, "kver", "8086-193b:opregion/2.1"), 0);
	s = encode_ok(&tok);
	assert_string_equal(s, "mig1:i915-gvt@v=2,type=i915-GVTg_V5_4,"
			       "kver=8086-193b%3Aopregion%2F2.1:11b44f04");
	free(s);
	mc_token_free(&tok);
}

/* ---- round trips ---- */

struct rt_case {
	const char *name;
	const char *value;	/* NULL: the special value built below */
};

static const struct rt_case rt_cases[] = {
	{ "empty", "" },
	{ "plain", "abcXYZ019._-" },
	{ "raw plus", "+a+b+" },
	{ "colon", "a:b" },
	{ "space", "a b" },
	{ "slash", "a/b" },
	{ "newline", "line1\nline2\n" },
	{ "0xff", "\xff" },
	{ "utf-8", "caf\xc3\xa9" },
	{ "separators", "@,=%:/" },
	{ "percent text", "%00%41%zz" },
	{ "shell", "$(rm -rf /) `x` ; & | * ? ~ { } [ ] ' \" \\" },
};

static void check_roundtrip_value(const char *value)
{
	struct mc_token tok = { .nrecords = 0 }, back;
	struct mc_record *rec;
	size_t i;
	char *s;

	rec = mc_token_add_record(&tok, "m", 5);
	assert_non_null(rec);
	assert_int_equal(mc_record_set(rec, "val", value), 0);
	assert_int_equal(mc_record_set(rec, "after", "x"), 0);
	s = encode_ok(&tok);

	/* The line must survive an unquoted shell parse. */
	for (i = 0; s[i]; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				       "abcdefghijklmnopqrstuvwxyz"
				       "0123456789._-+%:/@,=", s[i]));

	decode_ok(s, &back);
	assert_same_token(&tok, &back);
	assert_string_equal(mc_record_get(&back.records[0], "val"), value);
	free(s);
	mc_token_free(&tok);
	mc_token_free(&back);
}

static void test_roundtrip_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rt_cases) / sizeof(rt_cases[0]); i++) {
		print_message("round trip: %s\n", rt_cases[i].name);
		check_roundtrip_value(rt_cases[i].value);
	}
}

static void test_roundtrip_all_bytes(void **state)
{
	char all[256];
	char *big;
	int c;

	(void)state;
	for (c = 1; c < 256; c++)
		all[c - 1] = (char)c;
	all[255] = '\0';
	check_roundtrip_value(all);

	/* The longest value, every byte escaped: 3072 bytes on the wire. */
	big = repeat('\xff', MC_MAX_VALUE);
	check_roundtrip_value(big);
	free(big);
	big = repeat(':', MC_MAX_VALUE);
	check_roundtrip_value(big);
	free(big);
}

static void test_roundtrip_bundle(void **state)
{
	struct mc_token tok = { .nrecords = 0 }, back;
	char key[MC_MAX_KEY + 1], val[32], mod[32];
	size_t r, f;
	char *s;

	(void)state;
	for (r = 0; r < MC_MAX_RECORDS; r++) {
		struct mc_record *rec;

		snprintf(mod, sizeof(mod), "mod-%zu", r);
		rec = mc_token_add_record(&tok, mod, (unsigned)(r * 100 + 1));
		assert_non_null(rec);
		for (f = 1; f < 4; f++) {
			snprintf(key, sizeof(key), "k_%zu", f);
			snprintf(val, sizeof(val), "%zu/%zu", r, f);
			assert_int_equal(mc_record_set(rec, key, val), 0);
		}
	}
	s = encode_ok(&tok);
	decode_ok(s, &back);
	assert_same_token(&tok, &back);
	assert_string_equal(mc_record_get(&back.records[7], "v"), "701");
	free(s);
	mc_token_free(&tok);
	mc_token_free(&back);
}

/* ---- accepted edges ---- */

static void test_accept_edges(void **state)
{
	static const struct {
		const char *body;
		size_t nrecords;
		size_t nfields0;
		unsigned version0;
	} cases[] = {
		{ "a@v=1", 1, 1, 1 },
		{ "a@v=999", 1, 1, 999 },
		{ "a@v=10", 1, 1, 10 },
		{ "i915-gvt@v=2", 1, 1, 2 },
		{ "0-9@v=1", 1, 1, 1 },
		{ "-@v=1", 1, 1, 1 },
		{ "a@k=,v=1", 1, 2, 1 },
		{ "a@v=1,k=", 1, 2, 1 },
		{ "a@v=1,k=%FF", 1, 2, 1 },
		{ "a@v=1,k=%41%7E%0A", 1, 2, 1 },
		{ "a@v=1,k=a+b", 1, 2, 1 },
		{ "a@v=1,k=+", 1, 2, 1 },
		{ "a@v=1,abcdefghijklmnop=1", 1, 2, 1 },
		{ "a@v=1,a_0=1", 1, 2, 1 },
		{ "a@v=1,_=1", 1, 2, 1 },
		{ "a@v=1,k=A.Z_z-0", 1, 2, 1 },
		{ "a@x=1,y=2,v=3", 1, 3, 3 },
		{ "a@v=1/a@v=1", 2, 1, 1 },
		{ "a@v=1/b@v=2/c@v=3/d@v=4/e@v=5/f@v=6/g@v=7/h@v=8", 8, 1, 1 },
	};
	struct mc_token tok;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("accept: %s\n", cases[i].body);
		decode_body_ok(cases[i].body, &tok);
		assert_int_equal(tok.nrecords, cases[i].nrecords);
		assert_int_equal(tok.records[0].nfields, cases[i].nfields0);
		assert_int_equal(tok.records[0].version, cases[i].version0);
		assert_string_equal(tok.records[0].fields[0].key, "v");
		mc_token_free(&tok);
		assert_true(is_zeroed(&tok));
	}

	decode_body_ok("a@v=1,k=%41%7E%0A%FF+", &tok);
	assert_string_equal(mc_record_get(&tok.records[0], "k"), "A~\n\xff+");
	mc_token_free(&tok);
	decode_body_ok("a@v=1,k=", &tok);
	assert_string_equal(mc_record_get(&tok.records[0], "k"), "");
	mc_token_free(&tok);
}

/* ---- refusals: the text before the grammar ---- */

static void test_refuse_outer(void **state)
{
	static const struct {
		const char *text;
		const char *why;
	} cases[] = {
		{ "", "empty token" },
		{ "qat@v=1:603b320e", "not a mig-check token (no 'mig1:' prefix)" },
		{ "mig1", "not a mig-check token (no 'mig1:' prefix)" },
		{ "MIG1:a@v=1:00000000", "not a mig-check token (no 'mig1:' prefix)" },
		{ "mig:a@v=1:00000000", "not a mig-check token (no 'mig1:' prefix)" },
		{ "migx:a@v=1:00000000", "not a mig-check token (no 'mig1:' prefix)" },
		{ "mig2", "not a mig-check token (no 'mig1:' prefix)" },
		{ " mig1:a@v=1:00000000", "not a mig-check token (no 'mig1:' prefix)" },
		{ "mig2:a@v=1:00000000", "unknown token format 'mig2'" },
		{ "mig12:a@v=1:00000000", "unknown token format 'mig12'" },
		{ "mig0:", "unknown token format 'mig0'" },
		{ "mig01:x", "unknown token format 'mig01'" },
		{ "mig1:a@v=1", "missing checksum" },
		{ "mig1:", "missing checksum" },
		{ "mig1:a@v=1:", "bad checksum '' (want 8 lowercase hex digits)" },
		{ "mig1:a@v=1:1234567", "bad checksum '1234567' (want 8 lowercase hex digits)" },
		{ "mig1:a@v=1:123456789", "bad checksum '123456789' (want 8 lowercase hex digits)" },
		{ "mig1:a@v=1:0123456g", "bad checksum '0123456g' (want 8 lowercase hex digits)" },
		{ "mig1:a@v=1:a/b@c=d", "bad checksum 'a/b@c=d' (want 8 lowercase hex digits)" },
		{ "mig1:a@v=1:deadbeef",
		  "checksum mismatch (token says deadbeef, content gives 1284a960)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_refused(cases[i].text, cases[i].why);
}

static void test_refuse_null_text(void **state)
{
	struct mc_token tok = { .nrecords = 0 };
	char why[WHYLEN];

	(void)state;
	assert_int_equal(mc_token_decode(NULL, &tok, why, sizeof(why)), -1);
	assert_string_equal(why, "empty token");
}

static void test_refuse_checksum(void **state)
{
	char *good = seal("a@v=1,k=x");
	char *fixed = seal("a@v=1,k=y");
	size_t n = strlen(good), i;
	char *bad, *up, *msg;
	char said[9], gives[9];

	(void)state;
	/* A changed body keeps the old checksum: computed, not hard-coded. */
	bad = xstrdup(good);
	bad[n - 10] = 'y';
	memcpy(said, good + n - 8, 9);
	memcpy(gives, fixed + n - 8, 9);
	msg = malloc(WHYLEN);
	assert_non_null(msg);
	snprintf(msg, WHYLEN, "checksum mismatch (token says %s, content gives %s)",
		 said, gives);
	expect_refused(bad, msg);
	free(msg);

	/* The right checksum in upper case is still wrong. */
	up = xstrdup(good);
	for (i = n - 8; i < n; i++)
		if (up[i] >= 'a' && up[i] <= 'f')
			up[i] = (char)(up[i] - 'a' + 'A');
	assert_string_not_equal(up, good);	/* this crc has a letter */
	msg = join3("bad checksum '", up + n - 8, "' (want 8 lowercase hex digits)");
	expect_refused(up, msg);
	free(msg);

	/* Flipping any one byte of the sealed part is noticed. */
	for (i = 0; i < n - 9; i++) {
		char *t = xstrdup(good);

		t[i] = t[i] == '1' ? '2' : '1';
		expect_refused(t, NULL);
		free(t);
	}
	free(bad);
	free(up);
	free(fixed);
	free(good);
}

static void test_refuse_characters(void **state)
{
	static const struct {
		const char *body;
		const char *why;
	} cases[] = {
		/* offsets count from 0 at the 'm' of "mig1:" */
		{ "a@v=1,k=x y", "invalid character 0x20 at offset 14" },
		{ "a@v=1,k=x\"y", "invalid character 0x22 at offset 14" },
		{ "a@v=1,k=x'y", "invalid character 0x27 at offset 14" },
		{ "a@v=1,k=x*y", "invalid character 0x2a at offset 14" },
		{ "a@v=1,k=x~y", "invalid character 0x7e at offset 14" },
		{ "a@v=1,k=x{y", "invalid character 0x7b at offset 14" },
		{ "a@v=1,k=x\ny", "invalid character 0x0a at offset 14" },
		{ "a@v=1,k=x\xc3\xa9", "invalid character 0xc3 at offset 14" },
		{ "a@v=1,k=x\x7f", "invalid character 0x7f at offset 14" },
		{ "a@v=1,k=x$", "invalid character 0x24 at offset 14" },
		{ "a@v=1,k=x;", "invalid character 0x3b at offset 14" },
		{ "a@v=1,k=x?", "invalid character 0x3f at offset 14" },
		{ "a@v=1,k=x\\", "invalid character 0x5c at offset 14" },
		{ "a@v=1,k=x\t", "invalid character 0x09 at offset 14" },
		{ "a@v=1,k=x\r", "invalid character 0x0d at offset 14" },
		{ " a@v=1", "invalid character 0x20 at offset 5" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_refused_body(cases[i].body, cases[i].why);

	/* In the checksum too (before it is compared). */
	expect_refused("mig1:a@v=1:1284a96 ", "invalid character 0x20 at offset 18");
	expect_refused("mig1:a@v=1:1284a960\n", "invalid character 0x0a at offset 19");
}

/* ---- refusals: grammar, limits ---- */

static void test_refuse_grammar(void **state)
{
	static const struct {
		const char *body;
		const char *why;
	} cases[] = {
		{ "", "token has no records" },
		{ "/a@v=1", "record 1: empty record" },
		{ "a@v=1/", "record 2: empty record" },
		{ "a@v=1//a@v=1", "record 2: empty record" },
		{ "a", "record 1: missing '@'" },
		{ "a@v=1/b", "record 2: missing '@'" },
		{ "@v=1", "record 1: empty module name" },
		{ "Qat@v=1", "record 1: bad module name 'Qat'" },
		{ "q_at@v=1", "record 1: bad module name 'q_at'" },
		{ "q.at@v=1", "record 1: bad module name 'q.at'" },
		{ "q%41@v=1", "record 1: bad module name 'q%41'" },
		{ "a=b@v=1", "record 1: bad module name 'a=b'" },
		{ "a@", "record 1: no fields after '@'" },
		{ "a@v=1,", "record 1: field 2: empty field" },
		{ "a@,v=1", "record 1: field 1: empty field" },
		{ "a@v=1,,k=1", "record 1: field 2: empty field" },
		{ "a@v=1,k", "record 1: field 2: missing '='" },
		{ "a@v", "record 1: field 1: missing '='" },
		{ "a@v=1,=x", "record 1: field 2: empty key" },
		{ "a@v=1,K=x", "record 1: field 2: bad key 'K'" },
		{ "a@v=1,k-1=x", "record 1: field 2: bad key 'k-1'" },
		{ "a@v=1,k.1=x", "record 1: field 2: bad key 'k.1'" },
		{ "a@v=1,b@c=x", "record 1: field 2: bad key 'b@c'" },
		{ "a@v=1,abcdefghijklmnopq=x",
		  "record 1: field 2: key is longer than 16 characters" },
		{ "a@v=1,k=1,k=2", "record 1: key 'k' appears twice" },
		{ "a@v=1,k=1,k=1", "record 1: key 'k' appears twice" },
		{ "a@v=1,v=1", "record 1: key 'v' appears twice" },
		{ "a@v=1/b@v=1,x=1,y=2,x=", "record 2: key 'x' appears twice" },
		{ "a@v=1,k=%ab", "record 1: field 2: bad percent-escape '%ab'" },
		{ "a@v=1,k=%aB", "record 1: field 2: bad percent-escape '%aB'" },
		{ "a@v=1,k=%Ab", "record 1: field 2: bad percent-escape '%Ab'" },
		{ "a@v=1,k=%G0", "record 1: field 2: bad percent-escape '%G0'" },
		{ "a@v=1,k=%%41", "record 1: field 2: bad percent-escape '%%4'" },
		{ "a@v=1,k=x%4", "record 1: field 2: incomplete percent-escape '%4'" },
		{ "a@v=1,k=%", "record 1: field 2: incomplete percent-escape '%'" },
		{ "a@v=1,k=%00", "record 1: field 2: '%00' is not allowed" },
		{ "a@v=1,k=ab%00cd", "record 1: field 2: '%00' is not allowed" },
		{ "a@v=1,k=a=b", "record 1: field 2: invalid character '=' in value" },
		{ "a@v=1,k=a@b", "record 1: field 2: invalid character '@' in value" },
		{ "a@v=1,k=a:b", "record 1: field 2: invalid character ':' in value" },
		{ "a@k=1", "record 1: no 'v=' field" },
		{ "a@v=1/b@k=1", "record 2: no 'v=' field" },
		{ "a@v=0", "record 1: bad version 'v=0'" },
		{ "a@v=1000", "record 1: bad version 'v=1000'" },
		{ "a@v=01", "record 1: bad version 'v=01'" },
		{ "a@v=001", "record 1: bad version 'v=001'" },
		{ "a@v=+1", "record 1: bad version 'v=+1'" },
		{ "a@v=-1", "record 1: bad version 'v=-1'" },
		{ "a@v=", "record 1: bad version 'v='" },
		{ "a@v=x", "record 1: bad version 'v=x'" },
		{ "a@v=1a", "record 1: bad version 'v=1a'" },
		{ "a@v=%31", "record 1: bad version 'v=%31'" },
		{ "a@k=x,v=1.0", "record 1: bad version 'v=1.0'" },
		{ "a@v=1/b@v=2/c@v=3/d@v=4/e@v=5/f@v=6/g@v=7/h@v=8/i@v=9",
		  "more than 8 records" },
		{ "a@v=1////////", "more than 8 records" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_refused_body(cases[i].body, cases[i].why);

	/* ':' in the body: the last ':' still ends the sealed part. */
	{
		char *t = seal_raw("mig1:a@v=1,k=x:y");

		expect_refused(t, "record 1: field 2: invalid character ':' in value");
		free(t);
		t = seal_raw("mig1:a:b@v=1");
		expect_refused(t, "record 1: bad module name 'a:b'");
		free(t);
	}
}

/* A body "a@v=1,f1=x,...,fN=x": the version plus @extra fields. */
static char *body_with_fields(size_t extra)
{
	size_t n = 8 + extra * 8, i;
	char *s = malloc(n), *p;

	assert_non_null(s);
	p = s + snprintf(s, n, "a@v=1");
	for (i = 0; i < extra; i++)
		p += snprintf(p, n - (size_t)(p - s), ",f%zu=x", i + 1);
	return s;
}

static void test_limit_fields(void **state)
{
	struct mc_token tok;
	char *b;

	(void)state;
	b = body_with_fields(MC_MAX_FIELDS - 1);
	decode_body_ok(b, &tok);
	assert_int_equal(tok.records[0].nfields, MC_MAX_FIELDS);
	assert_string_equal(tok.records[0].fields[31].key, "f31");
	mc_token_free(&tok);
	free(b);

	b = body_with_fields(MC_MAX_FIELDS);
	expect_refused_body(b, "record 1: more than 32 fields");
	free(b);
}

static void test_limit_value(void **state)
{
	struct mc_token tok;
	char *v, *b, *esc;
	size_t i;

	(void)state;
	v = repeat('x', MC_MAX_VALUE);
	b = join3("a@v=1,kver=", v, "");
	decode_body_ok(b, &tok);
	assert_int_equal(strlen(mc_record_get(&tok.records[0], "kver")), MC_MAX_VALUE);
	mc_token_free(&tok);
	free(b);
	b = join3("a@v=1,kver=", v, "y");
	expect_refused_body(b, "record 1: value of 'kver' is longer than 1024 bytes");
	free(b);
	free(v);

	/* The limit is on decoded bytes, not on the escaped text. */
	esc = malloc(3 * (MC_MAX_VALUE + 1) + 1);
	assert_non_null(esc);
	for (i = 0; i < MC_MAX_VALUE; i++)
		memcpy(esc + 3 * i, "%FF", 3);
	esc[3 * i] = '\0';
	b = join3("a@v=1,k=", esc, "");
	decode_body_ok(b, &tok);
	assert_int_equal(strlen(mc_record_get(&tok.records[0], "k")), MC_MAX_VALUE);
	mc_token_free(&tok);
	free(b);
	b = join3("a@v=1,k=", esc, "%0A");
	expect_refused_body(b, "record 1: value of 'k' is longer than 1024 bytes");
	free(b);
	free(esc);
}

static void test_limit_token_length(void **state)
{
	struct mc_token tok;
	char *m, *b, *t;

	(void)state;
	/* "mig1:" + module + "@v=1" + ":" + 8: 18 bytes around the module. */
	m = repeat('m', MC_TOKEN_MAX - 18);
	b = join3(m, "@v=1", "");
	t = seal(b);
	assert_int_equal(strlen(t), MC_TOKEN_MAX);
	decode_ok(t, &tok);
	assert_int_equal(strlen(tok.records[0].module), MC_TOKEN_MAX - 18);
	mc_token_free(&tok);
	free(t);
	free(b);
	free(m);

	m = repeat('m', MC_TOKEN_MAX - 17);
	b = join3(m, "@v=1", "");
	t = seal(b);
	assert_int_equal(strlen(t), MC_TOKEN_MAX + 1);
	expect_refused(t, "token is longer than 4096 bytes");
	free(t);
	free(b);
	free(m);

	/* Far longer, and not a token at all: the length still comes first. */
	t = repeat(' ', 100000);
	expect_refused(t, "token is longer than 4096 bytes");
	free(t);
}

/* ---- the reason buffer ---- */

static void test_why_buffer(void **state)
{
	struct mc_token tok = { .nrecords = 0 };
	char why[8];

	(void)state;
	memset(why, 'z', sizeof(why));
	assert_int_equal(mc_token_decode("nope", &tok, why, sizeof(why)), -1);
	assert_string_equal(why, "not a m");
	assert_int_equal(mc_token_decode("nope", &tok, NULL, 0), -1);
	why[0] = 'q';
	assert_int_equal(mc_token_decode("nope", &tok, why, 0), -1);
	assert_int_equal(why[0], 'q');
}

/* Long quoted pieces are cut so the reason stays readable. */
static void test_why_long_piece(void **state)
{
	char *m, *b;

	(void)state;
	m = repeat('M', 100);
	b = join3(m, "@v=1", "");
	expect_refused_body(b, "record 1: bad module name "
			    "'MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM...'");
	free(b);
	free(m);
}

/* ---- the builder and the encoder's refusals ---- */

static void test_builder(void **state)
{
	struct mc_token tok = { .nrecords = 0 };
	struct mc_record *rec;
	char key[MC_MAX_KEY + 1];
	char *long_v;
	size_t i;

	(void)state;
	assert_null(mc_token_add_record(&tok, "", 1));
	assert_null(mc_token_add_record(&tok, "Qat", 1));
	assert_null(mc_token_add_record(&tok, "q at", 1));
	assert_null(mc_token_add_record(&tok, "qat", 0));
	assert_null(mc_token_add_record(&tok, "qat", 1000));
	assert_true(is_zeroed(&tok));

	rec = mc_token_add_record(&tok, "qat", 999);
	assert_non_null(rec);
	assert_int_equal(rec->version, 999);
	assert_int_equal(rec->nfields, 1);
	assert_string_equal(rec->fields[0].key, "v");
	assert_string_equal(mc_record_get(rec, "v"), "999");

	/* keys */
	assert_int_equal(mc_record_set(rec, "", "x"), -1);
	assert_int_equal(mc_record_set(rec, "K", "x"), -1);
	assert_int_equal(mc_record_set(rec, "a-b", "x"), -1);
	assert_int_equal(mc_record_set(rec, "abcdefghijklmnopq", "x"), -1);
	assert_int_equal(mc_record_set(rec, "abcdefghijklmnop", "x"), 0);
	assert_int_equal(mc_record_set(rec, "k", NULL), -1);

	/* values */
	long_v = repeat('x', MC_MAX_VALUE + 1);
	assert_int_equal(mc_record_set(rec, "big", long_v), -1);
	long_v[MC_MAX_VALUE] = '\0';
	assert_int_equal(mc_record_set(rec, "big", long_v), 0);
	free(long_v);

	/* replacing keeps the position and the count */
	assert_int_equal(mc_record_set(rec, "k", "1"), 0);
	assert_int_equal(rec->nfields, 4);
	assert_int_equal(mc_record_set(rec, "k", "2"), 0);
	assert_int_equal(rec->nfields, 4);
	assert_string_equal(rec->fields[3].key, "k");
	assert_string_equal(mc_record_get(rec, "k"), "2");

	/* v= stays in step with rec->version */
	assert_int_equal(mc_record_set(rec, "v", "12"), 0);
	assert_int_equal(rec->version, 12);
	assert_string_equal(rec->fields[0].value, "12");
	assert_int_equal(mc_record_set(rec, "v", "012"), -1);
	assert_int_equal(mc_record_set(rec, "v", "0"), -1);
	assert_int_equal(mc_record_set(rec, "v", "1000"), -1);
	assert_int_equal(rec->version, 12);

	/* full record */
	for (i = rec->nfields; i < MC_MAX_FIELDS; i++) {
		snprintf(key, sizeof(key), "f%zu", i);
		assert_int_equal(mc_record_set(rec, key, "x"), 0);
	}
	assert_int_equal(rec->nfields, MC_MAX_FIELDS);
	assert_int_equal(mc_record_set(rec, "one_more", "x"), -1);
	assert_int_equal(mc_record_set(rec, "k", "3"), 0);	/* replace still works */

	/* full token */
	for (i = 1; i < MC_MAX_RECORDS; i++)
		assert_non_null(mc_token_add_record(&tok, "x", 1));
	assert_null(mc_token_add_record(&tok, "x", 1));
	assert_int_equal(tok.nrecords, MC_MAX_RECORDS);

	mc_token_free(&tok);
	assert_true(is_zeroed(&tok));
	mc_token_free(&tok);	/* twice is harmless */

	/* a freed token is reusable as is */
	decode_body_ok("a@v=1", &tok);
	mc_token_free(&tok);
	assert_non_null(mc_token_add_record(&tok, "b", 2));
	mc_token_free(&tok);
}

static void test_encode_refusals(void **state)
{
	struct mc_token tok = { .nrecords = 0 };
	struct mc_record *rec;

	(void)state;
	expect_encode_refused(&tok, "token has no records");

	rec = mc_token_add_record(&tok, "qat", 1);
	assert_non_null(rec);

	/* Hand-made records the builder would never produce. */
	free(rec->module);
	rec->module = xstrdup("Q at");
	expect_encode_refused(&tok, "record 1: bad module name");
	free(rec->module);
	rec->module = xstrdup("");
	expect_encode_refused(&tok, "record 1: empty module name");
	free(rec->module);
	rec->module = xstrdup("qat");

	strcpy(rec->fields[1].key, "Bad");
	rec->fields[1].value = xstrdup("x");
	rec->nfields = 2;
	expect_encode_refused(&tok, "record 1: field 2: bad key 'Bad'");
	memset(rec->fields[1].key, 'k', sizeof(rec->fields[1].key));
	expect_encode_refused(&tok, "record 1: field 2: key is longer than 16 characters");
	rec->fields[1].key[0] = '\0';
	expect_encode_refused(&tok, "record 1: field 2: empty key");
	strcpy(rec->fields[1].key, "v");
	expect_encode_refused(&tok, "record 1: key 'v' appears twice");
	strcpy(rec->fields[1].key, "k");
	free(rec->fields[1].value);
	rec->fields[1].value = repeat('x', MC_MAX_VALUE + 1);
	expect_encode_refused(&tok, "record 1: value of 'k' is longer than 1024 bytes");
	free(rec->fields[1].value);
	rec->fields[1].value = NULL;	/* taken as empty */
	{
		char *s = encode_ok(&tok), *want = seal("qat@v=1,k=");

		assert_string_equal(s, want);
		free(s);
		free(want);
	}

	rec->version = 2;
	expect_encode_refused(&tok, "record 1: 'v=1' does not match version 2");
	rec->version = 1;
	free(rec->fields[0].value);
	rec->fields[0].value = xstrdup("01");
	expect_encode_refused(&tok, "record 1: bad version 'v=01'");
	free(rec->fields[0].value);
	rec->fields[0].value = xstrdup("1");
	strcpy(rec->fields[0].key, "w");
	expect_encode_refused(&tok, "record 1: no 'v=' field");
	strcpy(rec->fields[0].key, "v");

	rec->nfields = MC_MAX_FIELDS + 1;
	expect_encode_refused(&tok, "record 1: more than 32 fields");
	rec->nfields = 2;

	tok.nrecords = MC_MAX_RECORDS + 1;
	expect_encode_refused(&tok, "more than 8 records");
	tok.nrecords = 1;
	mc_token_free(&tok);
}

static void test_encode_length_limit(void **state)
{
	struct mc_token tok = { .nrecords = 0 }, back;
	struct mc_record *rec;
	char *m, *s, *big;
	size_t r;

	(void)state;
	/* exactly 4096: "mig1:" + module + "@v=1" + ":" + 8 */
	m = repeat('m', MC_TOKEN_MAX - 18);
	assert_non_null(mc_token_add_record(&tok, m, 1));
	s = encode_ok(&tok);
	assert_int_equal(strlen(s), MC_TOKEN_MAX);
	decode_ok(s, &back);
	assert_same_token(&tok, &back);
	mc_token_free(&back);
	free(s);
	mc_token_free(&tok);
	free(m);

	m = repeat('m', MC_TOKEN_MAX - 17);
	assert_non_null(mc_token_add_record(&tok, m, 1));
	expect_encode_refused(&tok, "token would be longer than 4096 bytes");
	mc_token_free(&tok);
	free(m);

	/* Far over: eight records of 1024 escaped bytes each. */
	big = repeat('/', MC_MAX_VALUE);
	for (r = 0; r < MC_MAX_RECORDS; r++) {
		rec = mc_token_add_record(&tok, "a", 1);
		assert_int_equal(mc_record_set(rec, "k", big), 0);
	}
	expect_encode_refused(&tok, "token would be longer than 4096 bytes");
	mc_token_free(&tok);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_known_token),
		cmocka_unit_test(test_literal_escapes_and_v_order),
		cmocka_unit_test(test_encode_exact),
		cmocka_unit_test(test_roundtrip_table),
		cmocka_unit_test(test_roundtrip_all_bytes),
		cmocka_unit_test(test_roundtrip_bundle),
		cmocka_unit_test(test_accept_edges),
		cmocka_unit_test(test_refuse_outer),
		cmocka_unit_test(test_refuse_null_text),
		cmocka_unit_test(test_refuse_checksum),
		cmocka_unit_test(test_refuse_characters),
		cmocka_unit_test(test_refuse_grammar),
		cmocka_unit_test(test_limit_fields),
		cmocka_unit_test(test_limit_value),
		cmocka_unit_test(test_limit_token_length),
		cmocka_unit_test(test_why_buffer),
		cmocka_unit_test(test_why_long_piece),
		cmocka_unit_test(test_builder),
		cmocka_unit_test(test_encode_refusals),
		cmocka_unit_test(test_encode_length_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
