/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Maximum bipartite matching of records to candidates.  Records are few (at
 * most 8), so augmenting paths over the usable edges, tried best first, find
 * the largest placement; a sweep over verdict thresholds then keeps the one
 * whose weakest placement is strongest. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "place.h"
#include "util.h"

long mc_capacity(const struct mc_dev *dev)
{
	if (dev->kind == MC_KIND_PARENT && dev->type)
		return dev->available >= 0 ? dev->available : 1;
	return 1;
}

struct matcher {
	const struct mc_cand *c;
	size_t n, nrecords;
	size_t *order;                 /* candidate indexes, best edge first */
	enum mc_verdict limit;         /* only edges at least this good */
	long cand_of[MC_MAX_RECORDS];  /* record -> candidate index */
	bool seen[MC_MAX_RECORDS];     /* records visited in this augmentation */
};

/* Records currently placed on the same device as candidate @k. */
static size_t users(const struct matcher *m, size_t k, size_t *who)
{
	size_t u = 0;

	for (size_t r = 0; r < m->nrecords; r++)
		if (m->cand_of[r] >= 0 && m->c[m->cand_of[r]].dev == m->c[k].dev)
			who[u++] = r;
	return u;
}

static bool augment(struct matcher *m, size_t r)
{
	for (size_t i = 0; i < m->n; i++) {
		size_t k = m->order[i], who[MC_MAX_RECORDS], u;

		if (m->c[k].record != r || m->c[k].j.verdict > m->limit)
			continue;
		u = users(m, k, who);
		if ((long)u < mc_capacity(m->c[k].dev)) {
			m->cand_of[r] = (long)k;
			return true;
		}
		/* Full: try to move one of its records elsewhere. */
		for (size_t w = 0; w < u; w++) {
			size_t other = who[w];

			if (m->seen[other])
				continue;
			m->seen[other] = true;
			if (augment(m, other)) {
				m->cand_of[r] = (long)k;
				return true;
			}
		}
	}
	return false;
}

static size_t match(struct matcher *m, enum mc_verdict limit)
{
	size_t placed = 0;

	m->limit = limit;
	for (size_t r = 0; r < m->nrecords; r++)
		m->cand_of[r] = -1;
	for (size_t r = 0; r < m->nrecords; r++) {
		memset(m->seen, 0, sizeof(m->seen));
		m->seen[r] = true;
		placed += augment(m, r);
	}
	return placed;
}

static const struct mc_cand *sort_base;

static int by_edge(const void *a, const void *b)
{
	const struct mc_cand *x = &sort_base[*(const size_t *)a];
	const struct mc_cand *y = &sort_base[*(const size_t *)b];

	if (x->j.verdict != y->j.verdict)
		return x->j.verdict < y->j.verdict ? -1 : 1;
	if (x->j.preference != y->j.preference)
		return x->j.preference > y->j.preference ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* mig-check(1) VERDICTS/Bundles: the verdict of a record that found no
 * place. */
static enum mc_verdict unplaced_verdict(const struct mc_cand *c, size_t n, size_t r,
					bool *taken, bool *any)
{
	bool unknown = false, incompatible = false;

	*taken = *any = false;
	for (size_t i = 0; i < n; i++) {
		if (c[i].record != r)
			continue;
		*any = true;
		if (mc_verdict_usable(c[i].j.verdict))
			*taken = true;
		else if (c[i].j.verdict == MC_UNKNOWN)
			unknown = true;
		else if (c[i].j.verdict == MC_INCOMPATIBLE)
			incompatible = true;
	}
	if (*taken)
		return MC_INCOMPATIBLE;   /* its candidates went to other records */
	if (unknown)
		return MC_UNKNOWN;
	if (incompatible || !*any)
		return MC_INCOMPATIBLE;
	return MC_UNSUPPORTED;
}

void mc_place(const struct mc_cand *c, size_t n, size_t nrecords, struct mc_placement *p)
{
	struct matcher m = { .c = c, .n = n, .nrecords = nrecords };
	enum mc_verdict limit;
	size_t best;

	memset(p, 0, sizeof(*p));
	m.order = xmalloc((n ? n : 1) * sizeof(*m.order));
	for (size_t i = 0; i < n; i++)
		m.order[i] = i;
	sort_base = c;
	qsort(m.order, n, sizeof(*m.order), by_edge);

	best = match(&m, MC_ACTIONABLE);
	for (limit = MC_IDENTICAL; limit < MC_ACTIONABLE; limit++)
		if (match(&m, limit) == best)
			break;
	if (limit == MC_ACTIONABLE)
		match(&m, MC_ACTIONABLE);
	free(m.order);

	p->verdict = MC_IDENTICAL;
	bool all = true, unknown = false, incompatible = false;

	for (size_t r = 0; r < nrecords; r++) {
		p->cand[r] = m.cand_of[r];
		if (p->cand[r] >= 0) {
			p->record_verdict[r] = c[p->cand[r]].j.verdict;
			if (p->record_verdict[r] > p->verdict)
				p->verdict = p->record_verdict[r];
			continue;
		}
		bool taken, any;

		all = false;
		p->record_verdict[r] = unplaced_verdict(c, n, r, &taken, &any);
		unknown |= p->record_verdict[r] == MC_UNKNOWN;
		incompatible |= p->record_verdict[r] == MC_INCOMPATIBLE;
		if (nrecords > 1 || taken || !any) {
			char idx[24];

			snprintf(idx, sizeof(idx), "%zu", r);
			mc_judge(&p->notes, p->record_verdict[r],
				 taken ? MC_CAT_CAPACITY : MC_CAT_OTHER, "record", idx, NULL,
				 "%s", taken ? "every candidate that could take it is needed by another record"
				 : any ? "no candidate can take it"
				       : "no local device is a candidate for it");
		}
	}
	if (!all)
		p->verdict = unknown ? MC_UNKNOWN : incompatible ? MC_INCOMPATIBLE : MC_UNSUPPORTED;
}

const char *mc_record_label(const struct mc_token *tok, size_t r, char buf[MC_RECORD_LABEL_MAX])
{
	snprintf(buf, MC_RECORD_LABEL_MAX, "record %zu of %zu (%s)", r + 1, tok->nrecords,
		 tok->records[r].module);
	return buf;
}

const struct mc_cand *mc_place_explaining(const struct mc_cand *c, size_t n, size_t r,
					  enum mc_verdict v)
{
	const struct mc_cand *best = NULL;

	for (size_t i = 0; i < n; i++) {
		if (c[i].record != r)
			continue;
		if (c[i].j.verdict == v)
			return &c[i];
		if (!best || c[i].j.verdict < best->j.verdict)
			best = &c[i];
	}
	return best;
}
