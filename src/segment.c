/* Sentence and word segmentation with ICU.  The article is decoded once
 * into UTF-16 and, in the same pass, into the shorter text the break
 * iterators read, whose every unit keeps its place in the text as read
 * (UTF-16 index, byte and code point offsets): a token or sentence found
 * by ICU points back into the article through them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
#include <emmintrin.h>
#endif

#include "segment_impl.h"
#include "text.h"
#include "utf8.h"

nkg_segmenter *nkg_segmenter_new(void)
{
	UErrorCode err = U_ZERO_ERROR;
	nkg_segmenter *seg = calloc(1, sizeof *seg);

	if (!seg)
		return NULL;
	seg->words = ubrk_open(UBRK_WORD, "ar", NULL, 0, &err);
	if (U_SUCCESS(err))
		seg->sentences = ubrk_open(UBRK_SENTENCE, "ar", NULL, 0, &err);
	if (U_SUCCESS(err))
		seg->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
	nkg_normalize_init(seg);
	if (U_FAILURE(err)) {
		nkg_segmenter_free(seg);
		return NULL;
	}
	return seg;
}

/* Scratch for an article is kept for the next one up to this many UTF-16
 * units (some 26 bytes each): a rare huge article does not pin its
 * memory for the rest of the run. */
#define KEEP_UNITS ((size_t)1 << 20)

static void u16_release(nkg_segmenter *seg)
{
	free(seg->u16);
	free(seg->short16);
	free(seg->short_at);
	free(seg->short_byte);
	free(seg->short_cp);
	free(seg->join16);
	free(seg->join_at);
	free(seg->gaps);
	seg->u16 = seg->short16 = seg->join16 = NULL;
	seg->short_byte = seg->short_cp = NULL;
	seg->short_at = seg->join_at = seg->gaps = NULL;
	seg->u16_cap = 0;
}

void nkg_segmenter_free(nkg_segmenter *seg)
{
	if (!seg)
		return;
	if (seg->words)
		ubrk_close(seg->words);
	if (seg->sentences)
		ubrk_close(seg->sentences);
	u16_release(seg);
	nkg_text_clear(&seg->spare);
	free(seg->norm16);
	free(seg->bounds);
	free(seg->bound_before);
	free(seg);
}

void nkg_text_clear(nkg_text *text)
{
	if (!text)
		return;
	free(text->tokens);
	free(text->sentences);
	free(text->sent_tok);
	free(text->norm_buf);
	memset(text, 0, sizeof *text);
}

/* Tokens kept for the next article, at most (some 64 bytes each, and
 * norms and sentences in proportion): as KEEP_UNITS. */
#define KEEP_TOKENS ((size_t)1 << 16)

void nkg_text_recycle(nkg_segmenter *seg, nkg_text *text)
{
	if (!text)
		return;
	if (!seg || text->tokens_cap > KEEP_TOKENS) {
		nkg_text_clear(text);
		return;
	}
	nkg_text_clear(&seg->spare);
	seg->spare = *text;
	memset(text, 0, sizeof *text);
}

/* Makes sure *arr has room for n elements of `size`, its contents lost
 * (it is written afresh): a spare array too small is replaced, not
 * moved with realloc's copy. */
static int room(void *arr, size_t *cap, size_t n, size_t size)
{
	void *p;
	if (n <= *cap)
		return 0;
	free(*(void **)arr);
	*(void **)arr = NULL;
	*cap = 0;
	if (!(p = malloc(n * size)))
		return -1;
	*(void **)arr = p;
	*cap = n;
	return 0;
}

/* The article, in the segmenter's buffers (borrowed).  Positions are
 * indexes in the shortened text sh (nkg_shorten_letters): every unit of
 * the article but a plain letter after a plain letter starts a unit of
 * sh, and every boundary of a token or sentence is at one. */
typedef struct {
	const UChar *u;       /* the article in UTF-16 */
	int32_t n;
	const UChar *sh;      /* the shortened text */
	int32_t m;
	const int32_t *at;    /* at[j]: index in u of sh[j] (m+1 entries) */
	const uint32_t *byte; /* byte[j]: its byte offset (m+1 entries) */
	const uint32_t *cp;   /* cp[j]: its code point offset (m+1 entries), NULL
	                       * when that is at[j] (no surrogate pair) */
	const UChar *s;       /* sh with lone words joined: what the iterators read */
	int32_t ns;
	const int32_t *sj;    /* sj[k]: index in sh of s[k] (ns+1 entries) */
	const int32_t *gaps;  /* indexes in sh of the spaces joining cut out */
	int32_t n_gaps;
} u16_text;

