/* Serialising a model: raptor's writers through librdf, and DOT by hand.
 *
 * Determinism: the Turtle, RDF/XML-abbrev and RDF/JSON writers sort what
 * they hold before writing; the N-Triples and N-Quads writers stream in
 * hash order, so their lines are sorted here.
 *
 * A model with contexts streams a triple once per named graph holding it
 * (an actor described by every article), and the triple writers would
 * repeat it (RDF/JSON does), so for them the graphs are first merged into
 * a context-less model, which keeps one copy. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "graph.h"
#include "newskg/extract.h"
#include "world_impl.h"

typedef struct {
	const char *name;   /* newskg's name for the format */
	const char *raptor; /* raptor serializer, NULL when written here */
	int sort_lines;
	int quads;          /* writes named graphs */
	int json_escapes;   /* raptor's \U escapes to be made JSON's */
} format_info;

static const format_info formats[] = {
	{"turtle", "turtle", 0, 0, 0},
	{"ntriples", "ntriples", 1, 0, 0},
	{"nquads", "nquads", 1, 1, 0},
	{"rdfxml", "rdfxml-abbrev", 0, 0, 0},
	{"json", "json", 0, 0, 1},
	{"dot", NULL, 0, 0, 0},
};

static const format_info *find_format(const char *name)
{
	size_t i;
	for (i = 0; name && i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	}
	return NULL;
}

int nkg_graph_format_known(const char *format)
{
	return find_format(format) != NULL;
}

/* A prefix is only cosmetic: the writers refuse one that is already
 * declared (rdf: is built into Turtle and RDF/XML; --base may equal one of
 * ours), and the output is the same graph without it, so a refusal is not
 * an error. */
static void set_ns(librdf_world *w, librdf_serializer *ser, const char *iri,
                   const char *prefix)
{
	librdf_uri *uri = librdf_new_uri(w, (const unsigned char *)iri);
	if (uri) {
		librdf_serializer_set_namespace(ser, uri, prefix);
		librdf_free_uri(uri);
	}
}

/* Prefixes go in before the first statement (the Turtle writer fixes its
 * header then). */
static void declare_prefixes(librdf_world *w, librdf_serializer *ser,
                             const char *base)
{
	size_t i;

	for (i = 0; i < NKG_N_NAMESPACES; i++)
		set_ns(w, ser, nkg_namespaces[i][1], nkg_namespaces[i][0]);
	set_ns(w, ser, base, "inst");
}

static int cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes the lines of buf (NUL-terminated, modified in place) sorted and
 * without repeats; -1 when out of memory. */
static int write_sorted(char *buf, size_t len, FILE *out)
{
	size_t n = 0, i, cap = 1;
	char **lines;
	char *p;

	for (i = 0; i < len; i++)
		cap += buf[i] == '\n';
	lines = malloc(cap * sizeof *lines);
	if (!lines)
		return -1;
	for (p = buf; *p; ) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (*p)
			lines[n++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	qsort(lines, n, sizeof *lines, cmp_lines);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(lines[i], lines[i - 1]) != 0) {
			fputs(lines[i], out);
			fputc('\n', out);
		}
	}
	free(lines);
	return 0;
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* raptor 2.0.15's RDF/JSON writer escapes a character beyond U+FFFF as
 * \UXXXXXXXX, which JSON does not have (a JSON parser stops there; found
 * by fuzzing).  Writes buf with each such escape as JSON's surrogate pair
 * \uD8xx\uDCxx; every other byte as it is.  0, or -1 when `out` failed. */
