/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the command line asked for. */
#ifndef MC_OPTIONS_H
#define MC_OPTIONS_H

#include <stdbool.h>

enum mc_mode {
	MC_MODE_NONE,
	MC_MODE_EMIT,
	MC_MODE_ACCEPT,
	MC_MODE_DECODE,
	MC_MODE_LIST,
	MC_MODE_HOOK,
};

enum mc_format {
	MC_FMT_TABLE,
	MC_FMT_JSON,
	MC_FMT_PAIRS,
	MC_FMT_RAW,
};

struct mc_opts {
	enum mc_mode mode;
	enum mc_format format;
	bool noheadings;
	bool list_columns;
	bool ready;
	bool no_kernel_check;
	bool quiet;
	bool verbose;
	const char *output;        /* -o LIST */
	const char *token;         /* --accept / --decode argument, "-" for stdin */
	char *const *devices;
	int ndevices;
	const char *slot;          /* -s */
	const char *id;            /* -d */
	const char *config;        /* -c FILE, NULL for the default */
	const char *domain;        /* --domain DOMAIN (with --emit) */
	const char *domain_xml;    /* --domain-xml FILE (with --accept), "-" for stdin */
	const char *connect;       /* -C URI, NULL for libvirt's default */
};

#endif
