/* Running a SPARQL query over a store and writing its results.
 *
 * The dataset: without FROM, the store itself (every graph named, the
 * default graph their union, which is how Redland answers).  With FROM or
 * FROM NAMED, a dataset in memory holding only the graphs named, taken
 * from the store or loaded from files; Redland itself would drop the
 * clauses silently. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <redland.h>

#include "graph.h"
#include "newskg/query.h"
#include "query_impl.h"
#include "results.h"
#include "store_impl.h"
#include "world_impl.h"

static const char *const results_formats[] = {"table", "csv", "tsv", "json", "xml"};

int nkg_results_format_known(const char *name)
{
	size_t i;
	for (i = 0; name && i < sizeof results_formats / sizeof *results_formats; i++) {
		if (strcmp(results_formats[i], name) == 0)
			return 1;
	}
	return 0;
}

/* file:///cwd/ : relative IRIs in FROM are files of the working directory. */
static char *working_dir_iri(void)
{
	char *iri = nkg_file_iri(".");
	char *slash = iri ? realloc(iri, strlen(iri) + 2) : NULL;

	if (!slash) {
		free(iri);
		return strdup("file:///");
	}
	strcat(slash, "/");
	return slash;
}

/* ---- the dataset of a query with FROM / FROM NAMED -------------------- */

static int listed(char **list, size_t n, const char *iri)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (strcmp(list[i], iri) == 0)
			return 1;
	}
	return 0;
}

static int same_graphs(const nkg_query_info *info)
{
	size_t i;
	for (i = 0; i < info->n_from; i++) {
		if (!listed(info->named, info->n_named, info->from[i]))
			return 0;
	}
	for (i = 0; i < info->n_named; i++) {
		if (!listed(info->from, info->n_from, info->named[i]))
			return 0;
	}
	return 1;
}

/* Redland matches a triple pattern outside GRAPH against every graph, so
 * a dataset is answered right only when its default graph is the union of
 * its named graphs. */
static nkg_status check_dataset(nkg_world *world, const nkg_query_info *info,
                                const char *source)
{
	const char *why = NULL;

	if (info->n_from && info->n_named && !same_graphs(info))
		why = "FROM and FROM NAMED naming different graphs";
	else if (info->n_named && !info->n_from && info->uses_default)
		why = "FROM NAMED without FROM and a pattern outside GRAPH (its "
		      "default graph must be empty; add FROM for the same graphs)";
	else if (info->n_from && !info->n_named && info->uses_graph)
		why = "GRAPH with FROM but no FROM NAMED (there are no named graphs; "
		      "add FROM NAMED for the same graphs)";
	if (!why)
		return NKG_SUCCESS;
	nkg_world_report(world, NKG_ERR_UNSUPPORTED, source, 0, NKG_NO_OFFSET,
	                 "%s is not supported: in newskg's engine the default graph "
	                 "is always the union of the named graphs", why);
	return NKG_ERR_UNSUPPORTED;
}

static char *file_path_of(const char *iri)
{
	const char *p;
	char *path, *q;

	if (strncmp(iri, "file://", 7) != 0)
		return NULL;
	if (!(path = malloc(strlen(iri))))
		return NULL;
	for (p = iri + 7, q = path; *p; p++) {
		unsigned int byte;
		if (*p == '%' && sscanf(p + 1, "%2x", &byte) == 1) {
			*q++ = (char)byte;
			p += 2;
		} else {
			*q++ = *p;
		}
	}
	*q = '\0';
	return path;
}

static nkg_status copy_graph(nkg_store *from, nkg_store *to, librdf_node *g)
{
	librdf_stream *s = librdf_model_context_as_stream(from->model, g);
	nkg_status rc = s ? NKG_SUCCESS : NKG_ERR_RDF;

	for (; s && !librdf_stream_end(s); librdf_stream_next(s)) {
		if (nkg_store_add(to, g, librdf_stream_get_object(s))) {
			rc = NKG_ERR_STORE;
			break;
		}
	}
	if (s)
		librdf_free_stream(s);
	return rc;
}

static nkg_status add_to_dataset(nkg_store *store, nkg_store *ds,
                                 const char *iri, const char *source)
{
	librdf_node *g = librdf_new_node_from_uri_string(store->rdf, (const unsigned char *)iri);
	char *path = NULL;
	nkg_status rc;

	if (!g)
		return NKG_ERR_NOMEM;
	if (librdf_model_contains_context(ds->model, g)) {
		rc = NKG_SUCCESS; /* named twice */
	} else if (librdf_model_contains_context(store->model, g)) {
		rc = copy_graph(store, ds, g);
	} else if ((path = file_path_of(iri)) && access(path, R_OK) == 0) {
		rc = nkg_store_load_file(ds, path, NULL, iri, NULL);
	} else {
		nkg_world_report(store->world, NKG_ERR_ARG, source, 0, NKG_NO_OFFSET,
		                 "<%s> in FROM is neither a graph of the data nor a "
		                 "readable file", iri);
		rc = NKG_ERR_ARG;
	}
	free(path);
	librdf_free_node(g);
	return rc;
}