/* How many tokens come before each sentence boundary, counted as the
 * tokens are appended, so that build_sentences does not read every token
 * again (a cache line each) to find where its sentences start. */
typedef struct {
	const int32_t *b; /* the boundaries, units of the short text, ascending */
	size_t n, next;   /* how many; the first one no token has reached */
	size_t at;        /* the byte offset of b[next] (SIZE_MAX: none left) */
	size_t *before;   /* before[i]: tokens before b[i] (n entries) */
} bound_count;

/* Units of the segmenter's short text before and after the article's:
 * spaces, so that join_words reads two units before and 8 + 3 from any
 * unit with no test of where it is. */
#define SH_BEFORE 2
#define SH_AFTER 11

static int is_plain_letter(uint32_t c)
{
	return (c - 0x0621 <= 0x063A - 0x0621) | (c - 0x0641 <= 0x064A - 0x0641);
}

int32_t nkg_shorten_letters(const UChar *u, int32_t n, UChar *out, int32_t *at)
{
	int32_t i, m = 0;
	int prev = 0;
	for (i = 0; i < n; i++) {
		int plain = is_plain_letter(u[i]);
		/* written every time, kept only when not a letter after a letter:
		 * no branch to mispredict in a text of words */
		out[m] = u[i];
		at[m] = i;
		m += !(plain & prev);
		prev = plain;
	}
	at[m] = n;
	return m;
}

/* Whether a plain letter before s[i] (i <= m, the end) is a word by
 * itself for ICU, whatever came before the letter: s[i] is a space, the
 * end, or a character no word rule joins to a letter (Word_Break MidNum,
 * Double_Quote, LF or Other), or a full stop or colon (MidNumLet,
 * MidLetter) with no letter after it, nor a mark that could come before
 * one. */
#if !defined(__SSE2__) || defined(NKG_NO_SSE2)
static int ends_word(const UChar *s, int32_t i, int32_t m)
{
	if (i == m)
		return 1;
	switch (s[i]) {
	case ' ': case ',': case 0x060C: case '"': case 0x201C: case 0x201D: case 0x00AB:
	case 0x00BB: case '(': case ')': case '\n': case '!': case '?': case 0x061F:
		return 1;
	case '.': case ':':
		return i + 1 == m || s[i + 1] == ' ' || s[i + 1] == '\n';
	default:
		return 0;
	}
}
#endif

#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
#define EQ8(x, c) _mm_cmpeq_epi16((x), _mm_set1_epi16((short)(c)))

static __m128i plain8(__m128i c)
{
	return _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi16(c, _mm_set1_epi16(0x0620)),
	                                  _mm_cmplt_epi16(c, _mm_set1_epi16(0x063B))),
	                    _mm_and_si128(_mm_cmpgt_epi16(c, _mm_set1_epi16(0x0640)),
	                                  _mm_cmplt_epi16(c, _mm_set1_epi16(0x064B))));
}

/* Bit i: whether s[i] (i < 8) is a space between two lone words
 * (nkg_join_words), as ends_word reads them, with s[-2..-1] and what
 * follows the text spaces. */
static unsigned join_mask8(const UChar *s)
{
#define LOAD8(o) _mm_loadu_si128((const __m128i *)(const void *)(s + (o)))
	const __m128i e = LOAD8(2), e1 = LOAD8(3);
	/* ' ', ',', '"', '(', ')', LF, '!', '?', Arabic comma and question
	 * mark, « » (AB, BB) and “ ” (201C, 201D) */
	__m128i ends = _mm_or_si128(_mm_or_si128(_mm_or_si128(EQ8(e, ' '), EQ8(e, ',')),
	                                         _mm_or_si128(EQ8(e, '"'), EQ8(e, '('))),
	                            _mm_or_si128(_mm_or_si128(EQ8(e, ')'), EQ8(e, '\n')),
	                                         _mm_or_si128(EQ8(e, '!'), EQ8(e, '?'))));
	__m128i stop = _mm_and_si128(_mm_or_si128(EQ8(e, '.'), EQ8(e, ':')),
	                             _mm_or_si128(EQ8(e1, ' '), EQ8(e1, '\n')));
	__m128i j = _mm_and_si128(EQ8(LOAD8(0), ' '), EQ8(LOAD8(-2), ' '));
	ends = _mm_or_si128(ends, _mm_or_si128(_mm_or_si128(EQ8(e, 0x060C), EQ8(e, 0x061F)),
	                                       _mm_or_si128(EQ8(_mm_or_si128(e, _mm_set1_epi16(0x10)), 0xBB),
	                                                    EQ8(_mm_or_si128(e, _mm_set1_epi16(1)), 0x201D))));
	j = _mm_and_si128(j, _mm_and_si128(plain8(LOAD8(1)), plain8(LOAD8(-1))));
	j = _mm_and_si128(j, _mm_or_si128(ends, stop));
#undef LOAD8
	return (unsigned)_mm_movemask_epi8(_mm_packs_epi16(j, _mm_setzero_si128()));
}