static int write_json_fixed(const char *buf, size_t len, FILE *out)
{
	size_t i = 0, run = 0, k;
	unsigned long cp;
	char pair[13];

	while (i < len) {
		if (buf[i] != '\\' || i + 1 >= len) {
			i++;
			continue;
		}
		if (buf[i + 1] != 'U' || i + 10 > len) {
			i += 2; /* any other escape, \\ included, stays */
			continue;
		}
		for (k = 2, cp = 0; k < 10 && hex_value(buf[i + k]) >= 0; k++)
			cp = cp << 4 | (unsigned long)hex_value(buf[i + k]);
		if (k < 10 || cp < 0x10000 || cp > 0x10FFFF) {
			i += 2;
			continue;
		}
		cp -= 0x10000;
		snprintf(pair, sizeof pair, "\\u%04lX\\u%04lX", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
		if (fwrite(buf + run, 1, i - run, out) != i - run || fwrite(pair, 1, 12, out) != 12)
			return -1;
		i += 10;
		run = i;
	}
	return fwrite(buf + run, 1, len - run, out) == len - run ? 0 : -1;
}

static nkg_status serialize(nkg_world *world, librdf_serializer *ser,
                            const format_info *fmt, librdf_model *model,
                            FILE *out)
{
	unsigned char *buf;
	size_t len = 0;
	int rc, err;

	if (fmt->json_escapes) {
		buf = librdf_serializer_serialize_model_to_counted_string(ser, NULL, model, &len);
		if (!buf)
			return NKG_ERR_RDF;
		rc = write_json_fixed((const char *)buf, len, out);
		err = errno; /* why the file failed, kept past the free */
		librdf_free_memory(buf);
		errno = err;
		return rc ? NKG_ERR_IO : NKG_SUCCESS;
	}
	if (!fmt->sort_lines) {
		rc = librdf_serializer_serialize_model_to_file_handle(ser, out, NULL,
		                                                      model);
		return rc ? NKG_ERR_RDF : NKG_SUCCESS;
	}
	buf = librdf_serializer_serialize_model_to_counted_string(ser, NULL, model,
	                                                          &len);
	if (!buf)
		return NKG_ERR_RDF;
	rc = write_sorted((char *)buf, len, out);
	librdf_free_memory(buf);
	if (rc) {
		nkg_world_report(world, NKG_ERR_NOMEM, NULL, 0, NKG_NO_OFFSET,
		                 "writing %s: out of memory", fmt->name);
		return NKG_ERR_NOMEM;
	}
	return NKG_SUCCESS;
}

/* A new context-less model holding the triples of `model` once; NULL when
 * out of memory.  Caller frees the model and *storage. */
static librdf_model *merge_graphs(librdf_world *w, librdf_model *model,
                                  librdf_storage **storage)
{
	librdf_model *flat = NULL;
	librdf_stream *st;

	*storage = librdf_new_storage(w, "hashes", NULL, "hash-type='memory'");
	if (*storage)
		flat = librdf_new_model(w, *storage, NULL);
	st = flat ? librdf_model_as_stream(model) : NULL;
	if (st && librdf_model_add_statements(flat, st) == 0) {
		librdf_free_stream(st);
		return flat;
	}
	if (st)
		librdf_free_stream(st);
	if (flat)
		librdf_free_model(flat);
	if (*storage)
		librdf_free_storage(*storage);
	*storage = NULL;
	return NULL;
}

static nkg_status write_raptor(nkg_world *world, librdf_model *model,
                               const format_info *fmt, const char *base,
                               FILE *out)
{
	librdf_serializer *ser;
	librdf_storage *flat_storage = NULL;
	librdf_model *flat = NULL;
	nkg_status st;
	int err = 0;

	if (!fmt->quads && librdf_model_supports_contexts(model)) {
		flat = merge_graphs(world->rdf, model, &flat_storage);
		if (!flat) {
			nkg_world_report(world, NKG_ERR_NOMEM, NULL, 0, NKG_NO_OFFSET,
			                 "writing %s: cannot merge the graphs", fmt->name);
			return NKG_ERR_NOMEM;
		}
	}
	ser = librdf_new_serializer(world->rdf, fmt->raptor, NULL, NULL);
	if (ser) {
		declare_prefixes(world->rdf, ser, base);
		st = serialize(world, ser, fmt, flat ? flat : model, out);
		err = errno; /* a failed write's reason, which the frees may clobber */
		librdf_free_serializer(ser);
	} else {
		st = NKG_ERR_RDF;
	}
	if (flat) {
		librdf_free_model(flat);
		librdf_free_storage(flat_storage);
	}
	if (st == NKG_ERR_RDF)
		nkg_world_report(world, st, NULL, 0, NKG_NO_OFFSET,
		                 ser ? "the %s serializer failed"
		                     : "raptor has no serializer for %s", fmt->name);
	errno = err;
	return st;
}

/* ---- DOT ---------------------------------------------------------------
 * A digraph of actors and incidents: accuses / denies / targets edges,
 * nodes labelled with their English and Arabic rdfs:label.  Everything is
 * collected, sorted and de-duplicated so the output is deterministic. */

typedef struct {
	char *s, *p, *o; /* edge: subject IRI, predicate local name, object IRI */
} dot_edge;

typedef struct {
	char *iri;
	char *en, *ar;   /* rdfs:label; the smallest when there are several */
	int incident;    /* typed nkg:Incident */
	int statement;   /* typed nkg:Accusation or nkg:Denial */
} dot_node;

typedef struct {
	dot_edge *edges;
	size_t n_edges, cap_edges;
	dot_node *nodes;
	size_t n_nodes;
	int nomem;
} dot_graph;

static char *dup_str(const char *s)
{
	size_t len = strlen(s) + 1;
	char *d = malloc(len);
	return d ? memcpy(d, s, len) : NULL;
}

static const char *uri_of(librdf_node *n)
{
	librdf_uri *u = librdf_node_is_resource(n) ? librdf_node_get_uri(n) : NULL;
	return u ? (const char *)librdf_uri_as_string(u) : NULL;
}

static void dot_add_edge(dot_graph *g, const char *s, const char *p,
                         const char *o)
{
	dot_edge *e;
	if (g->n_edges == g->cap_edges) {
		size_t cap = g->cap_edges ? g->cap_edges * 2 : 32;
		dot_edge *v = realloc(g->edges, cap * sizeof *v);
		if (!v) {
			g->nomem = 1;
			return;
		}
		g->edges = v;
		g->cap_edges = cap;
	}
	e = &g->edges[g->n_edges];
	e->s = dup_str(s);
	e->p = dup_str(p);
	e->o = dup_str(o);
	if (!e->s || !e->p || !e->o) {
		free(e->s);
		free(e->p);
		free(e->o);
		g->nomem = 1;
		return;
	}
	g->n_edges++;
}

static int cmp_edges(const void *a, const void *b)
{
	const dot_edge *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	if (!c)
		c = strcmp(x->p, y->p);
	return c ? c : strcmp(x->o, y->o);
}

static int cmp_nodes(const void *a, const void *b)
{
	return strcmp(((const dot_node *)a)->iri, ((const dot_node *)b)->iri);
}

static dot_node *dot_find(dot_graph *g, const char *iri)
{
	dot_node key;
	key.iri = (char *)iri;
	return bsearch(&key, g->nodes, g->n_nodes, sizeof key, cmp_nodes);
}

/* Pass 1: the edges.  A predicate matches by its full nkg: IRI. */
static int dot_collect_edges(librdf_model *model, dot_graph *g)
{
	static const char *const preds[] = {"accuses", "denies", "targets"};
	librdf_stream *st = librdf_model_as_stream(model);
	size_t k, len = strlen(NKG_NS);

	if (!st)
		return -1;
	for (; !librdf_stream_end(st) && !g->nomem; librdf_stream_next(st)) {
		librdf_statement *x = librdf_stream_get_object(st);
		const char *s = uri_of(librdf_statement_get_subject(x));
		const char *p = uri_of(librdf_statement_get_predicate(x));
		const char *o = uri_of(librdf_statement_get_object(x));
		if (!s || !p || !o || strncmp(p, NKG_NS, len) != 0)
			continue;
		for (k = 0; k < sizeof preds / sizeof preds[0]; k++) {
			if (strcmp(p + len, preds[k]) == 0)
				dot_add_edge(g, s, preds[k], o);
		}
	}
	librdf_free_stream(st);
	return g->nomem ? -1 : 0;
}

/* The sorted, unique edges and the sorted set of their ends. */
static int dot_index(dot_graph *g)
{
	size_t i, n = 0;

	qsort(g->edges, g->n_edges, sizeof *g->edges, cmp_edges);
	for (i = 0; i < g->n_edges; i++) {
		if (n && cmp_edges(&g->edges[i], &g->edges[n - 1]) == 0) {
			free(g->edges[i].s);
			free(g->edges[i].p);
			free(g->edges[i].o);
		} else {
			g->edges[n++] = g->edges[i];
		}
	}
	g->n_edges = n;
	g->nodes = calloc(2 * n + 1, sizeof *g->nodes);
	if (!g->nodes)
		return -1;
	for (i = 0; i < n; i++) {
		g->nodes[2 * i].iri = g->edges[i].s; /* borrowed from the edge */
		g->nodes[2 * i + 1].iri = g->edges[i].o;
	}
	qsort(g->nodes, 2 * n, sizeof *g->nodes, cmp_nodes);
	for (i = 0, n = 0; i < 2 * g->n_edges; i++) {
		if (!n || strcmp(g->nodes[i].iri, g->nodes[n - 1].iri) != 0)
			g->nodes[n++] = g->nodes[i];
	}
	g->n_nodes = n;
	return 0;
}

/* Keeps the smallest label of each language, so the choice does not
 * depend on the order statements come out of the store. */
static void dot_keep_label(dot_graph *g, char **slot, const char *text)
{
	char *d;
	if (*slot && strcmp(*slot, text) <= 0)
		return;
	d = dup_str(text);
	if (!d) {
		g->nomem = 1;
		return;
	}
	free(*slot);
	*slot = d;
}

static void dot_describe(dot_graph *g, dot_node *n, librdf_statement *x)
{
	librdf_node *o = librdf_statement_get_object(x);
	const char *p = uri_of(librdf_statement_get_predicate(x));

	if (!p)
		return;
	if (strcmp(p, "http://www.w3.org/2000/01/rdf-schema#label") == 0 &&
	    librdf_node_is_literal(o)) {
		const char *lang = librdf_node_get_literal_value_language(o);
		const char *text = (const char *)librdf_node_get_literal_value(o);
		if (lang && strcmp(lang, "en") == 0)
			dot_keep_label(g, &n->en, text);
		else if (lang && strcmp(lang, "ar") == 0)
			dot_keep_label(g, &n->ar, text);
	} else if (strcmp(p, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == 0) {
		const char *c = uri_of(o);
		if (c && strcmp(c, NKG_NS "Incident") == 0)
			n->incident = 1;
		else if (c && (strcmp(c, NKG_NS "Accusation") == 0 ||
		               strcmp(c, NKG_NS "Denial") == 0))
			n->statement = 1;
	}
}

/* Pass 2: labels and types of the nodes the edges touch. */
static int dot_collect_nodes(librdf_model *model, dot_graph *g)
{
	librdf_stream *st = librdf_model_as_stream(model);

	if (!st)
		return -1;
	for (; !librdf_stream_end(st) && !g->nomem; librdf_stream_next(st)) {
		librdf_statement *x = librdf_stream_get_object(st);
		const char *s = uri_of(librdf_statement_get_subject(x));
		dot_node *n = s ? dot_find(g, s) : NULL;
		if (n)
			dot_describe(g, n, x);
	}
	librdf_free_stream(st);
	return g->nomem ? -1 : 0;
}

/* A DOT double-quoted string: '"' and '\' escaped (a lone '\' would start
 * an escape such as \N in a label), line breaks as \n, other control
 * characters dropped.  UTF-8 passes through: DOT's default charset. */
static void dot_quote(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			fputc('\\', out);
			fputc(c, out);
		} else if (c == '\n') {
			fputs("\\n", out);
		} else if (c >= 0x20 && c != 0x7f) {
			fputc(c, out);
		}
	}
	fputc('"', out);
}

