/* Normalisation, segmentation and lexicon matching on text written for
 * the project. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "match.h"
#include "newskg/newskg.h"
#include "text.h"

static void test_normalize(nkg_segmenter *seg)
{
	char *s;
	/* tashkeel and tatweel go, alef/ya/ta-marbuta variants meet */
	s = nkg_normalize(seg, "اتّهَمَت");
	CHECK_STR(s, "اتهمت");
	free(s);
	s = nkg_normalize(seg, "الإلكترونيـــة");
	CHECK_STR(s, "الالكترونيه");
	free(s);
	s = nkg_normalize(seg, "أمريكى");
	CHECK_STR(s, "امريكي");
	free(s);
	/* Arabic-Indic digits, Latin case, a zero-width joiner inside a word */
	s = nkg_normalize(seg, "٢٠٢١");
	CHECK_STR(s, "2021");
	free(s);
	s = nkg_normalize(seg, "Storm");
	CHECK_STR(s, "storm");
	free(s);
	s = nkg_normalize(seg, "الصي\xe2\x80\x8dن");
	CHECK_STR(s, "الصين");
	free(s);
	/* NFKC grows U+FDFA (one UTF-16 unit) into 18 code points: two of
	 * them outgrew the buffer and failed the article as "out of memory"
	 * (found by fuzz_normalize). */
	s = nkg_normalize(seg, "\xef\xb7\xba\xef\xb7\xba");
	CHECK(s != NULL && strlen(s) == 2 * 33);
	free(s);
}

static void test_segment(nkg_segmenter *seg)
{
	const char *txt = "نفت الصين الاتهام. وقالت إنها \"لا أساس لها\"., ثم صمتت";
	nkg_text t;
	CHECK(nkg_segment(seg, txt, strlen(txt), &t) == NKG_SUCCESS);
	CHECK(t.n_sentences == 3); /* "., " joins two scraped paragraphs */
	CHECK(t.n_tokens > 8);
	/* offsets cut the sentence out of the text as read */
	CHECK(t.sentences[0].byte_begin == 0);
	CHECK(strncmp(txt + t.sentences[0].byte_begin, "نفت الصين الاتهام.",
	              t.sentences[0].byte_end - t.sentences[0].byte_begin) == 0);
	CHECK(t.sentences[0].end - t.sentences[0].begin == 18); /* code points */
	CHECK_STR(t.tokens[1].norm, "الصين");
	nkg_text_clear(&t);

	/* full stops inside an abbreviation end no sentence */
	txt = "قال مكتب التحقيقات (إف.بي.آي) إن الصين مسؤولة. ونفت بكين ذلك.";
	CHECK(nkg_segment(seg, txt, strlen(txt), &t) == NKG_SUCCESS);
	CHECK(t.n_sentences == 2);
	nkg_text_clear(&t);
}

/* The first actor matched in `txt`, by English label. */
static const char *first_actor(const nkg_lexicon *lex, nkg_segmenter *seg, const char *txt,
                               int *adjective)
{
	nkg_text t;
	nkg_match *m = NULL;
	size_t n = 0, i, k;
	const char *out = NULL;
	if (nkg_segment(seg, txt, strlen(txt), &t) != NKG_SUCCESS)
		return NULL;
	nkg_match_tokens(lex, &t, 0, t.n_tokens, &m, &n);
	for (i = 0; i < n && !out; i++)
		for (k = 0; k < m[i].form->n_senses && !out; k++)
			if (m[i].form->senses[k].entity) {
				out = m[i].form->senses[k].entity->label_en;
				*adjective = m[i].adjective;
			}
	free(m);
	nkg_text_clear(&t);
	return out;
}

