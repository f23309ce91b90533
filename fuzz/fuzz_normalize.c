/* Fuzz target: normalisation for matching (src/normalize.c), on any valid
 * UTF-8 string (its contract).  The result must exist (NULL means out of
 * memory only), be valid UTF-8, and hold none of what normalisation drops:
 * tashkeel, tatweel, dagger alef, invisible format characters, alef/ya/
 * ta-marbuta variants, Arabic-Indic digits.  nkg_strip_article must
 * return a suffix of its argument. */
#include <string.h>

#include <unicode/uchar.h>

#include "fuzz.h"
#include "text.h"
#include "utf8.h"

static nkg_segmenter *seg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	seg = nkg_segmenter_new();
	FUZZ_CHECK(seg != NULL, "no segmenter");
	return 0;
}

static int must_be_gone(uint32_t c)
{
	return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
	       (c >= 0x06D6 && c <= 0x06ED) || u_charType((UChar32)c) == U_FORMAT_CHAR ||
	       c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671 || c == 0x0649 ||
	       c == 0x06CC || c == 0x0629 || c == 0x06A9 || (c >= 0x0660 && c <= 0x0669) ||
	       (c >= 0x06F0 && c <= 0x06F9);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *n;
	const char *stripped;
	size_t i, k, len;
	uint32_t cp;

	if (!fuzz_utf8_ok((const char *)data, size))
		return 0;
	if (!(s = malloc(size + 1)))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	n = nkg_normalize(seg, s);
	FUZZ_CHECK(n != NULL, "normalisation failed on %zu bytes of valid UTF-8", size);
	len = strlen(n);
	FUZZ_CHECK(fuzz_utf8_ok(n, len), "normalised form is not valid UTF-8");
	for (i = 0; i < len; i += k) {
		k = nkg_utf8_decode(n + i, len - i, &cp);
		FUZZ_CHECK(k > 0, "undecodable");
		FUZZ_CHECK(!must_be_gone(cp), "U+%04X left in the normalised form", (unsigned)cp);
	}
	stripped = nkg_strip_article(n);
	FUZZ_CHECK(stripped >= n && stripped <= n + len, "strip_article left its string");
	free(n);
	free(s);
	return 0;
}
