/* newskg: from articles to a graph.
 *
 * An extractor analyses articles one by one (normalise, segment, match the
 * lexicon, apply rules, resolve references) and keeps each article's facts.
 * Writing resolves incidents across all articles added so far and turns the
 * facts into RDF.  Same articles in the same order give byte-identical
 * output. */
#ifndef NEWSKG_EXTRACT_H
#define NEWSKG_EXTRACT_H

#include <stdio.h>

#include "newskg/article.h"
#include "newskg/lexicon.h"
#include "newskg/status.h"
#include "newskg/world.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default namespace for instances (articles, statements, incidents). */
#define NKG_DEFAULT_BASE "https://w3id.org/newskg/id/"

typedef struct nkg_extractor nkg_extractor;

/* A new extractor.  `world` and `lexicon` are borrowed and must outlive
 * it; `base` (copied) is the instance namespace, NULL for the default.
 * Returns NULL when out of memory or when ICU cannot start (reported). */
nkg_extractor *nkg_extractor_new(nkg_world *world, const nkg_lexicon *lexicon,
                                 const char *base);

/* Frees the extractor; NULL is allowed. */
void nkg_extractor_free(nkg_extractor *extractor);

/* Analyses one article; `article` is borrowed (what is needed is copied). */
nkg_status nkg_extractor_add(nkg_extractor *extractor,
                             const nkg_article *article);

/* Adds the graph of every article so far to `model` (a `librdf_model *`
 * whose storage supports contexts when `with_contexts`: each article's
 * facts then go into the named graph of the article's IRI). */
nkg_status nkg_extractor_to_model(nkg_extractor *extractor, void *model,
                                  int with_contexts);

/* Serialises the graph of every article so far to `out` in `format`:
 * "turtle", "ntriples", "nquads", "rdfxml", "json" (RDF/JSON) or "dot". */
nkg_status nkg_extractor_write(nkg_extractor *extractor, const char *format,
                               FILE *out);

/* Prints, for every article, each fact with its rule and evidence sentence
 * and each sentence that produced nothing but held a trigger. */
nkg_status nkg_extractor_explain(nkg_extractor *extractor, FILE *out);

typedef struct {
	size_t articles, sentences, accusations, denials, incidents, actors;
} nkg_extract_stats;

/* Counts over the articles added so far. */
nkg_extract_stats nkg_extractor_stats(const nkg_extractor *extractor);

/* 1 when `format` names an output format newskg writes. */
int nkg_format_known(const char *format);

#ifdef __cplusplus
}
#endif
#endif
