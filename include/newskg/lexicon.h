/* newskg: the lexicon — actors, their names, and the words rules look for.
 *
 * The lexicon is data: Turtle files (see ontology/lexicon/README.md for the
 * vocabulary) loaded with raptor.  Entries of later files add to earlier
 * ones; an IRI described twice is one entry with the union of its forms. */
#ifndef NEWSKG_LEXICON_H
#define NEWSKG_LEXICON_H

#include "newskg/status.h"
#include "newskg/world.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nkg_lexicon nkg_lexicon;

/* An empty lexicon; `world` is borrowed and must outlive it. */
nkg_lexicon *nkg_lexicon_new(nkg_world *world);

/* Frees the lexicon; NULL is allowed. */
void nkg_lexicon_free(nkg_lexicon *lexicon);

/* Loads one Turtle file.  Syntax errors are reported with line and column;
 * the lexicon is left unchanged by a file that fails. */
nkg_status nkg_lexicon_load_file(nkg_lexicon *lexicon, const char *path);

/* Loads Turtle from memory; `name` labels errors. */
nkg_status nkg_lexicon_load_string(nkg_lexicon *lexicon, const char *turtle,
                                   size_t len, const char *name);

/* Loads every *.ttl file directly inside `dir`, in byte order of names. */
nkg_status nkg_lexicon_load_dir(nkg_lexicon *lexicon, const char *dir);

/* The data directory (it holds lexicon/ and the ontology): $NEWSKG_DATA_DIR
 * when set, else the source tree's ontology/ when it exists, else the
 * installed one.  Static string or getenv() result; do not free. */
const char *nkg_lexicon_default_dir(void);

/* Loads the shipped lexicon: every *.ttl in nkg_lexicon_default_dir()
 * followed by "/lexicon". */
nkg_status nkg_lexicon_load_default(nkg_lexicon *lexicon);

/* Number of entries (actors and triggers) and of surface forms. */
size_t nkg_lexicon_n_entries(const nkg_lexicon *lexicon);
size_t nkg_lexicon_n_forms(const nkg_lexicon *lexicon);

#ifdef __cplusplus
}
#endif
#endif
