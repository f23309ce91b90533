/* An article's graph made ready to be written, off the writer's thread.
 *
 * N-Triples and N-Quads lines are made as the graph stage hands over each
 * triple, straight into the article's text; a line the article already
 * has is taken back (a set of the article's lines, exact; a triple the
 * graph stage makes once, NKG_TRIPLE_ONCE, is not looked up).  Turtle keeps
 * the article's triples in a block, sorted to group them by subject.
 * What only the run can know (was a shared triple written by an earlier
 * article?) is left to the writer: shared lines are marked, not dropped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "writer_impl.h"

#define NONE ((size_t)-1)   /* keep() failed */
#define ABSENT ((size_t)-2) /* no language or datatype */

/* ---- each IRI escaped once -------------------------------------------- */

typedef struct {
	size_t off, len;
} span;

static size_t memo_slot(const nkg_iri_memo *m, const char *iri)
{
	/* Fibonacci hashing: the high bits of the product mix every bit of
	 * the address, whose low bits are all alike */
	uint64_t h = (uint64_t)(uintptr_t)iri * UINT64_C(0x9E3779B97F4A7C15);
	size_t i = (size_t)(h >> 40) & m->mask;

	while (m->slot[i].gen == m->gen && m->slot[i].iri != iri)
		i = (i + 1) & m->mask;
	return i;
}

/* A table twice the size (or a first one), holding the IRIs of this
 * generation; -1 when out of memory. */
static int memo_grow(nkg_iri_memo *m)
{
	nkg_iri_slot *old = m->slot;
	size_t n = old ? m->mask + 1 : 0, i;
	size_t cap = n ? n * 2 : 256;
	nkg_iri_slot *v = calloc(cap, sizeof *v);

	if (!v)
		return -1;
	m->slot = v;
	m->mask = cap - 1;
	if (!m->gen)
		m->gen = 1;
	for (i = 0; i < n; i++)
		if (old[i].gen == m->gen)
			v[memo_slot(m, old[i].iri)] = old[i];
	free(old);
	return 0;
}

/* Forgets every IRI in constant time. */
static void memo_clear(nkg_iri_memo *m)
{
	m->text.len = 0;
	m->text.nomem = 0;
	m->n = 0;
	m->last = NULL;
	if (++m->gen == 0) {
		if (m->slot)
			memset(m->slot, 0, (m->mask + 1) * sizeof *m->slot);
		m->gen = 1;
	}
}

static void memo_free(nkg_iri_memo *m)
{
	nkg_obuf_free(&m->text);
	free(m->slot);
}

/* Adds "<iri>", not in the table, at slot i (which moves when the table
 * grows) and says where it is; -1 when out of memory.  The hit is most
 * calls: the miss is kept out of line so that the hit needs no registers
 * saved and is inlined where it is asked. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int memo_add(nkg_iri_memo *m, const char *iri, size_t i, span *out)
{
	nkg_iri_slot *e;

	if (2 * (m->n + 1) > m->mask + 1) {
		if (memo_grow(m))
			return -1;
		i = memo_slot(m, iri);
	}
	e = &m->slot[i];
	e->iri = iri;
	e->gen = m->gen;
	e->off = m->text.len;
	nkg_nt_iri(&m->text, iri);
	if (m->text.nomem)
		return -1;
	e->len = m->text.len - e->off;
	m->n++;
	out->off = e->off;
	out->len = e->len;
	return 0;
}

/* Where "<iri>" is in m->text, escaped on first sight; -1 when out of
 * memory.  The table is there (nkg_render_new). */
static inline int memo_iri(nkg_iri_memo *m, const char *iri, span *out)
{
	size_t i = memo_slot(m, iri);

	if (m->slot[i].gen != m->gen)
		return memo_add(m, iri, i, out);
	out->off = m->slot[i].off;
	out->len = m->slot[i].len;
	return 0;
}

/* memo_iri for a subject, through the one-entry cache of the last. */
static inline int memo_subject(nkg_iri_memo *m, const char *iri, span *out)
{
	if (iri == m->last) {
		out->off = m->last_off;
		out->len = m->last_len;
		return 0;
	}
	if (memo_iri(m, iri, out))
		return -1;
	m->last = iri;
	m->last_off = out->off;
	m->last_len = out->len;
	return 0;
}

