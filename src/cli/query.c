/* newskg query: SPARQL over RDF files or a store. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct {
	const char *store, *results, *text, *file;
	const char **data;
	size_t n_data;
	int quiet;
} query_opts;

static void query_help(void)
{
	fputs("Usage: " PROG " query [OPTION]... (-e QUERY | -q FILE.rq) [DATA]...\n"
	      "Run a SPARQL 1.1 query over RDF files or a store.\n"
	      "DATA are RDF files (any syntax newskg writes, or Turtle from\n"
	      "elsewhere); - or none (when standard input is not a terminal) reads\n"
	      "standard input.  Each file's named graphs (N-Quads: one per article)\n"
	      "stay named; a file of triples is one graph, named by its article or\n"
	      "by the file's file: IRI.  The default graph is the union of all\n"
	      "graphs.  FROM and FROM NAMED pick graphs by name, or files.\n"
	      "\n"
	      "  -e, --execute QUERY  the query text\n"
	      "  -q, --query FILE     read the query from FILE\n"
	      "  -s, --store SPEC     query a store (sqlite:PATH) instead of files\n"
	      "  -r, --results FMT    table (default on a terminal), tsv (default\n"
	      "                       otherwise), csv, json or xml; CONSTRUCT and\n"
	      "                       DESCRIBE write Turtle, or N-Triples with -r ntriples\n"
	      "      --quiet          no messages about bad data files\n"
	      "  -h, --help           show this help\n"
	      "\n"
	      "Not supported by rasqal 0.9.33, and refused with a message rather than\n"
	      "answered wrongly: property paths, EXISTS, MINUS, SERVICE, Update,\n"
	      "STRBEFORE/STRAFTER, and four shapes rasqal answers wrongly: a FILTER\n"
	      "before more triple patterns of its group (move it to the end), two\n"
	      "aggregates of one function, DISTINCT inside an aggregate, and ORDER\n"
	      "BY on grouped rows other than the GROUP BY keys in their order.\n"
	      "\n"
	      "Exit status: 0 success, 1 some data file was bad (the query ran on the\n"
	      "rest), 2 usage error or a query that cannot run.\n", stdout);
}

static int parse_query(int argc, char **argv, query_opts *o)
{
	const char *val;
	int i, r, options = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!options || a[0] != '-' || strcmp(a, "-") == 0) {
			o->data[o->n_data++] = a;
		} else if (strcmp(a, "--") == 0) {
			options = 0;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			query_help();
			return -1;
		} else if (strcmp(a, "--quiet") == 0) {
			o->quiet = 1;
		} else if ((r = opt_value(argv, argc, &i, "-e", "--execute", &val)) != 0) {
			if (r < 0)
				return usage_error("query", "option '%s' needs an argument", a);
			o->text = val;
		} else if ((r = opt_value(argv, argc, &i, "-q", "--query", &val)) != 0) {
			if (r < 0)
				return usage_error("query", "option '%s' needs an argument", a);
			o->file = val;
		} else if ((r = opt_value(argv, argc, &i, "-s", "--store", &val)) != 0) {
			if (r < 0)
				return usage_error("query", "option '%s' needs an argument", a);
			o->store = val;
		} else if ((r = opt_value(argv, argc, &i, "-r", "--results", &val)) != 0) {
			if (r < 0)
				return usage_error("query", "option '%s' needs an argument", a);
			o->results = val;
		} else {
			return usage_error("query", "unknown option '%s'", a);
		}
	}
	if (!o->text == !o->file)
		return usage_error("query", "give the query with -e QUERY or -q FILE (one of them)");
	if (o->store && check_store_spec("query", o->store))
		return 2;
	if (o->store && o->n_data)
		return usage_error("query", "give either --store or DATA files; load the "
		                   "files into the store first");
	if (o->results && !nkg_results_format_known(o->results) &&
	    strcmp(o->results, "ntriples") != 0)
		return usage_error("query", "unknown results format '%s' (table, csv, tsv, json, xml)",
		                   o->results);
	if (!o->store && !o->n_data) {
		if (isatty(STDIN_FILENO))
			return usage_error("query", "no data: give RDF files, --store, or pipe a graph");
		o->data[o->n_data++] = "-";
	}
	if (!o->results)
		o->results = isatty(STDOUT_FILENO) ? "table" : "tsv";
	return 0;
}

/* The whole query file, NUL-terminated, or NULL (printed). */
static char *read_query(const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL, *grown;
	size_t len = 0, cap = 0, n;

	if (!f) {
		say("%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (!(grown = realloc(buf, cap))) {
				free(buf);
				buf = NULL;
				say("out of memory");
				break;
			}
			buf = grown;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	if (buf && ferror(f)) {
		say("%s: cannot read: %s", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[len] = '\0';
	if (f != stdin)
		fclose(f);
	return buf;
}

/* Loads the DATA files into `store`; returns 1 when some were bad. */
static int load_data(nkg_store *store, const query_opts *o)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < o->n_data; i++) {
		if (nkg_store_load_file(store, o->data[i], NULL, NULL, NULL) != NKG_SUCCESS)
			bad = 1;
	}
	return bad;
}

static int run_query(const query_opts *o, const char *text)
{
	report_state rs = {0, 0, 0};
	nkg_world *world = nkg_world_new(print_error, &rs);
	nkg_store *store = NULL;
	int bad = 0, rc = 2;
	nkg_status st;

	if (!world) {
		say("cannot start: out of memory");
		return 1;
	}
	if ((st = nkg_store_open(world, o->store ? o->store : "memory", &store)) != NKG_SUCCESS) {
		rc = st == NKG_ERR_ARG ? 2 : 1;
		goto done;
	}
	rs.quiet = o->quiet;
	bad = load_data(store, o);
	rs.quiet = 0;
	st = nkg_query_run(store, text, o->file ? o->file : "query", o->results, stdout);
	if (st == NKG_SUCCESS)
		rc = bad ? 1 : 0;
	else if (st == NKG_ERR_IO || st == NKG_ERR_NOMEM || st == NKG_ERR_STORE)
		rc = 1;
done:
	nkg_store_free(store);
	nkg_world_free(world);
	return rc;
}

int cmd_query(int argc, char **argv)
{
	query_opts o;
	char *text = NULL;
	int rc;

	memset(&o, 0, sizeof o);
	if (!(o.data = calloc((size_t)argc + 1, sizeof *o.data))) {
		say("out of memory");
		return 1;
	}
	rc = parse_query(argc, argv, &o);
	if (rc == 0 && o.file && !(text = read_query(o.file)))
		rc = 2;
	if (rc == 0)
		rc = run_query(&o, text ? text : o.text);
	else if (rc < 0)
		rc = 0;
	free(text);
	free(o.data);
	return rc;
}
