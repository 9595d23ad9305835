/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --accept: decode, find the candidates each record's module offers, let
 * the module's rules and then the kernel judge each, place the records,
 * print. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libsmartcols.h>

#include "accept.h"
#include "columns.h"
#include "decode.h"
#include "devarg.h"
#include "holders.h"
#include "json.h"
#include "judge.h"
#include "kcheck.h"
#include "pcilib.h"
#include "pin.h"
#include "place.h"
#include "restrict.h"
#include "rules.h"
#include "scan.h"
#include "util.h"
#include "vendor.h"

enum {
	COL_DEVICE, COL_TYPE, COL_KIND, COL_MODULE, COL_VERDICT, COL_ACTION, COL_REASON,
	COL_PARENT, COL_RECORD, COL_KCHECK, COL_PLACED,
};

static const struct mc_colinfo accept_columns[] = {
	[COL_DEVICE] = { "DEVICE", 0, 0, "PCI address or mdev UUID of the candidate" },
	[COL_TYPE] = { "TYPE", 0, 0, "mdev type of an mdev or a creatable type (empty for a VF)" },
	[COL_KIND] = { "KIND", 0, 0, "mdev, parent (a creatable mdev type), vf" },
	[COL_MODULE] = { "MODULE", 0, 0, "vendor module that judged it" },
	[COL_VERDICT] = { "VERDICT", 0, 0, "identical, compatible, actionable, incompatible, unsupported, unknown" },
	[COL_ACTION] = { "ACTION", 0, 0, "command to run before migrating" },
	[COL_REASON] = { "REASON", 0, SCOLS_FL_WRAP, "first reason (all with --verbose)" },
	[COL_PARENT] = { "PARENT", 0, 0, "parent PCI device of an mdev, PF of a VF" },
	[COL_RECORD] = { "RECORD", 0, 0, "token record judged, from 1" },
	[COL_KCHECK] = { "KCHECK", 0, 0, "kernel migration_version check" },
	[COL_PLACED] = { "PLACED", 0, 0, "record placed on this candidate" },
};

static const int accept_defaults[] = {
	COL_DEVICE, COL_TYPE, COL_KIND, COL_MODULE, COL_VERDICT, COL_ACTION, COL_REASON,
};

void mc_accept_columns_help(FILE *out)
{
	mc_columns_help(out, "Columns for --accept:", accept_columns, ARRAY_SIZE(accept_columns));
}

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

static struct json_object *json_reasons(const struct mc_judgement *j)
{
	struct json_object *a = json_object_new_array();

	for (size_t i = 0; i < j->nreasons; i++) {
		const struct mc_reason *r = &j->reasons[i];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "field", mc_json_str(r->field));
		json_object_object_add(o, "source", mc_json_str(r->source));
		json_object_object_add(o, "destination", mc_json_str(r->destination));
		json_object_object_add(o, "rule", mc_json_str(r->rule));
		json_object_object_add(o, "category", mc_json_str(mc_category_name(r->category)));
		json_object_array_add(a, o);
	}
	return a;
}

