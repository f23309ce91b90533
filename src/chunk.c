/* Chunking: lexicon matches to items, then the multi-word actor phrases —
 * bodies with their state, hacker groups with their name or sponsor. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chunk.h"
#include "graph.h"

#define MAX_LOOK 8

static int is_actor_kind(nkg_kind k)
{
	return k != NKG_KIND_PRODUCT && k != NKG_KIND_MALWARE;
}

/* The lexicon has read the form's senses for this (nkg_form): the first
 * entity sense names an actor or a thing, else a trigger, else the item
 * is a cue; cues count whatever else it is. */
static void item_from_match(const nkg_match *m, nkg_item *it)
{
	const nkg_form *f = m->form;
	nkg_item_type named, unnamed;
	unsigned flags;
	memset(it, 0, sizeof *it);
	it->tb = m->begin;
	it->te = m->end;
	it->entity = f->entity;
	it->trigger = f->trigger;
	it->cues = f->cues;
	/* selects, not branches: what a match is, is anyone's guess */
	named = is_actor_kind((nkg_kind)f->entity_kind) ? NKG_IT_ACTOR : NKG_IT_THING;
	unnamed = f->trigger ? NKG_IT_TRIGGER : NKG_IT_CUE;
	it->type = f->entity ? named : unnamed;
	it->kind = f->entity_kind;
	flags = (f->entity_sense == NKG_SENSE_CAPITAL) * NKG_ITF_CAPITAL |
	        (f->entity_sense == NKG_SENSE_ADJECTIVE) * NKG_ITF_ADJ |
	        !!(m->clitics & NKG_CL_CONJ) * NKG_ITF_CONJ |
	        !!(m->clitics & (NKG_CL_B | NKG_CL_L | NKG_CL_K)) * NKG_ITF_PREP;
	it->flags = flags;
}

/* What the raw items hold, so that a pass with nothing to do in the
 * sentence is skipped or cut short: most sentences have no hacker or body
 * phrase.  The merges move items only towards the start, so the last cue
 * a pass acts on stays where it was or before. */
typedef struct {
	size_t end_hacker;  /* one past the last CUE item for hackers, or 0 */
	size_t end_body;    /* one past the last CUE item for a body, or 0 */
	size_t n_hacker;    /* CUE items for hackers */
	size_t n_body;      /* CUE items for a body */
	size_t actors;      /* ACTOR items, and CUE items that may become one */
	int part_of;        /* an actor is part of another (absorb_own_state) */
	int person;         /* an actor is a person (absorb_apposition) */
} seen_items;

/* `f` is the form the item was made from: what it says of the entity is
 * at hand there. */
static void note_item(seen_items *seen, const nkg_item *it, const nkg_form *f, size_t at)
{
	int hacker = nkg_item_has(it, NKG_CUE_HACKER);
	if (it->type == NKG_IT_CUE && hacker) {
		seen->end_hacker = at + 1;
		seen->n_hacker++;
	}
	if (it->type == NKG_IT_CUE && nkg_item_has(it, NKG_CUE_BODY)) {
		seen->end_body = at + 1;
		seen->n_body++;
	}
	if (it->type == NKG_IT_ACTOR) {
		seen->part_of |= f->entity_part_of;
		seen->person |= f->entity_kind == NKG_KIND_PERSON;
	}
	seen->actors += it->type == NKG_IT_ACTOR || hacker;
}

/* The forms matched lie anywhere among the lexicon's, and are read here
 * for the first time since the lexicon was loaded (the matcher needs only
 * its index): ask for them all at once, so that their misses overlap
 * with each other and with the words in between. */
static void prefetch_forms(const nkg_match *m, size_t nm)
{
#if defined(__GNUC__) || defined(__clang__)
	size_t k;
	for (k = 0; k < nm; k++)
		__builtin_prefetch(m[k].form);
#else
	(void)m;
	(void)nm;
#endif
}

