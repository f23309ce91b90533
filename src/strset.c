/* Open addressing with linear probing over offsets into the arena; slot
 * value 0 is empty, so offsets are stored plus one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lineset.h"
#include "strset.h"

struct nkg_strset {
	uint32_t *slots;
	size_t cap, n;     /* cap: a power of two, at most 3/4 full */
	char *arena;
	size_t len, arena_cap;
};

nkg_strset *nkg_strset_new(void)
{
	nkg_strset *set = calloc(1, sizeof *set);
	if (!set)
		return NULL;
	set->cap = 1024;
	if (!(set->slots = calloc(set->cap, sizeof *set->slots))) {
		free(set);
		return NULL;
	}
	return set;
}

void nkg_strset_free(nkg_strset *set)
{
	if (!set)
		return;
	free(set->slots);
	free(set->arena);
	free(set);
}

size_t nkg_strset_size(const nkg_strset *set)
{
	return set->n;
}

/* The slot of `s` (len bytes), or the empty slot where it goes. */
static uint32_t *find(const nkg_strset *set, const char *s, size_t len)
{
	size_t k = (size_t)nkg_hash_bytes(s, len) & (set->cap - 1);

	for (;; k = (k + 1) & (set->cap - 1)) {
		uint32_t v = set->slots[k];
		if (!v || (strncmp(set->arena + v - 1, s, len) == 0 && set->arena[v - 1 + len] == '\0'))
			return &set->slots[k];
	}
}

int nkg_strset_has(const nkg_strset *set, const char *s)
{
	return *find(set, s, strlen(s)) != 0;
}

static int grow(nkg_strset *set)
{
	uint32_t *old = set->slots;
	size_t oldcap = set->cap, i;

	if (!(set->slots = calloc(oldcap * 2, sizeof *set->slots))) {
		set->slots = old;
		return -1;
	}
	set->cap = oldcap * 2;
	for (i = 0; i < oldcap; i++)
		if (old[i]) {
			const char *s = set->arena + old[i] - 1;
			*find(set, s, strlen(s)) = old[i];
		}
	free(old);
	return 0;
}

int nkg_strset_add(nkg_strset *set, const char *s)
{
	size_t len = strlen(s);
	uint32_t *slot;
	char *p;

	if ((set->n + 1) * 4 > set->cap * 3 && grow(set))
		return -1;
	slot = find(set, s, len);
	if (*slot)
		return 1;
	if (set->len + len + 1 > UINT32_MAX - 1)
		return -1;
	if (set->arena_cap - set->len < len + 1) {
		size_t cap = set->arena_cap ? set->arena_cap * 2 : 16384;
		while (cap - set->len < len + 1)
			cap *= 2;
		if (!(p = realloc(set->arena, cap)))
			return -1;
		set->arena = p;
		set->arena_cap = cap;
	}
	memcpy(set->arena + set->len, s, len + 1);
	*slot = (uint32_t)(set->len + 1);
	set->len += len + 1;
	set->n++;
	return 0;
}
