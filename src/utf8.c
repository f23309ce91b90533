/* UTF-8 validation and the few code-point helpers the reader needs.
 * Validation follows RFC 3629 / Unicode table 3-7 exactly: no overlong
 * forms, no surrogates, nothing above U+10FFFF. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#include "newskg/article.h"

size_t nkg_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i;
	uint32_t c, min;

	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2, c = u[0] & 0x1Fu, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		n = 3, c = u[0] & 0x0Fu, min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4, c = u[0] & 0x07u, min = 0x10000;
	} else {
		return 0; /* continuation byte, C0/C1 (always overlong), F5..FF */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t nkg_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

/* Reports the offset of the first byte of the bad sequence (its lead
 * byte), which is where a reader looking at a hex dump should start. */
nkg_status nkg_utf8_check(const char *buf, size_t len, size_t *bad_offset)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		/* ASCII fast path: most of a file's markup and spacing is ASCII. */
		if ((unsigned char)buf[i] < 0x80) {
			if (buf[i] == '\0')
				goto binary;
			i++;
			continue;
		}
		/* two-byte path: Arabic text is mostly two-byte letters */
		if ((unsigned char)buf[i] >= 0xC2 && (unsigned char)buf[i] <= 0xDF &&
		    i + 1 < len && ((unsigned char)buf[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		n = nkg_utf8_decode(buf + i, len - i, &cp);
		if (n == 0) {
			if (bad_offset)
				*bad_offset = i;
			return NKG_ERR_UTF8;
		}
		i += n;
	}
	return NKG_SUCCESS;
binary:
	if (bad_offset)
		*bad_offset = i;
	return NKG_ERR_BINARY;
}

size_t nkg_utf8_count(const char *s, size_t len)
{
	size_t i, n = 0;

	/* Every code point has exactly one byte that is not a continuation. */
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static int is_space_cp(uint32_t c)
{
	if (c == ' ' || (c >= 0x09 && c <= 0x0D))
		return 1;
	switch (c) {
	case 0x85: case 0xA0: case 0x061C: case 0x1680: case 0x2028:
	case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
		return 1;
	default:
		break;
	}
	return (c >= 0x2000 && c <= 0x200F)   /* spaces, ZWSP, ZWNJ, ZWJ, LRM, RLM */
	    || (c >= 0x202A && c <= 0x202E)   /* bidi embeddings */
	    || (c >= 0x2066 && c <= 0x2069);  /* bidi isolates */
}

size_t nkg_utf8_space_len(const char *s, size_t len)
{
	uint32_t cp;
	size_t n = nkg_utf8_decode(s, len, &cp);

	return (n && is_space_cp(cp)) ? n : 0;
}

int nkg_utf8_is_blank(const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		n = nkg_utf8_space_len(s + i, len - i);
		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

size_t nkg_utf8_find_nonchar(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && (unsigned char)p[1] == 0xBF && (unsigned char)p[2] >= 0xBE)
			return (size_t)(p - s);
		p++;
	}
	return NKG_NO_OFFSET;
}

nkg_status nkg_utf8_check_text(const char *s, size_t len, size_t *bad_offset)
{
	size_t off = NKG_NO_OFFSET;
	nkg_status st = nkg_utf8_check(s, len, &off);

	if (st == NKG_SUCCESS && (off = nkg_utf8_find_nonchar(s, len)) != NKG_NO_OFFSET)
		st = NKG_ERR_UTF8;
	if (bad_offset)
		*bad_offset = off;
	return st;
}

char *nkg_utf8_text_dup(const char *s, size_t len)
{
	size_t i = 0, o = 0, n;
	uint32_t cp;
	char *c = malloc(3 * len + 1); /* a bad byte grows to three */

	if (!c)
		return NULL;
	while (i < len) {
		n = nkg_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp == 0xFFFE || cp == 0xFFFF) {
			memcpy(c + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i += n ? n : 1;
		} else {
			memcpy(c + o, s + i, n);
			o += n;
			i += n;
		}
	}
	c[o] = '\0';
	return c;
}
