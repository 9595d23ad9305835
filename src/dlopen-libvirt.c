/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Loading libvirt.so.0 and libxml2.so.2 on demand, every symbol at once. */
#include "config.h"

#include <stdint.h>

#if HAVE_LIBVIRT
#include <dlfcn.h>
#endif

#include "dlopen-libvirt.h"
#include "util.h"

#if HAVE_LIBVIRT

#define SONAME_LIBVIRT "libvirt.so.0"
#define SONAME_LIBXML2 "libxml2.so.2"

/* An ELF .note.dlopen note (the freedesktop.org format systemd uses) tells
 * packagers which libraries the binary may load. */
#define NOTE_DLOPEN_JSON \
	"[{\"feature\":\"libvirt\",\"description\":\"libvirt domains and the libvirt hook\"," \
	"\"priority\":\"recommended\",\"soname\":[\"" SONAME_LIBVIRT "\",\"" SONAME_LIBXML2 "\"]}]"
#define NOTE_ALIGN4(n) (((n) + 3) & ~(size_t)3)

static const struct {
	uint32_t n_namesz, n_descsz, n_type;
	char name[4];
	char desc[NOTE_ALIGN4(sizeof(NOTE_DLOPEN_JSON))];
} note_dlopen __attribute__((used, aligned(4), section(".note.dlopen"))) = {
	.n_namesz = 4,
	.n_descsz = NOTE_ALIGN4(sizeof(NOTE_DLOPEN_JSON)),
	.n_type = 0x407c0c0a,
	.name = "FDO",
	.desc = NOTE_DLOPEN_JSON,
};

#define MC_DLSYM_DEFINE(f) typeof(f) *sym_##f
#define MC_DLSYM_ARG(f) { (void **)&sym_##f, #f }

MC_DLSYM_DEFINE(virConnectClose);
MC_DLSYM_DEFINE(virConnectGetURI);
MC_DLSYM_DEFINE(virConnectOpenReadOnly);
MC_DLSYM_DEFINE(virDomainFree);
MC_DLSYM_DEFINE(virDomainGetXMLDesc);
MC_DLSYM_DEFINE(virDomainLookupByID);
MC_DLSYM_DEFINE(virDomainLookupByName);
MC_DLSYM_DEFINE(virDomainLookupByUUIDString);
MC_DLSYM_DEFINE(virGetLastErrorMessage);
MC_DLSYM_DEFINE(virInitialize);
MC_DLSYM_DEFINE(virResetLastError);
MC_DLSYM_DEFINE(virSetErrorFunc);

MC_DLSYM_DEFINE(xmlDocGetRootElement);
MC_DLSYM_DEFINE(xmlFreeDoc);
MC_DLSYM_DEFINE(xmlInitParser);
MC_DLSYM_DEFINE(xmlReadMemory);
MC_DLSYM_DEFINE(xmlSetGenericErrorFunc);
MC_DLSYM_DEFINE(xmlSetStructuredErrorFunc);
MC_DLSYM_DEFINE(xmlXPathEvalExpression);
MC_DLSYM_DEFINE(xmlXPathFreeContext);
MC_DLSYM_DEFINE(xmlXPathFreeObject);
MC_DLSYM_DEFINE(xmlXPathNewContext);
MC_DLSYM_DEFINE(xmlXPathRegisterNs);

struct dlsym_arg {
	void **sym;
	const char *name;
};

/* The library stays loaded until exit: libvirt starts threads of its own. */
static void dlopen_many(void **handle, const char *soname, const struct dlsym_arg *args, size_t n)
{
	void *dl;

	if (*handle)
		return;
	dlerror();
	dl = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!dl)
		mc_die("libvirt support: cannot load %s: %s", soname, dlerror());
	for (size_t i = 0; i < n; i++) {
		*args[i].sym = dlsym(dl, args[i].name);
		if (!*args[i].sym)
			mc_die("libvirt support: %s: symbol %s is missing", soname, args[i].name);
	}
	*handle = dl;
}

bool mc_libvirt_built_in(void)
{
	return true;
}

void mc_dlopen_libvirt(void)
{
	static void *dl;
	static const struct dlsym_arg args[] = {
		MC_DLSYM_ARG(virConnectClose),
		MC_DLSYM_ARG(virConnectGetURI),
		MC_DLSYM_ARG(virConnectOpenReadOnly),
		MC_DLSYM_ARG(virDomainFree),
		MC_DLSYM_ARG(virDomainGetXMLDesc),
		MC_DLSYM_ARG(virDomainLookupByID),
		MC_DLSYM_ARG(virDomainLookupByName),
		MC_DLSYM_ARG(virDomainLookupByUUIDString),
		MC_DLSYM_ARG(virGetLastErrorMessage),
		MC_DLSYM_ARG(virInitialize),
		MC_DLSYM_ARG(virResetLastError),
		MC_DLSYM_ARG(virSetErrorFunc),
	};

	dlopen_many(&dl, SONAME_LIBVIRT, args, ARRAY_SIZE(args));
}

void mc_dlopen_libxml2(void)
{
	static void *dl;
	static const struct dlsym_arg args[] = {
		MC_DLSYM_ARG(xmlDocGetRootElement),
		MC_DLSYM_ARG(xmlFreeDoc),
		MC_DLSYM_ARG(xmlInitParser),
		MC_DLSYM_ARG(xmlReadMemory),
		MC_DLSYM_ARG(xmlSetGenericErrorFunc),
		MC_DLSYM_ARG(xmlSetStructuredErrorFunc),
		MC_DLSYM_ARG(xmlXPathEvalExpression),
		MC_DLSYM_ARG(xmlXPathFreeContext),
		MC_DLSYM_ARG(xmlXPathFreeObject),
		MC_DLSYM_ARG(xmlXPathNewContext),
		MC_DLSYM_ARG(xmlXPathRegisterNs),
	};

	dlopen_many(&dl, SONAME_LIBXML2, args, ARRAY_SIZE(args));
}

#else /* !HAVE_LIBVIRT */

bool mc_libvirt_built_in(void)
{
	return false;
}

static void __attribute__((noreturn)) not_built_in(void)
{
	mc_die("libvirt support: not built in (configure --with-libvirt)");
}

void mc_dlopen_libvirt(void)
{
	not_built_in();
}

void mc_dlopen_libxml2(void)
{
	not_built_in();
}

#endif