/* nkg_join_words with indexes in s for positions: into out_j (out_j[k]
 * = m) and gaps (room for m).  s[-2..-1] and s[m..m+10] are spaces
 * (SH_BEFORE, SH_AFTER), which read as the start and the end of the text
 * do.  Whether a space joins depends only on the units around it, so 8
 * are decided at once; then every unit is written and kept or not by
 * arithmetic.  A branch on it would follow the punctuation, which no
 * predictor foresees: it missed 400K times on 1k articles. */
static int32_t join_words(const UChar *s, int32_t m, UChar *out, int32_t *out_j,
                          int32_t *gaps, int32_t *n_gaps)
{
	int32_t j0, k = 0, g = 0;
	unsigned prev = 0; /* whether the unit before joined */
	for (j0 = 0; j0 < m; j0 += 8) {
		unsigned mask = join_mask8(s + j0);
		int32_t j, end = m - j0 < 8 ? m : j0 + 8;
		for (j = j0; j < end; j++, mask >>= 1) {
			unsigned join = mask & 1;
			out[k] = s[j];
			out_j[k] = j;
			k += (int32_t)!(join | prev); /* the word after the space goes with it */
			gaps[g] = j;
			g += (int32_t)join;
			prev = join;
		}
	}
	out_j[k] = m;
	*n_gaps = g;
	return k;
}
#else
/* nkg_join_words with indexes in s for positions: into out_j (out_j[k]
 * = m) and gaps. */
static int32_t join_words(const UChar *s, int32_t m, UChar *out, int32_t *out_j,
                          int32_t *gaps, int32_t *n_gaps)
{
	int32_t j, k = 0, g = 0;
	for (j = 0; j < m; j++) {
		/* a space between two lone words (nkg_join_words) */
		if (s[j] == ' ' && j > 0 && j + 1 < m && is_plain_letter(s[j + 1]) &&
		    ends_word(s, j + 2, m) && is_plain_letter(s[j - 1]) &&
		    (j == 1 || s[j - 2] == ' ')) {
			gaps[g++] = j;
			j++; /* the word after the space goes with it */
			continue;
		}
		out[k] = s[j];
		out_j[k++] = j;
	}
	out_j[k] = m;
	*n_gaps = g;
	return k;
}
#endif

/* Copies s[0..m) between spaces, as the segmenter keeps its short text. */
static UChar *pad_spaces(const UChar *s, int32_t m)
{
	UChar *p = malloc(((size_t)m + SH_BEFORE + SH_AFTER) * sizeof *p);
	int32_t i;
	if (!p)
		return NULL;
	for (i = 0; i < SH_BEFORE; i++)
		p[i] = ' ';
	memcpy(p + SH_BEFORE, s, (size_t)m * sizeof *s);
	for (i = 0; i < SH_AFTER; i++)
		p[SH_BEFORE + m + i] = ' ';
	return p;
}

int32_t nkg_join_words(const UChar *s, const int32_t *at, int32_t m, UChar *out,
                       int32_t *out_at, int32_t *gaps, int32_t *n_gaps)
{
	UChar *p = pad_spaces(s, m);
	int32_t k, i;
	if (!p)
		return -1;
	k = join_words(p + SH_BEFORE, m, out, out_at, gaps, n_gaps);
	free(p);
	for (i = 0; i <= k; i++)
		out_at[i] = at[out_at[i]];
	for (i = 0; i < *n_gaps; i++)
		gaps[i] = at[gaps[i]];
	return k;
}

/* Units of the segmenter's UTF-16 text after its end (zero), so that a
 * token's 8 units can be read at once (nkg_normalize_letters8). */
#define U_AFTER 8

/* Room for an article of `units` UTF-16 units in the segmenter (and
 * U_AFTER more in u16). */
