/* newskg: stores, the graphs that outlive a run.
 *
 * A store holds named graphs (contexts).  newskg keeps one graph per
 * article, named by the article's IRI, so putting an article's graph again
 * replaces what the store held under that name and never duplicates it.
 *
 * Writes happen inside a transaction (nkg_store_begin ... nkg_store_commit):
 * on sqlite one transaction is one SQLite transaction, so a process killed
 * half-way leaves the store as it was before nkg_store_begin, and it is
 * also what makes bulk writes fast (one journal sync, not one per
 * statement). */
#ifndef NEWSKG_STORE_H
#define NEWSKG_STORE_H

#include <stddef.h>

#include "newskg/extract.h"
#include "newskg/status.h"
#include "newskg/world.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nkg_store nkg_store;

/* Opens the store named by `spec`:
 *   "sqlite:PATH"  Redland's SQLite storage in the file PATH, created (with
 *                  its tables) when the file does not exist yet;
 *   "memory"       indexed in-memory hashes, gone when freed.
 * `world` is borrowed and must outlive the store.  On success *out is a new
 * store, freed with nkg_store_free(); on failure *out is NULL and the
 * reason has gone to the error callback (NKG_ERR_ARG for a bad spec,
 * NKG_ERR_STORE when the storage cannot be opened). */
nkg_status nkg_store_open(nkg_world *world, const char *spec, nkg_store **out);

/* Frees the store; NULL is allowed.  An open transaction is rolled back. */
void nkg_store_free(nkg_store *store);

/* Starts, commits or rolls back the store's one transaction.  Nested
 * transactions are not supported (NKG_ERR_ARG). */
nkg_status nkg_store_begin(nkg_store *store);
nkg_status nkg_store_commit(nkg_store *store);
nkg_status nkg_store_rollback(nkg_store *store);

/* Counts from one load. */
typedef struct {
	size_t graphs;     /* named graphs replaced or created */
	size_t statements; /* statements added */
} nkg_load_stats;

/* Loads the RDF file `path` ("-" reads standard input) into the store.
 * `format` is a raptor parser name ("turtle", "ntriples", "nquads",
 * "rdfxml", "json" = RDF/JSON, "trig"), or NULL to choose by the file name
 * and then by the content.  Which graph each statement goes into:
 *   - `graph` when not NULL (every statement, whatever the file says);
 *   - else a statement's own graph (N-Quads, TriG);
 *   - else, for a file of triples that describes exactly one nkg:Article
 *     (newskg's output for one article), the article's IRI;
 *   - else the file's own IRI (file:///absolute/path).
 * Every graph the file fills is emptied first: loading the same file (or
 * the same article from another file) again replaces, never duplicates.
 * The file is parsed once completely before the store is touched, so a
 * file with a syntax error leaves the store as it was (NKG_ERR_RDF, with
 * the file, line and column reported).  Blank nodes are kept apart per
 * graph.  `stats` may be NULL; it is filled on success. */
nkg_status nkg_store_load_file(nkg_store *store, const char *path,
                               const char *format, const char *graph,
                               nkg_load_stats *stats);

/* Puts the graph of every article `extractor` has analysed into the store,
 * one named graph per article, each replacing any graph of the same name.
 * Both are borrowed.  `stats` may be NULL. */
nkg_status nkg_store_put_extracted(nkg_store *store, nkg_extractor *extractor,
                                   nkg_load_stats *stats);

/* Number of statements in the store (a statement held by two graphs
 * counts twice); 0 when it cannot be counted (reported). */
size_t nkg_store_size(nkg_store *store);

/* The store's `librdf_model *`, borrowed; for code that uses Redland
 * directly beside newskg. */
void *nkg_store_librdf_model(nkg_store *store);

#ifdef __cplusplus
}
#endif
#endif
