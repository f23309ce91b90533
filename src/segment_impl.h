/* Internal: the segmenter's ICU objects, shared by segment.c and
 * normalize.c. */
#ifndef NKG_SEGMENT_IMPL_H
#define NKG_SEGMENT_IMPL_H

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>

struct nkg_segmenter {
	UBreakIterator *words;
	UBreakIterator *sentences;
	const UNormalizer2 *nfkc_cf; /* owned by ICU, never freed */
};

#endif
