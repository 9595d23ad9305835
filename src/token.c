/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Encoding, decoding and building of migration tokens (mig-check-formats(5),
 * TOKEN). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "token.h"

#define PREFIX_LEN	(sizeof(MC_TOKEN_PREFIX) - 1)
#define CHECK_LEN	8	/* hex digits of the crc32 */
#define SHOW_MAX	32	/* token bytes quoted in a reason, at most */

/* A piece of the token text: the text is not NUL-terminated at the piece's
 * end, so every parser works on pointer and length. */
struct span {
	const char *p;
	size_t n;
};

#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static int fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (why && whylen) {
		va_start(ap, fmt);
		vsnprintf(why, whylen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Reasons quote pieces of the token; a long piece must not crowd out the
 * rest of the message, so it is cut and marked. */
static int show_len(size_t n)
{
	return n > SHOW_MAX ? SHOW_MAX : (int)n;
}

static const char *show_more(size_t n)
{
	return n > SHOW_MAX ? "..." : "";
}

/* No <ctype.h>: the grammar is ASCII, whatever the locale says. */
static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_module_char(int c)
{
	return is_lower(c) || is_digit(c) || c == '-';
}

static bool is_key_char(int c)
{
	return is_lower(c) || is_digit(c) || c == '_';
}

/* Bytes a value carries unescaped. */
static bool is_value_char(int c)
{
	return is_lower(c) || is_upper(c) || is_digit(c) ||
	       c == '.' || c == '_' || c == '-' || c == '+';
}

/* The alphabet that survives a second, unquoted shell parse. */
static bool is_token_char(int c)
{
	return is_value_char(c) || c == '%' || c == ':' || c == '/' ||
	       c == '@' || c == ',' || c == '=';
}

static bool is_pct_hex(int c)
{
	return is_digit(c) || (c >= 'A' && c <= 'F');
}

static bool is_check_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f');
}

static int hex_value(int c)
{
	return is_digit(c) ? c - '0' : c - 'A' + 10;
}

static bool module_ok(const char *p, size_t n)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (!is_module_char((unsigned char)p[i]))
			return false;
	return true;
}

static bool key_chars_ok(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_key_char((unsigned char)p[i]))
			return false;
	return true;
}

/* Only the canonical form counts: 1..999, no sign, no leading zero, no
 * escapes, so one version has exactly one spelling in a token. */
static bool version_parse(const char *p, size_t n, unsigned *version)
{
	unsigned v = 0;
	size_t i;

	if (n < 1 || n > 3 || p[0] == '0')
		return false;
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)p[i]))
			return false;
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	if (v < 1 || v > MC_MAX_VERSION)
		return false;
	*version = v;
	return true;
}

static size_t count_byte(struct span s, char c)
{
	size_t i, k = 0;

	for (i = 0; i < s.n; i++)
		if (s.p[i] == c)
			k++;
	return k;
}

/* Split @s at the first @sep: @head gets what precedes it, @s what follows.
 * Returns false (and all of @s in @head) when there is no @sep. */
static bool split(struct span *s, char sep, struct span *head)
{
	const char *q = memchr(s->p, sep, s->n);

	if (!q) {
		*head = *s;
		s->p += s->n;
		s->n = 0;
		return false;
	}
	head->p = s->p;
	head->n = (size_t)(q - s->p);
	s->n -= head->n + 1;
	s->p = q + 1;
	return true;
}

static char *span_dup(struct span s)
{
	char *d = malloc(s.n + 1);

	if (d) {
		memcpy(d, s.p, s.n);
		d[s.n] = '\0';
	}
	return d;
}

static void crc_hex(const char *p, size_t n, char out[CHECK_LEN + 1])
{
	unsigned long crc = crc32(0L, Z_NULL, 0);

	/* zlib takes uInt lengths; a token never comes near that limit. */
	crc = crc32(crc, (const Bytef *)p, (uInt)n);
	snprintf(out, CHECK_LEN + 1, "%08lx", crc & 0xffffffffUL);
}

static int find_key(const struct mc_record *rec, const char *key)
{
	size_t i;

	for (i = 0; i < rec->nfields && i < MC_MAX_FIELDS; i++)
		if (!strcmp(rec->fields[i].key, key))
			return (int)i;
	return -1;
}

