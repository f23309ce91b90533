/* newskg: streaming writers.
 *
 * A writer turns each article's graph into text as soon as the article is
 * analysed (nkg_extractor_set_writer), so a run of any size needs memory
 * for one article, not for the graph of all of them.  Three syntaxes
 * stream:
 *   "nquads"    one named graph per article (the article's IRI), each graph
 *               complete: the actors it names are described in it;
 *   "ntriples"  the merged graph; a statement about an actor or a shared
 *               incident is written the first time, never again;
 *   "turtle"    the same merged graph, prefixes once, then one block per
 *               article with a paragraph per subject.
 * Within an article the statements are sorted, so the same input in the
 * same order gives byte-identical output.  Text is UTF-8 throughout. */
#ifndef NEWSKG_WRITER_H
#define NEWSKG_WRITER_H

#include <stdio.h>

#include "newskg/status.h"
#include "newskg/world.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nkg_writer nkg_writer;

/* 1 when `format` is one of the streaming syntaxes above. */
int nkg_format_streams(const char *format);

/* A writer of `format` to `out`.  `world` and `out` are borrowed and must
 * outlive the writer (the caller closes `out`); `base` (copied; NULL for
 * the default) is declared as the inst: prefix in Turtle.  NULL when out
 * of memory or when `format` does not stream. */
nkg_writer *nkg_writer_new(nkg_world *world, const char *format,
                           const char *base, FILE *out);

/* Frees the writer, not `out`; NULL is allowed. */
void nkg_writer_free(nkg_writer *writer);

/* Writes what a document needs at its end (the Turtle prefixes when no
 * article came) and flushes `out`.  NKG_ERR_IO when `out` failed at any
 * point (errno then says why). */
nkg_status nkg_writer_finish(nkg_writer *writer);

/* Statements written so far. */
size_t nkg_writer_statements(const nkg_writer *writer);

#ifdef __cplusplus
}
#endif
#endif
