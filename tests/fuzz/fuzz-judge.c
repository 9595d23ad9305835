/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the judging path (mig-check(1) VERDICTS, KERNEL CHECK,
 * VENDOR MODULES): decode a token, judge each record whose module is built in
 * with the product's own judge.c against hand-built destination records and
 * candidates, and place the records.  Every module in mc_vendors[] takes part
 * through the data it declares (its kind, fields and migration driver).  Fail
 * safe is checked, not hoped for: a missing field a rule needs never leaves a
 * usable verdict.
 *
 * Input: the token, optionally followed by a newline and control bytes that
 * choose how each destination record differs from its source record, and
 * what the candidates' kernels say. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "device.h"
#include "judge.h"
#include "place.h"
#include "rules.h"
#include "token.h"
#include "util.h"
#include "vendor.h"
#include "verdict.h"

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

#define MAX_MODULES 16                 /* room for mc_vendors[] */
#define MAX_DEVS 3                     /* candidates per module: all of one kind */
#define MAX_CANDS (MC_MAX_RECORDS * MAX_DEVS)
#define BRUTE_LIMIT 20000              /* assignments the exhaustive check tries */

/* The first configured migration driver is what a VF action of a module
 * without a driver of its own (migration_driver) binds to: it
 * is full of shell syntax, so every action must quote it. */
static const char first_driver[] = "a'b;c$(touch${IFS}x)`d`\\e|f&g>h*";

/* Values a destination field may take instead of the source's. */
static const char *const others[] = {
	"", "0", "1", "2", "4", "128", "1048576", "1048577", "99999999999999999999",
	"x", "up", "down", "qat_vfio_pci", "vfio-pci", "nvme_vfio_pci", "nvme",
	"8086.4941", "8086.0443", "8086.591d", "1b36.0010", "1920x1200", "asym+sym",
	"GVTg_V5_4", first_driver,
};

/* ---- control bytes ---- */

struct ctl {
	const uint8_t *p;
	size_t n;
};

static unsigned next(struct ctl *c)
{
	if (!c->n)
		return 0;
	c->n--;
	return *c->p++;
}

/* ---- fake devices ---- */

/* Any name: the rules never read a candidate's type, an action names it. */
static char mdev_type[] = "mdev_type-1";

static void load_config(void)
{
	char path[] = "/tmp/mig-check-fuzz-conf.XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	if (!f) {
		perror("mkstemp");
		exit(1);
	}
	fprintf(f, "[global]\nmigration-drivers = %s nvme_vfio_pci,nvme\n", first_driver);
	fclose(f);
	mc_config_load(path);
	unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	load_config();
	return 0;
}

struct host {
	struct mc_dev gpu;                       /* the parent of mdev candidates */
	struct mc_dev pf;                        /* of VF candidates */
	struct mc_dev devs[MAX_MODULES][MAX_DEVS];   /* by index in mc_vendors[] */
	size_t ndevs[MAX_MODULES];
	const char *kver_attr;                   /* every candidate's, or NULL */
	enum mc_kwrite kwrite;
};

static void add_dev(struct host *h, size_t m, enum mc_kind kind, const char *name,
		    struct mc_dev *parent, long available)
{
	struct mc_dev *d = &h->devs[m][h->ndevs[m]++];

	d->kind = kind;
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->parent = parent;
	d->available = available;
	if (kind != MC_KIND_VF)
		d->type = mdev_type;
}

/* What each module's kind offers on a host: two mdevs and a creatable type
 * of a GPU, or two VFs of a PF. */
