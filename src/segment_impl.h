/* Internal: the segmenter's ICU objects and scratch buffers, shared by
 * segment.c and normalize.c.  Everything here belongs to one thread. */
#ifndef NKG_SEGMENT_IMPL_H
#define NKG_SEGMENT_IMPL_H

#include <stdint.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>

struct nkg_segmenter {
	UBreakIterator *words;
	UBreakIterator *sentences;
	const UNormalizer2 *nfkc_cf; /* owned by ICU, never freed */
	/* the article being segmented, in UTF-16, and where each UTF-16
	 * index falls in the text as read (n + 1 entries each) */
	UChar *u16;
	uint32_t *cp, *byte;
	size_t u16_cap;
	UChar *norm16; /* one token's NFKC_Casefold (normalize.c) */
	int32_t norm_cap;
};

#endif
