/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the judging path (SPEC 6, 7, 9): decode a token, judge
 * each record whose module is built in against hand-built destination
 * records and candidates, and place the records.  Fail safe is checked, not
 * hoped for: a missing field a rule needs never leaves a usable verdict.
 *
 * Input: the token, optionally followed by a newline and control bytes that
 * choose how each destination record differs from its source record. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "device.h"
#include "kcheck.h"
#include "place.h"
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

#define MAX_DEVS 3                     /* candidates per module */
#define MAX_CANDS (MC_MAX_RECORDS * MAX_DEVS)
#define BRUTE_LIMIT 20000              /* assignments the exhaustive check tries */

/* The first configured migration driver is what an NVMe action binds to: it
 * is full of shell syntax, so every action must quote it. */
static const char first_driver[] = "a'b;c$(touch${IFS}x)`d`\\e|f&g>h*";

/* ---- the modules' fields ---- */

struct rules {
	const char *name;
	const char *const *dst_keys;      /* what the destination's encode fills */
	const char *const *src_needs;     /* a source record without one is never usable */
	const char *const *dst_needs;     /* nor is a destination record without one */
	enum mc_kind kind;                /* of an existing candidate */
};

static const char *const gvt_keys[] = {
	"dev", "type", "low", "high", "fence", "res", "weight", "agg", NULL };
static const char *const gvt_needs[] = {
	"dev", "type", "low", "high", "fence", "res", "agg", NULL };
static const char *const qat_keys[] = { "dev", "pf", "gen", "svc", "drv", "state", NULL };
static const char *const qat_src_needs[] = { "dev", "pf", "svc", "drv", NULL };
static const char *const qat_dst_needs[] = { "dev", "pf", "svc", "state", NULL };
static const char *const nvme_keys[] = { "dev", "pf", "mn", "fr", "drv", "store", NULL };
static const char *const nvme_src_needs[] = { "dev", "pf", "mn", "fr", "drv", "store", NULL };
static const char *const nvme_dst_needs[] = { "dev", "pf", "mn", "fr", "store", NULL };

static const struct rules all_rules[] = {
	{ "i915-gvt", gvt_keys, gvt_needs, gvt_needs, MC_KIND_MDEV },
	{ "qat", qat_keys, qat_src_needs, qat_dst_needs, MC_KIND_VF },
	{ "nvme", nvme_keys, nvme_src_needs, nvme_dst_needs, MC_KIND_VF },
};

static const struct rules *rules_for(const char *module)
{
	for (size_t i = 0; i < ARRAY_SIZE(all_rules); i++)
		if (!strcmp(all_rules[i].name, module))
			return &all_rules[i];
	return NULL;
}

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

static char gpu_with[256], gpu_without[256];
static char gvt_type[] = "i915-GVTg_V5_4";

static void make_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || close(fd) < 0) {
		perror(path);
		exit(1);
	}
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST) {
		perror(path);
		exit(1);
	}
}

/* Two GPU "sysfs" directories: one whose type has migration_version, one
 * without, so the kernel-check rules see both sides. */
static void make_gpus(void)
{
	char tmpl[] = "/tmp/mig-check-fuzz.XXXXXX", path[512];
	const char *base = mkdtemp(tmpl);

	if (!base) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(gpu_with, sizeof(gpu_with), "%s/with", base);
	snprintf(gpu_without, sizeof(gpu_without), "%s/without", base);
	make_dir(gpu_with);
	make_dir(gpu_without);
	snprintf(path, sizeof(path), "%s/mdev_supported_types", gpu_with);
	make_dir(path);
	snprintf(path, sizeof(path), "%s/mdev_supported_types/%s", gpu_with, gvt_type);
	make_dir(path);
	snprintf(path, sizeof(path), "%s/mdev_supported_types/%s/migration_version",
		 gpu_with, gvt_type);
	make_file(path);
}

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
	make_gpus();
	load_config();
	return 0;
}

struct host {
	struct mc_dev gpu;                       /* the parent of GVT-g candidates */
	struct mc_dev pf;                        /* of VF candidates */
	struct mc_dev devs[ARRAY_SIZE(all_rules)][MAX_DEVS];
	size_t ndevs[ARRAY_SIZE(all_rules)];
};

static void build_host(struct host *h, struct ctl *c)
{
	static const char *const mdevs[] = {
		"83b8f4f2-509f-382f-3c1e-e6bfe0fa1001", "0b5f5d3e-7c1a-4d2b-9e8f-6a5b4c3d2e1f",
	};
	static const long avail[] = { -1, 1, 2, 3 };
	unsigned b = next(c);

	memset(h, 0, sizeof(*h));
	h->gpu.kind = MC_KIND_PARENT;
	snprintf(h->gpu.name, sizeof(h->gpu.name), "0000:00:02.0");
	h->gpu.syspath = b & 1 ? gpu_without : gpu_with;
	h->gpu.available = -1;
	h->pf.kind = MC_KIND_PF;
	snprintf(h->pf.name, sizeof(h->pf.name), "0000:6b:00.0");
	h->pf.available = -1;

	for (size_t i = 0; i < ARRAY_SIZE(mdevs); i++) {
		struct mc_dev *d = &h->devs[0][h->ndevs[0]++];

		d->kind = MC_KIND_MDEV;
		snprintf(d->name, sizeof(d->name), "%s", mdevs[i]);
		d->type = gvt_type;
		d->parent = &h->gpu;
		d->available = -1;
	}
	{
		struct mc_dev *d = &h->devs[0][h->ndevs[0]++];

		d->kind = MC_KIND_PARENT;
		snprintf(d->name, sizeof(d->name), "%s", h->gpu.name);
		d->type = gvt_type;
		d->parent = &h->gpu;
		d->available = avail[(b >> 1) & 3];
	}
	for (size_t m = 1; m < ARRAY_SIZE(all_rules); m++) {
		for (size_t i = 0; i < 2; i++) {
			struct mc_dev *d = &h->devs[m][h->ndevs[m]++];

			d->kind = MC_KIND_VF;
			snprintf(d->name, sizeof(d->name), "0000:6b:00.%zu", i + 1);
			d->parent = &h->pf;
			d->available = -1;
		}
	}
}

