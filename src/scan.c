/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Device discovery (SPEC 4, 12).  A whole-host scan reads the directories
 * /sys/bus/pci/devices and /sys/bus/mdev/devices, and everything else
 * relative to them:
 *  - a PCI function's uevent gives its vendor, device and class (the kernel's
 *    pdev->vendor/device, the values its vendor/device files show; never
 *    config space, where a VF reads 0xffff) and its driver; a function no
 *    module wants costs that one read;
 *  - a function a module may want gets its kind from its physfn link and its
 *    mdev_supported_types and sriov_totalvfs entries, its sysfs path from its
 *    bus link;
 *  - an mdev is known by its bus link (path and parent), its mdev_type link
 *    and its driver link;
 *  - an mdev parent's types by its mdev_supported_types directory, and each
 *    type's available_instances, read directly.
 * libudev device objects are made only to read attributes (device.c), when
 * first needed: none for a VF whose attributes no module reads, one for each
 * PF or mdev parent whose attributes are read for all its VFs, mdevs and
 * types.  Devices are found by name in a hash table, driver names are kept
 * once: a scan is linear in the size of the host, in time and in memory.
 * System calls other than the directory reads are relative to the two bus
 * directories' fds (openat, readlinkat, faccessat). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <libudev.h>

#include "scan.h"
#include "util.h"
#include "vendor.h"

#define SYS_PCI_DEVICES "/sys/bus/pci/devices"
#define SYS_MDEV_DEVICES "/sys/bus/mdev/devices"

void mc_host_init(struct mc_host *h)
{
	memset(h, 0, sizeof(*h));
	h->pci_fd = h->mdev_fd = -1;
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
	if (h->pci_fd >= 0)
		close(h->pci_fd);
	if (h->mdev_fd >= 0)
		close(h->mdev_fd);
	udev_unref(h->udev);
	memset(h, 0, sizeof(*h));
	h->pci_fd = h->mdev_fd = -1;
}

/* The host's one copy of the driver name @name: thousands of VFs share a
 * handful of drivers. */
static char *host_driver(struct mc_host *h, const char *name)
{
	for (size_t i = 0; i < h->ndrivers; i++)
		if (!strcmp(h->drivers[i], name))
			return h->drivers[i];
	h->drivers = xrealloc(h->drivers, (h->ndrivers + 1) * sizeof(*h->drivers));
	return h->drivers[h->ndrivers++] = xstrdup(name);
}

static struct mc_dev *host_add(struct mc_host *h)
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

/* Index a PCI function by name, at most three quarters full. */
static void host_index(struct mc_host *h, struct mc_dev *d)
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

/* The PCI function @name, if it was found already. */
static struct mc_dev *host_find(const struct mc_host *h, const char *name)
{
	if (!h->index_size)
		return NULL;
	for (size_t i = name_hash(name) & (h->index_size - 1); h->index[i];
	     i = (i + 1) & (h->index_size - 1))
		if (!strcmp(h->index[i]->name, name))
			return h->index[i];
	return NULL;
}

/* Remember the first attribute that failed, to judge the candidate unknown. */
static void dev_fail(struct mc_dev *d, const char *attr, int err)
{
	if (d->err)
		return;
	d->err = err ? err : EIO;
	d->err_attr = xstrdup(attr);
}

static unsigned read_hex_attr(struct mc_dev *d, const char *attr, unsigned long max)
{
	const char *v = mc_dev_attr(d, attr);
	unsigned long n;
	char *end;

	if (!v) {
		dev_fail(d, attr, errno);
		return 0;
	}
	errno = 0;
	n = strtoul(v, &end, 16);
	if (errno || end == v || *end || n > max) {
		dev_fail(d, attr, EINVAL);
		return 0;
	}
	return (unsigned)n;
}

/* The directory fd of /sys/bus/@bus/devices, opened once; -1 with errno. */
static int bus_fd(int *fd, const char *dir)
{
	if (*fd < 0)
		*fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return *fd;
}

/* The last component of the link @name/@link under @dirfd (@link NULL: of
 * @name itself), e.g. the PF of physfn.  false with errno set. */
