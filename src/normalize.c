/* Normalisation for matching.  The article text is never changed: tokens
 * keep their spans into the original, and only these normalised copies are
 * compared with the lexicon, so spelling variants of the press (hamza on
 * alef or not, ى or ي, ة or ه, vowel marks, tatweel, invisible bidi and
 * zero-width characters, Arabic-Indic digits) meet one form.
 *
 * Most tokens are plain Arabic letters (perhaps with vowel marks) or
 * ASCII, where NFKC_Casefold changes nothing but Latin case: those are
 * folded by table, and ICU normalises the rest.  tests/unit/test_text.c
 * checks the two ways agree. */
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>

#include "segment_impl.h"
#include "text.h"
#include "utf8.h"

static int is_dropped(UChar32 c)
{
	if (c >= 0x064B && c <= 0x065F) /* tashkeel */
		return 1;
	if (c == 0x0670 || c == 0x0640) /* dagger alef, tatweel */
		return 1;
	if (c >= 0x06D6 && c <= 0x06ED) /* Quranic annotation marks */
		return 1;
	return u_charType(c) == U_FORMAT_CHAR; /* ZWJ, ZWNJ, RLM, bidi isolates, BOM */
}

static UChar32 fold_letter(UChar32 c)
{
	switch (c) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627; /* alef */
	case 0x0649: case 0x06CC: return 0x064A;                          /* ya */
	case 0x0629: return 0x0647;                                       /* ta marbuta */
	case 0x06A9: return 0x0643;                                       /* kaf */
	default: break;
	}
	if (c >= 0x0660 && c <= 0x0669)
		return '0' + (c - 0x0660);
	if (c >= 0x06F0 && c <= 0x06F9)
		return '0' + (c - 0x06F0);
	return c;
}

/* Folds in place; returns the new length. */
static int32_t fold(UChar *s, int32_t len)
{
	int32_t i = 0, o = 0;
	while (i < len) {
		UChar32 c;
		U16_NEXT(s, i, len, c);
		if (is_dropped(c))
			continue;
		c = fold_letter(c);
		U16_APPEND_UNSAFE(s, o, c);
	}
	return o;
}

/* What the table path makes of one UTF-16 unit (seg->fold holds it for
 * every unit below NKG_SIMPLE_LIMIT): the folded character, 0
 * for a vowel mark or tatweel (dropped), or -1 when ICU must decide.
 * Only characters NFKC_Casefold leaves alone (but for Latin case) and
 * that never compose with their neighbours are here: Arabic letters
 * without the combining hamza and madda (U+0653-0655), the vowel marks
 * that compose with nothing (U+064B-0652), Arabic-Indic digits, Arabic
 * punctuation, printable ASCII. */
static int32_t simple_fold(UChar u)
{
	if (u >= 0x0621 && u <= 0x064A) {
		if (u >= 0x063B && u <= 0x0640)
			return u == 0x0640 ? 0 : -1;
		switch (u) {
		case 0x0622: case 0x0623: case 0x0625: return 0x0627;
		case 0x0649: return 0x064A;
		case 0x0629: return 0x0647;
		default: return u;
		}
	}
	if (u >= 0x21 && u <= 0x7E)
		return u >= 'A' && u <= 'Z' ? u + ('a' - 'A') : u;
	if (u >= 0x064B && u <= 0x0652)
		return 0;
	if (u >= 0x0660 && u <= 0x0669)
		return '0' + (u - 0x0660);
	if (u == 0x060C || u == 0x061B || u == 0x061F || u == 0x00AB || u == 0x00BB)
		return u;
	return -1;
}

/* simple_fold's answer for u as a seg->fold entry (segment_impl.h). */
static void fold_entry(UChar u, struct nkg_fold *f)
{
	int32_t c = simple_fold(u);
	memset(f, 0, sizeof *f);
	if (c < 0) {
		f->flags = NKG_FOLD_ICU;
		return;
	}
	if (c >= 0x80) { /* simple characters are all below U+0800 */
		f->utf8[0] = (unsigned char)(0xC0 | c >> 6);
		f->utf8[1] = (unsigned char)(0x80 | (c & 0x3F));
		f->count = 2 | (uint64_t)1 << 32;
	} else if (c > 0) {
		f->utf8[0] = (unsigned char)c;
		f->count = 1 | (uint64_t)1 << 32;
	}
	if (u < 0x250 && u_isalpha(u))
		f->flags = NKG_FOLD_LATIN;
}

