/* Shared by the extract and lexicon fuzz targets: write an extractor's
 * graph, parse it back with raptor, and check it.  Fails (aborts) when the
 * output does not parse, when an IRI in it is not absolute or holds a
 * character IRIs may not, and, given the articles, when an evidence
 * literal is not exactly the code points [nif:beginIndex, nif:endIndex) of
 * an article or a title or identifier is not an article's byte for byte. */
#ifndef NKG_FUZZ_RDFCHECK_H
#define NKG_FUZZ_RDFCHECK_H

#include "fuzz.h"

typedef struct {
	nkg_article **v;
	size_t n;
} fuzz_articles;

/* `format`: one nkg_extractor_write knows that raptor parses (not dot);
 * `as` may be NULL (no article oracle). */
void fuzz_write_and_check(nkg_extractor *x, const char *format, const fuzz_articles *as);

#endif
