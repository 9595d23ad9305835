/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Configuration through inih: a list of (section, key, value), read once. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ini.h>

#include "conf.h"
#include "util.h"

struct entry {
	char *section, *key, *value;
};

static struct entry *entries;
static size_t nentries;

static int on_entry(void *user, const char *section, const char *key, const char *value)
{
	(void)user;
	if (!key)
		return 1;   /* a section header alone */
	if (!*key)
		return 0;   /* "= value": inih takes it, a reader would not */
	/* [libvirt] parses in every build, libvirt support or not. */
	if (!strcmp(section, "libvirt") &&
	    (strcmp(key, "require-token") || (strcmp(value, "yes") && strcmp(value, "no"))))
		return 0;
	for (size_t i = 0; i < nentries; i++) {
		if (!strcmp(entries[i].section, section) && !strcmp(entries[i].key, key)) {
			free(entries[i].value);
			entries[i].value = xstrdup(value);
			return 1;
		}
	}
	entries = xrealloc(entries, (nentries + 1) * sizeof(*entries));
	entries[nentries].section = xstrdup(section);
	entries[nentries].key = xstrdup(key);
	entries[nentries].value = xstrdup(value);
	nentries++;
	return 1;
}

/* The longest line read whole, where inih lets it be raised: an NVMe
 * qualified name alone may take 223 bytes. */
#define CONF_MAX_LINE 4096

/* inih is fed one line at a time, so that its line numbers are the file's:
 * a line too long for its buffer is refused here, where inih would read the
 * rest as a line of its own.  Leading blanks are dropped: inih would take
 * an indented line for the continuation of the value above it, and let the
 * last piece stand for the whole value. */
struct conf_reader {
	FILE *f;
	char *line;
	size_t alloc;
	int lineno;
	const char *err;   /* why the line at @lineno was refused */
	int max;           /* the longest line inih takes */
};

static char *read_line(char *str, int num, void *stream)
{
	struct conf_reader *r = stream;
	const char *start;
	ssize_t n;
	size_t len;

	n = getline(&r->line, &r->alloc, r->f);
	if (n < 0)
		return NULL;
	r->lineno++;
	if (memchr(r->line, '\0', (size_t)n)) {
		r->err = "a NUL byte in the line";
		return NULL;
	}
	start = r->line + strspn(r->line, " \t");
	len = (size_t)n - (size_t)(start - r->line);
	if (num < 2 || len > (size_t)num - 1) {
		r->max = num > 1 ? num - 2 : 0;   /* with its newline */
		r->err = "line too long";
		return NULL;
	}
	memcpy(str, start, len + 1);
	return str;
}

void mc_config_load(const char *path)
{
	const char *file = path ? path : MC_DEFAULT_CONFIG;
	struct conf_reader r = { 0 };
	struct stat st;
	int ret;

	r.f = fopen(file, "r");
	if (!r.f) {
		if (!path && errno == ENOENT)
			return;   /* no configuration is an empty one */
		mc_die("%s: %s", file, strerror(errno));
	}
	/* fopen() opens a directory too; inih would read it as empty. */
	if (fstat(fileno(r.f), &st) == 0 && !S_ISREG(st.st_mode)) {
		fclose(r.f);
		mc_die("%s: not a regular file", file);
	}
#if HAVE_DECL_INI_MAX_LINE
	if (ini_max_line < CONF_MAX_LINE)
		ini_max_line = CONF_MAX_LINE;
#endif
	ret = ini_parse_stream(read_line, &r, on_entry, NULL);
	if (ret == 0 && ferror(r.f))
		ret = -1;
	fclose(r.f);
	free(r.line);
	/* inih goes on after a bad line: the first error is the one to name. */
	if (ret > 0)
		mc_die("%s:%d: malformed configuration line", file, ret);
	if (r.err && r.max)
		mc_die("%s:%d: %s: over %d bytes", file, r.lineno, r.err, r.max);
	if (r.err)
		mc_die("%s:%d: %s", file, r.lineno, r.err);
	if (ret < 0)
		mc_die("%s: cannot read configuration", file);
}

const char *mc_config_get(const char *section, const char *key)
{
	for (size_t i = 0; i < nentries; i++)
		if (!strcmp(entries[i].section, section) && !strcmp(entries[i].key, key))
			return entries[i].value;
	return NULL;
}

void mc_config_free(void)
{
	for (size_t i = 0; i < nentries; i++) {
		free(entries[i].section);
		free(entries[i].key);
		free(entries[i].value);
	}
	free(entries);
	entries = NULL;
	nentries = 0;
}