void nkg_normalize_init(nkg_segmenter *seg)
{
	UChar u;
	for (u = 0; u < NKG_SIMPLE_LIMIT; u++)
		fold_entry(u, &seg->fold[u]);
	memset(&seg->fold[NKG_SIMPLE_LIMIT], 0, sizeof seg->fold[NKG_SIMPLE_LIMIT]);
	seg->fold[NKG_SIMPLE_LIMIT].flags = NKG_FOLD_ICU;
}

int nkg_strbuf_grow(nkg_strbuf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;
	if (b->len + more <= b->cap)
		return 0;
	while (cap < b->len + more)
		cap *= 2;
	if (!(p = realloc(b->s, cap)))
		return -1;
	b->s = p;
	b->cap = cap;
	return 0;
}

/* Appends UTF-8 of c (a scalar value) to out, which has room; 0 for a
 * surrogate. */
static size_t put_utf8(char *out, UChar32 c)
{
	return nkg_utf8_encode((uint32_t)c, out);
}

/* With the segmenter's UTF-16 scratch buffer. */
nkg_status nkg_normalize_icu(nkg_segmenter *seg, const UChar *src, int32_t len,
                             nkg_strbuf *out, size_t *n_bytes, size_t *n_chars)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t cap = len * 3 + 16, n, i = 0;
	size_t o, chars = 0;

	for (;;) {
		if (seg->norm_cap < cap) {
			UChar *p = realloc(seg->norm16, (size_t)cap * sizeof *p);
			if (!p)
				return NKG_ERR_NOMEM;
			seg->norm16 = p;
			seg->norm_cap = cap;
		}
		n = unorm2_normalize(seg->nfkc_cf, src, len, seg->norm16, seg->norm_cap, &err);
		if (err != U_BUFFER_OVERFLOW_ERROR)
			break;
		/* NFKC can grow a character 18-fold (U+FDFA), past any fixed
		 * guess: ICU said how much room it needs. */
		err = U_ZERO_ERROR;
		cap = n + 1;
	}
	if (U_FAILURE(err))
		return NKG_ERR_ICU;
	n = fold(seg->norm16, n);
	if (nkg_strbuf_reserve(out, (size_t)n * 3 + 1))
		return NKG_ERR_NOMEM;
	o = out->len;
	while (i < n) {
		UChar32 c;
		size_t k;
		U16_NEXT(seg->norm16, i, n, c);
		if (!(k = put_utf8(out->s + o, c)))
			return NKG_ERR_ICU; /* a lone surrogate: u_strToUTF8 refused it too */
		o += k;
		chars++;
	}
	out->s[o] = '\0';
	*n_bytes = o - out->len;
	*n_chars = chars;
	out->len = o + 1;
	return NKG_SUCCESS;
}

nkg_status nkg_normalize_append(nkg_segmenter *seg, const unsigned short *src, int len,
                                nkg_strbuf *out, size_t *n_bytes, size_t *n_chars)
{
	/* a simple unit becomes at most 2 UTF-8 bytes */
	if (nkg_strbuf_reserve(out, (size_t)len * 2 + 1))
		return NKG_ERR_NOMEM;
	if (!(nkg_normalize_table(seg, src, len, out->s + out->len, n_bytes, n_chars) &
	      NKG_FOLD_ICU)) {
		out->len += *n_bytes + 1;
		return NKG_SUCCESS;
	}
	return nkg_normalize_icu(seg, src, len, out, n_bytes, n_chars);
}

char *nkg_normalize_utf16(nkg_segmenter *seg, const unsigned short *src, int len)
{
	nkg_strbuf b = { NULL, 0, 0 };
	size_t bytes, chars;
	if (nkg_normalize_append(seg, src, len, &b, &bytes, &chars) != NKG_SUCCESS) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

char *nkg_normalize(nkg_segmenter *seg, const char *utf8)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n16 = 0;
	UChar *u;
	char *out;

	u_strFromUTF8(NULL, 0, &n16, utf8, -1, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return NULL;
	u = malloc(((size_t)n16 + 1) * sizeof *u);
	if (!u)
		return NULL;
	err = U_ZERO_ERROR;
	u_strFromUTF8(u, n16 + 1, NULL, utf8, -1, &err);
	out = U_FAILURE(err) ? NULL : nkg_normalize_utf16(seg, u, n16);
	free(u);
	return out;
}

const char *nkg_strip_article(const char *tok)
{
	static const char al[] = "\xd8\xa7\xd9\x84"; /* ال */
	if (strncmp(tok, al, 4) == 0 && nkg_utf8_count(tok, strlen(tok)) >= 5)
		return tok + 4;
	return tok;
}