/* ---- the field rules ----
 * Written once: the decoder, the encoder and mc_record_set() all ask
 * them, so whatever is built can be encoded, and whatever is encoded can
 * be read back.  @rn and @fn number the record and field in the reason;
 * @why may be NULL. */

static int check_key(const char *key, size_t n, size_t rn, size_t fn,
		     char *why, size_t whylen)
{
	if (!n)
		return fail(why, whylen, "record %zu: field %zu: empty key", rn, fn);
	if (n > MC_MAX_KEY)
		return fail(why, whylen,
			    "record %zu: field %zu: key is longer than %d characters",
			    rn, fn, MC_MAX_KEY);
	if (!key_chars_ok(key, n))
		return fail(why, whylen, "record %zu: field %zu: bad key '%.*s'",
			    rn, fn, (int)n, key);
	return 0;
}

/* @key must not be among the first @n fields of @rec. */
static int check_unique(const struct mc_record *rec, size_t n, const char *key,
			size_t rn, char *why, size_t whylen)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rec->fields[i].key, key))
			return fail(why, whylen, "record %zu: key '%s' appears twice",
				    rn, key);
	return 0;
}

/* @n is the length of the decoded value. */
static int check_value_len(size_t n, const char *key, size_t rn,
			   char *why, size_t whylen)
{
	if (n > MC_MAX_VALUE)
		return fail(why, whylen,
			    "record %zu: value of '%s' is longer than %d bytes",
			    rn, key, MC_MAX_VALUE);
	return 0;
}

/* The text of a v= field, as the token spells it (escapes not decoded). */
static int check_version(const char *p, size_t n, unsigned *version, size_t rn,
			 char *why, size_t whylen)
{
	if (!version_parse(p, n, version))
		return fail(why, whylen, "record %zu: bad version 'v=%.*s%s'",
			    rn, show_len(n), p, show_more(n));
	return 0;
}

/* ---- decoding ---- */

static int check_prefix(const char *text, size_t len, char *why, size_t whylen)
{
	size_t i;

	if (len >= PREFIX_LEN && !memcmp(text, MC_TOKEN_PREFIX, PREFIX_LEN))
		return 0;
	/* A later format is worth naming: the fix is a newer mig-check,
	 * not a better copy-and-paste. */
	if (len > 3 && !memcmp(text, "mig", 3) && is_digit((unsigned char)text[3])) {
		for (i = 4; i < len && is_digit((unsigned char)text[i]); i++)
			;
		if (i < len && text[i] == ':')
			return fail(why, whylen, "unknown token format 'mig%.*s%s'",
				    show_len(i - 3), text + 3, show_more(i - 3));
	}
	return fail(why, whylen, "not a mig-check token (no '%s' prefix)",
		    MC_TOKEN_PREFIX);
}

static int check_charset(const char *text, size_t len, char *why, size_t whylen)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_token_char((unsigned char)text[i]))
			return fail(why, whylen,
				    "invalid character 0x%02x at offset %zu",
				    (unsigned char)text[i], i);
	return 0;
}

/* On success *@body is what lies between the prefix and the last ':'. */
static int check_sum(const char *text, size_t len, struct span *body,
		     char *why, size_t whylen)
{
	char want[CHECK_LEN + 1];
	const char *check;
	size_t colon, i, n;

	/* The prefix guarantees a ':', so this stops at index 4 at worst. */
	for (colon = len - 1; text[colon] != ':'; colon--)
		;
	if (colon < PREFIX_LEN)
		return fail(why, whylen, "missing checksum");

	check = text + colon + 1;
	n = len - colon - 1;
	for (i = 0; i < n && is_check_hex((unsigned char)check[i]); i++)
		;
	if (n != CHECK_LEN || i != n)
		return fail(why, whylen,
			    "bad checksum '%.*s%s' (want 8 lowercase hex digits)",
			    show_len(n), check, show_more(n));

	crc_hex(text, colon, want);
	if (memcmp(check, want, CHECK_LEN))
		return fail(why, whylen,
			    "checksum mismatch (token says %.8s, content gives %s)",
			    check, want);

	body->p = text + PREFIX_LEN;
	body->n = colon - PREFIX_LEN;
	return 0;
}

/* Validate and decode one value.  The length limit is on decoded bytes and
 * is checked after the syntax, so a reason names the first real defect. */
