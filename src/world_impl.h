/* Internal: the world's fields, for modules that need librdf directly. */
#ifndef NKG_WORLD_IMPL_H
#define NKG_WORLD_IMPL_H

#include <redland.h>

#include "newskg/world.h"

struct nkg_world {
	librdf_world *rdf;
	nkg_error_func on_error;
	void *handle;
	/* raptor errors reported so far: a parse that logged an error failed,
	 * whatever raptor's return value says (it goes on after some). */
	unsigned long rdf_errors;
	/* Set while a checked query runs.  rasqal then logs, even as errors,
	 * things that do not stop it ("Variable n was not bound" for an
	 * aggregate of a sub-query); the first error is kept here and shown
	 * only if the query fails. */
	int query_running;
	char query_error[512];
};

/* Routes raptor's messages to the world and counts its errors.  Called
 * again before each parse: librdf hands raptor's handler to rasqal when it
 * first runs a query, and rasqal installs its own. */
void nkg_world_watch_raptor(nkg_world *world);

/* nkg_world_report with a column (1-based, 0 when unknown). */
void nkg_world_report_at(const nkg_world *world, nkg_status status,
                         const char *file, size_t line, size_t column,
                         size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;

#endif
