/* Stores: opening one from its spec, transactions, replacing a graph. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <redland.h>

#include "store_impl.h"
#include "world_impl.h"

/* "hashes" in memory, not "memory": the latter is an unindexed list and
 * quadratic on bulk adds.  Predicates are indexed because queries often
 * bind only the predicate (?s nkg:accuses ?o). */
#define MEMORY_OPTIONS "hash-type='memory',contexts='yes',index-predicates='yes'"

librdf_model *nkg_memory_model(nkg_world *world)
{
	librdf_storage *storage = librdf_new_storage(world->rdf, "hashes", NULL,
	                                             MEMORY_OPTIONS);
	librdf_model *model = storage ? librdf_new_model(world->rdf, storage, NULL) : NULL;

	if (storage)
		librdf_free_storage(storage); /* the model keeps a reference */
	if (!model)
		nkg_world_report(world, NKG_ERR_NOMEM, NULL, 0, NKG_NO_OFFSET,
		                 "cannot make an in-memory graph");
	return model;
}

/* Storage modules are plugins (librdf-storage-sqlite on Debian). */
static int has_storage(librdf_world *rdf, const char *name)
{
	const char *n;
	unsigned int i;

	for (i = 0; librdf_storage_enumerate(rdf, i, &n, NULL) == 0; i++) {
		if (strcmp(n, name) == 0)
			return 1;
	}
	return 0;
}

/* Redland makes the tables when a model first opens the storage; they
 * must exist before newskg's indexes can be added. */
static int create_sqlite(nkg_store *st, const char *path, const char *options)
{
	librdf_storage *storage = librdf_new_storage(st->rdf, "sqlite", path, options);
	librdf_model *model = storage ? librdf_new_model(st->rdf, storage, NULL) : NULL;

	if (model)
		librdf_free_model(model);
	if (storage)
		librdf_free_storage(storage);
	if (!model)
		nkg_world_report(st->world, NKG_ERR_STORE, path, 0, NKG_NO_OFFSET,
		                 "cannot create the sqlite store");
	return model ? 0 : -1;
}

static nkg_status open_sqlite(nkg_store *st, const char *spec, const char *path)
{
	/* new='yes' would drop the tables of an existing file: ask for it
	 * only when there is no file yet. */
	const char *options = access(path, F_OK) == 0 ? "" : "new='yes'";

	if (!*path) {
		nkg_world_report(st->world, NKG_ERR_ARG, NULL, 0, NKG_NO_OFFSET,
		                 "store '%s': no file name after 'sqlite:'", spec);
		return NKG_ERR_ARG;
	}
	if (!has_storage(st->rdf, "sqlite")) {
		nkg_world_report(st->world, NKG_ERR_STORE, NULL, 0, NKG_NO_OFFSET,
		                 "store '%s': Redland's sqlite storage is not installed "
		                 "(Debian package librdf-storage-sqlite)", spec);
		return NKG_ERR_STORE;
	}
	if (*options && create_sqlite(st, path, options))
		return NKG_ERR_STORE;
	if (nkg_sqlite_add_indexes(st->world, path))
		return NKG_ERR_STORE;
	st->storage = librdf_new_storage(st->rdf, "sqlite", path, "");
	if (!st->storage) {
		nkg_world_report(st->world, NKG_ERR_STORE, path, 0, NKG_NO_OFFSET,
		                 "cannot open the sqlite store");
		return NKG_ERR_STORE;
	}
	st->transactional = 1;
	return NKG_SUCCESS;
}

nkg_status nkg_store_open(nkg_world *world, const char *spec, nkg_store **out)
{
	nkg_store *st;
	nkg_status rc;

	*out = NULL;
	if (!world || !spec)
		return NKG_ERR_ARG;
	if (!(st = calloc(1, sizeof *st)))
		return NKG_ERR_NOMEM;
	st->world = world;
	st->rdf = world->rdf;
	if (strncmp(spec, "sqlite:", 7) == 0) {
		rc = open_sqlite(st, spec, spec + 7);
	} else if (strcmp(spec, "memory") == 0) {
		st->storage = librdf_new_storage(st->rdf, "hashes", NULL, MEMORY_OPTIONS);
		rc = st->storage ? NKG_SUCCESS : NKG_ERR_NOMEM;
	} else {
		nkg_world_report(world, NKG_ERR_ARG, NULL, 0, NKG_NO_OFFSET,
		                 "unknown store '%s' (use sqlite:PATH or memory)", spec);
		rc = NKG_ERR_ARG;
	}
	if (rc == NKG_SUCCESS && !(st->model = librdf_new_model(st->rdf, st->storage, NULL)))
		rc = NKG_ERR_STORE;
	if (rc != NKG_SUCCESS) {
		nkg_store_free(st);
		return rc;
	}
	*out = st;
	return NKG_SUCCESS;
}

