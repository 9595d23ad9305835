/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --list: mdevs, mdev parents with their types, SR-IOV PFs and VFs, with the
 * module that claims each and whether it can migrate at all. */
#include "config.h"

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libsmartcols.h>

#include "columns.h"
#include "json.h"
#include "list.h"
#include "pcilib.h"
#include "restrict.h"
#include "scan.h"
#include "util.h"
#include "vendor.h"

enum {
	COL_DEVICE, COL_KIND, COL_ID, COL_NAME, COL_DRIVER, COL_PARENT, COL_TYPE,
	COL_AVAILABLE, COL_MODULE, COL_MIGRATABLE, COL_WHY,
};

static const struct mc_colinfo list_columns[] = {
	[COL_DEVICE] = { "DEVICE", 0, 0, "PCI address or mdev UUID" },
	[COL_KIND] = { "KIND", 0, 0, "mdev, parent, vf, pf" },
	[COL_ID] = { "ID", 0, 0, "PCI vendor:device of the function (of the parent for mdevs)" },
	[COL_NAME] = { "NAME", 0, SCOLS_FL_TRUNC, "device name from pci.ids" },
	[COL_DRIVER] = { "DRIVER", 0, 0, "bound driver" },
	[COL_PARENT] = { "PARENT", 0, 0, "parent PCI device of an mdev, PF of a VF" },
	[COL_TYPE] = { "TYPE", 0, 0, "mdev type" },
	[COL_AVAILABLE] = { "AVAILABLE", 0, SCOLS_FL_RIGHT | MC_COL_NUMBER, "free instances of an mdev type" },
	[COL_MODULE] = { "MODULE", 0, 0, "vendor module that claims it" },
	[COL_MIGRATABLE] = { "MIGRATABLE", 0, 0, "yes, no, or unknown" },
	[COL_WHY] = { "WHY", 0, SCOLS_FL_TRUNC, "why it cannot migrate" },
};

static const int list_defaults[] = {
	COL_DEVICE, COL_KIND, COL_ID, COL_NAME, COL_DRIVER, COL_PARENT, COL_TYPE,
	COL_AVAILABLE, COL_MODULE, COL_MIGRATABLE,
};

static const int all_columns[] = {
	COL_DEVICE, COL_KIND, COL_ID, COL_NAME, COL_DRIVER, COL_PARENT, COL_TYPE,
	COL_AVAILABLE, COL_MODULE, COL_MIGRATABLE, COL_WHY,
};

void mc_list_columns_help(FILE *out)
{
	mc_columns_help(out, "Columns for --list:", list_columns, ARRAY_SIZE(list_columns));
}

/* An mdev parent is shown through its types, one row each; the bare parent
 * only when its types could not be read.  A function that is neither an
 * mdev parent nor SR-IOV only when it is on a migration driver no module
 * judges, or when it could not be read (it may be any of these). */
static bool listed(const struct mc_dev *d)
{
	if (d->kind == MC_KIND_PCI)
		return d->err || mc_driver_unjudged(d->driver);
	return !(d->kind == MC_KIND_PARENT && !d->type && !d->err);
}

/* Rows come as mig-check(1) OPTIONS --list orders them: mdevs, then mdev
 * parents with their types, then SR-IOV PFs and VFs; each group in the scan's
 * order (mdevs by sysfs path, the rest by PCI address). */
static size_t list_group(const struct mc_dev *d)
{
	return d->kind == MC_KIND_MDEV ? 0 : d->kind == MC_KIND_PARENT ? 1 : 2;
}

/* The module that claims a PF's VFs: the PF belongs to it too. */
static const struct mc_vendor *vf_module(const struct mc_host *h, const struct mc_dev *pf)
{
	for (size_t i = 0; i < h->ndevs; i++)
		if (h->devs[i]->kind == MC_KIND_VF && h->devs[i]->parent == pf && h->devs[i]->module)
			return h->devs[i]->module;
	return NULL;
}

/* "vvvv:dddd" and the pci.ids name (when shown), one copy for each vendor:device (a host
 * has few, and a table of thousands of rows stays small). */
struct pci_id {
	unsigned id;
	char text[10];
	char *name;
};

struct ids {
	struct pci_id **e;
	size_t n;
};