static int decode_value(struct span v, size_t rn, size_t fn, const char *key,
			char **out, char *why, size_t whylen)
{
	size_t i, dlen = 0;
	char *d;

	for (i = 0; i < v.n; dlen++) {
		int c = (unsigned char)v.p[i];

		if (c != '%') {
			if (!is_value_char(c))
				return fail(why, whylen,
					    "record %zu: field %zu: invalid character '%c' in value",
					    rn, fn, c);
			i++;
			continue;
		}
		if (v.n - i < 3)
			return fail(why, whylen,
				    "record %zu: field %zu: incomplete percent-escape '%.*s'",
				    rn, fn, (int)(v.n - i), v.p + i);
		if (!is_pct_hex((unsigned char)v.p[i + 1]) ||
		    !is_pct_hex((unsigned char)v.p[i + 2]))
			return fail(why, whylen,
				    "record %zu: field %zu: bad percent-escape '%.3s'",
				    rn, fn, v.p + i);
		/* A NUL would silently cut the C string a caller gets. */
		if (v.p[i + 1] == '0' && v.p[i + 2] == '0')
			return fail(why, whylen,
				    "record %zu: field %zu: '%%00' is not allowed",
				    rn, fn);
		i += 3;
	}
	if (check_value_len(dlen, key, rn, why, whylen))
		return -1;

	d = malloc(dlen + 1);
	if (!d)
		return fail(why, whylen, "out of memory");
	for (i = 0, dlen = 0; i < v.n; dlen++) {
		if (v.p[i] == '%') {
			d[dlen] = (char)(hex_value((unsigned char)v.p[i + 1]) * 16 +
					 hex_value((unsigned char)v.p[i + 2]));
			i += 3;
		} else {
			d[dlen] = v.p[i++];
		}
	}
	d[dlen] = '\0';
	*out = d;
	return 0;
}

static int parse_field(struct span f, struct mc_record *rec, size_t rn,
		       char *why, size_t whylen)
{
	size_t fn = rec->nfields + 1;
	struct mc_field *fld = &rec->fields[rec->nfields];
	struct span key;

	if (!f.n)
		return fail(why, whylen, "record %zu: field %zu: empty field", rn, fn);
	if (!split(&f, '=', &key))
		return fail(why, whylen, "record %zu: field %zu: missing '='", rn, fn);
	if (check_key(key.p, key.n, rn, fn, why, whylen))
		return -1;

	memcpy(fld->key, key.p, key.n);
	fld->key[key.n] = '\0';
	if (check_unique(rec, rec->nfields, fld->key, rn, why, whylen))
		return -1;

	/* Checked on the raw text: "v=%31" is not a canonical version. */
	if (!strcmp(fld->key, "v") &&
	    check_version(f.p, f.n, &rec->version, rn, why, whylen))
		return -1;

	if (decode_value(f, rn, fn, fld->key, &fld->value, why, whylen))
		return -1;
	rec->nfields++;
	return 0;
}

/* Callers find the version at fields[0], wherever the token had it. */
static void version_first(struct mc_record *rec, size_t vi)
{
	struct mc_field v = rec->fields[vi];

	memmove(&rec->fields[1], &rec->fields[0], vi * sizeof(rec->fields[0]));
	rec->fields[0] = v;
}

static int parse_record(struct span r, struct mc_record *rec, size_t rn,
			char *why, size_t whylen)
{
	struct span module, f;
	bool more;
	int vi;

	if (!r.n)
		return fail(why, whylen, "record %zu: empty record", rn);
	if (!split(&r, '@', &module))
		return fail(why, whylen, "record %zu: missing '@'", rn);
	if (!module.n)
		return fail(why, whylen, "record %zu: empty module name", rn);
	if (!module_ok(module.p, module.n))
		return fail(why, whylen, "record %zu: bad module name '%.*s%s'",
			    rn, show_len(module.n), module.p, show_more(module.n));
	if (!r.n)
		return fail(why, whylen, "record %zu: no fields after '@'", rn);
	if (count_byte(r, ',') + 1 > MC_MAX_FIELDS)
		return fail(why, whylen, "record %zu: more than %d fields",
			    rn, MC_MAX_FIELDS);

	rec->module = span_dup(module);
	if (!rec->module)
		return fail(why, whylen, "out of memory");

	/* A trailing ',' leaves one more, empty, field: refused there. */
	do {
		more = split(&r, ',', &f);
		if (parse_field(f, rec, rn, why, whylen))
			return -1;
	} while (more);

	vi = find_key(rec, "v");
	if (vi < 0)
		return fail(why, whylen, "record %zu: no 'v=' field", rn);
	version_first(rec, (size_t)vi);
	return 0;
}

