/* Internal: the streaming writers' parts.  writer.c collects one
 * article's triples in a block, sorts them and drops repeats; write_nt.c
 * and write_ttl.c turn a block into N-Triples/N-Quads or Turtle text in an
 * output buffer, which writer.c hands to the FILE in one piece. */
#ifndef NKG_WRITER_IMPL_H
#define NKG_WRITER_IMPL_H

#include <stddef.h>

#include "doc.h"
#include "triple.h"
#include "newskg/writer.h"

/* Text being made; `nomem` sticks after a failed growth, and later
 * appends do nothing. */
typedef struct {
	char *buf;
	size_t len, cap;
	int nomem;
} nkg_obuf;

void nkg_obuf_put(nkg_obuf *b, const char *s, size_t len);
void nkg_obuf_puts(nkg_obuf *b, const char *s);
void nkg_obuf_free(nkg_obuf *b);

/* One triple of a block.  Strings point into the block's arena once the
 * block is complete (NULL where absent). */
typedef struct {
	const char *s, *p, *o;
	size_t o_len;          /* bytes of o (a literal may hold any byte but NUL) */
	const char *lang, *dt; /* literal language or datatype, or NULL */
	unsigned char literal;
	unsigned char flags;   /* NKG_TRIPLE_* */
	unsigned char is_type; /* p is rdf:type, which sorts first */
} nkg_wtriple;

/* An IRI as N-Triples, N-Quads and Turtle write it between < and >:
 * bytes no IRI may hold are percent-encoded. */
void nkg_nt_iri(nkg_obuf *b, const char *iri);

/* A literal's quoted text with the escapes N-Triples and Turtle share;
 * UTF-8 passes through unchanged. */
void nkg_nt_string(nkg_obuf *b, const char *s, size_t len);

/* "<s> <p> o" as N-Triples writes it, without the closing " .": N-Quads
 * adds its graph name there. */
void nkg_nt_statement(nkg_obuf *b, const char *s, const char *p, const nkg_term *o);

/* The Turtle writer's prefixes: newskg's namespaces and `base` as inst:. */
typedef struct {
	const char *prefix[16], *ns[16];
	size_t ns_len[16];
	size_t by_length[16]; /* indexes, longest namespace first */
	size_t n;
} nkg_ttl_prefixes;

void nkg_ttl_prefixes_init(nkg_ttl_prefixes *px, const char *base);

/* The @prefix lines. */
void nkg_ttl_header(nkg_obuf *b, const nkg_ttl_prefixes *px);

/* Turtle for triples t[0..n), sorted by subject: one paragraph per
 * subject, predicates and objects grouped. */
void nkg_ttl_block(nkg_obuf *b, const nkg_ttl_prefixes *px,
                   const nkg_wtriple *const *t, size_t n);

/* Writes the graph of `doc` (incident IRIs resolved) as the writer's
 * syntax; failures are reported with the article's file.  NKG_ERR_IO when
 * the output failed, now or before. */
nkg_status nkg_writer_put_doc(nkg_writer *writer, const nkg_doc *doc);

#endif