static bool read_link_base(int dirfd, const char *name, const char *link, char *buf, size_t len)
{
	char path[NAME_MAX + 64], target[PATH_MAX];
	const char *base;
	ssize_t n;

	if ((size_t)snprintf(path, sizeof(path), "%s%s%s", name, link ? "/" : "",
			     link ? link : "") >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return false;
	}
	n = readlinkat(dirfd, path, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	if (n == 0) {
		errno = EINVAL;
		return false;
	}
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= len) {
		errno = ENAMETOOLONG;
		return false;
	}
	strcpy(buf, base);
	return true;
}

/* The sysfs path behind the bus link @dir/@name: sysfs links are relative,
 * and no component of a /sys/devices path is a link, so the path is the
 * link's target joined to @dir.  The link's own path if it is none; NULL
 * with errno set if it vanished. */
static char *bus_syspath(int dirfd, const char *dir, const char *name)
{
	char target[PATH_MAX], *path, *out, *p;
	const char *c;
	size_t len;
	ssize_t n;

	n = readlinkat(dirfd, name, target, sizeof(target) - 1);
	if (n < 0 && errno != EINVAL)
		return NULL;   /* vanished */
	if (n <= 0)
		return xasprintf("%s/%s", dir, name);
	target[n] = '\0';
	path = target[0] == '/' ? xstrdup(target) : xasprintf("%s/%s", dir, target);
	/* Drop "." and ".." components in place. */
	out = xmalloc(strlen(path) + 2);
	len = 0;
	for (c = path; *c; ) {
		size_t clen;

		while (*c == '/')
			c++;
		clen = strcspn(c, "/");
		if (clen == 0)
			break;
		if (clen == 1 && c[0] == '.') {
			/* nothing */
		} else if (clen == 2 && c[0] == '.' && c[1] == '.') {
			p = len ? memrchr(out, '/', len) : NULL;
			len = p ? (size_t)(p - out) : 0;
		} else {
			out[len++] = '/';
			memcpy(out + len, c, clen);
			len += clen;
		}
		c += clen;
	}
	if (!len)
		out[len++] = '/';
	out[len] = '\0';
	free(path);
	return out;
}

/* What a PCI function's uevent says. */
struct pci_ids {
	unsigned vendor, device, class;
	char driver[64];   /* a module name; empty: unbound */
	bool long_driver;  /* a longer name: read the driver link */
};

/* Read PCI_ID, PCI_CLASS and DRIVER out of @name/uevent.  0, ENOENT-like
 * errno when it cannot be read (the function vanished), EINVAL when it
 * lacks the IDs. */
static int read_uevent(int dirfd, const char *name, struct pci_ids *ids)
{
	char path[NAME_MAX + 16], buf[2048];
	bool id = false, cls = false;
	char *line, *save;
	ssize_t n;
	int fd, e;

	snprintf(path, sizeof(path), "%s/uevent", name);
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno ? errno : ENOENT;
	n = read(fd, buf, sizeof(buf) - 1);
	e = errno;
	close(fd);
	if (n < 0)
		return e ? e : EIO;
	buf[n] = '\0';
	ids->driver[0] = '\0';
	ids->long_driver = false;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *end;

		if (!strncmp(line, "PCI_ID=", 7)) {
			unsigned long v = strtoul(line + 7, &end, 16), d;

			if (*end != ':')
				return EINVAL;
			d = strtoul(end + 1, &end, 16);
			if (*end || v > 0xffff || d > 0xffff)
				return EINVAL;
			ids->vendor = (unsigned)v;
			ids->device = (unsigned)d;
			id = true;
		} else if (!strncmp(line, "PCI_CLASS=", 10)) {
			unsigned long c = strtoul(line + 10, &end, 16);

			if (*end || c > 0xffffff)
				return EINVAL;
			ids->class = (unsigned)c;
			cls = true;
		} else if (!strncmp(line, "DRIVER=", 7)) {
			ids->long_driver = strlen(line + 7) >= sizeof(ids->driver);
			if (!ids->long_driver)
				strcpy(ids->driver, line + 7);
		}
	}
	return id && cls ? 0 : EINVAL;
}

