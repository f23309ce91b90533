/* Where the words of a SPARQL query are.  Not a parser: it knows strings,
 * IRIs and comments well enough not to look inside them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "query_lex.h"

void nkg_qlex_step(nkg_qcursor *c)
{
	if (*c->p == '\n') {
		c->line++;
		c->column = 1;
	} else if (((unsigned char)*c->p & 0xC0) != 0x80) {
		c->column++;
	}
	c->p++;
}

int nkg_qlex_name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-' ||
	       ch == ':' || ch == '.' || (unsigned char)ch >= 0x80;
}

int nkg_qlex_skip_opaque(nkg_qcursor *c)
{
	const char *q;

	if (*c->p == '#') {
		while (c->p < c->end && *c->p != '\n')
			nkg_qlex_step(c);
		return 1;
	}
	if (*c->p == '"' || *c->p == '\'') {
		char quote = *c->p;
		int longq = c->end - c->p >= 3 && c->p[1] == quote && c->p[2] == quote;
		nkg_qlex_step(c);
		if (longq) {
			nkg_qlex_step(c);
			nkg_qlex_step(c);
		}
		while (c->p < c->end) {
			if (*c->p == '\\' && c->p + 1 < c->end) {
				nkg_qlex_step(c);
			} else if (*c->p == quote && (!longq || (c->end - c->p >= 3 &&
			                                         c->p[1] == quote && c->p[2] == quote))) {
				nkg_qlex_step(c);
				if (longq) {
					nkg_qlex_step(c);
					nkg_qlex_step(c);
				}
				return 1;
			}
			nkg_qlex_step(c);
		}
		return 1;
	}
	if (*c->p == '<') { /* an IRI has no white space; "< 3" is a comparison */
		for (q = c->p + 1; q < c->end && *q != '>' && !isspace((unsigned char)*q); q++)
			;
		if (q < c->end && *q == '>') {
			while (c->p <= q)
				nkg_qlex_step(c);
			return 1;
		}
	}
	return 0;
}

/* Two-character operators are one token: cut between their halves, a
 * query would fail where the whole one does not. */
static int pair(const char *p)
{
	static const char *const pairs[] = {"^^", "&&", "||", "!=", "<=", ">="};
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (p[0] == pairs[i][0] && p[1] == pairs[i][1])
			return 1;
	return 0;
}

static int push(nkg_qtoken **t, size_t *n, size_t *cap, nkg_qtoken tok)
{
	nkg_qtoken *grown;

	if (*n == *cap) {
		if (!(grown = realloc(*t, *cap * 2 * sizeof **t)))
			return -1;
		*t = grown;
		*cap *= 2;
	}
	(*t)[(*n)++] = tok;
	return 0;
}

nkg_qtoken *nkg_qlex_tokens(const char *text, int opaque, size_t *n)
{
	nkg_qcursor c = {text, text + strlen(text), 1, 1};
	size_t cap = 64;
	nkg_qtoken *t = malloc(cap * sizeof *t);

	*n = 0;
	while (t && c.p < c.end) {
		nkg_qtoken tok = {c.p, 1, c.line, c.column, 0};
		if (isspace((unsigned char)*c.p)) {
			nkg_qlex_step(&c);
			continue;
		}
		if (nkg_qlex_skip_opaque(&c)) {
			tok.len = (size_t)(c.p - tok.p);
			tok.opaque = 1;
			if (!opaque)
				continue;
		} else if (nkg_qlex_name_char(*c.p) || *c.p == '?' || *c.p == '$') {
			nkg_qlex_step(&c);
			while (c.p < c.end && nkg_qlex_name_char(*c.p))
				nkg_qlex_step(&c);
			tok.len = (size_t)(c.p - tok.p);
		} else if (c.p + 1 < c.end && pair(c.p)) {
			nkg_qlex_step(&c);
			nkg_qlex_step(&c);
			tok.len = 2;
		} else {
			nkg_qlex_step(&c);
		}
		if (push(&t, n, &cap, tok)) {
			free(t);
			return NULL;
		}
	}
	return t;
}