/* Every item spans a token at least, so te - tb items are room enough. */
static nkg_status raw_items(const nkg_text *t, size_t tb, size_t te, const nkg_match *m,
                            size_t nm, nkg_item **items, size_t *cap, size_t *n_out,
                            seen_items *seen)
{
	size_t i = tb, k, n = 0;
	nkg_item *arr = *items;

	if (te - tb > *cap) {
		size_t c = *cap * 2 > te - tb ? *cap * 2 : te - tb;
		if (!(arr = realloc(arr, (c < 64 ? 64 : c) * sizeof *arr)))
			return NKG_ERR_NOMEM;
		*items = arr;
		*cap = c < 64 ? 64 : c;
	}
	memset(seen, 0, sizeof *seen);
	prefetch_forms(m, nm);
	for (k = 0;; k++) {
		/* the words up to the next match, then the match */
		size_t stop = k < nm ? m[k].begin : te;
		for (; i < stop; i++, n++) {
			memset(&arr[n], 0, sizeof *arr);
			arr[n].tb = i;
			arr[n].te = i + 1;
			arr[n].type = (t->tokens[i].flags & NKG_TOK_PUNCT) ? NKG_IT_PUNCT : NKG_IT_WORD;
		}
		if (k == nm)
			break;
		item_from_match(&m[k], &arr[n]);
		note_item(seen, &arr[n], m[k].form, n);
		n++;
		i = m[k].end;
	}
	*n_out = n;
	return NKG_SUCCESS;
}

/* ---- minting ---------------------------------------------------------------- */

/* Whether s[0..len) holds an ASCII letter.  A label is mostly Arabic,
 * with none, so all of it is read: eight bytes at a time. */
static int has_latin(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101u;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w, x, y;
		memcpy(&w, s + i, 8);
		x = w | 0x20 * ones; /* A-Z to a-z; bit 7 kept */
		y = x & 0x7F * ones; /* each byte + 0x1F or + 0x05 stays in its byte */
		/* a byte is a-z when y >= 0x61, y <= 0x7A and it is ASCII */
		if ((y + 0x1F * ones) & ~(y + 0x05 * ones) & ~x & 0x80 * ones)
			return 1;
	}
	for (; i < len; i++)
		if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))
			return 1;
	return 0;
}

static const char *mint_dir(nkg_kind kind)
{
	return kind == NKG_KIND_UNKNOWN_ACTOR ? "actor/" : "voice/";
}

/* Whether a minted entity is in the directory of `kind`. */
static int same_dir(const nkg_entity *e, nkg_kind kind)
{
	return (e->kind == NKG_KIND_UNKNOWN_ACTOR) == (kind == NKG_KIND_UNKNOWN_ACTOR);
}

/* The entity minted before in the directory of `kind` for the same
 * surface: the same label makes the same slug, hence the same IRI.  A
 * minted label is followed by its NUL and the IRI (nkg_mint), so its
 * length is known without reading it. */
static const nkg_entity *minted_as(const nkg_doc *doc, nkg_kind kind, const char *surface,
                                   size_t len)
{
	size_t i;
	for (i = 0; i < doc->n_minted; i++) {
		const nkg_entity *e = doc->minted[i];
		const char *label = e->label_en ? e->label_en : e->label_ar;
		if (same_dir(e, kind) && (size_t)(e->iri - label) == len + 1 &&
		    memcmp(label, surface, len) == 0)
			return e;
	}
	return NULL;
}

/* doc->minted grows by doubling: its capacity is the power of two (4 at
 * least) that n_minted fills, so it needs no field of its own. */
static int minted_room(nkg_doc *doc)
{
	size_t n = doc->n_minted;
	nkg_entity **p;
	if (n && (n < 4 || (n & (n - 1))))
		return 0;
	if (!(p = realloc(doc->minted, (n ? n * 2 : 4) * sizeof *p)))
		return -1;
	doc->minted = p;
	return 0;
}

/* Minted entities lie in blocks of the doc's own, one after another: a
 * malloc and a free for each (a handful an article) cost more than the
 * rest of minting but the slug.  A block starts with the next one's
 * address, padded so that what follows is aligned as malloc's is. */
#define MINT_HEAD 16
#define MINT_BLOCK 4096

static size_t mint_align(size_t n)
{
	return (n + MINT_HEAD - 1) & ~(size_t)(MINT_HEAD - 1);
}

/* `size` bytes from the newest block, or a new one; NULL when out of
 * memory.  mint_undo gives the last ones back. */
