/* N-Triples and N-Quads text, and the output buffer every writer fills.
 *
 * UTF-8 is written as it is (N-Triples 1.1 allows it), so Arabic costs two
 * bytes a letter and stays readable, where raptor's writer spends six on
 * a \uXXXX escape. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writer_impl.h"

#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
#include <emmintrin.h>
#endif

int nkg_obuf_grow(nkg_obuf *b, size_t more)
{
	size_t cap;
	char *p;

	if (b->nomem)
		return -1;
	if (b->cap - b->len >= more)
		return 0;
	for (cap = b->cap ? b->cap : 4096; cap - b->len < more; cap *= 2)
		if (cap > ((size_t)-1) / 2) {
			b->nomem = 1;
			return -1;
		}
	if (!(p = realloc(b->buf, cap))) {
		b->nomem = 1;
		return -1;
	}
	b->buf = p;
	b->cap = cap;
	return 0;
}

void nkg_obuf_put(nkg_obuf *b, const char *s, size_t len)
{
	if (nkg_obuf_room(b, len))
		return;
	memcpy(b->buf + b->len, s, len);
	b->len += len;
}

void nkg_obuf_puts(nkg_obuf *b, const char *s)
{
	nkg_obuf_put(b, s, strlen(s));
}

void nkg_obuf_free(nkg_obuf *b)
{
	free(b->buf);
	memset(b, 0, sizeof *b);
}


static void put_uchar(nkg_obuf *b, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
	nkg_obuf_put(b, esc, 6);
}

/* Bytes that need an escape: 1 in an IRI (controls, space and <>"{}|^`\
 * are no part of an IRI), 2 in a string (quote, backslash, controls).
 * newskg's IRIs never hold them (urls and --base are percent-encoded when
 * taken); this keeps anything that slips through from breaking a line. */