static void build_host(struct host *h, struct ctl *c)
{
	static const long avail[] = { -1, 1, 2, 3 };
	unsigned b = next(c);

	memset(h, 0, sizeof(*h));
	h->gpu.kind = MC_KIND_PARENT;
	snprintf(h->gpu.name, sizeof(h->gpu.name), "0000:00:02.0");
	h->gpu.available = -1;
	h->pf.kind = MC_KIND_PF;
	snprintf(h->pf.name, sizeof(h->pf.name), "0000:6b:00.0");
	h->pf.available = -1;
	h->kver_attr = b & 1 ? NULL : "migration_version";
	h->kwrite = b & 8 ? MC_NO_KWRITE : MC_KWRITE;

	for (size_t m = 0; mc_vendors[m]; m++) {
		CHECK(m < MAX_MODULES);
		if (mc_vendors[m]->kind == MC_KIND_MDEV) {
			add_dev(h, m, MC_KIND_MDEV, "83b8f4f2-509f-382f-3c1e-e6bfe0fa1001", &h->gpu, -1);
			add_dev(h, m, MC_KIND_MDEV, "0b5f5d3e-7c1a-4d2b-9e8f-6a5b4c3d2e1f", &h->gpu, -1);
			add_dev(h, m, MC_KIND_PARENT, h->gpu.name, &h->gpu, avail[(b >> 1) & 3]);
		} else {
			CHECK(mc_vendors[m]->kind == MC_KIND_VF);
			add_dev(h, m, MC_KIND_VF, "0000:6b:00.1", &h->pf, -1);
			add_dev(h, m, MC_KIND_VF, "0000:6b:00.2", &h->pf, -1);
		}
	}
}

/* ---- checks ---- */

/* Does @rec lack a field of @m that @flag says it needs? */
static bool lacks(const struct mc_record *rec, const struct mc_vendor *m, unsigned flag)
{
	for (const struct mc_field_info *f = m->fields; f->key; f++)
		if ((f->flags & flag) && !mc_record_get(rec, f->key))
			return true;
	return false;
}

/* 8-4-4-4-12 hex digits. */
static bool is_uuid(const char *s)
{
	static const char hex[] = "0123456789abcdefABCDEF";

	if (!s || strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !strchr(hex, s[i]) || !s[i])
			return false;
	return true;
}

/* Split a printed action the way a POSIX shell would, allowing only what
 * mc_shell_quote() produces: bare words of harmless characters, and
 * '...' runs joined with \'.  false when anything else appears. */
