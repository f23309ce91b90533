/* Internal: a string-keyed hash map (open addressing).  Keys are copied;
 * values are borrowed pointers the caller owns. */
#ifndef NKG_STRMAP_H
#define NKG_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct nkg_strmap nkg_strmap;

nkg_strmap *nkg_strmap_new(void);
void nkg_strmap_free(nkg_strmap *map);

/* The value for `key`, or NULL. */
void *nkg_strmap_get(const nkg_strmap *map, const char *key);

/* Hash of an empty key, and of a key continued with s[0..n): a key built
 * piece by piece is hashed piece by piece, each byte once. */
#define NKG_STRMAP_HASH0 1469598103934665603ULL
uint64_t nkg_strmap_hash_more(uint64_t h, const char *s, size_t n);

/* A map whose keys are hashed whole by nkg_strmap_hash_wide, eight bytes
 * at a time: for lookups of many short keys, each already in one piece.
 * nkg_strmap_get and nkg_strmap_put hash with the map's own function. */
nkg_strmap *nkg_strmap_new_wide(void);
uint64_t nkg_strmap_hash_wide(const char *s, size_t n);

/* nkg_strmap_hash_wide in two steps.  The head hash mixes the key's
 * length and its first and last four bytes (all of a key of eight or
 * fewer); its top bits are well mixed, so a caller can test them against
 * a bit set before it finishes the hash, and a short key costs no more.
 * The bytes are taken in the machine's order: hashes are compared only
 * within one process. */
static inline uint64_t nkg_strmap_hash_mix_head(uint64_t w, size_t n)
{
	return (w ^ n * 0xff51afd7ed558ccdULL) * 0x9e3779b97f4a7c15ULL;
}

/* The head hash of a key of n >= 4 bytes that begins with the four bytes
 * at `first` and ends with the four at `last`: that of a key made of
 * pieces, before it is put together. */
static inline uint64_t nkg_strmap_hash_head_ends(const char *first, const char *last, size_t n)
{
	uint32_t a, b;
	memcpy(&a, first, 4);
	memcpy(&b, last, 4);
	return nkg_strmap_hash_mix_head(a | (uint64_t)b << 32, n);
}

static inline uint64_t nkg_strmap_hash_head(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 4)
		return nkg_strmap_hash_head_ends(s, s + n - 4, n);
	return nkg_strmap_hash_mix_head(
	    n ? u[0] | (uint64_t)u[n / 2] << 8 | (uint64_t)u[n - 1] << 16 : 0, n);
}

/* nkg_strmap_hash_wide of s[0..n) from its head hash; a key of eight
 * bytes or fewer is all in its head, and only mixed again. */
uint64_t nkg_strmap_hash_long(uint64_t head, const char *s, size_t n);

static inline uint64_t nkg_strmap_hash_rest(uint64_t head, const char *s, size_t n)
{
	uint64_t h;
	if (n > 8)
		return nkg_strmap_hash_long(head, s, n);
	/* slots are picked by the low bits, which a product leaves unmixed */
	h = (head ^ head >> 32) * 0x9e3779b97f4a7c15ULL;
	return h ^ h >> 32;
}

/* The value for key[0..len) (which need not be NUL-terminated), whose
 * hash is `h` (from nkg_strmap_hash_more, or nkg_strmap_hash_wide for a
 * map from nkg_strmap_new_wide), or NULL.  No strlen, and a
 * key is compared only when hash and length agree. */
void *nkg_strmap_get_hashed(const nkg_strmap *map, const char *key, size_t len,
                            uint64_t h);

/* Sets `key` to `value`; returns 0, or -1 when out of memory. */
int nkg_strmap_put(nkg_strmap *map, const char *key, void *value);

size_t nkg_strmap_size(const nkg_strmap *map);

/* Calls fn for every entry, in no particular order. */
void nkg_strmap_each(const nkg_strmap *map,
                     void (*fn)(const char *key, void *value, void *ctx), void *ctx);


/* A compact insert-only map for lookups that must touch little memory:
 * each entry is one record (a value of a fixed size, then the key's
 * length and bytes) in one array, and a slot is sixteen bytes: a key of
 * eight bytes or fewer is all in its slot, with its length, and a longer
 * one leaves 23 bits of its hash there; either way the slot has the
 * record's place and one byte the caller sets (nkg_keytab_set_user).  So
 * a lookup of a missing key reads one slot, and a found short one a slot
 * and its caller's byte, whatever the record holds: a lookup that goes
 * on from what it found (and the matcher's do, for its function words)
 * need not wait for a second load.  Keys are hashed by
 * nkg_strmap_hash_wide.  Values are zeroed when created; a pointer to
 * one stays valid until the next nkg_keytab_put. */
typedef struct nkg_keytab nkg_keytab;

nkg_keytab *nkg_keytab_new(size_t value_size);
void nkg_keytab_free(nkg_keytab *tab);

/* The value of key[0..len), created zeroed (and its byte 0) when missing;
 * NULL when out of memory. */