static int parse_body(struct span body, struct mc_token *tok,
		      char *why, size_t whylen)
{
	struct span r;

	if (!body.n)
		return fail(why, whylen, "token has no records");
	if (count_byte(body, '/') + 1 > MC_MAX_RECORDS)
		return fail(why, whylen, "more than %d records", MC_MAX_RECORDS);

	for (;;) {
		bool more = split(&body, '/', &r);

		tok->nrecords++;
		if (parse_record(r, &tok->records[tok->nrecords - 1],
				 tok->nrecords, why, whylen))
			return -1;
		if (!more)
			return 0;
	}
}

int mc_token_decode(const char *text, struct mc_token *tok, char *why, size_t whylen)
{
	struct span body = { NULL, 0 };
	size_t len;

	if (!text || !*text)
		return fail(why, whylen, "empty token");
	/* Bounded: stdin may hand us anything, and we need not see it all. */
	len = strnlen(text, MC_TOKEN_MAX + 1);
	if (len > MC_TOKEN_MAX)
		return fail(why, whylen, "token is longer than %d bytes", MC_TOKEN_MAX);
	if (check_prefix(text, len, why, whylen) ||
	    check_charset(text, len, why, whylen) ||
	    check_sum(text, len, &body, why, whylen))
		return -1;
	if (parse_body(body, tok, why, whylen)) {
		/* Half a token must not look like a small valid one. */
		mc_token_free(tok);
		return -1;
	}
	return 0;
}

/* ---- encoding ---- */

struct outbuf {
	char buf[MC_TOKEN_MAX + 1];
	size_t len;
	bool over;
};

