/* The streaming writers.
 *
 * N-Triples and N-Quads lines are made as the graph stage hands over each
 * triple, straight into the article's output buffer; a line already
 * written for this article is taken back (a set of the article's lines).
 * Turtle collects the article's triples in a block and sorts them, to
 * group them by subject.  Each article's text goes out in one piece.
 *
 * The merged syntaxes (N-Triples, Turtle) remember every shared triple
 * they wrote (NKG_TRIPLE_SHARED: an actor's labels, an accusation between
 * two states, an incident named by what it hit), so each is written once
 * per run.  They remember its 128-bit digest, 16 bytes (lineset.h), not
 * its text: the memory grows with the actors, pairs of actors and
 * incidents of the run, not with its articles.  N-Quads keeps every
 * article graph complete and remembers nothing beyond the article. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "lineset.h"
#include "newskg/extract.h"
#include "newskg/writer.h"
#include "writer_impl.h"

#define RDF_TYPE_IRI "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define NONE ((size_t)-1)   /* keep() failed */
#define ABSENT ((size_t)-2) /* no language or datatype */

typedef enum { SYNTAX_NTRIPLES, SYNTAX_NQUADS, SYNTAX_TURTLE } syntax;

/* A triple while its block is filled: offsets into the arena, which may
 * move as it grows. */
typedef struct {
	size_t s, p, o, o_len, lang, dt;
	unsigned char literal, flags;
} raw_triple;

struct nkg_writer {
	nkg_world *world;
	FILE *out;
	syntax syntax;
	nkg_ttl_prefixes prefixes;
	char *base;
	int started;              /* the Turtle header is out */
	int failed;               /* errno of the first failed write, or 0 */
	size_t statements;
	nkg_digestset *written;   /* merged syntaxes: shared triples written */
	nkg_lineset *lines;       /* N-Triples, N-Quads: this article's lines */
	nkg_obuf graph;           /* N-Quads: " <article> .\n" */
	/* the block of the current article, reused from one to the next */
	char *arena;
	size_t arena_len, arena_cap;
	raw_triple *raw;
	size_t n_raw, cap_raw;
	nkg_wtriple *t;
	const nkg_wtriple **order;
	size_t cap_t;
	nkg_obuf text, key;
	size_t n_article;         /* statements of the article being written */
};

int nkg_format_streams(const char *format)
{
	return format && (strcmp(format, "ntriples") == 0 ||
	                  strcmp(format, "nquads") == 0 ||
	                  strcmp(format, "turtle") == 0);
}

nkg_writer *nkg_writer_new(nkg_world *world, const char *format,
                           const char *base, FILE *out)
{
	nkg_writer *w;

	if (!world || !out || !nkg_format_streams(format) || !(w = calloc(1, sizeof *w)))
		return NULL;
	w->world = world;
	w->out = out;
	w->syntax = strcmp(format, "nquads") == 0 ? SYNTAX_NQUADS
	          : strcmp(format, "turtle") == 0 ? SYNTAX_TURTLE : SYNTAX_NTRIPLES;
	/* as the extractor takes it, so inst: abbreviates its IRIs */
	if (nkg_iri_from_url(base ? base : NKG_DEFAULT_BASE, &w->base) == NKG_SUCCESS && !w->base)
		w->base = strdup(base);
	if (w->syntax != SYNTAX_NQUADS)
		w->written = nkg_digestset_new();
	if (w->syntax != SYNTAX_TURTLE)
		w->lines = nkg_lineset_new();
	if (!w->base || (w->syntax != SYNTAX_NQUADS && !w->written) ||
	    (w->syntax != SYNTAX_TURTLE && !w->lines)) {
		nkg_writer_free(w);
		return NULL;
	}
	nkg_ttl_prefixes_init(&w->prefixes, w->base);
	return w;
}

void nkg_writer_free(nkg_writer *w)
{
	if (!w)
		return;
	nkg_digestset_free(w->written);
	nkg_lineset_free(w->lines);
	nkg_obuf_free(&w->graph);
	free(w->base);
	free(w->arena);
	free(w->raw);
	free(w->t);
	free(w->order);
	nkg_obuf_free(&w->text);
	nkg_obuf_free(&w->key);
	free(w);
}

size_t nkg_writer_statements(const nkg_writer *w)
{
	return w ? w->statements : 0;
}

/* ---- the block ---------------------------------------------------------- */

/* Copies s[0..len) and a NUL into the arena; NONE when out of memory. */
static size_t keep(nkg_writer *w, const char *s, size_t len)
{
	size_t at = w->arena_len;

	if (w->arena_cap - w->arena_len < len + 1) {
		size_t cap = w->arena_cap ? w->arena_cap : 16384;
		char *p;
		while (cap - w->arena_len < len + 1)
			cap *= 2;
		if (!(p = realloc(w->arena, cap)))
			return NONE;
		w->arena = p;
		w->arena_cap = cap;
	}
	memcpy(w->arena + at, s, len);
	w->arena[at + len] = '\0';
	w->arena_len += len + 1;
	return at;
}

