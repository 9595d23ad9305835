/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --decode: what a token says, touching no device. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "decode.h"
#include "json.h"
#include "util.h"

/* One line of standard input, refused when longer than a token may be. */
static char *read_token_line(void)
{
	size_t cap = MC_TOKEN_MAX + 2, n = 0;
	char *buf = xmalloc(cap);
	int c;

	while ((c = getchar()) != EOF && c != '\n') {
		if (n == cap - 1)
			mc_die("invalid token: token is longer than %d bytes", MC_TOKEN_MAX);
		if (c == '\0')
			mc_die("invalid token: invalid character 0x00 at offset %zu", n);
		buf[n++] = (char)c;
	}
	if (ferror(stdin))
		mc_die("standard input: cannot read the token");
	buf[n] = '\0';
	return buf;
}

/* Whitespace around a token is no part of it (mig-check-formats(5), TOKEN):
 * what a shell, a file or a copy from a terminal adds. */
static bool is_token_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void mc_token_from_arg(const char *arg, struct mc_token *tok)
{
	_cleanup_free_ char *line = NULL, *text = NULL;
	const char *start = arg;
	size_t len;
	char why[256];

	if (!strcmp(arg, "-"))
		start = line = read_token_line();
	while (is_token_space(*start))
		start++;
	len = strlen(start);
	while (len && is_token_space(start[len - 1]))
		len--;
	text = xmalloc(len + 1);
	memcpy(text, start, len);
	text[len] = '\0';
	memset(tok, 0, sizeof(*tok));
	if (mc_token_decode(text, tok, why, sizeof(why)) < 0) {
		mc_token_free(tok);
		mc_die("invalid token: %s", why);
	}
}

enum { COL_RECORD, COL_MODULE, COL_KEY, COL_VALUE };

static const struct mc_colinfo decode_columns[] = {
	[COL_RECORD] = { "RECORD", 0, 0, "record number, from 1" },
	[COL_MODULE] = { "MODULE", 0, 0, "vendor module of the record" },
	[COL_KEY] = { "KEY", 0, 0, "field name" },
	[COL_VALUE] = { "VALUE", 0, 0, "decoded field value" },
};

static const int decode_defaults[] = { COL_RECORD, COL_MODULE, COL_KEY, COL_VALUE };

void mc_decode_columns_help(FILE *out)
{
	mc_columns_help(out, "Columns for --decode:", decode_columns, ARRAY_SIZE(decode_columns));
}

int mc_cmd_decode(const struct mc_opts *o)
{
	struct mc_columns cols;
	struct mc_token tok;

	mc_columns_select(&cols, decode_columns, ARRAY_SIZE(decode_columns),
			  decode_defaults, ARRAY_SIZE(decode_defaults), o->output);
	mc_token_from_arg(o->token, &tok);
	if (o->quiet) {
		mc_token_free(&tok);
		return MC_EXIT_OK;
	}
	if (o->format == MC_FMT_JSON) {
		struct json_object *doc = mc_json_doc(), *recs = json_object_new_array();

		for (size_t r = 0; r < tok.nrecords; r++)
			json_object_array_add(recs, mc_json_record(&tok.records[r]));
		json_object_object_add(doc, "records", recs);
		mc_json_print(doc);
	} else {
		size_t n = 0, k = 0;
		const char *(*cells)[4];
		const char **rows[MC_MAX_RECORDS * MC_MAX_FIELDS];
		char idx[MC_MAX_RECORDS][8];

		for (size_t r = 0; r < tok.nrecords; r++)
			n += tok.records[r].nfields;
		cells = xcalloc(n, sizeof(*cells));
		for (size_t r = 0; r < tok.nrecords; r++) {
			const struct mc_record *rec = &tok.records[r];

			snprintf(idx[r], sizeof(idx[r]), "%zu", r + 1);
			for (size_t f = 0; f < rec->nfields; f++, k++) {
				cells[k][COL_RECORD] = idx[r];
				cells[k][COL_MODULE] = rec->module;
				cells[k][COL_KEY] = rec->fields[f].key;
				cells[k][COL_VALUE] = rec->fields[f].value;
				rows[k] = cells[k];
			}
		}
		mc_columns_print(o, &cols, (const char *const *const *)rows, n);
		free(cells);
	}
	mc_token_free(&tok);
	return MC_EXIT_OK;
}
