/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --list: mdevs, mdev parents with their types, SR-IOV PFs and VFs, with the
 * module that claims each and whether it can migrate at all. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libsmartcols.h>

#include "columns.h"
#include "decode.h"
#include "list.h"
#include "pcilib.h"
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
	[COL_AVAILABLE] = { "AVAILABLE", 0, SCOLS_FL_RIGHT, "free instances of an mdev type" },
	[COL_MODULE] = { "MODULE", 0, 0, "vendor module that claims it" },
	[COL_MIGRATABLE] = { "MIGRATABLE", 0, 0, "yes, no, or unknown" },
	[COL_WHY] = { "WHY", 0, 0, "why it cannot migrate" },
};

static const int list_defaults[] = {
	COL_DEVICE, COL_KIND, COL_ID, COL_NAME, COL_DRIVER, COL_PARENT, COL_TYPE,
	COL_AVAILABLE, COL_MODULE, COL_MIGRATABLE,
};

void mc_list_columns_help(FILE *out)
{
	mc_columns_help(out, "Columns for --list:", list_columns, ARRAY_SIZE(list_columns));
}

/* An mdev parent is shown through its types, one row each; the bare parent
 * only when its types could not be read. */
static bool listed(const struct mc_dev *d)
{
	if (d->kind == MC_KIND_PCI)
		return false;
	return !(d->kind == MC_KIND_PARENT && !d->type && !d->err);
}

/* The module that claims a PF's VFs: the PF belongs to it too. */
static const struct mc_vendor *vf_module(const struct mc_host *h, const struct mc_dev *pf)
{
	for (size_t i = 0; i < h->ndevs; i++)
		if (h->devs[i]->kind == MC_KIND_VF && h->devs[i]->parent == pf && h->devs[i]->module)
			return h->devs[i]->module;
	return NULL;
}

int mc_cmd_list(const struct mc_opts *o)
{
	struct json_object *doc = NULL, *devs = NULL;
	struct mc_columns cols;
	struct mc_host h;
	const char **(*rows);
	const char *(*cells)[ARRAY_SIZE(list_columns)];
	char (*strs)[3][256];
	bool *seen;
	size_t n = 0;

	mc_columns_select(&cols, list_columns, ARRAY_SIZE(list_columns),
			  list_defaults, ARRAY_SIZE(list_defaults), o->output);
	mc_pci_filters(o->slot, o->id);
	mc_host_init(&h);
	mc_host_scan(&h, MC_SCAN_LIST);

	seen = xcalloc((size_t)o->ndevices + 1, sizeof(*seen));
	rows = xcalloc(h.ndevs + 1, sizeof(*rows));
	cells = xcalloc(h.ndevs + 1, sizeof(*cells));
	strs = xcalloc(h.ndevs + 1, sizeof(*strs));
	if (o->format == MC_FMT_JSON) {
		doc = json_object_new_object();
		devs = json_object_new_array();
	}
	for (size_t i = 0; i < h.ndevs; i++) {
		const struct mc_dev *d = h.devs[i], *pci = mc_dev_pci(d);
		const struct mc_vendor *m;
		const char *why = NULL, *mig;
		bool want = o->ndevices == 0;

		if (!listed(d) || !mc_pci_match(d))
			continue;
		for (int k = 0; k < o->ndevices; k++) {
			char name[40];
			bool is_mdev;

			if (!mc_device_arg(o->devices[k], name, &is_mdev))
				mc_die("%s: not a PCI address, mdev UUID or sysfs path of one", o->devices[k]);
			if (!strcmp(name, d->name) || (pci && !strcmp(name, pci->name)))
				want = seen[k] = true;
		}
		if (!want)
			continue;

		m = mc_vendor_for(d, false);
		if (!m)
			m = d->module;
		if (!m && d->kind == MC_KIND_PF)
			m = vf_module(&h, d);
		if (d->kind == MC_KIND_PF) {
			/* A PF is not assigned to a VM; its VFs are. */
			mig = "no";
			why = "a PF is not assigned to a VM; its VFs are";
		} else if (d->err) {
			mig = "unknown";
			why = d->err_attr;
		} else if (!m || !m->migratable) {
			mig = "no";
			why = "no built-in module claims it";
		} else {
			mig = m->migratable(d, &why) ? "yes" : "no";
		}
		if (pci && !pci->err)
			snprintf(strs[n][0], sizeof(strs[n][0]), "%04x:%04x", pci->vendor, pci->device);
		if (pci && !pci->err && !mc_pci_name(pci->vendor, pci->device, strs[n][1], sizeof(strs[n][1])))
			strs[n][1][0] = '\0';
		if (d->kind == MC_KIND_PARENT && d->type && d->available >= 0)
			snprintf(strs[n][2], sizeof(strs[n][2]), "%ld", d->available);

		cells[n][COL_DEVICE] = d->name;
		cells[n][COL_KIND] = mc_kind_name(d->kind);
		cells[n][COL_ID] = strs[n][0][0] ? strs[n][0] : NULL;
		cells[n][COL_NAME] = strs[n][1][0] ? strs[n][1] : NULL;
		cells[n][COL_DRIVER] = d->kind == MC_KIND_PARENT && d->type ? pci->driver : d->driver;
		cells[n][COL_PARENT] = d->parent && !(d->kind == MC_KIND_PARENT) ? d->parent->name : NULL;
		cells[n][COL_TYPE] = d->type;
		cells[n][COL_AVAILABLE] = strs[n][2][0] ? strs[n][2] : NULL;
		cells[n][COL_MODULE] = m ? m->name : NULL;
		cells[n][COL_MIGRATABLE] = mig;
		cells[n][COL_WHY] = why;
		rows[n] = cells[n];
		if (devs) {
			struct json_object *jd = json_object_new_object();

			for (size_t c = 0; c < ARRAY_SIZE(list_columns); c++) {
				char key[32];
				size_t k;

				for (k = 0; list_columns[c].name[k] && k < sizeof(key) - 1; k++)
					key[k] = (char)(list_columns[c].name[k] | 0x20);
				key[k] = '\0';
				json_object_object_add(jd, key, cells[n][c] ? json_object_new_string(cells[n][c]) : NULL);
			}
			json_object_array_add(devs, jd);
		}
		n++;
	}
	for (int k = 0; k < o->ndevices; k++)
		if (!seen[k])
			mc_die("%s: %s", o->devices[k], mc_device_exists(o->devices[k])
			       ? "neither an mdev, an mdev parent nor an SR-IOV function"
			       : "no such device");
	if (!o->quiet) {
		if (doc) {
			json_object_object_add(doc, "format", json_object_new_string("mig-check/1"));
			json_object_object_add(doc, "devices", devs);
			mc_json_print(doc);
			doc = NULL;
		} else {
			mc_columns_print(o, &cols, (const char *const *const *)rows, n);
		}
	}
	if (doc)
		json_object_put(doc);
	free(seen);
	free(rows);
	free(cells);
	free(strs);
	mc_host_free(&h);
	mc_pci_cleanup();
	return MC_EXIT_OK;
}
