/* The run: articles analysed (analyse.c) are named in the order they came
 * (a slug unique in the run, the article IRI, incident IRIs shared across
 * articles), then either kept for a whole-graph writer or handed at once
 * to a streaming writer and forgotten.
 *
 * What a run remembers across articles is kept small: the slugs in use,
 * the incidents named by what they hit, the actors seen (for the count).
 * None of it grows with an article's text. */
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "analyse.h"
#include "extract_impl.h"
#include "graph.h"
#include "iri.h"
#include "resolve.h"
#include "strset.h"
#include "utf8.h"
#include "world_impl.h"
#include "writer_impl.h"

struct nkg_extractor {
	nkg_world *world;
	const nkg_lexicon *lex;
	char *base;
	nkg_segmenter *seg;    /* for nkg_extractor_add, in the caller's thread */
	nkg_writer *writer;    /* borrowed; NULL: articles are kept */
	int discard;           /* neither written nor kept (benchmarks) */
	nkg_analysed *docs;    /* kept articles */
	size_t n_docs, cap_docs;
	nkg_strset *slugs;     /* slugs in use: the one thing that grows per article */
	nkg_strset *incidents; /* incidents named by what they hit: key -> year */
	nkg_strset *actors;    /* IRIs of the actors seen */
	nkg_extract_stats stats;
};

nkg_extractor *nkg_extractor_new(nkg_world *world, const nkg_lexicon *lex, const char *base)
{
	nkg_extractor *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->world = world;
	x->lex = lex;
	/* every instance IRI starts with it: an IRI, or nothing is one */
	if (nkg_iri_from_url(base ? base : NKG_DEFAULT_BASE, &x->base) == NKG_SUCCESS &&
	    !x->base) {
		nkg_world_report(world, NKG_ERR_ARG, NULL, 0, NKG_NO_OFFSET,
		                 "the instance namespace '%s' is no absolute IRI", base);
		free(x);
		return NULL;
	}
	x->seg = nkg_segmenter_new();
	x->slugs = nkg_strset_new(0);
	x->incidents = nkg_strset_new(1);
	x->actors = nkg_strset_new(0);
	if (!x->base || !x->seg || !x->slugs || !x->incidents || !x->actors) {
		if (!x->seg)
			nkg_world_report(world, NKG_ERR_ICU, NULL, 0, NKG_NO_OFFSET,
			                 "ICU break iterators could not be opened");
		nkg_extractor_free(x);
		return NULL;
	}
	return x;
}

void nkg_extractor_free(nkg_extractor *x)
{
	size_t i;
	if (!x)
		return;
	for (i = 0; i < x->n_docs; i++)
		nkg_analysed_clear(&x->docs[i]);
	free(x->docs);
	nkg_strset_free(x->incidents);
	nkg_strset_free(x->slugs);
	nkg_strset_free(x->actors);
	nkg_segmenter_free(x->seg);
	free(x->base);
	free(x);
}

void nkg_extractor_set_writer(nkg_extractor *x, nkg_writer *writer)
{
	if (x)
		x->writer = writer;
}

void nkg_extractor_set_discard(nkg_extractor *x, int discard)
{
	x->discard = discard;
}

const char *nkg_extractor_base(const nkg_extractor *x)
{
	return x->base;
}

nkg_segmenter *nkg_extractor_segmenter(nkg_extractor *x)
{
	return x->seg;
}

const nkg_lexicon *nkg_extractor_lexicon(const nkg_extractor *x)
{
	return x->lex;
}

/* ---- naming ------------------------------------------------------------- */

/* A slug unique in the run: "a", then "a-2", "a-3"… */
static char *unique_slug(nkg_extractor *x, const char *id)
{
	char *slug = nkg_iri_slug(id), *s;
	size_t n = 1;
	int rc = 0;

	if (!slug)
		return NULL;
	if (!*slug) {
		free(slug);
		if (!(slug = strdup("article")))
			return NULL;
	}
	s = strdup(slug);
	while (s && (rc = nkg_strset_add(x->slugs, s)) == 1) { /* taken */
		free(s);
		if ((s = malloc(strlen(slug) + 24)))
			sprintf(s, "%s-%zu", slug, ++n);
	}
	free(slug);
	if (s && rc < 0) {
		free(s);
		return NULL;
	}
	return s;
}

/* The article's slug and IRI: its url when that is an IRI, else one made
 * from the instance namespace and the slug. */
