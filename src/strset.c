/* Open addressing with linear probing, in PARTS tables chosen by the
 * hash's top bits, each grown on its own: a run's memory then grows in
 * small steps and never holds an old and a new copy of the whole table.
 * Slots hold offsets into the arena plus one, so 0 is empty.
 *
 * The arena is blocks that never move (growing by realloc would hold two
 * copies for a moment, and copy every string again): a string starts at
 * block * BLOCK + position and never straddles two blocks; one longer than
 * a block gets a block of its own, and the block numbers it would have
 * spanned stay unused.  With values, each string's int sits just before it
 * (copied in and out: the arena keeps no alignment). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lineset.h"
#include "strset.h"

#define PARTS 64
#define PART_CAP0 16
#define BLOCK_BITS 16
#define BLOCK ((size_t)1 << BLOCK_BITS)
#define MAX_BLOCKS ((size_t)1 << (32 - BLOCK_BITS))

typedef struct {
	uint32_t *slots;
	size_t cap, n; /* cap: a power of two, at most 7/8 full */
} part;

struct nkg_strset {
	part parts[PARTS];
	size_t n;
	char **blocks;     /* blocks[i]: NULL for numbers a long string spans */
	size_t n_blocks, cap_blocks;
	size_t used;       /* bytes used in the last block */
	size_t value_size; /* sizeof(int) with values, else 0 */
};

nkg_strset *nkg_strset_new(int with_values)
{
	nkg_strset *set = calloc(1, sizeof *set);
	size_t i;

	if (!set)
		return NULL;
	set->value_size = with_values ? sizeof(int) : 0;
	set->used = BLOCK; /* the first string opens a block */
	for (i = 0; i < PARTS; i++) {
		set->parts[i].cap = PART_CAP0;
		if (!(set->parts[i].slots = calloc(PART_CAP0, sizeof(uint32_t)))) {
			nkg_strset_free(set);
			return NULL;
		}
	}
	return set;
}

void nkg_strset_free(nkg_strset *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < PARTS; i++)
		free(set->parts[i].slots);
	for (i = 0; i < set->n_blocks; i++)
		free(set->blocks[i]);
	free(set->blocks);
	free(set);
}

size_t nkg_strset_size(const nkg_strset *set)
{
	return set->n;
}

/* The string at slot value v (an offset plus one). */
static const char *at(const nkg_strset *set, uint32_t v)
{
	return set->blocks[(v - 1) >> BLOCK_BITS] + ((v - 1) & (BLOCK - 1));
}

/* The slot of `s` (len bytes, hash h) in its part, or the empty slot where
 * it goes. */
static uint32_t *find(const nkg_strset *set, const part *p, const char *s, size_t len,
                      uint64_t h)
{
	size_t k = (size_t)h & (p->cap - 1);

	for (;; k = (k + 1) & (p->cap - 1)) {
		uint32_t v = p->slots[k];
		const char *t;
		if (!v)
			return &p->slots[k];
		t = at(set, v);
		if (strncmp(t, s, len) == 0 && t[len] == '\0')
			return &p->slots[k];
	}
}

/* The part a hash belongs to: its top bits, independent of the slot's. */
static part *part_of(const nkg_strset *set, uint64_t h)
{
	return (part *)&set->parts[h >> (64 - 6)];
}

int nkg_strset_has(const nkg_strset *set, const char *s)
{
	size_t len = strlen(s);
	uint64_t h = nkg_hash_bytes(s, len);
	return *find(set, part_of(set, h), s, len, h) != 0;
}

static int grow(const nkg_strset *set, part *p)
{
	uint32_t *old = p->slots;
	size_t oldcap = p->cap, i;

	if (!(p->slots = calloc(oldcap * 2, sizeof *p->slots))) {
		p->slots = old;
		return -1;
	}
	p->cap = oldcap * 2;
	for (i = 0; i < oldcap; i++)
		if (old[i]) {
			const char *s = at(set, old[i]);
			size_t len = strlen(s);
			*find(set, p, s, len, nkg_hash_bytes(s, len)) = old[i];
		}
	free(old);
	return 0;
}

/* Room for `need` bytes that start in one block: their offset, or -1 when
 * out of memory or past 4 GiB. */
static int64_t reserve(nkg_strset *set, size_t need)
{
	size_t spans = need <= BLOCK ? 1 : (need + BLOCK - 1) / BLOCK, i;
	char *b;

	if (set->used + need <= BLOCK) {
		set->used += need;
		return (int64_t)((set->n_blocks - 1) * BLOCK + set->used - need);
	}
	if (set->n_blocks + spans > MAX_BLOCKS)
		return -1;
	if (set->n_blocks + spans > set->cap_blocks) {
		size_t cap = set->cap_blocks ? set->cap_blocks * 2 : 16;
		char **v;
		while (cap < set->n_blocks + spans)
			cap *= 2;
		if (!(v = realloc(set->blocks, cap * sizeof *v)))
			return -1;
		set->blocks = v;
		set->cap_blocks = cap;
	}
	if (!(b = malloc(spans * BLOCK)))
		return -1;
	set->blocks[set->n_blocks] = b;
	for (i = 1; i < spans; i++)
		set->blocks[set->n_blocks + i] = NULL;
	set->n_blocks += spans;
	/* a long string fills its blocks: the next string opens a new one */
	set->used = spans > 1 ? BLOCK : need;
	return (int64_t)((set->n_blocks - spans) * BLOCK);
}

/* The slot of `s`, added (value 0) when absent; *added says which.  NULL
 * when out of memory. */
static uint32_t *insert(nkg_strset *set, const char *s, int *added)
{
	size_t len = strlen(s), need = set->value_size + len + 1;
	uint64_t h = nkg_hash_bytes(s, len);
	part *p = part_of(set, h);
	uint32_t *slot;
	int64_t off;
	char *d;

	*added = 0;
	if ((p->n + 1) * 8 > p->cap * 7 && grow(set, p))
		return NULL;
	slot = find(set, p, s, len, h);
	if (*slot)
		return slot;
	if ((off = reserve(set, need)) < 0 || (uint64_t)off + set->value_size >= UINT32_MAX)
		return NULL;
	d = set->blocks[(size_t)off >> BLOCK_BITS] + ((size_t)off & (BLOCK - 1));
	memset(d, 0, set->value_size);
	memcpy(d + set->value_size, s, len + 1);
	*slot = (uint32_t)((size_t)off + set->value_size + 1);
	p->n++;
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
	size_t len = strlen(s);
	uint64_t h = nkg_hash_bytes(s, len);
	uint32_t v = *find(set, part_of(set, h), s, len, h);

	if (!v || !set->value_size)
		return 0;
	memcpy(value, at(set, v) - sizeof *value, sizeof *value);
	return 1;
}

int nkg_strset_put(nkg_strset *set, const char *s, int value)
{
	int added;
	uint32_t *slot = set->value_size ? insert(set, s, &added) : NULL;

	if (!slot)
		return -1;
	memcpy((char *)at(set, *slot) - sizeof value, &value, sizeof value);
	return 0;
}
