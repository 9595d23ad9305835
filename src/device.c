/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading a device's sysfs attributes through libudev, and the few facts
 * every module asks of any device. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libudev.h>

#include "device.h"
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

const char *mc_dev_attr(const struct mc_dev *d, const char *attr)
{
	const char *v;

	if (!d->udev)
		return d->parent ? mc_dev_attr(d->parent, attr) : (errno = ENODEV, NULL);
	errno = 0;
	v = udev_device_get_sysattr_value(d->udev, attr);
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
	if (!d->udev)
		return d->parent && mc_dev_has(d->parent, attr);
	return path_exists(d->syspath, attr);
}

bool mc_type_has(const struct mc_dev *d, const char *attr)
{
	const struct mc_dev *pci = mc_dev_pci(d);
	char *name;
	bool r;

	if (!d->type || !pci || pci == d)
		return false;
	name = type_attr_name(d, attr);
	r = path_exists(pci->syspath, name);
	free(name);
	return r;
}

char *mc_dev_kver_path(const struct mc_dev *d)
{
	static const char attr[] = "migration_version";
	const struct mc_dev *pci = mc_dev_pci(d);

	if (d->udev && mc_dev_has(d, attr))
		return xasprintf("%s/%s", d->syspath, attr);
	if (d->type && pci && pci != d && mc_type_has(d, attr))
		return xasprintf("%s/mdev_supported_types/%s/%s", pci->syspath, d->type, attr);
	return NULL;
}

void mc_dev_id(const struct mc_dev *pci, char buf[static 10])
{
	snprintf(buf, 10, "%04x.%04x", pci->vendor & 0xffff, pci->device & 0xffff);
}
