/* The world: owns the librdf world and routes every message to the
 * caller's error callback, so the library itself never prints. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "newskg/world.h"
#include "store_impl.h"
#include "world_impl.h"

static void report_v(const nkg_world *world, nkg_status status,
                     const char *file, size_t line, size_t column,
                     size_t offset, const char *fmt, va_list ap)
{
	char buf[1024];
	nkg_error err;
	char *nl;

	if (!world || !world->on_error)
		return;
	vsnprintf(buf, sizeof buf, fmt, ap);
	nl = strpbrk(buf, "\r\n");
	if (nl)
		*nl = '\0';
	err.status = status;
	err.file = file;
	err.line = line;
	err.column = column;
	err.offset = offset;
	err.message = buf;
	world->on_error(world->handle, &err);
}

static void report_locator(const nkg_world *world, raptor_locator *loc,
                           const char *text)
{
	const char *file = NULL;
	size_t line = 0, column = 0, offset = NKG_NO_OFFSET;

	if (loc) {
		file = loc->file;
		if (!file && loc->uri)
			file = (const char *)raptor_uri_as_string(loc->uri);
		if (loc->line > 0)
			line = (size_t)loc->line;
		if (loc->column > 0)
			column = (size_t)loc->column;
		if (loc->byte >= 0)
			offset = (size_t)loc->byte;
	}
	nkg_world_report_at(world, NKG_ERR_RDF, file, line, column, offset,
	                    "%s", text);
}

static int on_librdf_log(void *user_data, librdf_log_message *msg)
{
	nkg_world *world = user_data;
	int level = librdf_log_message_level(msg);
	const char *text = librdf_log_message_message(msg);

	if (world->query_running && librdf_log_message_facility(msg) == LIBRDF_FROM_QUERY) {
		if (level >= LIBRDF_LOG_ERROR && !world->query_error[0])
			snprintf(world->query_error, sizeof world->query_error, "%s",
			         text ? text : "query failed");
		return 1;
	}
	if (level < LIBRDF_LOG_WARN)
		return 1; /* debug and info: swallowed, not printed */
	/* rasqal warns about every variable it binds and does not project
	 * ("?s was bound but is unused", even for COUNT(*)); the query was
	 * checked before it ran, so its remaining warnings are noise. */
	if (level == LIBRDF_LOG_WARN &&
	    librdf_log_message_facility(msg) == LIBRDF_FROM_QUERY)
		return 1;
	report_locator(world, librdf_log_message_locator(msg), text);
	return 1; /* non-zero: handled, librdf must not print it again */
}

/* Replaces the handler librdf gives raptor, to count parse errors. */
static void on_raptor_log(void *user_data, raptor_log_message *msg)
{
	nkg_world *world = user_data;

	if (msg->level < RAPTOR_LOG_LEVEL_WARN ||
	    (msg->level == RAPTOR_LOG_LEVEL_WARN && world->query_running))
		return;
	if (msg->level >= RAPTOR_LOG_LEVEL_ERROR)
		world->rdf_errors++;
	report_locator(world, msg->locator, msg->text);
}

void nkg_world_watch_raptor(nkg_world *world)
{
	raptor_world_set_log_handler(librdf_world_get_raptor(world->rdf), world,
	                             on_raptor_log);
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
	nkg_world_watch_raptor(world);
	nkg_union_view_register(world->rdf);
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
	va_list ap;

	va_start(ap, fmt);
	report_v(world, status, file, line, 0, offset, fmt, ap);
	va_end(ap);
}

void nkg_world_report_at(const nkg_world *world, nkg_status status,
                         const char *file, size_t line, size_t column,
                         size_t offset, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_v(world, status, file, line, column, offset, fmt, ap);
	va_end(ap);
}

void *nkg_world_librdf(const nkg_world *world)
{
	return world ? world->rdf : NULL;
}
