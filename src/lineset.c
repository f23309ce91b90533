/* Open addressing with linear probing.  In a line set a slot is live when
 * its generation is the set's, so clearing is one increment; in a digest
 * set when its digest is not zero (a zero digest is stored as one). */
#include <stdlib.h>
#include <string.h>

#include "lineset.h"

typedef struct {
	uint64_t hash;
	size_t off, len;
	uint32_t gen;
} slot;

struct nkg_lineset {
	slot *slots;
	size_t cap, n; /* cap: a power of two */
	uint32_t gen;  /* never 0: calloc'd slots are dead */
};

uint64_t nkg_hash_bytes(const void *s, size_t len)
{
	return nkg_hash_bytes_seeded(s, len, 0x9E3779B97F4A7C15ULL);
}

uint64_t nkg_hash_bytes_seeded(const void *s, size_t len, uint64_t seed)
{
	const unsigned char *p = s;
	uint64_t h = seed ^ len, w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 31;
		p += 8;
		len -= 8;
	}
	w = 0;
	memcpy(&w, p, len);
	h = (h ^ w) * 0x94D049BB133111EBULL;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	return h ^ (h >> 32);
}

nkg_lineset *nkg_lineset_new(void)
{
	nkg_lineset *set = calloc(1, sizeof *set);
	if (!set)
		return NULL;
	set->cap = 256;
	set->gen = 1;
	if (!(set->slots = calloc(set->cap, sizeof *set->slots))) {
		free(set);
		return NULL;
	}
	return set;
}

void nkg_lineset_free(nkg_lineset *set)
{
	if (!set)
		return;
	free(set->slots);
	free(set);
}

void nkg_lineset_clear(nkg_lineset *set)
{
	set->n = 0;
	if (++set->gen == 0) { /* after 2^32 clears: make every slot dead */
		memset(set->slots, 0, set->cap * sizeof *set->slots);
		set->gen = 1;
	}
}

size_t nkg_lineset_size(const nkg_lineset *set)
{
	return set->n;
}

static int grow(nkg_lineset *set)
{
	slot *old = set->slots, *s;
	size_t oldcap = set->cap, i, k;

	if (!(set->slots = calloc(oldcap * 2, sizeof *set->slots))) {
		set->slots = old;
		return -1;
	}
	set->cap = oldcap * 2;
	for (i = 0; i < oldcap; i++) {
		if (old[i].gen != set->gen)
			continue;
		for (k = old[i].hash & (set->cap - 1); set->slots[k].gen == set->gen;
		     k = (k + 1) & (set->cap - 1))
			;
		s = &set->slots[k];
		*s = old[i];
	}
	free(old);
	return 0;
}

/* The slot holding s, or the free slot where it goes. */
static slot *find(nkg_lineset *set, const char *base, const char *s, size_t len,
                  uint64_t h)
{
	size_t k = h & (set->cap - 1);
	slot *sl;

	for (;; k = (k + 1) & (set->cap - 1)) {
		sl = &set->slots[k];
		if (sl->gen != set->gen)
			return sl;
		if (sl->hash == h && sl->len == len && memcmp(base + sl->off, s, len) == 0)
			return sl;
	}
}

int nkg_lineset_add_at(nkg_lineset *set, const char *base, size_t off, size_t len)
{
	uint64_t h = nkg_hash_bytes(base + off, len);
	slot *sl;

	if ((set->n + 1) * 2 > set->cap && grow(set))
		return -1;
	sl = find(set, base, base + off, len, h);
	if (sl->gen == set->gen)
		return 1;
	sl->gen = set->gen;
	sl->hash = h;
	sl->len = len;
	sl->off = off;
	set->n++;
	return 0;
}

/* ---- digest sets ---------------------------------------------------------- */

typedef nkg_digest digest;

struct nkg_digestset {
	digest *slots;
	size_t cap, n; /* cap: a power of two, at most 3/4 full */
};

nkg_digestset *nkg_digestset_new(void)
{
	nkg_digestset *set = calloc(1, sizeof *set);
	if (!set)
		return NULL;
	set->cap = 1024;
	if (!(set->slots = calloc(set->cap, sizeof *set->slots))) {
		free(set);
		return NULL;
	}
	return set;
}

void nkg_digestset_free(nkg_digestset *set)
{
	if (!set)
		return;
	free(set->slots);
	free(set);
}

size_t nkg_digestset_size(const nkg_digestset *set)
{
	return set->n;
}

static digest *digest_find(const nkg_digestset *set, digest d)
{
	size_t k = d.a & (set->cap - 1);
	digest *sl;

	for (;; k = (k + 1) & (set->cap - 1)) {
		sl = &set->slots[k];
		if ((!sl->a && !sl->b) || (sl->a == d.a && sl->b == d.b))
			return sl;
	}
}

static int digest_grow(nkg_digestset *set)
{
	digest *old = set->slots;
	size_t oldcap = set->cap, i;

	if (!(set->slots = calloc(oldcap * 2, sizeof *set->slots))) {
		set->slots = old;
		return -1;
	}
	set->cap = oldcap * 2;
	for (i = 0; i < oldcap; i++)
		if (old[i].a || old[i].b)
			*digest_find(set, old[i]) = old[i];
	free(old);
	return 0;
}

nkg_digest nkg_digest_of(const char *s, size_t len)
{
	digest d;

	d.a = nkg_hash_bytes(s, len);
	d.b = nkg_hash_bytes_seeded(s, len, 0xD1B54A32D192ED03ULL);
	if (!d.a && !d.b)
		d.b = 1; /* all zero marks a free slot */
	return d;
}

int nkg_digestset_add_digest(nkg_digestset *set, nkg_digest d)
{
	digest *sl;

	if ((set->n + 1) * 4 > set->cap * 3 && digest_grow(set))
		return -1;
	sl = digest_find(set, d);
	if (sl->a || sl->b)
		return 1;
	*sl = d;
	set->n++;
	return 0;
}

int nkg_digestset_add(nkg_digestset *set, const char *s, size_t len)
{
	return nkg_digestset_add_digest(set, nkg_digest_of(s, len));
}
