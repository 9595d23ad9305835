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

void mc_config_load(const char *path)
{
	const char *file = path ? path : MC_DEFAULT_CONFIG;
	FILE *f = fopen(file, "r");
	struct stat st;
	int r;

	if (!f) {
		if (!path && errno == ENOENT)
			return;   /* no configuration is an empty one */
		mc_die("%s: %s", file, strerror(errno));
	}
	/* fopen() opens a directory too; inih would read it as empty. */
	if (fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode)) {
		fclose(f);
		mc_die("%s: not a regular file", file);
	}
	r = ini_parse_file(f, on_entry, NULL);
	if (r == 0 && ferror(f))
		r = -1;
	fclose(f);
	if (r > 0)
		mc_die("%s:%d: malformed configuration line", file, r);
	if (r < 0)
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
