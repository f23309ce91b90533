/* newskg: push, graphs to a SPARQL server over the Graph Store Protocol.
 *
 * Each named graph of a store goes to the server in one HTTP PUT to
 * ENDPOINT?graph=IRI (SPARQL 1.1 Graph Store HTTP Protocol, indirect
 * graph identification), as N-Triples.  PUT replaces the server's graph
 * of that name, so pushing the same articles again never duplicates them.
 * Endpoints that speak it: Virtuoso /sparql-graph-crud, Fuseki
 * /DATASET/data, Oxigraph /store, GraphDB
 * /repositories/REPO/rdf-graphs/service.
 *
 * libcurl does the HTTP: one PUT at a time, or up to `jobs` at once, each
 * on a connection kept open for the next graph. */
#ifndef NEWSKG_PUSH_H
#define NEWSKG_PUSH_H

#include <stddef.h>

#include "newskg/status.h"
#include "newskg/store.h"
#include "newskg/world.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nkg_push nkg_push;

/* Counts from one nkg_push_store(). */
typedef struct {
	size_t graphs;     /* graphs the server accepted (2xx) */
	size_t statements; /* statements in those graphs */
	size_t bytes;      /* request bodies the server accepted */
	size_t failed;     /* graphs the server refused or never got */
	size_t retried;    /* requests sent again after a "not now" (5xx, 429) */
	double seconds;    /* time spent sending, serialising included */
} nkg_push_stats;

/* A new pusher for the Graph Store endpoint `endpoint` (an http:// or
 * https:// URL, copied; it may already carry a query string).  `world` is
 * borrowed and must outlive the pusher.  On failure *out is NULL and the
 * reason was reported (NKG_ERR_ARG for a URL that is not http(s),
 * NKG_ERR_NOMEM). */
nkg_status nkg_push_new(nkg_world *world, const char *endpoint, nkg_push **out);

/* Frees the pusher and closes its connection; NULL is allowed. */
void nkg_push_free(nkg_push *push);

/* HTTP authentication as "USER:PASSWORD" (copied; NULL for none).  Basic
 * or digest, whichever the server asks for. */
nkg_status nkg_push_set_user(nkg_push *push, const char *userpwd);

/* Gives up on one request after `seconds` (0: never, the default). */
nkg_status nkg_push_set_timeout(nkg_push *push, long seconds);

/* Up to `jobs` requests at once, 1 (the default) to 64 (NKG_ERR_ARG
 * otherwise).  The server sees the graphs in any order then; pushing is
 * still idempotent, as each graph replaces only itself.  Whether it is
 * faster depends on the server: Virtuoso 7.2 on 2 CPUs took longer with 4
 * (bench/virtuoso.sh). */
nkg_status nkg_push_set_jobs(nkg_push *push, int jobs);

/* Sends the store's graphs (`store` borrowed).  With `graph` NULL, every
 * named graph of the store goes to the server's graph of the same name,
 * in IRI order (the first alone, so that a wrong endpoint or password
 * costs one request; then `jobs` at a time).  With `graph` set, the RDF
 * merge of all the store's graphs (each triple once) goes to that one
 * graph.
 *
 * A request the server answers with "not now" (408, 429, 500, 502, 503,
 * 504, or a connection closed under it) is sent again, up to 4 times in
 * all, after 0.25, 0.5 and 1 s.  A graph the server refuses is reported
 * (NKG_ERR_HTTP: the HTTP status and the server's own message) and the
 * others are still sent; the result is then NKG_ERR_HTTP.  When no
 * request can succeed (network failure: NKG_ERR_NETWORK; HTTP 401, 403,
 * 404, 405 or 501: NKG_ERR_HTTP) it stops at once.  `stats` may be NULL;
 * it is filled in either case. */
nkg_status nkg_push_store(nkg_push *push, nkg_store *store, const char *graph,
                          nkg_push_stats *stats);

#ifdef __cplusplus
}
#endif
#endif
