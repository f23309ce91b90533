/* newskg: the command-line tool, a thin layer over the library.
 *
 * Exit status (DESIGN.md): 0 success; 1 when some input was bad but the
 * rest was processed and written, or when the output could not be
 * written; 2 on usage errors.  Every error is one line on stderr:
 *   newskg: FILE:LINE: byte N: message
 * with the parts that are unknown left out. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "newskg/newskg.h"

#define PROG "newskg"

/* ---- messages -------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void say(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A usage error: one line and a pointer to the help.  Returns 2. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int usage_error(const char *help_cmd, const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see '" PROG "%s%s --help')\n", help_cmd ? " " : "",
	        help_cmd ? help_cmd : "");
	return 2;
}

typedef struct {
	int quiet;
} report_state;

/* The world's error callback: one line per error. */
static void print_error(void *handle, const nkg_error *e)
{
	const report_state *rs = handle;
	const char *file = e->file;

	if (rs && rs->quiet)
		return;
	fputs(PROG ": ", stderr);
	if (file)
		fputs(strcmp(file, "-") == 0 ? "<stdin>" : file, stderr);
	if (e->line > 0)
		fprintf(stderr, "%s%zu", file ? ":" : "line ", e->line);
	if (file || e->line > 0)
		fputs(": ", stderr);
	if (e->offset != NKG_NO_OFFSET)
		fprintf(stderr, "byte %zu: ", e->offset);
	fprintf(stderr, "%s\n", e->message);
}

/* ---- output: temp file and rename ------------------------------------ */

/* Where the graph goes.  A regular file (or a new one) is written to a
 * temporary file beside it and renamed over it only once everything is on
 * disk, so a failed run never leaves it half-written.  Anything else that
 * exists (a device such as /dev/stdout or /dev/full, a FIFO) is written
 * directly: there is nothing to rename over, and replacing a device node
 * by a file would be wrong. */
typedef struct {
	const char *path; /* as given; NULL for stdout */
	char *target;     /* what gets replaced: path, or a symlink's target */
	char *tmp;        /* temporary file, or NULL when writing directly */
	FILE *f;
} output;

/* The temporary file being written, for the signal handler: an
 * interrupted run must not leave it behind.  (The CLI may keep process
 * state; the library may not.) */
static const char *volatile pending_tmp;

static void on_fatal_signal(int sig)
{
	if (pending_tmp)
		unlink(pending_tmp); /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void watch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The mode a new file gets: what open(2) with 0666 would give. */
static mode_t default_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/* Opens the temporary file next to o->target. */
static int output_open_tmp(output *o, mode_t mode)
{
	const char *slash = strrchr(o->target, '/');
	size_t dir_len = slash ? (size_t)(slash - o->target) + 1 : 0;
	const char *base = o->target + dir_len;
	int fd;

	if (!(o->tmp = malloc(dir_len + strlen(base) + 16)))
		return 0;
	sprintf(o->tmp, "%.*s.%s.XXXXXX", (int)dir_len, o->target, base);
	if ((fd = mkstemp(o->tmp)) < 0) {
		say("cannot create a temporary file for '%s': %s", o->path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return 0;
	}
	if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "wb"))) {
		say("cannot write '%s': %s", o->tmp, strerror(errno));
		close(fd);
		unlink(o->tmp);
		return 0;
	}
	pending_tmp = o->tmp;
	watch_signals();
	return 1;
}