#define IRI 1
#define STR 2
#define UNI 4 /* lead byte of a character some IRIs' readers refuse */
#define NONCHAR 8 /* lead byte of U+FFFE and U+FFFF */
static const unsigned char special[256] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	IRI, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* space ! " */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, IRI, 0, IRI, 0, /* < > */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, IRI, 0, /* \ ^ */
	IRI, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* ` */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, IRI, IRI, IRI, 0, STR, /* { | } DEL */
	[0xC2] = UNI, [0xE1] = UNI, [0xE2] = UNI, [0xE3] = UNI, [0xEF] = UNI | NONCHAR,
};

/* A character no IRI should hold although its lead byte is common: C1
 * controls, the Unicode spaces (rdflib reads an IRI up to any of them)
 * and the noncharacters of the BMP.  *len gets its length in bytes; an
 * invalid sequence counts as a one-byte character to escape. */
static int iri_refuses(const unsigned char *p, size_t *len)
{
	uint32_t c;

	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0xBF) {
		*len = 2;
		return p[1] <= 0xA0; /* U+0080-U+009F, U+00A0 */
	}
	if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) {
		*len = 1;
		return 1;
	}
	*len = 3;
	c = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000 || (c >= 0xFDD0 && c <= 0xFDEF) ||
	       c == 0xFFFE || c == 0xFFFF;
}

/* A byte an IRI may not hold is percent-encoded, not \u-escaped: the
 * escape would only put the space back into the IRI, which parsers then
 * refuse.  The scan stops at the first such byte or the NUL (both marked
 * IRI in the table), so a clean IRI costs one loop and one copy. */
/* "<iri>" in one piece, for an IRI known to need no escape. */
static void put_clean_iri(nkg_obuf *b, const char *iri, size_t len)
{
	if (nkg_obuf_room(b, len + 2))
		return;
	b->buf[b->len] = '<';
	memcpy(b->buf + b->len + 1, iri, len);
	b->buf[b->len + len + 1] = '>';
	b->len += len + 2;
}

#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
/* The first byte of p[0..end) that `mask16` marks, or end, when at
 * least 16 bytes are there: 16 a step, the last step overlapping the one
 * before, and the byte found from the mask.  A byte-by-byte tail
 * mispredicted its exit on every string.  Inlined, so each caller's mask
 * is a direct call. */
static inline const unsigned char *first_marked(const unsigned char *p,
                                                const unsigned char *end,
                                                unsigned (*mask16)(const unsigned char *))
{
	unsigned m;

	for (; end - p > 16; p += 16)
		if ((m = mask16(p)) != 0)
			return p + __builtin_ctz(m);
	/* the last 16 bytes: those before p were looked at */
	m = mask16(end - 16) >> (16 - (end - p));
	return m ? p + __builtin_ctz(m) : end;
}

/* The bytes of the 16 at p that are beyond ASCII or marked IRI, as
 * bits. */
static unsigned iri_mask16(const unsigned char *p)
{
	const __m128i space = _mm_set1_epi8(0x20), one = _mm_set1_epi8(1), two = _mm_set1_epi8(2);
	const __m128i lt_gt = _mm_set1_epi8(0x3E), bsl_hat = _mm_set1_epi8(0x5E);
	const __m128i bar_rbrace = _mm_set1_epi8(0x7D), lbrace = _mm_set1_epi8(0x7B);
	const __m128i quote = _mm_set1_epi8(0x22), grave = _mm_set1_epi8(0x60);
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i x2 = _mm_or_si128(x, two); /* '<' '>' and '\\' '^' alike */
	__m128i m = _mm_cmpeq_epi8(_mm_min_epu8(x, space), x); /* x <= ' ' */

	m = _mm_or_si128(m, _mm_cmpeq_epi8(x2, lt_gt));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x2, bsl_hat));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_or_si128(x, one), bar_rbrace));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, lbrace));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, quote));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, grave));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(m, x)); /* or beyond ASCII */
}

#define HAVE_FIRST_MARKED 1
#endif

static void escape_iri(nkg_obuf *b, const char *iri);

void nkg_nt_iri(nkg_obuf *b, const char *iri)
{
	const unsigned char *p = (const unsigned char *)iri;
	size_t k;

#ifdef HAVE_FIRST_MARKED
	size_t len = strlen(iri);
	/* the usual IRI is plain ASCII: one scan, one copy */
	if (len >= 16 &&
	    (p = first_marked(p, p + len, iri_mask16)) == (const unsigned char *)iri + len) {
		put_clean_iri(b, iri, len);
		return;
	}
#endif

	/* the NUL is marked IRI too: one scan finds the end and the bytes
	 * to look at */
	for (;;) {
		while (!(special[*p] & (IRI | UNI)))
			p++;
		if (!*p)
			break;
		if (!(special[*p] & UNI) || iri_refuses(p, &k)) {
			escape_iri(b, iri);
			return;
		}
		p += k;
	}
	put_clean_iri(b, iri, (size_t)(p - (const unsigned char *)iri));
}

static void escape_iri(nkg_obuf *b, const char *iri)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)iri, *run;
	char pct[3] = {'%', 0, 0};

	nkg_obuf_put(b, "<", 1);
	run = p;
	for (;;) {
		size_t len = 1, k;
		while (!(special[*p] & (IRI | UNI)))
			p++;
		if (!*p)
			break;
		if ((special[*p] & UNI) && !iri_refuses(p, &len)) {
			p += len;
			continue;
		}
		nkg_obuf_put(b, (const char *)run, (size_t)(p - run));
		for (k = 0; k < len; k++, p++) {
			pct[1] = hex[*p >> 4];
			pct[2] = hex[*p & 0xF];
			nkg_obuf_put(b, pct, 3);
		}
		run = p;
	}
	nkg_obuf_put(b, (const char *)run, (size_t)(p - run));
	nkg_obuf_put(b, ">", 1);
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
#define LOWS UINT64_C(0x7F7F7F7F7F7F7F7F)

/* The high bit of each byte of 7-bit bytes v that is not c (exact: the
 * sum stays within the byte). */
static uint64_t differs(uint64_t v, unsigned char c)
{
	uint64_t y = v ^ (ONES * c);
	return (y + LOWS) | y;
}

/* Nonzero when a byte of x is marked STR or NONCHAR: an ASCII byte below
 * 0x20, '"', '\\' or DEL, or the byte 0xEF.  Bytes are tested by their
 * low seven bits, then told ASCII or not by the high one. */
static uint64_t str_special(uint64_t x)
{
	uint64_t v = x & LOWS;
	uint64_t ascii_ok = (v + ONES * 0x60) & differs(v, '"') & differs(v, '\\') &
	                    differs(v, 0x7F);
	uint64_t high_ok = differs(v, 0xEF & 0x7F);

	return ~((ascii_ok | x) & (high_ok | ~x)) & HIGHS;
}

#if defined(__SSE2__) && !defined(NKG_NO_SSE2)
/* The bytes of the 16 at p marked STR or NONCHAR, as bits (SSE2 is part
 * of every x86-64). */
static unsigned str_mask16(const unsigned char *p)
{
	const __m128i ctl = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"');
	const __m128i bsl = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7F);
	const __m128i ef = _mm_set1_epi8((char)0xEF);
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i m = _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x); /* x <= 0x1F */

	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, quote));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, bsl));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, del));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, ef));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* The first byte of p[0..end) a literal must look at (STR or NONCHAR),
 * or end.  Many bytes a step while they hold none: an article's
 * sentences are most of the bytes written, and seldom hold one. */
static const unsigned char *str_plain(const unsigned char *p, const unsigned char *end)
{
	uint64_t x;

#ifdef HAVE_FIRST_MARKED
	if (end - p >= 16)
		return first_marked(p, end, str_mask16);
#endif
	while (end - p >= 8) {
		memcpy(&x, p, 8);
		if (str_special(x))
			break;
		p += 8;
	}
	while (p < end && !(special[*p] & (STR | NONCHAR)))
		p++;
	return p;
}

void nkg_nt_string(nkg_obuf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *run;
	const char *esc;

	p = str_plain(p, end);
	if (p == end) {
		/* nothing to escape, the usual case: one piece */
		if (nkg_obuf_room(b, len + 2))
			return;
		b->buf[b->len] = '"';
		memcpy(b->buf + b->len + 1, s, len);
		b->buf[b->len + len + 1] = '"';
		b->len += len + 2;
		return;
	}
	nkg_obuf_put(b, "\"", 1);
	run = (const unsigned char *)s;
	for (;;) {
		p = str_plain(p, end);
		if (p < end && !(special[*p] & STR)) {
			/* U+FFFE and U+FFFF are escaped: raptor's parser cuts a
			 * literal at them (the reader refuses them in articles; a
			 * library caller's text may still hold one) */
			if (end - p < 3 || p[1] != 0xBF || (p[2] != 0xBE && p[2] != 0xBF)) {
				p++;
				continue;
			}
			nkg_obuf_put(b, (const char *)run, (size_t)(p - run));
			nkg_obuf_put(b, p[2] == 0xBE ? "\\uFFFE" : "\\uFFFF", 6);
			p += 3;
			run = p;
			continue;
		}
		nkg_obuf_put(b, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		switch (*p) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default: esc = NULL; put_uchar(b, *p); break;
		}
		if (esc)
			nkg_obuf_put(b, esc, 2);
		run = ++p;
	}
	nkg_obuf_put(b, "\"", 1);
}

void nkg_nt_statement(nkg_obuf *b, const char *s, const char *p, const nkg_term *o)
{
	nkg_nt_iri(b, s);
	nkg_obuf_put(b, " ", 1);
	nkg_nt_iri(b, p);
	nkg_obuf_put(b, " ", 1);
	if (!o->literal) {
		nkg_nt_iri(b, o->value);
		return;
	}
	nkg_nt_string(b, o->value, o->len);
	if (o->lang) {
		nkg_obuf_put(b, "@", 1);
		nkg_obuf_puts(b, o->lang);
	} else if (o->datatype) {
		nkg_obuf_put(b, "^^", 2);
		nkg_nt_iri(b, o->datatype);
	}
}
