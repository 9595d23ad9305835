/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading a device's sysfs attributes through libudev, and the few facts
 * every module asks of any device.  A device's libudev object is made when
 * an attribute is first read, so a scan makes none for the many devices
 * whose attributes no module reads (SPEC 12). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libudev.h>

#include "device.h"
#include "sysfs.h"
#include "util.h"

static const char *const kind_names[] = {
	[MC_KIND_MDEV] = "mdev",
	[MC_KIND_PARENT] = "parent",
	[MC_KIND_VF] = "vf",
	[MC_KIND_PF] = "pf",
	[MC_KIND_PCI] = "pci",
};

const char *mc_kind_name(enum mc_kind k)
{
	return kind_names[k];
}

const struct mc_dev *mc_dev_pci(const struct mc_dev *d)
{
	if (d->kind == MC_KIND_MDEV || (d->kind == MC_KIND_PARENT && d->type))
		return d->parent;
	return d;
}

/* Does @d's @attr exist?  Asked relative to the directory of @d's bus, so
 * that no path is resolved from the root.  @flags: AT_SYMLINK_NOFOLLOW to
 * count a dangling link.  false with errno set. */
static bool attr_exists(const struct mc_dev *d, const char *attr, int flags)
{
	if (flags & AT_SYMLINK_NOFOLLOW)
		return mc_sysfs_has_link(d->bus, "%s/%s", d->name, attr);
	return mc_sysfs_exists(d->bus, "%s/%s", d->name, attr);
}

/* @d's libudev object, made on first use; NULL with errno set when the
 * device cannot be opened (it vanished). */
static struct udev_device *dev_udev(const struct mc_dev *d)
{
	/* Only the cache changes: a scanned device is never const itself. */
	struct mc_dev *m = (struct mc_dev *)d;

	if (d->udev)
		return d->udev;
	if (!d->udev_err) {
		errno = 0;
		m->udev = udev_device_new_from_syspath(d->udev_ctx, d->syspath);
		if (m->udev)
			return m->udev;
		m->udev_err = errno ? errno : ENODEV;
	}
	errno = d->udev_err;
	return NULL;
}

const char *mc_dev_attr(const struct mc_dev *d, const char *attr)
{
	struct udev_device *u;
	const char *v;

	if (!d->udev_ctx)
		return d->parent ? mc_dev_attr(d->parent, attr) : (errno = ENODEV, NULL);
	/* An attribute that does not exist needs no device object: libudev's
	 * lstat() would say ENOENT just the same. */
	if (!d->udev && !attr_exists(d, attr, AT_SYMLINK_NOFOLLOW) && errno == ENOENT)
		return NULL;
	u = dev_udev(d);
	if (!u)
		return NULL;
	errno = 0;
	v = udev_device_get_sysattr_value(u, attr);
	if (!v && !errno)
		errno = ENOENT;
	return v;
}

/* The path of @attr inside @d's type directory, relative to the parent. */
static char *type_attr_name(const struct mc_dev *d, const char *attr)
{
	return xasprintf("mdev_supported_types/%s/%s", d->type, attr);
}

const char *mc_type_attr(const struct mc_dev *d, const char *attr)
{
	const struct mc_dev *pci = mc_dev_pci(d);
	const char *v;
	char *name;
	int e;

	if (!d->type || !pci || pci == d) {
		errno = ENOENT;
		return NULL;
	}
	name = type_attr_name(d, attr);
	v = mc_dev_attr(pci, name);
	e = errno;
	free(name);
	errno = e;
	return v;
}

static bool path_exists(const char *dir, const char *attr)
{
	char *p = xasprintf("%s/%s", dir, attr);
	bool r = access(p, F_OK) == 0;

	free(p);
	return r;
}

bool mc_dev_has(const struct mc_dev *d, const char *attr)
{
	if (!d->udev_ctx)
		return d->parent && mc_dev_has(d->parent, attr);
	return attr_exists(d, attr, 0);
}

bool mc_type_has(const struct mc_dev *d, const char *attr)
{
	const struct mc_dev *pci = mc_dev_pci(d);
	char *name;
	bool r;

	if (!d->type || !pci || pci == d)
		return false;
	name = type_attr_name(d, attr);
	r = pci->udev_ctx ? attr_exists(pci, name, 0) : pci->syspath && path_exists(pci->syspath, name);
	free(name);
	return r;
}

char *mc_dev_kver_path(const struct mc_dev *d)
{
	static const char attr[] = "migration_version";
	const struct mc_dev *pci = mc_dev_pci(d);

	if (d->udev_ctx && mc_dev_has(d, attr))
		return xasprintf("%s/%s", d->syspath, attr);
	if (d->type && pci && pci != d && mc_type_has(d, attr))
		return xasprintf("%s/mdev_supported_types/%s/%s", pci->syspath, d->type, attr);
	return NULL;
}

void mc_dev_id(const struct mc_dev *pci, char buf[static 10])
{
	snprintf(buf, 10, "%04x.%04x", pci->vendor & 0xffff, pci->device & 0xffff);
}
