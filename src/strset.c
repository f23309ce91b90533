/* Open addressing with linear probing over offsets into the arena; slot
 * value 0 is empty, so offsets are stored plus one.  With values, each
 * string's int sits just before it in the arena (copied in and out: the
 * arena keeps no alignment). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lineset.h"
#include "strset.h"

struct nkg_strset {
	uint32_t *slots;
	size_t cap, n;     /* cap: a power of two, at most 7/8 full */
	char *arena;
	size_t len, arena_cap;
	size_t value_size; /* sizeof(int) with values, else 0 */
};

nkg_strset *nkg_strset_new(int with_values)
{
	nkg_strset *set = calloc(1, sizeof *set);
	if (!set)
		return NULL;
	set->value_size = with_values ? sizeof(int) : 0;
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

/* The slot of `s`, added (value 0) when absent; *added says which.  NULL
 * when out of memory. */
static uint32_t *insert(nkg_strset *set, const char *s, int *added)
{
	size_t len = strlen(s), need = set->value_size + len + 1;
	uint32_t *slot;
	char *p;

	*added = 0;
	if ((set->n + 1) * 8 > set->cap * 7 && grow(set))
		return NULL;
	slot = find(set, s, len);
	if (*slot)
		return slot;
	if (set->len + need >= UINT32_MAX)
		return NULL;
	if (set->arena_cap - set->len < need) {
		size_t cap = set->arena_cap ? set->arena_cap * 2 : 16384;
		while (cap - set->len < need)
			cap *= 2;
		if (!(p = realloc(set->arena, cap)))
			return NULL;
		set->arena = p;
		set->arena_cap = cap;
	}
	memset(set->arena + set->len, 0, set->value_size);
	memcpy(set->arena + set->len + set->value_size, s, len + 1);
	*slot = (uint32_t)(set->len + set->value_size + 1);
	set->len += need;
	set->n++;
	*added = 1;
	return slot;
}

int nkg_strset_add(nkg_strset *set, const char *s)
{
	int added;
	return insert(set, s, &added) ? !added : -1;
}

int nkg_strset_get(const nkg_strset *set, const char *s, int *value)
{
	uint32_t v = *find(set, s, strlen(s));

	if (!v || !set->value_size)
		return 0;
	memcpy(value, set->arena + v - 1 - sizeof *value, sizeof *value);
	return 1;
}

int nkg_strset_put(nkg_strset *set, const char *s, int value)
{
	int added;
	uint32_t *slot = set->value_size ? insert(set, s, &added) : NULL;

	if (!slot)
		return -1;
	memcpy(set->arena + *slot - 1 - sizeof value, &value, sizeof value);
	return 0;
}