static void *mint_alloc(nkg_doc *doc, size_t size)
{
	size_t need = mint_align(size);
	char *b;
	if (need > doc->mint_room) {
		size_t cap = need > MINT_BLOCK - MINT_HEAD ? need : MINT_BLOCK - MINT_HEAD;
		if (!(b = malloc(MINT_HEAD + cap)))
			return NULL;
		*(void **)b = doc->mint_blocks;
		doc->mint_blocks = b;
		doc->mint_room = cap;
	}
	b = (char *)doc->mint_blocks + MINT_HEAD;
	/* the block is used from its end down: the room left is its start */
	doc->mint_room -= need;
	return b + doc->mint_room;
}

static void mint_undo(nkg_doc *doc, size_t size)
{
	doc->mint_room += mint_align(size);
}

void nkg_minted_free(nkg_doc *doc)
{
	while (doc->mint_blocks) {
		void *next = *(void **)doc->mint_blocks;
		free(doc->mint_blocks);
		doc->mint_blocks = next;
	}
	free(doc->minted);
	doc->minted = NULL;
	doc->n_minted = 0;
	doc->mint_room = 0;
}

/* The entity, its label and its IRI are one piece of a block, with room
 * for the IRI's slug at its longest: every byte of the label
 * percent-encoded. */
const nkg_entity *nkg_mint(nkg_minter *m, nkg_kind kind, const char *surface, size_t len)
{
	nkg_doc *doc = m->doc;
	const char *dir = mint_dir(kind);
	const nkg_entity *known = minted_as(doc, kind, surface, len);
	size_t i, nb = strlen(doc->base), nd = strlen(dir), ns;
	size_t size = sizeof(nkg_entity) + len + 1 + nb + nd + 3 * len + 1;
	nkg_entity *e;
	char *label, *slug, *iri;

	if (known)
		return known;
	if (!(e = mint_alloc(doc, size)))
		return NULL;
	memset(e, 0, sizeof *e);
	label = (char *)(e + 1);
	memcpy(label, surface, len);
	label[len] = '\0';
	if (!(slug = nkg_iri_slug(label)) || !*slug) {
		free(slug);
		mint_undo(doc, size);
		return NULL;
	}
	ns = strlen(slug);
	iri = label + len + 1;
	memcpy(iri, doc->base, nb);
	memcpy(iri + nb, dir, nd);
	memcpy(iri + nb + nd, slug, ns + 1);
	free(slug);
	/* every minted IRI is doc->base, a directory and a slug: the same
	 * directory and slug make the same IRI */
	for (i = 0; i < doc->n_minted; i++)
		if (same_dir(doc->minted[i], kind) &&
		    strcmp(doc->minted[i]->iri + nb + nd, iri + nb + nd) == 0) {
			mint_undo(doc, size);
			return doc->minted[i];
		}
	if (minted_room(doc)) {
		mint_undo(doc, size);
		return NULL;
	}
	e->iri = iri;
	e->kind = kind;
	if (has_latin(label, len))
		e->label_en = label;
	else
		e->label_ar = label;
	doc->minted[doc->n_minted++] = e;
	return e;
}

static const nkg_entity *mint_span(nkg_minter *m, const nkg_text *t, nkg_kind kind,
                                   size_t tb, size_t te)
{
	size_t a = t->tokens[tb].byte_begin, b = t->tokens[te - 1].byte_end;
	return nkg_mint(m, kind, m->text + a, b - a);
}

/* ---- phrases ------------------------------------------------------------------ */

static int punct_is(const nkg_text *t, const nkg_item *it, const char *chars)
{
	return it->type == NKG_IT_PUNCT && nkg_norm_in(chars, &t->tokens[it->tb]);
}

/* One branch for the caller, not two: half the items are cues, few have
 * the one asked for. */
static int is_cue(const nkg_item *it, nkg_cue c)
{
	return (it->type == NKG_IT_CUE) & nkg_item_has(it, c);
}

/* Replaces items [a, b] by one item. */
static void collapse(nkg_item *arr, size_t *n, size_t a, size_t b, const nkg_item *it)
{
	arr[a] = *it;
	memmove(arr + a + 1, arr + b + 1, (*n - b - 1) * sizeof *arr);
	*n -= b - a;
}

