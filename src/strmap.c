/* A plain open-addressing hash map keyed by strings (FNV-1a). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

typedef struct {
	char *key;
	void *value;
} slot;

struct nkg_strmap {
	slot *slots;
	size_t cap; /* power of two */
	size_t n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
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

static slot *find(const nkg_strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

void *nkg_strmap_get(const nkg_strmap *m, const char *key)
{
	return find(m, key)->value;
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
			*find(m, old[i].key) = old[i];
	free(old);
	return 0;
}

int nkg_strmap_put(nkg_strmap *m, const char *key, void *value)
{
	slot *s;
	if ((m->n + 1) * 2 > m->cap && rehash(m) != 0)
		return -1;
	s = find(m, key);
	if (!s->key) {
		if (!(s->key = strdup(key)))
			return -1;
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
