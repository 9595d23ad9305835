/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers every part of mig-check uses: allocation that never returns
 * NULL, diagnostics in the one house format, shell quoting. */
#ifndef MC_UTIL_H
#define MC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#define PROGRAM_NAME "mig-check"

/* 0, but a compile error when @e is true (the kernel's BUILD_BUG_ON_ZERO;
 * a named bit-field of width -1 rather than its unnamed one of width 0,
 * which C11 does not allow in a struct without named members). */
#define MC_BUILD_BUG_ON_ZERO(e) (0 * sizeof(struct { int mc_bug : 1 - 2 * !!(e); }))
/* 0, but a compile error when @a is a pointer rather than an array. */
#define MC_MUST_BE_ARRAY(a) \
	MC_BUILD_BUG_ON_ZERO(__builtin_types_compatible_p(__typeof__(a), __typeof__(&(a)[0])))
/* Elements of an array; on a pointer it fails to compile instead of
 * quietly giving sizeof(pointer) / sizeof(element). */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]) + MC_MUST_BE_ARRAY(a))

/* Scope cleanup (systemd, kmod): the variable's cleanup runs on every way
 * out of its block, so an early return cannot leak it. */
#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)

/* What the allocation wrappers promise the compiler: fresh memory, never
 * NULL, and a result that must be used. */
#define MC_ALLOC __attribute__((malloc, returns_nonnull, warn_unused_result))

/* Exit statuses of mig-check(1), EXIT STATUS. */
enum {
	MC_EXIT_OK = 0,
	MC_EXIT_NO = 1,
	MC_EXIT_TROUBLE = 2,
};

/* Allocation that never returns NULL: out of memory exits 2. */
void *xmalloc(size_t n) MC_ALLOC __attribute__((alloc_size(1)));
void *xcalloc(size_t nmemb, size_t n) MC_ALLOC __attribute__((alloc_size(1, 2)));
/* Not "malloc": the result may be @p itself. */
void *xrealloc(void *p, size_t n)
	__attribute__((returns_nonnull, warn_unused_result, alloc_size(2)));
char *xstrdup(const char *s) MC_ALLOC;
char *xasprintf(const char *fmt, ...) MC_ALLOC __attribute__((format(printf, 1, 2)));

/* "mig-check: <what>: <why>" on stderr, one line. */
void mc_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* mc_warn(), then exit(MC_EXIT_TROUBLE). */
void mc_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Registered with atexit() first thing in main(): on every way out,
 * flush standard output and error and, when a write failed, say
 * "mig-check: write error: <why>" and exit 2 (util-linux closestream). */
void mc_close_stdout(void);

/* @s quoted for a POSIX shell only where it needs it; malloc'ed. */
char *mc_shell_quote(const char *s);

/* Parse a whole decimal number in [0, max]; false on any other text. */
bool mc_parse_ulong(const char *s, unsigned long max, unsigned long *out);

/* Remove leading and trailing blanks in place; returns @s. */
char *mc_trim(char *s);

#endif