static int u16_reserve(nkg_segmenter *seg, size_t units)
{
	void *p;
	if (units <= seg->u16_cap)
		return 0;
	if (!(p = realloc(seg->u16, (units + U_AFTER) * sizeof *seg->u16)))
		return -1;
	seg->u16 = p;
	if (!(p = realloc(seg->short16, (units + SH_BEFORE + SH_AFTER) * sizeof *seg->short16)))
		return -1;
	seg->short16 = p;
	if (!(p = realloc(seg->short_at, units * sizeof *seg->short_at)))
		return -1;
	seg->short_at = p;
	if (!(p = realloc(seg->short_byte, units * sizeof *seg->short_byte)))
		return -1;
	seg->short_byte = p;
	if (!(p = realloc(seg->short_cp, units * sizeof *seg->short_cp)))
		return -1;
	seg->short_cp = p;
	if (!(p = realloc(seg->join16, units * sizeof *seg->join16)))
		return -1;
	seg->join16 = p;
	if (!(p = realloc(seg->join_at, units * sizeof *seg->join_at)))
		return -1;
	seg->join_at = p;
	if (!(p = realloc(seg->gaps, units * sizeof *seg->gaps)))
		return -1;
	seg->gaps = p;
	seg->u16_cap = units;
	return 0;
}

/* Code point offsets of the units of sh into cp, for a text with
 * surrogate pairs (from valid UTF-8: every lead has its trail): a trail
 * is where its lead is. */
static void fill_cp(const UChar *u, int32_t n, const int32_t *at, int32_t m, uint32_t *cp)
{
	int32_t i = 0, j;
	uint32_t trails = 0;
	for (j = 0; j <= m; j++) {
		for (; i <= at[j] && i < n; i++)
			trails += U16_IS_TRAIL(u[i]);
		cp[j] = (uint32_t)at[j] - trails;
	}
}

#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
/* How many of the 8 characters at p (16 bytes) are plain letters before
 * any other; all 8 go to u, decoded as if of two bytes.  A run of letters
 * in a word is taken in one step: no loop over its letters, whose exit
 * the branch predictor would miss once or twice a word. */
static unsigned plain_run8(const unsigned char *p, UChar *u)
{
	const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	const __m128i lead = _mm_and_si128(x, _mm_set1_epi16(0xFF)); /* little-endian lanes */
	const __m128i trail = _mm_srli_epi16(x, 8);
	/* D8 A1-BA and D9 81-8A; bytes compare right as signed 16-bit lanes */
	__m128i d8 = _mm_and_si128(_mm_cmpgt_epi16(trail, _mm_set1_epi16(0xA0)),
	                           _mm_cmplt_epi16(trail, _mm_set1_epi16(0xBB)));
	__m128i d9 = _mm_and_si128(_mm_cmpgt_epi16(trail, _mm_set1_epi16(0x80)),
	                           _mm_cmplt_epi16(trail, _mm_set1_epi16(0x8B)));
	__m128i plain;
	unsigned mask;
	d8 = _mm_and_si128(d8, _mm_cmpeq_epi16(lead, _mm_set1_epi16(0xD8)));
	d9 = _mm_and_si128(d9, _mm_cmpeq_epi16(lead, _mm_set1_epi16(0xD9)));
	plain = _mm_or_si128(d8, d9);
	_mm_storeu_si128((__m128i *)(void *)u,
	                 _mm_or_si128(_mm_slli_epi16(_mm_and_si128(lead, _mm_set1_epi16(0x1F)), 6),
	                              _mm_and_si128(trail, _mm_set1_epi16(0x3F))));
	mask = (unsigned)_mm_movemask_epi8(plain); /* two bits a character */
	return (unsigned)__builtin_ctz(~mask) / 2; /* bit 16 of ~mask is set */
}
#endif

/* The rest of a run of plain letters (two bytes each, D8 A1-BA and D9
 * 81-8A) from s8[i], which the short text leaves out, decoded into u
 * from *n; returns where the run ends. */
static size_t take_run(const unsigned char *s8, size_t i, size_t len, UChar *u, int32_t *n)
{
#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
	/* u has room: never more units than bytes */
	while (len - i >= 16) {
		unsigned r = plain_run8(s8 + i, u + *n);
		*n += (int32_t)r;
		i += 2 * r;
		if (r < 8)
			return i;
	}
#endif
	while (i + 1 < len) {
		uint32_t v = (uint32_t)s8[i] << 8 | s8[i + 1];
		if (v - 0xD8A1 > 0xD8BA - 0xD8A1 && v - 0xD981 > 0xD98A - 0xD981)
			break;
		u[(*n)++] = (UChar)((v >> 8 & 0x1Fu) << 6 | (v & 0x3Fu));
		i += 2;
	}
	return i;
}

/* Decodes the article into UTF-16 (never more units than UTF-8 has
 * bytes) and shortens it as nkg_shorten_letters does, in one pass: each
 * unit of the short text gets its place, and the rest of a run of plain
 * letters only goes to u.  Then joins lone words for the iterators. */
