/* nkg_extractor_run on threads: every run ends without waiting on a
 * clock.  The calling thread sleeps until a worker finishes the slot it
 * needs, or until the next progress call; with the progress interval set
 * to days, a wake-up lost between a worker and the calling thread turns
 * into a run that never ends (ctest's timeout fails it) rather than one
 * that is a second slow now and then, as it once was. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "newskg/newskg.h"

static void on_error(void *handle, const nkg_error *err)
{
	(void)handle;
	(void)err;
}

static void on_progress(void *handle, const nkg_progress *p)
{
	*(size_t *)handle = p->articles;
}

/* One run over the example articles on `jobs` threads into N-Quads;
 * returns the bytes written, 0 on failure. */
static long run_once(nkg_world *w, const nkg_lexicon *lex, unsigned jobs, size_t *articles)
{
	nkg_run_options o = {jobs, on_progress, articles, 1e6};
	nkg_extractor *x = nkg_extractor_new(w, lex, NULL);
	nkg_reader *r = nkg_reader_new(w);
	FILE *out = tmpfile();
	nkg_writer *wr = out ? nkg_writer_new(w, "nquads", NULL, out) : NULL;
	long bytes = 0;

	if (x && r && wr && nkg_reader_add(r, NKG_SOURCE_DIR "/examples/articles") == NKG_SUCCESS) {
		nkg_extractor_set_writer(x, wr);
		if (nkg_extractor_run(x, r, &o) == NKG_SUCCESS && nkg_writer_finish(wr) == NKG_SUCCESS)
			bytes = ftell(out);
	}
	nkg_writer_free(wr);
	if (out)
		fclose(out);
	nkg_reader_free(r);
	nkg_extractor_free(x);
	return bytes;
}

static void test_runs_end(void)
{
	nkg_world *w = nkg_world_new(on_error, NULL);
	nkg_lexicon *lex = w ? nkg_lexicon_new(w) : NULL;
	unsigned jobs[] = {2, 3, 8};
	long first = 0;
	int ok = 1;
	size_t i, k;

	CHECK(lex && nkg_lexicon_load_default(lex) == NKG_SUCCESS);
	first = run_once(w, lex, 1, &(size_t){0});
	CHECK(first > 0);
	for (k = 0; k < sizeof jobs / sizeof *jobs; k++)
		for (i = 0; i < 100; i++) {
			size_t articles = 0;
			ok &= run_once(w, lex, jobs[k], &articles) == first && articles > 0;
		}
	CHECK(ok);
	nkg_lexicon_free(lex);
	nkg_world_free(w);
}

int main(void)
{
	test_runs_end();
	return nkg_test_finish();
}
