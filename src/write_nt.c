/* N-Triples and N-Quads text, and the output buffer every writer fills.
 *
 * UTF-8 is written as it is (N-Triples 1.1 allows it), so Arabic costs two
 * bytes a letter and stays readable, where raptor's writer spends six on
 * a \uXXXX escape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writer_impl.h"

void nkg_obuf_put(nkg_obuf *b, const char *s, size_t len)
{
	if (b->cap - b->len >= len && !b->nomem) {
		memcpy(b->buf + b->len, s, len);
		b->len += len;
		return;
	}
	if (b->nomem)
		return;
	if (b->cap - b->len < len) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;
		while (cap - b->len < len) {
			if (cap > ((size_t)-1) / 2) {
				b->nomem = 1;
				return;
			}
			cap *= 2;
		}
		if (!(p = realloc(b->buf, cap))) {
			b->nomem = 1;
			return;
		}
		b->buf = p;
		b->cap = cap;
	}
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
static const unsigned char special[256] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	IRI, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* space ! " */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, IRI, 0, IRI, 0, /* < > */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, IRI, 0, /* \ ^ */
	IRI, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* ` */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, IRI, IRI, IRI, 0, STR, /* { | } DEL */
};

/* A byte an IRI may not hold is percent-encoded, not \u-escaped: the
 * escape would only put the space back into the IRI, which parsers then
 * refuse.  The scan stops at the first such byte or the NUL (both marked
 * IRI in the table), so a clean IRI costs one loop and one copy. */
void nkg_nt_iri(nkg_obuf *b, const char *iri)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)iri, *run;
	char pct[3] = {'%', 0, 0};

	nkg_obuf_put(b, "<", 1);
	for (;;) {
		run = p;
		while (!(special[*p] & IRI))
			p++;
		nkg_obuf_put(b, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		pct[1] = hex[*p >> 4];
		pct[2] = hex[*p & 0xF];
		nkg_obuf_put(b, pct, 3);
		p++;
	}
	nkg_obuf_put(b, ">", 1);
}

void nkg_nt_string(nkg_obuf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *run;
	const char *esc;

	nkg_obuf_put(b, "\"", 1);
	for (;;) {
		run = p;
		while (p < end && !(special[*p] & STR))
			p++;
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
		p++;
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
