/* Query results as a table for a person at a terminal.  rasqal's own
 * "table" writer prints every term in its debug form (uri<...>,
 * string("1"^^<...xsd#integer>)); this one prints prefixed names, plain
 * values and aligned columns. */
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "graph.h"
#include "results.h"
#include "utf8.h"

static const struct {
	const char *prefix, *ns;
} known[] = {
	{"nkg:", NKG_NS},
	{"nkge:", NKG_ENTITY_NS},
	{"wd:", NKG_WD_NS},
	{"rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
	{"rdfs:", "http://www.w3.org/2000/01/rdf-schema#"},
	{"owl:", "http://www.w3.org/2002/07/owl#"},
	{"xsd:", "http://www.w3.org/2001/XMLSchema#"},
	{"skos:", "http://www.w3.org/2004/02/skos/core#"},
	{"prov:", "http://www.w3.org/ns/prov#"},
	{"dcterms:", "http://purl.org/dc/terms/"},
};

typedef struct {
	char **cells; /* row by row, row 0 the header */
	size_t n, cap, cols;
} table;

static char *format_iri(const char *iri)
{
	size_t i, n;
	char *s;

	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		n = strlen(known[i].ns);
		if (strncmp(iri, known[i].ns, n) == 0 && iri[n] && !strpbrk(iri + n, "/#")) {
			if ((s = malloc(strlen(known[i].prefix) + strlen(iri + n) + 1)))
				sprintf(s, "%s%s", known[i].prefix, iri + n);
			return s;
		}
	}
	if ((s = malloc(strlen(iri) + 3)))
		sprintf(s, "<%s>", iri);
	return s;
}

static int is_number_type(const char *dt)
{
	static const char *const types[] = {"integer", "decimal", "double", "float",
	                                    "long", "int", "gYear", "date", "boolean"};
	size_t i, n = strlen(known[6].ns);

	if (!dt || strncmp(dt, known[6].ns, n) != 0)
		return 0;
	for (i = 0; i < sizeof types / sizeof *types; i++) {
		if (strcmp(dt + n, types[i]) == 0)
			return 1;
	}
	return 0;
}

static char *format_literal(librdf_node *node)
{
	const char *v = (const char *)librdf_node_get_literal_value(node);
	const char *lang = librdf_node_get_literal_value_language(node);
	librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(node);
	const char *dts = dt ? (const char *)librdf_uri_as_string(dt) : NULL;
	char *s, *t;

	if (is_number_type(dts) || (dts && strcmp(dts, "http://www.w3.org/2001/XMLSchema#string") == 0) ||
	    (!dts && !lang))
		return strdup(v);
	if (lang) {
		if ((s = malloc(strlen(v) + strlen(lang) + 4)))
			sprintf(s, "\"%s\"@%s", v, lang);
		return s;
	}
	if (!(t = format_iri(dts)))
		return NULL;
	if ((s = malloc(strlen(v) + strlen(t) + 5)))
		sprintf(s, "\"%s\"^^%s", v, t);
	free(t);
	return s;
}

static char *format_node(librdf_node *node)
{
	char *s;

	if (!node)
		return strdup("");
	if (librdf_node_is_resource(node))
		return format_iri((const char *)librdf_uri_as_string(librdf_node_get_uri(node)));
	if (librdf_node_is_literal(node))
		return format_literal(node);
	s = malloc(strlen((const char *)librdf_node_get_blank_identifier(node)) + 3);
	if (s)
		sprintf(s, "_:%s", (const char *)librdf_node_get_blank_identifier(node));
	return s;
}

/* Control characters (a newline in a literal) would break the layout. */
static void flatten(char *s)
{
	for (; s && *s; s++) {
		if ((unsigned char)*s < 0x20)
			*s = ' ';
	}
}

/* Takes `cell`. */
static int push(table *t, char *cell)
{
	char **grown;

	if (!cell)
		return -1;
	flatten(cell);
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		if (!(grown = realloc(t->cells, cap * sizeof *grown))) {
			free(cell);
			return -1;
		}
		t->cells = grown;
		t->cap = cap;
	}
	t->cells[t->n++] = cell;
	return 0;
}

static int fill(table *t, librdf_query_results *r)
{
	int i, cols = librdf_query_results_get_bindings_count(r);
	librdf_node *v;

	t->cols = cols > 0 ? (size_t)cols : 0;
	for (i = 0; i < cols; i++) {
		if (push(t, strdup(librdf_query_results_get_binding_name(r, i))))
			return -1;
	}
	for (; !librdf_query_results_finished(r); librdf_query_results_next(r)) {
		for (i = 0; i < cols; i++) {
			char *cell;
			v = librdf_query_results_get_binding_value(r, i);
			cell = format_node(v);
			if (v)
				librdf_free_node(v);
			if (push(t, cell))
				return -1;
		}
	}
	return 0;
}

static size_t width_of(const char *cell)
{
	return nkg_utf8_count(cell, strlen(cell));
}

static void pad(FILE *out, size_t n)
{
	while (n-- > 0)
		fputc(' ', out);
}

static void write_table(const table *t, FILE *out)
{
	size_t *width = calloc(t->cols ? t->cols : 1, sizeof *width);
	size_t r, c, rows = t->cols ? t->n / t->cols : 0;

	if (!width)
		return;
	for (r = 0; r < rows; r++)
		for (c = 0; c < t->cols; c++) {
			size_t w = width_of(t->cells[r * t->cols + c]);
			if (w > width[c])
				width[c] = w;
		}
	for (r = 0; r < rows; r++) {
		for (c = 0; c < t->cols; c++) {
			const char *cell = t->cells[r * t->cols + c];
			fputs(cell, out);
			if (c + 1 < t->cols)
				pad(out, width[c] - width_of(cell) + 2);
		}
		fputc('\n', out);
		for (c = 0; r == 0 && c < t->cols; c++) {
			size_t k;
			for (k = 0; k < width[c]; k++)
				fputc('-', out);
			if (c + 1 < t->cols)
				pad(out, 2);
		}
		if (r == 0)
			fputc('\n', out);
	}
	fprintf(out, "(%zu row%s)\n", rows ? rows - 1 : 0, rows == 2 ? "" : "s");
	free(width);
}

nkg_status nkg_results_write_table(librdf_query_results *r, FILE *out)
{
	table t = {NULL, 0, 0, 0};
	nkg_status rc = NKG_ERR_NOMEM;
	size_t i;

	if (fill(&t, r) == 0) {
		write_table(&t, out);
		rc = NKG_SUCCESS;
	}
	for (i = 0; i < t.n; i++)
		free(t.cells[i]);
	free(t.cells);
	return rc;
}
