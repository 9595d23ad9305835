/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading a device's sysfs attributes through libudev, and the few facts
 * every module asks of any device.  A device's libudev object is made when
 * an attribute is first read, so a scan makes none for the many devices
 * whose attributes no module reads. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Upstream VFIO variant drivers with live-migration support whose devices
 * no built-in module judges (mig-check(1) OPTIONS, --list): their
 * compatibility checks run in firmware or at resume.  qat_vfio_pci is not
 * here: the qat module judges its devices. */
static const char *const unjudged_drivers[] = {
	"mlx5_vfio_pci",
	"hisi_acc_vfio_pci",
	"pds_vfio_pci",
	"virtio_vfio_pci",
	"xe_vfio_pci",
};

bool mc_driver_unjudged(const char *driver)
{
	for (size_t i = 0; driver && i < ARRAY_SIZE(unjudged_drivers); i++)
		if (!strcmp(driver, unjudged_drivers[i]))
			return true;
	return false;
}

const struct mc_dev *mc_dev_pci(const struct mc_dev *d)
{
	if (d->kind == MC_KIND_MDEV || (d->kind == MC_KIND_PARENT && d->type))
		return d->parent;
	return d;
}

/* @d's own directory, as a path relative to @*dir, the bus directory that
 * holds it.  A device made by hand (in tests) has no bus directory, only a
 * syspath, taken as it is (@*dir NULL).  NULL (ENOENT) when it has neither. */
static const char *dev_dir(const struct mc_dev *d, const struct mc_sysdir **dir)
{
	*dir = d->bus;
	if (!d->bus && !d->syspath)
		errno = ENOENT;
	return d->bus ? d->name : d->syspath;
}

/* Does @rel below @d's own directory exist (@rel NULL: the directory)?
 * false with errno set. */
static bool dev_exists(const struct mc_dev *d, const char *rel)
{
	const struct mc_sysdir *dir;
	const char *at = dev_dir(d, &dir);

	return at && mc_sysfs_exists(dir, "%s%s%s", at, rel ? "/" : "", rel ? rel : "");
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
	if (!d->udev && !mc_sysfs_has_link(d->bus, "%s/%s", d->name, attr) && errno == ENOENT)
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

/* Is @d a creatable type, read through its parent @pci? */
static bool is_type(const struct mc_dev *d, const struct mc_dev *pci)
{
	return d->type && pci && pci != d;
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

	if (!is_type(d, pci)) {
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

bool mc_dev_has(const struct mc_dev *d, const char *attr)
{
	if (!d->udev_ctx)
		return d->parent && mc_dev_has(d->parent, attr);
	return dev_exists(d, attr);
}

bool mc_type_has(const struct mc_dev *d, const char *attr)
{
	const struct mc_dev *pci = mc_dev_pci(d);
	const struct mc_sysdir *dir;
	const char *at;

	if (!is_type(d, pci)) {
		errno = ENOENT;
		return false;
	}
	at = dev_dir(pci, &dir);
	return at && mc_sysfs_exists(dir, "%s/mdev_supported_types/%s%s%s", at, d->type,
				     attr ? "/" : "", attr ? attr : "");
}

bool mc_dev_present(const struct mc_dev *d)
{
	if (!d->udev_ctx && is_type(d, mc_dev_pci(d)))
		return mc_type_has(d, NULL);
	return dev_exists(d, NULL);
}

char **mc_dev_list_dir(const struct mc_dev *d, const char *name, size_t *count)
{
	const struct mc_sysdir *dir;
	const char *at;

	at = dev_dir(d, &dir);
	return at ? mc_sysfs_list(dir, count, "%s/%s", at, name) : NULL;
}

bool mc_dev_read_line(const struct mc_dev *d, const char *rel, char *buf, size_t len)
{
	const struct mc_sysdir *dir;
	const char *at = dev_dir(d, &dir);

	return at && mc_sysfs_read_line(dir, buf, len, "%s/%s", at, rel);
}

bool mc_dev_link_name(const struct mc_dev *d, const char *rel, char *buf, size_t len)
{
	const struct mc_sysdir *dir;
	const char *at = dev_dir(d, &dir);

	return at && mc_sysfs_link_name(dir, buf, len, "%s/%s", at, rel);
}

char *mc_dev_kver_path(const struct mc_dev *d, const struct mc_sysdir **dir)
{
	static const char attr[] = "migration_version";
	const struct mc_dev *pci = mc_dev_pci(d);
	const char *at;

	if (d->udev_ctx && mc_dev_has(d, attr)) {
		at = dev_dir(d, dir);
		return xasprintf("%s/%s", at, attr);
	}
	if (is_type(d, pci) && mc_type_has(d, attr)) {
		at = dev_dir(pci, dir);
		return xasprintf("%s/mdev_supported_types/%s/%s", at, d->type, attr);
	}
	return NULL;
}

bool mc_dev_has_kver(const struct mc_dev *d)
{
	const struct mc_sysdir *dir;
	char *path = mc_dev_kver_path(d, &dir);

	free(path);
	return path != NULL;
}

void mc_dev_id(const struct mc_dev *pci, char buf[static 10])
{
	snprintf(buf, 10, "%04x.%04x", pci->vendor & 0xffff, pci->device & 0xffff);
}
