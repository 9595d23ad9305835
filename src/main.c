/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mig-check: can this host take the state of a VM's assigned devices?
 * Option parsing and dispatch to one handler per mode. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accept.h"
#include "conf.h"
#include "decode.h"
#include "dlopen-libvirt.h"
#include "domain.h"
#include "emit.h"
#include "hook.h"
#include "list.h"
#include "options.h"
#include "util.h"
#include "vendor.h"

static void __attribute__((noreturn)) usage(void)
{
	FILE *out = stdout;

	fputs("Usage:\n"
	      " mig-check [options] --emit DEVICE...\n"
	      " mig-check [options] --emit --domain DOMAIN\n"
	      " mig-check [options] --accept TOKEN|- [DEVICE...]\n"
	      " mig-check [options] --accept TOKEN|- --domain-xml FILE|-\n"
	      " mig-check [options] --decode TOKEN|-\n"
	      " mig-check [options] --list [DEVICE...]\n"
	      " mig-check --libvirt-hook GUEST OPERATION SUB-OPERATION EXTRA\n"
	      "\n"
	      "Tell, before a live migration, whether this host has a device that can take\n"
	      "the state of a VM's assigned device (GVT-g vGPU mdev, SR-IOV VF).\n"
	      "\n"
	      "Modes:\n"
	      " -e, --emit               print the token for the device(s) a VM holds\n"
	      " -a, --accept <token>     judge the local candidates for a token (- reads stdin)\n"
	      "     --decode <token>     print what a token says, touching no device\n"
	      " -l, --list               list mdevs, mdev parents and SR-IOV functions\n"
	      "     --libvirt-hook       run as libvirt's qemu hook (domain XML on stdin)\n"
	      "\n"
	      "libvirt:\n"
	      "     --domain <domain>    with --emit: the devices of a libvirt domain\n"
	      "                          (name, UUID or ID)\n"
	      "     --domain-xml <file>  with --accept: place record i on the i-th device\n"
	      "                          of the domain XML (- reads stdin)\n"
	      " -C, --connect <uri>      libvirt connection URI, as virsh -c (local only)\n"
	      "\n"
	      "Options:\n"
	      " -s, --slot <slot>        restrict candidates, lspci -s syntax\n"
	      " -d, --device-id <id>     restrict candidates, lspci -d syntax\n"
	      "     --ready              count only candidates usable with no action\n"
	      "     --no-kernel-check    never write to a kernel migration_version attribute\n"
	      " -c, --config <file>      configuration file (default " MC_DEFAULT_CONFIG ")\n"
	      " -q, --quiet              print no result, only the diagnostics of trouble\n"
	      " -v, --verbose            --accept: all reasons, also for compatible candidates\n"
	      "\n"
	      "Output:\n"
	      " -J, --json               JSON output\n"
	      " -P, --pairs              KEY=\"value\" output\n"
	      " -r, --raw                raw table output\n"
	      " -n, --noheadings         do not print a header line\n"
	      " -o, --output <list>      columns to print (+LIST adds to the default)\n"
	      " -H, --list-columns       list the available columns\n"
	      "\n"
	      " -h, --help               display this help\n"
	      " -V, --version            display version and built-in vendor modules\n"
	      "\n"
	      "Exit status: 0 a candidate can take the token (or success), 1 none can,\n"
	      "2 trouble (usage, bad token, missing device, unreadable sysfs, a candidate\n"
	      "could not be judged).\n"
	      "\n"
	      "For more details see mig-check(1).\n", out);
	exit(MC_EXIT_OK);
}

static void __attribute__((noreturn)) version(void)
{
	printf("mig-check %s\n", PACKAGE_VERSION);
	fputs("Vendor modules:", stdout);
	for (const struct mc_vendor *const *m = mc_vendors; *m; m++)
		printf(" %s (v%u)", (*m)->name, (*m)->version);
	putchar('\n');
	printf("libvirt support: %s\n", mc_libvirt_built_in()
	       ? "built in (libvirt.so.0 and libxml2.so.2 loaded when used)" : "not built in");
	exit(MC_EXIT_OK);
}

static void __attribute__((noreturn)) errtryhelp(void)
{
	fputs("Try 'mig-check --help' for more information.\n", stderr);
	exit(MC_EXIT_TROUBLE);
}

