/* Internal: the run's view for the other modules of the library (the
 * threaded pipeline, --explain). */
#ifndef NKG_EXTRACT_IMPL_H
#define NKG_EXTRACT_IMPL_H

#include "analyse.h"
#include "newskg/extract.h"
#include "writer_impl.h"

/* Takes the result of nkg_analyse for `article` (`analysed` is what it
 * returned): reports a failure, else names the article, resolves its
 * incidents against the run and counts it.  Without a writer the article
 * is then kept (or dropped: nkg_extractor_set_discard) and *a cleared;
 * with one, *a keeps the named article for rendering, unless the status
 * is a failure.  In article order, from one thread at a time. */
nkg_status nkg_extractor_name(nkg_extractor *x, const nkg_article *article,
                              nkg_status analysed, nkg_analysed *a);

/* The writer set, or NULL. */
nkg_writer *nkg_extractor_writer(const nkg_extractor *x);

/* Writes a named article `a`, rendered into `r` (any thread may have
 * rendered it), and clears *a.  In article order, from the thread that
 * names. */
nkg_status nkg_extractor_put(nkg_extractor *x, nkg_analysed *a, nkg_render *r);

/* nkg_extractor_name, then rendering and writing in the same thread. */
nkg_status nkg_extractor_commit(nkg_extractor *x, const nkg_article *article,
                                nkg_status analysed, nkg_analysed *a);

/* nkg_extractor_add for an article known to be text (nkg_article_check):
 * one from the reader, which checked it as it read, so that a run does not
 * check every byte twice. */
nkg_status nkg_extractor_add_text(nkg_extractor *x, const nkg_article *article);

/* With `discard`, committed articles are named and counted, then dropped
 * (no writer, not kept): the benchmark's "resolve" stage. */
void nkg_extractor_set_discard(nkg_extractor *x, int discard);

const char *nkg_extractor_base(const nkg_extractor *x);

/* The segmenter of the extractor's own thread (nkg_extractor_add's), which
 * the threaded run lends the calling thread instead of making another. */
nkg_segmenter *nkg_extractor_segmenter(nkg_extractor *x);
const nkg_lexicon *nkg_extractor_lexicon(const nkg_extractor *x);

/* The kept articles (none once a writer is set). */
size_t nkg_extractor_n_docs(const nkg_extractor *x);
const nkg_doc *nkg_extractor_doc(const nkg_extractor *x, size_t i,
                                 const unsigned char **quiet);

#endif
