/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Device discovery.  PCI functions are listed with a plain directory read and
 * their uevent file, so that no libudev object is made for a function no
 * module can use; mdevs come from libudev's enumeration of bus mdev. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libudev.h>

#include "scan.h"
#include "util.h"
#include "vendor.h"

#define SYS_PCI_DEVICES "/sys/bus/pci/devices"

void mc_host_init(struct mc_host *h)
{
	memset(h, 0, sizeof(*h));
	h->udev = udev_new();
	if (!h->udev)
		mc_die("libudev: cannot initialise: %s", strerror(errno));
}

static void dev_free(struct mc_dev *d)
{
	if (d->udev)
		udev_device_unref(d->udev);
	free(d->syspath);
	free(d->driver);
	free(d->type);
	free(d->err_attr);
	free(d);
}

void mc_host_free(struct mc_host *h)
{
	for (size_t i = 0; i < h->ndevs; i++)
		dev_free(h->devs[i]);
	free(h->devs);
	udev_unref(h->udev);
	memset(h, 0, sizeof(*h));
}

static struct mc_dev *host_add(struct mc_host *h)
{
	if (h->ndevs == h->alloc) {
		h->alloc = h->alloc ? 2 * h->alloc : 64;
		h->devs = xrealloc(h->devs, h->alloc * sizeof(*h->devs));
	}
	return h->devs[h->ndevs++] = xcalloc(1, sizeof(struct mc_dev));
}

static struct mc_dev *host_find(const struct mc_host *h, const char *name, const char *type)
{
	for (size_t i = 0; i < h->ndevs; i++) {
		struct mc_dev *d = h->devs[i];

		if (strcmp(d->name, name) || (type != NULL) != (d->type != NULL))
			continue;
		if (d->kind == MC_KIND_MDEV || !type || !strcmp(type, d->type))
			return d;
	}
	return NULL;
}

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

/* The last component of a symlink's target, e.g. the PF of physfn. */
static bool read_link_base(const char *dir, const char *link, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, link) >= sizeof(path))
		return false;
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= len)
		return false;
	strcpy(buf, base);
	return true;
}

static struct mc_dev *add_pci(struct mc_host *h, const char *name);

/* Fill a PCI function's identity; a failed read is kept, not fatal. */
static void fill_pci(struct mc_host *h, struct mc_dev *d)
{
	const char *drv;
	char pf[40];

	d->vendor = read_hex_attr(d, "vendor", 0xffff);
	d->device = read_hex_attr(d, "device", 0xffff);
	d->class = read_hex_attr(d, "class", 0xffffff);
	drv = udev_device_get_driver(d->udev);
	d->driver = drv ? xstrdup(drv) : NULL;

	if (read_link_base(d->syspath, "physfn", pf, sizeof(pf))) {
		d->kind = MC_KIND_VF;
		d->parent = host_find(h, pf, NULL);
		if (!d->parent)
			d->parent = add_pci(h, pf);
	} else if (mc_dev_has(d, "mdev_supported_types")) {
		d->kind = MC_KIND_PARENT;
	} else if (mc_dev_has(d, "sriov_totalvfs")) {
		d->kind = MC_KIND_PF;
	} else {
		d->kind = MC_KIND_PCI;
	}
}

static struct mc_dev *new_dev(struct mc_host *h, struct udev_device *u)
{
	struct mc_dev *d = host_add(h);

	d->udev = u;
	d->syspath = xstrdup(udev_device_get_syspath(u));
	snprintf(d->name, sizeof(d->name), "%s", udev_device_get_sysname(u));
	return d;
}

/* A PCI function by address; NULL (errno set) when it does not exist. */
static struct mc_dev *add_pci(struct mc_host *h, const char *name)
{
	struct udev_device *u;
	struct mc_dev *d;

	u = udev_device_new_from_subsystem_sysname(h->udev, "pci", name);
	if (!u) {
		if (!errno)
			errno = ENODEV;
		return NULL;
	}
	d = new_dev(h, u);
	fill_pci(h, d);
	return d;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directory entries but dot files, sorted, so output does not depend on
 * the order the file system returns them in. */
static char **list_dir(const char *dir, size_t *count)
{
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	DIR *dp;

	dp = opendir(dir);
	if (!dp)
		return NULL;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmp_name);
	*count = n;
	return names ? names : xcalloc(1, sizeof(*names));
}

