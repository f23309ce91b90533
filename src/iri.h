/* Internal: what may be written between < and > in Turtle and N-Triples.
 * The reader checks the IRIs it is given (a JSON Lines "url") with it, so
 * that text from the web never turns into an output no parser reads. */
#ifndef NKG_IRI_H
#define NKG_IRI_H

#include <stddef.h>

/* 1 when `s` is an absolute IRI that Turtle and N-Triples can carry: a
 * scheme (a letter, then letters, digits, '+', '-' or '.') and ':', no
 * space, control character or any of <>"{}|^`\, and every '%' followed by
 * two hex digits.  Else 0, with the byte offset of the problem in *bad and
 * a short reason in *why (static). */
int nkg_iri_check(const char *s, size_t *bad, const char **why);

/* The prefix ("rdf", "wd", ...) of the namespace newskg writes terms of
 * (nkg_namespaces) that `iri` lies in, or NULL.  No article lives there:
 * a url such as rdf:type or a Wikidata entity would make the article that
 * term, and raptor refuses some of them outright (rdf:_x, not a number). */
const char *nkg_iri_vocabulary(const char *iri);

#endif
