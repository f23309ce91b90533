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
	char esc[8];
	snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
	nkg_obuf_put(b, esc, 6);
}

/* IRIREF forbids controls, space and <>"{}|^`\ unescaped.  newskg's own
 * IRIs never hold them; an article's url is taken as given, so this is
 * what keeps a strange one from breaking the line. */
static int iri_forbids(unsigned char c)
{
	return c <= 0x20 || strchr("<>\"{}|^`\\", c) != NULL;
}

void nkg_nt_iri(nkg_obuf *b, const char *iri)
{
	const char *run = iri, *p;

	nkg_obuf_put(b, "<", 1);
	for (p = iri; *p; p++) {
		if (!iri_forbids((unsigned char)*p))
			continue;
		nkg_obuf_put(b, run, (size_t)(p - run));
		put_uchar(b, (unsigned char)*p);
		run = p + 1;
	}
	nkg_obuf_put(b, run, (size_t)(p - run));
	nkg_obuf_put(b, ">", 1);
}

void nkg_nt_string(nkg_obuf *b, const char *s, size_t len)
{
	size_t i, run = 0;

	nkg_obuf_put(b, "\"", 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F)
			continue;
		nkg_obuf_put(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default: put_uchar(b, c); break;
		}
		if (esc)
			nkg_obuf_put(b, esc, 2);
	}
	nkg_obuf_put(b, s + run, len - run);
	nkg_obuf_put(b, "\"", 1);
}

void nkg_nt_line(nkg_obuf *b, const nkg_wtriple *t, const char *graph)
{
	nkg_nt_iri(b, t->s);
	nkg_obuf_put(b, " ", 1);
	nkg_nt_iri(b, t->p);
	nkg_obuf_put(b, " ", 1);
	if (!t->literal) {
		nkg_nt_iri(b, t->o);
	} else {
		nkg_nt_string(b, t->o, t->o_len);
		if (t->lang) {
			nkg_obuf_put(b, "@", 1);
			nkg_obuf_puts(b, t->lang);
		} else if (t->dt) {
			nkg_obuf_put(b, "^^", 2);
			nkg_nt_iri(b, t->dt);
		}
	}
	if (graph) {
		nkg_obuf_put(b, " ", 1);
		nkg_nt_iri(b, graph);
	}
	nkg_obuf_put(b, " .\n", 3);
}
