/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Intel GVT-g vGPU mdevs (mig-check(1) VENDOR MODULES/i915-gvt): a vGPU's
 * state fits a vGPU of the same physical GPU model with the same graphics
 * memory, fences and resolution. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"
#include "vendor.h"

#define GVT_TYPE_PREFIX "i915-GVTg_V"
#define GVT_DRIVER_PREFIX_LEN 5   /* "i915-": the type name without it is GVT's own */

/* i915-GVTg_V<g>_<n> */
static bool is_gvt_type(const char *type)
{
	const char *p;

	if (!type || strncmp(type, GVT_TYPE_PREFIX, strlen(GVT_TYPE_PREFIX)))
		return false;
	p = type + strlen(GVT_TYPE_PREFIX);
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p++ != '_' || !isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

/* 8-4-4-4-12 hex digits: what mdevctl and the kernel take as an mdev UUID. */
static bool is_uuid(const char *s)
{
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
	}
	return s[36] == '\0';
}

static bool gvt_wants_pci(unsigned vendor, unsigned device, unsigned class)
{
	(void)device;   /* every Intel display controller may be a GVT-g parent */
	return vendor == 0x8086 && (class >> 16) == 0x03;
}

static bool gvt_claims(const struct mc_dev *d)
{
	return d->kind == MC_KIND_MDEV && is_gvt_type(d->type);
}

/* Also a device whose type could not be read, on a GPU that GVT-g could
 * drive: judged unknown, where leaving it out would say "no candidate". */
static bool gvt_offers(const struct mc_dev *d)
{
	const struct mc_dev *pci = mc_dev_pci(d);

	if (d->kind != MC_KIND_MDEV && d->kind != MC_KIND_PARENT)
		return false;
	if (is_gvt_type(d->type))
		return true;
	return !d->type && d->err && pci &&
	       gvt_wants_pci(pci->vendor, pci->device, pci->class);
}

static const struct {
	const char *label;   /* as in the kernel's description text */
	const char *key;
	const char *unit;
} desc_lines[] = {
	{ "low_gm_size", "low", "MB" },
	{ "high_gm_size", "high", "MB" },
	{ "fence", "fence", "" },
	{ "resolution", "res", "" },
	{ "weight", "weight", "" },
};

/* Parse the type's description ("low_gm_size: 128MB\n..."); lines that are
 * not there (old kernels have no weight) leave their field out. */
static int parse_description(const char *text, struct mc_record *rec,
			     char *why, size_t whylen)
{
	char *copy = xstrdup(text), *line, *save;
	int r = 0;

	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':'), *val;
		size_t i;

		if (!colon)
			continue;
		*colon = '\0';
		val = mc_trim(colon + 1);
		for (i = 0; i < ARRAY_SIZE(desc_lines); i++)
			if (!strcmp(mc_trim(line), desc_lines[i].label))
				break;
		if (i == ARRAY_SIZE(desc_lines))
			continue;   /* a line a later kernel added */
		if (*desc_lines[i].unit) {
			size_t n = strlen(val), u = strlen(desc_lines[i].unit);

			if (n <= u || strcmp(val + n - u, desc_lines[i].unit)) {
				snprintf(why, whylen, "description: '%s' is not in %s",
					 desc_lines[i].label, desc_lines[i].unit);
				r = -EINVAL;
				break;
			}
			val[n - u] = '\0';
		}
		if (mc_record_set(rec, desc_lines[i].key, val) < 0) {
			snprintf(why, whylen, "description: bad '%s' value", desc_lines[i].label);
			r = -EINVAL;
			break;
		}
	}
	free(copy);
	return r;
}

static int gvt_encode(const struct mc_dev *d, enum mc_side side,
		      struct mc_record *rec, char *why, size_t whylen)
{
	const struct mc_dev *pci = mc_dev_pci(d);
	const char *desc, *agg;
	char id[10];
	int r;

	(void)side;   /* GVT-g has no fact that only the destination judges */
	if (!pci || !d->type) {
		snprintf(why, whylen, "mdev_type: %s", strerror(ENOENT));
		return -ENOENT;
	}
	mc_dev_id(pci, id);
	mc_record_set(rec, "dev", id);
	mc_record_set(rec, "type", d->type + GVT_DRIVER_PREFIX_LEN);

	desc = mc_type_attr(d, "description");
	if (desc) {
		r = parse_description(desc, rec, why, whylen);
		if (r < 0)
			return r;
	} else if (errno != ENOENT) {
		return mc_read_failed("description", why, whylen);
	}

	agg = "1";
	if (d->kind == MC_KIND_MDEV) {
		unsigned long n;
		const char *v = mc_dev_attr(d, "mdev/aggregated_instances");

		if (v) {
			if (!mc_parse_ulong(v, 1024, &n) || n == 0) {
				snprintf(why, whylen, "mdev/aggregated_instances: '%s' is not a count", v);
				return -EINVAL;
			}
			agg = v;
		} else if (errno != ENOENT) {
			return mc_read_failed("mdev/aggregated_instances", why, whylen);
		}
	}
	mc_record_set(rec, "agg", agg);
	return 0;
}

/* A count both sides carry, from 1 to 2^20: graphics memory in MB, fences
 * and aggregation all fit, and the products cannot overflow. */
static bool number(struct mc_judgement *j, const char *key, const char *s, const char *d,
		   unsigned long *sv, unsigned long *dv)
{
	if (!mc_rule_present(j, key, s, d))
		return false;
	if (mc_parse_ulong(s, 1UL << 20, sv) && mc_parse_ulong(d, 1UL << 20, dv) && *sv && *dv)
		return true;
	mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, key, s, d, "not a positive number");
	return false;
}

