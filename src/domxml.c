/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading a libvirt domain XML with libxml2 and XPath: the VFIO devices in
 * document order, and the token in the metadata. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dlopen-libvirt.h"
#include "domxml.h"
#include "devarg.h"
#include "scan.h"
#include "util.h"

char *mc_read_all(int fd, size_t *len)
{
	size_t n = 0, alloc = 0;
	char *buf = NULL;
	ssize_t r;

	for (;;) {
		if (alloc - n < 4096) {
			alloc = alloc ? 2 * alloc : 65536;
			if (alloc > MC_DOMXML_MAX + 1)
				alloc = MC_DOMXML_MAX + 1;
			buf = xrealloc(buf, alloc + 1);
		}
		if (n == alloc) {
			free(buf);
			errno = EFBIG;
			return NULL;
		}
		r = read(fd, buf + n, alloc - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

void mc_domxml_free(struct mc_domxml *x)
{
	free(x->devs);
	free(x->token);
	memset(x, 0, sizeof(*x));
}

const struct mc_hostdev *mc_domxml_vfio(const struct mc_domxml *x, size_t i)
{
	for (size_t k = 0; k < x->ndevs; k++)
		if (x->devs[k].kind != MC_HOSTDEV_OTHER && i-- == 0)
			return &x->devs[k];
	return NULL;
}

const char *mc_hostdev_label(const struct mc_hostdev *d, char *buf, size_t len)
{
	switch (d->kind) {
	case MC_HOSTDEV_IFACE:
		snprintf(buf, len, "interface type='hostdev' %s", d->name);
		break;
	case MC_HOSTDEV_OTHER:
		snprintf(buf, len, "hostdev type='%s'", d->type);
		break;
	default:
		snprintf(buf, len, "hostdev type='%s' %s", d->type, d->name);
		break;
	}
	return buf;
}

#if HAVE_LIBVIRT

/* The first message libxml2 gives, as one line. */
static char xml_error[512];

static void keep_error(const char *msg, int line)
{
	size_t n;

	if (xml_error[0] || !msg)
		return;
	if (line > 0)
		snprintf(xml_error, sizeof(xml_error), "line %d: %s", line, msg);
	else
		snprintf(xml_error, sizeof(xml_error), "%s", msg);
	for (char *p = xml_error; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	n = strlen(xml_error);
	while (n && xml_error[n - 1] == ' ')
		xml_error[--n] = '\0';
}

#if LIBXML_VERSION >= 21200
static void on_structured_error(void *ctx, const xmlError *err)
#else
static void on_structured_error(void *ctx, xmlErrorPtr err)
#endif
{
	(void)ctx;
	if (err && err->level >= XML_ERR_ERROR)
		keep_error(err->message, err->line);
}

static void __attribute__((format(printf, 2, 3))) on_generic_error(void *ctx, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	(void)ctx;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	keep_error(msg, 0);
}

void mc_domxml_catch_errors(void)
{
	mc_dlopen_libxml2();
	sym_xmlInitParser();
	xml_error[0] = '\0';
	sym_xmlSetGenericErrorFunc(NULL, on_generic_error);
	sym_xmlSetStructuredErrorFunc(NULL, on_structured_error);
}

const char *mc_domxml_last_error(void)
{
	return xml_error;
}

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* The text children of @n joined into @buf; false when it does not fit. */
static bool text_of(const xmlNode *first, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (const xmlNode *c = first; c; c = c->next) {
		size_t k;

		if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) || !c->content)
			continue;
		k = strlen((const char *)c->content);
		if (k >= len - n)
			return false;
		memcpy(buf + n, c->content, k + 1);
		n += k;
	}
	return true;
}

/* An attribute in no namespace; false when absent or too long. */
static bool attr(const xmlNode *n, const char *name, char *buf, size_t len)
{
	for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
		if (!a->ns && !strcmp((const char *)a->name, name))
			return text_of(a->children, buf, len);
	buf[0] = '\0';
	return false;
}

/* A number of a PCI address as libvirt writes it: 0x-hex, or decimal. */
static bool address_part(const xmlNode *addr, const char *name, unsigned long max,
			 bool optional, unsigned long *out)
{
	char v[32], *end;

	if (!attr(addr, name, v, sizeof(v))) {
		*out = 0;
		return optional && !v[0];
	}
	if (!v[0] || v[0] == '-' || v[0] == '+' || v[0] == ' ')
		return false;
	errno = 0;
	*out = strtoul(v, &end, 0);
	return !errno && !*end && *out <= max;
}

static int pci_address(const xmlNode *addr, char name[static 40], char *why, size_t whylen)
{
	unsigned long dom, bus, slot, fn;
	char buf[40];

	if (!addr) {
		snprintf(why, whylen, "no <source><address>");
		return -1;
	}
	if (!address_part(addr, "domain", 0xffffffffUL, true, &dom) ||
	    !address_part(addr, "bus", 0xff, false, &bus) ||
	    !address_part(addr, "slot", 0x1f, false, &slot) ||
	    !address_part(addr, "function", 7, false, &fn)) {
		snprintf(why, whylen, "not a PCI address (domain, bus, slot, function)");
		return -1;
	}
	/* As the kernel names it: domains may be wider than 4 digits (VMD). */
	snprintf(buf, sizeof(buf), "%04lx:%02lx:%02lx.%lx", dom, bus, slot, fn);
	memcpy(name, buf, strlen(buf) + 1);
	return 0;
}

static int read_device(xmlNode *n, struct mc_hostdev *d, char *why, size_t whylen)
{
	xmlNode *addr = child(child(n, "source"), "address");
	char mode[16], v[64];
	bool is_mdev;

	memset(d, 0, sizeof(*d));
	attr(n, "type", d->type, sizeof(d->type));
	d->managed = attr(n, "managed", v, sizeof(v)) && !strcmp(v, "yes");
	attr(child(n, "driver"), "model", d->driver_model, sizeof(d->driver_model));
	if (named(n, "interface")) {
		d->kind = MC_HOSTDEV_IFACE;
		if (attr(addr, "type", v, sizeof(v)) && strcmp(v, "pci")) {
			snprintf(why, whylen, "interface type='hostdev': source address type='%s' is not a PCI address", v);
			return -1;
		}
		return pci_address(addr, d->name, why, whylen);
	}
	attr(n, "mode", mode, sizeof(mode));
	if (strcmp(mode, "subsystem") && mode[0]) {
		d->kind = MC_HOSTDEV_OTHER;
		snprintf(d->type, sizeof(d->type), "%s", mode);
		return 0;
	}
	if (!strcmp(d->type, "mdev")) {
		d->kind = MC_HOSTDEV_MDEV;
		if (!attr(addr, "uuid", v, sizeof(v)) || !mc_device_arg(v, d->name, &is_mdev) || !is_mdev) {
			snprintf(why, whylen, "hostdev type='mdev': no mdev UUID in <source><address uuid=...>");
			return -1;
		}
		return 0;
	}
	if (!strcmp(d->type, "pci")) {
		d->kind = MC_HOSTDEV_PCI;
		if (pci_address(addr, d->name, why, whylen) < 0) {
			char tail[200];

			snprintf(tail, sizeof(tail), "%s", why);
			snprintf(why, whylen, "hostdev type='pci': %s", tail);
			return -1;
		}
		return 0;
	}
	d->kind = MC_HOSTDEV_OTHER;
	if (!d->type[0])
		snprintf(d->type, sizeof(d->type), "?");
	return 0;
}

static int read_token(xmlXPathContext *ctx, struct mc_domxml *x, char *why, size_t whylen)
{
	xmlXPathObject *o;
	char *buf;
	int ret = 0;

	o = sym_xmlXPathEvalExpression((const xmlChar *)"/domain/metadata/mc:token", ctx);
	if (!o) {
		snprintf(why, whylen, "metadata: %s", xml_error[0] ? xml_error : "XPath failed");
		return -1;
	}
	if (o->nodesetval && o->nodesetval->nodeNr > 1) {
		snprintf(why, whylen, "metadata: more than one <token> in namespace %s", MC_METADATA_NS);
		ret = -1;
	} else if (o->nodesetval && o->nodesetval->nodeNr == 1) {
		/* Room for a token (4096 bytes) with generous whitespace around it;
		 * the decoder refuses an over-long one. */
		buf = xmalloc(65536);
		if (!text_of(o->nodesetval->nodeTab[0]->children, buf, 65536)) {
			snprintf(why, whylen, "metadata: the token is longer than 64 KiB");
			free(buf);
			ret = -1;
		} else {
			/* XML whitespace around the token: space, tab, CR, LF. */
			const char *start = buf + strspn(buf, " \t\r\n");
			size_t n = strlen(start);

			while (n && strchr(" \t\r\n", start[n - 1]))
				n--;
			x->token = xmalloc(n + 1);
			memcpy(x->token, start, n);
			x->token[n] = '\0';
			free(buf);
		}
	}
	sym_xmlXPathFreeObject(o);
	return ret;
}

int mc_domxml_parse(const char *buf, size_t len, struct mc_domxml *x, char *why, size_t whylen)
{
	xmlXPathContext *ctx = NULL;
	xmlXPathObject *o = NULL;
	xmlNode *root;
	xmlDoc *doc;
	int ret = -1;

	memset(x, 0, sizeof(*x));
	mc_domxml_catch_errors();
	if (len > MC_DOMXML_MAX) {
		snprintf(why, whylen, "longer than %u MiB", MC_DOMXML_MAX >> 20);
		return -1;
	}
	/* No network, no entity substitution, no DTD loading. */
	doc = sym_xmlReadMemory(buf, (int)len, "domain.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (!doc) {
		snprintf(why, whylen, "not well-formed XML: %s", xml_error[0] ? xml_error : "cannot parse");
		return -1;
	}
	root = sym_xmlDocGetRootElement(doc);
	if (!named(root, "domain")) {
		snprintf(why, whylen, "not a libvirt domain XML (the root element is <%s>)",
			 root ? (const char *)root->name : "");
		goto out;
	}
	ctx = sym_xmlXPathNewContext(doc);
	if (!ctx || sym_xmlXPathRegisterNs(ctx, (const xmlChar *)"mc", (const xmlChar *)MC_METADATA_NS)) {
		snprintf(why, whylen, "XPath: %s", xml_error[0] ? xml_error : "out of memory");
		goto out;
	}
	if (read_token(ctx, x, why, whylen) < 0)
		goto out;
	/* A node set is in document order. */
	o = sym_xmlXPathEvalExpression((const xmlChar *)
		"/domain/devices/hostdev | /domain/devices/interface[@type='hostdev']", ctx);
	if (!o) {
		snprintf(why, whylen, "XPath: %s", xml_error[0] ? xml_error : "failed");
		goto out;
	}
	if (o->nodesetval && o->nodesetval->nodeNr > 0) {
		x->devs = xcalloc((size_t)o->nodesetval->nodeNr, sizeof(*x->devs));
		for (int i = 0; i < o->nodesetval->nodeNr; i++) {
			struct mc_hostdev *d = &x->devs[x->ndevs];

			if (read_device(o->nodesetval->nodeTab[i], d, why, whylen) < 0)
				goto out;
			x->ndevs++;
			if (d->kind != MC_HOSTDEV_OTHER)
				x->nvfio++;
		}
	}
	ret = 0;
out:
	if (o)
		sym_xmlXPathFreeObject(o);
	if (ctx)
		sym_xmlXPathFreeContext(ctx);
	sym_xmlFreeDoc(doc);
	if (ret < 0)
		mc_domxml_free(x);
	return ret;
}

#else /* !HAVE_LIBVIRT */

void mc_domxml_catch_errors(void)
{
	mc_dlopen_libxml2();   /* says it is not built in */
}

const char *mc_domxml_last_error(void)
{
	return "";
}

int mc_domxml_parse(const char *buf, size_t len, struct mc_domxml *x, char *why, size_t whylen)
{
	(void)buf;
	(void)len;
	(void)why;
	(void)whylen;
	memset(x, 0, sizeof(*x));
	mc_dlopen_libxml2();   /* says it is not built in */
	return -1;
}

#endif
