/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pinned placement: only the devices a domain XML names are candidates, each
 * for its own record. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accept.h"
#include "devarg.h"
#include "pin.h"
#include "util.h"

/* Candidates judged by a module that does not offer the device: copies of
 * the host's devices, with the record's module. */
static struct mc_dev **copies;
static size_t ncopies;

void mc_pin_free(void)
{
	for (size_t i = 0; i < ncopies; i++)
		free(copies[i]);
	free(copies);
	copies = NULL;
	ncopies = 0;
}

static struct mc_cand *add(struct mc_cand **c, size_t *n, const struct mc_dev *d, size_t r)
{
	struct mc_cand *k;

	*c = xrealloc(*c, (*n + 1) * sizeof(**c));
	k = &(*c)[(*n)++];
	memset(k, 0, sizeof(*k));
	k->dev = d;
	k->record = r;
	return k;
}

/* The device @d was pinned to record @r, whose module does not offer it. */
static void add_not_offered(struct mc_cand **c, size_t *n, const struct mc_dev *d, size_t r,
			    const struct mc_vendor *m)
{
	const struct mc_vendor *other = d->module ? d->module : mc_vendor_offering(d);
	struct mc_dev *copy = xmalloc(sizeof(*copy));
	struct mc_cand *k;

	*copy = *d;
	copy->module = m;
	copies = xrealloc(copies, (ncopies + 1) * sizeof(*copies));
	copies[ncopies++] = copy;
	k = add(c, n, copy, r);
	k->judged = true;
	mc_judge(&k->j, MC_INCOMPATIBLE, MC_CAT_HARDWARE, "device", m->name,
		 other ? other->name : NULL, "not a device the %s module offers", m->name);
}

static struct mc_dev *find_mdev(struct mc_host *h, const char *uuid)
{
	for (size_t i = 0; i < h->ndevs; i++)
		if (h->devs[i]->kind == MC_KIND_MDEV && !strcmp(h->devs[i]->name, uuid))
			return h->devs[i];
	return NULL;
}

static bool offered(const struct mc_vendor *m, struct mc_dev *d)
{
	if (d->kind == MC_KIND_PARENT && !d->type)
		return false;   /* the parent itself: its types are what is offered */
	return d->err || m->offers(d);
}

size_t mc_pin_candidates(const char *what, const struct mc_domxml *x, struct mc_token *tok,
			 const struct mc_vendor *const *mods, struct mc_host *h, struct mc_cand **c)
{
	bool scan = false;
	size_t n = 0;
	char label[128];

	if (x->nvfio != tok->nrecords)
		mc_die("%s: the domain holds %zu VFIO device%s, the token %zu record%s", what,
		       x->nvfio, x->nvfio == 1 ? "" : "s", tok->nrecords, tok->nrecords == 1 ? "" : "s");
	/* Only an mdev that does not exist yet needs the whole host: a
	 * creatable type on any parent may take it.  Otherwise the work does
	 * not grow with the host. */
	for (size_t r = 0; r < tok->nrecords; r++) {
		const struct mc_hostdev *hd = mc_domxml_vfio(x, r);

		if (hd->kind == MC_HOSTDEV_MDEV && !mc_device_exists(hd->name))
			scan = true;
	}
	if (scan)
		mc_host_scan(h, MC_SCAN_CANDIDATES);

	for (size_t r = 0; r < tok->nrecords; r++) {
		const struct mc_hostdev *hd = mc_domxml_vfio(x, r);
		struct mc_record *rec = &tok->records[r];
		const struct mc_vendor *m = mods[r];
		bool is_mdev = hd->kind == MC_HOSTDEV_MDEV;
		struct mc_dev *d;

		/* mig-check(1) LIBVIRT/Destination: the action creates the
		 * mdev the XML names. */
		if (is_mdev && mc_record_get(rec, "uuid"))
			mc_record_set(rec, "uuid", hd->name);
		d = is_mdev ? find_mdev(h, hd->name) : NULL;
		if (!d)
			d = mc_host_open(h, hd->name, is_mdev);
		if (!d && !is_mdev)
			mc_die("%s: %s: device not found", what, mc_hostdev_label(hd, label, sizeof(label)));
		if (!d) {
			/* No such mdev: a creatable type on any parent. */
			for (size_t i = 0; i < h->ndevs; i++) {
				struct mc_dev *t = h->devs[i];

				/* A full one too: a capacity candidate
				 * (mig-check-formats(5), VERDICTS). */
				if (t->kind == MC_KIND_PARENT && t->type && t->module == m)
					add(c, &n, t, r);
			}
			continue;
		}
		if (!offered(m, d)) {
			add_not_offered(c, &n, d, r, m);
			continue;
		}
		if (!d->module)
			d->module = m;
		add(c, &n, d, r);
	}
	return n;
}

size_t mc_pin_accept(const struct mc_opts *o, struct mc_token *tok,
		     const struct mc_vendor *const *mods, struct mc_host *h, struct mc_cand **c)
{
	const char *file = o->domain_xml;
	bool in = !strcmp(file, "-");
	const char *what = in ? "domain XML on standard input" : file;
	struct mc_domxml x;
	char why[512], *buf;
	size_t len, n;
	int fd;

	fd = in ? STDIN_FILENO : open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		mc_die("%s: %s", file, strerror(errno));
	buf = mc_read_all(fd, &len);
	if (!buf)
		mc_die("%s: %s", what, errno == EFBIG ? "longer than 16 MiB" : strerror(errno));
	if (!in)
		close(fd);
	if (mc_domxml_parse(buf, len, &x, why, sizeof(why)) < 0)
		mc_die("%s: %s", what, why);
	free(buf);
	n = mc_pin_candidates(what, &x, tok, mods, h, c);
	mc_domxml_free(&x);
	return n;
}