static nkg_status name_doc(nkg_extractor *x, nkg_doc *d)
{
	if (!(d->slug = unique_slug(x, d->id)))
		return NKG_ERR_NOMEM;
	/* a url in a vocabulary is no address (the reader reports it; an
	 * article made by hand gets the same treatment, unreported) */
	if (d->url && !nkg_iri_vocabulary(d->url) && nkg_iri_from_url(d->url, &d->iri))
		return NKG_ERR_NOMEM;
	if (!d->iri && (d->iri = malloc(strlen(x->base) + strlen(d->slug) + 9)))
		sprintf(d->iri, "%sarticle/%s", x->base, d->slug);
	return d->iri ? NKG_SUCCESS : NKG_ERR_NOMEM;
}

/* ---- counting ----------------------------------------------------------- */

static int is_actor(const nkg_entity *e)
{
	return e && e->iri && e->kind != NKG_KIND_PRODUCT && e->kind != NKG_KIND_MALWARE;
}

/* The entities one doc has counted: most recur from fact to fact, and a
 * pointer compared costs less than an IRI hashed. */
#define COUNTED_MAX 32
typedef struct {
	const nkg_entity *e[COUNTED_MAX];
	size_t n;
} counted;

static int count_actor(nkg_extractor *x, counted *c, const nkg_entity *e)
{
	size_t i;
	int rc;

	for (i = 0; i < c->n; i++)
		if (c->e[i] == e)
			return 0;
	if (c->n < COUNTED_MAX)
		c->e[c->n++] = e;
	rc = is_actor(e) ? nkg_strset_add(x->actors, e->iri) : 1;
	if (rc == 0)
		x->stats.actors++;
	return rc < 0 ? -1 : 0;
}

static nkg_status count_doc(nkg_extractor *x, const nkg_doc *d)
{
	size_t i, k;
	int rc = 0;
	counted c;

	c.n = 0;
	x->stats.articles++;
	x->stats.sentences += d->n_sentences;
	for (i = 0; i < d->n_facts; i++) {
		const nkg_fact *f = &d->facts[i];
		if (f->kind == NKG_FACT_ACCUSE)
			x->stats.accusations++;
		else
			x->stats.denials++;
		rc |= count_actor(x, &c, f->agent);
		rc |= count_actor(x, &c, f->accused);
	}
	for (i = 0; i < d->n_incidents; i++)
		for (k = 0; k < d->incidents[i].n_targets; k++)
			rc |= count_actor(x, &c, d->incidents[i].targets[k]);
	return rc ? NKG_ERR_NOMEM : NKG_SUCCESS;
}

/* ---- committing --------------------------------------------------------- */

static nkg_status keep(nkg_extractor *x, nkg_analysed *a)
{
	if (x->n_docs == x->cap_docs) {
		size_t cap = x->cap_docs ? x->cap_docs * 2 : 16;
		nkg_analysed *v = realloc(x->docs, cap * sizeof *v);
		if (!v)
			return NKG_ERR_NOMEM;
		x->docs = v;
		x->cap_docs = cap;
	}
	x->docs[x->n_docs++] = *a;
	memset(a, 0, sizeof *a);
	return NKG_SUCCESS;
}

/* The string of `article` called `field` (as nkg_article_check names it). */
static const char *article_field(const nkg_article *a, const char *field)
{
	return strcmp(field, "text") == 0 ? a->text : strcmp(field, "id") == 0 ? a->id
	     : strcmp(field, "url") == 0 ? a->url : strcmp(field, "title") == 0 ? a->title
	     : strcmp(field, "date") == 0 ? a->date : a->path;
}

/* Says why `article` was not analysed; for text that is not text, which
 * field, where and what (its bytes are not repeated: they may be the
 * problem). */
static void report_failure(nkg_extractor *x, const nkg_article *article, nkg_status st)
{
	const char *field = NULL, *why = nkg_strerror(st), *s;
	size_t off = NKG_NO_OFFSET;
	uint32_t cp;

	if ((st != NKG_ERR_UTF8 && st != NKG_ERR_BINARY) ||
	    nkg_article_check(article, &field, &off) == NKG_SUCCESS) {
		nkg_world_report(x->world, st, article->path, article->line, NKG_NO_OFFSET,
		                 "cannot analyse article '%s': %s", article->id, why);
		return;
	}
	s = article_field(article, field);
	if (st == NKG_ERR_UTF8 && nkg_utf8_decode(s + off, strlen(s + off), &cp)) /* see nkg_utf8_check_text */
		why = cp == 0xFFFE ? "U+FFFE, a noncharacter" : "U+FFFF, a noncharacter";
	nkg_world_report(x->world, st, article->path, article->line,
	                 strcmp(field, "text") == 0 ? off : NKG_NO_OFFSET,
	                 "cannot analyse an article: its %s holds %s at byte %zu, not text",
	                 field, why, off);
}

