/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libpci access.  libpci's default error handler exits with status 1, which
 * would read as "incompatible"; ours exits 2.  libpci is never asked to scan
 * the bus, so a strange entry under bus/pci/devices cannot stop us. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pci/pci.h>

#include "pcilib.h"
#include "util.h"

static struct pci_access *pacc;
static struct pci_filter slot_filter, id_filter;
static bool have_slot, have_id;

static void PCI_NONRET PCI_PRINTF(1, 2) pci_error_handler(char *msg, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, msg);
	vsnprintf(buf, sizeof(buf), msg, ap);
	va_end(ap);
	mc_die("libpci: %s", buf);
}

static void pci_quiet(char *msg, ...)
{
	(void)msg;
}

static struct pci_access *access_pci(void)
{
	if (pacc)
		return pacc;
	pacc = pci_alloc();
	if (!pacc)
		mc_die("libpci: cannot initialise");
	pacc->error = pci_error_handler;
	pacc->warning = pci_quiet;
	pacc->debug = pci_quiet;
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	pci_init(pacc);
	return pacc;
}

/* Parse @text (the argument of @opt) into @f with libpci's own parser,
 * which writes into the string it is given. */
static bool parse_filter(struct pci_filter *f, const char *opt, const char *text,
			 char *(*parse)(struct pci_filter *, char *))
{
	_cleanup_free_ char *arg = NULL;
	char *err;

	if (!text)
		return false;
	pci_filter_init(access_pci(), f);
	arg = xstrdup(text);
	err = parse(f, arg);
	if (err)
		mc_die("%s %s: %s", opt, text, err);
	return true;
}

void mc_pci_filters(const char *slot, const char *id)
{
	have_slot = parse_filter(&slot_filter, "-s", slot, pci_filter_parse_slot);
	have_id = parse_filter(&id_filter, "-d", id, pci_filter_parse_id);
}

static bool match_one(struct pci_filter *f, const struct mc_dev *pci)
{
	unsigned domain, bus, dev, func;
	struct pci_dev *pd;
	bool r;

	/* The name is checked (devarg.h): a domain of 4 to 8 hex digits. */
	if (sscanf(pci->name, "%8x:%2x:%2x.%1u", &domain, &bus, &dev, &func) != 4)
		return false;
	pd = pci_get_dev(pacc, (int)domain, (int)bus, (int)dev, (int)func);
	if (!pd)
		return false;
	/* Our IDs come from the vendor/device files (a VF's config space reads
	 * 0xffff); telling libpci it knows them stops it from looking again. */
	pd->vendor_id = (u16)pci->vendor;
	pd->device_id = (u16)pci->device;
	pd->device_class = (u16)(pci->class >> 8);
	pd->known_fields = PCI_FILL_IDENT | PCI_FILL_CLASS;
	r = pci_filter_match(f, pd);
	pci_free_dev(pd);
	return r;
}

bool mc_pci_match(const struct mc_dev *d)
{
	const struct mc_dev *pci = mc_dev_pci(d);

	if (!have_slot && !have_id)
		return true;
	if (!pci)
		return false;
	return (!have_slot || match_one(&slot_filter, pci)) &&
	       (!have_id || match_one(&id_filter, pci));
}

const char *mc_pci_name(unsigned vendor, unsigned device, char *buf, size_t len)
{
	return pci_lookup_name(access_pci(), buf, (int)len,
			       PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS,
			       vendor, device);
}

void mc_pci_names_free(void)
{
	if (pacc)
		pci_free_name_list(pacc);
}

void mc_pci_cleanup(void)
{
	if (pacc)
		pci_cleanup(pacc);
	pacc = NULL;
}