static nkg_status make_dataset(nkg_store *store, const nkg_query_info *info,
                               const char *source, nkg_store **out)
{
	nkg_status rc;
	size_t i;

	*out = NULL;
	if ((rc = check_dataset(store->world, info, source)) != NKG_SUCCESS)
		return rc;
	if ((rc = nkg_store_open(store->world, "memory", out)) != NKG_SUCCESS)
		return rc;
	for (i = 0; rc == NKG_SUCCESS && i < info->n_from; i++)
		rc = add_to_dataset(store, *out, info->from[i], source);
	for (i = 0; rc == NKG_SUCCESS && i < info->n_named; i++)
		rc = add_to_dataset(store, *out, info->named[i], source);
	if (rc != NKG_SUCCESS) {
		nkg_store_free(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- results ------------------------------------------------------------ */

static nkg_status write_graph(librdf_world *w, librdf_query_results *r,
                              const char *format, FILE *out)
{
	int nt = format && strcmp(format, "ntriples") == 0;
	librdf_serializer *ser = librdf_new_serializer(w, nt ? "ntriples" : "turtle", NULL, NULL);
	librdf_stream *s = librdf_query_results_as_stream(r);
	int bad = !ser || !s || librdf_serializer_serialize_stream_to_file_handle(ser, out, NULL, s);

	if (s)
		librdf_free_stream(s);
	if (ser)
		librdf_free_serializer(ser);
	return bad ? NKG_ERR_RDF : NKG_SUCCESS;
}

static nkg_status write_results(librdf_world *w, librdf_query_results *r,
                                const char *format, FILE *out)
{
	int plain = strcmp(format, "json") && strcmp(format, "xml");

	if (librdf_query_results_is_graph(r))
		return write_graph(w, r, format, out);
	if (librdf_query_results_is_boolean(r) && plain) {
		fputs(librdf_query_results_get_boolean(r) > 0 ? "true\n" : "false\n", out);
		return NKG_SUCCESS;
	}
	if (strcmp(format, "table") == 0)
		return nkg_results_write_table(r, out);
	if (librdf_query_results_to_file_handle2(r, out, format, NULL, NULL, NULL))
		return NKG_ERR_RDF;
	return NKG_SUCCESS;
}

static nkg_status execute(nkg_store *store, nkg_store *data, const char *text,
                          const char *base, const char *format, FILE *out)
{
	librdf_model *model = nkg_union_view(store->rdf, data);
	librdf_uri *base_uri = librdf_new_uri(store->rdf, (const unsigned char *)base);
	librdf_query *q = base_uri ? librdf_new_query(store->rdf, "sparql", NULL,
	                                              (const unsigned char *)text, base_uri)
	                           : NULL;
	librdf_query_results *r;
	nkg_status rc;

	store->world->query_running = 1; /* rasqal evaluates lazily, while writing */
	store->world->query_error[0] = '\0';
	r = q && model ? librdf_model_query_execute(model, q) : NULL;
	rc = r ? write_results(store->rdf, r, format, out) : NKG_ERR_QUERY;
	store->world->query_running = 0;
	if (!r && q && model)
		nkg_world_report(store->world, NKG_ERR_QUERY, NULL, 0, NKG_NO_OFFSET,
		                 "the query failed: %s", store->world->query_error[0]
		                 ? store->world->query_error : "rasqal gave no reason");

	if (r)
		librdf_free_query_results(r);
	if (q)
		librdf_free_query(q);
	if (base_uri)
		librdf_free_uri(base_uri);
	if (model)
		librdf_free_model(model);
	return rc;
}

nkg_status nkg_query_run(nkg_store *store, const char *text,
                         const char *source, const char *format, FILE *out)
{
	nkg_query_info info;
	nkg_store *dataset = NULL;
	char *base;
	nkg_status rc;

	if (!store || !text || !out)
		return NKG_ERR_ARG;
	if (!format)
		format = "table";
	if (!nkg_results_format_known(format) && strcmp(format, "ntriples") != 0)
		return NKG_ERR_FORMAT;
	if (!(base = working_dir_iri()))
		return NKG_ERR_NOMEM;
	rc = nkg_query_check(store->world, text, source, base, &info);
	if (rc == NKG_SUCCESS && (info.n_from || info.n_named))
		rc = make_dataset(store, &info, source, &dataset);
	if (rc == NKG_SUCCESS)
		rc = execute(store, dataset ? dataset : store, text,
		             base, format, out);
	if (rc == NKG_SUCCESS && (fflush(out) || ferror(out))) {
		nkg_world_report(store->world, NKG_ERR_IO, NULL, 0, NKG_NO_OFFSET,
		                 "cannot write the results: %s", strerror(errno));
		rc = NKG_ERR_IO;
	}
	nkg_store_free(dataset);
	nkg_query_info_clear(&info);
	free(base);
	return rc;
}
