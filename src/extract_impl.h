/* Internal: the run's view for the other modules of the library (the
 * threaded pipeline, --explain). */
#ifndef NKG_EXTRACT_IMPL_H
#define NKG_EXTRACT_IMPL_H

#include "analyse.h"
#include "newskg/extract.h"

/* Takes the result of nkg_analyse for `article` (`analysed` is what it
 * returned): reports a failure, else names the article, resolves its
 * incidents against the run, counts it, and writes or keeps it.  Must be
 * called in article order, from one thread at a time; *a is cleared. */
nkg_status nkg_extractor_commit(nkg_extractor *x, const nkg_article *article,
                                nkg_status analysed, nkg_analysed *a);

/* With `discard`, committed articles are named and counted, then dropped
 * (no writer, not kept): the benchmark's "resolve" stage. */
void nkg_extractor_set_discard(nkg_extractor *x, int discard);

const char *nkg_extractor_base(const nkg_extractor *x);
const nkg_lexicon *nkg_extractor_lexicon(const nkg_extractor *x);

/* The kept articles (none once a writer is set). */
size_t nkg_extractor_n_docs(const nkg_extractor *x);
const nkg_doc *nkg_extractor_doc(const nkg_extractor *x, size_t i,
                                 const unsigned char **quiet);

#endif
