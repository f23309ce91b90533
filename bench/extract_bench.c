/* nkg_extract_bench: what each stage of `newskg extract` costs.
 *
 *   nkg_extract_bench [-f FORMATS] [-j N] [-r RUNS] [-o DIR] INPUT...
 *
 * Runs the inputs (files, directories, JSON Lines, as newskg extract reads
 * them) through the pipeline cut after each stage, every cut in a fresh
 * child process, and reports per cut: wall and CPU seconds, articles/s,
 * MB/s of article text (wall and per CPU second), sentences/s,
 * statements/s and the child's peak RSS.  The cuts are cumulative:
 *
 *   read        the reader alone (files, JSON Lines, UTF-8 checks)
 *   floor       read + ICU normalisation of every article as a whole,
 *               through ICU's own API (u_strFromUTF8, unorm2_normalize
 *               with NFKC_Casefold, u_strToUTF8): "the corpus through ICU
 *               normalisation alone", the reference the last column
 *               divides by.  newskg's segment cut normalises ordinary
 *               words by table, without ICU, and may be cheaper
 *   segment     read + ICU sentences and words, each word normalised
 *               (newskg normalises word by word, inside segmentation:
 *               its table for ordinary letters, ICU for the rest)
 *   match       segment + the lexicon matched in every sentence
 *   rules       the whole per-article analysis (chunks, rules, incidents
 *               within the article)
 *   resolve     rules + the run's work: slugs, incidents across articles,
 *               counts (articles dropped after)
 *   write FMT   everything, written as FMT into a file in DIR (removed),
 *               with -j N analysis threads (default 1)
 *
 * MB is 10^6 bytes of article text as read (the "text" of each article;
 * titles, ids and JSON syntax not counted).  The lexicon is loaded before
 * the clock starts; its load time is reported once.  FORMATS is a comma
 * list (default ntriples,nquads,turtle; rdfxml, json and dot hold the
 * whole graph in memory and are for small corpora).  With -r RUNS every
 * cut runs once a round, RUNS rounds, and the run with the least CPU time
 * is reported: on a shared machine the least disturbed one.  The rounds
 * interleave the cuts so that the floor and the write cuts see the same
 * drift in the machine's speed; each write cut's wall time over the
 * floor's of the same round is summarised too (median and range).
 *
 * Exit status: 0, 1 when a stage failed, 2 on usage errors. */
/* fopencookie, for the FMT:null cuts */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "analyse.h"
#include "extract_impl.h"
#include "match.h"
#include "newskg/newskg.h"
#include "text.h"

#define MAX_FORMATS 8

typedef struct {
	const char *const *inputs;
	int n_inputs;
	const char *formats[MAX_FORMATS];
	int to_null[MAX_FORMATS]; /* FMT:null: counted, kept nowhere */
	int n_formats;
	unsigned jobs;
	int runs;
	const char *dir;
} options;

/* What a child sends back. */
typedef struct {
	int ok;
	double wall;
	unsigned long long articles, bytes, sentences, statements, out_bytes;
	double lexicon_seconds;
} counts;

typedef struct {
	nkg_world *world;
	nkg_lexicon *lex;
	nkg_segmenter *seg;
	nkg_reader *reader;
} setup;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void quiet_errors(void *handle, const nkg_error *e)
{
	(void)handle;
	(void)e;
}

static int setup_open(setup *s, const options *o, counts *c, int need_lexicon)
{
	double t0 = now();
	int i;

	memset(s, 0, sizeof *s);
	if (!(s->world = nkg_world_new(quiet_errors, NULL)) || !(s->seg = nkg_segmenter_new()) ||
	    !(s->reader = nkg_reader_new(s->world)))
		return -1;
	for (i = 0; i < o->n_inputs; i++)
		if (nkg_reader_add(s->reader, o->inputs[i]))
			return -1;
	if (need_lexicon && (!(s->lex = nkg_lexicon_new(s->world)) ||
	                     nkg_lexicon_load_default(s->lex)))
		return -1;
	c->lexicon_seconds = now() - t0;
	return 0;
}

static void setup_close(setup *s)
{
	nkg_reader_free(s->reader);
	nkg_lexicon_free(s->lex);
	nkg_segmenter_free(s->seg);
	nkg_world_free(s->world);
}

/* ---- the cuts ------------------------------------------------------------ */

typedef enum { CUT_READ, CUT_FLOOR, CUT_SEGMENT, CUT_MATCH, CUT_RULES } cut;

/* The floor: ICU alone, not newskg's normaliser (which skips ICU for
 * ordinary letters).  0, or -1 when ICU fails. */