static bool shell_words(const char *s, char words[][2048], size_t max, size_t *n)
{
	static const char bare[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789-_.,:/@+=%";
	size_t len = 0;
	bool in_word = false;

	*n = 0;
	for (; *s; s++) {
		if (*s == ' ') {
			if (in_word) {
				words[*n - 1][len] = '\0';
				in_word = false;
			}
			continue;
		}
		if (!in_word) {
			if (*n == max)
				return false;
			(*n)++;
			len = 0;
			in_word = true;
		}
		if (*s == '\'') {
			for (s++; *s && *s != '\''; s++) {
				if (len == 2047)
					return false;
				words[*n - 1][len++] = *s;
			}
			if (!*s)
				return false;
		} else if (*s == '\\' && s[1] == '\'') {
			if (len == 2047)
				return false;
			words[*n - 1][len++] = '\'';
			s++;
		} else if (strchr(bare, *s)) {
			if (len == 2047)
				return false;
			words[*n - 1][len++] = *s;
		} else {
			return false;   /* an unquoted shell metacharacter */
		}
	}
	if (in_word)
		words[*n - 1][len] = '\0';
	return true;
}

/* The action a kind of candidate takes: create the mdev the VM had, or
 * bind the VF to the module's (first) migration driver. */
static void check_action(const struct mc_vendor *m, const struct mc_record *src,
			 const struct mc_dev *cand, const char *action)
{
	static char words[10][2048];
	char drivers[16][64];
	size_t n;

	CHECK(action);
	if (!shell_words(action, words, ARRAY_SIZE(words), &n)) {
		fprintf(stderr, "action not safely quoted: %s\n", action);
		abort();
	}
	if (cand->kind == MC_KIND_PARENT) {
		CHECK(n == 8);
		CHECK(!strcmp(words[0], "mdevctl") && !strcmp(words[1], "start"));
		CHECK(!strcmp(words[2], "--uuid") && !strcmp(words[3], mc_record_get(src, "uuid")));
		CHECK(!strcmp(words[4], "--parent") && !strcmp(words[5], cand->name));
		CHECK(!strcmp(words[6], "--type") && !strcmp(words[7], cand->type));
	} else {
		CHECK(cand->kind == MC_KIND_VF);
		CHECK(mc_migration_drivers(m, drivers, ARRAY_SIZE(drivers)) > 0);
		CHECK(n == 4);
		CHECK(!strcmp(words[0], "driverctl") && !strcmp(words[1], "set-override"));
		CHECK(!strcmp(words[2], cand->name));
		CHECK(!strcmp(words[3], drivers[0]));
	}
}

/* What mc_judge() promises: the verdict is the worst rule's, every reason
 * names a field and a rule, and only `identical` may come without one. */
static void check_judgement(const struct mc_judgement *j)
{
	enum mc_verdict worst = MC_IDENTICAL;

	for (size_t i = 0; i < j->nreasons; i++) {
		const struct mc_reason *r = &j->reasons[i];

		CHECK(r->field && *r->field);
		CHECK(r->rule && *r->rule);
		CHECK(r->category <= MC_CAT_OTHER);
		if (r->verdict > worst)
			worst = r->verdict;
	}
	CHECK(j->verdict == worst);
	CHECK(j->verdict == MC_IDENTICAL || j->nreasons > 0);
	CHECK(j->kcheck <= MC_KCHECK_ERROR);
}

/* ---- judging, as --accept does it, with made-up reads ---- */

/* The destination record: the source's fields as the module declares them,
 * each copied, dropped or changed as the control bytes say. */
static void make_dst(const struct mc_record *src, const struct mc_vendor *m,
		     struct ctl *c, struct mc_record *dst)
{
	for (const struct mc_field_info *f = m->fields; f->key; f++) {
		const char *v = f->flags & MC_FIELD_DST_ONLY ? f->good : mc_record_get(src, f->key);
		unsigned op = next(c);

		if (op % 4 == 1)
			v = NULL;                                   /* the destination lacks it */
		else if (op % 4 == 2)
			v = others[(op >> 2) % ARRAY_SIZE(others)]; /* it differs */
		if (v)
			mc_record_set(dst, f->key, v);
	}
}

static void judge(const struct mc_record *src, const struct mc_vendor *m,
		  const struct mc_dev *cand, const struct host *h,
		  struct ctl *c, struct mc_judgement *j)
{
	static const int errs[] = { EINVAL, EACCES, EPERM, EBUSY };
	struct mc_token local = { 0 };
	struct mc_record *dst;
	const char *kver;
	bool missing;

	if (!mc_judge_start(src, m, cand, j)) {
		CHECK(j->verdict == MC_UNKNOWN);
		return;
	}
	dst = mc_token_add_record(&local, m->name, m->version);
	CHECK(dst);
	make_dst(src, m, c, dst);

	kver = mc_judge_rules(src, dst, m, cand, h->kver_attr, h->kwrite, j);
	if (kver) {
		unsigned op = next(c);

		CHECK(h->kver_attr && h->kwrite == MC_KWRITE && mc_verdict_usable(j->verdict));
		mc_judge_kernel(j, kver, (enum mc_kanswer)(op % 4), errs[(op >> 2) % ARRAY_SIZE(errs)]);
	}
	check_judgement(j);

	missing = lacks(src, m, MC_FIELD_SRC_NEEDED) || lacks(dst, m, MC_FIELD_DST_NEEDED) ||
		  (cand->kind == MC_KIND_PARENT && !is_uuid(mc_record_get(src, "uuid")));
	if (missing && mc_verdict_usable(j->verdict)) {
		fprintf(stderr, "module %s: a required field is missing, yet %s\n",
			m->name, mc_verdict_name(j->verdict));
		abort();
	}
	if (j->verdict == MC_ACTIONABLE)
		check_action(m, src, cand, j->action);
	mc_judge_finish(j);
	CHECK(j->verdict == MC_ACTIONABLE || !j->action);
	mc_token_free(&local);
}

/* ---- placement, checked against an exhaustive search ---- */

struct brute {
	const struct mc_cand *c;
	size_t n, nrecords;
	size_t uses[MAX_CANDS];        /* records placed per candidate's device */
	size_t best_count;
	enum mc_verdict best_worst;    /* for best_count placements */
	size_t tries;
};

static size_t dev_uses(const struct brute *b, const long *assign, size_t upto,
		       const struct mc_dev *dev)
{
	size_t u = 0;

	for (size_t r = 0; r < upto; r++)
		if (assign[r] >= 0 && b->c[assign[r]].dev == dev)
			u++;
	return u;
}

static void search(struct brute *b, long *assign, size_t r, size_t count, enum mc_verdict worst)
{
	if (r == b->nrecords) {
		if (count > b->best_count || (count == b->best_count && worst < b->best_worst)) {
			b->best_count = count;
			b->best_worst = worst;
		}
		return;
	}
	assign[r] = -1;
	search(b, assign, r + 1, count, worst);
	for (size_t i = 0; i < b->n; i++) {
		const struct mc_cand *ci = &b->c[i];

		if (ci->record != r || !mc_verdict_usable(ci->j.verdict))
			continue;
		if ((long)dev_uses(b, assign, r, ci->dev) >= mc_capacity(ci->dev))
			continue;
		assign[r] = (long)i;
		search(b, assign, r + 1, count + 1, ci->j.verdict > worst ? ci->j.verdict : worst);
		assign[r] = -1;
	}
}

static void check_placement(const struct mc_cand *c, size_t n, size_t nrecords,
			    const struct mc_placement *p)
{
	size_t placed = 0, options = 1;
	enum mc_verdict worst = MC_IDENTICAL;

	for (size_t r = 0; r < nrecords; r++) {
		long k = p->cand[r];
		size_t usable = 0;

		for (size_t i = 0; i < n; i++)
			usable += c[i].record == r && mc_verdict_usable(c[i].j.verdict);
		options *= usable + 1;
		if (k < 0) {
			CHECK(!mc_verdict_usable(p->record_verdict[r]));
			continue;
		}
		CHECK((size_t)k < n);
		CHECK(c[k].record == r);
		CHECK(mc_verdict_usable(c[k].j.verdict));
		CHECK(p->record_verdict[r] == c[k].j.verdict);
		placed++;
		if (c[k].j.verdict > worst)
			worst = c[k].j.verdict;
		{
			size_t same = 0;

			for (size_t s = 0; s < nrecords; s++)
				same += p->cand[s] >= 0 && c[p->cand[s]].dev == c[k].dev;
			CHECK((long)same <= mc_capacity(c[k].dev));
		}
	}
	if (placed == nrecords)
		CHECK(p->verdict == worst);
	else
		CHECK(!mc_verdict_usable(p->verdict));

	if (options <= BRUTE_LIMIT) {
		struct brute b = { .c = c, .n = n, .nrecords = nrecords, .best_worst = MC_UNSUPPORTED };
		long assign[MC_MAX_RECORDS];

		search(&b, assign, 0, 0, MC_IDENTICAL);
		CHECK(placed == b.best_count);
		if (placed)
			CHECK(worst == b.best_worst);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct mc_vendor *mods[MC_MAX_RECORDS];
	struct mc_cand c[MAX_CANDS];
	struct mc_placement place;
	struct mc_token tok = { 0 };
	const uint8_t *nl = memchr(data, '\n', size);
	size_t tlen = nl ? (size_t)(nl - data) : size, n = 0;
	struct ctl ctl = { nl ? nl + 1 : data + size, nl ? size - tlen - 1 : 0 };
	char why[256], *text;
	struct host h;

	text = malloc(tlen + 1);
	if (!text)
		return 0;
	memcpy(text, data, tlen);
	text[tlen] = '\0';
	if (mc_token_decode(text, &tok, why, sizeof(why)) < 0) {
		mc_token_free(&tok);
		free(text);
		return 0;
	}
	/* --accept refuses a token whose module is not built in. */
	for (size_t r = 0; r < tok.nrecords; r++) {
		mods[r] = mc_vendor_find(tok.records[r].module);
		if (!mods[r])
			goto out;
	}

	build_host(&h, &ctl);
	for (size_t m = 0; mc_vendors[m]; m++) {
		for (size_t d = 0; d < h.ndevs[m]; d++) {
			for (size_t r = 0; r < tok.nrecords; r++) {
				if (mods[r] != mc_vendors[m])
					continue;
				memset(&c[n], 0, sizeof(c[n]));
				c[n].dev = &h.devs[m][d];
				c[n].record = r;
				judge(&tok.records[r], mods[r], c[n].dev, &h, &ctl, &c[n].j);
				n++;
			}
		}
	}
	mc_place(c, n, tok.nrecords, &place);
	check_placement(c, n, tok.nrecords, &place);

	for (size_t i = 0; i < n; i++)
		mc_judgement_free(&c[i].j);
	mc_judgement_free(&place.notes);
out:
	mc_token_free(&tok);
	free(text);
	return 0;
}
