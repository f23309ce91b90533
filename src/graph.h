/* Internal: facts to RDF.  graph.c makes the triples of one analysed
 * article (doc.h) in a librdf model; output.c serialises a model. */
#ifndef NKG_GRAPH_H
#define NKG_GRAPH_H

#include <stdio.h>

#include <redland.h>

#include "doc.h"
#include "triple.h"
#include "newskg/status.h"
#include "newskg/world.h"

#define NKG_NS       "https://w3id.org/newskg/ontology#"
#define NKG_ENTITY_NS "https://w3id.org/newskg/entity/"
#define NKG_WD_NS    "http://www.wikidata.org/entity/"
#define NKG_RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

/* The prefixes every syntax with prefixes declares (prefix, namespace),
 * and their number; --base comes on top as inst:. */
#define NKG_N_NAMESPACES 11
extern const char *const nkg_namespaces[NKG_N_NAMESPACES][2];

/* Hands every statement about `doc` to `sink`: the article node, statement
 * nodes (nkg:Accusation, nkg:Denial) with their n-ary detail, nkg:accuses /
 * nkg:denies / nkg:targets edges, incidents (doc->incidents[i].iri must be
 * set) and a description (type, labels, owl:sameAs, ATT&CK id, partOf) of
 * every entity the facts use (graph.c).  Stops at the first failure of
 * the sink, which is reported with the article's file through `world`;
 * with a NULL world nothing is reported (threads render side by side). */
nkg_status nkg_graph_emit(nkg_world *world, const nkg_doc *doc,
                          const nkg_sink *sink);

/* nkg_graph_emit into a librdf model (graph_model.c).  With
 * `with_context`, the statements go into the named graph whose name is the
 * article IRI; adding the same article again adds nothing twice.  Nothing
 * is borrowed past the call. */
nkg_status nkg_graph_add_doc(nkg_world *world, librdf_model *model,
                             const nkg_doc *doc, int with_context);

/* Writes `model` to `out` in `format` ("turtle", "ntriples", "nquads",
 * "rdfxml", "json", "dot"), declaring newskg's prefixes and `base` as the
 * instance namespace where the syntax has prefixes. */
nkg_status nkg_graph_write(nkg_world *world, librdf_model *model,
                           const char *format, const char *base, FILE *out);

/* 1 when `format` is one of the names above. */
int nkg_graph_format_known(const char *format);

/* A new string: `s` made safe as the last segment of an IRI (lower-case
 * ASCII letters and digits kept, runs of space/punctuation become one '-',
 * any other character percent-encoded as UTF-8).  Same input, same output.
 * NULL when out of memory.  Caller frees. */
char *nkg_iri_slug(const char *s);

/* `url` as an absolute IRI in *out (a new string the caller frees), with
 * what an IRI may not hold (controls, space, <>"{}|^` and backslash)
 * percent-encoded; *out is NULL when `url` has no scheme: "example.org/a"
 * is no IRI.  NKG_ERR_NOMEM when out of memory. */
nkg_status nkg_iri_from_url(const char *url, char **out);

/* A new string: the file: IRI of the existing file `path` (made absolute,
 * symbolic links resolved, anything but unreserved characters and '/'
 * percent-encoded).  NULL when the file does not exist or out of memory.
 * Caller frees. */
char *nkg_file_iri(const char *path);

#endif
