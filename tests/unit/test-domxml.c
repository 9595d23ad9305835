/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for reading a libvirt domain XML: the VFIO devices in document
 * order, their addresses with explicit bounds, and the metadata token. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "domxml.h"

static char why[512];

static int parse(const char *xml, struct mc_domxml *x)
{
	why[0] = '\0';
	return mc_domxml_parse(xml, strlen(xml), x, why, sizeof(why));
}

#define PCI(dom, bus, slot, fn) \
	"<source><address domain='" dom "' bus='" bus "' slot='" slot "' function='" fn "'/></source>"

static void devices_in_document_order(void **state)
{
	struct mc_domxml x;

	(void)state;
	assert_int_equal(parse("<domain><devices>"
			       "<interface type='network'/>"
			       "<hostdev mode='subsystem' type='pci' managed='yes'>"
			       "<driver name='vfio' model='qat_vfio_pci'/>" PCI("0x10000", "0x01", "0x00", "0x1")
			       "</hostdev>"
			       "<hostdev mode='subsystem' type='usb'><source><vendor id='0x1'/></source></hostdev>"
			       "<interface type='hostdev'>" PCI("0", "107", "0", "2") "</interface>"
			       "<hostdev mode='subsystem' type='mdev' model='vfio-pci'>"
			       "<source><address uuid='83B8F4F2-509F-382F-3C1E-E6BFE0FA1001'/></source></hostdev>"
			       "</devices></domain>", &x), 0);
	assert_int_equal(x.ndevs, 4);
	assert_int_equal(x.nvfio, 3);
	assert_null(x.token);
	assert_int_equal(x.devs[0].kind, MC_HOSTDEV_PCI);
	assert_string_equal(x.devs[0].name, "10000:01:00.1");
	assert_true(x.devs[0].managed);
	assert_string_equal(x.devs[0].driver_model, "qat_vfio_pci");
	assert_int_equal(x.devs[1].kind, MC_HOSTDEV_OTHER);
	assert_string_equal(x.devs[1].type, "usb");
	assert_int_equal(x.devs[2].kind, MC_HOSTDEV_IFACE);
	assert_string_equal(x.devs[2].name, "0000:6b:00.2");   /* decimal 107 */
	assert_false(x.devs[2].managed);
	assert_int_equal(x.devs[3].kind, MC_HOSTDEV_MDEV);
	assert_string_equal(x.devs[3].name, "83b8f4f2-509f-382f-3c1e-e6bfe0fa1001");
	assert_string_equal(mc_domxml_vfio(&x, 1)->name, "0000:6b:00.2");
	assert_null(mc_domxml_vfio(&x, 3));
	mc_domxml_free(&x);
}

static void addresses_out_of_bounds(void **state)
{
	static const char *const bad[] = {
		PCI("0x0", "0x100", "0x00", "0x0"),          /* bus > 0xff */
		PCI("0x0", "0x01", "0x20", "0x0"),           /* slot > 0x1f */
		PCI("0x0", "0x01", "0x00", "0x8"),           /* function > 7 */
		PCI("0x100000000", "0x01", "0x00", "0x0"),   /* domain > 32 bits */
		PCI("0x0", "-1", "0x00", "0x0"),
		PCI("0x0", "0x01z", "0x00", "0x0"),
		PCI("0x0", "", "0x00", "0x0"),
		"<source><address bus='0x01' slot='0x00'/></source>",
		"",
	};
	struct mc_domxml x;
	char xml[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(xml, sizeof(xml), "<domain><devices><hostdev mode='subsystem' type='pci'>%s"
			 "</hostdev></devices></domain>", bad[i]);
		assert_int_equal(parse(xml, &x), -1);
		assert_non_null(strstr(why, "hostdev type='pci'"));
	}
	assert_int_equal(parse("<domain><devices><hostdev mode='subsystem' type='mdev'>"
			       "<source><address uuid='not-a-uuid'/></source></hostdev></devices></domain>",
			       &x), -1);
	/* A missing domain is domain 0, as libvirt takes it. */
	assert_int_equal(parse("<domain><devices><hostdev mode='subsystem' type='pci'>"
			       "<source><address bus='0x3b' slot='0x00' function='0x1'/></source>"
			       "</hostdev></devices></domain>", &x), 0);
	assert_string_equal(x.devs[0].name, "0000:3b:00.1");
	mc_domxml_free(&x);
}

static void token_by_namespace(void **state)
{
	struct mc_domxml x;

	(void)state;
	assert_int_equal(parse("<domain><metadata>"
			       "<a:token xmlns:a='urn:example:1'>mig1:other</a:token>"
			       "<zz:token xmlns:zz='urn:mig-check:1'>\n\t mig1:x@v=1:00000000 \r\n</zz:token>"
			       "</metadata></domain>", &x), 0);
	assert_string_equal(x.token, "mig1:x@v=1:00000000");
	assert_int_equal(x.nvfio, 0);
	mc_domxml_free(&x);
	/* A <token> in no namespace, or in another, is no token. */
	assert_int_equal(parse("<domain><metadata><token>mig1:x</token></metadata></domain>", &x), 0);
	assert_null(x.token);
	mc_domxml_free(&x);
	assert_int_equal(parse("<domain><metadata>"
			       "<a:token xmlns:a='urn:mig-check:1'>one</a:token>"
			       "<b:token xmlns:b='urn:mig-check:1'>two</b:token>"
			       "</metadata></domain>", &x), -1);
	assert_non_null(strstr(why, "more than one"));
}

static void not_xml(void **state)
{
	struct mc_domxml x;

	(void)state;
	assert_int_equal(parse("<domain><devices>", &x), -1);
	assert_non_null(strstr(why, "not well-formed XML: line 1: "));
	assert_null(strchr(why, '\n'));
	assert_int_equal(parse("", &x), -1);
	assert_int_equal(parse("<node/>", &x), -1);
	assert_string_equal(why, "not a libvirt domain XML (the root element is <node>)");
	/* External entities are never loaded. */
	assert_int_equal(parse("<!DOCTYPE domain [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
			       "<domain><metadata><t:token xmlns:t='urn:mig-check:1'>&e;</t:token>"
			       "</metadata></domain>", &x), 0);
	assert_string_equal(x.token, "");
	mc_domxml_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(devices_in_document_order),
		cmocka_unit_test(addresses_out_of_bounds),
		cmocka_unit_test(token_by_namespace),
		cmocka_unit_test(not_xml),
	};

#if !HAVE_LIBVIRT
	puts("1..0 # SKIP libvirt support is not built in");
	return 0;
#endif
	return cmocka_run_group_tests(tests, NULL, NULL);
}
