/* newskg extract: articles to a graph, a file or a store. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* ---- extract --------------------------------------------------------- */

typedef struct {
	const char *format, *output, *base, *store;
	const char **lexicons, **inputs;
	size_t n_lexicons, n_inputs;
	int explain, quiet;
	size_t max_bytes;
	unsigned jobs;
} extract_opts;

static void extract_help(void)
{
	fputs("Usage: " PROG " extract [OPTION]... [INPUT]...\n"
	      "Read Arabic news articles and write their knowledge graph.\n"
	      "INPUT is a text file (one article), a JSON Lines file (*.jsonl: one\n"
	      "{\"id\",\"url\",\"title\",\"date\",\"text\"} object per line), a directory\n"
	      "(searched for *.txt and *.jsonl), or - for standard input; none: stdin.\n"
	      "\n"
	      "  -f, --format FMT         turtle (default), ntriples, nquads, rdfxml,\n"
	      "                           json (RDF/JSON) or dot\n"
	      "  -o, --output FILE        write to FILE (replaced only when complete)\n"
	      "      --store SPEC         put each article's graph into a store instead\n"
	      "                           (sqlite:PATH or memory), replacing the graph\n"
	      "                           of the same article; with -o, both\n"
	      "      --base IRI           namespace of the instances (default " NKG_DEFAULT_BASE ")\n"
	      "      --lexicon FILE.ttl   add a lexicon file (repeatable) to the shipped one\n"
	      "      --explain            print each fact with its rule and sentence\n"
	      "                           to stdout instead of the graph\n"
	      "      --max-article-bytes N  refuse larger articles (K, M, G suffixes;\n"
	      "                           default 16M)\n"
	      "  -j, --jobs N             analyse on N threads (default: one per CPU);\n"
	      "                           the output is the same for every N\n"
	      "  -q, --quiet              no progress bar, no summary, no messages\n"
	      "                           about bad inputs (the exit status still says)\n"
	      "  -h, --help               show this help\n"
	      "\n"
	      "N-Triples, N-Quads and Turtle are written article by article, in\n"
	      "memory that does not grow with the input; RDF/XML, RDF/JSON, DOT,\n"
	      "--explain and --store hold the whole graph first.  On a terminal a\n"
	      "progress bar shows on stderr; a summary line ends every run.\n"
	      "\n"
	      "Exit status: 0 success, 1 some input was bad (the rest was written) or\n"
	      "the output could not be written, 2 usage error.\n", stdout);
}


/* Starts with "scheme:" as RFC 3986 spells it. */
static int has_scheme(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
	return n > 0 && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) &&
	       s[n] == ':';
}

static int parse_jobs(const char *s, unsigned *jobs)
{
	char *end;
	unsigned long n;

	if (*s < '0' || *s > '9')
		return 0;
	n = strtoul(s, &end, 10);
	if (*end || n < 1 || n > 256)
		return 0;
	*jobs = (unsigned)n;
	return 1;
}

/* Returns 0 when parsed, 2 on a usage error (printed), -1 after --help. */
static int parse_extract(int argc, char **argv, extract_opts *o)
{
	static const struct {
		const char *shrt, *lng;
	} valued[] = {{"-f", "--format"}, {"-o", "--output"}, {NULL, "--base"},
	              {NULL, "--lexicon"}, {NULL, "--max-article-bytes"},
	              {NULL, "--store"}, {"-j", "--jobs"}};
	const int n_valued = (int)(sizeof valued / sizeof valued[0]);
	const char *val;
	int i, k, r, options = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!options || a[0] != '-' || strcmp(a, "-") == 0) {
			o->inputs[o->n_inputs++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			options = 0;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			extract_help();
			return -1;
		}
		if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			o->quiet = 1;
			continue;
		}
		if (strcmp(a, "--explain") == 0) {
			o->explain = 1;
			continue;
		}
		for (k = 0, r = 0; k < n_valued && !r; k++)
			r = opt_value(argv, argc, &i, valued[k].shrt, valued[k].lng, &val);
		if (r == 0)
			return usage_error("extract", "unknown option '%s'", a);
		if (r < 0)
			return usage_error("extract", "option '%s' needs an argument", a);
		switch (k - 1) {
		case 0: o->format = val; break;
		case 1: o->output = val; break;
		case 2: o->base = val; break;
		case 3: o->lexicons[o->n_lexicons++] = val; break;
		case 5: o->store = val; break;
		case 6:
			if (!parse_jobs(val, &o->jobs))
				return usage_error("extract", "bad --jobs '%s': a number of threads from 1 to 256", val);
			break;
		default:
			if (!(o->max_bytes = parse_size(val)))
				return usage_error("extract", "bad --max-article-bytes '%s': a positive number of bytes, optionally with K, M or G", val);
		}
	}
	if (!nkg_format_known(o->format))
		return usage_error("extract", "unknown format '%s' (turtle, ntriples, nquads, rdfxml, json, dot)", o->format);
	if (o->store && check_store_spec("extract", o->store))
		return 2;
	if (o->base && !has_scheme(o->base))
		return usage_error("extract", "--base '%s' is no absolute IRI (like https://example.org/id/)", o->base);
	return 0;
}