/* The label of a node without rdfs:label: its IRI without the instance
 * or entity namespace ("accusation/SLUG/1"). */
static const char *dot_short(const char *iri, const char *base)
{
	size_t len = strlen(base);
	if (strncmp(iri, base, len) == 0 && iri[len])
		return iri + len;
	len = strlen(NKG_ENTITY_NS);
	if (strncmp(iri, NKG_ENTITY_NS, len) == 0 && iri[len])
		return iri + len;
	return iri;
}

static void dot_write_node(FILE *out, const dot_node *n, const char *base)
{
	char *label;
	const char *en = n->en ? n->en : dot_short(n->iri, base);
	size_t len = strlen(en) + (n->ar ? strlen(n->ar) + 1 : 0) + 1;

	fputs("  ", out);
	dot_quote(out, n->iri);
	fputs(" [label=", out);
	label = malloc(len);
	if (label) {
		snprintf(label, len, n->ar ? "%s\n%s" : "%s", en, n->ar ? n->ar : "");
		dot_quote(out, label);
		free(label);
	} else {
		dot_quote(out, en);
	}
	if (n->incident)
		fputs(", shape=box, style=filled, fillcolor=\"#fde0c5\"", out);
	else if (n->statement)
		fputs(", shape=note", out);
	fputs("];\n", out);
}

