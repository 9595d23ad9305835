/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host's device table and its name index.  Devices are found by name in
 * a hash table and driver names are kept once, so that a scan stays linear
 * in the size of the host, in time and in memory (bench/RESULTS.md). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libudev.h>

#include "host.h"
#include "util.h"

void mc_host_init(struct mc_host *h)
{
	memset(h, 0, sizeof(*h));
	h->pci = (struct mc_sysdir)MC_SYSDIR_INIT(MC_SYS_PCI_DEVICES);
	h->mdev = (struct mc_sysdir)MC_SYSDIR_INIT(MC_SYS_MDEV_DEVICES);
	h->udev = udev_new();
	if (!h->udev)
		mc_die("libudev: cannot initialise: %s", strerror(errno));
}

static void dev_free(struct mc_dev *d)
{
	if (d->udev)
		udev_device_unref(d->udev);
	free(d->syspath);
	free(d->type);
	free(d->err_attr);
	free(d);
}

void mc_host_free(struct mc_host *h)
{
	for (size_t i = 0; i < h->ndevs; i++)
		dev_free(h->devs[i]);
	free(h->devs);
	free(h->index);
	for (size_t i = 0; i < h->ndrivers; i++)
		free(h->drivers[i]);
	free(h->drivers);
	mc_sysdir_close(&h->pci);
	mc_sysdir_close(&h->mdev);
	udev_unref(h->udev);
	memset(h, 0, sizeof(*h));
	h->pci.fd = h->mdev.fd = -1;
}

char *mc_host_driver(struct mc_host *h, const char *name)
{
	for (size_t i = 0; i < h->ndrivers; i++)
		if (!strcmp(h->drivers[i], name))
			return h->drivers[i];
	h->drivers = xrealloc(h->drivers, (h->ndrivers + 1) * sizeof(*h->drivers));
	return h->drivers[h->ndrivers++] = xstrdup(name);
}

struct mc_dev *mc_host_add(struct mc_host *h)
{
	if (h->ndevs == h->alloc) {
		h->alloc = h->alloc ? 2 * h->alloc : 64;
		h->devs = xrealloc(h->devs, h->alloc * sizeof(*h->devs));
	}
	return h->devs[h->ndevs++] = xcalloc(1, sizeof(struct mc_dev));
}

/* FNV-1a */
static size_t name_hash(const char *s)
{
	uint32_t x = 2166136261u;

	while (*s)
		x = (x ^ (unsigned char)*s++) * 16777619u;
	return x;
}

static void index_insert(struct mc_dev **index, size_t size, struct mc_dev *d)
{
	size_t i = name_hash(d->name) & (size - 1);

	while (index[i])
		i = (i + 1) & (size - 1);
	index[i] = d;
}

/* At most three quarters full, so that probes stay short. */
void mc_host_index(struct mc_host *h, struct mc_dev *d)
{
	if (4 * (h->nindexed + 1) > 3 * h->index_size) {
		size_t size = h->index_size ? 2 * h->index_size : 256;
		struct mc_dev **index = xcalloc(size, sizeof(*index));

		for (size_t i = 0; i < h->index_size; i++)
			if (h->index[i])
				index_insert(index, size, h->index[i]);
		free(h->index);
		h->index = index;
		h->index_size = size;
	}
	index_insert(h->index, h->index_size, d);
	h->nindexed++;
}

struct mc_dev *mc_host_find(const struct mc_host *h, const char *name)
{
	if (!h->index_size)
		return NULL;
	for (size_t i = name_hash(name) & (h->index_size - 1); h->index[i];
	     i = (i + 1) & (h->index_size - 1))
		if (!strcmp(h->index[i]->name, name))
			return h->index[i];
	return NULL;
}
