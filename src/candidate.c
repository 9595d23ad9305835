/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Judging candidates on this host: the reads and the vanished check around
 * judge.c's rules, one /proc scan for the VFIO nodes of those that passed,
 * and the kernel write for those still usable (mig-check(1), VERDICTS and
 * KERNEL CHECK). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "candidate.h"
#include "devarg.h"
#include "holders.h"
#include "judge.h"
#include "kcheck.h"
#include "rules.h"
#include "util.h"
#include "vendor.h"

/* Does @path lie inside the directory @dir? */
static bool path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && path[n] == '/';
}

/* A candidate (or its parent) that vanished while it was read reads as if
 * its attributes were absent; that must not pass for what the kernel shows
 * (mig-check(1) DESCRIPTION/Devices).  An mdev or a type lives inside its
 * parent's directory: that it is still there says the parent is. */
static bool vanished(const struct mc_dev *cand, struct mc_judgement *j)
{
	const struct mc_dev *gone = NULL, *parent = cand->parent;
	int e;

	if (cand->syspath && !mc_dev_present(cand))
		gone = cand;
	else if (parent && parent->syspath &&
		 !(cand->syspath && path_within(cand->syspath, parent->syspath)) &&
		 !mc_dev_present(parent))
		gone = parent;
	if (!gone)
		return false;
	e = errno;
	mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, "device", NULL, strerror(e),
		 "%s vanished while it was read: %s", gone->name, strerror(e));
	return true;
}

/* One candidate between the steps of mc_accept_judge_all(). */
struct step {
	const struct mc_sysdir *kdir;
	char *kpath;          /* its migration_version, or NULL */
	const char *kver;     /* the write that is due, or NULL */
	struct mc_use use;
	size_t node, nnodes;  /* its VFIO nodes in the scan's list */
	bool mdev;            /* held only through a node; else through enable */
};

/* Does an mdev with the UUID @rec is to create exist here?  Asked once per
 * record of a run: *@taken is -1 until then. */
static bool uuid_taken(const struct mc_record *rec, signed char *taken)
{
	const char *uuid = mc_record_get(rec, "uuid");
	char name[40];
	bool is_mdev;

	if (*taken < 0)
		*taken = uuid && mc_device_arg(uuid, name, &is_mdev) && is_mdev &&
			 mc_device_exists(name);
	return *taken;
}

/* mig-check(1) VERDICTS/Held devices: a creatable type with no free
 * instance, or whose mdev, by the UUID to create, exists already, takes
 * nothing. */
static void judge_creatable(const struct mc_record *rec, const struct mc_dev *cand,
			    signed char *taken, struct mc_judgement *j)
{
	if (cand->kind != MC_KIND_PARENT || !cand->type)
		return;
	if (cand->available == 0)
		mc_judge_full(j);
	if (uuid_taken(rec, taken))
		mc_judge_uuid_taken(j, mc_record_get(rec, "uuid"));
}

/* Read @cand, apply the module's rules: the kernel write due, if any, in @s. */
static void judge_rules(const struct mc_record *rec, const struct mc_vendor *m,
			const struct mc_dev *cand, enum mc_kwrite kwrite, signed char *taken,
			struct mc_judgement *j, struct step *s)
{
	struct mc_token local = { 0 };
	struct mc_record *dst;
	char why[512];

	if (!mc_judge_start(rec, m, cand, j))
		return;
	dst = mc_token_add_record(&local, m->name, m->version);
	if (m->encode(cand, MC_SIDE_DESTINATION, dst, why, sizeof(why)) < 0) {
		mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, "device", NULL, NULL, "%s", why);
	} else if (!vanished(cand, j)) {
		judge_creatable(rec, cand, taken, j);
		s->kpath = mc_dev_kver_path(cand, &s->kdir);
		s->kver = mc_judge_rules(rec, dst, m, cand, s->kpath, kwrite, j);
	}
	mc_token_free(&local);
}

/* mig-check(1) VERDICTS/Held devices: vfio-pci, a variant, or a driver the
 * configuration names. */
static bool is_vfio_driver(const char *drv)
{
	static const char suffix[] = "_vfio_pci";
	static const struct mc_vendor none;   /* no driver of its own: the configuration's */
	char list[16][64];
	size_t len, n;

	if (!drv)
		return false;
	len = strlen(drv);
	if (!strcmp(drv, "vfio-pci") ||
	    (len > sizeof(suffix) - 1 && !strcmp(drv + len - (sizeof(suffix) - 1), suffix)))
		return true;
	n = mc_migration_drivers(&none, list, ARRAY_SIZE(list));
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], drv))
			return true;
	return false;
}

static void add_node(char ***paths, size_t *n, char *path)
{
	*paths = xrealloc(*paths, (*n + 1) * sizeof(**paths));
	(*paths)[(*n)++] = path;
}

/* The VFIO nodes of @d onto @paths; false with errno and the
 * attribute in @*attr when they cannot be told. */