/* Prints its own error; returns 1 when the output is ready. */
static int output_open(output *o, const char *path)
{
	struct stat st;

	memset(o, 0, sizeof *o);
	o->path = path;
	if (!path) {
		o->f = stdout;
		return 1;
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		o->target = realpath(path, NULL); /* replace the file, keep the link */
	if (!o->target && !(o->target = strdup(path))) {
		say("out of memory");
		return 0;
	}
	if (stat(o->target, &st) != 0)
		return output_open_tmp(o, default_mode());
	if (S_ISDIR(st.st_mode)) {
		say("cannot write '%s': %s", path, strerror(EISDIR));
		return 0;
	}
	if (S_ISREG(st.st_mode))
		return output_open_tmp(o, st.st_mode & 07777);
	if (!(o->f = fopen(o->target, "wb"))) {
		say("cannot write '%s': %s", path, strerror(errno));
		return 0;
	}
	return 1;
}

/* Drops a failed output: the temporary file goes, the target is left as
 * it was. */
static void output_abort(output *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	pending_tmp = NULL;
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	memset(o, 0, sizeof *o);
}

/* Flushes everything to disk and puts the file in place; every step is
 * checked, since a full disk often shows only at fflush, fsync or fclose.
 * Prints its own error; returns 1 on success. */
static int output_commit(output *o)
{
	const char *name = o->path ? o->path : "standard output";
	int err = 0;

	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		err = errno ? errno : EIO;
	else if (o->tmp && fsync(fileno(o->f)) != 0)
		err = errno;
	if (o->f != stdout) {
		if (fclose(o->f) != 0 && !err)
			err = errno;
		o->f = NULL;
	}
	if (!err && o->tmp && rename(o->tmp, o->target) != 0)
		err = errno;
	pending_tmp = NULL;
	if (err) {
		say("cannot write '%s': %s", name, strerror(err));
		output_abort(o);
		return 0;
	}
	free(o->tmp);
	free(o->target);
	memset(o, 0, sizeof *o);
	return 1;
}

/* ---- extract --------------------------------------------------------- */

typedef struct {
	const char *format, *output, *base;
	const char **lexicons, **inputs;
	size_t n_lexicons, n_inputs;
	int explain, quiet;
	size_t max_bytes;
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
	      "      --base IRI           namespace of the instances (default " NKG_DEFAULT_BASE ")\n"
	      "      --lexicon FILE.ttl   add a lexicon file (repeatable) to the shipped one\n"
	      "      --explain            print each fact with its rule and sentence\n"
	      "                           to stdout instead of the graph\n"
	      "      --max-article-bytes N  refuse larger articles (K, M, G suffixes;\n"
	      "                           default 16M)\n"
	      "  -q, --quiet              do not print messages about bad inputs\n"
	      "  -h, --help               show this help\n"
	      "\n"
	      "Exit status: 0 success, 1 some input was bad (the rest was written) or\n"
	      "the output could not be written, 2 usage error.\n", stdout);
}

/* Parses N with an optional K, M or G (binary) suffix; 0 when invalid. */
static size_t parse_size(const char *s)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	if (!s || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return 0;
	if (*end == 'K' || *end == 'k')
		shift = 10, end++;
	else if (*end == 'M' || *end == 'm')
		shift = 20, end++;
	else if (*end == 'G' || *end == 'g')
		shift = 30, end++;
	if (*end || v > ((unsigned long long)(size_t)-1 >> shift))
		return 0;
	return (size_t)(v << shift);
}

/* Matches argv[*i] against an option taking a value: "-f X", "-fX",
 * "--format X", "--format=X".  Returns 1 with *val, 0 when it is another
 * option, -1 when the value is missing. */
