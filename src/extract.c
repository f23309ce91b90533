/* The pipeline: one article through segmentation, matching, chunking,
 * rules and incident resolution into an nkg_doc; all docs to RDF. */
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "chunk.h"
#include "graph.h"
#include "lexicon_impl.h"
#include "match.h"
#include "newskg/extract.h"
#include "resolve.h"
#include "rules.h"
#include "text.h"
#include "world_impl.h"

typedef struct {
	nkg_doc *doc;
	unsigned char *quiet; /* per sentence: held a trigger but gave no fact */
} doc_slot;

struct nkg_extractor {
	nkg_world *world;
	const nkg_lexicon *lex;
	char *base;
	nkg_segmenter *seg;
	doc_slot *docs;
	size_t n_docs;
	nkg_strmap *slugs;     /* slugs in use (value unused) */
	nkg_strmap *incidents; /* key -> IRI (owned) */
};

static void doc_free(nkg_doc *d)
{
	size_t i;
	if (!d)
		return;
	free(d->slug);
	free(d->iri);
	free(d->id);
	free(d->url);
	free(d->title);
	free(d->date);
	free(d->path);
	free(d->text);
	free(d->sentences);
	free(d->facts);
	for (i = 0; i < d->n_incidents; i++) {
		free(d->incidents[i].key);
		free(d->incidents[i].targets);
	}
	free(d->incidents);
	for (i = 0; i < d->n_minted; i++) {
		free(d->minted[i]->iri);
		free(d->minted[i]->label_en);
		free(d->minted[i]->label_ar);
		free(d->minted[i]);
	}
	free(d->minted);
	free(d);
}

nkg_extractor *nkg_extractor_new(nkg_world *world, const nkg_lexicon *lex, const char *base)
{
	nkg_extractor *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->world = world;
	x->lex = lex;
	x->base = strdup(base ? base : NKG_DEFAULT_BASE);
	x->seg = nkg_segmenter_new();
	x->slugs = nkg_strmap_new();
	x->incidents = nkg_strmap_new();
	if (!x->base || !x->seg || !x->slugs || !x->incidents) {
		if (!x->seg)
			nkg_world_report(world, NKG_ERR_ICU, NULL, 0, NKG_NO_OFFSET,
			                 "ICU break iterators could not be opened");
		nkg_extractor_free(x);
		return NULL;
	}
	return x;
}

static void free_value(const char *k, void *v, void *ctx)
{
	(void)k;
	(void)ctx;
	free(v);
}

