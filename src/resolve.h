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

/* Links facts without an incident to the article's main incident, and
 * gives every incident its IRI from `iris` (key -> IRI, owned by the map's
 * owner; the same key in another article gets the same IRI). */
nkg_status nkg_resolve_doc(nkg_doc *doc, nkg_strmap *iris);

#endif
