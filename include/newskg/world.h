/* newskg: the world, the one object that owns the RDF libraries.
 *
 * Make one world per process (or per thread: Redland is not thread safe)
 * and pass it to everything else.  It owns the librdf world (and through it
 * raptor's and rasqal's) and routes their log messages, and newskg's own
 * errors, to the error callback. */
#ifndef NEWSKG_WORLD_H
#define NEWSKG_WORLD_H

#include "newskg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nkg_world nkg_world;

/* A new world; `on_error` may be NULL (errors are then dropped).
 * Returns NULL when out of memory.  Free with nkg_world_free(). */
nkg_world *nkg_world_new(nkg_error_func on_error, void *handle);

/* Frees the world; NULL is allowed.  Everything made from it must be freed
 * first. */
void nkg_world_free(nkg_world *world);

/* Reports an error through the world's callback.  `fmt` is printf-style;
 * the message is cut at 1 KiB and at its first newline. */
void nkg_world_report(const nkg_world *world, nkg_status status,
                      const char *file, size_t line, size_t offset,
                      const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/* The librdf world (a `librdf_world *`), borrowed; for code that uses
 * Redland directly beside newskg. */
void *nkg_world_librdf(const nkg_world *world);

#ifdef __cplusplus
}
#endif
#endif