/* "السفارة الصينية في ويلينغتون", "المتحدث باسم الكرملين", "وزير الخارجية
 * الأميركي أنتوني بلينكن": the body speaks for the actor it names.  1 when
 * it did. */
static int merge_body(const nkg_text *t, nkg_minter *mi, nkg_item *arr, size_t *n, size_t i)
{
	size_t j, words = 0;
	nkg_item it;

	for (j = i + 1; j < *n && j <= i + MAX_LOOK; j++) {
		const nkg_item *x = &arr[j];
		/* after a title's own words only "بالاتحاد الأوروبي" or a nisba
		 * still belongs to the body; a bare name is the next argument */
		if (x->type == NKG_IT_ACTOR && !(x->flags & NKG_ITF_HACKERS) &&
		    (!words || (x->flags & (NKG_ITF_PREP | NKG_ITF_ADJ))))
			break;
		if (x->type == NKG_IT_ACTOR)
			return 0;
		/* not "في": the embassy in Wellington is not Wellington's */
		if (is_cue(x, NKG_CUE_BODY) || is_cue(x, NKG_CUE_FROM))
			continue;
		if (x->type == NKG_IT_WORD && ++words <= 2)
			continue;
		if (punct_is(t, x, "()-"))
			continue;
		return 0;
	}
	if (j >= *n || j > i + MAX_LOOK)
		return 0;
	it = arr[j];
	it.tb = arr[i].tb;
	it.flags = (it.flags & ~(NKG_ITF_ADJ | NKG_ITF_CAPITAL | NKG_ITF_CONJ | NKG_ITF_PREP)) |
	           NKG_ITF_BODY | (arr[i].flags & (NKG_ITF_CONJ | NKG_ITF_PREP));
	it.voice = it.kind == NKG_KIND_GOVBODY ? it.entity
	                                               : mint_span(mi, t, NKG_KIND_GOVBODY, it.tb, it.te);
	/* the place an embassy sits in is not a party: "… في ويلينغتون" */
	if (j + 2 < *n && is_cue(&arr[j + 1], NKG_CUE_IN) && arr[j + 2].type == NKG_IT_ACTOR &&
	    !(arr[j + 2].flags & NKG_ITF_CONJ)) {
		j += 2;
		it.te = arr[j].te;
	}
	collapse(arr, n, i, j, &it);
	return 1;
}

/* An agency followed by its own state ("وزارة أمن الدولة الصينية") is one
 * actor. */
static void absorb_own_state(nkg_item *arr, size_t *n, size_t i)
{
	const nkg_entity *e = arr[i].entity;
	size_t j = i + 1;
	/* the entity read last: most actors have no actor after them */
	if (j >= *n || arr[j].type != NKG_IT_ACTOR || !e || !e->part_of)
		return;
	if (arr[j].entity != e->part_of || (arr[j].flags & NKG_ITF_CONJ))
		return;
	if (!(arr[j].flags & (NKG_ITF_ADJ | NKG_ITF_PREP)) && !is_cue(&arr[j], NKG_CUE_IN))
		return;
	arr[i].te = arr[j].te;
	collapse(arr, n, i, j, &arr[i]);
}

/* A name after "تعرف باسم": lexicon actors, or the quoted or Latin words
 * that follow, minted as an actor of its own. */
static size_t unknown_name(const nkg_text *t, const nkg_item *arr, size_t n, size_t j,
                           size_t *tb, size_t *te)
{
	size_t k = j;
	if (k < n && punct_is(t, &arr[k], "\"'\xe2\x80\x9c\xe2\x80\x9d\xc2\xab\xc2\xbb")) {
		for (k = j + 1; k < n && k <= j + 6; k++)
			if (arr[k].type == NKG_IT_PUNCT && !punct_is(t, &arr[k], "-."))
				break;
		if (k == j + 1 || k > j + 6)
			return 0;
		*tb = arr[j + 1].tb;
		*te = arr[k - 1].te;
		/* The closing mark is used up with the name, when there is one:
		 * a quote left open to the end of the sentence ("قراصنة"2)
		 * counted a mark past the last item, and collapse() moved a
		 * negative number of bytes. */
		return k < n ? k - j + 1 : k - j;
	}
	while (k < n && (t->tokens[arr[k].tb].flags & (NKG_TOK_LATIN | NKG_TOK_NUM) ||
	                 (k > j && punct_is(t, &arr[k], "-."))))
		k++;
	if (k == j || !(t->tokens[arr[j].tb].flags & NKG_TOK_LATIN))
		return 0;
	*tb = arr[j].tb;
	*te = arr[k - 1].te;
	return k - j;
}