static nkg_status u16_make(nkg_segmenter *seg, const char *utf8, size_t len, u16_text *t)
{
	const unsigned char *s8 = (const unsigned char *)utf8;
	UChar *u, *sh;
	int32_t *at, n = 0, m = 0;
	uint32_t *byte;
	size_t i = 0;
	int pairs = 0;

	if (len > INT32_MAX / 2)
		return NKG_ERR_TOO_BIG;
	if (u16_reserve(seg, len + 1))
		return NKG_ERR_NOMEM;
	u = seg->u16;
	sh = seg->short16 + SH_BEFORE;
	at = seg->short_at;
	byte = seg->short_byte;
	while (i < len) {
		uint32_t c = s8[i];
		at[m] = n;
		byte[m] = (uint32_t)i;
		if (c < 0x80) {
			i++;
		} else if (c - 0xC2 <= 0xDF - 0xC2 && i + 1 < len && (s8[i + 1] & 0xC0) == 0x80) {
			/* two bytes, all of Arabic: decoded here, not by a call */
			c = (c & 0x1Fu) << 6 | (s8[i + 1] & 0x3Fu);
			i += 2;
		} else {
			uint32_t d;
			size_t k = nkg_utf8_decode(utf8 + i, len - i, &d);
			if (!k)
				return NKG_ERR_UTF8;
			i += k;
			c = d;
			if (c >= 0x10000) { /* two units at one place */
				u[n++] = sh[m++] = U16_LEAD(c);
				at[m] = n;
				byte[m] = byte[m - 1];
				c = U16_TRAIL(c);
				pairs = 1;
			}
		}
		u[n++] = sh[m++] = (UChar)c;
		if (is_plain_letter(c))
			i = take_run(s8, i, len, u, &n);
	}
	at[m] = n;
	byte[m] = (uint32_t)len;
	memset(u + n, 0, (U_AFTER + 1) * sizeof *u);
	for (i = 0; i < SH_BEFORE; i++)
		sh[(int32_t)i - SH_BEFORE] = ' ';
	for (i = 0; i < SH_AFTER; i++)
		sh[m + (int32_t)i] = ' ';
	t->u = u;
	t->n = n;
	t->sh = sh;
	t->m = m;
	t->at = at;
	t->byte = byte;
	t->cp = NULL;
	if (pairs) {
		fill_cp(u, n, at, m, seg->short_cp);
		t->cp = seg->short_cp;
	}
	t->ns = join_words(sh, m, seg->join16, seg->join_at, seg->gaps, &t->n_gaps);
	t->s = seg->join16;
	t->sj = seg->join_at;
	t->gaps = seg->gaps;
	return NKG_SUCCESS;
}

/* Code point offset of unit j of the short text. */
static size_t cp_of(const u16_text *t, int32_t j)
{
	return t->cp ? t->cp[j] : (size_t)t->at[j];
}

static int is_space_run(const UChar *u, int32_t a, int32_t b)
{
	while (a < b) {
		UChar32 c;
		U16_NEXT(u, a, b, c);
		if (!u_isUWhiteSpace(c) && u_charType(c) != U_FORMAT_CHAR)
			return 0;
	}
	return 1;
}

/* The kind of a token, from the word iterator's rule status. */
static unsigned token_kind(int32_t status)
{
	if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
		return NKG_TOK_NUM;
	if (status >= UBRK_WORD_LETTER)
		return NKG_TOK_WORD;
	return NKG_TOK_PUNCT;
}

/* Whether u[a..b) has a Latin letter: a unit below U+0250 is a whole
 * character, no need to decode pairs. */
static int has_latin(const UChar *u, int32_t a, int32_t b)
{
	for (; a < b; a++)
		if (u[a] < 0x250 && u_isalpha(u[a]))
			return 1;
	return 0;
}

/* Appends one growable-array element; returns NULL when out of memory. */
static void *grow(void *arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 64;
	return realloc(arr, *cap * size);
}

/* Appends the token from unit j0 to unit j1 of the short text, of kind
 * `kind`, unless it is blank (tokenize has already left out a single
 * space); its norm goes to `norms`, and tok->norm points there (set
 * again once all are there if the buffer has moved as it grew).  Most
 * tokens take the table path, which also tells whether there is a Latin
 * letter; a token it cannot fold is checked for blanks first, as every
 * token once was: the table path's characters are neither spaces nor
 * format characters. */
/* Token i, at byte offset `byte` of the article, is the first at or past
 * the next boundaries of bc. */
