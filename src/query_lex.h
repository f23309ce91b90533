/* Internal: a SPARQL lexer just good enough to find constructs and
 * tokens by position; rasqal's own lexer does not say where it is. */
#ifndef NKG_QUERY_LEX_H
#define NKG_QUERY_LEX_H

#include <stddef.h>

typedef struct {
	const char *p, *end;
	size_t line, column; /* 1-based, of *p; columns count code points */
} nkg_qcursor;

typedef struct {
	const char *p;
	size_t len, line, column;
	int opaque;          /* a string, an IRI or a comment */
} nkg_qtoken;

/* Moves the cursor one byte on, keeping line and column. */
void nkg_qlex_step(nkg_qcursor *c);

/* 1 if `ch` can continue a name: a keyword, prefixed name or variable. */
int nkg_qlex_name_char(char ch);

/* Skips a comment, a string or an IRI at the cursor; 1 if it did.  An
 * unterminated string runs to the end of the text. */
int nkg_qlex_skip_opaque(nkg_qcursor *c);

/* The words, variables and punctuation of `text`, and with `opaque` its
 * strings, IRIs and comments too; NULL when out of memory.  *n is the
 * count.  Caller frees the array (the tokens point into `text`). */
nkg_qtoken *nkg_qlex_tokens(const char *text, int opaque, size_t *n);

#endif
