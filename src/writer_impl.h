/* Internal: the streaming writers' parts.  writer.c collects one
 * article's triples in a block, sorts them and drops repeats; write_nt.c
 * and write_ttl.c turn a block into N-Triples/N-Quads or Turtle text in an
 * output buffer, which writer.c hands to the FILE in one piece. */
#ifndef NKG_WRITER_IMPL_H
#define NKG_WRITER_IMPL_H

#include <stddef.h>

#include "doc.h"
#include "lineset.h"
#include "triple.h"
#include "newskg/writer.h"

/* Text being made; `nomem` sticks after a failed growth, and later
 * appends do nothing. */
typedef struct {
	char *buf;
	size_t len, cap;
	int nomem;
} nkg_obuf;

/* Grows `b` for `more` bytes after b->len; 0, or -1 (nomem set). */
int nkg_obuf_grow(nkg_obuf *b, size_t more);

/* Room for `more` bytes after b->len, so a caller may write a piece
 * straight into b->buf: 0, or -1 (nomem set).  Inline, as a statement
 * asks for room several times and it is nearly always there. */
static inline int nkg_obuf_room(nkg_obuf *b, size_t more)
{
	if (b->nomem)
		return -1;
	return b->cap - b->len >= more ? 0 : nkg_obuf_grow(b, more);
}

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
	nkg_digest digest;     /* NKG_TRIPLE_SHARED: of its N-Triples line, taken
	                          when rendered so the writer only looks it up */
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

typedef enum { NKG_SYNTAX_NTRIPLES, NKG_SYNTAX_NQUADS, NKG_SYNTAX_TURTLE } nkg_syntax;

/* A triple of an article while its block is filled: offsets into the
 * arena, which may move as it grows. */
typedef struct {
	size_t s, p, o, o_len, lang, dt;
	unsigned char literal, flags;
} nkg_raw_triple;

/* A shared line of a rendered article: where it starts, how long its
 * statement is (the digest's key) and the whole line. */
typedef struct {
	size_t start, statement, line;
} nkg_shared_line;

/* IRIs written as N-Triples writes them ("<...>", escaped), each once,
 * found again by address: the graph stage hands the same few IRIs (the
 * predicates, the article, the statement node, the actors) again and
 * again, each at one address (triple.h), and a copy is cheaper than a
 * scan.  A slot of another generation is empty. */
typedef struct {
	const char *iri;
	size_t off, len;            /* "<...>" at text.buf + off */
	unsigned gen;
} nkg_iri_slot;

typedef struct {
	nkg_obuf text;
	nkg_iri_slot *slot;
	size_t mask, n;
	unsigned gen;
	/* the last subject looked up: the graph stage hands a subject's
	 * triples one after the other, and this spares the table's probe */
	const char *last;
	size_t last_off, last_len;
} nkg_iri_memo;

/* One article made ready to be written (render.c).  Rendering reads only
 * the article and its own buffers, so threads render side by side; the
 * writer then writes renders in article order (nkg_writer_put_render). */
typedef struct {
	nkg_syntax syntax;
	nkg_status status;          /* of the last nkg_render_doc */
	/* N-Triples, N-Quads: the article's lines, each once */
	nkg_obuf text;
	size_t n_lines;
	nkg_shared_line *shared;    /* N-Triples: the lines marked shared */
	size_t n_shared, cap_shared;
	nkg_lineset *lines;
	nkg_obuf graph;             /* a line's end: " <article> .\n" in
	                               N-Quads, " .\n" in N-Triples */
	nkg_iri_memo vocab;         /* predicates and datatypes, for the run */
	nkg_iri_memo iris;          /* subjects and IRI objects, an article;
	                               Turtle: offsets of IRIs in the arena */
	/* Turtle: the article's triples, sorted, each once */
	char *arena;
	size_t arena_len, arena_cap;
	nkg_raw_triple *raw;
	size_t n_raw, cap_raw;
	nkg_wtriple *t;
	const nkg_wtriple **order;  /* order[0..n_sorted) */
	size_t n_sorted, cap_t;
	nkg_obuf key;               /* a shared triple's line, for its digest */
} nkg_render;

nkg_render *nkg_render_new(void);
void nkg_render_free(nkg_render *r);

/* Renders the graph of `doc` (named, incidents resolved) for `syntax` into
 * `r`, whose last article it replaces.  Reports nothing (the writer does,
 * in order); returns NKG_SUCCESS, NKG_ERR_NOMEM or the graph stage's
 * status, also kept in r->status. */
nkg_status nkg_render_doc(nkg_render *r, nkg_syntax syntax, const nkg_doc *doc);

/* The writer's syntax, for rendering off its thread. */
nkg_syntax nkg_writer_syntax(const nkg_writer *writer);

/* Writes `r`, rendered from `doc`: in the merged syntaxes, without the
 * shared triples written before.  Reports a failed render with the
 * article's file.  NKG_ERR_IO when the output failed, now or before. */
nkg_status nkg_writer_put_render(nkg_writer *writer, nkg_render *r, const nkg_doc *doc);

/* nkg_render_doc and nkg_writer_put_render in one, in the caller's
 * thread. */
nkg_status nkg_writer_put_doc(nkg_writer *writer, const nkg_doc *doc);

#endif
