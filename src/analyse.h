/* Internal: one article through segmentation, matching, chunking, rules
 * and incident resolution within the article — everything that needs
 * nothing from other articles, so threads can do it side by side. */
#ifndef NKG_ANALYSE_H
#define NKG_ANALYSE_H

#include "doc.h"
#include "lexicon_impl.h"
#include "newskg/article.h"
#include "text.h"

/* An analysed article.  doc->slug and doc->iri are still NULL and its
 * incidents have no IRI: naming is the run's business (extract.c). */
typedef struct {
	nkg_doc *doc;
	unsigned char *quiet; /* per sentence: held a trigger but gave no fact */
} nkg_analysed;

/* Analyses `article` (borrowed; what is kept is copied).  `seg` is the
 * calling thread's own; `lexicon` is only read, so threads may share it;
 * `base` (borrowed, must outlive the result) names minted entities.
 * The article must be text (nkg_article_check), as the reader's are.
 * Reports nothing: the caller reports a failure (NKG_ERR_NOMEM, or what
 * segmentation returned) for its article, in article order. */
nkg_status nkg_analyse(nkg_segmenter *seg, const nkg_lexicon *lexicon,
                       const char *base, const nkg_article *article,
                       nkg_analysed *out);

/* Frees what *a holds and zeroes it; a zeroed one is allowed. */
void nkg_analysed_clear(nkg_analysed *a);

/* Frees a doc and all it owns; NULL is allowed. */
void nkg_doc_free(nkg_doc *doc);

#endif
