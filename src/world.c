/* The world: owns the librdf world and routes every message to the
 * caller's error callback, so the library itself never prints. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "newskg/world.h"
#include "world_impl.h"

static int on_librdf_log(void *user_data, librdf_log_message *msg)
{
	const nkg_world *world = (const nkg_world *)user_data;
	int level = librdf_log_message_level(msg);
	raptor_locator *loc = librdf_log_message_locator(msg);
	const char *file = NULL;
	size_t line = 0, offset = NKG_NO_OFFSET;

	if (level < LIBRDF_LOG_WARN)
		return 1; /* debug and info: swallowed, not printed */
	if (loc) {
		file = loc->file;
		if (loc->line > 0)
			line = (size_t)loc->line;
		if (loc->byte >= 0)
			offset = (size_t)loc->byte;
	}
	nkg_world_report(world, NKG_ERR_RDF, file, line, offset, "%s",
	                 librdf_log_message_message(msg));
	return 1; /* non-zero: handled, librdf must not print it again */
}

nkg_world *nkg_world_new(nkg_error_func on_error, void *handle)
{
	nkg_world *world = calloc(1, sizeof *world);
	if (!world)
		return NULL;
	world->on_error = on_error;
	world->handle = handle;
	world->rdf = librdf_new_world();
	if (!world->rdf) {
		free(world);
		return NULL;
	}
	librdf_world_set_logger(world->rdf, world, on_librdf_log);
	librdf_world_open(world->rdf);
	return world;
}

void nkg_world_free(nkg_world *world)
{
	if (!world)
		return;
	librdf_free_world(world->rdf);
	free(world);
}

void nkg_world_report(const nkg_world *world, nkg_status status,
                      const char *file, size_t line, size_t offset,
                      const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	nkg_error err;
	char *nl;

	if (!world || !world->on_error)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	nl = strpbrk(buf, "\r\n");
	if (nl)
		*nl = '\0';
	err.status = status;
	err.file = file;
	err.line = line;
	err.offset = offset;
	err.message = buf;
	world->on_error(world->handle, &err);
}

void *nkg_world_librdf(const nkg_world *world)
{
	return world ? world->rdf : NULL;
}
