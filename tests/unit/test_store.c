/* The store and query API without the CLI: graphs replace each other by
 * name, the default graph is the merge of the named ones, a broken file
 * changes nothing, errors reach the callback with line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "newskg/newskg.h"

static char last_error[512];
static size_t last_line, last_column;

static void on_error(void *handle, const nkg_error *e)
{
	(void)handle;
	snprintf(last_error, sizeof last_error, "%s", e->message);
	last_line = e->line;
	last_column = e->column;
}

static char dir[] = "/tmp/nkg-store-XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* The query's TSV results, a new string. */
static char *run(nkg_store *st, const char *q, nkg_status *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	*rc = nkg_query_run(st, q, "test", "tsv", out);
	fclose(out);
	return buf;
}

#define G1 "<http://e/g1>"
#define G2 "<http://e/g2>"

static void test_replace_and_merge(nkg_world *w)
{
	nkg_store *st = NULL;
	nkg_load_stats stats;
	nkg_status rc;
	char *r;

	CHECK(nkg_store_open(w, "memory", &st) == NKG_SUCCESS);
	/* The same label in two graphs: one triple of the default graph. */
	CHECK(nkg_store_load_file(st, write_file("a.nq", "<http://e/x> <http://e/label> \"X\" " G1 " .\n"
	                                                 "<http://e/x> <http://e/label> \"X\" " G2 " .\n"
	                                                 "<http://e/x> <http://e/p> <http://e/y> " G1 " .\n"),
	                          NULL, NULL, &stats) == NKG_SUCCESS);
	CHECK(stats.graphs == 2 && stats.statements == 3);
	r = run(st, "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://e/label> ?o }", &rc);
	CHECK(rc == NKG_SUCCESS);
	CHECK_STR(r, "?n\n1\n");
	free(r);
	r = run(st, "SELECT ?g WHERE { GRAPH ?g { ?s <http://e/label> ?o } } ORDER BY ?g", &rc);
	CHECK_STR(r, "?g\n<http://e/g1>\n<http://e/g2>\n");
	free(r);
	/* g1 again, without its second statement: replaced, not added to. */
	CHECK(nkg_store_load_file(st, write_file("b.nq", "<http://e/x> <http://e/label> \"X\" " G1 " .\n"),
	                          NULL, NULL, &stats) == NKG_SUCCESS);
	CHECK(nkg_store_size(st) == 2);
	/* A broken file leaves the store as it was and says where. */
	CHECK(nkg_store_load_file(st, write_file("c.nq", "<http://e/x> <http://e/p> <http://e/z> " G2 " .\n"
	                                                 "<http://e/x> <http://e/p> \"open " G2 " .\n"),
	                          NULL, NULL, NULL) == NKG_ERR_RDF);
	CHECK(last_line == 2);
	CHECK(nkg_store_size(st) == 2);
	nkg_store_free(st);
}

static void test_refusals(nkg_world *w)
{
	nkg_store *st = NULL;
	nkg_status rc;
	char *r;

	CHECK(nkg_store_open(w, "memory", &st) == NKG_SUCCESS);
	r = run(st, "SELECT ?s WHERE {\n  ?s <http://e/p>+ ?o }", &rc);
	CHECK(rc == NKG_ERR_UNSUPPORTED);
	CHECK(last_line == 2 && last_column == 6);
	CHECK(strstr(last_error, "property path") != NULL);
	CHECK(r == NULL || *r == '\0');
	free(r);
	r = run(st, "SELECT ?s WHERE { ?s ?p ?o MINUS { ?s ?p ?o } }", &rc);
	CHECK(rc == NKG_ERR_UNSUPPORTED);
	free(r);
	r = run(st, "SELECT ?s WHERE { ?s ?p }", &rc);
	CHECK(rc == NKG_ERR_QUERY);
	free(r);
	r = run(st, "ASK { ?s ?p ?o }", &rc);
	CHECK(rc == NKG_SUCCESS);
	CHECK_STR(r, "false\n");
	free(r);
	CHECK(nkg_query_run(st, "ASK {}", NULL, "klingon", stdout) == NKG_ERR_FORMAT);
	nkg_store_free(st);
}

static void test_specs(nkg_world *w)
{
	nkg_store *st = (nkg_store *)1;
	char path[300];

	CHECK(nkg_store_open(w, "postgres:x", &st) == NKG_ERR_ARG && st == NULL);
	CHECK(nkg_store_open(w, "sqlite:", &st) == NKG_ERR_ARG && st == NULL);
	snprintf(path, sizeof path, "sqlite:%s/s.db", dir);
	CHECK(nkg_store_open(w, path, &st) == NKG_SUCCESS);
	CHECK(nkg_store_begin(st) == NKG_SUCCESS);
	CHECK(nkg_store_begin(st) == NKG_ERR_ARG);
	CHECK(nkg_store_commit(st) == NKG_SUCCESS);
	nkg_store_free(st);
	nkg_store_free(NULL);
}

int main(void)
{
	nkg_world *w;

	if (!mkdtemp(dir))
		return 1;
	w = nkg_world_new(on_error, NULL);
	test_replace_and_merge(w);
	test_refusals(w);
	test_specs(w);
	nkg_world_free(w);
	{
		char cmd[64];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return nkg_test_finish();
}