static void reach_bounds(const u16_text *t, bound_count *bc, size_t i, size_t byte)
{
	while (bc->next < bc->n && byte >= t->byte[bc->b[bc->next]])
		bc->before[bc->next++] = i;
	bc->at = bc->next < bc->n ? t->byte[bc->b[bc->next]] : SIZE_MAX;
}

static nkg_status add_token(nkg_segmenter *seg, const u16_text *t, nkg_text *out,
                            size_t *cap, nkg_strbuf *norms, bound_count *bc,
                            int32_t j0, int32_t j1, unsigned kind)
{
	const UChar *u = t->u;
	int32_t a = t->at[j0], b = t->at[j1];
	nkg_token *tok;
	size_t len, chars;
	unsigned flags = kind;
	int spaced = 0;
	uint32_t seen;
	void *p;

	/* any failure here was reported as out of memory, and still is */
	if (nkg_strbuf_reserve(norms, (size_t)(b - a) * 2 + 17))
		return NKG_ERR_NOMEM;
#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
	if (b - a <= 8 && nkg_normalize_letters8(u + a, b - a, norms->s + norms->len)) {
		len = (size_t)(b - a) * 2;
		chars = (size_t)(b - a);
		seen = 0;
	} else
#endif
	seen = nkg_normalize_table(seg, u + a, b - a, norms->s + norms->len, &len, &chars);
	if (seen & NKG_FOLD_ICU) {
		size_t start = norms->len;
		if (is_space_run(u, a, b))
			return NKG_SUCCESS;
		if (nkg_normalize_icu(seg, u + a, b - a, norms, &len, &chars))
			return NKG_ERR_NOMEM;
		norms->len = start; /* moved on below */
		flags |= has_latin(u, a, b) ? NKG_TOK_LATIN : 0;
		spaced = memchr(norms->s + start, ' ', len) != NULL;
	} else if (seen & NKG_FOLD_LATIN) {
		flags |= NKG_TOK_LATIN;
	}
	if (len == 0) /* only marks or invisible characters */
		return NKG_SUCCESS;
	norms->len += len + 1;
	p = grow(out->tokens, cap, out->n_tokens, sizeof *out->tokens);
	if (!p)
		return NKG_ERR_NOMEM;
	out->tokens = p;
	tok = &out->tokens[out->n_tokens++];
	tok->begin = cp_of(t, j0);
	tok->end = cp_of(t, j1);
	tok->byte_begin = t->byte[j0];
	tok->byte_end = t->byte[j1];
	tok->norm = norms->s + norms->len - len - 1; /* right unless norms moves */
	tok->norm_len = len;
	tok->norm_chars = chars;
	tok->flags = flags;
	tok->norm_spaced = (unsigned char)spaced;
	if (tok->byte_begin >= bc->at)
		reach_bounds(t, bc, out->n_tokens - 1, tok->byte_begin);
	return NKG_SUCCESS;
}

/* Points every token at its norm: they lie in order, each after the
 * previous one's NUL.  Only needed when the buffer moved: the pass reads
 * every token again, a cache line each. */
static void set_norms(nkg_text *out, char *buf)
{
	size_t i;
	for (i = 0; i < out->n_tokens; i++) {
		out->tokens[i].norm = buf;
		buf += out->tokens[i].norm_len + 1;
	}
}

static nkg_status tokenize(nkg_segmenter *seg, const u16_text *t, nkg_text *out,
                           bound_count *bc)
{
	UErrorCode err = U_ZERO_ERROR;
	nkg_strbuf norms;
	size_t norms_cap;
	int32_t a, b, gap = 0;
	unsigned kind = 0;
	nkg_status st = NKG_SUCCESS;

	ubrk_setText(seg->words, t->s, t->ns, &err);
	if (U_FAILURE(err))
		return NKG_ERR_ICU;
	/* a token every other unit, norms about as long as the text: both
	 * arrays rarely grow (out holds those of an earlier article, if any) */
	if (room(&out->tokens, &out->tokens_cap,
	         (size_t)t->ns / 2 + (size_t)t->n_gaps * 2 + 16, sizeof *out->tokens) ||
	    room(&out->norm_buf, &out->norm_cap, (size_t)t->n * 2 + 64, 1))
		return NKG_ERR_NOMEM;
	norms.s = out->norm_buf;
	norms.len = 0;
	norms_cap = norms.cap = out->norm_cap; /* it changes only when the buffer is moved */
	/* one token at a time, from a on: up to the next space joining cut
	 * out of the ICU token that ends at b, else to b (the single space
	 * after each joined word is a token of its own, and a blank one,
	 * never kept) */
	a = b = t->sj[ubrk_first(seg->words)];
	while (!st) {
		int32_t to;
		if (a == b) {
			int32_t k = ubrk_next(seg->words);
			if (k == UBRK_DONE)
				break;
			b = t->sj[k];
			if (b - a == 1 && t->sh[a] == ' ') {
				/* most blank tokens, skipped before asking their
				 * status: the pieces split off at gaps start or end
				 * with a letter, never are one */
				a = b;
				continue;
			}
			kind = token_kind(ubrk_getRuleStatus(seg->words));
		}
		to = gap < t->n_gaps && t->gaps[gap] < b ? t->gaps[gap] : b;
		st = add_token(seg, t, out, &out->tokens_cap, &norms, bc, a, to, kind);
		a = to == b ? b : t->gaps[gap++] + 1;
	}
	out->norm_buf = norms.s; /* owned by out, freed with it on failure */
	out->norm_cap = norms.cap;
	if (st)
		return st;
	while (bc->next < bc->n)
		bc->before[bc->next++] = out->n_tokens;
	if (norms.cap != norms_cap)
		set_norms(out, norms.s);
	return NKG_SUCCESS;
}

