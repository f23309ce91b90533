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
	/* the same with every run of plain Arabic letters cut to its first
	 * letter, what the break iterators read, and where each of its
	 * units is in u16 (n + 1 entries) */
	UChar *short16;
	int32_t *short_at;
	/* short16 with runs of lone words joined (nkg_join_words): what the
	 * break iterators read; where each unit is in u16; and the spaces
	 * joining cut out, as indexes in u16 */
	UChar *join16;
	int32_t *join_at, *gaps;
	UChar *norm16; /* one token's NFKC_Casefold (normalize.c) */
	int32_t norm_cap;
	/* what normalize.c's table path makes of each unit below
	 * NKG_SIMPLE_LIMIT: the folded character, 0 to drop, -1 for ICU */
	int16_t simple[0x700];
};

#define NKG_SIMPLE_LIMIT 0x700

/* Fills seg->simple (normalize.c). */
void nkg_normalize_init(struct nkg_segmenter *seg);

/* Writes u[0..n) with every run of plain Arabic letters (U+0621-063A,
 * U+0641-064A) cut to its first letter into out, and into at[j] where
 * out[j] came from (at[m] = n); returns m.  ICU's word and sentence
 * rules see one such letter as they see many (Word_Break ALetter,
 * Sentence_Break OLetter, never a boundary between two), and their cost
 * grows with the characters they read; test_text checks the two readings
 * give the same boundaries. */
int32_t nkg_shorten_letters(const UChar *u, int32_t n, UChar *out, int32_t *at);

/* Writes s[0..m) (from nkg_shorten_letters, positions in at[0..m]) into
 * out with every run of lone words joined by single spaces cut to its
 * first word, their positions into out_at (out_at[k] = at[m]), and the
 * positions of the spaces cut into gaps (*n_gaps of them, ascending);
 * returns k.  A lone word is a plain letter with a space or an end of
 * the text on either side: for ICU's word rules it is one token whatever
 * lies beyond the spaces, with one rule status, and each single space
 * between two is one token too; the sentence rules break nowhere inside
 * such a run.  So both iterators can read the joined text, and a word
 * token that covers a run is split again at the gaps. */
int32_t nkg_join_words(const UChar *s, const int32_t *at, int32_t m, UChar *out,
                       int32_t *out_at, int32_t *gaps, int32_t *n_gaps);

#endif
