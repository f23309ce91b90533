/* Fuzz target: sentence and word segmentation (src/segment.c) on any
 * valid UTF-8 text.  Every span must point back into the text as read:
 * tokens in order, not overlapping, on character boundaries, with code
 * point offsets that count the bytes before them; sentences likewise, each
 * overlapping its tokens, trimmed of spaces at both ends.  This is what makes
 * nif:beginIndex/endIndex cut the evidence exactly out of the article. */
#include <string.h>

#include "fuzz.h"
#include "text.h"
#include "utf8.h"

static nkg_segmenter *seg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	seg = nkg_segmenter_new();
	FUZZ_CHECK(seg != NULL, "no segmenter");
	return 0;
}

static int boundary(const char *s, size_t len, size_t b)
{
	return b == len || (b < len && ((unsigned char)s[b] & 0xC0) != 0x80);
}

/* Checks one span [cb, ce) code points, [bb, be) bytes. */
static void check_span(const char *what, size_t i, const char *s, size_t len, size_t cb,
                       size_t ce, size_t bb, size_t be)
{
	FUZZ_CHECK(bb <= be && be <= len, "%s %zu: bytes [%zu,%zu) outside %zu", what, i, bb, be, len);
	FUZZ_CHECK(boundary(s, len, bb) && boundary(s, len, be),
	           "%s %zu: bytes [%zu,%zu) cut a character", what, i, bb, be);
	FUZZ_CHECK(cb == nkg_utf8_count(s, bb) && ce - cb == nkg_utf8_count(s + bb, be - bb),
	           "%s %zu: code points [%zu,%zu) do not match bytes [%zu,%zu)", what, i, cb, ce,
	           bb, be);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	nkg_text t;
	char **forms = NULL, *z;
	size_t i, k, n_forms = 0, sp;

	if (!fuzz_utf8_ok(s, size))
		return 0;
	FUZZ_CHECK(nkg_segment(seg, s, size, &t) == NKG_SUCCESS, "segmentation failed");
	for (i = 0; i < t.n_tokens; i++) {
		const nkg_token *tok = &t.tokens[i];
		check_span("token", i, s, size, tok->begin, tok->end, tok->byte_begin, tok->byte_end);
		FUZZ_CHECK(tok->byte_begin < tok->byte_end, "token %zu is empty", i);
		FUZZ_CHECK(i == 0 || t.tokens[i - 1].byte_end <= tok->byte_begin,
		           "token %zu overlaps the one before", i);
		FUZZ_CHECK(tok->norm && tok->norm[0] && fuzz_utf8_ok(tok->norm, strlen(tok->norm)),
		           "token %zu has no valid normalised form", i);
		FUZZ_CHECK(tok->flags & (NKG_TOK_WORD | NKG_TOK_NUM | NKG_TOK_PUNCT),
		           "token %zu has no kind", i);
	}
	for (i = 0; i < t.n_sentences; i++) {
		const nkg_sentence *se = &t.sentences[i];
		check_span("sentence", i, s, size, se->begin, se->end, se->byte_begin, se->byte_end);
		FUZZ_CHECK(se->byte_begin < se->byte_end, "sentence %zu is empty", i);
		FUZZ_CHECK(i == 0 || t.sentences[i - 1].byte_end <= se->byte_begin,
		           "sentence %zu overlaps the one before", i);
		FUZZ_CHECK(t.sent_tok[i] < t.sent_tok[i + 1] && t.sent_tok[i + 1] <= t.n_tokens,
		           "sentence %zu: tokens [%zu,%zu) of %zu", i, t.sent_tok[i],
		           t.sent_tok[i + 1], t.n_tokens);
		/* A token may reach past its trimmed sentence by an invisible
		 * character (a letter then U+00AD: the word keeps the soft
		 * hyphen, the evidence does not), but it overlaps it. */
		for (k = t.sent_tok[i]; k < t.sent_tok[i + 1]; k++)
			FUZZ_CHECK(t.tokens[k].byte_begin < se->byte_end &&
			           t.tokens[k].byte_end > se->byte_begin,
			           "token %zu [%zu,%zu) outside its sentence %zu [%zu,%zu)", k,
			           t.tokens[k].byte_begin, t.tokens[k].byte_end, i, se->byte_begin,
			           se->byte_end);
		/* Evidence starts and ends on visible text. */
		FUZZ_CHECK(nkg_utf8_space_len(s + se->byte_begin, se->byte_end - se->byte_begin) == 0,
		           "sentence %zu starts with a space", i);
		for (sp = se->byte_end; sp > se->byte_begin && !boundary(s, size, sp - 1) ; sp--)
			;
		FUZZ_CHECK(nkg_utf8_space_len(s + sp - 1, se->byte_end - (sp - 1)) == 0,
		           "sentence %zu ends with a space", i);
	}
	nkg_text_clear(&t);

	/* A lexicon form is segmented the same way (NUL-terminated). */
	if ((z = malloc(size + 1))) {
		memcpy(z, s, size);
		z[size] = '\0';
		FUZZ_CHECK(nkg_segment_form(seg, z, &forms, &n_forms) == NKG_SUCCESS, "form failed");
		for (i = 0; i < n_forms; i++) {
			FUZZ_CHECK(forms[i] && forms[i][0], "empty form token");
			free(forms[i]);
		}
		free(forms);
		free(z);
	}
	return 0;
}