/* Loads the shipped lexicon, then the user's files.  A lexicon that does
 * not load is fatal: a graph made without it would be silently wrong. */
static int load_lexicon(nkg_lexicon *lex, const extract_opts *o)
{
	size_t i;

	if (nkg_lexicon_load_default(lex) != NKG_SUCCESS) {
		say("%s: cannot load the shipped lexicon", nkg_lexicon_default_dir());
		return 0;
	}
	for (i = 0; i < o->n_lexicons; i++)
		if (nkg_lexicon_load_file(lex, o->lexicons[i]) != NKG_SUCCESS) {
			say("%s: cannot load the lexicon", o->lexicons[i]);
			return 0;
		}
	return 1;
}

/* Runs every input through the extractor.  Returns 0 when all was read
 * well, 1 when some input was bad, -1 on a fatal error (printed). */
static int read_inputs(nkg_reader *reader, nkg_extractor *ex,
                       const extract_opts *o, report_state *rs)
{
	nkg_run_options run;
	nkg_status st;
	size_t i;

	for (i = 0; i < o->n_inputs; i++)
		if (nkg_reader_add(reader, o->inputs[i]) != NKG_SUCCESS) {
			say("out of memory");
			return -1;
		}
	if (o->n_inputs == 0 && nkg_reader_add(reader, "-") != NKG_SUCCESS) {
		say("out of memory");
		return -1;
	}
	/* the sizes first, so the bar knows how far it is */
	if (nkg_reader_scan(reader) != NKG_SUCCESS) {
		say("out of memory");
		return -1;
	}
	memset(&run, 0, sizeof run);
	run.jobs = o->jobs;
	if (!o->quiet && isatty(STDERR_FILENO)) {
		run.progress = progress_draw;
		run.progress_handle = rs;
	}
	st = nkg_extractor_run(ex, reader, &run);
	progress_clear(rs);
	if (st == NKG_ERR_IO) {
		say("cannot write '%s': %s", o->output ? o->output : "standard output",
		    strerror(errno ? errno : EIO));
		return -1;
	}
	if (st != NKG_SUCCESS) {
		say("%s", nkg_strerror(st));
		return -1;
	}
	return nkg_extractor_stats(ex).errors > 0 || nkg_reader_errors(reader) > 0;
}

/* Writes the graph (or the explanation) once every input is read.
 * Returns 0, or 1 when the output failed (printed). */
static int write_result(nkg_extractor *ex, const extract_opts *o, output *out)
{
	nkg_status st;

	errno = 0;
	if (o->explain) {
		/* With -o, the graph still goes to the file: the explanation
		 * is for reading, the file for tools. */
		if (nkg_extractor_explain(ex, stdout) != NKG_SUCCESS || fflush(stdout) != 0) {
			say("cannot write the explanation: %s", errno ? strerror(errno) : "error");
			return 1;
		}
		if (!o->output)
			return 0;
	}
	st = nkg_extractor_write(ex, o->format, out->f);
	if (st != NKG_SUCCESS && ferror(out->f)) {
		/* Say why the file failed (a full disk), not that RDF did. */
		say("cannot write '%s': %s", o->output ? o->output : "standard output",
		    strerror(errno ? errno : EIO));
		return 1;
	}
	if (st != NKG_SUCCESS) {
		say("cannot write the graph: %s", nkg_strerror(st));
		return 1;
	}
	return 0;
}

/* Puts every article's graph into the store in one transaction.
 * Returns 0, or 1 (reported). */