/* Copies an IRI's text to `to`, where the room is. */
static char *put_span(char *to, const nkg_iri_memo *m, span sp)
{
	memcpy(to, m->text.buf + sp.off, sp.len);
	return to + sp.len;
}

/* ---- the render ---------------------------------------------------------- */

nkg_render *nkg_render_new(void)
{
	nkg_render *r = calloc(1, sizeof *r);

	if (r && (!(r->lines = nkg_lineset_new()) || memo_grow(&r->vocab) || memo_grow(&r->iris))) {
		memo_free(&r->vocab);
		memo_free(&r->iris);
		nkg_lineset_free(r->lines);
		free(r);
		return NULL;
	}
	return r;
}

void nkg_render_free(nkg_render *r)
{
	if (!r)
		return;
	nkg_obuf_free(&r->text);
	nkg_obuf_free(&r->graph);
	memo_free(&r->vocab);
	memo_free(&r->iris);
	nkg_obuf_free(&r->key);
	nkg_lineset_free(r->lines);
	free(r->shared);
	free(r->arena);
	free(r->raw);
	free(r->t);
	free(r->order);
	free(r);
}

/* ---- N-Triples and N-Quads: line by line ------------------------------- */

/* nkg_nt_statement's bytes, made of the memo's IRIs: the room for a
 * whole line is asked for once.  `tail` is what ends the line, added
 * later (room for it is kept when cheap to know). */
#if defined(__GNUC__)
__attribute__((always_inline)) /* into line_add: a call saved and restored six registers */
#endif
static inline int put_statement(nkg_render *r, nkg_obuf *b, nkg_iri_memo *vocab,
                         const char *s, const char *p, const nkg_term *o, size_t tail)
{
	span ss, ps, os;
	char *w;
	size_t n;

	if (memo_subject(&r->iris, s, &ss) || memo_iri(vocab, p, &ps) ||
	    (!o->literal && memo_iri(&r->iris, o->value, &os)) ||
	    nkg_obuf_room(b, ss.len + ps.len + 2 + (o->literal ? o->len + 2 : os.len) + tail))
		return -1;
	w = put_span(b->buf + b->len, &r->iris, ss);
	*w++ = ' ';
	w = put_span(w, vocab, ps);
	*w++ = ' ';
	if (!o->literal) {
		b->len = (size_t)(put_span(w, &r->iris, os) - b->buf);
		return 0;
	}
	b->len = (size_t)(w - b->buf);
	nkg_nt_string(b, o->value, o->len);
	if (o->lang) {
		n = strlen(o->lang);
		if (nkg_obuf_room(b, n + 1 + tail))
			return -1;
		w = b->buf + b->len;
		*w++ = '@';
		memcpy(w, o->lang, n);
		b->len += n + 1;
	} else if (o->datatype) {
		if (memo_iri(vocab, o->datatype, &os) || nkg_obuf_room(b, os.len + 2 + tail))
			return -1;
		w = b->buf + b->len;
		*w++ = '^';
		*w++ = '^';
		b->len = (size_t)(put_span(w, vocab, os) - b->buf);
	}
	return b->nomem ? -1 : 0;
}

static int mark_shared(nkg_render *r, size_t start, size_t statement)
{
	if (r->n_shared == r->cap_shared) {
		size_t cap = r->cap_shared ? r->cap_shared * 2 : 64;
		nkg_shared_line *v = realloc(r->shared, cap * sizeof *v);
		if (!v)
			return -1;
		r->shared = v;
		r->cap_shared = cap;
	}
	r->shared[r->n_shared].start = start;
	r->shared[r->n_shared].statement = statement;
	r->shared[r->n_shared++].line = r->text.len - start;
	return 0;
}

