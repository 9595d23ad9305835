/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --emit --domain: look the domain up as virsh does, read its XML, and emit
 * its VFIO devices through the very code --emit DEVICE... runs. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlopen-libvirt.h"
#include "domain.h"
#include "domxml.h"
#include "emit.h"
#include "util.h"

bool mc_uri_is_remote(const char *uri)
{
	const char *scheme_end = strstr(uri, "://"), *plus, *host;
	size_t hostlen;

	if (!scheme_end)
		return false;   /* an alias: judged again once connected */
	plus = memchr(uri, '+', (size_t)(scheme_end - uri));
	if (plus && ((size_t)(scheme_end - plus) != 5 || strncmp(plus, "+unix", 5)))
		return true;
	host = scheme_end + 3;
	hostlen = strcspn(host, "/?#");
	return hostlen > 0;
}

#if HAVE_LIBVIRT

/* libvirt's last message, as one line; libvirt prints nothing itself. */
static char lv_error[512];

static void on_libvirt_error(void *data, virErrorPtr err)
{
	(void)data;
	if (!err || !err->message)
		return;
	snprintf(lv_error, sizeof(lv_error), "%s", err->message);
	for (char *p = lv_error; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

static const char *libvirt_error(void)
{
	return lv_error[0] ? lv_error : "unknown libvirt error";
}

static void refuse_remote(const char *uri)
{
	if (uri && mc_uri_is_remote(uri))
		mc_die("%s: a remote URI: --domain reads the domain's devices on this host; "
		       "run mig-check on the host that runs the domain", uri);
}

static bool looks_like_uuid(const char *s)
{
	size_t hex = 0;

	for (; *s; s++) {
		if (*s == '-')
			continue;
		if (!strchr("0123456789abcdefABCDEF", *s))
			return false;
		hex++;
	}
	return hex == 32;
}

/* As virsh looks a domain up: ID, then UUID, then name. */
static virDomainPtr lookup(virConnectPtr conn, const char *s)
{
	virDomainPtr dom = NULL;
	unsigned long id;

	if (mc_parse_ulong(s, INT_MAX, &id))
		dom = sym_virDomainLookupByID(conn, (int)id);
	if (!dom && looks_like_uuid(s))
		dom = sym_virDomainLookupByUUIDString(conn, s);
	if (!dom) {
		lv_error[0] = '\0';
		dom = sym_virDomainLookupByName(conn, s);
	}
	return dom;
}

int mc_cmd_emit_domain(const struct mc_opts *o)
{
	const char *uri = o->connect ? o->connect : getenv("LIBVIRT_DEFAULT_URI");
	virConnectPtr conn;
	virDomainPtr dom;
	struct mc_opts e;
	struct mc_domxml x;
	char why[512], *xml, *actual, **names;
	int status;

	refuse_remote(uri);
	mc_dlopen_libvirt();
	mc_domxml_catch_errors();
	sym_virSetErrorFunc(NULL, on_libvirt_error);
	if (sym_virInitialize() < 0)
		mc_die("libvirt: %s", libvirt_error());
	conn = sym_virConnectOpenReadOnly(o->connect);
	if (!conn && mc_domxml_last_error()[0])
		mc_die("%s: cannot connect: %s (%s)", o->connect ? o->connect : "libvirt",
		       libvirt_error(), mc_domxml_last_error());
	if (!conn)
		mc_die("%s: cannot connect: %s", o->connect ? o->connect : "libvirt", libvirt_error());
	/* An alias, or the default, may have led elsewhere. */
	actual = sym_virConnectGetURI(conn);
	if (actual && mc_uri_is_remote(actual)) {
		sym_virConnectClose(conn);
		refuse_remote(actual);
	}
	free(actual);

	dom = lookup(conn, o->domain);
	if (!dom) {
		mc_warn("domain %s: %s", o->domain, libvirt_error());
		sym_virConnectClose(conn);
		exit(MC_EXIT_TROUBLE);
	}
	/* The live XML of a running domain, else the persistent one. */
	xml = sym_virDomainGetXMLDesc(dom, 0);
	if (!xml) {
		mc_warn("domain %s: cannot read its XML: %s", o->domain, libvirt_error());
		sym_virDomainFree(dom);
		sym_virConnectClose(conn);
		exit(MC_EXIT_TROUBLE);
	}
	sym_virDomainFree(dom);
	sym_virConnectClose(conn);

	if (mc_domxml_parse(xml, strlen(xml), &x, why, sizeof(why)) < 0)
		mc_die("domain %s: XML: %s", o->domain, why);
	free(xml);
	for (size_t i = 0; i < x.ndevs; i++)
		if (x.devs[i].kind == MC_HOSTDEV_OTHER)
			mc_die("domain %s: %s is not a VFIO device; mig-check cannot check it",
			       o->domain, mc_hostdev_label(&x.devs[i], why, sizeof(why)));
	if (x.nvfio == 0)
		mc_die("domain %s: no mdev or PCI hostdevs: nothing to check", o->domain);

	/* The same path as --emit DEVICE...: the token is byte-identical. */
	names = xcalloc(x.nvfio + 1, sizeof(*names));
	for (size_t i = 0; i < x.nvfio; i++)
		names[i] = (char *)mc_domxml_vfio(&x, i)->name;
	e = *o;
	e.domain = NULL;
	e.connect = NULL;
	e.devices = names;
	e.ndevices = (int)x.nvfio;
	status = mc_cmd_emit(&e);
	free(names);
	mc_domxml_free(&x);
	return status;
}

#else /* !HAVE_LIBVIRT */

int mc_cmd_emit_domain(const struct mc_opts *o)
{
	(void)o;
	mc_dlopen_libvirt();   /* says it is not built in */
	return MC_EXIT_TROUBLE;
}

#endif
