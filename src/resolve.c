/* Incidents: a sentence's targets and malware name make a key; articles of
 * one run share an incident when their keys agree (a hash lookup, not a
 * comparison of every pair). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "resolve.h"

static int rank(const nkg_entity *e)
{
	switch (e->kind) {
	case NKG_KIND_MALWARE: return 4;
	case NKG_KIND_PRODUCT: return 3;
	case NKG_KIND_STATE: return 1;
	default: return 2;
	}
}

static int has_target(const nkg_incident *inc, const nkg_entity *e)
{
	size_t k;
	for (k = 0; k < inc->n_targets; k++)
		if (inc->targets[k] == e || inc->targets[k]->vendor == e || e->vendor == inc->targets[k])
			return 1;
	return 0;
}

static int add_target(nkg_incident *inc, const nkg_entity *e)
{
	const nkg_entity **p;
	size_t k;
	for (k = 0; k < inc->n_targets; k++)
		if (inc->targets[k] == e)
			return 0;
	if (!(p = realloc(inc->targets, (inc->n_targets + 1) * sizeof *p)))
		return -1;
	inc->targets = p;
	p[inc->n_targets++] = e;
	return 0;
}

/* The entity that names the incident best: its malware, else the most
 * specific thing hit. */
static const nkg_entity *key_entity(const nkg_incident *inc)
{
	const nkg_entity *best = inc->name;
	size_t k;
	for (k = 0; k < inc->n_targets; k++)
		if (!best || rank(inc->targets[k]) > rank(best))
			best = inc->targets[k];
	return best;
}

static size_t find(const nkg_doc *doc, const nkg_sentence_ctx *s)
{
	size_t i, k;
	for (i = 0; i < doc->n_incidents; i++) {
		const nkg_incident *inc = &doc->incidents[i];
		if (s->name && inc->name == s->name)
			return i;
		for (k = 0; k < s->n_targets; k++)
			if (has_target(inc, s->targets[k]) && (!s->name || !inc->name))
				return i;
	}
	/* countries and blocs hit are where the article's incident landed,
	 * not a new incident, unless a name says otherwise */
	for (k = 0; k < s->n_targets; k++)
		if (s->targets[k]->kind != NKG_KIND_STATE && s->targets[k]->kind != NKG_KIND_ORGANIZATION)
			break;
	if (s->n_targets && k == s->n_targets && !s->name && doc->n_incidents)
		return doc->n_incidents - 1;
	/* an incident mentioned before anything was said of it ("هجوم") */
	for (i = 0; i < doc->n_incidents; i++)
		if (!doc->incidents[i].n_targets && !doc->incidents[i].name)
			return i;
	return NKG_NONE;
}

size_t nkg_resolve_incident(nkg_doc *doc, const nkg_sentence_ctx *s)
{
	size_t i, k;
	nkg_incident *inc;

	if (!s->incident)
		return NKG_NONE;
	i = find(doc, s);
	if (i == NKG_NONE && !s->n_targets && !s->name && doc->n_incidents)
		return doc->n_incidents - 1;
	if (i == NKG_NONE) {
		if (!(inc = realloc(doc->incidents, (doc->n_incidents + 1) * sizeof *inc)))
			return NKG_NONE;
		doc->incidents = inc;
		i = doc->n_incidents++;
		memset(&doc->incidents[i], 0, sizeof *inc);
		doc->incidents[i].sentence = s->index;
	}
	inc = &doc->incidents[i];
	if (s->name && !inc->name)
		inc->name = s->name;
	if (s->year && !inc->year)
		inc->year = s->year;
	for (k = 0; k < s->n_targets; k++)
		if (add_target(inc, s->targets[k]))
			return NKG_NONE;
	return i;
}

static const char *local_name(const char *iri)
{
	const char *p = strrchr(iri, '/'), *h = strrchr(iri, '#');
	if (h > p)
		p = h;
	return p ? p + 1 : iri;
}

/* The entry for `key`, made with IRI base "incident/" key when absent. */
static nkg_incident_entry *entry_for(nkg_strmap *iris, const char *base, const char *key,
                                     int year)
{
	nkg_incident_entry *en = nkg_strmap_get(iris, key);
	size_t len;
	if (en)
		return en;
	len = strlen(base) + strlen(key) + sizeof "incident/";
	if (!(en = malloc(sizeof *en + len)))
		return NULL;
	en->year = year;
	snprintf(en->iri, len, "%sincident/%s", base, key);
	if (nkg_strmap_put(iris, key, en)) {
		free(en);
		return NULL;
	}
	return en;
}

/* Gives `inc` its IRI.  An incident named by what it hit takes its IRI
 * from `iris`, the run's index; one nothing names belongs to this article
 * alone and takes it from `own`, the article's index, so the run's index
 * grows with incidents, not with articles. */
static nkg_status set_iri(nkg_doc *doc, nkg_incident *inc, nkg_strmap *iris,
                          nkg_strmap *own)
{
	const nkg_entity *k = key_entity(inc);
	nkg_strmap *index = k ? iris : own;
	nkg_incident_entry *en;
	char *key, *slug;
	size_t len;

	slug = nkg_iri_slug(k ? local_name(k->iri) : doc->slug);
	if (!slug)
		return NKG_ERR_NOMEM;
	len = strlen(slug) + 32;
	key = malloc(len);
	if (!key) {
		free(slug);
		return NKG_ERR_NOMEM;
	}
	snprintf(key, len, "%s%s", k ? "" : "article-", slug);
	en = entry_for(index, doc->base, key, inc->year);
	if (en && inc->year && en->year && en->year != inc->year) {
		/* the same thing hit in another year: another incident */
		snprintf(key, len, "%s%s-%d", k ? "" : "article-", slug, inc->year);
		en = entry_for(index, doc->base, key, inc->year);
	} else if (en && !en->year) {
		en->year = inc->year;
	}
	free(slug);
	if (!en || (!k && !(inc->own_iri = strdup(en->iri)))) {
		free(key);
		return NKG_ERR_NOMEM;
	}
	inc->iri = k ? en->iri : inc->own_iri;
	inc->shared = k != NULL;
	free(inc->key);
	inc->key = key;
	return NKG_SUCCESS;
}

static void free_entry(const char *key, void *value, void *ctx)
{
	(void)key;
	(void)ctx;
	free(value);
}

nkg_status nkg_resolve_doc(nkg_doc *doc, nkg_strmap *iris, size_t *new_incidents)
{
	size_t i, main_inc = NKG_NONE, before = nkg_strmap_size(iris);
	nkg_strmap *own = nkg_strmap_new();
	nkg_status st = own ? NKG_SUCCESS : NKG_ERR_NOMEM;

	for (i = 0; i < doc->n_incidents && !st; i++) {
		st = set_iri(doc, &doc->incidents[i], iris, own);
		if (main_inc == NKG_NONE && doc->incidents[i].n_targets)
			main_inc = i;
	}
	if (new_incidents)
		*new_incidents = nkg_strmap_size(iris) - before + (own ? nkg_strmap_size(own) : 0);
	if (own) {
		nkg_strmap_each(own, free_entry, NULL);
		nkg_strmap_free(own);
	}
	if (st)
		return st;
	if (main_inc == NKG_NONE && doc->n_incidents)
		main_inc = 0;
	for (i = 0; i < doc->n_facts; i++)
		if (doc->facts[i].incident == NKG_NONE)
			doc->facts[i].incident = main_inc;
	return NKG_SUCCESS;
}