void nkg_store_free(nkg_store *store)
{
	if (!store)
		return;
	if (store->in_transaction)
		nkg_store_rollback(store);
	if (store->model)
		librdf_free_model(store->model);
	if (store->storage)
		librdf_free_storage(store->storage);
	free(store);
}

nkg_status nkg_store_begin(nkg_store *store)
{
	if (!store || store->in_transaction)
		return NKG_ERR_ARG;
	if (store->transactional && librdf_model_transaction_start(store->model)) {
		nkg_world_report(store->world, NKG_ERR_STORE, NULL, 0, NKG_NO_OFFSET,
		                 "cannot start a transaction (is another process "
		                 "writing to the store?)");
		return NKG_ERR_STORE;
	}
	store->in_transaction = 1;
	return NKG_SUCCESS;
}

nkg_status nkg_store_commit(nkg_store *store)
{
	if (!store || !store->in_transaction)
		return NKG_ERR_ARG;
	store->in_transaction = 0;
	if (store->transactional && librdf_model_transaction_commit(store->model)) {
		nkg_world_report(store->world, NKG_ERR_STORE, NULL, 0, NKG_NO_OFFSET,
		                 "cannot commit the transaction; the store is unchanged");
		return NKG_ERR_STORE;
	}
	return NKG_SUCCESS;
}

nkg_status nkg_store_rollback(nkg_store *store)
{
	if (!store || !store->in_transaction)
		return NKG_ERR_ARG;
	store->in_transaction = 0;
	if (store->transactional && librdf_model_transaction_rollback(store->model))
		return NKG_ERR_STORE;
	return NKG_SUCCESS;
}

int nkg_store_clear_graph(nkg_store *store, librdf_node *graph)
{
	if (librdf_model_context_remove_statements(store->model, graph) == 0)
		return 0;
	nkg_world_report(store->world, NKG_ERR_STORE, NULL, 0, NKG_NO_OFFSET,
	                 "cannot empty the graph <%s>",
	                 (const char *)librdf_uri_as_string(librdf_node_get_uri(graph)));
	return -1;
}

int nkg_store_add(nkg_store *store, librdf_node *graph, librdf_statement *st)
{
	if (librdf_model_context_add_statement(store->model, graph, st) == 0)
		return 0;
	nkg_world_report(store->world, NKG_ERR_STORE, NULL, 0, NKG_NO_OFFSET,
	                 "cannot add a statement to the graph <%s>",
	                 (const char *)librdf_uri_as_string(librdf_node_get_uri(graph)));
	return -1;
}

static nkg_status put_graph(nkg_store *store, librdf_model *model,
                            librdf_node *graph, nkg_load_stats *stats)
{
	librdf_stream *s;
	nkg_status rc = NKG_SUCCESS;

	if (nkg_store_clear_graph(store, graph))
		return NKG_ERR_STORE;
	stats->graphs++;
	if (!(s = librdf_model_context_as_stream(model, graph)))
		return NKG_ERR_RDF;
	for (; !librdf_stream_end(s); librdf_stream_next(s)) {
		if (nkg_store_add(store, graph, librdf_stream_get_object(s))) {
			rc = NKG_ERR_STORE;
			break;
		}
		stats->statements++;
	}
	librdf_free_stream(s);
	return rc;
}

nkg_status nkg_store_put_model(nkg_store *store, librdf_model *model,
                               nkg_load_stats *stats)
{
	nkg_load_stats local = {0, 0};
	librdf_iterator *it = librdf_model_get_contexts(model);
	nkg_status rc = it ? NKG_SUCCESS : NKG_ERR_RDF;

	for (; it && !librdf_iterator_end(it) && rc == NKG_SUCCESS;
	     librdf_iterator_next(it))
		rc = put_graph(store, model, librdf_iterator_get_object(it), &local);
	librdf_free_iterator(it);
	if (stats)
		*stats = local;
	return rc;
}

nkg_status nkg_store_put_extracted(nkg_store *store, nkg_extractor *extractor,
                                   nkg_load_stats *stats)
{
	librdf_model *model;
	nkg_status rc;

	if (!store || !extractor)
		return NKG_ERR_ARG;
	if (!(model = nkg_memory_model(store->world)))
		return NKG_ERR_NOMEM;
	rc = nkg_extractor_to_model(extractor, model, 1);
	if (rc == NKG_SUCCESS)
		rc = nkg_store_put_model(store, model, stats);
	librdf_free_model(model);
	return rc;
}

size_t nkg_store_size(nkg_store *store)
{
	int n = store ? librdf_model_size(store->model) : -1;
	return n < 0 ? 0 : (size_t)n;
}

void *nkg_store_librdf_model(nkg_store *store)
{
	return store ? store->model : NULL;
}
