/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Output columns as data (util-linux style): -o, -H, the table printer and
 * rows as JSON objects. */
#ifndef MC_COLUMNS_H
#define MC_COLUMNS_H

#include <stddef.h>
#include <stdio.h>

#include "options.h"

#define MC_MAX_COLUMNS 16

struct mc_colinfo {
	const char *name;
	double whint;      /* libsmartcols width hint */
	int flags;         /* SCOLS_FL_*, and MC_COL_* */
	const char *help;
};

/* A column of decimal integers: a JSON number (lsblk's
 * scols_column_set_json_type(SCOLS_JSON_NUMBER)).  Above the SCOLS_FL_*
 * bits, and never passed to libsmartcols. */
#define MC_COL_NUMBER (1 << 30)

struct mc_columns {
	const struct mc_colinfo *infos;
	size_t ninfos;
	int ids[MC_MAX_COLUMNS];
	size_t n;
};

/* Select columns from -o @list (NULL: @defaults; "+A,B": defaults plus A, B).
 * Exits 2 naming an unknown column. */
void mc_columns_select(struct mc_columns *c, const struct mc_colinfo *infos, size_t ninfos,
		       const int *defaults, size_t ndefaults, const char *list);

/* Is column @id among those selected? */
bool mc_columns_has(const struct mc_columns *c, int id);

void mc_columns_help(FILE *out, const char *title, const struct mc_colinfo *infos, size_t ninfos);

/* The width of the terminal an aligned table goes to, or 0: not a
 * terminal, or -r, -P or -J (nothing is cut or moved there). */
size_t mc_columns_termwidth(const struct mc_opts *o);

/* The width the table of @rows takes with every cell whole, except the
 * column @shrinks (-1: none), counted at the width of its header. */
size_t mc_columns_width(const struct mc_columns *c, const char *const *const *rows, size_t nrows,
			int shrinks);

struct libscols_table;

/* A table of the columns @c, to print as the options ask: aligned, raw or
 * KEY="value" pairs; and a row of cells (an array indexed by column id)
 * added to it, the cells copied. */
struct libscols_table *mc_columns_table(const struct mc_opts *o, const struct mc_columns *c);
void mc_columns_add(struct libscols_table *tb, const struct mc_columns *c, const char *const *row);

/* A row as a JSON object: the selected columns in their order, each named
 * in lower case (as lsblk -J does), a missing cell as null, a cell of an
 * MC_COL_NUMBER column as a JSON number. */
struct json_object;
struct json_object *mc_columns_json(const struct mc_columns *c, const char *const *row);

/* Print rows of cells in a table of their own. */
void mc_columns_print(const struct mc_opts *o, const struct mc_columns *c,
		      const char *const *const *rows, size_t nrows);

#endif
