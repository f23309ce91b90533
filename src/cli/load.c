/* newskg load: RDF files into a persistent store, in one transaction. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct {
	const char *store, *format, *graph;
	const char **files;
	size_t n_files;
	int quiet;
} load_opts;

static void load_help(void)
{
	fputs("Usage: " PROG " load --store SPEC [OPTION]... FILE...\n"
	      "Load RDF files (newskg's output or any other) into a store.\n"
	      "Each named graph in a file (N-Quads: one per article) replaces the\n"
	      "store's graph of the same name, so loading again never duplicates.\n"
	      "A file of triples goes into the graph of the one article it\n"
	      "describes, else into a graph named by the file's file: IRI.\n"
	      "All files are loaded in one transaction: an interrupted load leaves\n"
	      "the store as it was.  FILE - reads standard input.\n"
	      "\n"
	      "  -s, --store SPEC     sqlite:PATH (created when missing) or memory\n"
	      "  -f, --format SYNTAX  turtle, ntriples, nquads, trig, rdfxml or json;\n"
	      "                       default: by file name, then by content\n"
	      "      --graph IRI      put every statement into this graph\n"
	      "  -q, --quiet          no summary, no messages about bad files\n"
	      "  -h, --help           show this help\n"
	      "\n"
	      "Exit status: 0 success, 1 some file was bad (the rest was loaded) or\n"
	      "the store could not be written (then nothing was), 2 usage error.\n",
	      stdout);
}

/* Returns 0 when parsed, 2 on a usage error (printed), -1 after --help. */
static int parse_load(int argc, char **argv, load_opts *o)
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
			load_help();
			return -1;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			o->quiet = 1;
		} else if ((r = opt_value(argv, argc, &i, "-s", "--store", &val)) != 0 ||
		           (r = opt_value(argv, argc, &i, "-f", "--format", &val)) != 0 ||
		           (r = opt_value(argv, argc, &i, NULL, "--graph", &val)) != 0) {
			if (r < 0)
				return usage_error("load", "option '%s' needs an argument", a);
			if (a[1] == 's' || strncmp(a, "--store", 7) == 0)
				o->store = val;
			else if (a[1] == 'f' || strncmp(a, "--format", 8) == 0)
				o->format = val;
			else
				o->graph = val;
		} else {
			return usage_error("load", "unknown option '%s'", a);
		}
	}
	if (!o->store)
		return usage_error("load", "no store given (--store sqlite:PATH)");
	if (check_store_spec("load", o->store))
		return 2;
	if (strcmp(o->store, "memory") == 0)
		return usage_error("load", "a memory store would be lost at exit: use sqlite:PATH");
	if (o->n_files == 0)
		return usage_error("load", "no file to load");
	if (o->graph && !*o->graph)
		return usage_error("load", "--graph needs a non-empty IRI");
	return 0;
}

static int run_load(const load_opts *o)
{
	report_state rs = {o->quiet, 0, 0};
	nkg_world *world = nkg_world_new(print_error, &rs);
	nkg_store *store = NULL;
	nkg_load_stats one, all = {0, 0};
	size_t i, loaded = 0;
	int bad = 0, rc = 1;
	nkg_status st = NKG_SUCCESS;

	if (!world) {
		say("cannot start: out of memory");
		return 1;
	}
	if ((st = nkg_store_open(world, o->store, &store)) != NKG_SUCCESS) {
		rc = st == NKG_ERR_ARG ? 2 : 1; /* a bad spec is a usage error */
		goto done;
	}
	if (nkg_store_begin(store) != NKG_SUCCESS)
		goto done;
	for (i = 0; i < o->n_files; i++) {
		st = nkg_store_load_file(store, o->files[i], o->format, o->graph, &one);
		if (st == NKG_ERR_STORE || st == NKG_ERR_NOMEM)
			break; /* the store, not the file: stop, keep nothing */
		if (st != NKG_SUCCESS) {
			bad = 1;
			continue;
		}
		all.graphs += one.graphs;
		all.statements += one.statements;
		loaded++;
	}
	if (st == NKG_ERR_STORE || st == NKG_ERR_NOMEM) {
		nkg_store_rollback(store);
		say("%s: the store is unchanged", o->store);
		goto done;
	}
	if (nkg_store_commit(store) != NKG_SUCCESS)
		goto done;
	if (!o->quiet)
		say("loaded %zu statements into %zu graphs from %zu of %zu files; "
		    "%s holds %zu statements", all.statements, all.graphs, loaded,
		    o->n_files, o->store, nkg_store_size(store));
	rc = bad ? 1 : 0;
done:
	nkg_store_free(store);
	nkg_world_free(world);
	return rc;
}

int cmd_load(int argc, char **argv)
{
	load_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	if (!(o.files = calloc((size_t)argc, sizeof *o.files))) {
		say("out of memory");
		return 1;
	}
	rc = parse_load(argc, argv, &o);
	if (rc == 0)
		rc = run_load(&o);
	else if (rc < 0)
		rc = 0;
	free(o.files);
	return rc;
}