static int opt_value(char **argv, int argc, int *i, const char *shrt,
                     const char *lng, const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(lng);

	if (shrt && strncmp(a, shrt, 2) == 0 && a[2]) {
		*val = a + 2;
		return 1;
	}
	if (strncmp(a, lng, n) == 0 && a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (!((shrt && strcmp(a, shrt) == 0) || strcmp(a, lng) == 0))
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

/* Returns 0 when parsed, 2 on a usage error (printed), -1 after --help. */
static int parse_extract(int argc, char **argv, extract_opts *o)
{
	static const struct {
		const char *shrt, *lng;
	} valued[] = {{"-f", "--format"}, {"-o", "--output"}, {NULL, "--base"},
	              {NULL, "--lexicon"}, {NULL, "--max-article-bytes"}};
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
		for (k = 0, r = 0; k < 5 && !r; k++)
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
		default:
			if (!(o->max_bytes = parse_size(val)))
				return usage_error("extract", "bad --max-article-bytes '%s': a positive number of bytes, optionally with K, M or G", val);
		}
	}
	if (!nkg_format_known(o->format))
		return usage_error("extract", "unknown format '%s' (turtle, ntriples, nquads, rdfxml, json, dot)", o->format);
	if (o->base && !*o->base)
		return usage_error("extract", "--base needs a non-empty IRI");
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

/* Feeds every article to the extractor.  Returns 0 when all was read
 * well, 1 when some input was bad, -1 on a fatal error (printed). */
static int read_inputs(nkg_reader *reader, nkg_extractor *ex,
                       const extract_opts *o)
{
	nkg_article *a;
	nkg_status st;
	size_t i;
	int bad = 0;

	for (i = 0; i < o->n_inputs; i++)
		if (nkg_reader_add(reader, o->inputs[i]) != NKG_SUCCESS) {
			say("out of memory");
			return -1;
		}
	if (o->n_inputs == 0 && nkg_reader_add(reader, "-") != NKG_SUCCESS) {
		say("out of memory");
		return -1;
	}
	while ((st = nkg_reader_next(reader, &a)) == NKG_SUCCESS) {
		/* The extractor reports its own errors; only count them here. */
		st = nkg_extractor_add(ex, a);
		nkg_article_free(a);
		if (st == NKG_ERR_NOMEM)
			break;
		if (st != NKG_SUCCESS)
			bad = 1;
	}
	if (st != NKG_END) {
		say("%s", nkg_strerror(st));
		return -1;
	}
	return bad || nkg_reader_errors(reader) > 0;
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

static int run_extract(const extract_opts *o)
{
	report_state rs = {o->quiet};
	nkg_world *world = nkg_world_new(print_error, &rs);
	nkg_lexicon *lex = world ? nkg_lexicon_new(world) : NULL;
	nkg_extractor *ex = NULL;
	nkg_reader *reader = NULL;
	output out;
	int rc = 1, bad;

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
	/* Opened first so that a bad -o fails before a long run, not after. */
	if ((!o->explain || o->output) && !output_open(&out, o->output))
		goto done;
	if ((bad = read_inputs(reader, ex, o)) < 0 || write_result(ex, o, &out) != 0)
		goto done;
	if (out.f && !output_commit(&out))
		goto done;
	rc = bad ? 1 : 0;
done:
	output_abort(&out); /* after a failure; nothing left to do after a commit */
	nkg_reader_free(reader);
	nkg_extractor_free(ex);
	nkg_lexicon_free(lex);
	nkg_world_free(world);
	return rc;
}

static int cmd_extract(int argc, char **argv)
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

/* ---- commands -------------------------------------------------------- */

/* Planned commands have no function yet; adding one is adding a row. */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"extract", cmd_extract, "articles to an RDF knowledge graph"},
	{"query", NULL, "SPARQL over graphs"},
	{"load", NULL, "load graphs into a persistent store"},
	{"push", NULL, "send graphs to a SPARQL server"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void main_help(void)
{
	size_t i;

	fputs("Usage: " PROG " COMMAND [OPTION]... [ARG]...\n"
	      "Arabic news about cyber incidents to an RDF knowledge graph.\n\n"
	      "Commands:\n", stdout);
	for (i = 0; i < N_COMMANDS; i++)
		printf("  %-9s %s%s\n", commands[i].name, commands[i].summary,
		       commands[i].run ? "" : " (not available in this version)");
	fputs("\n  " PROG " COMMAND --help   options of a command\n"
	      "  " PROG " --version        version\n", stdout);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	size_t i;

	if (!cmd)
		return usage_error(NULL, "no command given");
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		main_help();
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf(PROG " %s\n", NKG_VERSION);
		return 0;
	}
	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(cmd, commands[i].name) != 0)
			continue;
		if (!commands[i].run) {
			say("'%s' is not available in this version", cmd);
			return 2;
		}
		return commands[i].run(argc - 1, argv + 1);
	}
	if (cmd[0] == '-')
		return usage_error(NULL, "unknown option '%s'", cmd);
	return usage_error(NULL, "unknown command '%s'", cmd);
}
