/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers every part of mig-check uses: allocation that never returns
 * NULL, diagnostics in the one house format, shell quoting. */
#ifndef MC_UTIL_H
#define MC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define PROGRAM_NAME "mig-check"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses of SPEC section 3. */
enum {
	MC_EXIT_OK = 0,
	MC_EXIT_NO = 1,
	MC_EXIT_TROUBLE = 2,
};

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "mig-check: <what>: <why>" on stderr, one line. */
void mc_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* mc_warn(), then exit(MC_EXIT_TROUBLE). */
void mc_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* @s quoted for a POSIX shell only where it needs it; malloc'ed. */
char *mc_shell_quote(const char *s);

/* Parse a whole decimal number in [0, max]; false on any other text. */
bool mc_parse_ulong(const char *s, unsigned long max, unsigned long *out);

/* Remove leading and trailing blanks in place; returns @s. */
char *mc_trim(char *s);

#endif
