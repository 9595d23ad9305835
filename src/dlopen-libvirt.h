/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libvirt and libxml2, loaded with dlopen() only when a libvirt option is
 * used, so that the other modes never pay for them (mig-check(1), LIBVIRT). */
#ifndef MC_DLOPEN_LIBVIRT_H
#define MC_DLOPEN_LIBVIRT_H

#include <stdbool.h>

#if HAVE_LIBVIRT
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

/* Each pointer has the type of the library's own prototype, so the compiler
 * checks every call against the headers. */
#define MC_DLSYM_PROTOTYPE(f) extern typeof(f) *sym_##f

MC_DLSYM_PROTOTYPE(virConnectClose);
MC_DLSYM_PROTOTYPE(virConnectGetURI);
MC_DLSYM_PROTOTYPE(virConnectOpenReadOnly);
MC_DLSYM_PROTOTYPE(virDomainFree);
MC_DLSYM_PROTOTYPE(virDomainGetXMLDesc);
MC_DLSYM_PROTOTYPE(virDomainLookupByID);
MC_DLSYM_PROTOTYPE(virDomainLookupByName);
MC_DLSYM_PROTOTYPE(virDomainLookupByUUIDString);
MC_DLSYM_PROTOTYPE(virGetLastErrorMessage);
MC_DLSYM_PROTOTYPE(virInitialize);
MC_DLSYM_PROTOTYPE(virResetLastError);
MC_DLSYM_PROTOTYPE(virSetErrorFunc);

MC_DLSYM_PROTOTYPE(xmlDocGetRootElement);
MC_DLSYM_PROTOTYPE(xmlFreeDoc);
MC_DLSYM_PROTOTYPE(xmlInitParser);
MC_DLSYM_PROTOTYPE(xmlReadMemory);
MC_DLSYM_PROTOTYPE(xmlSetGenericErrorFunc);
MC_DLSYM_PROTOTYPE(xmlSetStructuredErrorFunc);
MC_DLSYM_PROTOTYPE(xmlXPathEvalExpression);
MC_DLSYM_PROTOTYPE(xmlXPathFreeContext);
MC_DLSYM_PROTOTYPE(xmlXPathFreeObject);
MC_DLSYM_PROTOTYPE(xmlXPathNewContext);
MC_DLSYM_PROTOTYPE(xmlXPathRegisterNs);
#endif

/* Is libvirt support built in (configure --with-libvirt)? */
bool mc_libvirt_built_in(void);

/* Load the library and resolve every symbol it is used for, once.  Exit 2
 * with one line when it is not built in or cannot be loaded. */
void mc_dlopen_libvirt(void);
void mc_dlopen_libxml2(void);

#endif