static bool has_at(int dirfd, const char *name, const char *attr)
{
	char path[NAME_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", name, attr);
	return faccessat(dirfd, path, F_OK, 0) == 0;
}

static bool is_pci_name(const char *s);

static bool has_link_at(int dirfd, const char *name, const char *link)
{
	char path[NAME_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", name, link);
	return faccessat(dirfd, path, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

static struct mc_dev *add_pci(struct mc_host *h, const char *name);

/* A PCI function @name of /sys/bus/pci/devices (@dirfd) whose uevent said
 * @ids (NULL: it could not tell them; read the attributes). */
static struct mc_dev *add_pci_ids(struct mc_host *h, int dirfd, const char *name,
				  const struct pci_ids *ids)
{
	struct mc_dev *d = host_add(h);
	bool wanted = !ids || mc_vendor_wants_pci(ids->vendor, ids->device, ids->class);
	char buf[NAME_MAX + 1];

	snprintf(d->name, sizeof(d->name), "%s", name);
	host_index(h, d);
	/* Where a module may read it, its real path (libudev's syspath);
	 * else the path of its bus link will do. */
	d->syspath = wanted ? bus_syspath(dirfd, SYS_PCI_DEVICES, name) : NULL;
	if (!d->syspath)
		d->syspath = xasprintf("%s/%s", SYS_PCI_DEVICES, name);
	d->udev_ctx = h->udev;
	d->bus_fd = dirfd;
	if (ids) {
		d->vendor = ids->vendor;
		d->device = ids->device;
		d->class = ids->class;
		if (ids->long_driver && read_link_base(dirfd, name, "driver", buf, sizeof(buf)))
			d->driver = host_driver(h, buf);
		else if (ids->driver[0])
			d->driver = host_driver(h, ids->driver);
	}

	/* faccessat() first: most functions a module wants are no VF. */
	if (has_link_at(dirfd, name, "physfn") &&
	    read_link_base(dirfd, name, "physfn", buf, sizeof(buf))) {
		d->kind = MC_KIND_VF;
		d->parent = host_find(h, buf);
		if (!d->parent && is_pci_name(buf))
			d->parent = add_pci(h, buf);
	} else if (has_at(dirfd, name, "mdev_supported_types")) {
		d->kind = MC_KIND_PARENT;
	} else if (has_at(dirfd, name, "sriov_totalvfs")) {
		d->kind = MC_KIND_PF;
	} else {
		d->kind = MC_KIND_PCI;
	}

	/* A PF's or a parent's identity goes into the records of its VFs,
	 * mdevs and types, and modules read its attributes for each of them:
	 * for --accept and --emit its object is made now, and its identity
	 * read back through it, so that an attribute that cannot be read makes
	 * them unknown (SPEC 4).  --list shows the uevent's. */
	if (!ids || (wanted && !h->show_only &&
		     (d->kind == MC_KIND_PF || d->kind == MC_KIND_PARENT))) {
		d->vendor = read_hex_attr(d, "vendor", 0xffff);
		d->device = read_hex_attr(d, "device", 0xffff);
		d->class = read_hex_attr(d, "class", 0xffffff);
	}
	return d;
}

/* A PCI function by address; NULL (errno set) when it does not exist. */
static struct mc_dev *add_pci(struct mc_host *h, const char *name)
{
	struct pci_ids ids;
	int fd = bus_fd(&h->pci_fd, SYS_PCI_DEVICES), e;

	if (fd < 0)
		return NULL;
	e = read_uevent(fd, name, &ids);
	if (e && e != EINVAL) {
		errno = e == ENOENT ? ENODEV : e;
		return NULL;
	}
	return add_pci_ids(h, fd, name, e ? NULL : &ids);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directory entries but dot files of @name under @dirfd, sorted, so that
 * output does not depend on the order the file system returns them in.
 * NULL with errno set. */
static char **list_dir_at(int dirfd, const char *name, size_t *count)
{
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	DIR *dp;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	dp = fdopendir(fd);
	if (!dp) {
		int err = errno;

		close(fd);
		errno = err;
		return NULL;
	}
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), cmp_name);
	*count = n;
	return names ? names : xcalloc(1, sizeof(*names));
}

/* A one-line attribute @path under @dirfd into @buf, its trailing newline
 * dropped as libudev drops it: a type's available_instances is read for
 * every type of every parent, and needs no libudev object of the parent.
 * false with errno set; EOVERFLOW when it does not fit. */
static bool read_attr_at(int dirfd, const char *path, char *buf, size_t len)
{
	struct stat st;
	ssize_t n;
	int fd, e;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	/* As libudev: a file its owner may not read is no readable attribute,
	 * even to root, who could open it. */
	e = fstat(fd, &st) < 0 ? errno : !(st.st_mode & S_IRUSR) ? EPERM : 0;
	if (e) {
		close(fd);
		errno = e;
		return false;
	}
	errno = 0;
	n = read(fd, buf, len);
	e = errno;
	close(fd);
	if (n < 0) {
		errno = e ? e : EIO;
		return false;
	}
	if ((size_t)n == len) {
		errno = EOVERFLOW;
		return false;
	}
	if (memchr(buf, '\0', (size_t)n)) {
		errno = EINVAL;
		return false;
	}
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	return true;
}

static void add_types(struct mc_host *h, struct mc_dev *parent)
{
	char *dir = xasprintf("%s/mdev_supported_types", parent->name);
	char **types;
	size_t n;

	types = list_dir_at(parent->bus_fd, dir, &n);
	if (!types) {
		dev_fail(parent, "mdev_supported_types", errno);
		free(dir);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct mc_dev *t = host_add(h);
		char path[PATH_MAX], v[32];
		unsigned long avail;

		t->kind = MC_KIND_PARENT;
		snprintf(t->name, sizeof(t->name), "%s", parent->name);
		t->syspath = xasprintf("%s/mdev_supported_types/%s", parent->syspath, types[i]);
		t->parent = parent;
		t->type = types[i];
		t->available = -1;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s/available_instances", dir,
				     types[i]) >= sizeof(path))
			dev_fail(t, "available_instances", ENAMETOOLONG);
		else if (!read_attr_at(parent->bus_fd, path, v, sizeof(v)))
			dev_fail(t, "available_instances", errno);
		else if (!mc_parse_ulong(v, LONG_MAX, &avail))
			dev_fail(t, "available_instances", EINVAL);
		else
			t->available = (long)avail;
	}
	free(types);
	free(dir);
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* "0000:3b:00.1" exactly, lower case. */
static bool is_pci_name(const char *s)
{
	return strlen(s) == 12 && is_hex(s, 4) && s[4] == ':' && is_hex(s + 5, 2) &&
	       s[7] == ':' && is_hex(s + 8, 2) && s[10] == '.' && s[11] >= '0' && s[11] <= '7';
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
		return is_pci_name(name);
	}
	memcpy(name, buf, len + 1);
	return is_pci_name(name);
}

bool mc_device_exists(const char *arg)
{
	char name[40], *path;
	bool is_mdev, r;

	if (!mc_device_arg(arg, name, &is_mdev))
		return false;
	path = xasprintf("/sys/bus/%s/devices/%s", is_mdev ? "mdev" : "pci", name);
	r = access(path, F_OK) == 0;
	free(path);
	return r;
}

/* The mdev @name of /sys/bus/mdev/devices (@dirfd), at @syspath. */
static struct mc_dev *add_mdev(struct mc_host *h, int dirfd, const char *name, char *syspath)
{
	struct mc_dev *d = host_add(h);
	char buf[NAME_MAX + 1], *slash;

	d->kind = MC_KIND_MDEV;
	d->available = -1;
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->syspath = syspath;
	d->udev_ctx = h->udev;
	d->bus_fd = dirfd;
	if (read_link_base(dirfd, name, "driver", buf, sizeof(buf)))
		d->driver = host_driver(h, buf);
	/* libudev will not read symlink attributes but driver/subsystem/module. */
	if (read_link_base(dirfd, name, "mdev_type", buf, sizeof(buf)))
		d->type = xstrdup(buf);
	else
		dev_fail(d, "mdev_type", errno);
	/* The parent is the directory the mdev lives in (ABI 1.3). */
	slash = strrchr(syspath, '/');
	if (slash && slash > syspath) {
		const char *pname;

		*slash = '\0';
		pname = strrchr(syspath, '/') + 1;
		if (is_pci_name(pname)) {
			d->parent = host_find(h, pname);
			if (!d->parent)
				d->parent = add_pci(h, pname);
		}
		*slash = '/';
	}
	if (!d->parent)
		dev_fail(d, "parent", ENODEV);
	return d;
}

struct mc_dev *mc_host_open(struct mc_host *h, const char *name, bool is_mdev)
{
	struct mc_dev *d;
	char *syspath;
	int fd;

	if (!is_mdev) {
		d = host_find(h, name);
		return d ? d : add_pci(h, name);
	}
	fd = bus_fd(&h->mdev_fd, SYS_MDEV_DEVICES);
	if (fd < 0)
		return NULL;
	syspath = faccessat(fd, name, F_OK, 0) == 0 ? bus_syspath(fd, SYS_MDEV_DEVICES, name) : NULL;
	if (!syspath) {
		if (errno == ENOENT)
			errno = ENODEV;
		return NULL;
	}
	return add_mdev(h, fd, name, syspath);
}

static bool is_sriov_or_parent(int dirfd, const char *name)
{
	static const char *const marks[] = { "physfn", "sriov_totalvfs", "mdev_supported_types" };
	char path[NAME_MAX + 32];

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		snprintf(path, sizeof(path), "%s/%s", name, marks[i]);
		if (faccessat(dirfd, path, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
			return true;
	}
	return false;
}

struct pci_entry {
	char name[16];
	struct pci_ids ids;
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct pci_entry *)a)->name, ((const struct pci_entry *)b)->name);
}