static const struct pci_id *pci_id(struct ids *c, unsigned vendor, unsigned device, bool name)
{
	unsigned id = vendor << 16 | device;
	struct pci_id *e;
	char buf[256];

	for (size_t i = 0; i < c->n; i++)
		if (c->e[i]->id == id)
			return c->e[i];
	e = xcalloc(1, sizeof(*e));
	e->id = id;
	snprintf(e->text, sizeof(e->text), "%04x:%04x", vendor, device);
	if (name && mc_pci_name(vendor, device, buf, sizeof(buf)) && buf[0])
		e->name = xstrdup(buf);
	c->e = xrealloc(c->e, (c->n + 1) * sizeof(*c->e));
	return c->e[c->n++] = e;
}

/* The first name lookup makes libpci read all of pci.ids, which costs as
 * much as the scan of a few hundred devices: it is done meanwhile.  (An ID
 * every pci.ids has, 8086:1237, so that libpci does not go on to hwdb.) */
static void *load_names(void *unused)
{
	char buf[128];

	(void)unused;
	mc_pci_name(0x8086, 0x1237, buf, sizeof(buf));
	return NULL;
}

/* A row kept for JSON, which is printed only once every DEVICE argument is
 * known to name a row; with the strings made for it. */
struct row {
	const char *cell[ARRAY_SIZE(list_columns)];
	char *avail, *why;
};

/* The document, one device object at a time: a host of thousands of
 * functions is listed in the memory of one. */
static void print_json(const struct mc_columns *cols, const struct row *rows, size_t n)
{
	struct mc_json_stream js;

	mc_json_stream_begin(&js, "devices");
	for (size_t r = 0; r < n; r++)
		mc_json_stream_add(&js, mc_columns_json(cols, rows[r].cell));
	mc_json_stream_end(&js);
}

/* The names and IDs of the PCI functions the rows may show, looked up
 * before the rows are made: pci.ids is let go before they take memory. */
static void lookup_ids(const struct mc_host *h, struct ids *ids, bool names)
{
	for (size_t i = 0; i < h->ndevs; i++) {
		const struct mc_dev *pci = mc_dev_pci(h->devs[i]);

		if (listed(h->devs[i]) && pci && !pci->err)
			pci_id(ids, pci->vendor, pci->device, names);
	}
	mc_pci_names_free();
}

