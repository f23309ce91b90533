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

#define DIGEST_PARTS 64 /* tables, chosen by the top six bits */
#define DIGEST_PART_CAP0 64

/* 96 bits of a digest: a, and b's low half.  All zero marks a free slot. */
typedef struct {
	uint32_t w[3];
} slot96;

typedef struct {
	slot96 *slots;
	size_t cap, n; /* cap: a power of two, at most 3/4 full */
} digest_part;

struct nkg_digestset {
	digest_part parts[DIGEST_PARTS];
	size_t n;
};

nkg_digestset *nkg_digestset_new(void)
{
	nkg_digestset *set = calloc(1, sizeof *set);
	size_t i;

	if (!set)
		return NULL;
	for (i = 0; i < DIGEST_PARTS; i++) {
		set->parts[i].cap = DIGEST_PART_CAP0;
		if (!(set->parts[i].slots = calloc(DIGEST_PART_CAP0, sizeof(slot96)))) {
			nkg_digestset_free(set);
			return NULL;
		}
	}
	return set;
}

void nkg_digestset_free(nkg_digestset *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < DIGEST_PARTS; i++)
		free(set->parts[i].slots);
	free(set);
}

size_t nkg_digestset_size(const nkg_digestset *set)
{
	return set->n;
}

static int slot_free(const slot96 *s)
{
	return !(s->w[0] | s->w[1] | s->w[2]);
}

static int slot_same(const slot96 *s, const slot96 *k)
{
	return s->w[0] == k->w[0] && s->w[1] == k->w[1] && s->w[2] == k->w[2];
}

/* The slot of key k in the part, or the free slot where it goes.  The
 * slot index uses a's low bits, the part its top ones: independent. */
static slot96 *part_find(const digest_part *p, const slot96 *k)
{
	size_t i = k->w[0] & (p->cap - 1);

	for (;; i = (i + 1) & (p->cap - 1))
		if (slot_free(&p->slots[i]) || slot_same(&p->slots[i], k))
			return &p->slots[i];
}

static int part_grow(digest_part *p)
{
	slot96 *old = p->slots;
	size_t oldcap = p->cap, i;

	if (!(p->slots = calloc(oldcap * 2, sizeof *p->slots))) {
		p->slots = old;
		return -1;
	}
	p->cap = oldcap * 2;
	for (i = 0; i < oldcap; i++)
		if (!slot_free(&old[i]))
			*part_find(p, &old[i]) = old[i];
	free(old);
	return 0;
}

nkg_digest nkg_digest_of(const char *s, size_t len)
{
	nkg_digest d;

	d.a = nkg_hash_bytes(s, len);
	d.b = nkg_hash_bytes_seeded(s, len, 0xD1B54A32D192ED03ULL);
	return d;
}

int nkg_digestset_add_digest(nkg_digestset *set, nkg_digest d)
{
	digest_part *p = &set->parts[d.a >> 58];
	slot96 k, *sl;

	k.w[0] = (uint32_t)d.a;
	k.w[1] = (uint32_t)(d.a >> 32);
	k.w[2] = (uint32_t)d.b;
	if (slot_free(&k))
		k.w[2] = 1; /* a digest whose 96 bits are zero: rare, still kept */
	if ((p->n + 1) * 4 > p->cap * 3 && part_grow(p))
		return -1;
	sl = part_find(p, &k);
	if (!slot_free(sl))
		return 1;
	*sl = k;
	p->n++;
	set->n++;
	return 0;
}

int nkg_digestset_add(nkg_digestset *set, const char *s, size_t len)
{
	return nkg_digestset_add_digest(set, nkg_digest_of(s, len));
}
