/* Internal: a set of strings kept as compactly as a run that names
 * millions of articles needs: the bytes in one arena, a table of 32-bit
 * offsets (about 20 bytes per 12-byte string, against 60 in an nkg_strmap). */
#ifndef NKG_STRSET_H
#define NKG_STRSET_H

#include <stddef.h>

typedef struct nkg_strset nkg_strset;

nkg_strset *nkg_strset_new(void);
void nkg_strset_free(nkg_strset *set);

/* 1 when `s` is in the set. */
int nkg_strset_has(const nkg_strset *set, const char *s);

/* Adds a copy of `s`: 0 when added, 1 when it was there, -1 when out of
 * memory or past 4 GiB of strings. */
int nkg_strset_add(nkg_strset *set, const char *s);

size_t nkg_strset_size(const nkg_strset *set);

#endif