static nkg_status block_add(void *handle, const char *s, const char *p,
                            const nkg_term *o, unsigned flags)
{
	nkg_writer *w = handle;
	raw_triple *r;

	if (w->n_raw == w->cap_raw) {
		size_t cap = w->cap_raw ? w->cap_raw * 2 : 128;
		raw_triple *v = realloc(w->raw, cap * sizeof *v);
		if (!v)
			return NKG_ERR_NOMEM;
		w->raw = v;
		w->cap_raw = cap;
	}
	r = &w->raw[w->n_raw];
	r->s = keep(w, s, strlen(s));
	r->p = keep(w, p, strlen(p));
	r->o = keep(w, o->value, o->len);
	r->o_len = o->len;
	r->lang = o->lang ? keep(w, o->lang, strlen(o->lang)) : ABSENT;
	r->dt = o->datatype ? keep(w, o->datatype, strlen(o->datatype)) : ABSENT;
	r->literal = (unsigned char)(o->literal != 0);
	r->flags = (unsigned char)flags;
	if (r->s == NONE || r->p == NONE || r->o == NONE || r->lang == NONE || r->dt == NONE)
		return NKG_ERR_NOMEM;
	w->n_raw++;
	return NKG_SUCCESS;
}

static const char *at(const nkg_writer *w, size_t off)
{
	return off == ABSENT ? NULL : w->arena + off;
}

/* The block's triples with pointers, now that the arena stays put. */
static int block_fix(nkg_writer *w)
{
	size_t i;

	if (w->n_raw > w->cap_t) {
		nkg_wtriple *t = realloc(w->t, w->n_raw * sizeof *t);
		const nkg_wtriple **o = t ? realloc(w->order, w->n_raw * sizeof *o) : NULL;
		if (t)
			w->t = t;
		if (!t || !o)
			return -1;
		w->order = o;
		w->cap_t = w->n_raw;
	}
	for (i = 0; i < w->n_raw; i++) {
		const raw_triple *r = &w->raw[i];
		nkg_wtriple *t = &w->t[i];
		t->s = at(w, r->s);
		t->p = at(w, r->p);
		t->o = at(w, r->o);
		t->o_len = r->o_len;
		t->lang = at(w, r->lang);
		t->dt = at(w, r->dt);
		t->literal = r->literal;
		t->flags = r->flags;
		t->is_type = strcmp(t->p, RDF_TYPE_IRI) == 0;
		w->order[i] = t;
	}
	return 0;
}

