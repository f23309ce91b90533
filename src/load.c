/* Loading an RDF file into a store, graph by graph.
 *
 * The file is parsed twice.  The first pass only looks: it finds syntax
 * errors (then the store is not touched), the named graphs the file fills
 * and, for a file of triples, whether it describes exactly one article.
 * Between the passes those graphs are emptied; the second pass adds.  Two
 * parses cost less than holding a whole file in a model, and keep memory
 * flat however large the file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "graph.h"
#include "store_impl.h"
#include "strmap.h"
#include "world_impl.h"


typedef struct {
	nkg_store *store;
	const char *path;     /* for messages */
	const char *graph;    /* forced graph, or NULL */
	int adding;           /* second pass */
	/* first pass */
	nkg_strmap *graphs;   /* names of the graphs the file fills */
	int has_triples;      /* statements without a graph */
	char *article;        /* the first nkg:Article described */
	int articles;         /* how many different ones: 0, 1 or 2 (many) */
	/* second pass */
	librdf_node *default_graph;
	int failed;
	size_t added;
} loader;

/* ---- choosing a parser ------------------------------------------------ */

static const struct {
	const char *ext, *parser;
} by_extension[] = {
	{".ttl", "turtle"}, {".turtle", "turtle"}, {".nt", "ntriples"},
	{".nq", "nquads"}, {".trig", "trig"}, {".rdf", "rdfxml"},
	{".owl", "rdfxml"}, {".xml", "rdfxml"}, {".json", "json"},
	{".rj", "json"},
};

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

static const char *choose_parser(raptor_world *rw, const char *path, FILE *f)
{
	unsigned char head[4096];
	const char *name;
	size_t i, n;

	for (i = 0; i < sizeof by_extension / sizeof by_extension[0]; i++) {
		if (ends_with(path, by_extension[i].ext))
			return by_extension[i].parser;
	}
	n = fread(head, 1, sizeof head, f);
	rewind(f);
	name = raptor_world_guess_parser_name(rw, NULL, NULL, head, n,
	                                      (const unsigned char *)path);
	/* Nothing to go by (an empty pipe): Turtle, newskg's default, whose
	 * parser then says what is wrong and where. */
	return name ? name : "turtle";
}

/* ---- the two passes --------------------------------------------------- */

static const char *uri_str(const raptor_term *t)
{
	return t && t->type == RAPTOR_TERM_TYPE_URI
	               ? (const char *)raptor_uri_as_string(t->value.uri)
	               : NULL;
}

static void note_article(loader *l, const raptor_statement *st)
{
	const char *s = uri_str(st->subject);
	const char *p = uri_str(st->predicate), *o = uri_str(st->object);

	if (!s || !p || !o || strcmp(p, NKG_RDF_TYPE) || strcmp(o, NKG_NS "Article"))
		return;
	if (!l->article) {
		l->article = strdup(s);
		l->articles = l->article ? 1 : 2; /* out of memory: as if many */
	} else if (strcmp(l->article, s) != 0) {
		l->articles = 2;
	}
}

static void look(loader *l, const raptor_statement *st)
{
	const char *g = uri_str(st->graph);

	if (l->graph)
		return;
	if (g) {
		if (!nkg_strmap_get(l->graphs, g) &&
		    nkg_strmap_put(l->graphs, g, (void *)l->graphs))
			l->failed = 1;
	} else {
		l->has_triples = 1;
		note_article(l, st);
	}
}

/* A blank node of the file, kept apart from those of other graphs: the
 * same label in two files is two nodes, and a store would merge them. */
static librdf_node *blank(loader *l, const raptor_term *t, const char *graph)
{
	const char *id = (const char *)t->value.blank.string;
	unsigned long h = 5381;
	const char *c;
	char *label;
	librdf_node *n;

	for (c = graph; *c; c++)
		h = h * 33 + (unsigned char)*c;
	label = malloc(strlen(id) + 32);
	if (!label)
		return NULL;
	sprintf(label, "g%08lx_%s", h & 0xFFFFFFFFUL, id);
	n = librdf_new_node_from_blank_identifier(l->store->rdf, (unsigned char *)label);
	free(label);
	return n;
}

static librdf_node *node(loader *l, raptor_term *t, const char *graph)
{
	if (t->type == RAPTOR_TERM_TYPE_BLANK)
		return blank(l, t, graph);
	return raptor_term_copy(t); /* librdf nodes are raptor terms */
}

static void add(loader *l, raptor_statement *st)
{
	librdf_node *g = l->default_graph;
	librdf_statement *copy;
	int own_graph = 0;
	const char *gname;

	if (!l->graph && uri_str(st->graph)) {
		g = raptor_term_copy(st->graph);
		own_graph = 1;
	}
	gname = (const char *)librdf_uri_as_string(librdf_node_get_uri(g));
	copy = librdf_new_statement_from_nodes(l->store->rdf,
	                                       node(l, st->subject, gname),
	                                       node(l, st->predicate, gname),
	                                       node(l, st->object, gname));
	if (!copy || nkg_store_add(l->store, g, copy))
		l->failed = 1;
	else
		l->added++;
	librdf_free_statement(copy);
	if (own_graph)
		librdf_free_node(g);
}

static void on_statement(void *user_data, raptor_statement *st)
{
	loader *l = user_data;

	if (l->failed)
		return;
	if (l->adding)
		add(l, st);
	else
		look(l, st);
}

