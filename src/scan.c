/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Device discovery (mig-check(1) DESCRIPTION/Devices; cost: bench/RESULTS.md).
 * A whole-host scan reads the directories /sys/bus/pci/devices and
 * /sys/bus/mdev/devices, and everything else relative to them:
 *  - a PCI function's uevent gives its vendor, device and class (the kernel's
 *    pdev->vendor/device, the values its vendor/device files show; never
 *    config space, where a VF reads 0xffff) and its driver; a function no
 *    module wants costs that one read;
 *  - a function a module may want gets its kind from its physfn link and its
 *    mdev_supported_types and sriov_totalvfs entries, its sysfs path from its
 *    bus link;
 *  - an mdev is known by its bus link (path and parent), its mdev_type link
 *    and its driver link;
 *  - an mdev parent's types by its mdev_supported_types directory, and each
 *    type's available_instances, read directly.
 * libudev device objects are made only to read attributes (device.c), when
 * first needed: none for a VF whose attributes no module reads, one for each
 * PF or mdev parent whose attributes are read for all its VFs, mdevs and
 * types.  Devices are found by name in a hash table, driver names are kept
 * once (host.c): a scan is linear in the size of the host, in time and in
 * memory.  The scan's own system calls are relative to the two bus
 * directories' fds (openat, readlinkat, faccessat: sysfs.c). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devarg.h"
#include "scan.h"
#include "sysfs.h"
#include "util.h"
#include "vendor.h"

/* Remember the first attribute that failed, to judge the candidate unknown. */
static void dev_fail(struct mc_dev *d, const char *attr, int err)
{
	if (d->err)
		return;
	d->err = err ? err : EIO;
	d->err_attr = xstrdup(attr);
}

static unsigned read_hex_attr(struct mc_dev *d, const char *attr, unsigned long max)
{
	const char *v = mc_dev_attr(d, attr);
	unsigned long n;
	char *end;

	if (!v) {
		dev_fail(d, attr, errno);
		return 0;
	}
	errno = 0;
	n = strtoul(v, &end, 16);
	if (errno || end == v || *end || n > max) {
		dev_fail(d, attr, EINVAL);
		return 0;
	}
	return (unsigned)n;
}

/* What a PCI function's uevent says. */
struct pci_ids {
	unsigned vendor, device, class;
	char driver[64];   /* a module name; empty: unbound */
	bool long_driver;  /* a longer name: read the driver link */
};

/* Read PCI_ID, PCI_CLASS and DRIVER out of @name/uevent.  0, ENOENT-like
 * errno when it cannot be read (the function vanished), EINVAL when it
 * lacks the IDs. */
static int read_uevent(const struct mc_sysdir *bus, const char *name, struct pci_ids *ids)
{
	bool id = false, cls = false;
	char buf[2048], *line, *save;
	ssize_t n;

	errno = 0;
	n = mc_sysfs_read(bus, buf, sizeof(buf) - 1, "%s/uevent", name);
	if (n < 0)
		return errno ? errno : ENOENT;
	buf[n] = '\0';
	ids->driver[0] = '\0';
	ids->long_driver = false;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *end;

		if (!strncmp(line, "PCI_ID=", 7)) {
			unsigned long v = strtoul(line + 7, &end, 16), d;

			if (*end != ':')
				return EINVAL;
			d = strtoul(end + 1, &end, 16);
			if (*end || v > 0xffff || d > 0xffff)
				return EINVAL;
			ids->vendor = (unsigned)v;
			ids->device = (unsigned)d;
			id = true;
		} else if (!strncmp(line, "PCI_CLASS=", 10)) {
			unsigned long c = strtoul(line + 10, &end, 16);

			if (*end || c > 0xffffff)
				return EINVAL;
			ids->class = (unsigned)c;
			cls = true;
		} else if (!strncmp(line, "DRIVER=", 7)) {
			ids->long_driver = strlen(line + 7) >= sizeof(ids->driver);
			if (!ids->long_driver)
				strcpy(ids->driver, line + 7);
		}
	}
	return id && cls ? 0 : EINVAL;
}