int mc_cmd_list(const struct mc_opts *o)
{
	struct mc_columns cols;
	struct mc_host h;
	struct libscols_table *tb = NULL;
	struct row *kept = NULL, one;
	struct ids ids = { 0 };
	struct mc_restriction restrict_to;
	bool names, json = o->format == MC_FMT_JSON, loading = false;
	pthread_t loader;
	size_t n = 0, unreadable = 0;
	const struct mc_dev **bad = NULL;   /* rows that could not be read */

	/* Without -o, JSON carries every column, WHY included; a table the
	 * default ones. */
	if (json && !o->output)
		mc_columns_select(&cols, list_columns, ARRAY_SIZE(list_columns),
				  all_columns, ARRAY_SIZE(all_columns), NULL);
	else
		mc_columns_select(&cols, list_columns, ARRAY_SIZE(list_columns),
				  list_defaults, ARRAY_SIZE(list_defaults), o->output);
	mc_restriction_init(&restrict_to, o->devices, o->ndevices);
	mc_pci_filters(o->slot, o->id);
	/* One malloc arena: what pci.ids took is free for the rows after. */
	mallopt(M_ARENA_MAX, 1);
	/* With -q nothing is printed: pci.ids, whose parse costs as much as
	 * the scan of a few hundred devices, is not read at all. */
	names = !o->quiet && mc_columns_has(&cols, COL_NAME);
	if (names)
		loading = pthread_create(&loader, NULL, load_names, NULL) == 0;
	mc_host_init(&h);
	mc_host_scan(&h, MC_SCAN_LIST);
	if (loading)
		pthread_join(loader, NULL);
	lookup_ids(&h, &ids, names);

	if (json)
		kept = xcalloc(h.ndevs + 1, sizeof(*kept));
	else if (!o->quiet)
		tb = mc_columns_table(o, &cols);
	for (size_t at = 0; at < 3 * h.ndevs; at++) {
		const struct mc_dev *d = h.devs[at % h.ndevs], *pci = mc_dev_pci(d);
		struct row *r = json ? &kept[n] : &one;
		const struct mc_vendor *m;

		/* As --accept: DEVICE first, then -s and -d (which may leave
		 * nothing without trouble). */
		if (list_group(d) != at / h.ndevs || !listed(d) ||
		    !mc_restriction_allows(&restrict_to, d) || !mc_pci_match(d))
			continue;

		memset(r, 0, sizeof(*r));
		m = mc_vendor_claiming(d);
		if (!m)
			m = d->module;
		if (!m && d->kind == MC_KIND_PF)
			m = vf_module(&h, d);
		if (d->err) {
			/* Trouble (mig-check(1) OPTIONS --list, EXIT STATUS):
			 * the row says what failed, and the run ends with
			 * status 2. */
			r->cell[COL_MIGRATABLE] = "unknown";
			r->cell[COL_WHY] = r->why = xasprintf("cannot read %s: %s", d->err_attr,
							      strerror(d->err));
			bad = xrealloc(bad, (unreadable + 1) * sizeof(*bad));
			bad[unreadable++] = d;
		} else if (d->kind == MC_KIND_PF) {
			/* A PF is not assigned to a VM; its VFs are. */
			r->cell[COL_MIGRATABLE] = "no";
			r->cell[COL_WHY] = "a PF is not assigned to a VM; its VFs are";
		} else if (!m && mc_driver_unjudged(d->driver)) {
			/* It may well migrate: mig-check cannot tell (not trouble). */
			r->cell[COL_MIGRATABLE] = "unknown";
			r->cell[COL_WHY] = r->why = xasprintf("bound to %s, a migration driver no built-in module judges",
							      d->driver);
		} else if (!m || !m->migratable) {
			r->cell[COL_MIGRATABLE] = "no";
			r->cell[COL_WHY] = "no built-in module claims it";
		} else {
			r->cell[COL_MIGRATABLE] = m->migratable(d, &r->cell[COL_WHY]) ? "yes" : "no";
		}
		if (d->kind == MC_KIND_PARENT && d->type && d->available >= 0)
			r->cell[COL_AVAILABLE] = r->avail = xasprintf("%ld", d->available);

		r->cell[COL_DEVICE] = d->name;
		r->cell[COL_KIND] = mc_kind_name(d->kind);
		if (pci && !pci->err) {
			const struct pci_id *id = pci_id(&ids, pci->vendor, pci->device, names);

			r->cell[COL_ID] = id->text;
			r->cell[COL_NAME] = id->name;
		}
		r->cell[COL_DRIVER] = d->kind == MC_KIND_PARENT && d->type ? pci->driver : d->driver;
		r->cell[COL_PARENT] = d->parent && !(d->kind == MC_KIND_PARENT) ? d->parent->name : NULL;
		r->cell[COL_TYPE] = d->type;
		r->cell[COL_MODULE] = m ? m->name : NULL;
		if (tb)
			mc_columns_add(tb, &cols, r->cell);
		if (!json) {   /* a table row (or none, with -q): done with it */
			free(r->avail);
			free(r->why);
		}
		n++;
	}
	mc_restriction_check(&restrict_to, "not a device that matters for migration");
	if (json && !o->quiet)
		print_json(&cols, kept, n);
	if (tb) {
		scols_print_table(tb);
		scols_unref_table(tb);
	}
	for (size_t i = 0; kept && i < n; i++) {
		free(kept[i].avail);
		free(kept[i].why);
	}
	free(kept);
	for (size_t i = 0; i < ids.n; i++) {
		free(ids.e[i]->name);
		free(ids.e[i]);
	}
	free(ids.e);
	mc_pci_cleanup();
	/* After the table, which shows them, and even with -q: one line for
	 * each device that could not be read. */
	for (size_t i = 0; i < unreadable; i++)
		mc_warn("%s%s%s: cannot read %s: %s", bad[i]->name, bad[i]->type ? " " : "",
			bad[i]->type ? bad[i]->type : "", bad[i]->err_attr, strerror(bad[i]->err));
	free(bad);
	mc_host_free(&h);
	return unreadable ? MC_EXIT_TROUBLE : MC_EXIT_OK;
}