static int icu_normalize(const char *utf8, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
	int32_t n16 = 0, n = 0, n8 = 0;
	UChar *u = NULL, *v = NULL;
	char *out = NULL;
	int rc = -1;

	if (U_FAILURE(err) || len > INT32_MAX / 4)
		return -1;
	u_strFromUTF8(NULL, 0, &n16, utf8, (int32_t)len, &err);
	err = U_ZERO_ERROR;
	if (!(u = malloc(((size_t)n16 + 1) * sizeof *u)))
		return -1;
	u_strFromUTF8(u, n16 + 1, NULL, utf8, (int32_t)len, &err);
	n = n16 * 3 + 16;
	if (U_SUCCESS(err) && (v = malloc((size_t)n * sizeof *v)))
		n = unorm2_normalize(nfkc_cf, u, n16, v, n, &err);
	if (v && U_SUCCESS(err) && (out = malloc((size_t)n * 3 + 1)))
		u_strToUTF8(out, n * 3 + 1, &n8, v, n, &err);
	if (out && U_SUCCESS(err))
		rc = 0;
	free(u);
	free(v);
	free(out);
	return rc;
}

static int per_article(setup *s, cut k, nkg_article *a, counts *c)
{
	nkg_text t;
	nkg_analysed an;
	size_t i, nm;
	nkg_match *m;

	switch (k) {
	case CUT_READ:
		return 0;
	case CUT_FLOOR:
		return icu_normalize(a->text, a->text_len);
	case CUT_SEGMENT:
	case CUT_MATCH:
		if (nkg_segment(s->seg, a->text, a->text_len, &t))
			return -1;
		c->sentences += t.n_sentences;
		for (i = 0; k == CUT_MATCH && i < t.n_sentences; i++) {
			if (nkg_match_tokens(s->lex, &t, t.sent_tok[i], t.sent_tok[i + 1], &m, &nm))
				return -1;
			free(m);
		}
		nkg_text_clear(&t);
		return 0;
	case CUT_RULES:
		if (nkg_analyse(s->seg, s->lex, NKG_DEFAULT_BASE, a, &an))
			return -1;
		c->sentences += an.doc->n_sentences;
		nkg_analysed_clear(&an);
		return 0;
	}
	return -1;
}

static int run_cut(const options *o, cut k, counts *c)
{
	setup s;
	nkg_article *a;
	nkg_status st;
	int rc = setup_open(&s, o, c, k >= CUT_MATCH);
	double t0 = now();

	while (!rc && (st = nkg_reader_next(s.reader, &a)) == NKG_SUCCESS) {
		c->articles++;
		c->bytes += a->text_len;
		rc = per_article(&s, k, a, c);
		nkg_article_free(a);
	}
	c->wall = now() - t0;
	setup_close(&s);
	return rc;
}

/* FMT:null cuts write into a stream that counts the bytes and keeps
 * none: newskg's own cost, without the file system's (writing a file
 * adds the kernel's copy into the page cache and, past the dirty limit,
 * waits for the disk). */
static ssize_t null_write(void *cookie, const char *buf, size_t len)
{
	(void)buf;
	*(unsigned long long *)cookie += len;
	return (ssize_t)len;
}

static FILE *null_open(unsigned long long *count)
{
	cookie_io_functions_t io = {NULL, null_write, NULL, NULL};
	*count = 0;
	return fopencookie(count, "w", io);
}

/* resolve, or write FMT when `format` is set (into a null stream with
 * `to_null`). */
static int run_extract(const options *o, const char *format, int to_null, counts *c)
{
	setup s;
	nkg_extractor *x = NULL;
	nkg_writer *w = NULL;
	nkg_run_options run;
	nkg_extract_stats st;
	FILE *out = NULL;
	unsigned long long null_bytes = 0;
	static char out_buf[1 << 18]; /* as newskg extract's own (src/cli/output.c) */
	char path[4096];
	struct stat sb;
	double t0;
	int rc = setup_open(&s, o, c, 1);

	snprintf(path, sizeof path, "%s/nkg-bench-%ld.%s", o->dir, (long)getpid(),
	         format ? format : "none");
	memset(&run, 0, sizeof run);
	run.jobs = format ? o->jobs : 1;
	if (!rc && !(x = nkg_extractor_new(s.world, s.lex, NULL)))
		rc = -1;
	if (!rc && format && (!(out = to_null ? null_open(&null_bytes) : fopen(path, "wb")) ||
	                      (nkg_format_streams(format) &&
	                       !(w = nkg_writer_new(s.world, format, NULL, out)))))
		rc = -1;
	if (out)
		setvbuf(out, out_buf, _IOFBF, sizeof out_buf);
	if (!rc && w)
		nkg_extractor_set_writer(x, w);
	else if (!rc && !format)
		nkg_extractor_set_discard(x, 1);
	t0 = now();
	if (!rc && nkg_extractor_run(x, s.reader, &run))
		rc = -1;
	if (!rc && w && nkg_writer_finish(w))
		rc = -1;
	if (!rc && format && !w && nkg_extractor_write(x, format, out))
		rc = -1;
	if (out && fclose(out))
		rc = -1;
	c->wall = now() - t0;
	if (x) {
		st = nkg_extractor_stats(x);
		c->articles = st.articles;
		c->sentences = st.sentences;
		c->statements = st.statements;
	}
	if (format && to_null)
		c->out_bytes = null_bytes;
	else if (format && stat(path, &sb) == 0)
		c->out_bytes = (unsigned long long)sb.st_size;
	if (format && !to_null)
		unlink(path);
	nkg_writer_free(w);
	nkg_extractor_free(x);
	setup_close(&s);
	return rc;
}