static void test_match(nkg_segmenter *seg)
{
	nkg_world *w = nkg_world_new(NULL, NULL);
	nkg_lexicon *lex = nkg_lexicon_new(w);
	int adj = 0;
	CHECK(nkg_lexicon_load_default(lex) == NKG_SUCCESS);
	/* clitics و ب ل and the article */
	CHECK_STR(first_actor(lex, seg, "وأستراليا", &adj), "Australia");
	CHECK_STR(first_actor(lex, seg, "بالصين", &adj), "China");
	CHECK_STR(first_actor(lex, seg, "لمايكروسوفت", &adj), "Microsoft");
	CHECK_STR(first_actor(lex, seg, "للولايات المتحدة", &adj), "United States");
	/* a capital for its state; a word starting with و that is a name */
	CHECK_STR(first_actor(lex, seg, "واشنطن", &adj), "United States");
	/* longest match wins: the agency, not the state it belongs to */
	CHECK_STR(first_actor(lex, seg, "وزارة أمن الدولة", &adj), "Ministry of State Security");
	/* nisba adjectives with their inflections, one and two words */
	CHECK_STR(first_actor(lex, seg, "السلطات الصينية", &adj), "China");
	CHECK(adj);
	CHECK_STR(first_actor(lex, seg, "قراصنة روسيين", &adj), "Russia");
	CHECK_STR(first_actor(lex, seg, "الخارجية الكورية الشمالية", &adj), "North Korea");
	/* a nisba whose own alef-lam looks like the article: ألباني, ألماني */
	CHECK_STR(first_actor(lex, seg, "الحكومة الألبانية", &adj), "Albania");
	CHECK_STR(first_actor(lex, seg, "الشرطة الألمانية", &adj), "Germany");
	CHECK(first_actor(lex, seg, "ذهب الولد إلى المدرسة", &adj) == NULL);
	nkg_lexicon_free(lex);
	nkg_world_free(w);
}

static int errors;
static void on_error(void *h, const nkg_error *e)
{
	(void)h;
	(void)e;
	errors++;
}

static void test_bad_lexicon(void)
{
	nkg_world *w = nkg_world_new(on_error, NULL);
	nkg_lexicon *lex = nkg_lexicon_new(w);
	const char *bad = "@prefix nkg: <https://w3id.org/newskg/ontology#> .\n<x> a nkg:State ; nkg:form \"a\"@ar";
	errors = 0;
	CHECK(nkg_lexicon_load_string(lex, bad, strlen(bad), "bad.ttl") == NKG_ERR_LEXICON);
	CHECK(errors >= 1);
	CHECK(nkg_lexicon_n_entries(lex) == 0); /* a failed file leaves nothing */
	CHECK(nkg_lexicon_load_file(lex, "/nonexistent/x.ttl") == NKG_ERR_IO);
	/* Files that parse but cannot be built: said why, and nothing of them
	 * kept (fuzz_lexicon found both failing silently or half-way). */
	{
		static const char *const broken[] = {
			"@prefix nkg: <https://w3id.org/newskg/ontology#> .\n"
			"<http://x/a> a nkg:State ; nkg:form \"ok\"@ar .\n"
			"<http://x/b> a nkg:State ; nkg:form \"bad \xd9\"@ar .\n",
			"@prefix nkg: <https://w3id.org/newskg/ontology#> .\n"
			"<http://x/a> a nkg:State ; nkg:form \"ok\"@ar .\n"
			"<http://x/c> a nkg:Cue ; nkg:cueType nkg:NoSuchCue ; nkg:form \"c\" .\n",
			/* a blank node became the actor's IRI in the graph */
			"@prefix nkg: <https://w3id.org/newskg/ontology#> .\n"
			"<http://x/a> a nkg:State ; nkg:form \"ok\"@ar .\n"
			"[] a nkg:State ; nkg:form \"z\"@ar .\n",
		};
		size_t k;
		for (k = 0; k < 3; k++) {
			errors = 0;
			CHECK(nkg_lexicon_load_string(lex, broken[k], strlen(broken[k]), "b.ttl") == NKG_ERR_LEXICON);
			CHECK(errors == 1);
			CHECK(nkg_lexicon_n_entries(lex) == 0 && nkg_lexicon_n_forms(lex) == 0);
		}
	}
	nkg_lexicon_free(lex);
	nkg_world_free(w);
}

int main(void)
{
	nkg_segmenter *seg = nkg_segmenter_new();
	CHECK(seg != NULL);
	test_normalize(seg);
	test_segment(seg);
	test_match(seg);
	test_bad_lexicon();
	nkg_segmenter_free(seg);
	return nkg_test_finish();
}