void *nkg_keytab_put(nkg_keytab *tab, const char *key, size_t len);

/* Sets the byte kept in the slot of key[0..len), a key of the table. */
void nkg_keytab_set_user(nkg_keytab *tab, const char *key, size_t len, unsigned char user);

struct nkg_keytab {
	uint64_t *slots; /* two words a slot.  The first: 0 when empty, else
	                    the length (a key of 1 to 8 bytes) or 1 << 23 |
	                    23 bits of the hash (any other key) << 40, the
	                    caller's byte << 32, record offset + 1.  The
	                    second: a short key's bytes (nkg_keytab_pack) */
	size_t cap;      /* slots, a power of two */
	size_t n;
	unsigned char *recs; /* 64-byte aligned, in recs_mem; no record of
	                        64 bytes or fewer crosses a cache line */
	unsigned char *recs_mem;
	size_t recs_len, recs_cap;
	size_t value_size; /* rounded up to 8 */
};

/* The first word's top bits for a key of len bytes with hash h. */
static inline uint64_t nkg_keytab_top(size_t len, uint64_t h)
{
	return len - 1 < 8 ? (uint64_t)len << 40 : (h >> 41 | 1ULL << 23) << 40;
}

/* The bytes of a key of 1 to 8 bytes as one number, zero above them:
 * with the length, all of the key. */
static inline uint64_t nkg_keytab_pack(const char *key, size_t len)
{
	const unsigned char *u = (const unsigned char *)key;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len >= 4) {
		/* the two loads overlap where len < 8, with the same bytes */
		uint32_t a, b;
		memcpy(&a, u, 4);
		memcpy(&b, u + len - 4, 4);
		return a | (uint64_t)b << (8 * (len - 4));
	}
	return u[0] | (len > 1 ? (uint64_t)u[1] << 8 : 0) | (len > 2 ? (uint64_t)u[2] << 16 : 0);
#else
	uint64_t w = 0;
	size_t i;
	for (i = 0; i < len; i++)
		w |= (uint64_t)u[i] << (8 * i);
	return w;
#endif
}

/* a[0..n) == b[0..n): keys are short, and a call to memcmp would cost
 * more than comparing them. */
static inline int nkg_strmap_same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x8, y8, x8e, y8e;
	uint32_t x4, y4, x4e, y4e;
	size_t i;
	if (n < 4) {
		for (i = 0; i < n; i++)
			if (a[i] != b[i])
				return 0;
		return 1;
	}
	if (n <= 8) {
		memcpy(&x4, a, 4);
		memcpy(&y4, b, 4);
		memcpy(&x4e, a + n - 4, 4);
		memcpy(&y4e, b + n - 4, 4);
		return ((x4 ^ y4) | (x4e ^ y4e)) == 0;
	}
	for (i = 0; i + 8 < n; i += 8) {
		memcpy(&x8, a + i, 8);
		memcpy(&y8, b + i, 8);
		if (x8 != y8)
			return 0;
	}
	memcpy(&x8e, a + n - 8, 8);
	memcpy(&y8e, b + n - 8, 8);
	return x8e == y8e;
}

/* The value of key[0..len), whose hash is h, or NULL; its slot's byte
 * (nkg_keytab_set_user) in *user.  Inline: it is called for most words
 * of a text.  A short key is compared in its slot; the 23 hash bits a
 * slot keeps rule out other long keys without reading their records. */
static inline void *nkg_keytab_find(const nkg_keytab *t, const char *key, size_t len,
                                    uint64_t h, unsigned *user)
{
	size_t i = (size_t)h & (t->cap - 1);
	uint64_t top = nkg_keytab_top(len, h), s;
	if (len - 1 < 8) {
		uint64_t want = nkg_keytab_pack(key, len);
		for (; (s = t->slots[2 * i]) != 0; i = (i + 1) & (t->cap - 1))
			if (t->slots[2 * i + 1] == want && (s >> 40 << 40) == top) {
				*user = (unsigned)(s >> 32 & 0xff);
				return t->recs + ((uint32_t)s - 1);
			}
		return NULL;
	}
	for (; (s = t->slots[2 * i]) != 0; i = (i + 1) & (t->cap - 1)) {
		unsigned char *r = t->recs + ((uint32_t)s - 1);
		uint32_t rlen;
		if (s >> 40 << 40 != top)
			continue;
		memcpy(&rlen, r + t->value_size, sizeof rlen);
		if (rlen == len &&
		    nkg_strmap_same_bytes((const char *)r + t->value_size + sizeof rlen, key, len)) {
			*user = (unsigned)(s >> 32 & 0xff);
			return r;
		}
	}
	return NULL;
}

/* nkg_keytab_find without the caller's byte. */
static inline void *nkg_keytab_get_hashed(const nkg_keytab *t, const char *key, size_t len,
                                          uint64_t h)
{
	unsigned user;
	return nkg_keytab_find(t, key, len, h, &user);
}

#endif
