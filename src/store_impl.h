/* Internal: the store's fields, and what load.c and query.c share. */
#ifndef NKG_STORE_IMPL_H
#define NKG_STORE_IMPL_H

#include <redland.h>

#include "newskg/store.h"

struct nkg_store {
	nkg_world *world;
	librdf_world *rdf;
	librdf_storage *storage;
	librdf_model *model;
	int transactional; /* the storage has transactions (sqlite) */
	int in_transaction;
};

/* Empties the named graph `graph` (borrowed).  0 or -1 (reported). */
int nkg_store_clear_graph(nkg_store *store, librdf_node *graph);

/* Adds `st` (borrowed) to the named graph `graph` (borrowed).  0 or -1
 * (reported). */
int nkg_store_add(nkg_store *store, librdf_node *graph, librdf_statement *st);

/* Adds every statement of every named graph of `model` (borrowed) to the
 * store, each graph replacing the store's graph of the same name. */
nkg_status nkg_store_put_model(nkg_store *store, librdf_model *model,
                               nkg_load_stats *stats);

/* A new "hashes" model in memory with named graphs, or NULL (reported). */
librdf_model *nkg_memory_model(nkg_world *world);

/* Adds newskg's indexes to the Redland sqlite store at `path`, which
 * must exist with its tables and not be open in this process (Redland's
 * prepared statements would see a changed schema).  0 or -1 (reported). */
int nkg_sqlite_add_indexes(nkg_world *world, const char *path);

/* Registers the union view's storage module on `rdf` (once per world). */
int nkg_union_view_register(librdf_world *rdf);

/* A new read-only model over `store` (borrowed; it must outlive the
 * model) whose default graph is the RDF merge of the store's named graphs:
 * a triple held by several graphs matches once outside GRAPH.  NULL on
 * failure. */
librdf_model *nkg_union_view(librdf_world *rdf, nkg_store *store);

#endif