static struct mc_dev *add_pci(struct mc_host *h, const char *name);

/* A driver link's name into @buf, NULL when unbound; a link that cannot be
 * read fails @d. */
static char *driver_name(struct mc_host *h, struct mc_dev *d, char *buf, size_t len)
{
	if (mc_sysfs_link_name(d->bus, buf, len, "%s/driver", d->name))
		return mc_host_driver(h, buf);
	if (errno != ENOENT)
		dev_fail(d, "driver", errno);
	return NULL;
}

/* A PCI function @name of /sys/bus/pci/devices whose uevent said @ids
 * (NULL: it could not tell them, for the reason @uevent_err; read the
 * attributes).  A uevent that lacks the IDs (EINVAL) is no failure while
 * the attributes can be read; one that cannot be read is. */
static struct mc_dev *add_pci_ids(struct mc_host *h, const char *name, const struct pci_ids *ids,
				  int uevent_err)
{
	const struct mc_sysdir *bus = &h->pci;
	struct mc_dev *d = mc_host_add(h);
	bool wanted = !ids || mc_vendor_wants_pci(ids->vendor, ids->device, ids->class);
	char buf[NAME_MAX + 1];

	snprintf(d->name, sizeof(d->name), "%s", name);
	mc_host_index(h, d);
	/* Where a module may read it, its real path (libudev's syspath);
	 * else the path of its bus link will do. */
	d->syspath = wanted ? mc_sysfs_link_path(bus, name) : NULL;
	if (!d->syspath)
		d->syspath = xasprintf("%s/%s", bus->path, name);
	d->udev_ctx = h->udev;
	d->bus = bus;
	if (!ids && uevent_err != EINVAL)
		dev_fail(d, "uevent", uevent_err);
	if (ids) {
		d->vendor = ids->vendor;
		d->device = ids->device;
		d->class = ids->class;
		if (ids->long_driver)
			d->driver = driver_name(h, d, buf, sizeof(buf));
		else if (ids->driver[0])
			d->driver = mc_host_driver(h, ids->driver);
	} else {
		d->driver = driver_name(h, d, buf, sizeof(buf));
	}

	/* faccessat() first: most functions a module wants are no VF. */
	if (mc_sysfs_has_link(bus, "%s/physfn", name)) {
		d->kind = MC_KIND_VF;
		if (!mc_sysfs_link_name(bus, buf, sizeof(buf), "%s/physfn", name))
			dev_fail(d, "physfn", errno);
		else if (!(d->parent = mc_host_find(h, buf)) && mc_is_pci_name(buf))
			d->parent = add_pci(h, buf);
	} else if (mc_sysfs_exists(bus, "%s/mdev_supported_types", name)) {
		d->kind = MC_KIND_PARENT;
	} else if (mc_sysfs_exists(bus, "%s/sriov_totalvfs", name)) {
		d->kind = MC_KIND_PF;
	} else {
		d->kind = MC_KIND_PCI;
	}

	/* A PF's or a parent's identity goes into the records of its VFs,
	 * mdevs and types, and modules read its attributes for each of them:
	 * for --accept and --emit its object is made now, and its identity
	 * read back through it, so that an attribute that cannot be read makes
	 * them unknown (mig-check(1) DESCRIPTION/Devices).  --list shows the
	 * uevent's. */
	if (!ids || (wanted && !h->show_only &&
		     (d->kind == MC_KIND_PF || d->kind == MC_KIND_PARENT))) {
		d->vendor = read_hex_attr(d, "vendor", 0xffff);
		d->device = read_hex_attr(d, "device", 0xffff);
		d->class = read_hex_attr(d, "class", 0xffffff);
	}
	return d;
}

/* A PCI function by address; NULL with errno set when it does not exist
 * (ENODEV) or the bus cannot be read.  One that exists but cannot be read
 * is made, failed. */
static struct mc_dev *add_pci(struct mc_host *h, const char *name)
{
	struct pci_ids ids;
	int e;

