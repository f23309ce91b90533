/* nkg_utf8_check and the internal UTF-8 helpers. */
#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "newskg/article.h"
#include "utf8.h"

/* Checks `s` (len bytes) and expects `want` at `offset`. */
static void expect(const char *s, size_t len, nkg_status want, size_t offset)
{
	size_t off = 12345;
	nkg_status st = nkg_utf8_check(s, len, &off);

	CHECK(st == want);
	if (want != NKG_SUCCESS)
		CHECK(off == offset);
}

static void test_valid(void)
{
	/* ASCII, Arabic (2 bytes), euro sign (3), emoji (4), U+10FFFF. */
	static const char s[] = "abc \xD8\xB1\xD9\x88\xD8\xB3\xD9\x8A\xD8\xA7 \xE2\x82\xAC "
	                        "\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF";
	expect(s, sizeof s - 1, NKG_SUCCESS, 0);
	expect("", 0, NKG_SUCCESS, 0);
	/* Boundaries that are legal: U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000. */
	expect("\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF\xF0\x90\x80\x80",
	       20, NKG_SUCCESS, 0);
}

static void test_overlong(void)
{
	expect("ab\xC0\xAF", 4, NKG_ERR_UTF8, 2);          /* '/' in two bytes */
	expect("a\xC1\xBF", 3, NKG_ERR_UTF8, 1);
	expect("\xE0\x80\xAF", 3, NKG_ERR_UTF8, 0);        /* three bytes */
	expect("xy\xF0\x8F\xBF\xBF", 6, NKG_ERR_UTF8, 2);  /* U+FFFF in four */
}

static void test_surrogate(void)
{
	expect("a\xED\xA0\x80z", 5, NKG_ERR_UTF8, 1);  /* U+D800 */
	expect("\xED\xBF\xBF", 3, NKG_ERR_UTF8, 0);    /* U+DFFF */
}

static void test_too_high(void)
{
	expect("\xF4\x90\x80\x80", 4, NKG_ERR_UTF8, 0); /* U+110000 */
	expect("ok\xF5\x80\x80\x80", 6, NKG_ERR_UTF8, 2);
	expect("\xFF", 1, NKG_ERR_UTF8, 0);
}

static void test_truncated(void)
{
	expect("\xD8", 1, NKG_ERR_UTF8, 0);                /* at the end */
	expect("abc\xE2\x82", 5, NKG_ERR_UTF8, 3);
	expect("abc\xE2\x82z", 6, NKG_ERR_UTF8, 3);        /* cut by ASCII */
	expect("\xF0\x9F\x98", 3, NKG_ERR_UTF8, 0);
	expect("a\x80", 2, NKG_ERR_UTF8, 1);               /* lone continuation */
}

static void test_nul(void)
{
	expect("abc\0def", 7, NKG_ERR_BINARY, 3);
	expect("\xD8\xB1\0", 3, NKG_ERR_BINARY, 2);
	/* The first problem wins, whatever its kind. */
	expect("\xFF\0", 2, NKG_ERR_UTF8, 0);
	expect("\0\xFF", 2, NKG_ERR_BINARY, 0);
}

static void test_helpers(void)
{
	char buf[4];
	uint32_t cp = 0;

	CHECK(nkg_utf8_encode(0x1F600, buf) == 4 && memcmp(buf, "\xF0\x9F\x98\x80", 4) == 0);
	CHECK(nkg_utf8_encode(0x631, buf) == 2 && memcmp(buf, "\xD8\xB1", 2) == 0);
	CHECK(nkg_utf8_encode(0xD800, buf) == 0);
	CHECK(nkg_utf8_encode(0x110000, buf) == 0);
	CHECK(nkg_utf8_decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
	CHECK(nkg_utf8_decode("\xF0\x9F\x98", 3, &cp) == 0);
	CHECK(nkg_utf8_count("a\xD8\xB1\xF0\x9F\x98\x80", 7) == 3);
	CHECK(nkg_utf8_is_blank(" \t\xC2\xA0\xE2\x80\x8F\n", 8));   /* NBSP, RLM */
	CHECK(!nkg_utf8_is_blank(" \xD8\xB1 ", 4));
	CHECK(nkg_utf8_is_blank("", 0));
}

int main(void)
{
	test_valid();
	test_overlong();
	test_surrogate();
	test_too_high();
	test_truncated();
	test_nul();
	test_helpers();
	return nkg_test_finish();
}