nkg_status nkg_extractor_name(nkg_extractor *x, const nkg_article *article,
                              nkg_status analysed, nkg_analysed *a)
{
	size_t new_incidents = 0;
	nkg_status st = analysed;

	if (st != NKG_SUCCESS) {
		x->stats.errors++;
		report_failure(x, article, st);
		nkg_analysed_clear(a);
		return st;
	}
	st = name_doc(x, a->doc);
	if (!st)
		st = nkg_resolve_doc(a->doc, x->incidents, &new_incidents);
	x->stats.incidents += new_incidents;
	if (!st)
		st = count_doc(x, a->doc);
	if (!st && !x->writer && !x->discard)
		st = keep(x, a);
	if (st == NKG_ERR_NOMEM)
		nkg_world_report(x->world, st, article->path, article->line, NKG_NO_OFFSET,
		                 "article '%s': out of memory", article->id);
	if (st || !x->writer)
		nkg_analysed_clear(a);
	return st;
}

nkg_writer *nkg_extractor_writer(const nkg_extractor *x)
{
	return x->writer;
}

nkg_status nkg_extractor_put(nkg_extractor *x, nkg_analysed *a, nkg_render *r)
{
	nkg_status st = nkg_writer_put_render(x->writer, r, a->doc);

	x->stats.statements = nkg_writer_statements(x->writer);
	nkg_analysed_clear(a);
	return st;
}

nkg_status nkg_extractor_commit(nkg_extractor *x, const nkg_article *article,
                                nkg_status analysed, nkg_analysed *a)
{
	nkg_status st = nkg_extractor_name(x, article, analysed, a);

	if (st == NKG_SUCCESS && x->writer) {
		st = nkg_writer_put_doc(x->writer, a->doc);
		x->stats.statements = nkg_writer_statements(x->writer);
	}
	nkg_analysed_clear(a);
	return st;
}

nkg_status nkg_extractor_add_text(nkg_extractor *x, const nkg_article *a)
{
	nkg_analysed an;
	nkg_status st = nkg_analyse(x->seg, x->lex, x->base, a, &an);

	return nkg_extractor_commit(x, a, st, &an);
}

nkg_status nkg_extractor_add(nkg_extractor *x, const nkg_article *a)
{
	nkg_analysed an;
	nkg_status st;

	if (!x || !a || !a->text || !a->id || !a->path)
		return NKG_ERR_ARG;
	/* The reader gives only text; an article built by hand may not be,
	 * and its bytes would go into literals no parser reads back. */
	if ((st = nkg_article_check(a, NULL, NULL)) != NKG_SUCCESS) {
		memset(&an, 0, sizeof an);
		return nkg_extractor_commit(x, a, st, &an);
	}
	return nkg_extractor_add_text(x, a);
}

/* ---- whole-graph output --------------------------------------------------- */

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

/* The kept articles through a streaming writer of `format`. */
static nkg_status write_streaming(nkg_extractor *x, const char *format, FILE *out)
{
	nkg_writer *w = nkg_writer_new(x->world, format, x->base, out);
	nkg_status st = w ? NKG_SUCCESS : NKG_ERR_NOMEM;
	size_t i;

	for (i = 0; i < x->n_docs && !st; i++)
		st = nkg_writer_put_doc(w, x->docs[i].doc);
	if (!st)
		st = nkg_writer_finish(w);
	nkg_writer_free(w);
	return st;
}

nkg_status nkg_extractor_write(nkg_extractor *x, const char *format, FILE *out)
{
	librdf_world *w = x->world->rdf;
	librdf_storage *storage;
	librdf_model *model = NULL;
	nkg_status st;

	if (!nkg_format_known(format))
		return NKG_ERR_FORMAT;
	if (nkg_format_streams(format))
		return write_streaming(x, format, out);
	/* "memory" is quadratic (DESIGN.md); hashes in memory with contexts
	 * keeps one named graph per article. */
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
	return x->stats;
}

size_t nkg_extractor_n_docs(const nkg_extractor *x)
{
	return x->n_docs;
}

const nkg_doc *nkg_extractor_doc(const nkg_extractor *x, size_t i, const unsigned char **quiet)
{
	*quiet = x->docs[i].quiet;
	return x->docs[i].doc;
}
