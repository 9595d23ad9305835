/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a libvirt domain XML says about the devices a VM holds and the token
 * it carries (mig-check(1), LIBVIRT). */
#ifndef MC_DOMXML_H
#define MC_DOMXML_H

#include <stdbool.h>
#include <stddef.h>

/* The token's namespace in the domain's <metadata>. */
#define MC_METADATA_NS "urn:mig-check:1"

/* The most XML read from a file or standard input. */
#define MC_DOMXML_MAX (16u << 20)

enum mc_hostdev_kind {
	MC_HOSTDEV_MDEV,     /* <hostdev mode='subsystem' type='mdev'> */
	MC_HOSTDEV_PCI,      /* <hostdev mode='subsystem' type='pci'> */
	MC_HOSTDEV_IFACE,    /* <interface type='hostdev'> */
	MC_HOSTDEV_OTHER,    /* any other <hostdev>: USB, SCSI, ...; not VFIO */
};

struct mc_hostdev {
	enum mc_hostdev_kind kind;
	char name[40];          /* mdev UUID or PCI address as mig-check spells them */
	char type[16];          /* the type attribute as written */
	bool managed;           /* managed='yes' */
	char driver_model[64];  /* <driver model='D'/>, empty when absent */
};

struct mc_domxml {
	struct mc_hostdev *devs;   /* in document order */
	size_t ndevs;
	size_t nvfio;              /* those of kind mdev, pci or interface */
	char *token;               /* the metadata token, trimmed; NULL when absent */
};

/* Keep libxml2's messages (also those of libxml2 inside libvirt) from
 * stderr; mc_domxml_last_error() returns the first, as one line. */
void mc_domxml_catch_errors(void);
const char *mc_domxml_last_error(void);

/* Parse @len bytes of domain XML.  0, or -1 with one line saying why in
 * @why (libxml2's own message for XML it cannot parse). */
int mc_domxml_parse(const char *buf, size_t len, struct mc_domxml *x, char *why, size_t whylen);
void mc_domxml_free(struct mc_domxml *x);

/* The @i-th device of kind mdev, pci or interface, or NULL. */
const struct mc_hostdev *mc_domxml_vfio(const struct mc_domxml *x, size_t i);

/* How a device is named in messages: "hostdev type='mdev' 83b8...". */
const char *mc_hostdev_label(const struct mc_hostdev *d, char *buf, size_t len);

/* Read all of @fd, at most MC_DOMXML_MAX bytes.  NULL with errno set
 * (EFBIG when longer). */
char *mc_read_all(int fd, size_t *len);

#endif