static void print_json(const struct mc_token *tok, const struct mc_cand *c, size_t n,
		       const struct mc_placement *p)
{
	struct json_object *doc = mc_json_doc();
	struct json_object *jtok = json_object_new_object(), *recs = json_object_new_array();
	struct json_object *pl = json_object_new_array(), *cands = json_object_new_array();

	json_object_object_add(doc, "verdict", json_object_new_string(mc_verdict_name(p->verdict)));
	for (size_t r = 0; r < tok->nrecords; r++)
		json_object_array_add(recs, mc_json_record(&tok->records[r]));
	json_object_object_add(jtok, "records", recs);
	json_object_object_add(doc, "token", jtok);
	for (size_t r = 0; r < tok->nrecords; r++) {
		struct json_object *o = json_object_new_object();
		const struct mc_dev *d = p->cand[r] >= 0 ? c[p->cand[r]].dev : NULL;

		json_object_object_add(o, "record", json_object_new_int((int)r));
		json_object_object_add(o, "device", d ? json_object_new_string(d->name) : NULL);
		json_object_object_add(o, "type", d && d->type ? json_object_new_string(d->type) : NULL);
		json_object_object_add(o, "verdict",
				       json_object_new_string(mc_verdict_name(p->record_verdict[r])));
		json_object_array_add(pl, o);
	}
	json_object_object_add(doc, "placements", pl);
	for (size_t i = 0; i < n; i++) {
		const struct mc_dev *d = c[i].dev;
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "device", json_object_new_string(d->name));
		json_object_object_add(o, "kind", json_object_new_string(mc_kind_name(d->kind)));
		json_object_object_add(o, "parent", d->parent && d->kind != MC_KIND_PARENT
				       ? json_object_new_string(d->parent->name) : NULL);
		json_object_object_add(o, "type", mc_json_str(d->type));
		json_object_object_add(o, "module", mc_json_str(d->module->name));
		json_object_object_add(o, "record", json_object_new_int((int)c[i].record));
		json_object_object_add(o, "verdict", mc_json_str(mc_verdict_name(c[i].j.verdict)));
		json_object_object_add(o, "action", mc_json_str(c[i].j.action));
		json_object_object_add(o, "kernel_check", mc_json_str(mc_kcheck_name(c[i].j.kcheck)));
		json_object_object_add(o, "reasons", json_reasons(&c[i].j));
		json_object_array_add(cands, o);
	}
	json_object_object_add(doc, "candidates", cands);
	json_object_object_add(doc, "reasons", json_reasons(&p->notes));
	mc_json_print(doc);
}

/* The first candidate with the same action as candidate @i (a bundle has a
 * row per candidate and record). */
static size_t first_with_action(const struct mc_cand *c, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (c[k].j.action && !strcmp(c[k].j.action, c[i].j.action))
			return k;
	return i;
}

/* An ACTION is a command to copy: never cut.  When the table with its
 * actions would not fit the terminal (REASON may shrink), each cell refers
 * to its command, printed whole below the table.  Returns how many. */
static size_t move_actions(const struct mc_opts *o, const struct mc_columns *cols,
			   const struct mc_cand *c, size_t n, const char **rows[], char (*refs)[24])
{
	size_t width = mc_columns_termwidth(o), moved = 0;

	if (!width || !mc_columns_has(cols, COL_ACTION) ||
	    mc_columns_width(cols, (const char *const *const *)rows, n, COL_REASON) <= width)
		return 0;
	for (size_t i = 0; i < n; i++) {
		size_t first;

		if (!c[i].j.action)
			continue;
		first = first_with_action(c, i);
		if (first == i)
			snprintf(refs[i], sizeof(refs[i]), "see below (%zu)", ++moved);
		else
			memcpy(refs[i], refs[first], sizeof(refs[i]));
		rows[i][COL_ACTION] = refs[i];
	}
	return moved;
}