	if (!mc_sysdir_open(&h->pci)) {
		if (errno == ENOENT)
			errno = ENODEV;
		return NULL;
	}
	e = read_uevent(&h->pci, name, &ids);
	if (e == ENOENT) {
		errno = ENODEV;
		return NULL;
	}
	return add_pci_ids(h, name, e ? NULL : &ids, e);
}

/* The creatable types of the mdev parent @parent, each with its
 * available_instances, read directly: it is read for every type of every
 * parent, and needs no libudev object of the parent. */
static void add_types(struct mc_host *h, struct mc_dev *parent)
{
	char **types;
	size_t n;

	types = mc_sysfs_list(parent->bus, &n, "%s/mdev_supported_types", parent->name);
	if (!types) {
		dev_fail(parent, "mdev_supported_types", errno);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct mc_dev *t = mc_host_add(h);
		unsigned long avail;
		char v[32];

		t->kind = MC_KIND_PARENT;
		snprintf(t->name, sizeof(t->name), "%s", parent->name);
		t->syspath = xasprintf("%s/mdev_supported_types/%s", parent->syspath, types[i]);
		t->parent = parent;
		t->type = types[i];
		t->available = -1;
		if (!mc_sysfs_read_line(parent->bus, v, sizeof(v), "%s/mdev_supported_types/%s/available_instances",
					parent->name, types[i]))
			dev_fail(t, "available_instances", errno);
		else if (!mc_parse_ulong(v, LONG_MAX, &avail))
			dev_fail(t, "available_instances", EINVAL);
		else
			t->available = (long)avail;
	}
	free(types);
}

/* The mdev @name of /sys/bus/mdev/devices, at @syspath. */
static struct mc_dev *add_mdev(struct mc_host *h, const char *name, char *syspath)
{
	const struct mc_sysdir *bus = &h->mdev;
	struct mc_dev *d = mc_host_add(h);
	char buf[NAME_MAX + 1], *slash;

	d->kind = MC_KIND_MDEV;
	d->available = -1;
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->syspath = syspath;
	d->udev_ctx = h->udev;
	d->bus = bus;
	d->driver = driver_name(h, d, buf, sizeof(buf));
	/* libudev will not read symlink attributes but driver/subsystem/module. */
	if (mc_sysfs_link_name(bus, buf, sizeof(buf), "%s/mdev_type", name))
		d->type = xstrdup(buf);
	else
		dev_fail(d, "mdev_type", errno);
	/* The parent is the directory the mdev lives in. */
	slash = strrchr(syspath, '/');
	if (slash && slash > syspath) {
		const char *pname;

		*slash = '\0';
		pname = strrchr(syspath, '/') + 1;
		if (mc_is_pci_name(pname)) {
			d->parent = mc_host_find(h, pname);
			if (!d->parent)
				d->parent = add_pci(h, pname);
		}
		*slash = '/';
	}
	if (!d->parent)
		dev_fail(d, "parent", ENODEV);
	return d;
}

struct mc_dev *mc_host_open(struct mc_host *h, const char *name, bool is_mdev)
{
	struct mc_dev *d;
	char *syspath;

	if (!is_mdev) {
		d = mc_host_find(h, name);
		return d ? d : add_pci(h, name);
	}
	if (!mc_sysdir_open(&h->mdev)) {
		if (errno == ENOENT)
			errno = ENODEV;   /* no mdev support */
		return NULL;
	}
	syspath = mc_sysfs_exists(&h->mdev, "%s", name) ? mc_sysfs_link_path(&h->mdev, name) : NULL;
	if (!syspath) {
		if (errno == ENOENT)
			errno = ENODEV;
		return NULL;
	}
	return add_mdev(h, name, syspath);
}

static bool is_sriov_or_parent(const struct mc_sysdir *bus, const char *name)
{
	static const char *const marks[] = { "physfn", "sriov_totalvfs", "mdev_supported_types" };

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++)
		if (mc_sysfs_has_link(bus, "%s/%s", name, marks[i]))
			return true;
	return false;
}

