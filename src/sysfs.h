/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one sysfs reader: a directory opened once, and everything below it
 * read relative to its fd, with explicit bounds (as util-linux's
 * lib/path.c). */
#ifndef MC_SYSFS_H
#define MC_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define MC_SYS_PCI_DEVICES "/sys/bus/pci/devices"
#define MC_SYS_MDEV_DEVICES "/sys/bus/mdev/devices"

struct mc_sysdir {
	int fd;             /* -1 until mc_sysdir_open() */
	const char *path;   /* absolute; what paths below it are joined to */
};

#define MC_SYSDIR_INIT(p) { .fd = -1, .path = (p) }

/* Open @dir once; later calls are free.  false with errno set. */
bool mc_sysdir_open(struct mc_sysdir *dir);
void mc_sysdir_close(struct mc_sysdir *dir);

/* Every function below takes a path relative to @dir, printf-style.  @dir
 * NULL: the path is taken as it is (util-linux's convention; only devices
 * made by hand in tests, which have no bus directory, use it).  Failures
 * return false, NULL or -1 with errno set; ENAMETOOLONG for a path that
 * does not fit PATH_MAX. */

/* Does it exist, following links? */
bool mc_sysfs_exists(const struct mc_sysdir *dir, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Does it exist itself: a dangling link counts. */
bool mc_sysfs_has_link(const struct mc_sysdir *dir, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* open(2) it with @flags (O_CLOEXEC added); the fd or -1. */
int mc_sysfs_open(const struct mc_sysdir *dir, int flags, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One read() of at most @len bytes: sysfs hands an attribute out whole in
 * the first read.  The byte count, or -1. */
ssize_t mc_sysfs_read(const struct mc_sysdir *dir, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A one-line attribute into @buf, trailing newlines dropped as libudev drops
 * them.  As libudev, a file its owner may not read is no readable attribute
 * (EPERM), even to root; EOVERFLOW when it does not fit, EINVAL when it
 * holds a NUL byte. */
bool mc_sysfs_read_line(const struct mc_sysdir *dir, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The last component of a link's target (the PF of physfn, a driver's
 * name) into @buf; EINVAL for an empty target, ENAMETOOLONG when it does
 * not fit. */
bool mc_sysfs_link_name(const struct mc_sysdir *dir, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The absolute path, "." and ".." resolved, that the link @name right in
 * @dir leads to (a bus link: the device's syspath); @dir's path joined to
 * @name when it is no link (@dir not NULL).  malloc'ed; NULL when it
 * vanished. */
char *mc_sysfs_link_path(const struct mc_sysdir *dir, const char *name);

/* The entries but dot files of a directory, sorted, so that output does not
 * depend on the order the file system returns them in; @*count of them.
 * Free each and the array.  NULL with errno set when it cannot be opened
 * or a readdir() fails: never a list cut short. */
char **mc_sysfs_list(const struct mc_sysdir *dir, size_t *count, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
