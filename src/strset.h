/* Internal: a set of strings, optionally each with an int, kept as
 * compactly as a run that names millions of articles needs: the bytes in
 * one arena, a table of 32-bit offsets (about 20 bytes per 12-byte string,
 * against 60 and more in an nkg_strmap). */
#ifndef NKG_STRSET_H
#define NKG_STRSET_H

#include <stddef.h>

typedef struct nkg_strset nkg_strset;

/* With `with_values`, every string carries an int (4 more bytes). */
nkg_strset *nkg_strset_new(int with_values);
void nkg_strset_free(nkg_strset *set);

/* 1 when `s` is in the set. */
int nkg_strset_has(const nkg_strset *set, const char *s);

/* Adds a copy of `s` (its value 0): 0 when added, 1 when it was there, -1
 * when out of memory or past 4 GiB of strings. */
int nkg_strset_add(nkg_strset *set, const char *s);

/* A set with values: 1 and *value when `s` is in it, else 0. */
int nkg_strset_get(const nkg_strset *set, const char *s, int *value);

/* A set with values: sets the value of `s`, adding it when absent.  0, or
 * -1 when out of memory. */
int nkg_strset_put(nkg_strset *set, const char *s, int value);

size_t nkg_strset_size(const nkg_strset *set);

#endif
