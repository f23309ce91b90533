/* Internal: writing query results where rasqal's writers do not serve. */
#ifndef NKG_RESULTS_H
#define NKG_RESULTS_H

#include <stdio.h>

#include <redland.h>

#include "newskg/status.h"

/* Writes the bindings of `r` (borrowed, consumed) as aligned columns with
 * prefixed names and plain values, and a row count. */
nkg_status nkg_results_write_table(librdf_query_results *r, FILE *out);

#endif
