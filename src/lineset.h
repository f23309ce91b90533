/* Internal: sets of byte strings, for the writers' "written before?"
 * questions.  A line set is exact (a hash finds the candidates, the bytes
 * decide) and holds no bytes: it records offsets into a buffer the caller
 * keeps and passes again with every call (one article's lines, which are
 * in the article's output buffer anyway); nkg_lineset_clear empties it in
 * constant time.  A digest set (below) remembers a whole run's strings in
 * 12 bytes each. */
#ifndef NKG_LINESET_H
#define NKG_LINESET_H

#include <stddef.h>
#include <stdint.h>

typedef struct nkg_lineset nkg_lineset;

nkg_lineset *nkg_lineset_new(void);
void nkg_lineset_free(nkg_lineset *set);
void nkg_lineset_clear(nkg_lineset *set);

/* 1 when base[off..off+len) is in the set; else records (off, len) and
 * returns 0; -1 when out of memory.  Every entry lives in `base`. */
int nkg_lineset_add_at(nkg_lineset *set, const char *base, size_t off, size_t len);

/* How many strings the set holds. */
size_t nkg_lineset_size(const nkg_lineset *set);

/* A 64-bit hash of s[0..len), eight bytes at a step. */
uint64_t nkg_hash_bytes(const void *s, size_t len);

/* The same with another seed: a second, independent hash. */
uint64_t nkg_hash_bytes_seeded(const void *s, size_t len, uint64_t seed);

/* A set of strings kept as digests only, for what a whole run must
 * remember (the merged writers' shared triples): 12 bytes a string, 96 of
 * the digest's 128 bits.  Two different strings are taken for one only
 * when those 96 bits agree: odds of 2^-96 a pair, below 10^-11 over a
 * billion strings.  The set is 64 tables that each grow on their own, so
 * that memory grows in small steps with the run and never holds an old
 * and a new copy of the whole set at once. */
typedef struct nkg_digestset nkg_digestset;

/* The 128-bit digest of a string, of which a digest set keeps 96 bits. */
typedef struct {
	uint64_t a, b;
} nkg_digest;

nkg_digest nkg_digest_of(const char *s, size_t len);

nkg_digestset *nkg_digestset_new(void);
void nkg_digestset_free(nkg_digestset *set);

/* 1 when s[0..len) was added before; else adds it and returns 0; -1 when
 * out of memory. */
int nkg_digestset_add(nkg_digestset *set, const char *s, size_t len);

/* The same for a string whose digest was taken before (nkg_digest_of),
 * where that was cheaper: on a thread of its own. */
int nkg_digestset_add_digest(nkg_digestset *set, nkg_digest d);

size_t nkg_digestset_size(const nkg_digestset *set);

#endif
