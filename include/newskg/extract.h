/* newskg: from articles to a graph.
 *
 * An extractor analyses articles (normalise, segment, match the lexicon,
 * apply rules, resolve references), names them in the order they come
 * (article IRIs, incidents shared across articles), and then either keeps
 * each article's facts for a graph written at the end, or, once a
 * streaming writer is set, writes each article at once and forgets it.
 * nkg_extractor_run does the same with the analysis spread over threads.
 * Same articles in the same order give byte-identical output, whatever
 * the number of threads. */
#ifndef NEWSKG_EXTRACT_H
#define NEWSKG_EXTRACT_H

#include <stdio.h>

#include "newskg/article.h"
#include "newskg/lexicon.h"
#include "newskg/status.h"
#include "newskg/world.h"
#include "newskg/writer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default namespace for instances (articles, statements, incidents). */
#define NKG_DEFAULT_BASE "https://w3id.org/newskg/id/"

typedef struct nkg_extractor nkg_extractor;

/* A new extractor.  `world` and `lexicon` are borrowed and must outlive
 * it; `base` (copied) is the instance namespace, NULL for the default: an
 * absolute IRI (with a scheme), what no IRI may hold percent-encoded.
 * Returns NULL when out of memory, when `base` has no scheme or when ICU
 * cannot start (the last two reported). */
nkg_extractor *nkg_extractor_new(nkg_world *world, const nkg_lexicon *lexicon,
                                 const char *base);

/* Frees the extractor; NULL is allowed. */
void nkg_extractor_free(nkg_extractor *extractor);

/* From now on every article added is written by `writer` (borrowed; it
 * must outlive the extractor's use of it) as soon as it is analysed, and
 * not kept: nkg_extractor_write, _to_model and _explain see only the
 * articles added before.  NULL goes back to keeping them. */
void nkg_extractor_set_writer(nkg_extractor *extractor, nkg_writer *writer);

/* Analyses one article in the calling thread; `article` is borrowed (what
 * is needed is copied).  A failure is reported with the article's file;
 * NKG_ERR_IO means the writer's output failed. */
nkg_status nkg_extractor_add(nkg_extractor *extractor,
                             const nkg_article *article);

/* Progress of a run, as nkg_extractor_run reports it. */
typedef struct {
	size_t articles;                /* articles done so far */
	unsigned long long bytes_read;  /* input bytes read so far */
	unsigned long long bytes_total; /* size of all inputs; 0 when unknown */
	double seconds;                 /* since the run started */
} nkg_progress;

typedef void (*nkg_progress_func)(void *handle, const nkg_progress *progress);

typedef struct {
	unsigned jobs;              /* analysis threads; 0: one per online CPU;
	                               1: everything in the calling thread */
	nkg_progress_func progress; /* called from the calling thread, or NULL */
	void *progress_handle;
	double progress_interval;   /* seconds between calls; 0: 0.25 */
} nkg_run_options;

/* Adds every article `reader` (borrowed) gives, the analysis spread over
 * opts->jobs threads (opts may be NULL: defaults), each article committed
 * in reader order so the output is the same as nkg_extractor_add's one
 * by one.  At most a few articles per thread are in flight, so memory
 * does not grow with the input.  An article that cannot be analysed is
 * reported and counted, and the run goes on; the run stops on
 * NKG_ERR_NOMEM, or NKG_ERR_IO when the writer's output failed.
 * Progress, when asked for, comes every interval and once at the end. */
nkg_status nkg_extractor_run(nkg_extractor *extractor, nkg_reader *reader,
                             const nkg_run_options *opts);

/* Adds the graph of every article so far to `model` (a `librdf_model *`
 * whose storage supports contexts when `with_contexts`: each article's
 * facts then go into the named graph of the article's IRI). */
nkg_status nkg_extractor_to_model(nkg_extractor *extractor, void *model,
                                  int with_contexts);

/* Serialises the graph of every article so far to `out` in `format`:
 * "turtle", "ntriples", "nquads", "rdfxml", "json" (RDF/JSON) or "dot".
 * NKG_ERR_IO, not reported, when `out` failed: errno then says why. */
nkg_status nkg_extractor_write(nkg_extractor *extractor, const char *format,
                               FILE *out);

/* Prints, for every article, each fact with its rule and evidence sentence
 * and each sentence that produced nothing but held a trigger. */
nkg_status nkg_extractor_explain(nkg_extractor *extractor, FILE *out);

typedef struct {
	size_t articles;    /* analysed and named */
	size_t sentences;
	size_t accusations, denials;
	size_t incidents;   /* distinct incident IRIs */
	size_t actors;      /* distinct actors that accuse, are accused or are hit */
	size_t statements;  /* written by the streaming writer, when one is set */
	size_t errors;      /* articles that could not be analysed */
} nkg_extract_stats;

/* Counts over the articles added so far. */
nkg_extract_stats nkg_extractor_stats(const nkg_extractor *extractor);

/* 1 when `format` names an output format newskg writes. */
int nkg_format_known(const char *format);

#ifdef __cplusplus
}
#endif
#endif