static void __attribute__((noreturn, format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs(PROGRAM_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errtryhelp();
}

enum {
	OPT_DECODE = 256,
	OPT_READY,
	OPT_NO_KERNEL_CHECK,
	OPT_DOMAIN,
	OPT_DOMAIN_XML,
	OPT_LIBVIRT_HOOK,
	OPT_LAST,
};

static const struct option longopts[] = {
	{ "emit", no_argument, NULL, 'e' },
	{ "accept", required_argument, NULL, 'a' },
	{ "decode", required_argument, NULL, OPT_DECODE },
	{ "list", no_argument, NULL, 'l' },
	{ "json", no_argument, NULL, 'J' },
	{ "pairs", no_argument, NULL, 'P' },
	{ "raw", no_argument, NULL, 'r' },
	{ "noheadings", no_argument, NULL, 'n' },
	{ "output", required_argument, NULL, 'o' },
	{ "list-columns", no_argument, NULL, 'H' },
	{ "slot", required_argument, NULL, 's' },
	{ "device-id", required_argument, NULL, 'd' },
	{ "ready", no_argument, NULL, OPT_READY },
	{ "no-kernel-check", no_argument, NULL, OPT_NO_KERNEL_CHECK },
	{ "config", required_argument, NULL, 'c' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "domain", required_argument, NULL, OPT_DOMAIN },
	{ "domain-xml", required_argument, NULL, OPT_DOMAIN_XML },
	{ "connect", required_argument, NULL, 'C' },
	{ "libvirt-hook", no_argument, NULL, OPT_LIBVIRT_HOOK },
	{ NULL, 0, NULL, 0 },
};

static const char *const mode_names[] = {
	[MC_MODE_EMIT] = "--emit",
	[MC_MODE_ACCEPT] = "--accept",
	[MC_MODE_DECODE] = "--decode",
	[MC_MODE_LIST] = "--list",
	[MC_MODE_HOOK] = "--libvirt-hook",
};

static void set_mode(struct mc_opts *o, enum mc_mode m)
{
	if (o->mode != MC_MODE_NONE && o->mode != m) {
		fprintf(stderr, PROGRAM_NAME ": %s and %s exclude each other\n",
			mode_names[o->mode], mode_names[m]);
		errtryhelp();
	}
	o->mode = m;
}

static void set_format(struct mc_opts *o, enum mc_format f)
{
	if (o->format != MC_FMT_TABLE && o->format != f)
		usage_error("%s", "--json, --pairs and --raw exclude each other");
	o->format = f;
}

/* Options that mean nothing with --emit, which prints a token (or, with
 * -J, a document), judges nothing and writes nothing (mig-check(1) OPTIONS;
 * mig-check-formats(5) JSON OUTPUT): refused, not silently ignored.  -s and -d
 * have their own message. */
static const struct option_name {
	int opt;
	const char *name;
} emit_refuses[] = {
	{ 'P', "--pairs" },
	{ 'r', "--raw" },
	{ 'n', "--noheadings" },
	{ 'o', "--output" },
	{ 'H', "--list-columns" },
	{ OPT_READY, "--ready" },
	{ OPT_NO_KERNEL_CHECK, "--no-kernel-check" },
	{ 'v', "--verbose" },
};

static void parse_options(int argc, char **argv, struct mc_opts *o)
{
	bool given[OPT_LAST] = { false };
	int c;

	while ((c = getopt_long(argc, argv, "ea:lJPrno:Hs:d:c:C:qvhV", longopts, NULL)) != -1) {
		if (c > 0 && c < OPT_LAST)
			given[c] = true;
		switch (c) {
		case 'e':
			set_mode(o, MC_MODE_EMIT);
			break;
		case 'a':
			set_mode(o, MC_MODE_ACCEPT);
			o->token = optarg;
			break;
		case OPT_DECODE:
			set_mode(o, MC_MODE_DECODE);
			o->token = optarg;
			break;
		case 'l':
			set_mode(o, MC_MODE_LIST);
			break;
		case 'J':
			set_format(o, MC_FMT_JSON);
			break;
		case 'P':
			set_format(o, MC_FMT_PAIRS);
			break;
		case 'r':
			set_format(o, MC_FMT_RAW);
			break;
		case 'n':
			o->noheadings = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'H':
			o->list_columns = true;
			break;
		case 's':
			o->slot = optarg;
			break;
		case 'd':
			o->id = optarg;
			break;
		case OPT_READY:
			o->ready = true;
			break;
		case OPT_NO_KERNEL_CHECK:
			o->no_kernel_check = true;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case OPT_DOMAIN:
			o->domain = optarg;
			break;
		case OPT_DOMAIN_XML:
			o->domain_xml = optarg;
			break;
		case 'C':
			o->connect = optarg;
			break;
		case OPT_LIBVIRT_HOOK:
			/* Everything after it is libvirt's four arguments, as
			 * they are, even one that starts with '-'. */
			set_mode(o, MC_MODE_HOOK);
			o->devices = argv + optind;
			o->ndevices = argc - optind;
			return;
		case 'h':
			usage();
		case 'V':
			version();
		default:
			errtryhelp();
		}
	}
	o->devices = argv + optind;
	o->ndevices = argc - optind;
	for (size_t i = 0; o->mode == MC_MODE_EMIT && i < ARRAY_SIZE(emit_refuses); i++)
		if (given[emit_refuses[i].opt])
			usage_error("--emit takes no %s", emit_refuses[i].name);
}

static void list_columns(const struct mc_opts *o)
{
	if (o->mode == MC_MODE_NONE || o->mode == MC_MODE_ACCEPT)
		mc_accept_columns_help(stdout);
	if (o->mode == MC_MODE_NONE)
		putchar('\n');
	if (o->mode == MC_MODE_NONE || o->mode == MC_MODE_LIST)
		mc_list_columns_help(stdout);
	if (o->mode == MC_MODE_NONE)
		putchar('\n');
	if (o->mode == MC_MODE_NONE || o->mode == MC_MODE_DECODE)
		mc_decode_columns_help(stdout);
}

static int (*const handlers[])(const struct mc_opts *) = {
	[MC_MODE_EMIT] = mc_cmd_emit,
	[MC_MODE_ACCEPT] = mc_cmd_accept,
	[MC_MODE_DECODE] = mc_cmd_decode,
	[MC_MODE_LIST] = mc_cmd_list,
	[MC_MODE_HOOK] = mc_cmd_hook,
};

/* mig-check(1) OPTIONS/libvirt: the rules for the libvirt options. */
static void check_libvirt_options(const struct mc_opts *o)
{
	if (o->domain && o->mode != MC_MODE_EMIT)
		usage_error("%s", "--domain goes only with --emit");
	if (o->domain && o->ndevices > 0)
		usage_error("--emit takes DEVICEs or --domain, not both (got '%s')", o->devices[0]);
	if (o->connect && !o->domain)
		usage_error("%s", "--connect goes only with --domain");
	if (o->domain_xml && o->mode != MC_MODE_ACCEPT)
		usage_error("%s", "--domain-xml goes only with --accept");
	if (o->domain_xml && o->ndevices > 0)
		usage_error("--domain-xml takes no DEVICE (got '%s'): the XML names the devices", o->devices[0]);
	if (o->domain_xml && (o->slot || o->id))
		usage_error("%s", "--domain-xml takes no -s or -d: the XML names the devices");
	if (o->domain_xml && !strcmp(o->domain_xml, "-") && !strcmp(o->token, "-"))
		usage_error("%s", "only one of the token and --domain-xml can be - (standard input)");
	if ((o->domain || o->domain_xml) && !mc_libvirt_built_in())
		mc_die("%s: libvirt support is not built in", o->domain ? "--domain" : "--domain-xml");
}

int main(int argc, char **argv)
{
	struct mc_opts o = { 0 };
	int status;

	atexit(mc_close_stdout);
	parse_options(argc, argv, &o);
	if (o.list_columns) {
		list_columns(&o);
		return MC_EXIT_OK;
	}
	if (o.mode == MC_MODE_NONE)
		usage_error("%s", "one of --emit, --accept, --decode, --list or --libvirt-hook is needed");
	if (o.mode == MC_MODE_HOOK) {
		if (o.ndevices != 4)
			usage_error("%s", "--libvirt-hook needs GUEST OPERATION SUB-OPERATION EXTRA");
		/* The hook reads the configuration only when it judges. */
		return mc_cmd_hook(&o);
	}
	check_libvirt_options(&o);
	if (o.mode == MC_MODE_EMIT && o.ndevices == 0 && !o.domain)
		usage_error("%s", "--emit needs at least one DEVICE, or --domain");
	if ((o.slot || o.id) && (o.mode == MC_MODE_EMIT || o.mode == MC_MODE_DECODE))
		usage_error("%s takes no -s or -d: they restrict candidates",
			    o.mode == MC_MODE_EMIT ? "--emit" : "--decode");
	if (o.mode == MC_MODE_DECODE && o.ndevices > 0)
		usage_error("--decode takes no DEVICE (got '%s')", o.devices[0]);

	mc_config_load(o.config);
	if (o.mode == MC_MODE_EMIT && o.domain)
		status = mc_cmd_emit_domain(&o);
	else
		status = handlers[o.mode](&o);
	mc_config_free();
	return status;
}
