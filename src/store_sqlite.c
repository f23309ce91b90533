/* Redland's sqlite storage, with the indexes its own SQL needs.
 *
 * rdf_storage_sqlite.c (Redland 1.0.17) creates one index on triples,
 * (subjectUri, subjectBlank, predicateUri), and none on literals or
 * blanks.  Every add first looks the quad up by subject, predicate and
 * object, and every literal or blank node by its text: with a subject
 * seek only and full scans of the other two tables, a load slows as the
 * store grows (20k statements: 14k/s; 1M: 2.8k/s; bench/README.md).
 * The indexes below are plain SQLite indexes on Redland's own tables, so
 * a store stays readable by any Redland program; CREATE INDEX IF NOT
 * EXISTS makes adding them to an older store a one-time cost. */
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "store_impl.h"
#include "world_impl.h"

static const char indexes[] =
	"CREATE INDEX IF NOT EXISTS nkg_triples_sp ON triples (subjectUri, predicateUri);"
	"CREATE INDEX IF NOT EXISTS nkg_triples_bp ON triples (subjectBlank, predicateUri);"
	/* ?s p o: the commonest pattern of a query, "?x a nkg:Accusation" */
	"CREATE INDEX IF NOT EXISTS nkg_triples_po ON triples (predicateUri, objectUri);"
	"CREATE INDEX IF NOT EXISTS nkg_triples_pl ON triples (predicateUri, objectLiteral);"
	/* replacing an article's graph deletes by context */
	"CREATE INDEX IF NOT EXISTS nkg_triples_c ON triples (contextUri);"
	"CREATE INDEX IF NOT EXISTS nkg_literals_text ON literals (text);"
	"CREATE INDEX IF NOT EXISTS nkg_blanks_blank ON blanks (blank);";

int nkg_sqlite_add_indexes(nkg_world *world, const char *path)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 10000);
		rc = sqlite3_exec(db, indexes, NULL, NULL, &msg);
	}
	/* A store someone may only read still answers queries, only slower;
	 * any write to it fails later with its own message. */
	if (rc == SQLITE_READONLY || (rc == SQLITE_CANTOPEN && access(path, W_OK) != 0))
		rc = SQLITE_OK;
	else if (rc != SQLITE_OK)
		nkg_world_report(world, NKG_ERR_STORE, path, 0, NKG_NO_OFFSET,
		                 "cannot index the sqlite store: %s",
		                 msg ? msg : db ? sqlite3_errmsg(db) : "out of memory");
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}