static bool vfio_nodes(const struct mc_dev *d, char ***paths, size_t *n, const char **attr)
{
	char group[64], **names;
	unsigned long g;
	size_t count;

	*attr = "iommu_group";
	if (mc_dev_link_name(d, "iommu_group", group, sizeof(group))) {
		if (!mc_parse_ulong(group, ULONG_MAX, &g)) {
			errno = EINVAL;
			return false;
		}
		/* A noiommu group's node has a prefix: a node that is not
		 * there is held by nobody. */
		add_node(paths, n, xasprintf("/dev/vfio/%lu", g));
		add_node(paths, n, xasprintf("/dev/vfio/noiommu-%lu", g));
	} else if (errno != ENOENT) {
		return false;
	}
	*attr = "vfio-dev";
	names = mc_dev_list_dir(d, "vfio-dev", &count);
	if (!names)
		return errno == ENOENT;
	for (size_t i = 0; i < count; i++) {
		if (!strncmp(names[i], "vfio", 4) && mc_parse_ulong(names[i] + 4, ULONG_MAX, &g))
			add_node(paths, n, xasprintf("/dev/vfio/devices/vfio%lu", g));
		free(names[i]);
	}
	free(names);
	return true;
}

/* What can be told of @d's use before the scan; its nodes onto @paths
 * when the scan is to tell more. */
static void use_facts(const struct mc_dev *d, struct step *s, char ***paths, size_t *n,
		      char *buf, size_t len)
{
	const char *attr;

	s->node = *n;
	if (d->kind == MC_KIND_MDEV) {
		s->mdev = true;
	} else if (d->kind == MC_KIND_PARENT || !is_vfio_driver(d->driver)) {
		return;   /* a type holds nothing; a host driver enabled its device */
	} else if (!mc_dev_read_line(d, "enable", buf, len)) {
		s->use = (struct mc_use){ .state = MC_USE_UNREADABLE, .attr = "enable", .err = errno };
		return;
	} else if (!mc_parse_ulong(buf, INT_MAX, &s->use.enable)) {
		s->use = (struct mc_use){ .state = MC_USE_UNREADABLE, .attr = "enable",
					  .value = buf, .err = EINVAL };
		return;
	} else if (s->use.enable == 0) {
		return;   /* idle: no process has it open */
	} else {
		s->use.state = MC_USE_ENABLED;
	}
	if (!vfio_nodes(d, paths, n, &attr)) {
		if (s->mdev)
			s->use = (struct mc_use){ .state = MC_USE_UNREADABLE, .attr = attr, .err = errno };
		/* else the enable count alone says it is held */
		while (*n > s->node)
			free((*paths)[--*n]);
	}
	s->nnodes = *n - s->node;
}

/* mc_accept_judge_all() on the records @recs of a token. */
static void judge_all(const struct mc_record *recs, const struct mc_vendor *const *mods,
		      struct mc_cand *c, size_t n, enum mc_kwrite kwrite)
{
	struct step *s = xcalloc(n ? n : 1, sizeof(*s));
	char (*enable)[32] = xcalloc(n ? n : 1, sizeof(*enable));
	signed char taken[MC_MAX_RECORDS];
	struct mc_holder *held = NULL;
	struct mc_holders how;
	char **paths = NULL;
	size_t npaths = 0;

	memset(taken, -1, sizeof(taken));
	for (size_t i = 0; i < n; i++) {
		if (c[i].judged)
			continue;
		judge_rules(&recs[c[i].record], mods[c[i].record], c[i].dev, kwrite,
			    &taken[c[i].record], &c[i].j, &s[i]);
		/* mig-check(1) VERDICTS/Held devices: only a candidate that
		 * passed every other rule. */
		if (mc_verdict_usable(c[i].j.verdict))
			use_facts(c[i].dev, &s[i], &paths, &npaths, enable[i], sizeof(enable[i]));
	}
	if (npaths) {
		/* One scan of /proc serves every candidate. */
		held = xcalloc(npaths, sizeof(*held));
		mc_holders_scan((const char *const *)paths, npaths, held, &how);
		for (size_t i = 0; i < n; i++) {
			for (size_t k = s[i].node; k < s[i].node + s[i].nnodes; k++) {
				if (held[k].pid) {
					s[i].use = (struct mc_use){ .state = MC_USE_HOLDER,
								    .holder = &held[k] };
					break;
				}
			}
			if (s[i].nnodes && s[i].mdev && s[i].use.state == MC_USE_FREE &&
			    (how.incomplete || how.err))
				s[i].use = (struct mc_use){ .state = MC_USE_UNTOLD, .err = how.err };
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (c[i].judged)
			continue;
		mc_judge_use(&c[i].j, &s[i].use, s[i].kver);
		if (s[i].kver && mc_verdict_usable(c[i].j.verdict))
			mc_kcheck_write(s[i].kdir, s[i].kpath, s[i].kver, &c[i].j);
		free(s[i].kpath);
		mc_judge_finish(&c[i].j);
		c[i].judged = true;
	}
	for (size_t k = 0; k < npaths; k++)
		free(paths[k]);
	free(paths);
	free(held);
	free(enable);
	free(s);
}

void mc_accept_judge_all(const struct mc_token *tok, const struct mc_vendor *const *mods,
			 struct mc_cand *c, size_t n, enum mc_kwrite kwrite)
{
	judge_all(tok->records, mods, c, n, kwrite);
}

void mc_accept_judge(const struct mc_record *rec, const struct mc_vendor *m,
		     const struct mc_dev *cand, enum mc_kwrite kwrite, struct mc_judgement *j)
{
	struct mc_cand c = { .dev = cand, .j = *j };

	judge_all(rec, &m, &c, 1, kwrite);
	*j = c.j;
}
