/* Normalisation, segmentation and lexicon matching on text written for
 * the project. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "harness.h"
#include "match.h"
#include "segment_impl.h"
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

/* normalize.c's folds, written out again as the reference */
static UChar32 ref_fold(UChar32 c)
{
	if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
	    (c >= 0x06D6 && c <= 0x06ED) || u_charType(c) == U_FORMAT_CHAR)
		return -1;
	if (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671)
		return 0x0627;
	if (c == 0x0649 || c == 0x06CC)
		return 0x064A;
	if (c == 0x0629)
		return 0x0647;
	if (c == 0x06A9)
		return 0x0643;
	if (c >= 0x0660 && c <= 0x0669)
		return '0' + (c - 0x0660);
	if (c >= 0x06F0 && c <= 0x06F9)
		return '0' + (c - 0x06F0);
	return c;
}

/* ICU's NFKC_Casefold of s[0..n) and then the folds: what every token's
 * normalised form must be, however normalize.c gets there. */
static int ref_normalize(const UChar *s, int32_t n, char *out, int32_t cap)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar buf[256], folded[256];
	int32_t len, i = 0, o = 0, n8 = 0;
	len = unorm2_normalize(unorm2_getNFKCCasefoldInstance(&err), s, n, buf, 256, &err);
	if (U_FAILURE(err))
		return -1;
	while (i < len) {
		UChar32 c;
		U16_NEXT(buf, i, len, c);
		if ((c = ref_fold(c)) >= 0)
			U16_APPEND_UNSAFE(folded, o, c);
	}
	u_strToUTF8(out, cap, &n8, folded, o, &err);
	return U_FAILURE(err) ? -1 : n8;
}

static int agrees(nkg_segmenter *seg, const UChar *s, int32_t n)
{
	char want[1024];
	char *got = nkg_normalize_utf16(seg, s, n);
	int ok = ref_normalize(s, n, want, sizeof want) >= 0 && got && strcmp(got, want) == 0;
	free(got);
	return ok;
}

/* Every BMP character alone, and every pair and mark sequence around
 * ASCII and Arabic: the table path for simple characters must give what
 * ICU gives. */
static void test_normalize_agrees(nkg_segmenter *seg)
{
	static const UChar extra[] = { 0x00AB, 0x00BB, 0x00A0, 0x00A8, 0x200D, 0xFE70, 0xFEFB };
	UChar set[512], s[3];
	int32_t n = 0, i, j, k, bad = 0;
	UChar32 c;
	for (c = 1; c < 0x10000; c++) {
		if (U16_IS_SURROGATE(c))
			continue;
		s[0] = (UChar)c;
		bad += !agrees(seg, s, 1);
	}
	for (c = 0x21; c < 0x7F; c++)
		set[n++] = (UChar)c;
	for (c = 0x0600; c < 0x0700; c++)
		set[n++] = (UChar)c;
	for (i = 0; i < (int32_t)(sizeof extra / sizeof *extra); i++)
		set[n++] = extra[i];
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			s[0] = set[i];
			s[1] = set[j];
			bad += !agrees(seg, s, 2);
		}
	/* a letter with two marks, in either order (canonical reordering) */
	for (i = 0; i < n; i++)
		for (j = 0x064B; j <= 0x0655; j++)
			for (k = 0x064B; k <= 0x0655; k++) {
				s[0] = set[i];
				s[1] = (UChar)j;
				s[2] = (UChar)k;
				bad += !agrees(seg, s, 3);
			}
	CHECK(bad == 0);
}

/* Boundaries (and, for words, rule statuses) of u[0..n) as positions in
 * the text `at` maps back to (identity when at is NULL), each word token
 * that covers gaps split there as segment.c's tokenize does: word, the
 * space (status 0), word. */
