/* Internal: incidents within an article and across a run. */
#ifndef NKG_RESOLVE_H
#define NKG_RESOLVE_H

#include "doc.h"
#include "newskg/status.h"
#include "rules.h"
#include "strmap.h"

/* The incident a sentence reports, merged with the article's incidents
 * that share a target, a vendor or a name; NKG_NONE when the sentence
 * reports none.  May create one in doc->incidents. */
size_t nkg_resolve_incident(nkg_doc *doc, const nkg_sentence_ctx *s);

/* A value of the run's incident index: the IRI minted for a key, and the
 * year that incident was given (0 while none was). One allocation: the
 * map's owner frees it with free(). */
typedef struct {
	int year;
	char iri[];
} nkg_incident_entry;

/* Links facts without an incident to the article's main incident, and
 * gives every incident its IRI from `iris` (key -> nkg_incident_entry).
 * The same key in another article gets the same IRI unless both give
 * different years: the Exchange hacks of 2021 and of 2023 are two.  An
 * incident nothing names is the article's own: its IRI is made from the
 * article's slug (set before the call) and kept in the doc, not in `iris`.
 * *new_incidents (may be NULL) gets how many incidents the run had not
 * seen before. */
nkg_status nkg_resolve_doc(nkg_doc *doc, nkg_strmap *iris, size_t *new_incidents);

#endif
