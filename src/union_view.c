/* The default graph as SPARQL means it: the RDF merge of the named graphs.
 *
 * A Redland storage with contexts answers a pattern outside GRAPH with
 * every copy of a triple, one per graph that holds it, so an actor
 * described by three articles has its label three times and COUNT, SUM
 * and plain SELECT come out wrong.  This read-only storage wraps another
 * one for querying: graph-less searches pass each triple once; searches
 * in a graph, and the list of graphs, go straight through.
 *
 * It is a Redland storage module ("newskg-union") registered on each
 * world; the storage to wrap is passed as its name (its address), which
 * is never seen outside this file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>
#include <rdf_storage_module.h>

#include "store_impl.h"
#include "strmap.h"

#define VIEW_NAME "newskg-union"

/* ---- one copy per triple ---------------------------------------------- */

typedef struct {
	nkg_strmap *seen;
	char *buf;
	size_t cap;
} dedup;

static int append(dedup *d, size_t *n, const char *s, char sep)
{
	size_t len = strlen(s);
	char *grown;

	if (*n + len + 2 > d->cap) {
		size_t cap = (*n + len + 2) * 2;
		if (!(grown = realloc(d->buf, cap)))
			return -1;
		d->buf = grown;
		d->cap = cap;
	}
	memcpy(d->buf + *n, s, len);
	*n += len;
	d->buf[(*n)++] = sep;
	d->buf[*n] = '\0';
	return 0;
}

static int append_term(dedup *d, size_t *n, raptor_term *t)
{
	char tag[2] = {0, 0};

	switch (t->type) {
	case RAPTOR_TERM_TYPE_URI:
		tag[0] = 'u';
		return append(d, n, tag, 1) ||
		       append(d, n, (const char *)raptor_uri_as_string(t->value.uri), 2);
	case RAPTOR_TERM_TYPE_BLANK:
		tag[0] = 'b';
		return append(d, n, tag, 1) ||
		       append(d, n, (const char *)t->value.blank.string, 2);
	case RAPTOR_TERM_TYPE_LITERAL:
		tag[0] = 'l';
		return append(d, n, tag, 1) ||
		       append(d, n, (const char *)t->value.literal.string, 1) ||
		       append(d, n, t->value.literal.language
		                            ? (const char *)t->value.literal.language : "", 1) ||
		       append(d, n, t->value.literal.datatype
		                            ? (const char *)raptor_uri_as_string(t->value.literal.datatype)
		                            : "", 2);
	default:
		return append(d, n, "?", 2);
	}
}

static librdf_statement *first_copy(librdf_stream *stream, void *ctx,
                                    librdf_statement *st)
{
	dedup *d = ctx;
	size_t n = 0;

	(void)stream;
	if (append_term(d, &n, st->subject) || append_term(d, &n, st->predicate) ||
	    append_term(d, &n, st->object))
		return st; /* out of memory: a duplicate beats a lost triple */
	if (nkg_strmap_get(d->seen, d->buf))
		return NULL;
	nkg_strmap_put(d->seen, d->buf, d);
	return st;
}

static void dedup_free(void *ctx)
{
	dedup *d = ctx;

	nkg_strmap_free(d->seen);
	free(d->buf);
	free(d);
}

static librdf_stream *once_each(librdf_stream *s)
{
	dedup *d;

	if (!s)
		return NULL;
	if (!(d = calloc(1, sizeof *d)) || !(d->seen = nkg_strmap_new())) {
		free(d);
		librdf_free_stream(s);
		return NULL;
	}
	if (librdf_stream_add_map(s, first_copy, dedup_free, d)) {
		dedup_free(d);
		librdf_free_stream(s);
		return NULL;
	}
	return s;
}

/* ---- the storage module ----------------------------------------------- */

static librdf_storage *inner(librdf_storage *view)
{
	return librdf_storage_get_instance(view);
}

static int view_init(librdf_storage *view, const char *name, librdf_hash *options)
{
	void *p = NULL;

	if (options)
		librdf_free_hash(options);
	if (!name || sscanf(name, "%p", &p) != 1 || !p)
		return 1;
	librdf_storage_add_reference(p);
	librdf_storage_set_instance(view, p);
	return 0;
}

static void view_terminate(librdf_storage *view)
{
	if (inner(view))
		librdf_free_storage(inner(view));
}

static int view_open(librdf_storage *view, librdf_model *model)
{
	(void)view;
	(void)model;
	return 0;
}

static int view_close(librdf_storage *view)
{
	(void)view;
	return 0;
}

static int view_size(librdf_storage *view)
{
	return librdf_storage_size(inner(view));
}

static int view_add(librdf_storage *view, librdf_statement *st)
{
	(void)view;
	(void)st;
	return 1; /* read-only */
}

static int view_contains(librdf_storage *view, librdf_statement *st)
{
	return librdf_storage_contains_statement(inner(view), st);
}

static librdf_stream *view_serialise(librdf_storage *view)
{
	return once_each(librdf_storage_serialise(inner(view)));
}

static librdf_stream *view_find(librdf_storage *view, librdf_statement *st)
{
	return once_each(librdf_storage_find_statements(inner(view), st));
}

static librdf_stream *view_find_in(librdf_storage *view, librdf_statement *st,
                                   librdf_node *graph)
{
	return librdf_storage_find_statements_in_context(inner(view), st, graph);
}

static librdf_stream *view_graph(librdf_storage *view, librdf_node *graph)
{
	return librdf_storage_context_as_stream(inner(view), graph);
}

static librdf_iterator *view_graphs(librdf_storage *view)
{
	return librdf_storage_get_contexts(inner(view));
}

static librdf_node *view_feature(librdf_storage *view, librdf_uri *feature)
{
	return librdf_storage_get_feature(inner(view), feature);
}

static void view_factory(librdf_storage_factory *f)
{
	f->version = LIBRDF_STORAGE_INTERFACE_VERSION;
	f->init = view_init;
	f->terminate = view_terminate;
	f->open = view_open;
	f->close = view_close;
	f->size = view_size;
	f->add_statement = view_add;
	f->contains_statement = view_contains;
	f->serialise = view_serialise;
	f->find_statements = view_find;
	f->find_statements_in_context = view_find_in;
	f->context_serialise = view_graph;
	f->get_contexts = view_graphs;
	f->get_feature = view_feature;
}

int nkg_union_view_register(librdf_world *rdf)
{
	return librdf_storage_register_factory(rdf, VIEW_NAME,
	                                       "newskg: union of the named graphs",
	                                       view_factory);
}

librdf_model *nkg_union_view(librdf_world *rdf, nkg_store *store)
{
	char name[32];
	librdf_storage *view;
	librdf_model *model;

	snprintf(name, sizeof name, "%p", (void *)store->storage);
	if (!(view = librdf_new_storage(rdf, VIEW_NAME, name, NULL)))
		return NULL;
	model = librdf_new_model(rdf, view, NULL);
	librdf_free_storage(view); /* the model keeps a reference */
	return model;
}