static size_t bounds(UBreakIterator *bi, const UChar *u, int32_t n, const int32_t *at,
                     const int32_t *gaps, int32_t n_gaps, int32_t *out, size_t cap,
                     int with_status)
{
	UErrorCode err = U_ZERO_ERROR;
	size_t k = 0;
	int32_t b, g = 0;
	ubrk_setText(bi, u, n, &err);
	for (b = ubrk_first(bi); b != UBRK_DONE && k + 6 <= cap; b = ubrk_next(bi)) {
		int32_t to = at ? at[b] : b, status = ubrk_getRuleStatus(bi);
		for (; g < n_gaps && gaps[g] < to && k + 6 <= cap; g++) {
			out[k++] = gaps[g];
			if (with_status)
				out[k++] = status;
			out[k++] = gaps[g] + 1;
			if (with_status)
				out[k++] = UBRK_WORD_NONE;
		}
		out[k++] = to;
		if (with_status)
			out[k++] = status;
	}
	return k;
}

/* ICU's word and sentence iterators give the same boundaries and
 * statuses on text with every run of plain Arabic letters cut to one
 * letter and runs of lone words joined (segment.c reads text so): random
 * strings of letters, marks, spaces, punctuation, digits, Latin, controls
 * and format characters, then mostly letters and spaces. */
static void test_shorten_letters(void)
{
	static const UChar mixed[] = {
		0x0627, 0x0644, 0x0635, 0x064A, 0x0646, 0x0629, 0x0621, 0x0623, 0x064B, 0x0651,
		0x0654, 0x0640, ' ', ' ', ' ', 0x00A0, '.', '!', '?', 0x061F, 0x060C, ',', ':',
		'\'', '"', 0x00AB, 0x00BB, '1', 0x0663, 'a', 'B', '\n', '\r', 0x200D, 0x200C,
		0x200F, '_', '-', '(', ')', 0x06D4, 0x066B, 0xD83D, 0xDE00, 0x2029,
	};
	static const UChar wordy[] = {
		0x0627, 0x0644, 0x0635, 0x064A, 0x0627, 0x0644, 0x0635, 0x064A, ' ', ' ', ' ',
		' ', ' ', '.', 0x060C, '1', 'a', 0x064B, 0x200D, '\n', 0x00A0, 0x0640,
	};
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *words = ubrk_open(UBRK_WORD, "ar", NULL, 0, &err);
	UBreakIterator *sents = ubrk_open(UBRK_SENTENCE, "ar", NULL, 0, &err);
	unsigned long r = 12345;
	int32_t want[512], got[512], at[65], at2[65], gaps[64];
	UChar u[64], s[64], s2[64];
	int i, bad = 0, joined = 0;
	CHECK(U_SUCCESS(err));
	for (i = 0; i < 40000 && U_SUCCESS(err); i++) {
		const UChar *alphabet = i % 2 ? wordy : mixed;
		size_t size = i % 2 ? sizeof wordy / sizeof *wordy : sizeof mixed / sizeof *mixed;
		int32_t n = 0, m, len, n_gaps;
		size_t kw, kg;
		r = r * 1103515245UL + 12345UL;
		len = 1 + (int32_t)(r >> 16) % 40;
		while (n < len) {
			r = r * 1103515245UL + 12345UL;
			u[n++] = alphabet[(r >> 16) % size];
		}
		m = nkg_shorten_letters(u, n, s, at);
		m = nkg_join_words(s, at, m, s2, at2, gaps, &n_gaps);
		joined += n_gaps > 0;
		kw = bounds(words, u, n, NULL, NULL, 0, want, 512, 1);
		kg = bounds(words, s2, m, at2, gaps, n_gaps, got, 512, 1);
		bad += kw != kg || memcmp(want, got, kw * sizeof *want) != 0;
		kw = bounds(sents, u, n, NULL, NULL, 0, want, 512, 0);
		kg = bounds(sents, s2, m, at2, NULL, 0, got, 512, 0);
		bad += kw != kg || memcmp(want, got, kw * sizeof *want) != 0;
	}
	CHECK(bad == 0);
	CHECK(joined > 500); /* the joining was put to the test */
	ubrk_close(words);
	ubrk_close(sents);
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
	test_normalize_agrees(seg);
	test_shorten_letters();
	test_segment(seg);
	test_match(seg);
	test_bad_lexicon();
	nkg_segmenter_free(seg);
	return nkg_test_finish();
}