static nkg_status line_add(void *handle, const char *s, const char *p,
                           const nkg_term *o, unsigned flags)
{
	nkg_render *r = handle;
	size_t start = r->text.len, len;
	int seen;

	if (put_statement(r, &r->text, &r->vocab, s, p, o, r->graph.len))
		return NKG_ERR_NOMEM;
	len = r->text.len - start;
	seen = flags & NKG_TRIPLE_ONCE ? 0 : nkg_lineset_add_at(r->lines, r->text.buf, start, len);
	if (seen < 0)
		return NKG_ERR_NOMEM;
	if (seen) {
		r->text.len = start;
		return NKG_SUCCESS;
	}
	if (nkg_obuf_room(&r->text, r->graph.len))
		return NKG_ERR_NOMEM;
	memcpy(r->text.buf + r->text.len, r->graph.buf, r->graph.len);
	r->text.len += r->graph.len;
	if (r->syntax == NKG_SYNTAX_NTRIPLES && (flags & NKG_TRIPLE_SHARED) &&
	    mark_shared(r, start, len))
		return NKG_ERR_NOMEM;
	r->n_lines++;
	return NKG_SUCCESS;
}

static nkg_status render_lines(nkg_render *r, const nkg_doc *doc)
{
	nkg_sink sink = {line_add, r};

	/* what ends a line: " <article> .\n" in N-Quads, " .\n" else */
	r->graph.len = 0;
	if (r->syntax == NKG_SYNTAX_NQUADS) {
		nkg_obuf_put(&r->graph, " ", 1);
		nkg_nt_iri(&r->graph, doc->iri);
	}
	nkg_obuf_put(&r->graph, " .\n", 3);
	if (r->graph.nomem)
		return NKG_ERR_NOMEM;
	memo_clear(&r->iris);
	return nkg_graph_emit(NULL, doc, &sink);
}

/* ---- Turtle: a sorted block ------------------------------------------------ */

/* Copies s[0..len) and a NUL into the arena; NONE when out of memory. */
static size_t keep(nkg_render *r, const char *s, size_t len)
{
	size_t at = r->arena_len;

	if (r->arena_cap - r->arena_len < len + 1) {
		size_t cap = r->arena_cap ? r->arena_cap : 16384;
		char *p;
		while (cap - r->arena_len < len + 1)
			cap *= 2;
		if (!(p = realloc(r->arena, cap)))
			return NONE;
		r->arena = p;
		r->arena_cap = cap;
	}
	memcpy(r->arena + at, s, len);
	r->arena[at + len] = '\0';
	r->arena_len += len + 1;
	return at;
}

/* intern's miss, out of line as memo_add is. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static size_t intern_add(nkg_render *r, const char *iri, size_t i)
{
	nkg_iri_memo *m = &r->iris;
	size_t at, len;

	if (2 * (m->n + 1) > m->mask + 1) {
		if (memo_grow(m))
			return NONE;
		i = memo_slot(m, iri);
	}
	len = strlen(iri);
	if ((at = keep(r, iri, len)) == NONE)
		return NONE;
	m->slot[i].iri = iri;
	m->slot[i].gen = m->gen;
	m->slot[i].off = at;
	m->slot[i].len = len;
	m->n++;
	return at;
}

/* Where the arena's copy of an IRI is, made on first sight: an article
 * names few IRIs many times (triple.h: each at one address), and a
 * shared copy makes equal IRIs equal pointers for the sort and the
 * Turtle writer.  r->iris maps addresses to arena offsets here. */
static size_t intern(nkg_render *r, const char *iri)
{
	nkg_iri_memo *m = &r->iris;
	size_t i = memo_slot(m, iri);

	return m->slot[i].gen == m->gen ? m->slot[i].off : intern_add(r, iri, i);
}

static nkg_status block_add(void *handle, const char *s, const char *p,
                            const nkg_term *o, unsigned flags)
{
	nkg_render *r = handle;
	nkg_raw_triple *t;

	if (r->n_raw == r->cap_raw) {
		size_t cap = r->cap_raw ? r->cap_raw * 2 : 128;
		nkg_raw_triple *v = realloc(r->raw, cap * sizeof *v);
		if (!v)
			return NKG_ERR_NOMEM;
		r->raw = v;
		r->cap_raw = cap;
	}
	t = &r->raw[r->n_raw];
	t->s = intern(r, s);
	t->p = intern(r, p);
	if (o->literal) {
		t->o = keep(r, o->value, o->len);
		t->o_len = o->len;
	} else if ((t->o = intern(r, o->value)) != NONE) {
		/* an IRI comes without its length (triple.h); intern has it */
		t->o_len = r->iris.slot[memo_slot(&r->iris, o->value)].len;
	}
	t->lang = o->lang ? keep(r, o->lang, strlen(o->lang)) : ABSENT;
	t->dt = o->datatype ? intern(r, o->datatype) : ABSENT;
	t->literal = (unsigned char)(o->literal != 0);
	t->flags = (unsigned char)flags;
	if (t->s == NONE || t->p == NONE || t->o == NONE || t->lang == NONE || t->dt == NONE)
		return NKG_ERR_NOMEM;
	r->n_raw++;
	return NKG_SUCCESS;
}

