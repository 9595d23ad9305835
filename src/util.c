/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Allocation, diagnostics and string helpers shared by all of mig-check. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static void *oom(void)
{
	fputs(PROGRAM_NAME ": memory: out of memory\n", stderr);
	exit(MC_EXIT_TROUBLE);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	return p ? p : oom();
}

void *xcalloc(size_t nmemb, size_t n)
{
	void *p = calloc(nmemb ? nmemb : 1, n ? n : 1);

	return p ? p : oom();
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	return p ? p : oom();
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	return p ? p : oom();
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&p, fmt, ap);
	va_end(ap);
	return r < 0 ? oom() : p;
}

static void __attribute__((format(printf, 1, 0))) vwarn(const char *fmt, va_list ap)
{
	char buf[1024];
	char *nl;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	/* A diagnostic is one line, whatever a sysfs value or token held. */
	while ((nl = strpbrk(buf, "\n\r")))
		*nl = ' ';
	fprintf(stderr, PROGRAM_NAME ": %s\n", buf);
}

void mc_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void mc_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(MC_EXIT_TROUBLE);
}

/* 0, or EOF when @stream had or has a write error; errno says why, or is 0
 * when the error came earlier and its cause is gone.  The dup()+close()
 * asks the file system too: NFS may report a failed write only on close. */
static int flush_stream(FILE *stream)
{
	int fd;

	errno = 0;
	if (fflush(stream) || ferror(stream))
		goto error;
	fd = fileno(stream);
	if (fd < 0 || (fd = dup(fd)) < 0 || close(fd))
		goto error;
	return 0;
error:
	/* A closed descriptor: nothing was written, nothing was lost. */
	return errno == EBADF ? 0 : EOF;
}

void mc_close_stdout(void)
{
	/* A reader that went away (mig-check --list | head) is not an error
	 * of ours; anything else would leave a silently cut result. */
	if (flush_stream(stdout) && errno != EPIPE) {
		if (errno)
			mc_warn("write error: %s", strerror(errno));
		else
			mc_warn("write error");
		_exit(MC_EXIT_TROUBLE);
	}
	/* Nothing more can be said when stderr itself fails. */
	if (flush_stream(stderr))
		_exit(MC_EXIT_TROUBLE);
}

char *mc_shell_quote(const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/@+=%";
	size_t n = 0;
	const char *p;
	char *out, *o;

	if (*s && strspn(s, safe) == strlen(s))
		return xstrdup(s);
	for (p = s; *p; p++)
		n += *p == '\'' ? 4 : 1;
	o = out = xmalloc(n + 3);
	*o++ = '\'';
	for (p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}

bool mc_parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
		if (v > (max - (unsigned long)(*s - '0')) / 10)
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	*out = v;
	return true;
}

char *mc_trim(char *s)
{
	size_t lead = strspn(s, " \t");
	char *e;

	if (lead)
		memmove(s, s + lead, strlen(s + lead) + 1);
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}
