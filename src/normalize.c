/* Normalisation for matching.  The article text is never changed: tokens
 * keep their spans into the original, and only these normalised copies are
 * compared with the lexicon, so spelling variants of the press (hamza on
 * alef or not, ى or ي, ة or ه, vowel marks, tatweel, invisible bidi and
 * zero-width characters, Arabic-Indic digits) meet one form. */
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

char *nkg_normalize_utf16(nkg_segmenter *seg, const unsigned short *src, int len)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t cap = len * 3 + 16, n, n8 = 0;
	UChar *buf = malloc((size_t)cap * sizeof *buf);
	char *out;

	if (!buf)
		return NULL;
	n = unorm2_normalize(seg->nfkc_cf, (const UChar *)src, len, buf, cap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		/* NFKC can grow a character 18-fold (U+FDFA), past any fixed
		 * guess: ICU said how much room it needs. */
		UChar *big = realloc(buf, ((size_t)n + 1) * sizeof *buf);
		if (!big) {
			free(buf);
			return NULL;
		}
		buf = big;
		err = U_ZERO_ERROR;
		n = unorm2_normalize(seg->nfkc_cf, (const UChar *)src, len, buf, n + 1, &err);
	}
	if (U_FAILURE(err)) {
		free(buf);
		return NULL;
	}
	n = fold(buf, n);
	out = malloc((size_t)n * 3 + 1);
	if (out) {
		err = U_ZERO_ERROR;
		u_strToUTF8(out, n * 3 + 1, &n8, buf, n, &err);
		if (U_FAILURE(err)) {
			free(out);
			out = NULL;
		}
	}
	free(buf);
	return out;
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