static const char *at(const nkg_render *r, size_t off)
{
	return off == ABSENT ? NULL : r->arena + off;
}

/* The block's triples with pointers, now that the arena stays put. */
static int block_fix(nkg_render *r)
{
	size_t i;

	if (r->n_raw > r->cap_t) {
		nkg_wtriple *t = realloc(r->t, r->n_raw * sizeof *t);
		const nkg_wtriple **o = t ? realloc(r->order, r->n_raw * sizeof *o) : NULL;
		if (t)
			r->t = t;
		if (!t || !o)
			return -1;
		r->order = o;
		r->cap_t = r->n_raw;
	}
	memo_clear(&r->iris); /* from arena offsets to N-Triples text */
	for (i = 0; i < r->n_raw; i++) {
		const nkg_raw_triple *raw = &r->raw[i];
		nkg_wtriple *t = &r->t[i];
		t->s = at(r, raw->s);
		t->p = at(r, raw->p);
		t->o = at(r, raw->o);
		t->o_len = raw->o_len;
		t->lang = at(r, raw->lang);
		t->dt = at(r, raw->dt);
		t->literal = raw->literal;
		t->flags = raw->flags;
		t->is_type = strcmp(t->p, NKG_RDF_TYPE) == 0;
		r->order[i] = t;
		if (t->flags & NKG_TRIPLE_SHARED) {
			/* the arena's IRIs are one copy each (intern), so the
			 * memo finds them by address as line_add's does */
			nkg_term o = {t->o, t->o_len, t->lang, t->dt, t->literal};
			r->key.len = 0;
			if (put_statement(r, &r->key, &r->iris, t->s, t->p, &o, 0))
				return -1;
			t->digest = nkg_digest_of(r->key.buf, r->key.len);
		}
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
	if (a->o != b->o && (c = memcmp(a->o, b->o, n)) != 0)
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
	/* an IRI is one copy an article (intern): equal, it is one pointer */
	int c = a->s == b->s ? 0 : strcmp(a->s, b->s);

	if (c)
		return c;
	if (a->is_type != b->is_type)
		return b->is_type - a->is_type;
	if (a->p != b->p && (c = strcmp(a->p, b->p)) != 0)
		return c;
	return cmp_object(a, b);
}

static nkg_status render_block(nkg_render *r, const nkg_doc *doc)
{
	nkg_sink sink = {block_add, r};
	nkg_status st;
	size_t i, k = 0;

	memo_clear(&r->iris);
	if ((st = nkg_graph_emit(NULL, doc, &sink)) != NKG_SUCCESS)
		return st;
	if (block_fix(r))
		return NKG_ERR_NOMEM;
	qsort(r->order, r->n_raw, sizeof *r->order, cmp_triples);
	for (i = 0; i < r->n_raw; i++) {
		if (k > 0 && cmp_triples(&r->order[i], &r->order[k - 1]) == 0)
			continue;
		r->order[k++] = r->order[i];
	}
	r->n_sorted = k;
	return NKG_SUCCESS;
}

nkg_status nkg_render_doc(nkg_render *r, nkg_syntax syntax, const nkg_doc *doc)
{
	r->syntax = syntax;
	r->text.len = 0;
	r->text.nomem = 0;
	r->n_lines = r->n_shared = 0;
	r->arena_len = r->n_raw = r->n_sorted = 0;
	nkg_lineset_clear(r->lines);
	r->status = syntax == NKG_SYNTAX_TURTLE ? render_block(r, doc) : render_lines(r, doc);
	return r->status;
}
