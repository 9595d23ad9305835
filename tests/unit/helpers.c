/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixture, records and reason checks shared by the modules' unit tests. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"

int setup_module(void **state, const char *module)
{
	struct judge_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return -1;
	c->m = mc_vendor_find(module);
	if (!c->m || !c->m->compare) {
		fprintf(stderr, "module %s is not in mc_vendors[]\n", module);
		free(c);
		return -1;
	}
	mc_config_free();
	*state = c;
	return 0;
}

void reset_module(void **state)
{
	struct judge_ctx *c = *state;

	mc_token_free(&c->src);
	mc_token_free(&c->dst);
	mc_judgement_free(&c->j);
}

int teardown_module(void **state)
{
	reset_module(state);
	free(*state);
	mc_config_free();
	return 0;
}

/* mig-check-formats(5) TOKEN/Grammar:
 * module = 1*( a-z / 0-9 / "-" ), key = 1*16( a-z / 0-9 / "_" ). */
static bool made_of(const char *s, const char *extra, size_t max)
{
	size_t n = strlen(s);

	if (!n || n > max)
		return false;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') && !strchr(extra, *s))
			return false;
	return true;
}

const struct mc_vendor *check_module(const char *name, unsigned version)
{
	const struct mc_vendor *m = mc_vendor_find(name);

	assert_non_null(m);
	assert_string_equal(m->name, name);
	assert_true(made_of(m->name, "-", 64));
	assert_int_equal(m->version, version);
	assert_non_null(m->wants_pci);
	assert_non_null(m->claims);
	assert_non_null(m->offers);
	assert_non_null(m->encode);
	assert_non_null(m->compare);
	assert_non_null(m->migratable);
	assert_true(m->kind == MC_KIND_MDEV || m->kind == MC_KIND_VF);
	assert_true(m->kind == MC_KIND_VF || !m->migration_driver);
	assert_non_null(m->fields);
	assert_non_null(m->fields[0].key);
	for (const struct mc_field_info *f = m->fields; f->key; f++) {
		assert_true(made_of(f->key, "_", 16));
		assert_string_not_equal(f->key, "v");
		assert_string_not_equal(f->key, "kver");
		assert_true(!(f->flags & MC_FIELD_DST_ONLY) == !f->good);
		assert_true(!(f->flags & MC_FIELD_DST_ONLY) || !(f->flags & MC_FIELD_SRC_NEEDED));
		for (const struct mc_field_info *g = m->fields; g != f; g++)
			assert_string_not_equal(f->key, g->key);
	}
	return m;
}

void load_config(const char *text)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/mig-check-test.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	mc_config_free();
	mc_config_load(path);
	unlink(path);
}

const struct mc_record *make_record(struct mc_token *t, const char *module,
				    const struct kv *kv, size_t n)
{
	struct mc_record *rec = mc_token_add_record(t, module, 1);

	assert_non_null(rec);
	for (size_t i = 0; i < n; i++)
		if (kv[i].value)
			assert_int_equal(mc_record_set(rec, kv[i].key, kv[i].value), 0);
	return rec;
}

struct mc_judgement *judge_records(void **state, const struct mc_record *src,
				   const struct mc_record *dst, const struct mc_dev *cand)
{
	struct judge_ctx *c = *state;

	c->m->compare(src, dst, cand, &c->j);
	return &c->j;
}

const struct mc_reason *nth_reason(const struct mc_judgement *j, const char *field, size_t nth)
{
	for (size_t i = 0; i < j->nreasons; i++)
		if (!strcmp(j->reasons[i].field, field) && nth-- == 0)
			return &j->reasons[i];
	return NULL;
}

size_t reason_count(const struct mc_judgement *j, const char *field)
{
	size_t n = 0;

	for (size_t i = 0; i < j->nreasons; i++)
		n += !strcmp(j->reasons[i].field, field);
	return n;
}

void check_one(const struct mc_reason *r, enum mc_verdict v, enum mc_category cat,
	       const char *src, const char *dst, const char *rule)
{
	assert_non_null(r);
	assert_int_equal(r->verdict, v);
	assert_int_equal(r->category, cat);
	if (src)
		assert_string_equal(r->source, src);
	else
		assert_null(r->source);
	if (dst)
		assert_string_equal(r->destination, dst);
	else
		assert_null(r->destination);
	if (rule)
		assert_string_equal(r->rule, rule);
}

void check_reason(const struct mc_judgement *j, const char *field,
		  enum mc_verdict v, enum mc_category cat, const char *src,
		  const char *dst, const char *rule)
{
	assert_int_equal(reason_count(j, field), 1);
	check_one(nth_reason(j, field, 0), v, cat, src, dst, rule);
}