/* Items [i, j] and the unknown name after j become one actor minted from
 * that name; 0 when no name follows. */
static int merge_unknown(const nkg_text *t, nkg_minter *mi, nkg_item *arr, size_t *n,
                         size_t i, size_t j)
{
	size_t tb, te, used = unknown_name(t, arr, *n, j + 1, &tb, &te);
	nkg_item it;
	if (!used)
		return 0;
	memset(&it, 0, sizeof it);
	it.type = NKG_IT_ACTOR;
	it.tb = tb;
	it.te = te;
	it.flags = NKG_ITF_HACKERS | NKG_ITF_QUOTED;
	it.entity = mint_span(mi, t, NKG_KIND_UNKNOWN_ACTOR, tb, te);
	it.kind = NKG_KIND_UNKNOWN_ACTOR;
	if (!it.entity)
		return 0;
	collapse(arr, n, i, j + used, &it);
	return 1;
}

static int merge_named(const nkg_text *t, nkg_minter *mi, nkg_item *arr, size_t *n,
                       size_t i, size_t j)
{
	/* lexicon names right after (maybe in quotes): keep them, drop the
	 * phrase before */
	if (j + 2 < *n && arr[j + 2].type == NKG_IT_ACTOR &&
	    punct_is(t, &arr[j + 1], "\"'\xe2\x80\x9c\xe2\x80\x9d\xc2\xab\xc2\xbb"))
		j++;
	if (j + 1 < *n && arr[j + 1].type == NKG_IT_ACTOR) {
		arr[j + 1].flags |= NKG_ITF_HACKERS;
		arr[j + 1].flags &= ~NKG_ITF_CONJ;
		memmove(arr + i, arr + j + 1, (*n - j - 1) * sizeof *arr);
		*n -= j + 1 - i;
		return 1;
	}
	return merge_unknown(t, mi, arr, n, i, j);
}

/* "مجموعة قراصنة تعرف باسم …", "قراصنة مرتبطين بالصين", "قراصنة صينيين". */
static void merge_hackers(const nkg_text *t, nkg_minter *mi, nkg_item *arr, size_t *n, size_t i)
{
	size_t j, link = 0;
	/* "مجموعة Storm-0999", "مجموعة “العدالة الرقمية”": named at once */
	if (i + 1 < *n && arr[i + 1].type != NKG_IT_ACTOR && merge_unknown(t, mi, arr, n, i, i))
		return;
	for (j = i + 1; j < *n && j <= i + MAX_LOOK; j++) {
		if (punct_is(t, &arr[j], "."))
			break;
		if (is_cue(&arr[j], NKG_CUE_NAMED_AS) && merge_named(t, mi, arr, n, i, j))
			return;
		if (!link && (is_cue(&arr[j], NKG_CUE_LINK) || is_cue(&arr[j], NKG_CUE_FROM)) && j <= i + 4)
			link = j;
	}
	j = link ? link + 1 : i + 1;
	if (j < *n && j <= i + 2 && arr[j].type == NKG_IT_WORD && !link)
		j++; /* "مخترقي شبكات صينيين" */
	if (j < *n && arr[j].type == NKG_IT_ACTOR && (link || (arr[j].flags & NKG_ITF_ADJ))) {
		nkg_item it = arr[j];
		it.tb = arr[i].tb;
		it.flags = (it.flags & ~(NKG_ITF_ADJ | NKG_ITF_CAPITAL | NKG_ITF_CONJ)) |
		           NKG_ITF_HACKERS | (arr[i].flags & NKG_ITF_CONJ);
		collapse(arr, n, i, j, &it);
	}
}

/* The state an actor speaks for, or NULL. */
static const nkg_entity *state_of(const nkg_entity *e)
{
	if (!e)
		return NULL;
	if (e->kind == NKG_KIND_STATE)
		return e;
	return e->part_of;
}

