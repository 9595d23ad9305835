/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one way mig-check prints JSON (mig-check-formats(5), JSON OUTPUT): the
 * document frame, records, and documents streamed one object at a time. */
#ifndef MC_JSON_H
#define MC_JSON_H

#include <stddef.h>
#include <json-c/json.h>

#include "token.h"

/* The "format" member of every document. */
#define MC_JSON_FORMAT "mig-check/1"

/* How every JSON document is printed: indented by two, "key": value. */
#define MC_JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | \
		       JSON_C_TO_STRING_NOSLASHESCAPE)

/* A new document: {"format": "mig-check/1"}, members to follow. */
struct json_object *mc_json_doc(void);

/* A JSON string, or null for NULL. */
struct json_object *mc_json_str(const char *s);

/* {"module": "...", "fields": {"key": "value", ...}} */
struct json_object *mc_json_record(const struct mc_record *rec);

/* Print a JSON document on stdout, and free it. */
void mc_json_print(struct json_object *doc);

/* A document {"format": ..., "<key>": [objects]} printed as mc_json_print()
 * would print it, but one object at a time, so that a listing of thousands
 * of rows never holds them all as JSON. */
struct mc_json_stream {
	size_t n;       /* objects printed so far */
};

void mc_json_stream_begin(struct mc_json_stream *s, const char *key);
/* Print @obj as the next element of the array, and free it. */
void mc_json_stream_add(struct mc_json_stream *s, struct json_object *obj);
void mc_json_stream_end(struct mc_json_stream *s);

#endif
