/* Incidents: a sentence's targets and malware name make a key; articles of
 * one run share an incident when their keys agree (a hash lookup, not a
 * comparison of every pair). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "resolve.h"
#include "strset.h"

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

/* The articles' own incidents met so far in one article: its index, as
 * the run's is for incidents named by what they hit. */
typedef struct {
	char *key;
	int year;
} own_entry;

typedef struct {
	own_entry *v;
	size_t n, cap;
} own_index;

static int own_get(const own_index *o, const char *key, int *year)
{
	size_t i;
	for (i = 0; i < o->n; i++)
		if (strcmp(o->v[i].key, key) == 0) {
			*year = o->v[i].year;
			return 1;
		}
	return 0;
}

static int own_put(own_index *o, const char *key, int year)
{
	own_entry *v;
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->v[i].key, key) == 0) {
			o->v[i].year = year;
			return 0;
		}
	if (o->n == o->cap) {
		if (!(v = realloc(o->v, (o->cap ? o->cap * 2 : 4) * sizeof *v)))
			return -1;
		o->v = v;
		o->cap = o->cap ? o->cap * 2 : 4;
	}
	if (!(o->v[o->n].key = strdup(key)))
		return -1;
	o->v[o->n++].year = year;
	return 0;
}

/* key -> year in the run's index (`run`) or the article's (`own`). */
static int index_get(nkg_strset *run, const own_index *own, const char *key, int *year)
{
	return run ? nkg_strset_get(run, key, year) : own_get(own, key, year);
}

static int index_put(nkg_strset *run, own_index *own, const char *key, int year)
{
	return run ? nkg_strset_put(run, key, year) : own_put(own, key, year);
}

/* The key of `inc`: the entity that names it best, else the article, and
 * the year when the same key was given another year before.  The index
 * remembers the first year a key was given. */
static char *incident_key(nkg_doc *doc, nkg_incident *inc, nkg_strset *run,
                          own_index *own)
{
	const nkg_entity *k = key_entity(inc);
	char *slug = nkg_iri_slug(k ? local_name(k->iri) : doc->slug), *key;
	const char *prefix = k ? "" : "article-";
	size_t np = strlen(prefix), ns = slug ? strlen(slug) : 0, len = ns + 32;
	int year = 0, known;

	if (!slug || !(key = malloc(len))) {
		free(slug);
		return NULL;
	}
	memcpy(key, prefix, np);
	memcpy(key + np, slug, ns + 1);
	known = index_get(run, own, key, &year);
	if (known && inc->year && year && year != inc->year) {
		/* the same thing hit in another year: another incident */
		snprintf(key, len, "%s%s-%d", k ? "" : "article-", slug, inc->year);
		known = index_get(run, own, key, &year);
	}
	free(slug);
	if ((!known || !year) && index_put(run, own, key, inc->year)) {
		free(key);
		return NULL;
	}
	return key;
}

/* Gives `inc` its key and IRI.  An incident named by what it hit is keyed
 * in `run`, the run's index; one nothing names belongs to this article
 * alone and is keyed in `own`, so the run's index grows with incidents,
 * not with articles. */
static nkg_status set_iri(nkg_doc *doc, nkg_incident *inc, nkg_strset *run,
                          own_index *own)
{
	int shared = key_entity(inc) != NULL;
	char *key = incident_key(doc, inc, shared ? run : NULL, own);
	size_t nb, nk;

	if (!key)
		return NKG_ERR_NOMEM;
	nb = strlen(doc->base), nk = strlen(key);
	if (!(inc->iri = malloc(nb + sizeof "incident/" - 1 + nk + 1))) {
		free(key);
		return NKG_ERR_NOMEM;
	}
	memcpy(inc->iri, doc->base, nb);
	memcpy(inc->iri + nb, "incident/", sizeof "incident/" - 1);
	memcpy(inc->iri + nb + sizeof "incident/" - 1, key, nk + 1);
	inc->shared = shared;
	free(inc->key);
	inc->key = key;
	return NKG_SUCCESS;
}

nkg_status nkg_resolve_doc(nkg_doc *doc, nkg_strset *run, size_t *new_incidents)
{
	size_t i, main_inc = NKG_NONE, before = nkg_strset_size(run);
	own_index own;
	nkg_status st = NKG_SUCCESS;

	memset(&own, 0, sizeof own);
	for (i = 0; i < doc->n_incidents && !st; i++) {
		st = set_iri(doc, &doc->incidents[i], run, &own);
		if (main_inc == NKG_NONE && doc->incidents[i].n_targets)
			main_inc = i;
	}
	if (new_incidents)
		*new_incidents = nkg_strset_size(run) - before + own.n;
	for (i = 0; i < own.n; i++)
		free(own.v[i].key);
	free(own.v);
	if (st)
		return st;
	if (main_inc == NKG_NONE && doc->n_incidents)
		main_inc = 0;
	for (i = 0; i < doc->n_facts; i++)
		if (doc->facts[i].incident == NKG_NONE)
			doc->facts[i].incident = main_inc;
	return NKG_SUCCESS;
}