static int cmp_opt(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_object(const nkg_wtriple *a, const nkg_wtriple *b)
{
	size_t n = a->o_len < b->o_len ? a->o_len : b->o_len;
	int c;

	if (a->literal != b->literal)
		return a->literal - b->literal;
	if ((c = memcmp(a->o, b->o, n)) != 0)
		return c;
	if (a->o_len != b->o_len)
		return a->o_len < b->o_len ? -1 : 1;
	if ((c = cmp_opt(a->lang, b->lang)) != 0)
		return c;
	return cmp_opt(a->dt, b->dt);
}

/* By subject, then rdf:type before other predicates (a reader sees what
 * a thing is first), then predicate and object. */
static int cmp_triples(const void *x, const void *y)
{
	const nkg_wtriple *a = *(const nkg_wtriple *const *)x;
	const nkg_wtriple *b = *(const nkg_wtriple *const *)y;
	int c = strcmp(a->s, b->s);

	if (c)
		return c;
	if (a->is_type != b->is_type)
		return b->is_type - a->is_type;
	if ((c = strcmp(a->p, b->p)) != 0)
		return c;
	return cmp_object(a, b);
}

/* 1 when a shared triple was written before (merged syntaxes); marks it
 * written otherwise.  -1 when out of memory. */
static int written_before(nkg_writer *w, const nkg_wtriple *t)
{
	nkg_term o = {t->o, t->o_len, t->lang, t->dt, t->literal};

	if (!w->written || !(t->flags & NKG_TRIPLE_SHARED))
		return 0;
	w->key.len = 0;
	nkg_nt_statement(&w->key, t->s, t->p, &o);
	if (w->key.nomem)
		return -1;
	return nkg_digestset_add(w->written, w->key.buf, w->key.len);
}

/* Sorts the block, drops repeats and what was written before; the
 * survivors stay in w->order[0..*n). */
static int block_select(nkg_writer *w, size_t *n)
{
	size_t i, k = 0;
	int seen;

	qsort(w->order, w->n_raw, sizeof *w->order, cmp_triples);
	for (i = 0; i < w->n_raw; i++) {
		if (k > 0 && cmp_triples(&w->order[i], &w->order[k - 1]) == 0)
			continue;
		w->order[k++] = w->order[i];
	}
	*n = 0;
	for (i = 0; i < k; i++) {
		if ((seen = written_before(w, w->order[i])) < 0)
			return -1;
		if (!seen)
			w->order[(*n)++] = w->order[i];
	}
	return 0;
}

/* ---- text --------------------------------------------------------------- */

static void flush_text(nkg_writer *w)
{
	if (w->text.len && !w->failed &&
	    fwrite(w->text.buf, 1, w->text.len, w->out) != w->text.len)
		w->failed = errno ? errno : EIO;
	w->text.len = 0;
}

static void start(nkg_writer *w)
{
	if (w->started)
		return;
	w->started = 1;
	if (w->syntax == SYNTAX_TURTLE)
		nkg_ttl_header(&w->text, &w->prefixes);
}

/* ---- N-Triples and N-Quads: line by line ------------------------------- */

static nkg_status line_add(void *handle, const char *s, const char *p,
                           const nkg_term *o, unsigned flags)
{
	nkg_writer *w = handle;
	size_t start = w->text.len, len;
	int seen;

	nkg_nt_statement(&w->text, s, p, o);
	if (w->text.nomem)
		return NKG_ERR_NOMEM;
	len = w->text.len - start;
	/* a shared triple: once per run, which also covers this article */
	if (w->written && (flags & NKG_TRIPLE_SHARED))
		seen = nkg_digestset_add(w->written, w->text.buf + start, len);
	else
		seen = nkg_lineset_add_at(w->lines, w->text.buf, start, len);
	if (seen < 0)
		return NKG_ERR_NOMEM;
	if (seen) {
		w->text.len = start;
		return NKG_SUCCESS;
	}
	if (w->syntax == SYNTAX_NQUADS)
		nkg_obuf_put(&w->text, w->graph.buf, w->graph.len);
	else
		nkg_obuf_put(&w->text, " .\n", 3);
	w->n_article++;
	return w->text.nomem ? NKG_ERR_NOMEM : NKG_SUCCESS;
}

static nkg_status put_lines(nkg_writer *w, const nkg_doc *doc)
{
	nkg_sink sink = {line_add, w};

	nkg_lineset_clear(w->lines);
	if (w->syntax == SYNTAX_NQUADS) {
		w->graph.len = 0;
		nkg_obuf_put(&w->graph, " ", 1);
		nkg_nt_iri(&w->graph, doc->iri);
		nkg_obuf_put(&w->graph, " .\n", 3);
		if (w->graph.nomem)
			return NKG_ERR_NOMEM;
	}
	return nkg_graph_emit(w->world, doc, &sink);
}

/* ---- Turtle: a block per article ------------------------------------------ */

static nkg_status put_block(nkg_writer *w, const nkg_doc *doc)
{
	nkg_sink sink = {block_add, w};
	nkg_status st;
	size_t n = 0;

	w->n_raw = 0;
	w->arena_len = 0;
	if ((st = nkg_graph_emit(w->world, doc, &sink)) != NKG_SUCCESS)
		return st;
	if (block_fix(w) || block_select(w, &n))
		return NKG_ERR_NOMEM;
	nkg_ttl_block(&w->text, &w->prefixes, w->order, n);
	w->n_article = n;
	return w->text.nomem ? NKG_ERR_NOMEM : NKG_SUCCESS;
}

nkg_status nkg_writer_put_doc(nkg_writer *w, const nkg_doc *doc)
{
	nkg_status st;
	size_t mark;

	start(w);
	mark = w->text.len;
	w->n_article = 0;
	st = w->syntax == SYNTAX_TURTLE ? put_block(w, doc) : put_lines(w, doc);
	if (st == NKG_ERR_NOMEM)
		nkg_world_report(w->world, st, doc->path, 0, NKG_NO_OFFSET,
		                 "graph of %s: out of memory", doc->iri);
	if (st != NKG_SUCCESS) {
		/* nothing of a failed article goes out */
		w->text.len = mark;
		w->text.nomem = 0;
		return st;
	}
	w->statements += w->n_article;
	flush_text(w);
	return w->failed ? NKG_ERR_IO : NKG_SUCCESS;
}

nkg_status nkg_writer_finish(nkg_writer *w)
{
	if (!w)
		return NKG_ERR_ARG;
	start(w);
	flush_text(w);
	if (!w->failed && (fflush(w->out) != 0 || ferror(w->out)))
		w->failed = errno ? errno : EIO;
	if (w->failed)
		errno = w->failed;
	return w->failed ? NKG_ERR_IO : NKG_SUCCESS;
}