/* Parses `f` once; 0 when raptor reported no error. */
static int parse(loader *l, const char *syntax, FILE *f, const char *base)
{
	nkg_world *world = l->store->world;
	raptor_world *rw = librdf_world_get_raptor(l->store->rdf);
	raptor_parser *p = raptor_new_parser(rw, syntax);
	raptor_uri *base_uri = raptor_new_uri(rw, (const unsigned char *)base);
	unsigned long errors = world->rdf_errors;
	int rc;

	if (!p || !base_uri) {
		raptor_free_parser(p);
		raptor_free_uri(base_uri);
		return -1;
	}
	raptor_parser_set_statement_handler(p, l, on_statement);
	nkg_world_watch_raptor(world);
	rewind(f);
	rc = raptor_parser_parse_file_stream(p, f, l->path, base_uri);
	raptor_free_parser(p);
	raptor_free_uri(base_uri);
	return rc || world->rdf_errors != errors || l->failed ? -1 : 0;
}

/* ---- between the passes ------------------------------------------------ */

typedef struct {
	nkg_store *store;
	size_t cleared;
	int failed;
} clear_ctx;

static void clear_one(const char *name, void *value, void *data)
{
	clear_ctx *c = data;
	librdf_node *g;

	(void)value;
	if (c->failed)
		return;
	g = librdf_new_node_from_uri_string(c->store->rdf, (const unsigned char *)name);
	if (!g || nkg_store_clear_graph(c->store, g))
		c->failed = 1;
	else
		c->cleared++;
	librdf_free_node(g);
}

/* Names the graph of the file's triples and empties every graph the file
 * fills.  Returns how many, or -1. */
static long prepare_graphs(loader *l, const char *file_iri)
{
	clear_ctx c = {l->store, 0, 0};
	const char *name = NULL;

	if (l->graph)
		name = l->graph;
	else if (l->has_triples)
		name = l->articles == 1 ? l->article : file_iri;
	if (name) {
		l->default_graph = librdf_new_node_from_uri_string(
		        l->store->rdf, (const unsigned char *)name);
		if (!l->default_graph)
			return -1;
		clear_one(name, NULL, &c);
	}
	nkg_strmap_each(l->graphs, clear_one, &c);
	return c.failed ? -1 : (long)c.cleared;
}

/* ---- the entry point --------------------------------------------------- */

/* Standard input is read once into a temporary file: it is parsed twice. */
static FILE *open_input(nkg_world *world, const char *path, int *is_tmp)
{
	FILE *f, *tmp;
	char buf[65536];
	size_t n;

	*is_tmp = strcmp(path, "-") == 0;
	if (!*is_tmp) {
		if (!(f = fopen(path, "rb")))
			nkg_world_report(world, NKG_ERR_IO, path, 0, NKG_NO_OFFSET,
			                 "cannot open: %s", strerror(errno));
		return f;
	}
	if (!(tmp = tmpfile())) {
		nkg_world_report(world, NKG_ERR_IO, "-", 0, NKG_NO_OFFSET,
		                 "cannot make a temporary file: %s", strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		fwrite(buf, 1, n, tmp);
	if (ferror(stdin) || fflush(tmp)) {
		nkg_world_report(world, NKG_ERR_IO, "-", 0, NKG_NO_OFFSET,
		                 "cannot read standard input");
		fclose(tmp);
		return NULL;
	}
	return tmp;
}

static char *input_iri(const char *path, int is_stdin)
{
	char *iri = is_stdin ? NULL : nkg_file_iri(path);
	return iri ? iri : strdup("file:///dev/stdin");
}

nkg_status nkg_store_load_file(nkg_store *store, const char *path,
                               const char *format, const char *graph,
                               nkg_load_stats *stats)
{
	loader l;
	FILE *f;
	char *iri = NULL;
	const char *syntax;
	int is_stdin;
	long cleared = -1;
	nkg_status rc = NKG_ERR_RDF;

	if (!store || !path)
		return NKG_ERR_ARG;
	memset(&l, 0, sizeof l);
	l.store = store;
	l.path = strcmp(path, "-") == 0 ? "-" : path;
	l.graph = graph;
	if (!(f = open_input(store->world, path, &is_stdin)))
		return NKG_ERR_IO;
	syntax = format ? format : choose_parser(librdf_world_get_raptor(store->rdf), path, f);
	if (!raptor_world_is_parser_name(librdf_world_get_raptor(store->rdf), syntax)) {
		nkg_world_report(store->world, NKG_ERR_FORMAT, l.path, 0, NKG_NO_OFFSET,
		                 "unknown RDF syntax '%s'", syntax ? syntax : "?");
		fclose(f);
		return NKG_ERR_FORMAT;
	}
	if (!(l.graphs = nkg_strmap_new()) || !(iri = input_iri(path, is_stdin))) {
		rc = NKG_ERR_NOMEM;
	} else if (parse(&l, syntax, f, iri) == 0) {
		rc = NKG_ERR_STORE;
		cleared = prepare_graphs(&l, iri);
		l.adding = 1;
		if (cleared >= 0 && parse(&l, syntax, f, iri) == 0)
			rc = NKG_SUCCESS;
	}
	if (rc == NKG_SUCCESS && stats) {
		stats->graphs = (size_t)cleared;
		stats->statements = l.added;
	}
	fclose(f);
	free(iri);
	free(l.article);
	nkg_strmap_free(l.graphs);
	if (l.default_graph)
		librdf_free_node(l.default_graph);
	return rc;
}