static void gvt_compare(const struct mc_record *src, const struct mc_record *dst,
			const struct mc_dev *cand, struct mc_judgement *j)
{
	static const char *const scaled[] = { "low", "high", "fence" };
	unsigned long sagg, dagg;
	bool resources_ok = true;
	const char *s, *d;

	mc_rule_equal(j, src, dst, "dev", MC_CAT_HARDWARE, "physical device differs");

	if (!number(j, "agg", mc_record_get(src, "agg"), mc_record_get(dst, "agg"), &sagg, &dagg)) {
		resources_ok = false;
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(scaled); i++) {
			unsigned long sv, dv;
			unsigned long long sp, dp;
			char sbuf[32], dbuf[32];

			s = mc_record_get(src, scaled[i]);
			d = mc_record_get(dst, scaled[i]);
			if (!number(j, scaled[i], s, d, &sv, &dv)) {
				resources_ok = false;
				continue;
			}
			sp = (unsigned long long)sv * sagg;
			dp = (unsigned long long)dv * dagg;
			if (sp == dp)
				continue;
			snprintf(sbuf, sizeof(sbuf), "%llu", sp);
			snprintf(dbuf, sizeof(dbuf), "%llu", dp);
			mc_judge(j, MC_INCOMPATIBLE, MC_CAT_CONFIG, scaled[i], sbuf, dbuf,
				 "differs after aggregation");
			resources_ok = false;
		}
	}
	s = mc_record_get(src, "res");
	d = mc_record_get(dst, "res");
	if (!mc_rule_present(j, "res", s, d)) {
		resources_ok = false;
	} else if (strcmp(s, d)) {
		mc_judge(j, MC_INCOMPATIBLE, MC_CAT_CONFIG, "res", s, d, "display resolution differs");
		resources_ok = false;
	}

	s = mc_record_get(src, "type");
	d = mc_record_get(dst, "type");
	if (resources_ok && mc_rule_present(j, "type", s, d) && strcmp(s, d))
		mc_judge(j, MC_COMPATIBLE, MC_CAT_CONFIG, "type", s, d,
			 "another type name with equal resources");

	/* A scheduling share, not state: worth a note, never a failure. */
	s = mc_record_get(src, "weight");
	d = mc_record_get(dst, "weight");
	if ((s || d) && (!s || !d || strcmp(s, d)))
		mc_judge(j, MC_COMPATIBLE, MC_CAT_CONFIG, "weight", s, d,
			 "scheduling weight differs (a share of the GPU, not state)");

	s = mc_record_get(src, "uuid");
	if (cand->kind == MC_KIND_PARENT) {
		char *uuid, *parent, *type;

		j->preference = 0;
		if (!s) {
			mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, "uuid", NULL, NULL,
				 "the token carries no mdev UUID to create");
			return;
		}
		/* The token is not trusted: no action creates what is no UUID. */
		if (!is_uuid(s)) {
			mc_judge(j, MC_UNKNOWN, MC_CAT_OTHER, "uuid", s, NULL,
				 "the token's uuid is not an mdev UUID");
			return;
		}
		if (!mc_verdict_usable(j->verdict))
			return;   /* creating it would not help */
		uuid = mc_shell_quote(s);
		parent = mc_shell_quote(cand->name);
		type = mc_shell_quote(cand->type);
		mc_judge(j, MC_ACTIONABLE, MC_CAT_CAPACITY, "type",
			 mc_record_get(src, "type"), mc_record_get(dst, "type"),
			 "no mdev of this type exists yet");
		mc_judge_action(j, "mdevctl start --uuid %s --parent %s --type %s",
				uuid, parent, type);
		free(uuid);
		free(parent);
		free(type);
	} else {
		/* The VM's own mdev, recreated under its UUID, is the natural home. */
		j->preference = s && !strcmp(s, cand->name) ? 2 : 1;
	}
}

static bool gvt_migratable(const struct mc_dev *d, const char **why)
{
	bool has = mc_dev_has_kver(d);

	if (!has)
		*why = "i915 GVT-g in this kernel has no live-migration support";
	return has;
}

static const struct mc_field_info gvt_fields[] = {
	{ .key = "dev", .flags = MC_FIELD_NEEDED },
	{ .key = "type", .flags = MC_FIELD_NEEDED },
	{ .key = "low", .flags = MC_FIELD_NEEDED },
	{ .key = "high", .flags = MC_FIELD_NEEDED },
	{ .key = "fence", .flags = MC_FIELD_NEEDED },
	{ .key = "res", .flags = MC_FIELD_NEEDED },
	{ .key = "weight" },   /* a scheduling share, never required */
	{ .key = "agg", .flags = MC_FIELD_NEEDED },
	{ .key = NULL },
};

const struct mc_vendor mc_vendor_i915_gvt = {
	.name = "i915-gvt",
	.version = 1,
	.no_kver_reason = "i915 GVT-g in this kernel has no live-migration support",
	.kind = MC_KIND_MDEV,
	.fields = gvt_fields,
	.wants_pci = gvt_wants_pci,
	.claims = gvt_claims,
	.offers = gvt_offers,
	.encode = gvt_encode,
	.compare = gvt_compare,
	.migratable = gvt_migratable,
	.looks_for = "an i915 GVT-g mdev, or an i915 device with mdev_supported_types",
	.no_candidate_hint = "GVT-g is likely off: boot with i915.enable_gvt=1 and load the kvmgt module",
};
