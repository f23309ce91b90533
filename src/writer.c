/* The streaming writers: articles rendered (render.c) are written in
 * article order, each in one piece.
 *
 * The merged syntaxes (N-Triples, Turtle) remember every shared triple
 * they wrote (NKG_TRIPLE_SHARED: an actor's labels, an accusation between
 * two states, an incident named by what it hit), so each is written once
 * per run.  They remember 96 bits of its digest, 12 bytes (lineset.h),
 * not its text: the memory grows with the actors, pairs of actors and
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

struct nkg_writer {
	nkg_world *world;
	FILE *out;
	nkg_syntax syntax;
	nkg_ttl_prefixes prefixes;
	char *base;
	int started;              /* the Turtle header is out */
	int failed;               /* errno of the first failed write, or 0 */
	size_t statements;
	nkg_digestset *written;   /* merged syntaxes: shared triples written */
	nkg_render *render;       /* for nkg_writer_put_doc */
	nkg_obuf text;            /* Turtle's text */
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
	w->syntax = strcmp(format, "nquads") == 0 ? NKG_SYNTAX_NQUADS
	          : strcmp(format, "turtle") == 0 ? NKG_SYNTAX_TURTLE : NKG_SYNTAX_NTRIPLES;
	/* as the extractor takes it, so inst: abbreviates its IRIs */
	if (nkg_iri_from_url(base ? base : NKG_DEFAULT_BASE, &w->base) == NKG_SUCCESS && !w->base)
		w->base = strdup(base);
	if (w->syntax != NKG_SYNTAX_NQUADS)
		w->written = nkg_digestset_new();
	w->render = nkg_render_new();
	if (!w->base || !w->render || (w->syntax != NKG_SYNTAX_NQUADS && !w->written)) {
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
	nkg_render_free(w->render);
	free(w->base);
	nkg_obuf_free(&w->text);
	free(w);
}

size_t nkg_writer_statements(const nkg_writer *w)
{
	return w ? w->statements : 0;
}

nkg_syntax nkg_writer_syntax(const nkg_writer *w)
{
	return w->syntax;
}

/* ---- output ------------------------------------------------------------- */

static void out(nkg_writer *w, const char *buf, size_t len)
{
	if (len && !w->failed && fwrite(buf, 1, len, w->out) != len)
		w->failed = errno ? errno : EIO;
}

static void start(nkg_writer *w)
{
	if (w->started)
		return;
	w->started = 1;
	if (w->syntax == NKG_SYNTAX_TURTLE) {
		w->text.len = 0;
		nkg_ttl_header(&w->text, &w->prefixes);
		out(w, w->text.buf, w->text.len);
	}
}

/* ---- the run's shared triples -------------------------------------------- */

/* N-Triples: drops from r->text the shared lines written before, moving
 * the rest down; returns the lines dropped, or -1 when out of memory. */
static long drop_written_lines(nkg_writer *w, nkg_render *r)
{
	size_t i, to = 0, from = 0;
	long dropped = 0;
	int seen;

	for (i = 0; i < r->n_shared; i++) {
		const nkg_shared_line *l = &r->shared[i];
		if ((seen = nkg_digestset_add(w->written, r->text.buf + l->start, l->statement)) < 0)
			return -1;
		if (!seen)
			continue;
		memmove(r->text.buf + to, r->text.buf + from, l->start - from);
		to += l->start - from;
		from = l->start + l->line;
		dropped++;
	}
	memmove(r->text.buf + to, r->text.buf + from, r->text.len - from);
	r->text.len = to + (r->text.len - from);
	return dropped;
}

/* Turtle: keeps in r->order the triples not written before. */
static int drop_written_triples(nkg_writer *w, nkg_render *r)
{
	size_t i, n = 0;
	int seen;

	for (i = 0; i < r->n_sorted; i++) {
		const nkg_wtriple *t = r->order[i];
		seen = 0;
		if ((t->flags & NKG_TRIPLE_SHARED) &&
		    (seen = nkg_digestset_add_digest(w->written, t->digest)) < 0)
			return -1;
		if (!seen)
			r->order[n++] = t;
	}
	r->n_sorted = n;
	return 0;
}

/* ---- articles ------------------------------------------------------------- */

static nkg_status put(nkg_writer *w, nkg_render *r)
{
	long dropped = 0;

	if (r->syntax != w->syntax)
		return NKG_ERR_ARG;
	if (w->syntax == NKG_SYNTAX_TURTLE) {
		if (drop_written_triples(w, r))
			return NKG_ERR_NOMEM;
		w->text.len = 0;
		nkg_ttl_block(&w->text, &w->prefixes, r->order, r->n_sorted);
		if (w->text.nomem)
			return NKG_ERR_NOMEM;
		out(w, w->text.buf, w->text.len);
		w->statements += r->n_sorted;
		return NKG_SUCCESS;
	}
	if (w->syntax == NKG_SYNTAX_NTRIPLES && (dropped = drop_written_lines(w, r)) < 0)
		return NKG_ERR_NOMEM;
	out(w, r->text.buf, r->text.len);
	w->statements += r->n_lines - (size_t)dropped;
	return NKG_SUCCESS;
}

nkg_status nkg_writer_put_render(nkg_writer *w, nkg_render *r, const nkg_doc *doc)
{
	nkg_status st = r->status;

	start(w);
	if (st == NKG_SUCCESS)
		st = put(w, r);
	if (st != NKG_SUCCESS && st != NKG_ERR_IO)
		nkg_world_report(w->world, st, doc->path, 0, NKG_NO_OFFSET,
		                 "graph of %s: %s", doc->iri ? doc->iri : "?", nkg_strerror(st));
	if (st != NKG_SUCCESS)
		return st;
	return w->failed ? NKG_ERR_IO : NKG_SUCCESS;
}

nkg_status nkg_writer_put_doc(nkg_writer *w, const nkg_doc *doc)
{
	nkg_render_doc(w->render, w->syntax, doc);
	return nkg_writer_put_render(w, w->render, doc);
}

nkg_status nkg_writer_finish(nkg_writer *w)
{
	if (!w)
		return NKG_ERR_ARG;
	start(w);
	if (!w->failed && (fflush(w->out) != 0 || ferror(w->out)))
		w->failed = errno ? errno : EIO;
	if (w->failed)
		errno = w->failed;
	return w->failed ? NKG_ERR_IO : NKG_SUCCESS;
}
