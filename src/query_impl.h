/* Internal: what query.c learns about a query before running it. */
#ifndef NKG_QUERY_IMPL_H
#define NKG_QUERY_IMPL_H

#include <stddef.h>

#include "newskg/status.h"
#include "newskg/world.h"

typedef struct {
	char **from;        /* FROM graph IRIs */
	size_t n_from;
	char **named;       /* FROM NAMED graph IRIs */
	size_t n_named;
	int uses_graph;     /* a GRAPH pattern */
	int uses_default;   /* a triple pattern outside every GRAPH */
} nkg_query_info;

/* Parses `text` (a SPARQL 1.1 query, relative IRIs against `base`) on a
 * private rasqal world and refuses what rasqal would answer wrongly or not
 * at all.  Reports a syntax error (NKG_ERR_QUERY) or an unsupported
 * construct (NKG_ERR_UNSUPPORTED) with `source`, line and column.  On
 * success fills `info`, to be cleared with nkg_query_info_clear(). */
nkg_status nkg_query_check(nkg_world *world, const char *text,
                           const char *source, const char *base,
                           nkg_query_info *info);

void nkg_query_info_clear(nkg_query_info *info);

/* Line and column (1-based, code points) of the token where rasqal's
 * parser gives up on `text`, or of its end when it merely stops early.
 * 1 when found; 0 when it cannot tell (then *line and *column are left
 * alone).  Only for a query that failed to parse: it parses prefixes. */
int nkg_query_locate(const char *text, const char *base, size_t *line,
                     size_t *column);

#endif
