/* newskg push: graphs to a SPARQL server (Graph Store HTTP Protocol). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct {
	const char *endpoint, *graph, *store, *format, *user;
	const char **files;
	size_t n_files;
	long timeout;
	int jobs;
	int quiet;
} push_opts;

static void push_help(void)
{
	fputs("Usage: " PROG " push --endpoint URL [OPTION]... FILE...\n"
	      "   or: " PROG " push --endpoint URL --store SPEC [OPTION]...\n"
	      "Send each article's graph to a SPARQL server over the Graph Store\n"
	      "HTTP Protocol: one PUT to URL?graph=IRI per named graph, so pushing\n"
	      "again replaces the server's graph and never duplicates it.  FILEs\n"
	      "are read as by 'newskg load' (N-Quads: one graph per article; a\n"
	      "file of one article's triples: the article's graph); FILE - reads\n"
	      "standard input.\n"
	      "\n"
	      "  -e, --endpoint URL   the Graph Store endpoint, for example\n"
	      "                         Virtuoso  http://HOST:8890/sparql-graph-crud\n"
	      "                         Fuseki    http://HOST:3030/DATASET/data\n"
	      "                         Oxigraph  http://HOST:7878/store\n"
	      "                         GraphDB   http://HOST:7200/repositories/REPO/rdf-graphs/service\n"
	      "  -s, --store SPEC     push the graphs of this store (sqlite:PATH)\n"
	      "                       instead of files\n"
	      "      --graph IRI      push the merge of all graphs into this one graph\n"
	      "  -f, --format SYNTAX  turtle, ntriples, nquads, trig, rdfxml or json;\n"
	      "                       default: by file name, then by content\n"
	      "  -u, --user U:P       HTTP user and password (basic or digest); the\n"
	      "                       environment variable NEWSKG_USER does the same\n"
	      "                       without showing the password to 'ps'\n"
	      "  -j, --jobs N         up to N requests at once (default 1, at most 64;\n"
	      "                       the first graph still goes alone)\n"
	      "      --timeout SEC    give up on one request after SEC seconds\n"
	      "                       (default: wait)\n"
	      "  -q, --quiet          no summary, no error messages\n"
	      "  -h, --help           show this help\n"
	      "\n"
	      "A request answered 408, 429, 500, 502, 503 or 504 (\"not now\": Virtuoso\n"
	      "answers 500 when two PUTs deadlock) is sent again, up to 4 times.\n"
	      "A graph the server refuses is reported with the HTTP status and the\n"
	      "server's message, and the other graphs are still sent; an unreachable\n"
	      "server, or HTTP 401, 403, 404, 405 or 501, stops at the first graph.\n"
	      "Exit status: 0 every graph was accepted, 1 some file was bad or some\n"
	      "graph was not accepted, 2 usage error.\n",
	      stdout);
}

static int set_value(push_opts *o, const char *a, const char *val)
{
	/* `a` is the option as written: -eURL, -e, --endpoint or --endpoint=URL. */
	if (strncmp(a, "-e", 2) == 0 || strncmp(a, "--endpoint", 10) == 0)
		o->endpoint = val;
	else if (strncmp(a, "--graph", 7) == 0)
		o->graph = val;
	else if (strncmp(a, "-s", 2) == 0 || strncmp(a, "--store", 7) == 0)
		o->store = val;
	else if (strncmp(a, "-f", 2) == 0 || strncmp(a, "--format", 8) == 0)
		o->format = val;
	else if (strncmp(a, "-u", 2) == 0 || strncmp(a, "--user", 6) == 0)
		o->user = val;
	else if (strncmp(a, "-j", 2) == 0 || strncmp(a, "--jobs", 6) == 0) {
		char *end;
		long j = strtol(val, &end, 10);
		if (!*val || *end || j < 1 || j > 64)
			return usage_error("push", "--jobs needs a number from 1 to 64, not '%s'", val);
		o->jobs = (int)j;
	} else {
		char *end;
		long t = strtol(val, &end, 10);
		if (!*val || *end || t < 0)
			return usage_error("push", "--timeout needs a number of seconds, not '%s'", val);
		o->timeout = t;
	}
	return 0;
}

