/* nkg_store_bench: load rate and query latency, sqlite store against memory.
 *
 *   nkg_store_bench [options] DATA.nq QUERY.rq...
 *
 * Loads DATA (N-Quads, as newskg writes it) into a fresh "sqlite:" store in
 * one transaction, then into a "memory" store (Redland hashes), and reports
 * statements, seconds and statements per second for each.  Then runs every
 * query RUNS times on each store (results as TSV into a temporary file),
 * checks that both stores gave the same answer, and prints per query the
 * rows, the median and minimum latency on each store and the ratio of the
 * medians.  Peak RSS (getrusage) closes the report.
 *
 * Options:
 *   -n RUNS     runs per query and store (default 3)
 *   -d DIR      directory for the sqlite file (default $TMPDIR or /tmp);
 *               the file is new and removed at the end
 *   -k          keep the sqlite file (its path is printed)
 *   -s SECONDS  a query slower than this on a store is not repeated on it
 *               (default 60)
 *   -T SECONDS  a query run longer than this is stopped and reported as
 *               ">SECONDS", and the bench goes on; a load longer than this
 *               stops the bench (exit 3); 0 = no limit (default 1800)
 *   -o DIR      write each query's results to DIR/NAME.sqlite.tsv and
 *               DIR/NAME.memory.tsv
 *
 * Each query run happens in a child process (fork after the loads), which
 * times itself and sends the time back: so a run past -T can be stopped
 * without losing the stores, and the parent's waiting is not timed.
 *
 * Exit status: 0 when everything ran and both stores agreed, 1 when a
 * query failed, timed out or the stores disagreed, 2 on usage errors, 3
 * when a load timed out.
 *
 * Only newskg's public API is used (plus Redland's version strings). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <redland.h>

#include "newskg/query.h"
#include "newskg/store.h"
#include "newskg/world.h"

#define MAX_RUNS 99

typedef struct {
	const char *path;
	const char *name;   /* basename without .rq */
	char *text;
	/* per store: 0 sqlite, 1 memory */
	double times[2][MAX_RUNS];
	int runs[2];
	int failed[2];
	int timed_out[2];
	char *result[2];    /* first run's output */
	size_t result_len[2];
	long rows;
	const char *verdict;
} bench_query;

typedef struct {
	unsigned long errors;
} reporter;

static const char *const store_names[2] = {"sqlite", "memory"};

/* What the alarm handler says; set before each timed step. */
static char alarm_message[512];
/* The sqlite file, removed when the program is stopped (unless -k). */
static char sqlite_path[4096];
static volatile sig_atomic_t keep_file;

static void remove_store_file(void)
{
	char journal[4096 + 16];
	size_t n = strlen(sqlite_path);

	if (keep_file || !n)
		return;
	unlink(sqlite_path);
	memcpy(journal, sqlite_path, n);
	memcpy(journal + n, "-journal", sizeof "-journal");
	unlink(journal);
}

static void on_alarm(int sig)
{
	ssize_t ignored;

	(void)sig;
	ignored = write(STDERR_FILENO, alarm_message, strlen(alarm_message));
	(void)ignored;
	remove_store_file();
	_exit(3);
}