/* ---- children ------------------------------------------------------------- */

typedef struct {
	const char *name;
	counts c;
	double user, sys;
	long max_rss_kb;
} result;

static int child(const options *o, int which, int fd)
{
	counts c;
	int rc;

	memset(&c, 0, sizeof c);
	if (which <= CUT_RULES)
		rc = run_cut(o, (cut)which, &c);
	else if (which == CUT_RULES + 1)
		rc = run_extract(o, NULL, 0, &c);
	else
		rc = run_extract(o, o->formats[which - CUT_RULES - 2],
		                 o->to_null[which - CUT_RULES - 2], &c);
	c.ok = rc == 0;
	return write(fd, &c, sizeof c) == (ssize_t)sizeof c ? 0 : 1;
}

static int measure(const options *o, int which, result *r)
{
	int fds[2], status;
	struct rusage ru;
	pid_t pid;
	ssize_t n;

	if (pipe(fds))
		return -1;
	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		_exit(child(o, which, fds[1]));
	}
	close(fds[1]);
	n = read(fds[0], &r->c, sizeof r->c);
	close(fds[0]);
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	r->user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
	r->sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	r->max_rss_kb = ru.ru_maxrss;
	return n == (ssize_t)sizeof r->c && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	       r->c.ok ? 0 : -1;
}

