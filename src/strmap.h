/* Internal: a string-keyed hash map (open addressing).  Keys are copied;
 * values are borrowed pointers the caller owns. */
#ifndef NKG_STRMAP_H
#define NKG_STRMAP_H

#include <stddef.h>

typedef struct nkg_strmap nkg_strmap;

nkg_strmap *nkg_strmap_new(void);
void nkg_strmap_free(nkg_strmap *map);

/* The value for `key`, or NULL. */
void *nkg_strmap_get(const nkg_strmap *map, const char *key);

/* Sets `key` to `value`; returns 0, or -1 when out of memory. */
int nkg_strmap_put(nkg_strmap *map, const char *key, void *value);

size_t nkg_strmap_size(const nkg_strmap *map);

/* Calls fn for every entry, in no particular order. */
void nkg_strmap_each(const nkg_strmap *map,
                     void (*fn)(const char *key, void *value, void *ctx), void *ctx);

#endif
