/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Configuration through inih: a list of (section, key, value), read once. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <ini.h>

#include "conf.h"
#include "devarg.h"   /* a device section names a DEVICE */
#include "util.h"

struct entry {
	char *section, *key, *value;
};

static struct entry *entries;
static size_t nentries;

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
	/* The section the lines below belong to, read here and not from inih,
	 * which cuts a long name (a sysfs path) to 49 bytes: as written between
	 * the brackets, and as its entries are stored ("device <name>"). */
	char *section_text, *section;
	char msg[256];     /* why the line at @lineno is not valid configuration */
	struct { char name[40]; int line; } *devices;   /* device sections so far */
	size_t ndevices;
};

/* Every key there is, by section kind (mig-check.conf(5), SECTIONS). */
static const struct {
	const char *section, *key;
} known_keys[] = {
	{ "global", "migration-drivers" },
	{ "device", "nvme.store" },
	{ "libvirt", "require-token" },
};

static void refuse(struct conf_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The line at r->lineno is not valid configuration: say why, read no more. */
static void refuse(struct conf_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	r->err = r->msg;
}

/* yes/no, as systemd and util-linux read a boolean: -1 when neither. */
static int parse_bool(const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(v, yes[i]))
			return 1;
		if (!strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

/* A section header, @start just after its '[' and @end at its ']': known
 * sections only, a device section naming a device in any DEVICE spelling
 * (mig-check(1) DESCRIPTION/Devices), each device once.  false (and r->err)
 * when refused. */
static bool section_header(struct conf_reader *r, const char *start, const char *end)
{
	char name[40];
	const char *arg;
	bool is_mdev;
	size_t len;

	while (start < end && isblank((unsigned char)*start))
		start++;
	while (end > start && isblank((unsigned char)end[-1]))
		end--;
	len = (size_t)(end - start);
	free(r->section_text);
	free(r->section);
	r->section = NULL;
	r->section_text = xasprintf("%.*s", (int)len, start);
	if (!strcmp(r->section_text, "global") || !strcmp(r->section_text, "libvirt")) {
		r->section = xstrdup(r->section_text);
		return true;
	}
	if (strncmp(r->section_text, "device", 6) ||
	    (r->section_text[6] && !isblank((unsigned char)r->section_text[6]))) {
		refuse(r, "unknown section [%s]", r->section_text);
		return false;
	}
	arg = r->section_text + 6;
	arg += strspn(arg, " \t");
	if (!*arg) {
		refuse(r, "[%s] names no device", r->section_text);
		return false;
	}
	if (!mc_device_arg(arg, name, &is_mdev)) {
		refuse(r, "[%s]: '%s' is not a PCI address, an mdev UUID or a sysfs path of either",
		       r->section_text, arg);
		return false;
	}
	for (size_t i = 0; i < r->ndevices; i++) {
		if (!strcmp(r->devices[i].name, name)) {
			refuse(r, "[%s]: device %s has a section already (line %d)",
			       r->section_text, name, r->devices[i].line);
			return false;
		}
	}
	r->devices = xrealloc(r->devices, (r->ndevices + 1) * sizeof(*r->devices));
	memcpy(r->devices[r->ndevices].name, name, sizeof(name));
	r->devices[r->ndevices].line = r->lineno;
	r->ndevices++;
	r->section = xasprintf("device %s", name);
	return true;
}

static int on_entry(void *user, const char *section, const char *key, const char *value)
{
	struct conf_reader *r = user;
	const char *kind;
	size_t i;

	(void)section;   /* inih's copy may be cut short: r->section is whole */
	if (!key)
		return 1;   /* a section header alone */
	if (!*key)
		return 0;   /* "= value": inih takes it, a reader would not */
	if (!r->section) {
		refuse(r, "key '%s' before any section", key);
		return 0;
	}
	kind = strncmp(r->section, "device ", 7) ? r->section : "device";
	for (i = 0; i < ARRAY_SIZE(known_keys); i++)
		if (!strcmp(known_keys[i].section, kind) && !strcmp(known_keys[i].key, key))
			break;
	if (i == ARRAY_SIZE(known_keys)) {
		refuse(r, "unknown key '%s' in [%s]", key, r->section_text);
		return 0;
	}
	if (!strcmp(key, "require-token") && parse_bool(value) < 0) {
		refuse(r, "require-token: '%s' is not a boolean (yes or no)", value);
		return 0;
	}
	for (i = 0; i < nentries; i++) {
		if (!strcmp(entries[i].section, r->section) && !strcmp(entries[i].key, key)) {
			free(entries[i].value);
			entries[i].value = xstrdup(value);
			return 1;
		}
	}
	entries = xrealloc(entries, (nentries + 1) * sizeof(*entries));
	entries[nentries].section = xstrdup(r->section);
	entries[nentries].key = xstrdup(key);
	entries[nentries].value = xstrdup(value);
	nentries++;
	return 1;
}

static char *read_line(char *str, int num, void *stream)
{
	struct conf_reader *r = stream;
	const char *start;
	ssize_t n;
	size_t len;

	if (r->err)
		return NULL;   /* a line was refused: read no more */
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
	/* A section header: checked here, where the line number is its own
	 * (inih calls back only for keys).  One without its ']' is left to
	 * inih, which refuses it. */
	if (*start == '[') {
		const char *end = memchr(start, ']', len);

		if (end && !section_header(r, start + 1, end))
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
	ret = ini_parse_stream(read_line, &r, on_entry, &r);
	if (ret == 0 && ferror(r.f))
		ret = -1;
	fclose(r.f);
	free(r.line);
	free(r.section_text);
	free(r.section);
	free(r.devices);
	/* inih goes on after a bad line, and reading stops at a refused one
	 * (r.err, at r.lineno): the first error is the one to name. */
	if (ret > 0 && (!r.err || ret < r.lineno))
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

bool mc_config_require_token(void)
{
	const char *v = mc_config_get("libvirt", "require-token");

	return v && parse_bool(v) == 1;
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
