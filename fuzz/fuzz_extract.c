/* Fuzz target: the whole extractor on arbitrary bytes, as the CLI runs
 * it.  The input is written to a file and read by the reader (as JSON
 * Lines when it starts with '{', else as one text file), every article is
 * analysed with the shipped lexicon, and the graph is written in one of
 * the formats (chosen by the input's length) and parsed back with raptor.
 *
 * Oracles: nothing crashes or leaks; the output parses without error;
 * every IRI in it is absolute and holds no character an IRI may not
 * (space, <>"{}|^`\, controls); every statement's nkg:evidence is exactly
 * the code points [nif:beginIndex, nif:endIndex) of its article; titles
 * and identifiers come back byte for byte.
 *
 * Bytes that are not valid UTF-8 are also handed to the extractor directly
 * through nkg_article_new (library callers may skip the reader): that must
 * be refused or survived, never crash. */
#include <string.h>

#include "fuzz.h"
#include "rdfcheck.h"
#include "utf8.h"

static nkg_world *world;
static nkg_lexicon *lexicon;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmpdir();
	world = nkg_world_new(fuzz_on_error, NULL);
	lexicon = world ? nkg_lexicon_new(world) : NULL;
	FUZZ_CHECK(lexicon && nkg_lexicon_load_default(lexicon) == NKG_SUCCESS,
	           "cannot load the shipped lexicon (%s)", nkg_lexicon_default_dir());
	return 0;
}

static const char *const formats[] = {"nquads", "turtle", "rdfxml", "json", "ntriples"};

static int starts_json(const uint8_t *d, size_t n)
{
	size_t i = n >= NKG_UTF8_BOM_LEN && memcmp(d, NKG_UTF8_BOM, NKG_UTF8_BOM_LEN) == 0 ? NKG_UTF8_BOM_LEN : 0;

	while (i < n && strchr(" \t\r\n", d[i]) && d[i])
		i++;
	return i < n && d[i] == '{';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	nkg_extractor *x = nkg_extractor_new(world, lexicon, NULL);
	nkg_reader *r = nkg_reader_new(world);
	nkg_article *a;
	fuzz_articles as = {NULL, 0};
	size_t i;

	FUZZ_CHECK(x && r, "no extractor");
	path = fuzz_write_file(0, starts_json(data, size) ? "in.jsonl" : "in.txt", data, size);
	nkg_reader_add(r, path);
	while (nkg_reader_next(r, &a) == NKG_SUCCESS) {
		FUZZ_CHECK(nkg_extractor_add(x, a) == NKG_SUCCESS, "extractor refused a good article");
		as.v = realloc(as.v, (as.n + 1) * sizeof *as.v);
		FUZZ_CHECK(as.v != NULL, "out of memory");
		as.v[as.n++] = a;
	}
	nkg_reader_free(r);
	fuzz_write_and_check(x, formats[size % 5], &as);
	nkg_extractor_free(x);
	for (i = 0; i < as.n; i++)
		nkg_article_free(as.v[i]);
	free(as.v);

	if (!fuzz_utf8_ok((const char *)data, size)) {
		/* Straight in, as a library caller might: refused or survived. */
		x = nkg_extractor_new(world, lexicon, NULL);
		a = nkg_article_new("raw", NULL, NULL, NULL, (const char *)data, size, "raw", 0);
		FUZZ_CHECK(x && a, "out of memory");
		if (nkg_extractor_add(x, a) == NKG_SUCCESS)
			fuzz_write_and_check(x, "nquads", NULL);
		nkg_article_free(a);
		nkg_extractor_free(x);
	}
	return 0;
}