void nkg_extractor_free(nkg_extractor *x)
{
	size_t i;
	if (!x)
		return;
	for (i = 0; i < x->n_docs; i++) {
		doc_free(x->docs[i].doc);
		free(x->docs[i].quiet);
	}
	free(x->docs);
	if (x->incidents) {
		nkg_strmap_each(x->incidents, free_value, NULL);
		nkg_strmap_free(x->incidents);
	}
	nkg_strmap_free(x->slugs);
	nkg_segmenter_free(x->seg);
	free(x->base);
	free(x);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* A slug unique in the run: "a", then "a-2", "a-3"… */
static char *unique_slug(nkg_extractor *x, const char *id)
{
	char *slug = nkg_iri_slug(id), *s;
	size_t n = 1;
	if (!slug)
		return NULL;
	if (!*slug) {
		free(slug);
		if (!(slug = strdup("article")))
			return NULL;
	}
	s = strdup(slug);
	while (s && nkg_strmap_get(x->slugs, s)) {
		free(s);
		if ((s = malloc(strlen(slug) + 24)))
			sprintf(s, "%s-%zu", slug, ++n);
	}
	free(slug);
	if (s && nkg_strmap_put(x->slugs, s, (void *)1)) {
		free(s);
		return NULL;
	}
	return s;
}

static nkg_doc *doc_new(nkg_extractor *x, const nkg_article *a)
{
	nkg_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->base = x->base;
	d->slug = unique_slug(x, a->id);
	d->id = strdup(a->id);
	d->url = dup_or_null(a->url);
	d->title = dup_or_null(a->title);
	d->date = dup_or_null(a->date);
	d->path = strdup(a->path);
	d->text = malloc(a->text_len + 1);
	d->text_len = a->text_len;
	if (d->slug) {
		if (a->url && *a->url)
			d->iri = strdup(a->url);
		else if ((d->iri = malloc(strlen(x->base) + strlen(d->slug) + 9)))
			sprintf(d->iri, "%sarticle/%s", x->base, d->slug);
	}
	if (!d->slug || !d->id || !d->path || !d->text || !d->iri ||
	    (a->url && !d->url) || (a->title && !d->title) || (a->date && !d->date)) {
		doc_free(d);
		return NULL;
	}
	memcpy(d->text, a->text, a->text_len);
	d->text[a->text_len] = '\0';
	return d;
}

static int has_trigger(const nkg_item *items, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (items[i].type == NKG_IT_TRIGGER)
			return 1;
	return 0;
}

static nkg_status analyse_sentence(nkg_extractor *x, nkg_doc *d, const nkg_text *t, size_t si,
                                   nkg_discourse *dis, unsigned char *quiet)
{
	nkg_match *m = NULL;
	nkg_item *items = NULL;
	size_t nm = 0, ni = 0, before = d->n_facts, f, inc;
	nkg_minter minter;
	nkg_sentence_ctx s;
	nkg_status st;

	minter.doc = d;
	minter.text = d->text;
	st = nkg_match_tokens(x->lex, t, t->sent_tok[si], t->sent_tok[si + 1], &m, &nm);
	if (!st)
		st = nkg_chunk(t, t->sent_tok[si], t->sent_tok[si + 1], m, nm, &minter, &items, &ni);
	if (!st) {
		memset(&s, 0, sizeof s);
		s.text = t;
		s.items = items;
		s.n = ni;
		s.index = si;
		s.doc = d;
		s.dis = dis;
		st = nkg_rules_relations(&s);
		nkg_rules_targets(&s);
		inc = nkg_resolve_incident(d, &s);
		for (f = before; f < d->n_facts; f++)
			d->facts[f].incident = inc;
		*quiet = d->n_facts == before && has_trigger(items, ni);
	}
	free(m);
	free(items);
	return st;
}

nkg_status nkg_extractor_add(nkg_extractor *x, const nkg_article *a)
{
	nkg_doc *d;
	nkg_text t;
	nkg_discourse dis;
	unsigned char *quiet = NULL;
	doc_slot *slots;
	size_t i;
	nkg_status st;

	if (!x || !a || !a->text || !a->id || !a->path)
		return NKG_ERR_ARG;
	if (!(d = doc_new(x, a)))
		return NKG_ERR_NOMEM;
	st = nkg_segment(x->seg, d->text, d->text_len, &t);
	if (st) {
		nkg_world_report(x->world, st, a->path, a->line, NKG_NO_OFFSET,
		                 "cannot segment article: %s", nkg_strerror(st));
		doc_free(d);
		return st;
	}
	memset(&dis, 0, sizeof dis);
	d->sentences = malloc((t.n_sentences ? t.n_sentences : 1) * sizeof *d->sentences);
	quiet = calloc(t.n_sentences ? t.n_sentences : 1, 1);
	st = d->sentences && quiet ? NKG_SUCCESS : NKG_ERR_NOMEM;
	if (!st) {
		memcpy(d->sentences, t.sentences, t.n_sentences * sizeof *d->sentences);
		d->n_sentences = t.n_sentences;
	}
	for (i = 0; !st && i < t.n_sentences; i++)
		st = analyse_sentence(x, d, &t, i, &dis, &quiet[i]);
	nkg_text_clear(&t);
	if (!st)
		st = nkg_resolve_doc(d, x->incidents);
	if (!st && !(slots = realloc(x->docs, (x->n_docs + 1) * sizeof *slots)))
		st = NKG_ERR_NOMEM;
	if (st) {
		doc_free(d);
		free(quiet);
		return st;
	}
	x->docs = slots;
	x->docs[x->n_docs].doc = d;
	x->docs[x->n_docs++].quiet = quiet;
	return NKG_SUCCESS;
}

nkg_status nkg_extractor_to_model(nkg_extractor *x, void *model, int with_contexts)
{
	size_t i;
	nkg_status st = NKG_SUCCESS;
	for (i = 0; i < x->n_docs && !st; i++)
		st = nkg_graph_add_doc(x->world, model, x->docs[i].doc, with_contexts);
	return st;
}

int nkg_format_known(const char *format)
{
	return format && nkg_graph_format_known(format);
}

nkg_status nkg_extractor_write(nkg_extractor *x, const char *format, FILE *out)
{
	librdf_world *w = x->world->rdf;
	librdf_storage *storage;
	librdf_model *model = NULL;
	nkg_status st;

	if (!nkg_format_known(format))
		return NKG_ERR_FORMAT;
	/* "memory" is quadratic (DESIGN.md); hashes in memory with contexts
	 * keeps one named graph per article for N-Quads. */
	storage = librdf_new_storage(w, "hashes", NULL, "hash-type='memory',contexts='yes'");
	if (storage)
		model = librdf_new_model(w, storage, NULL);
	if (!model) {
		if (storage)
			librdf_free_storage(storage);
		return NKG_ERR_RDF;
	}
	st = nkg_extractor_to_model(x, model, 1);
	if (!st)
		st = nkg_graph_write(x->world, model, format, x->base, out);
	librdf_free_model(model);
	librdf_free_storage(storage);
	return st;
}

nkg_extract_stats nkg_extractor_stats(const nkg_extractor *x)
{
	nkg_extract_stats s;
	size_t i, f;
	memset(&s, 0, sizeof s);
	s.articles = x->n_docs;
	s.incidents = nkg_strmap_size(x->incidents);
	for (i = 0; i < x->n_docs; i++) {
		const nkg_doc *d = x->docs[i].doc;
		s.sentences += d->n_sentences;
		for (f = 0; f < d->n_facts; f++) {
			if (d->facts[f].kind == NKG_FACT_ACCUSE)
				s.accusations++;
			else
				s.denials++;
		}
	}
	return s;
}

size_t nkg_extractor_n_docs(const nkg_extractor *x);
const nkg_doc *nkg_extractor_doc(const nkg_extractor *x, size_t i, const unsigned char **quiet);

size_t nkg_extractor_n_docs(const nkg_extractor *x)
{
	return x->n_docs;
}

const nkg_doc *nkg_extractor_doc(const nkg_extractor *x, size_t i, const unsigned char **quiet)
{
	*quiet = x->docs[i].quiet;
	return x->docs[i].doc;
}
