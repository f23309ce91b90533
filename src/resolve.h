/* Internal: incidents within an article and across a run. */
#ifndef NKG_RESOLVE_H
#define NKG_RESOLVE_H

#include "doc.h"
#include "newskg/status.h"
#include "rules.h"
#include "strset.h"

/* The incident a sentence reports, merged with the article's incidents
 * that share a target, a vendor or a name; NKG_NONE when the sentence
 * reports none.  May create one in doc->incidents. */
size_t nkg_resolve_incident(nkg_doc *doc, const nkg_sentence_ctx *s);

/* Links facts without an incident to the article's main incident, and
 * gives every incident its key and IRI (doc-owned).  `run` is the run's
 * index of incidents named by what they hit (key -> the first year given):
 * the same key in another article gets the same IRI unless both give
 * different years: the Exchange hacks of 2021 and of 2023 are two.  An
 * incident nothing names is the article's own: its key is made from the
 * article's slug (set before the call) and stays out of `run`.
 * *new_incidents (may be NULL) gets how many incidents the run had not
 * seen before. */
nkg_status nkg_resolve_doc(nkg_doc *doc, nkg_strset *run, size_t *new_incidents);

#endif