static void scan_pci(struct mc_host *h, enum mc_scan_what what)
{
	struct pci_entry *found = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	DIR *dp;
	int fd = bus_fd(&h->pci_fd, SYS_PCI_DEVICES);

	if (fd < 0)
		return;   /* a host without PCI has no candidates */
	dp = fdopendir(dup(fd));
	if (!dp)
		return;
	while ((e = readdir(dp))) {
		struct pci_ids ids;

		/* Entries that are no PCI address are not ours to judge (libpci
		 * would die on them). */
		if (!is_pci_name(e->d_name))
			continue;
		if (read_uevent(fd, e->d_name, &ids))
			continue;   /* vanished while listing */
		if (!mc_vendor_wants_pci(ids.vendor, ids.device, ids.class) &&
		    (what != MC_SCAN_LIST || !is_sriov_or_parent(fd, e->d_name)))
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			found = xrealloc(found, alloc * sizeof(*found));
		}
		memcpy(found[n].name, e->d_name, 13);   /* is_pci_name(): 12 characters */
		found[n++].ids = ids;
	}
	closedir(dp);

	if (n)
		qsort(found, n, sizeof(*found), cmp_entry);
	for (size_t i = 0; i < n; i++)
		if (!host_find(h, found[i].name))
			add_pci_ids(h, fd, found[i].name, &found[i].ids);
	free(found);
}