static void print_table(const struct mc_opts *o, size_t nrecords, const struct mc_cand *c,
			size_t n, const struct mc_placement *p)
{
	const char *(*cells)[ARRAY_SIZE(accept_columns)] = xcalloc(n, sizeof(*cells));
	const char **rows[n ? n : 1];
	char (*idx)[16] = xcalloc(n, sizeof(*idx));
	char **reasons = xcalloc(n, sizeof(*reasons));
	char (*refs)[24] = xcalloc(n ? n : 1, sizeof(*refs));
	struct mc_columns cols;
	int defaults[ARRAY_SIZE(accept_defaults) + 1];
	size_t nd = ARRAY_SIZE(accept_defaults), moved;

	memcpy(defaults, accept_defaults, sizeof(accept_defaults));
	if (nrecords > 1)
		defaults[nd++] = COL_RECORD;
	mc_columns_select(&cols, accept_columns, ARRAY_SIZE(accept_columns), defaults, nd, o->output);

	for (size_t i = 0; i < n; i++) {
		const struct mc_judgement *j = &c[i].j;
		const struct mc_dev *d = c[i].dev;
		bool placed = false;

		for (size_t r = 0; r < nrecords; r++)
			placed |= p->cand[r] == (long)i;
		cells[i][COL_DEVICE] = d->name;
		cells[i][COL_KIND] = mc_kind_name(d->kind);
		cells[i][COL_MODULE] = d->module->name;
		cells[i][COL_VERDICT] = mc_verdict_name(j->verdict);
		cells[i][COL_ACTION] = j->action;
		cells[i][COL_TYPE] = d->type;
		cells[i][COL_PARENT] = d->parent && d->kind != MC_KIND_PARENT ? d->parent->name : NULL;
		snprintf(idx[i], sizeof(idx[i]), "%zu", c[i].record + 1);
		cells[i][COL_RECORD] = idx[i];
		cells[i][COL_KCHECK] = mc_kcheck_name(j->kcheck);
		cells[i][COL_PLACED] = placed ? "yes" : "no";
		/* Without -v a compatible candidate's notes stay out of the way;
		 * the first reason is one that decided the verdict. */
		if (j->nreasons && (o->verbose || j->verdict != MC_IDENTICAL)) {
			size_t shown = o->verbose ? j->nreasons : 1;

			for (size_t k = 0; k < shown; k++) {
				char *t = mc_reason_text(&j->reasons[k]);
				char *joined = reasons[i] ? xasprintf("%s; %s", reasons[i], t) : xstrdup(t);

				free(reasons[i]);
				free(t);
				reasons[i] = joined;
			}
		}
		cells[i][COL_REASON] = reasons[i];
		rows[i] = cells[i];
	}
	moved = move_actions(o, &cols, c, n, rows, refs);
	mc_columns_print(o, &cols, (const char *const *const *)rows, n);
	/* The commands whole, below the table, one a line (mig-check(1)). */
	if (moved)
		putchar('\n');
	for (size_t i = 0, k = 0; i < n && k < moved; i++)
		if (refs[i][0] && first_with_action(c, i) == i)
			printf("%s  # (%zu)\n", c[i].j.action, ++k);
	free(refs);
	for (size_t i = 0; i < n; i++)
		free(reasons[i]);
	free(reasons);
	free(idx);
	free(cells);
}

/* stderr: why records found no place.  A record that is unknown is
 * trouble (status 2), said even with -q and -J, one line each (mig-check(1),
 * EXIT STATUS); the other notes go with the table. */
static void print_diagnostics(const struct mc_opts *o, const struct mc_token *tok,
			      const struct mc_cand *c, size_t n, const struct mc_placement *p)
{
	char label[MC_RECORD_LABEL_MAX];

	for (size_t r = 0; r < tok->nrecords; r++) {
		const struct mc_cand *why;
		char *text;

		if (p->verdict != MC_UNKNOWN || p->record_verdict[r] != MC_UNKNOWN)
			continue;
		why = mc_place_explaining(c, n, r, MC_UNKNOWN);
		text = why && why->j.nreasons ? mc_reason_text(&why->j.reasons[0]) : xstrdup("?");
		mc_warn("%s: unknown: %s", mc_record_label(tok, r, label), text);
		free(text);
	}
	if (o->quiet || o->format == MC_FMT_JSON)
		return;
	for (size_t i = 0; i < p->notes.nreasons; i++) {
		const struct mc_reason *note = &p->notes.reasons[i];
		size_t r = strtoul(note->source, NULL, 10);

		if (p->verdict == MC_UNKNOWN && p->record_verdict[r] == MC_UNKNOWN)
			continue;   /* said above */
		mc_warn("%s: %s", mc_record_label(tok, r, label), note->rule);
	}
}

/* A record no local device is a candidate for: what its module looked for
 * and the likely cause, unless DEVICE, -s or -d left nothing. */
static void explain_no_candidate(struct mc_placement *p, const struct mc_cand *c, size_t n,
				 const struct mc_vendor *const *mods, bool restricted)
{
	for (size_t i = 0; i < p->notes.nreasons; i++) {
		struct mc_reason *note = &p->notes.reasons[i];
		size_t r = strtoul(note->source, NULL, 10);
		char *text;

		if (mc_place_explaining(c, n, r, MC_INCOMPATIBLE))
			continue;   /* it had candidates */
		if (restricted)
			text = xasprintf("%s: DEVICE, -s or -d left none", note->rule);
		else if (mods[r]->looks_for)
			text = xasprintf("%s: looked for %s; %s", note->rule, mods[r]->looks_for,
					 mods[r]->no_candidate_hint);
		else
			continue;
		free(note->rule);
		note->rule = text;
	}
}