static int write_store(nkg_extractor *ex, nkg_store *store, int quiet)
{
	nkg_load_stats stats;

	if (nkg_store_begin(store) != NKG_SUCCESS)
		return 1;
	if (nkg_store_put_extracted(store, ex, &stats) != NKG_SUCCESS) {
		nkg_store_rollback(store);
		say("the store is unchanged");
		return 1;
	}
	if (nkg_store_commit(store) != NKG_SUCCESS)
		return 1;
	if (!quiet)
		say("stored %zu statements in %zu article graphs", stats.statements,
		    stats.graphs);
	return 0;
}

/* One line for the whole run: what was read, what came out, how long. */
static void summary(const nkg_extractor *ex, const nkg_reader *reader,
                    const report_state *rs, double seconds, int streamed)
{
	nkg_extract_stats st = nkg_extractor_stats(ex);
	unsigned long long read, total;
	char bytes[32], statements[48] = "";

	nkg_reader_bytes(reader, &read, &total);
	if (streamed)
		snprintf(statements, sizeof statements, ", %zu statements", st.statements);
	say("%zu articles (%s) in %.2f s: %zu sentences, %zu actors, %zu accusations, "
	    "%zu denials, %zu incidents%s, %lu errors",
	    st.articles, human_bytes(bytes, sizeof bytes, read), seconds, st.sentences,
	    st.actors, st.accusations, st.denials, st.incidents, statements, rs->errors);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int run_extract(const extract_opts *o)
{
	report_state rs = {o->quiet, 0, 0};
	nkg_world *world = nkg_world_new(print_error, &rs);
	nkg_lexicon *lex = world ? nkg_lexicon_new(world) : NULL;
	nkg_extractor *ex = NULL;
	nkg_reader *reader = NULL;
	nkg_writer *writer = NULL;
	nkg_store *store = NULL;
	output out;
	int rc = 1, bad;
	/* a streaming syntax alone is written as the articles come */
	int stream = nkg_format_streams(o->format) && !o->explain && !o->store;
	double t0 = now();

	memset(&out, 0, sizeof out);
	if (!lex) {
		say("cannot start: out of memory");
		goto done;
	}
	if (!load_lexicon(lex, o))
		goto done;
	if (!(ex = nkg_extractor_new(world, lex, o->base)) ||
	    !(reader = nkg_reader_new(world))) {
		say("cannot start the extractor");
		goto done;
	}
	nkg_reader_set_max_bytes(reader, o->max_bytes);
	/* Opened first so that a bad -o or store fails before a long run. */
	if (o->store && nkg_store_open(world, o->store, &store) != NKG_SUCCESS)
		goto done;
	if ((o->output || (!o->explain && !o->store)) && !output_open(&out, o->output))
		goto done;
	if (stream) {
		if (!(writer = nkg_writer_new(world, o->format, o->base, out.f))) {
			say("cannot start the writer: out of memory");
			goto done;
		}
		nkg_extractor_set_writer(ex, writer);
	}
	errno = 0;
	if ((bad = read_inputs(reader, ex, o, &rs)) < 0)
		goto done;
	if (writer && nkg_writer_finish(writer) != NKG_SUCCESS) {
		say("cannot write '%s': %s", o->output ? o->output : "standard output",
		    strerror(errno ? errno : EIO));
		goto done;
	}
	if (!stream && (o->explain || out.f) && write_result(ex, o, &out) != 0)
		goto done;
	if (store && write_store(ex, store, o->quiet) != 0)
		goto done;
	if (out.f && !output_commit(&out))
		goto done;
	if (!o->quiet)
		summary(ex, reader, &rs, now() - t0, stream);
	rc = bad ? 1 : 0;
done:
	output_abort(&out); /* after a failure; nothing left to do after a commit */
	nkg_writer_free(writer);
	nkg_store_free(store);
	nkg_reader_free(reader);
	nkg_extractor_free(ex);
	nkg_lexicon_free(lex);
	nkg_world_free(world);
	return rc;
}

int cmd_extract(int argc, char **argv)
{
	extract_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.format = "turtle";
	o.max_bytes = NKG_DEFAULT_MAX_ARTICLE_BYTES;
	/* No list can be longer than argv. */
	o.inputs = calloc((size_t)argc, sizeof *o.inputs);
	o.lexicons = calloc((size_t)argc, sizeof *o.lexicons);
	if (!o.inputs || !o.lexicons) {
		say("out of memory");
		rc = 1;
	} else if ((rc = parse_extract(argc, argv, &o)) == 0) {
		rc = run_extract(&o);
	} else if (rc < 0) {
		rc = 0; /* --help */
	}
	free(o.inputs);
	free(o.lexicons);
	return rc;
}
