/* newskg: SPARQL over a store.
 *
 * Queries run on rasqal (through Redland).  The dataset is the store: each
 * of its graphs is a named graph, and the default graph is the union of all
 * of them.  FROM and FROM NAMED choose graphs of the store, or files (a
 * file: IRI, or a path relative to the working directory).
 *
 * What rasqal 0.9.33 cannot do is refused with NKG_ERR_UNSUPPORTED and a
 * message naming the construct, never answered wrongly: property paths,
 * EXISTS / NOT EXISTS, MINUS (which rasqal parses and then ignores),
 * SERVICE, SPARQL Update, and the FROM / FROM NAMED combinations whose
 * default graph would differ from the union of the named ones. */
#ifndef NEWSKG_QUERY_H
#define NEWSKG_QUERY_H

#include <stdio.h>

#include "newskg/status.h"
#include "newskg/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 when `name` is a results format: "table", "csv", "tsv", "json"
 * (SPARQL 1.1 Query Results JSON) or "xml" (SPARQL Query Results XML). */
int nkg_results_format_known(const char *name);

/* Runs the SPARQL query `text` over `store` and writes the results to
 * `out` in `format`.  SELECT results use the format as named; ASK prints
 * true/false in table, csv and tsv; CONSTRUCT and DESCRIBE write Turtle
 * (N-Triples when `format` is "ntriples").  `source` names the query in
 * messages ("query.rq", or NULL); a syntax error is reported with its line
 * and column (NKG_ERR_QUERY).  Everything is borrowed. */
nkg_status nkg_query_run(nkg_store *store, const char *text,
                         const char *source, const char *format, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
