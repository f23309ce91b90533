/* newskg: status codes and error reporting.
 *
 * Rules followed by every module: a function that can fail returns an
 * nkg_status; details go to the world's error callback (the library never
 * prints); NKG_SUCCESS is zero. */
#ifndef NEWSKG_STATUS_H
#define NEWSKG_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	NKG_SUCCESS = 0,   /* done */
	NKG_END,           /* no more items (iteration finished) */
	NKG_ERR_UNKNOWN,   /* unexpected failure */
	NKG_ERR_NOMEM,     /* out of memory */
	NKG_ERR_IO,        /* read or write failed (errno is in the message) */
	NKG_ERR_UTF8,      /* invalid UTF-8 */
	NKG_ERR_EMPTY,     /* empty article */
	NKG_ERR_BINARY,    /* binary data (NUL bytes) */
	NKG_ERR_JSON,      /* malformed JSON Lines record */
	NKG_ERR_TOO_BIG,   /* input above a configured limit */
	NKG_ERR_LEXICON,   /* lexicon file unreadable or inconsistent */
	NKG_ERR_ICU,       /* ICU reported an error */
	NKG_ERR_RDF,       /* Redland/raptor reported an error */
	NKG_ERR_ARG,       /* bad argument from the caller */
	NKG_ERR_FORMAT,    /* unknown output format */
	NKG_ERR_QUERY,     /* SPARQL query does not parse */
	NKG_ERR_UNSUPPORTED, /* valid SPARQL the query engine cannot run */
	NKG_ERR_STORE,     /* store cannot be opened, read or written */
	NKG_ERR_HTTP,      /* an HTTP server refused a request */
	NKG_ERR_NETWORK    /* an HTTP server could not be reached */
} nkg_status;

/* A static English description of `st`; never NULL. */
const char *nkg_strerror(nkg_status st);

/* One error or warning, as the error callback receives it.  All pointers
 * are borrowed and valid only during the callback. */
typedef struct {
	nkg_status  status;
	const char *file;    /* input file, "-" for stdin, or NULL */
	size_t      line;    /* 1-based line, 0 when unknown */
	size_t      column;  /* 1-based column, 0 when unknown */
	size_t      offset;  /* byte offset into the file, (size_t)-1 when unknown */
	const char *message; /* one line, no trailing newline */
} nkg_error;

typedef void (*nkg_error_func)(void *handle, const nkg_error *error);

#define NKG_NO_OFFSET ((size_t)-1)

#ifdef __cplusplus
}
#endif
#endif
