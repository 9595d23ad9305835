/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Column selection and table printing with libsmartcols. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <libsmartcols.h>

#include "columns.h"
#include "json.h"
#include "util.h"

static int column_id(const struct mc_colinfo *infos, size_t ninfos, const char *name, size_t len)
{
	for (size_t i = 0; i < ninfos; i++)
		if (strlen(infos[i].name) == len && !strncasecmp(infos[i].name, name, len))
			return (int)i;
	return -1;
}

void mc_columns_select(struct mc_columns *c, const struct mc_colinfo *infos, size_t ninfos,
		       const int *defaults, size_t ndefaults, const char *list)
{
	const char *p;

	c->infos = infos;
	c->ninfos = ninfos;
	c->n = 0;
	if (!list || *list == '+') {
		memcpy(c->ids, defaults, ndefaults * sizeof(*defaults));
		c->n = ndefaults;
		if (!list)
			return;
		list++;
	}
	for (p = list; *p; ) {
		size_t len = strcspn(p, ",");
		int id = column_id(infos, ninfos, p, len);

		if (id < 0)
			mc_die("--output: unknown column '%.*s'", (int)len, p);
		if (c->n == MC_MAX_COLUMNS)
			mc_die("--output: too many columns");
		c->ids[c->n++] = id;
		p += len;
		if (*p == ',')
			p++;
	}
	if (!c->n)
		mc_die("--output: no column named");
}

bool mc_columns_has(const struct mc_columns *c, int id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->ids[i] == id)
			return true;
	return false;
}

void mc_columns_help(FILE *out, const char *title, const struct mc_colinfo *infos, size_t ninfos)
{
	fprintf(out, "%s\n", title);
	for (size_t i = 0; i < ninfos; i++)
		fprintf(out, " %12s  %s\n", infos[i].name, infos[i].help);
}

size_t mc_columns_termwidth(const struct mc_opts *o)
{
	struct winsize ws;
	const char *env;
	long w;

	if (o->format != MC_FMT_TABLE || !isatty(STDOUT_FILENO))
		return 0;
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col;
	env = getenv("COLUMNS");
	w = env ? strtol(env, NULL, 10) : 0;
	return w > 0 ? (size_t)w : 80;
}

size_t mc_columns_width(const struct mc_columns *c, const char *const *const *rows, size_t nrows,
			int shrinks)
{
	size_t total = c->n ? c->n - 1 : 0;

	for (size_t i = 0; i < c->n; i++) {
		size_t w = strlen(c->infos[c->ids[i]].name);

		for (size_t r = 0; r < nrows && c->ids[i] != shrinks; r++) {
			const char *v = rows[r][c->ids[i]];

			if (v && strlen(v) > w)
				w = strlen(v);
		}
		total += w;
	}
	return total;
}

struct libscols_table *mc_columns_table(const struct mc_opts *o, const struct mc_columns *c)
{
	struct libscols_table *tb = scols_new_table();

	if (!tb)
		mc_die("libsmartcols: cannot make a table");
	scols_table_enable_raw(tb, o->format == MC_FMT_RAW);
	scols_table_enable_export(tb, o->format == MC_FMT_PAIRS);
	scols_table_enable_noheadings(tb, o->noheadings);
	for (size_t i = 0; i < c->n; i++) {
		const struct mc_colinfo *ci = &c->infos[c->ids[i]];

		if (!scols_table_new_column(tb, ci->name, ci->whint, ci->flags & ~MC_COL_NUMBER))
			mc_die("libsmartcols: cannot add column %s", ci->name);
	}
	return tb;
}

void mc_columns_add(struct libscols_table *tb, const struct mc_columns *c, const char *const *row)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);

	if (!ln)
		mc_die("libsmartcols: cannot add a line");
	for (size_t i = 0; i < c->n; i++) {
		const char *v = row[c->ids[i]];

		if (v && scols_line_set_data(ln, i, v))
			mc_die("libsmartcols: cannot set a cell");
	}
}

void mc_columns_print(const struct mc_opts *o, const struct mc_columns *c,
		      const char *const *const *rows, size_t nrows)
{
	struct libscols_table *tb = mc_columns_table(o, c);

	for (size_t r = 0; r < nrows; r++)
		mc_columns_add(tb, c, rows[r]);
	scols_print_table(tb);
	scols_unref_table(tb);
}

/* A cell as its column's JSON type; a number column's cell is made by
 * our code from a number, so one that is not stays a string. */
static struct json_object *cell_json(const struct mc_colinfo *ci, const char *v)
{
	long long n;
	char *end;

	if (v && (ci->flags & MC_COL_NUMBER)) {
		errno = 0;
		n = strtoll(v, &end, 10);
		if (!errno && end != v && !*end)
			return json_object_new_int64(n);
	}
	return mc_json_str(v);
}

struct json_object *mc_columns_json(const struct mc_columns *c, const char *const *row)
{
	struct json_object *obj = json_object_new_object();

	for (size_t i = 0; i < c->n; i++) {
		const char *name = c->infos[c->ids[i]].name;
		char key[32];
		size_t k;

		for (k = 0; name[k] && k < sizeof(key) - 1; k++)
			key[k] = (char)tolower((unsigned char)name[k]);
		key[k] = '\0';
		json_object_object_add(obj, key, cell_json(&c->infos[c->ids[i]], row[c->ids[i]]));
	}
	return obj;
}
