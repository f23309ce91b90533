/* Internal: the segmenter's ICU objects and scratch buffers, shared by
 * segment.c and normalize.c.  Everything here belongs to one thread. */
#ifndef NKG_SEGMENT_IMPL_H
#define NKG_SEGMENT_IMPL_H

#include <stdint.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>

#include "text.h"

struct nkg_segmenter {
	UBreakIterator *words;
	UBreakIterator *sentences;
	const UNormalizer2 *nfkc_cf; /* owned by ICU, never freed */
	/* the article being segmented, in UTF-16 (this and the arrays
	 * below have room for u16_cap units) */
	UChar *u16;
	size_t u16_cap;
	/* the same with every run of plain Arabic letters cut to its first
	 * letter (nkg_shorten_letters), and where each of its units is in
	 * u16, in bytes and in code points (m + 1 entries) */
	UChar *short16;
	int32_t *short_at;
	uint32_t *short_byte, *short_cp;
	/* short16 with runs of lone words joined (nkg_join_words): what the
	 * break iterators read; where each unit is in short16; and the
	 * spaces joining cut out, as indexes in short16 */
	UChar *join16;
	int32_t *join_at, *gaps;
	UChar *norm16; /* one token's NFKC_Casefold (normalize.c) */
	/* an article's sentence boundaries (segment.c), and how many tokens
	 * lie before each; bounds_cap entries each */
	int32_t *bounds;
	size_t *bound_before, bounds_cap;
	int32_t norm_cap;
	/* the arrays of the last text recycled (nkg_text_recycle), none of
	 * them in use: the next article's tokens, norms and sentences */
	nkg_text spare;
	/* what normalize.c's table path makes of each unit below
	 * NKG_SIMPLE_LIMIT, and (the last) of any other */
	struct nkg_fold {
		uint64_t count;         /* UTF-8 bytes, + code points << 32 */
		unsigned char utf8[2];  /* the folded character's bytes (count of them) */
		uint32_t flags;         /* NKG_FOLD_ bits */
	} fold[0x701];
};

#define NKG_SIMPLE_LIMIT 0x700

/* seg->fold holds the folded character already in UTF-8, and what it
 * adds to the lengths, so the table path does no arithmetic per
 * character.  NKG_FOLD_LATIN marks a unit below U+0250 that is
 * alphabetic, segment.c's test for a Latin token, so that it needs no
 * pass of its own; NKG_FOLD_ICU a unit only ICU normalises. */
#define NKG_FOLD_LATIN 1u
#define NKG_FOLD_ICU 2u

/* Fills seg->fold (normalize.c). */
void nkg_normalize_init(struct nkg_segmenter *seg);

/* The table path of nkg_normalize_append: writes the normalised form of
 * src[0..len) and a NUL at o (room for 2 * len + 1 bytes), its length in
 * bytes and code points into *n_bytes and *n_chars, and returns the
 * NKG_FOLD_ bits of the units or'ed together.  When that holds
 * NKG_FOLD_ICU, nothing it wrote or set means anything.  Inline because
 * segment.c runs it on every token. */
static inline uint32_t nkg_normalize_table(const struct nkg_segmenter *seg, const UChar *src,
                                           int32_t len, char *o, size_t *n_bytes,
                                           size_t *n_chars)
{
	const struct nkg_fold *fold = seg->fold;
	const UChar *end = src + len;
	uint64_t count = 0; /* bytes in the low half: 2 * INT32_MAX of them fit */
	uint32_t any = 0;
	for (; src < end; src++) {
		unsigned x = *src;
		const struct nkg_fold *f = fold + (x < NKG_SIMPLE_LIMIT ? x : NKG_SIMPLE_LIMIT);
		/* both bytes written every time, kept as many as there are */
		memcpy(o + (uint32_t)count, f->utf8, 2);
		count += f->count;
		any |= f->flags;
	}
	o[(uint32_t)count] = '\0';
	*n_bytes = (uint32_t)count;
	*n_chars = (size_t)(count >> 32);
	return any;
}

#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
#include <emmintrin.h>

/* The table path for a token of 1 to 8 plain Arabic letters (U+0621-063A,
 * U+0641-064A), a step of SSE2 for the whole token: returns 0 when src
 * holds anything else, else writes the normalised form and a NUL at o
 * (2 * len bytes; room for 17) as nkg_normalize_table would, with no
 * NKG_FOLD_ bits.  src[len..8) is read and ignored.  Most tokens are
 * such words, and the table path's loop over them left its exit to the
 * branch predictor: about one miss a token. */