/* Returns 0 when parsed, 2 on a usage error (printed), -1 after --help. */
static int parse_push(int argc, char **argv, push_opts *o)
{
	const char *val;
	int i, r, options = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!options || a[0] != '-' || strcmp(a, "-") == 0) {
			o->files[o->n_files++] = a;
		} else if (strcmp(a, "--") == 0) {
			options = 0;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			push_help();
			return -1;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			o->quiet = 1;
		} else if ((r = opt_value(argv, argc, &i, "-e", "--endpoint", &val)) != 0 ||
		           (r = opt_value(argv, argc, &i, NULL, "--graph", &val)) != 0 ||
		           (r = opt_value(argv, argc, &i, "-s", "--store", &val)) != 0 ||
		           (r = opt_value(argv, argc, &i, "-f", "--format", &val)) != 0 ||
		           (r = opt_value(argv, argc, &i, "-u", "--user", &val)) != 0 ||
		           (r = opt_value(argv, argc, &i, "-j", "--jobs", &val)) != 0 ||
		           (r = opt_value(argv, argc, &i, NULL, "--timeout", &val)) != 0) {
			if (r < 0)
				return usage_error("push", "option '%s' needs an argument", a);
			if (set_value(o, a, val))
				return 2;
		} else {
			return usage_error("push", "unknown option '%s'", a);
		}
	}
	if (!o->endpoint)
		return usage_error("push", "no endpoint given (--endpoint URL)");
	if (strncmp(o->endpoint, "http://", 7) != 0 && strncmp(o->endpoint, "https://", 8) != 0)
		return usage_error("push", "endpoint '%s' is not an http:// or https:// URL",
		                   o->endpoint);
	if (o->graph && !*o->graph)
		return usage_error("push", "--graph needs a non-empty IRI");
	if (o->store && check_store_spec("push", o->store))
		return 2;
	if (o->store && strcmp(o->store, "memory") == 0)
		return usage_error("push", "a memory store is empty: give files, or sqlite:PATH");
	if (o->store && o->n_files)
		return usage_error("push", "give either --store or files, not both");
	if (!o->store && o->n_files == 0)
		return usage_error("push", "nothing to push (FILE... or --store SPEC)");
	if (!o->user)
		o->user = getenv("NEWSKG_USER");
	return 0;
}

/* The files into a memory store, each graph as 'newskg load' would make
 * it.  Sets *bad when some file could not be read. */
static nkg_store *read_files(nkg_world *world, const push_opts *o, int *bad)
{
	nkg_store *store = NULL;
	size_t i;

	if (nkg_store_open(world, "memory", &store) != NKG_SUCCESS)
		return NULL;
	for (i = 0; i < o->n_files; i++) {
		nkg_status st = nkg_store_load_file(store, o->files[i], o->format, NULL, NULL);
		if (st == NKG_ERR_NOMEM || st == NKG_ERR_STORE) {
			nkg_store_free(store);
			return NULL;
		}
		if (st != NKG_SUCCESS)
			*bad = 1;
	}
	return store;
}

static int run_push(const push_opts *o)
{
	report_state rs = {o->quiet, 0, 0};
	nkg_world *world = nkg_world_new(print_error, &rs);
	nkg_store *store = NULL;
	nkg_push *push = NULL;
	nkg_push_stats stats;
	nkg_status st;
	int bad = 0, rc = 1;

	if (!world) {
		say("cannot start: out of memory");
		return 1;
	}
	if (nkg_push_new(world, o->endpoint, &push) != NKG_SUCCESS ||
	    nkg_push_set_user(push, o->user) != NKG_SUCCESS ||
	    nkg_push_set_timeout(push, o->timeout) != NKG_SUCCESS ||
	    (o->jobs && nkg_push_set_jobs(push, o->jobs) != NKG_SUCCESS))
		goto done;
	store = o->store ? NULL : read_files(world, o, &bad);
	if (o->store && nkg_store_open(world, o->store, &store) != NKG_SUCCESS)
		goto done;
	if (!store)
		goto done;
	st = nkg_push_store(push, store, o->graph, &stats);
	if (!o->quiet)
		say("pushed %zu graphs (%zu statements, %.1f KiB) to %s in %.2f s; "
		    "%zu not accepted; %zu requests sent again", stats.graphs,
		    stats.statements, (double)stats.bytes / 1024.0, o->endpoint,
		    stats.seconds, stats.failed, stats.retried);
	rc = st == NKG_SUCCESS && !bad ? 0 : 1;
done:
	nkg_push_free(push);
	nkg_store_free(store);
	nkg_world_free(world);
	return rc;
}

int cmd_push(int argc, char **argv)
{
	push_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	if (!(o.files = calloc((size_t)argc, sizeof *o.files))) {
		say("out of memory");
		return 1;
	}
	rc = parse_push(argc, argv, &o);
	if (rc == 0)
		rc = run_push(&o);
	else if (rc < 0)
		rc = 0;
	free(o.files);
	return rc;
}
