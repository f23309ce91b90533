/* Internal: lexicon matching.  Greedy longest match over normalised
 * tokens, the first token of a form allowed to carry the clitics و ف ب ل ك
 * and the article ال; nisba adjectives matched with their inflections. */
#ifndef NKG_MATCH_H
#define NKG_MATCH_H

#include "lexicon_impl.h"
#include "text.h"

enum {
	NKG_CL_CONJ = 1u << 0, /* و or ف */
	NKG_CL_B = 1u << 1,    /* ب */
	NKG_CL_L = 1u << 2,    /* ل (or لل) */
	NKG_CL_K = 1u << 3,    /* ك */
	NKG_CL_DEF = 1u << 4   /* ال */
};

typedef struct {
	size_t begin, end;    /* tokens [begin, end) */
	const nkg_form *form; /* its senses (borrowed from the lexicon) */
	unsigned clitics;     /* NKG_CL_* on the first token */
	int adjective;        /* matched as a nisba */
} nkg_match;

/* Matches tokens [begin, end) of `text`; *out gets an array the caller
 * frees, in text order, non-overlapping. */
nkg_status nkg_match_tokens(const nkg_lexicon *lex, const nkg_text *text,
                            size_t begin, size_t end, nkg_match **out, size_t *n_out);

#endif
