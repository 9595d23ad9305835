/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --emit reads only the named devices and their parents, so its cost does
 * not grow with the host. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devarg.h"
#include "emit.h"
#include "json.h"
#include "scan.h"
#include "sysfs.h"
#include "util.h"
#include "vendor.h"

/* The whole attribute @path under @dir, at most what a token can carry;
 * trailing newlines dropped.  NULL with errno on failure (EFBIG: too long). */
static char *read_kver(const struct mc_sysdir *dir, const char *path)
{
	/* Room for the longest value, the newline sysfs adds to it, and one
	 * byte more to tell a longer attribute. */
	char *buf = xmalloc(MC_MAX_VALUE + 3);
	ssize_t r;
	size_t n;

	r = mc_sysfs_read(dir, buf, MC_MAX_VALUE + 2, "%s", path);
	if (r < 0)
		goto fail;
	n = (size_t)r;
	if (n > MC_MAX_VALUE + 1) {
		errno = EFBIG;
		goto fail;
	}
	while (n && buf[n - 1] == '\n')
		n--;
	if (n > MC_MAX_VALUE) {
		errno = EFBIG;
		goto fail;
	}
	buf[n] = '\0';
	if (strlen(buf) != n) {
		errno = EINVAL;   /* a NUL byte: not a string a token can carry */
		goto fail;
	}
	return buf;
fail:
	free(buf);
	return NULL;
}

static void refuse(const struct mc_dev *d)
{
	switch (d->kind) {
	case MC_KIND_PARENT:
		mc_die("%s: is an mdev parent, not a device a VM holds; name one of its mdevs", d->name);
	case MC_KIND_PF:
		mc_die("%s: is an SR-IOV physical function, not a device a VM holds; name one of its VFs", d->name);
	default:
		if (mc_driver_unjudged(d->driver))
			mc_die("%s: no built-in module judges devices on %s, the migration driver it is bound to",
			       d->name, d->driver);
		mc_die("%s: no built-in module claims this device (%04x:%04x, class %06x)",
		       d->name, d->vendor, d->device, d->class);
	}
}

static void emit_one(struct mc_host *h, const char *name, bool is_mdev,
		     struct mc_token *tok, struct json_object *jrecs)
{
	const struct mc_vendor *m;
	struct mc_record *rec;
	struct mc_dev *d;
	const struct mc_sysdir *kdir;
	_cleanup_free_ char *kpath = NULL;
	char why[512];

	d = mc_host_open(h, name, is_mdev);
	if (!d && errno == ENODEV)
		mc_die("%s: no such device", name);
	if (!d)
		mc_die("%s: cannot be read: %s", name, strerror(errno));
	if (d->err)
		mc_die("%s: %s: %s", name, d->err_attr, strerror(d->err));
	if (d->parent && d->parent->err)
		mc_die("%s: %s: %s", d->parent->name, d->parent->err_attr, strerror(d->parent->err));
	m = mc_vendor_claiming(d);
	if (!m)
		refuse(d);

	rec = mc_token_add_record(tok, m->name, m->version);
	if (!rec)
		mc_die("%s: a token holds at most %d devices", name, MC_MAX_RECORDS);
	if (m->encode(d, MC_SIDE_SOURCE, rec, why, sizeof(why)) < 0)
		mc_die("%s: %s", name, why);
	if (d->kind == MC_KIND_MDEV)
		mc_record_set(rec, "uuid", d->name);
	kpath = mc_dev_kver_path(d, &kdir);
	if (kpath) {
		_cleanup_free_ char *kver = read_kver(kdir, kpath);

		if (!kver)
			mc_die("%s: migration_version: %s", name,
			       errno == EFBIG ? "longer than a token can carry (1024 bytes)" : strerror(errno));
		if (mc_record_set(rec, "kver", kver) < 0)
			mc_die("%s: migration_version: cannot be carried in a token", name);
	}
	/* Had it vanished, its attributes would have read as absent and been
	 * left out of the token as if the kernel had none. */
	if (!mc_dev_present(d))
		mc_die("%s: vanished while it was read: %s", name, strerror(errno));
	if (jrecs) {
		struct json_object *jr = mc_json_record(rec);

		json_object_object_add(jr, "device", json_object_new_string(d->name));
		json_object_array_add(jrecs, jr);
	}
}

int mc_cmd_emit(const struct mc_opts *o)
{
	struct json_object *doc = NULL, *jrecs = NULL;
	char names[MC_MAX_RECORDS][40];
	bool is_mdev[MC_MAX_RECORDS];
	struct mc_token tok = { 0 };
	struct mc_host h;
	char why[256], *text;

	if (o->ndevices > MC_MAX_RECORDS)
		mc_die("--emit: a token holds at most %d devices", MC_MAX_RECORDS);
	for (int i = 0; i < o->ndevices; i++) {
		if (!mc_device_arg(o->devices[i], names[i], &is_mdev[i]))
			mc_die("%s: not a PCI address, mdev UUID or sysfs path of one", o->devices[i]);
		for (int k = 0; k < i; k++)
			if (!strcmp(names[i], names[k]))
				mc_die("%s: named twice", names[i]);
	}
	if (o->format == MC_FMT_JSON) {
		doc = mc_json_doc();
		jrecs = json_object_new_array();
	}
	mc_host_init(&h);
	for (int i = 0; i < o->ndevices; i++)
		emit_one(&h, names[i], is_mdev[i], &tok, jrecs);
	text = mc_token_encode(&tok, why, sizeof(why));
	if (!text)
		mc_die("token: %s", why);
	if (doc) {
		json_object_object_add(doc, "token", json_object_new_string(text));
		json_object_object_add(doc, "records", jrecs);
		if (!o->quiet)
			mc_json_print(doc);
		else
			json_object_put(doc);
	} else if (!o->quiet) {
		puts(text);
	}
	free(text);
	mc_token_free(&tok);
	mc_host_free(&h);
	return MC_EXIT_OK;
}