static void out_bytes(struct outbuf *o, const char *p, size_t n)
{
	if (o->over || n > MC_TOKEN_MAX - o->len) {
		o->over = true;
		return;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static void out_str(struct outbuf *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

static void out_value(struct outbuf *o, const char *v)
{
	static const char hex[] = "0123456789ABCDEF";
	char pct[3] = { '%' };

	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;

		if (is_value_char(c)) {
			out_bytes(o, (const char *)&c, 1);
			continue;
		}
		pct[1] = hex[c >> 4];
		pct[2] = hex[c & 15];
		out_bytes(o, pct, 3);
	}
}

/* The encoder refuses what the decoder would refuse, so whatever it emits
 * can be read back. */
static int check_field(const struct mc_record *rec, size_t rn, size_t fi,
		       char *why, size_t whylen)
{
	const struct mc_field *f = &rec->fields[fi];
	size_t kn = strnlen(f->key, sizeof(f->key));
	const char *v = f->value ? f->value : "";
	unsigned version;

	if (check_key(f->key, kn, rn, fi + 1, why, whylen) ||
	    check_unique(rec, fi, f->key, rn, why, whylen) ||
	    check_value_len(strnlen(v, MC_MAX_VALUE + 1), f->key, rn, why, whylen))
		return -1;
	if (strcmp(f->key, "v"))
		return 0;
	if (check_version(v, strlen(v), &version, rn, why, whylen))
		return -1;
	if (version != rec->version)
		return fail(why, whylen,
			    "record %zu: 'v=%s' does not match version %u",
			    rn, v, rec->version);
	return 0;
}

static int encode_record(struct outbuf *o, const struct mc_record *rec,
			 size_t rn, char *why, size_t whylen)
{
	size_t i;

	if (!rec->module || !*rec->module)
		return fail(why, whylen, "record %zu: empty module name", rn);
	if (!module_ok(rec->module, strlen(rec->module)))
		return fail(why, whylen, "record %zu: bad module name", rn);
	if (rec->nfields > MC_MAX_FIELDS)
		return fail(why, whylen, "record %zu: more than %d fields",
			    rn, MC_MAX_FIELDS);
	for (i = 0; i < rec->nfields; i++)
		if (check_field(rec, rn, i, why, whylen))
			return -1;
	if (find_key(rec, "v") < 0)
		return fail(why, whylen, "record %zu: no 'v=' field", rn);

	out_str(o, rec->module);
	out_bytes(o, "@", 1);
	for (i = 0; i < rec->nfields; i++) {
		if (i)
			out_bytes(o, ",", 1);
		out_str(o, rec->fields[i].key);
		out_bytes(o, "=", 1);
		if (rec->fields[i].value)
			out_value(o, rec->fields[i].value);
	}
	return 0;
}

char *mc_token_encode(const struct mc_token *tok, char *why, size_t whylen)
{
	struct outbuf o = { .len = 0 };
	char check[CHECK_LEN + 1];
	size_t i;
	char *s;

	if (!tok || !tok->nrecords) {
		fail(why, whylen, "token has no records");
		return NULL;
	}
	if (tok->nrecords > MC_MAX_RECORDS) {
		fail(why, whylen, "more than %d records", MC_MAX_RECORDS);
		return NULL;
	}

	out_str(&o, MC_TOKEN_PREFIX);
	for (i = 0; i < tok->nrecords; i++) {
		if (i)
			out_bytes(&o, "/", 1);
		if (encode_record(&o, &tok->records[i], i + 1, why, whylen))
			return NULL;
	}
	if (o.over || o.len + 1 + CHECK_LEN > MC_TOKEN_MAX) {
		fail(why, whylen, "token would be longer than %d bytes", MC_TOKEN_MAX);
		return NULL;
	}

	crc_hex(o.buf, o.len, check);
	out_bytes(&o, ":", 1);
	out_bytes(&o, check, CHECK_LEN);

	s = malloc(o.len + 1);
	if (!s) {
		fail(why, whylen, "out of memory");
		return NULL;
	}
	memcpy(s, o.buf, o.len);
	s[o.len] = '\0';
	return s;
}

/* ---- building ---- */

void mc_token_free(struct mc_token *tok)
{
	size_t r, f;

	if (!tok)
		return;
	/* Every slot, not just the counted ones: unused slots are NULL, and
	 * a caller that shrank a count by hand must not leak. */
	for (r = 0; r < MC_MAX_RECORDS; r++) {
		free(tok->records[r].module);
		for (f = 0; f < MC_MAX_FIELDS; f++)
			free(tok->records[r].fields[f].value);
	}
	memset(tok, 0, sizeof(*tok));
}

struct mc_record *mc_token_add_record(struct mc_token *tok, const char *module,
				      unsigned version)
{
	struct mc_record *rec;
	char v[8];

	if (!tok || tok->nrecords >= MC_MAX_RECORDS || !module ||
	    !module_ok(module, strlen(module)) ||
	    version < 1 || version > MC_MAX_VERSION)
		return NULL;

	rec = &tok->records[tok->nrecords];
	memset(rec, 0, sizeof(*rec));
	snprintf(v, sizeof(v), "%u", version);
	rec->module = strdup(module);
	rec->fields[0].value = strdup(v);
	if (!rec->module || !rec->fields[0].value) {
		free(rec->module);
		free(rec->fields[0].value);
		memset(rec, 0, sizeof(*rec));
		return NULL;
	}
	memcpy(rec->fields[0].key, "v", sizeof("v"));
	rec->version = version;
	rec->nfields = 1;
	tok->nrecords++;
	return rec;
}

int mc_record_set(struct mc_record *rec, const char *key, const char *value)
{
	unsigned version = 0;
	size_t kn;
	char *copy;
	int i;

	if (!rec || !key || !value)
		return -1;
	kn = strnlen(key, MC_MAX_KEY + 1);
	if (check_key(key, kn, 0, 0, NULL, 0) ||
	    check_value_len(strnlen(value, MC_MAX_VALUE + 1), key, 0, NULL, 0))
		return -1;
	/* rec->version and the v= field must never disagree. */
	if (!strcmp(key, "v") &&
	    check_version(value, strlen(value), &version, 0, NULL, 0))
		return -1;

	i = find_key(rec, key);
	if (i < 0 && rec->nfields >= MC_MAX_FIELDS)
		return -1;
	copy = strdup(value);
	if (!copy)
		return -1;

	if (i >= 0) {
		free(rec->fields[i].value);
		rec->fields[i].value = copy;
	} else {
		memcpy(rec->fields[rec->nfields].key, key, kn + 1);
		rec->fields[rec->nfields].value = copy;
		rec->nfields++;
	}
	if (version)
		rec->version = version;
	return 0;
}

const char *mc_record_get(const struct mc_record *rec, const char *key)
{
	int i;

	if (!rec || !key)
		return NULL;
	i = find_key(rec, key);
	return i < 0 ? NULL : rec->fields[i].value;
}
