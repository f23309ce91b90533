/* A plain open-addressing hash map keyed by strings (FNV-1a).  Each slot
 * keeps its key's hash and length, so a probe that meets another key
 * costs one integer compare, not a strcmp. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

typedef struct {
	char *key;
	void *value;
	uint64_t hash;
	size_t len;
} slot;

struct nkg_strmap {
	slot *slots;
	size_t cap; /* power of two */
	size_t n;
	int wide;   /* keyed by nkg_strmap_hash_wide, not FNV-1a */
};

uint64_t nkg_strmap_hash_more(uint64_t h, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s, *e = u + n;
	for (; u < e; u++) {
		h ^= *u;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Eight bytes of s as one number, in the machine's byte order: the
 * hash is only ever compared within one process. */
static uint64_t load8(const unsigned char *s)
{
	uint64_t w;
	memcpy(&w, s, 8);
	return w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ h >> 32;
}

uint64_t nkg_strmap_hash_long(uint64_t h, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s, *e = u + n;
	/* the head has the ends; this is all of it again */
	for (; e - u > 8; u += 8)
		h = mix(h, load8(u));
	h = mix(h, load8(e - 8));
	return mix(h, h >> 32);
}

uint64_t nkg_strmap_hash_wide(const char *s, size_t n)
{
	return nkg_strmap_hash_rest(nkg_strmap_hash_head(s, n), s, n);
}

static int same_bytes(const char *a, const char *b, size_t n)
{
	return nkg_strmap_same_bytes(a, b, n);
}

nkg_strmap *nkg_strmap_new(void)
{
	nkg_strmap *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->cap = 64;
	m->slots = calloc(m->cap, sizeof *m->slots);
	if (!m->slots) {
		free(m);
		return NULL;
	}
	return m;
}

void nkg_strmap_free(nkg_strmap *m)
{
	size_t i;
	if (!m)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

/* The slot holding key[0..len), or the empty slot where it would go.
 * Same probe sequence as ever, so iteration order does not change. */
static slot *find(const nkg_strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	const slot *s;
	for (s = &m->slots[i]; s->key; s = &m->slots[i]) {
		if (s->hash == h && s->len == len && same_bytes(s->key, key, len))
			break;
		i = (i + 1) & (m->cap - 1);
	}
	return &m->slots[i];
}

nkg_strmap *nkg_strmap_new_wide(void)
{
	nkg_strmap *m = nkg_strmap_new();
	if (m)
		m->wide = 1;
	return m;
}

static uint64_t hash_of(const nkg_strmap *m, const char *key, size_t len)
{
	return m->wide ? nkg_strmap_hash_wide(key, len)
	               : nkg_strmap_hash_more(NKG_STRMAP_HASH0, key, len);
}

void *nkg_strmap_get(const nkg_strmap *m, const char *key)
{
	size_t len = strlen(key);
	return find(m, key, len, hash_of(m, key, len))->value;
}

void *nkg_strmap_get_hashed(const nkg_strmap *m, const char *key, size_t len, uint64_t h)
{
	return find(m, key, len, h)->value;
}

static int rehash(nkg_strmap *m)
{
	slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->slots = calloc(oldcap * 2, sizeof *m->slots);
	if (!m->slots) {
		m->slots = old;
		return -1;
	}
	m->cap = oldcap * 2;
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
	return 0;
}

int nkg_strmap_put(nkg_strmap *m, const char *key, void *value)
{
	size_t len = strlen(key);
	uint64_t h = hash_of(m, key, len);
	slot *s;
	if ((m->n + 1) * 2 > m->cap && rehash(m) != 0)
		return -1;
	s = find(m, key, len, h);
	if (!s->key) {
		if (!(s->key = malloc(len + 1)))
			return -1;
		memcpy(s->key, key, len + 1);
		s->hash = h;
		s->len = len;
		m->n++;
	}
	s->value = value;
	return 0;
}

size_t nkg_strmap_size(const nkg_strmap *m)
{
	return m->n;
}

void nkg_strmap_each(const nkg_strmap *m,
                     void (*fn)(const char *key, void *value, void *ctx), void *ctx)
{
	size_t i;
	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			fn(m->slots[i].key, m->slots[i].value, ctx);
}

/* The record at offset off: its value, then its key's length, then the
 * key. */
static uint32_t rec_len(const nkg_keytab *t, size_t off)
{
	uint32_t len;
	memcpy(&len, t->recs + off + t->value_size, sizeof len);
	return len;
}

static const char *rec_key(const nkg_keytab *t, size_t off)
{
	return (const char *)t->recs + off + t->value_size + sizeof(uint32_t);
}

nkg_keytab *nkg_keytab_new(size_t value_size)
{
	nkg_keytab *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->value_size = (value_size + 7) & ~(size_t)7;
	t->cap = 64;
	if (!(t->slots = calloc(2 * t->cap, sizeof *t->slots))) {
		free(t);
		return NULL;
	}
	return t;
}

void nkg_keytab_free(nkg_keytab *t)
{
	if (!t)
		return;
	free(t->slots);
	free(t->recs_mem);
	free(t);
}

/* The slot (two words) of key[0..len) with hash h, or the empty one
 * where it goes.  The top bits a slot keeps rule out most other keys
 * without reading their records. */
static uint64_t *tab_find(const nkg_keytab *t, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (t->cap - 1);
	uint64_t top = nkg_keytab_top(len, h);
	for (; t->slots[2 * i]; i = (i + 1) & (t->cap - 1)) {
		uint64_t s = t->slots[2 * i];
		size_t off = (size_t)(uint32_t)s - 1;
		if (s >> 40 << 40 == top && rec_len(t, off) == len &&
		    same_bytes(rec_key(t, off), key, len))
			break;
	}
	return &t->slots[2 * i];
}

/* Room for `want` bytes of records, the array moved to a new 64-byte
 * aligned place (realloc keeps only a smaller alignment). */
static int recs_grow(nkg_keytab *t, size_t want)
{
	size_t cap = t->recs_cap ? t->recs_cap * 2 : 4096;
	unsigned char *mem, *recs;
	while (cap < want)
		cap *= 2;
	if (!(mem = malloc(cap + 63)))
		return -1;
	recs = mem + ((64 - (uintptr_t)mem % 64) % 64);
	if (t->recs_len)
		memcpy(recs, t->recs, t->recs_len);
	free(t->recs_mem);
	t->recs_mem = mem;
	t->recs = recs;
	t->recs_cap = cap;
	return 0;
}

static int tab_grow(nkg_keytab *t)
{
	uint64_t *old = t->slots;
	size_t oldcap = t->cap, i;
	if (!(t->slots = calloc(2 * oldcap * 2, sizeof *t->slots))) {
		t->slots = old;
		return -1;
	}
	t->cap = oldcap * 2;
	for (i = 0; i < oldcap; i++)
		if (old[2 * i]) {
			size_t off = (size_t)(uint32_t)old[2 * i] - 1;
			uint32_t len = rec_len(t, off);
			uint64_t h = nkg_strmap_hash_wide(rec_key(t, off), len);
			uint64_t *s = tab_find(t, rec_key(t, off), len, h);
			s[0] = old[2 * i];
			s[1] = old[2 * i + 1];
		}
	free(old);
	return 0;
}

void *nkg_keytab_put(nkg_keytab *t, const char *key, size_t len)
{
	uint64_t h = nkg_strmap_hash_wide(key, len), *s;
	size_t need = (t->value_size + sizeof(uint32_t) + len + 7) & ~(size_t)7, off;
	uint32_t len32 = (uint32_t)len;
	if ((s = tab_find(t, key, len, h)) && *s)
		return t->recs + ((uint32_t)*s - 1);
	if (len > UINT32_MAX || t->recs_len + 64 + need >= UINT32_MAX) /* offsets are 32-bit */
		return NULL;
	if ((t->n + 1) * 2 > t->cap) {
		if (tab_grow(t) != 0)
			return NULL;
		s = tab_find(t, key, len, h);
	}
	if (need <= 64 && (t->recs_len & 63) + need > 64)
		t->recs_len = (t->recs_len + 63) & ~(size_t)63; /* one line a record */
	if (t->recs_len + need > t->recs_cap && recs_grow(t, t->recs_len + need) != 0)
		return NULL;
	off = t->recs_len;
	memset(t->recs + off, 0, need);
	memcpy(t->recs + off + t->value_size, &len32, sizeof len32);
	memcpy(t->recs + off + t->value_size + sizeof len32, key, len);
	t->recs_len += need;
	s[0] = nkg_keytab_top(len, h) | (uint64_t)(off + 1);
	s[1] = len - 1 < 8 ? nkg_keytab_pack(key, len) : 0;
	t->n++;
	return t->recs + off;
}

void nkg_keytab_set_user(nkg_keytab *t, const char *key, size_t len, unsigned char user)
{
	uint64_t *s = tab_find(t, key, len, nkg_strmap_hash_wide(key, len));
	if (*s)
		*s = (*s & ~(0xffULL << 32)) | (uint64_t)user << 32;
}
