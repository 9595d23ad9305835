/* SPDX-License-Identifier: GPL-2.0-or-later */
/* DEVICE arguments, parsed apart from discovery: the same names serve
 * --emit, the restrictions of --accept and --list, and their messages. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "devarg.h"
#include "sysfs.h"

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* The kernel prints a domain with at least four hex digits ("%04x"), so a
 * longer one has no leading zero; Intel VMD's start at 0x10000.  Up to the
 * eight digits of a 32-bit number. */
bool mc_is_pci_name(const char *s)
{
	size_t len = strlen(s), dom = len - 8;

	return len >= 12 && len <= 16 && (dom == 4 || s[0] != '0') && is_hex(s, dom) && s[dom] == ':' &&
	       is_hex(s + dom + 1, 2) && s[dom + 3] == ':' && is_hex(s + dom + 4, 2) &&
	       s[dom + 6] == '.' && s[dom + 7] >= '0' && s[dom + 7] <= '7';
}

static bool is_uuid(const char *s)
{
	static const int dash[] = { 8, 13, 18, 23 };

	if (strlen(s) != 36)
		return false;
	for (int i = 0, k = 0; i < 36; i++) {
		if (k < 4 && i == dash[k]) {
			if (s[i] != '-')
				return false;
			k++;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

bool mc_device_arg(const char *arg, char name[static 40], bool *is_mdev)
{
	const char *base = strrchr(arg, '/');
	char buf[40];
	size_t len;

	/* A sysfs path names the device by its last component. */
	if (base) {
		len = strlen(arg);
		while (len > 1 && arg[len - 1] == '/')
			len--;
		base = arg + len;
		while (base > arg && base[-1] != '/')
			base--;
		len = (size_t)(arg + len - base);
	} else {
		base = arg;
		len = strlen(arg);
	}
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, base, len);
	buf[len] = '\0';
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);

	if (is_uuid(buf)) {
		*is_mdev = true;
		memcpy(name, buf, len + 1);
		return true;
	}
	*is_mdev = false;
	if (len == 7) {   /* bus:dev.fn in domain 0 */
		memcpy(name, "0000:", 5);
		memcpy(name + 5, buf, len + 1);
		return mc_is_pci_name(name);
	}
	memcpy(name, buf, len + 1);
	return mc_is_pci_name(name);
}

bool mc_device_exists(const char *arg)
{
	struct mc_sysdir pci = MC_SYSDIR_INIT(MC_SYS_PCI_DEVICES);
	struct mc_sysdir mdev = MC_SYSDIR_INIT(MC_SYS_MDEV_DEVICES);
	struct mc_sysdir *bus;
	char name[40];
	bool is_mdev, r;

	if (!mc_device_arg(arg, name, &is_mdev))
		return false;
	bus = is_mdev ? &mdev : &pci;
	r = mc_sysdir_open(bus) && mc_sysfs_exists(bus, "%s", name);
	mc_sysdir_close(bus);
	return r;
}