static inline int nkg_normalize_letters8(const UChar *src, int32_t len, char *o)
{
	const __m128i c = _mm_loadu_si128((const __m128i *)(const void *)src);
	const __m128i lane = _mm_set_epi16(7, 6, 5, 4, 3, 2, 1, 0);
	__m128i in = _mm_cmplt_epi16(lane, _mm_set1_epi16((short)len));
	__m128i plain = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi16(c, _mm_set1_epi16(0x0620)),
	                                           _mm_cmplt_epi16(c, _mm_set1_epi16(0x063B))),
	                             _mm_and_si128(_mm_cmpgt_epi16(c, _mm_set1_epi16(0x0640)),
	                                           _mm_cmplt_epi16(c, _mm_set1_epi16(0x064B))));
	__m128i alef, f;
	if (_mm_movemask_epi8(_mm_andnot_si128(plain, in)))
		return 0;
	/* alef with hamza or madda to alef, alef maksura to ya, ta marbuta
	 * to ha (normalize.c's simple_fold) */
	alef = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(c, _mm_set1_epi16(0x0622)),
	                                 _mm_cmpeq_epi16(c, _mm_set1_epi16(0x0623))),
	                    _mm_cmpeq_epi16(c, _mm_set1_epi16(0x0625)));
	f = _mm_add_epi16(c, _mm_and_si128(alef, _mm_sub_epi16(_mm_set1_epi16(0x0627), c)));
	f = _mm_add_epi16(f, _mm_and_si128(_mm_cmpeq_epi16(c, _mm_set1_epi16(0x0649)),
	                                   _mm_set1_epi16(0x064A - 0x0649)));
	f = _mm_add_epi16(f, _mm_and_si128(_mm_cmpeq_epi16(c, _mm_set1_epi16(0x0629)),
	                                   _mm_set1_epi16(0x0647 - 0x0629)));
	/* two bytes a letter, lead first: the low byte of each lane */
	f = _mm_or_si128(_mm_or_si128(_mm_srli_epi16(f, 6), _mm_set1_epi16(0xC0)),
	                 _mm_or_si128(_mm_slli_epi16(_mm_and_si128(f, _mm_set1_epi16(0x3F)), 8),
	                              _mm_set1_epi16((short)0x8000)));
	_mm_storeu_si128((__m128i *)(void *)o, f);
	o[2 * len] = '\0';
	return 1;
}
#endif

/* Room for `more` bytes after b->len: 0, or -1 when out of memory (b is
 * then as it was).  The check is inline, since every token asks; the
 * growth, by doubling, is nkg_strbuf_grow's. */
int nkg_strbuf_grow(nkg_strbuf *b, size_t more);

static inline int nkg_strbuf_reserve(nkg_strbuf *b, size_t more)
{
	return b->len + more <= b->cap ? 0 : nkg_strbuf_grow(b, more);
}

/* The ICU path of nkg_normalize_append, for what the table path left. */
nkg_status nkg_normalize_icu(struct nkg_segmenter *seg, const UChar *src, int32_t len,
                             nkg_strbuf *out, size_t *n_bytes, size_t *n_chars);

/* Writes u[0..n) with every run of plain Arabic letters (U+0621-063A,
 * U+0641-064A) cut to its first letter into out, and into at[j] where
 * out[j] came from (at[m] = n); returns m.  ICU's word and sentence
 * rules see one such letter as they see many (Word_Break ALetter,
 * Sentence_Break OLetter, never a boundary between two), and their cost
 * grows with the characters they read; test_text checks the two readings
 * give the same boundaries.  segment.c's decoder shortens so as it goes. */
int32_t nkg_shorten_letters(const UChar *u, int32_t n, UChar *out, int32_t *at);

/* Writes s[0..m) (from nkg_shorten_letters, positions in at[0..m]) into
 * out with every run of lone words joined by single spaces cut to its
 * first word, their positions into out_at (out_at[k] = at[m]), and the
 * positions of the spaces cut into gaps (*n_gaps of them, ascending;
 * room for m); returns k, or -1 when out of memory.  A lone word is a plain letter with a space or the start of
 * the text before it, and after it a space, the end of the text or a
 * character no word rule lets a letter take (a comma, quote, bracket,
 * line feed, question or exclamation mark; a full stop or colon before a
 * space, a line feed or the end).  For ICU's word rules each is one token
 * with one rule status, whatever lies beyond, and each single space
 * between two is one token too: ICU finds each boundary from the one
 * before and the text after it, so a run that starts with a lone word
 * is read up to the character after it as its last word is.  The
 * sentence rules break nowhere inside such a run, and what follows it
 * has a letter before it either way.  So both iterators can read the
 * joined text, and a word token that covers a run is split again at the
 * gaps. */
int32_t nkg_join_words(const UChar *s, const int32_t *at, int32_t m, UChar *out,
                       int32_t *out_at, int32_t *gaps, int32_t *n_gaps);

#endif