static double cpu_of(const result *r)
{
	return r->user + r->sys;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* ---- report ----------------------------------------------------------------- */

static double per(double n, double s)
{
	return s > 0 ? n / s : 0;
}

static void report_line(const result *r, unsigned long long text_bytes, double floor_wall)
{
	double cpu = r->user + r->sys;
	double mb = (double)text_bytes / 1e6;

	printf("%-19s %8.2f %8.2f %10.0f %8.2f %9.2f %11.0f %12.0f %8.1f",
	       r->name, r->c.wall, cpu, per((double)r->c.articles, r->c.wall),
	       per(mb, r->c.wall), per(mb, cpu), per((double)r->c.sentences, r->c.wall),
	       per((double)r->c.statements, r->c.wall), (double)r->max_rss_kb / 1024);
	if (floor_wall > 0)
		printf(" %7.2f", r->c.wall / floor_wall);
	putchar('\n');
}

static int usage(void)
{
	fputs("usage: nkg_extract_bench [-f FORMATS] [-j N] [-r RUNS] [-o DIR] INPUT...\n"
	      "  -f FORMATS  comma list of output formats (default ntriples,nquads,turtle);\n"
	      "              FMT:null counts the output and keeps none (no file system)\n"
	      "  -j N        analysis threads of the write cuts (default 1)\n"
	      "  -r RUNS     rounds of every cut (round robin); the run with the least CPU\n"
	      "              time is shown, and the median ratio to the floor per round (default 1)\n"
	      "  -o DIR      where outputs are written and removed (default $TMPDIR or /tmp)\n",
	      stderr);
	return 2;
}

static int parse(int argc, char **argv, options *o, char *formats)
{
	int c;
	char *tok;

	memset(o, 0, sizeof *o);
	o->jobs = 1;
	o->runs = 1;
	o->dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	strcpy(formats, "ntriples,nquads,turtle");
	while ((c = getopt(argc, argv, "f:j:r:o:h")) != -1) {
		if (c == 'f' && strlen(optarg) < 255)
			strcpy(formats, optarg);
		else if (c == 'j' && atoi(optarg) > 0)
			o->jobs = (unsigned)atoi(optarg);
		else if (c == 'r' && atoi(optarg) > 0 && atoi(optarg) < 100)
			o->runs = atoi(optarg);
		else if (c == 'o')
			o->dir = optarg;
		else
			return -1;
	}
	for (tok = strtok(formats, ","); tok; tok = strtok(NULL, ",")) {
		char *colon = strchr(tok, ':');
		int to_null = colon && strcmp(colon, ":null") == 0;
		if (to_null)
			*colon = '\0';
		if (o->n_formats == MAX_FORMATS || !nkg_format_known(tok)) {
			fprintf(stderr, "nkg_extract_bench: unknown format '%s'\n", tok);
			return -1;
		}
		o->to_null[o->n_formats] = to_null;
		o->formats[o->n_formats++] = tok;
	}
	if (optind >= argc)
		return -1;
	o->inputs = (const char *const *)argv + optind;
	o->n_inputs = argc - optind;
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const cut_names[] = {"read", "floor (ICU)", "segment", "match",
	                                        "rules", "resolve"};
	enum { N_CUTS = sizeof cut_names / sizeof cut_names[0] };
	char formats[256], names[MAX_FORMATS][32];
	result r[N_CUTS + MAX_FORMATS];
	options o;
	int i, k, n, failed = 0, bad[N_CUTS + MAX_FORMATS] = {0};
	unsigned long long text_bytes = 0;
	double floor_wall = 0, wall_floor = 0, round_ratio[MAX_FORMATS][100];

	if (parse(argc, argv, &o, formats))
		return usage();
	n = N_CUTS + o.n_formats;
	for (i = 0; i < n; i++) {
		memset(&r[i], 0, sizeof r[i]);
		if (i < N_CUTS) {
			r[i].name = cut_names[i];
		} else {
			snprintf(names[i - N_CUTS], sizeof names[i - N_CUTS], "write %s%s",
			         o.formats[i - N_CUTS], o.to_null[i - N_CUTS] ? " (null)" : "");
			r[i].name = names[i - N_CUTS];
		}
	}
	/* Round robin: every cut once a round, so that each cut's best run
	 * and the floor's are drawn from the same minutes of a shared
	 * machine, whose speed drifts; the ratio of a write cut to the floor
	 * of the same round is kept too. */
	for (k = 0; k < o.runs; k++) {
		for (i = 0; i < n; i++) {
			result x = r[i];
			if (bad[i])
				continue;
			if (measure(&o, i, &x)) {
				bad[i] = 1;
				continue;
			}
			if (k == 0 || cpu_of(&x) < cpu_of(&r[i]))
				r[i] = x;
			if (i >= N_CUTS && !bad[1] && wall_floor > 0)
				round_ratio[i - N_CUTS][k] = x.c.wall / wall_floor;
			if (i == 1)
				wall_floor = x.c.wall;
		}
		if (o.runs > 1)
			fprintf(stderr, "nkg_extract_bench: round %d of %d done\n", k + 1, o.runs);
	}
	printf("%-19s %8s %8s %10s %8s %9s %11s %12s %8s %7s\n", "stage", "wall s", "cpu s",
	       "articles/s", "MB/s", "MB/s/cpu", "sentences/s", "statements/s", "RSS MB",
	       "/floor");
	text_bytes = r[0].c.bytes;
	floor_wall = bad[1] ? 0 : r[1].c.wall;
	for (i = 0; i < n; i++) {
		if (bad[i]) {
			printf("%-19s failed\n", r[i].name);
			failed = 1;
			continue;
		}
		report_line(&r[i], text_bytes, i >= 1 ? floor_wall : 0);
	}
	printf("\ncorpus: %llu articles, %.2f MB of article text, %llu sentences; lexicon load %.3f s;"
	       " analysis threads in write cuts: %u; best of %d runs, round robin\n",
	       r[0].c.articles, (double)text_bytes / 1e6, r[CUT_RULES].c.sentences,
	       r[CUT_MATCH].c.lexicon_seconds,
	       o.jobs, o.runs);
	for (i = N_CUTS; i < n; i++) {
		printf("%s: %llu statements, %.1f MB of output", r[i].name, r[i].c.statements,
		       (double)r[i].c.out_bytes / 1e6);
		if (o.runs > 1 && !bad[i] && !bad[1]) {
			double *v = round_ratio[i - N_CUTS];
			qsort(v, (size_t)o.runs, sizeof *v, cmp_double);
			printf("; /floor within each round: median %.2f, %.2f to %.2f",
			       o.runs % 2 ? v[o.runs / 2] : (v[o.runs / 2 - 1] + v[o.runs / 2]) / 2,
			       v[0], v[o.runs - 1]);
		}
		putchar('\n');
	}
	return failed;
}
