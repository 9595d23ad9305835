/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --libvirt-hook: run by libvirt for every qemu domain event; at the start
 * of an incoming migration it judges the domain's token pinned to the
 * domain's devices and refuses the migration when a device is not ready. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accept.h"
#include "conf.h"
#include "decode.h"
#include "domxml.h"
#include "hook.h"
#include "pin.h"
#include "util.h"

/* The hook runs inside libvirtd's migration path: it must never wait for
 * ever on standard input. */
#define HOOK_INPUT_TIMEOUT_MS 10000
#define HOOK_DRAIN_MAX (4 * MC_DOMXML_MAX)

/* Read standard input to its end, keeping at most MC_DOMXML_MAX bytes when
 * @keep.  NULL with errno set: EFBIG (too long), ETIMEDOUT (no data for
 * HOOK_INPUT_TIMEOUT_MS). */
static char *read_input(bool keep, size_t *len)
{
	size_t n = 0, total = 0, alloc = 0;
	char *buf = NULL, sink[65536];

	for (;;) {
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		char *to = sink;
		size_t room = sizeof(sink);
		ssize_t r;
		int e;

		if (keep) {
			if (alloc - n < 4096) {
				alloc = alloc ? 2 * alloc : 65536;
				buf = xrealloc(buf, alloc + 1);
			}
			to = buf + n;
			room = alloc - n;
		}
		e = poll(&p, 1, HOOK_INPUT_TIMEOUT_MS);
		if (e < 0 && errno == EINTR)
			continue;
		if (e == 0)
			errno = ETIMEDOUT;
		if (e <= 0)
			goto fail;
		r = read(STDIN_FILENO, to, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		total += (size_t)r;
		if (keep)
			n += (size_t)r;
		if ((keep && n > MC_DOMXML_MAX) || total > HOOK_DRAIN_MAX) {
			errno = EFBIG;
			goto fail;
		}
	}
	if (keep)
		buf[n] = '\0';
	*len = n;
	return keep ? buf : NULL;
fail:
	free(buf);
	return NULL;
}

/* A driver bind that libvirt does itself: a managed PCI hostdev whose
 * <driver model='D'/> names the very driver the action binds. */
static bool libvirt_binds(const struct mc_hostdev *hd, const char *action)
{
	static const char cmd[] = "driverctl set-override ";
	const char *last;

	if (hd->kind != MC_HOSTDEV_PCI || !hd->managed || !hd->driver_model[0] || !action)
		return false;
	if (strncmp(action, cmd, sizeof(cmd) - 1) || strpbrk(action, ";&|\n"))
		return false;
	last = strrchr(action, ' ');
	return last && !strcmp(last + 1, hd->driver_model);
}

/* Why a record found no place, when no candidate of its own says why:
 * the placement's note. */
static char *note_for(const struct mc_placement *p, size_t r, const struct mc_hostdev *hd)
{
	char idx[24];

	if (hd->kind == MC_HOSTDEV_MDEV)
		return xasprintf("uuid: no such mdev here, and no mdev type here can create it (%s)",
				 hd->name);
	snprintf(idx, sizeof(idx), "%zu", r);
	for (size_t k = 0; k < p->notes.nreasons; k++)
		if (p->notes.reasons[k].source && !strcmp(p->notes.reasons[k].source, idx))
			return xstrdup(p->notes.reasons[k].rule);
	return xstrdup("no local device is a candidate for it");
}

static int judge(const char *guest, const struct mc_opts *o, struct mc_domxml *x)
{
	char label[MC_RECORD_LABEL_MAX];
	bool trouble = false, refused = false;
	struct mc_accepted a;

	if (!strcmp(x->token, "-") || !x->token[0])
		mc_die("%s: metadata: an empty token", guest);
	mc_accepted_init(&a, x->token, guest);
	a.n = mc_pin_candidates(guest, x, &a.tok, a.mods, &a.host, &a.c);
	mc_accepted_judge(&a, o);

	for (size_t r = 0; r < a.tok.nrecords; r++) {
		const struct mc_hostdev *hd = mc_domxml_vfio(x, r);
		enum mc_verdict v = a.place.record_verdict[r];
		long k = a.place.cand[r];
		const struct mc_cand *why;
		char *text;

		if (k >= 0 && (v == MC_IDENTICAL || v == MC_COMPATIBLE))
			continue;
		if (k >= 0 && v == MC_ACTIONABLE && libvirt_binds(hd, a.c[k].j.action))
			continue;
		refused = true;
		trouble |= v == MC_UNKNOWN;
		if (k >= 0 && v == MC_ACTIONABLE) {
			mc_warn("%s: %s: actionable: %s", guest, mc_record_label(&a.tok, r, label),
				a.c[k].j.action ? a.c[k].j.action : "");
			continue;
		}
		why = k >= 0 ? &a.c[k] : mc_place_explaining(a.c, a.n, r, v);
		text = why && why->j.nreasons ? mc_reason_text(&why->j.reasons[0]) : NULL;
		if (!text)
			text = note_for(&a.place, r, hd);
		mc_warn("%s: %s: %s: %s", guest, mc_record_label(&a.tok, r, label),
			mc_verdict_name(v), text);
		free(text);
	}
	mc_accepted_free(&a);
	if (!refused)
		return MC_EXIT_OK;
	return trouble ? MC_EXIT_TROUBLE : MC_EXIT_NO;
}

int mc_cmd_hook(const struct mc_opts *o)
{
	const char *guest = o->devices[0], *op = o->devices[1], *sub = o->devices[2];
	struct mc_domxml x;
	char why[512], *xml;
	size_t len;
	int status;

	/* Every other event: let libvirt write the XML, and go, before any
	 * configuration is read (a broken one must not stop a VM). */
	if (strcmp(op, "migrate") || strcmp(sub, "begin")) {
		read_input(false, &len);
		return MC_EXIT_OK;
	}
	xml = read_input(true, &len);
	if (!xml)
		mc_die("%s: domain XML on standard input: %s", guest,
		       errno == EFBIG ? "longer than 16 MiB" :
		       errno == ETIMEDOUT ? "nothing came for 10 seconds" : strerror(errno));
	if (mc_domxml_parse(xml, len, &x, why, sizeof(why)) < 0)
		mc_die("%s: domain XML: %s", guest, why);
	free(xml);

	mc_config_load(o->config);
	if (!x.token) {
		if (mc_config_require_token() && x.nvfio > 0)
			mc_die("%s: no mig-check token in the domain's metadata (namespace %s), "
			       "and require-token = yes", guest, MC_METADATA_NS);
		status = MC_EXIT_OK;
	} else {
		status = judge(guest, o, &x);
	}
	mc_domxml_free(&x);
	mc_config_free();
	return status;
}
