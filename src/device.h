/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The local devices mig-check knows about, and how their sysfs attributes are
 * read (mig-check(1) DESCRIPTION/Devices). */
#ifndef MC_DEVICE_H
#define MC_DEVICE_H

#include <stdbool.h>
#include <stddef.h>

struct udev;
struct udev_device;
struct mc_sysdir;
struct mc_vendor;

enum mc_kind {
	MC_KIND_MDEV,     /* a mediated device on bus mdev */
	MC_KIND_PARENT,   /* an mdev parent; with @type set, one creatable type of it */
	MC_KIND_VF,       /* an SR-IOV virtual function (has physfn) */
	MC_KIND_PF,       /* an SR-IOV physical function (has sriov_totalvfs) */
	MC_KIND_PCI,      /* any other PCI function */
};

struct mc_dev {
	enum mc_kind kind;
	char name[40];              /* 0000:3b:00.1, or the mdev UUID */
	char *syspath;
	/* The libudev context @udev is made from, on the first attribute read
	 * that needs it (device.c); NULL for a device that has no sysfs
	 * directory of its own and reads through @parent (a creatable type). */
	struct udev *udev_ctx;
	struct udev_device *udev;   /* NULL until made (or when it could not be) */
	int udev_err;               /* errno of a failed attempt to make @udev */
	const struct mc_sysdir *bus;   /* with @udev_ctx: /sys/bus/<bus>/devices, which holds
	                                * @name; sysfs is read relative to it (sysfs.h) */
	struct mc_dev *parent;      /* mdev and creatable type: the PCI parent; VF: its PF, or NULL */
	unsigned vendor, device, class;   /* PCI functions only */
	char *driver;               /* bound driver, NULL when unbound (host.c: the host's copy) */
	char *type;                 /* mdev type directory name (i915-GVTg_V5_4) */
	long available;             /* creatable type: available_instances, -1 unknown */
	int err;                    /* errno of a read that failed while scanning, else 0 */
	char *err_attr;             /* the attribute that failed */
	const struct mc_vendor *module;   /* the module that claims or offers it */
};

const char *mc_kind_name(enum mc_kind k);

/* Is @driver a VFIO variant driver with migration support whose devices no
 * built-in module judges (mlx5_vfio_pci, ...)?  false for NULL. */
bool mc_driver_unjudged(const char *driver);

/* The PCI function behind @d: itself, or the parent of an mdev/creatable type. */
const struct mc_dev *mc_dev_pci(const struct mc_dev *d);

/* Attribute values with trailing newlines removed, read through libudev, or
 * NULL with errno set (ENOENT: no such attribute).  The strings live as long
 * as the device.  The device's libudev object is made on the first read of
 * an attribute that exists. */
const char *mc_dev_attr(const struct mc_dev *d, const char *attr);
/* An attribute of @d's mdev type directory (mdev or creatable type). */
const char *mc_type_attr(const struct mc_dev *d, const char *attr);
bool mc_dev_has(const struct mc_dev *d, const char *attr);
/* @attr NULL: does the type directory itself exist? */
bool mc_type_has(const struct mc_dev *d, const char *attr);

/* Is @d (a creatable type: its type directory) still there?  false with
 * errno set when it vanished. */
bool mc_dev_present(const struct mc_dev *d);

/* The sorted entries of @d's directory @name (mc_sysfs_list()). */
char **mc_dev_list_dir(const struct mc_dev *d, const char *name, size_t *count);

/* mc_sysfs_read_line() and mc_sysfs_link_name() of @rel in @d's own
 * directory, without libudev. */
bool mc_dev_read_line(const struct mc_dev *d, const char *rel, char *buf, size_t len);
bool mc_dev_link_name(const struct mc_dev *d, const char *rel, char *buf, size_t len);

/* @d's migration_version attribute: an mdev's own, else its type's; a
 * creatable type's; a PCI function's own.  Its path relative to @*dir
 * (malloc'ed), for the sysfs reader; NULL when absent. */
char *mc_dev_kver_path(const struct mc_dev *d, const struct mc_sysdir **dir);
bool mc_dev_has_kver(const struct mc_dev *d);

/* "%04x.%04x" of a PCI function's vendor and device, into @buf (10 bytes). */
void mc_dev_id(const struct mc_dev *pci, char buf[static 10]);

#endif
