/* An article's triples into a librdf model: the sink of the store, of the
 * writers raptor has (RDF/XML, RDF/JSON), of DOT and of queries.
 *
 * A hashes storage with contexts does not drop a statement added twice to
 * the same context (only the context-less add checks), so with a context
 * every statement goes through a per-call "seen" model first, preloaded
 * with what the article's graph already holds. */
#include <string.h>

#include <redland.h>

#include "graph.h"
#include "world_impl.h"

typedef struct {
	librdf_world *rdf;
	librdf_model *model;
	librdf_node *context;         /* owned; NULL without contexts */
	librdf_storage *seen_storage; /* owned; only with contexts */
	librdf_model *seen;           /* owned; statements added by this call */
} model_sink;

static librdf_node *term_node(librdf_world *w, const nkg_term *o)
{
	librdf_uri *dt;
	librdf_node *n;

	if (!o->literal)
		return librdf_new_node_from_uri_string(w, (const unsigned char *)o->value);
	if (!o->datatype)
		return librdf_new_node_from_typed_counted_literal(
			w, (const unsigned char *)o->value, o->len, o->lang,
			o->lang ? strlen(o->lang) : 0, NULL);
	if (!(dt = librdf_new_uri(w, (const unsigned char *)o->datatype)))
		return NULL;
	n = librdf_new_node_from_typed_counted_literal(
		w, (const unsigned char *)o->value, o->len, NULL, 0, dt);
	librdf_free_uri(dt); /* the node keeps its own reference */
	return n;
}

static nkg_status model_add(void *handle, const char *s, const char *p,
                            const nkg_term *o, unsigned flags)
{
	model_sink *m = handle;
	librdf_node *sn = librdf_new_node_from_uri_string(m->rdf, (const unsigned char *)s);
	librdf_node *pn = librdf_new_node_from_uri_string(m->rdf, (const unsigned char *)p);
	librdf_node *on = term_node(m->rdf, o);
	librdf_statement *st;
	int rc;

	(void)flags; /* a model holds each triple once whatever it describes */
	if (!sn || !pn || !on) {
		if (sn) librdf_free_node(sn);
		if (pn) librdf_free_node(pn);
		if (on) librdf_free_node(on);
		return NKG_ERR_NOMEM;
	}
	if (!(st = librdf_new_statement_from_nodes(m->rdf, sn, pn, on))) /* takes nodes */
		return NKG_ERR_NOMEM;
	if (m->seen) {
		if (librdf_model_contains_statement(m->seen, st)) {
			librdf_free_statement(st);
			return NKG_SUCCESS;
		}
		rc = librdf_model_add_statement(m->seen, st);
		if (!rc)
			rc = librdf_model_context_add_statement(m->model, m->context, st);
	} else {
		rc = librdf_model_add_statement(m->model, st);
	}
	librdf_free_statement(st); /* the model copied it */
	return rc ? NKG_ERR_RDF : NKG_SUCCESS;
}

/* What the article's graph already holds (the same article added again)
 * counts as seen, so a second call adds nothing twice. */
static int seen_preload(model_sink *m)
{
	librdf_stream *st = librdf_model_context_as_stream(m->model, m->context);
	int rc;
	if (!st)
		return 0; /* no such graph yet */
	rc = librdf_model_add_statements(m->seen, st);
	librdf_free_stream(st);
	return rc ? -1 : 0;
}

static int sink_open(model_sink *m, const char *article)
{
	m->context = librdf_new_node_from_uri_string(m->rdf, (const unsigned char *)article);
	m->seen_storage = librdf_new_storage(m->rdf, "hashes", NULL,
	                                     "hash-type='memory'");
	m->seen = m->seen_storage ? librdf_new_model(m->rdf, m->seen_storage, NULL)
	                          : NULL;
	if (!m->context || !m->seen)
		return -1;
	return seen_preload(m);
}

static void sink_close(model_sink *m)
{
	if (m->seen)
		librdf_free_model(m->seen);
	if (m->seen_storage)
		librdf_free_storage(m->seen_storage);
	if (m->context)
		librdf_free_node(m->context);
}

nkg_status nkg_graph_add_doc(nkg_world *world, librdf_model *model,
                             const nkg_doc *doc, int with_context)
{
	model_sink m;
	nkg_sink sink;
	nkg_status st;

	if (!world || !model || !doc)
		return NKG_ERR_ARG;
	memset(&m, 0, sizeof m);
	m.rdf = world->rdf;
	m.model = model;
	if (with_context && !librdf_model_supports_contexts(model)) {
		nkg_world_report(world, NKG_ERR_ARG, doc->path, 0, NKG_NO_OFFSET,
		                 "graph of %s: the model's storage has no contexts",
		                 doc->iri ? doc->iri : "?");
		return NKG_ERR_ARG;
	}
	if (with_context && doc->iri && sink_open(&m, doc->iri) != 0) {
		sink_close(&m);
		nkg_world_report(world, NKG_ERR_NOMEM, doc->path, 0, NKG_NO_OFFSET,
		                 "graph of %s: cannot make the statement buffers", doc->iri);
		return NKG_ERR_NOMEM;
	}
	sink.triple = model_add;
	sink.handle = &m;
	st = nkg_graph_emit(world, doc, &sink);
	sink_close(&m);
	return st;
}