struct mdev_entry {
	char *name, *syspath;
};

static int cmp_syspath(const void *a, const void *b)
{
	return strcmp(((const struct mdev_entry *)a)->syspath, ((const struct mdev_entry *)b)->syspath);
}

/* Every mdev, in the order of their sysfs paths (as libudev enumerates). */
static void scan_mdevs(struct mc_host *h)
{
	struct mdev_entry *found = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	DIR *dp;
	int fd = bus_fd(&h->mdev_fd, SYS_MDEV_DEVICES);

	if (fd < 0)
		return;   /* no mdev support */
	dp = fdopendir(dup(fd));
	if (!dp)
		return;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			found = xrealloc(found, alloc * sizeof(*found));
		}
		found[n].syspath = bus_syspath(fd, SYS_MDEV_DEVICES, e->d_name);
		if (!found[n].syspath)
			continue;   /* vanished while listing */
		found[n++].name = xstrdup(e->d_name);
	}
	closedir(dp);

	if (n)
		qsort(found, n, sizeof(*found), cmp_syspath);
	for (size_t i = 0; i < n; i++) {
		add_mdev(h, fd, found[i].name, found[i].syspath);
		free(found[i].name);
	}
	free(found);
}

void mc_host_scan(struct mc_host *h, enum mc_scan_what what)
{
	size_t npci;

	h->show_only = what == MC_SCAN_LIST;
	scan_pci(h, what);
	scan_mdevs(h);
	npci = h->ndevs;
	for (size_t i = 0; i < npci; i++)
		if (h->devs[i]->kind == MC_KIND_PARENT)
			add_types(h, h->devs[i]);
	for (size_t i = 0; i < h->ndevs; i++) {
		struct mc_dev *d = h->devs[i];

		d->module = mc_vendor_offering(d);
	}
}