void mc_accepted_init(struct mc_accepted *a, const char *text, const char *who)
{
	char label[MC_RECORD_LABEL_MAX];

	memset(a, 0, sizeof(*a));
	mc_token_from_arg(text, &a->tok);
	for (size_t r = 0; r < a->tok.nrecords; r++) {
		a->mods[r] = mc_vendor_find(a->tok.records[r].module);
		if (!a->mods[r])
			mc_die("%s%s%s: module '%s' is not built in", who ? who : "", who ? ": " : "",
			       mc_record_label(&a->tok, r, label), a->tok.records[r].module);
	}
	mc_host_init(&a->host);
}

void mc_accepted_judge(struct mc_accepted *a, const struct mc_opts *o)
{
	mc_accept_judge_all(&a->tok, a->mods, a->c, a->n,
			    o->no_kernel_check ? MC_NO_KWRITE : MC_KWRITE);
	mc_place(a->c, a->n, a->tok.nrecords, &a->place);
}

void mc_accepted_free(struct mc_accepted *a)
{
	for (size_t i = 0; i < a->n; i++)
		mc_judgement_free(&a->c[i].j);
	mc_judgement_free(&a->place.notes);
	free(a->c);
	mc_token_free(&a->tok);
	mc_host_free(&a->host);
	mc_pci_cleanup();
	mc_pin_free();
}

/* Every device of the host that a record's module offers, restricted by
 * the DEVICE arguments first, then -s and -d (mig-check(1), OPTIONS). */
static void find_candidates(struct mc_accepted *a, const struct mc_opts *o)
{
	struct mc_restriction restrict_to;
	struct mc_host *h = &a->host;

	mc_restriction_init(&restrict_to, o->devices, o->ndevices);
	mc_pci_filters(o->slot, o->id);
	mc_host_scan(h, MC_SCAN_CANDIDATES);
	for (size_t i = 0; i < h->ndevs; i++) {
		const struct mc_dev *d = h->devs[i];
		bool offered = false;

		/* A DEVICE names a candidate only when a record's module offers
		 * it; -s and -d come after (and may leave nothing, status 1). */
		for (size_t r = 0; r < a->tok.nrecords; r++)
			offered |= d->module && d->module == a->mods[r];
		if (!offered || !mc_restriction_allows(&restrict_to, d) || !mc_pci_match(d))
			continue;
		for (size_t r = 0; r < a->tok.nrecords; r++) {
			if (d->module != a->mods[r])
				continue;
			a->c = xrealloc(a->c, (a->n + 1) * sizeof(*a->c));
			memset(&a->c[a->n], 0, sizeof(a->c[a->n]));
			a->c[a->n].dev = d;
			a->c[a->n].record = r;
			a->n++;
		}
	}
	mc_restriction_check(&restrict_to, "not a candidate for this token");
}

int mc_cmd_accept(const struct mc_opts *o)
{
	struct mc_accepted a;
	struct mc_columns cols;
	int status;

	/* A bad -o is a usage error with -q and -J too, before any work. */
	mc_columns_select(&cols, accept_columns, ARRAY_SIZE(accept_columns), accept_defaults,
			  ARRAY_SIZE(accept_defaults), o->output);
	mc_accepted_init(&a, o->token, NULL);
	if (o->domain_xml)   /* pinned: the domain XML names each record's device */
		a.n = mc_pin_accept(o, &a.tok, a.mods, &a.host, &a.c);
	else
		find_candidates(&a, o);
	mc_accepted_judge(&a, o);
	if (!o->domain_xml)
		explain_no_candidate(&a.place, a.c, a.n, a.mods, o->ndevices || o->slot || o->id);

	if (!o->quiet) {
		if (o->format == MC_FMT_JSON)
			print_json(&a.tok, a.c, a.n, &a.place);
		else
			print_table(o, a.tok.nrecords, a.c, a.n, &a.place);
	}
	print_diagnostics(o, &a.tok, a.c, a.n, &a.place);

	switch (a.place.verdict) {
	case MC_IDENTICAL:
	case MC_COMPATIBLE:
		status = MC_EXIT_OK;
		break;
	case MC_ACTIONABLE:
		status = o->ready ? MC_EXIT_NO : MC_EXIT_OK;
		break;
	case MC_UNKNOWN:
		status = MC_EXIT_TROUBLE;
		break;
	default:
		status = MC_EXIT_NO;
		break;
	}
	mc_accepted_free(&a);
	return status;
}