/* ---- checks ---- */

static bool lacks(const struct mc_record *rec, const char *const *keys)
{
	for (; *keys; keys++)
		if (!mc_record_get(rec, *keys))
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

static void check_action(const char *module, const struct mc_record *src,
			 const struct mc_dev *cand, const char *action)
{
	static char words[10][2048];
	size_t n;

	CHECK(action);
	if (!shell_words(action, words, ARRAY_SIZE(words), &n)) {
		fprintf(stderr, "action not safely quoted: %s\n", action);
		abort();
	}
	if (!strcmp(module, "i915-gvt")) {
		CHECK(n == 8);
		CHECK(!strcmp(words[0], "mdevctl") && !strcmp(words[1], "start"));
		CHECK(!strcmp(words[2], "--uuid") && !strcmp(words[3], mc_record_get(src, "uuid")));
		CHECK(!strcmp(words[4], "--parent") && !strcmp(words[5], cand->name));
		CHECK(!strcmp(words[6], "--type") && !strcmp(words[7], cand->type));
	} else {
		CHECK(n == 4);
		CHECK(!strcmp(words[0], "driverctl") && !strcmp(words[1], "set-override"));
		CHECK(!strcmp(words[2], cand->name));
		CHECK(!strcmp(words[3], strcmp(module, "qat") ? first_driver : "qat_vfio_pci"));
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

/* ---- judging, as --accept does it ---- */

static void judge(const struct mc_record *src, const struct mc_vendor *m,
		  const struct rules *ru, const struct mc_dev *cand, bool no_write,
		  struct ctl *c, struct mc_judgement *j)
{
	struct mc_token local = { 0 };
	struct mc_record *dst;
	bool missing;

	if (src->version > m->version) {
		mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, "v", NULL, NULL,
			 "field-set version is newer than this mig-check knows");
		return;
	}
	dst = mc_token_add_record(&local, m->name, m->version);
	CHECK(dst);
	for (const char *const *k = ru->dst_keys; *k; k++) {
		const char *v = mc_record_get(src, *k);
		unsigned op = next(c);

		if (op % 4 == 1)
			v = NULL;                                   /* the destination lacks it */
		else if (op % 4 == 2)
			v = others[(op >> 2) % ARRAY_SIZE(others)]; /* it differs */
		else if (!strcmp(*k, "state") && op % 4 == 0)
			v = "up";                                   /* a running PF */
		if (v)
			mc_record_set(dst, *k, v);
	}

	m->compare(src, dst, cand, j);
	mc_kcheck(src, m, cand, no_write, j);
	check_judgement(j);

	missing = lacks(src, ru->src_needs) || lacks(dst, ru->dst_needs) ||
		  (cand->kind == MC_KIND_PARENT && !is_uuid(mc_record_get(src, "uuid")));
	if (missing && mc_verdict_usable(j->verdict)) {
		fprintf(stderr, "module %s: a required field is missing, yet %s\n",
			m->name, mc_verdict_name(j->verdict));
		abort();
	}
	if (j->verdict == MC_ACTIONABLE)
		check_action(m->name, src, cand, j->action);
	if (j->verdict != MC_ACTIONABLE) {
		free(j->action);
		j->action = NULL;
	}
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
	const struct rules *ru[MC_MAX_RECORDS];
	struct mc_cand c[MAX_CANDS];
	struct mc_placement place;
	struct mc_token tok = { 0 };
	const uint8_t *nl = memchr(data, '\n', size);
	size_t tlen = nl ? (size_t)(nl - data) : size, n = 0;
	struct ctl ctl = { nl ? nl + 1 : data + size, nl ? size - tlen - 1 : 0 };
	char why[256], *text;
	struct host h;
	bool no_write;

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
		ru[r] = rules_for(tok.records[r].module);
		if (!mods[r] || !ru[r])
			goto out;
	}

	build_host(&h, &ctl);
	no_write = !(next(&ctl) & 1);
	for (size_t m = 0; m < ARRAY_SIZE(all_rules); m++) {
		for (size_t d = 0; d < h.ndevs[m]; d++) {
			for (size_t r = 0; r < tok.nrecords; r++) {
				if (ru[r] != &all_rules[m])
					continue;
				memset(&c[n], 0, sizeof(c[n]));
				c[n].dev = &h.devs[m][d];
				c[n].record = r;
				judge(&tok.records[r], mods[r], ru[r], c[n].dev, no_write, &ctl, &c[n].j);
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
