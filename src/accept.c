/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --accept: decode, find the candidates each record's module offers, let
 * the module's rules and then the kernel judge each, place the records,
 * print. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libsmartcols.h>

#include "accept.h"
#include "columns.h"
#include "decode.h"
#include "json.h"
#include "judge.h"
#include "pcilib.h"
#include "pin.h"
#include "place.h"
#include "restrict.h"
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