static void add_types(struct mc_host *h, struct mc_dev *parent)
{
	char *dir = xasprintf("%s/mdev_supported_types", parent->syspath);
	char **types;
	size_t n;

	types = list_dir(dir, &n);
	if (!types) {
		dev_fail(parent, "mdev_supported_types", errno);
		free(dir);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct mc_dev *t = host_add(h);
		unsigned long avail;
		const char *v;

		t->kind = MC_KIND_PARENT;
		snprintf(t->name, sizeof(t->name), "%s", parent->name);
		t->syspath = xasprintf("%s/%s", dir, types[i]);
		t->parent = parent;
		t->type = types[i];
		t->available = -1;
		v = mc_type_attr(t, "available_instances");
		if (!v)
			dev_fail(t, "available_instances", errno);
		else if (!mc_parse_ulong(v, LONG_MAX, &avail))
			dev_fail(t, "available_instances", EINVAL);
		else
			t->available = (long)avail;
	}
	free(types);
	free(dir);
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* "0000:3b:00.1" exactly, lower case. */
static bool is_pci_name(const char *s)
{
	return strlen(s) == 12 && is_hex(s, 4) && s[4] == ':' && is_hex(s + 5, 2) &&
	       s[7] == ':' && is_hex(s + 8, 2) && s[10] == '.' && s[11] >= '0' && s[11] <= '7';
}

static bool is_uuid(const char *s)
{
	static const int dash[] = { 8, 13, 18, 23 };

	if (strlen(s) != 36)
		return false;
	for (int i = 0, k = 0; i < 36; i++) {
		if (k < 4 && i == dash[k]) {
			if (s[i] != '-')
				return false;
			k++;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

bool mc_device_arg(const char *arg, char name[static 40], bool *is_mdev)
{
	const char *base = strrchr(arg, '/');
	char buf[40];
	size_t len;

	/* A sysfs path names the device by its last component. */
	if (base) {
		len = strlen(arg);
		while (len > 1 && arg[len - 1] == '/')
			len--;
		base = arg + len;
		while (base > arg && base[-1] != '/')
			base--;
		len = (size_t)(arg + len - base);
	} else {
		base = arg;
		len = strlen(arg);
	}
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, base, len);
	buf[len] = '\0';
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);

	if (is_uuid(buf)) {
		*is_mdev = true;
		memcpy(name, buf, len + 1);
		return true;
	}
	*is_mdev = false;
	if (len == 7) {   /* bus:dev.fn in domain 0 */
		memcpy(name, "0000:", 5);
		memcpy(name + 5, buf, len + 1);
		return is_pci_name(name);
	}
	memcpy(name, buf, len + 1);
	return is_pci_name(name);
}

bool mc_device_exists(const char *arg)
{
	char name[40], *path;
	bool is_mdev, r;

	if (!mc_device_arg(arg, name, &is_mdev))
		return false;
	path = xasprintf("/sys/bus/%s/devices/%s", is_mdev ? "mdev" : "pci", name);
	r = access(path, F_OK) == 0;
	free(path);
	return r;
}

static struct mc_dev *add_mdev(struct mc_host *h, struct udev_device *u)
{
	struct udev_device *pu = udev_device_get_parent(u);
	struct mc_dev *d = new_dev(h, u);
	char type[NAME_MAX + 1];
	const char *drv;

	d->kind = MC_KIND_MDEV;
	d->available = -1;
	drv = udev_device_get_driver(u);
	d->driver = drv ? xstrdup(drv) : NULL;
	/* libudev will not read symlink attributes but driver/subsystem/module. */
	if (read_link_base(d->syspath, "mdev_type", type, sizeof(type)))
		d->type = xstrdup(type);
	else
		dev_fail(d, "mdev_type", errno);
	if (pu) {
		const char *pname = udev_device_get_sysname(pu);

		d->parent = host_find(h, pname, NULL);
		if (!d->parent)
			d->parent = add_pci(h, pname);
	}
	if (!d->parent)
		dev_fail(d, "parent", ENODEV);
	return d;
}

struct mc_dev *mc_host_open(struct mc_host *h, const char *name, bool is_mdev)
{
	struct udev_device *u;

	if (!is_mdev)
		return add_pci(h, name);
	u = udev_device_new_from_subsystem_sysname(h->udev, "mdev", name);
	if (!u) {
		if (!errno)
			errno = ENODEV;
		return NULL;
	}
	return add_mdev(h, u);
}

/* Pull PCI_ID, PCI_CLASS out of a uevent file without libudev. */
static bool read_uevent_ids(int dirfd, const char *name, unsigned *vendor,
			    unsigned *device, unsigned *class)
{
	char path[64], buf[1024];
	bool id = false, cls = false;
	char *line, *save;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/uevent", name);
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *end;

		if (!strncmp(line, "PCI_ID=", 7)) {
			unsigned long v = strtoul(line + 7, &end, 16), d;

			if (*end != ':')
				return false;
			d = strtoul(end + 1, &end, 16);
			if (*end || v > 0xffff || d > 0xffff)
				return false;
			*vendor = (unsigned)v;
			*device = (unsigned)d;
			id = true;
		} else if (!strncmp(line, "PCI_CLASS=", 10)) {
			unsigned long c = strtoul(line + 10, &end, 16);

			if (*end || c > 0xffffff)
				return false;
			*class = (unsigned)c;
			cls = true;
		}
	}
	return id && cls;
}

static bool is_sriov_or_parent(int dirfd, const char *name)
{
	static const char *const marks[] = { "physfn", "sriov_totalvfs", "mdev_supported_types" };
	char path[NAME_MAX + 32];

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		snprintf(path, sizeof(path), "%s/%s", name, marks[i]);
		if (faccessat(dirfd, path, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
			return true;
	}
	return false;
}

static void scan_pci(struct mc_host *h, enum mc_scan_what what)
{
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	DIR *dp;
	int fd;

	dp = opendir(SYS_PCI_DEVICES);
	if (!dp)
		return;   /* a host without PCI has no candidates */
	fd = dirfd(dp);
	while ((e = readdir(dp))) {
		unsigned vendor, device, class;

		/* Entries that are no PCI address are not ours to judge (libpci
		 * would die on them). */
		if (!is_pci_name(e->d_name))
			continue;
		if (!read_uevent_ids(fd, e->d_name, &vendor, &device, &class))
			continue;   /* vanished while listing */
		if (!mc_vendor_wants_pci(vendor, device, class) &&
		    (what != MC_SCAN_LIST || !is_sriov_or_parent(fd, e->d_name)))
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);

	qsort(names, n, sizeof(*names), cmp_name);
	for (size_t i = 0; i < n; i++) {
		if (!host_find(h, names[i], NULL))
			add_pci(h, names[i]);   /* vanished meanwhile: nothing to judge */
		free(names[i]);
	}
	free(names);
}

static void scan_mdevs(struct mc_host *h)
{
	struct udev_enumerate *en = udev_enumerate_new(h->udev);
	struct udev_list_entry *le;

	if (!en)
		return;
	udev_enumerate_add_match_subsystem(en, "mdev");
	udev_enumerate_scan_devices(en);
	udev_list_entry_foreach(le, udev_enumerate_get_list_entry(en)) {
		struct udev_device *u;

		u = udev_device_new_from_syspath(h->udev, udev_list_entry_get_name(le));
		if (u)
			add_mdev(h, u);
	}
	udev_enumerate_unref(en);
}

void mc_host_scan(struct mc_host *h, enum mc_scan_what what)
{
	size_t npci;

	scan_pci(h, what);
	scan_mdevs(h);
	npci = h->ndevs;
	for (size_t i = 0; i < npci; i++)
		if (h->devs[i]->kind == MC_KIND_PARENT)
			add_types(h, h->devs[i]);
	for (size_t i = 0; i < h->ndevs; i++) {
		struct mc_dev *d = h->devs[i];

		d->module = mc_vendor_for(d, true);
	}
}
