/* Internal: a triple as the graph stage makes it, and where it goes.
 *
 * graph.c turns an analysed article into triples of plain strings and hands
 * each to a sink.  Two kinds of sink exist: a librdf model (graph_model.c:
 * the store, RDF/XML, RDF/JSON, DOT, queries) and the streaming writers
 * (writer.c: N-Triples, N-Quads, Turtle), which never build a model. */
#ifndef NKG_TRIPLE_H
#define NKG_TRIPLE_H

#include <stddef.h>

#include "newskg/status.h"

/* The object of a triple: an IRI, or a literal with a language tag or a
 * datatype (never both).  Subjects and predicates are always IRIs. */
typedef struct {
	const char *value;    /* IRI, or the literal's lexical form (UTF-8) */
	size_t len;           /* literal: bytes of value (it may be a slice);
	                         an IRI is NUL-terminated and len unused (0):
	                         no sink needs it, and strlen of every IRI
	                         object was a visible part of the graph stage */
	const char *lang;     /* literal: language tag, or NULL */
	const char *datatype; /* literal: datatype IRI, or NULL */
	int literal;
} nkg_term;

/* The triple describes something shared by articles (an actor, a product,
 * an incident that other articles may report too), not the article itself.
 * A writer of one merged graph writes such a triple once per run; a writer
 * of one graph per article writes it in every article that uses it. */
#define NKG_TRIPLE_SHARED 1u

/* The graph stage makes this triple once for the article, by the way the
 * article's graph is built (the article's own statements, a statement
 * node's detail, an entity's description): a sink need not look for a
 * repeat. */
#define NKG_TRIPLE_ONCE 2u

/* Receives one triple; every string is borrowed: a sink that keeps one
 * copies it.  The IRIs stay where they are, unchanged, until
 * nkg_graph_emit returns, and a predicate or a datatype is one of
 * newskg's vocabulary, a string constant, there for the whole run: a sink
 * may remember what it made of an IRI by its address, for the article,
 * or for the run.  Returns NKG_SUCCESS, or the status that stops the
 * article. */
typedef nkg_status (*nkg_triple_func)(void *handle, const char *s,
                                      const char *p, const nkg_term *o,
                                      unsigned flags);

typedef struct {
	nkg_triple_func triple;
	void *handle;
} nkg_sink;

#endif