/* A full stop followed by a comma (optionally after spaces or quotes) ends
 * a sentence: scraped articles often join paragraphs as "., ", which ICU
 * rightly reads as one sentence.  (Read in the short text: a plain letter
 * there is no comma, space nor quote, as in the article.) */
static int is_joined_paragraph(const UChar *u, int32_t i, int32_t n)
{
	if (u[i] != '.')
		return 0;
	for (i++; i < n; i++) {
		if (u[i] == ',' || u[i] == 0x060C)
			return 1;
		if (u[i] != ' ' && u[i] != '"' && u[i] != 0x201D && u[i] != 0xBB)
			return 0;
	}
	return 0;
}

/* ICU ends a sentence at any full stop before a letter without case, so
 * Arabic abbreviations ("إف.بي.آي", "أ.ف.ب") would cut their sentence in
 * pieces. A real boundary follows spaces or a line break; one with visible
 * text on both sides is dropped.  (The units on either side of a place in
 * the short text are, or stand for, those of the article.) */
static int inside_word(const u16_text *t, int32_t j)
{
	return j > 0 && j < t->m && !u_isUWhiteSpace(t->sh[j - 1]) &&
	       !u_isUWhiteSpace(t->sh[j]);
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Room for n sentence boundaries in the segmenter's bc->b and
 * bc->before (kept from article to article: a few dozen entries). */
static int bounds_room(nkg_segmenter *seg, size_t n)
{
	size_t cap = seg->bounds_cap ? seg->bounds_cap : 64;
	void *p;
	if (n <= seg->bounds_cap)
		return 0;
	while (cap < n)
		cap *= 2;
	if (!(p = realloc(seg->bounds, cap * sizeof *seg->bounds)))
		return -1;
	seg->bounds = p;
	if (!(p = realloc(seg->bound_before, cap * sizeof *seg->bound_before)))
		return -1;
	seg->bound_before = p;
	seg->bounds_cap = cap;
	return 0;
}

/* Sentence boundaries (units of the short text, sorted, unique, ending
 * with m) into bc, in the segmenter's buffers, none reached yet. */
static nkg_status sentence_bounds(nkg_segmenter *seg, const u16_text *t, bound_count *bc)
{
	UErrorCode err = U_ZERO_ERROR;
	size_t n = 0, i, k;
	int32_t pos, bound;

	ubrk_setText(seg->sentences, t->s, t->ns, &err);
	if (U_FAILURE(err))
		return NKG_ERR_ICU;
	for (bound = ubrk_first(seg->sentences); bound != UBRK_DONE;
	     bound = ubrk_next(seg->sentences)) {
		pos = t->sj[bound];
		if (inside_word(t, pos))
			continue;
		if (bounds_room(seg, n + 1))
			return NKG_ERR_NOMEM;
		seg->bounds[n++] = pos;
	}
	/* every full stop is in what the iterators read, much shorter than
	 * the text */
	for (i = 0; i < (size_t)t->ns; i++) {
		if (t->s[i] != '.' || !is_joined_paragraph(t->sh, pos = t->sj[i], t->m))
			continue;
		while (t->sh[pos] != ',' && t->sh[pos] != 0x060C)
			pos++;
		if (bounds_room(seg, n + 1))
			return NKG_ERR_NOMEM;
		seg->bounds[n++] = pos + 1;
	}
	if (n)
		qsort(seg->bounds, n, sizeof *seg->bounds, cmp_i32);
	for (i = k = 0; i < n; i++)
		if (k == 0 || seg->bounds[i] != seg->bounds[k - 1])
			seg->bounds[k++] = seg->bounds[i];
	bc->b = seg->bounds;
	bc->n = k;
	bc->next = 0;
	bc->at = k ? t->byte[seg->bounds[0]] : SIZE_MAX;
	bc->before = seg->bound_before;
	return NKG_SUCCESS;
}

/* Trims spaces so the evidence starts and ends on visible text (a plain
 * letter in the short text is neither, as its run). */
static void trim_span(const u16_text *t, int32_t *a, int32_t *b)
{
	const UChar *s = t->sh;
	while (*a < *b && (u_isUWhiteSpace(s[*a]) || u_charType(s[*a]) == U_FORMAT_CHAR))
		(*a)++;
	while (*b > *a && (u_isUWhiteSpace(s[*b - 1]) || u_charType(s[*b - 1]) == U_FORMAT_CHAR))
		(*b)--;
}

/* The sentences between the boundaries of bc, which tokenize has
 * counted the tokens before. */
static nkg_status build_sentences(const u16_text *t, nkg_text *out, const bound_count *bc)
{
	const int32_t *b = bc->b;
	size_t nb = bc->n, i;

	/* both with room for nb + 1 entries, every one used written below:
	 * no need to zero them */
	if (out->sent_cap < nb + 1) {
		size_t cap = out->sent_cap;
		if (room(&out->sentences, &cap, nb + 1, sizeof *out->sentences) ||
		    room(&out->sent_tok, &out->sent_cap, nb + 1, sizeof *out->sent_tok))
			return NKG_ERR_NOMEM;
	}
	for (i = 0; i + 1 < nb; i++) {
		int32_t a = b[i], e = b[i + 1];
		size_t first = i ? bc->before[i] : 0;
		trim_span(t, &a, &e);
		if (a >= e || bc->before[i + 1] == first)
			continue; /* blank: no sentence */
		out->sentences[out->n_sentences].begin = cp_of(t, a);
		out->sentences[out->n_sentences].end = cp_of(t, e);
		out->sentences[out->n_sentences].byte_begin = t->byte[a];
		out->sentences[out->n_sentences].byte_end = t->byte[e];
		out->sent_tok[out->n_sentences] = first;
		out->n_sentences++;
	}
	out->sent_tok[out->n_sentences] = out->n_tokens;
	return NKG_SUCCESS;
}

/* nkg_segment, with the sentences only when asked for. */
static nkg_status segment(nkg_segmenter *seg, const char *utf8, size_t len, nkg_text *out,
                          int sentences)
{
	u16_text t;
	bound_count bc = { NULL, 0, 0, SIZE_MAX, NULL }; /* none, for a form */
	nkg_status st;

	/* the arrays of the last text recycled, if any, to fill again */
	*out = seg->spare;
	memset(&seg->spare, 0, sizeof seg->spare);
	out->n_tokens = out->n_sentences = 0;
	st = u16_make(seg, utf8, len, &t);
	if (st) {
		nkg_text_clear(out);
		return st;
	}
	/* the boundaries first: tokenize counts the tokens before each */
	if (sentences)
		st = sentence_bounds(seg, &t, &bc);
	if (!st)
		st = tokenize(seg, &t, out, &bc);
	if (!st && sentences)
		st = build_sentences(&t, out, &bc);
	if (seg->u16_cap > KEEP_UNITS)
		u16_release(seg);
	if (st)
		nkg_text_clear(out);
	return st;
}

nkg_status nkg_segment(nkg_segmenter *seg, const char *utf8, size_t len, nkg_text *out)
{
	return segment(seg, utf8, len, out, 1);
}

nkg_status nkg_segment_form(nkg_segmenter *seg, const char *utf8, char ***out, size_t *n_out)
{
	nkg_text text;
	/* a form's tokens do not depend on its sentences: none are found */
	nkg_status st = segment(seg, utf8, strlen(utf8), &text, 0);
	size_t i;

	*out = NULL;
	*n_out = 0;
	if (st)
		return st;
	*out = calloc(text.n_tokens ? text.n_tokens : 1, sizeof **out);
	if (!*out) {
		nkg_text_clear(&text);
		return NKG_ERR_NOMEM;
	}
	for (i = 0; i < text.n_tokens; i++) {
		if (!((*out)[i] = strdup(text.tokens[i].norm))) {
			while (i > 0)
				free((*out)[--i]);
			free(*out);
			*out = NULL;
			nkg_text_clear(&text);
			return NKG_ERR_NOMEM;
		}
	}
	*n_out = text.n_tokens;
	nkg_text_recycle(seg, &text);
	return NKG_SUCCESS;
}
