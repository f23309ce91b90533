/* newskg: Arabic news about cyber incidents to an RDF knowledge graph.
 *
 * Ownership, stated once for the whole API: a function returning a pointer
 * from *_new gives it to the caller, who frees it with the matching *_free
 * (all accept NULL); pointers passed in are borrowed unless the comment says
 * "takes"; strings passed in are copied when kept. */
#ifndef NEWSKG_NEWSKG_H
#define NEWSKG_NEWSKG_H

#include "newskg/status.h"
#include "newskg/world.h"
#include "newskg/article.h"
#include "newskg/lexicon.h"
#include "newskg/extract.h"
#include "newskg/store.h"
#include "newskg/query.h"
#include "newskg/push.h"
#include "newskg/writer.h"

#define NKG_VERSION "0.1.0"

#endif