static void dot_write(const dot_graph *g, const char *base, FILE *out)
{
	size_t i;

	fputs("digraph newskg {\n  rankdir=LR;\n  node [shape=ellipse];\n", out);
	for (i = 0; i < g->n_nodes; i++)
		dot_write_node(out, &g->nodes[i], base);
	for (i = 0; i < g->n_edges; i++) {
		fputs("  ", out);
		dot_quote(out, g->edges[i].s);
		fputs(" -> ", out);
		dot_quote(out, g->edges[i].o);
		fputs(" [label=", out);
		dot_quote(out, g->edges[i].p);
		fputs("];\n", out);
	}
	fputs("}\n", out);
}

static void dot_free(dot_graph *g)
{
	size_t i;
	for (i = 0; i < g->n_nodes; i++) {
		free(g->nodes[i].en);
		free(g->nodes[i].ar);
	}
	for (i = 0; i < g->n_edges; i++) {
		free(g->edges[i].s);
		free(g->edges[i].p);
		free(g->edges[i].o);
	}
	free(g->nodes);
	free(g->edges);
}

static nkg_status write_dot(nkg_world *world, librdf_model *model,
                            const char *base, FILE *out)
{
	dot_graph g;
	int rc;

	memset(&g, 0, sizeof g);
	rc = dot_collect_edges(model, &g);
	if (!rc)
		rc = dot_index(&g);
	if (!rc)
		rc = dot_collect_nodes(model, &g);
	if (!rc)
		dot_write(&g, base, out);
	dot_free(&g);
	if (rc) {
		nkg_world_report(world, NKG_ERR_NOMEM, NULL, 0, NKG_NO_OFFSET,
		                 "writing dot: out of memory or no statement stream");
		return NKG_ERR_NOMEM;
	}
	return NKG_SUCCESS;
}

nkg_status nkg_graph_write(nkg_world *world, librdf_model *model,
                           const char *format, const char *base, FILE *out)
{
	const format_info *fmt = find_format(format);
	nkg_status st;

	if (!world || !model || !out)
		return NKG_ERR_ARG;
	if (!fmt) {
		nkg_world_report(world, NKG_ERR_FORMAT, NULL, 0, NKG_NO_OFFSET,
		                 "unknown output format '%s'", format ? format : "");
		return NKG_ERR_FORMAT;
	}
	if (!base)
		base = NKG_DEFAULT_BASE;
	/* errno is cleared before, not after, the writing: a write that failed
	 * in the middle (a large fwrite on a full disk) set it, and the
	 * fflush below then has nothing left to fail on. */
	errno = 0;
	if (fmt->raptor)
		st = write_raptor(world, model, fmt, base, out);
	else
		st = write_dot(world, model, base, out);
	/* A failing stream is not reported here: only the caller knows which
	 * file it is, and one failure deserves one line that names it. */
	if (st == NKG_SUCCESS && (fflush(out) != 0 || ferror(out)))
		st = NKG_ERR_IO;
	return st;
}