static int is_person(const nkg_item *it)
{
	return it->type == NKG_IT_ACTOR && it->entity && it->kind == NKG_KIND_PERSON;
}

/* "وزير الخارجية الأمريكي جون كيري": a person right after a title of the
 * same state becomes the title's voice. */
static void absorb_titled_person(nkg_item *arr, size_t *n, size_t i)
{
	nkg_item it;
	size_t j = i + 1;
	if (arr[i].type != NKG_IT_ACTOR || !(arr[i].flags & NKG_ITF_BODY) || j >= *n)
		return;
	if (!is_person(&arr[j]) || (arr[j].flags & NKG_ITF_CONJ) ||
	    state_of(arr[j].entity) != state_of(arr[i].entity))
		return;
	it = arr[i];
	it.te = arr[j].te;
	it.voice = arr[j].entity;
	collapse(arr, n, i, j, &it);
}

/* "جون كيري، وزير الخارجية الأمريكي،": a title of the person's state in
 * apposition is dropped into the person. */
static void absorb_apposed_title(const nkg_text *t, nkg_item *arr, size_t *n, size_t i)
{
	nkg_item it;
	size_t j = i + 2;
	if (!is_person(&arr[i]) || j >= *n || !punct_is(t, &arr[i + 1], ",\xd8\x8c"))
		return;
	if (arr[j].type != NKG_IT_ACTOR || !(arr[j].flags & NKG_ITF_BODY) || (arr[j].flags & NKG_ITF_CONJ) ||
	    state_of(arr[j].entity) != state_of(arr[i].entity))
		return;
	if (j + 1 < *n && punct_is(t, &arr[j + 1], ",\xd8\x8c"))
		j++; /* the closing comma of the apposition */
	it = arr[i];
	it.te = arr[j].te;
	collapse(arr, n, i, j, &it);
}

/* A person and the title of the same state, in either order, are one
 * speaker; otherwise the name would be read as the verb's second
 * argument. */
static void absorb_apposition(const nkg_text *t, nkg_item *arr, size_t *n, size_t i)
{
	if (arr[i].type == NKG_IT_ACTOR && (arr[i].flags & NKG_ITF_BODY))
		absorb_titled_person(arr, n, i);
	else
		absorb_apposed_title(t, arr, n, i);
}

/* The merges keep the entity of an actor they join or mint one of no
 * state and no person, and only merge_body makes a BODY item, so what the
 * raw items lack the later passes need not look for. */
nkg_status nkg_chunk(const nkg_text *t, size_t tb, size_t te, const nkg_match *m,
                     size_t nm, nkg_minter *mi, nkg_item **items, size_t *cap, size_t *n_out)
{
	nkg_item *arr;
	size_t n, i, left;
	seen_items seen;
	int bodies = 0;
	nkg_status st = raw_items(t, tb, te, m, nm, items, cap, &n, &seen);

	if (st)
		return st;
	arr = *items;
	/* Each pass stops at its last cue (from the end): a merge at i leaves
	 * the items before i alone and makes no cue item, so the cues still
	 * to come number at most those counted less those passed. */
	for (i = seen.end_hacker, left = seen.n_hacker; left && i-- > 0;)
		if (is_cue(&arr[i], NKG_CUE_HACKER)) {
			left--;
			merge_hackers(t, mi, arr, &n, i);
		}
	for (i = seen.end_body < n ? seen.end_body : n, left = seen.n_body; left && i-- > 0;)
		if (is_cue(&arr[i], NKG_CUE_BODY)) {
			left--;
			bodies += merge_body(t, mi, arr, &n, i);
		}
	/* both passes join two actors, and the merges above add an actor only
	 * for a hacker phrase (merge_unknown) */
	if (seen.actors >= 2 && seen.part_of)
		for (i = 0; i < n; i++)
			if (arr[i].type == NKG_IT_ACTOR)
				absorb_own_state(arr, &n, i);
	if (seen.actors >= 2 && seen.person && bodies)
		for (i = 0; i < n; i++)
			if (arr[i].type == NKG_IT_ACTOR)
				absorb_apposition(t, arr, &n, i);
	*n_out = n;
	return NKG_SUCCESS;
}
