/* Internal: one JSON Lines record to article fields.
 *
 * Just enough JSON for {"id","url","title","date","text"}: a full RFC 8259
 * parser for one object, keeping the five known keys and skipping the
 * others whatever their type.  No third-party library, no global state,
 * and no printing: an error comes back as a status, an offset and a
 * message for the reader to report. */
#ifndef NKG_JSON_H
#define NKG_JSON_H

#include <stddef.h>

#include "newskg/status.h"

/* The known fields of a record, each a NUL-terminated UTF-8 string owned
 * by the record (free with nkg_json_record_clear), or NULL when absent or
 * null.  A numeric "id" is kept as written ("42", "1e3"). */
typedef struct {
	char  *id;
	char  *url;
	char  *title;
	char  *date;
	char  *text;     /* never NULL after a successful parse */
	size_t text_len; /* bytes in text */
} nkg_json_record;

typedef struct {
	nkg_status status;  /* NKG_ERR_JSON, NKG_ERR_BINARY (\u0000) or NKG_ERR_NOMEM */
	size_t     offset;  /* byte offset in the line where the problem is */
	char       message[160];
} nkg_json_error;

/* Parses line[0..len), which must be valid UTF-8 without NUL bytes (the
 * reader checks that first), as one JSON object followed only by white
 * space.  On success fills *rec (the caller clears it); on failure leaves
 * *rec empty and describes the problem in *err. */
nkg_status nkg_json_parse_record(const char *line, size_t len,
                                 nkg_json_record *rec, nkg_json_error *err);

/* Frees the strings of *rec and zeroes it; NULL is allowed. */
void nkg_json_record_clear(nkg_json_record *rec);

#endif
