/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one sysfs reader.  Discovery reads thousands of entries below two bus
 * directories: each system call is made relative to a directory fd opened
 * once, so no path is resolved from the root again, and every caller gets
 * the same bounds and errors. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "sysfs.h"
#include "util.h"

bool mc_sysdir_open(struct mc_sysdir *dir)
{
	if (dir->fd < 0)
		dir->fd = open(dir->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return dir->fd >= 0;
}

void mc_sysdir_close(struct mc_sysdir *dir)
{
	if (dir->fd >= 0)
		close(dir->fd);
	dir->fd = -1;
}

static int dir_fd(const struct mc_sysdir *dir)
{
	return dir ? dir->fd : AT_FDCWD;
}

/* The path @fmt names into @path (PATH_MAX bytes). */
__attribute__((format(printf, 2, 0)))
static bool format_path(char *path, const char *fmt, va_list ap)
{
	int n = vsnprintf(path, PATH_MAX, fmt, ap);

	if (n < 0 || n >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return false;
	}
	return true;
}

/* Fill @path (PATH_MAX bytes) from the variadic caller's @fmt, or return
 * @fail from the caller: each entry point below starts so. */
#define FORMAT_PATH_OR_RETURN(path, fmt, fail)			\
	do {							\
		va_list ap_;					\
		bool ok_;					\
								\
		va_start(ap_, fmt);				\
		ok_ = format_path(path, fmt, ap_);		\
		va_end(ap_);					\
		if (!ok_)					\
			return fail;				\
	} while (0)

bool mc_sysfs_exists(const struct mc_sysdir *dir, const char *fmt, ...)
{
	char path[PATH_MAX];

	FORMAT_PATH_OR_RETURN(path, fmt, false);
	return faccessat(dir_fd(dir), path, F_OK, 0) == 0;
}

bool mc_sysfs_has_link(const struct mc_sysdir *dir, const char *fmt, ...)
{
	char path[PATH_MAX];

	FORMAT_PATH_OR_RETURN(path, fmt, false);
	return faccessat(dir_fd(dir), path, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

int mc_sysfs_open(const struct mc_sysdir *dir, int flags, const char *fmt, ...)
{
	char path[PATH_MAX];

	FORMAT_PATH_OR_RETURN(path, fmt, -1);
	return openat(dir_fd(dir), path, flags | O_CLOEXEC);
}

/* One read() from @fd, which is closed; errno kept. */
static ssize_t read_close(int fd, char *buf, size_t len)
{
	ssize_t n;
	int e;

	errno = 0;
	n = read(fd, buf, len);
	e = errno;
	close(fd);
	if (n < 0)
		errno = e ? e : EIO;
	return n;
}

ssize_t mc_sysfs_read(const struct mc_sysdir *dir, char *buf, size_t len, const char *fmt, ...)
{
	char path[PATH_MAX];
	int fd;

	FORMAT_PATH_OR_RETURN(path, fmt, -1);
	fd = openat(dir_fd(dir), path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -1 : read_close(fd, buf, len);
}

bool mc_sysfs_read_line(const struct mc_sysdir *dir, char *buf, size_t len, const char *fmt, ...)
{
	char path[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd, e;

	FORMAT_PATH_OR_RETURN(path, fmt, false);
	fd = openat(dir_fd(dir), path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	e = fstat(fd, &st) < 0 ? errno : !(st.st_mode & S_IRUSR) ? EPERM : 0;
	if (e) {
		close(fd);
		errno = e;
		return false;
	}
	n = read_close(fd, buf, len);
	if (n < 0)
		return false;
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

bool mc_sysfs_link_name(const struct mc_sysdir *dir, char *buf, size_t len, const char *fmt, ...)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	FORMAT_PATH_OR_RETURN(path, fmt, false);
	n = readlinkat(dir_fd(dir), path, target, sizeof(target) - 1);
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

/* @path with "." and ".." components dropped; malloc'ed. */
static char *normalize(const char *path)
{
	char *out = xmalloc(strlen(path) + 2), *p;
	size_t len = 0;

	for (const char *c = path; *c; ) {
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
	return out;
}

/* sysfs links are relative, and no component of a /sys/devices path is a
 * link, so the path is the link's target joined to the directory. */
char *mc_sysfs_link_path(const struct mc_sysdir *dir, const char *name)
{
	char target[PATH_MAX], *path, *out;
	ssize_t n;

	n = readlinkat(dir_fd(dir), name, target, sizeof(target) - 1);
	if (n < 0 && errno != EINVAL)
		return NULL;   /* vanished */
	if (n <= 0)
		return xasprintf("%s/%s", dir->path, name);
	target[n] = '\0';
	if (target[0] == '/')
		return normalize(target);
	path = xasprintf("%s/%s", dir->path, target);
	out = normalize(path);
	free(path);
	return out;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **mc_sysfs_list(const struct mc_sysdir *dir, size_t *count, const char *fmt, ...)
{
	char path[PATH_MAX], **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	DIR *dp;
	int fd;

	FORMAT_PATH_OR_RETURN(path, fmt, NULL);
	fd = openat(dir_fd(dir), path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	dp = fdopendir(fd);
	if (!dp) {
		int err = errno;

		close(fd);
		errno = err;
		return NULL;
	}
	/* readdir() tells its end from an error only by errno. */
	for (errno = 0; (e = readdir(dp)); errno = 0) {
		if (e->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			names = xrealloc(names, alloc * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	if (errno) {
		int err = errno;

		closedir(dp);
		while (n)
			free(names[--n]);
		free(names);
		errno = err;
		return NULL;
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), cmp_name);
	*count = n;
	return names ? names : xcalloc(1, sizeof(*names));
}
