/* SPDX-License-Identifier: GPL-2.0-or-later */
/* JSON documents with json-c, printed in one style for every mode. */
#include "config.h"

#include <stdio.h>

#include "json.h"

struct json_object *mc_json_doc(void)
{
	struct json_object *doc = json_object_new_object();

	json_object_object_add(doc, "format", json_object_new_string(MC_JSON_FORMAT));
	return doc;
}

struct json_object *mc_json_str(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

struct json_object *mc_json_record(const struct mc_record *rec)
{
	struct json_object *r = json_object_new_object(), *f = json_object_new_object();

	json_object_object_add(r, "module", json_object_new_string(rec->module));
	for (size_t i = 0; i < rec->nfields; i++)
		json_object_object_add(f, rec->fields[i].key,
				       json_object_new_string(rec->fields[i].value));
	json_object_object_add(r, "fields", f);
	return r;
}

void mc_json_print(struct json_object *doc)
{
	puts(json_object_to_json_string_ext(doc, MC_JSON_FLAGS));
	json_object_put(doc);
}

/* The frame is what json-c prints around the members with MC_JSON_FLAGS:
 * two spaces a level, "key": value. */
void mc_json_stream_begin(struct mc_json_stream *s, const char *key)
{
	s->n = 0;
	printf("{\n  \"format\": \"%s\",\n  \"%s\": [\n", MC_JSON_FORMAT, key);
}

void mc_json_stream_add(struct mc_json_stream *s, struct json_object *obj)
{
	const char *text = json_object_to_json_string_ext(obj, MC_JSON_FLAGS);

	if (s->n++)
		fputs(",\n", stdout);
	/* An element of a member of the document: each line indented by four. */
	fputs("    ", stdout);
	for (const char *p = text; *p; p++) {
		putchar(*p);
		if (*p == '\n')
			fputs("    ", stdout);
	}
	json_object_put(obj);
}

void mc_json_stream_end(struct mc_json_stream *s)
{
	fputs(s->n ? "\n  ]\n}\n" : "  ]\n}\n", stdout);
}
