/* Fuzz target: the lexicon loader on arbitrary Turtle.  A load either
 * succeeds or fails with a one-line report and leaves the lexicon as it was
 * (lexicon.h).  A lexicon that loads is then used: an article made of the
 * input itself (so its nkg:form literals appear in the text and match) and
 * of a sentence with a trigger is extracted, and the graph, whose actor
 * IRIs and labels come from the lexicon, must parse back with valid IRIs
 * and evidence cut exactly from the article. */
#include <string.h>

#include "fuzz.h"
#include "rdfcheck.h"

static nkg_world *world;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	world = nkg_world_new(fuzz_on_error, NULL);
	FUZZ_CHECK(world != NULL, "no world");
	return 0;
}

/* "The United States accused Russia of a cyber attack on Microsoft." and
 * "China denied it.", written for the project. */
static const char sentence[] =
	"\n\xd8\xa7\xd8\xaa\xd9\x87\xd9\x85\xd8\xaa \xd8\xa7\xd9\x84\xd9\x88\xd9\x84\xd8\xa7\xd9\x8a"
	"\xd8\xa7\xd8\xaa \xd8\xa7\xd9\x84\xd9\x85\xd8\xaa\xd8\xad\xd8\xaf\xd8\xa9 \xd8\xb1\xd9\x88"
	"\xd8\xb3\xd9\x8a\xd8\xa7 \xd8\xa8\xd8\xb4\xd9\x86 \xd9\x87\xd8\xac\xd9\x88\xd9\x85 \xd8\xa5"
	"\xd9\x84\xd9\x83\xd8\xaa\xd8\xb1\xd9\x88\xd9\x86\xd9\x8a \xd8\xb9\xd9\x84\xd9\x89 \xd8\xb4"
	"\xd8\xb1\xd9\x83\xd8\xa9 \xd9\x85\xd8\xa7\xd9\x8a\xd9\x83\xd8\xb1\xd9\x88\xd8\xb3\xd9\x88"
	"\xd9\x81\xd8\xaa. \xd9\x86\xd9\x81\xd8\xaa \xd8\xa7\xd9\x84\xd8\xb5\xd9\x8a\xd9\x86 \xd8\xb0"
	"\xd9\x84\xd9\x83.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nkg_lexicon *lex = nkg_lexicon_new(world);
	nkg_extractor *x;
	nkg_article *a;
	fuzz_articles as;
	nkg_status st;
	char *text;

	FUZZ_CHECK(lex != NULL, "no lexicon");
	st = nkg_lexicon_load_string(lex, (const char *)data, size, "fuzz.ttl");
	if (st != NKG_SUCCESS) {
		FUZZ_CHECK(nkg_lexicon_n_entries(lex) == 0 && nkg_lexicon_n_forms(lex) == 0,
		           "a lexicon that failed to load left %zu entries and %zu forms behind",
		           nkg_lexicon_n_entries(lex), nkg_lexicon_n_forms(lex));
		nkg_lexicon_free(lex);
		return 0;
	}
	/* The article: the Turtle when it is text, then the sentence. */
	text = malloc(size + sizeof sentence);
	FUZZ_CHECK(text != NULL, "out of memory");
	if (fuzz_utf8_ok((const char *)data, size))
		memcpy(text, data, size);
	else
		size = 0;
	memcpy(text + size, sentence, sizeof sentence);
	a = nkg_article_new("lexicon-fuzz", NULL, "t", NULL, text, size + sizeof sentence - 1,
	                    "fuzz.ttl", 0);
	x = nkg_extractor_new(world, lex, NULL);
	FUZZ_CHECK(a && x, "out of memory");
	FUZZ_CHECK(nkg_extractor_add(x, a) == NKG_SUCCESS, "extractor refused the article");
	as.v = &a;
	as.n = 1;
	fuzz_write_and_check(x, "nquads", &as);
	nkg_extractor_free(x);
	nkg_article_free(a);
	free(text);
	nkg_lexicon_free(lex);
	return 0;
}