static void on_stop(int sig)
{
	remove_store_file();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_error(void *handle, const nkg_error *e)
{
	reporter *r = handle;

	r->errors++;
	fprintf(stderr, "nkg_store_bench: %s%s", e->file ? e->file : "",
	        e->file ? ": " : "");
	if (e->line)
		fprintf(stderr, "line %lu: ", (unsigned long)e->line);
	fprintf(stderr, "%s (%s)\n", e->message, nkg_strerror(e->status));
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Peak resident set so far, in MiB (ru_maxrss is in KiB on Linux). */
static double peak_rss_mib(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0.0;
	return (double)ru.ru_maxrss / 1024.0;
}

/* Current resident set in MiB, from /proc (0 when unavailable). */
static double current_rss_mib(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size = 0, resident = 0;
	long page = sysconf(_SC_PAGESIZE);

	if (!f)
		return 0.0;
	if (fscanf(f, "%lu %lu", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return (double)resident * (double)(page > 0 ? page : 4096) / 1048576.0;
}

static void set_alarm(unsigned int seconds, const char *what, const char *store)
{
	if (!seconds)
		return;
	snprintf(alarm_message, sizeof alarm_message,
	         "nkg_store_bench: %s on %s took more than %u s (-T); giving up\n",
	         what, store, seconds);
	alarm(seconds);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *grown;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			if (!(grown = realloc(buf, cap))) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static const char *query_name(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t n = strlen(base);

	if (n > 3 && strcmp(base + n - 3, ".rq") == 0)
		n -= 3;
	if (n >= size)
		n = size - 1;
	memcpy(buf, base, n);
	buf[n] = '\0';
	return buf;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(const double *v, int n)
{
	double s[MAX_RUNS];

	if (n <= 0)
		return 0.0;
	memcpy(s, v, (size_t)n * sizeof *v);
	qsort(s, (size_t)n, sizeof *s, cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
}

static double minimum(const double *v, int n)
{
	double m = n > 0 ? v[0] : 0.0;
	int i;

	for (i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

/* ---- loading ------------------------------------------------------------ */

typedef struct {
	int ok;
	size_t statements, graphs, size;
	double seconds, rss_after, peak_after;
} load_result;

static nkg_store *load(nkg_world *world, const char *spec, const char *data,
                       unsigned int hard_limit, load_result *res)
{
	nkg_store *store = NULL;
	nkg_load_stats stats = {0, 0};
	double t0;
	nkg_status rc;

	memset(res, 0, sizeof *res);
	if (nkg_store_open(world, spec, &store) != NKG_SUCCESS)
		return NULL;
	set_alarm(hard_limit, "loading", spec);
	t0 = now();
	rc = nkg_store_begin(store);
	if (rc == NKG_SUCCESS) {
		rc = nkg_store_load_file(store, data, "nquads", NULL, &stats);
		if (rc == NKG_SUCCESS)
			rc = nkg_store_commit(store);
		else
			nkg_store_rollback(store);
	}
	res->seconds = now() - t0;
	alarm(0);
	if (rc != NKG_SUCCESS) {
		fprintf(stderr, "nkg_store_bench: loading %s into %s failed: %s\n",
		        data, spec, nkg_strerror(rc));
		nkg_store_free(store);
		return NULL;
	}
	res->ok = 1;
	res->statements = stats.statements;
	res->graphs = stats.graphs;
	res->size = nkg_store_size(store);
	res->rss_after = current_rss_mib();
	res->peak_after = peak_rss_mib();
	return store;
}

static void print_load(const char *name, const load_result *r)
{
	if (!r->ok) {
		printf("%-8s  FAILED\n", name);
		return;
	}
	printf("%-8s %11lu %8lu %11lu %9.2f %12.0f %9.0f %9.0f\n", name,
	       (unsigned long)r->statements, (unsigned long)r->graphs,
	       (unsigned long)r->size, r->seconds,
	       r->seconds > 0 ? (double)r->statements / r->seconds : 0.0,
	       r->rss_after, r->peak_after);
}

/* ---- querying ----------------------------------------------------------- */

static long count_rows(const char *buf, size_t len)
{
	long lines = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			lines++;
	if (len && buf[len - 1] != '\n')
		lines++;
	/* a TSV result starts with its header line (?var...) */
	if (len && buf[0] == '?')
		lines--;
	return lines;
}

/* One run of `q` in a child process, its results written to `out`.
 * Returns 0 with the child's own timing in *t, 1 when it ran past `limit`
 * seconds (0: no limit) and was killed, -1 when it failed. */
static int run_forked(nkg_store *store, const bench_query *q, FILE *out,
                      unsigned int limit, double *t)
{
	int fd[2], status = 0;
	double t0, got = 0.0;
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (fflush(out) || pipe(fd))
		return -1;
	if ((pid = fork()) < 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		nkg_status rc;
		close(fd[0]);
		t0 = now();
		rc = nkg_query_run(store, q->text, q->path, "tsv", out);
		got = now() - t0;
		if (rc != NKG_SUCCESS || fflush(out) ||
		    write(fd[1], &got, sizeof got) != (ssize_t)sizeof got)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	t0 = now();
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (limit && now() - t0 > (double)limit) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			close(fd[0]);
			return 1;
		}
		usleep(5000); /* the child times itself; this wait is not measured */
	}
	n = read(fd[0], &got, sizeof got);
	close(fd[0]);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || n != (ssize_t)sizeof got)
		return -1;
	*t = got;
	return 0;
}

/* Runs `q` on `store` (index `s`) up to `runs` times; the first run's
 * output is kept.  Returns 0 (also when a run was stopped at `limit`), or
 * -1 when the query failed. */
static int run_query(nkg_store *store, int s, bench_query *q, int runs,
                     double slow, unsigned int limit)
{
	FILE *out = tmpfile();
	double t = 0.0;
	long size;
	int i, r;

	if (!out) {
		fprintf(stderr, "nkg_store_bench: cannot make a temporary file: %s\n",
		        strerror(errno));
		return -1;
	}
	for (i = 0; i < runs; i++) {
		if (fflush(out) || ftruncate(fileno(out), 0)) {
			fprintf(stderr, "nkg_store_bench: cannot reuse the temporary file\n");
			fclose(out);
			return -1;
		}
		rewind(out);
		r = run_forked(store, q, out, limit, &t);
		if (r < 0) {
			fprintf(stderr, "nkg_store_bench: %s on %s failed\n", q->name,
			        store_names[s]);
			fclose(out);
			return -1;
		}
		q->runs[s] = i + 1;
		if (r > 0) {
			fprintf(stderr, "nkg_store_bench: %s on %s stopped after %u s (-T)\n",
			        q->name, store_names[s], limit);
			q->times[s][i] = (double)limit;
			q->timed_out[s] = 1;
			break;
		}
		q->times[s][i] = t;
		if (i == 0) {
			if (fseek(out, 0, SEEK_END) || (size = ftell(out)) < 0 ||
			    !(q->result[s] = malloc((size_t)size + 1))) {
				fclose(out);
				return -1;
			}
			rewind(out);
			if (fread(q->result[s], 1, (size_t)size, out) != (size_t)size) {
				fclose(out);
				return -1;
			}
			q->result[s][size] = '\0';
			q->result_len[s] = (size_t)size;
		}
		if (t > slow)
			break; /* a slow query is timed once */
	}
	fclose(out);
	return 0;
}

/* Splits a copy of `buf` into sorted lines; compares as multisets. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **sorted_lines(const char *buf, size_t len, size_t *n, char **copy)
{
	size_t i, k = 0, count = 0;
	char **lines;

	*copy = malloc(len + 1);
	if (!*copy)
		return NULL;
	memcpy(*copy, buf, len);
	(*copy)[len] = '\0';
	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			count++;
	lines = malloc((count + 1) * sizeof *lines);
	if (!lines) {
		free(*copy);
		return NULL;
	}
	lines[k++] = *copy;
	for (i = 0; i < len; i++) {
		if ((*copy)[i] == '\n') {
			(*copy)[i] = '\0';
			if (i + 1 < len)
				lines[k++] = *copy + i + 1;
		}
	}
	qsort(lines, k, sizeof *lines, cmp_str);
	*n = k;
	return lines;
}

static int same_rows(const bench_query *q)
{
	char *ca = NULL, *cb = NULL;
	size_t na = 0, nb = 0, i;
	char **a = sorted_lines(q->result[0], q->result_len[0], &na, &ca);
	char **b = sorted_lines(q->result[1], q->result_len[1], &nb, &cb);
	int same = a && b && na == nb;

	for (i = 0; same && i < na; i++)
		same = strcmp(a[i], b[i]) == 0;
	free(a);
	free(b);
	free(ca);
	free(cb);
	return same;
}

static void compare(bench_query *q)
{
	if (q->failed[0] || q->failed[1]) {
		q->verdict = "FAILED";
		return;
	}
	if (q->timed_out[0] || q->timed_out[1]) {
		q->verdict = "TIMEOUT";
		q->rows = q->result[1] ? count_rows(q->result[1], q->result_len[1])
		        : q->result[0] ? count_rows(q->result[0], q->result_len[0]) : -1;
		return;
	}
	q->rows = count_rows(q->result[0], q->result_len[0]);
	if (q->result_len[0] == q->result_len[1] &&
	    memcmp(q->result[0], q->result[1], q->result_len[0]) == 0)
		q->verdict = "same";
	else if (same_rows(q))
		q->verdict = "order"; /* same rows, another order */
	else
		q->verdict = "MISMATCH";
}

static void save_results(const char *dir, const bench_query *q)
{
	char path[4096];
	FILE *f;
	int s;

	for (s = 0; s < 2; s++) {
		if (!q->result[s])
			continue;
		snprintf(path, sizeof path, "%s/%s.%s.tsv", dir, q->name, store_names[s]);
		if (!(f = fopen(path, "wb"))) {
			fprintf(stderr, "nkg_store_bench: %s: %s\n", path, strerror(errno));
			continue;
		}
		fwrite(q->result[s], 1, q->result_len[s], f);
		if (fclose(f))
			fprintf(stderr, "nkg_store_bench: %s: %s\n", path, strerror(errno));
	}
}

/* ">N": at least N, for a run stopped at the limit. */
static const char *over(char *buf, size_t size, double v)
{
	snprintf(buf, size, ">%.0f", v);
	return buf;
}

static void print_query(const bench_query *q)
{
	char buf[32];
	double med[2], mn[2];
	int s;

	for (s = 0; s < 2; s++) {
		med[s] = median(q->times[s], q->runs[s]);
		mn[s] = minimum(q->times[s], q->runs[s]);
	}
	printf("%-28s %7ld", q->name, q->rows);
	for (s = 0; s < 2; s++) {
		if (q->failed[s])
			printf("  %9s %9s %2s", "failed", "", "");
		else if (q->timed_out[s])
			printf("  %9s %9s %2d", over(buf, sizeof buf, q->times[s][q->runs[s] - 1]),
			       "", q->runs[s]);
		else
			printf("  %9.3f %9.3f %2d", med[s], mn[s], q->runs[s]);
	}
	if (q->timed_out[0] && !q->timed_out[1] && !q->failed[1] && med[1] > 0)
		printf(" %9s", over(buf, sizeof buf, q->times[0][q->runs[0] - 1] / med[1]));
	else if (!q->failed[0] && !q->failed[1] && !q->timed_out[0] && !q->timed_out[1] &&
	         med[1] > 0)
		printf(" %9.1f", med[0] / med[1]);
	else
		printf(" %9s", "-");
	printf("  %s\n", q->verdict);
	fflush(stdout);
}

/* ---- main --------------------------------------------------------------- */

static void usage(void)
{
	fputs("usage: nkg_store_bench [-n RUNS] [-d DIR] [-k] [-s SECONDS] [-T SECONDS]\n"
	      "                       [-o DIR] DATA.nq QUERY.rq...\n", stderr);
	exit(2);
}

static long number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	int runs = 3, keep = 0, opt, i, s, bad = 0, nq;
	double slow = 60.0;
	unsigned int hard_limit = 1800;
	const char *dir = getenv("TMPDIR"), *out_dir = NULL, *data;
	char spec[4200], name[256];
	reporter rep = {0};
	nkg_world *world;
	nkg_store *stores[2] = {NULL, NULL};
	load_result loads[2];
	bench_query *queries;
	struct stat st;
	double t_start = now();

	while ((opt = getopt(argc, argv, "n:d:ks:T:o:")) != -1) {
		switch (opt) {
		case 'n': runs = (int)number(optarg, 1, MAX_RUNS); break;
		case 'd': dir = optarg; break;
		case 'k': keep = 1; keep_file = 1; break;
		case 's': slow = (double)number(optarg, 0, 1000000); break;
		case 'T': hard_limit = (unsigned int)number(optarg, 0, 1000000); break;
		case 'o': out_dir = optarg; break;
		default: usage();
		}
	}
	if (argc - optind < 2)
		usage();
	data = argv[optind];
	nq = argc - optind - 1;
	if (!dir || !*dir)
		dir = "/tmp";
	if (stat(data, &st) != 0) {
		fprintf(stderr, "nkg_store_bench: %s: %s\n", data, strerror(errno));
		return 2;
	}
	signal(SIGALRM, on_alarm);
	signal(SIGINT, on_stop);
	signal(SIGTERM, on_stop);

	if (!(queries = calloc((size_t)nq, sizeof *queries)))
		return 1;
	for (i = 0; i < nq; i++) {
		queries[i].path = argv[optind + 1 + i];
		queries[i].name = strdup(query_name(queries[i].path, name, sizeof name));
		queries[i].text = read_file(queries[i].path, NULL);
		if (!queries[i].name || !queries[i].text) {
			fprintf(stderr, "nkg_store_bench: %s: cannot read: %s\n",
			        queries[i].path, strerror(errno));
			return 2;
		}
	}

	snprintf(spec, sizeof spec, "%s/nkg_store_bench.%ld.sqlite", dir, (long)getpid());
	if (access(spec, F_OK) == 0) {
		fprintf(stderr, "nkg_store_bench: %s exists already\n", spec);
		return 2;
	}
	if (strlen(spec) >= sizeof sqlite_path) {
		fprintf(stderr, "nkg_store_bench: %s: path too long\n", dir);
		return 2;
	}
	strcpy(sqlite_path, spec);
	snprintf(spec, sizeof spec, "sqlite:%s", sqlite_path);

	if (!(world = nkg_world_new(on_error, &rep))) {
		fprintf(stderr, "nkg_store_bench: cannot start Redland\n");
		return 1;
	}

	printf("newskg store benchmark\n");
	printf("data       %s (%.1f MiB)\n", data, (double)st.st_size / 1048576.0);
	printf("libraries  redland %s, raptor %s, rasqal %s\n", librdf_version_string,
	       raptor_version_string, rasqal_version_string);
	printf("runs       %d per query and store (a run over %.0f s is not repeated)\n",
	       runs, slow);
	printf("sqlite     %s\n", sqlite_path);
	printf("memory     Redland hashes in memory, contexts, predicates indexed\n\n");

	printf("load     %11s %8s %11s %9s %12s %9s %9s\n", "statements", "graphs",
	       "store size", "seconds", "statements/s", "RSS MiB", "peak MiB");
	fflush(stdout);
	stores[0] = load(world, spec, data, hard_limit, &loads[0]);
	print_load("sqlite", &loads[0]);
	fflush(stdout);
	stores[1] = load(world, "memory", data, hard_limit, &loads[1]);
	print_load("memory", &loads[1]);
	if (stat(sqlite_path, &st) == 0)
		printf("sqlite file: %.1f MiB\n", (double)st.st_size / 1048576.0);
	for (s = 0; s < 2; s++) {
		if (!stores[s]) {
			bad = 1;
		} else if (loads[s].size != loads[s].statements) {
			printf("WARNING: %s holds %lu statements after adding %lu\n",
			       store_names[s], (unsigned long)loads[s].size,
			       (unsigned long)loads[s].statements);
			bad = 1;
		}
	}
	if (stores[0] && stores[1] && loads[0].statements != loads[1].statements) {
		printf("WARNING: the stores loaded different numbers of statements\n");
		bad = 1;
	}
	printf("\n");

	printf("%-28s %7s  %9s %9s %2s  %9s %9s %2s %9s  %s\n", "query (seconds)",
	       "rows", "sqlite", "min", "n", "memory", "min", "n", "sql/mem", "results");
	printf("%-28s %7s  %9s %9s %2s  %9s %9s %2s %9s\n", "", "", "median", "", "",
	       "median", "", "", "ratio");
	fflush(stdout);
	for (i = 0; i < nq && stores[0] && stores[1]; i++) {
		bench_query *q = &queries[i];

		for (s = 0; s < 2; s++)
			q->failed[s] = run_query(stores[s], s, q, runs, slow, hard_limit) != 0;
		compare(q);
		print_query(q);
		if (out_dir)
			save_results(out_dir, q);
		if (strcmp(q->verdict, "same") && strcmp(q->verdict, "order"))
			bad = 1;
	}
	for (i = 0; i < nq; i++) {
		const char *v = queries[i].verdict;

		if (v && strcmp(v, "MISMATCH") == 0)
			printf("\n*** MISMATCH: %s gives different results on sqlite and "
			       "memory%s ***\n", queries[i].name,
			       out_dir ? " (see -o files)" : " (rerun with -o DIR to compare)");
		else if (v && strcmp(v, "order") == 0)
			printf("\nnote: %s gives the same rows in another order on the two "
			       "stores (its ORDER BY leaves ties)\n", queries[i].name);
	}
	printf("\npeak RSS   %.0f MiB (both stores loaded at once)\n", peak_rss_mib());
	printf("total      %.1f s\n", now() - t_start);
	if (rep.errors)
		printf("errors     %lu reported by newskg (see stderr)\n", rep.errors);

	for (s = 0; s < 2; s++)
		nkg_store_free(stores[s]);
	nkg_world_free(world);
	if (keep)
		printf("kept       %s\n", sqlite_path);
	else
		remove_store_file();
	for (i = 0; i < nq; i++) {
		free((char *)queries[i].name);
		free(queries[i].text);
		free(queries[i].result[0]);
		free(queries[i].result[1]);
	}
	free(queries);
	return bad ? 1 : 0;
}