/* The entries of the bus directory @bus; NULL when there is no such bus
 * (a host without it is simply empty).  A bus that exists but cannot be
 * listed stops the run: what it hides could be the answer (mig-check(1),
 * EXIT STATUS). */
static char **list_bus(struct mc_sysdir *bus, size_t *n)
{
	char **names;

	if (!mc_sysdir_open(bus)) {
		if (errno == ENOENT)
			return NULL;
		mc_die("cannot list %s: %s", bus->path, strerror(errno));
	}
	names = mc_sysfs_list(bus, n, ".");
	if (!names)
		mc_die("cannot list %s: %s", bus->path, strerror(errno));
	return names;
}

/* Every PCI function a module may want (with --list, also every SR-IOV
 * function, mdev parent and function on a migration driver no module
 * judges), in the order of their addresses. */
static void scan_pci(struct mc_host *h, enum mc_scan_what what)
{
	char **names;
	size_t n;

	names = list_bus(&h->pci, &n);
	if (!names)
		return;   /* a host without PCI has no candidates */
	for (size_t i = 0; i < n; i++) {
		struct pci_ids ids;
		int e;

		/* Entries that are no PCI address are not ours to judge (libpci
		 * would die on them). */
		if (!mc_is_pci_name(names[i]) || mc_host_find(h, names[i])) {
			free(names[i]);
			continue;
		}
		e = read_uevent(&h->pci, names[i], &ids);
		/* A function whose uevent cannot be read may be the one a
		 * module wants: made, failed (one that vanished meanwhile is
		 * gone; one whose uevent has no PCI IDs is no function a
		 * module can judge). */
		if (e && e != ENOENT && e != EINVAL)
			add_pci_ids(h, names[i], NULL, e);
		else if (!e && (mc_vendor_wants_pci(ids.vendor, ids.device, ids.class) ||
				(what == MC_SCAN_LIST && (mc_driver_unjudged(ids.driver) ||
							  is_sriov_or_parent(&h->pci, names[i])))))
			add_pci_ids(h, names[i], &ids, 0);
		free(names[i]);
	}
	free(names);
}

struct mdev_entry {
	char *name, *syspath;
};

static int cmp_syspath(const void *a, const void *b)
{
	return strcmp(((const struct mdev_entry *)a)->syspath, ((const struct mdev_entry *)b)->syspath);
}

/* Every mdev, in the order of their sysfs paths (as libudev enumerates). */
static void scan_mdevs(struct mc_host *h)
{
	struct mdev_entry *found;
	size_t n, k = 0;
	char **names;

	names = list_bus(&h->mdev, &n);
	if (!names)
		return;   /* no mdev support */
	found = xcalloc(n + 1, sizeof(*found));
	for (size_t i = 0; i < n; i++) {
		found[k].syspath = mc_sysfs_link_path(&h->mdev, names[i]);
		if (found[k].syspath)
			found[k++].name = names[i];
		else if (errno == ENOENT)
			free(names[i]);   /* vanished while listing */
		else
			mc_die("cannot read %s/%s: %s", h->mdev.path, names[i], strerror(errno));
	}
	free(names);

	qsort(found, k, sizeof(*found), cmp_syspath);
	for (size_t i = 0; i < k; i++) {
		add_mdev(h, found[i].name, found[i].syspath);
		free(found[i].name);
	}
	free(found);
}

void mc_host_scan(struct mc_host *h, enum mc_scan_what what)
{
	size_t npci;

	h->show_only = what == MC_SCAN_LIST;
	scan_pci(h, what);
	scan_mdevs(h);
	npci = h->ndevs;
	for (size_t i = 0; i < npci; i++)
		if (h->devs[i]->kind == MC_KIND_PARENT)
			add_types(h, h->devs[i]);
	for (size_t i = 0; i < h->ndevs; i++) {
		struct mc_dev *d = h->devs[i];

		d->module = mc_vendor_offering(d);
	}
}
